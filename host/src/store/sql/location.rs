//! Where a database store is: an SQLite file, or a PostgreSQL URL that may
//! hold a password and is shown without it.
//!
//! A PostgreSQL address may also hold libpq's `sslmode` and `sslrootcert`,
//! which `postgres::Config` refuses (it knows no `verify-*`): they are
//! taken out here ([`split_tls`]) and meant by [`tls`](super::tls).

use std::fmt;
use std::path::PathBuf;

use percent_encoding::percent_decode_str;
use secrecy::{ExposeSecret, SecretString};

use crate::store::key::{redact_keys, shown_path};

/// An SQLite file or a PostgreSQL database.
#[derive(Clone, Debug)]
pub enum StoreLocation {
    /// An SQLite file ([`SqlStore::open`](super::SqlStore::open) creates
    /// it, with mode 0600; [`SqlStore::open_existing`](super::SqlStore::open_existing) never does).
    Sqlite(PathBuf),
    /// A `postgres://` (or `postgresql://`) URL, or a libpq `key=value`
    /// string starting with `host=`; kept secret, since it may hold a password.
    Postgres(SecretString),
}

impl StoreLocation {
    /// A PostgreSQL URL (`postgres://...`, `postgresql://...`) or a libpq
    /// string (`host=...`); anything else is an SQLite path.
    pub fn parse(text: &str) -> Self {
        let lower = text.trim_start().to_ascii_lowercase();
        if lower.starts_with("postgres://")
            || lower.starts_with("postgresql://")
            || lower.starts_with("host=")
        {
            StoreLocation::Postgres(SecretString::from(text.to_string()))
        } else {
            StoreLocation::Sqlite(PathBuf::from(text))
        }
    }
}

impl fmt::Display for StoreLocation {
    /// The path, or `postgres://USER@HOST:PORT/DATABASE`: never a password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreLocation::Sqlite(path) => f.write_str(&shown_path(path)),
            StoreLocation::Postgres(url) => match parse_postgres(url) {
                Ok((config, _)) => f.write_str(&redact_keys(&redacted(&config))),
                Err(_) => f.write_str("postgres://(an address that does not parse)"),
            },
        }
    }
}

/// How a store is opened: whether it may be created, and whether it may be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Opening {
    /// Created if there is none (only adding a connector does this).
    Create,
    /// A store that exists; written if this process may write it, else
    /// read only. Nothing is created.
    Existing,
    /// A store that exists, never written, even if this process may.
    ReadOnly,
}

/// libpq's TLS parameters, as an address gave them (the last of each
/// wins, as in libpq); [`tls`](super::tls) says what they mean.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct TlsParameters {
    /// `sslmode`, not yet checked.
    pub(crate) sslmode: Option<String>,
    /// `sslrootcert`: a PEM file, or `system`.
    pub(crate) sslrootcert: Option<String>,
}

/// A PostgreSQL address parsed: what `postgres::Config` takes, and the TLS
/// parameters it would refuse. An error names no part of the address.
pub(crate) fn parse_postgres(
    url: &SecretString,
) -> Result<(postgres::Config, TlsParameters), postgres::Error> {
    let (rest, tls) = split_tls(url.expose_secret());
    Ok((rest.expose_secret().parse()?, tls))
}

/// Takes `sslmode` and `sslrootcert` out of a `postgres://` URL's query or
/// a libpq `key=value` string, reading both as tokio-postgres reads them
/// (so percent-decoded in a URL, unquoted in a `key=value` string); the
/// rest is left for `postgres::Config`. What does not parse is left as it
/// is, for `postgres::Config` to report.
pub(crate) fn split_tls(text: &str) -> (SecretString, TlsParameters) {
    let mut tls = TlsParameters::default();
    let rest = match ["postgres://", "postgresql://"]
        .iter()
        .find(|prefix| text.starts_with(**prefix))
    {
        Some(prefix) => split_url(text, prefix.len(), &mut tls),
        None => split_key_values(text, &mut tls).unwrap_or_else(|| {
            tls = TlsParameters::default();
            text.to_string()
        }),
    };
    (SecretString::from(rest), tls)
}

/// Records `key` if it is a TLS parameter; whether it was.
fn take_tls(tls: &mut TlsParameters, key: &str, value: String) -> bool {
    match key {
        "sslmode" => tls.sslmode = Some(value),
        "sslrootcert" => tls.sslrootcert = Some(value),
        _ => return false,
    }
    true
}

/// A URL without its TLS parameters. The query starts at the first `?`
/// after the credentials (which end at the first `@`), as in tokio-postgres.
fn split_url(text: &str, prefix: usize, tls: &mut TlsParameters) -> String {
    let after_credentials = text[prefix..]
        .find('@')
        .map_or(prefix, |at| prefix + at + 1);
    let Some(question) = text[after_credentials..].find('?') else {
        return text.to_string();
    };
    let (head, query) = text.split_at(after_credentials + question);
    let mut query = &query[1..];
    let mut kept: Vec<&str> = Vec::new();
    while !query.is_empty() {
        let Some(equals) = query.find('=') else {
            kept.push(query);
            break;
        };
        let end = query[equals..]
            .find('&')
            .map_or(query.len(), |a| equals + a);
        let (pair, next) = (&query[..end], query.get(end + 1..).unwrap_or(""));
        let decoded = |s: &str| percent_decode_str(s).decode_utf8().ok().map(String::from);
        let taken = match (decoded(&pair[..equals]), decoded(&pair[equals + 1..])) {
            (Some(key), Some(value)) => take_tls(tls, &key, value),
            _ => false,
        };
        if !taken {
            kept.push(pair);
        }
        query = next;
    }
    if kept.is_empty() {
        head.to_string()
    } else {
        format!("{head}?{}", kept.join("&"))
    }
}

/// A libpq `key=value` string without its TLS parameters, the others
/// written again as `key='value'`; `None` if it does not parse.
fn split_key_values(text: &str, tls: &mut TlsParameters) -> Option<String> {
    let mut chars = text.chars().peekable();
    let mut kept = Vec::new();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut key = String::new();
        while let Some(c) = chars.next_if(|c| !c.is_whitespace() && *c != '=') {
            key.push(c);
        }
        if key.is_empty() {
            break;
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        chars.next_if_eq(&'=')?;
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let quoted = chars.next_if_eq(&'\'').is_some();
        let mut value = String::new();
        loop {
            match chars.peek().copied() {
                Some('\'') if quoted => break,
                Some(c) if !quoted && c.is_whitespace() => break,
                None => break,
                Some(_) => {}
            }
            match chars.next() {
                Some('\\') => value.extend(chars.next()),
                Some(c) => value.push(c),
                None => break,
            }
        }
        if quoted {
            chars.next_if_eq(&'\'')?;
        } else if value.is_empty() {
            return None;
        }
        if !take_tls(tls, &key, value.clone()) {
            let escaped = value.replace('\\', "\\\\").replace('\'', "\\'");
            kept.push(format!("{key}='{escaped}'"));
        }
    }
    Some(kept.join(" "))
}

/// `postgres://USER@HOST:PORT/DATABASE`, from what a config holds.
pub(crate) fn redacted(config: &postgres::Config) -> String {
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .zip(config.get_ports().iter().chain(std::iter::repeat(&5432)))
        .map(|(host, port)| match host {
            postgres::config::Host::Tcp(name) => format!("{name}:{port}"),
            #[cfg(unix)]
            postgres::config::Host::Unix(path) => format!("{}:{port}", path.display()),
        })
        .collect();
    format!(
        "postgres://{}@{}/{}",
        config.get_user().unwrap_or(""),
        hosts.join(","),
        config.get_dbname().unwrap_or("")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_postgres_url_is_shown_without_its_password() {
        let location = StoreLocation::parse("postgres://app:hunter2@db.example:6543/creds");
        let shown = location.to_string();
        assert_eq!(shown, "postgres://app@db.example:6543/creds");
        assert!(!format!("{location:?}").contains("hunter2"));
        let libpq = StoreLocation::parse("host=localhost user=app password=hunter2 dbname=c");
        assert!(!libpq.to_string().contains("hunter2"));
        assert!(matches!(
            StoreLocation::parse("connectors.db"),
            StoreLocation::Sqlite(_)
        ));
    }

    fn split(text: &str) -> (String, TlsParameters) {
        let (rest, tls) = split_tls(text);
        (rest.expose_secret().to_string(), tls)
    }

    fn tls(mode: Option<&str>, root: Option<&str>) -> TlsParameters {
        TlsParameters {
            sslmode: mode.map(String::from),
            sslrootcert: root.map(String::from),
        }
    }

    #[test]
    fn the_tls_parameters_are_taken_out_of_a_url_query() {
        assert_eq!(
            split("postgres://u:p@h/db?sslmode=verify-full&sslrootcert=%2Ftmp%2Fca%20x.pem"),
            (
                "postgres://u:p@h/db".to_string(),
                tls(Some("verify-full"), Some("/tmp/ca x.pem"))
            )
        );
        // The others stay, as written; the last sslmode wins, as in libpq.
        assert_eq!(
            split(
                "postgresql://h:1,g:2/db?connect_timeout=2&sslmode=require&application_name=a%26b&ssl%6dode=verify-ca"
            ),
            (
                "postgresql://h:1,g:2/db?connect_timeout=2&application_name=a%26b".to_string(),
                tls(Some("verify-ca"), None)
            )
        );
        // A '?' in the password is not the query; none at all is nothing.
        assert_eq!(
            split("postgres://u:p?sslmode=x@h/db"),
            ("postgres://u:p?sslmode=x@h/db".to_string(), tls(None, None))
        );
        assert_eq!(
            split("postgres://h?sslmode=disable"),
            ("postgres://h".to_string(), tls(Some("disable"), None))
        );
        // What tokio-postgres would refuse is left for it to refuse.
        assert_eq!(split("postgres://h/db?junk").0, "postgres://h/db?junk");
    }

    #[test]
    fn the_tls_parameters_are_taken_out_of_a_key_value_string() {
        assert_eq!(
            split(
                "host=db.example  user=app password='it\\'s' sslmode = verify-ca sslrootcert='/tmp/my ca.pem'"
            ),
            (
                "host='db.example' user='app' password='it\\'s'".to_string(),
                tls(Some("verify-ca"), Some("/tmp/my ca.pem"))
            )
        );
        let (rest, _) = split("host=h password=a\\ b\\\\c dbname=d sslmode=disable");
        let config: postgres::Config = rest.parse().unwrap();
        assert_eq!(config.get_password(), Some(&b"a b\\c"[..]));
        assert_eq!(config.get_dbname(), Some("d"));
        // A string that does not parse is left whole, for postgres::Config to refuse.
        assert_eq!(
            split("host=h sslmode"),
            ("host=h sslmode".to_string(), tls(None, None))
        );
    }

    #[test]
    fn a_url_with_tls_parameters_is_shown_without_them_or_its_password() {
        for text in [
            "postgres://app:hunter2@db.example:6543/creds?sslmode=verify-full&sslrootcert=/etc/ca.pem",
            "host=db.example port=6543 user=app password=hunter2 dbname=creds sslmode=verify-ca sslrootcert=system",
        ] {
            let location = StoreLocation::parse(text);
            assert_eq!(location.to_string(), "postgres://app@db.example:6543/creds");
            assert!(!format!("{location:?}").contains("hunter2"));
        }
    }
}
