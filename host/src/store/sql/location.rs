//! Where a database store is: an SQLite file, or a PostgreSQL URL that may
//! hold a password and is shown without it.

use std::fmt;
use std::path::PathBuf;

use secrecy::{ExposeSecret, SecretString};

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
            StoreLocation::Sqlite(path) => write!(f, "{}", path.display()),
            StoreLocation::Postgres(url) => match url.expose_secret().parse::<postgres::Config>() {
                Ok(config) => write!(f, "{}", redacted(&config)),
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
}
