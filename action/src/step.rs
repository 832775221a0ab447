//! Reading a step in the platform's step JSON format:
//! `{"ActionType": "Connectors.Update", "Parameters": {...}}`, or the
//! `Parameters` object alone. An unknown key is an error that names it.

use serde_json::{Map, Value};

use crate::error::ActionError;
use crate::json_depth::check_depth;
use crate::limits::Limits;
use crate::model::{MergeMode, PropertyRow, Step};

/// The action type a step must name.
pub const ACTION_TYPE: &str = "Connectors.Update";

/// The parameter keys, in the order the descriptor lists them.
pub const PARAMETER_KEYS: [&str; 6] = [
    "EntryId",
    "Properties",
    "PropertiesJson",
    "MergeMode",
    "ExpectedRevision",
    "DryRun",
];
const STEP_KEYS: [&str; 2] = ["ActionType", "Parameters"];
const ROW_KEYS: [&str; 2] = ["PropertyName", "PropertyValue"];

/// Parses a step's JSON text.
pub fn parse_step(json: &str, limits: &Limits) -> Result<Step, ActionError> {
    if json.len() > limits.step_json_bytes {
        return Err(ActionError::limit_exceeded(
            "step",
            "step JSON size in bytes",
            limits.step_json_bytes as u64,
        ));
    }
    if check_depth(json, limits.json_depth).is_err() {
        return Err(ActionError::limit_exceeded(
            "step",
            "JSON nesting depth",
            limits.json_depth as u64,
        ));
    }
    let value: Value =
        serde_json::from_str(json).map_err(|e| ActionError::json_syntax("step", "the step", &e))?;
    let Value::Object(top) = value else {
        return Err(ActionError::json_not_object("step", "the step", &value));
    };
    let is_wrapped = top.contains_key("Parameters") || top.contains_key("ActionType");
    let parameters = if is_wrapped {
        check_keys(&top, &STEP_KEYS, "", "a step")?;
        match top.get("ActionType") {
            None => {}
            Some(Value::String(t)) if t == ACTION_TYPE => {}
            Some(_) => {
                return Err(ActionError::invalid_parameter(
                    "ActionType",
                    format!("ActionType: this action runs steps of type '{ACTION_TYPE}' only."),
                ));
            }
        }
        match top.get("Parameters") {
            Some(Value::Object(p)) => p.clone(),
            None | Some(Value::Null) => Map::new(),
            Some(_) => {
                return Err(ActionError::invalid_parameter(
                    "Parameters",
                    "Parameters must be a JSON object of the step's parameters.",
                ));
            }
        }
    } else {
        top
    };
    parse_parameters(&parameters, limits)
}

fn parse_parameters(p: &Map<String, Value>, limits: &Limits) -> Result<Step, ActionError> {
    check_keys(p, &PARAMETER_KEYS, "", "Connectors.Update")?;
    let entry_id = match p.get("EntryId") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(must_be("EntryId", "text: the connector's id or name")),
    };
    let properties = match p.get("Properties") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(rows)) => {
            if rows.len() > limits.properties_rows {
                return Err(ActionError::limit_exceeded(
                    "Properties",
                    "Properties rows",
                    limits.properties_rows as u64,
                ));
            }
            rows.iter()
                .enumerate()
                .map(|(i, row)| parse_row(i, row))
                .collect::<Result<_, _>>()?
        }
        Some(_) => {
            return Err(must_be(
                "Properties",
                "a list of rows such as [{\"PropertyName\": \"APIKey\", \"PropertyValue\": \"...\"}]",
            ));
        }
    };
    let properties_json = match p.get("PropertiesJson") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        // A designer may store the object itself rather than its text.
        Some(object @ Value::Object(_)) => object.to_string(),
        Some(_) => return Err(must_be("PropertiesJson", "text holding one JSON object")),
    };
    let expected_revision = match p.get("ExpectedRevision") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) if n.as_u64().is_some() => n.as_u64(),
        Some(Value::String(s)) if s.parse::<u64>().is_ok() => s.parse::<u64>().ok(),
        Some(_) => return Err(must_be("ExpectedRevision", "a whole number, 0 or more")),
    };
    let dry_run = match p.get("DryRun") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) if s == "true" || s == "false" => s == "true",
        Some(_) => return Err(must_be("DryRun", "true or false")),
    };
    let merge_mode = match p.get("MergeMode") {
        None | Some(Value::Null) => MergeMode::default(),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("replace") => MergeMode::Replace,
        Some(Value::String(s)) if s.eq_ignore_ascii_case("deep") => MergeMode::Deep,
        Some(_) => {
            return Err(must_be(
                "MergeMode",
                "\"replace\" (a JSON value replaces the stored value whole) or \"deep\" (a JSON object is merged into it, RFC 7396)",
            ));
        }
    };
    Ok(Step {
        entry_id,
        properties,
        properties_json,
        expected_revision,
        dry_run,
        merge_mode,
    })
}

fn parse_row(index: usize, row: &Value) -> Result<PropertyRow, ActionError> {
    let field = format!("Properties[{index}]");
    let Value::Object(map) = row else {
        return Err(must_be(
            &field,
            "an object with PropertyName and PropertyValue",
        ));
    };
    check_keys(map, &ROW_KEYS, &format!("{field}."), "a Properties row")?;
    let name = match map.get("PropertyName") {
        Some(Value::String(s)) => s.clone(),
        None | Some(Value::Null) => String::new(),
        Some(_) => return Err(must_be(&format!("{field}.PropertyName"), "text")),
    };
    let value = match map.get("PropertyValue") {
        Some(Value::String(s)) => s.clone(),
        None => String::new(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Null) => {
            return Err(ActionError::invalid_parameter(
                format!("{field}.PropertyValue"),
                format!(
                    "{field}.PropertyValue must be text. To remove a property, use Dynamic Properties: {{\"Name\": null}}."
                ),
            ));
        }
        Some(_) => {
            return Err(must_be(
                &format!("{field}.PropertyValue"),
                "text (to set a JSON value, put it in Dynamic Properties)",
            ));
        }
    };
    Ok(PropertyRow { name, value })
}

fn must_be(field: &str, what: &str) -> ActionError {
    ActionError::invalid_parameter(field, format!("{field} must be {what}."))
}

/// Refuses any key of `map` not in `known`, suggesting the key it was
/// probably meant to be.
fn check_keys(
    map: &Map<String, Value>,
    known: &[&str],
    prefix: &str,
    of: &str,
) -> Result<(), ActionError> {
    let Some(unknown) = map.keys().find(|k| !known.contains(&k.as_str())) else {
        return Ok(());
    };
    let hint = match known.iter().find(|k| k.eq_ignore_ascii_case(unknown)) {
        Some(meant) => format!(" Keys are case-sensitive: did you mean '{meant}'?"),
        None => String::new(),
    };
    Err(ActionError::invalid_parameter(
        format!("{prefix}{unknown}"),
        format!(
            "Unknown key '{prefix}{unknown}': {of} takes {}.{hint}",
            known.join(", ")
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::LIMITS;

    fn parse(json: &str) -> Result<Step, ActionError> {
        parse_step(json, &LIMITS)
    }

    #[test]
    fn reads_the_seed_examples() {
        let one = r#"{"ActionType": "Connectors.Update", "Parameters": {"EntryId": "twitterConnectorId",
            "Properties": [{"PropertyName": "APIKey", "PropertyValue": "new_api_key_123"}],
            "PropertiesJson": "{ \"Timeout\": \"30s\" }"}}"#;
        let step = parse(one).unwrap();
        assert_eq!(step.entry_id, "twitterConnectorId");
        assert_eq!(
            step.properties,
            vec![PropertyRow {
                name: "APIKey".into(),
                value: "new_api_key_123".into()
            }]
        );
        assert_eq!(step.properties_json, "{ \"Timeout\": \"30s\" }");
        assert_eq!((step.expected_revision, step.dry_run), (None, false));
    }

    #[test]
    fn reads_the_extensions_and_bare_parameters() {
        let step = parse(r#"{"EntryId": "x", "ExpectedRevision": 7, "DryRun": true, "PropertiesJson": {"A": 1}}"#).unwrap();
        assert_eq!((step.expected_revision, step.dry_run), (Some(7), true));
        assert_eq!(step.properties_json, r#"{"A":1}"#);
        assert_eq!(step.merge_mode, MergeMode::Replace);
        let deep = parse(r#"{"EntryId": "x", "MergeMode": "Deep"}"#).unwrap();
        assert_eq!(deep.merge_mode, MergeMode::Deep);
    }

    #[test]
    fn unknown_keys_are_named() {
        let err = parse(r#"{"Parameters": {"EntryID": "x"}}"#).unwrap_err();
        assert_eq!(err.code(), "invalid-parameter");
        assert!(
            err.to_string().contains("'EntryID'")
                && err.to_string().contains("did you mean 'EntryId'"),
            "{err}"
        );
        let err = parse(r#"{"Parameters": {"Properties": [{"PropertyName": "a", "Value": "v"}]}}"#)
            .unwrap_err();
        assert!(err.to_string().contains("Properties[0].Value"), "{err}");
        let err = parse(r#"{"ActionType": "Connectors.Update", "Params": {}}"#).unwrap_err();
        assert!(err.to_string().contains("'Params'"), "{err}");
    }

    #[test]
    fn wrong_types_and_action_types_are_refused() {
        for json in [
            r#"{"ActionType": "Connectors.Create", "Parameters": {}}"#,
            r#"{"EntryId": 5}"#,
            r#"{"Properties": {}}"#,
            r#"{"Properties": [{"PropertyName": "a", "PropertyValue": null}]}"#,
            r#"{"ExpectedRevision": -1}"#,
            r#"{"DryRun": "yes"}"#,
            r#"{"MergeMode": "merge"}"#,
            r#"{"MergeMode": true}"#,
        ] {
            assert_eq!(
                parse(json).unwrap_err().code(),
                "invalid-parameter",
                "{json}"
            );
        }
        assert_eq!(parse("[1]").unwrap_err().code(), "invalid-json");
        assert_eq!(parse("{").unwrap_err().code(), "invalid-json");
    }

    #[test]
    fn oversized_and_deep_steps_are_limits() {
        let rows: Vec<String> = (0..=LIMITS.properties_rows)
            .map(|i| format!(r#"{{"PropertyName": "p{i}", "PropertyValue": "v"}}"#))
            .collect();
        let json = format!(r#"{{"Properties": [{}]}}"#, rows.join(","));
        assert_eq!(parse(&json).unwrap_err().code(), "limit-exceeded");
        assert_eq!(
            parse(&"[".repeat(100_000)).unwrap_err().code(),
            "limit-exceeded"
        );
    }
}
