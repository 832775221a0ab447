//! Encryption at rest: no value reaches a database in plaintext, a wrong or
//! missing key is a clear error that changes nothing, a tampered or moved
//! value is detected and named (rotating the key: `key_rotation.rs`).

use std::sync::Arc;

use base64::Engine;
use connectors_update_harness::connector::{Change, ChangeOp, StoredValue, WriteMode};
use connectors_update_harness::stores::{AdminError, KeyError, NewConnector};
use connectors_update_harness::{Caller, CredentialStore, StoreError};
use connectors_update_sql::{KeySource, StoreKey};

use crate::support::backends::Db;
use crate::support::cli::Cli;
use crate::support::{CANARY, action_error, names, step_json};

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
fn add_vault(store: &connectors_update_sql::SqlStore) {
    store
        .add(
            connectors_update_harness::stores::NewConnector::new("Vault")
                .id("vault")
                .secret("APIKey", CANARY)
                .set("Endpoint", PLAIN_CANARY),
        )
        .unwrap();
}

/// Flips the last byte of one sealed value straight in the database, as a
/// disk error or a hand-edit of the file would.
fn flip_sealed_byte(db: &Db, connector: &str, property: &str) {
    let mut sealed = db.bytes(&format!(
        "SELECT sealed FROM properties WHERE connector_id = '{connector}' AND name = '{property}'"
    ));
    let last = sealed.len() - 1;
    sealed[last] ^= 0x80;
    let hex: String = sealed.iter().map(|b| format!("{b:02x}")).collect();
    let literal = match db.name {
        "postgres" => format!("decode('{hex}', 'hex')"),
        _ => format!("X'{hex}'"),
    };
    db.sql(&format!(
        "UPDATE properties SET sealed = {literal} WHERE connector_id = '{connector}' AND name = '{property}'"
    ));
}

fn tampered(connector: &str, property: &str) -> StoreError {
    StoreError::Tampered {
        connector: connector.into(),
        property: property.into(),
    }
}

fn set(name: &str, value: &str, secret: bool) -> Change {
    Change {
        name: name.into(),
        op: ChangeOp::set(value, secret),
    }
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
            .try_open(KeySource::from(StoreKey::generate()))
            .unwrap_err();
        assert_eq!(
            wrong,
            StoreError::Key(KeyError::Wrong {
                key: "the given key".into(),
                store: db.store_location().to_string()
            }),
            "{}",
            db.name
        );
        assert_eq!(
            wrong.to_string(),
            format!(
                "the given key does not open the store {}: it was sealed with another key (a wrong CONNECTORS_KEY or key file, or the key was rotated since); nothing was read or changed",
                db.store_location()
            )
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
        wrong.stderr.starts_with(&format!(
            "error[store-key]: the given key does not open the store {}:",
            cli.location
        )),
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
                connectors_update_harness::stores::NewConnector::new("Other")
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
            "the stored value of property 'Endpoint' of connector 'vault' failed its integrity check: it was changed or moved outside connectors-update, and cannot be read; set the property again (a step that sets or removes it repairs it) or restore the store from a backup"
        );

        // A value moved to another connector.
        db.sql(
            "UPDATE properties SET sealed = (SELECT sealed FROM properties WHERE connector_id = 'vault' AND name = 'APIKey') \
             WHERE connector_id = 'other' AND name = 'Endpoint'",
        );
        let moved = store.record("other").unwrap_err();
        assert_eq!(moved, tampered("other", "Endpoint"), "{}", db.name);
        assert_eq!(AdminError::from(moved).code(), "store-tampered");
    }
}

/// A damaged value is named wherever it would be read, and is no dead end:
/// the connector's other values still open, the action still sees the
/// connector, a write that sets or removes the damaged property repairs it
/// without opening it, a merge into it is refused naming it, and the key
/// is not rotated until it is repaired.
#[test]
fn a_damaged_value_is_named_and_can_be_set_or_removed_again() {
    for db in Db::all() {
        let store = db.open();
        store
            .add(
                NewConnector::new("Vault")
                    .id("vault")
                    .secret("APIKey", CANARY)
                    .set("Endpoint", PLAIN_CANARY)
                    .set("Timeout", "10s"),
            )
            .unwrap();
        flip_sealed_byte(&db, "vault", "APIKey");
        flip_sealed_byte(&db, "vault", "Endpoint");
        let me = &Caller::anonymous();

        // Reading the values names the first damaged one; reading what
        // opens shows the rest and names every damaged one.
        assert_eq!(
            store.record("vault").unwrap_err(),
            tampered("vault", "APIKey")
        );
        let (readable, damaged) = store.find_readable("vault").unwrap();
        assert_eq!(damaged, names(&["APIKey", "Endpoint"]), "{}", db.name);
        assert_eq!(readable.value("Timeout"), Some("10s"));
        assert_eq!(readable.value("APIKey"), Some(""));
        assert_eq!(readable.value("Endpoint"), Some(""));
        // The history does not open values: it is whole.
        assert_eq!(store.history(me, "vault").unwrap().len(), 1);

        // The action's view: a damaged value is withheld, as a secret's is.
        let view = store.get(me, "vault").unwrap();
        let values: Vec<_> = view.properties.iter().map(|p| p.value.clone()).collect();
        assert_eq!(
            values,
            vec![
                StoredValue::Secret,
                StoredValue::Secret,
                StoredValue::Plain("10s".into())
            ]
        );

        // The key is not rotated while a value does not open; nothing changes.
        let key_before = std::fs::read(&db.key_file).unwrap();
        let refused = store.rotate_key(None).unwrap_err();
        assert_eq!(
            refused,
            StoreError::CannotRotate {
                damaged: vec![
                    ("vault".into(), "APIKey".into()),
                    ("vault".into(), "Endpoint".into())
                ]
            },
            "{}",
            db.name
        );
        assert_eq!(AdminError::from(refused.clone()).code(), "store-tampered");
        assert_eq!(
            refused.to_string(),
            "the key was not rotated, and nothing was changed: 2 stored value(s) failed their integrity check and cannot be re-sealed: property 'APIKey' of connector 'vault', property 'Endpoint' of connector 'vault'; set each again (a step that sets or removes the property repairs it) or restore the store from a backup, then rotate again"
        );
        assert_eq!(std::fs::read(&db.key_file).unwrap(), key_before);
        let mut staged = db.key_file.clone().into_os_string();
        staged.push(".next");
        assert!(!std::path::Path::new(&staged).exists());
        assert_eq!(
            db.open().find("vault").unwrap_err().code(),
            "store-tampered"
        );

        // A merge into a damaged value needs it: refused, naming it, nothing written.
        let merge = Change {
            name: "Endpoint".into(),
            op: ChangeOp::Merge {
                patch: "{\"a\": 1}".to_string().into(),
                secret: false,
            },
        };
        for mode in [WriteMode::Preview, WriteMode::Commit] {
            assert_eq!(
                store
                    .write(me, "vault", 1, std::slice::from_ref(&merge), mode)
                    .unwrap_err(),
                tampered("vault", "Endpoint"),
                "{}",
                db.name
            );
        }
        assert_eq!(store.get(me, "vault").unwrap().revision, 1);

        // Setting it again repairs it unread: a change, even a preview.
        let preview = store
            .write(
                me,
                "vault",
                1,
                &[set("APIKey", "k2", true)],
                WriteMode::Preview,
            )
            .unwrap();
        assert_eq!((preview.revision, preview.changed), (1, names(&["APIKey"])));
        assert_eq!(store.get(me, "vault").unwrap().revision, 1);
        let receipt = store
            .write(
                me,
                "vault",
                1,
                &[set("APIKey", "k2", true)],
                WriteMode::Commit,
            )
            .unwrap();
        assert_eq!((receipt.revision, receipt.changed), (2, names(&["APIKey"])));
        // Sent as a secret (the action saw it as one), a damaged plain value
        // stays plain: it was withheld only because it could not be read.
        let receipt = store
            .write(
                me,
                "vault",
                2,
                &[set("Endpoint", "https://new.example", true)],
                WriteMode::Commit,
            )
            .unwrap();
        assert_eq!(
            (receipt.revision, receipt.changed),
            (3, names(&["Endpoint"]))
        );
        let repaired = store.record("vault").unwrap().unwrap();
        assert_eq!(repaired.value("APIKey"), Some("k2"));
        assert_eq!(repaired.value("Endpoint"), Some("https://new.example"));
        let secrecy: Vec<_> = repaired
            .properties
            .iter()
            .map(|p| (p.name.as_str(), p.secret))
            .collect();
        assert_eq!(
            secrecy,
            vec![("APIKey", true), ("Endpoint", false), ("Timeout", false)],
            "{}",
            db.name
        );

        // Removing a damaged property repairs it too.
        flip_sealed_byte(&db, "vault", "Timeout");
        let receipt = store
            .write(
                me,
                "vault",
                3,
                &[Change {
                    name: "Timeout".into(),
                    op: ChangeOp::Remove,
                }],
                WriteMode::Commit,
            )
            .unwrap();
        assert_eq!(
            (receipt.revision, receipt.changed),
            (4, names(&["Timeout"]))
        );
        assert_eq!(
            store.find_readable("vault").unwrap().1,
            Vec::<String>::new()
        );
        assert_eq!(
            store.record("vault").unwrap().unwrap().value("Timeout"),
            None
        );
        let history: Vec<_> = store
            .history(me, "vault")
            .unwrap()
            .into_iter()
            .map(|e| e.properties)
            .collect();
        assert_eq!(
            history,
            vec![
                names(&["APIKey", "Endpoint", "Timeout"]),
                names(&["APIKey"]),
                names(&["Endpoint"]),
                names(&["Timeout"])
            ]
        );

        // Repaired, the store rotates.
        let rotation = store.rotate_key(None).unwrap();
        assert_eq!(
            (rotation.connectors, rotation.values),
            (1, 2),
            "{}",
            db.name
        );
    }
}

/// Through the action: a step that leaves a damaged value alone runs, one
/// that sets it repairs it, and one that must merge into it is
/// `store-tampered`, naming it.
#[test]
fn the_action_runs_past_a_damaged_value_and_repairs_it() {
    for db in Db::all() {
        let store = Arc::new(db.open());
        add_vault(&store);
        flip_sealed_byte(&db, "vault", "Endpoint");
        let run = |parameters: serde_json::Value| {
            crate::support::run(store.clone(), &step_json(parameters))
        };

        let other = run(serde_json::json!({
            "EntryId": "vault", "PropertiesJson": "{\"Timeout\": \"5s\"}"
        }))
        .unwrap();
        assert_eq!(other.revision_after, 2, "{}", db.name);

        let merged = action_error(run(serde_json::json!({
            "EntryId": "vault", "MergeMode": "deep",
            "PropertiesJson": "{\"Endpoint\": {\"path\": \"/v2\"}}"
        })));
        assert_eq!(merged.code(), "store-tampered", "{}", db.name);
        assert!(
            merged.message().contains(
                "stored value of property 'Endpoint' of connector 'vault' failed its integrity check"
            ),
            "{}: {}",
            db.name,
            merged.message()
        );
        assert_eq!(
            store.record("vault").unwrap_err(),
            tampered("vault", "Endpoint")
        );

        let repaired = run(serde_json::json!({
            "EntryId": "vault", "PropertiesJson": "{\"Endpoint\": \"https://new.example\"}"
        }))
        .unwrap();
        assert_eq!(
            (repaired.revision_after, repaired.changed.clone()),
            (3, names(&["Endpoint"])),
            "{}",
            db.name
        );
        let record = store.record("vault").unwrap().unwrap();
        assert_eq!(record.value("Endpoint"), Some("https://new.example"));
        assert_eq!(record.value("APIKey"), Some(CANARY));
    }
}

#[test]
fn a_flipped_byte_is_shown_as_damaged_and_set_again_through_the_cli() {
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
    // `show` shows the rest and marks the damaged one, with --reveal too.
    for reveal in [false, true] {
        let args: &[&str] = if reveal {
            &["connector", "show", "vault", "--reveal"]
        } else {
            &["connector", "show", "vault"]
        };
        let shown = cli.run(args).ok_json();
        assert_eq!(shown["properties"]["APIKey"], serde_json::Value::Null);
        assert_eq!(shown["damaged"], serde_json::json!(["APIKey"]));
        assert_eq!(shown["secrets"], serde_json::json!(["APIKey"]));
        assert_eq!(shown["properties"]["Endpoint"], PLAIN_CANARY);
    }
    // `rotate-key` names it and says how to repair it; nothing changes.
    let rotate = cli.run(&["connector", "rotate-key"]);
    assert_eq!(rotate.status, 1);
    assert_eq!(
        rotate.stderr.trim(),
        "error[store-tampered]: the key was not rotated, and nothing was changed: 1 stored value(s) failed their integrity check and cannot be re-sealed: property 'APIKey' of connector 'vault'; set each again (a step that sets or removes the property repairs it) or restore the store from a backup, then rotate again"
    );
    // A step that sets the secret again repairs it, as the message says.
    let step = cli.file(
        "step.json",
        crate::support::step_json(serde_json::json!({
            "EntryId": "vault", "PropertiesJson": "{\"APIKey\": \"new\"}"
        })),
    );
    let run = cli.run(&["run", &step]).ok_json();
    assert_eq!(run["changed"], serde_json::json!(["APIKey"]));
    assert_eq!(run["revision_after"], 2);
    let shown = cli
        .run(&["connector", "show", "vault", "--reveal"])
        .ok_json();
    assert_eq!(shown["properties"]["APIKey"], "new");
    assert_eq!(shown["damaged"], serde_json::json!([]));
    assert_eq!(shown["secrets"], serde_json::json!(["APIKey"]));
    let history = cli.run(&["connector", "history", "vault"]).ok_json();
    assert_eq!(history[1]["properties"], serde_json::json!(["APIKey"]));
    cli.run(&["connector", "rotate-key"]).ok_json();

    // A step that must merge into a damaged value is `store-tampered`, naming it.
    let conn = rusqlite::Connection::open(cli.store()).unwrap();
    conn.execute(
        "UPDATE properties SET sealed = zeroblob(64) WHERE connector_id = 'vault' AND name = 'Endpoint'",
        [],
    )
    .unwrap();
    drop(conn);
    let merge = cli.file(
        "merge.json",
        crate::support::step_json(serde_json::json!({
            "EntryId": "vault", "MergeMode": "deep",
            "PropertiesJson": "{\"Endpoint\": {\"path\": \"/v2\"}}"
        })),
    );
    let run = cli.run(&["run", &merge]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr
            .contains("property 'Endpoint' of connector 'vault' failed its integrity check"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.starts_with("error[store-tampered]"),
        "{}",
        run.stderr
    );
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
