//! The PostgreSQL backend: one database that workers on many machines share.
//!
//! Reads run in a `REPEATABLE READ READ ONLY` transaction (one snapshot);
//! writes in `READ COMMITTED`, where the compare-and-set
//! `UPDATE connectors SET revision = $1 WHERE id = $2 AND revision = $3`
//! waits for any concurrent writer of that connector and then affects no
//! row if it lost, so no update is ever lost. Creating or migrating the
//! schema holds an advisory lock, so workers starting together do it once.
//! The schema version is the `schema-version` row of `meta`.
//!
//! Connections come from an r2d2 pool, so the threads of one engine run
//! their transactions side by side; a broken connection is replaced. They
//! use TLS as libpq's `sslmode` and `sslrootcert` say ([`tls`](super::tls)).

use std::time::Duration;

use postgres::{IsolationLevel, Row, Transaction};
use r2d2_postgres::PostgresConnectionManager;
use r2d2_postgres::r2d2::Pool;
use secrecy::SecretString;
use tokio_postgres_rustls::MakeRustlsConnect;

use super::location::{Opening, parse_postgres, redacted};
use super::tables::{
    Access, Backend, KeyLock, LegacyProperty, SCHEMA_VERSION, SchemaState, SealedProperty,
    StoreKeyRow, Tables, Work, key_column, key_row,
};
use super::tls::Tls;
use crate::error::StoreError;
use crate::history::HistoryEntry;
use crate::key::redact_keys;
use crate::keyring::KeyId;
use crate::model::ConnectorSummary;

/// The advisory lock held while the schema is created or migrated.
const SCHEMA_LOCK: i64 = 0x636f_6e6e_6563_7431; // "connect1"

/// The advisory lock every `add` holds: ids and names are checked against
/// each other with no other add between (see `Tables::lock_names`).
const NAMES_LOCK: i64 = 0x636f_6e6e_6e61_6d65; // "connname"

/// The advisory lock on the store's key states: shared by every write (it
/// seals with a key), exclusive while a key is staged, promoted or retired.
const KEYS_LOCK: i64 = 0x636f_6e6e_6b65_7973; // "connkeys"

/// How long connecting may take when the address does not say, and how
/// long a call waits for a free connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The most connections one store opens.
const POOL_SIZE: u32 = 16;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value BYTEA NOT NULL
);
CREATE TABLE IF NOT EXISTS connectors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT,
    revision BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS connectors_by_name ON connectors(name);
ALTER TABLE connectors ADD COLUMN IF NOT EXISTS seal BYTEA;
ALTER TABLE connectors ADD COLUMN IF NOT EXISTS seal_key BIGINT NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS connectors_by_seal_key ON connectors(seal_key);
CREATE TABLE IF NOT EXISTS properties (
    connector_id TEXT NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    sealed BYTEA NOT NULL,
    secret BOOLEAN NOT NULL,
    key_id BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (connector_id, name)
);
ALTER TABLE properties ADD COLUMN IF NOT EXISTS key_id BIGINT NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS properties_by_key ON properties(key_id);
CREATE TABLE IF NOT EXISTS store_keys (
    id BIGINT PRIMARY KEY,
    position BIGINT NOT NULL,
    state TEXT NOT NULL,
    since TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS grants (
    connector_id TEXT NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
    principal TEXT NOT NULL,
    PRIMARY KEY (connector_id, principal)
);
CREATE TABLE IF NOT EXISTS history (
    seq BIGSERIAL PRIMARY KEY,
    connector_id TEXT NOT NULL,
    at TEXT NOT NULL,
    event TEXT NOT NULL,
    principal TEXT,
    revision_before BIGINT NOT NULL,
    revision_after BIGINT NOT NULL,
    properties TEXT NOT NULL,
    grantee TEXT
);
CREATE INDEX IF NOT EXISTS history_by_connector ON history(connector_id, seq);
";

/// A PostgreSQL database, through a pool of connections, each with the
/// TLS its address asks for (see [`tls`](super::tls)).
pub(crate) struct Postgres {
    pool: Pool<PostgresConnectionManager<MakeRustlsConnect>>,
    shown: String,
    /// Why this store may only be read, when it may.
    read_only: Option<String>,
}

impl std::fmt::Debug for Postgres {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Postgres")
            .field("at", &self.shown)
            .finish_non_exhaustive()
    }
}

/// A failed statement, naming the store by its address without password:
/// the server's message and code, not its detail, which can quote a row.
fn unavailable(at: &str, error: postgres::Error) -> StoreError {
    match error.as_db_error() {
        // A user without write privileges, or a standby server.
        Some(db) if ["42501", "25006"].contains(&db.code().code()) => StoreError::ReadOnly {
            location: at.to_string(),
            why: format!(
                "PostgreSQL: {} (SQLSTATE {})",
                db.message(),
                db.code().code()
            ),
        },
        Some(db) => StoreError::Unavailable(format!(
            "the PostgreSQL store {at}: {} (SQLSTATE {})",
            db.message(),
            db.code().code()
        )),
        None => match std::error::Error::source(&error) {
            Some(cause) => {
                StoreError::Unavailable(format!("the PostgreSQL store {at}: {error}: {cause}"))
            }
            None => StoreError::Unavailable(format!("the PostgreSQL store {at}: {error}")),
        },
    }
}

impl Postgres {
    /// Connects to the database at `url`: with [`Opening::Create`] the
    /// tables are made on first use (by `SqlStore::open`); otherwise they
    /// must be there, and nothing is created.
    pub(crate) fn connect(url: &SecretString, opening: Opening) -> Result<Self, StoreError> {
        let (mut config, parameters) = parse_postgres(url).map_err(|e| {
            StoreError::Unavailable(format!("the PostgreSQL address does not parse: {e}"))
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        if config.get_application_name().is_none() {
            config.application_name("connectors-update");
        }
        let shown = redact_keys(&redacted(&config));
        let tls = Tls::configure(&parameters, &mut config)
            .map_err(|why| StoreError::Unavailable(format!("cannot connect to {shown}: {why}")))?;
        // One connection first, so that a wrong address or password is
        // reported at once rather than after the pool's retries.
        let mut first = config
            .connect(tls.connector())
            .map_err(|e| cannot_connect(&shown, &tls, e))?;
        if opening != Opening::Create {
            check_holds_store(&mut first, &shown, opening)?;
        }
        drop(first);
        let read_only = (opening == Opening::ReadOnly).then(|| "it was opened read-only".into());
        let pool = Pool::builder()
            .max_size(POOL_SIZE)
            .min_idle(Some(0))
            .connection_timeout(CONNECT_TIMEOUT)
            .build_unchecked(PostgresConnectionManager::new(config, tls.connector()));
        Ok(Postgres {
            pool,
            shown,
            read_only,
        })
    }

    /// Why this store can only be read, if it can only be read.
    pub(crate) fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }
}

/// Refuses a database that holds no store, and one that can only be read
/// but would need migrating first.
fn check_holds_store(
    client: &mut postgres::Client,
    shown: &str,
    opening: Opening,
) -> Result<(), StoreError> {
    let fail = |e| unavailable(shown, e);
    let has_meta: bool = client
        .query_one("SELECT to_regclass('meta') IS NOT NULL", &[])
        .and_then(|r| r.try_get(0))
        .map_err(fail)?;
    let version = if has_meta {
        client
            .query_opt("SELECT value FROM meta WHERE key = 'schema-version'", &[])
            .map_err(fail)?
            .map(|r| r.try_get::<_, Vec<u8>>(0).map_err(fail))
            .transpose()?
    } else {
        None
    };
    let Some(version) = version else {
        return Err(StoreError::NoStore {
            location: shown.to_string(),
            why: "the database (in its search_path) holds no connectors-update tables".into(),
        });
    };
    let version = String::from_utf8_lossy(&version)
        .trim()
        .parse::<u32>()
        .unwrap_or(0);
    if opening == Opening::ReadOnly && version < SCHEMA_VERSION {
        return Err(StoreError::ReadOnly {
            location: shown.to_string(),
            why: format!(
                "it was opened read-only, and it is at schema version {version}, which must be migrated to {SCHEMA_VERSION} before it can be read: open it once with a connectors-update that may write it"
            ),
        });
    }
    Ok(())
}

/// A failed first connection: what TLS refused and how to fix it, when it
/// was TLS, else as [`unavailable`] says.
fn cannot_connect(shown: &str, tls: &Tls, error: postgres::Error) -> StoreError {
    if let Some(why) = tls.refusal(&error) {
        return StoreError::Unavailable(format!("cannot connect to {shown}: {why}"));
    }
    match unavailable(shown, error) {
        StoreError::Unavailable(why) => StoreError::Unavailable(format!(
            "cannot connect to {shown}: {}",
            why.strip_prefix(&format!("the PostgreSQL store {shown}: "))
                .unwrap_or(&why)
        )),
        other => other,
    }
}

impl Backend for Postgres {
    fn transaction(&self, access: Access, work: &mut Work<'_>) -> Result<(), StoreError> {
        if access == Access::Write
            && let Some(why) = &self.read_only
        {
            return Err(StoreError::ReadOnly {
                location: self.shown.clone(),
                why: why.clone(),
            });
        }
        let mut client = self.pool.get().map_err(|e| {
            StoreError::Unavailable(format!(
                "no connection to {} is free or can be made: {e}",
                self.shown
            ))
        })?;
        let builder = client.build_transaction();
        let mut tx = match access {
            Access::Read => builder
                .isolation_level(IsolationLevel::RepeatableRead)
                .read_only(true),
            Access::Write => builder.isolation_level(IsolationLevel::ReadCommitted),
        }
        .start()
        .map_err(|e| unavailable(&self.shown, e))?;
        if work(&mut PgTables(&mut tx, &self.shown))? {
            tx.commit().map_err(|e| unavailable(&self.shown, e))?;
        }
        Ok(())
    }

    fn purge_freed(&self) -> Result<(), StoreError> {
        Ok(())
    }
}

/// One transaction's statements, and the store's address for their errors.
struct PgTables<'a, 'b>(&'a mut Transaction<'b>, &'a str);

fn summary(at: &str, row: &Row) -> Result<ConnectorSummary, StoreError> {
    let unavailable = |e| unavailable(at, e);
    Ok(ConnectorSummary {
        id: row.try_get(0).map_err(unavailable)?,
        name: row.try_get(1).map_err(unavailable)?,
        kind: row.try_get(2).map_err(unavailable)?,
        revision: revision(row.try_get(3).map_err(unavailable)?)?,
    })
}

fn revision(value: i64) -> Result<u64, StoreError> {
    u64::try_from(value).map_err(|_| StoreError::Unavailable("a negative revision".into()))
}

fn sealed(at: &str, row: &Row, first: usize) -> Result<SealedProperty, StoreError> {
    let unavailable = |e| unavailable(at, e);
    Ok(SealedProperty {
        position: i64::from(row.try_get::<_, i32>(first).map_err(unavailable)?),
        name: row.try_get(first + 1).map_err(unavailable)?,
        sealed: row.try_get(first + 2).map_err(unavailable)?,
        secret: row.try_get(first + 3).map_err(unavailable)?,
    })
}

impl PgTables<'_, '_> {
    /// `(key id, count)` rows that `sql` selects, for the keys this store
    /// knows: values by the key that sealed them, or connector lists.
    fn counts_by_key(&mut self, sql: &str) -> Result<Vec<(KeyId, u64)>, StoreError> {
        Ok(self
            .0
            .query(sql, &[])
            .map_err(self.fail())?
            .iter()
            .filter_map(|r| {
                let id = KeyId::from_column(r.try_get(0).ok()?)?;
                let n = u64::try_from(r.try_get::<_, i64>(1).ok()?).ok()?;
                Some((id, n))
            })
            .collect())
    }

    /// Turns a failed statement into the store's error, naming the store.
    fn fail(&self) -> impl Fn(postgres::Error) -> StoreError + use<'_> {
        let at = self.1;
        move |e| unavailable(at, e)
    }

    fn heads_where(
        &mut self,
        condition: &str,
        args: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> Result<Vec<ConnectorSummary>, StoreError> {
        self.0
            .query(
                &format!("SELECT id, name, kind, revision FROM connectors {condition}"),
                args,
            )
            .map_err(self.fail())?
            .iter()
            .map(|r| summary(self.1, r))
            .collect()
    }
}

impl Tables for PgTables<'_, '_> {
    fn prepare_schema(&mut self) -> Result<SchemaState, StoreError> {
        self.0
            .execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])
            .map_err(self.fail())?;
        let has_meta: bool = self
            .0
            .query_one("SELECT to_regclass('meta') IS NOT NULL", &[])
            .and_then(|r| r.try_get(0))
            .map_err(self.fail())?;
        if has_meta && let Some(found) = self.meta("schema-version")? {
            let found = String::from_utf8_lossy(&found)
                .trim()
                .parse::<u32>()
                .map_err(|_| {
                    StoreError::Unavailable("the store's schema version does not parse".into())
                })?;
            if found > SCHEMA_VERSION {
                return Err(StoreError::Schema {
                    location: self.1.to_string(),
                    found,
                    supported: SCHEMA_VERSION,
                });
            }
            if found == SCHEMA_VERSION {
                return Ok(SchemaState::default());
            }
        }
        // Every statement is idempotent: from nothing, from schema 2 (one
        // key, no key ids: its values are sealed again on opening), or from
        // schema 3 (no connector seals: made on opening).
        let unkeyed = has_meta && self.meta("key-check")?.is_some();
        self.0.batch_execute(SCHEMA).map_err(self.fail())?;
        self.set_meta("schema-version", SCHEMA_VERSION.to_string().as_bytes())?;
        Ok(SchemaState {
            legacy: false,
            unkeyed,
            unsealed: has_meta,
        })
    }

    fn legacy_properties(&mut self) -> Result<Vec<LegacyProperty>, StoreError> {
        Ok(Vec::new())
    }

    fn put_property(&mut self, connector: &str, p: &SealedProperty) -> Result<(), StoreError> {
        let position = i32::try_from(p.position)
            .map_err(|_| StoreError::Unavailable("a property position out of range".into()))?;
        self.0
            .execute(
                "INSERT INTO properties (connector_id, position, name, sealed, secret, key_id) VALUES ($1, $2, $3, $4, $5, $6) \
                 ON CONFLICT (connector_id, name) DO UPDATE SET position = excluded.position, sealed = excluded.sealed, secret = excluded.secret, key_id = excluded.key_id",
                &[&connector, &position, &p.name, &p.sealed, &p.secret, &key_column(&p.sealed)],
            )
            .map(drop)
            .map_err(self.fail())
    }

    fn delete_property(&mut self, connector: &str, name: &str) -> Result<(), StoreError> {
        self.0
            .execute(
                "DELETE FROM properties WHERE connector_id = $1 AND name = $2",
                &[&connector, &name],
            )
            .map(drop)
            .map_err(self.fail())
    }

    fn drop_legacy(&mut self) -> Result<(), StoreError> {
        Ok(())
    }

    fn meta(&mut self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        self.0
            .query_opt("SELECT value FROM meta WHERE key = $1", &[&key])
            .map_err(self.fail())?
            .map(|r| r.try_get(0).map_err(self.fail()))
            .transpose()
    }

    fn set_meta(&mut self, key: &str, value: &[u8]) -> Result<(), StoreError> {
        self.0
            .execute(
                "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                &[&key, &value],
            )
            .map(drop)
            .map_err(self.fail())
    }

    fn head(&mut self, id: &str) -> Result<Option<ConnectorSummary>, StoreError> {
        Ok(self.heads_where("WHERE id = $1", &[&id])?.pop())
    }

    fn lock_head(&mut self, id: &str) -> Result<Option<ConnectorSummary>, StoreError> {
        Ok(self.heads_where("WHERE id = $1 FOR UPDATE", &[&id])?.pop())
    }

    fn lock_names(&mut self) -> Result<(), StoreError> {
        self.0
            .execute("SELECT pg_advisory_xact_lock($1)", &[&NAMES_LOCK])
            .map(drop)
            .map_err(self.fail())
    }

    fn heads_named(&mut self, name: &str) -> Result<Vec<ConnectorSummary>, StoreError> {
        self.heads_where("WHERE name = $1 ORDER BY id", &[&name])
    }

    fn heads(&mut self) -> Result<Vec<ConnectorSummary>, StoreError> {
        self.heads_where("ORDER BY name, id", &[])
    }

    fn properties(&mut self, id: &str) -> Result<Vec<SealedProperty>, StoreError> {
        self.0
            .query(
                "SELECT position, name, sealed, secret FROM properties WHERE connector_id = $1 ORDER BY position",
                &[&id],
            )
            .map_err(self.fail())?
            .iter()
            .map(|r| sealed(self.1, r, 0))
            .collect()
    }

    fn all_properties(&mut self) -> Result<Vec<(String, SealedProperty)>, StoreError> {
        self.0
            .query(
                "SELECT connector_id, position, name, sealed, secret FROM properties",
                &[],
            )
            .map_err(self.fail())?
            .iter()
            .map(|r| Ok((r.try_get(0).map_err(self.fail())?, sealed(self.1, r, 1)?)))
            .collect()
    }

    fn sealed_by_other_keys(
        &mut self,
        key: KeyId,
        after: Option<(&str, &str)>,
        limit: usize,
    ) -> Result<Vec<(String, SealedProperty)>, StoreError> {
        let (connector, name) = after.unwrap_or(("", ""));
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.0
            .query(
                "SELECT connector_id, position, name, sealed, secret FROM properties \
                 WHERE key_id <> $1 AND (NOT $2 OR (connector_id, name) > ($3, $4)) \
                 ORDER BY connector_id, name LIMIT $5",
                &[
                    &key.to_column(),
                    &after.is_some(),
                    &connector,
                    &name,
                    &limit,
                ],
            )
            .map_err(self.fail())?
            .iter()
            .map(|r| Ok((r.try_get(0).map_err(self.fail())?, sealed(self.1, r, 1)?)))
            .collect()
    }

    fn reseal(
        &mut self,
        connector: &str,
        name: &str,
        old: &[u8],
        new: &[u8],
    ) -> Result<bool, StoreError> {
        self.0
            .execute(
                "UPDATE properties SET sealed = $1, key_id = $2 WHERE connector_id = $3 AND name = $4 AND sealed = $5",
                &[&new, &key_column(new), &connector, &name, &old],
            )
            .map(|n| n == 1)
            .map_err(self.fail())
    }

    fn store_keys(&mut self, lock: KeyLock) -> Result<Vec<StoreKeyRow>, StoreError> {
        let take = match lock {
            KeyLock::None => None,
            KeyLock::Shared => Some("SELECT pg_advisory_xact_lock_shared($1)"),
            KeyLock::Exclusive => Some("SELECT pg_advisory_xact_lock($1)"),
        };
        if let Some(take) = take {
            self.0.execute(take, &[&KEYS_LOCK]).map_err(self.fail())?;
        }
        self.0
            .query(
                "SELECT id, position, state, since FROM store_keys ORDER BY position",
                &[],
            )
            .map_err(self.fail())?
            .iter()
            .map(|r| {
                let get = |e: postgres::Error| unavailable(self.1, e);
                key_row(
                    self.1,
                    r.try_get(0).map_err(get)?,
                    r.try_get(1).map_err(get)?,
                    r.try_get::<_, &str>(2).map_err(get)?,
                    r.try_get(3).map_err(get)?,
                )
            })
            .collect()
    }

    fn put_store_key(&mut self, key: &StoreKeyRow) -> Result<(), StoreError> {
        self.0
            .execute(
                "INSERT INTO store_keys (id, position, state, since) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (id) DO UPDATE SET state = excluded.state, since = excluded.since",
                &[
                    &key.id.to_column(),
                    &key.position,
                    &key.state.as_str(),
                    &key.since,
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
            .execute("DELETE FROM meta WHERE key = $1", &[&key])
            .map(drop)
            .map_err(self.fail())
    }

    fn connector_seal(&mut self, id: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .0
            .query_opt("SELECT seal FROM connectors WHERE id = $1", &[&id])
            .map_err(self.fail())?
            .map(|r| r.try_get::<_, Option<Vec<u8>>>(0).map_err(self.fail()))
            .transpose()?
            .flatten())
    }

    fn set_connector_seal(&mut self, id: &str, sealed: &[u8]) -> Result<(), StoreError> {
        self.0
            .execute(
                "UPDATE connectors SET seal = $1, seal_key = $2 WHERE id = $3",
                &[&sealed, &key_column(sealed), &id],
            )
            .map(drop)
            .map_err(self.fail())
    }

    fn heads_sealed_by_other_keys(
        &mut self,
        key: KeyId,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<ConnectorSummary>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.heads_where(
            "WHERE seal_key <> $1 AND (NOT $2 OR id > $3) ORDER BY id LIMIT $4",
            &[
                &key.to_column(),
                &after.is_some(),
                &after.unwrap_or(""),
                &limit,
            ],
        )
    }

    fn connector_seals_by_key(&mut self) -> Result<Vec<(KeyId, u64)>, StoreError> {
        self.counts_by_key(
            "SELECT seal_key, count(*) FROM connectors WHERE seal IS NOT NULL GROUP BY seal_key",
        )
    }

    fn insert_connector(&mut self, head: &ConnectorSummary) -> Result<bool, StoreError> {
        let revision = head.revision as i64;
        self.0
            .execute(
                "INSERT INTO connectors (id, name, kind, revision) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING",
                &[&head.id, &head.name, &head.kind, &revision],
            )
            .map(|n| n == 1)
            .map_err(self.fail())
    }

    fn advance_revision(&mut self, id: &str, from: u64, to: u64) -> Result<bool, StoreError> {
        let (from, to) = (from as i64, to as i64);
        self.0
            .execute(
                "UPDATE connectors SET revision = $1 WHERE id = $2 AND revision = $3",
                &[&to, &id, &from],
            )
            .map(|n| n == 1)
            .map_err(self.fail())
    }

    fn grants(&mut self, id: &str) -> Result<Vec<String>, StoreError> {
        self.0
            .query(
                "SELECT principal FROM grants WHERE connector_id = $1 ORDER BY principal",
                &[&id],
            )
            .map_err(self.fail())?
            .iter()
            .map(|r| r.try_get(0).map_err(self.fail()))
            .collect()
    }

    fn set_grant(&mut self, id: &str, principal: &str, granted: bool) -> Result<bool, StoreError> {
        let sql = if granted {
            "INSERT INTO grants (connector_id, principal) VALUES ($1, $2) ON CONFLICT DO NOTHING"
        } else {
            "DELETE FROM grants WHERE connector_id = $1 AND principal = $2"
        };
        self.0
            .execute(sql, &[&id, &principal])
            .map(|n| n == 1)
            .map_err(self.fail())
    }

    fn all_grants(&mut self) -> Result<Vec<(String, String)>, StoreError> {
        let at = self.1;
        let unavailable = move |e| unavailable(at, e);
        self.0
            .query(
                "SELECT connector_id, principal FROM grants ORDER BY connector_id, principal",
                &[],
            )
            .map_err(unavailable)?
            .iter()
            .map(|r| {
                Ok((
                    r.try_get(0).map_err(unavailable)?,
                    r.try_get(1).map_err(unavailable)?,
                ))
            })
            .collect()
    }

    fn delete_connector(&mut self, id: &str) -> Result<bool, StoreError> {
        let at = self.1;
        let unavailable = move |e| unavailable(at, e);
        // The connector's row first, as a write locks it first: a write and
        // a delete of one connector queue instead of deadlocking.
        let deleted = self
            .0
            .execute("DELETE FROM connectors WHERE id = $1", &[&id])
            .map(|n| n == 1)
            .map_err(unavailable)?;
        for sql in [
            "DELETE FROM properties WHERE connector_id = $1",
            "DELETE FROM grants WHERE connector_id = $1",
        ] {
            self.0.execute(sql, &[&id]).map_err(unavailable)?;
        }
        Ok(deleted)
    }

    fn append_history(&mut self, e: &HistoryEntry) -> Result<(), StoreError> {
        let properties = serde_json::to_string(&e.properties)
            .map_err(|err| StoreError::Unavailable(format!("history: {err}")))?;
        let (before, after) = (e.revision_before as i64, e.revision_after as i64);
        self.0
            .execute(
                "INSERT INTO history (connector_id, at, event, principal, revision_before, revision_after, properties, grantee) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                &[
                    &e.connector,
                    &e.at,
                    &e.event.as_str(),
                    &e.principal,
                    &before,
                    &after,
                    &properties,
                    &e.grantee,
                ],
            )
            .map(drop)
            .map_err(self.fail())
    }

    fn history(&mut self, id: &str) -> Result<Vec<HistoryEntry>, StoreError> {
        self.0
            .query(
                "SELECT at, event, principal, revision_before, revision_after, properties, grantee FROM history WHERE connector_id = $1 ORDER BY seq",
                &[&id],
            )
            .map_err(self.fail())?
            .iter()
            .map(|r| {
                let get = |e: postgres::Error| unavailable(self.1, e);
                HistoryEntry::from_columns(
                    id,
                    r.try_get(0).map_err(get)?,
                    r.try_get::<_, &str>(1).map_err(get)?,
                    r.try_get(2).map_err(get)?,
                    (r.try_get(3).map_err(get)?, r.try_get(4).map_err(get)?),
                    r.try_get::<_, &str>(5).map_err(get)?,
                    r.try_get(6).map_err(get)?,
                )
            })
            .collect()
    }
}
