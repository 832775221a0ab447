//! `run`, `validate`, `describe`, `component` and `connector kinds`: the
//! action itself.

use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use connectors_update_harness::kinds::{builtin_kinds, builtin_rules};
use connectors_update_harness::tokens::MapTokens;
use connectors_update_harness::{
    ActionError, COMPONENT, Caller, Harness, HarnessError, InstanceAllocation, MergeMode, Severity,
};
use connectors_update_model::limits::LIMITS;
use connectors_update_sql::SqlStore;

use crate::failure::{Failure, for_terminal};
use crate::output::DescriptorShown;
use crate::store::StoreOptions;
use crate::{print_json, write_stdout};

/// The most bytes read from a step file: the action's own limit, so that
/// the CLI and the action name the same one.
const MAX_STEP_BYTES: u64 = LIMITS.step_json_bytes as u64;

/// The most bytes read from a tokens file: this only keeps a wrong file
/// from filling memory (each token's value has its own, smaller, limit).
const MAX_TOKENS_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a file, or standard input for `-`, as UTF-8 text of at most `max`
/// bytes. Messages call `-` "standard input", not a file named `-`.
pub fn read_input(path: &str, what: &str, max: u64) -> Result<String, Failure> {
    let source = if path == "-" {
        format!("the {what} from standard input")
    } else {
        format!("the {what} file '{path}'")
    };
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin().take(max + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(max + 1).read_to_end(&mut bytes))
    };
    read.with_context(|| format!("cannot read {source}"))?;
    if bytes.len() as u64 > max {
        return Err(Failure::new(
            "limit-exceeded",
            format!(
                "{source} is larger than {}, the most a {what} file may hold",
                size(max)
            ),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        Failure::new(
            "invalid-parameter",
            format!(
                "{source} is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// `1 MiB`, or the bytes when not a whole number of MiB.
fn size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// The harness for one command: a process that runs one step or a few
/// allocates their instances on demand, reserving no pool it would not use.
/// Where the process may not reserve the engine's default address space
/// (under `ulimit -v`), the harness reserves less and says why, which is
/// told once, as a warning.
pub fn load_harness() -> Result<Harness, Failure> {
    let harness = Harness::builder()
        .instances(InstanceAllocation::OnDemand)
        .build()?;
    if let Some(why) = harness.reduced() {
        crate::failure::warn(why);
    }
    Ok(harness)
}

pub fn run(
    options: &StoreOptions,
    caller: &Caller,
    step_path: &str,
    tokens_path: Option<&str>,
    dry_run: bool,
    merge_mode: Option<MergeMode>,
) -> Result<ExitCode, Failure> {
    if step_path == "-" && tokens_path == Some("-") {
        return Err(Failure::usage(
            "the step and the tokens cannot both come from standard input",
        ));
    }
    let step_text = read_input(step_path, "step", MAX_STEP_BYTES)?;
    let tokens = match tokens_path {
        Some(path) => MapTokens::from_json(&read_input(path, "tokens", MAX_TOKENS_BYTES)?)
            .map_err(|m| Failure::new("invalid-json", m))?,
        None => MapTokens::default(),
    };
    let harness = load_harness()?;
    let mut step = harness.parse_step(&step_text)?;
    step.dry_run |= dry_run;
    if let Some(mode) = merge_mode {
        step.merge_mode = mode;
    }
    let store = Arc::new(options.open_existing()?);
    if !step.dry_run {
        // Said before the step runs, in the CLI's words, not as the action's
        // "store unavailable": trying again will not help.
        store.check_writable()?;
    }
    let outcome = harness
        .execute_as(caller, &step, store.clone(), Arc::new(tokens))
        .map_err(|error| with_cli_hint(error, &store, caller, tokens_path.is_some()))?;
    print_json(&outcome)?;
    Ok(ExitCode::SUCCESS)
}

/// The action's messages are for any host; the CLI adds what its own user
/// can do: give a tokens file, or claim a permission.
fn with_cli_hint(
    error: HarnessError,
    store: &SqlStore,
    caller: &Caller,
    had_tokens: bool,
) -> Failure {
    let hint = match error.action_error() {
        Some(ActionError::UnresolvedToken(_)) if !had_tokens => Some(
            "No tokens file was given: pass the tokens' values with --tokens TOKENS.json."
                .to_string(),
        ),
        Some(ActionError::PermissionDenied(denied)) => denied
            .property
            .as_deref()
            .and_then(|property| needed_permission(store, &denied.connector, property))
            .filter(|permission| !caller.holds(permission))
            .map(|permission| format!("In the CLI: run again with --permission {permission}.")),
        _ => None,
    };
    let failure = Failure::from(error);
    match hint {
        Some(hint) => failure.hint(&hint),
        None => failure,
    }
}

/// The permission a change of `property` of connector `id` needs, by its kind's rules.
fn needed_permission(store: &SqlStore, id: &str, property: &str) -> Option<String> {
    let kind = store.record(id).ok().flatten()?.kind?;
    builtin_rules(&kind)?
        .write_permission(property)
        .map(str::to_owned)
}

pub fn validate(step_path: &str) -> Result<ExitCode, Failure> {
    let step_text = read_input(step_path, "step", MAX_STEP_BYTES)?;
    let harness = load_harness()?;
    // Every problem in one pass, those that would stop `parse-step` included.
    let diagnostics = harness.validate_json(&step_text)?;
    let has_error = diagnostics.iter().any(|d| d.severity == Severity::Error);
    print_json(&diagnostics)?;
    Ok(if has_error {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

pub fn describe() -> Result<ExitCode, Failure> {
    print_json(&DescriptorShown::from(&load_harness()?.describe()?))?;
    Ok(ExitCode::SUCCESS)
}

/// `connector kinds`: the built-in kinds and their rules, each as
/// `describe` lists it (`describe` gets them through the action, which
/// lists what the harness declares: these).
pub fn kinds() -> Result<ExitCode, Failure> {
    print_json(&builtin_kinds())?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the component to `output`, or to standard output for `-`
/// (refused on a terminal, where binary would only garble the screen).
pub fn component(output: &Path) -> Result<ExitCode, Failure> {
    let to = if output.as_os_str() == "-" {
        if std::io::stdout().is_terminal() {
            return Err(Failure::usage(
                "-o -: standard output is a terminal; redirect it (`-o - > connectors_update.wasm`) or name a file",
            ));
        }
        write_stdout(COMPONENT)?;
        "standard output".to_string()
    } else {
        std::fs::write(output, COMPONENT)
            .with_context(|| format!("cannot write '{}'", output.display()))?;
        output.display().to_string()
    };
    let _ = writeln!(
        std::io::stderr(),
        "{}",
        for_terminal(&format!("wrote {} bytes to {to}", COMPONENT.len()))
    );
    Ok(ExitCode::SUCCESS)
}
