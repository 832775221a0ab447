//! No lost updates under load: many executions on one connector at once,
//! through one harness from many threads, and through many CLI processes on
//! one SQLite file or one PostgreSQL database.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use connectors_update_harness::stores::{MemoryStore, NewConnector};
use connectors_update_harness::tokens::MapTokens;
use connectors_update_harness::{CredentialStore, ExposeSecret, Harness, StoreError};
use serde_json::json;

use crate::support::backends::Db;
use crate::support::cli::Cli;
use crate::support::faults::Hooked;
use crate::support::{harness, step, step_json};

const THREADS: usize = 8;
const PER_THREAD: usize = 200;

/// 8 threads × 200 executions, each setting its own property, with thread
/// `t` using `harnesses[t % len]`; returns (conflicts retried, writes tried).
fn hammer(harnesses: &[&Harness], inner: Arc<dyn CredentialStore>) -> (u64, u64) {
    // Passes every call to the real store and counts the writes and the
    // conflicts they meet: it observes, it injects nothing.
    let conflicts = Arc::new(AtomicU64::new(0));
    let writes = Arc::new(AtomicU64::new(0));
    let store = Arc::new(Hooked {
        inner,
        write: Box::new({
            let (conflicts, writes) = (conflicts.clone(), writes.clone());
            move |inner, caller, id, expected, changes, mode| {
                writes.fetch_add(1, Ordering::Relaxed);
                let result = inner.write(caller, id, expected, changes, mode);
                if matches!(result, Err(StoreError::Conflict(_))) {
                    conflicts.fetch_add(1, Ordering::Relaxed);
                }
                result
            }
        }),
    });
    let per_thread: Vec<Vec<u64>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..THREADS)
            .map(|t| {
                let store = store.clone();
                scope.spawn(move || {
                    (0..PER_THREAD)
                        .map(|i| {
                            let json = step_json(json!({
                                "EntryId": "shared",
                                "Properties": [{"PropertyName": format!("t{t}"), "PropertyValue": format!("{i}")}]
                            }));
                            let step = step(&json);
                            let harness = harnesses[t % harnesses.len()];
                            let tokens = Arc::new(MapTokens::default());
                            match harness.execute(&step, store.clone(), tokens) {
                                Ok(outcome) => {
                                    assert!(outcome.revision_after > outcome.revision_before);
                                    outcome.revision_after
                                }
                                Err(e) => panic!("execution {t}-{i} failed: {e}"),
                            }
                        })
                        .collect()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    // Each thread saw its revisions strictly increase, and no two
    // executions made the same revision: 2..=1601, each once.
    let mut all = BTreeSet::new();
    for revisions in &per_thread {
        assert!(revisions.windows(2).all(|w| w[0] < w[1]));
        for r in revisions {
            assert!(all.insert(*r), "revision {r} made twice");
        }
    }
    let total = (THREADS * PER_THREAD) as u64;
    assert_eq!(all, (2..=total + 1).collect::<BTreeSet<u64>>());
    (
        conflicts.load(Ordering::Relaxed),
        writes.load(Ordering::Relaxed),
    )
}

/// Each thread's property holds its last execution's value (a thread's
/// executions run one after another, so an update lost to another thread's
/// write would leave an older value), and every execution made a revision.
/// One property per thread rather than one per execution: a connector holds
/// at most 1,000 properties.
fn check_all_present(properties: Vec<(String, String)>, revision: u64) {
    let expected: BTreeSet<(String, String)> = (0..THREADS)
        .map(|t| (format!("t{t}"), format!("{}", PER_THREAD - 1)))
        .collect();
    assert_eq!(properties.into_iter().collect::<BTreeSet<_>>(), expected);
    assert_eq!(revision, (THREADS * PER_THREAD) as u64 + 1);
}

#[test]
fn eight_threads_by_two_hundred_executions_lose_no_update_in_memory() {
    let store = Arc::new(MemoryStore::new());
    store.add(NewConnector::new("Shared").id("shared")).unwrap();
    let (conflicts, writes) = hammer(&[harness()], store.clone());
    let record = store.record("shared").unwrap();
    check_all_present(
        record
            .properties
            .iter()
            .map(|p| (p.name.clone(), p.value.expose_secret().to_string()))
            .collect(),
        record.revision,
    );
    // Figures for the record: `cargo test -- --nocapture load`.
    println!("memory: 1600 executions, {writes} writes, {conflicts} conflicts retried");
    assert_eq!(writes, 1600 + conflicts);
}

#[test]
fn eight_threads_by_two_hundred_executions_lose_no_update_in_a_database() {
    for db in Db::all() {
        let store = Arc::new(db.open());
        store.add(NewConnector::new("Shared").id("shared")).unwrap();
        let (conflicts, writes) = hammer(&[harness()], store.clone());
        let record = store.record("shared").unwrap().unwrap();
        check_all_present(
            record
                .properties
                .iter()
                .map(|p| (p.name.clone(), p.value.expose_secret().to_string()))
                .collect(),
            record.revision,
        );
        let history = store
            .history(&connectors_update_harness::Caller::anonymous(), "shared")
            .unwrap();
        assert_eq!(history.len(), 1 + 1600, "{}: one entry per write", db.name);
        println!(
            "{}: 1600 executions, {writes} writes, {conflicts} conflicts retried",
            db.name
        );
        assert_eq!(writes, 1600 + conflicts);
    }
}

#[test]
fn two_engines_in_one_process_take_turns_and_lose_no_update() {
    // Two harnesses in one process, as two engine instances would have:
    // their executions on one connector of one store take turns too.
    let second = Harness::new().unwrap();
    let store = Arc::new(MemoryStore::new());
    store.add(NewConnector::new("Shared").id("shared")).unwrap();
    let (conflicts, writes) = hammer(&[harness(), &second], store.clone());
    let record = store.record("shared").unwrap();
    check_all_present(
        record
            .properties
            .iter()
            .map(|p| (p.name.clone(), p.value.expose_secret().to_string()))
            .collect(),
        record.revision,
    );
    println!("two harnesses: 1600 executions, {writes} writes, {conflicts} conflicts retried");
    assert_eq!(writes, 1600 + conflicts);
}

#[test]
fn four_processes_by_twenty_five_runs_lose_no_update_on_sqlite() {
    four_processes_by_twenty_five_runs(Cli::new());
}

#[test]
fn four_processes_by_twenty_five_runs_lose_no_update_on_postgres() {
    if let Some(db) = Db::postgres() {
        four_processes_by_twenty_five_runs(Cli::on(db));
    }
}

fn four_processes_by_twenty_five_runs(cli: Cli) {
    const PROCESSES: usize = 4;
    const RUNS: usize = 25;
    cli.run(&["connector", "add", "--name", "Shared", "--id", "shared"])
        .ok_json();
    let steps: Vec<Vec<String>> = (0..PROCESSES)
        .map(|p| {
            (0..RUNS)
                .map(|i| {
                    cli.file(
                        &format!("step-{p}-{i}.json"),
                        step_json(json!({
                            "EntryId": "Shared",
                            "Properties": [{"PropertyName": format!("p{p}-{i}"), "PropertyValue": "v"}]
                        })),
                    )
                })
                .collect()
        })
        .collect();
    std::thread::scope(|scope| {
        for files in &steps {
            let cli = &cli;
            scope.spawn(move || {
                for file in files {
                    let out = cli.run(&["run", file]);
                    assert_eq!(out.status, 0, "{}", out.stderr);
                }
            });
        }
    });
    let shown = cli.run(&["connector", "show", "shared"]).ok_json();
    let properties = shown["properties"].as_object().unwrap();
    let expected: BTreeSet<String> = (0..PROCESSES)
        .flat_map(|p| (0..RUNS).map(move |i| format!("p{p}-{i}")))
        .collect();
    assert_eq!(
        properties.keys().cloned().collect::<BTreeSet<_>>(),
        expected
    );
    assert_eq!(shown["revision"], (PROCESSES * RUNS + 1) as u64);
}
