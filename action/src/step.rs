//! Reading a step in the platform's step JSON format:
//! `{"ActionType": "Connectors.Update", "Parameters": {...}}`, or the
//! `Parameters` object alone. An unknown key is an error that names it.

use serde_json::{Map, Value};

use crate::dynamic_properties::strip_bom;
use crate::error::{ActionError, InvalidJson, json_kind};
use crate::json_depth::check_depth;
use crate::json_duplicates::duplicate_key_paths;
use crate::limits::{Limit, Limits};
use crate::model::{MergeMode, PropertyRow, Step};
use crate::property_name::escape_invisible;

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

/// A step read from its JSON text: the step, with every field that could
/// not be read left at its default, and every problem found on the way, in
/// the order of the text.
#[derive(Clone, Debug, Default)]
pub struct StepReading {
    /// The step, as far as it could be read.
    pub step: Step,
    /// Every problem: unknown keys, wrong types, bad values, malformed JSON.
    pub problems: Vec<ActionError>,
}

/// Parses a step's JSON text; the first problem found is the error.
pub fn parse_step(json: &str, limits: &Limits) -> Result<Step, ActionError> {
    let mut reading = read_step(json, limits);
    if reading.problems.is_empty() {
        Ok(reading.step)
    } else {
        Err(reading.problems.remove(0))
    }
}

/// Reads a step's JSON text, going on past each problem so that all of
/// them are found in one pass (`validate-json`).
pub fn read_step(json: &str, limits: &Limits) -> StepReading {
    let mut reading = StepReading::default();
    if let Err(problem) = read_into(json, limits, &mut reading) {
        reading.problems.push(problem);
    }
    reading
}

/// Fills `reading`; an `Err` is a problem that stops the reading (the text
/// is not a JSON object, or is too large to read).
fn read_into(json: &str, limits: &Limits, reading: &mut StepReading) -> Result<(), ActionError> {
    if json.len() > limits.step_json_bytes {
        return Err(ActionError::limit_exceeded(
            "step",
            Limit::StepJsonBytes,
            limits,
        ));
    }
    let json = strip_bom(json);
    if json.trim().is_empty() {
        return Err(ActionError::InvalidJson(InvalidJson {
            field: "step".into(),
            line: 0,
            column: 0,
            message: format!("step: the step is empty. {STEP_EXAMPLE}"),
        }));
    }
    if check_depth(json, limits.json_depth).is_err() {
        return Err(ActionError::limit_exceeded(
            "step",
            Limit::JsonDepth,
            limits,
        ));
    }
    let value: Value =
        serde_json::from_str(json).map_err(|e| ActionError::json_syntax("step", "the step", &e))?;
    let duplicates = duplicate_key_paths(json);
    let Value::Object(top) = value else {
        return Err(ActionError::InvalidJson(InvalidJson {
            field: "step".into(),
            line: 0,
            column: 0,
            message: format!(
                "step: the step must be a JSON object, but it is {}. {STEP_EXAMPLE}",
                json_kind(&value)
            ),
        }));
    };
    let is_wrapped = top.contains_key("Parameters") || top.contains_key("ActionType");
    for path in duplicates {
        // Field paths inside `Parameters` leave it out, as every other
        // problem's do.
        let field = match path.strip_prefix("Parameters.") {
            Some(inner) if is_wrapped => inner.to_string(),
            _ => path,
        };
        reading.problems.push(duplicate_key(field));
    }
    if !is_wrapped {
        read_parameters(&top, limits, reading);
        return Ok(());
    }
    check_keys(&top, &STEP_KEYS, "", "a step", &mut reading.problems);
    match top.get("ActionType") {
        None => {}
        Some(Value::String(t)) if t == ACTION_TYPE => {}
        Some(_) => reading.problems.push(ActionError::invalid_parameter(
            "ActionType",
            format!("ActionType: this action runs steps of type '{ACTION_TYPE}' only."),
        )),
    }
    match top.get("Parameters") {
        Some(Value::Object(p)) => read_parameters(p, limits, reading),
        None | Some(Value::Null) => {}
        Some(_) => reading.problems.push(ActionError::invalid_parameter(
            "Parameters",
            "Parameters must be a JSON object of the step's parameters.",
        )),
    }
    Ok(())
}

/// What a step looks like, for messages about a step that is not one.
const STEP_EXAMPLE: &str = "A step looks like {\"ActionType\": \"Connectors.Update\", \"Parameters\": {\"EntryId\": \"Twitter API\", \"Properties\": [{\"PropertyName\": \"APIKey\", \"PropertyValue\": \"...\"}]}}.";

fn read_parameters(p: &Map<String, Value>, limits: &Limits, reading: &mut StepReading) {
    let problems = &mut reading.problems;
    let step = &mut reading.step;
    check_keys(p, &PARAMETER_KEYS, "", "Connectors.Update", problems);
    match p.get("EntryId") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => step.entry_id = s.clone(),
        Some(_) => problems.push(must_be("EntryId", "text: the connector's id or name")),
    }
    match p.get("Properties") {
        None | Some(Value::Null) => {}
        Some(Value::Array(rows)) if rows.len() > limits.properties_rows => problems.push(
            ActionError::limit_exceeded("Properties", Limit::PropertiesRows, limits),
        ),
        Some(Value::Array(rows)) => {
            for (i, row) in rows.iter().enumerate() {
                if let Some(row) = read_row(i, row, problems) {
                    step.properties.push(row);
                }
            }
        }
        Some(_) => problems.push(must_be(
            "Properties",
            "a list of rows such as [{\"PropertyName\": \"APIKey\", \"PropertyValue\": \"...\"}]",
        )),
    }
    match p.get("PropertiesJson") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => step.properties_json = s.clone(),
        // A designer may store the object itself rather than its text.
        Some(object @ Value::Object(_)) => step.properties_json = object.to_string(),
        Some(_) => problems.push(must_be("PropertiesJson", "text holding one JSON object")),
    }
    match p.get("ExpectedRevision") {
        None | Some(Value::Null) => {}
        Some(value) => match read_revision(value) {
            Ok(revision) => step.expected_revision = Some(revision),
            Err(problem) => problems.push(problem),
        },
    }
    match p.get("DryRun") {
        None | Some(Value::Null) => {}
        Some(Value::Bool(b)) => step.dry_run = *b,
        Some(Value::String(s)) if s == "true" || s == "false" => step.dry_run = s == "true",
        Some(_) => problems.push(must_be("DryRun", "true or false")),
    }
    match p.get("MergeMode") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if s.eq_ignore_ascii_case("replace") => {
            step.merge_mode = MergeMode::Replace
        }
        Some(Value::String(s)) if s.eq_ignore_ascii_case("deep") => step.merge_mode = MergeMode::Deep,
        Some(_) => problems.push(must_be(
            "MergeMode",
            "\"replace\" (a JSON value replaces the stored value whole) or \"deep\" (a JSON object is merged into it, RFC 7396)",
        )),
    }
}

/// `ExpectedRevision`: a whole number from 1 (revisions start at 1), as a
/// JSON number or its text.
fn read_revision(value: &Value) -> Result<u64, ActionError> {
    const FIELD: &str = "ExpectedRevision";
    let text = match value {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.trim().to_string(),
        _ => {
            return Err(must_be(
                FIELD,
                "a whole number, 1 or more (the revision the step expects)",
            ));
        }
    };
    if let Ok(revision) = text.parse::<u64>() {
        return check_revision(revision);
    }
    let digits = text.strip_prefix('-').unwrap_or(&text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(if text.starts_with('-') {
            must_be(FIELD, "1 or more: revisions start at 1")
        } else {
            ActionError::invalid_parameter(
                FIELD,
                format!(
                    "{FIELD} is too large: the largest revision is {}.",
                    u64::MAX
                ),
            )
        });
    }
    Err(must_be(
        FIELD,
        "a whole number, 1 or more (the revision the step expects)",
    ))
}

/// Refuses revision 0: revisions start at 1, so a step expecting 0 could
/// never write.
pub fn check_revision(revision: u64) -> Result<u64, ActionError> {
    if revision == 0 {
        Err(must_be(
            "ExpectedRevision",
            "1 or more: revisions start at 1 (a new connector is at revision 1), so revision 0 never matches",
        ))
    } else {
        Ok(revision)
    }
}

fn read_row(index: usize, row: &Value, problems: &mut Vec<ActionError>) -> Option<PropertyRow> {
    let field = format!("Properties[{index}]");
    let Value::Object(map) = row else {
        problems.push(must_be(
            &field,
            "an object with PropertyName and PropertyValue",
        ));
        return None;
    };
    check_keys(
        map,
        &ROW_KEYS,
        &format!("{field}."),
        "a Properties row",
        problems,
    );
    let name = match map.get("PropertyName") {
        Some(Value::String(s)) => s.clone(),
        None | Some(Value::Null) => String::new(),
        Some(_) => {
            problems.push(must_be(&format!("{field}.PropertyName"), "text"));
            String::new()
        }
    };
    let value = match map.get("PropertyValue") {
        Some(Value::String(s)) => Some(s.clone()),
        // A missing value is kept as missing: `execute` refuses it and
        // `validate` reports it, naming the row.
        None => None,
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::Bool(b)) => Some(b.to_string()),
        Some(Value::Null) => {
            problems.push(ActionError::invalid_parameter(
                format!("{field}.PropertyValue"),
                format!(
                    "{field}.PropertyValue must be text. To remove a property, use Dynamic Properties: {{\"Name\": null}}."
                ),
            ));
            None
        }
        Some(_) => {
            problems.push(must_be(
                &format!("{field}.PropertyValue"),
                "text (to set a JSON value, put it in Dynamic Properties)",
            ));
            None
        }
    };
    Some(PropertyRow { name, value })
}

/// The refusal of a row without `PropertyValue`: a missing value never
/// means empty text.
pub fn missing_value(index: usize) -> ActionError {
    let field = format!("Properties[{index}].PropertyValue");
    ActionError::invalid_parameter(
        &field,
        format!(
            "{field}: the row has no PropertyValue. Give the value to set (write \"\" for empty text), \
             or remove the row; to remove a property, use Dynamic Properties: {{\"Name\": null}}."
        ),
    )
}

/// The refusal of a key given twice in one object of the step: a JSON
/// reader keeps only one of them, so the step would not do what it says.
fn duplicate_key(field: String) -> ActionError {
    let key = field
        .rsplit(['.', ']'])
        .next()
        .unwrap_or(&field)
        .to_string();
    ActionError::invalid_parameter(
        &field,
        format!(
            "{field}: the key '{key}' is given more than once in the same object; a JSON reader keeps \
             only one of them, so the step would not do what it says. Write each key once."
        ),
    )
}

fn must_be(field: &str, what: &str) -> ActionError {
    ActionError::invalid_parameter(field, format!("{field} must be {what}."))
}

/// Reports every key of `map` not in `known`, suggesting the key each was
/// probably meant to be.
fn check_keys(
    map: &Map<String, Value>,
    known: &[&str],
    prefix: &str,
    of: &str,
    problems: &mut Vec<ActionError>,
) {
    for unknown in map.keys().filter(|k| !known.contains(&k.as_str())) {
        let hint = match known.iter().find(|k| k.eq_ignore_ascii_case(unknown)) {
            Some(meant) => format!(" Keys are case-sensitive: did you mean '{meant}'?"),
            None => match closest_key(unknown, known) {
                Some(meant) => format!(" Did you mean '{meant}'?"),
                None => String::new(),
            },
        };
        // A key may hold anything, escape sequences too: shown escaped.
        let unknown = escape_invisible(unknown);
        problems.push(ActionError::invalid_parameter(
            format!("{prefix}{unknown}"),
            format!(
                "Unknown key '{prefix}{unknown}': {of} takes {}.{hint}",
                known.join(", ")
            ),
        ));
    }
}

/// The known key `unknown` was most likely meant to be: the nearest by
/// edit distance (case ignored), if it is near enough that the two are
/// plainly the same word mistyped (at most a third of its length).
fn closest_key<'k>(unknown: &str, known: &[&'k str]) -> Option<&'k str> {
    // Keys are short; a long unknown key is nothing mistyped.
    if unknown.chars().count() > 64 {
        return None;
    }
    let unknown = unknown.to_lowercase();
    known
        .iter()
        .map(|k| (edit_distance(&unknown, &k.to_lowercase()), *k))
        .filter(|(distance, k)| *distance <= (k.chars().count() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// The Levenshtein distance between `a` and `b`, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
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
            vec![PropertyRow::new("APIKey", "new_api_key_123")]
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
    fn mistyped_keys_get_a_suggestion_at_every_level() {
        for (json, field, meant) in [
            (
                r#"{"Properties": [{"PropertyNam": "a", "PropertyValue": "v"}]}"#,
                "Properties[0].PropertyNam",
                "PropertyName",
            ),
            (r#"{"EntyId": "x"}"#, "EntyId", "EntryId"),
            (r#"{"DryRnu": true}"#, "DryRnu", "DryRun"),
            (
                r#"{"ActionTpye": "Connectors.Update", "Parameters": {}}"#,
                "ActionTpye",
                "ActionType",
            ),
            (
                r#"{"propertiesjson": "{}"}"#,
                "propertiesjson",
                "PropertiesJson",
            ),
        ] {
            let ActionError::InvalidParameter(e) = parse(json).unwrap_err() else {
                panic!("{json}")
            };
            assert_eq!(e.field, field);
            assert!(
                e.message
                    .to_lowercase()
                    .contains(&format!("did you mean '{}'?", meant.to_lowercase())),
                "{}",
                e.message
            );
        }
        let far = parse(r#"{"Colour": 1}"#).unwrap_err().to_string();
        assert!(!far.contains("did you mean"), "{far}");
    }

    #[test]
    fn a_key_given_twice_is_refused_at_every_level() {
        for (json, field) in [
            (
                r#"{"EntryId": "x", "DryRun": true, "DryRun": false}"#,
                "DryRun",
            ),
            (
                r#"{"ActionType": "Connectors.Update", "Parameters": {"EntryId": "a", "EntryId": "b"}}"#,
                "EntryId",
            ),
            (
                r#"{"Parameters": {"EntryId": "a"}, "Parameters": {"EntryId": "b"}}"#,
                "Parameters",
            ),
            (
                r#"{"EntryId": "x", "Properties": [{"PropertyName": "A", "PropertyValue": "1", "PropertyValue": "2"}]}"#,
                "Properties[0].PropertyValue",
            ),
            (
                r#"{"EntryId": "x", "Properties": [], "Properties": [{"PropertyName": "A", "PropertyValue": "1"}]}"#,
                "Properties",
            ),
            (
                r#"{"EntryId": "x", "PropertiesJson": {"A": 1, "A": 2}}"#,
                "PropertiesJson.A",
            ),
        ] {
            let ActionError::InvalidParameter(e) = parse(json).unwrap_err() else {
                panic!("{json}")
            };
            assert_eq!(e.field, field, "{json}");
            assert!(e.message.contains("more than once"), "{}", e.message);
        }
        // The same key in two rows is two rows.
        parse(r#"{"EntryId": "x", "Properties": [{"PropertyName": "A", "PropertyValue": "1"}, {"PropertyName": "A", "PropertyValue": "2"}]}"#).unwrap();
    }

    #[test]
    fn a_lone_surrogate_is_named_with_its_place() {
        let err = parse("{\"EntryId\": \"x\",\n \"Properties\": \"\\ud800\"}").unwrap_err();
        let ActionError::InvalidJson(e) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(e.line, 2, "{}", e.message);
        assert!(e.message.contains("lone surrogate"), "{}", e.message);
        assert!(!e.message.contains("hex escape"), "{}", e.message);
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
