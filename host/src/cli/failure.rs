//! The CLI's one error type, and how it is reported.
//!
//! Every failure has a stable code. The library's errors bring theirs;
//! the CLI's own checks name one ([`Failure::new`]); a failure with no
//! code of its own, such as a file the user named that cannot be read,
//! is an [`anyhow::Error`] with context, reported as `usage`.

use std::io::Write;
use std::process::ExitCode;

use connectors_update::stores::{AdminError, redact_keys};
use connectors_update::{HarnessError, StoreError};

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
            let message = redact_keys(&self.message);
            let _ = writeln!(std::io::stderr(), "error[{}]: {message}", self.code);
        }
        ExitCode::from(self.status)
    }
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
