//! `twenty-connected-account`: Twenty CRM's "update connected account"
//! (seeds/003, the n8n node): refresh an account's tokens, scopes and
//! sync state; a malformed Scopes JSON is an error naming it.

use connectors_update_harness::Caller;
use connectors_update_harness::stores::NewConnector;
use connectors_update_harness::tokens::MapTokens;
use serde_json::json;

use super::{Target, assert_one, dynamic, targets};
use crate::support::{CANARY, names, step_json};

fn mailbox(t: &Target) {
    t.add(
        NewConnector::new("sales@example.com")
            .id("twenty-account-1")
            .kind("twenty-connected-account")
            .set("handle", "sales@example.com")
            .set("provider", "google")
            .secret("accessToken", CANARY)
            .secret("refreshToken", CANARY)
            .set("lastSyncHistoryId", "18000")
            .set("authFailedAt", "2026-11-20T08:00:00Z")
            .set("scopes", r#"["email"]"#)
            .set("accountOwnerId", "member-1"),
    );
}

#[test]
fn refreshing_the_tokens_as_the_node_does() {
    for t in targets() {
        mailbox(&t);
        // The node's practical example: new tokens when they expire, with
        // the scopes granted and the failure mark cleared.
        let request = step_json(json!({
            "EntryId": "twenty-account-1",
            "Properties": [
                {"PropertyName": "accessToken", "PropertyValue": "[OAuth:AccessToken]"},
                {"PropertyName": "refreshToken", "PropertyValue": "[OAuth:RefreshToken]"}
            ],
            "PropertiesJson": json!({
                "scopes": ["email", "profile", "https://www.googleapis.com/auth/gmail.readonly"],
                "lastSyncHistoryId": "18342",
                "authFailedAt": null
            }).to_string()
        }));
        let tokens = MapTokens::from_pairs([
            ("OAuth:AccessToken", "ya29.new-access"),
            ("OAuth:RefreshToken", "1//new-refresh"),
        ]);
        let out = t.run(&Caller::anonymous(), &request, tokens).unwrap();
        assert_eq!(
            out.changed,
            names(&["accessToken", "refreshToken", "scopes", "lastSyncHistoryId"]),
            "{}",
            t.name
        );
        assert_eq!(out.removed, names(&["authFailedAt"]));
        let record = t.record("twenty-account-1");
        assert_eq!(record.value("accessToken"), Some("ya29.new-access"));
        assert_eq!(record.value("refreshToken"), Some("1//new-refresh"));
        assert_eq!(
            t.json("twenty-account-1", "scopes"),
            json!([
                "email",
                "profile",
                "https://www.googleapis.com/auth/gmail.readonly"
            ])
        );
    }
}

#[test]
fn changing_the_handle_after_a_user_update() {
    for t in targets() {
        mailbox(&t);
        let out = t.ok(&step_json(json!({
            "EntryId": "sales@example.com",
            "Properties": [
                {"PropertyName": "handle", "PropertyValue": "team@example.com"},
                {"PropertyName": "handleAliases", "PropertyValue": "sales@example.com"},
                {"PropertyName": "authFailedAt", "PropertyValue": "2026-11-23T10:15:00.250+01:00"}
            ]
        })));
        assert_eq!(
            out.changed,
            names(&["handle", "authFailedAt"]),
            "{}",
            t.name
        );
        assert_eq!(out.added, names(&["handleAliases"]));
    }
}

#[test]
fn malformed_scopes_json_is_an_error_naming_it() {
    for t in targets() {
        mailbox(&t);
        // In the Properties grid, as the node's Scopes field is typed.
        let got = t.refused(
            "twenty-account-1",
            &step_json(json!({
                "EntryId": "twenty-account-1",
                "Properties": [{"PropertyName": "scopes", "PropertyValue": "[\"email\", \"profile\""}]
            })),
        );
        assert_one(
            &got,
            "scopes",
            "format",
            &[
                "Property 'scopes' must be the text of a JSON array",
                "not valid JSON at line 1, column 19",
            ],
        );
        assert!(!got[0].message.contains("profile"), "no value is quoted");
        // In Dynamic Properties, as text that is not an array.
        let got = t.refused(
            "twenty-account-1",
            &dynamic("twenty-account-1", json!({"scopes": "email profile"})),
        );
        assert_one(&got, "scopes", "format", &["JSON array"]);
        let got = t.refused(
            "twenty-account-1",
            &dynamic(
                "twenty-account-1",
                json!({"scopes": ["email", {"all": true}]}),
            ),
        );
        assert_one(&got, "scopes", "json-strings", &["item 1 is an object"]);
    }
}

#[test]
fn auth_failed_at_is_an_rfc_3339_timestamp() {
    for t in targets() {
        mailbox(&t);
        for bad in ["yesterday", "2026-11-23", "2026-11-23 10:00"] {
            let got = t.refused(
                "twenty-account-1",
                &dynamic("twenty-account-1", json!({"authFailedAt": bad})),
            );
            assert_one(
                &got,
                "authFailedAt",
                "format",
                &["RFC 3339 timestamp", "2026-11-23T10:00:00Z"],
            );
        }
    }
}

#[test]
fn node_parameters_are_not_account_properties() {
    for t in targets() {
        mailbox(&t);
        let got = t.refused(
            "twenty-account-1",
            &dynamic("twenty-account-1", json!({"Depth": 1})),
        );
        assert_one(
            &got,
            "Depth",
            "unknown-property",
            &["kind 'twenty-connected-account'", "accountOwnerId"],
        );
    }
}
