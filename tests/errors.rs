//! Every error code, each with the message a citizen developer reads.

use std::sync::Arc;

use connectors_update_harness::stores::NewConnector;
use connectors_update_harness::{ActionError, StoreError};
use serde_json::json;

use crate::support::faults::{Broken, Interfering, one_connector};
use crate::support::{action_error, harness, run, seed_store, step_json};

fn message_of(error: &ActionError) -> String {
    format!("error[{}]: {}", error.code(), error.message())
}

#[test]
fn invalid_parameter_names_the_field() {
    let e = action_error(run(
        seed_store(),
        &step_json(json!({
            "EntryId": "twitterConnectorId",
            "Properties": [{"PropertyName": "A", "PropertyValue": "1"}, {"PropertyName": "", "PropertyValue": "2"}]
        })),
    ));
    let ActionError::InvalidParameter(detail) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(detail.field, "Properties[1].PropertyName");
    assert_eq!(
        message_of(&e),
        "error[invalid-parameter]: Properties[1].PropertyName: the property name is empty; \
         give every row a name (names are case-sensitive)."
    );
    let e = action_error(run(seed_store(), &step_json(json!({"EntryId": ""}))));
    assert!(
        e.message().contains("the Connector parameter is required"),
        "{}",
        e.message()
    );
}

#[test]
fn an_unknown_key_is_named() {
    let Err(connectors_update_harness::HarnessError::Action(e)) =
        harness().parse_step(r#"{"Parameters": {"EntryId": "x", "Timeout": "5s"}}"#)
    else {
        panic!("expected an error")
    };
    assert_eq!(e.code(), "invalid-parameter");
    assert!(e.message().starts_with("Unknown key 'Timeout': Connectors.Update takes EntryId, Properties, PropertiesJson, MergeMode, ExpectedRevision, DryRun."), "{}", e.message());
}

#[test]
fn invalid_json_has_line_and_column() {
    let e = action_error(run(
        seed_store(),
        &step_json(json!({
            "EntryId": "twitterConnectorId",
            "PropertiesJson": "{\n  \"Timeout\": \"30s\",\n  \"Retry\": 5,\n}"
        })),
    ));
    let ActionError::InvalidJson(detail) = &e else {
        panic!("{e:?}")
    };
    assert_eq!((detail.line, detail.column), (4, 1));
    assert_eq!(
        message_of(&e),
        "error[invalid-json]: PropertiesJson: Dynamic Properties is not valid JSON at line 4, column 1: trailing comma."
    );
    let e = action_error(run(
        seed_store(),
        &step_json(json!({"EntryId": "twitterConnectorId", "PropertiesJson": "[1, 2]"})),
    ));
    assert!(
        e.message().contains("must be a JSON object"),
        "{}",
        e.message()
    );
}

#[test]
fn unresolved_token_names_field_and_token_and_the_escape() {
    let e = action_error(run(
        seed_store(),
        &step_json(json!({
            "EntryId": "twitterConnectorId",
            "Properties": [{"PropertyName": "APIKey", "PropertyValue": "[Form:NewKey]"}]
        })),
    ));
    let ActionError::UnresolvedToken(detail) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(
        (detail.field.as_str(), detail.token.as_str()),
        ("Properties[0].PropertyValue", "[Form:NewKey]")
    );
    assert_eq!(
        message_of(&e),
        "error[unresolved-token]: Properties[0].PropertyValue: token [Form:NewKey] has no value in this workflow. \
         Check the token's source and name (they are case-sensitive); to write the brackets literally, write &#91;Form:NewKey&#93;."
    );
}

#[test]
fn connector_not_found_never_creates_one() {
    let store = seed_store();
    let e = action_error(run(
        store.clone(),
        &step_json(
            json!({"EntryId": "twitter api", "Properties": [{"PropertyName": "A", "PropertyValue": "1"}]}),
        ),
    ));
    assert_eq!(
        message_of(&e),
        "error[connector-not-found]: EntryId: no connector has the id or name 'twitter api'. Names are case-sensitive; \
         this action updates existing connectors and never creates one."
    );
    assert_eq!(store.records().len(), 2);
}

#[test]
fn ambiguous_connector_lists_the_candidates() {
    let store = seed_store();
    store
        .add(NewConnector::new("Twitter API").id("twitterCopy"))
        .unwrap();
    let e = action_error(run(store, &step_json(json!({"EntryId": "Twitter API"}))));
    let ActionError::AmbiguousConnector(detail) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(detail.candidates, ["twitterConnectorId", "twitterCopy"]);
    assert_eq!(
        message_of(&e),
        "error[ambiguous-connector]: EntryId: 2 connectors are named 'Twitter API' (ids: twitterConnectorId, twitterCopy); \
         use the id of the one to update."
    );
}

#[test]
fn validation_failed_reports_every_violation_and_writes_nothing() {
    let store = seed_store();
    let e = action_error(run(
        store.clone(),
        &step_json(json!({
            "EntryId": "oauthConnectorId",
            "Properties": [{"PropertyName": "RetryAttempts", "PropertyValue": "five"}, {"PropertyName": "TokenUrl", "PropertyValue": "not a url"}],
            "PropertiesJson": "{\"ClientId\": null}"
        })),
    ));
    let ActionError::ValidationFailed(detail) = &e else {
        panic!("{e:?}")
    };
    let rules: Vec<(&str, &str)> = detail
        .violations
        .iter()
        .map(|v| (v.property.as_str(), v.rule.as_str()))
        .collect();
    assert_eq!(
        rules,
        vec![
            ("ClientId", "required"),
            ("RetryAttempts", "format"),
            ("TokenUrl", "format")
        ]
    );
    assert_eq!(
        message_of(&e),
        "error[validation-failed]: Connector 'oauthConnectorId' was not changed: 3 rule(s) of kind 'oauth2' would be broken. \
         Property 'ClientId' is required for connectors of kind 'oauth2' and cannot be removed. \
         Property 'RetryAttempts' must be a whole number such as 5 or -12. \
         Property 'TokenUrl' must be an absolute URL with a host, such as https://api.example.com."
    );
    assert_eq!(store.record("oauthConnectorId").unwrap().revision, 1);
}

#[test]
fn permission_denied_names_connector_and_property() {
    let store = one_connector("Locked");
    let refusing = Interfering::refusing(
        store.clone(),
        StoreError::PermissionDenied {
            property: Some("A".into()),
            reason: "the role 'viewer' may not change it".into(),
        },
    );
    let e = action_error(run(
        Arc::new(refusing),
        &step_json(
            json!({"EntryId": "Locked", "Properties": [{"PropertyName": "A", "PropertyValue": "2"}]}),
        ),
    ));
    let ActionError::PermissionDenied(detail) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(
        (detail.connector.as_str(), detail.property.as_deref()),
        ("c1", Some("A"))
    );
    assert_eq!(
        message_of(&e),
        "error[permission-denied]: Permission denied on property 'A' of connector 'c1': the role 'viewer' may not change it. \
         Leave the property out of the step, or run the step as a caller allowed to change it."
    );
    assert_eq!(store.record("c1").unwrap().value("A"), Some("1"));
}

#[test]
fn conflict_gives_expected_and_actual_revisions() {
    let e = action_error(run(
        seed_store(),
        &step_json(json!({
            "EntryId": "twitterConnectorId", "ExpectedRevision": 7, "Properties": [{"PropertyName": "A", "PropertyValue": "1"}]
        })),
    ));
    let ActionError::Conflict(detail) = &e else {
        panic!("{e:?}")
    };
    assert_eq!((detail.expected, detail.actual), (7, 1));
    assert_eq!(
        message_of(&e),
        "error[conflict]: Connector 'twitterConnectorId' is at revision 1, not the expected revision 7: someone else changed it. \
         Nothing was written; read it again and rerun the step."
    );
}

#[test]
fn store_unavailable_says_nothing_was_written() {
    let e = action_error(run(
        Arc::new(Broken(StoreError::Unavailable(
            "the database is locked".into(),
        ))),
        &step_json(json!({"EntryId": "x"})),
    ));
    assert_eq!(
        message_of(&e),
        "error[store-unavailable]: The credential store could not answer (the database is locked); nothing was written. \
         If the cause is passing (a restart, a network failure), run the step again."
    );
}

#[test]
fn limit_exceeded_names_the_limit() {
    let big = format!("{{\"A\": \"{}\"}}", "x".repeat(300 * 1024));
    let e = action_error(run(
        seed_store(),
        &step_json(json!({"EntryId": "twitterConnectorId", "PropertiesJson": big})),
    ));
    let ActionError::LimitExceeded(detail) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(detail.limit, 256 * 1024);
    assert_eq!(detail.what, "PropertiesJson size in bytes");
    assert_eq!(
        message_of(&e),
        "error[limit-exceeded]: PropertiesJson: the Dynamic Properties text is larger than 256 KiB (262144 bytes), \
         the most it may be. Split the update into several steps."
    );
    let deep = format!("{{\"A\": {}{}}}", "[".repeat(10_000), "]".repeat(10_000));
    let e = action_error(run(
        seed_store(),
        &step_json(json!({"EntryId": "twitterConnectorId", "PropertiesJson": deep})),
    ));
    assert_eq!(
        e.message(),
        "PropertiesJson: the JSON is nested more than 32 levels deep, the most the action reads. Flatten the JSON."
    );
}
