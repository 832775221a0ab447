//! Stores from before keyrings (schema 2: one key, its key check in
//! `meta`, values sealed in format 1 with no key id) and from before
//! connector seals (schema 3: values in format 2, which does not bind the
//! secret mark) migrate forward when they open: here, since only this
//! crate can still seal formats 1 and 2. The same on SQLite and, when
//! `CONNECTORS_TEST_POSTGRES` names a server, on PostgreSQL.

use secrecy::ExposeSecret;

use super::{SqlStore, StoreLocation};
use crate::error::{KeyError, StoreError};
use crate::key::StoreKey;
use crate::key_file::KeySource;
use crate::keyring::{KeyState, Keyring};
use crate::seal::Sealer;

/// Schema 2's tables, as the release before keyrings made them.
const SCHEMA_2: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value BYTEA NOT NULL);
CREATE TABLE connectors (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT, revision BIGINT NOT NULL);
CREATE INDEX connectors_by_name ON connectors(name);
CREATE TABLE properties (
    connector_id TEXT NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, name TEXT NOT NULL, sealed BYTEA NOT NULL, secret BOOLEAN NOT NULL,
    PRIMARY KEY (connector_id, name));
CREATE TABLE grants (
    connector_id TEXT NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
    principal TEXT NOT NULL, PRIMARY KEY (connector_id, principal));
CREATE TABLE history (
    seq BIGINT PRIMARY KEY, connector_id TEXT NOT NULL, at TEXT NOT NULL, event TEXT NOT NULL,
    principal TEXT, revision_before BIGINT NOT NULL, revision_after BIGINT NOT NULL,
    properties TEXT NOT NULL, grantee TEXT);
";

/// The rows of a schema-2 store sealed with `key`: connector `vault` with
/// a secret, a plain value and one value damaged before the migration.
fn rows(key: &StoreKey) -> Vec<(&'static str, Vec<u8>)> {
    let sealer = Sealer::new(key);
    let mut damaged = sealer.seal_property_format_1("vault", "Broken", "x");
    let last = damaged.len() - 1;
    damaged[last] ^= 1;
    vec![
        (
            "APIKey",
            sealer.seal_property_format_1("vault", "APIKey", "s3cret-canary"),
        ),
        (
            "Endpoint",
            sealer.seal_property_format_1("vault", "Endpoint", "https://v.example"),
        ),
        ("Broken", damaged),
    ]
}

fn check_migrated(store: &SqlStore, key: &StoreKey) {
    let (record, damaged) = store.find_readable("vault").unwrap();
    assert_eq!(record.value("APIKey"), Some("s3cret-canary"));
    assert_eq!(record.value("Endpoint"), Some("https://v.example"));
    assert_eq!(damaged, vec!["Broken".to_string()]);
    let keys = store.keys().unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].id, key.id());
    assert_eq!(keys[0].state, KeyState::Primary);
    assert_eq!(
        keys[0].values, 2,
        "the two values that opened were sealed again"
    );
    assert!(keys[0].held);
}

fn sqlite_v2(dir: &std::path::Path, key: &StoreKey) -> std::path::PathBuf {
    let path = dir.join("v2.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(&SCHEMA_2.replace("BYTEA", "BLOB"))
        .unwrap();
    conn.pragma_update(None, "user_version", 2).unwrap();
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('key-check', ?1)",
        [Sealer::new(key).format_1_key_check()],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO connectors VALUES ('vault', 'Vault', NULL, 3)",
        [],
    )
    .unwrap();
    for (i, (name, sealed)) in rows(key).into_iter().enumerate() {
        conn.execute(
            "INSERT INTO properties VALUES ('vault', ?1, ?2, ?3, ?4)",
            rusqlite::params![i as i64, name, sealed, name == "APIKey"],
        )
        .unwrap();
    }
    path
}

#[test]
fn a_schema_2_sqlite_store_gets_key_ids_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let key = StoreKey::generate();
    let path = sqlite_v2(dir.path(), &key);
    let location = StoreLocation::Sqlite(path.clone());

    // Another key does not migrate it, and changes nothing.
    let wrong = SqlStore::open_existing(&location, KeySource::from(StoreKey::generate()));
    assert!(
        matches!(wrong, Err(StoreError::Key(KeyError::Wrong { .. }))),
        "{wrong:?}"
    );
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 2);

    // Opened read-only, it is refused: reading it needs migrating it.
    let read_only = SqlStore::open_read_only(&location, KeySource::from(key.clone()));
    assert!(
        matches!(read_only, Err(StoreError::ReadOnly { .. })),
        "{read_only:?}"
    );

    let store = SqlStore::open_existing(&location, KeySource::from(key.clone())).unwrap();
    check_migrated(&store, &key);
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 4);
    let checks: i64 = conn
        .query_row(
            "SELECT count(*) FROM meta WHERE key = 'key-check'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(checks, 0, "the key check went with format 1");
    let first: Vec<u8> = conn
        .query_row(
            "SELECT sealed FROM properties WHERE name = 'APIKey'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(first[0], 3, "sealed in format 3");
    drop(store);
    // Opening again finds it migrated.
    check_migrated(
        &SqlStore::open_existing(&location, KeySource::from(key.clone())).unwrap(),
        &key,
    );
}

#[test]
fn a_schema_2_store_whose_rotation_was_cut_short_migrates_with_the_staged_key() {
    // The release before keyrings wrote the new key beside the key file
    // (FILE.next), committed, then renamed it: a crash in between left the
    // store sealed with the staged key.
    let dir = tempfile::tempdir().unwrap();
    let (old, staged) = (StoreKey::generate(), StoreKey::generate());
    let path = sqlite_v2(dir.path(), &staged);
    let key_file = dir.path().join("v2.db.key");
    std::fs::write(&key_file, old.to_base64().expose_secret()).unwrap();
    std::fs::write(
        dir.path().join("v2.db.key.next"),
        staged.to_base64().expose_secret(),
    )
    .unwrap();
    let store = SqlStore::open_existing(
        &StoreLocation::Sqlite(path),
        KeySource::File(key_file.clone()),
    )
    .unwrap();
    check_migrated(&store, &staged);
    assert!(!dir.path().join("v2.db.key.next").exists());
    let ring = Keyring::from_base64(&std::fs::read_to_string(&key_file).unwrap().into()).unwrap();
    assert!(
        ring.holds(staged.id()),
        "the staged key joined the key file"
    );
}

#[test]
fn a_schema_2_postgres_store_gets_key_ids_on_open() {
    let Ok(url) = std::env::var("CONNECTORS_TEST_POSTGRES") else {
        eprintln!("note: no CONNECTORS_TEST_POSTGRES; the PostgreSQL migration test is skipped");
        return;
    };
    let schema = format!("m_{}", uuid::Uuid::new_v4().simple());
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!(
            "CREATE SCHEMA {schema}; SET search_path TO {schema}; {SCHEMA_2}"
        ))
        .unwrap();
    let key = StoreKey::generate();
    admin
        .execute(
            "INSERT INTO meta VALUES ('schema-version', '2'), ('key-check', $1)",
            &[&Sealer::new(&key).format_1_key_check()],
        )
        .unwrap();
    admin
        .execute(
            "INSERT INTO connectors VALUES ('vault', 'Vault', NULL, 3)",
            &[],
        )
        .unwrap();
    for (i, (name, sealed)) in rows(&key).into_iter().enumerate() {
        admin
            .execute(
                "INSERT INTO properties VALUES ('vault', $1, $2, $3, $4)",
                &[&(i as i32), &name, &sealed, &(name == "APIKey")],
            )
            .unwrap();
    }
    let separator = if url.contains('?') { '&' } else { '?' };
    let location =
        StoreLocation::parse(&format!("{url}{separator}options=-csearch_path%3D{schema}")).unwrap();
    let store = SqlStore::open_existing(&location, KeySource::from(key.clone())).unwrap();
    check_migrated(&store, &key);
    drop(store);
    check_migrated(
        &SqlStore::open_existing(&location, KeySource::from(key.clone())).unwrap(),
        &key,
    );
    let version: Vec<u8> = admin
        .query_one("SELECT value FROM meta WHERE key = 'schema-version'", &[])
        .unwrap()
        .get(0);
    assert_eq!(version, b"4");
    admin
        .batch_execute(&format!("DROP SCHEMA {schema} CASCADE"))
        .unwrap();
}

/// Schema 3's tables: schema 2's, a key id on every value, and the keys.
fn schema_3() -> String {
    SCHEMA_2.replace(
        "secret BOOLEAN NOT NULL,",
        "secret BOOLEAN NOT NULL, key_id BIGINT NOT NULL DEFAULT 0,",
    ) + "CREATE TABLE store_keys (id BIGINT PRIMARY KEY, position BIGINT NOT NULL, state TEXT NOT NULL, since TEXT NOT NULL);"
}

/// The rows of a schema-3 store sealed with `key` (format 2): connector
/// `vault` with a secret, a plain value and a value damaged before.
fn rows_3(key: &StoreKey) -> Vec<(&'static str, Vec<u8>, bool)> {
    let sealer = Sealer::new(key);
    let mut damaged = sealer.seal_format_2("vault", "Broken", "x");
    let last = damaged.len() - 1;
    damaged[last] ^= 1;
    vec![
        (
            "APIKey",
            sealer.seal_format_2("vault", "APIKey", "s3cret-canary"),
            true,
        ),
        (
            "Endpoint",
            sealer.seal_format_2("vault", "Endpoint", "https://v.example"),
            false,
        ),
        ("Broken", damaged, false),
    ]
}

/// A schema-3 store, migrated: every value that opened now binds its
/// secret mark (format 3), under the key that sealed it, and the connector
/// has its seal, so that flipping a mark is caught.
fn check_migrated_3(store: &SqlStore, key: &StoreKey) {
    let (record, damaged) = store.find_readable("vault").unwrap();
    assert_eq!(record.value("APIKey"), Some("s3cret-canary"));
    assert_eq!(record.value("Endpoint"), Some("https://v.example"));
    assert_eq!(damaged, vec!["Broken".to_string()]);
    let keys = store.keys().unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].id, key.id());
    assert_eq!(keys[0].values, 3, "every value keeps its key");
}

#[test]
fn a_schema_3_sqlite_store_binds_secret_marks_and_seals_its_connectors_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let key = StoreKey::generate();
    let path = dir.path().join("v3.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(&schema_3().replace("BYTEA", "BLOB"))
        .unwrap();
    conn.pragma_update(None, "user_version", 3).unwrap();
    conn.execute(
        "INSERT INTO store_keys VALUES (?1, 0, 'primary', '2026-01-01T00:00:00Z')",
        [key.id().to_column()],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO connectors VALUES ('vault', 'Vault', NULL, 3)",
        [],
    )
    .unwrap();
    for (i, (name, sealed, secret)) in rows_3(&key).into_iter().enumerate() {
        conn.execute(
            "INSERT INTO properties VALUES ('vault', ?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![i as i64, name, sealed, secret, key.id().to_column()],
        )
        .unwrap();
    }
    let location = StoreLocation::Sqlite(path.clone());
    let read_only = SqlStore::open_read_only(&location, KeySource::from(key.clone()));
    assert!(
        matches!(read_only, Err(StoreError::ReadOnly { .. })),
        "{read_only:?}"
    );
    let store = SqlStore::open_existing(&location, KeySource::from(key.clone())).unwrap();
    check_migrated_3(&store, &key);
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 4);
    let first: Vec<u8> = conn
        .query_row(
            "SELECT sealed FROM properties WHERE name = 'APIKey'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(first[0], 3, "sealed in format 3");
    drop(store);
    check_migrated_3(
        &SqlStore::open_existing(&location, KeySource::from(key.clone())).unwrap(),
        &key,
    );
    // The mark is sealed now: flipping it is damage, never a plain value.
    conn.execute("UPDATE properties SET secret = 0", [])
        .unwrap();
    let store = SqlStore::open_existing(&location, KeySource::from(key.clone())).unwrap();
    let (record, damaged) = store.find_readable("vault").unwrap();
    assert!(damaged.contains(&"APIKey".to_string()), "{damaged:?}");
    assert_eq!(record.value("APIKey"), Some(""));
}

#[test]
fn a_schema_3_postgres_store_binds_secret_marks_and_seals_its_connectors_on_open() {
    let Ok(url) = std::env::var("CONNECTORS_TEST_POSTGRES") else {
        eprintln!("note: no CONNECTORS_TEST_POSTGRES; the PostgreSQL migration test is skipped");
        return;
    };
    let schema = format!("m_{}", uuid::Uuid::new_v4().simple());
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!(
            "CREATE SCHEMA {schema}; SET search_path TO {schema}; {}",
            schema_3()
        ))
        .unwrap();
    let key = StoreKey::generate();
    admin
        .execute("INSERT INTO meta VALUES ('schema-version', '3')", &[])
        .unwrap();
    admin
        .execute(
            "INSERT INTO store_keys VALUES ($1, 0, 'primary', '2026-01-01T00:00:00Z')",
            &[&key.id().to_column()],
        )
        .unwrap();
    admin
        .execute(
            "INSERT INTO connectors VALUES ('vault', 'Vault', NULL, 3)",
            &[],
        )
        .unwrap();
    for (i, (name, sealed, secret)) in rows_3(&key).into_iter().enumerate() {
        admin
            .execute(
                "INSERT INTO properties VALUES ('vault', $1, $2, $3, $4, $5)",
                &[&(i as i32), &name, &sealed, &secret, &key.id().to_column()],
            )
            .unwrap();
    }
    let separator = if url.contains('?') { '&' } else { '?' };
    let location =
        StoreLocation::parse(&format!("{url}{separator}options=-csearch_path%3D{schema}")).unwrap();
    let store = SqlStore::open_existing(&location, KeySource::from(key.clone())).unwrap();
    check_migrated_3(&store, &key);
    drop(store);
    check_migrated_3(
        &SqlStore::open_existing(&location, KeySource::from(key.clone())).unwrap(),
        &key,
    );
    let version: Vec<u8> = admin
        .query_one("SELECT value FROM meta WHERE key = 'schema-version'", &[])
        .unwrap()
        .get(0);
    assert_eq!(version, b"4");
    admin
        .batch_execute(&format!("DROP SCHEMA {schema} CASCADE"))
        .unwrap();
}
