//! Loading the component once and running it, one fresh wasmtime `Store` per
//! call, inside a deadline and a memory cap.

use std::sync::Arc;

use wasmtime::component::{HasSelf, Linker};
use wasmtime::{Config, Engine, Store};

use crate::COMPONENT;
use crate::error::{Abort, HarnessError, StoreError};
use crate::guard::{EpochTicker, GuestLimits, InputLimits};
use crate::imports::HostState;
use crate::kinds::builtin_kinds;
use crate::model::{
    Caller, Change, Connector, ConnectorSummary, Descriptor, Diagnostic, KindRules, Outcome,
    SecretString, Step, WriteMode, WriteReceipt,
};
use crate::store::{CredentialStore, TokenSource};
use crate::wit::{ConnectorsUpdate, ConnectorsUpdatePre, exports};

/// The loaded action: an `Engine` and a pre-instantiated component, built
/// once and shared by every call (the type is `Send + Sync`).
///
/// Every call runs in a fresh wasmtime `Store` under [`GuestLimits`]: a
/// guest that loops, grows its memory without end, panics or traps ends in a
/// [`HarnessError`], and the harness goes on serving other calls.
pub struct Harness {
    engine: Engine,
    pre: ConnectorsUpdatePre<HostState>,
    limits: GuestLimits,
    input: InputLimits,
    _ticker: EpochTicker,
}

impl std::fmt::Debug for Harness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Harness")
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl Harness {
    /// Loads the component this crate was built with ([`COMPONENT`]), with
    /// the default [`GuestLimits`].
    pub fn new() -> Result<Self, HarnessError> {
        Self::with_limits(COMPONENT, GuestLimits::default())
    }

    /// Loads a `Connectors.Update` component from its bytes, with the default [`GuestLimits`].
    pub fn from_component(bytes: &[u8]) -> Result<Self, HarnessError> {
        Self::with_limits(bytes, GuestLimits::default())
    }

    /// Loads a `Connectors.Update` component from its bytes, with these limits.
    pub fn with_limits(bytes: &[u8], limits: GuestLimits) -> Result<Self, HarnessError> {
        let load = |e: wasmtime::Error| HarnessError::Load(format!("{e:#}"));
        let mut config = Config::new();
        config.epoch_interruption(true);
        let engine = Engine::new(&config).map_err(load)?;
        let component = wasmtime::component::Component::new(&engine, bytes).map_err(load)?;
        let mut linker = Linker::new(&engine);
        ConnectorsUpdate::add_to_linker::<HostState, HasSelf<HostState>>(&mut linker, |state| {
            state
        })
        .map_err(load)?;
        let pre = linker.instantiate_pre(&component).map_err(load)?;
        let pre = ConnectorsUpdatePre::new(pre).map_err(load)?;
        let ticker = EpochTicker::start(&engine)
            .map_err(|e| HarnessError::Load(format!("cannot start the deadline timer: {e}")))?;
        let mut harness = Harness {
            engine,
            pre,
            limits,
            input: InputLimits::default(),
            _ticker: ticker,
        };
        harness.input = InputLimits::from_descriptor(&harness.describe()?);
        Ok(harness)
    }

    /// The wasmtime engine the component was compiled with.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The limits every call runs under.
    pub fn limits(&self) -> GuestLimits {
        self.limits
    }

    /// Runs `call` on a fresh instance, and explains how it ended if it did
    /// not return: deadline, memory cap, panic, host failure or trap.
    fn call<T>(
        &self,
        state: HostState,
        call: impl FnOnce(&mut Store<HostState>, &ConnectorsUpdate) -> wasmtime::Result<T>,
    ) -> Result<T, HarnessError> {
        let mut store = Store::new(&self.engine, state);
        store.limiter(|state| &mut state.limiter);
        store.set_epoch_deadline(self.limits.deadline_ticks());
        store.epoch_deadline_trap();
        let result = self
            .pre
            .instantiate(&mut store)
            .and_then(|instance| call(&mut store, &instance));
        result.map_err(|error| self.aborted(store.data(), &error))
    }

    fn aborted(&self, state: &HostState, error: &wasmtime::Error) -> HarnessError {
        let reason = if let Some(import) = state.host_failure {
            Abort::HostPanicked { import }
        } else if state.limiter.exceeded {
            Abort::MemoryExceeded {
                limit_bytes: state.limiter.memory_bytes,
            }
        } else {
            match error.downcast_ref::<wasmtime::Trap>() {
                Some(wasmtime::Trap::Interrupt) => Abort::TimedOut {
                    after: self.limits.deadline,
                },
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
        self.design_time_with(Arc::new(DesignTime))
    }

    /// Design time against `store`: only its kinds are asked for.
    fn design_time_with(&self, store: Arc<dyn CredentialStore>) -> HostState {
        HostState::new(
            store,
            Arc::new(DesignTime),
            Caller::anonymous(),
            self.limits.memory_bytes,
        )
    }

    /// The action's descriptor: parameters, outputs, limits, token syntax,
    /// and the harness's built-in kinds with their rules.
    pub fn describe(&self) -> Result<Descriptor, HarnessError> {
        self.describe_with(Arc::new(DesignTime))
    }

    /// The action's descriptor, listing the kinds `store` declares.
    pub fn describe_with(
        &self,
        store: Arc<dyn CredentialStore>,
    ) -> Result<Descriptor, HarnessError> {
        self.call(self.design_time_with(store), |store, instance| {
            instance.workflow_connectors_action().call_describe(store)
        })?
        .map(Into::into)
        .map_err(|e| HarnessError::Action(e.into()))
    }

    /// Reads a step in the platform's step JSON format, as the action does.
    pub fn parse_step(&self, json: &str) -> Result<Step, HarnessError> {
        let json = self.input.stand_in_json(json);
        self.call(self.design_time(), |store, instance| {
            instance
                .workflow_connectors_action()
                .call_parse_step(store, &json)
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
        self.validate_json_with(json, Arc::new(DesignTime))
    }

    /// [`validate_json`](Self::validate_json) with the kinds of `store`.
    pub fn validate_json_with(
        &self,
        json: &str,
        store: Arc<dyn CredentialStore>,
    ) -> Result<Vec<Diagnostic>, HarnessError> {
        let json = self.input.stand_in_json(json);
        self.call(self.design_time_with(store), |store, instance| {
            instance
                .workflow_connectors_action()
                .call_validate_json(store, &json)
        })
        .map(|found| found.into_iter().map(Into::into).collect())
    }

    /// Design-time diagnostics for a step; reads no connector and no token,
    /// and warns about names the built-in kinds deprecate.
    pub fn validate(&self, step: &Step) -> Result<Vec<Diagnostic>, HarnessError> {
        self.validate_with(step, Arc::new(DesignTime))
    }

    /// Design-time diagnostics for a step, warning about names the kinds of
    /// `store` deprecate; reads no connector and no token.
    pub fn validate_with(
        &self,
        step: &Step,
        store: Arc<dyn CredentialStore>,
    ) -> Result<Vec<Diagnostic>, HarnessError> {
        let step = exports::Step::from(&*self.input.stand_in(step));
        self.call(self.design_time_with(store), |store, instance| {
            instance
                .workflow_connectors_action()
                .call_validate(store, &step)
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
    ///
    /// A step larger than the action's input limits is never copied into the
    /// guest: the guest gets a small stand-in that crosses the same limit,
    /// and so reports the same `limit-exceeded` error at once.
    pub fn execute_as(
        &self,
        caller: &Caller,
        step: &Step,
        store: Arc<dyn CredentialStore>,
        tokens: Arc<dyn TokenSource>,
    ) -> Result<Outcome, HarnessError> {
        let mut state = HostState::new(store, tokens, caller.clone(), self.limits.memory_bytes);
        state.queue_until(std::time::Instant::now() + self.limits.deadline);
        let step = exports::Step::from(&*self.input.stand_in(step));
        self.call(state, |store, instance| {
            instance
                .workflow_connectors_action()
                .call_execute(store, &step)
        })?
        .map(Into::into)
        .map_err(|e| HarnessError::Action(e.into()))
    }
}

/// The imports behind `describe`, `validate` and `parse-step` when no store
/// is given: the built-in kinds, and nothing else.
struct DesignTime;

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
        Ok(builtin_kinds().to_vec())
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
