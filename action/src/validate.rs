//! Design-time checks of a step, half-filled or not, without resolving
//! tokens, reading any connector or writing anything. The store's kinds are
//! its only other input: they tell which property names are deprecated.

use std::collections::HashMap;

use crate::dynamic_properties::{FIELD as JSON_FIELD, parse_object};
use crate::error::ActionError;
use crate::execute::check_step_limits;
use crate::limits::Limits;
use crate::model::{Diagnostic, KindRules, Severity, Step};
use crate::tokens::{TokenRef, check_nesting, find_tokens, whole_token};

fn error_diagnostic(field: &str, error: &ActionError) -> Diagnostic {
    let field = match error {
        ActionError::InvalidParameter { field, .. } | ActionError::InvalidJson { field, .. } => {
            field.clone()
        }
        _ => field.to_string(),
    };
    Diagnostic {
        severity: Severity::Error,
        field,
        code: error.code().to_string(),
        message: error.to_string(),
    }
}

fn warning(field: String, code: &str, message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        field,
        code: code.to_string(),
        message,
    }
}

/// Every finding for `step`, errors and warnings, in field order; `kinds`
/// are the kinds the store declares.
pub fn validate(step: &Step, limits: &Limits, kinds: &[KindRules]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Err(error) = check_step_limits(step, limits) {
        out.push(error_diagnostic("step", &error));
        return out;
    }
    if step.entry_id.trim().is_empty() {
        out.push(error_diagnostic(
            "EntryId",
            &ActionError::invalid_parameter(
                "EntryId",
                "EntryId: the Connector parameter is required; give the id or name of an existing connector.",
            ),
        ));
    }
    check_formats(&mut out, "EntryId", &step.entry_id);

    // Literal names, with where they were written, for duplicate and case checks.
    let mut names: Vec<(String, String)> = Vec::new();
    for (i, row) in step.properties.iter().enumerate() {
        let field = format!("Properties[{i}].PropertyName");
        if row.name.is_empty() {
            out.push(error_diagnostic(
                &field,
                &ActionError::invalid_parameter(
                    &field,
                    format!("{field}: the property name is empty; give every row a name."),
                ),
            ));
        } else if row.name.trim() != row.name {
            out.push(warning(
                field.clone(),
                "surrounding-space",
                format!(
                    "{field}: the name has leading or trailing spaces, which are part of the name."
                ),
            ));
        }
        check_formats(&mut out, &field, &row.name);
        check_formats(
            &mut out,
            &format!("Properties[{i}].PropertyValue"),
            &row.value,
        );
        if !row.name.is_empty() {
            if let Some((earlier, _)) = names.iter().find(|(_, n)| *n == row.name) {
                out.push(warning(
                    field.clone(),
                    "duplicate-property",
                    format!(
                        "{field}: '{}' is also set by {earlier}; the later row wins.",
                        row.name
                    ),
                ));
            }
            names.push((format!("Properties[{i}]"), row.name.clone()));
        }
    }

    if !step.properties_json.trim().is_empty() {
        match whole_token(&step.properties_json) {
            Some(token) => check_token_format(&mut out, JSON_FIELD, &token),
            None => match parse_object(&step.properties_json, "Dynamic Properties", limits) {
                Ok(object) => {
                    for (key, value) in &object {
                        if key.is_empty() {
                            out.push(error_diagnostic(
                                JSON_FIELD,
                                &ActionError::invalid_parameter(
                                    JSON_FIELD,
                                    format!("{JSON_FIELD}: a property name is empty; every key must name a property."),
                                ),
                            ));
                        }
                        check_formats(&mut out, JSON_FIELD, key);
                        if let serde_json::Value::String(text) = value {
                            check_formats(&mut out, JSON_FIELD, text);
                        }
                        if !key.is_empty() {
                            names.push((format!("{JSON_FIELD}.{key}"), key.clone()));
                        }
                    }
                }
                Err(error) => out.push(error_diagnostic(JSON_FIELD, &error)),
            },
        }
    }
    check_case_collisions(&mut out, &names);
    check_deprecated(&mut out, &names, kinds);
    out
}

/// The warning `validate` adds when the store cannot list its kinds: the
/// checks that need them were skipped.
pub fn kinds_unavailable(error: crate::model::StoreError) -> Diagnostic {
    let error = ActionError::from_store(error, "", 0);
    warning(
        "step".into(),
        error.code(),
        format!(
            "The connector kinds could not be read, so deprecated names were not checked: {error}"
        ),
    )
}

/// Warns about a name that a kind deprecates. The step's connector is not
/// read at design time, so the warning names the kind it applies to.
fn check_deprecated(out: &mut Vec<Diagnostic>, names: &[(String, String)], kinds: &[KindRules]) {
    for (at, name) in names {
        for kind in kinds {
            let Some(note) = kind.rule(name).and_then(|r| r.deprecated.as_ref()) else {
                continue;
            };
            let field = if at.starts_with(JSON_FIELD) {
                at.clone()
            } else {
                format!("{at}.PropertyName")
            };
            out.push(warning(
                field,
                "deprecated-property",
                format!(
                    "'{name}' is deprecated for connectors of kind '{}': {note} A step still writes it to a connector of that kind.",
                    kind.kind
                ),
            ));
        }
    }
}

/// Warns when two names differ only by case: names are case-sensitive, so
/// they are two properties, which is rarely what was meant.
fn check_case_collisions(out: &mut Vec<Diagnostic>, names: &[(String, String)]) {
    let mut seen: HashMap<String, &(String, String)> = HashMap::new();
    for entry in names {
        let folded = entry.1.to_lowercase();
        match seen.get(&folded) {
            Some(first) if first.1 != entry.1 => out.push(warning(
                entry.0.clone(),
                "case-collision",
                format!(
                    "'{}' and '{}' ({}) differ only by case; names are case-sensitive, so they are two different properties.",
                    entry.1, first.1, first.0
                ),
            )),
            Some(_) => {}
            None => {
                seen.insert(folded, entry);
            }
        }
    }
}

fn check_formats(out: &mut Vec<Diagnostic>, field: &str, text: &str) {
    if let Err(error) = check_nesting(field, text) {
        out.push(error_diagnostic(field, &error));
        return;
    }
    for token in find_tokens(text) {
        check_token_format(out, field, &token);
    }
}

fn check_token_format(out: &mut Vec<Diagnostic>, field: &str, token: &TokenRef<'_>) {
    if let Some(format) = token.format
        && !format.contains("{0}")
    {
        out.push(warning(
            field.to_string(),
            "format-without-value",
            format!(
                "{field}: the format of token {} has no {{0}}, so the token's value is not used.",
                token.raw
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::LIMITS;
    use crate::model::PropertyRow;

    fn row(name: &str, value: &str) -> PropertyRow {
        PropertyRow {
            name: name.into(),
            value: value.into(),
        }
    }

    fn codes(step: &Step) -> Vec<(Severity, String, String)> {
        validate(step, &LIMITS, &[])
            .into_iter()
            .map(|d| (d.severity, d.field, d.code))
            .collect()
    }

    #[test]
    fn a_good_step_has_no_findings() {
        let step = Step {
            entry_id: "[Form:Conn]".into(),
            properties: vec![row("APIKey", "[Form:Key]")],
            properties_json: r#"{"Timeout": "30s"}"#.into(),
            ..Step::default()
        };
        assert!(codes(&step).is_empty());
    }

    #[test]
    fn finds_errors_and_warnings_with_field_paths() {
        let step = Step {
            entry_id: "".into(),
            properties: vec![
                row("APIKey", "a"),
                row("", "b"),
                row("apikey", "c"),
                row("APIKey", "[X|plain]"),
            ],
            properties_json: r#"{"Timeout": 1, "timeout": 2}"#.into(),
            ..Step::default()
        };
        let got = codes(&step);
        let expect = [
            (Severity::Error, "EntryId", "invalid-parameter"),
            (
                Severity::Error,
                "Properties[1].PropertyName",
                "invalid-parameter",
            ),
            (
                Severity::Warning,
                "Properties[3].PropertyValue",
                "format-without-value",
            ),
            (
                Severity::Warning,
                "Properties[3].PropertyName",
                "duplicate-property",
            ),
            (Severity::Warning, "Properties[2]", "case-collision"),
            (
                Severity::Warning,
                "PropertiesJson.timeout",
                "case-collision",
            ),
        ];
        let expect: Vec<_> = expect
            .iter()
            .map(|(s, f, c)| (*s, f.to_string(), c.to_string()))
            .collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn json_errors_have_positions_and_whole_tokens_are_not_parsed() {
        let mut step = Step {
            entry_id: "x".into(),
            properties_json: "{\"a\": }".into(),
            ..Step::default()
        };
        let found = validate(&step, &LIMITS, &[]);
        assert_eq!(found[0].code, "invalid-json");
        assert!(
            found[0].message.contains("line 1, column 7"),
            "{}",
            found[0].message
        );
        step.properties_json = "[Form:Json]".into();
        assert!(validate(&step, &LIMITS, &[]).is_empty());
    }

    #[test]
    fn names_a_kind_deprecates_are_warnings() {
        use crate::model::{PropertyRule, ValueFormat};
        let kind = KindRules {
            kind: "auth0-connection".into(),
            help: String::new(),
            properties: vec![PropertyRule {
                deprecated: Some("Use the clients endpoint.".into()),
                ..PropertyRule::new("enabled_clients", ValueFormat::JsonArray)
            }],
            max_properties: None,
            allow_unknown: false,
        };
        let step = Step {
            entry_id: "x".into(),
            properties: vec![row("enabled_clients", "[]")],
            properties_json: r#"{"enabled_clients": ["a"]}"#.into(),
            ..Step::default()
        };
        let found = validate(&step, &LIMITS, std::slice::from_ref(&kind));
        let fields: Vec<(&str, &str)> = found
            .iter()
            .map(|d| (d.field.as_str(), d.code.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("Properties[0].PropertyName", "deprecated-property"),
                ("PropertiesJson.enabled_clients", "deprecated-property")
            ]
        );
        assert!(found[0].message.contains("kind 'auth0-connection'"));
        assert!(found.iter().all(|d| d.severity == Severity::Warning));
        assert!(validate(&step, &LIMITS, &[]).is_empty());
    }
}
