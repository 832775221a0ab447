//! The secret mark and a value's age are sealed (issue 28, defect 6): with
//! write access to the database but not the key, flipping a value's secret
//! mark, copying an older sealed value back from a backup, deleting a row,
//! adding one or changing a connector's row is named as damage wherever
//! the value would be read (`damaged` in `connector show`, `store-tampered`
//! when read), and never shows a value. On SQLite and PostgreSQL.

use connectors_update_harness::stores::NewConnector;
use connectors_update_harness::{Caller, CredentialStore, StoreError};

use crate::support::CANARY;
use crate::support::backends::Db;
use crate::support::cli::Cli;

/// What the backup held, and what the key was rotated to since.
const OLD_KEY: &str = "old-api-key-5b1d-rolled-back";

/// `UPDATE … SET secret = <false>` in the backend's SQL.
fn secret_false(db: &Db) -> &'static str {
    match db.name {
        "postgres" => "false",
        _ => "0",
    }
}

/// A `rest-api` connector `prod` whose APIKey (secret by its kind) is the canary.
fn add_prod(cli: &Cli) {
    cli.run(&[
        "connector",
        "add",
        "--name",
        "Prod API",
        "--id",
        "prod",
        "--kind",
        "rest-api",
        "--set",
        &format!("APIKey={CANARY}"),
        "--set",
        "Endpoint=https://api.example.com",
    ])
    .ok_json();
}

/// `connector show`, with and without `--reveal`: `property` is damaged,
/// shown without a value and as a secret, and neither `hidden` nor the
/// canary is printed.
fn assert_shown_damaged(cli: &Cli, property: &str, hidden: &str, what: &str) {
    for reveal in [false, true] {
        let mut args = vec!["connector", "show", "prod"];
        if reveal {
            args.push("--reveal");
        }
        let run = cli.run(&args);
        let shown = run.ok_json();
        assert!(
            !run.stdout.contains(CANARY) && !run.stdout.contains(hidden),
            "{what}: a value was shown: {}",
            run.stdout
        );
        assert_eq!(
            shown["damaged"],
            serde_json::json!([property]),
            "{what} (reveal: {reveal}): {shown}"
        );
        assert!(shown["properties"][property].is_null(), "{what}: {shown}");
        assert_eq!(shown["properties"]["Endpoint"], "https://api.example.com");
    }
}

#[test]
fn a_flipped_secret_mark_is_damage_and_never_shows_the_secret() {
    for db in Db::all() {
        let name = db.name;
        let cli = Cli::on(db);
        add_prod(&cli);
        let db = cli.db().unwrap();
        db.sql(&format!(
            "UPDATE properties SET secret = {} WHERE connector_id = 'prod'",
            secret_false(db)
        ));
        assert_shown_damaged(&cli, "APIKey", CANARY, name);
        // Reading the value names it.
        let store = db.open();
        assert_eq!(
            store.record("prod").unwrap_err(),
            StoreError::Tampered {
                connector: "prod".into(),
                property: "APIKey".into()
            },
            "{name}"
        );
        // The action sees it as a secret it cannot read, as before.
        let connector = store.get(&Caller::anonymous(), "prod").unwrap();
        assert!(
            !format!("{connector:?}").contains(CANARY),
            "{name}: {connector:?}"
        );
    }
}

#[test]
fn a_secret_of_a_kind_is_shown_masked_whatever_its_row_says() {
    // A plain row of a name its kind makes secret (as a store written
    // before the kind said so would hold): masked without --reveal.
    for db in Db::all() {
        let name = db.name;
        let store = db.open();
        store
            .add(NewConnector::new("Plain").id("plain").set("APIKey", CANARY))
            .unwrap();
        let (record, damaged) = store.find_readable("plain").unwrap();
        assert!(damaged.is_empty(), "{name}: {damaged:?}");
        assert!(!record.properties[0].secret, "{name}: no kind, no secret");
        db.sql("UPDATE connectors SET kind = 'rest-api' WHERE id = 'plain'");
        // Changing the kind in the row is damage too: the connector's seal
        // binds its kind.
        let (record, damaged) = store.find_readable("plain").unwrap();
        assert_eq!(damaged, vec!["APIKey".to_string()], "{name}");
        assert!(record.properties[0].secret, "{name}");
        assert_eq!(record.value("APIKey"), Some(""));
    }
}

#[test]
fn an_older_value_copied_back_from_a_backup_is_damage() {
    for db in Db::all() {
        let name = db.name;
        let cli = Cli::on(db);
        cli.run(&[
            "connector",
            "add",
            "--name",
            "Prod API",
            "--id",
            "prod",
            "--kind",
            "rest-api",
            "--set",
            &format!("APIKey={OLD_KEY}"),
            "--set",
            "Endpoint=https://api.example.com",
        ])
        .ok_json();
        let db = cli.db().unwrap();
        let backup = db
            .bytes("SELECT sealed FROM properties WHERE connector_id = 'prod' AND name = 'APIKey'");
        // The key is rotated: a step writes the new one.
        let step = cli.file(
            "step.json",
            crate::support::step_json(serde_json::json!({
                "EntryId": "prod", "PropertiesJson": format!("{{\"APIKey\": \"{CANARY}\"}}")
            })),
        );
        cli.run(&["run", &step]).ok_json();
        let hex: String = backup.iter().map(|b| format!("{b:02x}")).collect();
        let literal = match name {
            "postgres" => format!("decode('{hex}', 'hex')"),
            _ => format!("X'{hex}'"),
        };
        db.sql(&format!(
            "UPDATE properties SET sealed = {literal} WHERE connector_id = 'prod' AND name = 'APIKey'"
        ));
        assert_shown_damaged(&cli, "APIKey", OLD_KEY, name);
        let store = db.open();
        assert_eq!(
            store.record("prod").unwrap_err(),
            StoreError::Tampered {
                connector: "prod".into(),
                property: "APIKey".into()
            },
            "{name}"
        );
        // A step that sets it again repairs it; one that does not leaves
        // it damaged (a write never makes a rolled-back value valid).
        let other = cli.file(
            "other.json",
            crate::support::step_json(serde_json::json!({
                "EntryId": "prod", "PropertiesJson": "{\"Endpoint\": \"https://api.example.com/v2\"}"
            })),
        );
        cli.run(&["run", &other]).ok_json();
        let shown = cli.run(&["connector", "show", "prod"]).ok_json();
        assert_eq!(shown["damaged"], serde_json::json!(["APIKey"]), "{name}");
        let repair = cli.file(
            "repair.json",
            crate::support::step_json(serde_json::json!({
                "EntryId": "prod", "PropertiesJson": "{\"APIKey\": \"fresh\"}"
            })),
        );
        cli.run(&["run", &repair]).ok_json();
        let shown = cli
            .run(&["connector", "show", "prod", "--reveal"])
            .ok_json();
        assert_eq!(shown["damaged"], serde_json::json!([]), "{name}");
        assert_eq!(shown["properties"]["APIKey"], "fresh", "{name}");
    }
}

#[test]
fn a_row_deleted_or_added_outside_the_store_is_damage() {
    for db in Db::all() {
        let name = db.name;
        let cli = Cli::on(db);
        add_prod(&cli);
        let db = cli.db().unwrap();
        db.sql("DELETE FROM properties WHERE connector_id = 'prod' AND name = 'APIKey'");
        let shown = cli.run(&["connector", "show", "prod"]).ok_json();
        assert_eq!(shown["damaged"], serde_json::json!(["APIKey"]), "{name}");
        assert_eq!(
            db.open().record("prod").unwrap_err(),
            StoreError::Tampered {
                connector: "prod".into(),
                property: "APIKey".into()
            },
            "{name}"
        );
        // A value removed by a step, put back from a backup, is not the
        // connector's any more.
        let store = db.open();
        store
            .add(
                NewConnector::new("Other")
                    .id("other")
                    .set("Old", "gone-value-0a9f")
                    .set("Keep", "k"),
            )
            .unwrap();
        let old =
            db.bytes("SELECT sealed FROM properties WHERE connector_id = 'other' AND name = 'Old'");
        let remove = cli.file(
            "remove.json",
            crate::support::step_json(serde_json::json!({
                "EntryId": "other", "PropertiesJson": "{\"Old\": null}"
            })),
        );
        cli.run(&["run", &remove]).ok_json();
        let hex: String = old.iter().map(|b| format!("{b:02x}")).collect();
        let (literal, no) = match name {
            "postgres" => (format!("decode('{hex}', 'hex')"), "false"),
            _ => (format!("X'{hex}'"), "0"),
        };
        db.sql(&format!(
            "INSERT INTO properties (connector_id, position, name, sealed, secret, key_id) \
             SELECT 'other', 9, 'Old', {literal}, {no}, key_id FROM properties WHERE connector_id = 'other' AND name = 'Keep'"
        ));
        let (record, damaged) = store.find_readable("other").unwrap();
        assert_eq!(damaged, vec!["Old".to_string()], "{name}");
        assert_eq!(record.value("Old"), Some(""), "{name}");
    }
}

#[test]
fn a_connector_row_changed_outside_the_store_is_damage_and_is_not_written() {
    for db in Db::all() {
        let name = db.name;
        let cli = Cli::on(db);
        add_prod(&cli);
        let db = cli.db().unwrap();
        db.sql("UPDATE connectors SET revision = 7 WHERE id = 'prod'");
        let shown = cli
            .run(&["connector", "show", "prod", "--reveal"])
            .ok_json();
        assert!(!shown.to_string().contains(CANARY), "{name}: {shown}");
        assert_eq!(
            shown["damaged"],
            serde_json::json!(["APIKey", "Endpoint"]),
            "{name}"
        );
        let step = cli.file(
            "step.json",
            crate::support::step_json(serde_json::json!({
                "EntryId": "prod", "PropertiesJson": "{\"Endpoint\": \"https://x.example\"}"
            })),
        );
        let run = cli.run(&["run", &step]);
        assert_eq!(run.status, 1, "{name}: {}", run.stdout);
        assert!(
            run.stderr.starts_with("error[store-tampered]"),
            "{name}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_rotation_keeps_every_seal_and_is_refused_while_one_is_damaged() {
    for db in Db::all() {
        let name = db.name;
        let cli = Cli::on(db);
        add_prod(&cli);
        cli.run(&["connector", "add", "--name", "Empty", "--id", "empty"])
            .ok_json();
        cli.run(&["connector", "rotate-key"]).ok_json();
        let keys = cli.run(&["connector", "keys"]).ok_json();
        // The old key seals nothing any more, connector seals included:
        // it can be retired.
        let old = keys[0]["id"].as_str().unwrap().to_string();
        cli.run(&["connector", "retire-key", &old]).ok_json();
        let shown = cli
            .run(&["connector", "show", "prod", "--reveal"])
            .ok_json();
        assert_eq!(shown["damaged"], serde_json::json!([]), "{name}");
        assert_eq!(shown["properties"]["APIKey"], CANARY, "{name}");
        let shown = cli.run(&["connector", "show", "empty"]).ok_json();
        assert_eq!(shown["damaged"], serde_json::json!([]), "{name}");
        // A flipped mark stops the next rotation, naming it.
        let db = cli.db().unwrap();
        db.sql(&format!(
            "UPDATE properties SET secret = {} WHERE connector_id = 'prod'",
            secret_false(db)
        ));
        let run = cli.run(&["connector", "rotate-key"]);
        assert_eq!(run.status, 1, "{name}");
        assert!(
            run.stderr.contains("property 'APIKey' of connector 'prod'"),
            "{name}: {}",
            run.stderr
        );
    }
}
