//! Encryption at rest: no value reaches a database in plaintext, a wrong or
//! missing key is a clear error that changes nothing, a tampered or moved
//! value is detected and named, and rotating the key re-seals everything.

use base64::Engine;
use connectors_update::{AdminError, KeyError, KeySource, StoreError, StoreKey};
use secrecy::ExposeSecret;

use crate::support::CANARY;
use crate::support::backends::Db;
use crate::support::cli::Cli;

/// A plain (not secret) value that must not be stored in plaintext either.
const PLAIN_CANARY: &str = "plain-7c1e-visible-but-sealed";

fn add_canaries(cli: &Cli) {
    cli.run(&[
        "connector",
        "add",
        "--name",
        "Vault",
        "--id",
        "vault",
        "--secret",
        &format!("APIKey={CANARY}"),
        "--set",
        &format!("Endpoint={PLAIN_CANARY}"),
    ])
    .ok_json();
}

/// Adds connector `vault`: the canary as its secret APIKey, and the plain canary as its Endpoint.
fn add_vault(store: &connectors_update::SqlStore) {
    store
        .add(
            connectors_update::NewConnector::new("Vault")
                .id("vault")
                .secret("APIKey", CANARY)
                .set("Endpoint", PLAIN_CANARY),
        )
        .unwrap();
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// Every file of an SQLite store: the database, its WAL and shared memory.
fn sqlite_files(cli: &Cli) -> Vec<(String, Vec<u8>)> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .filter_map(|suffix| {
            let path = format!("{}{suffix}", cli.store().display());
            std::fs::read(&path).ok().map(|bytes| (path, bytes))
        })
        .collect()
}

#[test]
fn no_value_reaches_the_sqlite_files_in_plaintext() {
    let cli = Cli::new();
    add_canaries(&cli);
    // While this connection is open, the CLI's are not the last to close,
    // so SQLite keeps the WAL file for us to read.
    let keep = rusqlite::Connection::open(cli.store()).unwrap();
    let _: i64 = keep
        .query_row("SELECT count(*) FROM properties", [], |r| r.get(0))
        .unwrap();
    // A step writes the canaries again (under new names), then a step
    // that changes them to other values, so old pages and WAL frames exist.
    let step = cli.file(
        "step.json",
        crate::support::step_json(serde_json::json!({
            "EntryId": "vault",
            "PropertiesJson": format!("{{\"Copy\": \"{PLAIN_CANARY}\", \"Endpoint\": \"https://new.example\"}}")
        })),
    );
    cli.run(&["run", &step]).ok_json();
    let files = sqlite_files(&cli);
    assert!(
        files.len() >= 3,
        "the database, its WAL and shared memory exist"
    );
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    assert!(total > 4096);
    for (path, bytes) in &files {
        assert!(!contains(bytes, CANARY), "{path} holds the secret canary");
        assert!(
            !contains(bytes, PLAIN_CANARY),
            "{path} holds the plain canary"
        );
    }
    drop(keep);
    // The values are there all the same, for those who hold the key.
    let shown = cli.run(&["connector", "show", "vault", "--reveal"]).json();
    assert_eq!(shown["properties"]["APIKey"], CANARY);
    assert_eq!(shown["properties"]["Copy"], PLAIN_CANARY);
    // The key file is its owner's only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let key = cli.dir.path().join("store.db.key");
        let mode = std::fs::metadata(key).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn no_value_reaches_a_postgres_table_in_plaintext() {
    let Some(db) = Db::postgres() else { return };
    let store = db.open();
    add_vault(&store);
    for table in ["properties", "meta", "history", "connectors"] {
        let bytes = db.bytes(&format!(
            "SELECT convert_to(string_agg(t::text, '|'), 'UTF8') FROM {table} t"
        ));
        assert!(!contains(&bytes, CANARY), "{table}");
        assert!(!contains(&bytes, PLAIN_CANARY), "{table}");
    }
}

#[test]
fn a_wrong_or_missing_key_is_a_clear_error_that_changes_nothing() {
    for db in Db::all() {
        let store = db.open();
        add_vault(&store);
        drop(store);

        let wrong = db
            .try_open(KeySource::Key(StoreKey::generate()))
            .unwrap_err();
        assert!(
            matches!(wrong, StoreError::Key(KeyError::Wrong(_))),
            "{}: {wrong}",
            db.name
        );
        assert_eq!(
            wrong.to_string(),
            "the given key does not open this store: it was sealed with another key (a wrong CONNECTORS_KEY or key file, or the key was rotated since); nothing was read or changed"
        );

        let elsewhere = db.dir.path().join("nowhere.key");
        let missing = db.try_open(KeySource::File(elsewhere.clone())).unwrap_err();
        assert!(
            matches!(missing, StoreError::Key(KeyError::Missing { .. })),
            "{missing}"
        );
        assert!(
            missing
                .to_string()
                .contains("set CONNECTORS_KEY or point --key-file")
        );
        assert!(
            !elsewhere.exists(),
            "a store with sealed values never gets a new key"
        );

        let record = db.open().record("vault").unwrap().unwrap();
        assert_eq!(record.value("APIKey"), Some(CANARY), "{}", db.name);
    }
}

#[test]
fn the_cli_names_a_wrong_or_malformed_key() {
    let cli = Cli::new();
    add_canaries(&cli);
    let before = std::fs::read(cli.store()).unwrap();
    let other = base64::engine::general_purpose::STANDARD.encode([7u8; 32]);
    let wrong = cli.run_with_env(&["connector", "show", "vault"], "CONNECTORS_KEY", &other);
    assert_eq!(wrong.status, 1);
    assert!(
        wrong
            .stderr
            .starts_with("error[store-key]: the given key does not open this store"),
        "{}",
        wrong.stderr
    );
    let malformed = cli.run_with_env(&["connector", "list"], "CONNECTORS_KEY", "not base64!");
    assert_eq!(
        malformed.stderr.trim(),
        "error[store-key]: CONNECTORS_KEY: the store key is malformed: it is not base64 text; a key is 32 bytes in base64"
    );
    std::fs::rename(
        cli.dir.path().join("store.db.key"),
        cli.dir.path().join("moved.key"),
    )
    .unwrap();
    let missing = cli.run(&["connector", "show", "vault"]);
    assert!(
        missing.stderr.starts_with(
            "error[store-key]: this store is encrypted and its key was not found (the key file "
        ),
        "{}",
        missing.stderr
    );
    assert!(!cli.dir.path().join("store.db.key").exists());
    // Nothing was lost: with the key back, it all opens.
    std::fs::rename(
        cli.dir.path().join("moved.key"),
        cli.dir.path().join("store.db.key"),
    )
    .unwrap();
    let shown = cli
        .run(&["connector", "show", "vault", "--reveal"])
        .ok_json();
    assert_eq!(shown["properties"]["APIKey"], CANARY);
    assert_eq!(std::fs::read(cli.store()).unwrap().len(), before.len());
}

#[test]
fn a_tampered_or_moved_value_is_detected_and_named() {
    for db in Db::all() {
        let store = db.open();
        add_vault(&store);
        store
            .add(
                connectors_update::NewConnector::new("Other")
                    .id("other")
                    .set("Endpoint", "x"),
            )
            .unwrap();

        // A value moved to another property of the same connector.
        db.sql(
            "UPDATE properties SET sealed = (SELECT sealed FROM properties WHERE connector_id = 'vault' AND name = 'APIKey') \
             WHERE connector_id = 'vault' AND name = 'Endpoint'",
        );
        let error = store.record("vault").unwrap_err();
        assert_eq!(
            error,
            StoreError::Tampered {
                connector: "vault".into(),
                property: "Endpoint".into()
            },
            "{}",
            db.name
        );
        assert_eq!(
            error.to_string(),
            "the stored value of property 'Endpoint' of connector 'vault' failed its integrity check: it was changed or moved outside connectors-update; restore it from a backup or set it again"
        );

        // A value moved to another connector.
        db.sql(
            "UPDATE properties SET sealed = (SELECT sealed FROM properties WHERE connector_id = 'vault' AND name = 'APIKey') \
             WHERE connector_id = 'other' AND name = 'Endpoint'",
        );
        assert!(matches!(
            AdminError::from(store.record("other").unwrap_err()).code(),
            "store-tampered"
        ));
    }
}

#[test]
fn a_flipped_byte_is_detected_through_the_cli_and_the_action() {
    let cli = Cli::new();
    add_canaries(&cli);
    let conn = rusqlite::Connection::open(cli.store()).unwrap();
    let mut sealed: Vec<u8> = conn
        .query_row(
            "SELECT sealed FROM properties WHERE connector_id = 'vault' AND name = 'APIKey'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let last = sealed.len() - 1;
    sealed[last] ^= 0x80;
    conn.execute(
        "UPDATE properties SET sealed = ?1 WHERE connector_id = 'vault' AND name = 'APIKey'",
        [&sealed],
    )
    .unwrap();
    drop(conn);
    let shown = cli.run(&["connector", "show", "vault", "--reveal"]);
    assert_eq!(shown.status, 1);
    assert!(
        shown.stderr.starts_with(
            "error[store-tampered]: the stored value of property 'APIKey' of connector 'vault'"
        ),
        "{}",
        shown.stderr
    );
    // A step that replaces the secret must compare it first: it is refused too.
    let step = cli.file(
        "step.json",
        crate::support::step_json(serde_json::json!({
            "EntryId": "vault", "PropertiesJson": "{\"APIKey\": \"new\"}"
        })),
    );
    let run = cli.run(&["run", &step]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.starts_with("error[store-tampered]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("property 'APIKey' of connector 'vault' failed its integrity check"),
        "{}",
        run.stderr
    );
}

#[test]
fn rotating_the_key_reseals_everything_and_retires_the_old_key() {
    let cli = Cli::new();
    add_canaries(&cli);
    let key_file = cli.dir.path().join("store.db.key");
    let old_key = std::fs::read_to_string(&key_file).unwrap();
    let rotated = cli.run(&["connector", "rotate-key"]).ok_json();
    assert_eq!(rotated["connectors"], 1);
    assert_eq!(rotated["values"], 2);
    assert!(rotated["key"].as_str().unwrap().contains("store.db.key"));
    let new_key = std::fs::read_to_string(&key_file).unwrap();
    assert_ne!(old_key, new_key);
    assert!(
        !rotated.to_string().contains(new_key.trim()),
        "the key is never printed"
    );
    assert!(!cli.dir.path().join("store.db.key.next").exists());
    let shown = cli
        .run(&["connector", "show", "vault", "--reveal"])
        .ok_json();
    assert_eq!(shown["properties"]["APIKey"], CANARY);
    let old = cli.run_with_env(&["connector", "list"], "CONNECTORS_KEY", old_key.trim());
    assert!(old.stderr.starts_with("error[store-key]"), "{}", old.stderr);

    // With a given key, the next key must be given too.
    let given = cli.run_with_env(
        &["connector", "rotate-key"],
        "CONNECTORS_KEY",
        new_key.trim(),
    );
    assert!(
        given.stderr.contains("set CONNECTORS_NEW_KEY"),
        "{}",
        given.stderr
    );
}

#[test]
fn a_rotation_cut_short_is_finished_or_forgotten_on_open() {
    for db in Db::all() {
        let store = db.open();
        add_vault(&store);
        let old = std::fs::read_to_string(&db.key_file).unwrap();
        let next_file = {
            let mut name = db.key_file.clone().into_os_string();
            name.push(".next");
            std::path::PathBuf::from(name)
        };

        // Crashed before committing: a staged key that does not open the
        // store is forgotten.
        let stray = StoreKey::generate();
        std::fs::write(&next_file, stray.to_base64().expose_secret()).unwrap();
        drop(store);
        let store = db.open();
        assert!(!next_file.exists(), "{}", db.name);

        // Crashed after committing, before the rename: the staged key is
        // the store's key, and opening puts it in place.
        let next = StoreKey::generate();
        let by_value = db
            .try_open(KeySource::Key(
                StoreKey::from_base64(&old.trim().to_string().into()).unwrap(),
            ))
            .unwrap();
        by_value.rotate_key(Some(next.clone())).unwrap();
        drop(by_value);
        drop(store);
        std::fs::write(&next_file, next.to_base64().expose_secret()).unwrap();
        let reopened = db.open();
        assert!(!next_file.exists());
        assert_eq!(
            std::fs::read_to_string(&db.key_file).unwrap().trim(),
            next.to_base64().expose_secret()
        );
        assert_eq!(
            reopened.record("vault").unwrap().unwrap().value("APIKey"),
            Some(CANARY)
        );
    }
}

#[test]
fn a_store_opened_before_a_rotation_picks_up_the_new_key() {
    for db in Db::all() {
        let first = db.open();
        add_vault(&first);
        let second = db.open();
        second.rotate_key(None).unwrap();
        // `first` still holds the old key: it reads the new key file
        // instead of reporting tampering or sealing with a retired key.
        assert_eq!(
            first.record("vault").unwrap().unwrap().value("APIKey"),
            Some(CANARY)
        );
        first
            .add(
                connectors_update::NewConnector::new("Later")
                    .id("later")
                    .set("A", "1"),
            )
            .unwrap();
        assert_eq!(
            second.record("later").unwrap().unwrap().value("A"),
            Some("1"),
            "{}",
            db.name
        );

        // Between another process's commit and its rename of the new key
        // file, the new key is only staged (FILE.next): it is found there.
        let current = std::fs::read_to_string(&db.key_file).unwrap();
        let by_value = db
            .try_open(KeySource::Key(
                StoreKey::from_base64(&current.trim().to_string().into()).unwrap(),
            ))
            .unwrap();
        let next = StoreKey::generate();
        by_value.rotate_key(Some(next.clone())).unwrap();
        let mut staged = db.key_file.clone().into_os_string();
        staged.push(".next");
        std::fs::write(&staged, next.to_base64().expose_secret()).unwrap();
        assert_eq!(
            first.record("vault").unwrap().unwrap().value("APIKey"),
            Some(CANARY)
        );
    }
}

#[test]
fn a_new_store_without_a_key_source_asks_for_one() {
    for db in Db::all() {
        let error = db.try_open(KeySource::Missing).unwrap_err();
        assert_eq!(error, StoreError::Key(KeyError::NoneGiven), "{}", db.name);
        assert!(error.to_string().contains("set CONNECTORS_KEY"));
        // Nothing was created: with a key, the store starts empty.
        assert!(db.open().list().unwrap().is_empty());
    }
}
