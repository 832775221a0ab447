//! The vocabulary of the `Connectors.Update` action, shared by the guest
//! (`connectors-update-action`) and every host (`connectors-update-harness`,
//! the SQL stores): one Rust definition of each domain concept.
//!
//! [`model`] holds the connector, the step and the changes of a write;
//! [`error`] and [`store_error`] the errors, each with its stable code
//! ([`codes`]); [`rules`] (with [`formats`] and [`json_rules`]) checks a
//! kind's rules, [`merge`] merges a step's values over the stored ones,
//! [`limits`] are the inputs' bounds, [`descriptor`] what a designer reads.
//!
//! ```
//! use connectors_update_model::codes::ErrorCode;
//! use connectors_update_model::error::StoreError;
//!
//! // A store's error has one code, which the CLI prints and a step's
//! // error carries.
//! let error = StoreError::Conflict(7);
//! assert_eq!(error.code(), ErrorCode::Conflict);
//! assert_eq!(error.code().as_str(), "conflict");
//! assert!(error.code().is_retryable());
//! ```

pub mod builtin_kinds;
pub mod by_name;
pub mod codes;
pub mod descriptor;
pub mod error;
pub mod formats;
pub mod json_messages;
pub mod json_rules;
pub mod limits;
pub mod merge;
pub mod model;
pub mod property_name;
pub mod rules;
pub mod store_error;
pub mod value_size;

pub use error::ActionError;
