//! Rotating a database store's key without stopping a machine: a new key
//! is staged (so that it can be given to every machine before it is used),
//! made the primary key (every machine seals with it from its next call),
//! and the values are sealed again with it in small batches that other
//! writers interleave with; the old key is retired once no value needs it.
//!
//! Each step is its own transaction and leaves a store that every machine
//! holding both keys can read: a crash in the middle of the batches leaves
//! some values under the old key, and running the rotation again finishes
//! it. The model is Tink's keyset (key ids in every ciphertext, one primary
//! key, older keys that still decrypt) and Vault transit's rewrap, with the
//! primary recorded in the shared store rather than in each keyring.

use std::collections::BTreeMap;

use serde::Serialize;

use super::SqlStore;
use super::keys::Unsealed;
use super::manifest;
use super::tables::{Access, KeyLock, StoreKeyRow, Tables};
use crate::error::{KeyError, StoreError};
use crate::history::{HistoryEntry, HistoryEvent, now_rfc3339};
use crate::key::StoreKey;
use crate::key_file::KeySource;
use crate::keyring::{KeyId, KeyState};
use crate::model::Caller;

/// How many values one batch of a rotation seals again, in one
/// transaction, unless told otherwise: small enough that the writers
/// waiting behind it wait a few milliseconds.
pub const DEFAULT_BATCH: usize = 100;

/// How many passes over the values a rotation makes at most: a machine
/// that lacks the new key still seals with the old one, behind the pass.
const PASSES: usize = 3;

/// One key of a store's keyring, and how many values it still seals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KeyStatus {
    /// Its id, as every value it sealed records it.
    pub id: KeyId,
    /// What the store lets it do.
    pub state: KeyState,
    /// When it took that state (RFC 3339, UTC).
    pub since: String,
    /// How many values it seals now: a key may be retired at 0.
    pub values: u64,
    /// Whether this machine holds it.
    pub held: bool,
}

/// What [`SqlStore::rotate_key`] did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rotation {
    /// The primary key now.
    pub primary: KeyId,
    /// The key that was primary before, when this call promoted a new one;
    /// `None` when it finished a rotation that an earlier call began.
    pub previous: Option<KeyId>,
    /// How many connectors' values were sealed again.
    pub connectors: usize,
    /// How many values were sealed again.
    pub values: usize,
    /// In how many batches (transactions) of values.
    pub batches: usize,
    /// Where the new key is (never the key), and what to do with it.
    pub key: String,
    /// Every key of the store, with the values each still seals.
    pub keys: Vec<KeyStatus>,
}

impl SqlStore {
    /// The store's keys, oldest first, with how many values each seals and
    /// whether this machine holds it.
    pub fn keys(&self) -> Result<Vec<KeyStatus>, StoreError> {
        let ring = self.keys.ring();
        self.with(Access::Read, |t, _| statuses(t, |id| ring.holds(id)))
    }

    /// Stages a new key: adds it to the key file (with a key file) and to
    /// the store's keyring, where it seals nothing and opens nothing until
    /// [`rotate_key`](Self::rotate_key) makes it the primary key. Give the
    /// key file (or the key) to every machine in between: a machine that
    /// reads the store from a key file picks the new key up from it.
    ///
    /// `next` is the key to stage; with a key file it may be `None` (a new
    /// key is made, or the one a crash left in the file is used again).
    /// Staging while a key is staged is refused ([`KeyError::Refused`]),
    /// unless `next` is that key: then this process holds it, and it is
    /// returned.
    pub fn stage_key(&self, next: Option<StoreKey>) -> Result<KeyStatus, StoreError> {
        self.check_writable()?;
        let _lock = self.keys.source().lock()?;
        self.stage(next)
    }

    /// [`stage_key`](Self::stage_key), with the key file locked already.
    fn stage(&self, next: Option<StoreKey>) -> Result<KeyStatus, StoreError> {
        let rows = self.key_rows()?;
        if let Some(staged) = rows.iter().find(|r| r.state == KeyState::Staged) {
            // Only the staged key itself, given again (a machine picking it
            // up from CONNECTORS_NEW_KEY), is not a second key.
            let asked = next.as_ref().map_or(staged.id, StoreKey::id);
            let Some(next) = next.filter(|k| k.id() == staged.id) else {
                let held = self.with(Access::Read, |_, sealers| {
                    Ok::<_, StoreError>(sealers.holds(staged.id))
                })?;
                if asked == staged.id && !held {
                    // A key file without it must not be given to the other machines.
                    return Err(refused(
                        staged.id,
                        "staged here",
                        format!(
                            "another machine staged it, and {} lacks it: copy that machine's key file here (or give the key in CONNECTORS_NEW_KEY), or retire it with `connector retire-key {}`",
                            self.keys.source().describe(),
                            staged.id
                        ),
                    ));
                }
                return Err(refused(
                    asked,
                    if asked == staged.id {
                        "staged again"
                    } else {
                        "staged"
                    },
                    format!(
                        "key {} is staged already, and a store has one staged key at a time; make it the primary key with `connector rotate-key`, or retire it with `connector retire-key {}` and stage a new one",
                        staged.id, staged.id
                    ),
                ));
            };
            self.keys.hold(next);
            return self.status_of(staged.id);
        }
        let primary = primary_of(&rows)?;
        let pending = self.with(Access::Read, |t, _| pending_values(t, primary))?;
        if pending > 0 {
            return Err(unfinished(
                next.map_or(primary, |k| k.id()),
                "staged",
                primary,
                pending,
            ));
        }
        let key = self.new_key(next, &rows)?;
        let id = key.id();
        // The key reaches the key file before the store names it.
        self.keys.source().add(&key)?;
        self.keys.hold(key);
        self.changing_keys(|t, _| {
            // Held exclusively since the transaction began.
            let rows = t.store_keys(KeyLock::None)?;
            if let Some(known) = rows.iter().find(|r| r.id == id) {
                return match known.state {
                    KeyState::Staged => Ok(()),
                    KeyState::Retired => Err(refused(
                        id,
                        "staged",
                        "it was retired, and a retired key is never used again: stage a new key"
                            .into(),
                    )),
                    _ => Err(refused(
                        id,
                        "staged",
                        "it is one of the store's keys already".into(),
                    )),
                };
            }
            if let Some(staged) = rows.iter().find(|r| r.state == KeyState::Staged) {
                return Err(refused(
                    id,
                    "staged",
                    format!("another machine staged key {} just now", staged.id),
                ));
            }
            t.put_store_key(&StoreKeyRow {
                id,
                position: next_position(&rows),
                state: KeyState::Staged,
                since: now_rfc3339(),
            })
        })?;
        self.status_of(id)
    }

    /// Rotates the store's key for an anonymous caller: see
    /// [`rotate_key_as`](Self::rotate_key_as).
    pub fn rotate_key(&self, next: Option<StoreKey>) -> Result<Rotation, StoreError> {
        self.rotate_key_as(&Caller::anonymous(), next, DEFAULT_BATCH)
    }

    /// Makes a new key the primary key and seals every value again with it,
    /// `batch` values per transaction, recording a `rekeyed` entry (naming
    /// `caller`) in the history of each connector whose values it sealed.
    ///
    /// The new key is the staged one ([`stage_key`](Self::stage_key)) if
    /// there is one, else `next`, else (with a key file) a new key, staged
    /// and promoted at once: then a machine that has not been given it can
    /// no longer open what is sealed with it (it gets `store-key` naming the
    /// key), so stage first when several machines share the store. If an
    /// earlier rotation did not finish (a crash), this finishes it instead,
    /// and makes no new key.
    ///
    /// Nothing is promoted while a value fails its integrity check
    /// ([`StoreError::CannotRotate`] names each): repair or remove it first.
    /// The old key stays in the keyring (`enabled`) until
    /// [`retire_key`](Self::retire_key).
    pub fn rotate_key_as(
        &self,
        caller: &Caller,
        next: Option<StoreKey>,
        batch: usize,
    ) -> Result<Rotation, StoreError> {
        self.check_writable()?;
        // One rotation at a time per key file: a second one waits here and
        // then reads the keyring and the store as the first one left them.
        let _lock = self.keys.source().lock()?;
        let batch = batch.max(1);
        let rows = self.key_rows()?;
        // The new key given for a rotation the store knows of already
        // (staged, or primary and not finished): this machine needs it to
        // open what that rotation sealed, and to seal.
        if let Some(next) = &next
            && rows.iter().any(|r| {
                r.id == next.id() && matches!(r.state, KeyState::Staged | KeyState::Primary)
            })
        {
            self.keys.hold(next.clone());
        }
        self.check_all_open()?;
        let primary = primary_of(&rows)?;
        let pending = self.with(Access::Read, |t, _| pending_values(t, primary))?;
        let staged = rows
            .iter()
            .find(|r| r.state == KeyState::Staged)
            .map(|r| r.id);
        let (previous, key) = if pending > 0 && staged.is_none() {
            if let Some(next) = &next
                && next.id() != primary
            {
                return Err(unfinished(
                    next.id(),
                    "made the primary key",
                    primary,
                    pending,
                ));
            }
            // A rotation this machine did not start, finished with its key.
            if let Some(next) = &next {
                self.keys.hold(next.clone());
            }
            (None, primary)
        } else {
            let id = match staged {
                Some(id) => id,
                None => self.stage(next.clone())?.id,
            };
            if let Some(next) = &next
                && next.id() != id
            {
                return Err(refused(
                    next.id(),
                    "made the primary key",
                    format!(
                        "key {id} is staged: make it the primary key first (run `connector rotate-key` without a new key), or retire it"
                    ),
                ));
            }
            // The staged key, given now to the machine that promotes it.
            if let Some(next) = &next {
                self.keys.hold(next.clone());
            }
            (Some(self.promote(id)?), id)
        };
        let (connectors, values, batches) = self.reseal_all(caller, key, batch)?;
        Ok(Rotation {
            primary: key,
            previous,
            connectors,
            values,
            batches,
            key: match (self.keys.source(), &next) {
                (KeySource::File(_) | KeySource::Beside(_), _) => {
                    format!("key {key}, in {}", self.keys.source().describe())
                }
                (_, Some(_)) => format!(
                    "key {key}, the new key you gave: keep it, and give it to every machine with the old keys (CONNECTORS_KEY=OLD,NEW)"
                ),
                (_, None) => format!(
                    "key {key}, one of the keys you gave: every machine with the old keys needs it too (CONNECTORS_KEY=OLD,NEW)"
                ),
            },
            keys: self.keys()?,
        })
    }

    /// Retires a key that no value needs any more: the store never opens
    /// or seals with it again, on any machine, and it is taken out of this
    /// machine's key file (other machines' key files, and copies of them,
    /// still hold it: delete them to make old backups of the store
    /// unreadable). Refused for the primary key, and for a key that still
    /// seals a value ([`keys`](Self::keys) counts them).
    pub fn retire_key(&self, id: KeyId) -> Result<KeyStatus, StoreError> {
        self.check_writable()?;
        let _lock = self.keys.source().lock()?;
        self.changing_keys(|t, _| {
            // Held exclusively since the transaction began.
            let rows = t.store_keys(KeyLock::None)?;
            let Some(row) = rows.iter().find(|r| r.id == id) else {
                return Err(refused(
                    id,
                    "retired",
                    "the store has no such key; `connector keys` lists its keys".into(),
                ));
            };
            match row.state {
                KeyState::Retired => return Ok(()),
                KeyState::Primary => {
                    return Err(refused(
                        id,
                        "retired",
                        "it is the primary key, which seals every new value: rotate to a new key first (`connector rotate-key`)".into(),
                    ));
                }
                KeyState::Staged | KeyState::Enabled => {}
            }
            // Counted under the exclusive lock: no writer is sealing with it now.
            let (values, records) = count_for(t, id)?;
            let what = match (values, records) {
                (0, 0) => None,
                (0, records) => Some(format!("{records} connector record(s) of their values")),
                (values, _) => Some(format!("{values} value(s)")),
            };
            if let Some(what) = what {
                return Err(refused(
                    id,
                    "retired",
                    format!(
                        "it still seals {what}; run `connector rotate-key` to seal them with the primary key, then retire it"
                    ),
                ));
            }
            t.put_store_key(&StoreKeyRow {
                state: KeyState::Retired,
                since: now_rfc3339(),
                ..row.clone()
            })
        })?;
        self.keys.source().remove(id)?;
        self.keys.forget(id);
        self.status_of(id)
    }

    fn key_rows(&self) -> Result<Vec<StoreKeyRow>, StoreError> {
        self.with(Access::Read, |t, _| t.store_keys(KeyLock::None))
    }

    fn status_of(&self, id: KeyId) -> Result<KeyStatus, StoreError> {
        self.keys()?
            .into_iter()
            .find(|k| k.id == id)
            .ok_or_else(|| StoreError::Unavailable(format!("key {id} is not in the store")))
    }

    /// The key to stage: `next`, else a key in the key file that the store
    /// does not know (a staging a crash cut short), else a new one.
    fn new_key(
        &self,
        next: Option<StoreKey>,
        rows: &[StoreKeyRow],
    ) -> Result<StoreKey, StoreError> {
        if let Some(next) = next {
            return Ok(next);
        }
        if self.keys.source().file().is_none() {
            return Err(KeyError::NewKeyNeeded.into());
        }
        let unknown = self
            .keys
            .source()
            .load()?
            .keys()
            .iter()
            .find(|k| !rows.iter().any(|r| r.id == k.id()))
            .cloned();
        Ok(unknown.unwrap_or_else(StoreKey::generate))
    }

    /// Makes the staged key `id` the primary key (it must be held here);
    /// returns the key that was primary.
    fn promote(&self, id: KeyId) -> Result<KeyId, StoreError> {
        let promoted = self.changing_keys(|t, sealers| {
            // Held exclusively since the transaction began.
            let rows = t.store_keys(KeyLock::None)?;
            let old = primary_of(&rows)?;
            let Some(row) = rows.iter().find(|r| r.id == id) else {
                return Err(refused(id, "made the primary key", "the store has no such key".into()));
            };
            if !sealers.holds(id) {
                return Err(refused(
                    id,
                    "made the primary key",
                    format!(
                        "another machine staged it, and {} lacks it: copy that machine's key file here (or give the key in CONNECTORS_NEW_KEY), or run the rotation there",
                        self.keys.source().describe()
                    ),
                ));
            }
            if row.state == KeyState::Primary {
                return Err(refused(
                    id,
                    "made the primary key",
                    "another machine made it the primary key just now: run `connector rotate-key` again to finish that rotation".into(),
                ));
            }
            if row.state != KeyState::Staged {
                return Err(refused(
                    id,
                    "made the primary key",
                    format!("it is {}, not staged", row.state.as_str()),
                ));
            }
            let now = now_rfc3339();
            // The old primary first: rows are changed in the order writers lock them.
            for (key, state) in [(old, KeyState::Enabled), (id, KeyState::Primary)] {
                let row = rows.iter().find(|r| r.id == key).cloned();
                if let Some(row) = row {
                    t.put_store_key(&StoreKeyRow {
                        state,
                        since: now.clone(),
                        ..row
                    })?;
                }
            }
            Ok(old)
        })?;
        Ok(promoted)
    }

    /// Refuses a rotation while a value fails its integrity check: its only
    /// key must stay, since re-sealing the rest would leave it the last
    /// value that needs the old key.
    fn check_all_open(&self) -> Result<(), StoreError> {
        self.with(Access::Read, |t, sealers| {
            let mut damaged = Vec::new();
            for (connector, p) in t.all_properties()? {
                match sealers.open(&connector, &p.name, p.secret, &p.sealed) {
                    Ok(_) => {}
                    Err(Unsealed::Damaged) => damaged.push((connector, p.name)),
                    Err(Unsealed::Key(e)) => return Err(e.into()),
                }
            }
            // And each connector's seal, with what it lists.
            for head in t.heads()? {
                let rows = t.properties(&head.id)?;
                let checked = manifest::check(t, sealers, &head, &rows)?;
                checked.key_checked()?;
                if checked.manifest.is_none() {
                    damaged.push((head.id.clone(), "(its record of its values)".into()));
                }
                for name in checked.damaged.into_iter().chain(checked.missing) {
                    if !damaged.iter().any(|(c, n)| *c == head.id && *n == name) {
                        damaged.push((head.id.clone(), name));
                    }
                }
            }
            if damaged.is_empty() {
                Ok(())
            } else {
                damaged.sort();
                Err(StoreError::CannotRotate { damaged })
            }
        })
    }

    /// Seals every value not sealed by `primary` again with it, in batches
    /// of `batch`; returns the connectors and values sealed, and the batches.
    fn reseal_all(
        &self,
        caller: &Caller,
        primary: KeyId,
        batch: usize,
    ) -> Result<(usize, usize, usize), StoreError> {
        let mut connectors = std::collections::BTreeSet::new();
        let (mut values, mut batches) = (0, 0);
        for _ in 0..PASSES {
            let mut after: Option<(String, String)> = None;
            let mut sealed_in_pass = 0;
            loop {
                let done = self.with(Access::Write, |t, sealers| {
                    reseal_batch(t, sealers, caller, primary, after.as_ref(), batch)
                })?;
                sealed_in_pass += done.values;
                values += done.values;
                connectors.extend(done.connectors);
                match done.last {
                    Some(last) => {
                        batches += 1;
                        after = Some(last);
                    }
                    None => break,
                }
            }
            sealed_in_pass += self.reseal_connector_seals(primary, batch)?;
            let left = self.with(Access::Read, |t, _| pending_values(t, primary))?;
            if left == 0 || sealed_in_pass == 0 {
                break;
            }
        }
        Ok((connectors.len(), values, batches))
    }
}

impl SqlStore {
    /// Seals again with `primary` each connector's seal that another key
    /// made (a connector whose values were all sealed by `primary` already,
    /// or one with none), `batch` per transaction; returns how many. A
    /// connector whose seal does not open is left as it is, damaged.
    fn reseal_connector_seals(&self, primary: KeyId, batch: usize) -> Result<usize, StoreError> {
        let mut after: Option<String> = None;
        let mut sealed = 0;
        loop {
            let (done, last) = self.with(Access::Write, |t, sealers| {
                let found = t.heads_sealed_by_other_keys(primary, after.as_deref(), batch)?;
                let last = found.last().map(|h| h.id.clone());
                let mut done = 0;
                for head in found {
                    // Locked, and read again: a writer may have moved it.
                    let Some(head) = t.lock_head(&head.id)? else {
                        continue;
                    };
                    let rows = t.properties(&head.id)?;
                    let checked = manifest::check(t, sealers, &head, &rows)?;
                    checked.key_checked()?;
                    if let Some(list) = checked.manifest {
                        check_sealer(sealers, primary)?;
                        manifest::put(t, sealers, &head, &list)?;
                        done += 1;
                    }
                }
                Ok::<_, StoreError>((done, last))
            })?;
            sealed += done;
            match last {
                Some(last) => after = Some(last),
                None => return Ok(sealed),
            }
        }
    }
}

/// Refuses to seal with anything but `primary`: this machine lacks it, or
/// another machine made a newer key primary meanwhile.
fn check_sealer(sealers: &super::keys::Sealers, primary: KeyId) -> Result<(), StoreError> {
    match sealers.sealer().filter(|s| s.id() == primary) {
        Some(_) => Ok(()),
        None if !sealers.holds(primary) => Err(sealers
            .lacks(Some(primary), "sealing its values again".into())
            .into()),
        None => Err(refused(
            primary,
            "used",
            "another machine made a newer key the primary key meanwhile: run `connector rotate-key` again to finish that rotation".into(),
        )),
    }
}

/// What one batch did.
struct Batch {
    values: usize,
    connectors: Vec<String>,
    /// The last (connector, property) it looked at; `None` when it found none.
    last: Option<(String, String)>,
}

/// One transaction of a rotation: up to `limit` values after `after` that
/// `primary` did not seal, each sealed again with it unless a writer
/// changed it meanwhile (its new value is then sealed by the writer).
fn reseal_batch(
    t: &mut dyn Tables,
    sealers: &super::keys::Sealers,
    caller: &Caller,
    primary: KeyId,
    after: Option<&(String, String)>,
    limit: usize,
) -> Result<Batch, StoreError> {
    let found =
        t.sealed_by_other_keys(primary, after.map(|(c, n)| (c.as_str(), n.as_str())), limit)?;
    let last = found.last().map(|(c, p)| (c.clone(), p.name.clone()));
    check_sealer(sealers, primary)?;
    let sealer = sealers
        .sealer()
        .ok_or_else(|| StoreError::Unavailable("no key seals".into()))?;
    let mut by_connector: BTreeMap<String, Vec<(String, bool, Vec<u8>)>> = BTreeMap::new();
    for (connector, p) in found {
        by_connector
            .entry(connector)
            .or_default()
            .push((p.name, p.secret, p.sealed));
    }
    let mut batch = Batch {
        values: 0,
        connectors: Vec::new(),
        last,
    };
    for (connector, properties) in by_connector {
        // The connector's row first, as a write locks it first.
        let Some(head) = t.lock_head(&connector)? else {
            continue;
        };
        // Its seal lists each value's fingerprint, which sealing again
        // changes: a value it does not list as it is (damaged since the
        // check) is left for its owner to repair, never made valid here.
        let rows = t.properties(&connector)?;
        let checked = manifest::check(t, sealers, &head, &rows)?;
        checked.key_checked()?;
        let Some(mut list) = checked.manifest else {
            continue;
        };
        let mut names = Vec::new();
        for (name, secret, old) in properties {
            if checked.damaged.contains(&name) {
                continue;
            }
            let value = match sealers.open(&connector, &name, secret, &old) {
                Ok(value) => value,
                // Damaged since the check: left for its owner to repair.
                Err(Unsealed::Damaged) => continue,
                Err(Unsealed::Key(e)) => return Err(e.into()),
            };
            let new = sealer.seal(&connector, &name, secret, &value);
            if t.reseal(&connector, &name, &old, &new)? {
                list.set(&super::tables::SealedProperty {
                    position: 0,
                    name: name.clone(),
                    sealed: new,
                    secret,
                });
                names.push(name);
            }
        }
        if names.is_empty() {
            continue;
        }
        manifest::put(t, sealers, &head, &list)?;
        batch.values += names.len();
        t.append_history(&HistoryEntry::now(
            caller,
            &connector,
            HistoryEvent::Rekeyed,
            (head.revision, head.revision),
            names,
            None,
        ))?;
        batch.connectors.push(connector);
    }
    Ok(batch)
}

/// Each key's status, oldest first.
fn statuses(
    t: &mut dyn Tables,
    held: impl Fn(KeyId) -> bool,
) -> Result<Vec<KeyStatus>, StoreError> {
    let counts: BTreeMap<KeyId, u64> = t.values_by_key()?.into_iter().collect();
    Ok(t.store_keys(KeyLock::None)?
        .into_iter()
        .map(|r| KeyStatus {
            id: r.id,
            state: r.state,
            since: r.since,
            values: counts.get(&r.id).copied().unwrap_or(0),
            held: held(r.id),
        })
        .collect())
}

/// How many values, and how many connector seals, `id` made.
fn count_for(t: &mut dyn Tables, id: KeyId) -> Result<(u64, u64), StoreError> {
    let of = |counts: Vec<(KeyId, u64)>| {
        counts
            .into_iter()
            .filter(|(k, _)| *k == id)
            .map(|(_, n)| n)
            .sum::<u64>()
    };
    Ok((of(t.values_by_key()?), of(t.connector_seals_by_key()?)))
}

/// How many values and connector seals a key other than `primary` made.
fn pending_values(t: &mut dyn Tables, primary: KeyId) -> Result<u64, StoreError> {
    Ok(sealed_by_key(t)?
        .into_iter()
        .filter(|(k, _)| *k != primary)
        .map(|(_, n)| n)
        .sum())
}

/// What each key sealed: values and connector seals, each key listed once
/// or twice.
fn sealed_by_key(t: &mut dyn Tables) -> Result<Vec<(KeyId, u64)>, StoreError> {
    let mut counts = t.values_by_key()?;
    counts.extend(t.connector_seals_by_key()?);
    Ok(counts)
}

fn primary_of(rows: &[StoreKeyRow]) -> Result<KeyId, StoreError> {
    rows.iter()
        .find(|r| r.state == KeyState::Primary)
        .map(|r| r.id)
        .ok_or_else(|| StoreError::Unavailable("the store has no primary key".into()))
}

fn next_position(rows: &[StoreKeyRow]) -> i64 {
    rows.iter().map(|r| r.position + 1).max().unwrap_or(0)
}

/// The refusal to stage or promote `key` while the rotation to `primary`
/// has `pending` values left to seal again.
fn unfinished(key: KeyId, action: &str, primary: KeyId, pending: u64) -> StoreError {
    refused(
        key,
        action,
        format!(
            "the rotation to key {primary} has not finished ({pending} value(s) are still sealed by older keys); run `connector rotate-key` without a new key to finish it first"
        ),
    )
}

fn refused(key: KeyId, action: &str, why: String) -> StoreError {
    KeyError::Refused {
        key: key.to_string(),
        action: action.into(),
        why,
    }
    .into()
}
