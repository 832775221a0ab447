//! Loading the component once and running it, one fresh wasmtime `Store` per
//! call, inside a deadline and a memory cap.

use std::sync::Arc;

use std::time::{Duration, Instant};
use wasmtime::component::{HasSelf, InstancePre, Linker};

use wasmtime::{Engine, Store, UpdateDeadline};

use crate::component::{self, Loaded};
use crate::engine_settings;
use crate::error::{Abort, HarnessError, StoreError};
use crate::execution::Execution;
use crate::exports::{Action, Exports};
use crate::guard::{EpochTicker, GuestLimits, InputLimits};
use crate::imports::{HostState, Stop};
use crate::kinds::builtin_kinds;
use crate::model::{
    Caller, Change, Connector, ConnectorSummary, Descriptor, Diagnostic, KindRules, Outcome,
    SecretString, Step, WriteMode, WriteReceipt,
};
use crate::pool::{InstanceAllocation, Slots};
use crate::store::CredentialStore;
use crate::token_sources::TokenSource;
use crate::wit::{ConnectorsUpdate, exports};

/// The loaded action: an `Engine` and a pre-instantiated component, built
/// once and shared by every call (the type is `Send + Sync`).
///
/// Every call runs in a fresh wasmtime `Store` under [`GuestLimits`]: a
/// guest that loops, grows its memory without end, panics or traps ends in a
/// [`HarnessError`], and the harness goes on serving other calls.
///
/// Every call blocks its thread until the guest returns, store and token
/// calls included. An async engine runs it on a blocking thread (for example
/// tokio's `spawn_blocking`), and stops it with a [`CancelHandle`](crate::CancelHandle).
pub struct Harness {
    engine: Engine,
    pre: InstancePre<HostState>,
    exports: Exports,
    loaded: Loaded,
    /// The pool's free slots, when the harness built a pooled engine.
    slots: Option<Slots>,
    limits: GuestLimits,
    input: InputLimits,
    kinds: Arc<Vec<KindRules>>,
    /// Why the harness fell back to a smaller reservation, if it did.
    reduced: Option<String>,
    _ticker: EpochTicker,
}

/// Whether wasmtime's words say the process could not reserve memory: the
/// kernel's ENOMEM (os error 12), however wasmtime words the step that
/// met it (a reservation, a pool, a mapping).
fn out_of_address_space(reason: &str) -> bool {
    reason.contains("os error 12")
        || reason.contains("Cannot allocate memory")
        || reason.contains("failed to reserve")
}

/// How much address space each instance's memory reserves.
#[derive(Clone, Copy)]
enum Reservation {
    /// wasmtime's default (4 GiB), with the allocation the builder chose.
    Default,
    /// Only the memory cap, each instance allocated on its own: for a
    /// process that may not reserve the default.
    MemoryCap,
}

impl std::fmt::Debug for Harness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Harness")
            .field("limits", &self.limits)
            .field("loaded", &self.loaded)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Harness`]: the component, the limits, the kinds that design
/// time lists, and the engine, each with a default.
#[derive(Debug)]
pub struct HarnessBuilder {
    /// A component to compile; `None` for the built-in one.
    component: Option<Vec<u8>>,
    limits: GuestLimits,
    kinds: Option<Vec<KindRules>>,
    engine: Option<Engine>,
    allocation: InstanceAllocation,
}

impl HarnessBuilder {
    /// Compiles and loads this `Connectors.Update` component instead of the
    /// one this crate was built with ([`COMPONENT`](crate::COMPONENT), which
    /// is precompiled and loads without compiling).
    pub fn component(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.component = Some(bytes.into());
        self
    }

    /// How each call's instance is allocated (default
    /// [`InstanceAllocation::Pooled`] with
    /// [`InstanceAllocation::DEFAULT_SLOTS`] slots, for a harness that
    /// serves many calls; a process that runs one step is quicker with
    /// [`InstanceAllocation::OnDemand`]). Ignored with an
    /// [`engine`](Self::engine) of the caller's: its allocator is the one
    /// its `Config` chose.
    pub fn instances(mut self, allocation: InstanceAllocation) -> Self {
        self.allocation = allocation;
        self
    }

    /// Runs every call under these limits (default [`GuestLimits::default`]).
    pub fn limits(mut self, limits: GuestLimits) -> Self {
        self.limits = limits;
        self
    }

    /// The kinds `describe`, `validate` and `validate_json` list when no
    /// store is given (default the built-in kinds,
    /// [`kinds::builtin_kinds`](crate::kinds::builtin_kinds)). With a store,
    /// the store's kinds are listed.
    pub fn kinds(mut self, kinds: impl IntoIterator<Item = KindRules>) -> Self {
        self.kinds = Some(kinds.into_iter().collect());
        self
    }

    /// Loads the component into the engine's own wasmtime `Engine`, to
    /// share its configuration, caches and allocator. The engine must be
    /// built with `Config::epoch_interruption(true)`: the harness's
    /// deadline and cancellation stop the guest through epochs. `build`
    /// refuses an engine without it (`load-failed`, saying so).
    ///
    /// The built-in component's precompiled code loads into an engine
    /// built from [`Harness::engine_config`] (its allocation strategy may
    /// be any); an engine with other settings (wasmtime's defaults, fuel,
    /// another memory reservation, ...) compiles the component instead,
    /// which takes about half a second, and works the same.
    ///
    /// The harness starts a thread that increments the engine's epoch
    /// every 10 ms while it lives; an engine that increments the epoch
    /// itself as well only makes the harness look at the clock more often.
    pub fn engine(mut self, engine: Engine) -> Self {
        self.engine = Some(engine);
        self
    }

    /// Loads the component (the built-in one from its precompiled code,
    /// another by compiling it) and checks that it works: `describe` is
    /// called once, which also reads the input limits it publishes.
    ///
    /// Where the process may not reserve the address space the engine's
    /// defaults ask for (4 GiB per memory, 64 such slots when pooled; under
    /// `ulimit -v`, say), the harness falls back to instances allocated on
    /// demand whose memory reserves only the memory cap, and compiles the
    /// component for that (about half a second): it works the same, and
    /// [`Harness::reduced`] says so, once, for the engine to tell its operator.
    pub fn build(self) -> Result<Harness, HarnessError> {
        match self.build_with(Reservation::Default) {
            Err(HarnessError::Load(reason))
                if self.engine.is_none() && out_of_address_space(&reason) =>
            {
                let mut harness = self.build_with(Reservation::MemoryCap)?;
                harness.reduced = Some(format!(
                    "this process may not reserve the address space the action's engine reserves by default \
                     ({reason}), so each call's instance is allocated on its own and reserves only the \
                     memory cap ({} bytes): it works the same, a little slower; raise the limit on \
                     virtual memory (`ulimit -v`) to get the default back",
                    self.limits.memory_bytes
                ));
                Ok(harness)
            }
            other => other,
        }
    }

    fn build_with(&self, reservation: Reservation) -> Result<Harness, HarnessError> {
        let load = |e: wasmtime::Error| HarnessError::Load(format!("{e:#}"));
        let given = self.engine.is_some();
        let (engine, slots) = match (&self.engine, reservation) {
            (Some(engine), _) => (engine.clone(), None),
            (None, Reservation::Default) => {
                let mut config = engine_settings::config();
                config.allocation_strategy(self.allocation.strategy(self.limits.memory_bytes));
                (Engine::new(&config).map_err(load)?, self.allocation.slots())
            }
            (None, Reservation::MemoryCap) => {
                let mut config = engine_settings::config();
                config
                    .allocation_strategy(InstanceAllocation::OnDemand.strategy(0))
                    .memory_reservation(self.limits.memory_bytes as u64)
                    .memory_reservation_for_growth(0);
                (Engine::new(&config).map_err(load)?, None)
            }
        };
        let (component, loaded) = match &self.component {
            Some(bytes) => (
                wasmtime::component::Component::new(&engine, bytes).map_err(load)?,
                Loaded::Compiled { because: None },
            ),
            None => component::builtin(&engine).map_err(load)?,
        };
        let mut linker = Linker::new(&engine);
        ConnectorsUpdate::add_to_linker::<HostState, HasSelf<HostState>>(&mut linker, |state| {
            state
        })
        .map_err(load)?;
        let pre = linker.instantiate_pre(&component).map_err(load)?;
        let exports = Exports::new(&component).map_err(load)?;
        let ticker = EpochTicker::start(&engine)
            .map_err(|e| HarnessError::Load(format!("cannot start the deadline timer: {e}")))?;
        let mut harness = Harness {
            engine,
            pre,
            exports,
            loaded,
            slots,
            limits: self.limits,
            input: InputLimits::default(),
            kinds: Arc::new(
                self.kinds
                    .clone()
                    .unwrap_or_else(|| builtin_kinds().to_vec()),
            ),
            reduced: None,
            _ticker: ticker,
        };
        if given && !harness.interrupts() {
            return Err(HarnessError::Load(
                "the engine given to the harness was built without epoch interruption, so no deadline or \
                 cancellation could stop the action: build it from a wasmtime::Config with \
                 epoch_interruption(true)"
                    .into(),
            ));
        }
        // Every export's type, checked once: a component of another shape is
        // refused here. Each call then checks only the export it calls.
        let mut store = Store::new(&harness.engine, harness.design_time());
        store.set_epoch_deadline(100);
        harness
            .exports
            .check(&harness.pre, &mut store)
            .map_err(load)?;
        drop(store);
        harness.input = InputLimits::from_descriptor(&harness.describe()?);
        Ok(harness)
    }
}

impl Harness {
    /// Loads the component this crate was built with
    /// ([`COMPONENT`](crate::COMPONENT)) from the machine code its build
    /// compiled it to, with the default limits, the built-in kinds, and an
    /// engine of its own with pooled instances.
    pub fn new() -> Result<Self, HarnessError> {
        Self::builder().build()
    }

    /// Compiles and loads another `Connectors.Update` component, with the
    /// defaults of [`new`](Self::new).
    pub fn from_component(bytes: impl Into<Vec<u8>>) -> Result<Self, HarnessError> {
        Self::builder().component(bytes).build()
    }

    /// A builder, to give the harness limits, kinds, an engine or how it
    /// allocates instances.
    pub fn builder() -> HarnessBuilder {
        HarnessBuilder {
            component: None,
            limits: GuestLimits::default(),
            kinds: None,
            engine: None,
            allocation: InstanceAllocation::default(),
        }
    }

    /// Whether the component was loaded from the machine code this crate's
    /// build compiled it to, so that building the harness compiled nothing.
    /// False for a component given to the builder, and for the built-in
    /// one when the engine's settings or this machine's CPU did not fit
    /// that code (see [`HarnessBuilder::engine`]); the harness then
    /// compiled it, and works the same.
    pub fn precompiled(&self) -> bool {
        self.loaded == Loaded::Precompiled
    }

    /// The wasmtime settings the built-in component was precompiled with:
    /// an engine that brings its own `Engine` ([`HarnessBuilder::engine`])
    /// builds it from this `Config` (adding its allocation strategy, or
    /// anything that does not change the compiled code), and the harness
    /// then loads the precompiled code instead of compiling.
    ///
    /// It is epoch interruption, and bounds checks in the code instead of
    /// guard pages and signal handlers (`signals_based_traps(false)`,
    /// `memory_guard_size(0)`), which spare every pooled call two
    /// `mprotect`s; the rest is wasmtime's default. In this mode wasmtime
    /// turns off the Spectre hardening of bounds checks: harmless for this
    /// action, whose world gives the guest no timer, but an engine that
    /// wants it gives the harness an engine built from
    /// `wasmtime::Config::new()` with epoch interruption, and the
    /// component is compiled at start instead.
    pub fn engine_config() -> wasmtime::Config {
        engine_settings::config()
    }

    /// Why this harness runs with less address space than it would by
    /// default, if it does: `Some` when the process could not reserve the
    /// default (see [`HarnessBuilder::build`]), for the engine to tell its
    /// operator once. Calls work the same either way.
    pub fn reduced(&self) -> Option<&str> {
        self.reduced.as_deref()
    }

    /// The wasmtime engine the component was compiled with.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The limits every call runs under.
    pub fn limits(&self) -> GuestLimits {
        self.limits
    }

    /// Whether the engine's code checks its epoch: a call whose deadline
    /// has already passed must be interrupted at its first check.
    fn interrupts(&self) -> bool {
        let mut state = self.design_time();
        state.deadline = Instant::now();
        let mut store = Store::new(&self.engine, state);
        store.set_epoch_deadline(0);
        store.epoch_deadline_trap();
        let result = self
            .exports
            .instantiate(&self.pre, &mut store)
            .and_then(|action| action.describe(&mut store));
        match result {
            Err(error) => matches!(
                error.downcast_ref::<wasmtime::Trap>(),
                Some(wasmtime::Trap::Interrupt)
            ),
            Ok(_) => false,
        }
    }

    /// Runs `call` on a fresh instance, and explains how it ended if it did
    /// not return: deadline, cancellation, memory cap, panic, host failure
    /// or trap.
    fn call<T>(
        &self,
        mut state: HostState,
        call: impl FnOnce(&mut Store<HostState>, &Action<'_>) -> wasmtime::Result<T>,
    ) -> Result<T, HarnessError> {
        let allowed = state.allowed;
        // A pooled harness runs as many calls at once as it has slots; one
        // more waits for a slot rather than failing to instantiate.
        let _slot = match &self.slots {
            Some(slots) => match slots.take(|| state.must_stop()) {
                Ok(slot) => Some(slot),
                Err(stop) => return Err(stopped_waiting(stop, allowed)),
            },
            None => None,
        };
        let mut store = Store::new(&self.engine, state);
        store.limiter(|state| &mut state.limiter);
        // The deadline is the wall clock's, not a count of ticks: whoever
        // increments the engine's epoch, the callback only looks at the
        // clock and the cancellation flag.
        store.set_epoch_deadline(1);
        store.epoch_deadline_callback(|mut context| match context.data_mut().must_stop() {
            Some(_) => Ok(UpdateDeadline::Interrupt),
            None => Ok(UpdateDeadline::Continue(1)),
        });
        let result = self
            .exports
            .instantiate(&self.pre, &mut store)
            .and_then(|action| call(&mut store, &action));
        result.map_err(|error| self.aborted(store.data(), &error, allowed))
    }

    fn aborted(
        &self,
        state: &HostState,
        error: &wasmtime::Error,
        allowed: Duration,
    ) -> HarnessError {
        let reason = if let Some(import) = state.host_failure {
            Abort::HostPanicked { import }
        } else if state.limiter.exceeded {
            Abort::MemoryExceeded {
                limit_bytes: state.limiter.memory_bytes,
            }
        } else if let Some(stop) = state.stopped {
            stop.abort(allowed)
        } else {
            match error.downcast_ref::<wasmtime::Trap>() {
                Some(wasmtime::Trap::Interrupt) => Abort::TimedOut { after: allowed },
                Some(wasmtime::Trap::UnreachableCodeReached) => Abort::Panicked,
                _ => Abort::Trap(format!("{error:#}")),
            }
        };
        HarnessError::Aborted {
            reason,
            committed: state.committed,
        }
    }

    fn design_time(&self) -> HostState {
        self.design_time_with(self.design_store())
    }

    /// The store behind design-time calls when none is given.
    fn design_store(&self) -> Arc<dyn CredentialStore> {
        Arc::new(DesignTime {
            kinds: self.kinds.clone(),
        })
    }

    /// Design time against `store`: only its kinds are asked for.
    fn design_time_with(&self, store: Arc<dyn CredentialStore>) -> HostState {
        HostState::new(
            store,
            Arc::new(DesignTime {
                kinds: self.kinds.clone(),
            }),
            Caller::anonymous(),
            self.limits.memory_bytes,
            self.limits.deadline,
        )
    }

    /// The action's descriptor: parameters, outputs, limits, token syntax,
    /// and the harness's built-in kinds with their rules.
    pub fn describe(&self) -> Result<Descriptor, HarnessError> {
        self.describe_with(self.design_store())
    }

    /// The action's descriptor, listing the kinds `store` declares.
    pub fn describe_with(
        &self,
        store: Arc<dyn CredentialStore>,
    ) -> Result<Descriptor, HarnessError> {
        self.call(self.design_time_with(store), |store, action| {
            action.describe(store)
        })?
        .map(Into::into)
        .map_err(|e| HarnessError::Action(e.into()))
    }

    /// Reads a step in the platform's step JSON format, as the action does.
    pub fn parse_step(&self, json: &str) -> Result<Step, HarnessError> {
        let json = self.input.stand_in_json(json);
        self.call(self.design_time(), |store, action| {
            action.parse_step(store, &json)
        })?
        .map(Into::into)
        .map_err(|e| HarnessError::Action(e.into()))
    }

    /// Design-time diagnostics for a step's JSON text, as a designer holds
    /// it: every problem [`parse_step`](Self::parse_step) would refuse (unknown
    /// keys, wrong types, a bad `MergeMode`, malformed JSON) beside every one
    /// [`validate`](Self::validate) finds, in one pass. Reads no connector and no
    /// token; warns about names the built-in kinds deprecate or require.
    pub fn validate_json(&self, json: &str) -> Result<Vec<Diagnostic>, HarnessError> {
        self.validate_json_with(json, self.design_store())
    }

    /// [`validate_json`](Self::validate_json) with the kinds of `store`.
    pub fn validate_json_with(
        &self,
        json: &str,
        store: Arc<dyn CredentialStore>,
    ) -> Result<Vec<Diagnostic>, HarnessError> {
        let json = self.input.stand_in_json(json);
        self.call(self.design_time_with(store), |store, action| {
            action.validate_json(store, &json)
        })
        .map(|found| found.into_iter().map(Into::into).collect())
    }

    /// Design-time diagnostics for a step; reads no connector and no token,
    /// and warns about names the built-in kinds deprecate.
    pub fn validate(&self, step: &Step) -> Result<Vec<Diagnostic>, HarnessError> {
        self.validate_with(step, self.design_store())
    }

    /// Design-time diagnostics for a step, warning about names the kinds of
    /// `store` deprecate; reads no connector and no token.
    pub fn validate_with(
        &self,
        step: &Step,
        store: Arc<dyn CredentialStore>,
    ) -> Result<Vec<Diagnostic>, HarnessError> {
        let step = exports::Step::from(&*self.input.stand_in(step));
        self.call(self.design_time_with(store), |store, action| {
            action.validate(store, &step)
        })
        .map(|found| found.into_iter().map(Into::into).collect())
    }

    /// Runs a step against `store`, resolving tokens from `tokens`, for an
    /// anonymous caller.
    pub fn execute(
        &self,
        step: &Step,
        store: Arc<dyn CredentialStore>,
        tokens: Arc<dyn TokenSource>,
    ) -> Result<Outcome, HarnessError> {
        self.execute_as(&Caller::anonymous(), step, store, tokens)
    }

    /// Runs a step for `caller`: every store call names them, so the store
    /// can refuse with `permission-denied`.
    pub fn execute_as(
        &self,
        caller: &Caller,
        step: &Step,
        store: Arc<dyn CredentialStore>,
        tokens: Arc<dyn TokenSource>,
    ) -> Result<Outcome, HarnessError> {
        self.execute_with(
            &Execution::new().caller(caller.clone()),
            step,
            store,
            tokens,
        )
    }

    /// Runs a step with these options: its caller, a deadline, a
    /// [`CancelHandle`](crate::CancelHandle).
    ///
    /// A step larger than the action's input limits is never copied into the
    /// guest: the guest gets a small stand-in that crosses the same limit,
    /// and so reports the same `limit-exceeded` error at once.
    ///
    /// A step that ends in `timed-out` or `cancelled` may have committed its
    /// write already (it is whole either way); the error's `committed` says
    /// so, and [`HarnessError::is_retryable`] is then false.
    pub fn execute_with(
        &self,
        options: &Execution,
        step: &Step,
        store: Arc<dyn CredentialStore>,
        tokens: Arc<dyn TokenSource>,
    ) -> Result<Outcome, HarnessError> {
        let allowed = options
            .deadline
            .map_or(self.limits.deadline, |d| d.min(self.limits.deadline));
        let mut state = HostState::new(
            store,
            tokens,
            options.caller.clone(),
            self.limits.memory_bytes,
            allowed,
        );
        state.cancel = options.cancel.clone();
        state.queue_until(state.deadline);
        let step = exports::Step::from(&*self.input.stand_in(step));
        self.call(state, |store, action| action.execute(store, &step))?
            .map(Into::into)
            .map_err(|e| HarnessError::Action(e.into()))
    }
}

/// How a call ended that never got a slot: it never ran, so it committed
/// nothing.
fn stopped_waiting(stop: Stop, allowed: Duration) -> HarnessError {
    HarnessError::Aborted {
        reason: stop.abort(allowed),
        committed: None,
    }
}

/// The imports behind `describe`, `validate` and `parse-step` when no store
/// is given: the harness's kinds, and nothing else.
struct DesignTime {
    kinds: Arc<Vec<KindRules>>,
}

const DESIGN_TIME: &str = "the store is not available at design time";

impl CredentialStore for DesignTime {
    fn get(&self, _: &Caller, _: &str) -> Result<Connector, StoreError> {
        Err(StoreError::Unavailable(DESIGN_TIME.into()))
    }
    fn find_by_name(&self, _: &Caller, _: &str) -> Result<Vec<ConnectorSummary>, StoreError> {
        Err(StoreError::Unavailable(DESIGN_TIME.into()))
    }
    fn rules(&self, _: &Caller, _: &str) -> Result<Option<KindRules>, StoreError> {
        Err(StoreError::Unavailable(DESIGN_TIME.into()))
    }
    fn kinds(&self, _: &Caller) -> Result<Vec<KindRules>, StoreError> {
        Ok(self.kinds.to_vec())
    }
    fn write(
        &self,
        _: &Caller,
        _: &str,
        _: u64,
        _: &[Change],
        _: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        Err(StoreError::Unavailable(DESIGN_TIME.into()))
    }
}

impl TokenSource for DesignTime {
    fn resolve(&self, _: Option<&str>, _: &str) -> Result<Option<SecretString>, StoreError> {
        Err(StoreError::Unavailable(DESIGN_TIME.into()))
    }
}

// Engines share one harness between threads.
const _: fn() = || {
    fn is_send_sync<T: Send + Sync>() {}
    is_send_sync::<Harness>();
};
