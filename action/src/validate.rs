//! Design-time checks of a step, half-filled or not, without resolving
//! tokens, reading any connector or writing anything. The store's kinds are
//! its only other input: they tell which property names are deprecated or
//! required.
//!
//! Every problem is found in one pass, each at the exact field it is
//! about: one broken field never hides another.

use std::collections::{HashMap, HashSet};

use crate::by_name::ByName;
use crate::dynamic_properties::{FIELD as JSON_FIELD, Member, ObjectMembers, read_object};
use crate::error::{ActionError, InvalidJson, InvalidParameter, UnresolvedToken};
use crate::execute::check_step_limits;
use crate::limits::Limits;
use crate::model::{Diagnostic, KindRules, PropertyRule, Severity, Step};
use crate::property_name::{check_property_name, escape_invisible, same_but_for_case};
use crate::rules::kinds_naming;
use crate::step::{check_revision, missing_value, read_step};
use crate::tokens::{TokenRef, check_nesting, find_tokens, shown_template, whole_token};

fn error_diagnostic(field: &str, error: &ActionError) -> Diagnostic {
    let field = match error {
        ActionError::InvalidParameter(InvalidParameter { field, .. })
        | ActionError::InvalidJson(InvalidJson { field, .. })
        | ActionError::UnresolvedToken(UnresolvedToken { field, .. }) => field.clone(),
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

/// Every finding for a step's JSON text: what reading it finds (unknown
/// keys, wrong types, bad values, malformed JSON), then what [`validate`]
/// finds in the fields that could be read. A field with a reading problem
/// gets no second finding.
pub fn validate_json(json: &str, limits: &Limits, kinds: &[KindRules]) -> Vec<Diagnostic> {
    validate_json_naming(json, limits, |names| kinds_naming(kinds, names))
}

/// [`validate_json`], asking `kinds` for the store's rules once the step is
/// read, for the names [`validate`] looks up (see [`validate_naming`]): the guest
/// answers it with the store's `kinds-naming`, so that a design-time call
/// copies only those rules into it. A text that is not a step at all is
/// not asked about.
pub fn validate_json_naming(
    json: &str,
    limits: &Limits,
    kinds: impl FnOnce(&[String]) -> Vec<KindRules>,
) -> Vec<Diagnostic> {
    let reading = read_step(json, limits);
    let mut out: Vec<Diagnostic> = reading
        .problems
        .iter()
        .map(|problem| error_diagnostic("step", problem))
        .collect();
    // A text that is not a step at all has no fields to check.
    if out.iter().any(|d| d.field == "step") {
        return out;
    }
    let broken: HashSet<String> = out.iter().map(|d| d.field.clone()).collect();
    out.extend(
        validate_naming(&reading.step, limits, kinds)
            .into_iter()
            .filter(|d| !is_covered(&broken, &d.field)),
    );
    out
}

/// The names whose rules [`validate`] looks up in the store's kinds: the
/// name of every row and every key of the Dynamic Properties object, in
/// the step's order. With the rules of these names alone, `validate`
/// finds what it finds with every kind's every rule.
fn names_checked(step: &Step, dynamic: &Dynamic<'_>) -> Vec<String> {
    let rows = step
        .properties
        .iter()
        .map(|row| row.name.clone())
        .filter(|name| !name.is_empty());
    let keys = match dynamic {
        Dynamic::Object(object) => object.members.iter().map(|(key, _)| key.clone()).collect(),
        _ => Vec::new(),
    };
    rows.chain(keys).collect()
}

/// The Dynamic Properties text as `validate` reads it, once.
enum Dynamic<'s> {
    /// No text.
    Empty,
    /// One token: its value is known only when the step runs.
    Token(TokenRef<'s>),
    /// A JSON object within the limits.
    Object(ObjectMembers),
    /// Anything else, and why it cannot be read.
    Unreadable(ActionError),
}

impl<'s> Dynamic<'s> {
    fn read(step: &'s Step, limits: &Limits) -> Self {
        if step.properties_json.trim().is_empty() {
            return Dynamic::Empty;
        }
        if let Some(token) = whole_token(&step.properties_json) {
            return Dynamic::Token(token);
        }
        match read_object(&step.properties_json, "Dynamic Properties", limits) {
            Ok(object) => Dynamic::Object(object),
            Err(error) => Dynamic::Unreadable(error),
        }
    }
}

/// Whether `field` is one of the `broken` fields or a path inside one
/// (`Properties[2]` covers `Properties[2].PropertyName`, not
/// `Properties[20]`). Each prefix of `field` that ends before a `.` or `[`
/// is looked up, so the work grows with the field's length, not with the
/// number of broken fields.
fn is_covered(broken: &HashSet<String>, field: &str) -> bool {
    broken.contains(field)
        || field
            .match_indices(['.', '['])
            .any(|(at, _)| broken.contains(&field[..at]))
}

/// Every finding for `step`, errors and warnings, in field order; `kinds`
/// are the kinds the store declares.
pub fn validate(step: &Step, limits: &Limits, kinds: &[KindRules]) -> Vec<Diagnostic> {
    validate_naming(step, limits, |names| kinds_naming(kinds, names))
}

/// [`validate`], asking `kinds` for the store's rules of the names it looks
/// up: the name of every row and every key of the Dynamic Properties
/// object. With those rules alone it finds what it finds with every
/// kind's every rule. The guest answers `kinds` with the store's
/// `kinds-naming`; a step over the input limits is not asked about.
pub fn validate_naming(
    step: &Step,
    limits: &Limits,
    kinds: impl FnOnce(&[String]) -> Vec<KindRules>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Err(error) = check_step_limits(step, limits) {
        // A step this large is not read further: the checks below grow with it.
        out.push(error_diagnostic("step", &error));
        return out;
    }
    let dynamic = Dynamic::read(step, limits);
    let kinds = kinds(&names_checked(step, &dynamic));
    let kinds = &Kinds::new(&kinds);
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

    // Literal names, with the field path they were written at, for the
    // duplicate, case, deprecation and required checks.
    let mut names: Vec<(String, String)> = Vec::new();
    // The first row's field of each name, for the duplicate check.
    let mut first_row: HashMap<String, String> = HashMap::new();
    // Fields whose name is made of tokens, known only when the step runs.
    let mut token_names: Vec<String> = Vec::new();
    for (i, row) in step.properties.iter().enumerate() {
        let field = format!("Properties[{i}].PropertyName");
        let value_field = format!("Properties[{i}].PropertyValue");
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
        check_name_characters(&mut out, &field, &row.name);
        match &row.value {
            None => out.push(error_diagnostic(&value_field, &missing_value(i))),
            Some(value) => {
                check_formats(&mut out, &value_field, value);
                if value.trim().is_empty() && !row.name.is_empty() {
                    check_required_empty(&mut out, &value_field, &row.name, kinds);
                }
            }
        }
        if row.name.is_empty() {
            continue;
        }
        if find_tokens(&row.name).next().is_some() {
            token_names.push(field.clone());
        }
        match first_row.get(&row.name) {
            Some(earlier) => out.push(warning(
                field.clone(),
                "duplicate-property",
                format!(
                    "{field}: '{}' is also set by {earlier}; the later row wins.",
                    escape_invisible(&row.name)
                ),
            )),
            None => {
                first_row.insert(row.name.clone(), field.clone());
            }
        }
        names.push((field, row.name.clone()));
    }

    check_dynamic_properties(&mut out, dynamic, kinds, &mut names, &mut token_names);
    if let Some(revision) = step.expected_revision
        && let Err(error) = check_revision(revision)
    {
        out.push(error_diagnostic("ExpectedRevision", &error));
    }
    check_token_names(&mut out, &token_names, &names);
    check_case_collisions(&mut out, &names);
    check_kind_name_case(&mut out, &names, kinds);
    check_deprecated(&mut out, &names, kinds);
    out
}

/// A name as written that holds a character that cannot be seen: an
/// error at its field, as `execute` refuses it (see [`check_property_name`]).
fn check_name_characters(out: &mut Vec<Diagnostic>, field: &str, name: &str) {
    if let Err(problem) = check_property_name(name) {
        out.push(error_diagnostic(
            field,
            &ActionError::invalid_parameter(field, format!("{field}: {problem}.")),
        ));
    }
}

/// A name that equals a kind's name but for case: an error at its field,
/// since `execute` refuses it on a connector of that kind (even one that
/// allows unknown names), where it would be another property that none of
/// the kind's rules cover.
fn check_kind_name_case(out: &mut Vec<Diagnostic>, names: &[(String, String)], kinds: &Kinds<'_>) {
    for (field, name) in names {
        for (kind, rule) in kinds.rules(name) {
            if rule.is_some() {
                continue;
            }
            let Some(meant) = kind
                .properties
                .iter()
                .find(|r| same_but_for_case(name, &r.name))
            else {
                continue;
            };
            out.push(Diagnostic {
                severity: Severity::Error,
                field: field.clone(),
                code: "validation-failed".into(),
                message: format!(
                    "{field}: '{}' is not a property of kind '{}', whose names are case-sensitive: did you mean {}? \
                     A step that writes it to a connector of that kind is refused.",
                    escape_invisible(name),
                    kind.kind,
                    meant.name
                ),
            });
        }
    }
}

/// The Dynamic Properties text: its JSON, its keys and its string values.
fn check_dynamic_properties(
    out: &mut Vec<Diagnostic>,
    dynamic: Dynamic<'_>,
    kinds: &Kinds<'_>,
    names: &mut Vec<(String, String)>,
    token_names: &mut Vec<String>,
) {
    // One reading gives the members and the duplicate keys.
    let object = match dynamic {
        Dynamic::Empty => return,
        Dynamic::Token(token) => {
            check_token_format(out, JSON_FIELD, &token);
            return;
        }
        Dynamic::Unreadable(error) => {
            out.push(error_diagnostic(JSON_FIELD, &error));
            return;
        }
        Dynamic::Object(object) => object,
    };
    for key in &object.duplicates {
        out.push(warning(
            format!("{JSON_FIELD}.{}", escape_invisible(key)),
            "duplicate-key",
            format!(
                "{JSON_FIELD}: the key '{key}' appears more than once; only its last value is used. Write each key once."
            ),
        ));
    }
    for (key, value) in &object.members {
        let field = format!("{JSON_FIELD}.{}", escape_invisible(&shown_template(key)));
        if key.is_empty() {
            out.push(error_diagnostic(
                JSON_FIELD,
                &ActionError::invalid_parameter(
                    JSON_FIELD,
                    format!(
                        "{JSON_FIELD}: a property name is empty; every key must name a property."
                    ),
                ),
            ));
            continue;
        }
        check_formats(out, &field, key);
        check_name_characters(out, &field, key);
        if let Member::Json(serde_json::Value::String(text)) = value {
            check_formats(out, &field, text);
            if text.trim().is_empty() {
                check_required_empty(out, &field, key, kinds);
            }
        }
        if find_tokens(key).next().is_some() {
            token_names.push(field);
        } else {
            names.push((field, key.clone()));
        }
    }
}

/// The warning `validate` adds when the store cannot list its kinds: the
/// checks that need them were skipped.
pub fn kinds_unavailable(error: crate::error::StoreError) -> Diagnostic {
    let error = ActionError::from_store(error, "", 0);
    warning(
        "step".into(),
        error.code().as_str(),
        format!(
            "The connector kinds could not be read, so deprecated and required names were not checked: {error}"
        ),
    )
}

/// The store's kinds, each with its rules looked up by name ([`ByName`]),
/// so the checks grow with names times kinds, not names times rules.
struct Kinds<'k> {
    kinds: Vec<(&'k KindRules, ByName<'k, PropertyRule>)>,
}

impl<'k> Kinds<'k> {
    fn new(kinds: &'k [KindRules]) -> Self {
        Kinds {
            kinds: kinds
                .iter()
                .map(|kind| (kind, ByName::new(&kind.properties)))
                .collect(),
        }
    }

    /// Each kind, in the store's order, with its rule for `name` if it has one.
    fn rules<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = (&'k KindRules, Option<&'k PropertyRule>)> + 'a {
        self.kinds
            .iter()
            .map(move |(kind, rules)| (*kind, rules.get(name)))
    }
}

/// Warns about a name that a kind deprecates. The step's connector is not
/// read at design time, so the warning names the kind it applies to.
fn check_deprecated(out: &mut Vec<Diagnostic>, names: &[(String, String)], kinds: &Kinds<'_>) {
    for (field, name) in names {
        for (kind, rule) in kinds.rules(name) {
            let Some(note) = rule.and_then(|r| r.deprecated.as_ref()) else {
                continue;
            };
            out.push(warning(
                field.clone(),
                "deprecated-property",
                format!(
                    "'{name}' is deprecated for connectors of kind '{}': {note} A step still writes it to a connector of that kind.",
                    kind.kind
                ),
            ));
        }
    }
}

/// Warns when `name`, set to empty text at `field`, is required by a
/// kind: a step that does so to a connector of that kind is refused.
fn check_required_empty(out: &mut Vec<Diagnostic>, field: &str, name: &str, kinds: &Kinds<'_>) {
    let requiring: Vec<&str> = kinds
        .rules(name)
        .filter(|(_, rule)| rule.is_some_and(|r| r.required))
        .map(|(k, _)| k.kind.as_str())
        .collect();
    if requiring.is_empty() {
        return;
    }
    out.push(warning(
        field.to_string(),
        "empty-required",
        format!(
            "{field}: '{name}' is set to empty text, but connectors of kind {} require it to have a value; \
             the step is refused for a connector of that kind. Give a value, or leave the property out to keep the stored one.",
            requiring.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>().join(", ")
        ),
    ));
}

/// Warns about names made of tokens when the step also writes literal
/// names: if a token's value is one of them, one silently overrides the
/// other (the later wins), which no design-time check can see.
fn check_token_names(
    out: &mut Vec<Diagnostic>,
    token_names: &[String],
    names: &[(String, String)],
) {
    if names.is_empty() {
        return;
    }
    // The same list for every field: written once.
    let listed = names
        .iter()
        .map(|(_, n)| format!("'{}'", escape_invisible(n)))
        .collect::<Vec<_>>()
        .join(", ");
    for field in token_names {
        out.push(warning(
            field.clone(),
            "token-name",
            format!(
                "{field}: this name comes from a token and is known only when the step runs. If it resolves to a name \
                 the step also writes literally ({listed}), the later of the two wins and the other is silently lost."
            ),
        ));
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
                    escape_invisible(&entry.1),
                    escape_invisible(&first.1),
                    first.0
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
                token.shown()
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
        PropertyRow::new(name, value)
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
            (
                Severity::Warning,
                "Properties[2].PropertyName",
                "case-collision",
            ),
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

    fn findings(json: &str, kinds: &[KindRules]) -> Vec<(Severity, String, String)> {
        validate_json(json, &LIMITS, kinds)
            .into_iter()
            .map(|d| (d.severity, d.field, d.code))
            .collect()
    }

    fn triple(s: Severity, f: &str, c: &str) -> (Severity, String, String) {
        (s, f.to_string(), c.to_string())
    }

    #[test]
    fn every_problem_in_one_pass_each_at_its_field() {
        let json = r#"{"ActionType": "Connectors.Update", "Parameters": {
            "EntryId": "",
            "Properties": [
                {"PropertyName": "APIKey", "PropertyValue": "[Form:A|[Form:B]]"},
                {"PropertyName": "", "PropertyValue": "x"},
                {"PropertyName": "apikey"},
                {"PropertyName": "T", "PropertyValue": "v", "Colour": 1}
            ],
            "PropertiesJson": "{\"a\": ",
            "MergeMode": "merge",
            "Entry": 1,
            "Dryrun": true,
            "ExpectedRevision": 0
        }}"#;
        let got = findings(json, &[]);
        use Severity::{Error, Warning};
        let expect = vec![
            triple(Error, "Entry", "invalid-parameter"),
            triple(Error, "Dryrun", "invalid-parameter"),
            triple(Error, "Properties[3].Colour", "invalid-parameter"),
            triple(Error, "ExpectedRevision", "invalid-parameter"),
            triple(Error, "MergeMode", "invalid-parameter"),
            triple(Error, "EntryId", "invalid-parameter"),
            triple(Error, "Properties[0].PropertyValue", "invalid-parameter"),
            triple(Error, "Properties[1].PropertyName", "invalid-parameter"),
            triple(Error, "Properties[2].PropertyValue", "invalid-parameter"),
            triple(Error, "PropertiesJson", "invalid-json"),
            triple(Warning, "Properties[2].PropertyName", "case-collision"),
        ];
        assert_eq!(got, expect);
        let messages = validate_json(json, &LIMITS, &[]);
        assert!(
            messages[1].message.contains("did you mean 'DryRun'"),
            "{messages:?}"
        );
        assert!(
            messages[8].message.contains("has no PropertyValue"),
            "{messages:?}"
        );
    }

    #[test]
    fn duplicate_and_token_keys_in_dynamic_properties_are_warned_about() {
        let json = r#"{"EntryId": "x", "PropertiesJson": "{\"Timeout\": \"1s\", \"[Form:Name]\": \"v\", \"Timeout\": \"2s\"}"}"#;
        let got = findings(json, &[]);
        assert_eq!(
            got,
            vec![
                triple(Severity::Warning, "PropertiesJson.Timeout", "duplicate-key"),
                triple(
                    Severity::Warning,
                    "PropertiesJson.[Form:Name]",
                    "token-name"
                ),
            ]
        );
        // Token names alone collide with nothing the step can see.
        let alone = r#"{"EntryId": "x", "PropertiesJson": "{\"[Form:Name]\": \"v\"}"}"#;
        assert!(findings(alone, &[]).is_empty());
    }

    #[test]
    fn a_step_that_is_not_an_object_or_empty_or_has_a_bom() {
        let empty = validate_json("  ", &LIMITS, &[]);
        assert_eq!((empty.len(), empty[0].code.as_str()), (1, "invalid-json"));
        assert!(empty[0].message.contains("the step is empty"), "{empty:?}");
        assert!(!empty[0].message.contains("column 0"), "{empty:?}");
        let array = validate_json("[1]", &LIMITS, &[]);
        assert!(array[0].message.contains("A step looks like"), "{array:?}");
        assert!(!array[0].message.contains("Timeout"), "{array:?}");
        assert!(validate_json("\u{feff}{\"EntryId\": \"x\"}", &LIMITS, &[]).is_empty());
    }

    #[test]
    fn empty_values_for_required_names_and_formats_without_values() {
        use crate::model::{PropertyRule, ValueFormat};
        let kind = KindRules {
            kind: "rest-api".into(),
            help: String::new(),
            properties: vec![PropertyRule {
                required: true,
                ..PropertyRule::new("APIKey", ValueFormat::Text)
            }],
            max_properties: None,
            allow_unknown: true,
        };
        let step = Step {
            entry_id: "x".into(),
            properties: vec![row("APIKey", ""), row("B", "[Form:K|CANARY]")],
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
                ("Properties[0].PropertyValue", "empty-required"),
                ("Properties[1].PropertyValue", "format-without-value")
            ]
        );
        assert!(
            found.iter().all(|d| !d.message.contains("CANARY")),
            "{found:?}"
        );
    }

    #[test]
    fn every_repeat_of_a_row_name_points_at_its_first_row() {
        let mut properties: Vec<PropertyRow> =
            (0..20).map(|i| row(&format!("P{i}"), "v")).collect();
        properties.extend([row("P3", "a"), row("p3", "b"), row("P3", "c")]);
        let step = Step {
            entry_id: "x".into(),
            properties,
            properties_json: r#"{"K": 1, "P3": 2, "K": 3, "K": 4}"#.into(),
            ..Step::default()
        };
        let found = validate(&step, &LIMITS, &[]);
        let got: Vec<(&str, &str)> = found
            .iter()
            .map(|d| (d.field.as_str(), d.code.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("Properties[20].PropertyName", "duplicate-property"),
                ("Properties[22].PropertyName", "duplicate-property"),
                ("PropertiesJson.K", "duplicate-key"),
                ("Properties[21].PropertyName", "case-collision"),
            ]
        );
        assert!(
            found[0]
                .message
                .contains("also set by Properties[3].PropertyName")
        );
        assert!(
            found[1]
                .message
                .contains("also set by Properties[3].PropertyName")
        );
    }

    #[test]
    fn a_broken_field_covers_the_paths_inside_it_only() {
        let broken: HashSet<String> = ["Properties[1]", "PropertiesJson", "Entry"]
            .map(String::from)
            .into();
        for (field, covered) in [
            ("Properties[1]", true),
            ("Properties[1].PropertyName", true),
            ("Properties[1][0]", true),
            ("Properties[10].PropertyName", false),
            ("Properties", false),
            ("PropertiesJson.Timeout", true),
            ("PropertiesJsonX", false),
            ("EntryId", false),
            ("Entry.x", true),
        ] {
            assert_eq!(is_covered(&broken, field), covered, "{field}");
        }
    }

    #[test]
    fn a_long_kind_finds_its_deprecated_and_required_names_exactly() {
        use crate::model::{PropertyRule, ValueFormat};
        let mut properties: Vec<PropertyRule> = (0..20)
            .map(|i| PropertyRule::new(format!("P{i}"), ValueFormat::Text))
            .collect();
        properties[17].deprecated = Some("Use P18.".into());
        properties[19].required = true;
        let kind = KindRules {
            kind: "long".into(),
            help: String::new(),
            properties,
            max_properties: None,
            allow_unknown: true,
        };
        let step = Step {
            entry_id: "x".into(),
            properties: vec![row("p17", "v"), row("P17", "v"), row("P19", "")],
            ..Step::default()
        };
        let found = validate(&step, &LIMITS, std::slice::from_ref(&kind));
        let got: Vec<(&str, &str)> = found
            .iter()
            .map(|d| (d.field.as_str(), d.code.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("Properties[2].PropertyValue", "empty-required"),
                ("Properties[1].PropertyName", "case-collision"),
                ("Properties[0].PropertyName", "validation-failed"),
                ("Properties[1].PropertyName", "deprecated-property"),
            ]
        );
    }

    /// Three kinds: one deprecating a name, one requiring one, one naming
    /// neither the steps below use.
    fn three_kinds() -> Vec<KindRules> {
        use crate::model::{PropertyRule, ValueFormat};
        let kind = |name: &str, properties: Vec<PropertyRule>| KindRules {
            kind: name.into(),
            help: format!("{name} help"),
            properties,
            max_properties: Some(9),
            allow_unknown: true,
        };
        vec![
            kind(
                "old",
                vec![
                    PropertyRule {
                        deprecated: Some("Use New.".into()),
                        ..PropertyRule::new("Old", ValueFormat::Text)
                    },
                    PropertyRule::new("Unused", ValueFormat::Text),
                ],
            ),
            kind(
                "strict",
                vec![PropertyRule {
                    required: true,
                    ..PropertyRule::new("Needed", ValueFormat::Text)
                }],
            ),
            kind(
                "other",
                vec![PropertyRule::new("Elsewhere", ValueFormat::Text)],
            ),
        ]
    }

    #[test]
    fn the_rules_of_the_names_a_step_writes_find_what_every_rule_finds() {
        let kinds = three_kinds();
        /// Rows, Dynamic Properties, the names validate asks about, and the
        /// kind warnings it must give.
        type Case<'a> = (Vec<PropertyRow>, &'a str, &'a [&'a str], &'a [&'a str]);
        let steps: [Case<'_>; 6] = [
            (
                vec![row("Old", "x"), row("Needed", "")],
                r#"{"Needed": " ", "Old": 1}"#,
                &["Old", "Needed", "Needed", "Old"],
                &[
                    "empty-required",
                    "empty-required",
                    "deprecated-property",
                    "deprecated-property",
                ],
            ),
            (
                vec![row("old", "x"), row("", "y")],
                r#"{"Needed": ""}"#,
                &["old", "Needed"],
                &["empty-required"],
            ),
            (
                vec![row("[Form:Name]", "")],
                "[Form:Json]",
                &["[Form:Name]"],
                &[],
            ),
            (
                vec![row("Needed", " ")],
                r#"{"Old": "#,
                &["Needed"],
                &["empty-required"],
            ),
            (
                vec![],
                r#"{"Old": "a", "Old": "b", "[Form:K]": ""}"#,
                &["Old", "[Form:K]"],
                &["deprecated-property"],
            ),
            (vec![row("Elsewhere", "1")], "", &["Elsewhere"], &[]),
        ];
        for (rows, json, asked_for, warnings) in steps {
            let step = Step {
                entry_id: "x".into(),
                properties: rows,
                properties_json: json.into(),
                ..Step::default()
            };
            let mut asked = Vec::new();
            let found = validate_naming(&step, &LIMITS, |names| {
                asked = names.to_vec();
                kinds_naming(&kinds, names)
            });
            assert_eq!(asked, asked_for, "{json}");
            let kind_warnings: Vec<&str> = found
                .iter()
                .map(|d| d.code.as_str())
                .filter(|c| ["empty-required", "deprecated-property"].contains(c))
                .collect();
            assert_eq!(kind_warnings, warnings, "{json}: {found:?}");
            // The same as with every kind's every rule, and as validate.
            assert_eq!(
                found,
                validate_naming(&step, &LIMITS, |_| kinds.clone()),
                "{json}"
            );
            assert_eq!(found, validate(&step, &LIMITS, &kinds), "{json}");
            // Only the named rules crossed, in any case: never `Unused`.
            let fewer = kinds_naming(&kinds, &asked);
            assert!(
                fewer
                    .iter()
                    .flat_map(|k| &k.properties)
                    .all(|r| asked.iter().any(|a| a.eq_ignore_ascii_case(&r.name))),
                "{json}: {fewer:?}"
            );
        }
    }

    #[test]
    fn a_step_over_the_limits_or_a_text_that_is_no_step_asks_the_store_nothing() {
        let huge = Step {
            entry_id: "x".into(),
            properties: (0..=LIMITS.properties_rows)
                .map(|i| row(&format!("P{i}"), "v"))
                .collect(),
            ..Step::default()
        };
        let found = validate_naming(&huge, &LIMITS, |_| {
            panic!("asked about a step over the limits")
        });
        assert_eq!(found.len(), 1, "{found:?}");
        let found = validate_json_naming("[1, 2]", &LIMITS, |_| {
            panic!("asked about a text that is no step")
        });
        assert!(found.iter().all(|d| d.field == "step"), "{found:?}");
    }

    #[test]
    fn the_names_checked_are_the_rows_and_the_dynamic_properties_keys() {
        let step = |json: &str| Step {
            entry_id: "x".into(),
            properties: vec![row("A", "1"), row("", "2"), row("[Form:N]", "3")],
            properties_json: json.into(),
            ..Step::default()
        };
        let names = |json: &str| {
            let step = step(json);
            names_checked(&step, &Dynamic::read(&step, &LIMITS))
        };
        assert_eq!(
            names(r#"{"B": 1, "C": {"D": 2}}"#),
            ["A", "[Form:N]", "B", "C"]
        );
        // A token, a text that is not an object, or none: the rows only.
        for json in ["[Form:Json]", "[1, 2]", "{", "  "] {
            assert_eq!(names(json), ["A", "[Form:N]"], "{json}");
        }
    }

    #[test]
    fn kinds_naming_keeps_the_order_and_leaves_out_kinds_without_a_named_rule() {
        let kinds = three_kinds();
        let names = ["Elsewhere".to_string(), "Old".to_string(), "Missing".into()];
        let found = kinds_naming(&kinds, &names);
        let got: Vec<(&str, Vec<&str>)> = found
            .iter()
            .map(|k| {
                (
                    k.kind.as_str(),
                    k.properties.iter().map(|r| r.name.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(got, [("old", vec!["Old"]), ("other", vec!["Elsewhere"])]);
        assert_eq!(
            (found[0].help.as_str(), found[0].max_properties),
            ("old help", Some(9))
        );
        assert!(kinds_naming(&kinds, &[]).is_empty());
    }
}
