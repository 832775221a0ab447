//! Schema versions: a store records its version, an older file is migrated
//! forward on open (its plaintext values sealed, no copy left behind), and a
//! newer one is a clear error that leaves it as it is.

use connectors_update_harness::StoreError;
use connectors_update_sql::SqlStore;

use crate::support::CANARY;
use crate::support::backends::Db;
use crate::support::cli::Cli;

/// The first release's schema: values in plaintext, no meta, no history.
const SCHEMA_1: &str = "
CREATE TABLE connectors (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT, revision INTEGER NOT NULL);
CREATE INDEX connectors_by_name ON connectors(name);
CREATE TABLE properties (
    connector_id TEXT NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, secret INTEGER NOT NULL,
    PRIMARY KEY (connector_id, name));
CREATE TABLE grants (
    connector_id TEXT NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
    principal TEXT NOT NULL, PRIMARY KEY (connector_id, principal));
";

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn a_schema_1_file_is_sealed_and_migrated_on_open() {
    let cli = Cli::new();
    {
        let conn = rusqlite::Connection::open(cli.store()).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.execute_batch(SCHEMA_1).unwrap();
        conn.execute_batch(&format!(
            "INSERT INTO connectors VALUES ('old', 'Old Connector', 'rest-api', 7);
             INSERT INTO properties VALUES ('old', 0, 'Endpoint', 'https://old.example', 0);
             INSERT INTO properties VALUES ('old', 1, 'APIKey', '{CANARY}', 1);
             INSERT INTO grants VALUES ('old', 'alice');"
        ))
        .unwrap();
    }
    assert!(
        contains(&std::fs::read(cli.store()).unwrap(), CANARY) || {
            let wal = std::fs::read(format!("{}-wal", cli.store().display())).unwrap_or_default();
            contains(&wal, CANARY)
        }
    );

    let shown = cli
        .run(&["--as", "alice", "connector", "show", "old", "--reveal"])
        .ok_json();
    assert_eq!(shown["revision"], 7);
    assert_eq!(shown["properties"]["APIKey"], CANARY);
    assert_eq!(shown["properties"]["Endpoint"], "https://old.example");
    assert_eq!(shown["secrets"], serde_json::json!(["APIKey"]));
    assert_eq!(shown["grants"], serde_json::json!(["alice"]));

    for suffix in ["", "-wal", "-shm"] {
        let path = format!("{}{suffix}", cli.store().display());
        if let Ok(bytes) = std::fs::read(&path) {
            assert!(
                !contains(&bytes, CANARY),
                "{path} still holds a plaintext value"
            );
            assert!(!contains(&bytes, "https://old.example"), "{path}");
        }
    }
    let conn = rusqlite::Connection::open(cli.store()).unwrap();
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 4);
    let legacy: bool = conn
        .query_row(
            "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE name = 'properties_v1')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!legacy);
    // It goes on working as a schema-4 store, history included.
    let step = cli.file(
        "step.json",
        crate::support::step_json(serde_json::json!({
            "EntryId": "old", "PropertiesJson": "{\"Timeout\": \"5s\"}"
        })),
    );
    let outcome = cli.run(&["--as", "alice", "run", &step]).ok_json();
    assert_eq!(outcome["revision_after"], 8);
    let history = cli
        .run(&["--as", "alice", "connector", "history", "old"])
        .ok_json();
    assert_eq!(history.as_array().unwrap().len(), 1);
}

#[test]
fn a_newer_sqlite_file_is_refused_and_left_as_it_is() {
    let cli = Cli::new();
    cli.add_twitter();
    {
        let conn = rusqlite::Connection::open(cli.store()).unwrap();
        conn.pragma_update(None, "user_version", 5).unwrap();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
    }
    let before = std::fs::read(cli.store()).unwrap();
    let run = cli.run(&["connector", "list"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stderr.trim(),
        format!(
            "error[store-schema]: the store {} has schema version 5, and this connectors-update understands up to 4; use a newer connectors-update (the store was left as it is)",
            cli.store().display()
        )
    );
    assert_eq!(std::fs::read(cli.store()).unwrap(), before);
    assert_eq!(
        SqlStore::sqlite(cli.store()).unwrap_err(),
        StoreError::Schema {
            location: cli.store().display().to_string(),
            found: 5,
            supported: 4
        }
    );
}

#[test]
fn a_newer_postgres_schema_is_refused() {
    let Some(db) = Db::postgres() else { return };
    drop(db.open());
    assert_eq!(
        db.bytes("SELECT value FROM meta WHERE key = 'schema-version'"),
        b"4"
    );
    db.sql("UPDATE meta SET value = convert_to('5', 'UTF8') WHERE key = 'schema-version'");
    let error = db.try_open(connectors_update_sql::KeySource::File(db.key_file.clone()));
    assert_eq!(
        error.unwrap_err(),
        StoreError::Schema {
            location: db.store_location().to_string(),
            found: 5,
            supported: 4
        }
    );
}
