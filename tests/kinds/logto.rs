//! `logto-connector`: Logto `PATCH /api/connectors/{id}` (seeds/002), a
//! partial update of config, metadata and syncProfile.

use connectors_update_harness::stores::NewConnector;
use serde_json::json;

use super::{Target, assert_one, dynamic, dynamic_deep, targets};
use crate::support::{CANARY, names};

fn github(t: &Target) {
    t.add(
        NewConnector::new("GitHub sign-in")
            .id("logto-github")
            .kind("logto-connector")
            .secret(
                "config",
                json!({"clientId": "gh-client", "clientSecret": CANARY}).to_string(),
            )
            .set(
                "metadata",
                json!({"target": "github", "name": {"en": "GitHub"}}).to_string(),
            )
            .set("syncProfile", "false"),
    );
}

/// The seed's request example, as it is.
fn request_example() -> serde_json::Value {
    json!({
        "config": {},
        "metadata": {"target": "string", "name": {}, "logo": "string", "logoDark": "string"},
        "syncProfile": true
    })
}

#[test]
fn the_request_example_replaces_each_value() {
    for t in targets() {
        github(&t);
        let out = t.ok(&dynamic("GitHub sign-in", request_example()));
        assert_eq!(
            out.changed,
            names(&["config", "metadata", "syncProfile"]),
            "{}",
            t.name
        );
        assert_eq!(t.json("logto-github", "config"), json!({}));
        assert_eq!(
            t.json("logto-github", "metadata"),
            json!({"target": "string", "name": {}, "logo": "string", "logoDark": "string"})
        );
        assert_eq!(t.record("logto-github").value("syncProfile"), Some("true"));
    }
}

#[test]
fn the_request_example_merged_deep_keeps_the_config() {
    for t in targets() {
        github(&t);
        let out = t.ok(&dynamic_deep("logto-github", request_example()));
        // An empty patch into the secret config is reported as a change (a
        // secret named is changed, whatever it holds), and leaves it as it was.
        assert_eq!(
            out.changed,
            names(&["config", "metadata", "syncProfile"]),
            "{}",
            t.name
        );
        assert_eq!(t.json("logto-github", "config")["clientSecret"], CANARY);
        // `"name": {}` merges nothing into the stored translations.
        assert_eq!(
            t.json("logto-github", "metadata"),
            json!({"target": "string", "name": {"en": "GitHub"}, "logo": "string", "logoDark": "string"})
        );
        // A deep patch of the config sets one key and keeps the secret.
        let out = t.ok(&dynamic_deep(
            "logto-github",
            json!({"config": {"scope": "read:user"}}),
        ));
        assert_eq!(out.changed, names(&["config"]));
        assert_eq!(
            t.json("logto-github", "config"),
            json!({"clientId": "gh-client", "clientSecret": CANARY, "scope": "read:user"})
        );
    }
}

#[test]
fn metadata_takes_only_logtos_keys() {
    for t in targets() {
        github(&t);
        let got = t.refused(
            "logto-github",
            &dynamic(
                "logto-github",
                json!({"metadata": {"target": "github", "colour": "blue"}}),
            ),
        );
        assert_one(
            &got,
            "metadata",
            "json-keys",
            &["target, name, logo, logoDark", "remove key 'colour'"],
        );
        // Merged deep, the stored keys count too, and a good patch passes.
        let got = t.refused(
            "logto-github",
            &dynamic_deep("logto-github", json!({"metadata": {"colour": "blue"}})),
        );
        assert_one(&got, "metadata", "json-keys", &["'colour'"]);
        t.ok(&dynamic_deep(
            "logto-github",
            json!({"metadata": {"logo": "https://logo"}}),
        ));
        assert_eq!(
            t.json("logto-github", "metadata"),
            json!({"target": "github", "name": {"en": "GitHub"}, "logo": "https://logo"})
        );
    }
}

#[test]
fn sync_profile_is_a_boolean_and_config_an_object() {
    for t in targets() {
        github(&t);
        let got = t.refused(
            "logto-github",
            &dynamic("logto-github", json!({"syncProfile": "yes"})),
        );
        assert_one(&got, "syncProfile", "format", &["true or false"]);
        let got = t.refused(
            "logto-github",
            &dynamic("logto-github", json!({"config": ["a"]})),
        );
        assert_one(&got, "config", "format", &["JSON object", "It is an array"]);
    }
}

#[test]
fn response_only_fields_are_not_properties() {
    for t in targets() {
        github(&t);
        let got = t.refused(
            "logto-github",
            &dynamic("logto-github", json!({"connectorId": "github-universal"})),
        );
        assert_one(
            &got,
            "connectorId",
            "unknown-property",
            &["kind 'logto-connector'", "config, metadata, syncProfile"],
        );
    }
}
