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
//! use connectors_update::testing::{self, Fixture};
//! use connectors_update::MemoryStore;
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
//! # use connectors_update::{testing::{Checker, Fixture}, MemoryStore};
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
//! The module is behind the cargo feature `testing`, on by default so that
//! an engine's tests (and this crate's own) find it with no flags; an
//! embedder that wants none of it in its build depends on the crate with
//! `default-features = false`. It adds no dependency.

use std::fmt;

use crate::error::StoreError;
use crate::model::{
    Caller, Change, ChangeOp, Connector, KindRules, NewConnector, StoredValue, WriteMode,
    WriteReceipt,
};
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
    /// any others it declares). They are built-in kinds, which the stores
    /// that come with the harness already declare.
    pub kinds: Vec<KindRules>,
}

/// One grant of a [`Fixture`]: `principal` may use `connector`, and, once a
/// connector has a grant, only its grantees may.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    /// The connector's id.
    pub connector: String,
    /// The principal, as [`Caller::principal`] names it.
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
        for clause in BASE {
            run(*clause);
        }
        if self.grants {
            for clause in GRANTS {
                run(*clause);
            }
        }
        if self.kinds {
            for clause in KINDS {
                run(*clause);
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

const BASE: &[Clause] = &[
    get,
    get_not_found,
    get_withholds_secrets,
    find_by_name,
    rules_and_kinds_agree,
    expected_revision,
    commit_bumps_once,
    no_op_keeps_revision,
    changed_names,
    preview_writes_nothing,
    preview_checks_revision,
    preview_reports_as_commit,
    removal,
    secrecy_is_sticky,
    merge,
    no_op_merge_keeps_text,
    secret_merge,
    all_or_nothing,
];

const GRANTS: &[Clause] = &[
    open_without_grants,
    grantee_only,
    access_before_revision,
    find_by_name_hides_closed,
];

const KINDS: &[Clause] = &[
    kinds_declared,
    kind_makes_secret,
    write_permission,
    revision_before_changes,
    merged_values,
];

// ---- the fixture -------------------------------------------------------

/// The value of every secret of the fixtures: no `get` may show it.
const SECRET: &str = "contract-secret-9c41";

/// The JSON the merge clauses start from, spaced as no serializer would
/// write it, so that a store that rewrites the text is seen.
const JSON: &str = r#"{ "a": 1,  "n": { "x": 1 } }"#;

/// The secret JSON the secret merge starts from.
const SECRET_JSON: &str = r#"{ "k": "contract-secret-9c41" }"#;

/// The kind the kind clauses use: built in, so the harness's stores
/// declare it; `options` is secret and guarded by a permission, `metadata`
/// takes only strings.
const KIND: &str = "auth0-connection";

/// "One", id c1: A = 1 (plain) and Secret (secret), at revision 1.
fn one() -> NewConnector {
    NewConnector::new("One")
        .id("c1")
        .set("A", "1")
        .secret("Secret", SECRET)
}

/// "one", id c2 (a name that differs from c1's in case only): J (plain
/// JSON), T (plain text) and SJ (secret JSON).
fn two() -> NewConnector {
    NewConnector::new("one")
        .id("c2")
        .set("J", JSON)
        .set("T", "text")
        .secret("SJ", SECRET_JSON)
}

/// "Three", id c3, of [`KIND`]: its `options` given as plain, which the
/// kind makes secret.
fn three() -> NewConnector {
    NewConnector::new("Three")
        .id("c3")
        .kind(KIND)
        .set("name", "contract")
        .set("options", r#"{"o": 1}"#)
        .set("metadata", r#"{"team": "a"}"#)
}

fn base() -> Fixture {
    Fixture {
        connectors: vec![one(), two()],
        ..Fixture::default()
    }
}

fn granted() -> Fixture {
    Fixture {
        grants: vec![Grant {
            connector: "c1".into(),
            principal: GRANTEE.into(),
        }],
        ..base()
    }
}

fn kinded() -> Fixture {
    Fixture {
        connectors: vec![one(), three()],
        kinds: kind_rules().into_iter().collect(),
        ..Fixture::default()
    }
}

fn kind_rules() -> Option<KindRules> {
    crate::kinds::builtin_rules(KIND).cloned()
}

const GRANTEE: &str = "contract-grantee";
const STRANGER: &str = "contract-stranger";

fn anyone() -> Caller {
    Caller::anonymous()
}

/// A caller holding every permission of [`KIND`]'s rules.
fn admin() -> Caller {
    let mut caller = Caller::principal("contract-admin");
    for rule in kind_rules().iter().flat_map(|k| k.properties.clone()) {
        if let Some(p) = rule.write_permission {
            caller = caller.with_permission(p);
        }
    }
    caller
}

fn set(name: &str, value: &str) -> Change {
    Change {
        name: name.into(),
        op: ChangeOp::set(value, false),
    }
}

fn set_secret(name: &str, value: &str) -> Change {
    Change {
        name: name.into(),
        op: ChangeOp::set(value, true),
    }
}

fn merge_in(name: &str, patch: &str, secret: bool) -> Change {
    Change {
        name: name.into(),
        op: ChangeOp::merge(patch, secret),
    }
}

fn remove(name: &str) -> Change {
    Change {
        name: name.into(),
        op: ChangeOp::Remove,
    }
}

// ---- helpers that turn what a store did into breaches ------------------

fn breach(clause: &'static str, expected: impl Into<String>, seen: impl Into<String>) -> Breach {
    Breach {
        clause,
        expected: expected.into(),
        seen: seen.into(),
    }
}

/// An error as a breach names it: its kind, and the revision or property
/// it carries; never its message, which a broken store may fill with a value.
fn describe(error: &StoreError) -> String {
    match error {
        StoreError::NotFound => "StoreError::NotFound".into(),
        StoreError::Conflict(revision) => format!("StoreError::Conflict({revision})"),
        StoreError::PermissionDenied {
            property: Some(p), ..
        } => format!("StoreError::PermissionDenied naming property '{p}'"),
        StoreError::PermissionDenied { property: None, .. } => {
            "StoreError::PermissionDenied naming no property".into()
        }
        StoreError::Invalid(violations) => format!(
            "StoreError::Invalid naming {:?}",
            violations
                .iter()
                .map(|v| v.property.as_str())
                .collect::<Vec<_>>()
        ),
        StoreError::Unavailable(_) => "StoreError::Unavailable".into(),
        _ => "a StoreError of another kind".into(),
    }
}

fn describe_receipt(receipt: &WriteReceipt) -> String {
    format!(
        "revision {} with changed {:?}",
        receipt.revision, receipt.changed
    )
}

fn describe_result(result: &Result<WriteReceipt, StoreError>) -> String {
    match result {
        Ok(receipt) => format!("success: {}", describe_receipt(receipt)),
        Err(error) => describe(error),
    }
}

/// `result`, or the breach that `what` failed.
fn ok<T>(clause: &'static str, what: &str, result: Result<T, StoreError>) -> Result<T, Breach> {
    result.map_err(|e| breach(clause, format!("{what} to succeed"), describe(&e)))
}

/// A write that must succeed with exactly this receipt.
fn receipt(
    clause: &'static str,
    what: &str,
    result: Result<WriteReceipt, StoreError>,
    revision: u64,
    changed: &[&str],
) -> Result<(), Breach> {
    let receipt = ok(clause, what, result)?;
    if receipt.revision != revision || receipt.changed != changed {
        return Err(breach(
            clause,
            format!("{what} to answer revision {revision} with changed {changed:?}"),
            describe_receipt(&receipt),
        ));
    }
    Ok(())
}

/// A call that must be refused with an error `wanted` accepts.
fn refused<T>(
    clause: &'static str,
    what: &str,
    result: Result<T, StoreError>,
    expected: &str,
    wanted: impl Fn(&StoreError) -> bool,
) -> Result<(), Breach> {
    match result {
        Err(e) if wanted(&e) => Ok(()),
        Err(e) => Err(breach(
            clause,
            format!("{what} to be refused with {expected}"),
            describe(&e),
        )),
        Ok(_) => Err(breach(
            clause,
            format!("{what} to be refused with {expected}"),
            "success",
        )),
    }
}

fn denied(e: &StoreError) -> bool {
    matches!(e, StoreError::PermissionDenied { .. })
}

/// What `get` shows of one property, for a breach: no value.
fn describe_value(value: Option<&StoredValue>) -> String {
    match value {
        None => "no such property".into(),
        Some(StoredValue::Secret) => "a secret (withheld)".into(),
        Some(StoredValue::Plain(_)) => "a plain value".into(),
    }
}

/// What the connector `id` must look like after something: its revision,
/// and each named property plain with this text, secret, or absent.
fn state(
    clause: &'static str,
    when: &str,
    store: &dyn CredentialStore,
    caller: &Caller,
    id: &str,
    revision: u64,
    expected: &[(&str, Expect<'_>)],
) -> Result<Connector, Breach> {
    let connector = ok(
        clause,
        &format!("get of '{id}' {when}"),
        store.get(caller, id),
    )?;
    if connector.revision != revision {
        return Err(breach(
            clause,
            format!("'{id}' at revision {revision} {when}"),
            format!("revision {}", connector.revision),
        ));
    }
    for (name, expect) in expected {
        let value = connector.property(name).map(|p| &p.value);
        let fits = match (expect, value) {
            (Expect::Absent, None) | (Expect::Secret, Some(StoredValue::Secret)) => true,
            (Expect::Text(text), Some(StoredValue::Plain(seen))) => seen == text,
            (Expect::Json(json), Some(StoredValue::Plain(seen))) => {
                serde_json::from_str::<serde_json::Value>(seen).ok()
                    == serde_json::from_str::<serde_json::Value>(json).ok()
            }
            _ => false,
        };
        if !fits {
            let seen = match (expect, value) {
                (Expect::Text(_) | Expect::Json(_), Some(StoredValue::Plain(_))) => {
                    "a plain value with other text".to_string()
                }
                _ => describe_value(value),
            };
            return Err(breach(
                clause,
                format!("property '{name}' of '{id}' {} {when}", expect.words()),
                seen,
            ));
        }
    }
    Ok(connector)
}

/// What one property must be, for [`state`].
#[derive(Clone, Copy)]
enum Expect<'a> {
    /// Plain, with exactly this text.
    Text(&'a str),
    /// Plain, with text that parses to the same JSON value as this.
    Json(&'a str),
    /// Secret: withheld.
    Secret,
    /// Not there.
    Absent,
}

impl Expect<'_> {
    fn words(&self) -> &'static str {
        match self {
            Expect::Text(_) => "plain with the text it should hold",
            Expect::Json(_) => "plain with the JSON value RFC 7396 gives",
            Expect::Secret => "secret",
            Expect::Absent => "absent",
        }
    }
}

use Expect::{Absent, Json, Secret, Text};

// ---- the clauses -------------------------------------------------------

fn get(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "get";
    let store = fresh(&base());
    let c = state(
        C,
        "as added",
        &*store,
        &anyone(),
        "c1",
        1,
        &[("A", Text("1")), ("Secret", Secret)],
    )?;
    if (c.id.as_str(), c.name.as_str(), c.kind.as_deref()) != ("c1", "One", None) {
        return Err(breach(
            C,
            "get of 'c1' to give id 'c1', name 'One' and no kind",
            format!("id '{}', name '{}', kind {:?}", c.id, c.name, c.kind),
        ));
    }
    let mut names: Vec<&str> = c.properties.iter().map(|p| p.name.as_str()).collect();
    names.sort_unstable();
    if names != ["A", "Secret"] {
        return Err(breach(
            C,
            "get of 'c1' to list its properties A and Secret, each once",
            format!("{names:?}"),
        ));
    }
    Ok(())
}

fn get_not_found(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "not-found";
    let store = fresh(&base());
    let missing = |e: &StoreError| *e == StoreError::NotFound;
    refused(
        C,
        "get of an id no connector has",
        store.get(&anyone(), "no-such-connector"),
        "StoreError::NotFound",
        missing,
    )?;
    refused(
        C,
        "get of an id that differs from 'c1' in case",
        store.get(&anyone(), "C1"),
        "StoreError::NotFound",
        missing,
    )?;
    for mode in [WriteMode::Commit, WriteMode::Preview] {
        refused(
            C,
            &format!("a {mode:?} write to an id no connector has"),
            store.write(&anyone(), "no-such-connector", 1, &[set("A", "2")], mode),
            "StoreError::NotFound",
            missing,
        )?;
    }
    Ok(())
}

fn get_withholds_secrets(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "secrets-withheld";
    let store = fresh(&base());
    for id in ["c1", "c2"] {
        let c = ok(C, &format!("get of '{id}'"), store.get(&anyone(), id))?;
        for p in &c.properties {
            if let StoredValue::Plain(text) = &p.value
                && text.contains(SECRET)
            {
                return Err(breach(
                    C,
                    format!("get of '{id}' to withhold every secret value (StoredValue::Secret)"),
                    format!("property '{}' hands out a secret value", p.name),
                ));
            }
        }
    }
    state(C, "", &*store, &anyone(), "c2", 1, &[("SJ", Secret)])?;
    Ok(())
}

fn find_by_name(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "find-by-name";
    let store = fresh(&base());
    for (name, ids) in [
        ("One", &["c1"][..]),
        ("one", &["c2"][..]),
        ("ONE", &[][..]),
        ("On", &[][..]),
        ("One ", &[][..]),
        ("c1", &[][..]),
    ] {
        let found = ok(
            C,
            &format!("find_by_name({name:?})"),
            store.find_by_name(&anyone(), name),
        )?;
        let seen: Vec<&str> = found.iter().map(|s| s.id.as_str()).collect();
        if seen != ids {
            return Err(breach(
                C,
                format!("find_by_name({name:?}), exact and case-sensitive, to give ids {ids:?}"),
                format!("{seen:?}"),
            ));
        }
        if let Some(s) = found.first()
            && (s.name != name || s.revision != 1 || s.kind.is_some())
        {
            return Err(breach(
                C,
                format!(
                    "the summary of '{}' to give its name, no kind and revision 1",
                    s.id
                ),
                format!(
                    "name {}, kind {:?}, revision {}",
                    if s.name == name { "right" } else { "wrong" },
                    s.kind,
                    s.revision
                ),
            ));
        }
    }
    Ok(())
}

fn rules_and_kinds_agree(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "rules-and-kinds";
    let store = fresh(&base());
    let me = anyone();
    let kinds = ok(C, "kinds()", store.kinds(&me))?;
    let mut names: Vec<&str> = kinds.iter().map(|k| k.kind.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    if names.len() != kinds.len() {
        return Err(breach(
            C,
            "kinds() to list each kind once",
            format!("{} entries for {} kinds", kinds.len(), names.len()),
        ));
    }
    for kind in &kinds {
        let rules = ok(
            C,
            &format!("rules({:?})", kind.kind),
            store.rules(&me, &kind.kind),
        )?;
        if rules.as_ref() != Some(kind) {
            return Err(breach(
                C,
                format!("rules({:?}) to be what kinds() lists for it", kind.kind),
                match rules {
                    None => "None",
                    Some(_) => "other rules",
                },
            ));
        }
    }
    let unknown = ok(
        C,
        "rules of a kind no store declares",
        store.rules(&me, "no-such-kind-contract"),
    )?;
    if unknown.is_some() {
        return Err(breach(
            C,
            "rules of a kind the store does not declare to be None",
            "some rules",
        ));
    }
    Ok(())
}

fn expected_revision(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "expected-revision";
    for stale in [0, 2, 7] {
        let store = fresh(&base());
        let result = store.write(&anyone(), "c1", stale, &[set("A", "2")], WriteMode::Commit);
        refused(
            C,
            &format!("a commit expecting revision {stale} of a connector at revision 1"),
            result,
            "StoreError::Conflict(1), the current revision",
            |e| *e == StoreError::Conflict(1),
        )?;
        state(
            C,
            "after a refused write",
            &*store,
            &anyone(),
            "c1",
            1,
            &[("A", Text("1"))],
        )?;
    }
    // The revision a refusal names is the current one, not the first.
    let store = fresh(&base());
    ok(
        C,
        "a commit at revision 1",
        store.write(&anyone(), "c1", 1, &[set("A", "2")], WriteMode::Commit),
    )?;
    refused(
        C,
        "a second commit expecting revision 1, now stale",
        store.write(&anyone(), "c1", 1, &[set("A", "3")], WriteMode::Commit),
        "StoreError::Conflict(2)",
        |e| *e == StoreError::Conflict(2),
    )?;
    state(
        C,
        "after a refused write",
        &*store,
        &anyone(),
        "c1",
        2,
        &[("A", Text("2"))],
    )?;
    Ok(())
}

fn commit_bumps_once(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "commit-bumps-revision";
    let store = fresh(&base());
    receipt(
        C,
        "a commit setting A, adding B and removing an absent property",
        store.write(
            &anyone(),
            "c1",
            1,
            &[set("A", "2"), set("B", "b"), remove("Missing")],
            WriteMode::Commit,
        ),
        2,
        &["A", "B"],
    )?;
    state(
        C,
        "after the commit",
        &*store,
        &anyone(),
        "c1",
        2,
        &[("A", Text("2")), ("B", Text("b")), ("Missing", Absent)],
    )?;
    receipt(
        C,
        "a second commit at revision 2",
        store.write(&anyone(), "c1", 2, &[set("A", "3")], WriteMode::Commit),
        3,
        &["A"],
    )?;
    state(
        C,
        "after two commits",
        &*store,
        &anyone(),
        "c1",
        3,
        &[("A", Text("3"))],
    )?;
    Ok(())
}

fn no_op_keeps_revision(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "no-op-keeps-revision";
    let store = fresh(&base());
    for (what, changes) in [
        ("a commit with no changes", vec![]),
        (
            "a commit setting A to its value and removing an absent property",
            vec![set("A", "1"), remove("Missing")],
        ),
        (
            "a commit setting the secret to its value",
            vec![set_secret("Secret", SECRET)],
        ),
    ] {
        receipt(
            C,
            what,
            store.write(&anyone(), "c1", 1, &changes, WriteMode::Commit),
            1,
            &[],
        )?;
    }
    state(
        C,
        "after commits that change nothing",
        &*store,
        &anyone(),
        "c1",
        1,
        &[],
    )?;
    Ok(())
}

fn changed_names(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "changed-names";
    let store = fresh(&base());
    receipt(
        C,
        "a commit of [set Z, set A to its value, set B, set Z again]",
        store.write(
            &anyone(),
            "c1",
            1,
            &[set("Z", "1"), set("A", "1"), set("B", "b"), set("Z", "2")],
            WriteMode::Commit,
        ),
        2,
        &["Z", "B"],
    )?;
    state(
        C,
        "after the commit",
        &*store,
        &anyone(),
        "c1",
        2,
        &[("Z", Text("2")), ("A", Text("1")), ("B", Text("b"))],
    )?;
    Ok(())
}

fn preview_writes_nothing(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "preview-writes-nothing";
    let store = fresh(&base());
    receipt(
        C,
        "a preview setting A, adding B and setting the secret to its value marked not secret (its receipt holds the current revision)",
        store.write(
            &anyone(),
            "c1",
            1,
            &[set("A", "2"), set("B", "b"), set("Secret", SECRET)],
            WriteMode::Preview,
        ),
        1,
        &["A", "B"],
    )?;
    state(
        C,
        "after a preview",
        &*store,
        &anyone(),
        "c1",
        1,
        &[("A", Text("1")), ("B", Absent)],
    )?;
    receipt(
        C,
        "a commit at revision 1 after a preview",
        store.write(&anyone(), "c1", 1, &[set("A", "2")], WriteMode::Commit),
        2,
        &["A"],
    )?;
    Ok(())
}

fn preview_checks_revision(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "preview-checks-revision";
    let store = fresh(&base());
    refused(
        C,
        "a preview expecting revision 2 of a connector at revision 1",
        store.write(&anyone(), "c1", 2, &[set("A", "2")], WriteMode::Preview),
        "StoreError::Conflict(1)",
        |e| *e == StoreError::Conflict(1),
    )
}

/// Each write a preview must answer exactly as a commit would, revision
/// aside: (what, caller, id, expected revision, changes, fixture). The
/// refusals of the grant and kind clauses are checked in both modes there.
type Scenario = (
    &'static str,
    Caller,
    &'static str,
    u64,
    Vec<Change>,
    Fixture,
);

fn scenarios() -> Vec<Scenario> {
    vec![
        (
            "a write that sets, adds and removes",
            anyone(),
            "c1",
            1,
            vec![set("A", "2"), set("B", "b"), remove("Secret")],
            base(),
        ),
        (
            "a write that changes nothing",
            anyone(),
            "c1",
            1,
            vec![set("A", "1")],
            base(),
        ),
        (
            "a write at a stale revision",
            anyone(),
            "c1",
            3,
            vec![set("A", "2")],
            base(),
        ),
        (
            "a write that merges",
            anyone(),
            "c2",
            1,
            vec![
                merge_in("J", r#"{"b": 2}"#, false),
                merge_in("J", r#"{"a": 1}"#, false),
            ],
            base(),
        ),
        (
            "a write whose merge patch is no JSON object",
            anyone(),
            "c2",
            1,
            vec![set("T", "new"), merge_in("J", "[1]", false)],
            base(),
        ),
    ]
}

fn preview_reports_as_commit(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "preview-reports-as-commit";
    for (what, caller, id, expected, changes, fixture) in scenarios() {
        let preview = fresh(&fixture).write(&caller, id, expected, &changes, WriteMode::Preview);
        let commit = fresh(&fixture).write(&caller, id, expected, &changes, WriteMode::Commit);
        let same = match (&preview, &commit) {
            (Ok(p), Ok(c)) => {
                let current = if c.changed.is_empty() {
                    c.revision
                } else {
                    c.revision - 1
                };
                p.changed == c.changed && p.revision == current
            }
            (Err(p), Err(c)) => describe(p) == describe(c),
            _ => false,
        };
        if !same {
            return Err(breach(
                C,
                format!(
                    "the preview of {what} to answer as its commit does ({}), at the current revision",
                    describe_result(&commit)
                ),
                describe_result(&preview),
            ));
        }
    }
    Ok(())
}

fn removal(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "removal";
    let store = fresh(&base());
    receipt(
        C,
        "a commit removing A and the secret",
        store.write(
            &anyone(),
            "c1",
            1,
            &[remove("A"), remove("Secret")],
            WriteMode::Commit,
        ),
        2,
        &["A", "Secret"],
    )?;
    state(
        C,
        "after the removal",
        &*store,
        &anyone(),
        "c1",
        2,
        &[("A", Absent), ("Secret", Absent)],
    )?;
    receipt(
        C,
        "a commit removing A again",
        store.write(&anyone(), "c1", 2, &[remove("A")], WriteMode::Commit),
        2,
        &[],
    )?;
    Ok(())
}

fn secrecy_is_sticky(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "secrecy-is-sticky";
    let store = fresh(&base());
    receipt(
        C,
        "a commit setting the secret to a new value, marked not secret",
        store.write(
            &anyone(),
            "c1",
            1,
            &[set("Secret", "contract-secret-9c41-new")],
            WriteMode::Commit,
        ),
        2,
        &["Secret"],
    )?;
    state(
        C,
        "after a set marked not secret",
        &*store,
        &anyone(),
        "c1",
        2,
        &[("Secret", Secret)],
    )?;
    receipt(
        C,
        "a commit making plain A secret, its value unchanged (a change of secrecy)",
        store.write(
            &anyone(),
            "c1",
            2,
            &[set_secret("A", "1")],
            WriteMode::Commit,
        ),
        3,
        &["A"],
    )?;
    state(
        C,
        "after A was made secret",
        &*store,
        &anyone(),
        "c1",
        3,
        &[("A", Secret)],
    )?;
    receipt(
        C,
        "a commit setting secret A to its value, marked not secret (no change)",
        store.write(&anyone(), "c1", 3, &[set("A", "1")], WriteMode::Commit),
        3,
        &[],
    )?;
    state(
        C,
        "after that",
        &*store,
        &anyone(),
        "c1",
        3,
        &[("A", Secret)],
    )?;
    Ok(())
}

fn merge(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "merge-rfc7396";
    let store = fresh(&base());
    receipt(
        C,
        "a commit merging into J (an object), T (not an object, so {}) and M (absent)",
        store.write(
            &anyone(),
            "c2",
            1,
            &[
                merge_in("J", r#"{"a": null, "b": 2, "n": {"y": 2}}"#, false),
                merge_in("T", r#"{"x": 1}"#, false),
                merge_in("M", r#"{"m": {"deep": true}}"#, false),
            ],
            WriteMode::Commit,
        ),
        2,
        &["J", "T", "M"],
    )?;
    state(
        C,
        "after the merge",
        &*store,
        &anyone(),
        "c2",
        2,
        &[
            ("J", Json(r#"{"n": {"x": 1, "y": 2}, "b": 2}"#)),
            ("T", Json(r#"{"x": 1}"#)),
            ("M", Json(r#"{"m": {"deep": true}}"#)),
        ],
    )?;
    Ok(())
}

fn no_op_merge_keeps_text(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "no-op-merge-keeps-text";
    let store = fresh(&base());
    receipt(
        C,
        "a commit of merges that change nothing",
        store.write(
            &anyone(),
            "c2",
            1,
            &[
                merge_in("J", r#"{"a": 1}"#, false),
                merge_in("J", r#"{"n": {"x": 1}, "gone": null}"#, false),
                merge_in("J", "{}", false),
            ],
            WriteMode::Commit,
        ),
        1,
        &[],
    )?;
    state(
        C,
        "after merges that change nothing (its text kept as it was)",
        &*store,
        &anyone(),
        "c2",
        1,
        &[("J", Text(JSON))],
    )?;
    Ok(())
}

fn secret_merge(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "secret-merge";
    let store = fresh(&base());
    receipt(
        C,
        "a commit merging a new key into the secret SJ",
        store.write(
            &anyone(),
            "c2",
            1,
            &[merge_in("SJ", r#"{"n": "1"}"#, true)],
            WriteMode::Commit,
        ),
        2,
        &["SJ"],
    )?;
    // Whether the store merged (rather than replaced) is seen without
    // reading the secret: merging what it must now hold changes nothing.
    receipt(
        C,
        "a preview merging the keys SJ must hold after that merge (so no change)",
        store.write(
            &anyone(),
            "c2",
            2,
            &[merge_in(
                "SJ",
                &format!(r#"{{"k": "{SECRET}", "n": "1"}}"#),
                true,
            )],
            WriteMode::Preview,
        ),
        2,
        &[],
    )?;
    state(
        C,
        "after a secret merge",
        &*store,
        &anyone(),
        "c2",
        2,
        &[("SJ", Secret)],
    )?;
    Ok(())
}

fn all_or_nothing(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "all-or-nothing";
    let store = fresh(&base());
    let result = store.write(
        &anyone(),
        "c2",
        1,
        &[set("T", "new"), merge_in("J", "[1]", false)],
        WriteMode::Commit,
    );
    if let Ok(r) = &result {
        return Err(breach(
            C,
            "a commit whose second change merges a patch that is no JSON object to be refused",
            format!("success: {}", describe_receipt(r)),
        ));
    }
    state(
        C,
        "after a write refused at its second change (the first not applied)",
        &*store,
        &anyone(),
        "c2",
        1,
        &[("T", Text("text")), ("J", Text(JSON))],
    )?;
    Ok(())
}

fn open_without_grants(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "open-without-grants";
    let store = fresh(&granted());
    for caller in [anyone(), Caller::principal(STRANGER)] {
        ok(
            C,
            &format!("get of 'c2' (no grants) by {caller}"),
            store.get(&caller, "c2"),
        )?;
    }
    receipt(
        C,
        "a commit to 'c2' (no grants) by an anonymous caller",
        store.write(&anyone(), "c2", 1, &[set("T", "new")], WriteMode::Commit),
        2,
        &["T"],
    )
}

fn grantee_only(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "grantee-only";
    let store = fresh(&granted());
    let grantee = Caller::principal(GRANTEE);
    ok(C, "get of 'c1' by its grantee", store.get(&grantee, "c1"))?;
    for caller in [anyone(), Caller::principal(STRANGER)] {
        refused(
            C,
            &format!("get of 'c1' (granted to another) by {caller}"),
            store.get(&caller, "c1"),
            "StoreError::PermissionDenied",
            denied,
        )?;
        for mode in [WriteMode::Commit, WriteMode::Preview] {
            refused(
                C,
                &format!("a {mode:?} write to 'c1' by {caller}"),
                store.write(&caller, "c1", 1, &[set("A", "2")], mode),
                "StoreError::PermissionDenied",
                denied,
            )?;
        }
    }
    state(
        C,
        "after refused writes",
        &*store,
        &grantee,
        "c1",
        1,
        &[("A", Text("1"))],
    )?;
    receipt(
        C,
        "a commit to 'c1' by its grantee",
        store.write(&grantee, "c1", 1, &[set("A", "2")], WriteMode::Commit),
        2,
        &["A"],
    )
}

fn access_before_revision(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "access-before-revision";
    let store = fresh(&granted());
    refused(
        C,
        "a write by a caller with no grant, at a stale revision (the revision must not be told)",
        store.write(
            &Caller::principal(STRANGER),
            "c1",
            7,
            &[set("A", "2")],
            WriteMode::Commit,
        ),
        "StoreError::PermissionDenied",
        denied,
    )
}

fn find_by_name_hides_closed(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "find-by-name-access";
    let store = fresh(&granted());
    match store.find_by_name(&Caller::principal(STRANGER), "One") {
        Ok(found) if found.iter().any(|s| s.id == "c1") => {
            return Err(breach(
                C,
                "find_by_name by a caller with no grant to leave out 'c1' (or refuse)",
                "'c1' listed",
            ));
        }
        Ok(_) | Err(StoreError::PermissionDenied { .. }) => {}
        Err(e) => {
            return Err(breach(
                C,
                "find_by_name by a caller with no grant to leave 'c1' out, or to refuse with StoreError::PermissionDenied",
                describe(&e),
            ));
        }
    }
    let found = ok(
        C,
        "find_by_name(\"One\") by the grantee",
        store.find_by_name(&Caller::principal(GRANTEE), "One"),
    )?;
    let ids: Vec<&str> = found.iter().map(|s| s.id.as_str()).collect();
    if ids != ["c1"] {
        return Err(breach(
            C,
            "find_by_name(\"One\") by the grantee to give [\"c1\"]",
            format!("{ids:?}"),
        ));
    }
    Ok(())
}

fn kinds_declared(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "kinds-declared";
    let store = fresh(&kinded());
    let wanted = kind_rules();
    let rules = ok(C, &format!("rules({KIND:?})"), store.rules(&anyone(), KIND))?;
    if rules != wanted {
        return Err(breach(
            C,
            format!(
                "the store to declare the fixture's kind '{KIND}' as given (or the check to run without_kinds)"
            ),
            if rules.is_some() {
                "other rules"
            } else {
                "None"
            },
        ));
    }
    let kinds = ok(C, "kinds()", store.kinds(&anyone()))?;
    if !kinds.iter().any(|k| Some(k) == wanted.as_ref()) {
        return Err(breach(
            C,
            format!("kinds() to list the fixture's kind '{KIND}'"),
            "it is not listed",
        ));
    }
    Ok(())
}

fn kind_makes_secret(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "kind-makes-secret";
    let store = fresh(&kinded());
    state(
        C,
        "as added plain (its kind makes it secret)",
        &*store,
        &admin(),
        "c3",
        1,
        &[("options", Secret), ("name", Text("contract"))],
    )?;
    receipt(
        C,
        "a commit removing options",
        store.write(&admin(), "c3", 1, &[remove("options")], WriteMode::Commit),
        2,
        &["options"],
    )?;
    receipt(
        C,
        "a commit adding options again, marked not secret",
        store.write(
            &admin(),
            "c3",
            2,
            &[set("options", r#"{"o": 2}"#)],
            WriteMode::Commit,
        ),
        3,
        &["options"],
    )?;
    state(
        C,
        "after it was set marked not secret (its kind makes it secret)",
        &*store,
        &admin(),
        "c3",
        3,
        &[("options", Secret)],
    )?;
    Ok(())
}

fn write_permission(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "write-permission";
    let store = fresh(&kinded());
    for mode in [WriteMode::Commit, WriteMode::Preview] {
        refused(
            C,
            &format!(
                "a {mode:?} write [set display_name, set options] by a caller without options' write-permission"
            ),
            store.write(
                &anyone(),
                "c3",
                1,
                &[set("display_name", "x"), set("options", r#"{"o": 2}"#)],
                mode,
            ),
            "StoreError::PermissionDenied naming property 'options'",
            |e| matches!(e, StoreError::PermissionDenied { property: Some(p), .. } if p == "options"),
        )?;
        state(
            C,
            &format!("after a refused {mode:?} write (its first change not applied)"),
            &*store,
            &admin(),
            "c3",
            1,
            &[("display_name", Absent)],
        )?;
    }
    receipt(
        C,
        "a commit by that caller setting options to the value it holds (no change, so no permission needed)",
        store.write(
            &anyone(),
            "c3",
            1,
            &[set("options", r#"{"o": 1}"#)],
            WriteMode::Commit,
        ),
        1,
        &[],
    )?;
    receipt(
        C,
        "a commit setting options by a caller holding the permission",
        store.write(
            &admin(),
            "c3",
            1,
            &[set("options", r#"{"o": 2}"#)],
            WriteMode::Commit,
        ),
        2,
        &["options"],
    )
}

fn revision_before_changes(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "revision-before-changes";
    let store = fresh(&kinded());
    for (what, changes) in [
        (
            "a write needing a permission the caller lacks",
            vec![set("options", r#"{"o": 2}"#)],
        ),
        (
            "a write whose merge breaks a JSON rule",
            vec![merge_in("metadata", r#"{"size": 5}"#, false)],
        ),
        (
            "a write whose merge patch is no JSON object",
            vec![merge_in("metadata", "[1]", false)],
        ),
    ] {
        refused(
            C,
            &format!("{what}, at a stale revision"),
            store.write(&anyone(), "c3", 4, &changes, WriteMode::Commit),
            "StoreError::Conflict(1)",
            |e| *e == StoreError::Conflict(1),
        )?;
    }
    Ok(())
}

fn merged_values(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "merged-values";
    let store = fresh(&kinded());
    for mode in [WriteMode::Commit, WriteMode::Preview] {
        refused(
            C,
            &format!(
                "a {mode:?} write merging a number into metadata, whose rule takes only strings"
            ),
            store.write(
                &admin(),
                "c3",
                1,
                &[
                    set("display_name", "x"),
                    merge_in("metadata", r#"{"size": 5}"#, false),
                ],
                mode,
            ),
            "StoreError::Invalid naming metadata",
            |e| matches!(e, StoreError::Invalid(v) if v.iter().any(|v| v.property == "metadata")),
        )?;
        state(
            C,
            &format!("after a refused {mode:?} merge"),
            &*store,
            &admin(),
            "c3",
            1,
            &[
                ("metadata", Text(r#"{"team": "a"}"#)),
                ("display_name", Absent),
            ],
        )?;
    }
    receipt(
        C,
        "a commit merging a string into metadata",
        store.write(
            &admin(),
            "c3",
            1,
            &[merge_in("metadata", r#"{"size": "5"}"#, false)],
            WriteMode::Commit,
        ),
        2,
        &["metadata"],
    )?;
    state(
        C,
        "after the merge",
        &*store,
        &admin(),
        "c3",
        2,
        &[("metadata", Json(r#"{"team": "a", "size": "5"}"#))],
    )?;
    Ok(())
}
