//! What rotating a store's key costs, on SQLite (`synchronous = FULL`, so
//! every batch is a durable commit): 1000 values sealed again in batches of
//! 10, 100 (the default) and 1000 (one transaction), each iteration a whole
//! rotation to a new key and the retirement of the old one. The ratio
//! between batch sizes is the price of letting writers in between batches.
//!
//! Run with `cargo bench -p connectors-update --bench rotation`.

#![allow(clippy::unwrap_used, missing_docs)]

use connectors_update::Caller;
use connectors_update::stores::{KeyState, NewConnector, SqlStore};
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

criterion_group!(benches, rotation);
criterion_main!(benches);
