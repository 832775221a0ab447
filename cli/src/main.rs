//! `connectors-update`: runs the `Connectors.Update` action on an embedded
//! SQLite credential store, or on a shared PostgreSQL one.
//!
//! JSON goes to standard output so that scripts can read it; a failure is one
//! line `error[CODE]: MESSAGE` on standard error and exit status 1; bad usage
//! exits with 2. No output, not even a usage error or a panic, repeats a
//! value that was given.

mod connector;
mod demo;
mod designer;
mod failure;
mod output;
mod step;
mod store;
mod usage;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use connectors_update_harness::{Caller, MergeMode};

use failure::Failure;

/// Update a connector's properties in a credential store with the Connectors.Update action.
#[derive(Debug, Parser)]
#[command(name = "connectors-update", version, about, long_about = None)]
struct Cli {
    #[command(flatten)]
    store: store::StoreOptions,

    /// Act as this principal: a connector with grants is open only to the
    /// principals it is granted to (`connector grant`). An empty one is
    /// refused, as `grant` refuses it.
    // The explicit id keeps clap from merging this global option with a
    // subcommand's `principal` positional (`connector grant REF PRINCIPAL`):
    // with one id for both, `--as mallory connector revoke REF alice` acted as alice.
    #[arg(
        id = "global_as",
        long = "as",
        global = true,
        env = "CONNECTORS_PRINCIPAL",
        hide_env_values = true,
        value_name = "PRINCIPAL"
    )]
    caller: Option<String>,

    /// A permission the caller holds, such as `update:connections_options`
    /// (needed to change an Auth0 connection's options); repeat for more.
    #[arg(
        id = "global_permissions",
        long = "permission",
        global = true,
        env = "CONNECTORS_PERMISSIONS",
        hide_env_values = true,
        value_delimiter = ',',
        value_name = "PERMISSION"
    )]
    permissions: Vec<String>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Add, show, list, grant, revoke connectors, show their history, rotate the store's key.
    #[command(subcommand)]
    Connector(connector::ConnectorCommand),
    /// Run a step (the platform's step JSON; `-` reads standard input) and print its outcome.
    Run {
        /// The step's JSON file, or `-`.
        step: String,
        /// A JSON file mapping a token's inside ("Source:Name" or "Name") to its value, or `-`.
        #[arg(long)]
        tokens: Option<String>,
        /// Compute the outcome and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Override the step's MergeMode: `replace` a JSON value whole, or
        /// merge a JSON object into the stored value (`deep`, RFC 7396).
        #[arg(long, value_parser = merge_mode_parser())]
        merge_mode: Option<MergeMode>,
    },
    /// Print a step's design-time diagnostics as JSON; exit 1 if any is an error.
    Validate {
        /// The step's JSON file, or `-`.
        step: String,
    },
    /// Print the action's descriptor as JSON.
    Describe,
    /// Write the action's WebAssembly component to a file, or to standard output.
    Component {
        /// Where to write the `.wasm`; `-` writes it to standard output
        /// (refused when that is a terminal).
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Serve a page that configures a step, checks it live with the action
    /// and dry-runs it against the store, as `--as` (prints its URL).
    Designer {
        /// The port; 0 takes any free one.
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// The address to listen on. Anything but loopback lets other
        /// machines reach the page (a warning says so).
        #[arg(long, default_value = "127.0.0.1")]
        address: std::net::IpAddr,
    },
    /// Add sample connectors, run the documentation's examples on them, and
    /// show what changed: in ./connectors-demo.db unless `--store` is given
    /// on the command line, and never changing a connector it did not create.
    Demo,
}

/// Every [`MergeMode`], in the order `--help` lists them.
const MERGE_MODES: [MergeMode; 2] = [MergeMode::Replace, MergeMode::Deep];

/// What `--help` says of a merge mode (exhaustive, so that a new mode
/// cannot be left without help; add it to [`MERGE_MODES`] too).
fn merge_mode_help(mode: MergeMode) -> &'static str {
    match mode {
        MergeMode::Replace => "A JSON value replaces the stored value whole",
        MergeMode::Deep => "A JSON object is merged into the stored value (RFC 7396)",
    }
}

/// `--merge-mode`'s parser: the shared [`MergeMode`]'s own names, so that
/// the CLI takes exactly what a step's `MergeMode` takes, and clap lists
/// them, suggests the nearest and refuses others as for any enum.
fn merge_mode_parser() -> impl clap::builder::TypedValueParser<Value = MergeMode> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    PossibleValuesParser::new(
        MERGE_MODES.map(|mode| PossibleValue::new(mode.name()).help(merge_mode_help(mode))),
    )
    // The parser passes only the names above, so the default is never taken.
    .map(|name| {
        MERGE_MODES
            .into_iter()
            .find(|mode| mode.name() == name)
            .unwrap_or_default()
    })
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let _ = std::io::stderr().write_all(panic_report(info.location()).as_bytes());
    }));
    let parsed = Cli::command()
        .try_get_matches()
        .and_then(|matches| Ok((Cli::from_arg_matches(&matches)?, matches)));
    let (cli, matches) = match parsed {
        Ok(parsed) => parsed,
        Err(error) => return usage::report(&error),
    };
    // Only a `--store` typed on the command line sends the demo to a real
    // store: CONNECTORS_STORE may be set for everyday work.
    let store_typed = matches.value_source("store") == Some(ValueSource::CommandLine);
    let caller = match cli.caller {
        // A principal of nothing, typed or an unset variable in a script,
        // would act as a principal named ''; `grant` refuses it too.
        Some(name) if name.trim().is_empty() => {
            return Failure::usage(
                "--as (or CONNECTORS_PRINCIPAL) names no principal: give a principal's name, or leave both unset to act as nobody in particular",
            )
            .report();
        }
        Some(name) => Caller::principal(name),
        None => Caller::anonymous(),
    };
    let caller = cli
        .permissions
        .iter()
        .filter(|p| !p.trim().is_empty())
        .fold(caller, |caller, p| caller.with_permission(p.trim()));
    let result = match cli.command {
        Command::Connector(command) => connector::run(&cli.store, &caller, command),
        Command::Run {
            step,
            tokens,
            dry_run,
            merge_mode,
        } => step::run(
            &cli.store,
            &caller,
            &step,
            tokens.as_deref(),
            dry_run,
            merge_mode,
        ),
        Command::Validate { step } => step::validate(&step),
        Command::Describe => step::describe(),
        Command::Component { output } => step::component(&output),
        Command::Demo => demo::run(store_typed.then_some(&cli.store)),
        Command::Designer { port, address } => designer::run(&cli.store, &caller, address, port),
    };
    match result {
        Ok(code) => code,
        Err(failure) => failure.report(),
    }
}

/// Prints `value` as pretty JSON on standard output.
fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::internal(format!("writing JSON: {e}")))?;
    text.push('\n');
    write_stdout(text.as_bytes())
}

/// Writes `bytes` to standard output. A reader that stopped reading
/// (`| head -1`) ends the command quietly instead of in a panic.
fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::output_closed()),
        written => Ok(written.context("cannot write standard output")?),
    }
}

/// What a panic prints: where, never its message, which could hold a value.
fn panic_report(location: Option<&std::panic::Location<'_>>) -> String {
    let at = location
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    format!(
        "error[internal]: connectors-update stopped on a bug{at}; its message is not shown, since it could hold a value. Please report it.\n"
    )
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    #[test]
    fn a_panic_is_reported_without_its_message() {
        let seen = Arc::new(Mutex::new(String::new()));
        let into = seen.clone();
        std::panic::set_hook(Box::new(move |info| {
            *into.lock().unwrap() = super::panic_report(info.location());
        }));
        let value = "hunter2-secret";
        let _ = std::panic::catch_unwind(|| panic!("the value is {value}"));
        let _ = std::panic::take_hook();
        let report = seen.lock().unwrap().clone();
        assert!(report.starts_with("error[internal]: connectors-update stopped on a bug at "));
        assert!(report.contains("main.rs:"), "{report}");
        assert!(!report.contains(value), "{report}");
    }

    #[test]
    fn the_debug_of_a_command_shows_no_property_value() {
        use clap::Parser;
        let cli = super::Cli::try_parse_from([
            "connectors-update",
            "connector",
            "add",
            "--name",
            "X",
            "--set",
            "A=hunter2-set",
            "--secret",
            "B=hunter2-secret",
        ])
        .unwrap();
        let debug = format!("{cli:?}");
        assert!(debug.contains("Add"), "{debug}");
        assert!(!debug.contains("hunter2"), "{debug}");
    }

    #[test]
    fn merge_mode_takes_the_shared_names_and_only_those() {
        use clap::Parser;
        let parse = |mode: &str| {
            super::Cli::try_parse_from(["connectors-update", "run", "s.json", "--merge-mode", mode])
                .map(|cli| match cli.command {
                    super::Command::Run { merge_mode, .. } => merge_mode,
                    other => panic!("not run: {other:?}"),
                })
        };
        for mode in super::MERGE_MODES {
            assert_eq!(parse(mode.name()).ok(), Some(Some(mode)), "{mode:?}");
        }
        assert!(super::MERGE_MODES.contains(&super::MergeMode::default()));
        for wrong in ["Deep", "merge", ""] {
            let error = parse(wrong).unwrap_err();
            assert_eq!(
                error.kind(),
                clap::error::ErrorKind::InvalidValue,
                "{wrong}"
            );
        }
    }

    #[test]
    fn the_debug_of_a_command_shows_no_store_password() {
        use clap::Parser;
        let cli = super::Cli::try_parse_from([
            "connectors-update",
            "--store",
            "postgres://app:hunter2-password@db.example/connectors",
            "connector",
            "list",
        ])
        .unwrap();
        let debug = format!("{cli:?}");
        assert!(debug.contains("db.example"), "{debug}");
        assert!(!debug.contains("hunter2"), "{debug}");
    }

    #[test]
    fn every_option_read_from_the_environment_hides_its_value_in_help() {
        use clap::CommandFactory;
        fn check(command: &clap::Command) {
            for arg in command.get_arguments() {
                if arg.get_env().is_some() {
                    assert!(
                        arg.is_hide_env_values_set(),
                        "{} of {} shows its variable's value in help",
                        arg.get_id(),
                        command.get_name()
                    );
                }
            }
            for sub in command.get_subcommands() {
                check(sub);
            }
        }
        check(&super::Cli::command());
    }
}
