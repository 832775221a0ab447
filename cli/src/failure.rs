//! The CLI's one error type, and how it is reported.
//!
//! Every failure has a stable code. The library's errors bring theirs;
//! the CLI's own checks name one ([`Failure::new`]); a failure with no
//! code of its own, such as a file the user named that cannot be read,
//! is an [`anyhow::Error`] with context, reported as `usage`.
//!
//! Everything the CLI writes for a person to read on standard error goes
//! through [`for_terminal`], here at the edge: a message may repeat a
//! connector's id, a name, a principal or a path that someone else chose,
//! and its control characters must not reach the terminal as commands.

use std::io::Write;
use std::process::ExitCode;

use connectors_update_harness::stores::AdminError;
use connectors_update_harness::{HarnessError, StoreError};
use connectors_update_sql::redact_keys;

/// Why a command failed: a stable code, a message naming no value, and the exit status.
#[derive(Debug)]
pub struct Failure {
    code: String,
    message: String,
    status: u8,
}

impl Failure {
    /// A failure of the work itself: exit status 1.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Failure {
            code: code.into(),
            message: message.into(),
            status: 1,
        }
    }

    /// Bad usage, such as an unreadable input file: exit status 2.
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            code: "usage".into(),
            message: message.into(),
            status: 2,
        }
    }

    /// A bug rather than bad input.
    pub fn internal(message: impl Into<String>) -> Self {
        Failure::new("internal", message)
    }

    /// Whoever read standard output stopped reading (`| head -1`): the
    /// command ends at once, printing nothing more, with exit status 0,
    /// since what it did is done and the reader chose to stop.
    pub fn output_closed() -> Self {
        Failure {
            code: String::new(),
            message: String::new(),
            status: 0,
        }
    }

    /// The stable kebab-case code, as `error[CODE]` prints it.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Adds a sentence for the CLI's user to the message (which stays one line).
    pub fn hint(mut self, hint: &str) -> Self {
        self.message.push(' ');
        self.message.push_str(hint);
        self
    }

    /// Prints `error[CODE]: MESSAGE` on standard error and returns the exit status.
    pub fn report(self) -> ExitCode {
        if !self.code.is_empty() {
            // A closed standard error must not turn into a panic.
            // A message may repeat what was typed (a name, a file's path,
            // an address): a store key pasted there is not printed.
            // Its control characters are escaped: see [`for_terminal`].
            let message = for_terminal(&redact_keys(&self.message));
            let _ = writeln!(std::io::stderr(), "error[{}]: {message}", self.code);
        }
        ExitCode::from(self.status)
    }
}

/// Prints `warning: TEXT` on standard error, as [`for_terminal`] shows it.
pub fn warn(text: &str) {
    // A closed standard error must not turn into a panic.
    let _ = writeln!(
        std::io::stderr(),
        "warning: {}",
        for_terminal(&redact_keys(text))
    );
}

/// `text` as a terminal may show it: each control character (C0, DEL, C1:
/// ESC starts a terminal command, BEL ends one) and each character that
/// reorders or hides text (bidi controls, zero-width ones) written as its
/// Rust escape, `\u{1b}`; everything else as it is.
pub fn for_terminal(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || hides_text(c) {
            shown.extend(c.escape_unicode());
        } else {
            shown.push(c);
        }
    }
    shown
}

/// Whether `c` reorders or hides the text around it on a terminal: the
/// bidi controls and the zero-width characters.
fn hides_text(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

/// A failure with no code of its own: bad usage (exit status 2), its
/// context and causes on one line (`cannot read the step file 'x': No
/// such file or directory (os error 2)`). Contexts name files, never values.
impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Self {
        Failure::usage(format!("{error:#}"))
    }
}

impl From<HarnessError> for Failure {
    fn from(error: HarnessError) -> Self {
        Failure::new(error.code().as_str(), error.to_string())
    }
}

impl From<AdminError> for Failure {
    fn from(error: AdminError) -> Self {
        Failure::new(error.code().as_str(), error.to_string())
    }
}

impl From<StoreError> for Failure {
    fn from(error: StoreError) -> Self {
        AdminError::Store(error).into()
    }
}

#[cfg(test)]
mod tests {
    use super::for_terminal;

    #[test]
    fn control_characters_are_escaped_and_the_rest_kept() {
        assert_eq!(
            for_terminal("ev\u{1b}]0;pwn\u{7} é\u{202e}x\u{9b}"),
            "ev\\u{1b}]0;pwn\\u{7} é\\u{202e}x\\u{9b}"
        );
        assert_eq!(for_terminal("Prod API: 'x'"), "Prod API: 'x'");
    }
}
