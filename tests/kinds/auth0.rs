//! `auth0-connection`: Auth0 `PATCH /api/v2/connections/{id}` (seeds/004).
//! Auth0 replaces `options` whole (its users lose settings) and overwrites a
//! display_name left out with the name; `MergeMode` deep and the action's
//! precedence do better. Changing `options` needs `update:connections_options`.

use connectors_update_harness::stores::NewConnector;
use connectors_update_harness::tokens::MapTokens;
use connectors_update_harness::{ActionError, Caller, HarnessError};
use serde_json::json;

use super::{Target, assert_one, dynamic, dynamic_deep, targets};
use crate::support::cli::Cli;
use crate::support::{CANARY, names};

const OPTIONS: &str = "update:connections_options";

fn connection(t: &Target) {
    t.add(
        NewConnector::new("My connection")
            .id("con_0000000000000001")
            .kind("auth0-connection")
            .set("name", "My connection")
            .set("display_name", "My connection")
            .secret(
                "options",
                json!({"client_id": "auth0-client", "client_secret": CANARY, "scope": ["email"]})
                    .to_string(),
            )
            .set("metadata", json!({"team": "identity"}).to_string()),
    );
}

fn admin() -> Caller {
    Caller::principal("deployer").with_permission(OPTIONS)
}

/// The body of the seed's example, every updatable field set.
fn request_body() -> serde_json::Value {
    json!({
        "display_name": "Sign in with Example",
        "options": {"client_id": "auth0-client-2", "client_secret": "rotated-secret"},
        "realms": ["example.com"],
        "is_domain_connection": true,
        "show_as_button": true,
        "metadata": {"team": "identity", "owner": "platform"},
        "authentication": {"active": true},
        "connected_accounts": {"active": true, "cross_app_access": true}
    })
}

#[test]
fn the_documented_update_with_the_options_permission() {
    for t in targets() {
        connection(&t);
        let out = t
            .run(
                &admin(),
                &dynamic("My connection", request_body()),
                MapTokens::default(),
            )
            .unwrap();
        assert_eq!(
            out.changed,
            names(&["display_name", "options", "metadata"]),
            "{}",
            t.name
        );
        assert_eq!(
            out.added,
            names(&[
                "realms",
                "is_domain_connection",
                "show_as_button",
                "authentication",
                "connected_accounts"
            ])
        );
        assert_eq!(
            t.json("con_0000000000000001", "options"),
            json!({"client_id": "auth0-client-2", "client_secret": "rotated-secret"})
        );
        let record = t.record("con_0000000000000001");
        assert_eq!(record.value("is_domain_connection"), Some("true"));
        assert_eq!(record.value("realms"), Some(r#"["example.com"]"#));
    }
}

#[test]
fn options_need_the_permission_and_nothing_is_written_without_it() {
    for t in targets() {
        connection(&t);
        let before = t.record("con_0000000000000001");
        for caller in [Caller::anonymous(), Caller::principal("viewer")] {
            let error = t.run(
                &caller,
                &dynamic("My connection", request_body()),
                MapTokens::default(),
            );
            let Err(HarnessError::Action(ActionError::PermissionDenied(denied))) = error else {
                panic!("{}: expected permission-denied, got {error:?}", t.name)
            };
            assert_eq!(denied.property.as_deref(), Some("options"));
            assert!(
                denied
                    .message
                    .contains("needs the permission 'update:connections_options'"),
                "{}",
                denied.message
            );
            assert_eq!(t.record("con_0000000000000001"), before, "{}", t.name);
        }
        // A dry run is refused the same way; without options the step needs no permission.
        let dry = crate::support::step_json(json!({
            "EntryId": "My connection",
            "PropertiesJson": request_body().to_string(),
            "DryRun": true
        }));
        let before = t.record("con_0000000000000001");
        let error = t.run(&Caller::anonymous(), &dry, MapTokens::default());
        let Err(HarnessError::Action(ActionError::PermissionDenied(denied))) = error else {
            panic!("{}: expected permission-denied, got {error:?}", t.name)
        };
        assert_eq!(denied.property.as_deref(), Some("options"), "{}", t.name);
        assert_eq!(t.record("con_0000000000000001"), before, "{}", t.name);
        let out = t.ok(&dynamic("My connection", json!({"show_as_button": true})));
        assert_eq!(out.added, names(&["show_as_button"]));
    }
}

#[test]
fn options_merged_deep_keep_the_settings_not_sent() {
    for t in targets() {
        connection(&t);
        let out = t
            .run(
                &admin(),
                &dynamic_deep(
                    "My connection",
                    json!({"options": {"scope": ["email", "profile"]}}),
                ),
                MapTokens::default(),
            )
            .unwrap();
        assert_eq!(out.changed, names(&["options"]), "{}", t.name);
        assert_eq!(
            t.json("con_0000000000000001", "options"),
            json!({"client_id": "auth0-client", "client_secret": CANARY, "scope": ["email", "profile"]})
        );
        // A nested null removes a key, in the store.
        t.run(
            &admin(),
            &dynamic_deep("My connection", json!({"options": {"client_secret": null}})),
            MapTokens::default(),
        )
        .unwrap();
        assert_eq!(
            t.json("con_0000000000000001", "options"),
            json!({"client_id": "auth0-client", "scope": ["email", "profile"]})
        );
    }
}

#[test]
fn a_display_name_left_out_keeps_its_value() {
    for t in targets() {
        connection(&t);
        // Auth0 would overwrite display_name with the name; the action keeps it.
        t.run(
            &admin(),
            &dynamic("My connection", json!({"display_name": "Example login"})),
            MapTokens::default(),
        )
        .unwrap();
        t.ok(&dynamic("My connection", json!({"show_as_button": false})));
        let record = t.record("con_0000000000000001");
        assert_eq!(
            record.value("display_name"),
            Some("Example login"),
            "{}",
            t.name
        );
    }
}

#[test]
fn display_name_has_at_most_128_characters() {
    for t in targets() {
        connection(&t);
        t.ok(&dynamic(
            "My connection",
            json!({"display_name": "é".repeat(128)}),
        ));
        let got = t.refused(
            "con_0000000000000001",
            &dynamic("My connection", json!({"display_name": "é".repeat(129)})),
        );
        assert_one(
            &got,
            "display_name",
            "max-length",
            &["at most 128 characters"],
        );
    }
}

#[test]
fn metadata_has_at_most_10_string_keys_of_255_characters() {
    for t in targets() {
        connection(&t);
        let eleven: serde_json::Map<String, serde_json::Value> =
            (0..11).map(|i| (format!("k{i}"), json!("v"))).collect();
        let got = t.refused(
            "con_0000000000000001",
            &dynamic("My connection", json!({"metadata": eleven})),
        );
        assert_one(
            &got,
            "metadata",
            "json-entries",
            &["at most 10 keys", "with 11"],
        );

        // Merged deep, the stored key counts: 1 stored + 10 new is 11.
        let ten: serde_json::Map<String, serde_json::Value> =
            (0..10).map(|i| (format!("k{i}"), json!("v"))).collect();
        let got = t.refused(
            "con_0000000000000001",
            &dynamic_deep("My connection", json!({"metadata": ten})),
        );
        assert_one(&got, "metadata", "json-entries", &["with 11"]);

        let got = t.refused(
            "con_0000000000000001",
            &dynamic(
                "My connection",
                json!({"metadata": {"team": "x".repeat(256)}}),
            ),
        );
        assert_one(
            &got,
            "metadata",
            "json-string-length",
            &["at most 255 characters", "key 'team' is longer"],
        );
        let got = t.refused(
            "con_0000000000000001",
            &dynamic(
                "My connection",
                json!({"metadata": {"team": 7, "tier": true}}),
            ),
        );
        assert_one(
            &got,
            "metadata",
            "json-strings",
            &["key 'team' is a number, key 'tier' is a boolean"],
        );
        t.ok(&dynamic(
            "My connection",
            json!({"metadata": {"team": "x".repeat(255)}}),
        ));
    }
}

#[test]
fn realms_flags_and_objects_have_their_formats() {
    for t in targets() {
        connection(&t);
        let id = "con_0000000000000001";
        let got = t.refused(
            id,
            &dynamic("My connection", json!({"realms": "example.com"})),
        );
        assert_one(&got, "realms", "format", &["JSON array"]);
        let got = t.refused(id, &dynamic("My connection", json!({"realms": [1]})));
        assert_one(&got, "realms", "json-strings", &["item 0 is a number"]);
        let got = t.refused(
            id,
            &dynamic("My connection", json!({"is_domain_connection": "yes"})),
        );
        assert_one(&got, "is_domain_connection", "format", &["true or false"]);
        let got = t.refused(id, &dynamic("My connection", json!({"show_as_button": 1})));
        assert_one(&got, "show_as_button", "format", &["true or false"]);
        let got = t.refused(
            id,
            &dynamic("My connection", json!({"authentication": true})),
        );
        assert_one(&got, "authentication", "format", &["JSON object"]);
    }
}

#[test]
fn the_name_cannot_change_and_unknown_fields_are_refused() {
    for t in targets() {
        connection(&t);
        let id = "con_0000000000000001";
        let got = t.refused(id, &dynamic("My connection", json!({"name": "renamed"})));
        assert_one(&got, "name", "immutable", &["kind 'auth0-connection'"]);
        let got = t.refused(
            id,
            &dynamic("My connection", json!({"strategy": "google-oauth2"})),
        );
        assert_one(
            &got,
            "strategy",
            "unknown-property",
            &["display_name", "enabled_clients"],
        );
    }
}

#[test]
fn enabled_clients_is_deprecated_but_still_written() {
    for t in targets() {
        connection(&t);
        let step = dynamic("My connection", json!({"enabled_clients": ["client-1"]}));
        let found = crate::support::harness()
            .validate(&crate::support::step(&step))
            .unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "deprecated-property");
        let out = t.ok(&step);
        assert_eq!(out.added, names(&["enabled_clients"]), "{}", t.name);
    }
}

#[test]
fn through_the_cli_add_then_run() {
    let cli = Cli::new();
    let options = format!(r#"options={{"client_id": "c", "client_secret": "{CANARY}"}}"#);
    let added = cli
        .run(&[
            "connector",
            "add",
            "--kind",
            "auth0-connection",
            "--name",
            "My connection",
            "--id",
            "con_1",
            "--set",
            "name=My connection",
            "--secret",
            &options,
        ])
        .ok_json();
    assert_eq!(added["kind"], "auth0-connection");
    assert_eq!(added["properties"]["options"], "******");

    let step = cli.file(
        "step.json",
        crate::kinds::dynamic(
            "My connection",
            json!({"display_name": "Example", "options": {"scope": ["email"]}}),
        ),
    );
    let refused = cli.run(&["run", &step, "--merge-mode", "deep"]);
    assert_eq!(refused.status, 1);
    assert!(
        refused.stderr.starts_with("error[permission-denied]")
            && refused.stderr.contains("update:connections_options"),
        "{}",
        refused.stderr
    );
    let out = cli
        .run(&[
            "run",
            &step,
            "--merge-mode",
            "deep",
            "--as",
            "deployer",
            "--permission",
            OPTIONS,
        ])
        .ok_json();
    assert_eq!(out["changed"], json!(["options"]));
    assert_eq!(out["added"], json!(["display_name"]));
    let shown = cli
        .run(&["connector", "show", "con_1", "--reveal"])
        .ok_json();
    let options: serde_json::Value =
        serde_json::from_str(shown["properties"]["options"].as_str().unwrap()).unwrap();
    assert_eq!(
        options,
        json!({"client_id": "c", "client_secret": CANARY, "scope": ["email"]})
    );
}

#[test]
fn through_the_cli_bad_kinds_and_bad_connectors_are_refused() {
    let cli = Cli::new();
    let typo = cli.run(&[
        "connector",
        "add",
        "--kind",
        "auth0-connectoin",
        "--name",
        "x",
    ]);
    assert_eq!(typo.status, 1);
    assert!(
        typo.stderr
            .starts_with("error[invalid-parameter]: --kind: there is no kind 'auth0-connectoin'")
            && typo.stderr.contains("auth0-connection"),
        "{}",
        typo.stderr
    );
    let long = format!("display_name={}", "x".repeat(129));
    let bad = cli.run(&[
        "connector",
        "add",
        "--kind",
        "auth0-connection",
        "--name",
        "x",
        "--set",
        &long,
    ]);
    assert_eq!(bad.status, 1);
    assert!(
        bad.stderr.starts_with("error[validation-failed]")
            && bad.stderr.contains("'name' is required")
            && bad.stderr.contains("at most 128 characters"),
        "{}",
        bad.stderr
    );
    // Refused as it was made, the store was not kept: nothing was created.
    let list = cli.run(&["connector", "list"]);
    assert!(
        list.stderr.starts_with("error[store-not-found]"),
        "{}",
        list.stderr
    );
    assert!(!cli.store().exists());
}
