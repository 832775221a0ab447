//! The public contract checker, `connectors_update_harness::testing`, checked
//! itself: each deliberately broken store below (a `MemoryStore` behind a
//! wrapper that makes one mistake) is caught, by the clause that names the
//! mistake and with a message that names no value. That the project's own
//! stores pass it is in `stores.rs`.

use std::collections::HashSet;
use std::sync::Mutex;

use connectors_update_harness::connector::{
    Change, ChangeOp, Connector, ConnectorSummary, StoredValue, WriteMode, WriteReceipt,
};
use connectors_update_harness::kinds::KindRules;
use connectors_update_harness::stores::MemoryStore;
use connectors_update_harness::testing::{self, Breach, Checker, Fixture, Report};
use connectors_update_harness::{Caller, CredentialStore, ExposeSecret, StoreError};
use connectors_update_model::merge::{json_object, merge_into_text};

use crate::stores::memory_store;
use crate::support::assert_clean;
use crate::support::forward::{Wraps, forward_store};

/// The one mistake a [`Flawed`] store makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flaw {
    /// Writes whatever revision it was told.
    IgnoresRevision,
    /// Commits a preview.
    CommitsInPreview,
    /// A preview skips the revision check.
    PreviewIgnoresRevision,
    /// A commit that changes something leaves the revision as it was.
    ForgetsBump,
    /// A commit that changes nothing bumps the revision.
    BumpsOnNoOp,
    /// Every name of the changes is reported as changed.
    ReportsEveryName,
    /// `get` hands secret values out.
    HandsOutSecrets,
    /// A set marked not secret makes a secret plain.
    LosesSecrecy,
    /// A merge replaces the stored value with the patch.
    MergeReplaces,
    /// A merge that changes nothing still rewrites the stored text.
    RewritesNoOpMerge,
    /// Applies changes one by one, keeping those before a refused one.
    PartialWrite,
    /// `find_by_name` ignores case.
    FindIgnoresCase,
    /// An unknown id is a permission refusal, not `NotFound`.
    MissingIsDenied,
    /// `rules` knows no kind.
    ForgetsRules,
    /// Grants are not enforced.
    IgnoresGrants,
    /// The revision is checked before access, so a stranger learns it.
    RevisionBeforeAccess,
    /// Write permissions are not checked in a preview.
    PreviewSkipsPermissions,
    /// A secret set to the value it holds is reported unchanged: a right
    /// guess answers otherwise than a wrong one.
    ComparesSecrets,
    /// A guarded property sent with the value it holds needs no permission:
    /// a refusal tells a right guess from a wrong one.
    PermissionAfterCompare,
    /// A connector whose id is another's name (or whose name is another's
    /// id) is held beside it.
    HoldsIdNameCollisions,
    /// A value over the per-value limit is taken.
    IgnoresValueLimit,
}

/// A `MemoryStore` with one [`Flaw`].
struct Flawed {
    inner: MemoryStore,
    /// The connectors `inner` refused, which a `HoldsIdNameCollisions`
    /// store holds all the same.
    beside: MemoryStore,
    flaw: Flaw,
    /// (connector, property) a `LosesSecrecy` store shows as plain.
    declassified: Mutex<HashSet<(String, String)>>,
}

fn flawed(flaw: Flaw) -> impl Fn(&Fixture) -> Flawed {
    move |fixture| {
        let beside = MemoryStore::new();
        let inner = if flaw == Flaw::HoldsIdNameCollisions {
            let inner = MemoryStore::new();
            for connector in &fixture.connectors {
                if inner.add(connector.clone()).is_err() {
                    beside.add(connector.clone()).unwrap();
                }
            }
            inner
        } else {
            memory_store(fixture)
        };
        Flawed {
            inner,
            beside,
            flaw,
            declassified: Mutex::new(HashSet::new()),
        }
    }
}

impl Flawed {
    fn plain(&self, id: &str, mut connector: Connector, which: impl Fn(&str) -> bool) -> Connector {
        let record = self.inner.record(id).unwrap();
        for p in &mut connector.properties {
            if p.value == StoredValue::Secret && which(&p.name) {
                p.value = StoredValue::Plain(record.value(&p.name).unwrap().to_string());
            }
        }
        connector
    }

    fn current(&self, id: &str, otherwise: u64) -> u64 {
        self.inner.record(id).map_or(otherwise, |r| r.revision)
    }

    /// The changes with each merge turned into a set of what it must leave
    /// (`RewritesNoOpMerge`: the merged value written anew, compact) or of
    /// the patch (`MergeReplaces`).
    fn unmerged(&self, id: &str, changes: &[Change]) -> Vec<Change> {
        changes
            .iter()
            .map(|c| match &c.op {
                ChangeOp::Merge { patch, secret } => {
                    let value = if self.flaw == Flaw::MergeReplaces {
                        patch.expose_secret().to_string()
                    } else {
                        let target = self
                            .inner
                            .record(id)
                            .and_then(|r| r.value(&c.name).map(String::from));
                        let Some(patch) = json_object(patch.expose_secret()) else {
                            return c.clone();
                        };
                        merge_into_text(target.as_deref(), patch).unwrap_or_else(|| {
                            let target: serde_json::Value =
                                serde_json::from_str(target.as_deref().unwrap()).unwrap();
                            target.to_string()
                        })
                    };
                    Change {
                        name: c.name.clone(),
                        op: ChangeOp::set(value, *secret),
                    }
                }
                _ => c.clone(),
            })
            .collect()
    }
}

/// `caller`'s permissions, held by the fixture's grantee.
fn as_grantee(caller: &Caller) -> Caller {
    caller
        .permissions()
        .fold(Caller::principal("contract-grantee"), |c, p| {
            c.with_permission(p)
        })
}

impl Wraps for Flawed {
    fn inner(&self) -> &dyn CredentialStore {
        &self.inner
    }

    fn get(&self, caller: &Caller, id: &str) -> Result<Connector, StoreError> {
        let connector = match (self.flaw, self.inner.get(caller, id)) {
            (Flaw::MissingIsDenied, Err(StoreError::NotFound)) => {
                return Err(StoreError::PermissionDenied {
                    property: None,
                    reason: "denied".into(),
                });
            }
            (Flaw::IgnoresGrants, Err(StoreError::PermissionDenied { .. })) => {
                self.inner.get(&as_grantee(caller), id)?
            }
            (Flaw::HoldsIdNameCollisions, Err(StoreError::NotFound)) => {
                self.beside.get(caller, id)?
            }
            (_, result) => result?,
        };
        Ok(match self.flaw {
            Flaw::HandsOutSecrets => self.plain(id, connector, |_| true),
            Flaw::LosesSecrecy => {
                let declassified = self.declassified.lock().unwrap();
                self.plain(id, connector, |name| {
                    declassified.contains(&(id.to_string(), name.to_string()))
                })
            }
            _ => connector,
        })
    }

    fn find_by_name(
        &self,
        caller: &Caller,
        name: &str,
    ) -> Result<Vec<ConnectorSummary>, StoreError> {
        match self.flaw {
            Flaw::FindIgnoresCase => Ok(self
                .inner
                .records()
                .iter()
                .filter(|r| r.name.eq_ignore_ascii_case(name))
                .map(|r| r.summary())
                .collect()),
            Flaw::IgnoresGrants => Ok(self
                .inner
                .records()
                .iter()
                .filter(|r| r.name == name)
                .map(|r| r.summary())
                .collect()),
            Flaw::HoldsIdNameCollisions => {
                let mut found = self.inner.find_by_name(caller, name)?;
                found.extend(self.beside.find_by_name(caller, name)?);
                Ok(found)
            }
            _ => self.inner.find_by_name(caller, name),
        }
    }

    fn rules(&self, caller: &Caller, kind: &str) -> Result<Option<KindRules>, StoreError> {
        match self.flaw {
            Flaw::ForgetsRules => Ok(None),
            _ => self.inner.rules(caller, kind),
        }
    }

    fn write(
        &self,
        caller: &Caller,
        id: &str,
        expected: u64,
        changes: &[Change],
        mode: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        let mut caller = caller.clone();
        let mut expected = expected;
        let mut mode = mode;
        let mut changes = changes.to_vec();
        match self.flaw {
            Flaw::IgnoresRevision => expected = self.current(id, expected),
            Flaw::PreviewIgnoresRevision if mode == WriteMode::Preview => {
                expected = self.current(id, expected)
            }
            Flaw::RevisionBeforeAccess => {
                let current = self.current(id, expected);
                if current != expected {
                    return Err(StoreError::Conflict(current));
                }
            }
            Flaw::CommitsInPreview => mode = WriteMode::Commit,
            Flaw::MergeReplaces | Flaw::RewritesNoOpMerge => changes = self.unmerged(id, &changes),
            Flaw::IgnoresGrants => caller = as_grantee(&caller),
            Flaw::PreviewSkipsPermissions if mode == WriteMode::Preview => {
                caller = caller.with_permission("update:connections_options")
            }
            // As the stores did before issue 28: a secret, or a guarded
            // value, sent as it is stored is left out, unchanged.
            Flaw::ComparesSecrets | Flaw::PermissionAfterCompare => {
                let record = self.inner.record(id);
                let rules = record
                    .as_ref()
                    .and_then(|r| r.kind.clone())
                    .and_then(|k| self.inner.rules(&caller, &k).ok().flatten());
                changes.retain(|c| {
                    let ChangeOp::Set { value, .. } = &c.op else {
                        return true;
                    };
                    let stored = record.as_ref().and_then(|r| r.value(&c.name));
                    let guarded = rules
                        .as_ref()
                        .and_then(|r| r.write_permission(&c.name))
                        .is_some();
                    let secret = record
                        .as_ref()
                        .is_some_and(|r| r.properties.iter().any(|p| p.name == c.name && p.secret));
                    let wanted = match self.flaw {
                        Flaw::ComparesSecrets => secret,
                        _ => guarded,
                    };
                    !(wanted && stored == Some(value.expose_secret()))
                });
            }
            Flaw::PartialWrite if mode == WriteMode::Commit => {
                let mut revision = expected;
                let mut changed: Vec<String> = Vec::new();
                for change in &changes {
                    let receipt = self.inner.write(
                        &caller,
                        id,
                        revision,
                        std::slice::from_ref(change),
                        mode,
                    )?;
                    revision = receipt.revision;
                    for name in receipt.changed {
                        if !changed.contains(&name) {
                            changed.push(name);
                        }
                    }
                }
                return Ok(WriteReceipt {
                    revision: expected + u64::from(!changed.is_empty()),
                    changed,
                });
            }
            _ => {}
        }
        let mut receipt = match self.inner.write(&caller, id, expected, &changes, mode) {
            // Taken, as far as its caller can tell.
            Err(StoreError::Invalid(v))
                if self.flaw == Flaw::IgnoresValueLimit
                    && v.iter().all(|v| v.rule == "max-bytes") =>
            {
                let changed: Vec<String> = changes.iter().map(|c| c.name.clone()).collect();
                WriteReceipt {
                    revision: expected + u64::from(mode == WriteMode::Commit),
                    changed,
                }
            }
            result => result?,
        };
        let committed = mode == WriteMode::Commit;
        match self.flaw {
            Flaw::ForgetsBump if committed && !receipt.changed.is_empty() => receipt.revision -= 1,
            Flaw::BumpsOnNoOp if committed && receipt.changed.is_empty() => receipt.revision += 1,
            Flaw::ReportsEveryName => {
                receipt.changed = Vec::new();
                for c in &changes {
                    if !receipt.changed.contains(&c.name) {
                        receipt.changed.push(c.name.clone());
                    }
                }
            }
            Flaw::LosesSecrecy if committed => {
                let mut declassified = self.declassified.lock().unwrap();
                for c in &changes {
                    match c.op {
                        ChangeOp::Set { secret: false, .. } => {
                            declassified.insert((id.to_string(), c.name.clone()));
                        }
                        _ => {
                            declassified.remove(&(id.to_string(), c.name.clone()));
                        }
                    }
                }
            }
            _ => {}
        }
        Ok(receipt)
    }
}

forward_store!(Flawed);

/// The report on a store with `flaw`, which must be caught, and checked
/// for the fixture's secret.
fn report(flaw: Flaw) -> Report {
    let report = match testing::check_store(flawed(flaw)) {
        Ok(()) => panic!("a store that makes the mistake {flaw:?} passed the check"),
        Err(report) => report,
    };
    let text = format!("{report} {report:?}");
    assert_clean("report", &text);
    assert!(
        !text.contains("contract-secret-9c41"),
        "the report on {flaw:?} holds the fixture's secret"
    );
    report
}

/// The breach of `clause` in the report on `flaw`.
fn caught(flaw: Flaw, clause: &str) -> Breach {
    let report = report(flaw);
    match report.breaches.iter().find(|b| b.clause == clause) {
        Some(breach) => breach.clone(),
        None => panic!("{flaw:?} was not caught by clause {clause}: {report}"),
    }
}

fn says(breach: &Breach, expected: &str, seen: &str) {
    assert_eq!(
        (breach.expected.as_str(), breach.seen.as_str()),
        (expected, seen),
        "{breach}"
    );
}

#[test]
fn the_memory_store_passes_and_a_report_lists_every_breach() {
    testing::check_store(memory_store).unwrap();
    Checker::new(memory_store)
        .without_grants()
        .without_kinds()
        .assert();

    let report = report(Flaw::ReportsEveryName);
    let text = report.to_string();
    assert!(
        text.starts_with(&format!(
            "the store breaks {} clause(s) of the CredentialStore contract:\n- ",
            report.breaches.len()
        )),
        "{text}"
    );
    assert_eq!(text.lines().count(), report.breaches.len() + 1, "{text}");
    assert_eq!(format!("{report:?}"), text, "Debug prints the same list");
    assert!(
        report.broke("changed-names") && !report.broke("get"),
        "{text}"
    );
}

#[test]
#[should_panic(expected = "the store breaks")]
fn assert_panics_with_the_report() {
    Checker::new(flawed(Flaw::CommitsInPreview)).assert();
}

#[test]
fn a_store_that_ignores_the_expected_revision_is_caught() {
    says(
        &caught(Flaw::IgnoresRevision, "expected-revision"),
        "a commit expecting revision 0 of a connector at revision 1 to be refused with StoreError::Conflict(1), the current revision",
        "success",
    );
}

#[test]
fn a_store_that_commits_in_preview_is_caught() {
    says(
        &caught(Flaw::CommitsInPreview, "preview-writes-nothing"),
        "a preview setting A, adding B and setting the secret to its value marked not secret (its receipt holds the current revision) to answer revision 1 with changed [\"A\", \"B\", \"Secret\"]",
        "revision 2 with changed [\"A\", \"B\", \"Secret\"]",
    );
}

#[test]
fn a_preview_that_skips_the_revision_or_a_permission_is_caught() {
    says(
        &caught(Flaw::PreviewIgnoresRevision, "preview-checks-revision"),
        "a preview expecting revision 2 of a connector at revision 1 to be refused with StoreError::Conflict(1)",
        "success",
    );
    says(
        &caught(Flaw::PreviewSkipsPermissions, "write-permission"),
        "a Preview write [set display_name, set options] by a caller without options' write-permission to be refused with StoreError::PermissionDenied naming property 'options'",
        "success",
    );
    let report = report(Flaw::PreviewIgnoresRevision);
    assert!(report.broke("preview-reports-as-commit"), "{report}");
}

#[test]
fn a_store_that_forgets_to_bump_the_revision_is_caught() {
    says(
        &caught(Flaw::ForgetsBump, "commit-bumps-revision"),
        "a commit setting A, adding B and removing an absent property to answer revision 2 with changed [\"A\", \"B\"]",
        "revision 1 with changed [\"A\", \"B\"]",
    );
}

#[test]
fn a_store_that_bumps_the_revision_on_a_no_op_is_caught() {
    says(
        &caught(Flaw::BumpsOnNoOp, "no-op-keeps-revision"),
        "a commit with no changes to answer revision 1 with changed []",
        "revision 2 with changed []",
    );
}

#[test]
fn a_store_that_reports_every_name_as_changed_is_caught() {
    says(
        &caught(Flaw::ReportsEveryName, "changed-names"),
        "a commit of [set Z, set A to its value, set B, set Z again] to answer revision 2 with changed [\"Z\", \"B\"]",
        "revision 2 with changed [\"Z\", \"A\", \"B\"]",
    );
    let report = report(Flaw::ReportsEveryName);
    assert!(report.broke("no-op-keeps-revision"), "{report}");
}

#[test]
fn a_store_that_hands_a_secret_out_is_caught() {
    says(
        &caught(Flaw::HandsOutSecrets, "secrets-withheld"),
        "get of 'c1' to withhold every secret value (StoredValue::Secret)",
        "property 'Secret' hands out a secret value",
    );
    says(
        &caught(Flaw::HandsOutSecrets, "get"),
        "property 'Secret' of 'c1' secret as added",
        "a plain value",
    );
}

#[test]
fn a_store_that_loses_secrecy_is_caught() {
    says(
        &caught(Flaw::LosesSecrecy, "secrecy-is-sticky"),
        "property 'Secret' of 'c1' secret after a set marked not secret",
        "a plain value",
    );
}

#[test]
fn a_store_that_does_not_merge_in_the_store_is_caught() {
    says(
        &caught(Flaw::MergeReplaces, "merge-rfc7396"),
        "property 'J' of 'c2' plain with the JSON value RFC 7396 gives after the merge",
        "a plain value with other text",
    );
    says(
        &caught(Flaw::MergeReplaces, "secret-merge"),
        "a preview merging into SJ a key whose value fits the per-value limit alone, but not once merged with what SJ holds to be refused with StoreError::Invalid naming SJ (a store that replaced the secret instead of merging into it takes it)",
        "success",
    );
}

#[test]
fn a_store_that_rewrites_the_text_on_a_no_op_merge_is_caught() {
    says(
        &caught(Flaw::RewritesNoOpMerge, "no-op-merge-keeps-text"),
        "a commit of merges that change nothing to answer revision 1 with changed []",
        "revision 2 with changed [\"J\"]",
    );
    let report = report(Flaw::RewritesNoOpMerge);
    assert!(!report.broke("merge-rfc7396"), "it merges: {report}");
}

#[test]
fn a_store_that_applies_part_of_a_refused_write_is_caught() {
    says(
        &caught(Flaw::PartialWrite, "all-or-nothing"),
        "'c2' at revision 1 after a write refused at its second change (the first not applied)",
        "revision 2",
    );
    says(
        &caught(Flaw::PartialWrite, "write-permission"),
        "'c3' at revision 1 after a refused Commit write (its first change not applied)",
        "revision 2",
    );
}

#[test]
fn broken_reads_are_caught() {
    says(
        &caught(Flaw::FindIgnoresCase, "find-by-name"),
        "find_by_name(\"One\"), exact and case-sensitive, to give ids [\"c1\"]",
        "[\"c1\", \"c2\"]",
    );
    says(
        &caught(Flaw::MissingIsDenied, "not-found"),
        "get of an id no connector has to be refused with StoreError::NotFound",
        "StoreError::PermissionDenied naming no property",
    );
    says(
        &caught(Flaw::ForgetsRules, "rules-and-kinds"),
        "rules(\"rest-api\") to be what kinds() lists for it",
        "None",
    );
    says(
        &caught(Flaw::ForgetsRules, "kinds-declared"),
        "the store to declare the fixture's kind 'auth0-connection' as given (or the check to run without_kinds)",
        "None",
    );
}

#[test]
fn broken_access_is_caught() {
    says(
        &caught(Flaw::IgnoresGrants, "grantee-only"),
        "get of 'c1' (granted to another) by an anonymous caller to be refused with StoreError::PermissionDenied",
        "success",
    );
    says(
        &caught(Flaw::IgnoresGrants, "find-by-name-access"),
        "find_by_name by a caller with no grant to leave out 'c1' (or refuse)",
        "'c1' listed",
    );
    says(
        &caught(Flaw::RevisionBeforeAccess, "access-before-revision"),
        "a write by a caller with no grant, at a stale revision (the revision must not be told) to be refused with StoreError::PermissionDenied",
        "StoreError::Conflict(1)",
    );
    // Without grants, the access clauses are not run.
    Checker::new(flawed(Flaw::IgnoresGrants))
        .without_grants()
        .assert();
}

#[test]
fn a_store_that_tells_a_right_guess_from_a_wrong_one_is_caught() {
    says(
        &caught(Flaw::ComparesSecrets, "secret-named-is-changed"),
        "a Preview write of a right guess of Secret to answer revision 1 with changed [\"Secret\"]",
        "revision 1 with changed []",
    );
    says(
        &caught(Flaw::PermissionAfterCompare, "write-permission"),
        "a preview by that caller setting options to the value it holds to be refused with StoreError::PermissionDenied naming property 'options'",
        "success",
    );
}

#[test]
fn a_store_that_holds_an_id_that_is_a_name_is_caught() {
    says(
        &caught(Flaw::HoldsIdNameCollisions, "ids-and-names-apart"),
        "a connector whose id is c1's name 'One' to be refused when the store is built (ids and names never stand for each other)",
        "the store holds it",
    );
}

#[test]
fn a_store_that_takes_a_value_over_the_limit_is_caught() {
    says(
        &caught(Flaw::IgnoresValueLimit, "value-size-limit"),
        "a commit of a plain value one byte over the per-value limit to be refused with StoreError::Invalid naming the property",
        "success",
    );
}
