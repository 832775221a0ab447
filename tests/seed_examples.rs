//! The seed document's two examples and its merge example, with exact results.

use connectors_update_harness::ExposeSecret;
use serde_json::json;

use crate::support::{CANARY, names, run, seed_store, step_json};

const EXAMPLE_1: &str = r#"{
"ActionType": "Connectors.Update",
"Parameters": {
"EntryId": "twitterConnectorId",
"Properties": [
{
"PropertyName": "APIKey",
"PropertyValue": "new_api_key_123"
}
],
"PropertiesJson": "{ \"Timeout\": \"30s\" }"
}
}"#;

const EXAMPLE_2: &str = r#"{
"ActionType": "Connectors.Update",
"Parameters": {
"EntryId": "oauthConnectorId",
"PropertiesJson": "{ \"ClientId\": \"updatedClientId\", \"RetryAttempts\": \"5\" }"
}
}"#;

#[test]
fn example_1_updates_the_key_and_timeout() {
    let store = seed_store();
    let outcome = run(store.clone(), EXAMPLE_1).unwrap();
    assert_eq!(outcome.id, "twitterConnectorId");
    assert_eq!(outcome.name, "Twitter API");
    assert_eq!((outcome.revision_before, outcome.revision_after), (1, 2));
    assert_eq!(outcome.added, names(&[]));
    assert_eq!(outcome.changed, names(&["APIKey", "Timeout"]));
    assert_eq!(outcome.removed, names(&[]));
    assert!(!outcome.unchanged && !outcome.dry_run);
    let record = store.record("twitterConnectorId").unwrap();
    assert_eq!(record.value("APIKey"), Some("new_api_key_123"));
    assert_eq!(record.value("Timeout"), Some("30s"));
    assert_eq!(
        record.value("Endpoint"),
        Some("https://api.twitter.com/2"),
        "untouched names keep their value"
    );
    assert!(
        record
            .properties
            .iter()
            .find(|p| p.name == "APIKey")
            .unwrap()
            .secret,
        "a secret stays secret"
    );
}

#[test]
fn example_2_uses_dynamic_properties_only() {
    let store = seed_store();
    let outcome = run(store.clone(), EXAMPLE_2).unwrap();
    assert_eq!(outcome.changed, names(&["ClientId", "RetryAttempts"]));
    let record = store.record("oauthConnectorId").unwrap();
    assert_eq!(record.value("ClientId"), Some("updatedClientId"));
    assert_eq!(record.value("RetryAttempts"), Some("5"));
    assert_eq!(record.value("ClientSecret"), Some(CANARY));
    assert_eq!(record.revision, 2);
}

#[test]
fn the_merge_example_gives_the_documented_result() {
    let store = seed_store();
    let step = step_json(json!({
        "EntryId": "Twitter API",
        "Properties": [
            {"PropertyName": "APIKey", "PropertyValue": "oldValue"},
            {"PropertyName": "Endpoint", "PropertyValue": "endpoint1"}
        ],
        "PropertiesJson": "{ \"APIKey\": \"newValue\", \"Timeout\": \"60s\" }"
    }));
    let outcome = run(store.clone(), &step).unwrap();
    assert_eq!(outcome.changed, names(&["APIKey", "Endpoint", "Timeout"]));
    let record = store.record("twitterConnectorId").unwrap();
    let values: Vec<(&str, &str)> = record
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.value.expose_secret()))
        .collect();
    assert_eq!(
        values,
        vec![
            ("APIKey", "newValue"),
            ("Endpoint", "endpoint1"),
            ("Timeout", "60s")
        ]
    );
}

#[test]
fn running_an_example_twice_changes_only_the_secret_it_names_the_second_time() {
    let store = seed_store();
    run(store.clone(), EXAMPLE_1).unwrap();
    let again = run(store.clone(), EXAMPLE_1).unwrap();
    // The timeout already holds its value; the key is a secret, which a step
    // that names it changes whatever it holds (no answer tells a guess).
    assert_eq!((again.revision_before, again.revision_after), (2, 3));
    assert!(again.added.is_empty() && again.removed.is_empty());
    assert_eq!(again.changed, ["APIKey"]);
    assert_eq!(store.record("twitterConnectorId").unwrap().revision, 3);
}
