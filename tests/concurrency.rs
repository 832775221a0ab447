//! The compare-and-set write: retried after another writer, bounded, and
//! never losing an update.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use serde_json::json;

use crate::support::faults::{Interfering, one_connector};
use crate::support::{action_error, run, step_json};

fn set_b() -> String {
    step_json(
        json!({"EntryId": "c1", "Properties": [{"PropertyName": "B", "PropertyValue": "mine"}]}),
    )
}

#[test]
fn a_conflict_is_retried_and_the_other_writers_change_survives() {
    let store = one_connector("C");
    let interfering = Arc::new(Interfering::new(store.clone(), 3));
    let outcome = run(interfering.clone(), &set_b()).unwrap();
    assert_eq!(
        interfering.writes.load(Ordering::SeqCst),
        4,
        "three conflicts, then success"
    );
    assert_eq!((outcome.revision_before, outcome.revision_after), (4, 5));
    let record = store.record("c1").unwrap();
    assert_eq!(record.value("B"), Some("mine"));
    for n in 1..=3 {
        assert_eq!(record.value(&format!("OtherWriter{n}")), Some("x"));
    }
}

#[test]
fn retries_are_bounded_and_end_in_conflict() {
    let store = one_connector("C");
    let interfering = Arc::new(Interfering::new(store.clone(), u32::MAX));
    let e = action_error(run(interfering.clone(), &set_b()));
    let connectors_update_harness::ActionError::Conflict(detail) = &e else {
        panic!("expected conflict, got {e:?}")
    };
    // The sixteenth try read revision 16, and the other writer made 17.
    assert_eq!(
        (detail.expected, detail.actual),
        (16, 17),
        "{}",
        detail.message
    );
    assert_eq!(interfering.writes.load(Ordering::SeqCst), 16);
    let record = store.record("c1").unwrap();
    assert_eq!((record.revision, record.value("B")), (17, None));
}

#[test]
fn with_an_expected_revision_a_conflict_is_not_retried() {
    let store = one_connector("C");
    let interfering = Arc::new(Interfering::new(store.clone(), 1));
    let json = step_json(
        json!({"EntryId": "c1", "ExpectedRevision": 1, "Properties": [{"PropertyName": "B", "PropertyValue": "mine"}]}),
    );
    let e = action_error(run(interfering.clone(), &json));
    let connectors_update_harness::ActionError::Conflict(detail) = &e else {
        panic!("{e:?}")
    };
    assert_eq!((detail.expected, detail.actual), (1, 2));
    assert_eq!(interfering.writes.load(Ordering::SeqCst), 1);
}

/// A store an engine wraps per execution (to carry a tenant or a trace):
/// it forwards every call, its identity too, and counts the conflicts its
/// writes meet.
struct PerExecution {
    inner: Arc<connectors_update_harness::stores::MemoryStore>,
    conflicts: Arc<std::sync::atomic::AtomicU32>,
}

impl connectors_update_harness::CredentialStore for PerExecution {
    fn get(
        &self,
        caller: &connectors_update_harness::Caller,
        id: &str,
    ) -> Result<
        connectors_update_harness::connector::Connector,
        connectors_update_harness::StoreError,
    > {
        self.inner.get(caller, id)
    }
    fn find_by_name(
        &self,
        caller: &connectors_update_harness::Caller,
        name: &str,
    ) -> Result<
        Vec<connectors_update_harness::connector::ConnectorSummary>,
        connectors_update_harness::StoreError,
    > {
        self.inner.find_by_name(caller, name)
    }
    fn rules(
        &self,
        caller: &connectors_update_harness::Caller,
        kind: &str,
    ) -> Result<
        Option<connectors_update_harness::kinds::KindRules>,
        connectors_update_harness::StoreError,
    > {
        self.inner.rules(caller, kind)
    }
    fn kinds(
        &self,
        caller: &connectors_update_harness::Caller,
    ) -> Result<
        Vec<connectors_update_harness::kinds::KindRules>,
        connectors_update_harness::StoreError,
    > {
        self.inner.kinds(caller)
    }
    fn write(
        &self,
        caller: &connectors_update_harness::Caller,
        id: &str,
        expected: u64,
        changes: &[connectors_update_harness::connector::Change],
        mode: connectors_update_harness::connector::WriteMode,
    ) -> Result<
        connectors_update_harness::connector::WriteReceipt,
        connectors_update_harness::StoreError,
    > {
        let result = self.inner.write(caller, id, expected, changes, mode);
        if matches!(
            result,
            Err(connectors_update_harness::StoreError::Conflict(_))
        ) {
            self.conflicts.fetch_add(1, Ordering::SeqCst);
        }
        result
    }
    fn identity(&self) -> Option<String> {
        self.inner.identity()
    }
}

#[test]
fn executions_through_per_execution_wrappers_queue_by_the_stores_identity() {
    use connectors_update_harness::CredentialStore;
    let store = one_connector("C");
    let conflicts = Arc::new(std::sync::atomic::AtomicU32::new(0));
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let (store, conflicts) = (store.clone(), conflicts.clone());
            std::thread::spawn(move || {
                for i in 0..25 {
                    let wrapped = Arc::new(PerExecution {
                        inner: store.clone(),
                        conflicts: conflicts.clone(),
                    });
                    let json = step_json(json!({
                        "EntryId": "c1",
                        "Properties": [{"PropertyName": "B", "PropertyValue": format!("t{t}-{i}")}]
                    }));
                    run(wrapped, &json).unwrap_or_else(|e| panic!("t{t} step {i}: {e}"));
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    assert_eq!(store.record("c1").unwrap().revision, 1 + 100);
    // Every wrapper gave the same identity, so the 100 executions took
    // turns: none met another's write.
    assert_eq!(conflicts.load(Ordering::SeqCst), 0);
    // Two MemoryStores are two identities; a store that declares none is
    // known by its address, so two such values are two identities too.
    assert_ne!(
        store.identity(),
        connectors_update_harness::stores::MemoryStore::new().identity()
    );
    let broken = crate::support::faults::Broken(connectors_update_harness::StoreError::NotFound);
    let other = crate::support::faults::Broken(connectors_update_harness::StoreError::NotFound);
    assert!(broken.identity().is_some());
    assert_eq!(broken.identity(), broken.identity());
    assert_ne!(broken.identity(), other.identity());
}
