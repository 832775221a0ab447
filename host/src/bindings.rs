//! The generated wasmtime bindings, the host side of the imports, and the
//! conversions between the WIT types and the harness's types. No step
//! semantics live here: the host only answers the guest's calls.

#![allow(missing_docs, unsafe_code)]

use std::sync::Arc;

use crate::error::StoreError;
use crate::model;
use crate::store::{CredentialStore, TokenSource};

mod generated {
    wasmtime::component::bindgen!({
        path: "../wit",
        world: "connectors-update",
        additional_derives: [serde::Serialize],
    });
}

pub(crate) use generated::exports::workflow::connectors::action as wit;
pub use generated::exports::workflow::connectors::action::{
    ActionError, AmbiguousConnector, Conflict, ConnectorNotFound, Descriptor, Diagnostic,
    InvalidJson, InvalidParameter, Limit, LimitExceeded, Outcome, OutputDescriptor,
    ParameterDescriptor, ParameterKind, PermissionDenied, Severity, StoreUnavailable, TokenSyntax,
    UnresolvedToken, ValidationFailed, Violation,
};
pub use generated::workflow::connectors::types::{KindRules, PropertyRule, ValueFormat};
use generated::workflow::connectors::{credential_store, tokens, types};
pub(crate) use generated::{ConnectorsUpdate, ConnectorsUpdatePre};

/// What one execution's wasmtime `Store` holds: the host's store and tokens.
pub(crate) struct HostState {
    pub(crate) store: Arc<dyn CredentialStore>,
    pub(crate) tokens: Arc<dyn TokenSource>,
}

impl types::Host for HostState {}

impl credential_store::Host for HostState {
    fn get(&mut self, id: String) -> Result<types::Connector, types::StoreError> {
        self.store
            .get(&id)
            .map(connector_to_wit)
            .map_err(Into::into)
    }

    fn find_by_name(
        &mut self,
        name: String,
    ) -> Result<Vec<types::ConnectorSummary>, types::StoreError> {
        self.store
            .find_by_name(&name)
            .map(|list| {
                list.into_iter()
                    .map(|c| types::ConnectorSummary {
                        id: c.id,
                        name: c.name,
                        kind: c.kind,
                        revision: c.revision,
                    })
                    .collect()
            })
            .map_err(Into::into)
    }

    fn rules(&mut self, kind: String) -> Option<KindRules> {
        self.store.rules(&kind)
    }

    fn write(
        &mut self,
        id: String,
        expected_revision: u64,
        changes: Vec<types::Change>,
        mode: types::WriteMode,
    ) -> Result<types::WriteReceipt, types::StoreError> {
        let changes: Vec<model::Change> = changes.into_iter().map(change_from_wit).collect();
        let mode = match mode {
            types::WriteMode::Commit => model::WriteMode::Commit,
            types::WriteMode::Preview => model::WriteMode::Preview,
        };
        self.store
            .write(&id, expected_revision, &changes, mode)
            .map(|r| types::WriteReceipt {
                revision: r.revision,
                changed: r.changed,
            })
            .map_err(Into::into)
    }
}

impl tokens::Host for HostState {
    fn resolve(
        &mut self,
        source: Option<String>,
        name: String,
    ) -> Result<Option<String>, types::StoreError> {
        self.tokens
            .resolve(source.as_deref(), &name)
            .map_err(Into::into)
    }
}

/// The one conversion from the harness's store error to the WIT's.
impl From<StoreError> for types::StoreError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => types::StoreError::NotFound,
            StoreError::PermissionDenied { property, reason } => {
                types::StoreError::PermissionDenied(types::PermissionDenied { property, reason })
            }
            StoreError::Conflict(actual) => types::StoreError::Conflict(actual),
            StoreError::Unavailable(reason) => types::StoreError::Unavailable(reason),
        }
    }
}

fn connector_to_wit(c: model::Connector) -> types::Connector {
    types::Connector {
        id: c.id,
        name: c.name,
        kind: c.kind,
        revision: c.revision,
        properties: c
            .properties
            .into_iter()
            .map(|p| types::StoredProperty {
                name: p.name,
                value: match p.value {
                    model::StoredValue::Plain(text) => types::StoredValue::Plain(text),
                    model::StoredValue::Secret => types::StoredValue::Secret,
                },
            })
            .collect(),
    }
}

fn change_from_wit(c: types::Change) -> model::Change {
    model::Change {
        name: c.name,
        op: match c.op {
            types::ChangeOp::Set(v) => model::ChangeOp::Set {
                value: v.value,
                secret: v.secret,
            },
            types::ChangeOp::Remove => model::ChangeOp::Remove,
        },
    }
}

pub(crate) fn step_to_wit(s: &model::Step) -> wit::Step {
    wit::Step {
        entry_id: s.entry_id.clone(),
        properties: s
            .properties
            .iter()
            .map(|r| wit::PropertyRow {
                name: r.name.clone(),
                value: r.value.clone(),
            })
            .collect(),
        properties_json: s.properties_json.clone(),
        expected_revision: s.expected_revision,
        dry_run: s.dry_run,
    }
}

pub(crate) fn step_from_wit(s: wit::Step) -> model::Step {
    model::Step {
        entry_id: s.entry_id,
        properties: s
            .properties
            .into_iter()
            .map(|r| model::PropertyRow {
                name: r.name,
                value: r.value,
            })
            .collect(),
        properties_json: s.properties_json,
        expected_revision: s.expected_revision,
        dry_run: s.dry_run,
    }
}
