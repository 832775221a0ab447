//! `connectors-update`: runs the `Connectors.Update` action on an embedded
//! SQLite credential store, or on a shared PostgreSQL one.
//!
//! JSON goes to standard output so that scripts can read it; a failure is one
//! line `error[CODE]: MESSAGE` on standard error and exit status 1; bad usage
//! exits with 2.

mod connector;
mod demo;
mod failure;
mod step;
mod store;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use connectors_update::{Caller, MergeMode};

use failure::Failure;

/// Update a connector's properties in a credential store with the Connectors.Update action.
#[derive(Debug, Parser)]
#[command(name = "connectors-update", version, about, long_about = None)]
struct Cli {
    #[command(flatten)]
    store: store::StoreOptions,

    /// Act as this principal: a connector with grants is open only to the
    /// principals it is granted to (`connector grant`).
    // The explicit id keeps clap from merging this global option with a
    // subcommand's `principal` positional (`connector grant REF PRINCIPAL`):
    // with one id for both, `--as mallory connector revoke REF alice` acted as alice.
    #[arg(
        id = "global_as",
        long = "as",
        global = true,
        env = "CONNECTORS_PRINCIPAL",
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
        #[arg(long, value_enum)]
        merge_mode: Option<MergeModeArg>,
    },
    /// Print a step's design-time diagnostics as JSON; exit 1 if any is an error.
    Validate {
        /// The step's JSON file, or `-`.
        step: String,
    },
    /// Print the action's descriptor as JSON.
    Describe,
    /// Write the action's WebAssembly component to a file.
    Component {
        /// Where to write the `.wasm`.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Add sample connectors, run the documentation's examples on them, and show what changed.
    Demo,
}

/// `--merge-mode`'s values.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum MergeModeArg {
    /// A JSON value replaces the stored value whole.
    Replace,
    /// A JSON object is merged into the stored value (RFC 7396).
    Deep,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let caller = match cli.caller {
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
        } => {
            let merge_mode = merge_mode.map(|m| match m {
                MergeModeArg::Replace => MergeMode::Replace,
                MergeModeArg::Deep => MergeMode::Deep,
            });
            step::run(
                &cli.store,
                &caller,
                &step,
                tokens.as_deref(),
                dry_run,
                merge_mode,
            )
        }
        Command::Validate { step } => step::validate(&step),
        Command::Describe => step::describe(),
        Command::Component { output } => step::component(&output),
        Command::Demo => demo::run(&cli.store),
    };
    match result {
        Ok(code) => code,
        Err(failure) => failure.report(),
    }
}

/// Prints `value` as pretty JSON on standard output.
fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::internal(format!("writing JSON: {e}")))?;
    println!("{text}");
    Ok(())
}
