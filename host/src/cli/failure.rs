//! The CLI's one error type, and how it is reported.

use std::io::Write;
use std::process::ExitCode;

use connectors_update::{AdminError, HarnessError, StoreError};

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
            let _ = writeln!(std::io::stderr(), "error[{}]: {}", self.code, self.message);
        }
        ExitCode::from(self.status)
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
