//! The database stores: an SQLite file (the CLI's embedded store) or a
//! PostgreSQL database that many workers on many machines share.
//!
//! Both keep every property value sealed ([`seal`](super::seal)), write
//! with one transaction that moves the revision by compare-and-set, and
//! record each write in the connector's history in that same transaction.
//! The backends only run statements; everything else is here, once.

mod location;
mod postgres;
mod sqlite;
mod tables;

use std::sync::{Arc, RwLock};

use secrecy::ExposeSecret;

use location::Opening;
pub use location::StoreLocation;

use super::history::{HistoryEntry, HistoryEvent, now};
use super::key::{KeySource, StoreKey};
use super::seal::Sealer;
use super::{
    AdminError, CredentialStore, check_access, check_merged_values, check_write_permissions,
    may_use, new_record, no_grant_on_name, resolve_reference, resolve_reference_as,
    usable_candidates,
};
use crate::error::KeyError;
use crate::error::StoreError;
use crate::kinds::{builtin_kinds, builtin_rules};
use crate::model::KindRules;
use crate::model::{
    Caller, Change, ChangeOp, Connector, ConnectorRecord, ConnectorSummary, NewConnector,
    PropertyRecord, WriteMode, WriteReceipt,
};
use tables::{Access, Backend, SealedProperty, Tables};

/// The meta key of the key check.
const KEY_CHECK: &str = "key-check";

/// A [`CredentialStore`] in a database: one SQLite file, or a PostgreSQL
/// database. Safe to share between threads, processes and (PostgreSQL)
/// machines.
///
/// Values are sealed with the store's key (XChaCha20-Poly1305, bound to
/// connector and property); access follows grants, as in
/// [`MemoryStore`](crate::MemoryStore), in every call that names a
/// [`Caller`]; every write is recorded in the connector's
/// [`history`](SqlStore::history). The calls that name no caller
/// (`record`, `find`, `grants`, `list`, `full_history`) are an
/// administrator's: whoever holds the database and its key can read it all anyway.
#[derive(Debug)]
pub struct SqlStore {
    backend: Box<dyn Backend>,
    key: KeySource,
    /// The key in use, with the key check it opened.
    sealer: RwLock<Arc<Keyed>>,
    location: String,
    /// Why the store can only be read, when it can only be read.
    read_only: Option<String>,
}

#[derive(Debug)]
struct Keyed {
    check: Vec<u8>,
    sealer: Sealer,
}

/// What [`SqlStore::find_as`] found: the connector, whom it is granted
/// to, and which of its values failed their integrity check.
#[derive(Clone, Debug)]
pub struct Found {
    /// The connector, values included; a damaged value is left empty.
    pub record: ConnectorRecord,
    /// The principals it is granted to, in order.
    pub grants: Vec<String>,
    /// The names of the values that failed their integrity check.
    pub damaged: Vec<String>,
}

/// What [`SqlStore::rotate_key`] did.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Rotation {
    /// How many connectors' values were re-sealed.
    pub connectors: usize,
    /// How many values were re-sealed.
    pub values: usize,
    /// Where the new key is (never the key).
    pub key: String,
}

impl SqlStore {
    /// Opens the SQLite store at `path` (created on first use, mode 0600)
    /// with the key file beside it (`PATH.key`, created with a new store).
    pub fn sqlite(path: impl AsRef<std::path::Path>) -> Result<Self, StoreError> {
        let path = path.as_ref();
        Self::open(
            &StoreLocation::Sqlite(path.to_path_buf()),
            KeySource::beside(path),
        )
    }

    /// Opens the store at `location` with the key from `key`: creates it
    /// (an SQLite file with mode 0600, its key file, its tables) if there is
    /// none, migrates an older schema forward, and checks that the key is
    /// the store's. Only what adds a connector should call this: reading
    /// calls [`SqlStore::open_existing`], which creates nothing.
    pub fn open(location: &StoreLocation, key: KeySource) -> Result<Self, StoreError> {
        Self::open_as(location, key, Opening::Create)
    }

    /// Opens the store at `location`, which must exist: creates no file, key
    /// or table ([`StoreError::NoStore`] names the path when there is no
    /// store). When this process may not write the SQLite file or its folder
    /// (or the PostgreSQL user may not write), the store is opened to be read:
    /// every read works, and a write is [`StoreError::ReadOnly`]. A store
    /// this process may write is migrated forward as [`SqlStore::open`]
    /// does, so that no plaintext of an older schema stays on disk.
    pub fn open_existing(location: &StoreLocation, key: KeySource) -> Result<Self, StoreError> {
        Self::open_as(location, key, Opening::Existing)
    }

    /// Opens the store at `location`, which must exist, to read it only:
    /// nothing is ever written, not even by this process if it could (a
    /// write is [`StoreError::ReadOnly`]). A store at an older schema is
    /// refused, since reading it needs migrating it first.
    pub fn open_read_only(location: &StoreLocation, key: KeySource) -> Result<Self, StoreError> {
        Self::open_as(location, key, Opening::ReadOnly)
    }

    fn open_as(
        location: &StoreLocation,
        key: KeySource,
        opening: Opening,
    ) -> Result<Self, StoreError> {
        let (backend, read_only): (Box<dyn Backend>, Option<String>) = match location {
            StoreLocation::Sqlite(path) => {
                let sqlite = sqlite::Sqlite::open(path, opening)?;
                let read_only = sqlite.read_only().map(str::to_string);
                (Box::new(sqlite), read_only)
            }
            StoreLocation::Postgres(url) => {
                let postgres = postgres::Postgres::connect(url, opening)?;
                let read_only = postgres.read_only().map(str::to_string);
                (Box::new(postgres), read_only)
            }
        };
        let writable = read_only.is_none();
        let access = if writable {
            Access::Write
        } else {
            Access::Read
        };
        let mut keyed = None;
        let mut migrated = false;
        backend.transaction(access, &mut |t| {
            let state = t.prepare_schema()?;
            // Only a new store, or one from before keys (schema 1), gets a key.
            let create_key = opening == Opening::Create || state.legacy;
            let k = establish_key(t, &key, writable, create_key, location)?;
            if state.legacy {
                for p in t.legacy_properties()? {
                    let sealed = SealedProperty {
                        position: p.position,
                        sealed: k.sealer.seal(&p.connector, &p.name, &p.value),
                        name: p.name,
                        secret: p.secret,
                    };
                    t.put_property(&p.connector, &sealed)?;
                }
                t.drop_legacy()?;
                migrated = true;
            }
            keyed = Some(k);
            Ok(writable)
        })?;
        if migrated {
            backend.purge_freed()?;
        }
        let keyed =
            keyed.ok_or_else(|| StoreError::Unavailable("the store did not open".into()))?;
        Ok(SqlStore {
            backend,
            key,
            sealer: RwLock::new(Arc::new(keyed)),
            location: location.to_string(),
            read_only,
        })
    }

    /// `Ok` when this store may be written; else the
    /// [`StoreError::ReadOnly`] every write gets, saying why.
    pub fn check_writable(&self) -> Result<(), StoreError> {
        match &self.read_only {
            None => Ok(()),
            Some(why) => Err(StoreError::ReadOnly {
                location: self.location.clone(),
                why: why.clone(),
            }),
        }
    }

    /// Where the store is (a PostgreSQL address without its password).
    pub fn location(&self) -> &str {
        &self.location
    }

    /// Runs `work` in one transaction with the store's current key: a key
    /// rotated by another process since is picked up from the key source,
    /// or refused, before anything is read or sealed.
    fn with<R, E: From<StoreError>>(
        &self,
        access: Access,
        work: impl FnOnce(&mut dyn Tables, &Sealer) -> Result<R, E>,
    ) -> Result<R, E> {
        let mut work = Some(work);
        let mut result = None;
        self.backend.transaction(access, &mut |t| {
            let keyed = self.current_key(t)?;
            let work = work
                .take()
                .ok_or_else(|| StoreError::Unavailable("a transaction ran twice".into()))?;
            let outcome = work(t, &keyed.sealer);
            let commit = outcome.is_ok();
            result = Some(outcome);
            Ok(commit)
        })?;
        result.unwrap_or_else(|| {
            Err(StoreError::Unavailable("a transaction did not run".into()).into())
        })
    }

    fn current_key(&self, t: &mut dyn Tables) -> Result<Arc<Keyed>, StoreError> {
        let check = t.meta(KEY_CHECK)?.ok_or_else(|| {
            StoreError::Unavailable(format!(
                "the store {}: its key check is missing; it was not created by connectors-update",
                self.location
            ))
        })?;
        let cached = self
            .sealer
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        if cached.check == check {
            return Ok(cached);
        }
        // Another process rotated the key: its new key is in the key file,
        // or still staged beside it if that process has not renamed it yet.
        let loaded = self.key.load();
        let sealer = loaded
            .as_ref()
            .ok()
            .cloned()
            .into_iter()
            .chain(self.key.staged()?)
            .map(|key| Sealer::new(&key))
            .find(|sealer| sealer.opens_key_check(&check))
            .ok_or_else(|| match loaded {
                Err(missing) => missing,
                Ok(_) => KeyError::Wrong {
                    key: self.key.describe(),
                    store: self.location.clone(),
                },
            })?;
        let keyed = Arc::new(Keyed { check, sealer });
        *self.sealer.write().unwrap_or_else(|e| e.into_inner()) = keyed.clone();
        Ok(keyed)
    }

    /// Adds a connector for an anonymous caller and returns it as stored.
    pub fn add(&self, new: NewConnector) -> Result<ConnectorRecord, AdminError> {
        self.add_as(&Caller::anonymous(), new)
    }

    /// Adds a connector, recording `caller` in its history, and returns it as stored.
    pub fn add_as(
        &self,
        caller: &Caller,
        new: NewConnector,
    ) -> Result<ConnectorRecord, AdminError> {
        let rules = new.kind.as_deref().and_then(builtin_rules);
        let record = new_record(new, rules)?;
        self.with(Access::Write, |t, sealer| {
            if !t.insert_connector(&record.summary())? {
                return Err(AdminError::Invalid(format!(
                    "a connector with id '{}' exists already",
                    record.id
                )));
            }
            for (position, p) in record.properties.iter().enumerate() {
                t.put_property(
                    &record.id,
                    &SealedProperty {
                        position: position as i64,
                        name: p.name.clone(),
                        sealed: sealer.seal(&record.id, &p.name, &p.value),
                        secret: p.secret,
                    },
                )?;
            }
            t.append_history(&entry(
                caller,
                &record.id,
                HistoryEvent::Created,
                (0, record.revision),
                record.properties.iter().map(|p| p.name.clone()).collect(),
                None,
            ))?;
            Ok(record.clone())
        })
    }

    /// The connector with this id, values included.
    pub fn record(&self, id: &str) -> Result<Option<ConnectorRecord>, StoreError> {
        self.with(Access::Read, |t, sealer| load(t, sealer, id))
    }

    /// The connector an id or unique name refers to, values included.
    pub fn find(&self, reference: &str) -> Result<ConnectorRecord, AdminError> {
        self.with(Access::Read, |t, sealer| find(t, sealer, reference))
    }

    /// The connector an id, or a name unique among the connectors `caller`
    /// may use, refers to, with every value that opens, its grants, and the
    /// names of the values that fail their integrity check (left empty in
    /// the record: show them as damaged, never write them back); refused
    /// when `caller` may not use it.
    pub fn find_as(&self, caller: &Caller, reference: &str) -> Result<Found, AdminError> {
        self.with(Access::Read, |t, sealer| {
            let head = find_usable_head(t, caller, reference)?;
            let grants = t.grants(&head.id)?;
            let mut damaged = Vec::new();
            let properties = t.properties(&head.id)?;
            let record = open_record(sealer, head, &properties, true, Some(&mut damaged))?;
            Ok(Found {
                record,
                grants,
                damaged,
            })
        })
    }

    /// The connector an id or unique name refers to, with every value that
    /// opens, and the names of those that fail their integrity check
    /// ([`StoreError::Tampered`] for [`SqlStore::find`]), for an
    /// administrator: no caller is checked. A damaged value is left empty
    /// in the record: show it as damaged, never write it back.
    pub fn find_readable(
        &self,
        reference: &str,
    ) -> Result<(ConnectorRecord, Vec<String>), AdminError> {
        self.with(Access::Read, |t, sealer| {
            let head = find_head(t, reference)?;
            let mut damaged = Vec::new();
            let properties = t.properties(&head.id)?;
            let record = open_record(sealer, head, &properties, true, Some(&mut damaged))?;
            Ok((record, damaged))
        })
    }

    /// Grants `principal` access to the connector `reference` names, if
    /// `caller` may use it, and returns the connector and its grants.
    pub fn grant(
        &self,
        caller: &Caller,
        reference: &str,
        principal: &str,
    ) -> Result<(ConnectorSummary, Vec<String>), AdminError> {
        self.set_grant(caller, reference, principal, true)
    }

    /// Takes `principal`'s grant on the connector `reference` names away, if
    /// `caller` may use it, and returns the connector and the grants left
    /// (none left opens the connector to everyone).
    pub fn revoke(
        &self,
        caller: &Caller,
        reference: &str,
        principal: &str,
    ) -> Result<(ConnectorSummary, Vec<String>), AdminError> {
        self.set_grant(caller, reference, principal, false)
    }

    fn set_grant(
        &self,
        caller: &Caller,
        reference: &str,
        principal: &str,
        granted: bool,
    ) -> Result<(ConnectorSummary, Vec<String>), AdminError> {
        if principal.trim().is_empty() {
            return Err(AdminError::Invalid("a principal may not be empty".into()));
        }
        self.with(Access::Write, |t, _| {
            let head = find_usable_head(t, caller, reference)?;
            if t.set_grant(&head.id, principal, granted)? {
                let event = if granted {
                    HistoryEvent::Granted
                } else {
                    HistoryEvent::Revoked
                };
                t.append_history(&entry(
                    caller,
                    &head.id,
                    event,
                    (head.revision, head.revision),
                    Vec::new(),
                    Some(principal.to_string()),
                ))?;
            }
            let grants = t.grants(&head.id)?;
            Ok((head, grants))
        })
    }

    /// The principals granted the connector with this id, in order.
    pub fn grants(&self, id: &str) -> Result<Vec<String>, StoreError> {
        self.with(Access::Read, |t, _| t.grants(id))
    }

    /// Whether `caller` may use the connector with this id.
    pub fn authorize(&self, id: &str, caller: &Caller) -> Result<(), StoreError> {
        self.with(Access::Read, |t, _| {
            check_access(id, &t.grants(id)?, caller)
        })
    }

    /// Every connector's summary, by name then id, whatever its grants.
    pub fn list(&self) -> Result<Vec<ConnectorSummary>, StoreError> {
        self.with(Access::Read, |t, _| t.heads())
    }

    /// The summaries of the connectors `caller` may use (the open ones and
    /// the ones granted to it), by name then id.
    pub fn list_as(&self, caller: &Caller) -> Result<Vec<ConnectorSummary>, StoreError> {
        self.with(Access::Read, |t, _| {
            let mut grants: std::collections::HashMap<String, Vec<String>> = Default::default();
            for (id, principal) in t.all_grants()? {
                grants.entry(id).or_default().push(principal);
            }
            Ok(t.heads()?
                .into_iter()
                .filter(|h| may_use(grants.get(&h.id).map_or(&[], Vec::as_slice), caller))
                .collect())
        })
    }

    /// The history of the connector `reference` names, oldest first, if
    /// `caller` may use it: since it was added, so a connector that reuses
    /// a deleted one's id does not show the deleted one's history.
    pub fn history(
        &self,
        caller: &Caller,
        reference: &str,
    ) -> Result<Vec<HistoryEntry>, AdminError> {
        self.with(Access::Read, |t, _| {
            let head = find_usable_head(t, caller, reference)?;
            let mut entries = t.history(&head.id)?;
            if let Some(last) = entries
                .iter()
                .rposition(|e| e.event == HistoryEvent::Deleted)
            {
                entries.drain(..=last);
            }
            Ok(entries)
        })
    }

    /// Every history entry recorded under this id, oldest first: a deleted
    /// connector's included, and those of earlier connectors that had the
    /// id. It checks no caller: it is for the store's administrator (the
    /// history is not sealed, so whoever can read the database can read it).
    pub fn full_history(&self, id: &str) -> Result<Vec<HistoryEntry>, StoreError> {
        self.with(Access::Read, |t, _| t.history(id))
    }

    /// Deletes the connector `reference` names, if `caller` may use it: its
    /// values and grants go, and a `deleted` entry naming `caller` is added
    /// to its history, which is kept ([`full_history`](Self::full_history)).
    ///
    /// The values leave the files, not only the tables: SQLite overwrites
    /// deleted content (`secure_delete`), and after the delete the file is
    /// vacuumed and the WAL checkpointed and truncated. PostgreSQL keeps a
    /// deleted row's sealed bytes in its table files until they are reused
    /// and in its WAL and backups; sealed, they are as safe as the key.
    pub fn delete(&self, caller: &Caller, reference: &str) -> Result<ConnectorSummary, AdminError> {
        let head = self.with(Access::Write, |t, _| {
            let head = find_usable_head(t, caller, reference)?;
            let properties = t
                .properties(&head.id)?
                .into_iter()
                .map(|p| p.name)
                .collect();
            if !t.delete_connector(&head.id)? {
                return Err(AdminError::NotFound(reference.to_string()));
            }
            t.append_history(&entry(
                caller,
                &head.id,
                HistoryEvent::Deleted,
                (head.revision, 0),
                properties,
                None,
            ))?;
            Ok(head)
        })?;
        self.backend.purge_freed().map_err(|e| {
            StoreError::Unavailable(format!(
                "connector '{}' was deleted, but the space its values took could not be wiped yet ({e}); \
                 the next delete wipes it",
                head.id
            ))
        })?;
        Ok(head)
    }

    /// Re-seals every value with a new key in one transaction.
    ///
    /// A value that fails its integrity check cannot be re-sealed: the
    /// rotation is then refused whole ([`StoreError::CannotRotate`], naming
    /// every such value), since re-sealing the rest would leave it sealed
    /// with a retired key, so that not even a backup of it would open.
    ///
    /// With a key file, `next` may be `None` (a new key is made): the new key
    /// is written beside the file first (`FILE.next`) and replaces it once
    /// the transaction committed. With a given key, `next` must be given,
    /// and keeping it is the caller's task.
    pub fn rotate_key(&self, next: Option<StoreKey>) -> Result<Rotation, StoreError> {
        self.check_writable()?;
        let next = match (next, &self.key) {
            (Some(key), _) => key,
            (None, KeySource::File(_)) => StoreKey::generate(),
            (None, _) => return Err(KeyError::NewKeyNeeded.into()),
        };
        let new_sealer = Sealer::new(&next);
        self.key.stage(&next)?;
        let done = self.with(Access::Write, |t, old| {
            let mut connectors = std::collections::BTreeSet::new();
            let all = t.all_properties()?;
            let mut damaged = Vec::new();
            for (connector, p) in &all {
                let Ok(value) = old.open(connector, &p.name, &p.sealed) else {
                    damaged.push((connector.clone(), p.name.clone()));
                    continue;
                };
                t.reseal(
                    connector,
                    &p.name,
                    &new_sealer.seal(connector, &p.name, &value),
                )?;
                connectors.insert(connector.clone());
            }
            if !damaged.is_empty() {
                damaged.sort();
                return Err(StoreError::CannotRotate { damaged });
            }
            let check = new_sealer.key_check();
            t.set_meta(KEY_CHECK, &check)?;
            Ok::<_, StoreError>((connectors.len(), all.len(), check))
        });
        let (connectors, values, check) = match done {
            Ok(done) => done,
            Err(e) => {
                self.key.discard_staged()?;
                return Err(e);
            }
        };
        self.key.promote_staged()?;
        let key = match &self.key {
            KeySource::File(_) => self.key.describe(),
            _ => "the new key you gave (keep it: the old key no longer opens the store)".into(),
        };
        *self.sealer.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(Keyed {
            check,
            sealer: new_sealer,
        });
        Ok(Rotation {
            connectors,
            values,
            key,
        })
    }
}

/// Finds the store's key, or makes one for a store that has none yet (if
/// `create`). A store that may not be `writable` is only read: a rotation
/// cut short is used as it is, not finished or forgotten on disk.
fn establish_key(
    t: &mut dyn Tables,
    source: &KeySource,
    writable: bool,
    create: bool,
    location: &StoreLocation,
) -> Result<Keyed, StoreError> {
    let Some(check) = t.meta(KEY_CHECK)? else {
        if !create {
            return Err(StoreError::NoStore {
                location: location.to_string(),
                why: "it has the tables of a store but no key check".into(),
            });
        }
        let sealer = Sealer::new(&source.load_or_create()?);
        let check = sealer.key_check();
        t.set_meta(KEY_CHECK, &check)?;
        source.discard_staged()?;
        return Ok(Keyed { check, sealer });
    };
    // A rotation that committed before its new key file was renamed into
    // place: the staged key is the store's key now.
    if let Some(staged) = source.staged()? {
        let sealer = Sealer::new(&staged);
        if sealer.opens_key_check(&check) {
            if writable {
                source.promote_staged()?;
            }
            return Ok(Keyed { check, sealer });
        }
    }
    let sealer = Sealer::new(&source.load()?);
    if !sealer.opens_key_check(&check) {
        return Err(KeyError::Wrong {
            key: source.describe(),
            store: location.to_string(),
        }
        .into());
    }
    // A staged key that does not open the store never committed.
    if writable {
        source.discard_staged()?;
    }
    Ok(Keyed { check, sealer })
}

fn tampered(connector: &str, property: &str) -> StoreError {
    StoreError::Tampered {
        connector: connector.to_string(),
        property: property.to_string(),
    }
}

fn load(
    t: &mut dyn Tables,
    sealer: &Sealer,
    id: &str,
) -> Result<Option<ConnectorRecord>, StoreError> {
    let Some(head) = t.head(id)? else {
        return Ok(None);
    };
    let properties = t.properties(id)?;
    Ok(Some(open_record(sealer, head, &properties, true, None)?))
}

/// A record of `head` with these properties, opened; a secret one is left
/// empty unless `open_secrets`. A value that does not open is
/// [`StoreError::Tampered`], unless `damaged` collects its name: then it is
/// left empty in the record.
fn open_record<'a>(
    sealer: &Sealer,
    head: ConnectorSummary,
    properties: impl IntoIterator<Item = &'a SealedProperty>,
    open_secrets: bool,
    mut damaged: Option<&mut Vec<String>>,
) -> Result<ConnectorRecord, StoreError> {
    let properties = properties
        .into_iter()
        .map(|p| {
            if p.secret && !open_secrets {
                return Ok(PropertyRecord::new(p.name.clone(), "", true));
            }
            let value = match (sealer.open(&head.id, &p.name, &p.sealed), &mut damaged) {
                (Ok(value), _) => value,
                (Err(_), Some(damaged)) => {
                    damaged.push(p.name.clone());
                    return Ok(PropertyRecord::new(p.name.clone(), "", p.secret));
                }
                (Err(_), None) => return Err(tampered(&head.id, &p.name)),
            };
            Ok(PropertyRecord::new(
                p.name.clone(),
                value.expose_secret(),
                p.secret,
            ))
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(ConnectorRecord {
        id: head.id,
        name: head.name,
        kind: head.kind,
        revision: head.revision,
        properties,
    })
}

/// Applies `changes` to `touched`, whose `damaged` values failed their
/// integrity check (and were left empty): a set or a removal of one replaces
/// it unread, and counts as a change, since what it replaces is unknown; it
/// keeps the secrecy it was stored with (or its kind gives it), as the
/// action was shown it as a secret only because it could not be read. A
/// merge into one needs its value, and is [`StoreError::Tampered`].
fn apply_over_damage(
    touched: &mut ConnectorRecord,
    changes: &[Change],
    damaged: &[String],
    stored: &[SealedProperty],
    rules: Option<&KindRules>,
) -> Result<Vec<String>, StoreError> {
    if damaged.is_empty() {
        return touched.apply(changes);
    }
    if let Some(merge) = changes
        .iter()
        .find(|c| damaged.contains(&c.name) && matches!(c.op, ChangeOp::Merge { .. }))
    {
        return Err(tampered(&touched.id, &merge.name));
    }
    touched.properties.retain(|p| !damaged.contains(&p.name));
    let applied = touched.apply(changes)?;
    for p in &mut touched.properties {
        if damaged.contains(&p.name) {
            p.secret = stored.iter().any(|s| s.name == p.name && s.secret)
                || rules.is_some_and(|r| r.properties.iter().any(|k| k.name == p.name && k.secret));
        }
    }
    let mut changed: Vec<String> = Vec::new();
    for c in changes {
        if (applied.contains(&c.name) || damaged.contains(&c.name)) && !changed.contains(&c.name) {
            changed.push(c.name.clone());
        }
    }
    Ok(changed)
}

fn find_head(t: &mut dyn Tables, reference: &str) -> Result<ConnectorSummary, AdminError> {
    let by_id = t.head(reference)?;
    resolve_reference(reference, by_id, || t.heads_named(reference), |h| h.id)
}

/// [`find_head`] for `caller`: refused if it may not use the connector, and
/// a name is looked up among the connectors it may use only.
fn find_usable_head(
    t: &mut dyn Tables,
    caller: &Caller,
    reference: &str,
) -> Result<ConnectorSummary, AdminError> {
    let by_id = match t.head(reference)? {
        Some(head) => {
            let grants = t.grants(&head.id)?;
            Some((head, grants))
        }
        None => None,
    };
    resolve_reference_as(
        caller,
        reference,
        by_id,
        || {
            let named = t.heads_named(reference)?;
            with_grants(t, named)
        },
        |h| h.id.clone(),
    )
}

/// Each connector with its grants.
fn with_grants(
    t: &mut dyn Tables,
    heads: Vec<ConnectorSummary>,
) -> Result<Vec<(ConnectorSummary, Vec<String>)>, StoreError> {
    heads
        .into_iter()
        .map(|h| {
            let grants = t.grants(&h.id)?;
            Ok((h, grants))
        })
        .collect()
}

/// The connector a reference names, its values opened (only its own: the
/// other connectors of an ambiguous name are not opened).
fn find(
    t: &mut dyn Tables,
    sealer: &Sealer,
    reference: &str,
) -> Result<ConnectorRecord, AdminError> {
    let head = find_head(t, reference)?;
    load(t, sealer, &head.id)?.ok_or_else(|| AdminError::NotFound(reference.to_string()))
}

/// A history entry from its stored columns.
fn history_entry(
    connector: &str,
    at: String,
    event: &str,
    principal: Option<String>,
    (before, after): (i64, i64),
    properties: &str,
    grantee: Option<String>,
) -> Result<HistoryEntry, StoreError> {
    let corrupt = || {
        StoreError::Unavailable(format!(
            "the history of connector '{connector}' holds an entry this version cannot read"
        ))
    };
    Ok(HistoryEntry {
        connector: connector.to_string(),
        at,
        event: HistoryEvent::parse(event).ok_or_else(corrupt)?,
        principal,
        revision_before: u64::try_from(before).map_err(|_| corrupt())?,
        revision_after: u64::try_from(after).map_err(|_| corrupt())?,
        properties: serde_json::from_str(properties).map_err(|_| corrupt())?,
        grantee,
    })
}

fn entry(
    caller: &Caller,
    connector: &str,
    event: HistoryEvent,
    (before, after): (u64, u64),
    properties: Vec<String>,
    grantee: Option<String>,
) -> HistoryEntry {
    HistoryEntry {
        connector: connector.to_string(),
        at: now(),
        event,
        principal: caller.name().map(str::to_string),
        revision_before: before,
        revision_after: after,
        properties,
        grantee,
    }
}

impl CredentialStore for SqlStore {
    fn get(&self, caller: &Caller, id: &str) -> Result<Connector, StoreError> {
        self.with(Access::Read, |t, sealer| {
            let head = t.head(id)?.ok_or(StoreError::NotFound)?;
            check_access(id, &t.grants(id)?, caller)?;
            let rules = head.kind.as_deref().and_then(builtin_rules);
            // Secret values are withheld from the view: they are not even opened.
            let mut damaged = Vec::new();
            let mut record =
                open_record(sealer, head, &t.properties(id)?, false, Some(&mut damaged))?;
            // A plain value that fails its integrity check cannot be shown,
            // and must not block the step that sets or removes it (which
            // repairs it): the action sees it as it sees a secret, whose
            // value it never has either. `write` keeps it plain.
            for p in &mut record.properties {
                p.secret |= damaged.contains(&p.name);
            }
            Ok(record.view(rules))
        })
    }

    fn find_by_name(
        &self,
        caller: &Caller,
        name: &str,
    ) -> Result<Vec<ConnectorSummary>, StoreError> {
        self.with(Access::Read, |t, _| {
            let named = t.heads_named(name)?;
            let named = with_grants(t, named)?;
            usable_candidates(caller, named, || no_grant_on_name(caller))
        })
    }

    fn rules(&self, _: &Caller, kind: &str) -> Result<Option<KindRules>, StoreError> {
        Ok(builtin_rules(kind).cloned())
    }

    fn kinds(&self, _: &Caller) -> Result<Vec<KindRules>, StoreError> {
        Ok(builtin_kinds().to_vec())
    }

    fn write(
        &self,
        caller: &Caller,
        id: &str,
        expected_revision: u64,
        changes: &[Change],
        mode: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        let access = match mode {
            WriteMode::Commit => Access::Write,
            WriteMode::Preview => Access::Read,
        };
        self.with(access, |t, sealer| {
            let head = t.head(id)?.ok_or(StoreError::NotFound)?;
            check_access(id, &t.grants(id)?, caller)?;
            if head.revision != expected_revision {
                return Err(StoreError::Conflict(head.revision));
            }
            let rules = head.kind.as_deref().and_then(builtin_rules);
            // Only the properties the changes name are opened, compared and
            // sealed again; the others stay as they are.
            let stored = t.properties(id)?;
            let names: std::collections::HashSet<&str> =
                changes.iter().map(|c| c.name.as_str()).collect();
            let mut damaged = Vec::new();
            let mut touched = open_record(
                sealer,
                head,
                stored.iter().filter(|p| names.contains(p.name.as_str())),
                true,
                Some(&mut damaged),
            )?;
            let changed = apply_over_damage(&mut touched, changes, &damaged, &stored, rules)?;
            check_write_permissions(rules, caller, &changed)?;
            check_merged_values(rules, changes, &touched)?;
            if mode == WriteMode::Preview || changed.is_empty() {
                return Ok(WriteReceipt {
                    revision: touched.revision,
                    changed,
                });
            }
            let revision = touched.revision + 1;
            if !t.advance_revision(id, expected_revision, revision)? {
                let now = t.head(id)?.ok_or(StoreError::NotFound)?;
                return Err(StoreError::Conflict(now.revision));
            }
            let mut next_position = stored.iter().map(|p| p.position + 1).max().unwrap_or(0);
            for name in &changed {
                let Some(p) = touched.properties.iter().find(|p| &p.name == name) else {
                    t.delete_property(id, name)?;
                    continue;
                };
                let position = match stored.iter().find(|s| &s.name == name) {
                    Some(s) => s.position,
                    None => {
                        next_position += 1;
                        next_position - 1
                    }
                };
                t.put_property(
                    id,
                    &SealedProperty {
                        position,
                        name: name.clone(),
                        sealed: sealer.seal(id, name, &p.value),
                        secret: p.secret,
                    },
                )?;
            }
            t.append_history(&entry(
                caller,
                id,
                HistoryEvent::Updated,
                (expected_revision, revision),
                changed.clone(),
                None,
            ))?;
            Ok(WriteReceipt { revision, changed })
        })
    }
}
