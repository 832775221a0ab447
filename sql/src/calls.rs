//! What a step calls: the [`CredentialStore`] implementation of a database
//! store. Secret values are never opened for the action; a write opens,
//! compares and seals again only the properties its changes name.

use std::collections::{HashMap, HashSet};

use super::SqlStore;
use super::manifest;
use super::manifest::tampered;
use super::records::{open_record, with_grants};
use super::tables::{Access, SealedProperty};
use crate::error::StoreError;
use crate::history::{HistoryEntry, HistoryEvent};
use crate::model::{
    Caller, Change, ChangeOp, Connector, ConnectorRecord, ConnectorSummary, KindRules,
    PropertyRecord, WriteMode, WriteReceipt,
};
use crate::store::{
    CredentialStore, check_access, check_merged_values, check_write_permissions, no_grant_on_name,
    usable_candidates,
};

impl CredentialStore for SqlStore {
    /// Its location: every handle on one database queues with the others.
    fn identity(&self) -> Option<String> {
        Some(format!("sql:{}", self.location()))
    }

    fn get(&self, caller: &Caller, id: &str) -> Result<Connector, StoreError> {
        self.with(Access::Read, |t, sealers| {
            let head = t.head(id)?.ok_or(StoreError::NotFound)?;
            check_access(id, &t.grants(id)?, caller)?;
            let rules = self.kinds.of(head.kind.as_deref());
            // Secret values are withheld from the view: they are not even opened.
            let rows = t.properties(id)?;
            let checked = manifest::check(t, sealers, &head, &rows)?;
            let mut damaged = Vec::new();
            let mut record =
                open_record(sealers, head, &rows, false, &checked, Some(&mut damaged))?;
            checked.key_checked()?;
            // A plain value that fails its integrity check cannot be shown,
            // and must not block the step that sets or removes it (which
            // repairs it): the action sees it as it sees a secret, whose
            // value it never has either. `write` keeps it plain.
            if !damaged.is_empty() {
                let damaged: HashSet<&str> = damaged.iter().map(String::as_str).collect();
                for p in &mut record.properties {
                    p.secret |= damaged.contains(p.name.as_str());
                }
            }
            Ok(record.view(rules))
        })
    }

    fn find_by_name(
        &self,
        caller: &Caller,
        name: &str,
    ) -> Result<Vec<ConnectorSummary>, StoreError> {
        self.with(Access::Read, |t, _| {
            let named = t.heads_named(name)?;
            let named = with_grants(t, named)?;
            usable_candidates(caller, named, || no_grant_on_name(caller))
        })
    }

    fn rules(&self, _: &Caller, kind: &str) -> Result<Option<KindRules>, StoreError> {
        Ok(self.kinds.get(kind).cloned())
    }

    fn kinds(&self, _: &Caller) -> Result<Vec<KindRules>, StoreError> {
        Ok(self.kinds.all().to_vec())
    }

    fn write(
        &self,
        caller: &Caller,
        id: &str,
        expected_revision: u64,
        changes: &[Change],
        mode: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        let access = match mode {
            WriteMode::Commit => Access::Write,
            WriteMode::Preview => Access::Read,
        };
        self.with(access, |t, sealers| {
            // A write locks the connector's row first (PostgreSQL; SQLite's
            // write lock holds everything already): its row, its seal and its
            // properties are then read as one, as no other write of it can
            // commit in between, and a concurrent writer waits, then finds
            // the revision moved (a conflict, as before).
            let head = match mode {
                WriteMode::Commit => t.lock_head(id)?,
                WriteMode::Preview => t.head(id)?,
            }
            .ok_or(StoreError::NotFound)?;
            check_access(id, &t.grants(id)?, caller)?;
            if head.revision != expected_revision {
                return Err(StoreError::Conflict(head.revision));
            }
            let rules = self.kinds.of(head.kind.as_deref());
            check_write_permissions(rules, caller, changes)?;
            // Only the properties the changes name are opened, compared and
            // sealed again; the others stay as they are.
            let stored = t.properties(id)?;
            // The connector's seal first: a row it does not list as it is
            // is damaged, and its list is what this write changes.
            let checked = manifest::check(t, sealers, &head, &stored)?;
            let names: std::collections::HashSet<&str> =
                changes.iter().map(|c| c.name.as_str()).collect();
            let mut damaged = Vec::new();
            let mut touched = open_record(
                sealers,
                head,
                stored.iter().filter(|p| names.contains(p.name.as_str())),
                true,
                &checked,
                Some(&mut damaged),
            )?;
            let mut list = checked.manifest_for_write(id)?;
            let stored_secret: HashSet<&str> = stored
                .iter()
                .filter(|s| s.secret || list.is_secret(&s.name))
                .map(|s| s.name.as_str())
                .collect();
            let was_secret = |name: &str| stored_secret.contains(name) || list.is_secret(name);
            let changed = apply_over_damage(&mut touched, changes, &damaged, was_secret, rules)?;
            check_merged_values(rules, changes, &touched)?;
            if mode == WriteMode::Preview || changed.is_empty() {
                return Ok(WriteReceipt {
                    revision: touched.revision,
                    changed,
                });
            }
            let revision = touched.revision + 1;
            if !t.advance_revision(id, expected_revision, revision)? {
                let now = t.head(id)?.ok_or(StoreError::NotFound)?;
                return Err(StoreError::Conflict(now.revision));
            }
            let mut next_position = stored.iter().map(|p| p.position + 1).max().unwrap_or(0);
            // Each changed name's record and stored place, found once: a
            // search of both lists per name made a write of N changes to N
            // properties quadratic. The first of equal names, as a search.
            let mut after: HashMap<&str, &PropertyRecord> = HashMap::new();
            for p in &touched.properties {
                after.entry(p.name.as_str()).or_insert(p);
            }
            let mut stored_at: HashMap<&str, &SealedProperty> = HashMap::new();
            for s in &stored {
                stored_at.entry(s.name.as_str()).or_insert(s);
            }
            for name in &changed {
                let Some(p) = after.get(name.as_str()) else {
                    t.delete_property(id, name)?;
                    list.remove(name);
                    continue;
                };
                let position = match stored_at.get(name.as_str()) {
                    Some(s) => s.position,
                    None => {
                        next_position += 1;
                        next_position - 1
                    }
                };
                let row = SealedProperty {
                    position,
                    name: name.clone(),
                    sealed: sealers.seal(id, name, p.secret, &p.value)?,
                    secret: p.secret,
                };
                t.put_property(id, &row)?;
                list.set(&row);
            }
            let mut written = touched.summary();
            written.revision = revision;
            manifest::put(t, sealers, &written, &list)?;
            t.append_history(&HistoryEntry::now(
                caller,
                id,
                HistoryEvent::Updated,
                (expected_revision, revision),
                changed.clone(),
                None,
            ))?;
            Ok(WriteReceipt { revision, changed })
        })
    }
}

/// Applies `changes` to `touched`, whose `damaged` values failed their
/// integrity check (and were left empty): a set or a removal of one replaces
/// it unread, and counts as a change, since what it replaces is unknown; it
/// keeps the secrecy it was stored or listed with in the connector's seal
/// (`was_secret`), or its kind gives it, as the
/// action was shown it as a secret only because it could not be read. A
/// merge into one needs its value, and is [`StoreError::Tampered`].
fn apply_over_damage(
    touched: &mut ConnectorRecord,
    changes: &[Change],
    damaged: &[String],
    was_secret: impl Fn(&str) -> bool,
    rules: Option<&KindRules>,
) -> Result<Vec<String>, StoreError> {
    if damaged.is_empty() {
        return touched.apply(changes, rules);
    }
    // Sets of names, so that each row is looked up once, not searched for.
    let damaged: HashSet<&str> = damaged.iter().map(String::as_str).collect();
    if let Some(merge) = changes
        .iter()
        .find(|c| damaged.contains(c.name.as_str()) && matches!(c.op, ChangeOp::Merge { .. }))
    {
        return Err(tampered(&touched.id, &merge.name));
    }
    touched
        .properties
        .retain(|p| !damaged.contains(p.name.as_str()));
    let applied = touched.apply(changes, rules)?;
    let applied: HashSet<&str> = applied.iter().map(String::as_str).collect();
    for p in &mut touched.properties {
        if damaged.contains(p.name.as_str()) {
            p.secret = was_secret(&p.name) || rules.is_some_and(|r| r.is_secret(&p.name));
        }
    }
    let mut changed: Vec<String> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for c in changes {
        let name = c.name.as_str();
        if (applied.contains(name) || damaged.contains(name)) && seen.insert(name) {
            changed.push(c.name.clone());
        }
    }
    Ok(changed)
}
