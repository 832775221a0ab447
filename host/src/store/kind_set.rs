//! The kinds a store that comes with the harness declares rules for: the
//! built-in kinds unless the store was given its own
//! ([`MemoryStore::with_kinds`](super::memory::MemoryStore::with_kinds),
//! [`SqlStore::with_kinds`](super::sql::SqlStore::with_kinds)). One set
//! answers `rules` and `kinds`, checks what `add` adds and what a write
//! writes, so that a store never checks by rules it does not show.

use super::AdminError;
use crate::kinds::builtin_kinds;
use crate::model::KindRules;

/// Kind rules by kind name, in the order they were declared.
#[derive(Clone, Debug)]
pub struct KindSet {
    kinds: Vec<KindRules>,
}

impl Default for KindSet {
    /// The built-in kinds, in [`builtin_kinds`]'s order.
    fn default() -> Self {
        KindSet::new(builtin_kinds().iter().cloned())
    }
}

impl KindSet {
    /// These kinds and no other; a kind given twice keeps its first place
    /// and its last rules.
    pub fn new(kinds: impl IntoIterator<Item = KindRules>) -> Self {
        let mut set = KindSet { kinds: Vec::new() };
        for rules in kinds {
            set.declare(rules);
        }
        set
    }

    /// Declares a kind, or replaces its rules where it stands.
    pub fn declare(&mut self, rules: KindRules) {
        match self.kinds.iter_mut().find(|k| k.kind == rules.kind) {
            Some(known) => *known = rules,
            None => self.kinds.push(rules),
        }
    }

    /// The rules of `kind`, if declared (names are case-sensitive).
    pub fn get(&self, kind: &str) -> Option<&KindRules> {
        self.kinds.iter().find(|k| k.kind == kind)
    }

    /// The rules of a stored connector's kind: `None` for a connector
    /// without a kind, or of a kind the store no longer declares (it was
    /// added under other rules; it is written with none).
    pub fn of(&self, kind: Option<&str>) -> Option<&KindRules> {
        kind.and_then(|k| self.get(k))
    }

    /// Every declared kind, in order.
    pub fn all(&self) -> &[KindRules] {
        &self.kinds
    }

    /// The rules a connector to be added with `kind` is checked by: `None`
    /// without a kind; [`AdminError::UnknownKind`] for a kind with no rules,
    /// so that no connector is added that nothing would check.
    pub fn for_new(&self, kind: Option<&str>) -> Result<Option<&KindRules>, AdminError> {
        let Some(kind) = kind else {
            return Ok(None);
        };
        match self.get(kind) {
            Some(rules) => Ok(Some(rules)),
            None => Err(AdminError::UnknownKind {
                kind: kind.to_string(),
                kinds: self.kinds.iter().map(|k| k.kind.clone()).collect(),
            }),
        }
    }
}
