//! The write algorithm the stores that come with the harness share: how a
//! write's changes meet a connector's stored properties. Each store wraps it
//! in its own transaction, and checks access, the revision, the kind's
//! write permissions and merged values around it.

use std::collections::{HashMap, HashSet};

use secrecy::{ExposeSecret, SecretString};

use connectors_update_model::by_name::ByName;

use crate::error::StoreError;
use crate::model::{Change, ChangeOp, ConnectorRecord, KindRules, PropertyRecord};

/// No place: the end of a chain in [`Places`].
const NONE: usize = usize::MAX;

/// Where each name that a write's changes mention is stored, found in one
/// pass over the properties, so that applying N changes to N properties is
/// linear rather than a search of the properties per change. A name stored
/// more than once (which no store of the harness does) has its places
/// chained in order: the first is the one a change meets, and once it is
/// removed the next one is, as a search from the start would find.
struct Places<'c> {
    /// The first place still standing of each name the changes mention.
    first: HashMap<&'c str, usize>,
    /// The next place of the same name after each place, or [`NONE`].
    next: Vec<usize>,
    /// The places removed so far, taken out of the properties at the end.
    removed: Vec<bool>,
}

impl<'c> Places<'c> {
    fn new(properties: &[PropertyRecord], changes: &'c [Change]) -> Self {
        let mut first: HashMap<&'c str, usize> = HashMap::with_capacity(changes.len());
        for change in changes {
            first.insert(change.name.as_str(), NONE);
        }
        let mut next = vec![NONE; properties.len()];
        // From the end, so that each chain runs in the properties' order.
        for (i, property) in properties.iter().enumerate().rev() {
            if let Some(head) = first.get_mut(property.name.as_str()) {
                next[i] = *head;
                *head = i;
            }
        }
        Places {
            first,
            next,
            removed: vec![false; properties.len()],
        }
    }

    /// Where `name` (a name the changes mention) stands now.
    fn of(&self, name: &str) -> Option<usize> {
        self.first.get(name).copied().filter(|&i| i != NONE)
    }

    /// `name`'s place `at` is removed: its next place, if any, stands in.
    fn remove(&mut self, name: &'c str, at: usize) {
        self.removed[at] = true;
        self.first.insert(name, self.next[at]);
    }

    /// `name`, which stands nowhere, is added at place `at`, the end.
    fn add(&mut self, name: &'c str, at: usize) {
        self.next.push(NONE);
        self.removed.push(false);
        self.first.insert(name, at);
    }

    /// Takes the removed places out, keeping the others in their order.
    fn compact(&self, properties: &mut Vec<PropertyRecord>) {
        if self.removed.iter().any(|&r| r) {
            let mut at = 0;
            properties.retain(|_| {
                let keep = !self.removed[at];
                at += 1;
                keep
            });
        }
    }
}

/// The names a write changed, in the order of their first change, each once.
#[derive(Default)]
struct Changed<'c> {
    names: Vec<String>,
    seen: HashSet<&'c str>,
}

impl<'c> Changed<'c> {
    fn note(&mut self, name: &'c str) {
        if self.seen.insert(name) {
            self.names.push(name.to_string());
        }
    }
}

impl ConnectorRecord {
    /// Applies `changes` to the properties, returning the names whose value
    /// or secrecy changed, in the order of their first change. The revision
    /// is left to the caller, which increases it only if something changed
    /// and the write commits.
    ///
    /// A `Set` or `Merge` of a secret (stored as one, marked as one by the
    /// change, or made one by `rules`) always counts as a change, whatever
    /// it holds: whether it equals what is stored is never told, so no
    /// answer of the write (its names, the revision, whether it wrote)
    /// depends on a secret's value or on the keys a secret JSON value
    /// holds. The store seals it afresh, as a Vault patch writes a new
    /// version.
    ///
    /// A [`ChangeOp::Merge`] whose patch is not a JSON object is refused
    /// whole, naming the property: the action never sends one. The changes
    /// before it are left applied, as the caller discards the record.
    ///
    /// The work is linear in the number of properties and changes: each
    /// name's place is found once, and removals are taken out in one pass
    /// at the end.
    pub fn apply(
        &mut self,
        changes: &[Change],
        rules: Option<&KindRules>,
    ) -> Result<Vec<String>, StoreError> {
        let mut places = Places::new(&self.properties, changes);
        let result = self.apply_at(changes, &mut places, rules);
        places.compact(&mut self.properties);
        result
    }

    fn apply_at<'c>(
        &mut self,
        changes: &'c [Change],
        places: &mut Places<'c>,
        rules: Option<&KindRules>,
    ) -> Result<Vec<String>, StoreError> {
        let rule_of = rules.map(|r| ByName::new(&r.properties));
        let mut changed = Changed::default();
        for change in changes {
            let name = change.name.as_str();
            let at = places.of(name);
            let kind_secret = rule_of
                .as_ref()
                .and_then(|r| r.get(name))
                .is_some_and(|r| r.secret);
            let merged;
            let (value, secret) = match &change.op {
                ChangeOp::Remove => {
                    if let Some(i) = at {
                        places.remove(name, i);
                        changed.note(name);
                    }
                    continue;
                }
                ChangeOp::Set { value, secret } => (value, *secret || kind_secret),
                ChangeOp::Merge { patch, secret } => {
                    let target = at.map(|i| self.properties[i].value.expose_secret());
                    merged = merge_json(target, patch.expose_secret()).ok_or_else(|| {
                        StoreError::Unavailable(format!(
                            "the merge into property '{}' was not given a JSON object",
                            change.name
                        ))
                    })?;
                    (&merged, *secret || kind_secret)
                }
            };
            let did_change = match at {
                Some(i) => {
                    let p = &mut self.properties[i];
                    // A secret named is a secret changed: never compared.
                    let differs =
                        secret || p.secret || p.value.expose_secret() != value.expose_secret();
                    if differs {
                        p.value = value.clone();
                        p.secret |= secret;
                    }
                    differs
                }
                None => {
                    places.add(name, self.properties.len());
                    self.properties.push(PropertyRecord {
                        name: change.name.clone(),
                        value: value.clone(),
                        secret,
                    });
                    true
                }
            };
            if did_change {
                changed.note(name);
            }
        }
        Ok(changed.names)
    }
}

/// RFC 7396: `patch` (the text of a JSON object) merged into `target`,
/// whose text counts as `{}` when it is absent or not a JSON object. A
/// merge that changes nothing gives back the target's text as it was, so
/// the store sees no change. `None` when the patch is not a JSON object.
fn merge_json(target: Option<&str>, patch: &str) -> Option<SecretString> {
    use connectors_update_model::merge::{json_object, merge_into_text};
    let merged = merge_into_text(target, json_object(patch)?);
    // `None`: the target already holds the result, so it is kept as it is.
    Some(SecretString::from(
        merged.unwrap_or_else(|| target.unwrap_or_default().to_owned()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(properties: &[(&str, &str, bool)]) -> ConnectorRecord {
        ConnectorRecord {
            id: "c".into(),
            name: "C".into(),
            kind: None,
            revision: 1,
            properties: properties
                .iter()
                .map(|(n, v, s)| PropertyRecord::new(*n, *v, *s))
                .collect(),
        }
    }

    fn set(name: &str, value: &str, secret: bool) -> Change {
        Change {
            name: name.into(),
            op: ChangeOp::Set {
                value: value.to_string().into(),
                secret,
            },
        }
    }

    fn merge(name: &str, patch: &str, secret: bool) -> Change {
        Change {
            name: name.into(),
            op: ChangeOp::Merge {
                patch: patch.to_string().into(),
                secret,
            },
        }
    }

    fn remove(name: &str) -> Change {
        Change {
            name: name.into(),
            op: ChangeOp::Remove,
        }
    }

    fn shown(record: &ConnectorRecord) -> Vec<(String, String, bool)> {
        record
            .properties
            .iter()
            .map(|p| (p.name.clone(), p.value.expose_secret().to_owned(), p.secret))
            .collect()
    }

    /// The algorithm as it was, searching the properties for every change:
    /// the indexed one must do exactly what it did.
    fn searched_apply(
        record: &mut ConnectorRecord,
        changes: &[Change],
    ) -> Result<Vec<String>, StoreError> {
        let mut changed: Vec<String> = Vec::new();
        for change in changes {
            let at = record.properties.iter().position(|p| p.name == change.name);
            let merged;
            let (value, secret) = match &change.op {
                ChangeOp::Remove => {
                    if let Some(i) = at {
                        record.properties.remove(i);
                        if !changed.contains(&change.name) {
                            changed.push(change.name.clone());
                        }
                    }
                    continue;
                }
                ChangeOp::Set { value, secret } => (value, *secret),
                ChangeOp::Merge { patch, secret } => {
                    let target = at.map(|i| record.properties[i].value.expose_secret());
                    merged = merge_json(target, patch.expose_secret()).ok_or_else(|| {
                        StoreError::Unavailable(format!(
                            "the merge into property '{}' was not given a JSON object",
                            change.name
                        ))
                    })?;
                    (&merged, *secret)
                }
            };
            let did_change = match at {
                Some(i) => {
                    let p = &mut record.properties[i];
                    let differs =
                        secret || p.secret || p.value.expose_secret() != value.expose_secret();
                    if differs {
                        p.value = value.clone();
                        p.secret |= secret;
                    }
                    differs
                }
                None => {
                    record.properties.push(PropertyRecord {
                        name: change.name.clone(),
                        value: value.clone(),
                        secret,
                    });
                    true
                }
            };
            if did_change && !changed.contains(&change.name) {
                changed.push(change.name.clone());
            }
        }
        Ok(changed)
    }

    #[test]
    fn changed_names_come_in_the_order_of_their_first_change_each_once() {
        let mut r = record(&[("A", "1", false), ("B", "2", false), ("C", "3", false)]);
        let changed = r
            .apply(
                &[
                    set("C", "30", false),
                    set("B", "2", false),
                    set("New", "n", false),
                    set("A", "10", false),
                    set("C", "31", false),
                    remove("New"),
                ],
                None,
            )
            .unwrap();
        assert_eq!(changed, ["C", "New", "A"]);
        assert_eq!(
            shown(&r),
            [
                ("A".into(), "10".into(), false),
                ("B".into(), "2".into(), false),
                ("C".into(), "31".into(), false)
            ]
        );
    }

    #[test]
    fn a_name_removed_and_set_again_in_one_write_goes_to_the_end() {
        let mut r = record(&[("A", "1", false), ("B", "2", true), ("C", "3", false)]);
        let changed = r
            .apply(
                &[
                    remove("A"),
                    set("A", "1", false),
                    remove("Missing"),
                    remove("B"),
                ],
                None,
            )
            .unwrap();
        // Removing and setting back its value is still a change of `A`.
        assert_eq!(changed, ["A", "B"]);
        assert_eq!(
            shown(&r),
            [
                ("C".into(), "3".into(), false),
                ("A".into(), "1".into(), false)
            ]
        );
    }

    #[test]
    fn names_that_differ_only_by_case_are_different_properties() {
        let mut r = record(&[("Key", "1", false)]);
        let changed = r
            .apply(
                &[
                    set("key", "1", false),
                    remove("KEY"),
                    set("Key", "1", false),
                ],
                None,
            )
            .unwrap();
        assert_eq!(changed, ["key"]);
        assert_eq!(
            shown(&r),
            [
                ("Key".into(), "1".into(), false),
                ("key".into(), "1".into(), false)
            ]
        );
    }

    #[test]
    fn a_secret_merge_is_applied_to_the_stored_secret_and_is_always_a_change() {
        let mut r = record(&[("Opts", r#"{"a":1,"b":2}"#, true), ("P", "x", false)]);
        let changed = r
            .apply(
                &[
                    merge("Opts", r#"{"b":null,"c":3}"#, true),
                    merge("Opts", r#"{"c":3}"#, true),
                ],
                None,
            )
            .unwrap();
        assert_eq!(changed, ["Opts"]);
        assert_eq!(r.value("Opts"), Some(r#"{"a":1,"c":3}"#));
        assert!(r.properties[0].secret);
        // A plain value made secret by a change that sets its value again.
        assert_eq!(r.apply(&[set("P", "x", true)], None).unwrap(), ["P"]);
        assert!(r.properties[1].secret);
        // A secret named is a secret changed, even by a merge that adds
        // nothing: whether it would change is never told.
        assert_eq!(
            r.apply(&[merge("Opts", "{}", true)], None).unwrap(),
            ["Opts"]
        );
        // A plain value set to what it holds is no change.
        assert!(
            r.apply(&[set("Q", "q", false)], None).unwrap() == ["Q"]
                && r.apply(&[set("Q", "q", false)], None).unwrap().is_empty()
        );
    }

    /// A right and a wrong guess of a secret, set or merged, get the same
    /// answer, marked secret by the change, by the store or by the kind.
    #[test]
    fn a_right_and_a_wrong_guess_of_a_secret_get_the_same_answer() {
        let rules: KindRules = serde_json::from_value(serde_json::json!({
            "kind": "k",
            "properties": [{"name": "Key", "secret": true, "format": "text"}]
        }))
        .unwrap();
        let stored = [
            ("Key", "right", false),
            ("S", "right", true),
            ("J", r#"{"k":"right"}"#, true),
        ];
        type Guess = fn(&str) -> Change;
        let cases: [(Guess, Option<&KindRules>); 4] = [
            (|v: &str| set("Key", v, false), Some(&rules)),
            (|v: &str| set("S", v, false), None),
            (|v: &str| set("S", v, true), None),
            (
                |v: &str| merge("J", &format!(r#"{{"k":"{v}"}}"#), true),
                None,
            ),
        ];
        for (change, rules) in cases {
            let answers: Vec<_> = ["right", "wrong"]
                .map(|guess| record(&stored).apply(&[change(guess)], rules))
                .into_iter()
                .collect();
            assert_eq!(answers[0], answers[1]);
            assert_eq!(answers[0].as_ref().unwrap().len(), 1);
        }
        // Whether a key of a secret JSON value exists is not told either.
        let answers: Vec<_> = ["k", "absent"]
            .map(|key| {
                record(&stored).apply(&[merge("J", &format!(r#"{{"{key}":null}}"#), true)], None)
            })
            .into_iter()
            .collect();
        assert_eq!(answers[0], answers[1]);
    }

    #[test]
    fn a_merge_that_is_not_an_object_is_refused_naming_the_property() {
        let mut r = record(&[("A", "1", false), ("B", "{}", false)]);
        let err = r
            .apply(&[remove("A"), merge("B", "[1]", false)], None)
            .unwrap_err();
        assert_eq!(
            err,
            StoreError::Unavailable(
                "the merge into property 'B' was not given a JSON object".into()
            )
        );
    }

    /// A little generator, so that the comparison needs no crate.
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

    /// Stored names (duplicates included, which no store makes but the
    /// algorithm must still treat as a search did), names that differ by
    /// case, removals, re-adds, merges good and bad: the indexed algorithm
    /// leaves what the search left and reports the same names or error.
    #[test]
    fn the_indexed_write_does_what_the_search_did() {
        const NAMES: [&str; 5] = ["A", "a", "B", "C", "D"];
        const VALUES: [&str; 4] = ["1", "2", r#"{"x":1}"#, ""];
        const PATCHES: [&str; 4] = [r#"{"x":2}"#, r#"{"y":null}"#, "{}", "[1]"];
        let mut random = Lcg(15);
        for _ in 0..20_000 {
            let stored: Vec<(&str, &str, bool)> = (0..random.below(5))
                .map(|_| {
                    (
                        NAMES[random.below(4)],
                        VALUES[random.below(VALUES.len())],
                        random.below(3) == 0,
                    )
                })
                .collect();
            let changes: Vec<Change> = (0..random.below(7))
                .map(|_| {
                    let name = NAMES[random.below(NAMES.len())];
                    let secret = random.below(3) == 0;
                    match random.below(3) {
                        0 => remove(name),
                        1 => set(name, VALUES[random.below(VALUES.len())], secret),
                        _ => merge(name, PATCHES[random.below(PATCHES.len())], secret),
                    }
                })
                .collect();
            let (mut indexed, mut searched) = (record(&stored), record(&stored));
            let got = indexed.apply(&changes, None);
            let want = searched_apply(&mut searched, &changes);
            assert_eq!(got, want, "{stored:?} {changes:?}");
            assert_eq!(shown(&indexed), shown(&searched), "{stored:?} {changes:?}");
        }
    }
}
