//! Permission: the engine says who runs the step, the store refuses, the
//! refusal names the connector (and the property, when it is per property),
//! and nothing is written. The CLI's `--as` and per-connector grants.

use std::sync::Arc;

use connectors_update::{Caller, CredentialStore, MapTokens, MemoryStore, StoreError};
use serde_json::json;

use crate::support::cli::Cli;
use crate::support::faults::{Hooked, one_connector};
use crate::support::{CANARY, assert_clean, harness, names, step, step_json};

fn set_b(entry: &str) -> String {
    step_json(
        json!({"EntryId": entry, "Properties": [{"PropertyName": "B", "PropertyValue": "2"}]}),
    )
}

fn run_as(
    caller: &Caller,
    store: Arc<dyn CredentialStore>,
    json: &str,
) -> Result<connectors_update::Outcome, connectors_update::HarnessError> {
    let result = harness().execute_as(caller, &step(json), store, Arc::new(MapTokens::default()));
    if let Err(error) = &result {
        assert_clean("error", &format!("{error} {error:?}"));
    }
    result
}

#[test]
fn a_connector_with_no_grants_is_open_to_everyone() {
    let store = one_connector("Shared");
    for caller in [Caller::anonymous(), Caller::principal("anyone")] {
        run_as(&caller, store.clone(), &set_b("c1")).unwrap();
    }
    assert_eq!(store.record("c1").unwrap().value("B"), Some("2"));
}

#[test]
fn a_connector_with_grants_is_open_only_to_those_principals() {
    let store = one_connector("Shared");
    assert_eq!(store.grant("Shared", "alice").unwrap(), names(&["alice"]));
    let before = store.record("c1").unwrap();

    for (caller, who) in [
        (Caller::principal("bob"), "principal 'bob'"),
        (Caller::anonymous(), "an anonymous caller"),
    ] {
        // By id and by name: the refusal names the connector's id.
        for entry in ["c1", "Shared"] {
            let error = run_as(&caller, store.clone(), &set_b(entry)).unwrap_err();
            assert_eq!(error.code(), "permission-denied");
            assert_eq!(
                error.to_string(),
                format!(
                    "Permission denied on connector 'c1': {who} has no grant on connector 'c1'. \
                     Ask the connector's owner for access."
                )
            );
            let connectors_update::ActionError::PermissionDenied(detail) =
                error.action_error().unwrap()
            else {
                panic!("{error:?}")
            };
            assert_eq!(
                (detail.connector.as_str(), detail.property.as_deref()),
                ("c1", None)
            );
        }
    }
    assert_eq!(store.record("c1").unwrap(), before, "nothing was written");

    let outcome = run_as(&Caller::principal("alice"), store.clone(), &set_b("c1")).unwrap();
    assert_eq!(outcome.added, names(&["B"]));

    // Revoking the last grant opens the connector again.
    assert!(store.revoke("c1", "alice").unwrap().is_empty());
    run_as(&Caller::principal("bob"), store.clone(), &set_b("c1")).unwrap();
}

/// A store that lets `intern` change anything but `Secret`: a per-property refusal.
fn per_property(inner: Arc<MemoryStore>) -> Hooked {
    Hooked {
        inner,
        write: Box::new(|inner, caller, id, expected, changes, mode| {
            if caller.name() == Some("intern")
                && let Some(change) = changes.iter().find(|c| c.name == "Secret")
            {
                return Err(StoreError::PermissionDenied {
                    property: Some(change.name.clone()),
                    reason: "interns may not change secrets".into(),
                });
            }
            inner.write(caller, id, expected, changes, mode)
        }),
    }
}

#[test]
fn a_per_property_refusal_names_the_property_and_writes_nothing() {
    let inner = one_connector("Shared");
    let before = inner.record("c1").unwrap();
    let store = Arc::new(per_property(inner.clone()));
    let json = step_json(json!({"EntryId": "c1", "Properties": [
        {"PropertyName": "A", "PropertyValue": "changed"},
        {"PropertyName": "Secret", "PropertyValue": "rotated"}
    ]}));
    let error = run_as(&Caller::principal("intern"), store.clone(), &json).unwrap_err();
    assert_eq!(error.code(), "permission-denied");
    assert_eq!(
        error.to_string(),
        "Permission denied on property 'Secret' of connector 'c1': interns may not change secrets. \
         Leave the property out of the step, or ask the connector's owner for access."
    );
    assert_eq!(
        inner.record("c1").unwrap(),
        before,
        "not even A was written"
    );
    run_as(&Caller::principal("admin"), store, &json).unwrap();
}

#[test]
fn the_cli_acts_as_the_principal_it_is_told() {
    let cli = Cli::new();
    cli.add_twitter();
    let step = cli.file("step.json", set_b("Twitter API"));

    // No grants: open to everyone, with or without --as.
    cli.run(&["run", &step]).ok_json();
    cli.run(&["--as", "bob", "run", &step]).ok_json();

    let granted = cli
        .run(&["connector", "grant", "Twitter API", "alice"])
        .ok_json();
    assert_eq!(
        granted,
        json!({"id": "twitterConnectorId", "name": "Twitter API", "grants": ["alice"], "open": false})
    );
    let revision = |cli: &Cli| {
        cli.run(&["--as", "alice", "connector", "show", "twitterConnectorId"])
            .ok_json()["revision"]
            .clone()
    };
    let before = revision(&cli);

    let refused = cli.run(&["--as", "bob", "run", &step]);
    assert_eq!(refused.status, 1);
    assert_eq!(
        refused.stderr.trim_end(),
        "error[permission-denied]: Permission denied on connector 'twitterConnectorId': \
         principal 'bob' has no grant on connector 'twitterConnectorId'. Ask the connector's owner for access."
    );
    let anonymous = cli.run(&["run", &step]);
    assert_eq!(anonymous.status, 1);
    assert!(
        anonymous.stderr.contains("an anonymous caller"),
        "{}",
        anonymous.stderr
    );
    assert_eq!(revision(&cli), before, "nothing was written");

    // Show, grant and revoke follow the grants too.
    let show = cli.run(&["--as", "bob", "connector", "show", "Twitter API"]);
    assert_eq!(show.status, 1);
    assert!(
        show.stderr.starts_with("error[permission-denied]: "),
        "{}",
        show.stderr
    );
    assert_eq!(
        cli.run(&["--as", "bob", "connector", "grant", "Twitter API", "bob"])
            .status,
        1
    );

    // The environment names the principal as well as --as.
    let out = cli.run_with_env(&["run", &step], "CONNECTORS_PRINCIPAL", "alice");
    assert_eq!(out.status, 0, "{}", out.stderr);
    let shown = cli
        .run(&["--as", "alice", "connector", "show", "Twitter API"])
        .ok_json();
    assert_eq!(shown["grants"], json!(["alice"]));
    assert_eq!(shown["properties"]["APIKey"], "******");

    let revoked = cli
        .run(&[
            "--as",
            "alice",
            "connector",
            "revoke",
            "Twitter API",
            "alice",
        ])
        .ok_json();
    assert_eq!(revoked["open"], true);
    cli.run(&["--as", "bob", "run", &step]).ok_json();
    assert!(!CANARY.is_empty());
}
