//! The host side of the WIT imports: what one execution's wasmtime `Store`
//! holds, and the `credential-store` and `tokens` calls, each converted
//! with the binding layer's `From`s and guarded against a host panic.

use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::time::{Duration, Instant};

use connectors_update_model::rules::kinds_naming;
use secrecy::ExposeSecret;
use wasmtime::{ResourceLimiter, StoreLimits, StoreLimitsBuilder};

use crate::error::Abort;
use crate::execution::CancelHandle;
use crate::model::{Caller, Change, WriteMode};
use crate::queue::{ConnectorQueue, Turn};
use crate::store::CredentialStore;
use crate::token_sources::TokenSource;
use crate::wit::{credential_store, tokens, types};

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
    /// How long the call may take, and when it must end by the wall clock.
    pub(crate) allowed: Duration,
    pub(crate) deadline: Instant,
    /// The engine's handle to stop the call, if it gave one.
    pub(crate) cancel: Option<CancelHandle>,
    /// Why the epoch callback stopped the guest, if it did.
    pub(crate) stopped: Option<Stop>,
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
        allowed: Duration,
    ) -> Self {
        HostState {
            store,
            tokens,
            caller,
            limiter: GuestLimiter::new(memory_bytes),
            host_failure: None,
            committed: None,
            allowed,
            deadline: Instant::now() + allowed,
            cancel: None,
            stopped: None,
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
        let Some(store) = self.store.identity() else {
            return;
        };
        if self
            .turn
            .as_ref()
            .is_some_and(|turn| turn.is_on(&store, id))
        {
            return;
        }
        self.turn = None;
        let wait = until.saturating_duration_since(Instant::now());
        self.turn = ConnectorQueue::global().turn(&store, id, wait);
    }

    /// Whether the call must stop now, and why: checked by the epoch
    /// callback while the guest computes, and before every import call.
    pub(crate) fn must_stop(&mut self) -> Option<Stop> {
        if self.stopped.is_none() {
            if self.cancel.as_ref().is_some_and(CancelHandle::is_cancelled) {
                self.stopped = Some(Stop::Cancelled);
            } else if Instant::now() >= self.deadline {
                self.stopped = Some(Stop::TimedOut);
            }
        }
        self.stopped
    }

    /// Runs one host implementation call, turning a panic into a trap; a
    /// call made after the execution was cancelled or ran out of time is
    /// refused before it reaches the store.
    fn guarded<T>(
        &mut self,
        import: &'static str,
        call: impl FnOnce(&Self) -> T,
    ) -> wasmtime::Result<T> {
        if let Some(stop) = self.must_stop() {
            return Err(wasmtime::format_err!("{stop:?} before {import}"));
        }
        match panic::catch_unwind(AssertUnwindSafe(|| call(self))) {
            Ok(value) => Ok(value),
            Err(_) => {
                self.host_failure = Some(import);
                Err(wasmtime::format_err!("the host's {import} panicked"))
            }
        }
    }
}

/// Why the harness stopped a call before it ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stop {
    /// The wall-clock deadline passed.
    TimedOut,
    /// The engine cancelled it.
    Cancelled,
}

impl Stop {
    /// The abort this stop ends a call in; `allowed` is the call's deadline.
    pub(crate) fn abort(self, allowed: Duration) -> Abort {
        match self {
            Stop::Cancelled => Abort::Cancelled,
            Stop::TimedOut => Abort::TimedOut { after: allowed },
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
                .map(Into::into)
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
                .map(|list| list.into_iter().map(Into::into).collect())
                .map_err(Into::into)
        })
    }

    fn rules(
        &mut self,
        kind: String,
    ) -> wasmtime::Result<Result<Option<types::KindRules>, types::StoreError>> {
        self.guarded("credential-store.rules", |s| {
            s.store
                .rules(&s.caller, &kind)
                .map(|rules| rules.map(Into::into))
                .map_err(Into::into)
        })
    }

    fn kinds(&mut self) -> wasmtime::Result<Result<Vec<types::KindRules>, types::StoreError>> {
        self.guarded("credential-store.kinds", |s| {
            s.store
                .kinds(&s.caller)
                .map(|kinds| kinds.into_iter().map(Into::into).collect())
                .map_err(Into::into)
        })
    }

    fn kinds_naming(
        &mut self,
        names: Vec<String>,
    ) -> wasmtime::Result<Result<Vec<types::KindRules>, types::StoreError>> {
        self.guarded("credential-store.kinds-naming", |s| {
            s.store
                .kinds(&s.caller)
                .map(|kinds| {
                    kinds_naming(&kinds, &names)
                        .into_iter()
                        .map(Into::into)
                        .collect()
                })
                .map_err(Into::into)
        })
    }

    fn write(
        &mut self,
        id: String,
        expected_revision: u64,
        changes: Vec<types::Change>,
        mode: types::WriteMode,
    ) -> wasmtime::Result<Result<types::WriteReceipt, types::StoreError>> {
        let changes: Vec<Change> = changes.into_iter().map(Into::into).collect();
        let mode = WriteMode::from(mode);
        let result = self.guarded("credential-store.write", |s| {
            s.store
                .write(&s.caller, &id, expected_revision, &changes, mode)
        })?;
        match &result {
            Ok(receipt) if mode == WriteMode::Commit && receipt.revision != expected_revision => {
                self.committed = Some(receipt.revision);
            }
            _ => {}
        }
        Ok(result.map(Into::into).map_err(Into::into))
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
