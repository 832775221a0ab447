//! Checking the merged result against the rules of the connector's kind,
//! before anything is written. Every violation is reported, not just the
//! first, and no message quotes a value.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use crate::by_name::ByName;
use crate::formats::{describe_format, format_problem};
use crate::json_rules::check_json_rule;
use crate::model::Violation;
use crate::model::{Change, ChangeOp, Connector, KindRules, PropertyRule};

fn violation(property: &str, rule: &str, message: String) -> Violation {
    Violation {
        property: property.to_string(),
        rule: rule.to_string(),
        message,
    }
}

/// The names a connector has once changes are applied ([`merged_names`]):
/// how many, and whether one is among them. Its order is not kept, so it
/// offers none.
#[derive(Clone, Debug)]
pub struct MergedNames<'a>(HashSet<&'a str>);

impl MergedNames<'_> {
    /// How many names the connector has after the changes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the connector has no property after the changes.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether the connector has `name` after the changes (names are case-sensitive).
    pub fn contains(&self, name: &str) -> bool {
        self.0.contains(name)
    }
}

/// The names the connector has once `changes` are applied.
pub fn merged_names<'a>(connector: &'a Connector, changes: &'a [Change]) -> MergedNames<'a> {
    let mut names = HashSet::with_capacity(connector.properties.len() + changes.len());
    names.extend(connector.properties.iter().map(|p| p.name.as_str()));
    for change in changes {
        match change.op {
            ChangeOp::Set { .. } | ChangeOp::Merge { .. } => names.insert(&change.name),
            ChangeOp::Remove => names.remove(change.name.as_str()),
        };
    }
    MergedNames(names)
}

/// Every way in which applying `changes` to `connector` breaks `rules`.
///
/// Required names and the property count are checked on the merged result;
/// formats, lengths and unknown names on the values the step writes, so that
/// a stored value the step leaves alone never blocks an update.
///
/// The work is linear in the number of changes, stored properties and
/// rules: the changes are indexed by name once, and the stored properties
/// and rules looked up by name ([`ByName`]).
pub fn check_rules(connector: &Connector, changes: &[Change], rules: &KindRules) -> Vec<Violation> {
    check_merged(connector, changes, rules, &merged_names(connector, changes))
}

/// [`check_rules`], given the [`merged_names`] of `connector` and `changes`.
pub fn check_merged(
    connector: &Connector,
    changes: &[Change],
    rules: &KindRules,
    names: &MergedNames<'_>,
) -> Vec<Violation> {
    let kind = &rules.kind;
    // The last change of each name, and the names some change removes, for
    // the required names (a kind may have none).
    let mut last: HashMap<&str, &Change> = HashMap::new();
    let mut removed: HashSet<&str> = HashSet::new();
    if rules.properties.iter().any(|r| r.required) {
        last.reserve(changes.len());
        for change in changes {
            last.insert(change.name.as_str(), change);
            if change.op == ChangeOp::Remove {
                removed.insert(change.name.as_str());
            }
        }
    }
    let stored = ByName::new(&connector.properties);
    let rule_by_name = ByName::new(&rules.properties);
    let mut violations = Vec::new();
    for rule in rules.properties.iter().filter(|r| r.required) {
        let blank = last.get(rule.name.as_str()).is_some_and(
            |c| matches!(&c.op, ChangeOp::Set { value, .. } if value.trim().is_empty()),
        );
        if blank {
            violations.push(violation(
                &rule.name,
                "required",
                format!(
                    "Property '{}' is required for connectors of kind '{kind}' and may not be set to empty text; give it a value, or leave it out of the step to keep the stored one.",
                    rule.name
                ),
            ));
        } else if !names.contains(rule.name.as_str()) {
            let message = if removed.contains(rule.name.as_str()) {
                format!(
                    "Property '{}' is required for connectors of kind '{kind}' and cannot be removed.",
                    rule.name
                )
            } else {
                format!(
                    "Property '{}' is required for connectors of kind '{kind}'; set it in Properties or Dynamic Properties.",
                    rule.name
                )
            };
            violations.push(violation(&rule.name, "required", message));
        }
    }
    // The known names, listed once for every unknown one, and looked up
    // by their lowercase for a name in another case.
    let mut known: Option<String> = None;
    let mut folded: Option<HashMap<String, &str>> = None;
    for change in changes {
        let name = change.name.as_str();
        let rule = rule_by_name.get(name);
        let property = stored.get(name);
        // A kind's name in another case is another property, which none of
        // the kind's rules (secret, say) would cover: refused, even where
        // the kind allows unknown names. Removing one is allowed, so that a
        // property stored so by mistake can be cleaned up.
        if rule.is_none()
            && change.op != ChangeOp::Remove
            && let Some(meant) = folded
                .get_or_insert_with(|| fold_names(rules))
                .get(&name.to_lowercase())
        {
            violations.push(violation(
                name,
                "name-case",
                format!(
                    "Property '{name}' is not a property of kind '{kind}', whose names are case-sensitive: did you mean {}? \
                     Write the name exactly as the kind declares it.",
                    meant
                ),
            ));
            continue;
        }
        if let Some(rule) = rule
            && rule.immutable
            && property.is_some()
        {
            violations.push(violation(
                name,
                "immutable",
                format!(
                    "Property '{name}' is set when a connector of kind '{kind}' is created and a step cannot change or remove it; create a new connector instead."
                ),
            ));
        }
        let value = match &change.op {
            ChangeOp::Set { value, .. } => Some(value.as_str()),
            // A secret merged in the store: the guest cannot see the result,
            // only that the patch is a JSON object, which is what a merge needs.
            ChangeOp::Merge { .. } => None,
            ChangeOp::Remove => continue,
        };
        match rule {
            None if !rules.allow_unknown && property.is_none() => {
                let known = known.get_or_insert_with(|| {
                    let names: Vec<&str> =
                        rules.properties.iter().map(|r| r.name.as_str()).collect();
                    names.join(", ")
                });
                violations.push(violation(
                    name,
                    "unknown-property",
                    format!(
                        "Property '{name}' is not a property of kind '{kind}'. Names are case-sensitive; known properties: {known}."
                    ),
                ));
            }
            None => {}
            Some(rule) => {
                if let Some(value) = value {
                    let secret = rule.secret
                        || matches!(change.op, ChangeOp::Set { secret: true, .. })
                        || property.is_some_and(|p| p.value == crate::model::StoredValue::Secret);
                    check_value(rule, value, secret, &mut violations);
                }
            }
        }
    }
    if let Some(max) = rules.max_properties
        && names.len() > max as usize
    {
        violations.push(violation(
            "",
            "max-properties",
            format!(
                "Connectors of kind '{kind}' may have at most {max} properties; this update would leave {}.",
                names.len()
            ),
        ));
    }
    violations
}

/// The kind's names by their lowercase (the first of names alike but for
/// case, which a kind should not declare).
fn fold_names(rules: &KindRules) -> HashMap<String, &str> {
    let mut folded = HashMap::with_capacity(rules.properties.len());
    for rule in &rules.properties {
        folded
            .entry(rule.name.to_lowercase())
            .or_insert(rule.name.as_str());
    }
    folded
}

/// Every way in which `value`, the value a property will hold, breaks the
/// format, length and JSON rules of `rule`. A store calls it on a secret it
/// merged itself (`ChangeOp::Merge`), whose result the guest never sees;
/// `secret` keeps the keys of a JSON value out of the messages.
pub fn check_property_value(rule: &PropertyRule, value: &str, secret: bool) -> Vec<Violation> {
    let mut violations = Vec::new();
    check_value(rule, value, secret, &mut violations);
    violations
}

/// The format, length and JSON rules of `rule`, on a value a step writes.
fn check_value(rule: &PropertyRule, value: &str, secret: bool, violations: &mut Vec<Violation>) {
    let name = rule.name.as_str();
    if let Some(detail) = format_problem(rule.format, value) {
        violations.push(violation(
            name,
            "format",
            format!(
                "Property '{name}' must be {}.{detail}",
                describe_format(rule.format)
            ),
        ));
    } else if let Some(json) = &rule.json
        && let Ok(parsed) = serde_json::from_str(value)
    {
        violations.extend(check_json_rule(name, json, &parsed, secret));
    }
    if let Some(max) = rule.max_length
        && value.chars().count() > max as usize
    {
        violations.push(violation(
            name,
            "max-length",
            format!("Property '{name}' may have at most {max} characters."),
        ));
    }
}

/// Each of `kinds`, in order, with only its rules for `names`, matched
/// regardless of case (so that `validate` can ask "did you mean `APIKey`?"
/// of `ApiKey`); a kind with none of them is left out. What a host answers
/// `kinds-naming` with, from the kinds it declares, and what `validate`
/// checks a step's names with.
pub fn kinds_naming(kinds: &[KindRules], names: &[String]) -> Vec<KindRules> {
    let names: HashSet<String> = names.iter().map(|n| n.to_lowercase()).collect();
    kinds
        .iter()
        .filter_map(|kind| {
            let properties: Vec<PropertyRule> = kind
                .properties
                .iter()
                .filter(|rule| names.contains(&rule.name.to_lowercase()))
                .cloned()
                .collect();
            (!properties.is_empty()).then(|| KindRules {
                kind: kind.kind.clone(),
                help: kind.help.clone(),
                properties,
                max_properties: kind.max_properties,
                allow_unknown: kind.allow_unknown,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{StoredProperty, StoredValue, ValueFormat};

    fn rule(
        name: &str,
        required: bool,
        format: ValueFormat,
        max_length: Option<u32>,
    ) -> PropertyRule {
        PropertyRule {
            required,
            max_length,
            ..PropertyRule::new(name, format)
        }
    }

    fn rules() -> KindRules {
        KindRules {
            kind: "rest-api".into(),
            help: String::new(),
            properties: vec![
                rule("APIKey", true, ValueFormat::Text, Some(8)),
                rule("Endpoint", true, ValueFormat::Url, None),
                rule("Timeout", false, ValueFormat::Duration, None),
            ],
            max_properties: Some(2),
            allow_unknown: false,
        }
    }

    fn connector() -> Connector {
        Connector {
            id: "c".into(),
            name: "n".into(),
            kind: Some("rest-api".into()),
            revision: 1,
            properties: vec![
                StoredProperty {
                    name: "APIKey".into(),
                    value: StoredValue::Secret,
                },
                StoredProperty {
                    name: "Endpoint".into(),
                    value: StoredValue::Plain("not a url, stored long ago".into()),
                },
            ],
        }
    }

    fn set(name: &str, value: &str) -> Change {
        Change {
            name: name.into(),
            op: ChangeOp::Set {
                value: value.into(),
                secret: false,
            },
        }
    }

    #[test]
    fn valid_changes_pass_and_stored_values_are_not_rechecked() {
        assert!(check_rules(&connector(), &[set("APIKey", "newkey")], &rules()).is_empty());
    }

    #[test]
    fn every_violation_is_reported_without_values() {
        let changes = vec![
            set("Timeout", "sixty-seconds"),
            set("APIKey", "much-too-long-key"),
            set("Extra", "x"),
            Change {
                name: "Endpoint".into(),
                op: ChangeOp::Remove,
            },
        ];
        let got = check_rules(&connector(), &changes, &rules());
        let found: Vec<(&str, &str)> = got
            .iter()
            .map(|v| (v.property.as_str(), v.rule.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![
                ("Endpoint", "required"),
                ("Timeout", "format"),
                ("APIKey", "max-length"),
                ("Extra", "unknown-property"),
                ("", "max-properties"),
            ]
        );
        for v in &got {
            assert!(
                !v.message.contains("sixty") && !v.message.contains("much-too-long"),
                "{}",
                v.message
            );
        }
        assert!(got[0].message.contains("cannot be removed"));
    }

    #[test]
    fn immutable_names_refuse_change_and_removal_but_not_a_first_value() {
        let mut rules = rules();
        rules.properties[1].immutable = true;
        rules.max_properties = None;
        for change in [
            set("Endpoint", "https://other.example.com"),
            Change {
                name: "Endpoint".into(),
                op: ChangeOp::Remove,
            },
        ] {
            let got = check_rules(&connector(), &[change], &rules);
            assert!(
                got.iter().any(|v| v.rule == "immutable"),
                "{got:?} should hold an immutable violation"
            );
        }
        let mut fresh = connector();
        fresh.properties.retain(|p| p.name != "Endpoint");
        let got = check_rules(&fresh, &[set("Endpoint", "https://a.example.com")], &rules);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn json_rules_apply_to_written_json_and_formats_explain_broken_json() {
        let mut rules = rules();
        rules.properties.push(PropertyRule {
            json: Some(crate::model::JsonRule {
                strings_only: true,
                ..Default::default()
            }),
            ..PropertyRule::new("scopes", ValueFormat::JsonArray)
        });
        rules.max_properties = None;
        let got = check_rules(&connector(), &[set("scopes", "[\"a\", 1]")], &rules);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].rule, "json-strings");
        let got = check_rules(&connector(), &[set("scopes", "[\"a\",")], &rules);
        assert_eq!(got[0].rule, "format");
        assert!(
            got[0]
                .message
                .contains("not valid JSON at line 1, column 5"),
            "{}",
            got[0].message
        );
    }

    /// `check_rules` as it was, searching the changes, rules and stored
    /// properties for every rule and change.
    fn searched_check(
        connector: &Connector,
        changes: &[Change],
        rules: &KindRules,
    ) -> Vec<Violation> {
        let kind = &rules.kind;
        let names = merged_names(connector, changes);
        let mut violations = Vec::new();
        for rule in rules.properties.iter().filter(|r| r.required) {
            let blank = changes
                .iter()
                .rev()
                .find(|c| c.name == rule.name)
                .is_some_and(
                    |c| matches!(&c.op, ChangeOp::Set { value, .. } if value.trim().is_empty()),
                );
            if blank {
                violations.push(violation(&rule.name, "required", format!(
                    "Property '{}' is required for connectors of kind '{kind}' and may not be set to empty text; give it a value, or leave it out of the step to keep the stored one.",
                    rule.name
                )));
            } else if !names.contains(rule.name.as_str()) {
                let removed = changes
                    .iter()
                    .any(|c| c.name == rule.name && c.op == ChangeOp::Remove);
                let message = if removed {
                    format!(
                        "Property '{}' is required for connectors of kind '{kind}' and cannot be removed.",
                        rule.name
                    )
                } else {
                    format!(
                        "Property '{}' is required for connectors of kind '{kind}'; set it in Properties or Dynamic Properties.",
                        rule.name
                    )
                };
                violations.push(violation(&rule.name, "required", message));
            }
        }
        for change in changes {
            let name = change.name.as_str();
            let rule = rules.rule(name);
            if rule.is_none()
                && change.op != ChangeOp::Remove
                && let Some(meant) = rules
                    .properties
                    .iter()
                    .find(|r| r.name.to_lowercase() == name.to_lowercase())
            {
                violations.push(violation(name, "name-case", format!(
                    "Property '{name}' is not a property of kind '{kind}', whose names are case-sensitive: did you mean {}? \
                     Write the name exactly as the kind declares it.",
                    meant.name
                )));
                continue;
            }
            if let Some(rule) = rule
                && rule.immutable
                && connector.property(name).is_some()
            {
                violations.push(violation(name, "immutable", format!(
                    "Property '{name}' is set when a connector of kind '{kind}' is created and a step cannot change or remove it; create a new connector instead."
                )));
            }
            let value = match &change.op {
                ChangeOp::Set { value, .. } => Some(value.as_str()),
                ChangeOp::Merge { .. } => None,
                ChangeOp::Remove => continue,
            };
            match rule {
                None if !rules.allow_unknown && connector.property(name).is_none() => {
                    let known: Vec<&str> =
                        rules.properties.iter().map(|r| r.name.as_str()).collect();
                    violations.push(violation(name, "unknown-property", format!(
                        "Property '{name}' is not a property of kind '{kind}'. Names are case-sensitive; known properties: {}.",
                        known.join(", ")
                    )));
                }
                None => {}
                Some(rule) => {
                    if let Some(value) = value {
                        let secret = rule.secret
                            || matches!(change.op, ChangeOp::Set { secret: true, .. })
                            || connector
                                .property(name)
                                .is_some_and(|p| p.value == StoredValue::Secret);
                        check_value(rule, value, secret, &mut violations);
                    }
                }
            }
        }
        if let Some(max) = rules.max_properties
            && names.len() > max as usize
        {
            violations.push(violation("", "max-properties", format!(
                "Connectors of kind '{kind}' may have at most {max} properties; this update would leave {}.",
                names.len()
            )));
        }
        violations
    }

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

    /// Short and long kinds and connectors, names equal but for case and
    /// given twice in one step (a blank last, a removal then a set), rules
    /// given twice, immutable, required, secret and unknown names: the
    /// indexed check reports what the searching one did, in its order.
    #[test]
    fn the_indexed_check_reports_what_the_search_did_in_order() {
        let names: Vec<String> = ["Key", "key", "Url"]
            .into_iter()
            .map(String::from)
            .chain((0..20).map(|i| format!("P{i}")))
            .collect();
        let values = ["v", "", "  ", "https://a.example", "much-too-long-value"];
        let mut random = Lcg(3);
        for _ in 0..3000 {
            let wide = random.below(2) == 0;
            let n = if wide { names.len() } else { 4 };
            let mut pick = |count: usize| -> Vec<String> {
                (0..count).map(|_| names[random.below(n)].clone()).collect()
            };
            let (stored, ruled, changed) = if wide {
                (pick(25), pick(25), pick(30))
            } else {
                (pick(3), pick(4), pick(5))
            };
            let connector = Connector {
                properties: stored
                    .into_iter()
                    .map(|name| StoredProperty {
                        value: if name.ends_with('1') {
                            StoredValue::Secret
                        } else {
                            StoredValue::Plain("s".into())
                        },
                        name,
                    })
                    .collect(),
                ..connector()
            };
            let rules = KindRules {
                kind: "k".into(),
                help: String::new(),
                properties: ruled
                    .into_iter()
                    .map(|name| PropertyRule {
                        required: random.below(2) == 0,
                        immutable: random.below(4) == 0,
                        secret: random.below(3) == 0,
                        max_length: Some(8),
                        ..PropertyRule::new(
                            name,
                            if random.below(3) == 0 {
                                ValueFormat::Url
                            } else {
                                ValueFormat::Text
                            },
                        )
                    })
                    .collect(),
                max_properties: Some(if wide { 20 } else { 3 }),
                allow_unknown: random.below(2) == 0,
            };
            let changes: Vec<Change> = changed
                .into_iter()
                .map(|name| Change {
                    op: match random.below(4) {
                        0 => ChangeOp::Remove,
                        1 => ChangeOp::Merge {
                            patch: "{}".into(),
                            secret: true,
                        },
                        _ => ChangeOp::Set {
                            value: values[random.below(values.len())].into(),
                            secret: random.below(3) == 0,
                        },
                    },
                    name,
                })
                .collect();
            assert_eq!(
                check_rules(&connector, &changes, &rules),
                searched_check(&connector, &changes, &rules),
                "{connector:?} {changes:?} {rules:?}"
            );
        }
    }

    #[test]
    fn a_required_name_set_blank_last_in_a_long_step_is_refused() {
        let mut rules = rules();
        rules.max_properties = None;
        rules.allow_unknown = true;
        rules
            .properties
            .extend((0..20).map(|i| rule(&format!("P{i}"), false, ValueFormat::Text, None)));
        let mut changes: Vec<Change> = (0..20).map(|i| set(&format!("P{i}"), "x")).collect();
        changes.push(set("APIKey", "key"));
        changes.push(set("APIKey", " "));
        // `apikey` is another property: setting it does not satisfy `APIKey`.
        changes.push(Change {
            name: "Endpoint".into(),
            op: ChangeOp::Remove,
        });
        changes.push(set("endpoint", "https://a.example"));
        let found: Vec<(String, String)> = check_rules(&connector(), &changes, &rules)
            .into_iter()
            .map(|v| (v.property, v.rule))
            .collect();
        assert_eq!(
            found,
            [
                ("APIKey".to_string(), "required".to_string()),
                ("Endpoint".to_string(), "required".to_string()),
                // And a kind's name in another case is refused as such.
                ("endpoint".to_string(), "name-case".to_string())
            ]
        );
    }
}
