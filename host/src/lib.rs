//! The wasmtime harness for the `Connectors.Update` workflow action.
//!
//! A workflow engine embeds this crate to run the action's WebAssembly
//! component: it implements [`CredentialStore`] over its own store (or uses
//! [`MemoryStore`] or [`SqlStore`], on SQLite or PostgreSQL) and [`TokenSource`] over its workflow's
//! values, loads the component once into a [`Harness`], and calls
//! [`Harness::execute`] for each step. Every execution gets a fresh wasmtime
//! `Store`; the compiled component is shared.
//!
//! ```
//! use std::sync::Arc;
//! use connectors_update::{Harness, MapTokens, MemoryStore, NewConnector};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let store = Arc::new(MemoryStore::new());
//! store.add(NewConnector::new("Twitter API").id("twitterConnectorId").secret("APIKey", "old"))?;
//!
//! let harness = Harness::new()?;
//! let step = harness.parse_step(r#"{
//!     "ActionType": "Connectors.Update",
//!     "Parameters": {
//!         "EntryId": "Twitter API",
//!         "Properties": [{"PropertyName": "APIKey", "PropertyValue": "[Form:Key]"}],
//!         "PropertiesJson": "{ \"Timeout\": \"30s\" }"
//!     }
//! }"#)?;
//! let tokens = Arc::new(MapTokens::from_pairs([("Form:Key", "new_api_key_123")]));
//! let outcome = harness.execute(&step, store.clone(), tokens)?;
//!
//! assert_eq!(outcome.added, ["Timeout"]);
//! assert_eq!(outcome.changed, ["APIKey"]);
//! assert_eq!(outcome.revision_after, 2);
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

mod error;
mod execution;
mod guard;
mod harness;
mod imports;
pub mod kinds;
mod model;
mod queue;
mod store;
#[cfg(feature = "testing")]
pub mod testing;
mod wit;

pub use error::{Abort, ErrorCode, HarnessError, KeyError, StoreError};
pub use execution::{CancelHandle, Execution};
pub use guard::GuestLimits;
pub use harness::{Harness, HarnessBuilder};
pub use model::{
    ActionError, Descriptor, Diagnostic, JsonRule, KindRules, LimitDescriptor, Outcome,
    OutputDescriptor, ParameterDescriptor, ParameterKind, PropertyRule, SECRET_MASK, Severity,
    TokenSyntax, ValueFormat, Violation,
};
pub use model::{
    Caller, Change, ChangeOp, Connector, ConnectorRecord, ConnectorSummary, MergeMode,
    NewConnector, PropertyRecord, PropertyRow, Step, StoredProperty, StoredValue, WriteMode,
    WriteReceipt,
};
pub use secrecy::{ExposeSecret, SecretString};
pub use store::history::{HistoryEntry, HistoryEvent};
pub use store::key::{KeySource, StoreKey};
pub use store::memory::MemoryStore;
pub use store::sql::admin::Found;
pub use store::sql::{Rotation, SqlStore, StoreLocation};
pub use store::tokens::{MapTokens, NoTokens};
pub use store::{
    AdminError, CredentialStore, TokenSource, check_merged_values, check_write_permissions,
};

/// The payload records of [`ActionError`]'s cases: the fields each error
/// carries beside its message, for an engine that acts on them.
pub mod errors {
    pub use connectors_update_action::error::{
        AmbiguousConnector, Conflict, ConnectorNotFound, InvalidJson, InvalidParameter,
        LimitExceeded, PermissionDenied, StoreFailed, StoreTampered, StoreUnavailable,
        UnresolvedToken, ValidationFailed,
    };
}

/// The action's WebAssembly component, built from `action/` with this crate.
pub const COMPONENT: &[u8] = include_bytes!(env!("CONNECTORS_UPDATE_COMPONENT_PATH"));
