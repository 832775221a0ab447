//! `run`, `validate`, `describe` and `component`: the action itself.

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use connectors_update::kinds::format_name;
use connectors_update::{
    COMPONENT, Caller, Descriptor, Harness, KindRules, MapTokens, MergeMode, ParameterKind,
    Severity,
};
use serde_json::json;

use crate::failure::Failure;
use crate::print_json;
use crate::store::StoreOptions;

/// The most bytes read from a step or tokens file; the action's own limits
/// are smaller, so this only keeps a wrong file from filling memory.
const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a file, or standard input for `-`, as UTF-8 text.
pub fn read_input(path: &str, what: &str) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| Failure::usage(format!("cannot read the {what} file '{path}': {e}")))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Failure::new(
            "limit-exceeded",
            format!(
                "the {what} file '{path}' is larger than {} MiB",
                MAX_INPUT_BYTES / 1024 / 1024
            ),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        Failure::new(
            "invalid-parameter",
            format!(
                "the {what} file '{path}' is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

fn load_harness() -> Result<Harness, Failure> {
    Ok(Harness::new()?)
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
    let step_text = read_input(step_path, "step")?;
    let tokens = match tokens_path {
        Some(path) => MapTokens::from_json(&read_input(path, "tokens")?)
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
        // "store unavailable, try again later": trying again will not help.
        store.check_writable()?;
    }
    let outcome = harness.execute_as(caller, &step, store, Arc::new(tokens))?;
    print_json(&outcome)?;
    Ok(ExitCode::SUCCESS)
}

pub fn validate(step_path: &str) -> Result<ExitCode, Failure> {
    let step_text = read_input(step_path, "step")?;
    let harness = load_harness()?;
    // A step that cannot even be read is reported as one diagnostic, like the rest.
    let diagnostics = match harness.parse_step(&step_text) {
        Ok(step) => harness.validate(&step)?,
        Err(connectors_update::HarnessError::Action(error)) => {
            let field = match &error {
                connectors_update::ActionError::InvalidParameter(e) => e.field.clone(),
                connectors_update::ActionError::InvalidJson(e) => e.field.clone(),
                _ => "step".to_string(),
            };
            vec![connectors_update::Diagnostic {
                severity: Severity::Error,
                field,
                code: error.code().to_string(),
                message: error.message().to_string(),
            }]
        }
        Err(other) => return Err(other.into()),
    };
    let has_error = diagnostics.iter().any(|d| d.severity == Severity::Error);
    let json: Vec<_> = diagnostics
        .iter()
        .map(|d| {
            json!({
                "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "field": d.field,
                "code": d.code,
                "message": d.message,
            })
        })
        .collect();
    print_json(&json)?;
    Ok(if has_error {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

pub fn describe() -> Result<ExitCode, Failure> {
    print_json(&descriptor_json(&load_harness()?.describe()?))?;
    Ok(ExitCode::SUCCESS)
}

/// The descriptor as JSON, with enum cases spelled as the WIT spells them
/// (`connector-reference`), which is what a designer matches on.
fn descriptor_json(d: &Descriptor) -> serde_json::Value {
    let kind = |k: &ParameterKind| match k {
        ParameterKind::ConnectorReference => "connector-reference",
        ParameterKind::NameValueList => "name-value-list",
        ParameterKind::JsonObject => "json-object",
        ParameterKind::UnsignedInteger => "unsigned-integer",
        ParameterKind::Boolean => "boolean",
        ParameterKind::Choice => "choice",
    };
    json!({
        "action_type": d.action_type,
        "version": d.version,
        "title": d.title,
        "summary": d.summary,
        "parameters": d.parameters.iter().map(|p| json!({
            "key": p.key,
            "label": p.label,
            "help": p.help,
            "kind": kind(&p.kind),
            "required": p.required,
            "default": serde_json::from_str::<serde_json::Value>(&p.default_value).unwrap_or(serde_json::Value::Null),
            "supports_tokens": p.supports_tokens,
            "choices": p.choices,
        })).collect::<Vec<_>>(),
        "outputs": d.outputs,
        "limits": d.limits,
        "token_syntax": {
            "forms": d.token_syntax.forms,
            "identifier": d.token_syntax.identifier,
            "format": d.token_syntax.format,
            "escapes": d.token_syntax.escapes.iter().map(|(e, c)| json!({"escape": e, "character": c})).collect::<Vec<_>>(),
        },
        "kinds": d.kinds.iter().map(kind_json).collect::<Vec<_>>(),
    })
}

/// A kind and its rules as JSON, formats spelled as the WIT spells them.
fn kind_json(k: &KindRules) -> serde_json::Value {
    json!({
        "kind": k.kind,
        "help": k.help,
        "max_properties": k.max_properties,
        "allow_unknown": k.allow_unknown,
        "properties": k.properties.iter().map(|p| json!({
            "name": p.name,
            "help": p.help,
            "format": format_name(p.format),
            "required": p.required,
            "secret": p.secret,
            "immutable": p.immutable,
            "max_length": p.max_length,
            "json": p.json,
            "write_permission": p.write_permission,
            "deprecated": p.deprecated,
        })).collect::<Vec<_>>(),
    })
}

pub fn component(output: &Path) -> Result<ExitCode, Failure> {
    std::fs::write(output, COMPONENT)
        .map_err(|e| Failure::usage(format!("cannot write '{}': {e}", output.display())))?;
    eprintln!("wrote {} bytes to {}", COMPONENT.len(), output.display());
    Ok(ExitCode::SUCCESS)
}
