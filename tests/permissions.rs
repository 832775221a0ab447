//! Permission: the engine says who runs the step, the store refuses, the
//! refusal names the connector (and the property, when it is per property),
//! and nothing is written. The CLI's `--as` and per-connector grants; a
//! grant taken away between a step's read and its write; the permission a
//! guarded property needs, checked on what a write would change.

use std::sync::Arc;

use connectors_update_harness::stores::{MemoryStore, NewConnector};
use connectors_update_harness::tokens::MapTokens;
use connectors_update_harness::{ActionError, Caller, CredentialStore, HarnessError, StoreError};
use serde_json::{Value, json};

use crate::access::{Target, run_on, targets};
use crate::support::backends::Db;
use crate::support::cli::Cli;
use crate::support::faults::{Hooked, one_connector};
use crate::support::{CANARY, assert_clean, harness, names, step, step_json};

fn set_b(entry: &str) -> String {
    step_json(
        json!({"EntryId": entry, "Properties": [{"PropertyName": "B", "PropertyValue": "2"}]}),
    )
}

fn run_as(
    caller: &Caller,
    store: Arc<dyn CredentialStore>,
    json: &str,
) -> Result<connectors_update_harness::Outcome, connectors_update_harness::HarnessError> {
    let result = harness().execute_as(caller, &step(json), store, Arc::new(MapTokens::default()));
    if let Err(error) = &result {
        assert_clean("error", &format!("{error} {error:?}"));
    }
    result
}

#[test]
fn a_connector_with_no_grants_is_open_to_everyone() {
    let store = one_connector("Shared");
    for caller in [Caller::anonymous(), Caller::principal("anyone")] {
        run_as(&caller, store.clone(), &set_b("c1")).unwrap();
    }
    assert_eq!(store.record("c1").unwrap().value("B"), Some("2"));
}

#[test]
fn a_connector_with_grants_is_open_only_to_those_principals() {
    let store = one_connector("Shared");
    assert_eq!(store.grant("Shared", "alice").unwrap(), names(&["alice"]));
    let before = store.record("c1").unwrap();

    for (caller, who) in [
        (Caller::principal("bob"), "principal 'bob'"),
        (Caller::anonymous(), "an anonymous caller"),
    ] {
        // By id, the refusal names the id; by name, the name, and not the
        // id of a connector the caller may not use.
        for (entry, reason) in [
            ("c1", format!("{who} has no grant on connector 'c1'")),
            (
                "Shared",
                format!("{who} has no grant on any connector of that name"),
            ),
        ] {
            let error = run_as(&caller, store.clone(), &set_b(entry)).unwrap_err();
            assert_eq!(error.code(), "permission-denied");
            assert_eq!(
                error.to_string(),
                format!(
                    "Permission denied on connector '{entry}': {reason}. \
                     Ask someone the connector is granted to for a grant, or run the step as a principal that has one."
                )
            );
            let connectors_update_harness::ActionError::PermissionDenied(detail) =
                error.action_error().unwrap()
            else {
                panic!("{error:?}")
            };
            assert_eq!(
                (detail.connector.as_str(), detail.property.as_deref()),
                (entry, None)
            );
        }
    }
    assert_eq!(store.record("c1").unwrap(), before, "nothing was written");

    let outcome = run_as(&Caller::principal("alice"), store.clone(), &set_b("c1")).unwrap();
    assert_eq!(outcome.added, names(&["B"]));

    // Revoking the last grant opens the connector again.
    assert!(store.revoke("c1", "alice").unwrap().is_empty());
    run_as(&Caller::principal("bob"), store.clone(), &set_b("c1")).unwrap();
}

/// A store that lets `intern` change anything but `Secret`: a per-property refusal.
fn per_property(inner: Arc<MemoryStore>) -> Hooked {
    Hooked {
        inner,
        write: Box::new(|inner, caller, id, expected, changes, mode| {
            if caller.name() == Some("intern")
                && let Some(change) = changes.iter().find(|c| c.name == "Secret")
            {
                return Err(StoreError::PermissionDenied {
                    property: Some(change.name.clone()),
                    reason: "interns may not change secrets".into(),
                });
            }
            inner.write(caller, id, expected, changes, mode)
        }),
    }
}

#[test]
fn a_per_property_refusal_names_the_property_and_writes_nothing() {
    let inner = one_connector("Shared");
    let before = inner.record("c1").unwrap();
    let store = Arc::new(per_property(inner.clone()));
    let json = step_json(json!({"EntryId": "c1", "Properties": [
        {"PropertyName": "A", "PropertyValue": "changed"},
        {"PropertyName": "Secret", "PropertyValue": "rotated"}
    ]}));
    let error = run_as(&Caller::principal("intern"), store.clone(), &json).unwrap_err();
    assert_eq!(error.code(), "permission-denied");
    assert_eq!(
        error.to_string(),
        "Permission denied on property 'Secret' of connector 'c1': interns may not change secrets. \
         Leave the property out of the step, or run the step as a caller allowed to change it."
    );
    assert_eq!(
        inner.record("c1").unwrap(),
        before,
        "not even A was written"
    );
    run_as(&Caller::principal("admin"), store, &json).unwrap();
}

/// A step that sets Endpoint to a value of its own, so that no run is
/// `unchanged` and every allowed one reaches the store's write.
fn set_endpoint(entry: &str) -> String {
    let value = format!("https://{}.example", uuid::Uuid::new_v4().simple());
    step_json(json!({
        "EntryId": entry,
        "Properties": [{"PropertyName": "Endpoint", "PropertyValue": value}]
    }))
}

fn the_cli_acts_as_the_principal_it_is_told(cli: Cli) {
    cli.add_twitter();
    let run = |cli: &Cli, args: &[&str]| {
        let step = cli.file("step.json", set_endpoint("Twitter API"));
        let mut all = args.to_vec();
        all.extend(["run", step.as_str()]);
        cli.run(&all)
    };

    // No grants: open to everyone, with or without --as.
    assert_eq!(run(&cli, &[]).ok_json()["changed"], json!(["Endpoint"]));
    assert_eq!(
        run(&cli, &["--as", "bob"]).ok_json()["changed"],
        json!(["Endpoint"])
    );

    let granted = cli
        .run(&["connector", "grant", "Twitter API", "alice"])
        .ok_json();
    assert_eq!(
        granted,
        json!({"id": "twitterConnectorId", "name": "Twitter API", "grants": ["alice"], "open": false})
    );
    let state = |cli: &Cli| {
        let shown = cli
            .run(&[
                "--as",
                "alice",
                "connector",
                "show",
                "twitterConnectorId",
                "--reveal",
            ])
            .ok_json();
        let history = cli
            .run(&[
                "--as",
                "alice",
                "connector",
                "history",
                "twitterConnectorId",
            ])
            .ok_json();
        (shown, history)
    };
    let before = state(&cli);

    let refused = run(&cli, &["--as", "bob"]);
    assert_eq!(refused.status, 1);
    assert_eq!(
        refused.stderr.trim_end(),
        "error[permission-denied]: Permission denied on connector 'Twitter API': \
         principal 'bob' has no grant on any connector of that name. Ask someone the connector is granted to for a grant, or run the step as a principal that has one."
    );
    let anonymous = run(&cli, &[]);
    assert_eq!(anonymous.status, 1);
    assert!(
        anonymous.stderr.starts_with("error[permission-denied]")
            && anonymous.stderr.contains("an anonymous caller"),
        "{}",
        anonymous.stderr
    );
    // Show, grant and revoke follow the grants too, whoever the positional names.
    for args in [
        vec!["--as", "bob", "connector", "show", "Twitter API"],
        vec!["--as", "bob", "connector", "grant", "Twitter API", "bob"],
        vec!["--as", "bob", "connector", "grant", "Twitter API", "alice"],
        vec!["--as", "bob", "connector", "revoke", "Twitter API", "alice"],
    ] {
        let out = cli.run(&args);
        assert!(
            out.stderr.starts_with(
                "error[permission-denied]: permission denied: principal 'bob' has no grant"
            ),
            "{args:?}: {}",
            out.stderr
        );
    }
    assert_eq!(state(&cli), before, "nothing was written");

    // The environment names the principal as well as --as.
    let step = cli.file("step.json", set_endpoint("Twitter API"));
    let out = cli.run_with_env(&["run", &step], "CONNECTORS_PRINCIPAL", "alice");
    assert_eq!(out.status, 0, "{}", out.stderr);
    let (shown, history) = state(&cli);
    assert_eq!(shown["grants"], json!(["alice"]));
    assert_eq!(
        shown["revision"],
        before.0["revision"].as_u64().unwrap() + 1
    );
    assert_eq!(
        history.as_array().unwrap().last().unwrap()["principal"],
        "alice"
    );
    // Every write left the secret as it was.
    assert_eq!(shown["properties"]["APIKey"], CANARY);

    let revoked = cli
        .run(&[
            "--as",
            "alice",
            "connector",
            "revoke",
            "Twitter API",
            "alice",
        ])
        .ok_json();
    assert_eq!(revoked["open"], true);
    run(&cli, &["--as", "bob"]).ok_json();
}

#[test]
fn the_cli_acts_as_the_principal_it_is_told_on_sqlite() {
    the_cli_acts_as_the_principal_it_is_told(Cli::new());
}

#[test]
fn the_cli_acts_as_the_principal_it_is_told_on_postgres() {
    if let Some(db) = Db::postgres() {
        the_cli_acts_as_the_principal_it_is_told(Cli::on(db));
    }
}

/// A store whose grants change between the guest's read and its write: the
/// caller's grant is taken away just before the write is passed on.
fn revoking_before_the_write(
    inner: Arc<dyn CredentialStore>,
    revoke: impl Fn(&str) + Send + Sync + 'static,
) -> Hooked {
    Hooked {
        inner,
        write: Box::new(move |inner, caller, id, expected, changes, mode| {
            if let Some(name) = caller.name() {
                revoke(name);
            }
            inner.write(caller, id, expected, changes, mode)
        }),
    }
}

#[test]
fn a_grant_revoked_between_the_read_and_the_write_refuses_the_write() {
    for t in targets() {
        t.add(
            NewConnector::new("Shared")
                .id("c1")
                .secret("APIKey", CANARY)
                .set("Endpoint", "https://old.example"),
        );
        t.grant("c1", "alice");
        t.grant("c1", "bob");
        let before = t.record("c1");
        let target = Arc::new(t);
        let revoker = target.clone();
        let store = Arc::new(revoking_before_the_write(target.store(), move |name| {
            revoker.revoke("c1", name)
        }));
        for dry_run in [true, false] {
            let mut json: Value = serde_json::from_str(&set_endpoint("c1")).unwrap();
            json["Parameters"]["DryRun"] = json!(dry_run);
            let alice = Caller::principal("alice");
            let error = run_on(store.clone(), &alice, &json.to_string()).unwrap_err();
            assert_eq!(
                error.code(),
                "permission-denied",
                "{}: {error}",
                target.name
            );
            assert!(
                error
                    .to_string()
                    .contains("principal 'alice' has no grant on connector 'c1'"),
                "{error}"
            );
            assert_eq!(
                target.record("c1"),
                before,
                "{}: nothing was written",
                target.name
            );
            // Put her grant back for the next round.
            target.grant("c1", "alice");
        }
        // The store without the hook lets her write: the refusal was the revoke.
        run_on(
            target.store(),
            &Caller::principal("alice"),
            &set_endpoint("c1"),
        )
        .unwrap();
    }
}

const OPTIONS: &str = "update:connections_options";

/// The stored `options` (secret), as its text.
fn options() -> Value {
    json!({"client_id": "c", "client_secret": CANARY, "scope": ["email"]})
}

fn auth0(t: &Target) {
    t.add(
        NewConnector::new("Conn")
            .id("con_1")
            .kind("auth0-connection")
            .set("name", "Conn")
            .set("display_name", "Conn")
            .secret("options", options().to_string()),
    );
}

/// What a step on a guarded property must come to.
#[derive(Debug, PartialEq)]
enum Expect {
    Unchanged,
    Changed,
    Removed,
    /// `permission-denied` on the property, nothing written.
    DeniedProperty,
    /// `permission-denied` on the connector (no grant), nothing written.
    DeniedConnector,
}

fn options_row(value: &str) -> String {
    step_json(json!({
        "EntryId": "con_1",
        "Properties": [{"PropertyName": "options", "PropertyValue": value}]
    }))
}

fn options_json(value: Value, deep: bool) -> String {
    step_json(json!({
        "EntryId": "con_1",
        "PropertiesJson": json!({"options": value}).to_string(),
        "MergeMode": if deep { "deep" } else { "replace" }
    }))
}

#[test]
fn a_guarded_property_needs_its_permission_wherever_the_step_names_it() {
    let plain = Caller::principal("viewer");
    let holder = Caller::principal("deployer").with_permission(OPTIONS);
    let anonymous = Caller::anonymous();
    let rotated = json!({"client_id": "c", "client_secret": "rotated", "scope": ["email"]});
    let cases: Vec<(&str, String, &Caller, Expect)> = vec![
        // Named with the value it holds, it is refused as any other value
        // is: a refusal tells nothing of the value (issue 28).
        (
            "the current value as a row",
            options_row(&options().to_string()),
            &plain,
            Expect::DeniedProperty,
        ),
        (
            "the current value as JSON",
            options_json(options(), false),
            &plain,
            Expect::DeniedProperty,
        ),
        (
            "a deep merge that adds nothing",
            options_json(json!({"scope": ["email"]}), true),
            &plain,
            Expect::DeniedProperty,
        ),
        (
            "the current value, with the permission (a secret named is changed)",
            options_json(options(), false),
            &holder,
            Expect::Changed,
        ),
        ("the mask", options_row("******"), &plain, Expect::Unchanged),
        (
            "the mask for an anonymous caller",
            options_row("******"),
            &anonymous,
            Expect::Unchanged,
        ),
        (
            "another value",
            options_json(rotated.clone(), false),
            &plain,
            Expect::DeniedProperty,
        ),
        (
            "another value, anonymously",
            options_json(rotated.clone(), false),
            &anonymous,
            Expect::DeniedProperty,
        ),
        (
            "a deep merge that changes it",
            options_json(json!({"scope": ["profile"]}), true),
            &plain,
            Expect::DeniedProperty,
        ),
        (
            "removal",
            options_json(Value::Null, false),
            &plain,
            Expect::DeniedProperty,
        ),
        (
            "another value, with the permission",
            options_json(rotated.clone(), false),
            &holder,
            Expect::Changed,
        ),
        (
            "a deep merge, with the permission",
            options_json(json!({"scope": ["profile"]}), true),
            &holder,
            Expect::Changed,
        ),
        (
            "removal, with the permission",
            options_json(Value::Null, false),
            &holder,
            Expect::Removed,
        ),
    ];
    for (what, json, caller, expect) in cases {
        for t in targets() {
            auth0(&t);
            let before = t.record("con_1");
            for dry_run in [true, false] {
                let mut step: Value = serde_json::from_str(&json).unwrap();
                step["Parameters"]["DryRun"] = json!(dry_run);
                let result = t.run(caller, &step.to_string());
                let context = format!("{}: {what} (dry run: {dry_run})", t.name);
                check_guarded(&context, result, &expect);
                if dry_run || matches!(expect, Expect::Unchanged | Expect::DeniedProperty) {
                    assert_eq!(t.record("con_1"), before, "{context}: nothing written");
                }
            }
            let after = t.record("con_1");
            match expect {
                Expect::Changed => assert_eq!(after.revision, before.revision + 1, "{what}"),
                Expect::Removed => assert_eq!(after.value("options"), None, "{what}"),
                _ => assert_eq!(after, before, "{what}"),
            }
        }
    }
}

fn check_guarded(
    context: &str,
    result: Result<connectors_update_harness::Outcome, HarnessError>,
    expect: &Expect,
) {
    match (expect, result) {
        (Expect::Unchanged, Ok(out)) => assert!(out.unchanged, "{context}: {out:?}"),
        (Expect::Changed, Ok(out)) => assert_eq!(out.changed, names(&["options"]), "{context}"),
        (Expect::Removed, Ok(out)) => assert_eq!(out.removed, names(&["options"]), "{context}"),
        (
            Expect::DeniedProperty | Expect::DeniedConnector,
            Err(HarnessError::Action(ActionError::PermissionDenied(denied))),
        ) => {
            if *expect == Expect::DeniedProperty {
                assert_eq!(denied.property.as_deref(), Some("options"), "{context}");
                assert!(
                    denied
                        .message
                        .contains("needs the permission 'update:connections_options'"),
                    "{context}: {}",
                    denied.message
                );
            } else {
                assert_eq!(denied.property, None, "{context}");
                assert!(
                    denied.message.contains("has no grant"),
                    "{context}: {}",
                    denied.message
                );
            }
        }
        (_, other) => panic!("{context}: expected {expect:?}, got {other:?}"),
    }
}

#[test]
fn a_guarded_property_needs_both_the_grant_and_the_permission() {
    let rotated = options_json(
        json!({"client_id": "c2", "client_secret": "r", "scope": []}),
        false,
    );
    for t in targets() {
        auth0(&t);
        t.grant("con_1", "alice");
        let before = t.record("con_1");
        let cases = [
            (Caller::principal("alice"), Expect::DeniedProperty),
            (
                Caller::principal("mallory").with_permission(OPTIONS),
                Expect::DeniedConnector,
            ),
            (
                Caller::anonymous().with_permission(OPTIONS),
                Expect::DeniedConnector,
            ),
        ];
        for (caller, expect) in cases {
            let context = format!("{}: {caller}", t.name);
            check_guarded(&context, t.run(&caller, &rotated), &expect);
            assert_eq!(t.record("con_1"), before, "{context}");
        }
        let alice = Caller::principal("alice").with_permission(OPTIONS);
        check_guarded(t.name, t.run(&alice, &rotated), &Expect::Changed);
    }
}

/// The CLI's `--permission` and `CONNECTORS_PERMISSIONS`; every run sends a
/// value of its own, so each reaches the store's check.
fn the_cli_passes_the_permissions_it_is_given(cli: Cli) {
    let secret = format!("options={}", options());
    cli.run(&[
        "connector",
        "add",
        "--kind",
        "auth0-connection",
        "--name",
        "Conn",
        "--id",
        "con_1",
        "--set",
        "name=Conn",
        "--secret",
        &secret,
    ])
    .ok_json();
    let rotate = |cli: &Cli| {
        let value = json!({"client_id": "c", "client_secret": uuid::Uuid::new_v4().to_string()});
        cli.file("step.json", options_json(value, false))
    };
    let revision =
        |cli: &Cli| cli.run(&["connector", "show", "con_1"]).ok_json()["revision"].clone();

    let step = rotate(&cli);
    let refused = cli.run(&["run", &step]);
    assert!(
        refused
            .stderr
            .starts_with("error[permission-denied]: Permission denied on property 'options'"),
        "{}",
        refused.stderr
    );
    let wrong = cli.run_with_env(
        &["run", &step],
        "CONNECTORS_PERMISSIONS",
        "read:connections, update:other",
    );
    assert!(
        wrong.stderr.starts_with("error[permission-denied]"),
        "{}",
        wrong.stderr
    );
    assert_eq!(revision(&cli), json!(1), "nothing was written");

    let out = cli
        .run(&["--permission", OPTIONS, "run", &rotate(&cli)])
        .ok_json();
    assert_eq!(out["changed"], json!(["options"]));
    let out = cli
        .run_with_env(
            &["run", &rotate(&cli)],
            "CONNECTORS_PERMISSIONS",
            &format!("read:connections, {OPTIONS}"),
        )
        .ok_json();
    assert_eq!(out["changed"], json!(["options"]));
    assert_eq!(revision(&cli), json!(3));

    // Sending the current value again is refused as any value is: the
    // refusal of a right guess and of a wrong one are the same.
    let shown = cli
        .run(&["connector", "show", "con_1", "--reveal"])
        .ok_json();
    let current = shown["properties"]["options"].as_str().unwrap().to_string();
    let same = cli.file("same.json", options_row(&current));
    let right = cli.run(&["run", &same]);
    let wrong = cli.run(&[
        "run",
        &cli.file("wrong.json", options_row(r#"{"client_id":"guess"}"#)),
    ]);
    assert_eq!(
        (right.status, &right.stdout, &right.stderr),
        (1, &wrong.stdout, &wrong.stderr)
    );
    assert_eq!(revision(&cli), json!(3));
}

#[test]
fn the_cli_passes_the_permissions_it_is_given_on_sqlite() {
    the_cli_passes_the_permissions_it_is_given(Cli::new());
}

#[test]
fn the_cli_passes_the_permissions_it_is_given_on_postgres() {
    if let Some(db) = Db::postgres() {
        the_cli_passes_the_permissions_it_is_given(Cli::on(db));
    }
}
