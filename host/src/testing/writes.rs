//! The clauses of `write`: revisions, previews, the changes, merges,
//! secrecy and atomicity, on connectors without a kind or grants.

use connectors_update_model::value_size::MAX_VALUE_BYTES;

use crate::error::StoreError;
use crate::model::{Caller, Change, WriteMode};

use super::fixture::{JSON, SECRET, anyone, base, merge_in, remove, set, set_secret};
use super::observe::Expect::{Absent, Json, Secret, Text};
use super::observe::{
    breach, describe, describe_receipt, describe_result, ok, receipt, refused, state,
};
use super::{Breach, Clause, Fixture, Fresh};

pub(super) const CLAUSES: &[Clause] = &[
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
    secret_named_is_changed,
    value_size_limit,
    all_or_nothing,
];

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
        &["A", "B", "Secret"],
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
                // A commit that changed something and claims revision 0 is
                // no receipt at all: the comparison fails, never panics.
                let current = if c.changed.is_empty() {
                    Some(c.revision)
                } else {
                    c.revision.checked_sub(1)
                };
                p.changed == c.changed && Some(p.revision) == current
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
        "a commit setting secret A to its value, marked not secret (a secret named is changed)",
        store.write(&anyone(), "c1", 3, &[set("A", "1")], WriteMode::Commit),
        4,
        &["A"],
    )?;
    state(
        C,
        "after that",
        &*store,
        &anyone(),
        "c1",
        4,
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
    // reading the secret, through the per-value limit: this patch alone
    // fits in it, merged into what SJ holds it does not.
    let long = "x".repeat(MAX_VALUE_BYTES - 18);
    refused(
        C,
        "a preview merging into SJ a key whose value fits the per-value limit alone, but not once merged with what SJ holds",
        store.write(
            &anyone(),
            "c2",
            2,
            &[merge_in("SJ", &format!(r#"{{"long": "{long}"}}"#), true)],
            WriteMode::Preview,
        ),
        "StoreError::Invalid naming SJ (a store that replaced the secret instead of merging into it takes it)",
        |e| matches!(e, StoreError::Invalid(v) if v.iter().any(|v| v.property == "SJ")),
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

/// A right and a wrong guess of a secret get the same answer: a secret a
/// change names (but with the mask, which never reaches a store) is
/// changed, and whether a key of a secret JSON value exists is not told.
fn secret_named_is_changed(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "secret-named-is-changed";
    let store = fresh(&base());
    for mode in [WriteMode::Preview, WriteMode::Commit] {
        for (what, change) in [
            (
                "a wrong guess of Secret",
                set_secret("Secret", "contract-guess"),
            ),
            ("a right guess of Secret", set_secret("Secret", SECRET)),
            ("the right guess, marked not secret", set("Secret", SECRET)),
        ] {
            let revision = store
                .get(&anyone(), "c1")
                .map_err(|e| breach(C, "get of 'c1' to succeed", describe(&e)))?
                .revision;
            let after = if mode == WriteMode::Commit {
                revision + 1
            } else {
                revision
            };
            receipt(
                C,
                &format!("a {mode:?} write of {what}"),
                store.write(&anyone(), "c1", revision, &[change], mode),
                after,
                &["Secret"],
            )?;
        }
    }
    for (what, patch) in [
        ("removing the key SJ holds", r#"{"k": null}"#),
        ("removing a key SJ does not hold", r#"{"absent": null}"#),
        (
            "setting SJ's key to the value it holds",
            &*format!(r#"{{"k": "{SECRET}"}}"#),
        ),
        (
            "setting SJ's key to another value",
            r#"{"k": "contract-guess"}"#,
        ),
    ] {
        receipt(
            C,
            &format!("a preview merge {what}"),
            store.write(
                &anyone(),
                "c2",
                1,
                &[merge_in("SJ", patch, true)],
                WriteMode::Preview,
            ),
            1,
            &["SJ"],
        )?;
    }
    Ok(())
}

/// The per-value limit holds for what a write stores, not only for what it
/// sends: a value over it, or a merge that grows one past it, is refused.
fn value_size_limit(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "value-size-limit";
    let store = fresh(&base());
    let at_limit = "v".repeat(MAX_VALUE_BYTES);
    let over = "v".repeat(MAX_VALUE_BYTES + 1);
    for (what, change) in [
        (
            "a plain value one byte over the per-value limit",
            set("A", &over),
        ),
        (
            "a secret one byte over the per-value limit",
            set_secret("Secret", &over),
        ),
    ] {
        refused(
            C,
            &format!("a commit of {what}"),
            store.write(&anyone(), "c1", 1, &[change], WriteMode::Commit),
            "StoreError::Invalid naming the property",
            |e| matches!(e, StoreError::Invalid(v) if v.iter().any(|v| v.property == "A" || v.property == "Secret")),
        )?;
    }
    receipt(
        C,
        "a commit of a value exactly at the per-value limit",
        store.write(
            &anyone(),
            "c1",
            1,
            &[set("A", &at_limit)],
            WriteMode::Commit,
        ),
        2,
        &["A"],
    )?;
    let half = "h".repeat(MAX_VALUE_BYTES / 2);
    let (first, second) = (
        format!(r#"{{"h1": "{half}"}}"#),
        format!(r#"{{"h2": "{half}"}}"#),
    );
    for (name, secret, revision) in [("J", false, 1), ("SJ", true, 2)] {
        receipt(
            C,
            &format!("a commit merging half the limit into {name}"),
            store.write(
                &anyone(),
                "c2",
                revision,
                &[merge_in(name, &first, secret)],
                WriteMode::Commit,
            ),
            revision + 1,
            &[name],
        )?;
        refused(
            C,
            &format!(
                "a commit merging another half of the limit into {name}, which would grow it past the limit"
            ),
            store.write(
                &anyone(),
                "c2",
                revision + 1,
                &[merge_in(name, &second, secret)],
                WriteMode::Commit,
            ),
            &format!("StoreError::Invalid naming {name}"),
            |e| matches!(e, StoreError::Invalid(v) if v.iter().any(|v| v.property == name)),
        )?;
    }
    state(
        C,
        "after the refused merges",
        &*store,
        &anyone(),
        "c2",
        3,
        &[
            (
                "J",
                Json(&format!(r#"{{"a": 1, "n": {{"x": 1}}, "h1": "{half}"}}"#)),
            ),
            ("SJ", Secret),
        ],
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
