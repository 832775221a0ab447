//! A checker for [`CredentialStore`] implementations: it runs a store
//! through every clause of the trait's contract and names each clause the
//! store breaks.
//!
//! An engine that brings its own store calls [`check_store`] from a
//! `#[test]`, with a closure that builds a fresh store holding a
//! [`Fixture`]: the connectors (with their ids, names, kinds and values),
//! the grants and the kinds the checker asks for. The checker calls the
//! closure once per clause, so that one broken clause cannot hide or cause
//! another, and writes only through the trait.
//!
//! ```
//! use connectors_update_harness::testing::{self, Fixture};
//! use connectors_update_harness::stores::MemoryStore;
//!
//! fn fill(fixture: &Fixture) -> MemoryStore {
//!     let store = MemoryStore::new();
//!     for kind in &fixture.kinds {
//!         store.set_rules(kind.clone());
//!     }
//!     for connector in &fixture.connectors {
//!         store.add(connector.clone()).expect("the fixture is valid");
//!     }
//!     for grant in &fixture.grants {
//!         store.grant(&grant.connector, &grant.principal).expect("the connector exists");
//!     }
//!     store
//! }
//!
//! // In a `#[test]`: `Err` lists every broken clause, expected against seen.
//! testing::check_store(fill).unwrap();
//! ```
//!
//! A store whose access is not by grants, or which cannot declare the kind
//! the checker uses, skips those clauses with [`Checker::without_grants`]
//! or [`Checker::without_kinds`]:
//!
//! ```
//! # use connectors_update_harness::{stores::MemoryStore, testing::{Checker, Fixture}};
//! # fn fill(fixture: &Fixture) -> MemoryStore {
//! #     let store = MemoryStore::new();
//! #     for c in &fixture.connectors { store.add(c.clone()).unwrap(); }
//! #     store
//! # }
//! Checker::new(fill).without_grants().without_kinds().assert();
//! ```
//!
//! What the checker reports names clauses, property names, revisions and
//! error kinds, never a value: a report is safe to print in a CI log even
//! when the store under test leaks.
//!
//! The module is behind the cargo feature `testing`, off by default: an
//! engine turns it on where its tests depend on the crate
//! (`[dev-dependencies] connectors-update-harness = { ..., features =
//! ["testing"] }`), so that its build carries none of it. It adds no
//! dependency.

mod access;
mod conformance;
mod fixture;
mod kinds;
mod observe;
mod reads;
mod writes;

use std::fmt;

pub use conformance::{
    CASE_FILES, Mismatch, Mismatches, check_conformance, check_conformance_revealing,
};

use crate::model::{KindRules, NewConnector};
use crate::store::CredentialStore;

/// What a store must hold when a clause starts: build a fresh store with
/// exactly this in it.
#[derive(Clone, Debug, Default)]
pub struct Fixture {
    /// The connectors, each at revision 1, with the id, name, kind and
    /// properties given (a property marked secret, or made secret by its
    /// kind's rules, is stored as a secret).
    pub connectors: Vec<NewConnector>,
    /// Who may use which connector. A connector with no grant here must be
    /// open to every caller, anonymous included.
    pub grants: Vec<Grant>,
    /// The kinds the store must declare through
    /// [`CredentialStore::rules`] and [`CredentialStore::kinds`] (beside
    /// any others it declares). The contract's clauses use a built-in kind,
    /// which the stores that come with the harness already declare; a
    /// conformance case may declare a kind of its own (a secret JSON rule
    /// that only a merge in the store can break, say), which a store must
    /// declare too, as `MemoryStore::set_rules` does.
    pub kinds: Vec<KindRules>,
}

/// One grant of a [`Fixture`]: `principal` may use `connector`, and, once a
/// connector has a grant, only its grantees may.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    /// The connector's id.
    pub connector: String,
    /// The principal, as [`Caller::principal`](crate::Caller::principal) names it.
    pub principal: String,
}

/// One clause a store broke: what the clause expected, and what the store
/// did instead, in words that name no value.
#[derive(Clone, PartialEq, Eq)]
pub struct Breach {
    /// The clause, as the list in [`CredentialStore`]'s documentation
    /// names it, such as `expected-revision` or `preview-writes-nothing`.
    pub clause: &'static str,
    /// What the contract expects, such as "a commit that changes something
    /// leaves revision 2".
    pub expected: String,
    /// What the store did, such as "the receipt says revision 1".
    pub seen: String,
}

impl fmt::Display for Breach {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: expected {}; seen {}",
            self.clause, self.expected, self.seen
        )
    }
}

impl fmt::Debug for Breach {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Every clause a store broke, in the order they were checked.
///
/// Its `Debug` prints the same list as its `Display`, one breach a line, so
/// that a `#[test]` that unwraps it (or returns it) shows a readable list.
#[derive(Clone, PartialEq, Eq)]
pub struct Report {
    /// The breaches, at least one.
    pub breaches: Vec<Breach>,
}

impl Report {
    /// Whether `clause` is among the broken ones.
    pub fn broke(&self, clause: &str) -> bool {
        self.breaches.iter().any(|b| b.clause == clause)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the store breaks {} clause(s) of the CredentialStore contract:",
            self.breaches.len()
        )?;
        for breach in &self.breaches {
            write!(f, "\n- {breach}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Report {}

/// Checks the store `make` builds against every clause of the
/// [`CredentialStore`] contract, grants and kinds included:
/// [`Checker::new`]`(make).`[`check`](Checker::check)`()`.
pub fn check_store<S, F>(make: F) -> Result<(), Report>
where
    S: CredentialStore,
    F: Fn(&Fixture) -> S,
{
    Checker::new(make).check()
}

/// The contract check, with the clauses a store cannot take part in left out.
pub struct Checker<F> {
    make: F,
    grants: bool,
    kinds: bool,
}

impl<F> fmt::Debug for Checker<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Checker")
            .field("grants", &self.grants)
            .field("kinds", &self.kinds)
            .finish_non_exhaustive()
    }
}

impl<S, F> Checker<F>
where
    S: CredentialStore,
    F: Fn(&Fixture) -> S,
{
    /// A check of the stores `make` builds, one fresh store per clause.
    pub fn new(make: F) -> Self {
        Checker {
            make,
            grants: true,
            kinds: true,
        }
    }

    /// Leaves out the access clauses, for a store whose access is not by
    /// grants: fixtures then hold no grants.
    pub fn without_grants(mut self) -> Self {
        self.grants = false;
        self
    }

    /// Leaves out the clauses that need a kind's rules (a kind's secret
    /// rule, its write permissions, the merged-value check), for a store
    /// that cannot declare the built-in kind the checker uses: fixtures
    /// then hold no kinds and no connector of one.
    pub fn without_kinds(mut self) -> Self {
        self.kinds = false;
        self
    }

    /// Runs every clause; `Err` lists each one the store broke.
    pub fn check(&self) -> Result<(), Report> {
        let fresh =
            |fixture: &Fixture| -> Box<dyn CredentialStore + '_> { Box::new((self.make)(fixture)) };
        let mut breaches = Vec::new();
        let mut run = |clause: Clause| {
            if let Err(breach) = clause(&fresh) {
                breaches.push(breach);
            }
        };
        let groups = [
            (true, reads::CLAUSES),
            (true, writes::CLAUSES),
            (self.grants, access::CLAUSES),
            (self.kinds, kinds::CLAUSES),
        ];
        for (wanted, clauses) in groups {
            if wanted {
                clauses.iter().for_each(|clause| run(*clause));
            }
        }
        if breaches.is_empty() {
            Ok(())
        } else {
            Err(Report { breaches })
        }
    }

    /// Runs every clause and panics with the list of those the store broke.
    pub fn assert(&self) {
        if let Err(report) = self.check() {
            panic!("{report}");
        }
    }
}

/// Builds a fresh store holding a fixture.
type Fresh<'a> = dyn Fn(&Fixture) -> Box<dyn CredentialStore + 'a> + 'a;

/// One clause: `Err` is the first thing the store got wrong in it.
type Clause = fn(&Fresh<'_>) -> Result<(), Breach>;
