//! Bad usage, reported without repeating what was typed.
//!
//! clap's own messages quote the text they could not use (`invalid value
//! 'X' for '--secret'`, `unexpected argument 'X' found`, `to pass 'X' as a
//! value, use '-- X'`), and that text may be a secret: a `--secret` without
//! its `NAME=`, the second half of an unquoted value with a space in it, a
//! password in a URL. These messages name the argument, never the text.

use std::io::Write;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// Prints help or the version as clap does, or a usage error as
/// `error[usage]: MESSAGE` with the command's usage; returns the exit status
/// (2 for an error).
pub fn report(error: &clap::Error) -> ExitCode {
    report_for(error, &typed_arguments())
}

/// The arguments as typed (after the program's name), for telling an
/// option typed alone from one clap cut from the front of longer text.
fn typed_arguments() -> Vec<String> {
    std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

/// [`report`], for a command line of `typed` arguments.
fn report_for(error: &clap::Error, typed: &[String]) -> ExitCode {
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        // Help and the version are made from the definitions only
        // (`CONNECTORS_STORE`'s value is hidden from help).
        let _ = error.print();
        return ExitCode::SUCCESS;
    }
    if error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let _ = error.print();
        return ExitCode::from(2);
    }
    let mut text = format!(
        "error[usage]: {}\n",
        crate::failure::for_terminal(&message(error, typed))
    );
    if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
        text.push_str(&format!("\n{usage}\n"));
    }
    text.push_str("\nFor more information, try '--help'.\n");
    let _ = std::io::stderr().write_all(text.as_bytes());
    ExitCode::from(2)
}

/// What went wrong, naming arguments as the definitions spell them.
fn message(error: &clap::Error, typed: &[String]) -> String {
    let invalid_arg = || string(error, ContextKind::InvalidArg);
    let mut message = match error.kind() {
        ErrorKind::InvalidValue => match error.get(ContextKind::InvalidValue) {
            Some(ContextValue::String(v)) if v.is_empty() => {
                format!("{} needs a value", invalid_arg())
            }
            _ => format!(
                "{} does not take the value given (not repeated here)",
                invalid_arg()
            ),
        },
        ErrorKind::ValueValidation => {
            // The source is a value parser's message, which names no value.
            let why = std::error::Error::source(error)
                .map(|s| format!(": {s}"))
                .unwrap_or_default();
            format!(
                "the value given for {} is not valid (not repeated here){why}",
                invalid_arg()
            )
        }
        ErrorKind::UnknownArgument => match flag_name(&invalid_arg(), typed) {
            Some(flag) => format!("there is no option {flag}"),
            None => "an argument does not belong to any option (it is not repeated here, in case it is a secret: quote a value that holds spaces)".to_string(),
        },
        ErrorKind::InvalidSubcommand => {
            "there is no such command (what was typed is not repeated here)".to_string()
        }
        ErrorKind::NoEquals => format!("{} needs its value after '='", invalid_arg()),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("{} got the wrong number of values", invalid_arg())
        }
        ErrorKind::ArgumentConflict => match string(error, ContextKind::PriorArg) {
            prior if prior == invalid_arg() => {
                format!("{} may be given only once", invalid_arg())
            }
            prior => format!("{} cannot be used with {prior}", invalid_arg()),
        },
        ErrorKind::MissingRequiredArgument => {
            format!("missing {}", invalid_arg())
        }
        ErrorKind::MissingSubcommand => {
            match error.get(ContextKind::ValidSubcommand) {
                Some(ContextValue::Strings(commands)) => {
                    format!("a command is needed: {}", commands.join(", "))
                }
                _ => "a command is needed".to_string(),
            }
        }
        ErrorKind::InvalidUtf8 => "an argument is not UTF-8 text".to_string(),
        _ => "the command line cannot be used as it is".to_string(),
    };
    // Suggestions come from the definitions; `Suggested` tips are left out,
    // since they quote what was typed.
    for (kind, what) in [
        (ContextKind::SuggestedSubcommand, "command"),
        (ContextKind::SuggestedArg, "option"),
        (ContextKind::SuggestedValue, "value"),
    ] {
        if error.get(kind).is_some() {
            message.push_str(&format!(
                "; did you mean the {what} {}?",
                string(error, kind)
            ));
        }
    }
    if error.kind() == ErrorKind::InvalidValue
        && let Some(ContextValue::Strings(values)) = error.get(ContextKind::ValidValue)
        && !values.is_empty()
    {
        message.push_str(&format!("; the values are {}", values.join(", ")));
    }
    message
}

/// A context value as text: names from the definitions, joined.
fn string(error: &clap::Error, kind: ContextKind) -> String {
    match error.get(kind) {
        Some(ContextValue::String(s)) => format!("'{s}'"),
        Some(ContextValue::Strings(list)) => list
            .iter()
            .map(|s| format!("'{s}'"))
            .collect::<Vec<_>>()
            .join(", "),
        _ => "an argument".to_string(),
    }
}

/// The option an unknown argument was meant to be, when it looks like one
/// (`--lower-case-words`, or `-x` typed as an argument of its own): text in
/// any other shape may be a value, and a value may be a secret. clap names
/// `-A` for `-ABC…` too, so a short option is named only when one of the
/// `arguments` typed is exactly it. What follows '=' is left out.
fn flag_name(quoted: &str, arguments: &[String]) -> Option<String> {
    let typed = quoted.strip_prefix('\'')?.strip_suffix('\'')?;
    let name = typed.split('=').next().unwrap_or_default();
    let long = name.strip_prefix("--").is_some_and(|rest| {
        (2..=40).contains(&rest.len())
            && rest.starts_with(|c: char| c.is_ascii_lowercase())
            && rest.chars().all(|c| c.is_ascii_lowercase() || c == '-')
    });
    let short = name.len() == 2
        && name.starts_with('-')
        && name[1..].chars().all(|c| c.is_ascii_alphabetic())
        && arguments.iter().any(|a| a == name);
    (long || short).then(|| format!("'{name}'"))
}

#[cfg(test)]
mod tests {
    use super::flag_name;

    #[test]
    fn only_what_looks_like_an_option_is_named() {
        let typed = |args: &[&str]| args.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        let none = typed(&[]);
        assert_eq!(flag_name("'--secrets'", &none), Some("'--secrets'".into()));
        assert_eq!(
            flag_name("'--secrets=A=hunter2'", &none),
            Some("'--secrets'".into())
        );
        assert_eq!(
            flag_name("'-x'", &typed(&["show", "-x"])),
            Some("'-x'".into())
        );
        // clap names the first letter of `-Hunter2`: not repeated.
        assert_eq!(flag_name("'-H'", &typed(&["show", "-Hunter2"])), None);
        for value in [
            "'hunter2'",
            "'-hunter2'",
            "'--Hunter2'",
            "'--a1b2'",
            "'-'",
            "'--'",
        ] {
            assert_eq!(flag_name(value, &none), None, "{value}");
        }
    }
}
