//! The action's exports, found by index once per harness and type-checked
//! one at a time, when called.
//!
//! wasmtime's generated `ConnectorsUpdatePre::instantiate` type-checks all
//! five exports against their Rust types on every instance it makes, a
//! walk over every record and variant of the WIT, field name by field name.
//! The harness makes an instance per call and calls one export on it, so it
//! checks only that one. All five are checked once, when the harness is
//! built ([`Exports::check`]), so that a component of another shape is
//! refused there with wasmtime's message, not at its first call.

use wasmtime::Store;
use wasmtime::component::{
    Component, ComponentExportIndex, ComponentNamedList, Instance, InstancePre, Lift, Lower,
};
use wasmtime::error::Context;

use crate::imports::HostState;
use crate::wit::exports::{ActionError, Descriptor, Diagnostic, Outcome, Step};

/// The interface the component exports the action as (`wit/action.wit`,
/// in the package `wit/world.wit` names).
const INTERFACE: &str = "workflow:connectors/action@0.2.0";

/// Where each of the action's functions is in the component.
#[derive(Clone, Debug)]
pub(crate) struct Exports {
    describe: ComponentExportIndex,
    parse_step: ComponentExportIndex,
    validate_json: ComponentExportIndex,
    validate: ComponentExportIndex,
    execute: ComponentExportIndex,
}

impl Exports {
    /// The indices of the action's functions in `component`.
    pub(crate) fn new(component: &Component) -> wasmtime::Result<Self> {
        let interface = component
            .get_export_index(None, INTERFACE)
            .ok_or_else(|| wasmtime::format_err!("the component exports no `{INTERFACE}`"))?;
        let function = |name: &str| {
            component
                .get_export_index(Some(&interface), name)
                .ok_or_else(|| wasmtime::format_err!("`{INTERFACE}` has no function `{name}`"))
        };
        Ok(Exports {
            describe: function("describe")?,
            parse_step: function("parse-step")?,
            validate_json: function("validate-json")?,
            validate: function("validate")?,
            execute: function("execute")?,
        })
    }

    /// Checks, on one instance in `store`, that every export has the type
    /// the harness calls it with.
    pub(crate) fn check(
        &self,
        pre: &InstancePre<HostState>,
        store: &mut Store<HostState>,
    ) -> wasmtime::Result<()> {
        let instance = pre.instantiate(&mut *store)?;
        let context = |name: &str| format!("the export `{name}` of `{INTERFACE}`");
        instance
            .get_typed_func::<(), (Result<Descriptor, ActionError>,)>(&mut *store, &self.describe)
            .with_context(|| context("describe"))?;
        instance
            .get_typed_func::<(&str,), (Result<Step, ActionError>,)>(&mut *store, &self.parse_step)
            .with_context(|| context("parse-step"))?;
        instance
            .get_typed_func::<(&str,), (Vec<Diagnostic>,)>(&mut *store, &self.validate_json)
            .with_context(|| context("validate-json"))?;
        instance
            .get_typed_func::<(&Step,), (Vec<Diagnostic>,)>(&mut *store, &self.validate)
            .with_context(|| context("validate"))?;
        instance
            .get_typed_func::<(&Step,), (Result<Outcome, ActionError>,)>(&mut *store, &self.execute)
            .with_context(|| context("execute"))?;
        Ok(())
    }

    /// A new instance of the action in `store`.
    pub(crate) fn instantiate<'a>(
        &'a self,
        pre: &InstancePre<HostState>,
        store: &mut Store<HostState>,
    ) -> wasmtime::Result<Action<'a>> {
        Ok(Action {
            exports: self,
            instance: pre.instantiate(store)?,
        })
    }
}

/// One instance of the action: each method calls one export, checking its
/// type first. An `Err` is wasmtime's (a trap, an interrupt, a host import
/// that failed); the `Result` inside it is the action's own answer.
pub(crate) struct Action<'a> {
    exports: &'a Exports,
    instance: Instance,
}

impl Action<'_> {
    /// `describe`: the descriptor, with the store's kinds.
    pub(crate) fn describe(
        &self,
        store: &mut Store<HostState>,
    ) -> wasmtime::Result<Result<Descriptor, ActionError>> {
        self.call(store, &self.exports.describe, ())
    }

    /// `parse-step`: the step read from the platform's JSON.
    pub(crate) fn parse_step(
        &self,
        store: &mut Store<HostState>,
        json: &str,
    ) -> wasmtime::Result<Result<Step, ActionError>> {
        self.call(store, &self.exports.parse_step, (json,))
    }

    /// `validate-json`: the diagnostics for a step's JSON text.
    pub(crate) fn validate_json(
        &self,
        store: &mut Store<HostState>,
        json: &str,
    ) -> wasmtime::Result<Vec<Diagnostic>> {
        self.call(store, &self.exports.validate_json, (json,))
    }

    /// `validate`: the diagnostics for a step.
    pub(crate) fn validate(
        &self,
        store: &mut Store<HostState>,
        step: &Step,
    ) -> wasmtime::Result<Vec<Diagnostic>> {
        self.call(store, &self.exports.validate, (step,))
    }

    /// `execute`: the step run against the store.
    pub(crate) fn execute(
        &self,
        store: &mut Store<HostState>,
        step: &Step,
    ) -> wasmtime::Result<Result<Outcome, ActionError>> {
        self.call(store, &self.exports.execute, (step,))
    }

    fn call<P, R>(
        &self,
        store: &mut Store<HostState>,
        function: &ComponentExportIndex,
        params: P,
    ) -> wasmtime::Result<R>
    where
        P: ComponentNamedList + Lower,
        (R,): ComponentNamedList + Lift,
    {
        let function = self
            .instance
            .get_typed_func::<P, (R,)>(&mut *store, function)?;
        let (result,) = function.call(&mut *store, params)?;
        Ok(result)
    }
}
