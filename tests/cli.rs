//! The `connectors-update` CLI, run as a subprocess on a real SQLite file.

use serde_json::json;

use crate::support::CANARY;
use crate::support::backends::Db;
use crate::support::cli::Cli;

const EXAMPLE_1: &str = r#"{"ActionType": "Connectors.Update", "Parameters": {"EntryId": "twitterConnectorId",
  "Properties": [{"PropertyName": "APIKey", "PropertyValue": "new_api_key_123"}],
  "PropertiesJson": "{ \"Timeout\": \"30s\" }"}}"#;

const MERGE: &str = r#"{"ActionType": "Connectors.Update", "Parameters": {"EntryId": "Twitter API",
  "Properties": [{"PropertyName": "APIKey", "PropertyValue": "oldValue"}, {"PropertyName": "Endpoint", "PropertyValue": "endpoint1"}],
  "PropertiesJson": "{ \"APIKey\": \"newValue\", \"Timeout\": \"60s\" }"}}"#;

#[test]
fn add_show_and_list() {
    let cli = Cli::new();
    let added = cli
        .run(&[
            "connector",
            "add",
            "--name",
            "Mail",
            "--kind",
            "rest-api",
            "--set",
            "Endpoint=https://mail.example",
            "--secret",
            &format!("APIKey={CANARY}"),
        ])
        .ok_json();
    let id = added["id"].as_str().unwrap().to_string();
    assert_eq!(added["revision"], 1);
    assert_eq!(added["properties"]["APIKey"], "******");
    assert_eq!(added["secrets"], json!(["APIKey"]));

    let shown = cli.run(&["connector", "show", "Mail"]).ok_json();
    assert_eq!(
        shown,
        json!({
            "id": id, "name": "Mail", "kind": "rest-api", "revision": 1,
            "properties": {"Endpoint": "https://mail.example", "APIKey": "******"},
            "secrets": ["APIKey"], "grants": [], "damaged": []
        })
    );
    let revealed = cli.run(&["connector", "show", &id, "--reveal"]).ok_json();
    assert_eq!(revealed["properties"]["APIKey"], CANARY);

    let list = cli.run(&["connector", "list"]).ok_json();
    assert_eq!(
        list,
        json!([{"id": id, "name": "Mail", "kind": "rest-api", "revision": 1}])
    );
}

#[test]
fn run_the_merge_example_end_to_end() {
    let cli = Cli::new();
    cli.add_twitter();
    let step = cli.file("merge.json", MERGE);
    let outcome = cli.run(&["run", &step]).ok_json();
    assert_eq!(
        outcome,
        json!({
            "id": "twitterConnectorId", "name": "Twitter API", "revision_before": 1, "revision_after": 2,
            "added": ["Timeout"], "changed": ["APIKey", "Endpoint"], "removed": [], "unchanged": false, "dry_run": false
        })
    );
    let shown = cli
        .run(&["connector", "show", "twitterConnectorId", "--reveal"])
        .ok_json();
    assert_eq!(
        shown["properties"],
        json!({"APIKey": "newValue", "Endpoint": "endpoint1", "Timeout": "60s"})
    );
}

#[test]
fn run_reads_standard_input_tokens_and_dry_run() {
    let cli = Cli::new();
    cli.add_twitter();
    let tokens = cli.file(
        "tokens.json",
        r#"{"Form:Key": "from-token", "Conn": "Twitter API"}"#,
    );
    let step = r#"{"EntryId": "[Conn]", "Properties": [{"PropertyName": "APIKey", "PropertyValue": "[Form:Key]"}]}"#;
    let dry = cli
        .run_with_stdin(&["run", "-", "--tokens", &tokens, "--dry-run"], step)
        .ok_json();
    assert_eq!(
        (
            dry["dry_run"].clone(),
            dry["changed"].clone(),
            dry["revision_after"].clone()
        ),
        (json!(true), json!(["APIKey"]), json!(1))
    );
    let real = cli
        .run_with_stdin(&["run", "-", "--tokens", &tokens], step)
        .ok_json();
    assert_eq!(real["revision_after"], 2);
    let shown = cli
        .run(&["connector", "show", "Twitter API", "--reveal"])
        .ok_json();
    assert_eq!(shown["properties"]["APIKey"], "from-token");
    // A step that names a secret changes it, even to what it holds: no
    // answer tells a right guess of a secret from a wrong one.
    let again = cli
        .run_with_stdin(&["run", "-", "--tokens", &tokens], step)
        .ok_json();
    assert_eq!(
        (
            again["unchanged"].clone(),
            again["changed"].clone(),
            again["revision_after"].clone()
        ),
        (json!(false), json!(["APIKey"]), json!(3))
    );
}

/// What the demo's steps change when run again: only the secrets they
/// name (a secret named is changed, whatever it holds), nothing plain.
pub fn assert_only_secrets_change_again(second: &serde_json::Value) {
    const SECRETS: [&str; 3] = ["APIKey", "ClientSecret", "options"];
    for step in second["steps"].as_array().unwrap() {
        let outcome = &step["outcome"];
        assert_eq!(
            (outcome["added"].clone(), outcome["removed"].clone()),
            (json!([]), json!([])),
            "{step}"
        );
        for name in outcome["changed"].as_array().unwrap() {
            assert!(SECRETS.contains(&name.as_str().unwrap()), "{step}");
        }
    }
}

#[test]
fn failures_print_one_error_line_and_exit_1() {
    // On every backend: the CLI's error paths are the store's too.
    for db in Db::all() {
        let name = db.name;
        failures_print_one_error_line(Cli::on(db), name);
    }
}

fn failures_print_one_error_line(cli: Cli, db: &str) {
    cli.add_twitter();
    let cases = [
        (r#"{"EntryId": "nope"}"#, "connector-not-found"),
        (
            r#"{"EntryId": "twitterConnectorId", "PropertiesJson": "{oops"}"#,
            "invalid-json",
        ),
        (
            r#"{"EntryId": "twitterConnectorId", "Bogus": 1}"#,
            "invalid-parameter",
        ),
        (r#"{"EntryId": "[Form:Missing]"}"#, "unresolved-token"),
        (
            r#"{"EntryId": "twitterConnectorId", "ExpectedRevision": 9, "Properties": [{"PropertyName": "A", "PropertyValue": "1"}]}"#,
            "conflict",
        ),
    ];
    for (step, code) in cases {
        let path = cli.file("step.json", step);
        let run = cli.run(&["run", &path]);
        assert_eq!(run.status, 1, "{db}: {step}");
        assert!(run.stdout.is_empty());
        let line = run.stderr.trim_end();
        assert!(!line.contains('\n'), "one line: {line}");
        assert!(
            line.starts_with(&format!("error[{code}]: ")),
            "{db}: {step}: {line}"
        );
    }
}

#[test]
fn a_validation_failure_through_the_cli() {
    for db in Db::all() {
        a_validation_failure_on(Cli::on(db));
    }
}

fn a_validation_failure_on(cli: Cli) {
    cli.run(&[
        "connector",
        "add",
        "--name",
        "O",
        "--id",
        "o",
        "--kind",
        "oauth2",
        "--set",
        "ClientId=c",
    ])
    .ok_json();
    let step = cli.file("step.json", r#"{"EntryId": "o", "Properties": [{"PropertyName": "RetryAttempts", "PropertyValue": "many"}]}"#);
    let run = cli.run(&["run", &step]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr
            .contains("error[validation-failed]: Connector 'o' was not changed"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("many"));
}

#[test]
fn bad_usage_exits_2() {
    let cli = Cli::new();
    assert_eq!(cli.run(&["run"]).status, 2);
    assert_eq!(cli.run(&["frobnicate"]).status, 2);
    assert_eq!(
        cli.run(&["connector", "add", "--name", "x", "--set", "novalue"])
            .status,
        2
    );
    let missing = cli.run(&["run", "no-such-file.json"]);
    assert_eq!(missing.status, 2);
    assert!(
        missing
            .stderr
            .starts_with("error[usage]: cannot read the step file"),
        "{}",
        missing.stderr
    );
}

#[test]
fn a_step_file_that_is_not_utf8_is_refused() {
    let cli = Cli::new();
    let path = cli.file("bad.json", b"{\"EntryId\": \"\xff\xfe\"}");
    let run = cli.run(&["run", &path]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr
            .starts_with("error[invalid-parameter]: the step file"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("offset 13"), "{}", run.stderr);
}

#[test]
fn validate_prints_diagnostics_and_exits_by_severity() {
    let cli = Cli::new();
    let good = cli.file("good.json", r#"{"EntryId": "x", "Properties": [{"PropertyName": "A", "PropertyValue": "1"}, {"PropertyName": "a", "PropertyValue": "2"}]}"#);
    let run = cli.run(&["validate", &good]);
    assert_eq!(run.status, 0);
    assert_eq!(run.json()[0]["severity"], "warning");
    assert_eq!(run.json()[0]["code"], "case-collision");
    let bad = cli.file("bad.json", r#"{"Parameters": {"EntryId": "", "Extra": 1}}"#);
    let run = cli.run(&["validate", &bad]);
    assert_eq!(run.status, 1);
    // Every problem at once: the unknown key does not hide the empty EntryId.
    assert_eq!(
        run.json(),
        json!([{
            "severity": "error", "field": "Extra", "code": "invalid-parameter",
            "message": "Unknown key 'Extra': Connectors.Update takes EntryId, Properties, PropertiesJson, MergeMode, ExpectedRevision, DryRun."
        }, {
            "severity": "error", "field": "EntryId", "code": "invalid-parameter",
            "message": "EntryId: the Connector parameter is required; give the id or name of an existing connector."
        }])
    );
}

#[test]
fn describe_and_component() {
    let cli = Cli::new();
    let d = cli.run(&["describe"]).ok_json();
    assert_eq!(d["action_type"], "Connectors.Update");
    assert_eq!(d["parameters"][0]["key"], "EntryId");
    assert_eq!(d["parameters"][0]["kind"], "connector-reference");
    assert_eq!(d["parameters"][1]["default"], json!([]));
    assert_eq!(d["parameters"][3]["kind"], "choice");
    assert_eq!(d["parameters"][3]["choices"], json!(["replace", "deep"]));
    assert_eq!(d["parameters"][5]["default"], false);
    let auth0 = d["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == "auth0-connection")
        .expect("describe lists auth0-connection");
    let options = auth0["properties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "options")
        .unwrap();
    assert_eq!(options["write_permission"], "update:connections_options");
    assert_eq!(options["format"], "json-object");
    assert_eq!(options["secret"], true);
    assert_eq!(
        d["token_syntax"]["escapes"][0],
        json!({"escape": "&#91;", "character": "["})
    );
    assert!(
        d["limits"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["what"] == "Properties rows" && l["max"] == 1000)
    );
    let out = cli.dir.path().join("action.wasm");
    let run = cli.run(&["component", "-o", out.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(bytes, connectors_update_harness::COMPONENT);
    connectors_update_harness::Harness::builder()
        .component(bytes)
        .build()
        .unwrap();
}

#[test]
fn the_demo_runs_in_a_fresh_store_and_is_idempotent() {
    let cli = Cli::new();
    let first = cli.run(&["demo"]).ok_json();
    let steps = first["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 4);
    assert_eq!(steps[0]["outcome"]["changed"], json!(["APIKey", "Timeout"]));
    assert_eq!(
        steps[1]["outcome"]["changed"],
        json!(["ClientId", "RetryAttempts"])
    );
    assert_eq!(steps[2]["outcome"]["added"], json!(["Endpoint", "Timeout"]));
    assert_eq!(steps[3]["outcome"]["changed"], json!(["options"]));
    assert_eq!(steps[3]["outcome"]["added"], json!(["display_name"]));
    assert_eq!(
        first["connectors"][2]["properties"],
        json!({"APIKey": "******", "Endpoint": "endpoint1", "Timeout": "60s"})
    );
    let second = cli.run(&["demo"]).ok_json();
    assert_only_secrets_change_again(&second);
    let merged = cli
        .run(&["connector", "show", "Merge Example", "--reveal"])
        .ok_json();
    assert_eq!(
        merged["properties"],
        json!({"APIKey": "newValue", "Endpoint": "endpoint1", "Timeout": "60s"})
    );
    let auth0 = cli
        .run(&["connector", "show", "con_demo", "--reveal"])
        .ok_json();
    let options: serde_json::Value =
        serde_json::from_str(auth0["properties"]["options"].as_str().unwrap()).unwrap();
    assert_eq!(
        options,
        json!({"client_id": "demo_client", "client_secret": "demo_secret", "scope": ["email", "profile"]})
    );
}

#[test]
fn the_store_comes_from_the_environment_too() {
    let cli = Cli::new();
    let path = cli.dir.path().join("env.db");
    cli.run_bare(
        &["connector", "add", "--name", "FromEnv"],
        Some(("CONNECTORS_STORE", path.to_str().unwrap())),
    )
    .ok_json();
    assert!(path.exists());
}

#[test]
fn example_1_through_the_cli() {
    let cli = Cli::new();
    cli.add_twitter();
    let out = cli.run(&["run", &cli.file("e1.json", EXAMPLE_1)]).ok_json();
    assert_eq!(out["changed"], json!(["APIKey"]));
    assert_eq!(out["added"], json!(["Timeout"]));
}

/// The user's own connector with the demo's id, in the user's `connectors.db`.
fn a_user_store_with_the_demos_ids() -> Cli {
    let cli = Cli::named("connectors.db");
    cli.add_twitter();
    cli
}

/// The user's connector is as they left it: its value, revision and history.
fn assert_untouched(cli: &Cli) {
    let shown = cli
        .run(&["connector", "show", "twitterConnectorId", "--reveal"])
        .ok_json();
    assert_eq!(shown["revision"], 1);
    assert_eq!(
        shown["properties"],
        json!({"APIKey": CANARY, "Endpoint": "https://api.twitter.com/2"})
    );
    let history = cli
        .run(&["connector", "history", "twitterConnectorId"])
        .ok_json();
    assert_eq!(history.as_array().unwrap().len(), 1, "{history}");
    let ids: Vec<_> = cli
        .run(&["connector", "list"])
        .ok_json()
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].clone())
        .collect();
    assert_eq!(
        ids,
        vec![json!("twitterConnectorId")],
        "the demo added to the user's store"
    );
}

#[test]
fn the_demo_never_changes_a_connector_it_did_not_create() {
    let cli = a_user_store_with_the_demos_ids();
    // Without --store, and with CONNECTORS_STORE naming the user's store:
    // the demo works in its own file.
    for env in [None, Some(("CONNECTORS_STORE", "connectors.db"))] {
        let run = cli.run_bare(&["demo"], env).ok_json();
        assert_eq!(run["store"], "connectors-demo.db", "{env:?}");
        assert_eq!(run["steps"].as_array().unwrap().len(), 4);
        assert_untouched(&cli);
    }
    assert!(cli.dir.path().join("connectors-demo.db").exists());
    assert!(cli.dir.path().join("connectors-demo.db.key").exists());
    // A --store typed before or after `demo`: refused, nothing written.
    for args in [
        &["--store", "connectors.db", "demo"][..],
        &["demo", "--store", "connectors.db"][..],
    ] {
        let run = cli.run_bare(args, None);
        assert_eq!(run.status, 1, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.starts_with(
                "error[demo-refused]: The demo writes only into a store it made, and in the store connectors.db, connector 'twitterConnectorId' has the id of a demo sample, and the store was not made by the demo; nothing was written. To run the demo, run `connectors-update demo` without --store"
            ),
            "{}",
            run.stderr
        );
        assert!(run.stdout.is_empty());
        assert_untouched(&cli);
    }
}

#[test]
fn the_demo_refuses_a_connector_named_like_one_of_its_steps() {
    let cli = Cli::new();
    // "Merge Example" is how a demo step finds its connector: a user's
    // connector by that name would be found instead, or make it ambiguous.
    cli.run(&[
        "connector",
        "add",
        "--name",
        "Merge Example",
        "--id",
        "mine",
        "--secret",
        &format!("APIKey={CANARY}"),
    ])
    .ok_json();
    let run = cli.run(&["demo"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "connector 'mine' is named like a connector a demo step updates; nothing was written"
        ),
        "{}",
        run.stderr
    );
    let list = cli.run(&["connector", "list"]).ok_json();
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    let mine = cli
        .run(&["connector", "show", "mine", "--reveal"])
        .ok_json();
    assert_eq!(
        (mine["revision"].clone(), mine["properties"].clone()),
        (json!(1), json!({"APIKey": CANARY}))
    );
}

#[test]
fn the_demo_in_its_own_store_runs_again() {
    let cli = Cli::new();
    let first = cli.run_bare(&["demo"], None).ok_json();
    assert_eq!(first["steps"][0]["outcome"]["unchanged"], false);
    let second = cli.run_bare(&["demo"], None).ok_json();
    assert_only_secrets_change_again(&second);
    // The demo's connectors record who made them.
    let history = cli
        .run_bare(
            &[
                "--store",
                "connectors-demo.db",
                "connector",
                "history",
                "con_demo",
            ],
            None,
        )
        .ok_json();
    assert_eq!(history[0]["event"], "created");
    assert_eq!(history[0]["principal"], "connectors-update-demo");
}

#[test]
fn json_to_a_reader_that_stopped_reading_ends_quietly() {
    let cli = Cli::new();
    cli.add_twitter();
    let step = cli.file("e1.json", EXAMPLE_1);
    for args in [
        &["describe"][..],
        &["connector", "kinds"][..],
        &["connector", "list"][..],
        &["connector", "show", "twitterConnectorId"][..],
        &["validate", &step][..],
        &["run", &step, "--dry-run"][..],
        &["component", "-o", "-"][..],
    ] {
        let run = cli.run_with_closed_stdout(args);
        assert_eq!((run.status, run.stderr.as_str()), (0, ""), "{args:?}");
    }
}

#[test]
fn component_to_standard_output() {
    let cli = Cli::new();
    let run = cli.run(&["component", "-o", "-"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.stdout_bytes, connectors_update_harness::COMPONENT);
    assert!(!cli.dir.path().join("-").exists(), "wrote a file named '-'");
    assert_eq!(
        run.stderr,
        format!(
            "wrote {} bytes to standard output\n",
            connectors_update_harness::COMPONENT.len()
        )
    );
}

#[test]
fn component_to_a_terminal_is_refused() {
    let cli = Cli::new();
    // `script` (util-linux) gives the CLI a terminal as its standard output.
    let command = format!("{} component -o -", env!("CARGO_BIN_EXE_connectors-update"));
    let output = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(cli.dir.path())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("util-linux's script runs");
    let printed = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{printed}");
    assert!(
        printed.starts_with("error[usage]: -o -: standard output is a terminal"),
        "{printed}"
    );
    assert!(!cli.dir.path().join("-").exists());
}

#[test]
fn an_unknown_token_without_a_tokens_file_says_how_to_give_one() {
    let cli = Cli::new();
    cli.add_twitter();
    let step = cli.file(
        "t.json",
        r#"{"EntryId": "twitterConnectorId", "Properties": [{"PropertyName": "APIKey", "PropertyValue": "[Form:Key]"}]}"#,
    );
    let without = cli.run(&["run", &step]);
    assert_eq!(without.status, 1);
    assert!(without.stderr.starts_with("error[unresolved-token]: "));
    assert!(
        without.stderr.trim_end().ends_with(
            "No tokens file was given: pass the tokens' values with --tokens TOKENS.json."
        ),
        "{}",
        without.stderr
    );
    assert!(!without.stderr.trim_end().contains('\n'));
    // Given a tokens file that lacks it, the hint would be wrong.
    let tokens = cli.file("tokens.json", "{}");
    let with = cli.run(&["run", &step, "--tokens", &tokens]);
    assert!(with.stderr.starts_with("error[unresolved-token]: "));
    assert!(!with.stderr.contains("--tokens"), "{}", with.stderr);
}

#[test]
fn a_missing_permission_says_which_option_gives_it() {
    let cli = Cli::new();
    cli.run(&[
        "connector",
        "add",
        "--name",
        "Login",
        "--id",
        "con_1",
        "--kind",
        "auth0-connection",
        "--set",
        "name=login",
        "--secret",
        &format!(r#"options={{"client_secret":"{CANARY}"}}"#),
    ])
    .ok_json();
    let step = cli.file(
        "o.json",
        r#"{"EntryId": "con_1", "PropertiesJson": "{\"options\": {\"scope\": [\"email\"]}}", "MergeMode": "deep"}"#,
    );
    let denied = cli.run(&["run", &step]);
    assert_eq!(denied.status, 1);
    assert!(
        denied.stderr.starts_with("error[permission-denied]: "),
        "{}",
        denied.stderr
    );
    assert!(
        denied
            .stderr
            .trim_end()
            .ends_with("In the CLI: run again with --permission update:connections_options."),
        "{}",
        denied.stderr
    );
    let shown = cli.run(&["connector", "show", "con_1"]).ok_json();
    assert_eq!(shown["revision"], 1);
    let allowed = cli
        .run(&["--permission", "update:connections_options", "run", &step])
        .ok_json();
    assert_eq!(allowed["changed"], json!(["options"]));
}

#[test]
fn connector_kinds_lists_what_describe_lists() {
    let cli = Cli::new();
    let kinds = cli.run(&["connector", "kinds"]).ok_json();
    let described = cli.run(&["describe"]).ok_json();
    assert_eq!(kinds, described["kinds"]);
    let names: Vec<_> = kinds
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "rest-api",
            "oauth2",
            "nylas-connector",
            "logto-connector",
            "twenty-connected-account",
            "auth0-connection"
        ]
    );
    assert!(!cli.store().exists(), "listing the kinds created a store");
}

#[test]
fn after_the_demo_a_missing_default_store_points_at_the_demos() {
    let cli = Cli::new();
    let run = cli.run_bare(&["connector", "list"], None);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.starts_with("error[store-not-found]") && !run.stderr.contains("demo's store"),
        "{}",
        run.stderr
    );
    assert_eq!(cli.run_bare(&["demo"], None).status, 0);
    for args in [
        &["connector", "list"][..],
        &["connector", "show", "Twitter API"],
        &["connector", "history", "x"],
        &["connector", "keys"],
    ] {
        let run = cli.run_bare(args, None);
        assert_eq!(run.status, 1, "{args:?}");
        assert!(
            run.stderr.starts_with("error[store-not-found]")
                && run.stderr.contains("--store connectors-demo.db"),
            "{args:?}: {}",
            run.stderr
        );
    }
    // A store named on purpose gets no such hint.
    let run = cli.run_bare(&["--store", "mine.db", "connector", "list"], None);
    assert!(
        !run.stderr.contains("--store connectors-demo.db"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_empty_principal_is_refused_as_grant_refuses_it() {
    let cli = Cli::new();
    cli.add_twitter();
    for principal in ["", "  "] {
        let run = cli.run(&["--as", principal, "connector", "list"]);
        assert_eq!(run.status, 2, "{principal:?}: {}", run.stderr);
        assert!(
            run.stderr
                .starts_with("error[usage]: --as (or CONNECTORS_PRINCIPAL)"),
            "{}",
            run.stderr
        );
        let run = cli.run_with_env(&["connector", "list"], "CONNECTORS_PRINCIPAL", principal);
        assert_eq!(run.status, 2, "{principal:?}: {}", run.stderr);
        let run = cli.run(&["connector", "grant", "Twitter API", principal]);
        assert_eq!(run.status, 1, "{principal:?}: {}", run.stderr);
        assert!(
            run.stderr.starts_with("error[invalid-parameter]"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(cli.run(&["--as", "alice", "connector", "list"]).status, 0);
}

#[test]
fn a_step_from_standard_input_is_called_standard_input() {
    let cli = Cli::new();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_connectors-update"))
        .args(["validate", "-"])
        .current_dir(cli.dir.path())
        .stdin(std::fs::File::open(cli.file("bad.json", b"{\"EntryId\": \"\xff\"}")).unwrap())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error[invalid-parameter]: the step from standard input is not UTF-8"),
        "{stderr}"
    );
}

/// Under a limit on virtual memory that the engine's default reservation
/// (4 GiB per memory) does not fit, the CLI still runs its steps, and says
/// once why it reserves less.
#[test]
fn under_a_virtual_memory_limit_the_cli_still_runs_and_says_so_once() {
    let cli = Cli::new();
    cli.add_twitter();
    let step = cli.file(
        "step.json",
        crate::support::step_json(
            json!({"EntryId": "Twitter API", "PropertiesJson": "{\"Timeout\": \"20s\"}"}),
        ),
    );
    let exe = env!("CARGO_BIN_EXE_connectors-update");
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -v 1000000 && exec "$0" --store "$1" run "$2""#)
        .arg(exe)
        .arg(&cli.location)
        .arg(&step)
        .current_dir(cli.dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let outcome: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(outcome["added"], json!(["Timeout"]));
    assert_eq!(
        stderr
            .matches("warning: this process may not reserve")
            .count(),
        1,
        "{stderr}"
    );
    crate::support::assert_clean("stderr", &stderr);
}
