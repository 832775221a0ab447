//! What an engine pays per step: loading the component (once), and each
//! `execute` (a fresh wasmtime Store and instance, the step's work, the
//! store's compare-and-set), and how long each hostile input takes to be
//! refused (group `hostile`; the aim is well under a second each), and what
//! the SQLite store's sealing and durable commits cost (group `sqlite`), and
//! what `MergeMode` deep costs over replace on a 100-key JSON object, plain
//! (merged in the guest) and secret (merged in the store) (group `merge`).
//! Loading is measured both ways: the built-in component from its
//! precompiled code (`Harness::new`) and compiled (`Harness::from_component`).
//! Throughput on one harness at 1, 2 and 4 threads is group `throughput`.
//! Run with `cargo bench -p connectors-update --bench execute`.

#![allow(clippy::unwrap_used, missing_docs)]

use std::hint::black_box;
use std::sync::Arc;

use connectors_update_harness::stores::{MemoryStore, NewConnector};
use connectors_update_harness::tokens::MapTokens;
use connectors_update_harness::{
    COMPONENT, CredentialStore, Harness, InstanceAllocation, PropertyRow, SecretString, Step,
};
use connectors_update_sql::SqlStore;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const EXAMPLE_1: &str = r#"{"ActionType": "Connectors.Update", "Parameters": {"EntryId": "Twitter API",
  "Properties": [{"PropertyName": "APIKey", "PropertyValue": "[Form:Key]"}],
  "PropertiesJson": "{ \"Timeout\": \"30s\", \"Endpoint\": \"https://api.twitter.com/2\" }"}}"#;

/// The connector the example steps update.
fn twitter() -> NewConnector {
    NewConnector::new("Twitter API")
        .id("twitterConnectorId")
        .kind("rest-api")
        .secret("APIKey", "k0")
}

fn store() -> Arc<MemoryStore> {
    let store = Arc::new(MemoryStore::new());
    store.add(twitter()).unwrap();
    store
}

fn benches(c: &mut Criterion) {
    let mut load = c.benchmark_group("load");
    load.sample_size(10);
    load.bench_function("Harness::new (precompiled, pooled)", |b| {
        b.iter(|| Harness::new().unwrap())
    });
    load.bench_function("precompiled, on demand (the CLI's)", |b| {
        b.iter(|| {
            Harness::builder()
                .instances(InstanceAllocation::OnDemand)
                .build()
                .unwrap()
        })
    });
    load.bench_function("compile component (Harness::from_component)", |b| {
        b.iter(|| Harness::from_component(black_box(COMPONENT)).unwrap())
    });
    load.finish();

    let harness = Harness::new().unwrap();
    let on_demand = Harness::builder()
        .instances(InstanceAllocation::OnDemand)
        .build()
        .unwrap();
    let step = harness.parse_step(EXAMPLE_1).unwrap();

    c.bench_function(
        "describe (the smallest call: a fresh instance and one export)",
        |b| b.iter(|| harness.describe().unwrap()),
    );

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

    for (name, harness) in [("pooled", &harness), ("on demand", &on_demand)] {
        c.bench_function(&format!("execute: step that writes ({name})"), |b| {
            let store = store();
            let mut n = 0u64;
            b.iter(|| {
                n += 1;
                let tokens = Arc::new(MapTokens::from_pairs([("Form:Key", format!("k{n}"))]));
                harness.execute(&step, store.clone(), tokens).unwrap()
            })
        });
    }

    c.bench_function("parse-step", |b| {
        b.iter(|| harness.parse_step(black_box(EXAMPLE_1)).unwrap())
    });
    c.bench_function("validate", |b| {
        b.iter(|| harness.validate(black_box(&step)).unwrap())
    });
}

/// Executions per second on one harness shared by 1, 2 and 4 threads:
/// seed example 1 with a new token value each time (so every execution
/// writes), each thread on a store of its own (so that they do not queue
/// for one connector), pooled and on demand.
fn throughput(c: &mut Criterion) {
    use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
    static FRESH: AtomicU64 = AtomicU64::new(0);
    let mut group = c.benchmark_group("throughput");
    group.throughput(Throughput::Elements(1));
    for (name, allocation) in [
        ("pooled", InstanceAllocation::default()),
        ("on demand", InstanceAllocation::OnDemand),
    ] {
        let harness = Harness::builder().instances(allocation).build().unwrap();
        let step = harness.parse_step(EXAMPLE_1).unwrap();
        for threads in [1u64, 2, 4] {
            let stores: Vec<_> = (0..threads).map(|_| store()).collect();
            group.bench_function(format!("{name}, {threads} threads"), |b| {
                b.iter_custom(|iters| {
                    let started = std::time::Instant::now();
                    std::thread::scope(|scope| {
                        for (t, store) in stores.iter().enumerate() {
                            let (harness, step) = (&harness, &step);
                            let share = iters / threads + u64::from((t as u64) < iters % threads);
                            scope.spawn(move || {
                                for _ in 0..share {
                                    let tokens = Arc::new(MapTokens::from_pairs([(
                                        "Form:Key",
                                        format!("k{}", FRESH.fetch_add(1, Relaxed)),
                                    )]));
                                    harness.execute(step, store.clone(), tokens).unwrap();
                                }
                            });
                        }
                    });
                    started.elapsed()
                })
            });
        }
    }
    group.finish();
}

/// Instantiating the component alone, with every import defined as a trap
/// and a fresh wasmtime `Store` each time: the floor under every call, on
/// demand and from a pool like the harness's (2 MiB kept resident, dirty
/// pages found with PAGEMAP_SCAN).
fn instantiate(c: &mut Criterion) {
    use wasmtime::{Engine, InstanceAllocationStrategy, PoolingAllocationConfig, Store};
    let mut pool = PoolingAllocationConfig::new();
    pool.total_component_instances(64)
        .total_core_instances(1024)
        .total_memories(64)
        .total_tables(256)
        .linear_memory_keep_resident(2 << 20)
        .table_keep_resident(2 << 20)
        .pagemap_scan(wasmtime::Enabled::Auto);
    let mut group = c.benchmark_group("instantiate");
    for (name, strategy) in [
        ("on demand", InstanceAllocationStrategy::OnDemand),
        ("pooled", InstanceAllocationStrategy::Pooling(pool)),
    ] {
        // The harness's own settings (bounds checks, no guard pages), so
        // that this is the floor under the harness's calls.
        let mut config = Harness::engine_config();
        config.allocation_strategy(strategy);
        let engine = Engine::new(&config).unwrap();
        let component = wasmtime::component::Component::new(&engine, COMPONENT).unwrap();
        let mut linker = wasmtime::component::Linker::<()>::new(&engine);
        linker.define_unknown_imports_as_traps(&component).unwrap();
        let pre = linker.instantiate_pre(&component).unwrap();
        group.bench_function(format!("{name}, imports as traps"), |b| {
            b.iter(|| {
                let mut store = Store::new(&engine, ());
                store.set_epoch_deadline(1);
                black_box(pre.instantiate(&mut store).unwrap());
            })
        });
    }
    group.finish();
}

/// Each hostile input of the test suite, from the step the engine holds to
/// the typed error (building the input is not measured).
fn hostile(c: &mut Criterion) {
    let harness = Harness::new().unwrap();
    let store = store();
    let tokens = Arc::new(MapTokens::default());
    let with_json = |json: String| Step {
        entry_id: "twitterConnectorId".into(),
        properties_json: SecretString::from(json),
        ..Step::default()
    };
    let nested = (0..1000).fold("[Form:Key]".to_string(), |v, _| format!("[Form:Key|{v}]"));
    let inputs = [
        ("64 MiB PropertiesJson", with_json("x".repeat(64 << 20))),
        (
            "200,000-deep PropertiesJson",
            with_json("[".repeat(200_000)),
        ),
        (
            "1,000,000 Properties rows",
            Step {
                entry_id: "twitterConnectorId".into(),
                properties: vec![PropertyRow::new("P", "v"); 1_000_000],
                ..Step::default()
            },
        ),
        (
            "5,000 tokens in one value",
            Step {
                entry_id: "twitterConnectorId".into(),
                properties: vec![PropertyRow::new("A", "[Form:A]".repeat(5000))],
                ..Step::default()
            },
        ),
        (
            "token nested 1,000 deep in its own format",
            Step {
                entry_id: "twitterConnectorId".into(),
                properties: vec![PropertyRow::new("A", nested)],
                ..Step::default()
            },
        ),
    ];
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    for (name, step) in &inputs {
        group.bench_function(*name, |b| {
            b.iter(|| {
                harness
                    .execute(black_box(step), store.clone(), tokens.clone())
                    .unwrap_err()
            })
        });
    }
    let deep = format!(
        "{{\"ActionType\": \"Connectors.Update\", \"Parameters\": {{\"EntryId\": \"c1\", \"X\": {}}}}}",
        "[".repeat(1_000_000)
    );
    group.bench_function("1,000,000-deep step JSON", |b| {
        b.iter(|| harness.parse_step(black_box(&deep)).unwrap_err())
    });
    group.finish();
}

/// The SQLite store: every value sealed, every commit synced.
fn sqlite(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SqlStore::sqlite(dir.path().join("bench.db")).unwrap());
    store.add(twitter()).unwrap();
    let mut wide = NewConnector::new("Wide").id("wide");
    for i in 0..200 {
        wide = wide.set(format!("P{i}"), format!("value number {i}"));
    }
    store.add(wide).unwrap();
    let harness = Harness::new().unwrap();
    let step = harness.parse_step(EXAMPLE_1).unwrap();

    let mut group = c.benchmark_group("sqlite");
    group.sample_size(30);
    group.bench_function("execute: step that writes", |b| {
        let mut n = 0u64;
        b.iter(|| {
            n += 1;
            let tokens = Arc::new(MapTokens::from_pairs([("Form:Key", format!("k{n}"))]));
            harness.execute(&step, store.clone(), tokens).unwrap()
        })
    });
    group.bench_function("get: 200 plain values opened", |b| {
        let caller = connectors_update_harness::Caller::anonymous();
        b.iter(|| store.get(&caller, black_box("wide")).unwrap())
    });
    group.finish();
}

/// Deep merge against replace, on a JSON object of 100 keys.
fn merge(c: &mut Criterion) {
    let object: serde_json::Map<String, serde_json::Value> = (0..100)
        .map(|i| {
            (
                format!("key{i}"),
                serde_json::json!(format!("value number {i}")),
            )
        })
        .collect();
    let object = serde_json::Value::Object(object).to_string();
    let store = Arc::new(MemoryStore::new());
    store
        .add(
            NewConnector::new("Doc")
                .id("doc")
                .set("plain", &object)
                .secret("secret", &object),
        )
        .unwrap();
    let harness = Harness::new().unwrap();
    let tokens = Arc::new(MapTokens::default());
    let mut group = c.benchmark_group("merge");
    for (name, mode) in [("replace", "replace"), ("deep", "deep")] {
        for property in ["plain", "secret"] {
            group.bench_function(format!("{name}: one key of a 100-key {property} object"), |b| {
                let mut n = 0u64;
                b.iter(|| {
                    n += 1;
                    let json = serde_json::json!({
                        "EntryId": "doc",
                        "PropertiesJson": serde_json::json!({ property: { "key7": format!("v{n}") } }).to_string(),
                        "MergeMode": mode,
                    });
                    let step = harness.parse_step(&json.to_string()).unwrap();
                    harness.execute(&step, store.clone(), tokens.clone()).unwrap()
                })
            });
        }
    }
    group.finish();
}

criterion_group!(
    execute,
    benches,
    instantiate,
    throughput,
    hostile,
    sqlite,
    merge
);
criterion_main!(execute);
