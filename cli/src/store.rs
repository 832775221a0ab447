//! `--store` and `--key-file`: which database store a command opens, and
//! with which key.

use std::path::{Path, PathBuf};

use clap::Args;
use connectors_update_sql::{KeySource, Keyring, SqlStore, StoreKey, StoreLocation};
use secrecy::SecretString;

use crate::failure::{Failure, warn};

/// The demo's store when no `--store` is typed, in the current folder, with
/// its key beside it (`connectors-demo.db.key`).
pub const DEMO_STORE: &str = "connectors-demo.db";

/// The environment variable that holds a store's keys in base64, separated
/// by commas (one key, or the keyring during a rotation).
pub const KEY_VARIABLE: &str = "CONNECTORS_KEY";
/// The environment variable that holds the next key for `rotate-key`.
pub const NEW_KEY_VARIABLE: &str = "CONNECTORS_NEW_KEY";

/// The store a command opens when none is named.
const DEFAULT_STORE: &str = "connectors.db";

/// Where the store is and where its key is. Its `Debug` shows the store
/// as [`StoreLocation`] does, without a PostgreSQL URL's password.
#[derive(Args)]
pub struct StoreOptions {
    /// The store: an SQLite file (created, mode 0600, by the first
    /// `connector add`; other commands never create one) or a PostgreSQL URL
    /// (postgres://USER:PASSWORD@HOST/DATABASE, or libpq's host=... form;
    /// prefer CONNECTORS_STORE for it). Any other address (a scheme and
    /// ':', such as pg://...) is refused; start a path holding ':' with ./.
    #[arg(
        long,
        global = true,
        env = "CONNECTORS_STORE",
        hide_env_values = true,
        default_value = DEFAULT_STORE,
        value_name = "PATH|URL"
    )]
    store: String,

    /// The store's key file: its keyring, one base64 key per line (mode
    /// 0600; created with a new store). Default: PATH.key beside an SQLite
    /// store. CONNECTORS_KEY (base64 keys, comma-separated) takes precedence.
    #[arg(
        long,
        global = true,
        env = "CONNECTORS_KEY_FILE",
        hide_env_values = true,
        value_name = "FILE"
    )]
    key_file: Option<PathBuf>,
}

impl std::fmt::Debug for StoreOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let store = self.location().map_or_else(
            |_| "(a location that is refused, not shown)".to_string(),
            |location| location.to_string(),
        );
        f.debug_struct("StoreOptions")
            .field("store", &store)
            .field("key_file", &self.key_file)
            .finish()
    }
}

impl StoreOptions {
    /// Where the store is: `invalid-parameter` for a location that is no
    /// path and no supported address ([`StoreLocation::parse`] decides).
    pub fn location(&self) -> Result<StoreLocation, Failure> {
        StoreLocation::parse(&self.store)
            .map_err(|e| Failure::from(e).hint("Check --store (or CONNECTORS_STORE)."))
    }

    /// Whether this is the default store, `connectors.db` in this folder.
    fn is_default(&self) -> bool {
        self.store == DEFAULT_STORE
    }

    /// Opens the store, creating it (and its key file) if there is none:
    /// only for the commands that add connectors (`connector add`, `demo`).
    pub fn open(&self) -> Result<SqlStore, Failure> {
        let location = self.location()?;
        let source = self.key_source(&location)?;
        let store = SqlStore::open(&location, source.clone())?;
        warn_if_loose(&source);
        Ok(store)
    }

    /// Opens a store that exists, creating nothing: a missing store is
    /// `store-not-found` naming the path. A store this user may not write is
    /// opened to be read (a write is then `store-read-only`).
    ///
    /// When the default store is missing and the demo's store is here, the
    /// failure says how to use it: a new user has just run `demo`.
    pub fn open_existing(&self) -> Result<SqlStore, Failure> {
        let location = self.location()?;
        let source = self.key_source(&location)?;
        let store = SqlStore::open_existing(&location, source.clone()).map_err(|error| {
            let failure = Failure::from(error);
            if failure.code() == "store-not-found"
                && self.is_default()
                && Path::new(DEMO_STORE).exists()
            {
                failure.hint(&format!(
                    "The demo's store is ./{DEMO_STORE}: add --store {DEMO_STORE} to use it."
                ))
            } else {
                failure
            }
        })?;
        warn_if_loose(&source);
        Ok(store)
    }

    fn key_source(&self, location: &StoreLocation) -> Result<KeySource, Failure> {
        if let Some(keys) = keyring_from_env(KEY_VARIABLE)? {
            return Ok(KeySource::Keys(keys));
        }
        Ok(match (&self.key_file, location) {
            (Some(file), _) => KeySource::File(file.clone()),
            (None, StoreLocation::Sqlite(path)) => KeySource::beside(path),
            (None, StoreLocation::Postgres(_)) => KeySource::Missing,
        })
    }
}

/// A keyring from a environment variable of comma-separated base64 keys,
/// if it is set.
pub fn keyring_from_env(variable: &str) -> Result<Option<Keyring>, Failure> {
    let Some(text) = std::env::var_os(variable) else {
        return Ok(None);
    };
    let text = text
        .into_string()
        .map_err(|_| Failure::new("store-key", format!("{variable} is not base64 text")))?;
    refuse_empty(variable, &text)?;
    Keyring::from_base64(&SecretString::from(text))
        .map(Some)
        .map_err(|e| Failure::new("store-key", format!("{variable}: {e}")))
}

/// A key from a base64 environment variable, if it is set.
pub fn key_from_env(variable: &str) -> Result<Option<StoreKey>, Failure> {
    let Some(text) = std::env::var_os(variable) else {
        return Ok(None);
    };
    let text = text
        .into_string()
        .map_err(|_| Failure::new("store-key", format!("{variable} is not base64 text")))?;
    refuse_empty(variable, &text)?;
    StoreKey::from_base64(&SecretString::from(text))
        .map(Some)
        .map_err(|e| Failure::new("store-key", format!("{variable}: {e}")))
}

/// Refuses a key variable that is set to nothing: more likely a script's
/// unset variable than a choice, and guessing which key was meant could
/// make a new store under the wrong one.
fn refuse_empty(variable: &str, text: &str) -> Result<(), Failure> {
    if text.trim().is_empty() {
        return Err(Failure::new(
            "store-key",
            format!(
                "{variable} is set but empty: set it to base64 key(s), or unset it (`unset {variable}`) to use the key file (--key-file, or PATH.key beside an SQLite store)"
            ),
        ));
    }
    Ok(())
}

/// Warns on standard error about a key file that other users may read.
fn warn_if_loose(source: &KeySource) {
    if let Some(warning) = source.loose_permissions() {
        warn(&warning);
    }
}
