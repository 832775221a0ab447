//! `demo`: the first thing a newcomer runs. It adds sample connectors (if
//! they are not there yet), runs the documentation's two examples, its
//! merge example, and a deep merge into an Auth0 connection's secret
//! options through the real component, and prints what changed.
//! Run it twice and the second run reports every step `unchanged`.
//!
//! It works in a store of its own, `./connectors-demo.db`, unless a
//! `--store` is typed; and it writes only into a store it made: one that
//! is new when the demo opens it, which it marks as the demo's
//! ([`SqlStore::mark_made_by`]), or one it marked so before. A user's own
//! store is never the demo's to add samples to (they would make the user's
//! by-name steps ambiguous), whoever its connectors say added them: a
//! principal is whatever `--as` says.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use crate::failure::Failure;
use crate::output::{ConnectorShown, DemoReport, DemoStepReport};
use crate::print_json;
use crate::store::{DEMO_STORE, StoreOptions};
use connectors_update_harness::Caller;
use connectors_update_harness::stores::NewConnector;
use connectors_update_harness::tokens::MapTokens;
use connectors_update_sql::{KeySource, SqlStore, StoreLocation};

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

/// Who the demo acts as (in its connectors' history).
pub const DEMO_PRINCIPAL: &str = "connectors-update-demo";

/// What the demo records in a store it creates ([`SqlStore::mark_made_by`]):
/// only a store marked so is the demo's to write to.
pub const DEMO_MAKER: &str = "connectors-update demo";

/// One step of the demo.
struct DemoStep {
    title: &'static str,
    json: &'static str,
    /// The step's `EntryId`: a connector of the user's with this id or
    /// name would be reached instead of the sample (or make it ambiguous).
    entry_id: &'static str,
    /// The id of the sample it must reach.
    sample: &'static str,
}

const STEPS: [DemoStep; 4] = [
    DemoStep {
        title: "Example 1: update an API connector's key and timeout",
        json: EXAMPLE_1,
        entry_id: "twitterConnectorId",
        sample: "twitterConnectorId",
    },
    DemoStep {
        title: "Example 2: Dynamic Properties only",
        json: EXAMPLE_2,
        entry_id: "oauthConnectorId",
        sample: "oauthConnectorId",
    },
    DemoStep {
        title: "Merge example: Dynamic Properties override the Properties grid",
        json: MERGE_EXAMPLE,
        entry_id: "Merge Example",
        sample: "mergeExampleConnectorId",
    },
    DemoStep {
        title: "Deep merge: one more scope in an Auth0 connection's secret options, the rest kept",
        json: DEEP_MERGE_EXAMPLE,
        entry_id: "con_demo",
        sample: "con_demo",
    },
];

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

/// Runs the demo in the store `options` names, or in [`DEMO_STORE`] when
/// none was typed.
pub fn run(options: Option<&StoreOptions>) -> Result<ExitCode, Failure> {
    let store = Arc::new(match options {
        Some(options) => options.open()?,
        None => SqlStore::open(
            &StoreLocation::Sqlite(DEMO_STORE.into()),
            KeySource::beside(Path::new(DEMO_STORE)),
        )?,
    });
    // Changing an Auth0 connection's options needs this permission.
    let caller = Caller::principal(DEMO_PRINCIPAL).with_permission("update:connections_options");
    refuse_what_is_not_the_demos(&store, options.is_some())?;
    for sample in samples() {
        let id = sample.id.clone().unwrap_or_default();
        if store.record(&id)?.is_none() {
            store.add_as(&caller, sample)?;
        }
    }
    let harness = super::step::load_harness()?;
    let tokens = Arc::new(MapTokens::default());
    let mut steps = Vec::new();
    for demo in &STEPS {
        let step = harness.parse_step(demo.json)?;
        debug_assert_eq!(step.entry_id, demo.entry_id);
        let outcome = harness.execute_as(&caller, &step, store.clone(), tokens.clone())?;
        steps.push(DemoStepReport {
            title: demo.title,
            outcome,
        });
    }
    let mut samples_now = Vec::new();
    for sample in samples() {
        let id = sample.id.unwrap_or_default();
        if let Some(record) = store.record(&id)? {
            samples_now.push((record, store.grants(&id)?));
        }
    }
    print_json(&DemoReport {
        store: store.location(),
        steps,
        connectors: samples_now
            .iter()
            .map(|(record, grants)| ConnectorShown::new(record, grants, &[], false))
            .collect(),
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Refuses, before anything is written, a store the demo did not make: it
/// marks a store it has just created as its own, and writes only into a
/// store so marked. In its own store it still refuses a connector that a
/// step would reach instead of its sample (one named like a step's
/// `EntryId`), which a user may have added there since.
fn refuse_what_is_not_the_demos(store: &SqlStore, store_typed: bool) -> Result<(), Failure> {
    let own = if store.is_new() {
        store.mark_made_by(DEMO_MAKER)?;
        true
    } else {
        store.made_by()?.as_deref() == Some(DEMO_MAKER)
    };
    let samples: Vec<String> = samples().into_iter().filter_map(|s| s.id).collect();
    let conflict = store.list()?.into_iter().find_map(|summary| {
        let reached = STEPS.iter().any(|step| {
            (summary.id == step.entry_id || summary.name == step.entry_id)
                && summary.id != step.sample
        });
        if reached {
            Some(format!(
                "connector '{}' is named like a connector a demo step updates",
                summary.id
            ))
        } else if !own && samples.contains(&summary.id) {
            Some(format!(
                "connector '{}' has the id of a demo sample, and the store was not made by the demo",
                summary.id
            ))
        } else {
            None
        }
    });
    let why = conflict.or_else(|| {
        (!own).then(|| {
            "it is not a store the demo made (the demo adds its samples only to a new store, which it marks as its own)".to_string()
        })
    });
    let Some(why) = why else {
        return Ok(());
    };
    let elsewhere = if store_typed {
        format!(
            "run `connectors-update demo` without --store (it uses ./{DEMO_STORE}), or with --store naming a new file"
        )
    } else {
        format!(
            "remove ./{DEMO_STORE} (and its key file) to start the demo afresh, or run it with --store naming a new file"
        )
    };
    Err(Failure::new(
        "demo-refused",
        format!(
            "The demo writes only into a store it made, and in the store {}, {why}; nothing was written. To run the demo, {elsewhere}.",
            store.location()
        ),
    ))
}
