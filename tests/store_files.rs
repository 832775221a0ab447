//! The store's files: reads create and write nothing (a missing store is a
//! clear error naming the path), a store this user may not write can still
//! be read while every write is refused naming it, a new store's files are
//! its owner's only, and a store held by another process says so.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use connectors_update_harness::connector::{Change, ChangeOp, WriteMode};
use connectors_update_harness::stores::{AdminError, NewConnector};
use connectors_update_harness::{Caller, CredentialStore, ExposeSecret, StoreError};
use connectors_update_sql::{KeySource, SqlStore, StoreKey, StoreLocation};

use crate::support::backends::Db;
use crate::support::cli::Cli;
use crate::support::{CANARY, assert_clean, step_json};

/// Every file in `dir`, with its bytes: what "nothing changed" compares.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

fn mode(path: impl AsRef<Path>) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn add_vault(cli: &Cli) {
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
        "Endpoint=https://api.example",
    ])
    .ok_json();
}

fn no_store(path: &str, why: &str) -> String {
    format!(
        "error[store-not-found]: there is no connectors-update store at {path} ({why}); nothing was created. Check --store (or CONNECTORS_STORE); `connectors-update connector add` (or `demo`) creates a store"
    )
}

fn not_a_store(path: &str) -> String {
    format!(
        "error[store-unavailable]: the file {path} is not a connectors-update store that can be read: it is not an SQLite database, or its header is damaged. Nothing was created or changed; check --store (or CONNECTORS_STORE), or restore the store from a backup"
    )
}

/// Every command but `connector add` and `demo` on a store that is not
/// there: `store-not-found` naming the path, and no file appears.
#[test]
fn a_command_on_a_missing_store_creates_nothing() {
    let mut cli = Cli::new();
    cli.location = "typo.db".into();
    let step = cli.file(
        "step.json",
        step_json(serde_json::json!({"EntryId": "X", "PropertiesJson": "{\"A\": \"1\"}"})),
    );
    let before = snapshot(cli.dir.path());
    let commands: &[&[&str]] = &[
        &["connector", "show", "X"],
        &["connector", "show", "X", "--reveal"],
        &["connector", "list"],
        &["connector", "history", "X"],
        &["connector", "grant", "X", "bob"],
        &["connector", "revoke", "X", "bob"],
        &["connector", "rotate-key"],
        &["run", &step],
        &["run", "--dry-run", &step],
    ];
    for args in commands {
        let run = cli.run(args);
        assert_eq!(run.status, 1, "{args:?}");
        assert_eq!(
            run.stderr.trim(),
            no_store("typo.db", "there is no such file"),
            "{args:?}"
        );
        assert_eq!(snapshot(cli.dir.path()), before, "{args:?} created a file");
    }
    // An empty file, a text file and a folder are no store either, and are
    // left as they are.
    cli.file("empty.db", "");
    cli.file("notes.db", "not a database");
    std::fs::create_dir(cli.dir.path().join("folder.db")).unwrap();
    let before = snapshot(cli.dir.path());
    for (name, why) in [
        ("empty.db", "the file is empty"),
        ("folder.db", "it is a folder"),
    ] {
        cli.location = name.into();
        let run = cli.run(&["connector", "list"]);
        assert_eq!(run.stderr.trim(), no_store(name, why));
        assert_eq!(snapshot(cli.dir.path()), before, "{name}");
    }
    // A file that is not an SQLite database may be a store whose header
    // was damaged: not a pointer to `connector add`, which refuses it too.
    cli.location = "notes.db".into();
    for args in [
        &["connector", "list"][..],
        &["connector", "add", "--name", "X"][..],
    ] {
        let run = cli.run(args);
        assert_eq!(run.stderr.trim(), not_a_store("notes.db"), "{args:?}");
        assert_eq!(snapshot(cli.dir.path()), before, "{args:?}");
    }
    // Adding a connector is what creates a store.
    cli.location = "typo.db".into();
    add_vault(&cli);
    assert_eq!(cli.run(&["connector", "list"]).ok_json()[0]["id"], "vault");
}

#[test]
fn the_library_opens_an_existing_store_without_creating_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typo.db");
    let error = SqlStore::open_existing(
        &StoreLocation::Sqlite(path.clone()),
        KeySource::beside(&path),
    )
    .unwrap_err();
    assert_eq!(
        error,
        StoreError::NoStore {
            location: path.display().to_string(),
            why: "there is no such file".into()
        }
    );
    assert_eq!(AdminError::from(error).code(), "store-not-found");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

    // A PostgreSQL database without the store's tables: named without its
    // password, and left without them.
    let Some(db) = Db::postgres() else { return };
    let error = SqlStore::open_existing(&db.store_location(), KeySource::File(db.key_file.clone()))
        .unwrap_err();
    let StoreError::NoStore { location, why } = &error else {
        panic!("{error}");
    };
    assert_eq!(
        why,
        "the database (in its search_path) holds no connectors-update tables"
    );
    assert_eq!(location, &db.store_location().to_string());
    assert!(location.starts_with("postgres://"), "{location}");
    assert_eq!(
        db.bytes("SELECT convert_to((to_regclass('meta') IS NULL)::text, 'UTF8')"),
        b"true"
    );
    assert!(!db.key_file.exists());
    // Once it exists, it opens.
    drop(db.open());
    SqlStore::open_existing(&db.store_location(), KeySource::File(db.key_file.clone())).unwrap();
}

/// A new store's database file, its -wal and -shm files and its key file
/// are all mode 0600, whatever the umask lets other files have.
#[test]
fn a_new_stores_files_are_owner_only() {
    let cli = Cli::new();
    add_vault(&cli);
    // While this connection is open, SQLite keeps the -wal and -shm files.
    let keep = rusqlite::Connection::open(cli.store()).unwrap();
    let _: i64 = keep
        .query_row("SELECT count(*) FROM properties", [], |r| r.get(0))
        .unwrap();
    let step = cli.file(
        "step.json",
        step_json(serde_json::json!({"EntryId": "vault", "PropertiesJson": "{\"A\": \"1\"}"})),
    );
    cli.run(&["run", &step]).ok_json();
    let store = cli.store().display().to_string();
    for file in [
        store.clone(),
        format!("{store}-wal"),
        format!("{store}-shm"),
        format!("{store}.key"),
    ] {
        assert_eq!(mode(&file), 0o600, "{file}");
    }
    drop(keep);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.db");
    drop(SqlStore::sqlite(&path).unwrap());
    assert_eq!(mode(&path), 0o600);
}

fn set(name: &str, value: &str) -> Change {
    Change {
        name: name.into(),
        op: ChangeOp::set(value, false),
    }
}

/// A store opened read-only (as this test, running as root, cannot make a
/// file it may not write) reads everything and writes nothing.
#[test]
fn a_store_opened_read_only_reads_everything_and_writes_nothing() {
    for db in Db::all() {
        let store = db.open();
        store
            .add(
                NewConnector::new("Vault")
                    .id("vault")
                    .secret("APIKey", CANARY)
                    .set("Endpoint", "https://api.example"),
            )
            .unwrap();
        drop(store);
        let before = snapshot(db.dir.path());
        let reader =
            SqlStore::open_read_only(&db.store_location(), KeySource::File(db.key_file.clone()))
                .unwrap();
        let me = &Caller::anonymous();
        assert_eq!(reader.list().unwrap().len(), 1, "{}", db.name);
        assert_eq!(
            reader.record("vault").unwrap().unwrap().value("APIKey"),
            Some(CANARY)
        );
        assert_eq!(reader.history(me, "vault").unwrap().len(), 1);
        assert_eq!(reader.get(me, "vault").unwrap().revision, 1);
        let preview = reader
            .write(me, "vault", 1, &[set("Endpoint", "x")], WriteMode::Preview)
            .unwrap();
        assert_eq!(preview.changed, vec!["Endpoint".to_string()]);

        let read_only = StoreError::ReadOnly {
            location: db.store_location().to_string(),
            why: "it was opened read-only".into(),
        };
        assert_eq!(reader.check_writable(), Err(read_only.clone()));
        assert_eq!(
            reader
                .write(me, "vault", 1, &[set("Endpoint", "x")], WriteMode::Commit)
                .unwrap_err(),
            read_only,
            "{}",
            db.name
        );
        assert_eq!(reader.rotate_key(None).unwrap_err(), read_only);
        let added = reader
            .add(NewConnector::new("New").set("A", "1"))
            .unwrap_err();
        assert_eq!(added.code(), "store-read-only");
        let granted = reader.grant(me, "vault", "bob").unwrap_err();
        assert_eq!(granted.code(), "store-read-only");
        drop(reader);
        assert_eq!(
            db.open().record("vault").unwrap().unwrap().revision,
            1,
            "{}",
            db.name
        );
        if db.name == "sqlite" {
            assert_eq!(
                snapshot(db.dir.path())
                    .into_iter()
                    .filter(|(p, _)| !p.to_string_lossy().ends_with("-shm"))
                    .collect::<Vec<_>>(),
                before
            );
        }
    }
}

/// How to run the CLI as a user who may not write the store, or `None`
/// (the test is then skipped, saying why).
fn as_other_user() -> Option<Vec<String>> {
    // The effective uid, from /proc (no libc call needed).
    let root = std::fs::read_to_string("/proc/self/status")
        .ok()?
        .lines()
        .find(|l| l.starts_with("Uid:"))?
        .split_whitespace()
        .nth(2)?
        == "0";
    if !root {
        // Permissions bind this user already.
        return Some(Vec::new());
    }
    // Root ignores file permissions: run the CLI as `nobody` instead.
    let prefix: Vec<String> = [
        "setpriv",
        "--reuid=nobody",
        "--regid=nogroup",
        "--clear-groups",
    ]
    .map(String::from)
    .to_vec();
    let works = Command::new(&prefix[0])
        .args(&prefix[1..])
        .arg("true")
        .status()
        .is_ok_and(|s| s.success());
    if works {
        Some(prefix)
    } else {
        eprintln!(
            "note: running as root and `setpriv --reuid=nobody` does not work here; the locked-down file test is skipped"
        );
        None
    }
}

struct Locked {
    prefix: Vec<String>,
    dir: PathBuf,
    key: String,
    /// For `rotate-key`, which needs the next key when the key is given.
    next_key: String,
}

impl Locked {
    /// Runs the CLI in the store's folder as the other user, the key given
    /// in CONNECTORS_KEY (a reader who was handed the key, not the file).
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let bin = env!("CARGO_BIN_EXE_connectors-update");
        let mut command = match self.prefix.split_first() {
            Some((first, rest)) => {
                let mut c = Command::new(first);
                c.args(rest).arg(bin);
                c
            }
            None => Command::new(bin),
        };
        let out = command
            .current_dir(&self.dir)
            .env_remove("CONNECTORS_STORE")
            .env_remove("CONNECTORS_KEY_FILE")
            .env_remove("CONNECTORS_PRINCIPAL")
            .env("CONNECTORS_KEY", &self.key)
            .env("CONNECTORS_NEW_KEY", &self.next_key)
            .args(["--store", "store.db"])
            .args(args)
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        if !args.contains(&"--reveal") {
            assert_clean("stdout", &stdout);
        }
        assert_clean("stderr", &stderr);
        (out.status.code().unwrap_or(-1), stdout, stderr)
    }
}

/// A store whose file (0444) and folder (0555) this user may not write:
/// every read works, every write is `store-read-only` naming the path and
/// why, and nothing in the folder changes. Then with only the folder
/// locked (SQLite could not make its -wal and -shm files), the same.
#[test]
fn a_locked_down_store_can_be_read_and_refuses_writes() {
    let Some(prefix) = as_other_user() else {
        return;
    };
    let cli = Cli::new();
    add_vault(&cli);
    let step = cli.file(
        "step.json",
        step_json(serde_json::json!({"EntryId": "vault", "PropertiesJson": "{\"A\": \"1\"}"})),
    );
    let key = std::fs::read_to_string(cli.dir.path().join("store.db.key")).unwrap();
    let dir = cli.dir.path().to_path_buf();
    let owner_only = |file: &str, mode: u32| {
        std::fs::set_permissions(dir.join(file), std::fs::Permissions::from_mode(mode)).unwrap()
    };
    if !prefix.is_empty() {
        // The files belong to `nobody`, who runs the CLI: only the modes bind it.
        let status = Command::new("chown")
            .args(["-R", "nobody:nogroup"])
            .arg(&dir)
            .status()
            .unwrap();
        assert!(status.success());
    }
    let locked = Locked {
        prefix,
        dir: dir.clone(),
        key: key.trim().to_string(),
        next_key: StoreKey::generate().to_base64().expose_secret().to_string(),
    };
    for (file_mode, why) in [
        (0o444, "this user may not write the file"),
        (
            0o644,
            "this user may not write its folder, where SQLite keeps the store's -wal and -shm files",
        ),
    ] {
        owner_only("store.db", file_mode);
        owner_only(".", 0o555);
        let before = snapshot(&dir);

        let (status, stdout, stderr) = locked.run(&["connector", "list"]);
        assert_eq!((status, stderr.as_str()), (0, ""), "{why}");
        assert!(stdout.contains("\"vault\""), "{stdout}");
        let (status, stdout, _) = locked.run(&["connector", "show", "vault", "--reveal"]);
        assert_eq!(status, 0);
        let shown: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(shown["properties"]["APIKey"], CANARY);
        let (status, stdout, _) = locked.run(&["connector", "history", "vault"]);
        assert_eq!(status, 0);
        assert!(stdout.contains("\"created\""), "{stdout}");
        let (status, stdout, _) = locked.run(&["run", "--dry-run", &step]);
        assert_eq!(status, 0);
        assert!(stdout.contains("\"dry_run\": true"), "{stdout}");

        let refused = format!(
            "error[store-read-only]: the store store.db can only be read here ({why}), so nothing was changed; run this as a user who may write the store (its file and its folder), or work on a copy"
        );
        let secret = format!("APIKey={CANARY}");
        for args in [
            &["run", &step][..],
            &["connector", "grant", "vault", "bob"],
            &["connector", "revoke", "vault", "bob"],
            &["connector", "rotate-key"],
            &["connector", "add", "--name", "New", "--secret", &secret],
        ] {
            let (status, _, stderr) = locked.run(args);
            assert_eq!((status, stderr.trim()), (1, refused.as_str()), "{args:?}");
        }
        assert_eq!(snapshot(&dir), before, "{why}: a file changed");
    }
    owner_only(".", 0o755);
    owner_only("store.db", 0o600);
}

/// A store another process keeps locked past the 10 s busy timeout says
/// which store, that another process is writing it, and what to do.
#[test]
fn a_store_locked_by_another_process_says_so() {
    let cli = Cli::new();
    add_vault(&cli);
    let holder = rusqlite::Connection::open(cli.store()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    let step = cli.file(
        "step.json",
        step_json(serde_json::json!({"EntryId": "vault", "PropertiesJson": "{\"A\": \"1\"}"})),
    );
    let run = cli.run(&["run", &step]);
    let path = cli.store().display().to_string();
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stderr.trim(),
        format!(
            "error[store-unavailable]: the SQLite store {path} is busy: another process has been writing to it for more than 10 s and still holds its lock, so nothing was changed; wait for that process to finish and run this again (if none should be running, look for one that hangs with the file open: `fuser {path}`)"
        )
    );
    holder.execute_batch("ROLLBACK;").unwrap();
    assert_eq!(cli.run(&["run", &step]).ok_json()["revision_after"], 2);
}

/// Other failures of the database name the store too.
#[test]
fn a_store_error_names_the_store() {
    let cli = Cli::new();
    add_vault(&cli);
    rusqlite::Connection::open(cli.store())
        .unwrap()
        .execute_batch("DROP TABLE history;")
        .unwrap();
    let history = cli.run(&["connector", "history", "vault"]);
    assert_eq!(
        history.stderr.trim(),
        format!(
            "error[store-unavailable]: the SQLite store {}: no such table: history",
            cli.store().display()
        )
    );
}

/// A PostgreSQL user with only `SELECT` reads the store, and each write is
/// `store-read-only`, naming the address without its password.
#[test]
fn a_postgres_user_who_may_only_read_gets_store_read_only() {
    let Some(db) = Db::postgres() else { return };
    let store = db.open();
    store
        .add(
            NewConnector::new("Vault")
                .id("vault")
                .secret("APIKey", CANARY),
        )
        .unwrap();
    drop(store);
    let role = format!("reader_{}", uuid::Uuid::new_v4().simple());
    let password = "reader-password-never-shown";
    db.sql(&format!(
        "CREATE ROLE {role} LOGIN PASSWORD '{password}';
         DO $$ BEGIN
           EXECUTE format('GRANT USAGE ON SCHEMA %I TO {role}', current_schema());
           EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO {role}', current_schema());
         END $$;"
    ));
    let (scheme, rest) = db.location.split_once("://").unwrap();
    let (_, host) = rest.split_once('@').unwrap();
    let reader_url = format!("{scheme}://{role}:{password}@{host}");
    let reader = SqlStore::open_existing(
        &StoreLocation::parse(&reader_url).unwrap(),
        KeySource::File(db.key_file.clone()),
    )
    .unwrap();
    let me = &Caller::anonymous();
    assert_eq!(
        reader.record("vault").unwrap().unwrap().value("APIKey"),
        Some(CANARY)
    );
    let error = reader
        .write(me, "vault", 1, &[set("A", "1")], WriteMode::Commit)
        .unwrap_err();
    let StoreError::ReadOnly { location, why } = &error else {
        panic!("{error}");
    };
    assert_eq!(
        location,
        &StoreLocation::parse(&reader_url).unwrap().to_string()
    );
    assert!(
        location.starts_with(&format!("postgres://{role}@")),
        "{location}"
    );
    assert_eq!(
        why,
        "PostgreSQL: permission denied for table connectors (SQLSTATE 42501)"
    );
    assert!(!error.to_string().contains(password), "{error}");
    // Worded for PostgreSQL, which has no file or folder.
    assert!(
        error
            .to_string()
            .ends_with("connect as a PostgreSQL role with write privileges on the store's tables (INSERT, UPDATE, DELETE), to the primary server rather than a standby"),
        "{error}"
    );
    assert!(!error.to_string().contains("folder"), "{error}");
    assert_eq!(
        reader.grant(me, "vault", "bob").unwrap_err().code(),
        "store-read-only"
    );
    drop(reader);
    assert_eq!(db.open().record("vault").unwrap().unwrap().revision, 1);
    db.sql(&format!("DROP OWNED BY {role}; DROP ROLE {role};"));
}

/// Every file in `dir` (links included), by name, with its mode.
fn listing(dir: &Path) -> Vec<(String, u32)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let mode = std::fs::symlink_metadata(e.path())
                .unwrap()
                .permissions()
                .mode()
                & 0o777;
            (e.file_name().to_string_lossy().into_owned(), mode)
        })
        .collect();
    files.sort();
    files
}

/// A store created through a symbolic link (`ln -s real.db link.db`) is
/// 0600 where the link leads, and so are its -wal, -shm and key files.
#[test]
fn a_store_made_through_a_symbolic_link_is_owner_only_where_it_leads() {
    let mut cli = Cli::new();
    let dir = cli.dir.path().to_path_buf();
    std::os::unix::fs::symlink("real.db", dir.join("link.db")).unwrap();
    cli.location = "link.db".into();
    add_vault(&cli);
    // While this connection is open, SQLite keeps the -wal and -shm files.
    let keep = rusqlite::Connection::open(dir.join("real.db")).unwrap();
    let _: i64 = keep
        .query_row("SELECT count(*) FROM properties", [], |r| r.get(0))
        .unwrap();
    cli.run(&["connector", "grant", "vault", "bob"]).ok_json();
    for (name, mode) in listing(&dir) {
        if name == "link.db" {
            continue;
        }
        assert_eq!(mode, 0o600, "{name}: {:?}", listing(&dir));
    }
    assert!(dir.join("real.db").is_file());
    assert!(dir.join("link.db.key").is_file());
    let list = cli.run(&["--as", "bob", "connector", "list"]).ok_json();
    assert_eq!(list[0]["id"], "vault");
    drop(keep);
    // The library, the same.
    std::os::unix::fs::symlink("lib-real.db", dir.join("lib-link.db")).unwrap();
    drop(SqlStore::sqlite(dir.join("lib-link.db")).unwrap());
    assert_eq!(mode(dir.join("lib-real.db")), 0o600);
}

/// A key file planted beside a store before it is created (mode 0644, a
/// key somebody else knows) is never adopted: `store-key`, saying how to
/// use a key on purpose, and nothing is created. Given with --key-file,
/// it is used.
#[test]
fn a_key_file_planted_beside_a_new_store_is_refused() {
    let cli = Cli::new();
    let dir = cli.dir.path().to_path_buf();
    let known = StoreKey::generate();
    let planted = dir.join("store.db.key");
    std::fs::write(&planted, known.to_base64().expose_secret()).unwrap();
    std::fs::set_permissions(&planted, std::fs::Permissions::from_mode(0o644)).unwrap();
    let before = snapshot(&dir);
    let secret = format!("APIKey={CANARY}");
    let run = cli.run(&["connector", "add", "--name", "Vault", "--secret", &secret]);
    assert_eq!(run.status, 1, "{}", run.stdout);
    assert!(run.stderr.starts_with("error[store-key]"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("a new store never adopts a key file it did not write")
            && run.stderr.contains("--key-file"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains(known.to_base64().expose_secret()));
    assert_eq!(
        snapshot(&dir),
        before,
        "something was created: {:?}",
        listing(&dir)
    );
    // The library refuses it too, and leaves nothing.
    let path = dir.join("store.db");
    let error = SqlStore::sqlite(&path).unwrap_err();
    assert_eq!(AdminError::from(error).code(), "store-key");
    assert_eq!(snapshot(&dir), before);
    // On purpose: the key file given explicitly.
    let location = cli.location.clone();
    let run = cli.run_bare(
        &[
            "--store",
            &location,
            "--key-file",
            planted.to_str().unwrap(),
            "connector",
            "add",
            "--name",
            "Vault",
            "--id",
            "vault",
            "--secret",
            &secret,
        ],
        None,
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    let store =
        SqlStore::open_existing(&StoreLocation::Sqlite(path), KeySource::from(known)).unwrap();
    assert_eq!(
        store.record("vault").unwrap().unwrap().value("APIKey"),
        Some(CANARY)
    );
}

/// A creation that fails leaves nothing: no database file, no -wal or -shm
/// file, no key file.
#[test]
fn a_failed_creation_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // No key source for a new store.
    let path = dir.path().join("new.db");
    let error =
        SqlStore::open(&StoreLocation::Sqlite(path.clone()), KeySource::Missing).unwrap_err();
    assert_eq!(AdminError::from(error).code(), "store-key");
    assert_eq!(listing(dir.path()), vec![]);
    // Through the CLI: the first connector refused (an unknown kind, a
    // secret of an invalid kind) takes the store it created with it.
    let cli = Cli::new();
    let secret = format!("APIKey={CANARY}");
    for args in [
        &[
            "connector",
            "add",
            "--name",
            "X",
            "--kind",
            "no-such-kind",
            "--secret",
            &secret,
        ][..],
        &[
            "connector",
            "add",
            "--name",
            "X",
            "--kind",
            "rest-api",
            "--set",
            "Endpoint=not a url",
        ][..],
    ] {
        let run = cli.run(args);
        assert_eq!(run.status, 1, "{args:?}: {}", run.stdout);
        assert_eq!(listing(cli.dir.path()), vec![], "{args:?}");
    }
    // A store that holds a connector is never removed by a refused add.
    add_vault(&cli);
    let run = cli.run(&["connector", "add", "--name", "X", "--kind", "no-such-kind"]);
    assert_eq!(run.status, 1);
    assert_eq!(cli.run(&["connector", "list"]).ok_json()[0]["id"], "vault");
}

/// A file this user may not write, in a folder it may: reading it leaves no
/// -wal or -shm file that others may read (SQLite gives them the file's
/// mode, 0444), only owner-only ones.
#[test]
fn reading_a_read_only_file_leaves_no_readable_wal_or_shm() {
    let Some(prefix) = as_other_user() else {
        return;
    };
    let cli = Cli::new();
    add_vault(&cli);
    let key = std::fs::read_to_string(cli.dir.path().join("store.db.key")).unwrap();
    let dir = cli.dir.path().to_path_buf();
    if !prefix.is_empty() {
        let status = Command::new("chown")
            .args(["-R", "nobody:nogroup"])
            .arg(&dir)
            .status()
            .unwrap();
        assert!(status.success());
    }
    std::fs::set_permissions(dir.join("store.db"), std::fs::Permissions::from_mode(0o444)).unwrap();
    let locked = Locked {
        prefix,
        dir: dir.clone(),
        key: key.trim().to_string(),
        next_key: StoreKey::generate().to_base64().expose_secret().to_string(),
    };
    let (status, stdout, stderr) = locked.run(&["connector", "list"]);
    assert_eq!((status, stderr.as_str()), (0, ""));
    assert!(stdout.contains("\"vault\""), "{stdout}");
    let (status, _, _) = locked.run(&["connector", "show", "vault"]);
    assert_eq!(status, 0);
    for (name, mode) in listing(&dir) {
        if name.ends_with("-wal") || name.ends_with("-shm") {
            assert_eq!(mode, 0o600, "{name}: {:?}", listing(&dir));
        }
    }
    std::fs::set_permissions(dir.join("store.db"), std::fs::Permissions::from_mode(0o600)).unwrap();
}
