//! Merging: stored properties ← Properties rows ← Dynamic Properties.
//!
//! A later source wins over an earlier one and a later row over an earlier
//! row; what no source names keeps its stored value. The result is the list
//! of changes the store must make, with no-ops left out: a plain value set to
//! what it already is, a secret sent back as the mask `******`, or the removal
//! of a property that is not there.

use std::collections::HashMap;

use crate::model::{
    Change, ChangeOp, Connector, KindRules, SECRET_MASK, StoredValue, WriteReceipt,
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
        let value = if self.value.is_some() {
            "Some(<redacted>)"
        } else {
            "None"
        };
        f.debug_struct("Update")
            .field("name", &self.name)
            .field("value", &value)
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
    let mut index: HashMap<String, usize> = HashMap::new();
    let all = rows
        .into_iter()
        .map(|(name, value)| (name, Some(value)))
        .chain(dynamic);
    for (name, value) in all {
        match index.get(&name) {
            Some(&at) => updates[at].value = value,
            None => {
                index.insert(name.clone(), updates.len());
                updates.push(Update { name, value });
            }
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

/// The changes that turn `connector` into the merged result of `updates`.
pub fn merge_properties(
    connector: &Connector,
    updates: &[Update],
    rules: Option<&KindRules>,
) -> Vec<Change> {
    let mut changes = Vec::new();
    for update in updates {
        let stored = connector.property(&update.name).map(|p| &p.value);
        let secret = is_secret(connector, rules, &update.name);
        let op = match (&update.value, stored) {
            (None, Some(_)) => ChangeOp::Remove,
            (None, None) => continue,
            // The mask keeps a stored secret; with nothing stored there is nothing to keep.
            (Some(value), _) if secret && value == SECRET_MASK => continue,
            (Some(value), Some(StoredValue::Plain(old))) if !secret && old == value => continue,
            (Some(value), _) => ChangeOp::Set {
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

/// The names of a write's receipt, sorted into added, changed and removed.
/// Names the step did not ask to change are ignored.
pub fn classify(
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
            (ChangeOp::Set { .. }, None) => &mut added,
            (ChangeOp::Set { .. }, Some(_)) => &mut changed,
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
        let changes = merge_properties(&connector(), &updates, None);
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
        assert!(merge_properties(&connector(), &updates, None).is_empty());
    }

    #[test]
    fn null_removes_and_names_are_case_sensitive() {
        let updates = collect_updates([row("timeout", "1s")], [("Endpoint".into(), None)]);
        let changes = merge_properties(&connector(), &updates, None);
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

    #[test]
    fn kind_rules_make_new_properties_secret() {
        let rules = KindRules {
            kind: "api".into(),
            properties: vec![PropertyRule {
                name: "Token".into(),
                required: false,
                secret: true,
                format: ValueFormat::Text,
                max_length: None,
            }],
            max_properties: None,
            allow_unknown: true,
        };
        let updates = collect_updates([row("Token", "t"), row("Other", SECRET_MASK)], []);
        let changes = merge_properties(&connector(), &updates, Some(&rules));
        assert_eq!(
            changes,
            vec![set("Token", "t", true), set("Other", SECRET_MASK, false)]
        );
        let masked = collect_updates([row("Token", SECRET_MASK)], []);
        assert!(merge_properties(&connector(), &masked, Some(&rules)).is_empty());
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
}
