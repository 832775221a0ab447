//! The embedded store of the `connectors-update` CLI: one SQLite file,
//! created on first use.
//!
//! Every write is one `BEGIN IMMEDIATE` transaction that checks the revision,
//! applies the changes and increases the revision, so that concurrent
//! processes on the same file never lose an update; a busy timeout makes
//! them wait their turn instead of failing.

use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::{AdminError, CredentialStore, check_access, new_record, resolve_reference};
use crate::bindings::KindRules;
use crate::error::StoreError;
use crate::kinds::builtin_rules;
use crate::model::{
    Caller, Change, Connector, ConnectorRecord, ConnectorSummary, ExposeSecret, NewConnector,
    PropertyRecord, WriteMode, WriteReceipt,
};

/// How long a call waits for another process's write transaction to end
/// before the store reports itself unavailable.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS connectors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT,
    revision INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS connectors_by_name ON connectors(name);
CREATE TABLE IF NOT EXISTS properties (
    connector_id TEXT NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    secret INTEGER NOT NULL,
    PRIMARY KEY (connector_id, name)
);
CREATE TABLE IF NOT EXISTS grants (
    connector_id TEXT NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
    principal TEXT NOT NULL,
    PRIMARY KEY (connector_id, principal)
);
";

/// A [`CredentialStore`] in one SQLite file, safe to share between threads
/// and between processes.
///
/// Access follows grants: a connector with no grants is open to every
/// caller; one with grants only to those principals.
#[derive(Debug)]
pub struct SqliteStore {
    connection: Mutex<Connection>,
}

fn unavailable(error: rusqlite::Error) -> StoreError {
    // SQLite's messages name tables and constraints, never bound values.
    StoreError::Unavailable(format!("SQLite: {error}"))
}

impl SqliteStore {
    /// Opens the store at `path`, creating the file and its tables if needed.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref();
        let connection = Connection::open(path)
            .map_err(|e| StoreError::Unavailable(format!("cannot open {}: {e}", path.display())))?;
        connection.busy_timeout(BUSY_TIMEOUT).map_err(unavailable)?;
        connection
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(unavailable)?;
        connection
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(unavailable)?;
        connection.execute_batch(SCHEMA).map_err(unavailable)?;
        Ok(SqliteStore {
            connection: Mutex::new(connection),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.connection.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds a connector and returns it as stored.
    pub fn add(&self, new: NewConnector) -> Result<ConnectorRecord, AdminError> {
        let rules = new.kind.as_deref().and_then(builtin_rules);
        let record = new_record(new, rules.as_ref())?;
        let mut conn = self.lock();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(unavailable)?;
        let exists: bool = tx
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM connectors WHERE id = ?1)",
                [&record.id],
                |r| r.get(0),
            )
            .map_err(unavailable)?;
        if exists {
            return Err(AdminError::Invalid(format!(
                "a connector with id '{}' exists already",
                record.id
            )));
        }
        tx.execute(
            "INSERT INTO connectors (id, name, kind, revision) VALUES (?1, ?2, ?3, ?4)",
            params![record.id, record.name, record.kind, record.revision as i64],
        )
        .map_err(unavailable)?;
        insert_properties(&tx, &record.id, &record.properties)?;
        tx.commit().map_err(unavailable)?;
        Ok(record)
    }

    /// The connector with this id, values included.
    pub fn record(&self, id: &str) -> Result<Option<ConnectorRecord>, StoreError> {
        load(&self.lock(), id)
    }

    /// The connector an id or unique name refers to, values included.
    pub fn find(&self, reference: &str) -> Result<ConnectorRecord, AdminError> {
        let conn = self.lock();
        let by_id = load(&conn, reference)?;
        resolve_reference(reference, by_id, || {
            ids_named(&conn, reference)?
                .iter()
                .filter_map(|id| load(&conn, id).transpose())
                .collect()
        })
    }

    /// Grants `principal` access to the connector `reference` names, and
    /// returns the connector's grants.
    pub fn grant(&self, reference: &str, principal: &str) -> Result<Vec<String>, AdminError> {
        let id = self.find(reference)?.id;
        let conn = self.lock();
        conn.execute(
            "INSERT OR IGNORE INTO grants (connector_id, principal) VALUES (?1, ?2)",
            params![id, principal],
        )
        .map_err(unavailable)?;
        Ok(grants(&conn, &id)?)
    }

    /// Takes `principal`'s grant on the connector `reference` names away, and
    /// returns the grants left (none left opens the connector to everyone).
    pub fn revoke(&self, reference: &str, principal: &str) -> Result<Vec<String>, AdminError> {
        let id = self.find(reference)?.id;
        let conn = self.lock();
        conn.execute(
            "DELETE FROM grants WHERE connector_id = ?1 AND principal = ?2",
            params![id, principal],
        )
        .map_err(unavailable)?;
        Ok(grants(&conn, &id)?)
    }

    /// The principals granted the connector with this id, in order.
    pub fn grants(&self, id: &str) -> Result<Vec<String>, StoreError> {
        grants(&self.lock(), id)
    }

    /// Whether `caller` may use the connector with this id.
    pub fn authorize(&self, id: &str, caller: &Caller) -> Result<(), StoreError> {
        check_access(id, &grants(&self.lock(), id)?, caller)
    }

    /// Every connector's summary, by name then id.
    pub fn list(&self) -> Result<Vec<ConnectorSummary>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn
            .prepare("SELECT id, name, kind, revision FROM connectors ORDER BY name, id")
            .map_err(unavailable)?;
        let rows = stmt.query_map([], summary_row).map_err(unavailable)?;
        rows.collect::<Result<_, _>>().map_err(unavailable)
    }
}

fn summary_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ConnectorSummary> {
    Ok(ConnectorSummary {
        id: row.get(0)?,
        name: row.get(1)?,
        kind: row.get(2)?,
        revision: row.get::<_, i64>(3)? as u64,
    })
}

fn grants(conn: &Connection, id: &str) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn
        .prepare("SELECT principal FROM grants WHERE connector_id = ?1 ORDER BY principal")
        .map_err(unavailable)?;
    let rows = stmt.query_map([id], |r| r.get(0)).map_err(unavailable)?;
    rows.collect::<Result<_, _>>().map_err(unavailable)
}

fn ids_named(conn: &Connection, name: &str) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn
        .prepare("SELECT id FROM connectors WHERE name = ?1 ORDER BY id")
        .map_err(unavailable)?;
    let rows = stmt.query_map([name], |r| r.get(0)).map_err(unavailable)?;
    rows.collect::<Result<_, _>>().map_err(unavailable)
}

fn load(conn: &Connection, id: &str) -> Result<Option<ConnectorRecord>, StoreError> {
    let head = conn
        .query_row(
            "SELECT id, name, kind, revision FROM connectors WHERE id = ?1",
            [id],
            summary_row,
        )
        .optional()
        .map_err(unavailable)?;
    let Some(head) = head else { return Ok(None) };
    let mut stmt = conn
        .prepare(
            "SELECT name, value, secret FROM properties WHERE connector_id = ?1 ORDER BY position",
        )
        .map_err(unavailable)?;
    let properties = stmt
        .query_map([id], |r| {
            Ok(PropertyRecord::new(
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
            ))
        })
        .map_err(unavailable)?
        .collect::<Result<_, _>>()
        .map_err(unavailable)?;
    Ok(Some(ConnectorRecord {
        id: head.id,
        name: head.name,
        kind: head.kind,
        revision: head.revision,
        properties,
    }))
}

fn insert_properties(
    conn: &Connection,
    id: &str,
    properties: &[PropertyRecord],
) -> Result<(), StoreError> {
    let mut stmt = conn
        .prepare("INSERT INTO properties (connector_id, position, name, value, secret) VALUES (?1, ?2, ?3, ?4, ?5)")
        .map_err(unavailable)?;
    for (position, p) in properties.iter().enumerate() {
        stmt.execute(params![
            id,
            position as i64,
            p.name,
            p.value.expose_secret(),
            p.secret
        ])
        .map_err(unavailable)?;
    }
    Ok(())
}

impl CredentialStore for SqliteStore {
    fn get(&self, caller: &Caller, id: &str) -> Result<Connector, StoreError> {
        let conn = self.lock();
        let record = load(&conn, id)?.ok_or(StoreError::NotFound)?;
        check_access(id, &grants(&conn, id)?, caller)?;
        let rules = record.kind.as_deref().and_then(builtin_rules);
        Ok(record.view(rules.as_ref()))
    }

    fn find_by_name(&self, _: &Caller, name: &str) -> Result<Vec<ConnectorSummary>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn
            .prepare("SELECT id, name, kind, revision FROM connectors WHERE name = ?1 ORDER BY id")
            .map_err(unavailable)?;
        let rows = stmt.query_map([name], summary_row).map_err(unavailable)?;
        rows.collect::<Result<_, _>>().map_err(unavailable)
    }

    fn rules(&self, _: &Caller, kind: &str) -> Result<Option<KindRules>, StoreError> {
        Ok(builtin_rules(kind))
    }

    fn write(
        &self,
        caller: &Caller,
        id: &str,
        expected_revision: u64,
        changes: &[Change],
        mode: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        let mut conn = self.lock();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(unavailable)?;
        let mut record = load(&tx, id)?.ok_or(StoreError::NotFound)?;
        check_access(id, &grants(&tx, id)?, caller)?;
        if record.revision != expected_revision {
            return Err(StoreError::Conflict(record.revision));
        }
        let changed = record.apply(changes);
        if mode == WriteMode::Preview || changed.is_empty() {
            return Ok(WriteReceipt {
                revision: record.revision,
                changed,
            });
        }
        let revision = record.revision + 1;
        tx.execute("DELETE FROM properties WHERE connector_id = ?1", [id])
            .map_err(unavailable)?;
        insert_properties(&tx, id, &record.properties)?;
        tx.execute(
            "UPDATE connectors SET revision = ?1 WHERE id = ?2 AND revision = ?3",
            params![revision as i64, id, expected_revision as i64],
        )
        .map_err(unavailable)?;
        tx.commit().map_err(unavailable)?;
        Ok(WriteReceipt { revision, changed })
    }
}
