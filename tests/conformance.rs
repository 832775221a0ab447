//! The conformance cases of `tests/conformance/*.json`, run through the
//! harness against every store that comes with it (memory, SQLite and,
//! where a server is given, PostgreSQL), by the public runner
//! `connectors_update_harness::testing::check_conformance`. The npm package runs
//! the same files (`js/test/conformance.test.js`); that the runner itself
//! catches a wrong result is shown below with a store that lies.

use std::sync::Mutex;

use connectors_update_harness::connector::{Change, WriteMode, WriteReceipt};
use connectors_update_harness::stores::MemoryStore;
use connectors_update_harness::testing::{self, Fixture};
use connectors_update_harness::{Caller, CredentialStore, StoreError};
use connectors_update_sql::SqlStore;

use crate::stores::{memory_store, sql_store};
use crate::support::backends::Db;
use crate::support::forward::{Wraps, forward_store};
use crate::support::harness;

/// A secret's value, read as the store's administration reads it: the
/// runner cannot read one through the contract.
fn in_memory(store: &MemoryStore, id: &str, name: &str) -> Option<String> {
    store.record(id)?.value(name).map(str::to_owned)
}

fn in_sql(store: &SqlStore, id: &str, name: &str) -> Option<String> {
    store.record(id).ok()??.value(name).map(str::to_owned)
}

#[test]
fn the_memory_store_passes_every_case() {
    testing::check_conformance_revealing(harness(), memory_store, in_memory).unwrap();
}

#[test]
fn the_sqlite_store_passes_every_case() {
    let kept = Mutex::new(Vec::new());
    testing::check_conformance_revealing(harness(), sql_store(Db::sqlite, &kept), in_sql).unwrap();
}

#[test]
fn the_postgres_store_passes_every_case() {
    let Some(probe) = Db::postgres() else { return };
    drop(probe);
    let kept = Mutex::new(Vec::new());
    testing::check_conformance_revealing(
        harness(),
        sql_store(|| Db::postgres().unwrap(), &kept),
        in_sql,
    )
    .unwrap();
}

/// Without a way to read secrets, the runner still checks that each is a
/// secret; with one, it sees a secret that holds another value.
#[test]
fn the_runner_sees_a_secret_holding_another_value_only_when_it_can_read_it() {
    testing::check_conformance(harness(), memory_store).unwrap();
    let lying = |store: &MemoryStore, id: &str, name: &str| {
        in_memory(store, id, name).map(|v| format!("{v}-other"))
    };
    let mismatches = testing::check_conformance_revealing(harness(), memory_store, lying)
        .expect_err("a secret holding another value is seen");
    assert!(
        mismatches
            .to_string()
            .contains("holding the expected secret"),
        "{mismatches}"
    );
    assert!(!mismatches.to_string().contains("canary"), "{mismatches}");
}

/// A store that reports every write as changing nothing: the runner must
/// see the outcomes and the stored values differ from the cases'.
struct Forgetful(MemoryStore);

impl Wraps for Forgetful {
    fn inner(&self) -> &dyn CredentialStore {
        &self.0
    }

    fn write(
        &self,
        caller: &Caller,
        id: &str,
        expected_revision: u64,
        changes: &[Change],
        _: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        // Checks as a preview, writes nothing, and says so.
        self.0
            .write(caller, id, expected_revision, changes, WriteMode::Preview)?;
        Ok(WriteReceipt {
            revision: expected_revision,
            changed: Vec::new(),
        })
    }
}

forward_store!(Forgetful);

#[test]
fn a_store_that_writes_nothing_fails_the_cases_that_write() {
    let mismatches =
        testing::check_conformance(harness(), |f: &Fixture| Forgetful(memory_store(f)))
            .expect_err("a store that writes nothing cannot conform");
    let cases: Vec<&str> = mismatches.0.iter().map(|m| m.case.as_str()).collect();
    assert!(
        cases.contains(&"example 1 updates the key and the timeout"),
        "{mismatches}"
    );
    assert!(
        !cases.contains(&"a step that changes nothing writes nothing"),
        "a case that writes nothing passes even here: {mismatches}"
    );
}

#[test]
fn the_runner_knows_every_case_file_in_the_folder() {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../host/conformance");
    let mut on_disk: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect();
    on_disk.sort();
    let known: Vec<&str> = testing::CASE_FILES.iter().map(|(name, _)| *name).collect();
    assert_eq!(on_disk, known, "add the new file to CASE_FILES");
}

/// A store that declares none of its kinds (its connectors added first):
/// the design-time cases (which read the kinds) and the kind cases must
/// fail, the others pass.
#[test]
fn a_store_that_declares_no_kinds_fails_the_design_and_kind_cases() {
    let mismatches =
        testing::check_conformance(harness(), |f: &Fixture| memory_store(f).with_kinds([]))
            .expect_err("a store without its kinds cannot conform");
    let cases: Vec<&str> = mismatches.0.iter().map(|m| m.case.as_str()).collect();
    for name in [
        "describe lists the store's own kind after the built-in ones",
        "a name the store's kind deprecates is a warning at its cell",
        "a merged result that breaks the kind's rules is validation-failed, with every violation",
    ] {
        assert!(cases.contains(&name), "{name} not failed: {mismatches}");
    }
    assert!(
        !cases.contains(&"a complete step has no diagnostics"),
        "{mismatches}"
    );
    assert!(!mismatches.to_string().contains("canary"), "{mismatches}");
}
