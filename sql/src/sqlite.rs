//! The SQLite backend: one file in WAL mode, `synchronous = FULL`, so that a
//! committed write survives a crash of the process or the machine and an
//! interrupted one leaves no trace. A write transaction takes the file's
//! write lock at once (`BEGIN IMMEDIATE`); a busy timeout makes other
//! processes wait their turn instead of failing.
//!
//! The schema version is SQLite's `user_version`: 0 for a new file or a
//! schema-1 file (plaintext values, no history), 2 for a file before
//! keyrings (one key, no key ids), 3 for a file before connector seals,
//! 4 now.
//!
//! A new file is made with mode 0600 (SQLite gives its -wal and -shm files
//! the same). A file that exists is never created or changed by opening it,
//! and one this process may not write (the file, or the folder that holds
//! its -wal and -shm files) is opened read-only.

use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{
    Connection, ErrorCode, MAIN_DB, OpenFlags, OptionalExtension, TransactionBehavior, params,
};
use secrecy::SecretString;

use super::location::Opening;
use super::tables::{
    Access, Backend, KeyLock, LegacyProperty, SCHEMA_VERSION, SchemaState, SealedProperty,
    StoreKeyRow, Tables, Work, key_column, key_row,
};
use crate::error::StoreError;
use crate::history::HistoryEntry;
use crate::key::shown_path;
use crate::keyring::KeyId;
use crate::model::ConnectorSummary;

/// How long a call waits for another process's write transaction to end
/// before the store reports itself unavailable.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Schema 3, as a new file gets it before [`SCHEMA_3_TO_4`].
const SCHEMA: &str = "
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS connectors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT,
    revision INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS connectors_by_name ON connectors(name);
CREATE TABLE properties (
    connector_id TEXT NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    sealed BLOB NOT NULL,
    secret INTEGER NOT NULL,
    key_id INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (connector_id, name)
);
CREATE INDEX properties_by_key ON properties(key_id);
CREATE TABLE store_keys (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    state TEXT NOT NULL,
    since TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS grants (
    connector_id TEXT NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
    principal TEXT NOT NULL,
    PRIMARY KEY (connector_id, principal)
);
CREATE TABLE history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    connector_id TEXT NOT NULL,
    at TEXT NOT NULL,
    event TEXT NOT NULL,
    principal TEXT,
    revision_before INTEGER NOT NULL,
    revision_after INTEGER NOT NULL,
    properties TEXT NOT NULL,
    grantee TEXT
);
CREATE INDEX history_by_connector ON history(connector_id, seq);
";

/// From schema 2 to 3: a key id on every value, and the store's keys.
const SCHEMA_2_TO_3: &str = "
ALTER TABLE properties ADD COLUMN key_id INTEGER NOT NULL DEFAULT 0;
CREATE INDEX properties_by_key ON properties(key_id);
CREATE TABLE store_keys (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    state TEXT NOT NULL,
    since TEXT NOT NULL
);
";

/// From schema 3 to 4: each connector's seal, and the key that made it.
const SCHEMA_3_TO_4: &str = "
ALTER TABLE connectors ADD COLUMN seal BLOB;
ALTER TABLE connectors ADD COLUMN seal_key INTEGER NOT NULL DEFAULT 0;
CREATE INDEX connectors_by_seal_key ON connectors(seal_key);
";

/// One SQLite file.
#[derive(Debug)]
pub(crate) struct Sqlite {
    connection: Mutex<Connection>,
    /// The path, for messages.
    at: String,
    /// Why this file can only be read, when it can.
    read_only: Option<String>,
}

/// A failed statement, naming the store (SQLite's messages name tables and
/// constraints, never bound values). A file another process keeps locked
/// past the busy timeout says so, and what to do.
pub(super) fn unavailable(at: &str, error: rusqlite::Error) -> StoreError {
    match error.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            StoreError::Unavailable(format!(
                "the SQLite store {at} is busy: another process has been writing to it for more than {} s and still holds its lock, so nothing was changed; wait for that process to finish and run this again (if none should be running, look for one that hangs with the file open: `fuser {at}`)",
                BUSY_TIMEOUT.as_secs()
            ))
        }
        // Not `NoStore`, which says `connector add` makes a store: it would
        // refuse this file too, and the file may be a store to restore.
        Some(ErrorCode::NotADatabase) => StoreError::Unavailable(format!(
            "the file {at} is not a connectors-update store that can be read: it is not an SQLite database, or its header is damaged. Nothing was created or changed; check --store (or CONNECTORS_STORE), or restore the store from a backup"
        )),
        _ => StoreError::Unavailable(format!("the SQLite store {at}: {error}")),
    }
}

impl Sqlite {
    /// Opens the file at `path` as `opening` says: [`Opening::Create`] makes
    /// it (mode 0600) if it is not there; the others need a store there and
    /// fall back to reading only when this process may not write the file
    /// or its folder.
    pub(crate) fn open(path: &Path, opening: Opening) -> Result<Self, StoreError> {
        let at = shown_path(path);
        if opening == Opening::Create {
            create_owner_only(path).map_err(|e| cannot_open(&at, &e.to_string()))?;
        } else {
            must_exist(path, &at)?;
        }
        let writable = match opening {
            Opening::ReadOnly => Err("it was opened read-only".to_string()),
            _ => open_writable(path, &at, opening == Opening::Create)?,
        };
        let (connection, read_only) = match writable {
            Ok(connection) => (connection, None),
            Err(why) if opening == Opening::Create => {
                return Err(StoreError::ReadOnly { location: at, why });
            }
            Err(why) => {
                let connection = open_read_only(path, &at)?;
                owner_only_companions(path);
                (connection, Some(why))
            }
        };
        let sqlite = Sqlite {
            connection: Mutex::new(connection),
            at,
            read_only,
        };
        if opening != Opening::Create {
            // Before any pragma, which would write to a file that is no store.
            sqlite.check_holds_store()?;
        }
        if sqlite.read_only.is_none() {
            sqlite.configure()?;
        }
        Ok(sqlite)
    }

    /// WAL, full syncs, foreign keys, and freed pages zeroed.
    fn configure(&self) -> Result<(), StoreError> {
        let conn = self.connection.lock().unwrap_or_else(|e| e.into_inner());
        for (pragma, value) in [
            ("journal_mode", "WAL"),
            ("synchronous", "FULL"),
            ("foreign_keys", "ON"),
            ("secure_delete", "ON"),
        ] {
            conn.pragma_update(None, pragma, value)
                .map_err(|e| unavailable(&self.at, e))?;
        }
        Ok(())
    }

    /// Why this file can only be read, if it can only be read.
    pub(crate) fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Refuses a file that holds no store, and one that can only be read
    /// but would need migrating first.
    fn check_holds_store(&self) -> Result<(), StoreError> {
        let conn = self.connection.lock().unwrap_or_else(|e| e.into_inner());
        let fail = |e| unavailable(&self.at, e);
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .map_err(fail)?;
        let has = |name: &str| tables.iter().any(|t| t == name);
        let version: u32 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(fail)?;
        // Schema 2 and later have `meta`; schema 1 (user_version 0) had
        // `connectors` and `properties`.
        let store = has("meta") || (version == 0 && has("connectors") && has("properties"));
        if !store {
            return Err(StoreError::NoStore {
                location: self.at.clone(),
                why: if tables.is_empty() {
                    "the file is empty".into()
                } else {
                    "the file is an SQLite database of another program".into()
                },
            });
        }
        if let Some(why) = &self.read_only
            && version < SCHEMA_VERSION
        {
            return Err(StoreError::ReadOnly {
                location: self.at.clone(),
                why: format!(
                    "{why}; and it is at schema version {version}, which must be migrated to {SCHEMA_VERSION} before it can be read: open it once with a connectors-update that may write it"
                ),
            });
        }
        Ok(())
    }
}

/// Makes owner-only the -wal and -shm files beside a store this process
/// may only read: SQLite makes them (again) when it reads, with the database
/// file's mode, 0444 for a file made read-only, which would leave files that
/// let anyone read what a later write puts there. Best effort: a file this
/// user does not own cannot be changed, and is left as it is.
fn owner_only_companions(path: &Path) {
    #[cfg(unix)]
    for companion in &companions(path)[..2] {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(companion)
            && meta.permissions().mode() & 0o077 != 0
        {
            let _ = std::fs::set_permissions(companion, std::fs::Permissions::from_mode(0o600));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

fn cannot_open(at: &str, why: &str) -> StoreError {
    StoreError::Unavailable(format!("cannot open the SQLite store {at}: {why}"))
}

/// Creates the store's file with mode 0600 if it is not there yet, so that
/// SQLite, which gives its -wal and -shm files the database file's mode,
/// makes those owner-only too. A path that is
/// a symbolic link to no file makes the file it leads to, 0600 as well
/// (an exclusive create would refuse the link, and SQLite would then make
/// the file with the umask's mode). An existing file is left as it is.
fn create_owner_only(path: &Path) -> std::io::Result<()> {
    match std::fs::metadata(path) {
        Ok(_) => return Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let mut options = std::fs::OpenOptions::new();
    // Not `create_new`: it refuses a dangling link rather than follow it.
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    drop(file);
    Ok(())
}

/// The files SQLite keeps beside a database file: `-wal`, `-shm`, `-journal`.
pub(super) fn companions(path: &Path) -> [std::path::PathBuf; 3] {
    ["-wal", "-shm", "-journal"].map(|suffix| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        std::path::PathBuf::from(name)
    })
}

fn must_exist(path: &Path, at: &str) -> Result<(), StoreError> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(StoreError::NoStore {
            location: at.to_string(),
            why: "it is a folder".into(),
        }),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(StoreError::NoStore {
            location: at.to_string(),
            why: "there is no such file".into(),
        }),
        Err(e) => Err(cannot_open(at, &e.to_string())),
    }
}

/// Opens the file for reading and writing, or says why it cannot be
/// written: SQLite quietly opens a write-protected file read-only, and
/// fails on the first read of a WAL file when it may not make its -wal and
/// -shm files. The outer error is a failure that reading only would not mend.
fn open_writable(
    path: &Path,
    at: &str,
    create: bool,
) -> Result<Result<Connection, String>, StoreError> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let connection = match Connection::open_with_flags(path, flags) {
        Ok(connection) => connection,
        Err(e) if e.sqlite_error_code() == Some(ErrorCode::CannotOpen) && !create => {
            return Ok(Err(format!("it cannot be opened for writing ({e})")));
        }
        Err(e) => return Err(cannot_open(at, &e.to_string())),
    };
    if connection.is_readonly(MAIN_DB).unwrap_or(true) {
        return Ok(Err("this user may not write the file".into()));
    }
    connection
        .busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| unavailable(at, e))?;
    match connection.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(())) {
        Ok(()) => Ok(Ok(connection)),
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen)
            ) =>
        {
            Ok(Err(
                "this user may not write its folder, where SQLite keeps the store's -wal and -shm files"
                    .into(),
            ))
        }
        Err(e) => Err(unavailable(at, e)),
    }
}

/// Opens the file read-only. A WAL file needs its -shm file, which a
/// reader of a folder it may not write cannot make; when no -wal file is
/// there (no write is pending), the file is read as `immutable`, without
/// the -shm file.
fn open_read_only(path: &Path, at: &str) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let uri = file_uri(path);
    let probe = |connection: Connection| {
        connection
            .query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
            .map(|()| connection)
    };
    let first = Connection::open_with_flags(format!("{uri}?mode=ro"), flags).and_then(probe);
    let connection = match first {
        Ok(connection) => connection,
        Err(e) => {
            let mut wal = path.as_os_str().to_owned();
            wal.push("-wal");
            let pending = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
            if pending {
                return Err(StoreError::Unavailable(format!(
                    "the SQLite store {at} cannot be read by this user: another process is writing it (its -wal file holds changes not yet in the file), and reading it needs its -shm file, which this user may not open or make ({e}); try again when no process has it open, or as a user who may write its folder"
                )));
            }
            Connection::open_with_flags(format!("{uri}?mode=ro&immutable=1"), flags)
                .and_then(probe)
                .map_err(|e| unavailable(at, e))?
        }
    };
    connection
        .busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| unavailable(at, e))?;
    connection
        .pragma_update(None, "query_only", "ON")
        .map_err(|e| unavailable(at, e))?;
    Ok(connection)
}

/// `file:PATH` with the characters a URI gives meaning to escaped.
fn file_uri(path: &Path) -> String {
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().replace('\\', "/").into_bytes();
    let mut uri = String::from("file:");
    for &b in &bytes {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

impl Backend for Sqlite {
    fn transaction(&self, access: Access, work: &mut Work<'_>) -> Result<(), StoreError> {
        if access == Access::Write
            && let Some(why) = &self.read_only
        {
            return Err(StoreError::ReadOnly {
                location: self.at.clone(),
                why: why.clone(),
            });
        }
        let mut conn = self.connection.lock().unwrap_or_else(|e| e.into_inner());
        let behavior = match access {
            Access::Read => TransactionBehavior::Deferred,
            Access::Write => TransactionBehavior::Immediate,
        };
        let tx = conn
            .transaction_with_behavior(behavior)
            .map_err(|e| unavailable(&self.at, e))?;
        if work(&mut SqliteTables(&tx, &self.at))? {
            tx.commit().map_err(|e| unavailable(&self.at, e))?;
        }
        Ok(())
    }

    fn purge_freed(&self) -> Result<(), StoreError> {
        let conn = self.connection.lock().unwrap_or_else(|e| e.into_inner());
        conn.execute_batch("VACUUM;")
            .map_err(|e| unavailable(&self.at, e))?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(|e| unavailable(&self.at, e))
    }
}

/// One transaction's statements, and the store's path for their errors.
struct SqliteTables<'a>(&'a Connection, &'a str);

fn summary_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ConnectorSummary> {
    Ok(ConnectorSummary {
        id: row.get(0)?,
        name: row.get(1)?,
        kind: row.get(2)?,
        revision: row.get::<_, i64>(3)? as u64,
    })
}

/// `(connector_id, position, name, sealed, secret)`: a property with its connector.
fn connector_property(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, SealedProperty)> {
    Ok((
        r.get(0)?,
        SealedProperty {
            position: r.get(1)?,
            name: r.get(2)?,
            sealed: r.get(3)?,
            secret: r.get(4)?,
        },
    ))
}

impl SqliteTables<'_> {
    /// `(key id, count)` rows that `sql` selects, for the keys this store
    /// knows: values by the key that sealed them, or connector lists.
    fn counts_by_key(&mut self, sql: &str) -> Result<Vec<(KeyId, u64)>, StoreError> {
        let mut stmt = self.0.prepare_cached(sql).map_err(self.fail())?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
            .map_err(self.fail())?
            .collect::<Result<Vec<_>, _>>()
            .map_err(self.fail())?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, n)| Some((KeyId::from_column(id)?, u64::try_from(n).ok()?)))
            .collect())
    }

    /// Turns a failed statement into the store's error, naming the store.
    fn fail(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        |e| unavailable(self.1, e)
    }

    fn heads_where(
        &self,
        condition: &str,
        args: impl rusqlite::Params,
    ) -> Result<Vec<ConnectorSummary>, StoreError> {
        let mut stmt = self
            .0
            .prepare_cached(&format!(
                "SELECT id, name, kind, revision FROM connectors {condition}"
            ))
            .map_err(self.fail())?;
        let rows = stmt.query_map(args, summary_row).map_err(self.fail())?;
        rows.collect::<Result<_, _>>().map_err(self.fail())
    }

    fn has_table(&self, name: &str) -> Result<bool, StoreError> {
        self.0
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
                [name],
                |r| r.get(0),
            )
            .map_err(self.fail())
    }
}

impl Tables for SqliteTables<'_> {
    fn prepare_schema(&mut self) -> Result<SchemaState, StoreError> {
        let version: u32 = self
            .0
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(self.fail())?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::Schema {
                location: self.1.to_string(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if version == SCHEMA_VERSION {
            return Ok(SchemaState::default());
        }
        if version == 2 || version == 3 {
            if version == 2 {
                self.0.execute_batch(SCHEMA_2_TO_3).map_err(self.fail())?;
            }
            self.0.execute_batch(SCHEMA_3_TO_4).map_err(self.fail())?;
            self.0
                .pragma_update(None, "user_version", SCHEMA_VERSION)
                .map_err(self.fail())?;
            return Ok(SchemaState {
                legacy: false,
                unkeyed: version == 2,
                unsealed: true,
            });
        }
        // Schema 1 (the first release) had plaintext values and no history.
        let legacy = self.has_table("properties")?;
        if legacy {
            self.0
                .execute_batch("ALTER TABLE properties RENAME TO properties_v1;")
                .map_err(self.fail())?;
        }
        self.0.execute_batch(SCHEMA).map_err(self.fail())?;
        self.0.execute_batch(SCHEMA_3_TO_4).map_err(self.fail())?;
        self.0
            .pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(self.fail())?;
        Ok(SchemaState {
            legacy,
            unkeyed: false,
            unsealed: legacy,
        })
    }

    fn legacy_properties(&mut self) -> Result<Vec<LegacyProperty>, StoreError> {
        let mut stmt = self
            .0
            .prepare(
                "SELECT connector_id, position, name, value, secret FROM properties_v1 ORDER BY connector_id, position",
            )
            .map_err(self.fail())?;
        let rows = stmt
            .query_map([], |r| {
                Ok(LegacyProperty {
                    connector: r.get(0)?,
                    position: r.get(1)?,
                    name: r.get(2)?,
                    value: SecretString::from(r.get::<_, String>(3)?),
                    secret: r.get(4)?,
                })
            })
            .map_err(self.fail())?;
        rows.collect::<Result<_, _>>().map_err(self.fail())
    }

    fn put_property(&mut self, connector: &str, p: &SealedProperty) -> Result<(), StoreError> {
        self.0
            .prepare_cached(
                "INSERT INTO properties (connector_id, position, name, sealed, secret, key_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
                 ON CONFLICT (connector_id, name) DO UPDATE SET position = excluded.position, sealed = excluded.sealed, secret = excluded.secret, key_id = excluded.key_id",
            )
            .and_then(|mut s| {
                s.execute(params![
                    connector,
                    p.position,
                    p.name,
                    p.sealed,
                    p.secret,
                    key_column(&p.sealed)
                ])
            })
            .map(drop)
            .map_err(self.fail())
    }

    fn delete_property(&mut self, connector: &str, name: &str) -> Result<(), StoreError> {
        self.0
            .prepare_cached("DELETE FROM properties WHERE connector_id = ?1 AND name = ?2")
            .and_then(|mut s| s.execute(params![connector, name]))
            .map(drop)
            .map_err(self.fail())
    }

    fn drop_legacy(&mut self) -> Result<(), StoreError> {
        self.0
            .execute_batch("DROP TABLE properties_v1;")
            .map_err(self.fail())
    }

    fn meta(&mut self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        self.0
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")
            .and_then(|mut s| s.query_row([key], |r| r.get(0)).optional())
            .map_err(self.fail())
    }

    fn set_meta(&mut self, key: &str, value: &[u8]) -> Result<(), StoreError> {
        self.0
            .execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .map(drop)
            .map_err(self.fail())
    }

    fn head(&mut self, id: &str) -> Result<Option<ConnectorSummary>, StoreError> {
        Ok(self.heads_where("WHERE id = ?1", [id])?.pop())
    }

    fn lock_head(&mut self, id: &str) -> Result<Option<ConnectorSummary>, StoreError> {
        self.head(id)
    }

    fn lock_names(&mut self) -> Result<(), StoreError> {
        Ok(())
    }

    fn heads_named(&mut self, name: &str) -> Result<Vec<ConnectorSummary>, StoreError> {
        self.heads_where("WHERE name = ?1 ORDER BY id", [name])
    }

    fn heads(&mut self) -> Result<Vec<ConnectorSummary>, StoreError> {
        self.heads_where("ORDER BY name, id", [])
    }

    fn properties(&mut self, id: &str) -> Result<Vec<SealedProperty>, StoreError> {
        let mut stmt = self
            .0
            .prepare_cached(
                "SELECT position, name, sealed, secret FROM properties WHERE connector_id = ?1 ORDER BY position",
            )
            .map_err(self.fail())?;
        let rows = stmt
            .query_map([id], |r| {
                Ok(SealedProperty {
                    position: r.get(0)?,
                    name: r.get(1)?,
                    sealed: r.get(2)?,
                    secret: r.get(3)?,
                })
            })
            .map_err(self.fail())?;
        rows.collect::<Result<_, _>>().map_err(self.fail())
    }

    fn all_properties(&mut self) -> Result<Vec<(String, SealedProperty)>, StoreError> {
        let mut stmt = self
            .0
            .prepare("SELECT connector_id, position, name, sealed, secret FROM properties")
            .map_err(self.fail())?;
        let rows = stmt
            .query_map([], connector_property)
            .map_err(self.fail())?;
        rows.collect::<Result<_, _>>().map_err(self.fail())
    }

    fn sealed_by_other_keys(
        &mut self,
        key: KeyId,
        after: Option<(&str, &str)>,
        limit: usize,
    ) -> Result<Vec<(String, SealedProperty)>, StoreError> {
        let (connector, name) = after.unwrap_or(("", ""));
        let mut stmt = self
            .0
            .prepare_cached(
                "SELECT connector_id, position, name, sealed, secret FROM properties \
                 WHERE key_id <> ?1 AND (?2 = 0 OR (connector_id, name) > (?3, ?4)) \
                 ORDER BY connector_id, name LIMIT ?5",
            )
            .map_err(self.fail())?;
        let rows = stmt
            .query_map(
                params![
                    key.to_column(),
                    after.is_some(),
                    connector,
                    name,
                    i64::try_from(limit).unwrap_or(i64::MAX)
                ],
                connector_property,
            )
            .map_err(self.fail())?;
        rows.collect::<Result<_, _>>().map_err(self.fail())
    }

    fn reseal(
        &mut self,
        connector: &str,
        name: &str,
        old: &[u8],
        new: &[u8],
    ) -> Result<bool, StoreError> {
        self.0
            .prepare_cached(
                "UPDATE properties SET sealed = ?1, key_id = ?2 WHERE connector_id = ?3 AND name = ?4 AND sealed = ?5",
            )
            .and_then(|mut s| s.execute(params![new, key_column(new), connector, name, old]))
            .map(|n| n == 1)
            .map_err(self.fail())
    }

    fn store_keys(&mut self, _: KeyLock) -> Result<Vec<StoreKeyRow>, StoreError> {
        // The write lock of a write transaction holds them already.
        let mut stmt = self
            .0
            .prepare_cached("SELECT id, position, state, since FROM store_keys ORDER BY position")
            .map_err(self.fail())?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get(3)?,
                ))
            })
            .map_err(self.fail())?
            .collect::<Result<Vec<_>, _>>()
            .map_err(self.fail())?;
        rows.into_iter()
            .map(|(id, position, state, since)| key_row(self.1, id, position, &state, since))
            .collect()
    }

    fn put_store_key(&mut self, key: &StoreKeyRow) -> Result<(), StoreError> {
        self.0
            .execute(
                "INSERT INTO store_keys (id, position, state, since) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (id) DO UPDATE SET state = excluded.state, since = excluded.since",
                params![
                    key.id.to_column(),
                    key.position,
                    key.state.as_str(),
                    key.since
                ],
            )
            .map(drop)
            .map_err(self.fail())
    }

    fn values_by_key(&mut self) -> Result<Vec<(KeyId, u64)>, StoreError> {
        self.counts_by_key("SELECT key_id, count(*) FROM properties GROUP BY key_id")
    }

    fn delete_meta(&mut self, key: &str) -> Result<(), StoreError> {
        self.0
            .execute("DELETE FROM meta WHERE key = ?1", [key])
            .map(drop)
            .map_err(self.fail())
    }

    fn connector_seal(&mut self, id: &str) -> Result<Option<Vec<u8>>, StoreError> {
        self.0
            .prepare_cached("SELECT seal FROM connectors WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
            .map(Option::flatten)
            .map_err(self.fail())
    }

    fn set_connector_seal(&mut self, id: &str, sealed: &[u8]) -> Result<(), StoreError> {
        self.0
            .prepare_cached("UPDATE connectors SET seal = ?1, seal_key = ?2 WHERE id = ?3")
            .and_then(|mut s| s.execute(params![sealed, key_column(sealed), id]))
            .map(drop)
            .map_err(self.fail())
    }

    fn heads_sealed_by_other_keys(
        &mut self,
        key: KeyId,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<ConnectorSummary>, StoreError> {
        self.heads_where(
            "WHERE seal_key <> ?1 AND (?2 = 0 OR id > ?3) ORDER BY id LIMIT ?4",
            params![
                key.to_column(),
                after.is_some(),
                after.unwrap_or(""),
                i64::try_from(limit).unwrap_or(i64::MAX)
            ],
        )
    }

    fn connector_seals_by_key(&mut self) -> Result<Vec<(KeyId, u64)>, StoreError> {
        self.counts_by_key(
            "SELECT seal_key, count(*) FROM connectors WHERE seal IS NOT NULL GROUP BY seal_key",
        )
    }

    fn insert_connector(&mut self, head: &ConnectorSummary) -> Result<bool, StoreError> {
        self.0
            .execute(
                "INSERT INTO connectors (id, name, kind, revision) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO NOTHING",
                params![head.id, head.name, head.kind, head.revision as i64],
            )
            .map(|n| n == 1)
            .map_err(self.fail())
    }

    fn advance_revision(&mut self, id: &str, from: u64, to: u64) -> Result<bool, StoreError> {
        self.0
            .prepare_cached("UPDATE connectors SET revision = ?1 WHERE id = ?2 AND revision = ?3")
            .and_then(|mut s| s.execute(params![to as i64, id, from as i64]))
            .map(|n| n == 1)
            .map_err(self.fail())
    }

    fn grants(&mut self, id: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .0
            .prepare_cached(
                "SELECT principal FROM grants WHERE connector_id = ?1 ORDER BY principal",
            )
            .map_err(self.fail())?;
        let rows = stmt.query_map([id], |r| r.get(0)).map_err(self.fail())?;
        rows.collect::<Result<_, _>>().map_err(self.fail())
    }

    fn set_grant(&mut self, id: &str, principal: &str, granted: bool) -> Result<bool, StoreError> {
        let sql = if granted {
            "INSERT INTO grants (connector_id, principal) VALUES (?1, ?2) ON CONFLICT DO NOTHING"
        } else {
            "DELETE FROM grants WHERE connector_id = ?1 AND principal = ?2"
        };
        self.0
            .execute(sql, params![id, principal])
            .map(|n| n == 1)
            .map_err(self.fail())
    }

    fn all_grants(&mut self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self
            .0
            .prepare_cached(
                "SELECT connector_id, principal FROM grants ORDER BY connector_id, principal",
            )
            .map_err(self.fail())?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(self.fail())?;
        rows.collect::<Result<_, _>>().map_err(self.fail())
    }

    fn delete_connector(&mut self, id: &str) -> Result<bool, StoreError> {
        let deleted = self
            .0
            .prepare_cached("DELETE FROM connectors WHERE id = ?1")
            .and_then(|mut s| s.execute([id]))
            .map(|n| n == 1)
            .map_err(self.fail())?;
        // The foreign keys cascade; these make sure no connection setting
        // can leave a value behind.
        for sql in [
            "DELETE FROM properties WHERE connector_id = ?1",
            "DELETE FROM grants WHERE connector_id = ?1",
        ] {
            self.0
                .prepare_cached(sql)
                .and_then(|mut s| s.execute([id]))
                .map_err(self.fail())?;
        }
        Ok(deleted)
    }

    fn append_history(&mut self, e: &HistoryEntry) -> Result<(), StoreError> {
        let properties = serde_json::to_string(&e.properties)
            .map_err(|err| StoreError::Unavailable(format!("history: {err}")))?;
        self.0
            .prepare_cached(
                "INSERT INTO history (connector_id, at, event, principal, revision_before, revision_after, properties, grantee) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    e.connector,
                    e.at,
                    e.event.as_str(),
                    e.principal,
                    e.revision_before as i64,
                    e.revision_after as i64,
                    properties,
                    e.grantee
                ])
            })
            .map(drop)
            .map_err(self.fail())
    }

    fn history(&mut self, id: &str) -> Result<Vec<HistoryEntry>, StoreError> {
        let mut stmt = self
            .0
            .prepare_cached(
                "SELECT at, event, principal, revision_before, revision_after, properties, grantee FROM history WHERE connector_id = ?1 ORDER BY seq",
            )
            .map_err(self.fail())?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            })
            .map_err(self.fail())?;
        rows.map(|row| {
            let (at, event, principal, before, after, properties, grantee) =
                row.map_err(self.fail())?;
            HistoryEntry::from_columns(
                id,
                at,
                &event,
                principal,
                (before, after),
                &properties,
                grantee,
            )
        })
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_becomes_a_uri_whatever_it_holds() {
        assert_eq!(
            file_uri(Path::new("/tmp/my store?#%.db")),
            "file:/tmp/my%20store%3F%23%25.db"
        );
        assert_eq!(file_uri(Path::new("rel/s.db")), "file:rel/s.db");
    }
}
