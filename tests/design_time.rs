//! `describe`, `validate` and `parse-step`: what a low-code designer calls.

use connectors_update::{ParameterKind, Severity};

use crate::support::{harness, step};

#[test]
fn describe_lists_parameters_outputs_limits_and_token_syntax() {
    let d = harness().describe().unwrap();
    assert_eq!(d.action_type, "Connectors.Update");
    assert_eq!(d.version, env!("CARGO_PKG_VERSION"));
    let params: Vec<(&str, &str, bool, bool)> = d
        .parameters
        .iter()
        .map(|p| {
            (
                p.key.as_str(),
                p.label.as_str(),
                p.required,
                p.supports_tokens,
            )
        })
        .collect();
    assert_eq!(
        params,
        vec![
            ("EntryId", "Connector", true, true),
            ("Properties", "Properties", false, true),
            ("PropertiesJson", "Dynamic Properties", false, true),
            ("ExpectedRevision", "Expected revision", false, false),
            ("DryRun", "Dry run", false, false),
        ]
    );
    assert!(matches!(d.parameters[1].kind, ParameterKind::NameValueList));
    assert_eq!(d.parameters[1].default_value, "[]");
    let outputs: Vec<&str> = d.outputs.iter().map(|o| o.key.as_str()).collect();
    assert_eq!(
        outputs,
        [
            "id",
            "name",
            "revision_before",
            "revision_after",
            "added",
            "changed",
            "removed",
            "unchanged",
            "dry_run"
        ]
    );
    assert!(
        d.limits
            .iter()
            .any(|l| l.what == "JSON nesting depth" && l.max == 32)
    );
    assert!(
        d.token_syntax
            .forms
            .contains(&"[Source:Name|format]".to_string())
    );
    assert_eq!(
        d.token_syntax.escapes[0],
        ("&#91;".to_string(), "[".to_string())
    );
}

#[test]
fn validate_reports_field_paths_codes_and_case_collisions() {
    let s = step(
        r#"{"Parameters": {
        "EntryId": "",
        "Properties": [
            {"PropertyName": "APIKey", "PropertyValue": "[Form:Key]"},
            {"PropertyName": "Timeout", "PropertyValue": "1s"},
            {"PropertyName": "", "PropertyValue": "x"}
        ],
        "PropertiesJson": "{\"apikey\": \"y\"}"
    }}"#,
    );
    let found: Vec<(Severity, String, String)> = harness()
        .validate(&s)
        .unwrap()
        .into_iter()
        .map(|d| (d.severity, d.field, d.code))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                Severity::Error,
                "EntryId".into(),
                "invalid-parameter".into()
            ),
            (
                Severity::Error,
                "Properties[2].PropertyName".into(),
                "invalid-parameter".into()
            ),
            (
                Severity::Warning,
                "PropertiesJson.apikey".into(),
                "case-collision".into()
            ),
        ]
    );
}

#[test]
fn validate_does_not_resolve_tokens_or_touch_the_store() {
    let s = step(r#"{"EntryId": "[Trigger:Unknown]", "PropertiesJson": "[Form:Json]"}"#);
    assert!(harness().validate(&s).unwrap().is_empty());
}

#[test]
fn validate_shows_json_errors_with_their_position() {
    let s = step(r#"{"EntryId": "x", "PropertiesJson": "{\"a\": 1,, }"}"#);
    let d = harness().validate(&s).unwrap();
    assert_eq!(d.len(), 1);
    assert_eq!(
        (d[0].field.as_str(), d[0].code.as_str()),
        ("PropertiesJson", "invalid-json")
    );
    assert!(
        d[0].message
            .contains("line 1, column 9: key must be a string"),
        "{}",
        d[0].message
    );
}
