//! What a kind requires inside a JSON value: which keys an object may
//! have, how many entries it may hold, whether every member is a string,
//! and how long those strings may be. Messages name keys and item
//! positions, never values; the keys of a secret value are part of the
//! secret, so for a secret they name the key's position instead.

use serde_json::Value;

use crate::error::json_kind;
use crate::model::JsonRule;
use crate::model::Violation;

/// One entry of an object (its key, and its position among the keys) or
/// of an array (its position).
enum Entry<'a> {
    Key(&'a str, usize),
    Item(usize),
}

/// An entry as a message names it: a secret's keys by position only.
struct Shown<'e, 'a>(&'e Entry<'a>, bool);

impl std::fmt::Display for Shown<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.0, self.1) {
            (Entry::Key(key, _), false) => write!(f, "key '{key}'"),
            (Entry::Key(_, at), true) => write!(f, "key number {}", at + 1),
            (Entry::Item(at), _) => write!(f, "item {at}"),
        }
    }
}

fn violation(property: &str, rule: &str, message: String) -> Violation {
    Violation {
        property: property.to_string(),
        rule: rule.to_string(),
        message,
    }
}

fn list(entries: &[Entry<'_>], secret: bool) -> String {
    entries
        .iter()
        .map(|e| Shown(e, secret).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every way in which `value`, the JSON that property `property` will
/// hold, breaks `rule`. A value that is neither an object nor an array has
/// no entries to check (its format rule reports it). For a `secret` value,
/// keys are named by their position (`key number 2`).
pub fn check_json_rule(
    property: &str,
    rule: &JsonRule,
    value: &Value,
    secret: bool,
) -> Vec<Violation> {
    let (entries, noun): (Vec<(Entry<'_>, &Value)>, &str) = match value {
        Value::Object(map) => (
            map.iter()
                .enumerate()
                .map(|(i, (k, v))| (Entry::Key(k.as_str(), i), v))
                .collect(),
            "keys",
        ),
        Value::Array(items) => (
            items
                .iter()
                .enumerate()
                .map(|(i, v)| (Entry::Item(i), v))
                .collect(),
            "items",
        ),
        _ => return Vec::new(),
    };
    let mut violations = Vec::new();
    if let (Some(allowed), Value::Object(map)) = (&rule.allowed_keys, value) {
        let unknown: Vec<Entry<'_>> = map
            .keys()
            .enumerate()
            .filter(|(_, k)| !allowed.contains(k))
            .map(|(i, k)| Entry::Key(k, i))
            .collect();
        if !unknown.is_empty() {
            violations.push(violation(
                property,
                "json-keys",
                if secret {
                    format!(
                        "Property '{property}' may only have the keys {}; remove the others from the update.",
                        allowed.join(", ")
                    )
                } else {
                    format!(
                        "Property '{property}' may only have the keys {}; remove {}.",
                        allowed.join(", "),
                        list(&unknown, secret)
                    )
                },
            ));
        }
    }
    if let Some(max) = rule.max_entries
        && entries.len() > max as usize
    {
        violations.push(violation(
            property,
            "json-entries",
            if secret {
                // How many a secret holds is part of the secret.
                format!("Property '{property}' may have at most {max} {noun}; this update would leave it with more.")
            } else {
                format!(
                    "Property '{property}' may have at most {max} {noun}; this update would leave it with {}.",
                    entries.len()
                )
            },
        ));
    }
    if rule.strings_only {
        let others: Vec<String> = entries
            .iter()
            .filter(|(_, v)| !v.is_string())
            .map(|(e, v)| format!("{} is {}", Shown(e, secret), json_kind(v)))
            .collect();
        if !others.is_empty() {
            // Where a secret holds what, and of which type, is the secret's.
            let message = if secret {
                format!(
                    "Property '{property}' may only hold strings: this update would leave it holding another value."
                )
            } else {
                format!(
                    "Property '{property}' may only hold strings: {}.",
                    others.join(", ")
                )
            };
            violations.push(violation(property, "json-strings", message));
        }
    }
    if let Some(max) = rule.max_string_length {
        let long: Vec<Entry<'_>> = entries
            .into_iter()
            .filter(|(_, v)| v.as_str().is_some_and(|s| s.chars().count() > max as usize))
            .map(|(e, _)| e)
            .collect();
        if !long.is_empty() {
            let message = if secret {
                format!(
                    "Property '{property}' may hold strings of at most {max} characters; this update would leave a longer one in it."
                )
            } else {
                format!(
                    "Property '{property}' may hold strings of at most {max} characters; {} {} longer.",
                    list(&long, secret),
                    if long.len() == 1 { "is" } else { "are" }
                )
            };
            violations.push(violation(property, "json-string-length", message));
        }
    }
    violations
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(v: &[Violation]) -> Vec<&str> {
        v.iter().map(|v| v.rule.as_str()).collect()
    }

    #[test]
    fn auth0_metadata_counts_and_lengths() {
        let rule = JsonRule {
            max_entries: Some(2),
            strings_only: true,
            max_string_length: Some(3),
            ..JsonRule::default()
        };
        let ok: Value = serde_json::json!({"a": "abc", "b": ""});
        assert!(check_json_rule("metadata", &rule, &ok, false).is_empty());
        let bad: Value = serde_json::json!({"a": "abcd-secretish", "b": 1, "c": "x"});
        let got = check_json_rule("metadata", &rule, &bad, false);
        assert_eq!(
            rules(&got),
            ["json-entries", "json-strings", "json-string-length"]
        );
        assert!(got[1].message.contains("key 'b' is a number"), "{got:?}");
        assert!(got[2].message.contains("key 'a' is longer"), "{got:?}");
        assert!(got.iter().all(|v| !v.message.contains("secretish")));
    }

    #[test]
    fn allowed_keys_and_string_arrays() {
        let keys = JsonRule {
            allowed_keys: Some(vec!["target".into(), "name".into()]),
            ..JsonRule::default()
        };
        let got = check_json_rule(
            "metadata",
            &keys,
            &serde_json::json!({"target": "x", "colour": "y"}),
            false,
        );
        assert_eq!(rules(&got), ["json-keys"]);
        assert!(got[0].message.contains("remove key 'colour'"));
        let strings = JsonRule {
            strings_only: true,
            ..JsonRule::default()
        };
        let got = check_json_rule("scope", &strings, &serde_json::json!(["a", 2, null]), false);
        assert!(
            got[0]
                .message
                .contains("item 1 is a number, item 2 is null")
        );
        assert!(check_json_rule("scope", &strings, &serde_json::json!("text"), false).is_empty());
    }

    /// What a secret JSON value holds (its keys, how many, where a value of
    /// which type is) is part of the secret: a message tells the rule, not
    /// the secret's shape.
    #[test]
    fn a_secret_values_shape_is_never_told() {
        let rule = JsonRule {
            allowed_keys: Some(vec!["client_id".into()]),
            strings_only: true,
            max_string_length: Some(3),
            ..JsonRule::default()
        };
        let value = serde_json::json!({"client_id": "a", "CANARY-KEY": 5, "CANARY-LONG": "abcd"});
        let got = check_json_rule("options", &rule, &value, true);
        assert_eq!(
            rules(&got),
            ["json-keys", "json-strings", "json-string-length"]
        );
        assert!(
            got[0].message.contains("remove the others from the update"),
            "{got:?}"
        );
        assert!(
            got.iter()
                .all(|v| !v.message.contains("CANARY") && !v.message.contains("number")),
            "{got:?}"
        );
        let many = JsonRule {
            max_entries: Some(1),
            ..JsonRule::default()
        };
        let got = check_json_rule("options", &many, &value, true);
        assert!(got[0].message.ends_with("leave it with more."), "{got:?}");
    }
}
