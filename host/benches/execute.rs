//! What an engine pays per step: loading the component (once), and each
//! `execute` (a fresh wasmtime Store and instance, the step's work, the
//! store's compare-and-set). Run with `cargo bench -p connectors-update`.

#![allow(clippy::unwrap_used, missing_docs)]

use std::hint::black_box;
use std::sync::Arc;

use connectors_update::{COMPONENT, Harness, MapTokens, MemoryStore, NewConnector};
use criterion::{Criterion, criterion_group, criterion_main};

const EXAMPLE_1: &str = r#"{"ActionType": "Connectors.Update", "Parameters": {"EntryId": "Twitter API",
  "Properties": [{"PropertyName": "APIKey", "PropertyValue": "[Form:Key]"}],
  "PropertiesJson": "{ \"Timeout\": \"30s\", \"Endpoint\": \"https://api.twitter.com/2\" }"}}"#;

fn store() -> Arc<MemoryStore> {
    let store = Arc::new(MemoryStore::new());
    store
        .add(
            NewConnector::new("Twitter API")
                .id("twitterConnectorId")
                .kind("rest-api")
                .secret("APIKey", "k0"),
        )
        .unwrap();
    store
}

fn benches(c: &mut Criterion) {
    let mut load = c.benchmark_group("load");
    load.sample_size(10);
    load.bench_function("compile component", |b| {
        b.iter(|| Harness::from_component(black_box(COMPONENT)).unwrap())
    });
    load.finish();

    let harness = Harness::new().unwrap();
    let step = harness.parse_step(EXAMPLE_1).unwrap();

    c.bench_function("execute: unchanged step (reads, no write)", |b| {
        let store = store();
        let tokens = Arc::new(MapTokens::from_pairs([("Form:Key", "k1")]));
        harness
            .execute(&step, store.clone(), tokens.clone())
            .unwrap();
        b.iter(|| {
            harness
                .execute(&step, store.clone(), tokens.clone())
                .unwrap()
        })
    });

    c.bench_function("execute: step that writes", |b| {
        let store = store();
        let mut n = 0u64;
        b.iter(|| {
            n += 1;
            let tokens = Arc::new(MapTokens::from_pairs([("Form:Key", format!("k{n}"))]));
            harness.execute(&step, store.clone(), tokens).unwrap()
        })
    });

    c.bench_function("parse-step", |b| {
        b.iter(|| harness.parse_step(black_box(EXAMPLE_1)).unwrap())
    });
    c.bench_function("validate", |b| {
        b.iter(|| harness.validate(black_box(&step)).unwrap())
    });
}

criterion_group!(execute, benches);
criterion_main!(execute);
