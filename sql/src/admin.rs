//! Administering a database store: adding connectors, finding them with
//! their values, granting and revoking access, listing, reading the
//! history, deleting. Every write is recorded in the connector's history
//! in its own transaction.

use super::SqlStore;
use super::manifest::{self, Manifest};
use super::records::{find, find_head, find_usable_head, load, open_checked};
use super::tables::{Access, SealedProperty};
use crate::error::StoreError;
use crate::history::{HistoryEntry, HistoryEvent};
use crate::model::{Caller, ConnectorRecord, ConnectorSummary, NewConnector};
use crate::store::{AdminError, check_access, may_use, new_record, refuse_id_name_collision};

/// The `meta` row that says who made the store.
const MADE_BY: &str = "made-by";

/// What [`SqlStore::find_as`] found: the connector, whom it is granted
/// to, and which of its values failed their integrity check.
#[derive(Clone, Debug)]
pub struct Found {
    /// The connector, values included; a damaged value is left empty.
    pub record: ConnectorRecord,
    /// The principals it is granted to, in order.
    pub grants: Vec<String>,
    /// The names of the values that failed their integrity check.
    pub damaged: Vec<String>,
}

impl SqlStore {
    /// Adds a connector for an anonymous caller and returns it as stored.
    pub fn add(&self, new: NewConnector) -> Result<ConnectorRecord, AdminError> {
        self.add_as(&Caller::anonymous(), new)
    }

    /// Adds a connector, recording `caller` in its history, and returns it
    /// as stored. A connector of a kind the store has no rules for
    /// ([`with_kinds`](SqlStore::with_kinds)) is [`AdminError::UnknownKind`],
    /// one that breaks its kind's rules [`AdminError::ValidationFailed`],
    /// one whose id is taken, or is another connector's name, or whose name
    /// is another connector's id, or with a value over the per-value limit,
    /// [`AdminError::Invalid`]: nothing is added.
    pub fn add_as(
        &self,
        caller: &Caller,
        new: NewConnector,
    ) -> Result<ConnectorRecord, AdminError> {
        let rules = self.kinds.for_new(new.kind.as_deref())?;
        let record = new_record(new, rules)?;
        self.with(Access::Write, |t, sealers| {
            t.lock_names()?;
            if t.head(&record.id)?.is_some() {
                return Err(AdminError::Invalid(format!(
                    "a connector with id '{}' exists already",
                    record.id
                )));
            }
            refuse_id_name_collision(
                &record,
                !t.heads_named(&record.id)?.is_empty(),
                record.name != record.id && t.head(&record.name)?.is_some(),
            )?;
            if !t.insert_connector(&record.summary())? {
                return Err(AdminError::Invalid(format!(
                    "a connector with id '{}' exists already",
                    record.id
                )));
            }
            for (position, p) in record.properties.iter().enumerate() {
                t.put_property(
                    &record.id,
                    &SealedProperty {
                        position: position as i64,
                        name: p.name.clone(),
                        sealed: sealers.seal(&record.id, &p.name, p.secret, &p.value)?,
                        secret: p.secret,
                    },
                )?;
            }
            seal_new(t, sealers, &record)?;
            t.append_history(&HistoryEntry::now(
                caller,
                &record.id,
                HistoryEvent::Created,
                (0, record.revision),
                record.properties.iter().map(|p| p.name.clone()).collect(),
                None,
            ))?;
            Ok(record.clone())
        })
    }

    /// Records in the store that `maker` made it (say, the CLI's demo), so
    /// that `maker` can tell its own store from a user's later on: see
    /// [`made_by`](Self::made_by). Only a store this handle created
    /// ([`is_new`](Self::is_new)) can be marked; any other is
    /// [`AdminError::Invalid`], and is left as it is.
    pub fn mark_made_by(&self, maker: &str) -> Result<(), AdminError> {
        if !self.created {
            return Err(AdminError::Invalid(format!(
                "the store {} was not made by this process, so it cannot be marked as made by {maker}",
                self.location
            )));
        }
        self.with(Access::Write, |t, _| {
            t.set_meta(MADE_BY, maker.as_bytes())?;
            Ok(())
        })
    }

    /// Who made the store, as [`mark_made_by`](Self::mark_made_by)
    /// recorded it when it was created; `None` for a store nobody marked
    /// (a user's own). Anyone who can write the database can change it:
    /// it tells programs apart, it is not a permission.
    pub fn made_by(&self) -> Result<Option<String>, StoreError> {
        self.with(Access::Read, |t, _| {
            Ok(t.meta(MADE_BY)?
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned()))
        })
    }

    /// The connector with this id, values included; a value that is damaged
    /// (see [`find_readable`](Self::find_readable)) is [`StoreError::Tampered`].
    pub fn record(&self, id: &str) -> Result<Option<ConnectorRecord>, StoreError> {
        self.with(Access::Read, |t, sealers| load(t, sealers, id))
    }

    /// The connector an id or unique name refers to, values included.
    pub fn find(&self, reference: &str) -> Result<ConnectorRecord, AdminError> {
        self.with(Access::Read, |t, sealers| find(t, sealers, reference))
    }

    /// The connector an id, or a name unique among the connectors `caller`
    /// may use, refers to, with every value that opens, its grants, and the
    /// names of the values that fail their integrity check (left empty in
    /// the record: show them as damaged, never write them back); refused
    /// when `caller` may not use it. A value whose seal or secret mark was
    /// changed, or that was rolled back, deleted or added outside the store,
    /// is damaged; a property its kind's rules make secret is marked secret
    /// whatever its row says.
    pub fn find_as(&self, caller: &Caller, reference: &str) -> Result<Found, AdminError> {
        self.with(Access::Read, |t, sealers| {
            let head = find_usable_head(t, caller, reference)?;
            let grants = t.grants(&head.id)?;
            let rules = self.kinds.of(head.kind.as_deref());
            let (record, damaged) = open_checked(t, sealers, head, rules)?;
            Ok(Found {
                record,
                grants,
                damaged,
            })
        })
    }

    /// The connector an id or unique name refers to, with every value that
    /// opens, and the names of those that fail their integrity check
    /// ([`StoreError::Tampered`] for [`SqlStore::find`]), for an
    /// administrator: no caller is checked. A damaged value is left empty
    /// in the record: show it as damaged, never write it back.
    pub fn find_readable(
        &self,
        reference: &str,
    ) -> Result<(ConnectorRecord, Vec<String>), AdminError> {
        self.with(Access::Read, |t, sealers| {
            let head = find_head(t, reference)?;
            let rules = self.kinds.of(head.kind.as_deref());
            Ok(open_checked(t, sealers, head, rules)?)
        })
    }

    /// Grants `principal` access to the connector `reference` names, if
    /// `caller` may use it, and returns the connector and its grants.
    pub fn grant(
        &self,
        caller: &Caller,
        reference: &str,
        principal: &str,
    ) -> Result<(ConnectorSummary, Vec<String>), AdminError> {
        self.set_grant(caller, reference, principal, true)
    }

    /// Takes `principal`'s grant on the connector `reference` names away, if
    /// `caller` may use it, and returns the connector and the grants left
    /// (none left opens the connector to everyone).
    pub fn revoke(
        &self,
        caller: &Caller,
        reference: &str,
        principal: &str,
    ) -> Result<(ConnectorSummary, Vec<String>), AdminError> {
        self.set_grant(caller, reference, principal, false)
    }

    fn set_grant(
        &self,
        caller: &Caller,
        reference: &str,
        principal: &str,
        granted: bool,
    ) -> Result<(ConnectorSummary, Vec<String>), AdminError> {
        if principal.trim().is_empty() {
            return Err(AdminError::Invalid("a principal may not be empty".into()));
        }
        self.with(Access::Write, |t, _| {
            let head = find_usable_head(t, caller, reference)?;
            if t.set_grant(&head.id, principal, granted)? {
                let event = if granted {
                    HistoryEvent::Granted
                } else {
                    HistoryEvent::Revoked
                };
                t.append_history(&HistoryEntry::now(
                    caller,
                    &head.id,
                    event,
                    (head.revision, head.revision),
                    Vec::new(),
                    Some(principal.to_string()),
                ))?;
            }
            let grants = t.grants(&head.id)?;
            Ok((head, grants))
        })
    }

    /// The principals granted the connector with this id, in order.
    pub fn grants(&self, id: &str) -> Result<Vec<String>, StoreError> {
        self.with(Access::Read, |t, _| t.grants(id))
    }

    /// Whether `caller` may use the connector with this id.
    pub fn authorize(&self, id: &str, caller: &Caller) -> Result<(), StoreError> {
        self.with(Access::Read, |t, _| {
            check_access(id, &t.grants(id)?, caller)
        })
    }

    /// Every connector's summary, by name then id, whatever its grants.
    pub fn list(&self) -> Result<Vec<ConnectorSummary>, StoreError> {
        self.with(Access::Read, |t, _| t.heads())
    }

    /// The summaries of the connectors `caller` may use (the open ones and
    /// the ones granted to it), by name then id.
    pub fn list_as(&self, caller: &Caller) -> Result<Vec<ConnectorSummary>, StoreError> {
        self.with(Access::Read, |t, _| {
            let mut grants: std::collections::HashMap<String, Vec<String>> = Default::default();
            for (id, principal) in t.all_grants()? {
                grants.entry(id).or_default().push(principal);
            }
            Ok(t.heads()?
                .into_iter()
                .filter(|h| may_use(grants.get(&h.id).map_or(&[], Vec::as_slice), caller))
                .collect())
        })
    }

    /// The history of the connector `reference` names, oldest first, if
    /// `caller` may use it: since it was added, so a connector that reuses
    /// a deleted one's id does not show the deleted one's history.
    pub fn history(
        &self,
        caller: &Caller,
        reference: &str,
    ) -> Result<Vec<HistoryEntry>, AdminError> {
        self.with(Access::Read, |t, _| {
            let head = find_usable_head(t, caller, reference)?;
            let mut entries = t.history(&head.id)?;
            if let Some(last) = entries
                .iter()
                .rposition(|e| e.event == HistoryEvent::Deleted)
            {
                entries.drain(..=last);
            }
            Ok(entries)
        })
    }

    /// Every history entry recorded under this id, oldest first: a deleted
    /// connector's included, and those of earlier connectors that had the
    /// id. It checks no caller: it is for the store's administrator (the
    /// history is not sealed, so whoever can read the database can read it).
    pub fn full_history(&self, id: &str) -> Result<Vec<HistoryEntry>, StoreError> {
        self.with(Access::Read, |t, _| t.history(id))
    }

    /// Deletes the connector `reference` names, if `caller` may use it: its
    /// values and grants go, and a `deleted` entry naming `caller` is added
    /// to its history, which is kept ([`full_history`](Self::full_history)).
    ///
    /// The values leave the files, not only the tables: SQLite overwrites
    /// deleted content (`secure_delete`), and after the delete the file is
    /// vacuumed and the WAL checkpointed and truncated. PostgreSQL keeps a
    /// deleted row's sealed bytes in its table files until they are reused
    /// and in its WAL and backups; sealed, they are as safe as the key.
    pub fn delete(&self, caller: &Caller, reference: &str) -> Result<ConnectorSummary, AdminError> {
        let head = self.with(Access::Write, |t, _| {
            let head = find_usable_head(t, caller, reference)?;
            let properties = t
                .properties(&head.id)?
                .into_iter()
                .map(|p| p.name)
                .collect();
            if !t.delete_connector(&head.id)? {
                return Err(AdminError::NotFound(reference.to_string()));
            }
            t.append_history(&HistoryEntry::now(
                caller,
                &head.id,
                HistoryEvent::Deleted,
                (head.revision, 0),
                properties,
                None,
            ))?;
            Ok(head)
        })?;
        self.backend.purge_freed().map_err(|e| {
            StoreError::Unavailable(format!(
                "connector '{}' was deleted, but the space its values took could not be wiped yet ({e}); \
                 the next delete wipes it",
                head.id
            ))
        })?;
        Ok(head)
    }
}

/// Seals the list of a connector just added, as its rows are.
fn seal_new(
    t: &mut dyn super::tables::Tables,
    sealers: &super::keys::Sealers,
    record: &ConnectorRecord,
) -> Result<(), StoreError> {
    let rows = t.properties(&record.id)?;
    manifest::put(t, sealers, &record.summary(), &Manifest::of(&rows))
}
