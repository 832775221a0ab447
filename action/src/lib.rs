//! The `Connectors.Update` workflow action, compiled to a WebAssembly
//! component: this crate is the guest, and its modules are private.
//!
//! The step semantics live in plain modules that `cargo test` runs natively:
//! `step` reads the step JSON, `tokens` resolves tokens,
//! `dynamic_properties` reads the Dynamic Properties JSON, and `execute`
//! ties them together around one compare-and-set write, with the merge and
//! the kind's rules of the shared vocabulary (`connectors-update-model`,
//! which the hosts use too). `validate` and `describe` serve the designer.
//! Only the private `bindings` module knows about WebAssembly: it converts
//! between the WIT types and these modules' types, and delegates.
//!
//! A host does not link this crate: it loads the component built from it
//! (the harness, `connectors-update-harness`, embeds it). What is public
//! here is only for this workspace's fuzz target and benchmarks, hidden
//! from the documentation, and not an API. The fuzz target's body shows the
//! logic running natively: it parses, validates and executes a step against
//! a small in-memory host, and panics if an oracle breaks (a secret shown,
//! a failed step that wrote, a name changed that the outcome does not list):
//!
//! ```
//! # #[cfg(not(target_arch = "wasm32"))]
//! connectors_update_action::fuzzing::step_and_tokens(
//!     br#"{"EntryId": "c1", "Properties": [{"PropertyName": "Timeout", "PropertyValue": "30s"}]}"#,
//! );
//! ```
//!
//! The component itself is built by the harness's build script
//! (`cargo build -p connectors-update-harness`), or by hand with
//! `cargo build -p connectors-update-action --target wasm32-unknown-unknown
//! --profile wasm-release` and `wit-component`.

// The shared vocabulary, under the names the modules below use
// (`crate::model`, `crate::error`, ...): one definition, in its own crate.
#[cfg(target_arch = "wasm32")]
use connectors_update_model::builtin_kinds;
use connectors_update_model::{
    by_name, descriptor, error, limits, merge, model, property_name, rules, value_size,
};

// Parts of it only the wasm32 build's bindings call.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod describe;
// Parts of it only the wasm32 build's bindings call.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod dynamic_properties;
// Parts of it only the wasm32 build's bindings call.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod execute;
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub mod fuzzing;
mod json_depth;
mod json_duplicates;
mod shown_names;
mod step;
mod tokens;
// Parts of it only the wasm32 build's bindings call.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod validate;

#[cfg(test)]
mod redaction_tests;

// The generated bindings need `unsafe` for the canonical ABI; nothing else does.
#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
mod bindings;

// talc instead of std's dlmalloc: 7 KB less code in the component (see
// BENCHMARKS.md, "Component size"). The guest is single-threaded.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The step's logic run natively, without WebAssembly: for the benchmarks
/// that compare it with the component (`cli/benches/scale.rs`). Not an API.
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub mod native {
    pub use crate::execute::{Host, ImportedStore, execute};
    pub use crate::tokens::{ImportedTokens, TokenResolver};
}
