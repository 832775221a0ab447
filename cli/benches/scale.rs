//! How the work of one step grows with the number of properties, and what
//! the component costs over the same plain modules run natively.
//!
//! For N = 1, 10, 100 and 1,000, a connector of kind `scale` (one Text rule
//! of at most 64 characters per property, unknown names refused) holds N
//! plain properties `P0..`, and a step sets each of them from a token
//! (`[Form:V0]`...), so every row is resolved, merged and checked:
//!
//! - `unchanged`: the tokens give the stored values, so nothing is written;
//! - `changed`: two token sets alternate, so every call changes all N
//!   properties and the store applies and commits N changes.
//!
//! Each runs `native/...` (`connectors_update_action::native::execute`
//! with a native host over the same in-memory data and the same store
//! algorithm, `ConnectorRecord::view` and `ConnectorRecord::apply`) and
//! `component/...` (`Harness::execute` on a `MemoryStore`: a fresh
//! instance of the component per call, as the harness always makes).
//! Group `stage` splits the native `changed` case into its stages.
//! Group `example-1` runs seed example 1 (a token, two Dynamic
//! Properties, a `url` and a `duration` rule) with a new token value each
//! time, natively (the action's `execute` over the same `MemoryStore`,
//! through the action's own store trait) and through the component.
//! Run with `cargo bench -p connectors-update --bench scale`.

#![allow(clippy::unwrap_used, missing_docs)]

use std::hint::black_box;
use std::sync::Arc;

use connectors_update_action::native::ImportedTokens as ActionTokens;
use connectors_update_action::native::{ImportedStore as ActionStore, execute};
use connectors_update_harness::connector::{
    Change, ChangeOp, check_merged_values, check_write_permissions,
};
use connectors_update_harness::stores::{ConnectorRecord, MemoryStore, NewConnector};
use connectors_update_harness::tokens::MapTokens;
use connectors_update_harness::{
    Caller, CredentialStore, ExposeSecret, Harness, SecretString, Step, StoreError, TokenSource,
};
use connectors_update_model::limits::LIMITS;
use connectors_update_model::model::{
    self as action, Connector, ConnectorSummary, KindRules, PropertyRow, PropertyRule, ValueFormat,
    WriteMode, WriteReceipt,
};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const SIZES: [usize; 4] = [1, 10, 100, 1000];
const ID: &str = "scale";

/// A kind that names each of the `n` properties, so the rule check has a
/// rule to find for every row.
fn kind(n: usize) -> KindRules {
    KindRules {
        kind: "scale".into(),
        help: "N Text properties, for the scale benchmark.".into(),
        properties: (0..n)
            .map(|i| PropertyRule {
                max_length: Some(64),
                ..PropertyRule::new(format!("P{i}"), ValueFormat::Text)
            })
            .collect(),
        max_properties: None,
        allow_unknown: false,
    }
}

fn value(set: &str, i: usize) -> String {
    format!("{set} value of property {i}")
}

/// The token values of one set: `Form:Vi` → the value of `Pi`.
fn tokens(set: &str, n: usize) -> MapTokens {
    MapTokens::from_pairs((0..n).map(|i| (format!("Form:V{i}"), value(set, i))))
}

/// The connector as added: each `Pi` holding the `stored` set's value.
fn connector(n: usize) -> NewConnector {
    (0..n).fold(NewConnector::new("Scale").id(ID).kind("scale"), |c, i| {
        c.set(format!("P{i}"), value("stored", i))
    })
}

/// The step: row `i` sets `Pi` to `[Form:Vi]`.
fn step(n: usize) -> action::Step {
    action::Step {
        entry_id: ID.into(),
        properties: (0..n)
            .map(|i| PropertyRow::new(format!("P{i}"), format!("[Form:V{i}]")))
            .collect(),
        ..action::Step::default()
    }
}

/// A native host: the connector as a store keeps it, its kind, and the
/// token sets it answers from, in turn. `get` and `write` do what
/// `MemoryStore` does, without its locks and grants.
struct Native {
    record: ConnectorRecord,
    rules: KindRules,
    tokens: Vec<MapTokens>,
    turn: usize,
}

impl Native {
    fn new(n: usize, sets: &[&str]) -> Self {
        let store = MemoryStore::new().with_kinds([kind(n)]);
        let record = store.add(connector(n)).unwrap();
        Native {
            record,
            rules: kind(n),
            tokens: sets.iter().map(|set| tokens(set, n)).collect(),
            turn: 0,
        }
    }

    /// The next execution reads the next token set.
    fn next_turn(&mut self) {
        self.turn = (self.turn + 1) % self.tokens.len();
    }
}

impl ActionStore for Native {
    fn get(&mut self, id: &str) -> Result<Connector, StoreError> {
        if id != ID {
            return Err(StoreError::NotFound);
        }
        Ok(self.record.view(Some(&self.rules)))
    }

    fn find_by_name(&mut self, _: &str) -> Result<Vec<ConnectorSummary>, StoreError> {
        Ok(Vec::new())
    }

    fn rules(&mut self, kind: &str) -> Result<Option<KindRules>, StoreError> {
        Ok((kind == self.rules.kind).then(|| self.rules.clone()))
    }

    fn write(
        &mut self,
        id: &str,
        expected_revision: u64,
        changes: &[action::Change],
        mode: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        if id != ID {
            return Err(StoreError::NotFound);
        }
        if expected_revision != self.record.revision {
            return Err(StoreError::Conflict(self.record.revision));
        }
        let changes = held_as_secrets(changes);
        let mut updated = self.record.clone();
        check_write_permissions(Some(&self.rules), &Caller::anonymous(), &changes)?;
        let changed = updated.apply(&changes, Some(&self.rules))?;
        check_merged_values(Some(&self.rules), &changes, &updated)?;
        if mode == WriteMode::Commit && !changed.is_empty() {
            updated.revision += 1;
            self.record = updated;
        }
        Ok(WriteReceipt {
            revision: self.record.revision,
            changed,
        })
    }
}

/// The changes as the harness hands them to a store: values held as secrets.
fn held_as_secrets(changes: &[action::Change]) -> Vec<Change> {
    changes
        .iter()
        .map(|c| Change {
            name: c.name.clone(),
            op: match &c.op {
                action::ChangeOp::Set { value, secret } => ChangeOp::Set {
                    value: SecretString::from(value.clone()),
                    secret: *secret,
                },
                action::ChangeOp::Merge { patch, secret } => ChangeOp::Merge {
                    patch: SecretString::from(patch.clone()),
                    secret: *secret,
                },
                action::ChangeOp::Remove => ChangeOp::Remove,
            },
        })
        .collect()
}

impl ActionTokens for Native {
    fn token(&mut self, source: Option<&str>, name: &str) -> Result<Option<String>, StoreError> {
        Ok(self.tokens[self.turn]
            .resolve(source, name)?
            .map(|v| v.expose_secret().to_owned()))
    }
}

fn scale(c: &mut Criterion) {
    let harness = Harness::new().unwrap();
    let mut group = c.benchmark_group("scale");
    for n in SIZES {
        group.throughput(Throughput::Elements(n as u64));
        if n >= 100 {
            group.sample_size(30);
        }
        let native_step = step(n);
        let component_step: Step = step(n).map_values();

        for (case, sets) in [
            ("unchanged", &["stored"][..]),
            ("changed", &["first", "second"][..]),
        ] {
            group.bench_with_input(BenchmarkId::new(format!("native/{case}"), n), &n, |b, _| {
                let mut host = Native::new(n, sets);
                b.iter(|| {
                    let outcome = execute(black_box(&native_step), &mut host, &LIMITS).unwrap();
                    host.next_turn();
                    outcome
                })
            });
            group.bench_with_input(
                BenchmarkId::new(format!("component/{case}"), n),
                &n,
                |b, _| {
                    let store = Arc::new(MemoryStore::new().with_kinds([kind(n)]));
                    store.add(connector(n)).unwrap();
                    let tokens: Vec<Arc<MapTokens>> =
                        sets.iter().map(|set| Arc::new(tokens(set, n))).collect();
                    let mut turn = 0;
                    b.iter(|| {
                        let outcome = harness
                            .execute(
                                black_box(&component_step),
                                store.clone(),
                                tokens[turn].clone(),
                            )
                            .unwrap();
                        turn = (turn + 1) % tokens.len();
                        outcome
                    })
                },
            );
        }
    }
    group.finish();
}

/// Each outcome is what the case says it is: nothing written for
/// `unchanged`, all N changed for `changed`, natively and in the component.
fn check_cases() {
    let harness = Harness::new().unwrap();
    let mut native = Native::new(10, &["stored"]);
    let outcome = execute(&step(10), &mut native, &LIMITS).unwrap();
    assert!(outcome.unchanged, "{outcome:?}");
    let mut native = Native::new(10, &["first", "second"]);
    for _ in 0..2 {
        let outcome = execute(&step(10), &mut native, &LIMITS).unwrap();
        assert_eq!(outcome.changed.len(), 10, "{outcome:?}");
        native.next_turn();
    }
    let store = Arc::new(MemoryStore::new().with_kinds([kind(10)]));
    store.add(connector(10)).unwrap();
    let step: Step = step(10).map_values();
    let same = harness
        .execute(&step, store.clone(), Arc::new(tokens("stored", 10)))
        .unwrap();
    assert!(same.unchanged, "{same:?}");
    let changed = harness
        .execute(&step, store, Arc::new(tokens("first", 10)))
        .unwrap();
    assert_eq!(changed.changed.len(), 10, "{changed:?}");
}

/// Where the native time of `changed` goes, stage by stage, with the
/// action's public functions on the same data: resolving the 2N fields'
/// tokens, the store's view, collecting and merging the updates, the rule
/// check, the store's apply, and classifying the receipt.
fn stages(c: &mut Criterion) {
    use connectors_update_action::native::TokenResolver;
    use connectors_update_model::merge::{classify, collect_updates, merge_properties};
    use connectors_update_model::rules::{check_rules, merged_names};
    let mut group = c.benchmark_group("stage");
    for n in [10, 1000] {
        group.throughput(Throughput::Elements(n as u64));
        let step = step(n);
        let mut host = Native::new(n, &["first"]);
        let resolve = |host: &mut Native| {
            let mut tokens = TokenResolver::new(host, LIMITS);
            step.properties
                .iter()
                .map(|row| {
                    let name = tokens.resolve("name", &row.name).unwrap();
                    let value = tokens.resolve("value", row.value_text()).unwrap();
                    (name, value)
                })
                .collect::<Vec<_>>()
        };
        group.bench_function(BenchmarkId::new("resolve", n), |b| {
            b.iter(|| resolve(&mut host))
        });
        let rows = resolve(&mut host);
        group.bench_function(BenchmarkId::new("get (view, rules)", n), |b| {
            b.iter(|| (host.get(ID).unwrap(), host.rules("scale").unwrap()))
        });
        let connector = host.get(ID).unwrap();
        let rules = kind(n);
        group.bench_function(BenchmarkId::new("collect and merge", n), |b| {
            b.iter(|| {
                let updates = collect_updates(rows.clone(), []);
                merge_properties(&connector, &updates, Some(&rules), Default::default())
            })
        });
        let updates = collect_updates(rows.clone(), []);
        let changes = merge_properties(&connector, &updates, Some(&rules), Default::default());
        group.bench_function(BenchmarkId::new("merged names and rules", n), |b| {
            b.iter(|| {
                (
                    merged_names(&connector, &changes).len(),
                    check_rules(&connector, &changes, &rules),
                )
            })
        });
        group.bench_function(BenchmarkId::new("write (apply)", n), |b| {
            b.iter(|| {
                host.write(ID, host.record.revision, &changes, WriteMode::Preview)
                    .unwrap()
            })
        });
        let receipt = host
            .write(ID, host.record.revision, &changes, WriteMode::Preview)
            .unwrap();
        group.bench_function(BenchmarkId::new("classify", n), |b| {
            b.iter(|| classify(&connector, &changes, &receipt))
        });
    }
    group.finish();
}

/// The host's store seen through the action's traits, as the harness's
/// imports do, but natively: what the component adds over it is the
/// boundary, the instance and wasm.
struct OverStore {
    store: Arc<MemoryStore>,
    tokens: MapTokens,
}

impl ActionStore for OverStore {
    fn get(&mut self, id: &str) -> Result<Connector, StoreError> {
        self.store.get(&Caller::anonymous(), id)
    }

    fn find_by_name(&mut self, name: &str) -> Result<Vec<ConnectorSummary>, StoreError> {
        self.store.find_by_name(&Caller::anonymous(), name)
    }

    fn rules(&mut self, kind: &str) -> Result<Option<KindRules>, StoreError> {
        self.store.rules(&Caller::anonymous(), kind)
    }

    fn write(
        &mut self,
        id: &str,
        expected_revision: u64,
        changes: &[action::Change],
        mode: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        let changes = held_as_secrets(changes);
        self.store
            .write(&Caller::anonymous(), id, expected_revision, &changes, mode)
    }
}

impl ActionTokens for OverStore {
    fn token(&mut self, source: Option<&str>, name: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .tokens
            .resolve(source, name)?
            .map(|v| v.expose_secret().to_owned()))
    }
}

const EXAMPLE_1: &str = r#"{"ActionType": "Connectors.Update", "Parameters": {"EntryId": "Twitter API",
  "Properties": [{"PropertyName": "APIKey", "PropertyValue": "[Form:Key]"}],
  "PropertiesJson": "{ \"Timeout\": \"30s\", \"Endpoint\": \"https://api.twitter.com/2\" }"}}"#;

fn example_1(c: &mut Criterion) {
    let harness = Harness::new().unwrap();
    let step = harness.parse_step(EXAMPLE_1).unwrap();
    let native_step: action::Step = step.clone().map_values();
    let store = || {
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
    };
    let mut group = c.benchmark_group("example-1");
    group.bench_function("native", |b| {
        let store = store();
        let mut n = 0u64;
        b.iter(|| {
            n += 1;
            let mut host = OverStore {
                store: store.clone(),
                tokens: MapTokens::from_pairs([("Form:Key", format!("k{n}"))]),
            };
            execute(black_box(&native_step), &mut host, &LIMITS).unwrap()
        })
    });
    group.bench_function("component", |b| {
        let store = store();
        let mut n = 0u64;
        b.iter(|| {
            n += 1;
            let tokens = Arc::new(MapTokens::from_pairs([("Form:Key", format!("k{n}"))]));
            harness
                .execute(black_box(&step), store.clone(), tokens)
                .unwrap()
        })
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    check_cases();
    scale(c);
    stages(c);
    example_1(c);
}

criterion_group!(scale_benches, benches);
criterion_main!(scale_benches);
