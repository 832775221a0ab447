//! The generated wasmtime bindings, the host side of the imports, and the
//! conversions between the WIT types and the harness's types. No step
//! semantics live here: the host only answers the guest's calls.

#![allow(missing_docs, unsafe_code)]

use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::time::Instant;

use secrecy::{ExposeSecret, SecretString};
use wasmtime::{ResourceLimiter, StoreLimits, StoreLimitsBuilder};

use crate::error::StoreError;
use crate::model::{self, Caller};
use crate::queue::{ConnectorQueue, Turn};
use crate::store::{CredentialStore, TokenSource};

mod generated {
    wasmtime::component::bindgen!({
        path: "../wit",
        world: "connectors-update",
        additional_derives: [serde::Serialize, PartialEq, Eq],
        // Every import may trap: a host implementation that panics ends the
        // execution with a typed harness error instead of unwinding through the guest.
        imports: { default: trappable },
    });
}

pub(crate) use generated::exports::workflow::connectors::action as wit;
pub use generated::exports::workflow::connectors::action::{
    ActionError, AmbiguousConnector, Conflict, ConnectorNotFound, Descriptor, Diagnostic,
    InvalidJson, InvalidParameter, Limit, LimitExceeded, Outcome, OutputDescriptor,
    ParameterDescriptor, ParameterKind, PermissionDenied, Severity, StoreTampered,
    StoreUnavailable, TokenSyntax, UnresolvedToken, ValidationFailed,
};
pub use generated::workflow::connectors::types::{
    JsonRule, KindRules, PropertyRule, ValueFormat, Violation,
};
use generated::workflow::connectors::{credential_store, tokens, types};
pub(crate) use generated::{ConnectorsUpdate, ConnectorsUpdatePre};

/// What one execution's wasmtime `Store` holds: the host's store and tokens,
/// who runs the step, the memory cap, and what the harness needs to know to
/// explain how an execution ended.
pub(crate) struct HostState {
    pub(crate) store: Arc<dyn CredentialStore>,
    pub(crate) tokens: Arc<dyn TokenSource>,
    pub(crate) caller: Caller,
    pub(crate) limiter: GuestLimiter,
    /// The import whose host implementation panicked, if one did.
    pub(crate) host_failure: Option<&'static str>,
    /// The revision a committed write made, if one did.
    pub(crate) committed: Option<u64>,
    /// The process's per-connector turns, and the one this execution holds.
    queue: Option<Instant>,
    turn: Option<Turn>,
}

impl HostState {
    pub(crate) fn new(
        store: Arc<dyn CredentialStore>,
        tokens: Arc<dyn TokenSource>,
        caller: Caller,
        memory_bytes: usize,
    ) -> Self {
        HostState {
            store,
            tokens,
            caller,
            limiter: GuestLimiter::new(memory_bytes),
            host_failure: None,
            committed: None,
            queue: None,
            turn: None,
        }
    }

    /// Makes this execution take turns with the process's other executions
    /// on the connector it reads (in the same store), waiting until `until` at most.
    pub(crate) fn queue_until(&mut self, until: Instant) {
        self.queue = Some(until);
    }

    /// Takes the turn on connector `id` before reading it, giving up the
    /// turn on any other connector first (so no execution holds two).
    fn take_turn(&mut self, id: &str) {
        let Some(until) = self.queue else {
            return;
        };
        let store = Arc::as_ptr(&self.store).cast::<()>() as usize;
        if self.turn.as_ref().is_some_and(|turn| turn.is_on(store, id)) {
            return;
        }
        self.turn = None;
        let wait = until.saturating_duration_since(Instant::now());
        self.turn = ConnectorQueue::global().turn(store, id, wait);
    }

    /// Runs one host implementation call, turning a panic into a trap.
    fn guarded<T>(
        &mut self,
        import: &'static str,
        call: impl FnOnce(&Self) -> T,
    ) -> wasmtime::Result<T> {
        match panic::catch_unwind(AssertUnwindSafe(|| call(self))) {
            Ok(value) => Ok(value),
            Err(_) => {
                self.host_failure = Some(import);
                Err(wasmtime::format_err!("the host's {import} panicked"))
            }
        }
    }
}

/// `StoreLimits` with a memory cap that remembers being hit, so the harness
/// can tell a guest that wanted too much memory from one that trapped.
pub(crate) struct GuestLimiter {
    limits: StoreLimits,
    pub(crate) memory_bytes: usize,
    pub(crate) exceeded: bool,
}

impl GuestLimiter {
    fn new(memory_bytes: usize) -> Self {
        GuestLimiter {
            limits: StoreLimitsBuilder::new()
                .memory_size(memory_bytes)
                .instances(4)
                .memories(4)
                .tables(16)
                .trap_on_grow_failure(true)
                .build(),
            memory_bytes,
            exceeded: false,
        }
    }
}

impl ResourceLimiter for GuestLimiter {
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        let verdict = self.limits.memory_growing(current, desired, maximum);
        if !matches!(verdict, Ok(true)) {
            self.exceeded = true;
        }
        verdict
    }

    fn memory_grow_failed(&mut self, error: wasmtime::Error) -> wasmtime::Result<()> {
        self.exceeded = true;
        self.limits.memory_grow_failed(error)
    }

    fn table_growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        self.limits.table_growing(current, desired, maximum)
    }

    fn instances(&self) -> usize {
        self.limits.instances()
    }

    fn tables(&self) -> usize {
        self.limits.tables()
    }

    fn memories(&self) -> usize {
        self.limits.memories()
    }
}

impl types::Host for HostState {}

impl credential_store::Host for HostState {
    fn get(&mut self, id: String) -> wasmtime::Result<Result<types::Connector, types::StoreError>> {
        self.take_turn(&id);
        self.guarded("credential-store.get", |s| {
            s.store
                .get(&s.caller, &id)
                .map(connector_to_wit)
                .map_err(Into::into)
        })
    }

    fn find_by_name(
        &mut self,
        name: String,
    ) -> wasmtime::Result<Result<Vec<types::ConnectorSummary>, types::StoreError>> {
        self.guarded("credential-store.find-by-name", |s| {
            s.store
                .find_by_name(&s.caller, &name)
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
        })
    }

    fn rules(
        &mut self,
        kind: String,
    ) -> wasmtime::Result<Result<Option<KindRules>, types::StoreError>> {
        self.guarded("credential-store.rules", |s| {
            s.store.rules(&s.caller, &kind).map_err(Into::into)
        })
    }

    fn kinds(&mut self) -> wasmtime::Result<Result<Vec<KindRules>, types::StoreError>> {
        self.guarded("credential-store.kinds", |s| {
            s.store.kinds(&s.caller).map_err(Into::into)
        })
    }

    fn write(
        &mut self,
        id: String,
        expected_revision: u64,
        changes: Vec<types::Change>,
        mode: types::WriteMode,
    ) -> wasmtime::Result<Result<types::WriteReceipt, types::StoreError>> {
        let changes: Vec<model::Change> = changes.into_iter().map(change_from_wit).collect();
        let mode = match mode {
            types::WriteMode::Commit => model::WriteMode::Commit,
            types::WriteMode::Preview => model::WriteMode::Preview,
        };
        let result = self.guarded("credential-store.write", |s| {
            s.store
                .write(&s.caller, &id, expected_revision, &changes, mode)
        })?;
        match &result {
            Ok(receipt)
                if mode == model::WriteMode::Commit && receipt.revision != expected_revision =>
            {
                self.committed = Some(receipt.revision);
            }
            _ => {}
        }
        Ok(result
            .map(|r| types::WriteReceipt {
                revision: r.revision,
                changed: r.changed,
            })
            .map_err(Into::into))
    }
}

impl tokens::Host for HostState {
    fn resolve(
        &mut self,
        source: Option<String>,
        name: String,
    ) -> wasmtime::Result<Result<Option<String>, types::StoreError>> {
        self.guarded("tokens.resolve", |s| {
            s.tokens
                .resolve(source.as_deref(), &name)
                .map(|value| value.map(|v| v.expose_secret().to_owned()))
                .map_err(Into::into)
        })
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
            StoreError::Invalid(violations) => types::StoreError::Invalid(violations),
            StoreError::Tampered {
                connector,
                property,
            } => types::StoreError::Tampered(types::TamperedValue {
                connector,
                property,
            }),
            other @ (StoreError::Key(_)
            | StoreError::CannotRotate { .. }
            | StoreError::NoStore { .. }
            | StoreError::ReadOnly { .. }
            | StoreError::Schema { .. }) => types::StoreError::Unavailable(other.to_string()),
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
            types::ChangeOp::Set(v) => model::ChangeOp::set(v.value, v.secret),
            types::ChangeOp::Merge(v) => model::ChangeOp::Merge {
                patch: v.value.into(),
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
                value: r.value.as_ref().map(|v| v.expose_secret().to_owned()),
            })
            .collect(),
        properties_json: s.properties_json.expose_secret().to_owned(),
        expected_revision: s.expected_revision,
        dry_run: s.dry_run,
        merge_mode: match s.merge_mode {
            model::MergeMode::Replace => wit::MergeMode::Replace,
            model::MergeMode::Deep => wit::MergeMode::Deep,
        },
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
                value: r.value.map(SecretString::from),
            })
            .collect(),
        properties_json: s.properties_json.into(),
        expected_revision: s.expected_revision,
        dry_run: s.dry_run,
        merge_mode: match s.merge_mode {
            wit::MergeMode::Replace => model::MergeMode::Replace,
            wit::MergeMode::Deep => model::MergeMode::Deep,
        },
    }
}
