//! Loading the component once and running it, one fresh wasmtime `Store` per call.

use std::sync::Arc;

use wasmtime::component::{Component, HasSelf, Linker};
use wasmtime::{Engine, Store};

use crate::bindings::{
    ConnectorsUpdate, ConnectorsUpdatePre, Descriptor, Diagnostic, HostState, Outcome,
    step_from_wit, step_to_wit,
};
use crate::error::{HarnessError, StoreError};
use crate::model::Step;
use crate::store::{CredentialStore, TokenSource};
use crate::{COMPONENT, ConnectorSummary, KindRules, WriteMode, WriteReceipt};

/// The loaded action: an `Engine` and a pre-instantiated component, built
/// once and shared by every call (the type is `Send + Sync`).
pub struct Harness {
    engine: Engine,
    pre: ConnectorsUpdatePre<HostState>,
}

impl std::fmt::Debug for Harness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Harness").finish_non_exhaustive()
    }
}

impl Harness {
    /// Loads the component this crate was built with ([`COMPONENT`]).
    pub fn new() -> Result<Self, HarnessError> {
        Self::from_component(COMPONENT)
    }

    /// Loads a `Connectors.Update` component from its bytes.
    pub fn from_component(bytes: &[u8]) -> Result<Self, HarnessError> {
        let load = |e: wasmtime::Error| HarnessError::Load(format!("{e:#}"));
        let engine = Engine::default();
        let component = Component::new(&engine, bytes).map_err(load)?;
        let mut linker = Linker::new(&engine);
        ConnectorsUpdate::add_to_linker::<HostState, HasSelf<HostState>>(&mut linker, |state| {
            state
        })
        .map_err(load)?;
        let pre = linker.instantiate_pre(&component).map_err(load)?;
        let pre = ConnectorsUpdatePre::new(pre).map_err(load)?;
        Ok(Harness { engine, pre })
    }

    /// The wasmtime engine the component was compiled with.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    fn instantiate(
        &self,
        state: HostState,
    ) -> Result<(Store<HostState>, ConnectorsUpdate), HarnessError> {
        let mut store = Store::new(&self.engine, state);
        let instance = self
            .pre
            .instantiate(&mut store)
            .map_err(|e| HarnessError::Load(format!("{e:#}")))?;
        Ok((store, instance))
    }

    fn design_time(&self) -> Result<(Store<HostState>, ConnectorsUpdate), HarnessError> {
        self.instantiate(HostState {
            store: Arc::new(DesignTime),
            tokens: Arc::new(DesignTime),
        })
    }

    /// The action's descriptor: parameters, outputs, limits, token syntax.
    pub fn describe(&self) -> Result<Descriptor, HarnessError> {
        let (mut store, instance) = self.design_time()?;
        instance
            .workflow_connectors_action()
            .call_describe(&mut store)
            .map_err(trap)
    }

    /// Reads a step in the platform's step JSON format, as the action does.
    pub fn parse_step(&self, json: &str) -> Result<Step, HarnessError> {
        let (mut store, instance) = self.design_time()?;
        instance
            .workflow_connectors_action()
            .call_parse_step(&mut store, json)
            .map_err(trap)?
            .map(step_from_wit)
            .map_err(HarnessError::Action)
    }

    /// Design-time diagnostics for a step; reads no store and no token.
    pub fn validate(&self, step: &Step) -> Result<Vec<Diagnostic>, HarnessError> {
        let (mut store, instance) = self.design_time()?;
        instance
            .workflow_connectors_action()
            .call_validate(&mut store, &step_to_wit(step))
            .map_err(trap)
    }

    /// Runs a step against `store`, resolving tokens from `tokens`.
    pub fn execute(
        &self,
        step: &Step,
        store: Arc<dyn CredentialStore>,
        tokens: Arc<dyn TokenSource>,
    ) -> Result<Outcome, HarnessError> {
        let (mut wasm_store, instance) = self.instantiate(HostState { store, tokens })?;
        instance
            .workflow_connectors_action()
            .call_execute(&mut wasm_store, &step_to_wit(step))
            .map_err(trap)?
            .map_err(HarnessError::Action)
    }
}

fn trap(error: wasmtime::Error) -> HarnessError {
    HarnessError::Trap(format!("{error:#}"))
}

/// The imports behind `describe`, `validate` and `parse-step`, which must not use them.
struct DesignTime;

const DESIGN_TIME: &str = "the store is not available at design time";

impl CredentialStore for DesignTime {
    fn get(&self, _: &str) -> Result<crate::Connector, StoreError> {
        Err(StoreError::Unavailable(DESIGN_TIME.into()))
    }
    fn find_by_name(&self, _: &str) -> Result<Vec<ConnectorSummary>, StoreError> {
        Err(StoreError::Unavailable(DESIGN_TIME.into()))
    }
    fn rules(&self, _: &str) -> Option<KindRules> {
        None
    }
    fn write(
        &self,
        _: &str,
        _: u64,
        _: &[crate::Change],
        _: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        Err(StoreError::Unavailable(DESIGN_TIME.into()))
    }
}

impl TokenSource for DesignTime {
    fn resolve(&self, _: Option<&str>, _: &str) -> Result<Option<String>, StoreError> {
        Err(StoreError::Unavailable(DESIGN_TIME.into()))
    }
}

// Engines share one harness between threads.
const _: fn() = || {
    fn is_send_sync<T: Send + Sync>() {}
    is_send_sync::<Harness>();
};
