//! Merging: stored properties ← Properties rows ← Dynamic Properties.
//!
//! A later source wins over an earlier one and a later row over an earlier
//! row; what no source names keeps its stored value. The result is the list
//! of changes the store must make, with no-ops left out: a plain value set to
//! what it already is, a secret sent back as the mask `******`, or the removal
//! of a property that is not there. A property whose kind guards it with a
//! permission is the exception: naming it is sent to the store even when it
//! changes nothing, so that the store can refuse a caller without the
//! permission for naming it, whatever its value.
//!
//! With [`MergeMode::Deep`], a new value that is a JSON object is merged
//! into the stored value with RFC 7396 JSON Merge Patch instead of replacing
//! it: here for a plain value, in the store for a secret (as a
//! [`ChangeOp::Merge`]), so the guest never needs to read the secret.

use serde_json::{Map, Value};

use crate::by_name::{ByName, NameIndex, Place};
use crate::model::{
    Change, ChangeOp, Connector, KindRules, MergeMode, SECRET_MASK, StoredValue, WriteReceipt,
};

/// What a step asks for one property: a new value, or `None` to remove it.
#[derive(Clone, PartialEq, Eq)]
pub struct Update {
    /// The property name.
    pub name: String,
    /// The new value, or `None` to remove.
    pub value: Option<String>,
}

impl std::fmt::Debug for Update {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Update")
            .field("name", &self.name)
            .field(
                "value",
                &self.value.as_ref().map(|_| crate::model::REDACTED),
            )
            .finish()
    }
}

/// Combines the resolved Properties rows and Dynamic Properties into one
/// update per name: the last word on a name wins, and names keep the order
/// in which they first appear.
pub fn collect_updates(
    rows: impl IntoIterator<Item = (String, String)>,
    dynamic: impl IntoIterator<Item = (String, Option<String>)>,
) -> Vec<Update> {
    let mut updates: Vec<Update> = Vec::new();
    let mut index = NameIndex::new();
    let all = rows
        .into_iter()
        .map(|(name, value)| (name, Some(value)))
        .chain(dynamic);
    for (name, value) in all {
        match index.place(&name, updates.len(), |at| updates[at].name.as_str()) {
            Place::Found(at) => updates[at].value = value,
            Place::New(_) => updates.push(Update { name, value }),
        }
    }
    updates
}

/// Whether `name` is secret on `connector`: the store marks it so, or the kind's rules do.
pub fn is_secret(connector: &Connector, rules: Option<&KindRules>, name: &str) -> bool {
    matches!(
        connector.property(name).map(|p| &p.value),
        Some(StoredValue::Secret)
    ) || rules.is_some_and(|r| r.is_secret(name))
}

/// The changes that turn `connector` into the merged result of `updates`,
/// in the order of `updates`. The stored properties and the rules are each
/// looked up by name ([`ByName`]), so the work is linear in their number.
pub fn merge_properties(
    connector: &Connector,
    updates: &[Update],
    rules: Option<&KindRules>,
    mode: MergeMode,
) -> Vec<Change> {
    let stored_by_name = ByName::new(&connector.properties);
    let rule_by_name = rules.map(|r| ByName::new(&r.properties));
    let mut changes = Vec::new();
    for update in updates {
        let stored = stored_by_name.get(&update.name).map(|p| &p.value);
        let rule = rule_by_name.as_ref().and_then(|r| r.get(&update.name));
        // As `is_secret`: the store marks it so, or the kind's rules do.
        let secret = matches!(stored, Some(StoredValue::Secret)) || rule.is_some_and(|r| r.secret);
        // A property guarded by a permission is sent to the store even when
        // the step changes nothing, so that the store refuses a caller
        // without the permission for naming it, before any value is
        // compared: a right guess and a wrong one are refused alike. (An
        // immutable one is refused for any change, so a no-op stays out.)
        let guarded = rule.is_some_and(|r| r.write_permission.is_some() && !r.immutable);
        let unchanged = |value: &str| {
            guarded.then(|| ChangeOp::Set {
                value: value.to_string(),
                secret,
            })
        };
        let patch = match (&update.value, mode) {
            (Some(value), MergeMode::Deep) => json_object(value),
            _ => None,
        };
        let op = match (&update.value, stored, patch) {
            (None, Some(_), _) => ChangeOp::Remove,
            (None, None, _) if guarded => ChangeOp::Remove,
            (None, None, _) => continue,
            // The mask keeps a stored secret; with nothing stored there is nothing to keep.
            (Some(value), _, _) if secret && value == SECRET_MASK => continue,
            (Some(value), _, Some(_)) if secret => ChangeOp::Merge {
                patch: value.clone(),
                secret,
            },
            (Some(_), stored, Some(patch)) => {
                let old = match stored {
                    Some(StoredValue::Plain(old)) => Some(old.as_str()),
                    _ => None,
                };
                match merge_into_text(old, patch) {
                    Some(value) => ChangeOp::Set { value, secret },
                    None => match unchanged(old.unwrap_or_default()) {
                        Some(op) => op,
                        None => continue,
                    },
                }
            }
            (Some(value), Some(StoredValue::Plain(old)), None) if !secret && old == value => {
                match unchanged(old) {
                    Some(op) => op,
                    None => continue,
                }
            }
            (Some(value), _, None) => ChangeOp::Set {
                value: value.clone(),
                secret,
            },
        };
        changes.push(Change {
            name: update.name.clone(),
            op,
        });
    }
    changes
}

/// The JSON object `text` holds, if it holds one.
pub fn json_object(text: &str) -> Option<Map<String, Value>> {
    match serde_json::from_str(text) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// RFC 7396: `patch` merged into `target`; no target (or one that is not
/// an object) counts as `{}`.
pub fn merge_patch(
    target: Option<Map<String, Value>>,
    patch: Map<String, Value>,
) -> Map<String, Value> {
    let mut merged = Value::Object(target.unwrap_or_default());
    json_patch::merge(&mut merged, &Value::Object(patch));
    match merged {
        Value::Object(map) => map,
        // A patch that is an object always leaves an object.
        _ => Map::new(),
    }
}

/// RFC 7396 on stored text: `patch` merged into the JSON object that
/// `target` holds (`{}` when there is none), as the text to store; `None`
/// when the target already holds the result, so nothing changes. The guest
/// uses it for a plain value, and a store for a secret.
pub fn merge_into_text(target: Option<&str>, patch: Map<String, Value>) -> Option<String> {
    let old = target.and_then(json_object);
    let merged = merge_patch(old.clone(), patch);
    if old.is_some_and(|old| old == merged) {
        return None;
    }
    Some(Value::Object(merged).to_string())
}

/// The names of a write's receipt, sorted into added, changed and removed,
/// each list in the order of `changes`. Names the step did not ask to
/// change are ignored.
pub fn classify(
    connector: &Connector,
    changes: &[Change],
    receipt: &WriteReceipt,
) -> (Vec<String>, Vec<String>, Vec<String>) {
    let in_receipt = ByName::new(&receipt.changed);
    let stored = ByName::new(&connector.properties);
    let (mut added, mut changed, mut removed) = (Vec::new(), Vec::new(), Vec::new());
    for change in changes {
        let name = change.name.as_str();
        if in_receipt.get(name).is_none() {
            continue;
        }
        let list = match (&change.op, stored.get(name).is_some()) {
            (ChangeOp::Remove, _) => &mut removed,
            (ChangeOp::Set { .. } | ChangeOp::Merge { .. }, false) => &mut added,
            (ChangeOp::Set { .. } | ChangeOp::Merge { .. }, true) => &mut changed,
        };
        list.push(change.name.clone());
    }
    (added, changed, removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PropertyRule, StoredProperty, ValueFormat};

    fn connector() -> Connector {
        Connector {
            id: "c1".into(),
            name: "Twitter API".into(),
            kind: None,
            revision: 3,
            properties: vec![
                StoredProperty {
                    name: "APIKey".into(),
                    value: StoredValue::Secret,
                },
                StoredProperty {
                    name: "Endpoint".into(),
                    value: StoredValue::Plain("endpoint0".into()),
                },
                StoredProperty {
                    name: "Timeout".into(),
                    value: StoredValue::Plain("30s".into()),
                },
            ],
        }
    }

    fn set(name: &str, value: &str, secret: bool) -> Change {
        Change {
            name: name.into(),
            op: ChangeOp::Set {
                value: value.into(),
                secret,
            },
        }
    }

    fn row(name: &str, value: &str) -> (String, String) {
        (name.into(), value.into())
    }

    #[test]
    fn the_seed_merge_example() {
        let updates = collect_updates(
            [row("APIKey", "oldValue"), row("Endpoint", "endpoint1")],
            [
                ("APIKey".into(), Some("newValue".into())),
                ("Timeout".into(), Some("60s".into())),
            ],
        );
        let changes = merge_properties(&connector(), &updates, None, MergeMode::Replace);
        assert_eq!(
            changes,
            vec![
                set("APIKey", "newValue", true),
                set("Endpoint", "endpoint1", false),
                set("Timeout", "60s", false)
            ]
        );
    }

    #[test]
    fn later_rows_win_and_order_is_first_appearance() {
        let updates = collect_updates([row("B", "1"), row("A", "2"), row("B", "3")], []);
        let names: Vec<_> = updates
            .iter()
            .map(|u| (u.name.as_str(), u.value.as_deref()))
            .collect();
        assert_eq!(names, vec![("B", Some("3")), ("A", Some("2"))]);
    }

    #[test]
    fn no_ops_are_left_out() {
        let updates = collect_updates(
            [row("Timeout", "30s"), row("APIKey", SECRET_MASK)],
            [("Missing".into(), None)],
        );
        assert!(merge_properties(&connector(), &updates, None, MergeMode::Replace).is_empty());
    }

    /// A guarded property is named to the store even when the step would
    /// change nothing, so the store refuses a caller without the permission
    /// whatever the value; the mask names nothing, and an immutable one,
    /// refused for any change, stays out.
    #[test]
    fn a_guarded_no_op_still_reaches_the_store() {
        let mut guarded = PropertyRule::new("Endpoint", ValueFormat::Text);
        guarded.write_permission = Some("p".into());
        let mut fixed = PropertyRule::new("Timeout", ValueFormat::Text);
        fixed.write_permission = Some("p".into());
        fixed.immutable = true;
        let mut secret = PropertyRule::new("APIKey", ValueFormat::Text);
        secret.write_permission = Some("p".into());
        secret.secret = true;
        let mut gone = PropertyRule::new("Gone", ValueFormat::Text);
        gone.write_permission = Some("p".into());
        let rules = KindRules {
            kind: "k".into(),
            help: String::new(),
            properties: vec![guarded, fixed, secret, gone],
            max_properties: None,
            allow_unknown: true,
        };
        let updates = collect_updates(
            [
                row("Endpoint", "endpoint0"),
                row("Timeout", "30s"),
                row("APIKey", SECRET_MASK),
            ],
            [("Gone".into(), None)],
        );
        for mode in [MergeMode::Replace, MergeMode::Deep] {
            let changes = merge_properties(&connector(), &updates, Some(&rules), mode);
            assert_eq!(
                changes,
                vec![
                    set("Endpoint", "endpoint0", false),
                    Change {
                        name: "Gone".into(),
                        op: ChangeOp::Remove
                    }
                ]
            );
        }
    }

    #[test]
    fn null_removes_and_names_are_case_sensitive() {
        let updates = collect_updates([row("timeout", "1s")], [("Endpoint".into(), None)]);
        let changes = merge_properties(&connector(), &updates, None, MergeMode::Replace);
        assert_eq!(
            changes,
            vec![
                set("timeout", "1s", false),
                Change {
                    name: "Endpoint".into(),
                    op: ChangeOp::Remove
                }
            ]
        );
    }

    /// RFC 7396, appendix A: original, patch, result, shared with the
    /// integration tests. A patch that is not an object replaces the value,
    /// and a `null` patch removes the property.
    fn rfc7396_examples() -> Vec<(Value, Value, Value)> {
        serde_json::from_str(include_str!("../fixtures/rfc7396-examples.json")).unwrap()
    }

    /// What a Dynamic Properties value becomes: a string its text, `null`
    /// a removal, anything else its compact JSON.
    fn as_update(json: &str) -> Option<String> {
        match serde_json::from_str::<Value>(json) {
            Ok(Value::Null) => None,
            Ok(Value::String(s)) => Some(s),
            Ok(other) => Some(other.to_string()),
            Err(e) => panic!("bad example {json}: {e}"),
        }
    }

    fn with_doc(value: &StoredValue) -> Connector {
        let mut c = connector();
        c.properties.push(StoredProperty {
            name: "doc".into(),
            value: value.clone(),
        });
        c
    }

    #[test]
    fn deep_merge_passes_the_rfc_7396_examples() {
        let examples = rfc7396_examples();
        assert_eq!(examples.len(), 15);
        for (original, patch, result) in examples {
            let (original, patch, result) =
                (original.to_string(), patch.to_string(), result.to_string());
            let c = with_doc(&StoredValue::Plain(original.clone()));
            let updates = collect_updates([], [("doc".to_string(), as_update(&patch))]);
            let changes = merge_properties(&c, &updates, None, MergeMode::Deep);
            let stored = match changes.as_slice() {
                [] => Some(original.to_string()),
                [
                    Change {
                        op: ChangeOp::Set { value, .. },
                        ..
                    },
                ] => Some(value.clone()),
                [
                    Change {
                        op: ChangeOp::Remove,
                        ..
                    },
                ] => None,
                other => panic!("{original} + {patch}: unexpected {other:?}"),
            };
            assert_eq!(
                stored,
                as_update(&result),
                "{original} merged with {patch} should be {result}"
            );
        }
    }

    #[test]
    fn deep_merge_of_a_secret_is_left_to_the_store() {
        let c = with_doc(&StoredValue::Secret);
        let updates = collect_updates([], [("doc".to_string(), Some(r#"{"a":null}"#.into()))]);
        let changes = merge_properties(&c, &updates, None, MergeMode::Deep);
        assert_eq!(
            changes,
            vec![Change {
                name: "doc".into(),
                op: ChangeOp::Merge {
                    patch: r#"{"a":null}"#.into(),
                    secret: true
                }
            }]
        );
        // Replace mode, and values that are not objects, still set the secret whole.
        let replace = merge_properties(&c, &updates, None, MergeMode::Replace);
        assert_eq!(replace, vec![set("doc", r#"{"a":null}"#, true)]);
        let array = collect_updates([], [("doc".to_string(), Some("[1]".into()))]);
        assert_eq!(
            merge_properties(&c, &array, None, MergeMode::Deep),
            vec![set("doc", "[1]", true)]
        );
    }

    #[test]
    fn deep_merge_that_changes_nothing_writes_nothing() {
        let c = with_doc(&StoredValue::Plain(r#"{ "a": 1, "b": {"c": 2} }"#.into()));
        let same = collect_updates([], [("doc".to_string(), Some(r#"{"b":{"c":2}}"#.into()))]);
        assert!(merge_properties(&c, &same, None, MergeMode::Deep).is_empty());
    }

    #[test]
    fn kind_rules_make_new_properties_secret() {
        let rules = KindRules {
            kind: "api".into(),
            help: String::new(),
            properties: vec![PropertyRule {
                secret: true,
                ..PropertyRule::new("Token", ValueFormat::Text)
            }],
            max_properties: None,
            allow_unknown: true,
        };
        let updates = collect_updates([row("Token", "t"), row("Other", SECRET_MASK)], []);
        let changes = merge_properties(&connector(), &updates, Some(&rules), MergeMode::Replace);
        assert_eq!(
            changes,
            vec![set("Token", "t", true), set("Other", SECRET_MASK, false)]
        );
        let masked = collect_updates([row("Token", SECRET_MASK)], []);
        assert!(
            merge_properties(&connector(), &masked, Some(&rules), MergeMode::Replace).is_empty()
        );
    }

    #[test]
    fn classify_follows_the_receipt() {
        let c = connector();
        let changes = vec![
            set("APIKey", "k", true),
            set("New", "n", false),
            Change {
                name: "Timeout".into(),
                op: ChangeOp::Remove,
            },
        ];
        let receipt = WriteReceipt {
            revision: 4,
            changed: vec!["New".into(), "Timeout".into(), "Bogus".into()],
        };
        assert_eq!(
            classify(&c, &changes, &receipt),
            (vec!["New".to_string()], vec![], vec!["Timeout".to_string()])
        );
    }

    /// A little generator, so that the comparisons need no strategy.
    struct Lcg(u64);
    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) % n as u64) as usize
        }
    }

    /// `merge_properties` as it was, searching for every update.
    fn searched_merge(
        connector: &Connector,
        updates: &[Update],
        rules: Option<&KindRules>,
        mode: MergeMode,
    ) -> Vec<Change> {
        let mut changes = Vec::new();
        for update in updates {
            let stored = connector.property(&update.name).map(|p| &p.value);
            let secret = is_secret(connector, rules, &update.name);
            let patch = match (&update.value, mode) {
                (Some(value), MergeMode::Deep) => json_object(value),
                _ => None,
            };
            let op = match (&update.value, stored, patch) {
                (None, Some(_), _) => ChangeOp::Remove,
                (None, None, _) => continue,
                (Some(value), _, _) if secret && value == SECRET_MASK => continue,
                (Some(value), _, Some(_)) if secret => ChangeOp::Merge {
                    patch: value.clone(),
                    secret,
                },
                (Some(_), stored, Some(patch)) => {
                    let old = match stored {
                        Some(StoredValue::Plain(old)) => Some(old.as_str()),
                        _ => None,
                    };
                    let Some(value) = merge_into_text(old, patch) else {
                        continue;
                    };
                    ChangeOp::Set { value, secret }
                }
                (Some(value), Some(StoredValue::Plain(old)), None) if !secret && old == value => {
                    continue;
                }
                (Some(value), _, None) => ChangeOp::Set {
                    value: value.clone(),
                    secret,
                },
            };
            changes.push(Change {
                name: update.name.clone(),
                op,
            });
        }
        changes
    }

    /// `classify` as it was, searching for every change.
    fn searched_classify(
        connector: &Connector,
        changes: &[Change],
        receipt: &WriteReceipt,
    ) -> (Vec<String>, Vec<String>, Vec<String>) {
        let (mut added, mut changed, mut removed) = (Vec::new(), Vec::new(), Vec::new());
        for change in changes {
            if !receipt.changed.contains(&change.name) {
                continue;
            }
            let list = match (&change.op, connector.property(&change.name)) {
                (ChangeOp::Remove, _) => &mut removed,
                (ChangeOp::Set { .. } | ChangeOp::Merge { .. }, None) => &mut added,
                (ChangeOp::Set { .. } | ChangeOp::Merge { .. }, Some(_)) => &mut changed,
            };
            list.push(change.name.clone());
        }
        (added, changed, removed)
    }

    /// Short and long connectors, kinds and receipts (searched and indexed
    /// lookups), names equal but for case, names stored twice, secrets, the
    /// mask, deep merges and removals: the merge and the classification
    /// give what the searches gave, in the same order.
    #[test]
    fn indexed_lookups_merge_and_classify_as_the_searches_did() {
        let names: Vec<String> = ["Key", "key", "KEY", "Doc"]
            .into_iter()
            .map(String::from)
            .chain((0..20).map(|i| format!("P{i}")))
            .collect();
        let values = [
            "v",
            "w",
            "",
            SECRET_MASK,
            r#"{"a":1}"#,
            r#"{"a":null}"#,
            "[1]",
        ];
        let mut random = Lcg(7);
        for _ in 0..3000 {
            let wide = random.below(2) == 0;
            let pick = |random: &mut Lcg| {
                let n = if wide { names.len() } else { 5 };
                names[random.below(n)].clone()
            };
            let stored_count = if wide {
                random.below(30)
            } else {
                random.below(5)
            };
            let connector = Connector {
                properties: (0..stored_count)
                    .map(|_| StoredProperty {
                        name: pick(&mut random),
                        value: match random.below(3) {
                            0 => StoredValue::Secret,
                            _ => StoredValue::Plain(values[random.below(values.len())].into()),
                        },
                    })
                    .collect(),
                ..connector()
            };
            let rule_count = if wide {
                random.below(30)
            } else {
                random.below(4)
            };
            let rules = KindRules {
                kind: "k".into(),
                help: String::new(),
                properties: (0..rule_count)
                    .map(|_| PropertyRule {
                        secret: random.below(2) == 0,
                        ..PropertyRule::new(pick(&mut random), ValueFormat::Text)
                    })
                    .collect(),
                max_properties: None,
                allow_unknown: true,
            };
            let update_count = if wide {
                random.below(40)
            } else {
                random.below(6)
            };
            let rows: Vec<(String, String)> = (0..update_count)
                .map(|_| {
                    let name = pick(&mut random);
                    (name, values[random.below(values.len())].into())
                })
                .collect();
            let dynamic: Vec<(String, Option<String>)> = (0..random.below(4))
                .map(|_| {
                    let value = match random.below(3) {
                        0 => None,
                        _ => Some(values[random.below(values.len())].to_string()),
                    };
                    (pick(&mut random), value)
                })
                .collect();
            let updates = collect_updates(rows, dynamic);
            let rules = (random.below(3) > 0).then_some(&rules);
            for mode in [MergeMode::Replace, MergeMode::Deep] {
                let changes = merge_properties(&connector, &updates, rules, mode);
                assert_eq!(
                    changes,
                    searched_merge(&connector, &updates, rules, mode),
                    "{connector:?} {updates:?} {rules:?}"
                );
                let mut changed: Vec<String> = changes
                    .iter()
                    .filter(|_| random.below(4) > 0)
                    .map(|c| c.name.clone())
                    .collect();
                if random.below(2) == 0 {
                    changed.push(pick(&mut random));
                }
                let receipt = WriteReceipt {
                    revision: 2,
                    changed,
                };
                assert_eq!(
                    classify(&connector, &changes, &receipt),
                    searched_classify(&connector, &changes, &receipt)
                );
            }
        }
    }

    #[test]
    fn a_long_connector_merges_in_the_order_of_the_updates() {
        let mut c = connector();
        c.properties.extend((0..20).map(|i| StoredProperty {
            name: format!("P{i}"),
            value: StoredValue::Plain(format!("v{i}")),
        }));
        // The last stored property first, then one equal but for case (a new
        // property), then the first: the changes keep that order.
        let updates = collect_updates(
            [row("P19", "x"), row("timeout", "1s"), row("APIKey", "k")],
            [("P0".into(), None)],
        );
        let changes = merge_properties(&c, &updates, None, MergeMode::Replace);
        assert_eq!(
            changes,
            vec![
                set("P19", "x", false),
                set("timeout", "1s", false),
                set("APIKey", "k", true),
                Change {
                    name: "P0".into(),
                    op: ChangeOp::Remove
                }
            ]
        );
        let receipt = WriteReceipt {
            revision: 4,
            changed: vec!["P0".into(), "APIKey".into(), "timeout".into(), "P19".into()],
        };
        assert_eq!(
            classify(&c, &changes, &receipt),
            (
                vec!["timeout".to_string()],
                vec!["P19".to_string(), "APIKey".to_string()],
                vec!["P0".to_string()]
            )
        );
    }
}
