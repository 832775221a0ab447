//! The action's component, as this crate was built with it.

/// The action's WebAssembly component, built from `action/` by this crate's
/// build script (`connectors-update component` writes it to a file).
pub const COMPONENT: &[u8] = include_bytes!(env!("CONNECTORS_UPDATE_COMPONENT_PATH"));
