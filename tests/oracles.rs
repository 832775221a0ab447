//! Nothing to guess: no answer of a step (its outcome, error code, message,
//! revision, whether it wrote, the history) depends on a secret's value or
//! on whether a key inside a secret exists, for any caller; a caller without
//! a property's permission is refused for naming it, before any value is
//! compared. Every comparison runs a right and a wrong guess on stores that
//! start alike, on every store that comes with the harness and through the
//! CLI, and asks for the same answer. (The npm package: js/test/oracles.test.js.)

use connectors_update_harness::stores::NewConnector;
use connectors_update_harness::tokens::MapTokens;
use connectors_update_harness::{Caller, HarnessError, Outcome};
use serde_json::json;

use crate::kinds::{Target, targets};
use crate::support::cli::Cli;
use crate::support::{CANARY, step_json};

const OPTIONS: &str = "update:connections_options";

/// A rest-api connector whose `APIKey` (secret by its kind) is the canary,
/// and an Auth0 connection whose secret, guarded `options` holds it.
fn fill(t: &Target) {
    t.add(
        NewConnector::new("Api")
            .id("api")
            .kind("rest-api")
            .set("Endpoint", "https://api.example.com")
            .secret("APIKey", CANARY),
    );
    t.add(
        NewConnector::new("Conn")
            .id("conn")
            .kind("auth0-connection")
            .set("name", "conn")
            .secret(
                "options",
                json!({"client_id": "c", "client_secret": CANARY}).to_string(),
            ),
    );
}

/// An answer as a caller sees it: the outcome, or the error's code and message.
fn answer(result: &Result<Outcome, HarnessError>) -> String {
    match result {
        Ok(outcome) => serde_json::to_string(outcome).unwrap(),
        Err(error) => format!("{} {error}", error.code()),
    }
}

fn deep(entry: &str, dynamic: serde_json::Value, dry_run: bool) -> String {
    step_json(json!({
        "EntryId": entry,
        "PropertiesJson": dynamic.to_string(),
        "MergeMode": "deep",
        "DryRun": dry_run,
    }))
}

fn set_api_key(value: &str, dry_run: bool) -> String {
    step_json(json!({
        "EntryId": "api",
        "Properties": [{"PropertyName": "APIKey", "PropertyValue": value}],
        "DryRun": dry_run,
    }))
}

/// What one step answered on one store: the answer, the store's name, the
/// connectors looked at and the sum of their revisions afterwards.
type Seen = (String, &'static str, Vec<String>, u64);

/// The answers of `steps`, each on a store of its own that starts as
/// [`fill`] leaves it, per store that comes with the harness.
fn answers(caller: &Caller, steps: &[String]) -> Vec<Vec<Seen>> {
    let per_store: Vec<Vec<Target>> = steps.iter().map(|_| targets()).collect();
    let mut seen = vec![Vec::new(); per_store[0].len()];
    for (json, stores) in steps.iter().zip(&per_store) {
        for (i, t) in stores.iter().enumerate() {
            fill(t);
            let result = t.run(caller, json, MapTokens::default());
            let ids = ["api", "conn"];
            let revisions: u64 = ids.iter().map(|id| t.record(id).revision).sum();
            seen[i].push((
                answer(&result),
                t.name,
                ids.map(String::from).to_vec(),
                revisions,
            ));
        }
    }
    seen
}

fn assert_same(what: &str, seen: Vec<Vec<Seen>>) {
    for per_store in seen {
        let first = &per_store[0];
        for other in &per_store[1..] {
            assert_eq!(
                first, other,
                "{what}: a guess changed the answer on {}",
                first.1
            );
        }
    }
}

#[test]
fn a_right_and_a_wrong_guess_of_a_plain_secret_get_the_same_answer() {
    for dry_run in [true, false] {
        let seen = answers(
            &Caller::anonymous(),
            &[
                set_api_key(CANARY, dry_run),
                set_api_key("a-wrong-guess", dry_run),
            ],
        );
        for per_store in &seen {
            assert!(
                per_store[0].0.contains(r#""changed":["APIKey"]"#),
                "a secret named is a secret changed: {}",
                per_store[0].0
            );
        }
        assert_same("APIKey set to its value or another", seen);
    }
}

#[test]
fn without_the_permission_a_guess_inside_a_guarded_secret_is_refused_alike() {
    let guesses = [
        json!({"options": {"client_secret": null}}),
        json!({"options": {"no_such_key": null}}),
        json!({"options": {"client_secret": CANARY}}),
        json!({"options": {"client_secret": "a-wrong-guess"}}),
        json!({"options": {}}),
    ];
    for dry_run in [true, false] {
        let steps: Vec<String> = guesses
            .iter()
            .map(|g| deep("conn", g.clone(), dry_run))
            .collect();
        let seen = answers(&Caller::principal("mallory"), &steps);
        for per_store in &seen {
            assert!(
                per_store[0].0.starts_with("permission-denied "),
                "{}: {}",
                per_store[0].1,
                per_store[0].0
            );
            assert!(per_store[0].0.contains("'options'"));
        }
        assert_same("a guarded secret's keys, without the permission", seen);
    }
    // Sent with the plain value it holds, a guarded property is refused too.
    let plain = targets();
    for t in &plain {
        fill(t);
        let error = t
            .run(
                &Caller::anonymous(),
                &step_json(json!({"EntryId": "conn", "PropertiesJson": json!({"options": null}).to_string()})),
                MapTokens::default(),
            )
            .unwrap_err();
        assert_eq!(error.code(), "permission-denied", "{}", t.name);
    }
}

#[test]
fn with_the_permission_a_guess_inside_a_secret_changes_it_alike() {
    let admin = Caller::principal("deployer").with_permission(OPTIONS);
    for dry_run in [true, false] {
        let steps: Vec<String> = [
            json!({"options": {"client_secret": null}}),
            json!({"options": {"no_such_key": null}}),
        ]
        .into_iter()
        .chain([
            json!({"options": {"client_secret": CANARY}}),
            json!({"options": {"client_secret": "a-wrong-guess"}}),
        ])
        .map(|g| deep("conn", g, dry_run))
        .collect();
        let seen = answers(&admin, &steps);
        for per_store in &seen {
            assert!(
                per_store[0].0.contains(r#""changed":["options"]"#),
                "{}: {}",
                per_store[0].1,
                per_store[0].0
            );
        }
        assert_same("a secret's keys, with the permission", seen);
    }
}

#[test]
fn the_history_records_a_secret_named_as_changed_whatever_it_held() {
    for t in targets() {
        fill(&t);
        let outcome = t
            .run(
                &Caller::anonymous(),
                &set_api_key(CANARY, false),
                MapTokens::default(),
            )
            .unwrap();
        assert_eq!(
            (outcome.revision_before, outcome.revision_after),
            (1, 2),
            "{}",
            t.name
        );
        assert_eq!(t.record("api").value("APIKey"), Some(CANARY), "{}", t.name);
    }
}

/// Through the CLI: `run --dry-run` and `run` print the same for a right and
/// a wrong guess, exit alike, and leave the same history.
#[test]
fn the_cli_answers_a_right_and_a_wrong_guess_alike() {
    let mut seen = Vec::new();
    for guess in [CANARY, "a-wrong-guess"] {
        let cli = Cli::new();
        cli.add_twitter();
        let step = cli.file(
            "step.json",
            step_json(json!({
                "EntryId": "Twitter API",
                "Properties": [{"PropertyName": "APIKey", "PropertyValue": guess}],
            })),
        );
        let dry = cli.run(&["run", &step, "--dry-run"]);
        let real = cli.run(&["run", &step]);
        let history = cli.run(&["connector", "history", "Twitter API"]).ok_json();
        let events: Vec<_> = history
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["event"].clone(),
                    e["properties"].clone(),
                    e["revision_after"].clone(),
                )
            })
            .collect();
        seen.push((
            dry.status,
            dry.stdout,
            dry.stderr,
            real.status,
            real.stdout,
            real.stderr,
            events,
        ));
    }
    assert_eq!(seen[0], seen[1]);
    assert_eq!(seen[0].0, 0, "{}", seen[0].2);
    assert!(seen[0].1.contains("APIKey"), "{}", seen[0].1);
}

#[test]
fn the_cli_refuses_a_guess_inside_a_guarded_secret_alike_without_the_permission() {
    let mut seen = Vec::new();
    for key in ["client_secret", "no_such_key"] {
        let cli = Cli::new();
        let options = cli.file(
            "options.json",
            json!({"client_id": "c", "client_secret": CANARY}).to_string(),
        );
        cli.run(&[
            "connector",
            "add",
            "--name",
            "Conn",
            "--id",
            "conn",
            "--kind",
            "auth0-connection",
            "--set",
            "name=conn",
            "--secret",
            &format!("options=@{options}"),
        ])
        .ok_json();
        let step = cli.file(
            "step.json",
            deep("conn", json!({"options": {key: null}}), false),
        );
        let run = cli.run(&["--as", "mallory", "run", &step, "--dry-run"]);
        seen.push((run.status, run.stdout, run.stderr));
    }
    assert_eq!(seen[0], seen[1]);
    assert_eq!(seen[0].0, 1);
    assert!(
        seen[0].2.starts_with("error[permission-denied]"),
        "{}",
        seen[0].2
    );
}
