//! Secrets: updated without being read, kept by the mask, and never shown.

use connectors_update::{
    Caller, ChangeOp, CredentialStore, MapTokens, MemoryStore, NewConnector, PropertyRow, Step,
    StoredValue,
};
use serde_json::json;

use crate::support::{CANARY, assert_clean, harness, names, run, seed_store, step, step_json};

#[test]
fn the_store_never_hands_a_secret_to_the_action() {
    let store = seed_store();
    let seen = store
        .get(&Caller::anonymous(), "twitterConnectorId")
        .unwrap();
    let key = seen.properties.iter().find(|p| p.name == "APIKey").unwrap();
    assert_eq!(key.value, StoredValue::Secret);
    assert_clean("Connector Debug", &format!("{seen:?}"));
}

#[test]
fn a_secret_is_updated_without_being_read() {
    let store = seed_store();
    let outcome = run(store.clone(), &step_json(json!({
        "EntryId": "twitterConnectorId", "Properties": [{"PropertyName": "APIKey", "PropertyValue": "rotated"}]
    })))
    .unwrap();
    assert_eq!(outcome.changed, names(&["APIKey"]));
    assert_eq!(
        store.record("twitterConnectorId").unwrap().value("APIKey"),
        Some("rotated")
    );
}

#[test]
fn the_mask_keeps_the_stored_secret() {
    let store = seed_store();
    let outcome = run(store.clone(), &step_json(json!({
        "EntryId": "twitterConnectorId",
        "Properties": [{"PropertyName": "APIKey", "PropertyValue": "******"}, {"PropertyName": "Timeout", "PropertyValue": "20s"}]
    })))
    .unwrap();
    assert_eq!(outcome.changed, names(&["Timeout"]));
    assert_eq!(
        store.record("twitterConnectorId").unwrap().value("APIKey"),
        Some(CANARY)
    );
}

#[test]
fn the_mask_is_an_ordinary_value_for_a_plain_property() {
    let store = seed_store();
    run(store.clone(), &step_json(json!({
        "EntryId": "twitterConnectorId", "Properties": [{"PropertyName": "Timeout", "PropertyValue": "******"}]
    })))
    .unwrap();
    assert_eq!(
        store.record("twitterConnectorId").unwrap().value("Timeout"),
        Some("******")
    );
}

#[test]
fn sending_the_same_secret_again_is_unchanged() {
    let store = seed_store();
    let json = step_json(
        json!({"EntryId": "twitterConnectorId", "Properties": [{"PropertyName": "APIKey", "PropertyValue": CANARY}]}),
    );
    let outcome = run(store.clone(), &json).unwrap();
    assert!(outcome.unchanged, "the store compares secrets itself");
    assert_eq!(store.record("twitterConnectorId").unwrap().revision, 1);
}

#[test]
fn kind_rules_make_a_new_property_secret() {
    let store = std::sync::Arc::new(MemoryStore::new());
    store
        .add(
            NewConnector::new("Api")
                .id("api")
                .kind("rest-api")
                .set("APIKey", "k0"),
        )
        .unwrap();
    assert!(
        store.record("api").unwrap().properties[0].secret,
        "rest-api's APIKey is secret by rule"
    );
    let oauth = std::sync::Arc::new(MemoryStore::new());
    oauth
        .add(
            NewConnector::new("O")
                .id("o")
                .kind("oauth2")
                .set("ClientId", "c"),
        )
        .unwrap();
    run(
        oauth.clone(),
        &step_json(json!({"EntryId": "o", "PropertiesJson": "{\"ClientSecret\": \"s3\"}"})),
    )
    .unwrap();
    assert!(
        oauth
            .record("o")
            .unwrap()
            .properties
            .iter()
            .find(|p| p.name == "ClientSecret")
            .unwrap()
            .secret
    );
}

#[test]
fn no_message_or_debug_print_shows_a_value() {
    // Errors raised while the canary is an input value.
    let store = seed_store();
    for parameters in [
        json!({"EntryId": "oauthConnectorId", "Properties": [{"PropertyName": "RetryAttempts", "PropertyValue": CANARY}]}),
        json!({"EntryId": "twitterConnectorId", "PropertiesJson": format!("{{\"A\": {CANARY}}}")}),
        json!({"EntryId": "twitterConnectorId", "PropertiesJson": format!("[\"{CANARY}\"]")}),
        json!({"EntryId": "twitterConnectorId", "Properties": [{"PropertyName": "A", "PropertyValue": format!("{CANARY}[Missing]")}]}),
    ] {
        let json = step_json(parameters);
        assert!(run(store.clone(), &json).is_err());
        let parsed = step(&json);
        assert_clean("Step Debug", &format!("{parsed:?}"));
        let diagnostics = harness().validate(&parsed).unwrap();
        assert_clean("diagnostics", &format!("{diagnostics:?}"));
    }
    // Debug prints of the harness's types that hold values.
    let record = store.record("twitterConnectorId").unwrap();
    assert_clean("ConnectorRecord Debug", &format!("{record:?}"));
    let change = ChangeOp::set(CANARY, true);
    assert_clean("ChangeOp Debug", &format!("{change:?}"));
    let step = Step {
        entry_id: "x".into(),
        properties: vec![PropertyRow::new("k", CANARY)],
        properties_json: CANARY.into(),
        ..Step::default()
    };
    assert_clean("Step Debug", &format!("{step:?}"));
    let tokens = MapTokens::from_pairs([("Form:Key", CANARY)]);
    assert_clean("MapTokens Debug", &format!("{tokens:?}"));
    assert_clean(
        "NewConnector Debug",
        &format!("{:?}", NewConnector::new("x").secret("k", CANARY)),
    );
    assert_clean("MemoryStore Debug", &format!("{store:?}"));
}
