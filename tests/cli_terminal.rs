//! What reaches a terminal: text someone else chose (a connector's id, a
//! principal) is shown with its control characters escaped, while JSON
//! stays exact; and help names the environment variables it reads, never
//! their values.

use crate::support::CANARY;
use crate::support::cli::{Cli, Run};

/// A connector id that retitles a terminal window, and more.
const HOSTILE_ID: &str = "ev\u{1b}]0;pwn\u{7}";
/// A principal that turns a terminal's text red.
const HOSTILE_PRINCIPAL: &str = "\u{1b}[31mx";

/// Asserts that standard error holds no raw ESC or BEL byte.
fn no_terminal_commands(what: &str, run: &Run) {
    assert!(
        !run.stderr.contains(['\u{1b}', '\u{7}', '\u{9b}']),
        "{what}: raw control characters on stderr: {:?}",
        run.stderr
    );
}

#[test]
fn ids_and_principals_are_escaped_on_stderr_and_exact_in_json() {
    let cli = Cli::new();
    for id in [HOSTILE_ID, "other"] {
        let added = cli.run(&["connector", "add", "--id", id, "--name", "Dup"]);
        assert_eq!(added.status, 0, "{}", added.stderr);
        assert_eq!(added.json()["id"], id);
    }
    let ambiguous = cli.run(&["connector", "show", "Dup"]);
    assert_eq!(ambiguous.status, 1);
    assert!(
        ambiguous.stderr.starts_with("error[ambiguous-connector]"),
        "{}",
        ambiguous.stderr
    );
    no_terminal_commands("ambiguous-connector", &ambiguous);
    assert!(
        ambiguous.stderr.contains("ev\\u{1b}]0;pwn\\u{7}"),
        "{}",
        ambiguous.stderr
    );
    // A step naming it: the action's error, through the harness.
    let step = cli.file(
        "step.json",
        r#"{"Parameters": {"EntryId": "Dup", "Properties": [{"PropertyName": "A", "PropertyValue": "b"}]}}"#,
    );
    let run = cli.run(&["run", &step]);
    assert_eq!(run.status, 1);
    no_terminal_commands("a step", &run);

    // The JSON still holds the exact id.
    let list = cli.run(&["connector", "list"]).ok_json();
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&HOSTILE_ID), "{ids:?}");

    // A principal given with --as, in a refusal.
    let granted = cli.run(&["connector", "grant", "other", "alice"]);
    assert_eq!(granted.status, 0, "{}", granted.stderr);
    let refused = cli.run(&["--as", HOSTILE_PRINCIPAL, "connector", "show", "other"]);
    assert_eq!(refused.status, 1);
    no_terminal_commands("--as", &refused);
    assert!(
        refused.stderr.contains("\\u{1b}[31mx"),
        "{}",
        refused.stderr
    );
    let refused = cli.run_with_env(
        &["connector", "history", "other"],
        "CONNECTORS_PRINCIPAL",
        HOSTILE_PRINCIPAL,
    );
    assert_eq!(refused.status, 1);
    no_terminal_commands("CONNECTORS_PRINCIPAL", &refused);
}

/// The commands `--help` lists under `command` (none for a leaf).
fn subcommands(cli: &Cli, command: &[&str]) -> Vec<String> {
    let help = cli.run_bare(&[command, &["--help"][..]].concat(), None);
    assert_eq!(help.status, 0, "{}", help.stderr);
    help.stdout
        .lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(String::from)
        .collect()
}

#[test]
fn help_and_usage_errors_name_variables_never_their_values() {
    let cli = Cli::new();
    let key_file = format!("/tmp/{CANARY}.key");
    let env = [
        ("CONNECTORS_KEY_FILE", key_file.as_str()),
        ("CONNECTORS_PRINCIPAL", CANARY),
        ("CONNECTORS_PERMISSIONS", CANARY),
        ("CONNECTORS_STORE", CANARY),
    ];
    let mut commands: Vec<Vec<String>> = vec![vec![]];
    for top in subcommands(&cli, &[]) {
        let nested = subcommands(&cli, &[top.as_str()]);
        commands.push(vec![top.clone()]);
        for sub in nested {
            commands.push(vec![top.clone(), sub]);
        }
    }
    assert!(commands.len() > 15, "{commands:?}");
    let mut shown_variable = false;
    for command in &commands {
        let command: Vec<&str> = command.iter().map(String::as_str).collect();
        // The helper checks every output for the canary.
        let help = cli.run_bare_with_envs(&[&command[..], &["--help"][..]].concat(), &env);
        assert_eq!(help.status, 0, "{command:?}: {}", help.stderr);
        shown_variable |= help.stdout.contains("[env: CONNECTORS_PRINCIPAL]");
        let wrong =
            cli.run_bare_with_envs(&[&command[..], &["--no-such-option"][..]].concat(), &env);
        assert_eq!(wrong.status, 2, "{command:?}: {}", wrong.stderr);
    }
    assert!(shown_variable, "help names the variable");
    for usage in [
        &["help"][..],
        &["connector"],
        &["run"],
        &["run", "s.json", "--merge-mode", "x"],
    ] {
        let run = cli.run_bare_with_envs(usage, &env);
        assert_ne!(run.status, 1, "{usage:?}: {}", run.stderr);
    }
}
