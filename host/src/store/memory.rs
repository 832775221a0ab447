//! An in-memory credential store: for tests, and for engines that keep
//! their connectors elsewhere and want the action's semantics on a copy.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::RwLock;

use super::kind_set::KindSet;
use super::{
    AdminError, CredentialStore, check_access, check_merged_values, check_write_permissions,
    new_record, no_grant_on_name, refuse_id_name_collision, resolve_reference, usable_candidates,
};
use crate::error::StoreError;
use crate::model::KindRules;
use crate::model::{
    Caller, Change, Connector, ConnectorRecord, ConnectorSummary, NewConnector, WriteMode,
    WriteReceipt,
};

/// A thread-safe in-memory [`CredentialStore`].
///
/// Its kinds are the built-in ones ([`builtin_kinds`](crate::kinds::builtin_kinds))
/// unless it is given its own, as a [`SqlStore`](crate::stores::SqlStore) is, with
/// [`MemoryStore::with_kinds`] (or one at a time with
/// [`MemoryStore::set_rules`]).
///
/// Access follows grants, as in [`SqlStore`](crate::stores::SqlStore), checked in
/// the same order so that both answer a caller alike: a connector with no
/// grants is open to every caller; one with grants only to those
/// principals. Its administration (`add`, `grant`, `revoke`, `record`,
/// `find`) is an administrator's and checks no caller.
#[derive(Debug)]
pub struct MemoryStore {
    connectors: RwLock<BTreeMap<String, ConnectorRecord>>,
    /// What `rules` and `kinds` answer, and what `add` and `write` check.
    kinds: RwLock<KindSet>,
    grants: RwLock<HashMap<String, BTreeSet<String>>>,
    /// This store's [`CredentialStore::identity`], unique in the process.
    identity: String,
}

impl Default for MemoryStore {
    fn default() -> Self {
        Self::new()
    }
}

impl MemoryStore {
    /// An empty store with the built-in kinds.
    pub fn new() -> Self {
        MemoryStore {
            connectors: RwLock::new(BTreeMap::new()),
            kinds: RwLock::new(KindSet::default()),
            grants: RwLock::new(HashMap::new()),
            identity: {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
                format!(
                    "memory:{}",
                    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
                )
            },
        }
    }

    /// The store with these kinds, and no other, in place of the built-in
    /// ones (chain [`builtin_kinds`](crate::kinds::builtin_kinds) to keep
    /// them), as [`SqlStore::with_kinds`](crate::stores::SqlStore::with_kinds):
    /// `rules` and `kinds` answer with them (in this order), [`add`](Self::add)
    /// refuses a connector that breaks its kind's rules or names a kind not
    /// among them, and every write is checked by its connector's kind. A
    /// kind given twice keeps its first place and its last rules.
    pub fn with_kinds(mut self, kinds: impl IntoIterator<Item = KindRules>) -> Self {
        *self.kinds.get_mut().unwrap_or_else(|e| e.into_inner()) = KindSet::new(kinds);
        self
    }

    /// Grants `principal` access to the connector `reference` names, and
    /// returns the connector's grants.
    pub fn grant(&self, reference: &str, principal: &str) -> Result<Vec<String>, AdminError> {
        let id = self.find(reference)?.id;
        let mut grants = self.grants.write().unwrap_or_else(|e| e.into_inner());
        let set = grants.entry(id).or_default();
        set.insert(principal.to_string());
        Ok(set.iter().cloned().collect())
    }

    /// Takes `principal`'s grant on the connector `reference` names away, and
    /// returns the grants left (none left opens the connector to everyone).
    pub fn revoke(&self, reference: &str, principal: &str) -> Result<Vec<String>, AdminError> {
        let id = self.find(reference)?.id;
        let mut grants = self.grants.write().unwrap_or_else(|e| e.into_inner());
        let set = grants.entry(id).or_default();
        set.remove(principal);
        Ok(set.iter().cloned().collect())
    }

    /// The principals granted the connector with this id, in order.
    pub fn grants(&self, id: &str) -> Vec<String> {
        self.grants
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(id)
            .map(|set| set.iter().cloned().collect())
            .unwrap_or_default()
    }

    fn authorize(&self, id: &str, caller: &Caller) -> Result<(), StoreError> {
        let grants = self.grants.read().unwrap_or_else(|e| e.into_inner());
        match grants.get(id) {
            Some(set) if !set.is_empty() => {
                check_access(id, &set.iter().cloned().collect::<Vec<_>>(), caller)
            }
            _ => check_access(id, &[], caller),
        }
    }

    fn kind_rules(&self, kind: Option<&str>) -> Option<KindRules> {
        self.kinds
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .of(kind)
            .cloned()
    }

    /// Declares the rules of a kind beside the store's others (last, if it
    /// is new), or replaces the rules it had: connectors already added are
    /// written by the new rules.
    pub fn set_rules(&self, rules: KindRules) {
        self.kinds
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .declare(rules);
    }

    /// Adds a connector and returns it as stored. A connector of a kind the
    /// store has no rules for is [`AdminError::UnknownKind`], one that
    /// breaks its kind's rules [`AdminError::ValidationFailed`], one whose
    /// id is taken, or is another connector's name, or whose name is
    /// another connector's id, or with a value over the per-value limit,
    /// [`AdminError::Invalid`]: nothing is added.
    pub fn add(&self, new: NewConnector) -> Result<ConnectorRecord, AdminError> {
        let record = {
            let kinds = self.kinds.read().unwrap_or_else(|e| e.into_inner());
            let rules = kinds.for_new(new.kind.as_deref())?;
            new_record(new, rules)?
        };
        let mut connectors = self.connectors.write().unwrap_or_else(|e| e.into_inner());
        if connectors.contains_key(&record.id) {
            return Err(AdminError::Invalid(format!(
                "a connector with id '{}' exists already",
                record.id
            )));
        }
        refuse_id_name_collision(
            &record,
            connectors.values().any(|c| c.name == record.id),
            record.name != record.id && connectors.contains_key(&record.name),
        )?;
        connectors.insert(record.id.clone(), record.clone());
        Ok(record)
    }

    /// The connector with this id, values included.
    pub fn record(&self, id: &str) -> Option<ConnectorRecord> {
        self.connectors
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(id)
            .cloned()
    }

    /// The connector an id or unique name refers to, values included.
    pub fn find(&self, reference: &str) -> Result<ConnectorRecord, AdminError> {
        let connectors = self.connectors.read().unwrap_or_else(|e| e.into_inner());
        resolve_reference(
            reference,
            connectors.get(reference).cloned(),
            || {
                Ok(connectors
                    .values()
                    .filter(|c| c.name == reference)
                    .cloned()
                    .collect())
            },
            |r| r.id,
        )
    }

    /// Every connector, values included.
    pub fn records(&self) -> Vec<ConnectorRecord> {
        self.connectors
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .values()
            .cloned()
            .collect()
    }
}

impl CredentialStore for MemoryStore {
    fn identity(&self) -> Option<String> {
        Some(self.identity.clone())
    }

    fn get(&self, caller: &Caller, id: &str) -> Result<Connector, StoreError> {
        // The view is made under the read locks, from the record and the
        // rules as they are held: nothing is copied but what the view holds.
        // The kinds' lock is taken before the connectors', as everywhere.
        let kinds = self.kinds.read().unwrap_or_else(|e| e.into_inner());
        let connectors = self.connectors.read().unwrap_or_else(|e| e.into_inner());
        let record = connectors.get(id).ok_or(StoreError::NotFound)?;
        self.authorize(id, caller)?;
        Ok(record.view(kinds.of(record.kind.as_deref())))
    }

    fn find_by_name(
        &self,
        caller: &Caller,
        name: &str,
    ) -> Result<Vec<ConnectorSummary>, StoreError> {
        let named: Vec<ConnectorSummary> = self
            .connectors
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .values()
            .filter(|c| c.name == name)
            .map(ConnectorRecord::summary)
            .collect();
        let named = named
            .into_iter()
            .map(|c| {
                let grants = self.grants(&c.id);
                (c, grants)
            })
            .collect();
        usable_candidates(caller, named, || no_grant_on_name(caller))
    }

    fn rules(&self, _: &Caller, kind: &str) -> Result<Option<KindRules>, StoreError> {
        Ok(self.kind_rules(Some(kind)))
    }

    fn kinds(&self, _: &Caller) -> Result<Vec<KindRules>, StoreError> {
        Ok(self
            .kinds
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .all()
            .to_vec())
    }

    fn write(
        &self,
        caller: &Caller,
        id: &str,
        expected_revision: u64,
        changes: &[Change],
        mode: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        let kinds = self.kinds.read().unwrap_or_else(|e| e.into_inner());
        let mut connectors = self.connectors.write().unwrap_or_else(|e| e.into_inner());
        let record = connectors.get_mut(id).ok_or(StoreError::NotFound)?;
        self.authorize(id, caller)?;
        if record.revision != expected_revision {
            return Err(StoreError::Conflict(record.revision));
        }
        let rules = kinds.of(record.kind.as_deref());
        check_write_permissions(rules, caller, changes)?;
        let mut updated = record.clone();
        let changed = updated.apply(changes, rules)?;
        check_merged_values(rules, changes, &updated)?;
        if mode == WriteMode::Commit && !changed.is_empty() {
            updated.revision += 1;
            *record = updated;
        }
        Ok(WriteReceipt {
            revision: record.revision,
            changed,
        })
    }
}
