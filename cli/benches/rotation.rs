//! What rotating a store's key costs, on SQLite (`synchronous = FULL`, so
//! every batch is a durable commit): 1000 values sealed again in batches of
//! 10, 100 (the default) and 1000 (one transaction), each iteration a whole
//! rotation to a new key and the retirement of the old one. The ratio
//! between batch sizes is the price of letting writers in between batches.
//!
//! And what a machine left behind by a staged key pays per call: a read
//! of one connector by a machine whose key file lacks the key the store
//! staged, against the same read by one that holds every key. The machine
//! behind looks at its key file (one `stat`) on each call, and reads it
//! only when it changed.
//!
//! Run with `cargo bench -p connectors-update --bench rotation`.

#![allow(clippy::unwrap_used, missing_docs)]

use connectors_update_harness::Caller;
use connectors_update_harness::stores::NewConnector;
use connectors_update_sql::{KeySource, KeyState, SqlStore, StoreLocation};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const VALUES: usize = 1000;

fn rotation(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqlStore::sqlite(dir.path().join("bench.db")).unwrap();
    for i in 0..VALUES / 2 {
        store
            .add(
                NewConnector::new(format!("C{i}"))
                    .id(format!("c{i:04}"))
                    .secret("APIKey", format!("secret-{i}"))
                    .set("Endpoint", format!("https://{i}.example")),
            )
            .unwrap();
    }
    let mut group = c.benchmark_group("rotation");
    group.throughput(Throughput::Elements(VALUES as u64));
    group.sample_size(10);
    for batch in [10, 100, 1000] {
        group.bench_with_input(
            BenchmarkId::new("1000-values", batch),
            &batch,
            |b, &batch| {
                b.iter(|| {
                    let done = store
                        .rotate_key_as(&Caller::anonymous(), None, batch)
                        .unwrap();
                    assert_eq!(done.values, VALUES);
                    for k in done.keys.iter().filter(|k| k.state == KeyState::Enabled) {
                        store.retire_key(k.id).unwrap();
                    }
                })
            },
        );
    }
    group.finish();
}

fn machine_behind(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.db");
    let store = SqlStore::sqlite(&path).unwrap();
    store
        .add(
            NewConnector::new("C")
                .id("c")
                .secret("APIKey", "secret")
                .set("Endpoint", "https://example.com"),
        )
        .unwrap();
    // The machine behind: a copy of the key file from before the staging.
    let behind_key = dir.path().join("behind.key");
    std::fs::copy(dir.path().join("bench.db.key"), &behind_key).unwrap();
    store.stage_key(None).unwrap();
    let location = StoreLocation::Sqlite(path);
    let behind = SqlStore::open(&location, KeySource::File(behind_key)).unwrap();
    let mut group = c.benchmark_group("read-one-connector");
    for (name, machine) in [
        ("holds-every-key", &store),
        ("lacks-the-staged-key", &behind),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| assert!(machine.record("c").unwrap().is_some()))
        });
    }
    group.finish();
}

criterion_group!(benches, rotation, machine_behind);
criterion_main!(benches);
