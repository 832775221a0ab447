//! Faults at every import call site: each store and token-source call of an
//! execution fails in turn with each failure kind, on a real SQLite store
//! and a real PostgreSQL one.
//! Every case ends in the right typed error (or, for a conflict the action
//! may retry, in success), a failed execution leaves the stored connector
//! exactly as it was, and the next execution on the same harness succeeds.

use std::sync::Arc;

use connectors_update_harness::stores::NewConnector;
use connectors_update_harness::tokens::MapTokens;
use connectors_update_harness::{CredentialStore, ExposeSecret, HarnessError, TokenSource};
use connectors_update_sql::SqlStore;
use serde_json::json;

use crate::support::backends::Db;
use crate::support::faults::{Fault, Faulty, Hooked, Site};
use crate::support::{CANARY, assert_clean, harness, step, step_json};

/// A fresh store in `db` holding one `rest-api` connector, found by name.
fn store(db: &Db) -> Arc<SqlStore> {
    let store = Arc::new(db.open());
    store
        .add(
            NewConnector::new("Mail API")
                .id("mail")
                .kind("rest-api")
                .secret("APIKey", CANARY)
                .set("Endpoint", "https://mail.example"),
        )
        .unwrap();
    store
}

/// Every byte the store keeps of the connector, secrets included.
fn snapshot(store: &SqlStore) -> Vec<u8> {
    let record = store.record("mail").unwrap().unwrap();
    let mut bytes = format!(
        "{}|{}|{:?}|{}",
        record.id, record.name, record.kind, record.revision
    )
    .into_bytes();
    for p in &record.properties {
        bytes.extend_from_slice(
            format!("|{}={}:{}", p.name, p.value.expose_secret(), p.secret).as_bytes(),
        );
    }
    bytes
}

/// A step that makes every kind of import call: a token in the EntryId, a
/// lookup by name, the kind's rules, and a write.
fn the_step() -> String {
    step_json(json!({
        "EntryId": "[Form:Connector]",
        "Properties": [{"PropertyName": "Timeout", "PropertyValue": "[Form:Timeout]"}]
    }))
}

fn tokens() -> Arc<MapTokens> {
    Arc::new(MapTokens::from_pairs([
        ("Form:Connector", "Mail API"),
        ("Form:Timeout", "45s"),
    ]))
}

/// The code each (site, fault) must end in; `None` means success.
fn expected(site: Site, nth: u32, fault: &Fault) -> Option<&'static str> {
    match (site, fault) {
        (_, Fault::Panic) => Some("host-failed"),
        (_, Fault::Unavailable) => Some("store-unavailable"),
        (_, Fault::PermissionDenied) => Some("permission-denied"),
        // A conflict on the write is what the retry is for.
        (Site::Write, Fault::Conflict) => None,
        (Site::Resolve, Fault::Conflict | Fault::NotFound) => Some("unresolved-token"),
        (_, Fault::Conflict) => Some("conflict"),
        // The EntryId is a name: the first `get`, by that name, is expected
        // to find nothing; the second, by the id found, is not.
        (Site::Get, Fault::NotFound) if nth == 1 => None,
        (_, Fault::NotFound) => Some("connector-not-found"),
    }
}

#[test]
fn every_fault_at_every_call_site_ends_typed_and_loses_nothing_on_sqlite() {
    every_fault_at_every_call_site(|| Some(Db::sqlite()));
}

#[test]
fn every_fault_at_every_call_site_ends_typed_and_loses_nothing_on_postgres() {
    every_fault_at_every_call_site(Db::postgres);
}

/// Each case on a fresh database from `backend` (none: skipped).
fn every_fault_at_every_call_site(backend: fn() -> Option<Db>) {
    let json = the_step();
    let parsed = step(&json);
    let mut injected = 0;
    let mut cases = 0;
    for site in Site::ALL {
        for fault in Fault::ALL {
            // Each call of that site in a clean run, in turn.
            for nth in 1..=3 {
                let Some(db) = backend() else { return };
                let real = store(&db);
                let before = snapshot(&real);
                let faulty = Arc::new(Faulty::new(
                    real.clone(),
                    tokens(),
                    site,
                    nth,
                    fault.clone(),
                ));
                let result = harness().execute(
                    &parsed,
                    faulty.clone() as Arc<dyn CredentialStore>,
                    faulty.clone() as Arc<dyn TokenSource>,
                );
                if !faulty.injected() {
                    match &result {
                        Ok(outcome) => assert_eq!(outcome.added, ["Timeout"], "{site:?} {nth}"),
                        Err(e) => panic!("{site:?} call {nth} not reached, yet failed: {e}"),
                    }
                    assert_eq!(
                        real.record("mail").unwrap().unwrap().value("Timeout"),
                        Some("45s")
                    );
                    continue;
                }
                injected += 1;
                cases += 1;
                let context = format!("{fault:?} at {site:?} call {nth}");
                match (expected(site, nth, &fault), &result) {
                    (None, Ok(outcome)) => {
                        assert_eq!(outcome.added, ["Timeout"], "{context}");
                    }
                    (Some(code), Err(error)) => {
                        assert_eq!(error.code(), code, "{context}: {error}");
                        assert_clean(&context, &format!("{error} {error:?}"));
                        if let HarnessError::Aborted { committed, .. } = error {
                            assert_eq!(*committed, None, "{context}");
                        }
                        assert_eq!(snapshot(&real), before, "{context}: the store changed");
                    }
                    (want, got) => panic!("{context}: expected {want:?}, got {got:?}"),
                }
                // The same harness serves the next execution.
                let next = harness()
                    .execute(&parsed, real.clone(), tokens())
                    .unwrap_or_else(|e| panic!("{context}: the next execution failed: {e}"));
                assert!(next.unchanged || next.added == ["Timeout"], "{context}");
            }
        }
    }
    // get ×2 (by name, then by id), find-by-name, rules, write, resolve ×2;
    // five kinds each.
    assert_eq!(cases, 7 * 5, "faults injected: {injected}");
}

#[test]
fn a_fault_on_the_retried_write_ends_in_the_right_error_and_writes_nothing() {
    for db in Db::all() {
        a_fault_on_the_retried_write(&db);
    }
}

fn a_fault_on_the_retried_write(db: &Db) {
    // The first write conflicts, the re-read after it fails.
    let real = store(db);
    let before = snapshot(&real);
    let faulty = Arc::new(Faulty::new(
        real.clone(),
        tokens(),
        Site::Get,
        3,
        Fault::Unavailable,
    ));
    let conflicted = std::sync::atomic::AtomicBool::new(false);
    let store = Arc::new(Hooked {
        inner: faulty.clone(),
        write: Box::new(move |inner, caller, id, expected, changes, mode| {
            if !conflicted.swap(true, std::sync::atomic::Ordering::SeqCst) {
                return Err(connectors_update_harness::StoreError::Conflict(
                    expected + 1,
                ));
            }
            inner.write(caller, id, expected, changes, mode)
        }),
    });
    let error = harness()
        .execute(&step(&the_step()), store, faulty.clone())
        .unwrap_err();
    assert_eq!(error.code(), "store-unavailable", "{}: {error}", db.name);
    assert_eq!(snapshot(&real), before, "{}", db.name);
}
