//! The key of a database store: the key check that tells it from any other
//! key, finding the key when the store opens, picking up a key another
//! process rotated, and rotating it.
//!
//! The store keeps no key, only its key check (a value sealed with it) in
//! its meta table; the key itself comes from a [`KeySource`].

use std::sync::{Arc, RwLock};

use super::location::StoreLocation;
use super::tables::{Access, Backend, Tables};
use crate::error::KeyError;
use crate::error::StoreError;
use crate::store::key::{KeySource, StoreKey};
use crate::store::seal::Sealer;

/// The meta key of the key check.
const KEY_CHECK: &str = "key-check";

/// A key with the key check it opened.
#[derive(Debug)]
pub(super) struct Keyed {
    check: Vec<u8>,
    sealer: Sealer,
}

impl Keyed {
    /// Seals and opens values with this key.
    pub(super) fn sealer(&self) -> &Sealer {
        &self.sealer
    }
}

/// What [`SqlStore::rotate_key`](super::SqlStore::rotate_key) did.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Rotation {
    /// How many connectors' values were re-sealed.
    pub connectors: usize,
    /// How many values were re-sealed.
    pub values: usize,
    /// Where the new key is (never the key).
    pub key: String,
}

/// Where a store's key comes from, and the key in use.
#[derive(Debug)]
pub(super) struct Keyring {
    source: KeySource,
    current: RwLock<Arc<Keyed>>,
}

impl Keyring {
    /// The keyring of a store that opened with `keyed`.
    pub(super) fn new(source: KeySource, keyed: Keyed) -> Self {
        Keyring {
            source,
            current: RwLock::new(Arc::new(keyed)),
        }
    }

    /// Runs `work` in one transaction of `backend` with the store's current
    /// key: a key rotated by another process since is picked up from the
    /// key source, or refused, before anything is read or sealed. The
    /// transaction commits when `work` succeeds.
    pub(super) fn transaction<R, E: From<StoreError>>(
        &self,
        backend: &dyn Backend,
        location: &str,
        access: Access,
        work: impl FnOnce(&mut dyn Tables, &Sealer) -> Result<R, E>,
    ) -> Result<R, E> {
        let mut work = Some(work);
        let mut result = None;
        backend.transaction(access, &mut |t| {
            let keyed = self.current(t, location)?;
            let work = work
                .take()
                .ok_or_else(|| StoreError::Unavailable("a transaction ran twice".into()))?;
            let outcome = work(t, &keyed.sealer);
            let commit = outcome.is_ok();
            result = Some(outcome);
            Ok(commit)
        })?;
        result.unwrap_or_else(|| {
            Err(StoreError::Unavailable("a transaction did not run".into()).into())
        })
    }

    /// The key that opens the key check in `t`: the one in use, or, when
    /// another process rotated the key, the new one from the key source.
    fn current(&self, t: &mut dyn Tables, location: &str) -> Result<Arc<Keyed>, StoreError> {
        let check = t.meta(KEY_CHECK)?.ok_or_else(|| {
            StoreError::Unavailable(format!(
                "the store {location}: its key check is missing; it was not created by connectors-update"
            ))
        })?;
        let cached = self
            .current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        if cached.check == check {
            return Ok(cached);
        }
        // Another process rotated the key: its new key is in the key file,
        // or still staged beside it if that process has not renamed it yet.
        let loaded = self.source.load();
        let sealer = loaded
            .as_ref()
            .ok()
            .cloned()
            .into_iter()
            .chain(self.source.staged()?)
            .map(|key| Sealer::new(&key))
            .find(|sealer| sealer.opens_key_check(&check))
            .ok_or_else(|| match loaded {
                Err(missing) => missing,
                Ok(_) => KeyError::Wrong {
                    key: self.source.describe(),
                    store: location.to_string(),
                },
            })?;
        let keyed = Arc::new(Keyed { check, sealer });
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = keyed.clone();
        Ok(keyed)
    }

    /// Re-seals every value in `backend` with `next` (or a new key, with a
    /// key file) in one transaction: see
    /// [`SqlStore::rotate_key`](super::SqlStore::rotate_key), which checks
    /// that the store may be written first.
    pub(super) fn rotate(
        &self,
        backend: &dyn Backend,
        location: &str,
        next: Option<StoreKey>,
    ) -> Result<Rotation, StoreError> {
        let next = match (next, &self.source) {
            (Some(key), _) => key,
            (None, KeySource::File(_)) => StoreKey::generate(),
            (None, _) => return Err(KeyError::NewKeyNeeded.into()),
        };
        let new_sealer = Sealer::new(&next);
        self.source.stage(&next)?;
        let done = self.transaction(backend, location, Access::Write, |t, old| {
            let mut connectors = std::collections::BTreeSet::new();
            let all = t.all_properties()?;
            let mut damaged = Vec::new();
            for (connector, p) in &all {
                let Ok(value) = old.open(connector, &p.name, &p.sealed) else {
                    damaged.push((connector.clone(), p.name.clone()));
                    continue;
                };
                t.reseal(
                    connector,
                    &p.name,
                    &new_sealer.seal(connector, &p.name, &value),
                )?;
                connectors.insert(connector.clone());
            }
            if !damaged.is_empty() {
                damaged.sort();
                return Err(StoreError::CannotRotate { damaged });
            }
            let check = new_sealer.key_check();
            t.set_meta(KEY_CHECK, &check)?;
            Ok::<_, StoreError>((connectors.len(), all.len(), check))
        });
        let (connectors, values, check) = match done {
            Ok(done) => done,
            Err(e) => {
                self.source.discard_staged()?;
                return Err(e);
            }
        };
        self.source.promote_staged()?;
        let key = match &self.source {
            KeySource::File(_) => self.source.describe(),
            _ => "the new key you gave (keep it: the old key no longer opens the store)".into(),
        };
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(Keyed {
            check,
            sealer: new_sealer,
        });
        Ok(Rotation {
            connectors,
            values,
            key,
        })
    }
}

/// Finds the store's key, or makes one for a store that has none yet (if
/// `create`). A store that may not be `writable` is only read: a rotation
/// cut short is used as it is, not finished or forgotten on disk.
pub(super) fn establish_key(
    t: &mut dyn Tables,
    source: &KeySource,
    writable: bool,
    create: bool,
    location: &StoreLocation,
) -> Result<Keyed, StoreError> {
    let Some(check) = t.meta(KEY_CHECK)? else {
        if !create {
            return Err(StoreError::NoStore {
                location: location.to_string(),
                why: "it has the tables of a store but no key check".into(),
            });
        }
        let sealer = Sealer::new(&source.load_or_create()?);
        let check = sealer.key_check();
        t.set_meta(KEY_CHECK, &check)?;
        source.discard_staged()?;
        return Ok(Keyed { check, sealer });
    };
    // A rotation that committed before its new key file was renamed into
    // place: the staged key is the store's key now.
    if let Some(staged) = source.staged()? {
        let sealer = Sealer::new(&staged);
        if sealer.opens_key_check(&check) {
            if writable {
                source.promote_staged()?;
            }
            return Ok(Keyed { check, sealer });
        }
    }
    let sealer = Sealer::new(&source.load()?);
    if !sealer.opens_key_check(&check) {
        return Err(KeyError::Wrong {
            key: source.describe(),
            store: location.to_string(),
        }
        .into());
    }
    // A staged key that does not open the store never committed.
    if writable {
        source.discard_staged()?;
    }
    Ok(Keyed { check, sealer })
}
