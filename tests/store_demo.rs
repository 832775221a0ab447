//! The demo writes only into a store it made (issue 28, defect 11c): a new
//! store, which it marks as its own, or one it marked before; never a
//! user's store, whatever principal its connectors were added by.

use serde_json::json;

use crate::support::CANARY;
use crate::support::cli::Cli;

/// The ids of the connectors in the store `cli` runs on.
fn ids(cli: &Cli) -> Vec<serde_json::Value> {
    cli.run(&["connector", "list"])
        .ok_json()
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].clone())
        .collect()
}

#[test]
fn the_demo_refuses_a_users_store_and_writes_nothing() {
    let cli = Cli::new();
    cli.run(&[
        "connector",
        "add",
        "--name",
        "Prod API",
        "--id",
        "prod",
        "--secret",
        &format!("APIKey={CANARY}"),
    ])
    .ok_json();
    let before = std::fs::read(cli.store()).unwrap();
    let run = cli.run(&["demo"]);
    assert_eq!(run.status, 1, "{}", run.stdout);
    assert!(
        run.stderr
            .starts_with("error[demo-refused]: The demo writes only into a store it made"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("it is not a store the demo made")
            && run.stderr.contains("nothing was written"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
    assert_eq!(
        ids(&cli),
        vec![json!("prod")],
        "the demo added to the user's store"
    );
    let history = cli.run(&["connector", "history", "prod"]).ok_json();
    assert_eq!(history.as_array().unwrap().len(), 1);
    assert_eq!(
        std::fs::read(cli.store()).unwrap(),
        before,
        "the file changed"
    );
}

#[test]
fn the_demo_runs_twice_in_a_store_it_made() {
    let cli = Cli::named("mine.db");
    let first = cli.run(&["demo"]).ok_json();
    assert_eq!(first["steps"].as_array().unwrap().len(), 4);
    assert_eq!(first["steps"][0]["outcome"]["unchanged"], false);
    // Again, only the secrets the steps name change (a secret named is
    // changed, whatever it holds); nothing is added or removed.
    crate::cli::assert_only_secrets_change_again(&cli.run(&["demo"]).ok_json());
    assert_eq!(ids(&cli).len(), 4);
}

#[test]
fn a_connector_added_as_the_demos_principal_does_not_make_a_store_the_demos() {
    let cli = Cli::new();
    // Anyone can claim the demo's principal with --as.
    cli.run(&[
        "--as",
        "connectors-update-demo",
        "connector",
        "add",
        "--name",
        "Twitter API",
        "--id",
        "twitterConnectorId",
        "--kind",
        "rest-api",
        "--set",
        &format!("APIKey={CANARY}"),
    ])
    .ok_json();
    let run = cli.run(&["demo"]);
    assert_eq!(run.status, 1, "{}", run.stdout);
    assert!(
        run.stderr.starts_with("error[demo-refused]"),
        "{}",
        run.stderr
    );
    let shown = cli
        .run(&["connector", "show", "twitterConnectorId", "--reveal"])
        .ok_json();
    assert_eq!(shown["revision"], 1);
    assert_eq!(shown["properties"], json!({"APIKey": CANARY}));
    assert_eq!(ids(&cli), vec![json!("twitterConnectorId")]);
}

#[test]
fn an_emptied_user_store_is_not_the_demos_either() {
    let cli = Cli::new();
    cli.run(&["connector", "add", "--name", "Temp", "--id", "temp"])
        .ok_json();
    cli.run(&["connector", "delete", "temp"]).ok_json();
    let run = cli.run(&["demo"]);
    assert_eq!(run.status, 1, "{}", run.stdout);
    assert!(
        run.stderr.starts_with("error[demo-refused]"),
        "{}",
        run.stderr
    );
    assert!(ids(&cli).is_empty());
}
