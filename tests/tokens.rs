//! Tokens through the real component: every field, formats, escapes,
//! literal brackets, and an injection attempt.

use connectors_update::{ExposeSecret, MapTokens};
use serde_json::json;

use crate::support::{action_error, names, run_with, seed_store, step_json};

fn tokens() -> MapTokens {
    MapTokens::from_pairs([
        ("Trigger:Connector", "Twitter API"),
        ("Form:Key", "k-42"),
        ("Form:Field", "Region"),
        ("Env", "eu-west-1"),
        ("Form:Json", r#"{"Timeout": "45s", "Endpoint": null}"#),
        // A value that tries to close the string and add keys of its own.
        ("Form:Evil", r#"x", "Admin": "true", "APIKey": "stolen"#),
    ])
}

#[test]
fn tokens_resolve_in_every_field_with_formats_and_escapes() {
    let store = seed_store();
    let step = step_json(json!({
        "EntryId": "[Trigger:Connector]",
        "Properties": [
            {"PropertyName": "[Form:Field]", "PropertyValue": "[Env]"},
            {"PropertyName": "Authorization", "PropertyValue": "[Form:Key|Bearer {0}]"},
            {"PropertyName": "Literal", "PropertyValue": "[::1]:8080 [0] [1, 2] &#91;Form:Key&#93; a&#124;b"}
        ],
        "PropertiesJson": "{\"Tag\": \"[Env|region-{0}]\"}"
    }));
    let outcome = run_with(store.clone(), &step, tokens()).unwrap();
    assert_eq!(
        outcome.added,
        names(&["Region", "Authorization", "Literal", "Tag"])
    );
    let record = store.record("twitterConnectorId").unwrap();
    assert_eq!(record.value("Region"), Some("eu-west-1"));
    assert_eq!(record.value("Authorization"), Some("Bearer k-42"));
    assert_eq!(
        record.value("Literal"),
        Some("[::1]:8080 [0] [1, 2] [Form:Key] a|b")
    );
    assert_eq!(record.value("Tag"), Some("region-eu-west-1"));
}

#[test]
fn a_whole_field_token_is_parsed_as_the_json() {
    let store = seed_store();
    let step =
        step_json(json!({"EntryId": "twitterConnectorId", "PropertiesJson": " [Form:Json] "}));
    let outcome = run_with(store.clone(), &step, tokens()).unwrap();
    assert_eq!(
        (outcome.changed, outcome.removed),
        (names(&["Timeout"]), names(&["Endpoint"]))
    );
    let record = store.record("twitterConnectorId").unwrap();
    assert_eq!(record.value("Timeout"), Some("45s"));
    assert_eq!(record.value("Endpoint"), None);
}

#[test]
fn a_token_value_cannot_inject_keys() {
    let store = seed_store();
    let step = step_json(
        json!({"EntryId": "twitterConnectorId", "PropertiesJson": "{\"Note\": \"[Form:Evil]\"}"}),
    );
    let outcome = run_with(store.clone(), &step, tokens()).unwrap();
    assert_eq!(outcome.added, names(&["Note"]));
    assert!(outcome.changed.is_empty());
    let record = store.record("twitterConnectorId").unwrap();
    assert_eq!(
        record.value("Note"),
        Some(r#"x", "Admin": "true", "APIKey": "stolen"#)
    );
    assert_eq!(record.value("Admin"), None);
    assert_ne!(record.value("APIKey"), Some("stolen"));
}

#[test]
fn a_token_value_is_never_expanded_again() {
    let store = seed_store();
    let tokens = MapTokens::from_pairs([("Form:Indirect", "[Form:Key]"), ("Form:Key", "k")]);
    let step = step_json(
        json!({"EntryId": "twitterConnectorId", "Properties": [{"PropertyName": "X", "PropertyValue": "[Form:Indirect]"}]}),
    );
    run_with(store.clone(), &step, tokens).unwrap();
    assert_eq!(
        store.record("twitterConnectorId").unwrap().value("X"),
        Some("[Form:Key]")
    );
}

#[test]
fn an_unknown_token_is_never_replaced_by_empty_text() {
    let store = seed_store();
    let step = step_json(json!({"EntryId": "[Trigger:Missing]"}));
    let e = action_error(run_with(store, &step, tokens()));
    assert_eq!(e.code(), "unresolved-token");
    assert!(
        e.message()
            .starts_with("EntryId: token [Trigger:Missing] has no value"),
        "{}",
        e.message()
    );
}

#[test]
fn a_tokens_file_keeps_numbers_as_written() {
    let tokens = MapTokens::from_json(r#"{"Form:Ratio": 1.50, "On": true, "Text": "t"}"#).unwrap();
    use connectors_update::TokenSource;
    assert_eq!(
        tokens
            .resolve(Some("Form"), "Ratio")
            .unwrap()
            .map(|v| v.expose_secret().to_owned())
            .as_deref(),
        Some("1.50")
    );
    assert_eq!(
        tokens
            .resolve(None, "On")
            .unwrap()
            .map(|v| v.expose_secret().to_owned())
            .as_deref(),
        Some("true")
    );
    assert!(
        MapTokens::from_json(r#"{"Nested": {"a": 1}}"#)
            .unwrap_err()
            .contains("'Nested'")
    );
    assert!(MapTokens::from_json("[1]").is_err());
}
