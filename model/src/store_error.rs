//! What a store or token source can fail with: the one definition the
//! guest, the host's stores and the engines share.

use crate::codes::ErrorCode;
use crate::model::Violation;

/// Why a store or token source refused or failed a call, or why a store
/// could not be opened or administered. A store implementation returns it;
/// every case that a call can return crosses the WIT as its own
/// `store-error` case and reaches the engine with its own [`ErrorCode`].
///
/// Messages must name no property value: they reach the action's errors.
/// Not `#[non_exhaustive]`: each case crosses the WIT as a case of its
/// own, so a new one is a new WIT version, and the guest's and the
/// harness's conversions match every case, with no catch-all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// No connector has that id.
    #[error("not found")]
    NotFound,
    /// The caller may not do this.
    #[error("permission denied: {reason}")]
    PermissionDenied {
        /// The property, when the refusal is per property.
        property: Option<String>,
        /// Why, naming no value.
        reason: String,
    },
    /// The connector is no longer at the expected revision; this is the current one.
    #[error("conflict: the connector is at revision {0}")]
    Conflict(u64),
    /// The store cannot answer now; trying again later may work.
    #[error("{0}")]
    Unavailable(String),
    /// The write would leave a value that breaks the kind's rules where only
    /// the store sees it: a secret merged in the store. Nothing was written.
    #[error("{}", .0.iter().map(|v| v.message.as_str()).collect::<Vec<_>>().join(" "))]
    Invalid(Vec<Violation>),
    /// The store's key is missing, wrong or malformed: nothing was read or changed.
    #[error("{0}")]
    Key(#[from] KeyError),
    /// A stored value failed its integrity check: it was changed outside
    /// connectors-update, or moved from another connector or property.
    ///
    /// Only reading that value fails: a write that sets or removes the
    /// property repairs it, and the connector's other values still open.
    #[error(
        "the stored value of property '{property}' of connector '{connector}' failed its integrity check: it was changed or moved outside connectors-update, and cannot be read; set the property again (a step that sets or removes it repairs it) or restore the store from a backup"
    )]
    Tampered {
        /// The connector's id.
        connector: String,
        /// The property's name.
        property: String,
    },
    /// The key was not rotated because these values (connector id, property
    /// name) fail their integrity check: a value that does not open cannot
    /// be re-sealed. Nothing was changed; the old key still opens the store.
    #[error(
        "the key was not rotated, and nothing was changed: {} stored value(s) failed their integrity check and cannot be re-sealed: {}; set each again (a step that sets or removes the property repairs it) or restore the store from a backup, then rotate again",
        .damaged.len(),
        .damaged.iter().map(|(c, p)| format!("property '{p}' of connector '{c}'")).collect::<Vec<_>>().join(", ")
    )]
    CannotRotate {
        /// The damaged values: (connector id, property name).
        damaged: Vec<(String, String)>,
    },
    /// There is no store where one was to be opened, and none was created:
    /// only adding a connector creates a store.
    #[error(
        "there is no connectors-update store at {location} ({why}); nothing was created. Check --store (or CONNECTORS_STORE); `connectors-update connector add` (or `demo`) creates a store"
    )]
    NoStore {
        /// The SQLite path, or the PostgreSQL address without its password.
        location: String,
        /// What was found instead.
        why: String,
    },
    /// The store can be read, not written, by this process (its file or
    /// folder is not writable, a PostgreSQL role without write privileges
    /// or a standby server, or it was opened read-only). Nothing was written.
    #[error(
        "the store {location} can only be read here ({why}), so nothing was changed; {}",
        read_only_remedy(location)
    )]
    ReadOnly {
        /// The SQLite path, or the PostgreSQL address without its password.
        location: String,
        /// Why it is read-only.
        why: String,
    },
    /// The store was written by a newer version of connectors-update.
    #[error(
        "the store {location} has schema version {found}, and this connectors-update understands up to {supported}; use a newer connectors-update (the store was left as it is)"
    )]
    Schema {
        /// The SQLite path, or the PostgreSQL address without its password.
        location: String,
        /// The store's schema version.
        found: u32,
        /// The newest this build understands.
        supported: u32,
    },
}

impl StoreError {
    /// Its stable code: the one decision, which the CLI prints for a store
    /// it administers and from which a step's error takes its code
    /// ([`ErrorCode::in_a_step`]). Exhaustive, so a new case needs a code.
    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::NotFound => ErrorCode::ConnectorNotFound,
            StoreError::PermissionDenied { .. } => ErrorCode::PermissionDenied,
            StoreError::Conflict(_) => ErrorCode::Conflict,
            StoreError::Unavailable(_) => ErrorCode::StoreUnavailable,
            StoreError::Invalid(_) => ErrorCode::ValidationFailed,
            StoreError::Key(_) => ErrorCode::StoreKey,
            StoreError::Tampered { .. } | StoreError::CannotRotate { .. } => {
                ErrorCode::StoreTampered
            }
            StoreError::NoStore { .. } => ErrorCode::StoreNotFound,
            StoreError::ReadOnly { .. } => ErrorCode::StoreReadOnly,
            StoreError::Schema { .. } => ErrorCode::StoreSchema,
        }
    }
}

/// What to do about a store that can only be read, as its backend needs:
/// a PostgreSQL store (its address is a URL) has no file or folder.
fn read_only_remedy(location: &str) -> &'static str {
    if location.starts_with("postgres://") || location.starts_with("postgresql://") {
        "connect as a PostgreSQL role with write privileges on the store's tables (INSERT, UPDATE, DELETE), to the primary server rather than a standby"
    } else {
        "run this as a user who may write the store (its file and its folder), or work on a copy"
    }
}

/// Why a store's key could not be had or used. No variant holds key bytes.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// The store is sealed, and there is no key for it.
    #[error(
        "this store is encrypted and its key was not found ({looked}); set CONNECTORS_KEY or point --key-file at the store's key file"
    )]
    Missing {
        /// Where the key was looked for.
        looked: String,
    },
    /// A new store needs a key, and none was given.
    #[error(
        "this store needs a key, and none was given: set CONNECTORS_KEY to a base64 key of 32 bytes, or give --key-file FILE (a new key is made in FILE if it does not exist)"
    )]
    NoneGiven,
    /// A key was found, but it is not the key this store was sealed with.
    #[error(
        "{key} does not open the store {store}: it was sealed with another key (a wrong CONNECTORS_KEY or key file, or the key was rotated since); nothing was read or changed"
    )]
    Wrong {
        /// Where the key came from (never the key).
        key: String,
        /// The store (a PostgreSQL address without its password).
        store: String,
    },
    /// The key text is not a key.
    #[error("the store key is malformed: {0}; a key is 32 bytes in base64")]
    Malformed(String),
    /// Rotating a given key needs the next key given too.
    #[error(
        "the store's key was given (CONNECTORS_KEY), so the new key must be given too: set CONNECTORS_NEW_KEY to a new base64 key"
    )]
    NewKeyNeeded,
    /// A key error that a store reported through the component boundary,
    /// which carries its message only.
    #[error("{0}")]
    Reported(String),
    /// The key file could not be read or written, before anything in the
    /// store changed.
    #[error("the key file {path}: {reason}; nothing was changed")]
    Io {
        /// The file.
        path: String,
        /// What the system said.
        reason: String,
    },
    /// A key was retired in the store, but this machine's key file could not
    /// be rewritten without it: the store never uses it again, and the file
    /// still holds it.
    #[error(
        "key {key} was retired, and the store never uses it again, but it could not be taken out of the key file {path} ({reason}): take its line out of that file by hand"
    )]
    NotRemoved {
        /// The retired key's id (8 hex digits).
        key: String,
        /// The key file.
        path: String,
        /// What the system said.
        reason: String,
    },
    /// Every key this machine holds for the store was retired: the store
    /// was rotated, and this machine was not given the new keyring.
    #[error(
        "this machine's keys ({keys}) are only key(s) {retired}, which the store {store} retired: it now uses key(s) {current}. Copy the key file from a machine that holds them (or set CONNECTORS_KEY to them), then run this again; nothing was read or changed"
    )]
    Retired {
        /// Where this machine's keys came from (never a key).
        keys: String,
        /// The retired keys it holds (8 hex digits each).
        retired: String,
        /// The keys the store uses (8 hex digits each).
        current: String,
        /// The store (a PostgreSQL address without its password).
        store: String,
    },
    /// This machine's keyring lacks a key the store needs here: the key
    /// that sealed a value it must open, or the store's only usable key to
    /// seal with. The store was rotated, and this machine was not given the
    /// new keyring.
    #[error(
        "this machine's keys ({keys}) do not include key {key}, which the store {store} needs for {what}: the store's key was rotated and this machine was not given the new keyring. Copy the key file from the machine that ran `connector rotate-key` (or add the new key to CONNECTORS_KEY), then run this again; nothing was changed"
    )]
    Lacks {
        /// The missing key's id (8 hex digits).
        key: String,
        /// The store (a PostgreSQL address without its password).
        store: String,
        /// What was needed: a value, named, or sealing.
        what: String,
        /// Where this machine's keys came from (never a key).
        keys: String,
    },
    /// The store's list of keys (its `store_keys` table) is not one that
    /// connectors-update writes: no key, no primary key, two primary or two
    /// staged keys. It was changed outside connectors-update; nothing is
    /// read or written until it is restored.
    #[error(
        "the store {store}'s list of keys was changed outside connectors-update ({why}), so nothing was read or changed: restore the store (or its store_keys table) from a backup"
    )]
    Tampered {
        /// The store (a PostgreSQL address without its password).
        store: String,
        /// What is wrong with the list, naming key ids (8 hex digits).
        why: String,
    },
    /// A key could not be staged, promoted or retired; nothing was changed.
    #[error("key {key} was not {action}: {why}; nothing was changed")]
    Refused {
        /// The key id (8 hex digits).
        key: String,
        /// "staged", "made the primary key" or "retired".
        action: String,
        /// Why, and what to do.
        why: String,
    },
}
