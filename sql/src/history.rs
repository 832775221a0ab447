//! The audit trail of a database store: one entry per successful write,
//! recorded in the write's own transaction. Entries name properties, never
//! their values.

use serde::Serialize;

use crate::error::StoreError;
use crate::model::Caller;

/// What a history entry records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HistoryEvent {
    /// The connector was added.
    Created,
    /// A step (or an administrator) changed its properties.
    Updated,
    /// A principal was granted access.
    Granted,
    /// A principal's grant was taken away.
    Revoked,
    /// The connector was deleted, its values and grants with it. Its history
    /// is kept; a connector added later with the same id starts a new one.
    Deleted,
    /// A key rotation sealed its values (`properties`) again with the
    /// store's new primary key: the values and the revision are unchanged.
    Rekeyed,
}

impl HistoryEvent {
    /// Its name in the store and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            HistoryEvent::Created => "created",
            HistoryEvent::Updated => "updated",
            HistoryEvent::Granted => "granted",
            HistoryEvent::Revoked => "revoked",
            HistoryEvent::Deleted => "deleted",
            HistoryEvent::Rekeyed => "rekeyed",
        }
    }

    /// The event a stored name stands for.
    pub fn parse(name: &str) -> Option<Self> {
        [
            HistoryEvent::Created,
            HistoryEvent::Updated,
            HistoryEvent::Granted,
            HistoryEvent::Revoked,
            HistoryEvent::Deleted,
            HistoryEvent::Rekeyed,
        ]
        .into_iter()
        .find(|e| e.as_str() == name)
    }
}

/// One write to one connector: who, when, what changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HistoryEntry {
    /// The connector's id.
    pub connector: String,
    /// When, in RFC 3339 (UTC, milliseconds).
    pub at: String,
    /// What happened.
    pub event: HistoryEvent,
    /// The principal that did it; `None` for an anonymous caller.
    pub principal: Option<String>,
    /// The connector's revision before.
    pub revision_before: u64,
    /// And after (the same for a change of grants; 0 once deleted, as it
    /// is 0 before `created`).
    pub revision_after: u64,
    /// The properties added, changed or removed (for `deleted`: the ones it
    /// had), by name.
    pub properties: Vec<String>,
    /// Whose grant changed, for `granted` and `revoked`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grantee: Option<String>,
}

impl HistoryEntry {
    /// The entry of a write `caller` makes now, from the revision before to the one after.
    pub(crate) fn now(
        caller: &Caller,
        connector: &str,
        event: HistoryEvent,
        (before, after): (u64, u64),
        properties: Vec<String>,
        grantee: Option<String>,
    ) -> HistoryEntry {
        HistoryEntry {
            connector: connector.to_string(),
            at: now_rfc3339(),
            event,
            principal: caller.name().map(str::to_string),
            revision_before: before,
            revision_after: after,
            properties,
            grantee,
        }
    }

    /// An entry from the columns a database store keeps it in (`properties`
    /// as a JSON array); refused as [`StoreError::Unavailable`] when they
    /// hold what this version cannot read (an event or revision it does not
    /// know), rather than shown wrong.
    pub(crate) fn from_columns(
        connector: &str,
        at: String,
        event: &str,
        principal: Option<String>,
        (before, after): (i64, i64),
        properties: &str,
        grantee: Option<String>,
    ) -> Result<HistoryEntry, StoreError> {
        let corrupt = || {
            StoreError::Unavailable(format!(
                "the history of connector '{connector}' holds an entry this version cannot read"
            ))
        };
        Ok(HistoryEntry {
            connector: connector.to_string(),
            at,
            event: HistoryEvent::parse(event).ok_or_else(corrupt)?,
            principal,
            revision_before: u64::try_from(before).map_err(|_| corrupt())?,
            revision_after: u64::try_from(after).map_err(|_| corrupt())?,
            properties: serde_json::from_str(properties).map_err(|_| corrupt())?,
            grantee,
        })
    }
}

/// Now, as the history (and the store's list of keys) records it.
pub(crate) fn now_rfc3339() -> String {
    humantime::format_rfc3339_millis(std::time::SystemTime::now()).to_string()
}
