//! Rotating a store's key without stopping a machine: a key is staged,
//! made the primary key, the values are sealed again in batches, and the
//! old key is retired once no value needs it. Through the CLI and the
//! library, on SQLite and PostgreSQL: who may rotate and retire, what a
//! machine with the old keyring can still do, a rotation killed midway,
//! and writers on two other processes that keep writing through it.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use connectors_update_harness::connector::{Change, ChangeOp, WriteMode};
use connectors_update_harness::stores::{KeyError, NewConnector};
use connectors_update_harness::{Caller, CredentialStore, StoreError};
use connectors_update_sql::{
    HistoryEvent, KeySource, KeyState, KeyStatus, Keyring, SqlStore, StoreKey, StoreLocation,
};
use secrecy::ExposeSecret;
use serde_json::Value;

use crate::support::CANARY;
use crate::support::backends::Db;
use crate::support::cli::Cli;

/// A plain value, which reads open (a secret is not opened for a step).
const PLAIN: &str = "https://plain.example/v1";

fn add_vault(store: &SqlStore, id: &str) {
    store
        .add(
            NewConnector::new("Vault")
                .id(id)
                .secret("APIKey", CANARY)
                .set("Endpoint", PLAIN),
        )
        .unwrap();
}

fn key_lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

fn state_of(keys: &[KeyStatus], id: connectors_update_sql::KeyId) -> (KeyState, u64) {
    let k = keys.iter().find(|k| k.id == id).expect("the key is listed");
    (k.state, k.values)
}

fn set(name: &str, value: &str, secret: bool) -> Change {
    Change {
        name: name.into(),
        op: ChangeOp::set(value, secret),
    }
}

/// Asserts that no key of `ring` appears in `text`.
fn assert_no_key(ring: &Keyring, text: &str) {
    for line in ring.to_base64().expose_secret().lines() {
        assert!(!text.contains(line), "a key was printed: {text}");
    }
}

#[test]
fn the_cli_stages_promotes_reseals_and_retires_and_never_prints_a_key() {
    let cli = Cli::new();
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
        &format!("Endpoint={PLAIN}"),
    ])
    .ok_json();
    let key_file = cli.dir.path().join("store.db.key");
    let old_line = key_lines(&key_file).remove(0);
    let old = Keyring::from_base64(&old_line.clone().into()).unwrap();
    let old_id = old.ids()[0].to_string();

    let keys = cli.run(&["connector", "keys"]).ok_json();
    assert_eq!(keys.as_array().unwrap().len(), 1);
    assert_eq!(keys[0]["id"], old_id.as_str());
    assert_eq!(keys[0]["state"], "primary");
    assert_eq!(keys[0]["values"], 2);
    assert_eq!(keys[0]["held"], true);

    // Staging adds the key to the file and to the store, which does not use it yet.
    let staged = cli.run(&["connector", "rotate-key", "--stage"]).ok_json();
    assert_eq!(staged["state"], "staged");
    assert_eq!(staged["values"], 0);
    let new_id = staged["id"].as_str().unwrap().to_string();
    assert_ne!(new_id, old_id);
    assert_eq!(key_lines(&key_file).len(), 2);
    assert_eq!(key_lines(&key_file)[0], old_line, "the old key stays first");
    // Staging again is refused, as docs/stores.md says, and adds no key.
    let again = cli.run(&["connector", "rotate-key", "--stage"]);
    assert_eq!(again.status, 1, "{}", again.stdout);
    assert!(
        again.stderr.starts_with(&format!(
            "error[store-key]: key {new_id} was not staged again: key {new_id} is staged already"
        )),
        "{}",
        again.stderr
    );
    assert!(
        again.stderr.contains("`connector rotate-key`"),
        "{}",
        again.stderr
    );
    assert!(again.stdout.is_empty());
    assert_eq!(key_lines(&key_file).len(), 2);
    // The old key alone still opens everything: nothing is sealed by the staged key.
    let shown = cli.run_with_env(&["connector", "show", "vault"], "CONNECTORS_KEY", &old_line);
    assert_eq!(shown.ok_json()["properties"]["Endpoint"], PLAIN);

    let rotated = cli
        .run(&["--as", "ops", "connector", "rotate-key", "--batch", "1"])
        .ok_json();
    assert_eq!(rotated["primary"], new_id.as_str());
    assert_eq!(rotated["previous"], old_id.as_str());
    assert_eq!(rotated["values"], 2);
    assert_eq!(rotated["connectors"], 1);
    assert!(rotated["batches"].as_u64().unwrap() >= 2, "{rotated}");
    assert!(
        rotated["key"].as_str().unwrap().contains("store.db.key"),
        "{rotated}"
    );
    let keys = rotated["keys"].as_array().unwrap();
    assert_eq!(keys[0]["state"], "enabled");
    assert_eq!(keys[0]["values"], 0);
    assert_eq!(keys[1]["state"], "primary");
    assert_eq!(keys[1]["values"], 2);
    let everything =
        Keyring::from_base64(&std::fs::read_to_string(&key_file).unwrap().into()).unwrap();
    assert_no_key(&everything, &rotated.to_string());

    // The history records the rotation, by whom, and keeps the revision.
    // One batch of one value each: two entries.
    let history = cli.run(&["connector", "history", "vault"]).ok_json();
    let history = history.as_array().unwrap();
    assert_eq!(history.len(), 3, "{history:?}");
    for (entry, property) in history[1..].iter().zip(["APIKey", "Endpoint"]) {
        assert_eq!(entry["event"], "rekeyed");
        assert_eq!(entry["principal"], "ops");
        assert_eq!(entry["revision_before"], 1);
        assert_eq!(entry["revision_after"], 1);
        assert_eq!(entry["properties"], serde_json::json!([property]));
    }
    let shown = cli
        .run(&["connector", "show", "vault", "--reveal"])
        .ok_json();
    assert_eq!(shown["properties"]["APIKey"], CANARY);
    assert_eq!(shown["revision"], 1);

    // A machine with only the old key still opens the store, and is told
    // which key it lacks when it must open a value.
    let lacking = cli.run_with_env(&["connector", "show", "vault"], "CONNECTORS_KEY", &old_line);
    assert_eq!(lacking.status, 1);
    assert!(
        lacking.stderr.starts_with("error[store-key]"),
        "{}",
        lacking.stderr
    );
    assert!(
        lacking.stderr.contains(&format!(
            "this machine's keys (the given key) do not include key {new_id}, which the store"
        )),
        "{}",
        lacking.stderr
    );
    assert!(
        lacking.stderr.contains("Copy the key file"),
        "{}",
        lacking.stderr
    );
    let listed = cli.run_with_env(&["connector", "list"], "CONNECTORS_KEY", &old_line);
    assert_eq!(listed.ok_json()[0]["id"], "vault");

    // Retiring: never the primary, never a key that is not the store's,
    // never a malformed id; the old key once no value needs it.
    let primary = cli.run(&["connector", "retire-key", &new_id]);
    assert_eq!(primary.status, 1);
    assert!(
        primary.stderr.contains(&format!(
            "key {new_id} was not retired: it is the primary key"
        )),
        "{}",
        primary.stderr
    );
    let unknown = cli.run(&["connector", "retire-key", "00000000"]);
    assert!(
        unknown.stderr.contains("the store has no such key"),
        "{}",
        unknown.stderr
    );
    for bad in ["", "xyz", "0123456789", &old_line] {
        let malformed = cli.run(&["connector", "retire-key", bad]);
        assert_eq!(malformed.status, 1, "{bad}: {}", malformed.stderr);
        assert!(
            malformed.stderr.starts_with("error[invalid-parameter]"),
            "{}",
            malformed.stderr
        );
        assert!(
            malformed.stderr.contains("8 hex digits"),
            "{}",
            malformed.stderr
        );
        assert!(
            !malformed.stderr.contains(&old_line[..20]),
            "a key was echoed: {}",
            malformed.stderr
        );
    }
    let retired = cli.run(&["connector", "retire-key", &old_id]).ok_json();
    assert_eq!(retired["state"], "retired");
    assert_eq!(retired["held"], false, "it left the key file");
    assert_eq!(key_lines(&key_file).len(), 1);
    assert_ne!(key_lines(&key_file)[0], old_line);
    // Retiring again changes nothing; the old key no longer opens the store.
    assert_eq!(
        cli.run(&["connector", "retire-key", &old_id]).ok_json()["state"],
        "retired"
    );
    let gone = cli.run_with_env(&["connector", "list"], "CONNECTORS_KEY", &old_line);
    assert!(
        gone.stderr
            .contains(&format!("are only key(s) {old_id}, which the store")),
        "{}",
        gone.stderr
    );
    // A retired key is never staged again.
    let restage = cli.run_with_env(
        &["connector", "rotate-key", "--stage"],
        "CONNECTORS_NEW_KEY",
        &old_line,
    );
    assert_eq!(restage.status, 1);
    assert!(
        restage.stderr.contains("a retired key is never used again"),
        "{}",
        restage.stderr
    );
    let keys = cli.run(&["connector", "keys"]).ok_json();
    assert_eq!(keys.as_array().unwrap().len(), 2);
    assert_no_key(&everything, &keys.to_string());
}

#[test]
fn a_machine_with_the_old_keyring_works_until_it_must_open_what_the_new_key_sealed() {
    for db in Db::all() {
        let first = db.open();
        add_vault(&first, "vault");
        let old =
            Keyring::from_base64(&std::fs::read_to_string(&db.key_file).unwrap().into()).unwrap();
        // A machine given the old key only (not the key file).
        let behind = db.try_open(KeySource::Keys(old.clone())).unwrap();

        let rotation = first.rotate_key(None).unwrap();
        let new_id = rotation.primary;
        assert_eq!(rotation.previous, Some(old.ids()[0]), "{}", db.name);

        // It lists, and shows the history: nothing there is sealed.
        assert_eq!(behind.list().unwrap().len(), 1);
        assert!(
            !behind
                .history(&Caller::anonymous(), "vault")
                .unwrap()
                .is_empty()
        );
        // It cannot open what the new key sealed, and says which key it lacks.
        let lacking = behind.get(&Caller::anonymous(), "vault").unwrap_err();
        let StoreError::Key(KeyError::Lacks { key, what, .. }) = &lacking else {
            panic!("{}: {lacking:?}", db.name)
        };
        assert_eq!(key, &new_id.to_string());
        assert_eq!(what, "property 'Endpoint' of connector 'vault'");
        assert_eq!(
            connectors_update_harness::stores::AdminError::from(lacking.clone()).code(),
            "store-key"
        );
        assert!(!lacking.to_string().contains(CANARY));
        // It still adds connectors: sealed with the old key, which every
        // machine with the new keyring opens too.
        add_vault(&behind, "later");
        assert_eq!(
            first.record("later").unwrap().unwrap().value("APIKey"),
            Some(CANARY)
        );
        let keys = first.keys().unwrap();
        assert_eq!(
            state_of(&keys, old.ids()[0]),
            (KeyState::Enabled, 2),
            "{}",
            db.name
        );
        // The old key cannot be retired while it seals them.
        let refused = first.retire_key(old.ids()[0]).unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("it still seals 2 value(s); run `connector rotate-key`"),
            "{refused}"
        );
        // Running the rotation again finishes it: no new key.
        let finished = first.rotate_key(None).unwrap();
        assert_eq!(finished.primary, new_id);
        assert_eq!(finished.previous, None);
        assert_eq!(finished.values, 2);
        // Given the new keyring, the machine behind opens everything again.
        let caught_up = db
            .try_open(KeySource::Keys(
                Keyring::from_base64(&std::fs::read_to_string(&db.key_file).unwrap().into())
                    .unwrap(),
            ))
            .unwrap();
        assert_eq!(
            caught_up.record("later").unwrap().unwrap().value("APIKey"),
            Some(CANARY)
        );
        first.retire_key(old.ids()[0]).unwrap();
        // Once the old key is retired, the machine behind holds no key the store uses.
        let stopped = behind.list().unwrap_err();
        assert!(
            matches!(stopped, StoreError::Key(KeyError::Retired { .. })),
            "{stopped:?}"
        );
    }
}

#[test]
fn a_machine_reading_a_key_file_picks_the_new_key_up_when_it_is_given() {
    for db in Db::all() {
        let first = db.open();
        add_vault(&first, "vault");
        // Another machine's copy of the key file, made before the rotation.
        let copy = db.dir.path().join("copy.key");
        std::fs::copy(&db.key_file, &copy).unwrap();
        let elsewhere = db.try_open(KeySource::File(copy.clone())).unwrap();

        // Staged: the other machine goes on as before.
        let staged = first.stage_key(None).unwrap();
        assert_eq!(staged.state, KeyState::Staged);
        assert_eq!(
            elsewhere.record("vault").unwrap().unwrap().value("APIKey"),
            Some(CANARY)
        );
        // The operator gives it the new key file; then the key is promoted.
        std::fs::copy(&db.key_file, &copy).unwrap();
        first.rotate_key(None).unwrap();
        // It was never reopened, and reads what the new key sealed.
        assert_eq!(
            elsewhere.record("vault").unwrap().unwrap().value("APIKey"),
            Some(CANARY),
            "{}",
            db.name
        );
        elsewhere
            .write(
                &Caller::anonymous(),
                "vault",
                1,
                &[set("Endpoint", "https://v2.example", false)],
                WriteMode::Commit,
            )
            .unwrap();
        let keys = first.keys().unwrap();
        assert_eq!(
            state_of(&keys, staged.id),
            (KeyState::Primary, 2),
            "{}",
            db.name
        );
        assert!(keys.iter().all(|k| k.held));
    }
}

#[test]
fn staging_promoting_and_retiring_refuse_what_would_lose_a_value() {
    for db in Db::all() {
        let store = db.open();
        add_vault(&store, "vault");
        let (a, b) = (StoreKey::generate(), StoreKey::generate());
        store.stage_key(Some(a.clone())).unwrap();
        // A second staged key is refused while one is staged.
        let twice = store.stage_key(Some(b.clone())).unwrap_err();
        assert!(
            twice
                .to_string()
                .contains(&format!("key {} is staged already", a.id())),
            "{twice}"
        );
        // Rotating to another key than the staged one is refused.
        let other = store.rotate_key(Some(b.clone())).unwrap_err();
        assert!(
            other
                .to_string()
                .contains(&format!("key {} is staged", a.id())),
            "{other}"
        );
        // A staged key can be abandoned: retired, it never seals.
        assert_eq!(store.retire_key(a.id()).unwrap().state, KeyState::Retired);
        let again = store.stage_key(Some(a.clone())).unwrap_err();
        assert!(
            again
                .to_string()
                .contains("a retired key is never used again"),
            "{again}"
        );
        // A key staged by another machine, which this one lacks, is not promoted.
        let other_machine = db
            .try_open(KeySource::Keys(
                Keyring::from_base64(&std::fs::read_to_string(&db.key_file).unwrap().into())
                    .unwrap(),
            ))
            .unwrap();
        other_machine.stage_key(Some(b.clone())).unwrap();
        let lacks = store.rotate_key(None).unwrap_err();
        assert!(
            lacks.to_string().contains("another machine staged it"),
            "{lacks}"
        );
        assert!(lacks.to_string().contains("nothing was changed"), "{lacks}");
        let keys = store.keys().unwrap();
        assert_eq!(state_of(&keys, b.id()), (KeyState::Staged, 0));
        // With given keys, a new key must be given.
        let given = db
            .try_open(KeySource::Keys(
                Keyring::from_base64(&std::fs::read_to_string(&db.key_file).unwrap().into())
                    .unwrap(),
            ))
            .unwrap();
        other_machine.retire_key(b.id()).unwrap();
        let needed = given.rotate_key(None).unwrap_err();
        assert_eq!(
            needed,
            StoreError::Key(KeyError::NewKeyNeeded),
            "{}",
            db.name
        );
        // Nothing was lost through all of it.
        assert_eq!(
            store.record("vault").unwrap().unwrap().value("APIKey"),
            Some(CANARY)
        );
        assert_eq!(
            store
                .keys()
                .unwrap()
                .iter()
                .filter(|k| k.state == KeyState::Primary)
                .count(),
            1
        );
    }
}

/// Sets byte `at` of one sealed value to `to`, straight in the database.
fn set_sealed_byte(db: &Db, connector: &str, property: &str, at: usize, to: u8) {
    let mut sealed = db.bytes(&format!(
        "SELECT sealed FROM properties WHERE connector_id = '{connector}' AND name = '{property}'"
    ));
    sealed[at] = to;
    let hex: String = sealed.iter().map(|b| format!("{b:02x}")).collect();
    let literal = match db.name {
        "postgres" => format!("decode('{hex}', 'hex')"),
        _ => format!("X'{hex}'"),
    };
    db.sql(&format!(
        "UPDATE properties SET sealed = {literal} WHERE connector_id = '{connector}' AND name = '{property}'"
    ));
}

#[test]
fn a_value_naming_a_key_the_store_never_had_or_retired_is_damaged_not_a_key_error() {
    for db in Db::all() {
        let store = db.open();
        add_vault(&store, "vault");
        add_vault(&store, "other");
        // Key id bytes 1..5: another id, which the store never had.
        set_sealed_byte(&db, "vault", "Endpoint", 1, 0);
        set_sealed_byte(&db, "vault", "Endpoint", 2, 0);
        let (record, damaged) = store.find_readable("vault").unwrap();
        assert_eq!(damaged, vec!["Endpoint".to_string()], "{}", db.name);
        assert_eq!(record.value("APIKey"), Some(CANARY));
        assert_eq!(
            store.record("vault").unwrap_err(),
            StoreError::Tampered {
                connector: "vault".into(),
                property: "Endpoint".into()
            }
        );
        // A value copied from before a rotation names the retired key: damaged too.
        let before = db.bytes(
            "SELECT sealed FROM properties WHERE connector_id = 'other' AND name = 'Endpoint'",
        );
        set_sealed_byte(&db, "vault", "Endpoint", 1, before[1]);
        set_sealed_byte(&db, "vault", "Endpoint", 2, before[2]);
        store
            .write(
                &Caller::anonymous(),
                "vault",
                1,
                &[set("Endpoint", PLAIN, false)],
                WriteMode::Commit,
            )
            .unwrap();
        store.rotate_key(None).unwrap();
        let old = store.keys().unwrap()[0].id;
        store.retire_key(old).unwrap();
        let hex: String = before.iter().map(|b| format!("{b:02x}")).collect();
        let literal = match db.name {
            "postgres" => format!("decode('{hex}', 'hex')"),
            _ => format!("X'{hex}'"),
        };
        db.sql(&format!("UPDATE properties SET sealed = {literal} WHERE connector_id = 'other' AND name = 'Endpoint'"));
        let (_, damaged) = store.find_readable("other").unwrap();
        assert_eq!(damaged, vec!["Endpoint".to_string()], "{}", db.name);
    }
}

/// The number of values sealed by the store's primary key, read straight
/// from the database (no key needed).
fn sealed_by_primary(db: &Db) -> (Option<i64>, i64, i64) {
    // One expression: the primary key's id, the values it seals, all values.
    let query = "CAST((SELECT id FROM store_keys WHERE state = 'primary') AS TEXT) || ',' || \
                 CAST((SELECT count(*) FROM properties WHERE key_id = (SELECT id FROM store_keys WHERE state = 'primary')) AS TEXT) || ',' || \
                 CAST((SELECT count(*) FROM properties) AS TEXT)";
    let query = if db.name == "postgres" {
        format!("SELECT convert_to(({query}), 'UTF8')")
    } else {
        format!("SELECT CAST(({query}) AS BLOB)")
    };
    let text = String::from_utf8(db.bytes(&query)).unwrap();
    let parts: Vec<i64> = text.split(',').map(|p| p.parse().unwrap()).collect();
    (Some(parts[0]), parts[1], parts[2])
}

#[test]
fn a_rotation_killed_midway_leaves_every_value_readable_and_a_rerun_finishes_it() {
    for db in Db::all() {
        let name = db.name;
        let store = db.open();
        let count = 400;
        for i in 0..count {
            store
                .add(
                    NewConnector::new(format!("C{i}"))
                        .id(format!("c{i:04}"))
                        .secret("APIKey", format!("{CANARY}-{i}")),
                )
                .unwrap();
        }
        let (first_primary, _, total) = sealed_by_primary(&db);
        assert_eq!(total, count);
        let cli = Cli::on(db);
        let mut rotation = cli.spawn(&["connector", "rotate-key", "--batch", "1"]);
        // Killed once the new key is the primary and some values, not all, are sealed again.
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let (primary, resealed, _) = sealed_by_primary(cli_db(&cli));
            if primary != first_primary && resealed > 0 {
                assert!(
                    resealed < count,
                    "{name}: the rotation finished before it was killed"
                );
                break;
            }
            assert!(
                rotation.try_wait().unwrap().is_none(),
                "{name}: the rotation ended early"
            );
            assert!(
                Instant::now() < deadline,
                "{name}: the rotation never began"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        rotation.kill().unwrap();
        rotation.wait().unwrap();

        // Every value opens with the keyring the key file now holds.
        let reopened = cli_db(&cli).open();
        let keys = reopened.keys().unwrap();
        assert_eq!(keys.len(), 2, "{name}");
        assert_eq!(keys.iter().map(|k| k.values).sum::<u64>(), count as u64);
        assert!(keys.iter().all(|k| k.values > 0), "{name}: {keys:?}");
        for i in 0..count {
            let id = format!("c{i:04}");
            assert_eq!(
                reopened.record(&id).unwrap().unwrap().value("APIKey"),
                Some(format!("{CANARY}-{i}").as_str()),
                "{name}"
            );
        }
        // Running it again finishes that rotation, with no new key.
        let finished = cli.run(&["connector", "rotate-key"]).ok_json();
        assert_eq!(finished["previous"], Value::Null, "{name}");
        assert_eq!(finished["keys"].as_array().unwrap().len(), 2);
        assert_eq!(finished["keys"][0]["values"], 0, "{name}: {finished}");
        assert_eq!(finished["keys"][1]["values"], count);
        let old = finished["keys"][0]["id"].as_str().unwrap().to_string();
        cli.run(&["connector", "retire-key", &old]).ok_json();
        assert_eq!(
            cli_db(&cli)
                .open()
                .record("c0399")
                .unwrap()
                .unwrap()
                .value("APIKey"),
            Some(format!("{CANARY}-399").as_str())
        );
    }
}

fn cli_db(cli: &Cli) -> &Db {
    cli.db().expect("a CLI on a Db")
}

/// Environment of a writer process (the `writer_process` test, run by
/// [`spawn_writer`]): the store, its key file, the writer's name, and the
/// file whose existence tells it to stop.
const WRITER: &str = "CONNECTORS_TEST_WRITER";

fn spawn_writer(db: &Db, name: &str, stop: &Path) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "key_rotation::writer_process",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(WRITER, name)
        .env("CONNECTORS_TEST_WRITER_STORE", &db.location)
        .env("CONNECTORS_TEST_WRITER_KEY_FILE", &db.key_file)
        .env("CONNECTORS_TEST_WRITER_STOP", stop)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Not a test of its own: the writer that
/// [`writers_on_two_processes_keep_writing_while_a_third_rotates`] runs in
/// processes of its own. It opens the store once, then writes until told to
/// stop: its own connectors in turn and, every third write, one it shares
/// with the other writer (a conflict is retried, as an engine would). It
/// prints, as its last line, what it last wrote to each connector and how
/// many writes it committed there. Any other error fails it.
#[test]
#[ignore = "run by writers_on_two_processes_keep_writing_while_a_third_rotates"]
fn writer_process() {
    let Ok(name) = std::env::var(WRITER) else {
        return;
    };
    let var = |v: &str| std::env::var(v).unwrap();
    let store = SqlStore::open_existing(
        &StoreLocation::parse(&var("CONNECTORS_TEST_WRITER_STORE")).unwrap(),
        KeySource::File(var("CONNECTORS_TEST_WRITER_KEY_FILE").into()),
    )
    .unwrap();
    let stop = std::path::PathBuf::from(var("CONNECTORS_TEST_WRITER_STOP"));
    let caller = Caller::principal(name.clone());
    let mut last: BTreeMap<String, (String, u64)> = BTreeMap::new();
    let mut n = 0u64;
    println!("started");
    while !stop.exists() || n < 30 {
        let id = if n % 3 == 2 {
            "shared".to_string()
        } else {
            format!("{name}-{}", n % 8)
        };
        let value = format!("{name}-{n}");
        loop {
            let revision = store.get(&caller, &id).unwrap().revision;
            match store.write(
                &caller,
                &id,
                revision,
                &[set("V", &value, true)],
                WriteMode::Commit,
            ) {
                Ok(_) => break,
                Err(StoreError::Conflict(_)) => continue,
                Err(e) => panic!("writer {name}: {e}"),
            }
        }
        let entry = last.entry(id).or_default();
        *entry = (value, entry.1 + 1);
        n += 1;
    }
    println!("RESULT {}", serde_json::to_string(&last).unwrap());
}

#[test]
fn writers_on_two_processes_keep_writing_while_a_third_rotates() {
    for db in Db::all() {
        let name = db.name;
        let store = db.open();
        // Enough values that the rotation takes many batches.
        for i in 0..300 {
            store
                .add(
                    NewConnector::new(format!("Seed {i}"))
                        .id(format!("seed{i:03}"))
                        .secret("APIKey", CANARY)
                        .set("N", i.to_string()),
                )
                .unwrap();
        }
        for id in (0..8)
            .flat_map(|i| [format!("w1-{i}"), format!("w2-{i}")])
            .chain(["shared".to_string()])
        {
            store
                .add(NewConnector::new(id.clone()).id(id).secret("V", "initial"))
                .unwrap();
        }
        let old = store.keys().unwrap()[0].id;
        let stop = db.dir.path().join("stop");
        let mut writers: Vec<_> = ["w1", "w2"]
            .iter()
            .map(|w| spawn_writer(&db, w, &stop))
            .collect();
        // Both writers are writing before the rotation starts.
        for w in &mut writers {
            use std::io::BufRead;
            let mut line = String::new();
            std::io::BufReader::new(w.stdout.as_mut().unwrap())
                .read_line(&mut line)
                .unwrap();
        }
        let cli = Cli::on(db);
        let rotated = cli
            .run(&["--as", "ops", "connector", "rotate-key", "--batch", "7"])
            .ok_json();
        std::fs::write(&stop, "").unwrap();
        let mut results: Vec<BTreeMap<String, (String, u64)>> = Vec::new();
        for w in writers {
            let out = w.wait_with_output().unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "{name}: a writer failed: {stdout}\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let result = stdout
                .lines()
                .find_map(|l| l.strip_prefix("RESULT "))
                .expect("a result line");
            results.push(serde_json::from_str(result).unwrap());
        }
        assert!(
            rotated["values"].as_u64().unwrap() >= 600,
            "{name}: {rotated}"
        );
        let db = cli_db(&cli);
        let store = db.open();

        // Nothing was lost: each connector holds its writer's last value,
        // and its history has every write the writers committed.
        let mut shared_writes = 0;
        for result in &results {
            for (id, (value, writes)) in result {
                let updates = store
                    .full_history(id)
                    .unwrap()
                    .iter()
                    .filter(|e| e.event == HistoryEvent::Updated)
                    .count() as u64;
                if id == "shared" {
                    shared_writes += writes;
                    continue;
                }
                assert_eq!(
                    store.record(id).unwrap().unwrap().value("V"),
                    Some(value.as_str()),
                    "{name}: {id}"
                );
                assert_eq!(updates, *writes, "{name}: {id}");
            }
        }
        let shared = store.full_history("shared").unwrap();
        let updates = shared
            .iter()
            .filter(|e| e.event == HistoryEvent::Updated)
            .count() as u64;
        assert_eq!(updates, shared_writes, "{name}");
        let last_shared = store.record("shared").unwrap().unwrap();
        assert!(
            results
                .iter()
                .any(|r| r.get("shared").map(|(v, _)| v.as_str()) == last_shared.value("V")),
            "{name}"
        );
        // Every value opens, and no value needs the old key: it can go.
        for summary in store.list().unwrap() {
            let (_, damaged) = store.find_readable(&summary.id).unwrap();
            assert!(damaged.is_empty(), "{name}: {}", summary.id);
        }
        let keys = store.keys().unwrap();
        assert_eq!(
            state_of(&keys, old),
            (KeyState::Enabled, 0),
            "{name}: {keys:?}"
        );
        store.retire_key(old).unwrap();
        assert_eq!(
            store.record("seed299").unwrap().unwrap().value("N"),
            Some("299")
        );
        // The history records the rotation where it sealed values.
        let seed = store.full_history("seed000").unwrap();
        let rekeyed = seed.last().unwrap();
        assert_eq!(rekeyed.event, HistoryEvent::Rekeyed, "{name}");
        assert_eq!(rekeyed.principal.as_deref(), Some("ops"));
        assert_eq!(
            rekeyed.properties,
            vec!["APIKey".to_string(), "N".to_string()]
        );
    }
}

#[test]
fn rotations_started_at_once_on_one_key_file_run_one_after_the_other_and_lose_no_key() {
    for db in Db::all() {
        let name = db.name;
        let store = db.open();
        let count = 300;
        for i in 0..count {
            store
                .add(
                    NewConnector::new(format!("C{i}"))
                        .id(format!("c{i:03}"))
                        .secret("APIKey", format!("{CANARY}-{i}")),
                )
                .unwrap();
        }
        drop(store);
        let cli = Cli::on(db);
        // Two rotations and a staging, all at once, on the same key file:
        // each must read the key file as the one before it left it.
        let mut runs: Vec<_> = [
            &["connector", "rotate-key", "--batch", "10"][..],
            &["connector", "rotate-key", "--batch", "10"][..],
            &["connector", "rotate-key", "--stage"][..],
        ]
        .iter()
        .map(|args| (args.join(" "), cli.spawn_piped(args)))
        .collect();
        for (args, run) in runs.drain(..) {
            let out = run.wait_with_output().unwrap();
            let (stdout, stderr) = (
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr),
            );
            assert!(!stdout.contains(CANARY) && !stderr.contains(CANARY));
            assert!(
                out.status.success(),
                "{name}: `{args}` failed: {stderr}{stdout}"
            );
        }
        // The key file holds every key the store names; every value opens.
        let db = cli_db(&cli);
        let ring =
            Keyring::from_base64(&std::fs::read_to_string(&db.key_file).unwrap().into()).unwrap();
        let store = db.open();
        let keys = store.keys().unwrap();
        assert!(
            keys.len() >= 3,
            "{name}: two rotations made two keys: {keys:?}"
        );
        for key in &keys {
            assert!(ring.holds(key.id), "{name}: the key file lost {}", key.id);
            assert!(key.held, "{name}: {keys:?}");
        }
        let primary = keys.iter().find(|k| k.state == KeyState::Primary).unwrap();
        assert_eq!(primary.values, count as u64, "{name}: {keys:?}");
        for i in 0..count {
            assert_eq!(
                store
                    .record(&format!("c{i:03}"))
                    .unwrap()
                    .unwrap()
                    .value("APIKey"),
                Some(format!("{CANARY}-{i}").as_str()),
                "{name}"
            );
        }
        let listed = cli.run(&["connector", "keys"]).ok_json();
        assert!(
            listed.as_array().unwrap().iter().all(|k| k["held"] == true),
            "{name}: {listed}"
        );
    }
}

/// Given keys (as `CONNECTORS_KEY` gives them), as a key source.
fn given(keys: &[&StoreKey]) -> KeySource {
    KeySource::Keys(
        keys.iter()
            .map(|k| (*k).clone())
            .fold(Keyring::default(), Keyring::with),
    )
}

#[test]
fn with_given_keys_the_new_key_alone_finishes_a_staged_or_interrupted_rotation() {
    for db in Db::all() {
        let name = db.name;
        let (old, new, newer) = (
            StoreKey::generate(),
            StoreKey::generate(),
            StoreKey::generate(),
        );
        let store = db.try_open(given(&[&old])).unwrap();
        for i in 0..20 {
            add_vault(&store, &format!("v{i:02}"));
        }
        assert_eq!(store.stage_key(Some(new.clone())).unwrap().id, new.id());
        drop(store);

        // A later run, given the old key and, as the new key, the staged one.
        let store = db.try_open(given(&[&old])).unwrap();
        let rotated = store.rotate_key(Some(new.clone())).unwrap();
        assert_eq!(rotated.primary, new.id(), "{name}");
        assert_eq!(rotated.previous, Some(old.id()));
        assert_eq!(rotated.values, 40, "{name}");
        assert!(
            rotated.key.contains("the new key you gave"),
            "{}",
            rotated.key
        );
        drop(store);

        // A rotation cut short right after it promoted its key: the store
        // names a primary key that seals nothing yet.
        let store = db.try_open(given(&[&new])).unwrap();
        store.stage_key(Some(newer.clone())).unwrap();
        let column = |k: &StoreKey| i64::from_str_radix(&k.id().to_string(), 16).unwrap();
        db.sql(&format!(
            "UPDATE store_keys SET state = 'enabled' WHERE id = {};
             UPDATE store_keys SET state = 'primary' WHERE id = {};",
            column(&new),
            column(&newer)
        ));
        drop(store);
        let store = db.try_open(given(&[&new])).unwrap();
        // Without the new key, the refusal names the key this machine lacks.
        let lacking = store.rotate_key(None).unwrap_err().to_string();
        assert!(
            lacking.contains(&newer.id().to_string()),
            "{name}: {lacking}"
        );
        let finished = store.rotate_key(Some(newer.clone())).unwrap();
        assert_eq!(finished.primary, newer.id(), "{name}");
        assert_eq!(
            finished.previous, None,
            "{name}: it finished, it did not promote"
        );
        assert_eq!(finished.values, 40, "{name}");
        // A different key is refused while that rotation is unfinished
        // (here: finished, so this one is staged and promoted).
        drop(store);
        let store = db.try_open(given(&[&new, &newer])).unwrap();
        let done = store.rotate_key(None).unwrap_err().to_string();
        assert!(done.contains("CONNECTORS_NEW_KEY"), "{name}: {done}");
        let keys = store.keys().unwrap();
        assert_eq!(state_of(&keys, newer.id()), (KeyState::Primary, 40));
        assert_eq!(state_of(&keys, new.id()), (KeyState::Enabled, 0));
        for i in 0..20 {
            let record = store.record(&format!("v{i:02}")).unwrap().unwrap();
            assert_eq!(record.value("APIKey"), Some(CANARY), "{name}");
        }
    }
}

/// A key id as the store's `store_keys.id` column holds it.
fn id_column(id: connectors_update_sql::KeyId) -> i64 {
    i64::from_str_radix(&id.to_string(), 16).unwrap()
}

#[test]
fn a_list_of_keys_changed_outside_the_store_is_refused_and_nothing_is_written() {
    for db in Db::all() {
        let name = db.name;
        let store = db.open();
        add_vault(&store, "vault");
        let staged = store.stage_key(None).unwrap().id;
        let primary = store
            .keys()
            .unwrap()
            .iter()
            .find(|k| k.state == KeyState::Primary)
            .unwrap()
            .id;
        drop(store);
        let restore = format!(
            "DELETE FROM store_keys;
             INSERT INTO store_keys (id, position, state, since) VALUES
               ({}, 0, 'primary', '2026-01-01T00:00:00Z'), ({}, 1, 'staged', '2026-01-01T00:00:00Z');",
            id_column(primary),
            id_column(staged)
        );
        let cases = [
            (
                "UPDATE store_keys SET state = 'primary'".to_string(),
                format!("it names 2 primary keys: {primary}, {staged}"),
            ),
            (
                "UPDATE store_keys SET state = 'enabled' WHERE state = 'primary'".to_string(),
                "it names no primary key".to_string(),
            ),
            (
                "INSERT INTO store_keys (id, position, state, since) VALUES (7, 2, 'staged', 'x')"
                    .to_string(),
                format!("it names 2 staged keys: {staged}, 00000007"),
            ),
            (
                "DELETE FROM store_keys".to_string(),
                "it names no keys, and 2 value(s) are sealed".to_string(),
            ),
            (
                "UPDATE store_keys SET state = 'PRIMARY' WHERE state = 'primary'".to_string(),
                format!("it gives key {primary} the state 'PRIMARY'"),
            ),
            (
                "UPDATE store_keys SET id = -1 WHERE state = 'staged'".to_string(),
                "it names -1, which is not a key id".to_string(),
            ),
        ];
        for (tamper, why) in cases {
            db.sql(&tamper);
            // Opened to add a connector (which may create a store) or to read.
            for opened in [
                db.try_open(KeySource::File(db.key_file.clone())),
                SqlStore::open_existing(&db.store_location(), KeySource::File(db.key_file.clone())),
            ] {
                let error = opened
                    .err()
                    .unwrap_or_else(|| panic!("{name}: {tamper} opened"));
                assert!(
                    matches!(error, StoreError::Key(KeyError::Tampered { .. })),
                    "{name}: {tamper}: {error:?}"
                );
                let message = error.to_string();
                assert!(message.contains(&why), "{name}: {message}");
                assert!(message.contains("changed outside connectors-update"));
            }
            db.sql(&restore);
        }
        // A store opened before the change refuses its next call as well.
        let store = db.open();
        db.sql("UPDATE store_keys SET state = 'primary'");
        let refused = store
            .add(NewConnector::new("Late").id("late").secret("K", CANARY))
            .unwrap_err()
            .to_string();
        assert!(refused.contains("2 primary keys"), "{name}: {refused}");
        db.sql(&restore);
        // Nothing was written, and the store works again once restored.
        let ids: Vec<String> = store.list().unwrap().into_iter().map(|s| s.id).collect();
        assert_eq!(ids, vec!["vault".to_string()], "{name}");
        assert_eq!(
            store.record("vault").unwrap().unwrap().value("APIKey"),
            Some(CANARY)
        );
    }
}

/// The CLI on `db`'s store with the key file `key_file` (a machine of its own).
fn machine(db: &Db, key_file: &Path, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_connectors-update"))
        .env_remove("CONNECTORS_KEY")
        .env_remove("CONNECTORS_NEW_KEY")
        .env_remove("CONNECTORS_STORE")
        .env_remove("CONNECTORS_KEY_FILE")
        .arg("--store")
        .arg(&db.location)
        .arg("--key-file")
        .arg(key_file)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits for a machine's command: (exit status, stdout, stderr).
fn finished(child: std::process::Child) -> (i32, String, String) {
    let out = child.wait_with_output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (
        out.status.code().unwrap_or(-1),
        text(&out.stdout),
        text(&out.stderr),
    )
}

#[test]
fn two_machines_changing_the_keys_at_once_wait_for_each_other_and_never_deadlock() {
    // PostgreSQL only: SQLite has one writer at a time anyway.
    let Some(db) = Db::postgres() else { return };
    let store = db.open();
    add_vault(&store, "vault");
    drop(store);
    // Two machines, each with its own copy of the key file.
    let other = db.dir.path().join("other.key");
    std::fs::copy(&db.key_file, &other).unwrap();
    let files = [db.key_file.clone(), other];
    // One after the other: the second machine's key file lacks the key the
    // first staged, so it must not say it staged it.
    let (status, stdout, _) = finished(machine(
        &db,
        &files[0],
        &["connector", "rotate-key", "--stage"],
    ));
    assert_eq!(status, 0);
    let first = serde_json::from_str::<Value>(&stdout).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, _, stderr) = finished(machine(
        &db,
        &files[1],
        &["connector", "rotate-key", "--stage"],
    ));
    assert_eq!(status, 1, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "key {first} was not staged here: another machine staged it"
        )),
        "{stderr}"
    );
    let (status, _, stderr) = finished(machine(
        &db,
        &files[1],
        &["connector", "retire-key", &first],
    ));
    assert_eq!(status, 0, "{stderr}");
    for round in 0..12 {
        let staging: Vec<_> = files
            .iter()
            .map(|f| machine(&db, f, &["connector", "rotate-key", "--stage"]))
            .collect();
        let mut staged = Vec::new();
        for (file, child) in files.iter().zip(staging) {
            let (status, stdout, stderr) = finished(child);
            assert!(!stderr.contains("deadlock"), "round {round}: {stderr}");
            match status {
                0 => staged.push((
                    file.clone(),
                    serde_json::from_str::<Value>(&stdout).unwrap(),
                )),
                _ => assert!(
                    stderr.starts_with("error[store-key]") && stderr.contains("staged"),
                    "round {round}: {stderr}"
                ),
            }
        }
        assert!(
            !staged.is_empty(),
            "round {round}: neither machine staged a key"
        );
        let id = staged[0].1["id"].as_str().unwrap().to_string();
        // Both retire it at once: one does, the other finds it retired.
        let retiring: Vec<_> = files
            .iter()
            .map(|f| machine(&db, f, &["connector", "retire-key", &id]))
            .collect();
        for child in retiring {
            let (status, stdout, stderr) = finished(child);
            assert_eq!(status, 0, "round {round}: {stderr}");
            assert_eq!(
                serde_json::from_str::<Value>(&stdout).unwrap()["state"],
                "retired"
            );
        }
    }
    let store = db.open();
    assert_eq!(
        store.record("vault").unwrap().unwrap().value("APIKey"),
        Some(CANARY)
    );
    let keys = store.keys().unwrap();
    assert_eq!(
        keys.iter().filter(|k| k.state == KeyState::Retired).count(),
        keys.len() - 1,
        "{keys:?}"
    );
}

#[test]
fn a_careless_operator_gets_errors_that_say_what_to_do() {
    let cli = Cli::new();
    cli.add_twitter();
    let key_file = cli.store().with_extension("db.key");
    // A negative batch names the range, not an unknown option.
    let negative = cli.run(&["connector", "rotate-key", "--batch", "-1"]);
    assert_eq!(negative.status, 2);
    assert!(
        negative.stderr.contains("'--batch <BATCH>'") && negative.stderr.contains("1..=100000"),
        "{}",
        negative.stderr
    );
    // CONNECTORS_KEY set to nothing (a script's unset variable) is refused.
    let empty = cli.run_with_env(&["connector", "list"], "CONNECTORS_KEY", " ");
    assert_eq!(empty.status, 1);
    assert!(
        empty
            .stderr
            .starts_with("error[store-key]: CONNECTORS_KEY is set but empty"),
        "{}",
        empty.stderr
    );
    // A key file others may read works, with a warning that says how to fix it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let loose = cli.run(&["connector", "list"]);
        assert_eq!(loose.status, 0, "{}", loose.stderr);
        assert!(
            loose.stderr.contains("mode 0644") && loose.stderr.contains("chmod 600"),
            "{}",
            loose.stderr
        );
        std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(cli.run(&["connector", "list"]).stderr, "");
    }
    // A machine left with only the retired key is told so, by id.
    let old_copy = cli.file("old.key", std::fs::read(&key_file).unwrap());
    let rotated = cli.run(&["connector", "rotate-key"]).ok_json();
    let old = rotated["previous"].as_str().unwrap().to_string();
    let primary = rotated["primary"].as_str().unwrap().to_string();
    cli.run(&["connector", "retire-key", &old]).ok_json();
    let store = cli.store().display().to_string();
    let behind = cli.run_bare(
        &[
            "--store",
            &store,
            "--key-file",
            &old_copy,
            "connector",
            "list",
        ],
        None,
    );
    assert_eq!(behind.status, 1);
    assert!(
        behind
            .stderr
            .starts_with("error[store-key]: this machine's keys")
            && behind
                .stderr
                .contains(&format!("are only key(s) {old}, which the store"))
            && behind
                .stderr
                .contains(&format!("it now uses key(s) {primary}")),
        "{}",
        behind.stderr
    );
}

#[test]
fn with_given_keys_a_killed_rotation_is_finished_by_giving_the_new_key_again() {
    let db = Db::sqlite();
    let (old, new) = (StoreKey::generate(), StoreKey::generate());
    let store = db.try_open(given(&[&old])).unwrap();
    let count = 300;
    for i in 0..count {
        add_vault(&store, &format!("v{i:03}"));
    }
    drop(store);
    let (old64, new64) = (old.to_base64(), new.to_base64());
    let cli = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_connectors-update"))
            .env_remove("CONNECTORS_KEY_FILE")
            .env_remove("CONNECTORS_STORE")
            .env("CONNECTORS_KEY", old64.expose_secret())
            .env("CONNECTORS_NEW_KEY", new64.expose_secret())
            .arg("--store")
            .arg(&db.location)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first_primary, _, _) = sealed_by_primary(&db);
    let mut rotation = cli(&["connector", "rotate-key", "--batch", "1"]);
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let (primary, resealed, _) = sealed_by_primary(&db);
        if primary != first_primary && resealed > 0 {
            assert!(
                resealed < 2 * count,
                "the rotation finished before it was killed"
            );
            break;
        }
        assert!(
            rotation.try_wait().unwrap().is_none(),
            "the rotation ended early"
        );
        assert!(Instant::now() < deadline, "the rotation never began");
        std::thread::sleep(Duration::from_millis(2));
    }
    rotation.kill().unwrap();
    rotation.wait().unwrap();
    // The same two variables again finish it: the new key opens what the
    // killed run sealed.
    let (status, stdout, stderr) = finished(cli(&["connector", "rotate-key"]));
    assert_eq!(status, 0, "{stderr}");
    assert_no_key(
        &Keyring::new([old.clone(), new.clone()]),
        &format!("{stdout}{stderr}"),
    );
    let done: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(done["previous"], Value::Null, "{done}");
    assert_eq!(done["primary"], new.id().to_string().as_str());
    let store = db.try_open(given(&[&new])).unwrap();
    let keys = store.keys().unwrap();
    assert_eq!(
        state_of(&keys, new.id()),
        (KeyState::Primary, 2 * count as u64)
    );
    assert_eq!(
        store.record("v299").unwrap().unwrap().value("APIKey"),
        Some(CANARY)
    );
}
