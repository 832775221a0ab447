//! `demo`: the first thing a newcomer runs. It adds sample connectors (if
//! they are not there yet), runs the documentation's two examples, its
//! merge example, and a deep merge into an Auth0 connection's secret
//! options through the real component, and prints what changed.
//! Run it twice and the second run reports every step `unchanged`.

use std::process::ExitCode;
use std::sync::Arc;

use connectors_update::{AdminError, Caller, Harness, MapTokens, NewConnector};
use serde_json::json;

use crate::connector::connector_json;
use crate::failure::Failure;
use crate::print_json;
use crate::store::StoreOptions;

const EXAMPLE_1: &str = r#"{
  "ActionType": "Connectors.Update",
  "Parameters": {
    "EntryId": "twitterConnectorId",
    "Properties": [{ "PropertyName": "APIKey", "PropertyValue": "new_api_key_123" }],
    "PropertiesJson": "{ \"Timeout\": \"30s\" }"
  }
}"#;

const EXAMPLE_2: &str = r#"{
  "ActionType": "Connectors.Update",
  "Parameters": {
    "EntryId": "oauthConnectorId",
    "PropertiesJson": "{ \"ClientId\": \"updatedClientId\", \"RetryAttempts\": \"5\" }"
  }
}"#;

const MERGE_EXAMPLE: &str = r#"{
  "ActionType": "Connectors.Update",
  "Parameters": {
    "EntryId": "Merge Example",
    "Properties": [
      { "PropertyName": "APIKey", "PropertyValue": "oldValue" },
      { "PropertyName": "Endpoint", "PropertyValue": "endpoint1" }
    ],
    "PropertiesJson": "{ \"APIKey\": \"newValue\", \"Timeout\": \"60s\" }"
  }
}"#;

/// Auth0 replaces `options` whole; merged deep, the client secret stays.
const DEEP_MERGE_EXAMPLE: &str = r#"{
  "ActionType": "Connectors.Update",
  "Parameters": {
    "EntryId": "con_demo",
    "PropertiesJson": "{ \"options\": { \"scope\": [\"email\", \"profile\"] }, \"display_name\": \"Sign in with Example\" }",
    "MergeMode": "deep"
  }
}"#;

fn samples() -> Vec<NewConnector> {
    vec![
        NewConnector::new("Twitter API")
            .id("twitterConnectorId")
            .kind("rest-api")
            .secret("APIKey", "demo_api_key_000")
            .set("Endpoint", "https://api.twitter.com/2")
            .set("Timeout", "10s"),
        NewConnector::new("OAuth Connection")
            .id("oauthConnectorId")
            .kind("oauth2")
            .set("ClientId", "demoClientId")
            .secret("ClientSecret", "demo_client_secret")
            .set("RetryAttempts", "3"),
        NewConnector::new("Merge Example")
            .id("mergeExampleConnectorId")
            .secret("APIKey", "demo_key"),
        NewConnector::new("Example login")
            .id("con_demo")
            .kind("auth0-connection")
            .set("name", "example-login")
            .secret(
                "options",
                r#"{"client_id":"demo_client","client_secret":"demo_secret","scope":["email"]}"#,
            ),
    ]
}

pub fn run(options: &StoreOptions) -> Result<ExitCode, Failure> {
    let store = Arc::new(options.open()?);
    for sample in samples() {
        let id = sample.id.clone().unwrap_or_default();
        if store.record(&id)?.is_none() {
            match store.add(sample) {
                Ok(_) | Err(AdminError::Invalid(_)) => {}
                Err(other) => return Err(other.into()),
            }
        }
    }
    let harness = Harness::new()?;
    let tokens = Arc::new(MapTokens::default());
    // Changing an Auth0 connection's options needs this permission.
    let caller = Caller::principal("demo").with_permission("update:connections_options");
    let mut steps = Vec::new();
    for (title, text) in [
        (
            "Example 1: update an API connector's key and timeout",
            EXAMPLE_1,
        ),
        ("Example 2: Dynamic Properties only", EXAMPLE_2),
        (
            "Merge example: Dynamic Properties override the Properties grid",
            MERGE_EXAMPLE,
        ),
        (
            "Deep merge: one more scope in an Auth0 connection's secret options, the rest kept",
            DEEP_MERGE_EXAMPLE,
        ),
    ] {
        let step = harness.parse_step(text)?;
        let outcome = harness.execute_as(&caller, &step, store.clone(), tokens.clone())?;
        steps.push(json!({ "title": title, "outcome": outcome }));
    }
    let mut connectors = Vec::new();
    for sample in samples() {
        let id = sample.id.unwrap_or_default();
        if let Some(record) = store.record(&id)? {
            connectors.push(connector_json(&record, &store.grants(&id)?, false));
        }
    }
    print_json(&json!({
        "store": store.location(),
        "steps": steps,
        "connectors": connectors,
    }))?;
    Ok(ExitCode::SUCCESS)
}
