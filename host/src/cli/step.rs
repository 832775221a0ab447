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
use connectors_update_action::limits::{LIMITS, Limit};
use serde_json::json;

use crate::failure::Failure;
use crate::print_json;
use crate::store::StoreOptions;

/// The most bytes read from a tokens file: it only keeps a wrong file from
/// filling memory (each token's value has the action's own limits).
const MAX_TOKENS_BYTES: u64 = 16 * 1024 * 1024;

/// What a command reads, and the most of it that it reads.
#[derive(Clone, Copy, Debug)]
pub enum Input {
    /// A step: the action's own step limit, so the CLI refuses a larger
    /// file with the same words the action uses.
    Step,
    /// A tokens file.
    Tokens,
}

impl Input {
    fn name(self) -> &'static str {
        match self {
            Input::Step => "step",
            Input::Tokens => "tokens",
        }
    }

    fn max_bytes(self) -> u64 {
        match self {
            Input::Step => Limit::StepJsonBytes.max(&LIMITS),
            Input::Tokens => MAX_TOKENS_BYTES,
        }
    }

    fn too_large(self, path: &str) -> Failure {
        match self {
            Input::Step => Failure::new(
                "limit-exceeded",
                format!(
                    "the step file '{path}': {}",
                    Limit::StepJsonBytes.sentence(Limit::StepJsonBytes.max(&LIMITS))
                ),
            ),
            Input::Tokens => Failure::new(
                "limit-exceeded",
                format!(
                    "the tokens file '{path}' is larger than {} MiB, the most the CLI reads; a token's value may be at most 64 KiB",
                    MAX_TOKENS_BYTES / 1024 / 1024
                ),
            ),
        }
    }
}

/// Reads a file, or standard input for `-`, as UTF-8 text.
pub fn read_input(path: &str, input: Input) -> Result<String, Failure> {
    let what = input.name();
    let max = input.max_bytes();
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin().take(max + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(max + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| Failure::usage(format!("cannot read the {what} file '{path}': {e}")))?;
    if bytes.len() as u64 > max {
        return Err(input.too_large(path));
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
    let step_text = read_input(step_path, Input::Step)?;
    let tokens = match tokens_path {
        Some(path) => MapTokens::from_json(&read_input(path, Input::Tokens)?)
            .map_err(|m| Failure::new("invalid-json", m))?,
        None => MapTokens::default(),
    };
    let harness = load_harness()?;
    let mut step = harness.parse_step(&step_text)?;
    step.dry_run |= dry_run;
    if let Some(mode) = merge_mode {
        step.merge_mode = mode;
    }
    let store = Arc::new(options.open()?);
    let outcome = harness.execute_as(caller, &step, store, Arc::new(tokens))?;
    print_json(&outcome)?;
    Ok(ExitCode::SUCCESS)
}

pub fn validate(step_path: &str) -> Result<ExitCode, Failure> {
    let step_text = read_input(step_path, Input::Step)?;
    let harness = load_harness()?;
    // Every problem in one pass, those that would stop `parse-step` included.
    let diagnostics = harness.validate_json(&step_text)?;
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
