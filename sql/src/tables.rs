//! What a database backend provides: transactions, and the few statements
//! the database stores share. The logic that uses them (sealing, the
//! compare-and-set, grants, history) is written once, in the files beside
//! this one.

use std::fmt;

use crate::error::{KeyError, StoreError};
use crate::history::HistoryEntry;
use crate::keyring::{KeyId, KeyState};
use crate::model::ConnectorSummary;

/// The schema version this build writes, and the newest it can open.
/// Version 3 added keyrings: a key id on every value, and the store's keys.
/// Version 4 binds each value's secret mark, and seals each connector's
/// list of its values in its row (see [`seal`](crate::seal)).
pub(crate) const SCHEMA_VERSION: u32 = 4;

/// A property as a database holds it: its value sealed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SealedProperty {
    /// Where it comes in the connector's order.
    pub position: i64,
    pub name: String,
    pub sealed: Vec<u8>,
    pub secret: bool,
}

/// The key id column of a sealed value: the id its header names, or 0 (no
/// key's id, in practice) for a value in no format this build writes.
pub(crate) fn key_column(sealed: &[u8]) -> i64 {
    crate::seal::sealed_by(sealed).map_or(0, KeyId::to_column)
}

/// A key row from its columns; a state or id this build does not know is
/// refused rather than guessed.
pub(crate) fn key_row(
    at: &str,
    id: i64,
    position: i64,
    state: &str,
    since: String,
) -> Result<StoreKeyRow, StoreError> {
    let tampered = |why: String| -> StoreError {
        KeyError::Tampered {
            store: at.to_string(),
            why,
        }
        .into()
    };
    let id = KeyId::from_column(id)
        .ok_or_else(|| tampered(format!("it names {id}, which is not a key id")))?;
    let state = KeyState::parse(state).ok_or_else(|| {
        tampered(format!(
            "it gives key {id} the state '{state}', which connectors-update never writes (nor does this version read it)"
        ))
    })?;
    Ok(StoreKeyRow {
        id,
        position,
        state,
        since,
    })
}

/// A property from a schema-1 file, whose values were plaintext.
pub(crate) struct LegacyProperty {
    pub connector: String,
    pub position: i64,
    pub name: String,
    pub value: secrecy::SecretString,
    pub secret: bool,
}

/// What opening found.
#[derive(Debug, Default)]
pub(crate) struct SchemaState {
    /// The store was at schema 1: its plaintext values are waiting in
    /// [`Tables::legacy_properties`] to be sealed.
    pub legacy: bool,
    /// The store was at schema 2: one key, known by its key check in
    /// `meta`, sealed its values in format 1; they are waiting to be sealed
    /// again with a key id.
    pub unkeyed: bool,
    /// The store was before schema 4: its values do not bind their secret
    /// mark, and its connectors have no seal; both are made on opening.
    pub unsealed: bool,
}

/// A key of the store's keyring, as the store records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct StoreKeyRow {
    pub id: KeyId,
    /// Its place: keys are listed, and preferred, newest last.
    pub position: i64,
    pub state: KeyState,
    /// When it took this state (RFC 3339).
    pub since: String,
}

/// How a transaction holds the store's key states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyLock {
    /// Not at all (reads).
    None,
    /// Against a change (writes, which seal with a key): many at once.
    Shared,
    /// To change them (staging, promoting, retiring): after every shared
    /// holder is done, so that no write seals with a key being retired.
    /// Taken by a transaction's first statement, never after `Shared`.
    Exclusive,
}

/// Whether a transaction may write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Access {
    /// Reads one consistent snapshot.
    Read,
    /// Writes; SQLite takes its write lock at once.
    Write,
}

/// The statements of one transaction.
pub(crate) trait Tables {
    /// Creates the tables of a new store, or brings an older one to
    /// [`SCHEMA_VERSION`]; a newer one is [`StoreError::Schema`].
    fn prepare_schema(&mut self) -> Result<SchemaState, StoreError>;
    /// Schema 1's plaintext properties (empty once sealed).
    fn legacy_properties(&mut self) -> Result<Vec<LegacyProperty>, StoreError>;
    /// Inserts a property, or replaces the one of that name.
    fn put_property(
        &mut self,
        connector: &str,
        property: &SealedProperty,
    ) -> Result<(), StoreError>;
    /// Deletes a property.
    fn delete_property(&mut self, connector: &str, name: &str) -> Result<(), StoreError>;
    /// Drops schema 1's plaintext table.
    fn drop_legacy(&mut self) -> Result<(), StoreError>;

    /// A value of the store's own settings.
    fn meta(&mut self, key: &str) -> Result<Option<Vec<u8>>, StoreError>;
    /// Sets one.
    fn set_meta(&mut self, key: &str, value: &[u8]) -> Result<(), StoreError>;

    /// The connector with this id.
    fn head(&mut self, id: &str) -> Result<Option<ConnectorSummary>, StoreError>;
    /// The connector with this id, its row locked until the transaction
    /// ends (PostgreSQL; SQLite's write lock holds everything already).
    fn lock_head(&mut self, id: &str) -> Result<Option<ConnectorSummary>, StoreError>;
    /// Holds, until the transaction ends, the lock that adding a connector
    /// takes: two adds run one after the other, so each sees the other's
    /// ids and names (PostgreSQL; SQLite's write lock holds everything
    /// already). Without it, at READ COMMITTED, one add could take an id
    /// that another, not yet committed, takes as a name.
    fn lock_names(&mut self) -> Result<(), StoreError>;
    /// The connectors with exactly this name, by id.
    fn heads_named(&mut self, name: &str) -> Result<Vec<ConnectorSummary>, StoreError>;
    /// Every connector, by name then id.
    fn heads(&mut self) -> Result<Vec<ConnectorSummary>, StoreError>;
    /// A connector's properties, in order.
    fn properties(&mut self, id: &str) -> Result<Vec<SealedProperty>, StoreError>;
    /// Every property of every connector (for migrating and checking them all).
    fn all_properties(&mut self) -> Result<Vec<(String, SealedProperty)>, StoreError>;
    /// Up to `limit` properties whose values were sealed by a key other
    /// than `key` (by the key id recorded with them), by connector then
    /// name, after the (connector, name) `after` if given.
    fn sealed_by_other_keys(
        &mut self,
        key: KeyId,
        after: Option<(&str, &str)>,
        limit: usize,
    ) -> Result<Vec<(String, SealedProperty)>, StoreError>;
    /// Replaces one property's sealed value if it is still `old`; reports
    /// whether it was (a write in between is never overwritten).
    fn reseal(
        &mut self,
        connector: &str,
        name: &str,
        old: &[u8],
        new: &[u8],
    ) -> Result<bool, StoreError>;

    /// The keys of the store's keyring, by position, locked as `lock` says
    /// until the transaction ends.
    fn store_keys(&mut self, lock: KeyLock) -> Result<Vec<StoreKeyRow>, StoreError>;
    /// Records a key, or its new state.
    fn put_store_key(&mut self, key: &StoreKeyRow) -> Result<(), StoreError>;
    /// How many values each key id (as recorded with them) seals; a key
    /// that seals none is not listed.
    fn values_by_key(&mut self) -> Result<Vec<(KeyId, u64)>, StoreError>;
    /// Removes a value of the store's own settings.
    fn delete_meta(&mut self, key: &str) -> Result<(), StoreError>;
    /// The connector seal kept in a connector's row (`None`: none, or no
    /// such connector).
    fn connector_seal(&mut self, id: &str) -> Result<Option<Vec<u8>>, StoreError>;
    /// Keeps a connector seal in its row.
    fn set_connector_seal(&mut self, id: &str, sealed: &[u8]) -> Result<(), StoreError>;
    /// Up to `limit` connectors whose seal a key other than `key` made (or
    /// that have none), by id, after the id `after` if given.
    fn heads_sealed_by_other_keys(
        &mut self,
        key: KeyId,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<ConnectorSummary>, StoreError>;
    /// How many connector seals each key id made; a key that made none is
    /// not listed.
    fn connector_seals_by_key(&mut self) -> Result<Vec<(KeyId, u64)>, StoreError>;
    /// Inserts a connector; `false` when its id is taken.
    fn insert_connector(&mut self, head: &ConnectorSummary) -> Result<bool, StoreError>;
    /// The compare-and-set: moves the revision from `from` to `to`, and
    /// reports whether the connector was still at `from`.
    fn advance_revision(&mut self, id: &str, from: u64, to: u64) -> Result<bool, StoreError>;

    /// The principals granted a connector, in order.
    fn grants(&mut self, id: &str) -> Result<Vec<String>, StoreError>;
    /// Grants (`true`) or revokes; reports whether anything changed.
    fn set_grant(&mut self, id: &str, principal: &str, granted: bool) -> Result<bool, StoreError>;
    /// Every grant, as (connector id, principal), by connector then principal.
    fn all_grants(&mut self) -> Result<Vec<(String, String)>, StoreError>;

    /// Deletes a connector with its properties and grants (not its
    /// history); `false` when there was none.
    fn delete_connector(&mut self, id: &str) -> Result<bool, StoreError>;

    /// Records a write.
    fn append_history(&mut self, entry: &HistoryEntry) -> Result<(), StoreError>;
    /// A connector's history, oldest first.
    fn history(&mut self, id: &str) -> Result<Vec<HistoryEntry>, StoreError>;
}

/// The work of one transaction: it commits when the work returns `Ok(true)`.
pub(crate) type Work<'a> = dyn FnMut(&mut dyn Tables) -> Result<bool, StoreError> + 'a;

/// A database the stores can run transactions on.
pub(crate) trait Backend: Send + Sync + fmt::Debug {
    /// Runs `work` in one transaction.
    fn transaction(&self, access: Access, work: &mut Work<'_>) -> Result<(), StoreError>;
    /// After schema 1's plaintext was sealed: leaves no copy of it in the
    /// database's files (SQLite vacuums and truncates its journal).
    fn purge_freed(&self) -> Result<(), StoreError>;
}
