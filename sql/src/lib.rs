//! The database credential stores of the `Connectors.Update` harness: an
//! SQLite file (the CLI's embedded store) or a PostgreSQL database that many
//! workers on many machines share, each a
//! [`CredentialStore`](connectors_update_harness::CredentialStore) an engine
//! hands the harness.
//!
//! Both keep every property value sealed ([`seal`](crate::seal)), write
//! with one transaction that moves the revision by compare-and-set, and
//! record each write in the connector's history in that same transaction.
//! The backends only run statements; everything else is written once, in
//! the files beside them, from the bottom up:
//!
//! - `key_id`, `key`, `keyring`, `key_file`: a store key, its id, a
//!   machine's keyring and where it comes from; `seal`: the sealed format;
//!   `history`: what each write records;
//! - `tables`: what a backend provides; `location`, `sqlite`,
//!   `postgres` (with `tls`): where a store is, and the two backends;
//! - `keys`: the store's keys, which seal and which open, in every
//!   transaction; `rotation`: staging, promoting and retiring them;
//! - `manifest`: each connector's sealed list of its values, which
//!   catches a value rolled back, deleted or added outside the store;
//! - `records`: reading connectors out of the tables;
//! - this file: the [`SqlStore`] type, and opening it;
//! - `admin`: administering it (add, find, grants, list, history, delete);
//! - `calls`: what a step calls, the `CredentialStore` implementation.
//!
//! ```
//! use connectors_update_harness::stores::NewConnector;
//! use connectors_update_sql::{KeySource, SqlStore, StoreKey, StoreLocation};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = std::env::temp_dir().join(format!("cu-sql-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! let path = dir.join("store.db");
//! # let _ = std::fs::remove_file(&path);
//! let location = StoreLocation::Sqlite(path);
//! let store = SqlStore::open(&location, KeySource::from(StoreKey::generate()))?;
//! store.add(NewConnector::new("Twitter API").id("tw").secret("APIKey", "old"))?;
//! // The value is sealed on disk; the store hands the action no secret.
//! assert_eq!(store.find("Twitter API")?.id, "tw");
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok(())
//! # }
//! ```

// The harness's vocabulary, under the paths this crate's files name it by:
// the store contract, the model and the errors are the harness's, once.
mod error {
    pub(crate) use connectors_update_harness::StoreError;
    pub(crate) use connectors_update_harness::stores::KeyError;
}
mod model {
    pub(crate) use connectors_update_harness::Caller;
    pub(crate) use connectors_update_harness::connector::*;
    pub(crate) use connectors_update_harness::kinds::KindRules;
    pub(crate) use connectors_update_harness::stores::{
        ConnectorRecord, NewConnector, PropertyRecord,
    };
}
mod store {
    pub(crate) use connectors_update_harness::CredentialStore;
    pub(crate) use connectors_update_harness::connector::{
        check_merged_values, check_write_permissions,
    };
    pub(crate) use connectors_update_harness::store_parts::*;
    pub(crate) use connectors_update_harness::stores::AdminError;
}

mod history;
mod key;
mod key_file;
mod key_id;
mod keyring;
mod seal;

pub use admin::Found;
pub use history::{HistoryEntry, HistoryEvent};
pub use key::{StoreKey, redact_keys};
pub use key_file::KeySource;
pub use keyring::{InvalidKeyId, KeyId, KeyState, Keyring};

pub(crate) mod admin;
mod calls;
mod keys;
mod location;
mod manifest;
#[cfg(test)]
mod migration_tests;
mod postgres;
mod records;
mod rotation;
mod sqlite;
mod tables;
mod tls;

use keys::{Sealers, StoreKeys, establish_keys};
use location::Opening;
pub use location::StoreLocation;
pub use rotation::{DEFAULT_BATCH, KeyStatus, Rotation};

use crate::error::StoreError;
use crate::model::KindRules;
use connectors_update_harness::store_parts::KindSet;
use tables::{Access, Backend, KeyLock, SealedProperty, Tables};

/// A [`CredentialStore`](connectors_update_harness::CredentialStore) in a database: one SQLite
/// file, or a PostgreSQL database. Safe to share between threads, processes
/// and (PostgreSQL) machines.
///
/// Values are sealed with the store's primary key (XChaCha20-Poly1305,
/// bound to connector, property and key id; older keys of its keyring
/// still open what they sealed: see [`SqlStore::rotate_key_as`]); access follows grants, as in
/// [`MemoryStore`](connectors_update_harness::stores::MemoryStore), in every call that names a
/// [`Caller`](connectors_update_harness::Caller); every write is recorded in the connector's
/// [`history`](SqlStore::history). The calls that name no caller
/// (`record`, `find`, `grants`, `list`, `full_history`) are an
/// administrator's: whoever holds the database and its key can read it all anyway.
///
/// Its kinds are the built-in ones ([`builtin_kinds`](connectors_update_harness::kinds::builtin_kinds))
/// unless it is given its own with [`SqlStore::with_kinds`]. The kinds are
/// not kept in the database: every process that opens a store should give
/// it the same ones.
#[derive(Debug)]
pub struct SqlStore {
    backend: Box<dyn Backend>,
    /// Where this machine's keys come from, and the ones it holds.
    keys: StoreKeys,
    /// What `rules` and `kinds` answer, and what `add` and `write` check.
    kinds: KindSet,
    location: String,
    /// Why the store can only be read, when it can only be read.
    read_only: Option<String>,
    /// Whether opening it created it: a new store.
    created: bool,
    /// The files opening it made, when it created it.
    made: Vec<std::path::PathBuf>,
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

    /// Opens as `opening` says; when opening creates a store and fails,
    /// the files it made (the SQLite file, its -wal and -shm, the key file)
    /// are removed, so that a failed creation leaves nothing behind.
    fn open_as(
        location: &StoreLocation,
        key: KeySource,
        opening: Opening,
    ) -> Result<Self, StoreError> {
        let files = (opening == Opening::Create).then(|| NewFiles::before(location, &key));
        match Self::open_made(location, key, opening) {
            Ok(mut store) => {
                if store.created
                    && let Some(files) = files
                {
                    store.made = files.made();
                }
                Ok(store)
            }
            Err(error) => {
                if let Some(files) = files {
                    remove_all(&files.made());
                }
                Err(error)
            }
        }
    }

    /// Removes a store this handle created ([`is_new`](Self::is_new)) and
    /// nothing was added to: its SQLite file with its -wal and -shm files,
    /// and the key file it made (a PostgreSQL store's tables stay, empty).
    /// For a command that created a store to add a first connector, and
    /// whose connector was refused: it leaves nothing behind. Reports
    /// whether it removed it; a store it did not create, or one that holds
    /// a connector, is left as it is.
    pub fn discard_if_unused(self) -> Result<bool, StoreError> {
        if !self.created || !self.list()?.is_empty() {
            return Ok(false);
        }
        let made = self.made.clone();
        // Closed first: SQLite's last connection tidies its files on close.
        drop(self);
        remove_all(&made);
        Ok(true)
    }

    fn open_made(
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
        let mut held = None;
        let mut migrated = false;
        let mut created = false;
        let shown = location.to_string();
        backend.transaction(access, &mut |t| {
            let state = t.prepare_schema()?;
            // Only a new store, or one from before keys (schema 1), gets a key.
            let create_key = opening == Opening::Create || state.legacy;
            let fresh = create_key
                && !state.legacy
                && !state.unkeyed
                && t.store_keys(tables::KeyLock::None)?.is_empty()
                && t.heads()?.is_empty();
            let ring = establish_keys(t, &key, &state, writable, create_key, location)?;
            created = fresh;
            if state.legacy || state.unsealed {
                let keys = StoreKeys::new(key.clone(), ring.clone());
                let sealers = keys.sealers(&t.store_keys(tables::KeyLock::None)?, &shown)?;
                if state.legacy {
                    for p in t.legacy_properties()? {
                        let sealed = SealedProperty {
                            position: p.position,
                            sealed: sealers.seal(&p.connector, &p.name, p.secret, &p.value)?,
                            name: p.name,
                            secret: p.secret,
                        };
                        t.put_property(&p.connector, &sealed)?;
                    }
                    t.drop_legacy()?;
                }
                seal_connectors(t, &sealers)?;
            }
            migrated = state.legacy || state.unkeyed;
            held = Some(ring);
            Ok(writable)
        })?;
        if migrated {
            backend.purge_freed()?;
        }
        let ring = held.ok_or_else(|| StoreError::Unavailable("the store did not open".into()))?;
        Ok(SqlStore {
            backend,
            keys: StoreKeys::new(key, ring),
            kinds: KindSet::default(),
            location: location.to_string(),
            read_only,
            created,
            made: Vec::new(),
        })
    }

    /// Whether opening this store created it (its first key, in an empty
    /// database or file): nothing but this handle has written to it yet.
    pub fn is_new(&self) -> bool {
        self.created
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

    /// The store with these kinds, and no other, in place of the built-in
    /// ones (chain [`builtin_kinds`](connectors_update_harness::kinds::builtin_kinds) to keep
    /// them): [`rules`](connectors_update_harness::CredentialStore::rules) and
    /// [`kinds`](connectors_update_harness::CredentialStore::kinds) answer with them (in this
    /// order), [`add`](SqlStore::add) refuses a connector that breaks its
    /// kind's rules or names a kind not among them, and every write is
    /// checked by its connector's kind. A kind given twice keeps its first
    /// place and its last rules. A stored connector whose kind is no longer
    /// given is written with no kind rules.
    pub fn with_kinds(mut self, kinds: impl IntoIterator<Item = KindRules>) -> Self {
        self.kinds = KindSet::new(kinds);
        self
    }

    /// Where the store is (a PostgreSQL address without its password).
    pub fn location(&self) -> &str {
        &self.location
    }

    /// Runs `work` in one transaction with the store's keys as they are
    /// now (see [`StoreKeys::transaction`]); it commits when `work` succeeds.
    fn with<R, E: From<StoreError>>(
        &self,
        access: Access,
        work: impl FnOnce(&mut dyn Tables, &Sealers) -> Result<R, E>,
    ) -> Result<R, E> {
        let lock = match access {
            Access::Write => KeyLock::Shared,
            Access::Read => KeyLock::None,
        };
        self.keys
            .transaction(&*self.backend, &self.location, access, lock, work)
    }

    /// Runs `work`, which changes the store's key states, in one write
    /// transaction that holds them exclusively from its start: every
    /// other write waits, and none is sealing meanwhile.
    fn changing_keys<R>(
        &self,
        work: impl FnOnce(&mut dyn Tables, &Sealers) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        self.keys.transaction(
            &*self.backend,
            &self.location,
            Access::Write,
            KeyLock::Exclusive,
            work,
        )
    }
}

/// Brings a store from before schema 4 forward, in its opening transaction:
/// every value of format 2 is sealed again binding its secret mark (with
/// the key that sealed it, so a rotation in progress is not disturbed),
/// and every connector gets its seal, listing its rows as they are now
/// (the migration trusts what it finds, as the store did until then). A
/// value that does not open is left as it was, still damaged.
fn seal_connectors(t: &mut dyn Tables, sealers: &Sealers) -> Result<(), StoreError> {
    for (connector, p) in t.all_properties()? {
        match sealers.upgrade_format_2(&connector, &p.name, p.secret, &p.sealed) {
            Ok(Some(new)) => {
                t.reseal(&connector, &p.name, &p.sealed, &new)?;
            }
            Ok(None) | Err(keys::Unsealed::Damaged) => {}
            Err(keys::Unsealed::Key(e)) => return Err(e.into()),
        }
    }
    for head in t.heads()? {
        let rows = t.properties(&head.id)?;
        manifest::put(t, sealers, &head, &manifest::Manifest::of(&rows))?;
    }
    Ok(())
}

/// Which of the files a new store may make were there before it was opened.
struct NewFiles {
    /// The SQLite file, when there was none.
    database: Option<std::path::PathBuf>,
    /// The key file, when there was none.
    key: Option<std::path::PathBuf>,
}

impl NewFiles {
    fn before(location: &StoreLocation, key: &KeySource) -> Self {
        let absent = |p: &std::path::Path| std::fs::symlink_metadata(p).is_err();
        let database = match location {
            StoreLocation::Sqlite(path) if std::fs::metadata(path).is_err() => Some(path.clone()),
            _ => None,
        };
        NewFiles {
            database,
            key: key.file().filter(|p| absent(p)).map(|p| p.to_path_buf()),
        }
    }

    /// The files made since, as they are now: the SQLite file where its
    /// path leads (through a symbolic link), its -wal, -shm and -journal
    /// files there and beside the path, and the key file.
    fn made(&self) -> Vec<std::path::PathBuf> {
        let mut made = Vec::new();
        if let Some(path) = &self.database {
            let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            made.extend(sqlite::companions(&target));
            made.extend(sqlite::companions(path));
            made.push(target);
        }
        made.extend(self.key.iter().filter(|p| p.exists()).cloned());
        made
    }
}

/// Removes these files, those that are there (best effort: a file that
/// cannot be removed is left).
fn remove_all(files: &[std::path::PathBuf]) {
    for file in files {
        if std::fs::symlink_metadata(file).is_ok_and(|m| m.is_file()) {
            let _ = std::fs::remove_file(file);
        }
    }
}
