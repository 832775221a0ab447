//! The connector kinds the harness knows out of the box, with their rules.
//!
//! A store declares a kind's rules through
//! [`CredentialStore::rules`](crate::CredentialStore::rules) and lists them
//! through [`CredentialStore::kinds`](crate::CredentialStore::kinds); the
//! stores that come with the harness answer with these. Besides two generic
//! kinds, they are the connector models of the systems in the project's seed
//! documents (Nylas, Logto, Twenty, Auth0), each with that system's rules.
//! They are defined once, in the action's crate, which also exports them
//! from the component for hosts in other languages.

use connectors_update_model::model as action;

pub use connectors_update_model::builtin_kinds::{builtin_kinds, builtin_rules};

pub use crate::model::{JsonRule, KindRules, PropertyRule, ValueFormat, Violation};

use crate::model::{Change, ChangeOp, ConnectorRecord, ExposeSecret, PropertyRecord};

/// The messages of every rule of `rules` that a new connector with these
/// properties breaks, checked by the action's own rule checker.
pub(crate) fn check_new_properties(
    rules: &KindRules,
    properties: &[PropertyRecord],
) -> Vec<String> {
    let empty = action::Connector {
        id: String::new(),
        name: String::new(),
        kind: Some(rules.kind.clone()),
        revision: 0,
        properties: Vec::new(),
    };
    let changes: Vec<action::Change> = properties
        .iter()
        .map(|p| action::Change {
            name: p.name.clone(),
            op: action::ChangeOp::Set {
                value: p.value.expose_secret().to_owned(),
                secret: p.secret,
            },
        })
        .collect();
    connectors_update_model::rules::check_rules(&empty, &changes, rules)
        .into_iter()
        .map(|v| v.message)
        .collect()
}

/// The messages of the format, length and JSON rules that the values merged
/// by `changes` into `merged` (the connector as the write would leave it)
/// break, checked by the action's own rule checker. A merged secret is only
/// ever seen here, in the store: the guest checked the patch, not the result.
pub(crate) fn check_merged_values(
    rules: &KindRules,
    changes: &[Change],
    merged: &ConnectorRecord,
) -> Vec<Violation> {
    let mut violations = Vec::new();
    for change in changes {
        if !matches!(change.op, ChangeOp::Merge { .. }) {
            continue;
        }
        let (Some(rule), Some(property)) = (
            rules.rule(&change.name),
            merged.properties.iter().find(|p| p.name == change.name),
        ) else {
            continue;
        };
        violations.extend(connectors_update_model::rules::check_property_value(
            rule,
            property.value.expose_secret(),
            property.secret,
        ));
    }
    violations
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_connector_is_checked_against_its_kind() {
        let rules = builtin_rules("auth0-connection").expect("built in");
        let ok = [
            PropertyRecord::new("name", "google-oauth2", false),
            PropertyRecord::new("metadata", r#"{"team": "id"}"#, false),
        ];
        assert!(check_new_properties(rules, &ok).is_empty());
        let bad = [
            PropertyRecord::new("display_name", "x".repeat(129), false),
            PropertyRecord::new("colour", "blue", false),
        ];
        let messages = check_new_properties(rules, &bad);
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("'name' is required"), "{messages:?}");
    }

    #[test]
    fn only_merged_values_are_checked_after_the_merge() {
        let mut rules = builtin_rules("auth0-connection").expect("built in").clone();
        let options = rules.properties.iter_mut().find(|p| p.name == "options");
        options.expect("auth0 has options").json = Some(JsonRule {
            allowed_keys: None,
            max_entries: Some(1),
            strings_only: false,
            max_string_length: None,
        });
        let merged = ConnectorRecord {
            id: "con".into(),
            name: "c".into(),
            kind: Some(rules.kind.clone()),
            revision: 1,
            properties: vec![
                PropertyRecord::new("options", r#"{"a": 1, "b": 2}"#, true),
                // Set, not merged: the guest has checked it; the store does not again.
                PropertyRecord::new("display_name", "x".repeat(129), false),
            ],
        };
        let merge = |name: &str| Change {
            name: name.into(),
            op: ChangeOp::Merge {
                patch: r#"{"b": 2}"#.to_string().into(),
                secret: true,
            },
        };
        let set = Change {
            name: "display_name".into(),
            op: ChangeOp::Set {
                value: "x".repeat(129).into(),
                secret: false,
            },
        };
        let found = check_merged_values(&rules, &[merge("options"), set.clone()], &merged);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].property.as_str(), found[0].rule.as_str()),
            ("options", "json-entries")
        );
        assert!(check_merged_values(&rules, &[set], &merged).is_empty());
        // A merged property the kind has no rule for is left alone.
        assert!(check_merged_values(&rules, &[merge("unruled")], &merged).is_empty());
    }
}
