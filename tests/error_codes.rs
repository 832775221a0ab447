//! Every error reaches the engine with the code the store or the action
//! gave it: a store's key, read-only and schema failures are not folded into
//! `store-unavailable` ("try again later") on their way through the guest,
//! and `is_retryable` tells the ones worth running again.

use std::sync::Arc;

use connectors_update_harness::connector::{ChangeOp, WriteMode};
use connectors_update_harness::stores::{KeyError, NewConnector};
use connectors_update_harness::tokens::MapTokens;
use connectors_update_harness::{
    ActionError, Caller, CredentialStore, ErrorCode, HarnessError, StoreError,
};
use connectors_update_sql::{KeySource, SqlStore};

use crate::support::backends::Db;
use crate::support::faults::Broken;
use crate::support::{CANARY, action_error, harness, run, step_json};

fn a_step() -> String {
    step_json(serde_json::json!({
        "EntryId": "c1",
        "Properties": [{"PropertyName": "A", "PropertyValue": "2"}]
    }))
}

/// (what the store says, the code the engine must get, words of the store's that must reach it)
fn store_failures() -> Vec<(StoreError, ErrorCode, &'static str)> {
    vec![
        (
            StoreError::Key(KeyError::Wrong {
                key: "CONNECTORS_KEY".into(),
                store: "/srv/connectors.db".into(),
            }),
            ErrorCode::StoreKey,
            "CONNECTORS_KEY does not open the store /srv/connectors.db",
        ),
        (
            StoreError::Key(KeyError::Missing {
                looked: "/srv/connectors.db.key".into(),
            }),
            ErrorCode::StoreKey,
            "its key was not found (/srv/connectors.db.key)",
        ),
        (
            StoreError::ReadOnly {
                location: "/srv/connectors.db".into(),
                why: "its file is read-only".into(),
            },
            ErrorCode::StoreReadOnly,
            "can only be read here (its file is read-only)",
        ),
        (
            StoreError::Schema {
                location: "/srv/connectors.db".into(),
                found: 9,
                supported: 2,
            },
            ErrorCode::StoreSchema,
            "has schema version 9",
        ),
        (
            StoreError::Unavailable("the database is locked".into()),
            ErrorCode::StoreUnavailable,
            "the database is locked",
        ),
        (
            StoreError::Tampered {
                connector: "c1".into(),
                property: "A".into(),
            },
            ErrorCode::StoreTampered,
            "property 'A' of connector 'c1' failed its integrity check",
        ),
        (
            StoreError::PermissionDenied {
                property: None,
                reason: "principal 'eve' has no grant on connector 'c1'".into(),
            },
            ErrorCode::PermissionDenied,
            "principal 'eve' has no grant",
        ),
        (StoreError::NotFound, ErrorCode::ConnectorNotFound, "'c1'"),
    ]
}

#[test]
fn a_store_failure_keeps_its_code_through_the_guest() {
    for (failure, code, words) in store_failures() {
        let error = action_error(run(Arc::new(Broken(failure.clone())), &a_step()));
        assert_eq!(error.code(), code, "{failure:?} became {error:?}");
        assert!(error.message().contains(words), "{code}: {error}");
        // Only a store that could not answer now is worth a second try.
        assert_eq!(
            error.code().is_retryable(),
            code == ErrorCode::StoreUnavailable,
            "{code}"
        );
    }
}

#[test]
fn a_store_failure_keeps_its_code_at_design_time_too() {
    for (failure, code, _) in store_failures() {
        // `describe` asks the store for its kinds, which fails the same way.
        let error = harness()
            .describe_with(Arc::new(Broken(failure.clone())))
            .unwrap_err();
        assert_eq!(error.code(), code, "{failure:?}: {error}");
    }
}

#[test]
fn a_read_only_store_refuses_a_step_with_store_read_only_and_keeps_its_data() {
    for db in Db::all() {
        let store = db.open();
        store
            .add(
                NewConnector::new("One")
                    .id("c1")
                    .set("A", "1")
                    .secret("S", CANARY),
            )
            .unwrap();
        drop(store);
        let Ok(reader) =
            SqlStore::open_read_only(&db.store_location(), KeySource::File(db.key_file.clone()))
        else {
            panic!("{}: the store opens read-only", db.name)
        };
        let reader = Arc::new(reader);
        let error = action_error(run(reader.clone(), &a_step()));
        assert_eq!(
            error.code(),
            ErrorCode::StoreReadOnly,
            "{}: {error}",
            db.name
        );
        assert!(!error.code().is_retryable());
        assert!(
            error.message().contains("read-only"),
            "{}: {error}",
            db.name
        );
        // A dry run writes nothing, so a read-only store can answer it.
        let dry = step_json(serde_json::json!({
            "EntryId": "c1",
            "Properties": [{"PropertyName": "A", "PropertyValue": "2"}],
            "DryRun": true
        }));
        let outcome = run(reader.clone(), &dry).unwrap();
        assert_eq!(outcome.changed, ["A"], "{}", db.name);
        let me = &Caller::anonymous();
        assert_eq!(reader.get(me, "c1").unwrap().revision, 1, "{}", db.name);
        let direct = reader.write(
            me,
            "c1",
            1,
            &[connectors_update_harness::connector::Change {
                name: "A".into(),
                op: ChangeOp::set("3", false),
            }],
            WriteMode::Commit,
        );
        assert!(
            matches!(direct, Err(StoreError::ReadOnly { .. })),
            "{}: {direct:?}",
            db.name
        );
    }
}

#[test]
fn codes_are_typed_stable_and_say_what_is_retryable() {
    let store = crate::support::faults::one_connector("One");
    let conflict = harness()
        .execute(
            &crate::support::step(&step_json(serde_json::json!({
                "EntryId": "c1",
                "ExpectedRevision": 7,
                "Properties": [{"PropertyName": "A", "PropertyValue": "2"}]
            }))),
            store,
            Arc::new(MapTokens::default()),
        )
        .unwrap_err();
    assert_eq!(conflict.code(), ErrorCode::Conflict);
    assert_eq!(conflict.code().as_str(), "conflict");
    assert!(conflict.is_retryable(), "{conflict}");
    let HarnessError::Action(ActionError::Conflict(detail)) = &conflict else {
        panic!("{conflict:?}")
    };
    assert_eq!((detail.expected, detail.actual), (7, 1));

    let invalid = action_error(run(
        crate::support::faults::one_connector("One"),
        &step_json(serde_json::json!({
            "EntryId": "c1",
            "Properties": [{"PropertyName": "A"}]
        })),
    ));
    assert_eq!(invalid.code(), ErrorCode::InvalidParameter);
    assert!(!invalid.code().is_retryable());

    // A call stopped after its write committed must not be run again blindly.
    let stopped = HarnessError::Aborted {
        reason: connectors_update_harness::Abort::TimedOut {
            after: std::time::Duration::from_millis(50),
        },
        committed: Some(2),
    };
    assert_eq!(stopped.code(), ErrorCode::TimedOut);
    assert!(ErrorCode::TimedOut.is_retryable());
    assert!(!stopped.is_retryable());
}
