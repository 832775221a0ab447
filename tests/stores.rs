//! The stores that come with the harness, tested directly through the
//! `CredentialStore` trait, without wasm: memory, SQLite and PostgreSQL
//! keep the same contract.

use std::sync::Arc;

use connectors_update::{
    Caller, Change, ChangeOp, CredentialStore, MemoryStore, NewConnector, StoreError, StoredValue,
    WriteMode,
};

use crate::support::backends::Db;
use crate::support::{CANARY, names, run, step_json};

fn set(name: &str, value: &str) -> Change {
    Change {
        name: name.into(),
        op: ChangeOp::set(value, false),
    }
}

fn remove(name: &str) -> Change {
    Change {
        name: name.into(),
        op: ChangeOp::Remove,
    }
}

/// The contract, on a store holding `c1` ("One": A=1, Secret=canary) at revision 1.
fn check_contract(store: &dyn CredentialStore) {
    let me = &Caller::anonymous();
    let c = store.get(me, "c1").unwrap();
    assert_eq!((c.name.as_str(), c.revision), ("One", 1));
    assert_eq!(c.properties[1].value, StoredValue::Secret);
    assert_eq!(store.get(me, "nope").unwrap_err(), StoreError::NotFound);
    assert_eq!(
        names(
            &store
                .find_by_name(me, "One")
                .unwrap()
                .iter()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>()
        ),
        names(&["c1"])
    );
    assert!(store.find_by_name(me, "one").unwrap().is_empty());

    // Preview reports and writes nothing.
    let receipt = store
        .write(
            me,
            "c1",
            1,
            &[set("A", "2"), set("Secret", CANARY)],
            WriteMode::Preview,
        )
        .unwrap();
    assert_eq!((receipt.revision, receipt.changed), (1, names(&["A"])));
    assert_eq!(store.get(me, "c1").unwrap().revision, 1);

    // A commit applies all changes and bumps the revision once.
    let receipt = store
        .write(
            me,
            "c1",
            1,
            &[set("A", "2"), set("B", "b"), remove("Missing")],
            WriteMode::Commit,
        )
        .unwrap();
    assert_eq!((receipt.revision, receipt.changed), (2, names(&["A", "B"])));

    // A stale revision is refused with the current one, and nothing changes.
    assert_eq!(
        store
            .write(me, "c1", 1, &[set("A", "3")], WriteMode::Commit)
            .unwrap_err(),
        StoreError::Conflict(2)
    );
    assert_eq!(
        store.get(me, "c1").unwrap().properties[0].value,
        StoredValue::Plain("2".into())
    );

    // A write that changes nothing keeps the revision.
    let receipt = store
        .write(me, "c1", 2, &[set("A", "2")], WriteMode::Commit)
        .unwrap();
    assert_eq!((receipt.revision, receipt.changed), (2, names(&[])));

    // Removal.
    let receipt = store
        .write(me, "c1", 2, &[remove("B")], WriteMode::Commit)
        .unwrap();
    assert_eq!((receipt.revision, receipt.changed), (3, names(&["B"])));
    assert_eq!(
        store
            .write(me, "gone", 1, &[], WriteMode::Commit)
            .unwrap_err(),
        StoreError::NotFound
    );
    assert_eq!(
        store.rules(me, "rest-api").unwrap().map(|r| r.kind),
        Some("rest-api".to_string())
    );
    assert_eq!(store.rules(me, "unknown-kind").unwrap(), None);
}

fn one() -> NewConnector {
    NewConnector::new("One")
        .id("c1")
        .set("A", "1")
        .secret("Secret", CANARY)
}

#[test]
fn the_memory_store_keeps_the_contract() {
    let store = MemoryStore::new();
    store.add(one()).unwrap();
    check_contract(&store);
}

#[test]
fn the_database_stores_keep_the_contract_and_persist() {
    for db in Db::all() {
        let store = db.open();
        store.add(one()).unwrap();
        check_contract(&store);
        drop(store);
        let reopened = db.open();
        let record = reopened.record("c1").unwrap().unwrap();
        assert_eq!(
            (record.revision, record.value("A"), record.value("Secret")),
            (3, Some("2"), Some(CANARY)),
            "{}",
            db.name
        );
    }
}

#[test]
fn adding_refuses_duplicate_ids_and_empty_names() {
    for db in Db::all() {
        let store = db.open();
        store.add(one()).unwrap();
        let duplicate = store.add(one()).unwrap_err();
        assert_eq!(
            (duplicate.code().as_str(), duplicate.to_string()),
            (
                "invalid-parameter",
                "a connector with id 'c1' exists already".to_string()
            ),
            "{}",
            db.name
        );
        let unnamed = store.add(NewConnector::new(" ").id("c2")).unwrap_err();
        assert_eq!(
            (unnamed.code().as_str(), unnamed.to_string()),
            ("invalid-parameter", "a connector needs a name".to_string()),
            "{}",
            db.name
        );
        assert_eq!(
            store.record("c2").unwrap(),
            None,
            "{}: nothing was added",
            db.name
        );
        let first = store.record("c1").unwrap().unwrap();
        assert_eq!(
            (first.revision, first.value("A")),
            (1, Some("1")),
            "{}: the duplicate changed nothing",
            db.name
        );
        let generated = store.add(NewConnector::new("Generated")).unwrap();
        assert_eq!(generated.id.len(), 36, "a UUID");
    }
}

#[test]
fn the_action_runs_on_a_real_database() {
    for db in Db::all() {
        let store = Arc::new(db.open());
        store.add(one()).unwrap();
        let outcome = run(store.clone(), &step_json(serde_json::json!({
            "EntryId": "One", "PropertiesJson": "{\"A\": \"5\", \"Secret\": \"******\", \"Url\": \"https://x.example\"}"
        })))
        .unwrap();
        assert_eq!(
            (outcome.added, outcome.changed),
            (names(&["Url"]), names(&["A"]))
        );
        let record = store.record("c1").unwrap().unwrap();
        assert_eq!(
            (record.value("A"), record.value("Secret")),
            (Some("5"), Some(CANARY))
        );
    }
}

#[test]
fn a_postgres_store_outlives_its_connections() {
    let Some(db) = Db::postgres() else { return };
    let store = db.open();
    store.add(one()).unwrap();
    assert!(db.terminate_connections() >= 1);
    // The pool notices the broken connection and makes a new one.
    let record = store.record("c1").unwrap().unwrap();
    assert_eq!(record.value("Secret"), Some(CANARY));
    store
        .write(
            &Caller::anonymous(),
            "c1",
            1,
            &[set("A", "9")],
            WriteMode::Commit,
        )
        .unwrap();
}
