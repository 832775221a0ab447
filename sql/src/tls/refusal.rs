//! What a failed connection means for TLS, and how to fix it. The cases
//! are told apart by the error's sources (rustls's own error inside the
//! `io::Error` tokio-postgres wraps), except "server does not support
//! TLS", which tokio-postgres says only in words.

use std::io;

use postgres::error::SqlState;
use rustls::CertificateError;

use super::{Roots, SslMode, Tls};

impl Tls {
    /// What a failed connection means for TLS, and how to fix it, when it
    /// failed for TLS; `None` for every other failure.
    pub(crate) fn refusal(&self, error: &postgres::Error) -> Option<String> {
        let mode = self.mode_note();
        if let Some(db) = error.as_db_error() {
            let plaintext_refused = *db.code() == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
                && db.message().contains("no encryption");
            if !plaintext_refused || self.mode != SslMode::Disable {
                return None;
            }
            let fix = if self.defaulted.is_some() {
                "set sslmode=verify-full (with sslrootcert=FILE for a private CA)"
            } else {
                "remove sslmode=disable or set sslmode=verify-full"
            };
            return Some(format!(
                "the server requires TLS, and {mode} sends none (PostgreSQL: {} (SQLSTATE 28000)): {fix}",
                db.message()
            ));
        }
        let cause = std::error::Error::source(error)?;
        // io::Error's own source() skips the error it wraps: get_ref() does not.
        let rustls = cause
            .downcast_ref::<io::Error>()
            .and_then(io::Error::get_ref)
            .and_then(|inner| inner.downcast_ref::<rustls::Error>());
        match rustls {
            Some(rustls::Error::InvalidCertificate(certificate)) => {
                Some(self.certificate_refused(certificate))
            }
            Some(other) => Some(format!("the TLS handshake failed under {mode}: {other}")),
            None if cause.to_string() == "server does not support TLS" => Some(format!(
                "the server does not accept TLS connections, which {mode} needs: turn on ssl in its postgresql.conf, or, on a network you trust, set sslmode=disable"
            )),
            None => None,
        }
    }

    fn certificate_refused(&self, error: &CertificateError) -> String {
        let mode = self.mode_note();
        let within = match &self.roots {
            Some(Roots::File(file)) => format!("a CA in sslrootcert={file}"),
            _ => "a CA in this machine's roots".to_string(),
        };
        match error {
            CertificateError::UnknownIssuer | CertificateError::BadSignature => format!(
                "its certificate is not signed by {within}, so {mode} refuses it: give the server's CA with sslrootcert=FILE"
            ),
            CertificateError::NotValidForNameContext {
                expected,
                presented,
            } => format!(
                "its certificate is not valid for the name {:?}, so {mode} refuses it; it holds {}: connect by one of those names, or use sslmode=verify-ca",
                expected.to_str(),
                if presented.is_empty() {
                    "no name".to_string()
                } else {
                    presented
                        .iter()
                        .map(|name| bare_name(name))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            ),
            CertificateError::NotValidForName => format!(
                "its certificate is not valid for the host name, so {mode} refuses it: connect by a name it holds, or use sslmode=verify-ca"
            ),
            other => format!("its certificate is refused under {mode}: {other}"),
        }
    }
}

/// A name webpki presents as `DnsName("db.example")` or
/// `IpAddress(10.0.0.1)`, as the name alone.
fn bare_name(presented: &str) -> &str {
    presented
        .strip_prefix("DnsName(\"")
        .and_then(|n| n.strip_suffix("\")"))
        .or_else(|| {
            presented
                .strip_prefix("IpAddress(")
                .and_then(|n| n.strip_suffix(')'))
        })
        .unwrap_or(presented)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_presented_name_is_shown_bare() {
        assert_eq!(bare_name("DnsName(\"db.example\")"), "db.example");
        assert_eq!(bare_name("IpAddress(10.0.0.1)"), "10.0.0.1");
        assert_eq!(bare_name("IpAddress(::1)"), "::1");
        assert_eq!(bare_name("something else"), "something else");
    }
}
