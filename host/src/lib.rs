//! The wasmtime harness for the `Connectors.Update` workflow action.
//!
//! A workflow engine embeds this crate to run the action's WebAssembly
//! component. It implements [`CredentialStore`] over its own store (or uses
//! [`MemoryStore`](stores::MemoryStore), or the SQLite and PostgreSQL stores
//! of `connectors-update-sql`, encrypted at rest)
//! and [`TokenSource`] over its workflow's values, loads the component once
//! into a [`Harness`], and calls [`Harness::execute`] for each step. Every
//! execution gets a fresh wasmtime `Store`; the compiled component is shared.
//!
//! The crate root holds what running a step needs. The rest lives in
//! modules: [`connector`] (what a store takes and returns), [`stores`] (the
//! store in memory, and administration), [`store_parts`] (what stores are
//! built of), [`kinds`]
//! (connector kinds and their rules), [`descriptor`], [`tokens`], [`errors`]
//! (the payload of each [`ActionError`]) and, with the `testing` feature
//! (off by default), `testing` (a checker of any store against the
//! `write` contract, and the conformance cases every host runs).
//!
//! Its dependencies are wasmtime and the shared vocabulary
//! (`connectors-update-model`): no CLI, web server or database.
//!
//! ```
//! use std::sync::Arc;
//! use connectors_update_harness::Harness;
//! use connectors_update_harness::stores::{MemoryStore, NewConnector};
//! use connectors_update_harness::tokens::MapTokens;
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

// Read bottom-up (rustfmt sorts these lines by name): engine_settings and
// component (the built bytes and machine code), model (the vocabulary),
// error, wit (the binding layer), kinds, store and token_sources, queue,
// execution, imports (the imports' implementations), exports (the calls
// into the action), guard, pool, harness;
// testing above them all. No module
// imports one above it: scripts/module-order.py checks.
mod component;
mod engine_settings;
mod error;
mod execution;
mod exports;
mod guard;
mod harness;
mod imports;
pub mod kinds;
mod model;
mod pool;
mod queue;
mod store;
#[cfg(feature = "testing")]
pub mod testing;
mod token_sources;
mod wit;

pub use component::COMPONENT;
pub use error::{Abort, ErrorCode, HarnessError, StoreError};
pub use execution::{CancelHandle, Execution};
pub use guard::GuestLimits;
pub use harness::{Harness, HarnessBuilder};
pub use model::{
    ActionError, Caller, Descriptor, Diagnostic, MergeMode, Outcome, PropertyRow, Severity, Step,
};
pub use pool::InstanceAllocation;
pub use secrecy::{ExposeSecret, SecretString};
pub use store::CredentialStore;
pub use token_sources::TokenSource;

/// What a [`CredentialStore`] hands the action and what the action asks it
/// to do: the connector with its secrets withheld, and the changes of one
/// compare-and-set write. A store implementer works with these; the
/// `write` contract is on [`CredentialStore::write`].
pub mod connector {
    pub use crate::model::{
        Change, ChangeOp, Connector, ConnectorSummary, SECRET_MASK, StoredProperty, StoredValue,
        WriteMode, WriteReceipt,
    };
    pub use crate::store::{check_merged_values, check_write_permissions};
}

/// The store that comes with the harness, in memory, and what administering
/// any store takes: adding connectors, and the records a store keeps. The
/// SQLite and PostgreSQL stores, encrypted at rest, with their keys and
/// history, are in a crate of their own (`connectors-update-sql`).
pub mod stores {
    pub use crate::error::KeyError;
    pub use crate::model::{ConnectorRecord, NewConnector, PropertyRecord};
    pub use crate::store::AdminError;
    pub use crate::store::memory::MemoryStore;
}

/// What the stores that come with the harness are built of, for a store of
/// one's own too (the SQL stores use them): access by grants, references
/// resolved to one connector, new records checked against a kind's rules,
/// and the set of kinds a store declares.
pub mod store_parts {
    pub use crate::store::kind_set::KindSet;
    pub use crate::store::{
        check_access, may_use, new_record, no_grant_on_name, refuse_id_name_collision,
        resolve_reference, resolve_reference_as, usable_candidates,
    };
}

/// The parts of a [`Descriptor`]: what a designer shows of each parameter,
/// output and limit, and the token syntax.
pub mod descriptor {
    pub use crate::model::{
        LimitDescriptor, OutputDescriptor, ParameterDescriptor, ParameterKind, TokenSyntax,
    };
}

/// Token sources that come with the harness.
pub mod tokens {
    pub use crate::token_sources::{MapTokens, NoTokens};
}

/// The payload records of [`ActionError`]'s cases: the fields each error
/// carries beside its message, for an engine that acts on them.
pub mod errors {
    pub use connectors_update_model::error::{
        AmbiguousConnector, Conflict, ConnectorNotFound, InvalidJson, InvalidParameter,
        LimitExceeded, PermissionDenied, StoreFailed, StoreTampered, StoreUnavailable,
        UnresolvedToken, ValidationFailed,
    };
}
