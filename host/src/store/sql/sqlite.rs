//! The SQLite backend: one file in WAL mode, `synchronous = FULL`, so that a
//! committed write survives a crash of the process or the machine and an
//! interrupted one leaves no trace. A write transaction takes the file's
//! write lock at once (`BEGIN IMMEDIATE`); a busy timeout makes other
//! processes wait their turn instead of failing.
//!
//! The schema version is SQLite's `user_version`: 0 for a new file or a
//! schema-1 file (plaintext values, no history), 2 now.

use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use secrecy::SecretString;

use super::tables::{
    Access, Backend, LegacyProperty, SCHEMA_VERSION, SchemaState, SealedProperty, Tables, Work,
};
use crate::error::StoreError;
use crate::model::ConnectorSummary;
use crate::store::history::HistoryEntry;

/// How long a call waits for another process's write transaction to end
/// before the store reports itself unavailable.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Schema 2, as a new file gets it.
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
    PRIMARY KEY (connector_id, name)
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

/// One SQLite file.
#[derive(Debug)]
pub(crate) struct Sqlite {
    connection: Mutex<Connection>,
}

pub(super) fn unavailable(error: rusqlite::Error) -> StoreError {
    // SQLite's messages name tables and constraints, never bound values.
    StoreError::Unavailable(format!("SQLite: {error}"))
}

impl Sqlite {
    pub(crate) fn open(path: &Path) -> Result<Self, StoreError> {
        let connection = Connection::open(path)
            .map_err(|e| StoreError::Unavailable(format!("cannot open {}: {e}", path.display())))?;
        connection.busy_timeout(BUSY_TIMEOUT).map_err(unavailable)?;
        for (pragma, value) in [
            ("journal_mode", "WAL"),
            ("synchronous", "FULL"),
            ("foreign_keys", "ON"),
            ("secure_delete", "ON"),
        ] {
            connection
                .pragma_update(None, pragma, value)
                .map_err(unavailable)?;
        }
        Ok(Sqlite {
            connection: Mutex::new(connection),
        })
    }
}

impl Backend for Sqlite {
    fn transaction(&self, access: Access, work: &mut Work<'_>) -> Result<(), StoreError> {
        let mut conn = self.connection.lock().unwrap_or_else(|e| e.into_inner());
        let behavior = match access {
            Access::Read => TransactionBehavior::Deferred,
            Access::Write => TransactionBehavior::Immediate,
        };
        let tx = conn
            .transaction_with_behavior(behavior)
            .map_err(unavailable)?;
        if work(&mut SqliteTables(&tx))? {
            tx.commit().map_err(unavailable)?;
        }
        Ok(())
    }

    fn purge_freed(&self) -> Result<(), StoreError> {
        let conn = self.connection.lock().unwrap_or_else(|e| e.into_inner());
        conn.execute_batch("VACUUM;").map_err(unavailable)?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(unavailable)
    }
}

struct SqliteTables<'a>(&'a Connection);

fn summary_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ConnectorSummary> {
    Ok(ConnectorSummary {
        id: row.get(0)?,
        name: row.get(1)?,
        kind: row.get(2)?,
        revision: row.get::<_, i64>(3)? as u64,
    })
}

impl SqliteTables<'_> {
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
            .map_err(unavailable)?;
        let rows = stmt.query_map(args, summary_row).map_err(unavailable)?;
        rows.collect::<Result<_, _>>().map_err(unavailable)
    }

    fn has_table(&self, name: &str) -> Result<bool, StoreError> {
        self.0
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
                [name],
                |r| r.get(0),
            )
            .map_err(unavailable)
    }
}

impl Tables for SqliteTables<'_> {
    fn prepare_schema(&mut self) -> Result<SchemaState, StoreError> {
        let version: u32 = self
            .0
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(unavailable)?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::Schema {
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if version == SCHEMA_VERSION {
            return Ok(SchemaState { legacy: false });
        }
        // Schema 1 (the first release) had plaintext values and no history.
        let legacy = self.has_table("properties")?;
        if legacy {
            self.0
                .execute_batch("ALTER TABLE properties RENAME TO properties_v1;")
                .map_err(unavailable)?;
        }
        self.0.execute_batch(SCHEMA).map_err(unavailable)?;
        self.0
            .pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(unavailable)?;
        Ok(SchemaState { legacy })
    }

    fn legacy_properties(&mut self) -> Result<Vec<LegacyProperty>, StoreError> {
        let mut stmt = self
            .0
            .prepare(
                "SELECT connector_id, position, name, value, secret FROM properties_v1 ORDER BY connector_id, position",
            )
            .map_err(unavailable)?;
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
            .map_err(unavailable)?;
        rows.collect::<Result<_, _>>().map_err(unavailable)
    }

    fn put_property(&mut self, connector: &str, p: &SealedProperty) -> Result<(), StoreError> {
        self.0
            .prepare_cached(
                "INSERT INTO properties (connector_id, position, name, sealed, secret) VALUES (?1, ?2, ?3, ?4, ?5) \
                 ON CONFLICT (connector_id, name) DO UPDATE SET position = excluded.position, sealed = excluded.sealed, secret = excluded.secret",
            )
            .and_then(|mut s| s.execute(params![connector, p.position, p.name, p.sealed, p.secret]))
            .map(drop)
            .map_err(unavailable)
    }

    fn delete_property(&mut self, connector: &str, name: &str) -> Result<(), StoreError> {
        self.0
            .prepare_cached("DELETE FROM properties WHERE connector_id = ?1 AND name = ?2")
            .and_then(|mut s| s.execute(params![connector, name]))
            .map(drop)
            .map_err(unavailable)
    }

    fn drop_legacy(&mut self) -> Result<(), StoreError> {
        self.0
            .execute_batch("DROP TABLE properties_v1;")
            .map_err(unavailable)
    }

    fn meta(&mut self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        self.0
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")
            .and_then(|mut s| s.query_row([key], |r| r.get(0)).optional())
            .map_err(unavailable)
    }

    fn set_meta(&mut self, key: &str, value: &[u8]) -> Result<(), StoreError> {
        self.0
            .execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .map(drop)
            .map_err(unavailable)
    }

    fn head(&mut self, id: &str) -> Result<Option<ConnectorSummary>, StoreError> {
        Ok(self.heads_where("WHERE id = ?1", [id])?.pop())
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
            .map_err(unavailable)?;
        let rows = stmt
            .query_map([id], |r| {
                Ok(SealedProperty {
                    position: r.get(0)?,
                    name: r.get(1)?,
                    sealed: r.get(2)?,
                    secret: r.get(3)?,
                })
            })
            .map_err(unavailable)?;
        rows.collect::<Result<_, _>>().map_err(unavailable)
    }

    fn all_properties(&mut self) -> Result<Vec<(String, SealedProperty)>, StoreError> {
        let mut stmt = self
            .0
            .prepare("SELECT connector_id, position, name, sealed, secret FROM properties")
            .map_err(unavailable)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    SealedProperty {
                        position: r.get(1)?,
                        name: r.get(2)?,
                        sealed: r.get(3)?,
                        secret: r.get(4)?,
                    },
                ))
            })
            .map_err(unavailable)?;
        rows.collect::<Result<_, _>>().map_err(unavailable)
    }

    fn reseal(&mut self, connector: &str, name: &str, sealed: &[u8]) -> Result<(), StoreError> {
        self.0
            .prepare_cached(
                "UPDATE properties SET sealed = ?1 WHERE connector_id = ?2 AND name = ?3",
            )
            .and_then(|mut s| s.execute(params![sealed, connector, name]))
            .map(drop)
            .map_err(unavailable)
    }

    fn insert_connector(&mut self, head: &ConnectorSummary) -> Result<bool, StoreError> {
        self.0
            .execute(
                "INSERT INTO connectors (id, name, kind, revision) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO NOTHING",
                params![head.id, head.name, head.kind, head.revision as i64],
            )
            .map(|n| n == 1)
            .map_err(unavailable)
    }

    fn advance_revision(&mut self, id: &str, from: u64, to: u64) -> Result<bool, StoreError> {
        self.0
            .prepare_cached("UPDATE connectors SET revision = ?1 WHERE id = ?2 AND revision = ?3")
            .and_then(|mut s| s.execute(params![to as i64, id, from as i64]))
            .map(|n| n == 1)
            .map_err(unavailable)
    }

    fn grants(&mut self, id: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .0
            .prepare_cached(
                "SELECT principal FROM grants WHERE connector_id = ?1 ORDER BY principal",
            )
            .map_err(unavailable)?;
        let rows = stmt.query_map([id], |r| r.get(0)).map_err(unavailable)?;
        rows.collect::<Result<_, _>>().map_err(unavailable)
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
            .map_err(unavailable)
    }

    fn all_grants(&mut self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self
            .0
            .prepare_cached(
                "SELECT connector_id, principal FROM grants ORDER BY connector_id, principal",
            )
            .map_err(unavailable)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(unavailable)?;
        rows.collect::<Result<_, _>>().map_err(unavailable)
    }

    fn delete_connector(&mut self, id: &str) -> Result<bool, StoreError> {
        let deleted = self
            .0
            .prepare_cached("DELETE FROM connectors WHERE id = ?1")
            .and_then(|mut s| s.execute([id]))
            .map(|n| n == 1)
            .map_err(unavailable)?;
        // The foreign keys cascade; these make sure no connection setting
        // can leave a value behind.
        for sql in [
            "DELETE FROM properties WHERE connector_id = ?1",
            "DELETE FROM grants WHERE connector_id = ?1",
        ] {
            self.0
                .prepare_cached(sql)
                .and_then(|mut s| s.execute([id]))
                .map_err(unavailable)?;
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
            .map_err(unavailable)
    }

    fn history(&mut self, id: &str) -> Result<Vec<HistoryEntry>, StoreError> {
        let mut stmt = self
            .0
            .prepare_cached(
                "SELECT at, event, principal, revision_before, revision_after, properties, grantee FROM history WHERE connector_id = ?1 ORDER BY seq",
            )
            .map_err(unavailable)?;
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
            .map_err(unavailable)?;
        rows.map(|row| {
            let (at, event, principal, before, after, properties, grantee) =
                row.map_err(unavailable)?;
            super::history_entry(
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
