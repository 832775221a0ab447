//! TLS to PostgreSQL, over rustls (on ring): libpq's `sslmode` and
//! `sslrootcert`, what they default to, and what a refused handshake means.
//!
//! The modes mean what they mean in libpq: `disable` (plaintext),
//! `prefer` (TLS if the server offers it, else plaintext), `require`
//! (encrypted, the certificate unchecked unless `sslrootcert` is given,
//! then as `verify-ca`), `verify-ca` (the certificate's chain checked, not
//! its name) and `verify-full` (chain and host name).
//!
//! With no `sslmode`, a server on this machine (`localhost`, 127.0.0.0/8,
//! `::1`, a Unix socket) is reached in plaintext, since nothing crosses a
//! network; every other one with `verify-full`: a store of secrets must
//! not talk to an impostor, and only an explicit `sslmode=prefer` ever
//! falls back to plaintext. Giving `sslrootcert` asks for TLS, so it makes
//! the default `verify-full` wherever the server is.
//!
//! On a Unix socket, which PostgreSQL never encrypts, the mode is ignored,
//! as libpq ignores it. The verify modes trust the certificates of
//! `sslrootcert=FILE`, else (and with `sslrootcert=system`) the operating
//! system's roots.
//!
//! [`refusal`] says what a refused connection means; [`verifiers`] holds
//! the certificate checks rustls has no builder for.

mod refusal;
mod verifiers;

use std::net::IpAddr;
use std::path::Path;
use std::sync::Arc;

use postgres::config::{Host, SslMode as PgSslMode};
use rustls::client::WebPkiServerVerifier;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::{self, PemObject};
use rustls::{ClientConfig, RootCertStore};
use tokio_postgres_rustls::MakeRustlsConnect;

use super::location::TlsParameters;
use verifiers::{ChainOnly, EncryptOnly};

/// libpq's `sslmode` values (tokio-postgres knows only the first three).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SslMode {
    /// Plaintext.
    Disable,
    /// TLS if the server offers it, else plaintext; unchecked unless
    /// `sslrootcert` is given.
    Prefer,
    /// TLS; the certificate unchecked unless `sslrootcert` is given.
    Require,
    /// TLS; the certificate's chain checked, not the name in it.
    VerifyCa,
    /// TLS; the certificate's chain and the host's name in it checked.
    VerifyFull,
}

impl SslMode {
    /// Every mode, in the order of the error that lists them.
    const ALL: [SslMode; 5] = [
        SslMode::Disable,
        SslMode::Prefer,
        SslMode::Require,
        SslMode::VerifyCa,
        SslMode::VerifyFull,
    ];

    /// The value as `sslmode=` spells it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }

    /// The mode `sslmode=value` names, or an error listing the modes.
    fn parse(value: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|mode| mode.as_str() == value)
            .ok_or_else(|| {
                format!(
                    "sslmode={value:?} is not one of {}",
                    Self::ALL.map(SslMode::as_str).join(", ")
                )
            })
    }
}

/// Which certificate authorities a checked certificate must come from.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Roots {
    /// `sslrootcert=FILE`: the CA certificates in a PEM file.
    File(String),
    /// The operating system's (`sslrootcert=system`, or none given).
    System,
}

/// The TLS a store's connections use, decided once from its address.
#[derive(Clone)]
pub(crate) struct Tls {
    mode: SslMode,
    /// Whether `sslmode` was given, or why it defaulted to `mode`.
    defaulted: Option<&'static str>,
    /// The CAs a certificate is checked against; `None` when it is not checked.
    roots: Option<Roots>,
    connector: MakeRustlsConnect,
}

impl std::fmt::Debug for Tls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tls")
            .field("mode", &self.mode)
            .field("roots", &self.roots)
            .finish_non_exhaustive()
    }
}

impl Tls {
    /// Reads the TLS parameters against the address's hosts, loads the
    /// CAs, and sets `config`'s own (narrower) `ssl_mode` to match. The
    /// error says what is wrong with the parameters or the CA file.
    pub(crate) fn configure(
        parameters: &TlsParameters,
        config: &mut postgres::Config,
    ) -> Result<Tls, String> {
        let root_file = parameters.sslrootcert.as_deref();
        let (mode, defaulted) = match parameters.sslmode.as_deref() {
            Some(given) => (SslMode::parse(given)?, None),
            None if root_file.is_some() => (
                SslMode::VerifyFull,
                Some("the default when sslrootcert is given"),
            ),
            None if on_this_machine(config) => (
                SslMode::Disable,
                Some("the default for a server on this machine"),
            ),
            None => (
                SslMode::VerifyFull,
                Some("the default for a server that is not on this machine"),
            ),
        };
        if root_file == Some("system") && mode != SslMode::VerifyFull {
            // As in libpq: any CA this machine trusts would do.
            return Err(format!(
                "sslrootcert=system needs sslmode=verify-full, not {}: any of the many CAs this machine trusts can sign a certificate for some other server, so only the host name tells them apart",
                mode.as_str()
            ));
        }
        let roots = match (mode, root_file) {
            (SslMode::Disable, _) | (SslMode::Prefer | SslMode::Require, None) => None,
            (_, Some("system") | None) => Some(Roots::System),
            (_, Some(file)) => Some(Roots::File(file.to_string())),
        };
        let only_sockets = config.get_hostaddrs().is_empty()
            && config
                .get_hosts()
                .iter()
                .all(|h| !matches!(h, Host::Tcp(_)));
        config.ssl_mode(match mode {
            // As libpq: PostgreSQL speaks no TLS on a Unix socket.
            _ if only_sockets => PgSslMode::Disable,
            SslMode::Disable => PgSslMode::Disable,
            SslMode::Prefer => PgSslMode::Prefer,
            SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => PgSslMode::Require,
        });
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("rustls: {e}"))?;
        let client = match &roots {
            None => builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(EncryptOnly(provider))),
            Some(roots) => {
                let store = Arc::new(load(roots)?);
                if mode == SslMode::VerifyFull {
                    builder.with_root_certificates(store)
                } else {
                    let chain = WebPkiServerVerifier::builder_with_provider(store, provider)
                        .build()
                        .map_err(|e| format!("rustls: {e}"))?;
                    builder
                        .dangerous()
                        .with_custom_certificate_verifier(Arc::new(ChainOnly(chain)))
                }
            }
        }
        .with_no_client_auth();
        Ok(Tls {
            mode,
            defaulted,
            roots,
            connector: MakeRustlsConnect::new(client),
        })
    }

    /// The connector for `postgres::Config::connect` and the pool; under
    /// `sslmode=disable` it is never used.
    pub(crate) fn connector(&self) -> MakeRustlsConnect {
        self.connector.clone()
    }

    /// `sslmode=MODE`, and why when it was not given.
    fn mode_note(&self) -> String {
        match self.defaulted {
            Some(why) => format!("sslmode={} ({why})", self.mode.as_str()),
            None => format!("sslmode={}", self.mode.as_str()),
        }
    }
}

/// Whether every host of the address is this machine: a loopback name or
/// address, or a Unix socket, with no `hostaddr` elsewhere.
fn on_this_machine(config: &postgres::Config) -> bool {
    let loopback = |ip: &IpAddr| ip.to_canonical().is_loopback();
    let hosts = config.get_hosts().iter().all(|host| match host {
        Host::Tcp(name) => {
            name.eq_ignore_ascii_case("localhost")
                || name.parse::<IpAddr>().is_ok_and(|ip| loopback(&ip))
        }
        #[cfg(unix)]
        Host::Unix(_) => true,
    });
    let any = !config.get_hosts().is_empty() || !config.get_hostaddrs().is_empty();
    any && hosts && config.get_hostaddrs().iter().all(loopback)
}

/// The CA certificates to check a server's certificate against.
fn load(roots: &Roots) -> Result<RootCertStore, String> {
    let mut store = RootCertStore::empty();
    match roots {
        Roots::File(file) => {
            let problem = |what: String| format!("sslrootcert={file}: {what}");
            let certificates = CertificateDer::pem_file_iter(Path::new(file)).map_err(|e| {
                problem(match e {
                    pem::Error::Io(io) => format!("cannot read it: {io}"),
                    other => format!("it is not a PEM file: {other}"),
                })
            })?;
            for certificate in certificates {
                let certificate =
                    certificate.map_err(|e| problem(format!("it is not a PEM file: {e}")))?;
                store.add(certificate).map_err(|e| {
                    problem(format!("it holds a certificate that cannot be a CA: {e}"))
                })?;
            }
            if store.is_empty() {
                return Err(problem(
                    "it holds no certificate: give a PEM file with the server's CA certificate (-----BEGIN CERTIFICATE-----)".into(),
                ));
            }
        }
        Roots::System => {
            let found = rustls_native_certs::load_native_certs();
            store.add_parsable_certificates(found.certs);
            if store.is_empty() {
                let why = found
                    .errors
                    .first()
                    .map(|e| format!(" ({e})"))
                    .unwrap_or_default();
                return Err(format!(
                    "this machine's CA certificates cannot be read{why}, and the certificate is to be checked: install them (Debian's ca-certificates), or give the server's CA with sslrootcert=FILE"
                ));
            }
        }
    }
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::split_tls;
    use secrecy::ExposeSecret;

    /// The mode and roots an address gets, or why it is refused.
    fn decide(address: &str) -> Result<(SslMode, Option<Roots>), String> {
        let (rest, parameters) = split_tls(address);
        let mut config: postgres::Config = rest.expose_secret().parse().unwrap();
        Tls::configure(&parameters, &mut config).map(|tls| (tls.mode, tls.roots))
    }

    #[test]
    fn the_default_is_plaintext_only_on_this_machine() {
        for local in [
            "postgres://u:p@localhost/db",
            "postgres://u:p@127.0.0.1:5433/db",
            "postgres://u:p@127.8.9.10/db",
            "postgres://u:p@[::1]:5432/db",
            "postgres://u:p@localhost,127.0.0.1/db",
            "host=/var/run/postgresql user=u",
            "host=localhost hostaddr=127.0.0.1 user=u",
        ] {
            assert_eq!(decide(local).unwrap(), (SslMode::Disable, None), "{local}");
        }
        for remote in [
            "postgres://u:p@db.example/db",
            "postgres://u:p@10.0.0.5/db",
            "postgres://u:p@localhost,db.example/db",
            // The name asked for is not this machine, wherever it goes.
            "postgres://u:p@db.example/db?hostaddr=127.0.0.1",
            "host=localhost hostaddr=10.1.2.3 user=u",
            "host=localhost.example user=u",
        ] {
            assert_eq!(
                decide(remote).unwrap(),
                (SslMode::VerifyFull, Some(Roots::System)),
                "{remote}"
            );
        }
    }

    #[test]
    fn a_given_mode_is_kept_and_an_unknown_one_refused() {
        assert_eq!(
            decide("postgres://u@db.example/db?sslmode=disable").unwrap(),
            (SslMode::Disable, None)
        );
        assert_eq!(
            decide("postgres://u@localhost/db?sslmode=require").unwrap(),
            (SslMode::Require, None)
        );
        assert_eq!(
            decide("host=localhost sslmode=prefer").unwrap(),
            (SslMode::Prefer, None)
        );
        assert_eq!(
            decide("host=localhost sslmode=verify-ca").unwrap(),
            (SslMode::VerifyCa, Some(Roots::System))
        );
        assert_eq!(
            decide("postgres://u@localhost/db?sslmode=verify-full&sslrootcert=system").unwrap(),
            (SslMode::VerifyFull, Some(Roots::System))
        );
        let refused = decide("postgres://u:hunter2@db.example/db?sslmode=verify").unwrap_err();
        assert_eq!(
            refused,
            "sslmode=\"verify\" is not one of disable, prefer, require, verify-ca, verify-full"
        );
        let weak = decide("postgres://u@h/db?sslmode=verify-ca&sslrootcert=system").unwrap_err();
        assert!(
            weak.starts_with("sslrootcert=system needs sslmode=verify-full"),
            "{weak}"
        );
    }

    #[test]
    fn a_root_file_is_read_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.pem");
        let at = |file: &Path, mode: &str| {
            decide(&format!(
                "host=localhost sslmode={mode} sslrootcert='{}'",
                file.display()
            ))
        };
        let error = at(&missing, "verify-full").unwrap_err();
        assert!(
            error.starts_with(&format!(
                "sslrootcert={}: cannot read it: ",
                missing.display()
            )),
            "{error}"
        );
        let empty = dir.path().join("empty.pem");
        std::fs::write(&empty, "not a certificate\n").unwrap();
        let error = at(&empty, "verify-ca").unwrap_err();
        assert!(error.contains("it holds no certificate"), "{error}");
        // Not read where no certificate is checked.
        assert_eq!(at(&missing, "disable").unwrap(), (SslMode::Disable, None));
        // Given to require, it is checked (as libpq does), and it makes
        // the default verify-full even on this machine.
        assert!(
            at(&missing, "require")
                .unwrap_err()
                .contains("cannot read it")
        );
        let default = decide(&format!(
            "host=localhost sslrootcert='{}'",
            missing.display()
        ));
        assert!(default.unwrap_err().contains("cannot read it"));
    }
}
