//! The audit trail: every successful write records who, when, which
//! connector, the revisions before and after and the properties touched
//! (never values), in the write's own transaction.

use serde_json::{Value, json};

use crate::support::CANARY;
use crate::support::backends::Db;
use crate::support::cli::Cli;

fn history_through_the_cli(cli: Cli) {
    let secret = format!("APIKey={CANARY}");
    cli.run(&[
        "--as",
        "alice",
        "connector",
        "add",
        "--name",
        "Audited",
        "--id",
        "audited",
        "--secret",
        &secret,
        "--set",
        "Timeout=10s",
    ])
    .ok_json();
    let step = cli.file(
        "step.json",
        crate::support::step_json(json!({
            "EntryId": "Audited",
            "Properties": [{"PropertyName": "APIKey", "PropertyValue": "rotated-secret"}],
            "PropertiesJson": "{\"Timeout\": null, \"Region\": \"eu\"}"
        })),
    );
    cli.run(&["--as", "bob", "run", &step]).ok_json();
    // A dry run and a step that changes nothing are not writes (a step
    // that names a secret changes it, so this one names only plain values).
    cli.run(&["run", &step, "--dry-run"]).ok_json();
    let plain = cli.file(
        "plain.json",
        crate::support::step_json(
            json!({"EntryId": "Audited", "PropertiesJson": "{\"Region\": \"eu\"}"}),
        ),
    );
    assert_eq!(cli.run(&["run", &plain]).ok_json()["unchanged"], true);
    // The one who grants or revokes is the principal; the one granted, the grantee.
    cli.run(&["--as", "alice", "connector", "grant", "audited", "carol"])
        .ok_json();
    cli.run(&["--as", "carol", "connector", "grant", "audited", "dave"])
        .ok_json();
    // Refused writes and refused grants are not recorded either.
    let refused = cli.run(&["--as", "mallory", "run", &step]);
    assert_eq!(refused.status, 1);
    let refused = cli.run(&["--as", "mallory", "connector", "revoke", "audited", "carol"]);
    assert!(
        refused.stderr.starts_with("error[permission-denied]"),
        "{}",
        refused.stderr
    );
    cli.run(&["--as", "dave", "connector", "revoke", "audited", "carol"])
        .ok_json();
    cli.run(&["--as", "dave", "connector", "revoke", "audited", "dave"])
        .ok_json();

    let history = cli.run(&["connector", "history", "Audited"]).ok_json();
    let entries = history.as_array().unwrap();
    let shape: Vec<Value> = entries
        .iter()
        .map(|e| {
            json!([
                e["event"],
                e["principal"],
                e["revision_before"],
                e["revision_after"],
                e["properties"],
                e.get("grantee")
            ])
        })
        .collect();
    assert_eq!(
        shape,
        vec![
            json!(["created", "alice", 0, 1, ["Timeout", "APIKey"], null]),
            json!([
                "updated",
                "bob",
                1,
                2,
                ["APIKey", "Timeout", "Region"],
                null
            ]),
            json!(["granted", "alice", 2, 2, [], "carol"]),
            json!(["granted", "carol", 2, 2, [], "dave"]),
            json!(["revoked", "dave", 2, 2, [], "carol"]),
            json!(["revoked", "dave", 2, 2, [], "dave"]),
        ]
    );
    for e in entries {
        assert_eq!(e["connector"], "audited");
        let at = e["at"].as_str().unwrap();
        assert!(humantime::parse_rfc3339(at).is_ok(), "{at} is RFC 3339");
        assert!(at.ends_with('Z'));
    }
    let text = history.to_string();
    assert!(!text.contains("rotated-secret") && !text.contains("10s") && !text.contains("\"eu\""));

    // The history is the connector's: a grant closes it like the rest.
    cli.run(&["connector", "grant", "audited", "carol"])
        .ok_json();
    let denied = cli.run(&["--as", "dave", "connector", "history", "audited"]);
    assert!(
        denied.stderr.starts_with("error[permission-denied]"),
        "{}",
        denied.stderr
    );
    // After a delete, `history` no longer finds the connector (the store keeps
    // its history: tests/access.rs), and the same id starts a new one.
    cli.run(&["--as", "carol", "connector", "delete", "audited"])
        .ok_json();
    let gone = cli.run(&["--as", "carol", "connector", "history", "audited"]);
    assert!(
        gone.stderr.starts_with("error[connector-not-found]"),
        "{}",
        gone.stderr
    );
    cli.run(&["connector", "add", "--name", "Again", "--id", "audited"])
        .ok_json();
    let fresh = cli.run(&["connector", "history", "audited"]).ok_json();
    assert_eq!(fresh.as_array().unwrap().len(), 1, "{fresh}");
    assert_eq!(fresh[0]["event"], "created");
    let missing = cli.run(&["connector", "history", "nope"]);
    assert!(missing.stderr.starts_with("error[connector-not-found]"));
}

#[test]
fn the_history_records_every_write_on_sqlite() {
    history_through_the_cli(Cli::new());
}

#[test]
fn the_history_records_every_write_on_postgres() {
    if let Some(db) = Db::postgres() {
        history_through_the_cli(Cli::on(db));
    }
}
