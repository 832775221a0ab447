//! Store and token-source wrappers that inject faults into a real store:
//! the only mocks in the suite.

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

use connectors_update_harness::connector::{
    Change, ChangeOp, Connector, ConnectorSummary, WriteMode, WriteReceipt,
};
use connectors_update_harness::kinds::KindRules;

use super::forward::{Wraps, forward_store};
use connectors_update_harness::stores::{MemoryStore, NewConnector};
use connectors_update_harness::{Caller, CredentialStore, SecretString, StoreError, TokenSource};

/// Wraps a [`MemoryStore`]: before each of the first `conflicts` writes,
/// another writer changes the connector; writes can also be refused outright.
pub struct Interfering {
    pub inner: Arc<MemoryStore>,
    pub conflicts: AtomicU32,
    pub write_error: Mutex<Option<StoreError>>,
    pub writes: AtomicU32,
}

impl Interfering {
    pub fn new(inner: Arc<MemoryStore>, conflicts: u32) -> Self {
        Interfering {
            inner,
            conflicts: AtomicU32::new(conflicts),
            write_error: Mutex::new(None),
            writes: AtomicU32::new(0),
        }
    }

    pub fn refusing(inner: Arc<MemoryStore>, error: StoreError) -> Self {
        let store = Self::new(inner, 0);
        *store.write_error.lock().unwrap() = Some(error);
        store
    }
}

impl Wraps for Interfering {
    fn inner(&self) -> &dyn CredentialStore {
        &*self.inner
    }

    fn write(
        &self,
        caller: &Caller,
        id: &str,
        expected: u64,
        changes: &[Change],
        mode: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        self.writes.fetch_add(1, Ordering::SeqCst);
        if let Some(error) = self.write_error.lock().unwrap().clone() {
            return Err(error);
        }
        if self.conflicts.load(Ordering::SeqCst) > 0 {
            self.conflicts.fetch_sub(1, Ordering::SeqCst);
            let n = self.writes.load(Ordering::SeqCst);
            let other = vec![Change {
                name: format!("OtherWriter{n}"),
                op: ChangeOp::set("x", false),
            }];
            let current = self.inner.record(id).ok_or(StoreError::NotFound)?.revision;
            self.inner
                .write(caller, id, current, &other, WriteMode::Commit)?;
        }
        self.inner.write(caller, id, expected, changes, mode)
    }
}

forward_store!(Interfering);

/// The signature of a [`Hooked`] store's write: the inner store and the call's arguments.
pub type WriteHook = dyn Fn(
        &dyn CredentialStore,
        &Caller,
        &str,
        u64,
        &[Change],
        WriteMode,
    ) -> Result<WriteReceipt, StoreError>
    + Send
    + Sync;

/// A real store whose reads pass straight through and whose writes go
/// through `write`, which may watch, refuse or pass them on.
pub struct Hooked {
    pub inner: Arc<dyn CredentialStore>,
    pub write: Box<WriteHook>,
}

impl Wraps for Hooked {
    fn inner(&self) -> &dyn CredentialStore {
        &*self.inner
    }

    fn write(
        &self,
        caller: &Caller,
        id: &str,
        expected: u64,
        changes: &[Change],
        mode: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        (self.write)(self.inner.as_ref(), caller, id, expected, changes, mode)
    }
}

forward_store!(Hooked);

/// A store whose every call fails with `error`.
pub struct Broken(pub StoreError);

impl CredentialStore for Broken {
    fn get(&self, _: &Caller, _: &str) -> Result<Connector, StoreError> {
        Err(self.0.clone())
    }
    fn find_by_name(&self, _: &Caller, _: &str) -> Result<Vec<ConnectorSummary>, StoreError> {
        Err(self.0.clone())
    }
    fn rules(&self, _: &Caller, _: &str) -> Result<Option<KindRules>, StoreError> {
        Ok(None)
    }
    fn kinds(&self, _: &Caller) -> Result<Vec<KindRules>, StoreError> {
        Err(self.0.clone())
    }
    fn write(
        &self,
        _: &Caller,
        _: &str,
        _: u64,
        _: &[Change],
        _: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        Err(self.0.clone())
    }
}

/// Where an import call is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    Get,
    FindByName,
    Rules,
    Kinds,
    Write,
    Resolve,
}

impl Site {
    /// The sites an execution calls (`kinds` is called at design time only).
    pub const ALL: [Site; 5] = [
        Site::Get,
        Site::FindByName,
        Site::Rules,
        Site::Write,
        Site::Resolve,
    ];
}

/// How an injected call fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    Unavailable,
    PermissionDenied,
    Conflict,
    NotFound,
    /// The host's implementation panics: a host-side trap.
    Panic,
}

impl Fault {
    pub const ALL: [Fault; 5] = [
        Fault::Unavailable,
        Fault::PermissionDenied,
        Fault::Conflict,
        Fault::NotFound,
        Fault::Panic,
    ];

    fn error(&self) -> StoreError {
        match self {
            Fault::Unavailable => StoreError::Unavailable("injected outage".into()),
            Fault::PermissionDenied => StoreError::PermissionDenied {
                property: None,
                reason: "injected refusal".into(),
            },
            Fault::Conflict => StoreError::Conflict(99),
            Fault::NotFound => StoreError::NotFound,
            Fault::Panic => panic!("injected host failure"),
        }
    }
}

/// Wraps a real store and a real token source, and fails the `nth` call
/// (counting from 1) at `site` with `fault`; every other call goes through.
pub struct Faulty {
    pub store: Arc<dyn CredentialStore>,
    pub tokens: Arc<dyn TokenSource>,
    pub site: Site,
    pub nth: u32,
    pub fault: Fault,
    calls: Mutex<Vec<Site>>,
}

impl Faulty {
    pub fn new(
        store: Arc<dyn CredentialStore>,
        tokens: Arc<dyn TokenSource>,
        site: Site,
        nth: u32,
        fault: Fault,
    ) -> Self {
        Faulty {
            store,
            tokens,
            site,
            nth,
            fault,
            calls: Mutex::new(Vec::new()),
        }
    }

    /// Counts a call at `site` and fails it if it is the chosen one.
    fn enter(&self, site: Site) -> Result<(), StoreError> {
        let count = {
            let mut calls = self.calls.lock().unwrap_or_else(|e| e.into_inner());
            calls.push(site);
            calls.iter().filter(|s| **s == site).count() as u32
        };
        if site == self.site && count == self.nth {
            return Err(self.fault.error());
        }
        Ok(())
    }

    /// The calls made so far, in order.
    pub fn calls(&self) -> Vec<Site> {
        self.calls.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Whether the chosen call was reached (and so the fault injected).
    pub fn injected(&self) -> bool {
        self.calls().iter().filter(|s| **s == self.site).count() as u32 >= self.nth
    }
}

impl Wraps for Faulty {
    fn inner(&self) -> &dyn CredentialStore {
        &*self.store
    }

    fn get(&self, caller: &Caller, id: &str) -> Result<Connector, StoreError> {
        self.enter(Site::Get)?;
        self.store.get(caller, id)
    }

    fn find_by_name(
        &self,
        caller: &Caller,
        name: &str,
    ) -> Result<Vec<ConnectorSummary>, StoreError> {
        self.enter(Site::FindByName)?;
        self.store.find_by_name(caller, name)
    }

    fn rules(&self, caller: &Caller, kind: &str) -> Result<Option<KindRules>, StoreError> {
        self.enter(Site::Rules)?;
        self.store.rules(caller, kind)
    }

    fn kinds(&self, caller: &Caller) -> Result<Vec<KindRules>, StoreError> {
        self.enter(Site::Kinds)?;
        self.store.kinds(caller)
    }

    fn write(
        &self,
        caller: &Caller,
        id: &str,
        expected: u64,
        changes: &[Change],
        mode: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        self.enter(Site::Write)?;
        self.store.write(caller, id, expected, changes, mode)
    }
}

forward_store!(Faulty);

impl TokenSource for Faulty {
    fn resolve(
        &self,
        source: Option<&str>,
        name: &str,
    ) -> Result<Option<SecretString>, StoreError> {
        self.enter(Site::Resolve)?;
        self.tokens.resolve(source, name)
    }
}

/// A memory store with one plain connector `c1` named `name`, holding the canary.
pub fn one_connector(name: &str) -> Arc<MemoryStore> {
    super::guard_panics();
    let store = Arc::new(MemoryStore::new());
    store
        .add(
            NewConnector::new(name)
                .id("c1")
                .secret("Secret", super::CANARY)
                .set("A", "1"),
        )
        .unwrap();
    store
}

/// Wraps a [`MemoryStore`]: on the first write, another writer commits
/// `other` to the connector first, between the action's read and its
/// write, so the action's write meets a conflict and it re-reads and
/// re-applies against what the other writer left.
pub struct Racing {
    pub inner: Arc<MemoryStore>,
    other: Mutex<Option<Vec<Change>>>,
    /// The writes the action asked for, the other writer's not counted.
    pub writes: AtomicU32,
}

impl Racing {
    pub fn new(inner: Arc<MemoryStore>, other: Vec<Change>) -> Self {
        Racing {
            inner,
            other: Mutex::new(Some(other)),
            writes: AtomicU32::new(0),
        }
    }
}

impl Wraps for Racing {
    fn inner(&self) -> &dyn CredentialStore {
        &*self.inner
    }

    fn write(
        &self,
        caller: &Caller,
        id: &str,
        expected: u64,
        changes: &[Change],
        mode: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        self.writes.fetch_add(1, Ordering::SeqCst);
        let other = self.other.lock().unwrap().take();
        if let Some(other) = other {
            let current = self.inner.record(id).ok_or(StoreError::NotFound)?.revision;
            self.inner
                .write(&Caller::anonymous(), id, current, &other, WriteMode::Commit)?;
        }
        self.inner.write(caller, id, expected, changes, mode)
    }
}

forward_store!(Racing);
