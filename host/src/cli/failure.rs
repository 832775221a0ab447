//! The CLI's one error type, and how it is reported.

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

    /// Prints `error[CODE]: MESSAGE` on standard error and returns the exit status.
    pub fn report(self) -> ExitCode {
        eprintln!("error[{}]: {}", self.code, self.message);
        ExitCode::from(self.status)
    }
}

impl From<HarnessError> for Failure {
    fn from(error: HarnessError) -> Self {
        Failure::new(error.code(), error.to_string())
    }
}

impl From<AdminError> for Failure {
    fn from(error: AdminError) -> Self {
        Failure::new(error.code(), error.to_string())
    }
}

impl From<StoreError> for Failure {
    fn from(error: StoreError) -> Self {
        AdminError::Store(error).into()
    }
}
