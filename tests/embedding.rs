//! What an engine that embeds the harness relies on: its own wasmtime
//! `Engine`, its own kinds, a wall-clock deadline that no one else's epoch
//! ticks can shorten, and a cancellation handle.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::{Duration, Instant};

use connectors_update_harness::connector::{Change, Connector, WriteMode, WriteReceipt};
use connectors_update_harness::kinds::{KindRules, PropertyRule, ValueFormat};
use connectors_update_harness::stores::MemoryStore;
use connectors_update_harness::tokens::MapTokens;
use connectors_update_harness::{
    Abort, Caller, CancelHandle, CredentialStore, ErrorCode, Execution, GuestLimits, Harness,
    HarnessError, InstanceAllocation, Severity, StoreError,
};

use crate::support::faults::one_connector;
use crate::support::forward::{Wraps, forward_store};
use crate::support::{seed_store, step, step_json};

fn set_a() -> connectors_update_harness::Step {
    step(&step_json(serde_json::json!({
        "EntryId": "c1",
        "Properties": [{"PropertyName": "A", "PropertyValue": "2"}]
    })))
}

fn epoch_engine() -> wasmtime::Engine {
    let mut config = wasmtime::Config::new();
    config.epoch_interruption(true);
    wasmtime::Engine::new(&config).unwrap()
}

#[test]
fn an_engine_without_epoch_interruption_is_refused_with_what_to_set() {
    let error = Harness::builder()
        .engine(wasmtime::Engine::default())
        .build()
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::LoadFailed, "{error}");
    assert!(
        error.to_string().contains("epoch_interruption(true)"),
        "{error}"
    );
}

#[test]
fn a_harness_on_the_engines_own_engine_runs_steps_on_it() {
    let engine = epoch_engine();
    let harness = Harness::builder().engine(engine.clone()).build().unwrap();
    assert!(wasmtime::Engine::same(harness.engine(), &engine));
    let store = one_connector("One");
    let outcome = harness
        .execute(&set_a(), store.clone(), Arc::new(MapTokens::default()))
        .unwrap();
    assert_eq!(
        (outcome.changed, outcome.revision_after),
        (vec!["A".to_string()], 2)
    );
    // A second harness on the same engine shares it.
    let second = Harness::builder().engine(engine.clone()).build().unwrap();
    assert!(wasmtime::Engine::same(second.engine(), &engine));
}

#[test]
fn the_builders_kinds_are_what_design_time_lists() {
    let mut rule = PropertyRule::new("Region", ValueFormat::Text);
    rule.deprecated = Some("use Zone".into());
    let kind = KindRules {
        kind: "acme-widget".into(),
        help: "An Acme widget.".into(),
        properties: vec![rule],
        max_properties: None,
        allow_unknown: true,
    };
    let harness = Harness::builder().kinds([kind.clone()]).build().unwrap();
    let descriptor = harness.describe().unwrap();
    assert_eq!(descriptor.kinds, [kind]);
    let found = harness
        .validate_json(&step_json(serde_json::json!({
            "EntryId": "c1",
            "Properties": [{"PropertyName": "Region", "PropertyValue": "eu"}]
        })))
        .unwrap();
    assert!(
        found
            .iter()
            .any(|d| d.severity == Severity::Warning && d.message.contains("use Zone")),
        "{found:?}"
    );
    // The default harness lists the built-in kinds, not these.
    let builtin = crate::support::harness().describe().unwrap();
    assert!(builtin.kinds.iter().all(|k| k.kind != "acme-widget"));
    assert!(builtin.kinds.iter().any(|k| k.kind == "auth0-connection"));
}

#[test]
fn someone_elses_epoch_ticks_do_not_time_a_step_out() {
    let engine = epoch_engine();
    let harness = Arc::new(
        Harness::builder()
            .engine(engine.clone())
            .limits(GuestLimits::default().deadline(Duration::from_secs(5)))
            .build()
            .unwrap(),
    );
    let stop = Arc::new(AtomicBool::new(false));
    let storm = {
        let (engine, stop) = (engine.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut ticks = 0u64;
            while !stop.load(Ordering::Relaxed) {
                engine.increment_epoch();
                ticks += 1;
            }
            ticks
        })
    };
    let store = seed_store();
    for i in 0..20 {
        let json = step_json(serde_json::json!({
            "EntryId": "twitterConnectorId",
            "Properties": [{"PropertyName": "Timeout", "PropertyValue": format!("{}s", i + 1)}]
        }));
        harness
            .execute(&step(&json), store.clone(), Arc::new(MapTokens::default()))
            .unwrap_or_else(|e| panic!("step {i} under an epoch storm: {e}"));
    }
    stop.store(true, Ordering::Relaxed);
    let ticks = storm.join().unwrap();
    // Far more ticks than a 5 s deadline has 10 ms ticks: counting ticks
    // would have timed every step out.
    assert!(ticks > 10_000, "only {ticks} ticks");
}

/// A real store whose `get` takes `delay`, and which counts writes.
struct SlowReads {
    inner: Arc<MemoryStore>,
    delay: Duration,
    gets: AtomicU32,
    writes: AtomicU32,
}

impl SlowReads {
    fn new(delay: Duration) -> Arc<Self> {
        Arc::new(SlowReads {
            inner: one_connector("One"),
            delay,
            gets: AtomicU32::new(0),
            writes: AtomicU32::new(0),
        })
    }
}

impl Wraps for SlowReads {
    fn inner(&self) -> &dyn CredentialStore {
        &*self.inner
    }

    fn get(&self, caller: &Caller, id: &str) -> Result<Connector, StoreError> {
        self.gets.fetch_add(1, Ordering::SeqCst);
        std::thread::sleep(self.delay);
        self.inner.get(caller, id)
    }

    fn write(
        &self,
        caller: &Caller,
        id: &str,
        expected: u64,
        changes: &[Change],
        mode: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        self.writes.fetch_add(1, Ordering::SeqCst);
        self.inner.write(caller, id, expected, changes, mode)
    }
}

forward_store!(SlowReads);

fn aborted(
    result: Result<connectors_update_harness::Outcome, HarnessError>,
) -> (Abort, Option<u64>) {
    match result {
        Err(HarnessError::Aborted { reason, committed }) => (reason, committed),
        other => panic!("expected the harness to stop the step, got {other:?}"),
    }
}

#[test]
fn a_step_cancelled_before_it_starts_makes_no_store_call() {
    let store = SlowReads::new(Duration::ZERO);
    let cancel = CancelHandle::new();
    cancel.cancel();
    let result = crate::support::harness().execute_with(
        &Execution::new().cancel_with(&cancel),
        &set_a(),
        store.clone(),
        Arc::new(MapTokens::default()),
    );
    let error = result.as_ref().map(|_| ()).unwrap_err().to_string();
    assert_eq!(aborted(result), (Abort::Cancelled, None));
    assert_eq!(
        error,
        "the action was cancelled by the engine; nothing was written"
    );
    assert_eq!(store.gets.load(Ordering::SeqCst), 0);
    assert_eq!(store.writes.load(Ordering::SeqCst), 0);
    assert_eq!(store.inner.record("c1").unwrap().revision, 1);
}

#[test]
fn a_step_cancelled_during_a_slow_read_never_writes() {
    let store = SlowReads::new(Duration::from_millis(300));
    let cancel = CancelHandle::new();
    let canceller = {
        let cancel = cancel.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            cancel.cancel();
        })
    };
    let result = crate::support::harness().execute_with(
        &Execution::new().cancel_with(&cancel),
        &set_a(),
        store.clone(),
        Arc::new(MapTokens::default()),
    );
    canceller.join().unwrap();
    let error_code = result.as_ref().map(|_| ()).unwrap_err().code();
    assert_eq!(aborted(result), (Abort::Cancelled, None));
    assert_eq!(error_code, ErrorCode::Cancelled);
    assert_eq!(
        store.gets.load(Ordering::SeqCst),
        1,
        "the read ran to its end"
    );
    assert_eq!(
        store.writes.load(Ordering::SeqCst),
        0,
        "no write after the cancel"
    );
    assert_eq!(store.inner.record("c1").unwrap().revision, 1);
}

#[test]
fn a_blocking_read_is_not_interrupted_but_nothing_runs_after_the_deadline() {
    let store = SlowReads::new(Duration::from_millis(400));
    let started = Instant::now();
    let result = crate::support::harness().execute_with(
        &Execution::new().deadline(Duration::from_millis(50)),
        &set_a(),
        store.clone(),
        Arc::new(MapTokens::default()),
    );
    let took = started.elapsed();
    let error = result.as_ref().map(|_| ()).unwrap_err();
    assert!(error.is_retryable(), "nothing was committed: {error}");
    assert_eq!(
        aborted(result),
        (
            Abort::TimedOut {
                after: Duration::from_millis(50)
            },
            None
        )
    );
    // The read is not cut short (a host call cannot be): the step ends
    // when it returns, and makes no other store call.
    assert!(took >= Duration::from_millis(400), "{took:?}");
    assert_eq!(store.writes.load(Ordering::SeqCst), 0);
    assert_eq!(store.inner.record("c1").unwrap().revision, 1);
}

#[test]
fn an_execution_deadline_longer_than_the_harnesss_is_the_harnesss() {
    let harness = Harness::builder()
        .limits(GuestLimits::default().deadline(Duration::from_millis(50)))
        .build()
        .unwrap();
    let store = SlowReads::new(Duration::from_millis(100));
    let result = harness.execute_with(
        &Execution::new().deadline(Duration::from_secs(60)),
        &set_a(),
        store.clone(),
        Arc::new(MapTokens::default()),
    );
    assert_eq!(
        aborted(result).0,
        Abort::TimedOut {
            after: Duration::from_millis(50)
        }
    );
    assert_eq!(store.writes.load(Ordering::SeqCst), 0);
}

/// A real store whose `get` waits, for a call to hold its instance slot
/// while another arrives: until `together` calls are reading at once, or
/// until it is opened, or for `wait` at most. It counts how many calls
/// were ever inside `get` at once.
struct Gate {
    inner: Arc<MemoryStore>,
    together: u32,
    wait: Duration,
    open: AtomicBool,
    inside: AtomicU32,
    most_inside: AtomicU32,
}

impl Gate {
    fn new(together: u32, wait: Duration) -> Arc<Self> {
        let inner = one_connector("One");
        inner
            .add(
                connectors_update_harness::stores::NewConnector::new("Two")
                    .id("c2")
                    .set("A", "1"),
            )
            .unwrap();
        Arc::new(Gate {
            inner,
            together,
            wait,
            open: AtomicBool::new(false),
            inside: AtomicU32::new(0),
            most_inside: AtomicU32::new(0),
        })
    }

    fn wait_until_inside(&self, count: u32) {
        let until = Instant::now() + Duration::from_secs(10);
        while self.inside.load(Ordering::SeqCst) < count {
            assert!(Instant::now() < until, "no call came to read");
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

impl Wraps for Gate {
    fn inner(&self) -> &dyn CredentialStore {
        &*self.inner
    }

    fn get(&self, caller: &Caller, id: &str) -> Result<Connector, StoreError> {
        let now = self.inside.fetch_add(1, Ordering::SeqCst) + 1;
        self.most_inside.fetch_max(now, Ordering::SeqCst);
        if now >= self.together {
            // Everyone awaited is here: all go on, even one that looks
            // after another has already left.
            self.open.store(true, Ordering::SeqCst);
        }
        let until = Instant::now() + self.wait;
        while !self.open.load(Ordering::SeqCst) && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(1));
        }
        let found = self.inner.get(caller, id);
        self.inside.fetch_sub(1, Ordering::SeqCst);
        found
    }
}

forward_store!(Gate);

fn set_a_on(id: &str) -> connectors_update_harness::Step {
    step(&step_json(serde_json::json!({
        "EntryId": id,
        "Properties": [{"PropertyName": "A", "PropertyValue": "2"}]
    })))
}

fn pooled(slots: u32) -> Arc<Harness> {
    Arc::new(
        Harness::builder()
            .instances(InstanceAllocation::Pooled { slots })
            .build()
            .unwrap(),
    )
}

#[test]
fn a_pooled_harness_runs_no_more_calls_at_once_than_it_has_slots() {
    // Each call reads until the other joins it, or for `wait`: with two
    // slots the two calls read together (the long wait only bounds a
    // broken run); with one, the first waits in vain for a short while,
    // the second waits for its slot, and both still succeed.
    for (slots, wait, together) in [
        (2, Duration::from_secs(20), 2),
        (1, Duration::from_millis(300), 1),
    ] {
        let store = Gate::new(2, wait);
        let harness = pooled(slots);
        let calls: Vec<_> = ["c1", "c2"]
            .into_iter()
            .map(|id| {
                let (harness, store) = (harness.clone(), store.clone());
                std::thread::spawn(move || {
                    harness.execute(&set_a_on(id), store, Arc::new(MapTokens::default()))
                })
            })
            .collect();
        for call in calls {
            let outcome = call.join().unwrap().unwrap();
            assert_eq!(outcome.changed, ["A"], "{slots} slots");
        }
        assert_eq!(
            store.most_inside.load(Ordering::SeqCst),
            together,
            "calls at once with {slots} slots"
        );
    }
}

#[test]
fn a_call_that_gets_no_slot_within_its_deadline_times_out_and_reads_nothing() {
    let harness = pooled(1);
    let holder = Gate::new(u32::MAX, Duration::from_secs(10));
    let holding = {
        let (harness, holder) = (harness.clone(), holder.clone());
        std::thread::spawn(move || {
            harness.execute(&set_a_on("c1"), holder, Arc::new(MapTokens::default()))
        })
    };
    holder.wait_until_inside(1);

    let waiter = SlowReads::new(Duration::ZERO);
    let result = harness.execute_with(
        &Execution::new().deadline(Duration::from_millis(100)),
        &set_a(),
        waiter.clone(),
        Arc::new(MapTokens::default()),
    );
    let message = result.as_ref().map(|_| ()).unwrap_err().to_string();
    assert_eq!(
        aborted(result),
        (
            Abort::TimedOut {
                after: Duration::from_millis(100)
            },
            None
        )
    );
    assert_eq!(
        message,
        "the action timed out after 100 ms and was stopped; nothing was written"
    );
    let cancel = CancelHandle::new();
    cancel.cancel();
    let cancelled = harness.execute_with(
        &Execution::new().cancel_with(&cancel),
        &set_a(),
        waiter.clone(),
        Arc::new(MapTokens::default()),
    );
    assert_eq!(aborted(cancelled), (Abort::Cancelled, None));
    assert_eq!(waiter.gets.load(Ordering::SeqCst), 0, "it never ran");
    assert_eq!(waiter.inner.record("c1").unwrap().revision, 1);

    holder.open.store(true, Ordering::SeqCst);
    assert_eq!(holding.join().unwrap().unwrap().changed, ["A"]);
    let after = harness
        .execute(&set_a(), waiter.clone(), Arc::new(MapTokens::default()))
        .expect("the freed slot serves the next call");
    assert_eq!(after.changed, ["A"]);
}

#[test]
fn the_built_in_component_loads_from_its_precompiled_code() {
    assert!(crate::support::harness().precompiled(), "Harness::new");
    // An engine's own engine built from the harness's settings loads it
    // too, whatever its allocator.
    let mut config = Harness::engine_config();
    config.allocation_strategy(wasmtime::InstanceAllocationStrategy::pooling());
    let harness = Harness::builder()
        .engine(wasmtime::Engine::new(&config).unwrap())
        .build()
        .unwrap();
    assert!(
        harness.precompiled(),
        "an engine from Harness::engine_config"
    );
    // One with wasmtime's defaults gets it compiled, and it works the same.
    let defaults = Harness::builder().engine(epoch_engine()).build().unwrap();
    assert!(
        !defaults.precompiled(),
        "an engine with wasmtime's defaults"
    );
    assert_eq!(defaults.describe().unwrap(), harness.describe().unwrap());
    let on_demand = Harness::builder()
        .instances(InstanceAllocation::OnDemand)
        .build()
        .unwrap();
    assert!(on_demand.precompiled(), "on demand");
}

#[test]
fn a_pooled_harness_takes_a_memory_cap_above_what_a_wasm_memory_can_reach() {
    // The pool holds at most 4 GiB per slot; a larger cap (or "no cap")
    // still builds a pooled harness, as it does on demand.
    for allocation in [InstanceAllocation::default(), InstanceAllocation::OnDemand] {
        let harness = Harness::builder()
            .limits(GuestLimits::default().memory_bytes(8 << 30))
            .instances(allocation)
            .build()
            .unwrap_or_else(|e| panic!("{allocation:?}: {e}"));
        let outcome = harness
            .execute(
                &set_a(),
                one_connector("One"),
                Arc::new(MapTokens::default()),
            )
            .unwrap();
        assert_eq!(outcome.changed, ["A"], "{allocation:?}");
    }
}

#[test]
fn code_that_does_not_fit_the_engine_is_compiled_instead_and_runs_the_same() {
    // Another memory reservation changes the code wasmtime generates, so
    // it refuses the precompiled artifact: the harness compiles the
    // embedded component instead (as on a CPU the artifact does not fit).
    let mut config = Harness::engine_config();
    config.memory_reservation(1 << 30);
    let engine = wasmtime::Engine::new(&config).unwrap();
    let compiled = Harness::builder().engine(engine).build().unwrap();
    assert!(!compiled.precompiled());
    let precompiled = crate::support::harness();
    for harness in [&compiled, precompiled] {
        let store = one_connector("One");
        let outcome = harness
            .execute(&set_a(), store.clone(), Arc::new(MapTokens::default()))
            .unwrap();
        assert_eq!(
            (outcome.changed, outcome.revision_after),
            (vec!["A".to_string()], 2)
        );
    }
    assert_eq!(
        compiled.describe().unwrap(),
        precompiled.describe().unwrap()
    );
}

#[test]
fn a_component_given_to_the_harness_is_compiled() {
    let harness = Harness::from_component(connectors_update_harness::COMPONENT).unwrap();
    assert!(!harness.precompiled());
    let outcome = harness
        .execute(
            &set_a(),
            one_connector("One"),
            Arc::new(MapTokens::default()),
        )
        .unwrap();
    assert_eq!(outcome.changed, ["A"]);
    let error = Harness::from_component(b"not a component".to_vec()).unwrap_err();
    assert_eq!(error.code(), ErrorCode::LoadFailed, "{error}");
}
