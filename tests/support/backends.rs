//! The database stores' backends, for tests that must hold on both: an
//! SQLite file in a temporary folder, and a fresh schema in the PostgreSQL
//! server `scripts/test` starts (`CONNECTORS_TEST_POSTGRES`).
//!
//! Without that server, the PostgreSQL half of a test is skipped with a
//! note, unless `CONNECTORS_TEST_REQUIRE_POSTGRES` is set (as `scripts/test`
//! and CI set it), in which case it fails.

use std::path::PathBuf;

use connectors_update_sql::{KeySource, SqlStore, StoreLocation};

/// One place a database store can live, cleaned up when dropped.
pub struct Db {
    /// "sqlite" or "postgres".
    pub name: &'static str,
    /// What `--store` takes.
    pub location: String,
    /// The key file.
    pub key_file: PathBuf,
    /// Holds the SQLite file and the key file.
    pub dir: tempfile::TempDir,
    schema: Option<String>,
    /// How the helpers below reach the PostgreSQL server around the store.
    admin: Option<String>,
}

impl Db {
    /// An SQLite file in a new folder.
    pub fn sqlite() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.db");
        Db {
            name: "sqlite",
            location: path.display().to_string(),
            key_file: dir.path().join("store.db.key"),
            dir,
            schema: None,
            admin: None,
        }
    }

    /// A new, empty schema in the test PostgreSQL server, or `None` (with a
    /// note) when there is none and it is not required.
    pub fn postgres() -> Option<Db> {
        let url = server_url()?;
        Some(Db::postgres_on(&url, &url))
    }

    /// A new, empty schema on the PostgreSQL server at `url` (a URL, which
    /// may have a query), made and cleaned up through `admin` (anything
    /// `postgres::Client::connect` takes, without TLS).
    pub fn postgres_on(url: &str, admin_at: &str) -> Db {
        let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
        admin(admin_at)
            .batch_execute(&format!("CREATE SCHEMA {schema}"))
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let separator = if url.contains('?') { '&' } else { '?' };
        Db {
            name: "postgres",
            location: format!(
                "{url}{separator}options=-csearch_path%3D{schema}&application_name={schema}"
            ),
            key_file: dir.path().join("postgres.key"),
            dir,
            schema: Some(schema),
            admin: Some(admin_at.to_string()),
        }
    }

    /// The schema's name, which is also its stores' `application_name`
    /// (PostgreSQL only).
    pub fn schema(&self) -> &str {
        self.schema.as_deref().expect("a PostgreSQL store")
    }

    /// A connection to the server around the store (PostgreSQL only).
    pub fn admin(&self) -> postgres::Client {
        admin(self.admin.as_deref().expect("a PostgreSQL store"))
    }

    /// Both backends (PostgreSQL when there is a server).
    pub fn all() -> Vec<Db> {
        std::iter::once(Db::sqlite())
            .chain(Db::postgres())
            .collect()
    }

    /// The location, parsed.
    pub fn store_location(&self) -> StoreLocation {
        StoreLocation::parse(&self.location).unwrap()
    }

    /// Opens the store with its key file.
    pub fn open(&self) -> SqlStore {
        self.try_open(KeySource::File(self.key_file.clone()))
            .unwrap_or_else(|e| panic!("{}: {e}", self.name))
    }

    /// Opens the store with this key source.
    pub fn try_open(
        &self,
        key: KeySource,
    ) -> Result<SqlStore, connectors_update_harness::StoreError> {
        SqlStore::open(&self.store_location(), key)
    }

    /// Runs SQL straight on the database, around the store (to tamper with it).
    pub fn sql(&self, statements: &str) {
        match &self.schema {
            Some(schema) => {
                let mut client = self.admin();
                client
                    .batch_execute(&format!("SET search_path TO {schema}; {statements}"))
                    .unwrap();
            }
            None => {
                let conn = rusqlite::Connection::open(&self.location).unwrap();
                conn.execute_batch(statements).unwrap();
            }
        }
    }

    /// Ends every server connection of this test's stores (PostgreSQL only),
    /// as a restarted server or a network failure would; returns how many.
    pub fn terminate_connections(&self) -> usize {
        let schema = self.schema();
        self.admin()
            .query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
                &[&schema],
            )
            .unwrap()
            .len()
    }

    /// Reads one BLOB/BYTEA (or TEXT) cell straight from the database.
    pub fn bytes(&self, query: &str) -> Vec<u8> {
        match &self.schema {
            Some(schema) => {
                let mut client = self.admin();
                client
                    .batch_execute(&format!("SET search_path TO {schema}"))
                    .unwrap();
                client.query_one(query, &[]).unwrap().get(0)
            }
            None => {
                let conn = rusqlite::Connection::open(&self.location).unwrap();
                conn.query_row(query, [], |r| r.get(0)).unwrap()
            }
        }
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        if let (Some(schema), Some(at)) = (&self.schema, &self.admin) {
            let _ = admin(at).batch_execute(&format!("DROP SCHEMA {schema} CASCADE"));
        }
    }
}

fn server_url() -> Option<String> {
    match std::env::var("CONNECTORS_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var_os("CONNECTORS_TEST_REQUIRE_POSTGRES").is_some() => {
            panic!(
                "CONNECTORS_TEST_REQUIRE_POSTGRES is set but CONNECTORS_TEST_POSTGRES is not: run scripts/test"
            )
        }
        _ => {
            eprintln!(
                "note: no CONNECTORS_TEST_POSTGRES; the PostgreSQL half of this test is skipped (scripts/test runs it)"
            );
            None
        }
    }
}

fn admin(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).unwrap()
}
