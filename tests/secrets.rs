//! Secrets: updated without being read, kept by the mask, and never shown.

use connectors_update_harness::connector::{ChangeOp, StoredValue};
use connectors_update_harness::stores::{MemoryStore, NewConnector};
use connectors_update_harness::tokens::MapTokens;
use connectors_update_harness::{Caller, CredentialStore, PropertyRow, Step};
use serde_json::json;

use crate::support::backends::Db;
use crate::support::{
    CANARY, action_error, assert_clean, harness, names, run, seed_store, step, step_json,
};

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
fn sending_the_same_secret_again_changes_it_as_another_value_would() {
    let mut seen = Vec::new();
    for value in [CANARY, "a-wrong-guess"] {
        let store = seed_store();
        let json = step_json(
            json!({"EntryId": "twitterConnectorId", "Properties": [{"PropertyName": "APIKey", "PropertyValue": value}]}),
        );
        let outcome = run(store.clone(), &json).unwrap();
        assert_eq!(
            outcome.changed,
            ["APIKey"],
            "a secret named is a secret changed"
        );
        assert_eq!(store.record("twitterConnectorId").unwrap().revision, 2);
        seen.push(outcome);
    }
    assert_eq!(
        seen[0], seen[1],
        "a right guess and a wrong one get the same answer"
    );
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
    for (code, parameters) in [
        (
            "validation-failed",
            json!({"EntryId": "oauthConnectorId", "Properties": [{"PropertyName": "RetryAttempts", "PropertyValue": CANARY}]}),
        ),
        (
            "invalid-json",
            json!({"EntryId": "twitterConnectorId", "PropertiesJson": format!("{{\"A\": {CANARY}}}")}),
        ),
        (
            "invalid-json",
            json!({"EntryId": "twitterConnectorId", "PropertiesJson": format!("[\"{CANARY}\"]")}),
        ),
        (
            "unresolved-token",
            json!({"EntryId": "twitterConnectorId", "Properties": [{"PropertyName": "A", "PropertyValue": format!("{CANARY}[Missing]")}]}),
        ),
    ] {
        let json = step_json(parameters);
        assert_eq!(action_error(run(store.clone(), &json)).code(), code);
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

/// Debug of everything a database store hands out or holds: the store
/// itself (key and PostgreSQL password included), the records, the
/// history, and the errors of refused administration. Each is made by a
/// real call on a store whose values are the canary.
#[test]
fn debug_prints_of_stores_records_history_and_errors_show_no_value() {
    for db in Db::all() {
        let key = connectors_update_sql::StoreKey::generate();
        let store = db
            .try_open(connectors_update_sql::KeySource::from(key))
            .unwrap_or_else(|e| panic!("{}: {e}", db.name));
        assert_clean(db.name, &format!("{store:?}"));
        if db.name == "postgres" {
            // The URL's password is the store's secret too.
            let password = db
                .location
                .split_once("://")
                .and_then(|(_, rest)| rest.split_once('@'))
                .and_then(|(user, _)| user.split_once(':'))
                .map(|(_, password)| password.to_string())
                .expect("the test server's URL holds a password");
            let shown = format!("{store:?} {}", store.location());
            assert!(
                !shown.contains(&password),
                "the store's Debug shows its password"
            );
        }
        let new = NewConnector::new("Api")
            .id("api")
            .kind("rest-api")
            .secret("APIKey", CANARY)
            .set("Endpoint", "https://api.example")
            .set("Plain", CANARY);
        assert_clean("NewConnector Debug", &format!("{new:?}"));
        let record = store.add(new.clone()).unwrap();
        assert_clean("ConnectorRecord Debug", &format!("{record:?}"));
        for property in &record.properties {
            assert_clean("PropertyRecord Debug", &format!("{property:?}"));
        }
        let me = Caller::anonymous();
        store
            .write(
                &me,
                "api",
                1,
                &[connectors_update_harness::connector::Change {
                    name: "Other".into(),
                    op: ChangeOp::set(CANARY, true),
                }],
                connectors_update_harness::connector::WriteMode::Commit,
            )
            .unwrap();
        let history = store.history(&me, "api").unwrap();
        assert_eq!(history.len(), 2, "{}", db.name);
        assert_clean("HistoryEntry Debug", &format!("{history:?}"));
        // Refusals, each holding the canary in what was asked.
        let duplicate = store.add(new).unwrap_err();
        assert_eq!(duplicate.code(), "invalid-parameter", "{duplicate}");
        let broken = store
            .add(
                NewConnector::new("Broken")
                    .kind("rest-api")
                    .secret("APIKey", CANARY)
                    .set("Timeout", CANARY)
                    .set("Endpoint", CANARY),
            )
            .unwrap_err();
        assert_eq!(broken.code(), "validation-failed", "{broken}");
        let missing = store.find(CANARY).unwrap_err();
        assert_eq!(missing.code(), "connector-not-found", "{missing}");
        for error in [duplicate, broken] {
            assert_clean("AdminError", &format!("{error} {error:?}"));
        }
        // A secret moved onto another property outside the store: the
        // StoreError names the place only, and opens nothing.
        db.sql(
            "UPDATE properties SET sealed = (SELECT sealed FROM properties WHERE connector_id = 'api' AND name = 'APIKey') \
             WHERE connector_id = 'api' AND name = 'Endpoint'",
        );
        let tampered = store.record("api").unwrap_err();
        assert_eq!(
            tampered,
            connectors_update_harness::StoreError::Tampered {
                connector: "api".into(),
                property: "Endpoint".into()
            },
            "{}",
            db.name
        );
        assert_clean("StoreError", &format!("{tampered} {tampered:?}"));
    }
    // A PostgreSQL URL whose password is the canary, to a server that is
    // not there: the error and its Debug name the place, not the password.
    let url = format!("postgres://someone:{CANARY}@127.0.0.1:1/nothing?connect_timeout=2");
    let location = connectors_update_sql::StoreLocation::parse(&url).unwrap();
    assert_clean("StoreLocation", &format!("{location} {location:?}"));
    let refused =
        connectors_update_sql::SqlStore::open(&location, connectors_update_sql::KeySource::Missing)
            .unwrap_err();
    assert!(
        matches!(
            refused,
            connectors_update_harness::StoreError::Unavailable(_)
        ),
        "{refused}"
    );
    assert_clean("StoreError", &format!("{refused} {refused:?}"));
}

/// The suite's panic hook in a child test process: a panic whose message
/// holds the canary aborts the process, even when the harness catches it,
/// and nothing prints the message; any other panic is a plain failure.
#[test]
fn a_panic_holding_the_canary_aborts_the_test_process() {
    use std::os::unix::process::ExitStatusExt;
    let child = |mode: &str| {
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "secrets::panicking_child",
                "--ignored",
                "--test-threads=1",
            ])
            .env("CONNECTORS_TEST_PANIC_CHILD", mode)
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !text.contains(CANARY),
            "{mode}: the child printed the canary"
        );
        (out.status, text)
    };
    for mode in ["caught", "uncaught"] {
        let (status, text) = child(mode);
        assert_eq!(status.signal(), Some(SIGABRT), "{mode}: {status:?}\n{text}");
        assert!(
            text.contains("A PANIC'S MESSAGE HOLDS THE CANARY SECRET, at ")
                && text.contains("tests/secrets.rs:"),
            "{mode}: {text}"
        );
    }
    let (status, text) = child("plain");
    assert_eq!(status.code(), Some(101), "{text}");
    assert!(text.contains("a plain failure, shown as usual"), "{text}");
}

/// SIGABRT, on every Unix this suite runs on.
const SIGABRT: i32 = 6;

/// Run only by the test above, in a child process.
#[test]
#[ignore = "run by a_panic_holding_the_canary_aborts_the_test_process in a child process"]
fn panicking_child() {
    let Ok(mode) = std::env::var("CONNECTORS_TEST_PANIC_CHILD") else {
        return;
    };
    crate::support::guard_panics();
    match mode.as_str() {
        // A host store that panics with a value: the harness turns the
        // panic into a `host-failed` error, which holds no value, so only
        // the hook can tell.
        "caught" => {
            let store = std::sync::Arc::new(crate::support::faults::Hooked {
                inner: seed_store(),
                write: Box::new(|_, _, _, _, _, _| panic!("a host bug quoting {CANARY}")),
            });
            let result = run(
                store,
                &step_json(
                    json!({"EntryId": "twitterConnectorId", "Properties": [{"PropertyName": "A", "PropertyValue": "1"}]}),
                ),
            );
            panic!(
                "not reached: the hook aborts first ({:?})",
                result.map(|_| ())
            );
        }
        "uncaught" => assert_eq!(CANARY, "something else"),
        _ => panic!("a plain failure, shown as usual"),
    }
}
