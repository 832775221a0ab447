//! What the CLI prints, compared with the files in `tests/snapshots/`: the
//! JSON contract of `describe`, `run`, `validate`, `connector` and `demo`,
//! so that a change to it is a visible diff in review.
//!
//! What changes from run to run is replaced before comparing: the
//! temporary folder by `[dir]`, a history entry's time by `[time]`, the
//! version by `[version]`, and a secret printed on purpose (`--reveal`) by
//! `[revealed secret]`, so that no snapshot holds a secret value.
//!
//! A snapshot that differs, or is missing, fails the test, in CI and
//! everywhere else. To write the snapshots anew, run the tests with
//! `CONNECTORS_UPDATE_SNAPSHOTS=1`, then read the diff before committing it.

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::support::cli::Cli;
use crate::support::{CANARY, assert_clean};

/// Set to `1`, snapshots that differ are written instead of failing.
const UPDATE: &str = "CONNECTORS_UPDATE_SNAPSHOTS";

/// The secret of the connectors here: the canary, so that every run also
/// checks that it is printed only where `--reveal` asks for it.
const SECRET: &str = CANARY;

fn snapshot_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/snapshots")
        .join(name)
}

/// Compares `actual` with the snapshot file `name`.
fn assert_snapshot_text(name: &str, actual: &str) {
    assert_clean(&format!("snapshot {name}"), actual);
    let path = snapshot_path(name);
    let expected = std::fs::read_to_string(&path).ok();
    if expected.as_deref() == Some(actual) {
        return;
    }
    if std::env::var(UPDATE).as_deref() == Ok("1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let Some(expected) = expected else {
        panic!(
            "there is no snapshot tests/snapshots/{name}; run with {UPDATE}=1 to write it, and review it. The output was:\n{actual}"
        );
    };
    let (line, want, got) = expected
        .lines()
        .map(Some)
        .chain(std::iter::repeat(None))
        .zip(actual.lines().map(Some).chain(std::iter::repeat(None)))
        .enumerate()
        .find(|(_, (want, got))| want != got)
        .map(|(n, (want, got))| (n + 1, want, got))
        .unwrap_or((0, None, None));
    panic!(
        "the output differs from tests/snapshots/{name} at line {line}:\n  expected: {}\n  printed:  {}\nIf the change is meant, run with {UPDATE}=1 and review the diff. The output was:\n{actual}",
        want.unwrap_or("(end)"),
        got.unwrap_or("(end)"),
    );
}

/// Compares `value`, normalised, with the JSON snapshot `name`.json.
fn assert_snapshot(cli: &Cli, name: &str, mut value: Value) {
    normalise(&mut value, &cli.dir.path().display().to_string());
    let mut text = serde_json::to_string_pretty(&value).unwrap();
    text.push('\n');
    assert_snapshot_text(&format!("{name}.json"), &text);
}

/// Replaces what changes between runs (see the module's doc).
fn normalise(value: &mut Value, dir: &str) {
    match value {
        Value::String(text) => {
            if text.contains(SECRET) {
                *text = text.replace(SECRET, "[revealed secret]");
            }
            if text.contains(dir) {
                *text = text.replace(dir, "[dir]");
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| normalise(v, dir)),
        Value::Object(members) => {
            for (key, member) in members.iter_mut() {
                if (key == "at" || key == "since") && member.is_string() {
                    *member = json!("[time]");
                } else {
                    normalise(member, dir);
                }
            }
        }
        _ => {}
    }
}

/// A rest-api connector with a secret (the canary) and a plain value.
fn add_mail(cli: &Cli) -> Value {
    cli.run(&[
        "connector",
        "add",
        "--name",
        "Mail",
        "--id",
        "mail",
        "--kind",
        "rest-api",
        "--set",
        "Endpoint=https://mail.example",
        "--secret",
        &format!("APIKey={SECRET}"),
    ])
    .ok_json()
}

#[test]
fn describe_and_kinds() {
    let cli = Cli::new();
    let mut described = cli.run(&["describe"]).ok_json();
    assert_eq!(described["version"], env!("CARGO_PKG_VERSION"));
    described["version"] = json!("[version]");
    // `connector kinds` lists the kinds as `describe` does.
    assert_eq!(
        cli.run(&["connector", "kinds"]).ok_json(),
        described["kinds"]
    );
    assert_snapshot(&cli, "describe", described);
}

#[test]
fn run_and_a_dry_run() {
    let cli = Cli::new();
    add_mail(&cli);
    let step = cli.file(
        "step.json",
        r#"{"ActionType": "Connectors.Update", "Parameters": {"EntryId": "Mail",
          "Properties": [{"PropertyName": "APIKey", "PropertyValue": "[Form:Key]"}],
          "PropertiesJson": "{ \"Timeout\": \"30s\", \"Endpoint\": null }"}}"#,
    );
    let tokens = cli.file("tokens.json", r#"{"Form:Key": "rotated-key"}"#);
    let dry = cli
        .run(&["run", &step, "--tokens", &tokens, "--dry-run"])
        .ok_json();
    let real = cli.run(&["run", &step, "--tokens", &tokens]).ok_json();
    assert_snapshot(&cli, "run-dry-run", dry);
    assert_snapshot(&cli, "run", real);
}

#[test]
fn validate_with_errors_and_warnings() {
    let cli = Cli::new();
    let step = cli.file(
        "step.json",
        r#"{"Parameters": {"EntryId": "",
          "Properties": [
            {"PropertyName": "APIKey", "PropertyValue": "[Form:Key]"},
            {"PropertyName": "", "PropertyValue": "x"}
          ],
          "PropertiesJson": "{\"apikey\": \"y\", \"enabled_clients\": [\"client-1\"]}"}}"#,
    );
    let run = cli.run(&["validate", &step]);
    assert_eq!(run.status, 1, "an error exits 1: {}", run.stderr);
    assert_snapshot(&cli, "validate", run.json());
}

#[test]
fn connector_commands() {
    let cli = Cli::new();
    assert_snapshot(&cli, "connector-add", add_mail(&cli));
    cli.run(&["connector", "add", "--name", "Other", "--id", "other"])
        .ok_json();
    let shown = cli.run(&["connector", "show", "Mail"]).ok_json();
    assert_eq!(shown["properties"]["APIKey"], "******");
    assert_snapshot(&cli, "connector-show", shown);
    let revealed = cli
        .run(&["connector", "show", "mail", "--reveal"])
        .ok_json();
    assert_eq!(revealed["properties"]["APIKey"], SECRET);
    assert_snapshot(&cli, "connector-show-reveal", revealed);
    assert_snapshot(
        &cli,
        "connector-list",
        cli.run(&["connector", "list"]).ok_json(),
    );

    let step = cli.file(
        "step.json",
        r#"{"EntryId": "mail", "PropertiesJson": "{\"Timeout\": \"30s\"}"}"#,
    );
    cli.run(&["--as", "alice", "run", &step]).ok_json();
    let granted = cli.run(&["connector", "grant", "mail", "alice"]).ok_json();
    assert_snapshot(&cli, "connector-grant", granted);
    let revoked = cli
        .run(&["--as", "alice", "connector", "revoke", "mail", "alice"])
        .ok_json();
    assert_snapshot(&cli, "connector-revoke", revoked);
    let history = cli.run(&["connector", "history", "mail"]).ok_json();
    assert_snapshot(&cli, "connector-history", history);
    let deleted = cli.run(&["connector", "delete", "other"]).ok_json();
    assert_snapshot(&cli, "connector-delete", deleted);
    let staged = cli.run(&["connector", "rotate-key", "--stage"]).ok_json();
    let rotated = cli.run(&["connector", "rotate-key"]).ok_json();
    let keys = cli.run(&["connector", "keys"]).ok_json();
    let old = keys[0]["id"].as_str().unwrap().to_string();
    let retired = cli.run(&["connector", "retire-key", &old]).ok_json();
    assert_snapshot(
        &cli,
        "connector-rotate-key-stage",
        key_ids_named(&keys, staged),
    );
    assert_snapshot(&cli, "connector-rotate-key", key_ids_named(&keys, rotated));
    assert_snapshot(&cli, "connector-keys", key_ids_named(&keys, keys.clone()));
    assert_snapshot(&cli, "connector-retire-key", key_ids_named(&keys, retired));
}

/// `value` with each key id `keys` lists (random) named by its place:
/// `[key 1]`, `[key 2]`.
fn key_ids_named(keys: &Value, value: Value) -> Value {
    let mut text = value.to_string();
    for (i, key) in keys.as_array().unwrap().iter().enumerate() {
        text = text.replace(key["id"].as_str().unwrap(), &format!("[key {}]", i + 1));
    }
    serde_json::from_str(&text).unwrap()
}

/// A value that fails its integrity check shows as `null` and is named in
/// `damaged`, revealed or not; the others still show, secrets masked.
#[test]
fn connector_show_with_a_damaged_value() {
    let cli = Cli::new();
    add_mail(&cli);
    cli.run(&[
        "connector",
        "add",
        "--name",
        "Vault",
        "--id",
        "vault",
        "--secret",
        &format!("APIKey={SECRET}"),
        "--secret",
        "Token=not-damaged",
        "--set",
        "Endpoint=https://vault.example",
        "--set",
        "Timeout=10s",
    ])
    .ok_json();
    let db = rusqlite::Connection::open(cli.store()).unwrap();
    for property in ["APIKey", "Endpoint"] {
        let query = "SELECT sealed FROM properties WHERE connector_id = 'vault' AND name = ?1";
        let mut sealed: Vec<u8> = db.query_row(query, [property], |row| row.get(0)).unwrap();
        *sealed.last_mut().unwrap() ^= 0x80;
        let changed = db
            .execute(
                "UPDATE properties SET sealed = ?1 WHERE connector_id = 'vault' AND name = ?2",
                rusqlite::params![sealed, property],
            )
            .unwrap();
        assert_eq!(changed, 1, "{property}");
    }
    drop(db);
    let shown = cli.run(&["connector", "show", "vault"]).ok_json();
    assert_eq!(shown["damaged"], json!(["Endpoint", "APIKey"]));
    assert_snapshot(&cli, "connector-show-damaged", shown);
    let revealed = cli
        .run(&["connector", "show", "vault", "--reveal"])
        .ok_json();
    assert_eq!(revealed["properties"]["Token"], "not-damaged");
    assert_snapshot(&cli, "connector-show-damaged-reveal", revealed);
}

#[test]
fn demo() {
    let cli = Cli::new();
    let report = cli.run_bare(&["demo"], None).ok_json();
    assert_snapshot(&cli, "demo", report);
}

/// Failures are one line on standard error: the ones with no code of
/// their own (a file that cannot be read or written) are `usage`, exit 2.
#[test]
fn failures() {
    let cli = Cli::new();
    add_mail(&cli);
    let dir = cli.dir.path().display().to_string();
    let step = cli.file("step.json", r#"{"EntryId": "mail"}"#);
    let missing = format!("{dir}/no-such-file.json");
    let cases: [&[&str]; 6] = [
        &["run", &missing],
        &["run", &step, "--tokens", &missing],
        &["validate", &missing],
        &[
            "connector",
            "add",
            "--name",
            "X",
            "--secret",
            &format!("A=@{missing}"),
        ],
        &["component", "-o", &format!("{dir}/no-such-folder/x.wasm")],
        &["run", &step, "--merge-mode", "Deep"],
    ];
    let mut text = String::new();
    for args in cases {
        let run = cli.run(args);
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
        text.push_str(&format!(
            "$ connectors-update {}\n[exit {}]\n{}\n",
            args.join(" "),
            run.status,
            run.stderr.trim_end()
        ));
    }
    assert_snapshot_text("failures.txt", &text.replace(&dir, "[dir]"));
}
