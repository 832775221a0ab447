//! The action's component, as this crate was built with it: the `.wasm`,
//! and the machine code the build script compiled it to.

use wasmtime::Engine;
use wasmtime::component::Component;

/// The action's WebAssembly component, built from `action/` by this crate's
/// build script (`connectors-update component` writes it to a file).
pub const COMPONENT: &[u8] = include_bytes!(env!("CONNECTORS_UPDATE_COMPONENT_PATH"));

/// [`COMPONENT`] compiled by the build script with wasmtime, for the build
/// target's baseline CPU and with `engine_settings`; empty when wasmtime
/// could not compile for the target.
const PRECOMPILED: &[u8] = include_bytes!(env!("CONNECTORS_UPDATE_PRECOMPILED_PATH"));

/// How the harness got its compiled component.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Loaded {
    /// From the build's precompiled artifact: nothing was compiled.
    Precompiled,
    /// Compiled when the harness was built: a component given to the
    /// builder, or the built-in one when the artifact did not fit (the
    /// reason wasmtime gave).
    Compiled { because: Option<String> },
}

/// The built-in component for `engine`: the precompiled artifact when it
/// fits the engine and this machine, compiled from [`COMPONENT`] otherwise.
pub(crate) fn builtin(engine: &Engine) -> wasmtime::Result<(Component, Loaded)> {
    match precompiled(engine) {
        Ok(component) => Ok((component, Loaded::Precompiled)),
        Err(e) => Ok((
            Component::new(engine, COMPONENT)?,
            Loaded::Compiled {
                because: Some(format!("{e:#}")),
            },
        )),
    }
}

fn precompiled(engine: &Engine) -> wasmtime::Result<Component> {
    if PRECOMPILED.is_empty() {
        wasmtime::bail!("this build has no precompiled component for its target");
    }
    // SAFETY: `Component::deserialize` runs the machine code in the bytes it
    // is given, so they must come from wasmtime's own `precompile_component`
    // and be unmodified. These are: the build script of this very crate
    // compiled them from `COMPONENT` and they are embedded in the binary,
    // read-only, by `include_bytes!`. An artifact from another wasmtime
    // version, other engine settings or a CPU without the features it was
    // compiled for is refused by wasmtime's checks with an error (the
    // caller then compiles `COMPONENT`), never run.
    #[allow(unsafe_code)]
    let component = unsafe { Component::deserialize(engine, PRECOMPILED) }?;
    Ok(component)
}
