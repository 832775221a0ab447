//! The action's exports, found by index once per harness and type-checked
//! one at a time, when called.
//!
//! wasmtime's generated `ConnectorsUpdatePre::instantiate` type-checks all
//! five exports against their Rust types on every instance it makes, a
//! walk over every record and variant of the WIT, field name by field name.
//! The harness makes an instance per call and calls one export on it, so it
//! checks only that one. The whole world is still checked once, when the
//! harness is built (`ConnectorsUpdatePre::new`), so a component of another
//! shape is refused there with wasmtime's message.

use wasmtime::Store;
use wasmtime::component::{
    Component, ComponentExportIndex, ComponentNamedList, Instance, InstancePre, Lift, Lower,
};

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
    pub(crate) fn describe(
        &self,
        store: &mut Store<HostState>,
    ) -> wasmtime::Result<Result<Descriptor, ActionError>> {
        self.call(store, &self.exports.describe, ())
    }

    pub(crate) fn parse_step(
        &self,
        store: &mut Store<HostState>,
        json: &str,
    ) -> wasmtime::Result<Result<Step, ActionError>> {
        self.call(store, &self.exports.parse_step, (json,))
    }

    pub(crate) fn validate_json(
        &self,
        store: &mut Store<HostState>,
        json: &str,
    ) -> wasmtime::Result<Vec<Diagnostic>> {
        self.call(store, &self.exports.validate_json, (json,))
    }

    pub(crate) fn validate(
        &self,
        store: &mut Store<HostState>,
        step: &Step,
    ) -> wasmtime::Result<Vec<Diagnostic>> {
        self.call(store, &self.exports.validate, (step,))
    }

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
