//! `describe`, `validate` and `parse-step`: what a low-code designer calls.

use connectors_update_harness::Severity;
use connectors_update_harness::descriptor::ParameterKind;

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
            ("MergeMode", "Merge mode", false, false),
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
            // `apikey` is rest-api's `APIKey` in another case: a connector of
            // that kind refuses it.
            (
                Severity::Error,
                "PropertiesJson.apikey".into(),
                "validation-failed".into()
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

#[test]
fn describe_lists_the_kinds_with_their_rules() {
    let d = harness().describe().unwrap();
    let kinds: Vec<&str> = d.kinds.iter().map(|k| k.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "rest-api",
            "oauth2",
            "nylas-connector",
            "logto-connector",
            "twenty-connected-account",
            "auth0-connection"
        ]
    );
    let rule = |kind: &str, name: &str| {
        d.kinds
            .iter()
            .find(|k| k.kind == kind)
            .and_then(|k| k.properties.iter().find(|p| p.name == name))
            .unwrap_or_else(|| panic!("{kind}.{name} is not described"))
            .clone()
    };
    assert!(rule("nylas-connector", "provider").immutable);
    assert!(rule("nylas-connector", "settings").secret);
    assert_eq!(
        rule("twenty-connected-account", "authFailedAt").format,
        connectors_update_harness::kinds::ValueFormat::Timestamp
    );
    let metadata = rule("auth0-connection", "metadata").json.unwrap();
    assert_eq!(
        (
            metadata.max_entries,
            metadata.strings_only,
            metadata.max_string_length
        ),
        (Some(10), true, Some(255))
    );
    assert_eq!(
        rule("auth0-connection", "display_name").max_length,
        Some(128)
    );
    assert!(
        rule("auth0-connection", "enabled_clients")
            .deprecated
            .is_some()
    );
    assert_eq!(
        rule("logto-connector", "metadata")
            .json
            .unwrap()
            .allowed_keys
            .unwrap(),
        ["target", "name", "logo", "logoDark"]
    );
}

#[test]
fn describe_with_a_store_lists_its_kinds_and_reports_its_failure() {
    let store = std::sync::Arc::new(connectors_update_harness::stores::MemoryStore::new());
    store.set_rules(connectors_update_harness::kinds::KindRules {
        kind: "custom".into(),
        help: "A kind of this store's own.".into(),
        properties: Vec::new(),
        max_properties: None,
        allow_unknown: true,
    });
    let d = harness().describe_with(store).unwrap();
    assert!(d.kinds.iter().any(|k| k.kind == "custom"));
    let broken = std::sync::Arc::new(crate::support::faults::Broken(
        connectors_update_harness::StoreError::Unavailable("the kinds table is locked".into()),
    ));
    match harness().describe_with(broken.clone()) {
        Err(connectors_update_harness::HarnessError::Action(e)) => {
            assert_eq!(e.code(), "store-unavailable");
            assert!(
                e.message().contains("the kinds table is locked"),
                "{}",
                e.message()
            );
        }
        other => panic!("expected store-unavailable, got {other:?}"),
    }
    // validate still answers, and says what it could not check.
    let found = harness()
        .validate_with(&step(r#"{"EntryId": "x"}"#), broken.clone())
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(found[0].code, "store-unavailable");
    // So does validate-json on a step it can read.
    let found = harness()
        .validate_json_with(
            r#"{"EntryId": "x", "Properties": [{"PropertyName": "A", "PropertyValue": "1"}]}"#,
            broken.clone(),
        )
        .unwrap();
    let codes: Vec<(Severity, &str)> = found
        .iter()
        .map(|d| (d.severity, d.code.as_str()))
        .collect();
    assert_eq!(
        codes,
        [(Severity::Warning, "store-unavailable")],
        "{found:?}"
    );
    // A text that is no step is refused as such; the store is not asked.
    let found = harness().validate_json_with("[1, 2]", broken).unwrap();
    assert!(
        !found.is_empty() && found.iter().all(|d| d.field == "step"),
        "{found:?}"
    );
}

#[test]
fn validate_warns_about_a_deprecated_property() {
    let found = harness()
        .validate(&step(
            r#"{"EntryId": "My connection", "PropertiesJson": "{\"enabled_clients\": [\"client-1\"], \"show_as_button\": true}"}"#,
        ))
        .unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(found[0].code, "deprecated-property");
    assert_eq!(found[0].field, "PropertiesJson.enabled_clients");
    assert!(
        found[0].message.contains("kind 'auth0-connection'")
            && found[0].message.contains("/clients"),
        "{}",
        found[0].message
    );
}
