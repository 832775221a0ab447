//! The stores that come with the harness, tested directly through the
//! `CredentialStore` trait, without wasm: memory, SQLite and PostgreSQL
//! keep the same contract, checked by the public checker
//! `connectors_update_harness::testing` (itself checked in `contract.rs`).

use std::sync::{Arc, Mutex};

use connectors_update_harness::connector::{Change, ChangeOp, StoredValue, WriteMode};
use connectors_update_harness::kinds::builtin_kinds;
use connectors_update_harness::stores::{MemoryStore, NewConnector};
use connectors_update_harness::testing::{self, Fixture};
use connectors_update_harness::{Caller, CredentialStore, StoreError};
use connectors_update_sql::SqlStore;

use crate::support::backends::Db;
use crate::support::{CANARY, names, run, step_json};

fn set(name: &str, value: &str) -> Change {
    Change {
        name: name.into(),
        op: ChangeOp::set(value, false),
    }
}

/// A fresh `MemoryStore` holding `fixture`: what an engine's test passes to
/// [`testing::check_store`].
pub fn memory_store(fixture: &Fixture) -> MemoryStore {
    let store = MemoryStore::new();
    for kind in &fixture.kinds {
        store.set_rules(kind.clone());
    }
    for connector in &fixture.connectors {
        store.add(connector.clone()).unwrap();
    }
    for grant in &fixture.grants {
        store.grant(&grant.connector, &grant.principal).unwrap();
    }
    store
}

/// Builds a fresh database store of one backend for each fixture, keeping
/// every database in `kept` until the check is over. It declares the
/// fixture's kinds beside the built-in ones.
pub fn sql_store<'a>(
    backend: impl Fn() -> Db + 'a,
    kept: &'a Mutex<Vec<Db>>,
) -> impl Fn(&Fixture) -> SqlStore + 'a {
    move |fixture| {
        let db = backend();
        // As MemoryStore::set_rules declares them: a fixture's kind replaces
        // a built-in one of its name where it stands, a new one comes after.
        let mut declared = builtin_kinds().to_vec();
        for kind in &fixture.kinds {
            match declared.iter_mut().find(|k| k.kind == kind.kind) {
                Some(at) => *at = kind.clone(),
                None => declared.push(kind.clone()),
            }
        }
        let store = db.open().with_kinds(declared);
        for connector in &fixture.connectors {
            store.add(connector.clone()).unwrap();
        }
        for grant in &fixture.grants {
            // A grantee may grant: the first grant is on an open connector,
            // and each later one is by a principal the connector will have.
            let first = fixture
                .grants
                .iter()
                .find(|g| g.connector == grant.connector)
                .map_or(grant.principal.as_str(), |g| g.principal.as_str());
            store
                .grant(
                    &Caller::principal(first),
                    &grant.connector,
                    &grant.principal,
                )
                .unwrap();
        }
        kept.lock().unwrap().push(db);
        store
    }
}

/// What the contract checker leaves to the stores that come with the
/// harness: a connector's properties in the order they were added, and the
/// built-in kinds.
fn check_harness_store(store: &dyn CredentialStore) {
    let me = &Caller::anonymous();
    let c = store.get(me, "c1").unwrap();
    assert_eq!(
        c.properties
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["A", "Secret"]
    );
    assert_eq!(c.properties[1].value, StoredValue::Secret);
    assert!(store.find_by_name(me, "one").unwrap().is_empty());
    assert_eq!(
        store.rules(me, "rest-api").unwrap().map(|r| r.kind),
        Some("rest-api".to_string())
    );
    assert_eq!(store.rules(me, "unknown-kind").unwrap(), None);
    // A commit (a secret named is changed, even to what it holds), then a
    // stale write: revision 2 either way.
    let receipt = store
        .write(
            me,
            "c1",
            1,
            &[set("A", "2"), set("Secret", CANARY)],
            WriteMode::Commit,
        )
        .unwrap();
    assert_eq!(
        (receipt.revision, receipt.changed),
        (2, names(&["A", "Secret"]))
    );
    assert_eq!(
        store
            .write(me, "c1", 1, &[set("A", "3")], WriteMode::Commit)
            .unwrap_err(),
        StoreError::Conflict(2)
    );
}

fn one() -> NewConnector {
    NewConnector::new("One")
        .id("c1")
        .set("A", "1")
        .secret("Secret", CANARY)
}

#[test]
fn the_memory_store_keeps_the_contract() {
    testing::check_store(memory_store).unwrap();
    let store = MemoryStore::new();
    store.add(one()).unwrap();
    check_harness_store(&store);
}

#[test]
fn the_sqlite_store_keeps_the_contract() {
    let kept = Mutex::new(Vec::new());
    testing::check_store(sql_store(Db::sqlite, &kept)).unwrap();
}

#[test]
fn the_postgres_store_keeps_the_contract() {
    let Some(probe) = Db::postgres() else { return };
    drop(probe);
    let kept = Mutex::new(Vec::new());
    testing::check_store(sql_store(|| Db::postgres().unwrap(), &kept)).unwrap();
}

#[test]
fn the_database_stores_keep_the_contract_and_persist() {
    for db in Db::all() {
        let store = db.open();
        store.add(one()).unwrap();
        check_harness_store(&store);
        drop(store);
        let reopened = db.open();
        let record = reopened.record("c1").unwrap().unwrap();
        assert_eq!(
            (record.revision, record.value("A"), record.value("Secret")),
            (2, Some("2"), Some(CANARY)),
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
