//! `nylas-connector`: Nylas v3 `PATCH /v3/connectors/{provider}`
//! (seeds/001). Nylas replaces `settings` whole, so its users must resend
//! the client secret with every change; `MergeMode` deep does better.

use connectors_update_harness::Caller;
use connectors_update_harness::stores::NewConnector;
use connectors_update_harness::tokens::MapTokens;
use serde_json::json;

use super::{Target, assert_one, dynamic, dynamic_deep, targets};
use crate::support::{CANARY, names, step_json};

/// The Google connector of the seed's examples, its client secret the canary.
fn google(t: &Target) {
    t.add(
        NewConnector::new("google")
            .id("nylas-google")
            .kind("nylas-connector")
            .set("provider", "google")
            .secret(
                "settings",
                json!({"client_id": "client-1", "client_secret": CANARY, "tenant": "common"})
                    .to_string(),
            )
            .set("scope", r#"["openid"]"#),
    );
}

#[test]
fn the_ruby_example_replaces_the_scope() {
    for t in targets() {
        google(&t);
        // request_body = { scope: ['https://www.googleapis.com/auth/contacts'] }
        let out = t.ok(&dynamic(
            "google",
            json!({"scope": ["https://www.googleapis.com/auth/contacts"]}),
        ));
        assert_eq!(out.changed, names(&["scope"]), "{}", t.name);
        assert_eq!(
            t.json("nylas-google", "scope"),
            json!(["https://www.googleapis.com/auth/contacts"])
        );
        assert_eq!(t.json("nylas-google", "settings")["client_secret"], CANARY);
    }
}

#[test]
fn the_curl_example_sets_the_name() {
    for t in targets() {
        google(&t);
        let out = t.ok(&dynamic("nylas-google", json!({"name": "google"})));
        assert_eq!(out.added, names(&["name"]), "{}", t.name);
        assert_eq!(t.record("nylas-google").value("name"), Some("google"));
    }
}

#[test]
fn the_java_example_replaces_settings_whole_unless_merged_deep() {
    for t in targets() {
        google(&t);
        // The Java example sends settings and scope; the credential id comes
        // from a token in the Properties grid.
        let request = |deep: bool| {
            let mut parameters = json!({
                "EntryId": "google",
                "Properties": [{"PropertyName": "active_credential_id", "PropertyValue": "[Nylas:CredentialId]"}],
                "PropertiesJson": json!({
                    "settings": {"client_id": "client-2"},
                    "scope": ["https://www.googleapis.com/auth/contacts"]
                }).to_string(),
            });
            if deep {
                parameters["MergeMode"] = json!("deep");
            }
            step_json(parameters)
        };
        let tokens = || MapTokens::from_pairs([("Nylas:CredentialId", "cred-7")]);

        let deep = t
            .run(&Caller::anonymous(), &request(true), tokens())
            .unwrap();
        assert_eq!(deep.changed, names(&["settings", "scope"]), "{}", t.name);
        assert_eq!(deep.added, names(&["active_credential_id"]));
        assert_eq!(
            t.json("nylas-google", "settings"),
            json!({"client_id": "client-2", "client_secret": CANARY, "tenant": "common"}),
            "{}: deep keeps the keys the step did not send",
            t.name
        );

        // Replace is the seed's behaviour: the nested object is replaced whole.
        t.run(&Caller::anonymous(), &request(false), tokens())
            .unwrap();
        assert_eq!(
            t.json("nylas-google", "settings"),
            json!({"client_id": "client-2"})
        );
        let record = t.record("nylas-google");
        assert_eq!(record.value("active_credential_id"), Some("cred-7"));
        assert!(
            record
                .properties
                .iter()
                .any(|p| p.name == "settings" && p.secret)
        );
    }
}

#[test]
fn the_provider_cannot_change() {
    for t in targets() {
        google(&t);
        let got = t.refused(
            "nylas-google",
            &dynamic("google", json!({"provider": "microsoft"})),
        );
        assert_one(
            &got,
            "provider",
            "immutable",
            &["'provider'", "'nylas-connector'", "cannot change or remove"],
        );
        // Sending the same provider again changes nothing and is no violation.
        assert!(
            t.ok(&dynamic("google", json!({"provider": "google"})))
                .unchanged
        );
        let got = t.refused(
            "nylas-google",
            &dynamic("google", json!({"provider": null})),
        );
        let rules: Vec<&str> = got.iter().map(|v| v.rule.as_str()).collect();
        assert_eq!(rules, ["required", "immutable"], "{}", t.name);
    }
}

#[test]
fn settings_must_be_an_object_and_scope_an_array_of_strings() {
    for t in targets() {
        google(&t);
        let got = t.refused(
            "nylas-google",
            &dynamic("google", json!({"settings": "client-2"})),
        );
        assert_one(
            &got,
            "settings",
            "format",
            &["JSON object", "It is not valid JSON"],
        );
        let got = t.refused(
            "nylas-google",
            &dynamic(
                "google",
                json!({"scope": "https://www.googleapis.com/auth/contacts"}),
            ),
        );
        assert_one(&got, "scope", "format", &["JSON array"]);
        let got = t.refused(
            "nylas-google",
            &dynamic("google", json!({"scope": ["contacts", 7]})),
        );
        assert_one(&got, "scope", "json-strings", &["item 1 is a number"]);
    }
}

#[test]
fn names_nylas_does_not_know_are_refused() {
    for t in targets() {
        google(&t);
        let got = t.refused(
            "nylas-google",
            &dynamic_deep("google", json!({"client_secret": "x"})),
        );
        assert_one(
            &got,
            "client_secret",
            "unknown-property",
            &["not a property of kind 'nylas-connector'", "settings"],
        );
    }
}
