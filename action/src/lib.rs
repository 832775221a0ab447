//! The `Connectors.Update` workflow action.
//!
//! The step semantics live in plain modules that `cargo test` runs natively:
//! [`step`] reads the step JSON, [`tokens`] resolves tokens,
//! [`dynamic_properties`] reads the Dynamic Properties JSON, [`merge`] merges
//! the parameters over the stored connector, [`rules`] (with [`formats`] and
//! [`json_rules`]) checks the kind's rules
//! and [`execute`] ties them together around one compare-and-set write.
//! [`validate`] and [`describe`] serve the designer. Only the private
//! `component` module knows about WebAssembly: it converts between the WIT
//! types and these modules' types, and delegates.

pub mod builtin_kinds;
pub mod by_name;
pub mod codes;
pub mod describe;
pub mod dynamic_properties;
pub mod error;
pub mod execute;
pub mod formats;
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub mod fuzzing;
pub mod json_depth;
pub mod json_duplicates;
pub mod json_messages;
pub mod json_rules;
pub mod limits;
pub mod merge;
pub mod model;
pub mod property_name;
pub mod rules;
pub mod shown_names;
pub mod step;
pub mod store_error;
pub mod tokens;
pub mod validate;
pub mod value_size;

#[cfg(test)]
mod redaction_tests;

// The generated bindings need `unsafe` for the canonical ABI; nothing else does.
#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
mod component;

pub use error::ActionError;
