//! Store wrappers that inject faults into a real store: the only mocks in the suite.

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

use connectors_update::{
    Change, Connector, ConnectorSummary, CredentialStore, KindRules, MemoryStore, NewConnector,
    StoreError, WriteMode, WriteReceipt,
};

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

impl CredentialStore for Interfering {
    fn get(&self, id: &str) -> Result<Connector, StoreError> {
        self.inner.get(id)
    }

    fn find_by_name(&self, name: &str) -> Result<Vec<ConnectorSummary>, StoreError> {
        self.inner.find_by_name(name)
    }

    fn rules(&self, kind: &str) -> Option<KindRules> {
        self.inner.rules(kind)
    }

    fn write(
        &self,
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
                op: connectors_update::ChangeOp::Set {
                    value: "x".into(),
                    secret: false,
                },
            }];
            let current = self.inner.record(id).ok_or(StoreError::NotFound)?.revision;
            self.inner.write(id, current, &other, WriteMode::Commit)?;
        }
        self.inner.write(id, expected, changes, mode)
    }
}

/// A store whose every call fails with `error`.
pub struct Broken(pub StoreError);

impl CredentialStore for Broken {
    fn get(&self, _: &str) -> Result<Connector, StoreError> {
        Err(self.0.clone())
    }
    fn find_by_name(&self, _: &str) -> Result<Vec<ConnectorSummary>, StoreError> {
        Err(self.0.clone())
    }
    fn rules(&self, _: &str) -> Option<KindRules> {
        None
    }
    fn write(
        &self,
        _: &str,
        _: u64,
        _: &[Change],
        _: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        Err(self.0.clone())
    }
}

/// A memory store with one plain connector `c1` named `name`, holding the canary.
pub fn one_connector(name: &str) -> Arc<MemoryStore> {
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
