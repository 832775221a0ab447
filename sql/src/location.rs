//! Where a database store is: an SQLite file, or a PostgreSQL URL that may
//! hold a password and is shown without it.
//!
//! [`StoreLocation::parse`] is the one place that decides what a text
//! names, and `Display` the one way a location is shown: every message
//! that names a store goes through it, so none repeats a password.
//!
//! A PostgreSQL address may also hold libpq's `sslmode` and `sslrootcert`,
//! which `postgres::Config` refuses (it knows no `verify-*`): they are
//! taken out here ([`split_tls`]) and meant by [`tls`](super::tls).

use std::fmt;
use std::path::PathBuf;

use percent_encoding::percent_decode_str;
use secrecy::{ExposeSecret, SecretString};

use crate::key::{redact_keys, shown_path};
use crate::store::AdminError;

/// An SQLite file or a PostgreSQL database.
#[derive(Clone, Debug)]
pub enum StoreLocation {
    /// An SQLite file ([`SqlStore::open`](super::SqlStore::open) creates
    /// it, with mode 0600; [`SqlStore::open_existing`](super::SqlStore::open_existing) never does).
    Sqlite(PathBuf),
    /// A `postgres://` (or `postgresql://`) URL, or a libpq `key=value`
    /// string; kept secret, since it may hold a password.
    Postgres(SecretString),
}

/// The forms a store location may take, as a refusal lists them.
const SUPPORTED_LOCATIONS: &str = "a file's path (an SQLite store; start a path whose first part holds ':' with ./), \
     postgres://USER:PASSWORD@HOST:PORT/DATABASE (or postgresql://; percent-encode '@', ':' and '/' in a password as %40, %3A, %2F), \
     or libpq's key=value form (host=HOST port=PORT dbname=DATABASE user=USER ...)";

/// The libpq keywords a `key=value` location may start with (the ones
/// `postgres::Config` reads, and the TLS ones [`split_tls`] takes).
const LIBPQ_KEYWORDS: &[&str] = &[
    "host",
    "hostaddr",
    "port",
    "dbname",
    "user",
    "password",
    "options",
    "application_name",
    "sslmode",
    "sslrootcert",
    "connect_timeout",
    "tcp_user_timeout",
    "keepalives",
    "keepalives_idle",
    "keepalives_interval",
    "keepalives_retries",
    "target_session_attrs",
    "channel_binding",
    "load_balance_hosts",
];

impl StoreLocation {
    /// What `text` names, by one rule:
    ///
    /// - `postgres://...` or `postgresql://...` (any case) is a PostgreSQL
    ///   URL, which must parse, with at most one `@` (an unencoded `@` in a
    ///   password would put the password's tail in the host, and so in
    ///   every message);
    /// - text that starts `KEYWORD=` (or `KEYWORD =`) with a libpq keyword (`host=`,
    ///   `dbname=`, `user=`...) is a libpq `key=value` string, which must parse;
    /// - other text whose first part (up to the first `/` or `\`) holds a
    ///   `:` is shaped like an address (`pg://...`, `sqlite:...`,
    ///   `postgres:...` without `//`, `user:password@host`) and refused,
    ///   except a drive letter (`C:`);
    /// - anything else is an SQLite file's path (`./a:b.db` and
    ///   `dir/a:b.db` are paths).
    ///
    /// A refusal is [`AdminError::Invalid`] (`invalid-parameter`), names the
    /// supported forms and never repeats the text, which may hold a password.
    pub fn parse(text: &str) -> Result<Self, AdminError> {
        let trimmed = text.trim_start();
        let lower = trimmed.to_ascii_lowercase();
        if trimmed.is_empty() {
            return Err(refused("the store location is empty"));
        }
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            if trimmed.matches('@').count() > 1 {
                return Err(refused(
                    "the PostgreSQL URL holds more than one '@': percent-encode an '@' in a user name, password or parameter as %40",
                ));
            }
            // tokio-postgres knows the scheme in lower case only.
            let scheme = trimmed.find("://").unwrap_or(0);
            let normalized = format!("{}{}", &lower[..scheme], &trimmed[scheme..]);
            return Self::postgres(&normalized);
        }
        let keyword = lower
            .split(|c: char| c == '=' || c.is_whitespace())
            .next()
            .unwrap_or("");
        let after_keyword = lower[keyword.len()..].trim_start();
        if LIBPQ_KEYWORDS.contains(&keyword) && after_keyword.starts_with('=') {
            return Self::postgres(text);
        }
        let first_part = trimmed.split(['/', '\\']).next().unwrap_or("");
        if let Some(colon) = first_part.find(':') {
            let drive = colon == 1
                && first_part.as_bytes()[0].is_ascii_alphabetic()
                && first_part.len() == 2;
            if !drive {
                let scheme = &first_part[..colon];
                let named = trimmed[colon..].starts_with("://")
                    && !scheme.is_empty()
                    && scheme.len() <= 16
                    && scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
                let why = if named {
                    format!(
                        "the store location is an address of the scheme '{scheme}:', which is not supported"
                    )
                } else {
                    "the store location is shaped like an address (it holds ':' before any '/'), and is no supported one"
                        .to_string()
                };
                return Err(refused(&why));
            }
        }
        Ok(StoreLocation::Sqlite(PathBuf::from(text)))
    }

    /// A PostgreSQL location that parses; refused (naming no part of it) if not.
    fn postgres(text: &str) -> Result<Self, AdminError> {
        let secret = SecretString::from(text.to_string());
        match parse_postgres(&secret) {
            Ok(_) => Ok(StoreLocation::Postgres(secret)),
            Err(_) => Err(refused(
                "the PostgreSQL address does not parse (what it holds is not repeated here)",
            )),
        }
    }
}

/// A refused location: why, and the forms that are supported; nothing was created.
fn refused(why: &str) -> AdminError {
    AdminError::Invalid(format!(
        "{why}; nothing was created, and the location is not repeated here, since it may hold a password. \
         A store location is {SUPPORTED_LOCATIONS}"
    ))
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

/// `postgres://USER@HOST:PORT/DATABASE`, from what a config holds. A host
/// or database name holding `@` (what a URL with an unencoded `@` in its
/// password, built without [`StoreLocation::parse`], gives) is cut to
/// what follows its last `@`, so that no tail of a password shows.
pub(crate) fn redacted(config: &postgres::Config) -> String {
    let after_at = |text: &str| text.rsplit('@').next().unwrap_or("").to_string();
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .zip(config.get_ports().iter().chain(std::iter::repeat(&5432)))
        .map(|(host, port)| match host {
            postgres::config::Host::Tcp(name) => format!("{}:{port}", after_at(name)),
            #[cfg(unix)]
            postgres::config::Host::Unix(path) => format!("{}:{port}", path.display()),
        })
        .collect();
    format!(
        "postgres://{}@{}/{}",
        config.get_user().unwrap_or(""),
        hosts.join(","),
        after_at(config.get_dbname().unwrap_or(""))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_postgres_url_is_shown_without_its_password() {
        let location =
            StoreLocation::parse("postgres://app:hunter2@db.example:6543/creds").unwrap();
        let shown = location.to_string();
        assert_eq!(shown, "postgres://app@db.example:6543/creds");
        assert!(!format!("{location:?}").contains("hunter2"));
        let libpq =
            StoreLocation::parse("host=localhost user=app password=hunter2 dbname=c").unwrap();
        assert!(!libpq.to_string().contains("hunter2"));
        assert!(matches!(
            StoreLocation::parse("connectors.db"),
            Ok(StoreLocation::Sqlite(_))
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
            let location = StoreLocation::parse(text).unwrap();
            assert_eq!(location.to_string(), "postgres://app@db.example:6543/creds");
            assert!(!format!("{location:?}").contains("hunter2"));
        }
    }

    #[test]
    fn paths_and_supported_addresses_are_told_from_other_addresses() {
        for path in [
            "connectors.db",
            "./a:b.db",
            "dir/a:b.db",
            "/tmp/x:y@z.db",
            "C:\\stores\\c.db",
            "C:/stores/c.db",
            "user@host.db",
            "port",
        ] {
            assert!(
                matches!(StoreLocation::parse(path), Ok(StoreLocation::Sqlite(_))),
                "{path}"
            );
        }
        for postgres in [
            "postgres://app:pw@h/db",
            "POSTGRESQL://h/db",
            "host=h dbname=d",
            "dbname=d user=u",
            "  host = h",
        ] {
            assert!(
                matches!(
                    StoreLocation::parse(postgres),
                    Ok(StoreLocation::Postgres(_))
                ),
                "{postgres}"
            );
        }
        for refused in [
            "pg://app:hunter2@127.0.0.1:55432/conn",
            "sqlite://hunter2.db",
            "http://app:hunter2@h/",
            "postgres:app:hunter2@h/db",
            "postgress:app:hunter2@127.0.0.1",
            "app:hunter2@host",
            "app_user:hunter2@host/db",
            "a:b.db",
            "postgres://app@hunter2@h/db",
            "postgres://app:p@ss/hunter2@h/db",
            "host=h hunter2",
            "",
            "   ",
        ] {
            let Err(error) = StoreLocation::parse(refused) else {
                panic!("{refused} was taken");
            };
            assert_eq!(error.code().as_str(), "invalid-parameter");
            let message = error.to_string();
            assert!(!message.contains("hunter2"), "{message}");
            assert!(
                message.contains("postgres://USER:PASSWORD@HOST"),
                "{message}"
            );
        }
    }

    #[test]
    fn a_location_built_by_hand_still_shows_no_tail_of_a_password() {
        let location = StoreLocation::Postgres(SecretString::from(
            "postgres://app@hunter2@h/db".to_string(),
        ));
        assert!(!location.to_string().contains("hunter2"), "{location}");
    }
}
