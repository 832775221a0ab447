//! The keys of a database store: which of them this machine holds, which
//! one seals and which open, in every transaction; and finding them (or
//! migrating a store from before keyrings) when the store opens.
//!
//! The store records its keyring's key ids and their states
//! ([`KeyState`]), never a key; the keys come from a [`KeySource`]. Every
//! transaction reads the states first, so a key another machine staged,
//! promoted or retired is seen at once; a key the store names that this
//! machine does not hold sends it back to its key file, which an operator
//! may have given the new key since.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use secrecy::SecretString;

use super::location::StoreLocation;
use super::tables::{Access, Backend, KeyLock, SchemaState, StoreKeyRow, Tables};
use crate::error::{KeyError, StoreError};
use crate::history::now_rfc3339;
use crate::key_file::{KeyFileStamp, KeySource};
use crate::keyring::{KeyId, KeyState, Keyring};
use crate::seal::{ConnectorHead, Sealer, is_format_2, sealed_by};

/// The meta key of a format-1 store's key check (schema 2).
const FORMAT_1_KEY_CHECK: &str = "key-check";

/// Why a sealed value did not open.
#[derive(Debug)]
pub(super) enum Unsealed {
    /// It fails its integrity check: changed, moved, or not a sealed value.
    Damaged,
    /// Its key is one of the store's, and this machine lacks it.
    Key(KeyError),
}

/// What one transaction seals and opens with: the store's keys that this
/// machine holds, as the store says they may be used.
#[derive(Debug)]
pub(super) struct Sealers {
    /// The primary key, or the newest enabled key if this machine lacks the
    /// primary; `None` if it holds neither (it can then only read).
    sealing: Option<Arc<Sealer>>,
    /// The store's keys, with this machine's sealer for each it holds.
    keys: HashMap<KeyId, (KeyState, Option<Arc<Sealer>>)>,
    primary: Option<KeyId>,
    store: String,
    source: String,
}

impl Sealers {
    /// Seals the value of property `name` of connector `connector`, marked
    /// `secret` or not, with the primary key (or, on a machine that lacks
    /// it, the newest enabled key).
    pub(super) fn seal(
        &self,
        connector: &str,
        name: &str,
        secret: bool,
        value: &SecretString,
    ) -> Result<Vec<u8>, StoreError> {
        Ok(self.sealing()?.seal(connector, name, secret, value))
    }

    /// Seals a connector's list of its values for its row `head`, with the
    /// key [`Sealers::seal`] uses.
    pub(super) fn seal_connector(
        &self,
        head: ConnectorHead<'_>,
        list: &[u8],
    ) -> Result<Vec<u8>, StoreError> {
        Ok(self.sealing()?.seal_connector(head, list))
    }

    fn sealing(&self) -> Result<&Sealer, StoreError> {
        match &self.sealing {
            Some(sealer) => Ok(sealer),
            None => Err(self.lacks(self.primary, "sealing new values".into()).into()),
        }
    }

    /// Opens a connector's list of its values, sealed for its row `head`.
    pub(super) fn open_connector(
        &self,
        head: ConnectorHead<'_>,
        sealed: &[u8],
    ) -> Result<Vec<u8>, Unsealed> {
        let sealer = self.sealer_for(sealed, &format!("the record of connector '{}'", head.id))?;
        sealer
            .open_connector(head, sealed)
            .map_err(|_| Unsealed::Damaged)
    }

    /// A value of format 2 (schema 3, no secret mark bound) sealed again
    /// in this format with the key that sealed it, so that a migration
    /// leaves every key sealing as many values as before; `None` for a
    /// value in another format.
    pub(super) fn upgrade_format_2(
        &self,
        connector: &str,
        name: &str,
        secret: bool,
        sealed: &[u8],
    ) -> Result<Option<Vec<u8>>, Unsealed> {
        if !is_format_2(sealed) {
            return Ok(None);
        }
        let sealer = self.sealer_for(
            sealed,
            &format!("property '{name}' of connector '{connector}'"),
        )?;
        let value = sealer
            .open_format_2(connector, name, sealed)
            .map_err(|_| Unsealed::Damaged)?;
        Ok(Some(sealer.seal(connector, name, secret, &value)))
    }

    /// The sealer of the key `sealed` names, for `what`.
    fn sealer_for(&self, sealed: &[u8], what: &str) -> Result<&Sealer, Unsealed> {
        let id = sealed_by(sealed).ok_or(Unsealed::Damaged)?;
        match self.keys.get(&id) {
            // A key the store never had, or retired once nothing needed
            // it: nothing it holds can name it, unless it was changed.
            None | Some((KeyState::Retired, _)) => Err(Unsealed::Damaged),
            Some((_, None)) => Err(Unsealed::Key(self.lacks(Some(id), what.to_string()))),
            Some((_, Some(sealer))) => Ok(sealer),
        }
    }

    /// Whether this machine holds the key with this id.
    pub(super) fn holds(&self, id: KeyId) -> bool {
        self.keys
            .get(&id)
            .is_some_and(|(_, sealer)| sealer.is_some())
    }

    /// The key that seals, when this machine holds it.
    pub(super) fn sealer(&self) -> Option<&Sealer> {
        self.sealing.as_deref()
    }

    /// Opens the value of property `name` of connector `connector`, which
    /// its row marks `secret` or not.
    pub(super) fn open(
        &self,
        connector: &str,
        name: &str,
        secret: bool,
        sealed: &[u8],
    ) -> Result<SecretString, Unsealed> {
        self.sealer_for(
            sealed,
            &format!("property '{name}' of connector '{connector}'"),
        )?
        .open(connector, name, secret, sealed)
        .map_err(|_| Unsealed::Damaged)
    }

    /// The refusal of a machine that lacks `key` (`None`: the store has no
    /// primary key) for `what`.
    pub(super) fn lacks(&self, key: Option<KeyId>, what: String) -> KeyError {
        KeyError::Lacks {
            key: key.map_or_else(|| "(none)".into(), |k| k.to_string()),
            store: self.store.clone(),
            what,
            keys: self.source.clone(),
        }
    }
}

/// This machine's keys for one store: where they come from, and the ones
/// it holds now (re-read from a key file when the store names one it lacks).
#[derive(Debug)]
pub(super) struct StoreKeys {
    source: KeySource,
    held: RwLock<Arc<Held>>,
    /// The key file as it was when last read for a key the store named
    /// and this machine lacked: it is read again only once it changes.
    looked_at: Mutex<Option<KeyFileStamp>>,
}

/// The keys a machine holds, each with its sealer.
#[derive(Debug, Default)]
struct Held {
    ring: Keyring,
    sealers: HashMap<KeyId, Arc<Sealer>>,
}

impl Held {
    fn new(ring: Keyring) -> Self {
        let sealers = ring
            .keys()
            .iter()
            .map(|k| (k.id(), Arc::new(Sealer::new(k))))
            .collect();
        Held { ring, sealers }
    }
}

impl StoreKeys {
    /// The keys of a store that opened with `ring`.
    pub(super) fn new(source: KeySource, ring: Keyring) -> Self {
        StoreKeys {
            source,
            held: RwLock::new(Arc::new(Held::new(ring))),
            looked_at: Mutex::new(None),
        }
    }

    /// Where the keys come from.
    pub(super) fn source(&self) -> &KeySource {
        &self.source
    }

    /// The keys this machine holds now.
    pub(super) fn ring(&self) -> Keyring {
        self.current().ring.clone()
    }

    /// Adds a key this process was given (a rotation's new key, with keys
    /// given rather than in a file).
    pub(super) fn hold(&self, key: crate::key::StoreKey) {
        let ring = self.ring().with(key);
        *self.held.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(Held::new(ring));
    }

    /// Drops a retired key from what this process holds.
    pub(super) fn forget(&self, id: KeyId) {
        let ring = self.ring().without(id);
        *self.held.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(Held::new(ring));
    }

    /// Whether the key file may hold keys this machine has not read yet:
    /// it changed since it was last looked at here (or cannot be looked
    /// at, when reading it says why). Looking costs one `stat`, not a read,
    /// so a machine left behind by a rotation does not read its key file
    /// on every call.
    fn key_file_changed(&self) -> bool {
        if self.source.file().is_none() {
            return false;
        }
        let now = self.source.stamp();
        let mut looked_at = self.looked_at.lock().unwrap_or_else(|e| e.into_inner());
        if now.is_some() && *looked_at == now {
            return false;
        }
        *looked_at = now;
        true
    }

    fn current(&self) -> Arc<Held> {
        self.held.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Runs `work` in one transaction of `backend` with the store's keys as
    /// they are now, held as `lock` says from the transaction's first
    /// statement: the transaction commits when `work` succeeds. A write
    /// holds the store's key states (shared) against a retirement until it
    /// commits; a change of them holds them exclusively from the start,
    /// since two transactions that each held them shared and then asked
    /// for them exclusively would wait for each other (a deadlock).
    pub(super) fn transaction<R, E: From<StoreError>>(
        &self,
        backend: &dyn Backend,
        location: &str,
        access: Access,
        lock: KeyLock,
        work: impl FnOnce(&mut dyn Tables, &Sealers) -> Result<R, E>,
    ) -> Result<R, E> {
        let mut work = Some(work);
        let mut result = None;
        backend.transaction(access, &mut |t| {
            let rows = t.store_keys(lock)?;
            let sealers = self.sealers(&rows, location)?;
            let work = work
                .take()
                .ok_or_else(|| StoreError::Unavailable("a transaction ran twice".into()))?;
            let outcome = work(t, &sealers);
            let commit = outcome.is_ok();
            result = Some(outcome);
            Ok(commit)
        })?;
        result.unwrap_or_else(|| {
            Err(StoreError::Unavailable("a transaction did not run".into()).into())
        })
    }

    /// The sealers for a store whose keys are `rows`: a key the store
    /// names that this machine lacks sends it to its key file first.
    pub(super) fn sealers(
        &self,
        rows: &[StoreKeyRow],
        location: &str,
    ) -> Result<Sealers, StoreError> {
        check_key_list(rows, location)?;
        let mut held = self.current();
        let lacking = rows
            .iter()
            .any(|r| r.state != KeyState::Retired && !held.ring.holds(r.id));
        if lacking && self.key_file_changed() {
            // Another machine rotated: the operator may have given this one
            // the new keyring since. An unreadable file keeps what is held.
            if let Ok(ring) = self.source.load() {
                let ring = held.ring.keys().iter().cloned().fold(ring, Keyring::with);
                let fresh = Arc::new(Held::new(ring));
                *self.held.write().unwrap_or_else(|e| e.into_inner()) = fresh.clone();
                held = fresh;
            }
        }
        let usable = |r: &&StoreKeyRow| matches!(r.state, KeyState::Primary | KeyState::Enabled);
        if !rows.iter().filter(usable).any(|r| held.ring.holds(r.id)) {
            let ids = |keep: &dyn Fn(&StoreKeyRow) -> bool| -> String {
                let ids: Vec<String> = rows
                    .iter()
                    .filter(|r| keep(r))
                    .map(|r| r.id.to_string())
                    .collect();
                ids.join(", ")
            };
            let retired = ids(&|r| r.state == KeyState::Retired && held.ring.holds(r.id));
            if !retired.is_empty() {
                return Err(KeyError::Retired {
                    keys: self.source.describe(),
                    retired,
                    current: ids(&|r| usable(&r)),
                    store: location.to_string(),
                }
                .into());
            }
            return Err(wrong_keys(&self.source, location).into());
        }
        let primary = rows
            .iter()
            .find(|r| r.state == KeyState::Primary)
            .map(|r| r.id);
        // The primary, else the newest enabled key this machine holds.
        let sealing = rows
            .iter()
            .filter(usable)
            .filter(|r| held.sealers.contains_key(&r.id))
            .max_by_key(|r| (r.state == KeyState::Primary, r.position))
            .and_then(|r| held.sealers.get(&r.id).cloned());
        let keys = rows
            .iter()
            .map(|r| (r.id, (r.state, held.sealers.get(&r.id).cloned())))
            .collect();
        Ok(Sealers {
            sealing,
            keys,
            primary,
            store: location.to_string(),
            source: self.source.describe(),
        })
    }
}

/// Refuses a list of keys that connectors-update never writes: a store
/// always has one primary key and at most one staged key. Changed outside
/// it (say, a second key made primary), every machine would seal with a
/// key of its own choosing, and a rotation could retire a key in use.
fn check_key_list(rows: &[StoreKeyRow], location: &str) -> Result<(), KeyError> {
    let ids = |state: KeyState| -> Vec<String> {
        rows.iter()
            .filter(|r| r.state == state)
            .map(|r| r.id.to_string())
            .collect()
    };
    let (primary, staged) = (ids(KeyState::Primary), ids(KeyState::Staged));
    let why = if rows.is_empty() {
        "it names no keys".to_string()
    } else if primary.is_empty() {
        "it names no primary key".to_string()
    } else if primary.len() > 1 {
        format!(
            "it names {} primary keys: {}",
            primary.len(),
            primary.join(", ")
        )
    } else if staged.len() > 1 {
        format!(
            "it names {} staged keys: {}",
            staged.len(),
            staged.join(", ")
        )
    } else {
        return Ok(());
    };
    Err(KeyError::Tampered {
        store: location.to_string(),
        why,
    })
}

/// The refusal of a keyring that holds none of the keys the store uses.
fn wrong_keys(source: &KeySource, location: &str) -> KeyError {
    KeyError::Wrong {
        key: source.describe(),
        store: location.to_string(),
    }
}

/// Finds the store's keys when it opens, in its opening transaction: gives
/// a new store (if `create`) its first key, migrates a store from before
/// keyrings (`state.unkeyed`: its format-1 values are sealed again with a
/// key id), and checks that this machine holds a key the store uses.
/// Returns the keyring this machine holds.
pub(super) fn establish_keys(
    t: &mut dyn Tables,
    source: &KeySource,
    state: &SchemaState,
    writable: bool,
    create: bool,
    location: &StoreLocation,
) -> Result<Keyring, StoreError> {
    let shown = location.to_string();
    let rows = t.store_keys(KeyLock::None)?;
    if !rows.is_empty() {
        let ring = source.load()?;
        if writable {
            source.settle_staged(|id| rows.iter().any(|r| r.id == id))?;
        }
        let keys = StoreKeys::new(source.clone(), ring);
        keys.sealers(&rows, &shown)?;
        return Ok(keys.ring());
    }
    if state.unkeyed {
        return migrate_format_1(t, source, writable, &shown);
    }
    // Values sealed under keys the store does not name: its list of keys
    // was emptied, and making a new primary key would hide that.
    let sealed: u64 = t.values_by_key()?.iter().map(|(_, n)| n).sum();
    if sealed > 0 {
        return Err(KeyError::Tampered {
            store: shown,
            why: format!("it names no keys, and {sealed} value(s) are sealed"),
        }
        .into());
    }
    if !create {
        return Err(StoreError::NoStore {
            location: shown,
            why: "it has the tables of a store but no keys".into(),
        });
    }
    // A new store (or one from before keys, schema 1): the last key given
    // is its primary key.
    let ring = source.load_or_create()?;
    let first = ring.keys().last().ok_or(KeyError::NoneGiven)?;
    t.put_store_key(&StoreKeyRow {
        id: first.id(),
        position: 0,
        state: KeyState::Primary,
        since: now_rfc3339(),
    })?;
    if writable {
        source.settle_staged(|id| id == first.id())?;
    }
    Ok(ring)
}

/// A store at schema 2 had one key, known by its key check, and sealed in
/// format 1: that key becomes its primary key, and every value that opens
/// is sealed again in format 2, in the opening transaction. A value that
/// fails its integrity check is left as it was, still damaged.
fn migrate_format_1(
    t: &mut dyn Tables,
    source: &KeySource,
    writable: bool,
    location: &str,
) -> Result<Keyring, StoreError> {
    let check = t
        .meta(FORMAT_1_KEY_CHECK)?
        .ok_or_else(|| StoreError::NoStore {
            location: location.to_string(),
            why: "it has the tables of a store but no key check".into(),
        })?;
    let ring = source.load()?;
    let key = ring
        .keys()
        .iter()
        .find(|k| Sealer::new(k).opens_format_1_key_check(&check))
        .ok_or_else(|| KeyError::Wrong {
            key: source.describe(),
            store: location.to_string(),
        })?;
    if !writable {
        // Read-only openings of older schemas are refused before this.
        return Err(StoreError::Unavailable(format!(
            "the store {location} must be migrated to keyrings, and it can only be read here"
        )));
    }
    let sealer = Sealer::new(key);
    t.put_store_key(&StoreKeyRow {
        id: key.id(),
        position: 0,
        state: KeyState::Primary,
        since: now_rfc3339(),
    })?;
    for (connector, p) in t.all_properties()? {
        if let Ok(value) = sealer.open_format_1(&connector, &p.name, &p.sealed) {
            t.reseal(
                &connector,
                &p.name,
                &p.sealed,
                &sealer.seal(&connector, &p.name, p.secret, &value),
            )?;
        }
    }
    t.delete_meta(FORMAT_1_KEY_CHECK)?;
    let id = key.id();
    source.settle_staged(|staged| staged == id)?;
    Ok(ring)
}
