//! A connector's list of its values, sealed in its row (the connector seal
//! of [`seal`](crate::seal)): each property's name, secret mark and
//! value fingerprint. Checking the rows against it names every value that
//! was rolled back, flipped, deleted or added outside the store; a write
//! changes only the entries of the properties it writes, so an entry that
//! was damaged stays damaged until that property is set again.

use std::collections::{BTreeMap, HashSet};

use super::keys::{Sealers, Unsealed};
use super::tables::{SealedProperty, Tables};
use crate::error::StoreError;
use crate::model::ConnectorSummary;
use crate::seal::{ConnectorHead, fingerprint};

/// What the list says of one property.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    secret: bool,
    fingerprint: Vec<u8>,
}

/// A connector's list of its values, by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Manifest {
    entries: BTreeMap<String, Entry>,
}

impl Manifest {
    /// The list that these rows make, as they are (a new connector, or a
    /// store migrated forward, which trusts its rows as it finds them).
    pub(super) fn of<'a>(rows: impl IntoIterator<Item = &'a SealedProperty>) -> Self {
        let mut manifest = Manifest::default();
        for row in rows {
            manifest.set(row);
        }
        manifest
    }

    /// Records `row` as written now.
    pub(super) fn set(&mut self, row: &SealedProperty) {
        self.entries.insert(
            row.name.clone(),
            Entry {
                secret: row.secret,
                fingerprint: fingerprint(&row.sealed).to_vec(),
            },
        );
    }

    /// Records that property `name` was removed.
    pub(super) fn remove(&mut self, name: &str) {
        self.entries.remove(name);
    }

    /// Whether the list marks `name` secret.
    pub(super) fn is_secret(&self, name: &str) -> bool {
        self.entries.get(name).is_some_and(|e| e.secret)
    }

    /// Whether `row` is as the list says: listed, with its mark and value.
    pub(super) fn matches(&self, row: &SealedProperty) -> bool {
        self.entries.get(&row.name).is_some_and(|e| {
            e.secret == row.secret && e.fingerprint.as_slice() == fingerprint(&row.sealed)
        })
    }

    /// The names the list holds that no row has: values deleted outside
    /// the store.
    pub(super) fn missing(&self, rows: &[SealedProperty]) -> Vec<String> {
        let present: HashSet<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        self.entries
            .keys()
            .filter(|name| !present.contains(name.as_str()))
            .cloned()
            .collect()
    }

    /// `count ‖ (len(name) ‖ name ‖ secret ‖ len(fingerprint) ‖ fingerprint)*`.
    fn encode(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(4 + self.entries.len() * 40);
        bytes.extend_from_slice(&(self.entries.len() as u32).to_be_bytes());
        for (name, entry) in &self.entries {
            bytes.extend_from_slice(&(name.len() as u32).to_be_bytes());
            bytes.extend_from_slice(name.as_bytes());
            bytes.push(u8::from(entry.secret));
            bytes.push(entry.fingerprint.len() as u8);
            bytes.extend_from_slice(&entry.fingerprint);
        }
        bytes
    }

    /// What [`Manifest::encode`] made; `None` for anything else.
    fn decode(bytes: &[u8]) -> Option<Self> {
        let mut rest = bytes;
        let mut take = |n: usize| -> Option<&[u8]> {
            if rest.len() < n {
                return None;
            }
            let (head, tail) = rest.split_at(n);
            rest = tail;
            Some(head)
        };
        let count = u32::from_be_bytes(take(4)?.try_into().ok()?);
        let mut entries = BTreeMap::new();
        for _ in 0..count {
            let len = u32::from_be_bytes(take(4)?.try_into().ok()?) as usize;
            let name = String::from_utf8(take(len)?.to_vec()).ok()?;
            let secret = match take(1)? {
                [0] => false,
                [1] => true,
                _ => return None,
            };
            let len = *take(1)?.first()? as usize;
            let fingerprint = take(len)?.to_vec();
            entries.insert(
                name,
                Entry {
                    secret,
                    fingerprint,
                },
            );
        }
        (take(1).is_none()).then_some(Manifest { entries })
    }
}

/// The connector seal's view of a row.
fn head_of(head: &ConnectorSummary) -> ConnectorHead<'_> {
    ConnectorHead {
        id: &head.id,
        name: &head.name,
        kind: head.kind.as_deref(),
        revision: head.revision,
    }
}

/// The refusal of a value that fails its integrity check.
pub(super) fn tampered(connector: &str, property: &str) -> StoreError {
    StoreError::Tampered {
        connector: connector.to_string(),
        property: property.to_string(),
    }
}

/// Seals `manifest` for the connector `head` (at the revision it says) with
/// the key that seals, and keeps it in the connector's row.
pub(super) fn put(
    t: &mut dyn Tables,
    sealers: &Sealers,
    head: &ConnectorSummary,
    manifest: &Manifest,
) -> Result<(), StoreError> {
    let sealed = sealers.seal_connector(head_of(head), &manifest.encode())?;
    t.set_connector_seal(&head.id, &sealed)
}

/// What checking a connector's rows against its seal found.
#[derive(Debug, Default)]
pub(super) struct Checked {
    /// The list, when the connector seal opened for this row: `None` when
    /// the row or its seal was changed outside the store (every value is
    /// then damaged, and the connector cannot be written).
    pub manifest: Option<Manifest>,
    /// The rows that are not as the list says (every row, without a list).
    pub damaged: HashSet<String>,
    /// The names the list holds that have no row.
    pub missing: Vec<String>,
    /// Why the seal could not be checked: this machine lacks the key that
    /// made it. Reported after the values are opened, so that a value
    /// sealed by the same key names itself first, as before connector seals.
    pub lacks: Option<crate::error::KeyError>,
}

impl Checked {
    /// The list, or the refusal to write a connector whose row or seal was
    /// changed outside the store.
    pub(super) fn manifest_for_write(&self, id: &str) -> Result<Manifest, StoreError> {
        self.key_checked()?;
        self.manifest.clone().ok_or_else(|| whole(id))
    }

    /// The key error of a seal this machine could not check, if it could not.
    pub(super) fn key_checked(&self) -> Result<(), StoreError> {
        match &self.lacks {
            Some(e) => Err(e.clone().into()),
            None => Ok(()),
        }
    }

    /// The first damaged or missing name, as the read of the whole
    /// connector fails with.
    pub(super) fn refusal(&self, id: &str, rows: &[SealedProperty]) -> Option<StoreError> {
        if let Err(e) = self.key_checked() {
            return Some(e);
        }
        if self.manifest.is_none() {
            return Some(whole(id));
        }
        rows.iter()
            .map(|r| &r.name)
            .find(|n| self.damaged.contains(n.as_str()))
            .or(self.missing.first())
            .map(|name| tampered(id, name))
    }
}

/// The refusal of a connector whose row (revision, name, kind) or seal was
/// changed outside the store.
fn whole(id: &str) -> StoreError {
    StoreError::Tampered {
        connector: id.to_string(),
        property: "(every property: the connector's record of them does not match its row)".into(),
    }
}

/// Checks `rows`, all of the connector `head`'s properties, against its
/// connector seal. A seal made by a key this machine lacks is the key's
/// error ([`Checked::lacks`]), never damage.
pub(super) fn check(
    t: &mut dyn Tables,
    sealers: &Sealers,
    head: &ConnectorSummary,
    rows: &[SealedProperty],
) -> Result<Checked, StoreError> {
    let sealed = t.connector_seal(&head.id)?;
    let opened = match sealed {
        None => Err(Unsealed::Damaged),
        Some(sealed) => sealers.open_connector(head_of(head), &sealed),
    };
    let manifest = match opened {
        Ok(bytes) => Manifest::decode(&bytes),
        Err(Unsealed::Key(e)) => {
            return Ok(Checked {
                lacks: Some(e),
                ..Checked::default()
            });
        }
        Err(Unsealed::Damaged) => None,
    };
    Ok(match manifest {
        None => Checked {
            manifest: None,
            damaged: rows.iter().map(|r| r.name.clone()).collect(),
            missing: Vec::new(),
            lacks: None,
        },
        Some(manifest) => Checked {
            lacks: None,
            damaged: rows
                .iter()
                .filter(|r| !manifest.matches(r))
                .map(|r| r.name.clone())
                .collect(),
            missing: manifest.missing(rows),
            manifest: Some(manifest),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, secret: bool, sealed: &[u8]) -> SealedProperty {
        SealedProperty {
            position: 0,
            name: name.into(),
            sealed: sealed.to_vec(),
            secret,
        }
    }

    #[test]
    fn a_list_round_trips_and_names_what_differs() {
        let a = row("A", true, &[7; 60]);
        let b = row("B", false, &[8; 60]);
        let manifest = Manifest::of([&a, &b]);
        let decoded = Manifest::decode(&manifest.encode()).unwrap();
        assert_eq!(decoded, manifest);
        assert!(decoded.matches(&a) && decoded.matches(&b));
        assert!(!decoded.matches(&row("A", false, &[7; 60])), "mark flipped");
        assert!(
            !decoded.matches(&row("A", true, &[9; 60])),
            "value replaced"
        );
        assert!(!decoded.matches(&row("C", false, &[8; 60])), "row added");
        assert_eq!(decoded.missing(std::slice::from_ref(&a)), vec!["B"]);
        assert!(decoded.is_secret("A") && !decoded.is_secret("B"));
        let mut bytes = manifest.encode();
        bytes.push(0);
        assert_eq!(Manifest::decode(&bytes), None);
        assert_eq!(Manifest::decode(&[0, 0, 0, 5]), None);
        assert_eq!(Manifest::decode(&[]), None);
    }
}
