"""The clauses of `write`: revisions, previews, the changes, merges, secrecy
and atomicity, on connectors without a kind or grants (the Rust kit's
host/src/testing/writes.rs, the JavaScript kit's contract/writes.js)."""

from __future__ import annotations

from collections.abc import Callable

# The most bytes a stored value may hold (the descriptor's `value-bytes` limit),
# which the size clauses probe from both sides: the package's one definition.
from ... import MAX_VALUE_BYTES, Change, StoreError
from .fixture import (
    JSON_TEXT,
    PREVIEW_THEN_COMMIT,
    SECRET,
    Kit,
    anyone,
    base,
    merge_in,
    remove,
    set_,
    set_secret,
)
from .observe import (
    Absent,
    Json,
    Secret,
    Text,
    attempt,
    breach,
    changed_of,
    describe,
    describe_receipt,
    describe_result,
    field_of,
    is_conflict,
    is_revision,
    naming,
    ok,
    receipt,
    refused,
    state,
)

def expected_revision(kit: Kit) -> None:
    C = "expected-revision"
    for stale in (0, 2, 7):
        store = kit.fresh(base())
        refused(
            C,
            f"a commit expecting revision {stale} of a connector at revision 1",
            lambda: store.write(anyone(), "c1", stale, [set_("A", "2")], "commit"),
            "StoreError.conflict(1), the current revision",
            is_conflict(1),
        )
        state(C, "after a refused write", store, anyone(), "c1", 1, [("A", Text("1"))])
    # The revision a refusal names is the current one, not the first.
    store = kit.fresh(base())
    ok(C, "a commit at revision 1", lambda: store.write(anyone(), "c1", 1, [set_("A", "2")], "commit"))
    refused(
        C,
        "a second commit expecting revision 1, now stale",
        lambda: store.write(anyone(), "c1", 1, [set_("A", "3")], "commit"),
        "StoreError.conflict(2)",
        is_conflict(2),
    )
    state(C, "after a refused write", store, anyone(), "c1", 2, [("A", Text("2"))])


def commit_bumps_revision(kit: Kit) -> None:
    C = "commit-bumps-revision"
    store = kit.fresh(base())
    receipt(
        C,
        "a commit setting A, adding B and removing an absent property",
        lambda: store.write(anyone(), "c1", 1, [set_("A", "2"), set_("B", "b"), remove("Missing")], "commit"),
        2,
        ["A", "B"],
    )
    state(C, "after the commit", store, anyone(), "c1", 2, [("A", Text("2")), ("B", Text("b")), ("Missing", Absent)])
    receipt(
        C, "a second commit at revision 2", lambda: store.write(anyone(), "c1", 2, [set_("A", "3")], "commit"), 3, ["A"]
    )
    state(C, "after two commits", store, anyone(), "c1", 3, [("A", Text("3"))])


def no_op_keeps_revision(kit: Kit) -> None:
    C = "no-op-keeps-revision"
    store = kit.fresh(base())
    cases: tuple[tuple[str, list[Change]], ...] = (
        ("a commit with no changes", []),
        ("a commit setting A to its value and removing an absent property", [set_("A", "1"), remove("Missing")]),
    )
    for what, changes in cases:
        receipt(C, what, lambda: store.write(anyone(), "c1", 1, changes, "commit"), 1, [])
    state(C, "after commits that change nothing", store, anyone(), "c1", 1, [])


def changed_names(kit: Kit) -> None:
    C = "changed-names"
    store = kit.fresh(base())
    receipt(
        C,
        "a commit of [set Z, set A to its value, set B, set Z again]",
        lambda: store.write(
            anyone(), "c1", 1, [set_("Z", "1"), set_("A", "1"), set_("B", "b"), set_("Z", "2")], "commit"
        ),
        2,
        ["Z", "B"],
    )
    state(C, "after the commit", store, anyone(), "c1", 2, [("Z", Text("2")), ("A", Text("1")), ("B", Text("b"))])


def preview_writes_nothing(kit: Kit) -> None:
    C = "preview-writes-nothing"
    store = kit.fresh(base())
    receipt(
        C,
        "a preview setting A, adding B and setting the secret to its value marked not secret "
        "(its receipt holds the current revision)",
        lambda: store.write(anyone(), "c1", 1, [set_("A", "2"), set_("B", "b"), set_("Secret", SECRET)], "preview"),
        1,
        ["A", "B", "Secret"],
    )
    state(C, "after a preview", store, anyone(), "c1", 1, [("A", Text("1")), ("B", Absent)])
    receipt(
        C,
        "a commit at revision 1 after a preview",
        lambda: store.write(anyone(), "c1", 1, [set_("A", "2")], "commit"),
        2,
        ["A"],
    )


def preview_checks_revision(kit: Kit) -> None:
    C = "preview-checks-revision"
    store = kit.fresh(base())
    refused(
        C,
        "a preview expecting revision 2 of a connector at revision 1",
        lambda: store.write(anyone(), "c1", 2, [set_("A", "2")], "preview"),
        "StoreError.conflict(1)",
        is_conflict(1),
    )


SCENARIOS: tuple[tuple[str, str, int, list[Change]], ...] = (
    ("a write that sets, adds and removes", "c1", 1, [set_("A", "2"), set_("B", "b"), remove("Secret")]),
    ("a write that changes nothing", "c1", 1, [set_("A", "1")]),
    ("a write at a stale revision", "c1", 3, [set_("A", "2")]),
    ("a write that merges", "c2", 1, [merge_in("J", '{"b": 2}'), merge_in("J", '{"a": 1}')]),
    ("a write whose merge patch is no JSON object", "c2", 1, [set_("T", "new"), merge_in("J", "[1]")]),
)
"""Each write a preview must answer exactly as a commit would, revision aside:
(what, id, expected revision, changes)."""


def preview_reports_as_commit(kit: Kit) -> None:
    C = "preview-reports-as-commit"
    for what, cid, expected, changes in SCENARIOS:
        preview = attempt(lambda: kit.fresh(base()).write(anyone(), cid, expected, changes, "preview"))
        commit = attempt(lambda: kit.fresh(base()).write(anyone(), cid, expected, changes, "commit"))
        same = False
        if preview.error is None and commit.error is None:
            c_rev, p_rev = field_of(commit.value, "revision"), field_of(preview.value, "revision")
            c_changed = changed_of(commit.value)
            if is_revision(c_rev) and is_revision(p_rev) and c_changed is not None:
                # A commit that changed something and claims revision 0 is no receipt at all.
                current = c_rev if not c_changed else c_rev - 1
                same = p_rev == current and current >= 0 and changed_of(preview.value) == c_changed
        elif preview.error is not None and commit.error is not None:
            # A crash is no answer: only refusals (StoreErrors) can be alike.
            same = (
                isinstance(preview.error, StoreError)
                and isinstance(commit.error, StoreError)
                and describe(preview.error) == describe(commit.error)
            )
        if not same:
            raise breach(
                C,
                f"the preview of {what} to answer as its commit does ({describe_result(commit)}), "
                "at the current revision",
                describe_result(preview),
            )


def removal(kit: Kit) -> None:
    C = "removal"
    store = kit.fresh(base())
    receipt(
        C,
        "a commit removing A and the secret",
        lambda: store.write(anyone(), "c1", 1, [remove("A"), remove("Secret")], "commit"),
        2,
        ["A", "Secret"],
    )
    state(C, "after the removal", store, anyone(), "c1", 2, [("A", Absent), ("Secret", Absent)])
    receipt(C, "a commit removing A again", lambda: store.write(anyone(), "c1", 2, [remove("A")], "commit"), 2, [])


def secrecy_is_sticky(kit: Kit) -> None:
    C = "secrecy-is-sticky"
    store = kit.fresh(base())
    receipt(
        C,
        "a commit setting the secret to a new value, marked not secret",
        lambda: store.write(anyone(), "c1", 1, [set_("Secret", "contract-secret-9c41-new")], "commit"),
        2,
        ["Secret"],
    )
    state(C, "after a set marked not secret", store, anyone(), "c1", 2, [("Secret", Secret)])
    receipt(
        C,
        "a commit making plain A secret, its value unchanged (a change of secrecy)",
        lambda: store.write(anyone(), "c1", 2, [set_secret("A", "1")], "commit"),
        3,
        ["A"],
    )
    state(C, "after A was made secret", store, anyone(), "c1", 3, [("A", Secret)])
    receipt(
        C,
        "a commit setting secret A to its value, marked not secret (a secret named is changed)",
        lambda: store.write(anyone(), "c1", 3, [set_("A", "1")], "commit"),
        4,
        ["A"],
    )
    state(C, "after that", store, anyone(), "c1", 4, [("A", Secret)])


def merge(kit: Kit) -> None:
    C = "merge-rfc7396"
    store = kit.fresh(base())
    receipt(
        C,
        "a commit merging into J (an object), T (not an object, so {}) and M (absent)",
        lambda: store.write(
            anyone(),
            "c2",
            1,
            [
                merge_in("J", '{"a": null, "b": 2, "n": {"y": 2}}'),
                merge_in("T", '{"x": 1}'),
                merge_in("M", '{"m": {"deep": true}}'),
            ],
            "commit",
        ),
        2,
        ["J", "T", "M"],
    )
    state(
        C,
        "after the merge",
        store,
        anyone(),
        "c2",
        2,
        [("J", Json('{"n": {"x": 1, "y": 2}, "b": 2}')), ("T", Json('{"x": 1}')), ("M", Json('{"m": {"deep": true}}'))],
    )


def no_op_merge_keeps_text(kit: Kit) -> None:
    C = "no-op-merge-keeps-text"
    store = kit.fresh(base())
    receipt(
        C,
        "a commit of merges that change nothing",
        lambda: store.write(
            anyone(),
            "c2",
            1,
            [merge_in("J", '{"a": 1}'), merge_in("J", '{"n": {"x": 1}, "gone": null}'), merge_in("J", "{}")],
            "commit",
        ),
        1,
        [],
    )
    state(
        C,
        "after merges that change nothing (its text kept as it was)",
        store,
        anyone(),
        "c2",
        1,
        [("J", Text(JSON_TEXT))],
    )


def secret_merge(kit: Kit) -> None:
    C = "secret-merge"
    store = kit.fresh(base())
    receipt(
        C,
        "a commit merging a new key into the secret SJ",
        lambda: store.write(anyone(), "c2", 1, [merge_in("SJ", '{"n": "1"}', True)], "commit"),
        2,
        ["SJ"],
    )
    # Whether the store merged (rather than replaced) is seen without reading
    # the secret, through the per-value limit: this patch alone fits in it,
    # merged into what SJ holds it does not.
    long = "x" * (MAX_VALUE_BYTES - 18)
    refused(
        C,
        "a preview merging into SJ a key whose value fits the per-value limit alone, "
        "but not once merged with what SJ holds",
        lambda: store.write(anyone(), "c2", 2, [merge_in("SJ", f'{{"long": "{long}"}}', True)], "preview"),
        "StoreError.invalid naming SJ (a store that replaced the secret instead of merging into it takes it)",
        naming("SJ"),
    )
    state(C, "after a secret merge", store, anyone(), "c2", 2, [("SJ", Secret)])


def secret_named_is_changed(kit: Kit) -> None:
    """A right and a wrong guess of a secret get the same answer: a secret a
    change names is changed, and whether a key of a secret JSON value exists
    is not told."""
    C = "secret-named-is-changed"
    store = kit.fresh(base())
    guesses = (
        ("a wrong guess of Secret", set_secret("Secret", "contract-guess")),
        ("a right guess of Secret", set_secret("Secret", SECRET)),
        ("the right guess, marked not secret", set_("Secret", SECRET)),
    )
    for mode in PREVIEW_THEN_COMMIT:
        for what, change in guesses:
            rev = field_of(ok(C, "get of 'c1' to succeed", lambda: store.get(anyone(), "c1")), "revision")
            if not is_revision(rev):
                raise breach(C, "get of 'c1' to give its revision", "no revision")
            receipt(
                C,
                f"a {mode} write of {what}",
                lambda: store.write(anyone(), "c1", rev, [change], mode),
                rev + 1 if mode == "commit" else rev,
                ["Secret"],
            )
    patches = (
        ("removing the key SJ holds", '{"k": null}'),
        ("removing a key SJ does not hold", '{"absent": null}'),
        ("setting SJ's key to the value it holds", f'{{"k": "{SECRET}"}}'),
        ("setting SJ's key to another value", '{"k": "contract-guess"}'),
    )
    for what, patch in patches:
        receipt(
            C,
            f"a preview merge {what}",
            lambda: store.write(anyone(), "c2", 1, [merge_in("SJ", patch, True)], "preview"),
            1,
            ["SJ"],
        )


def value_size_limit(kit: Kit) -> None:
    """The per-value limit holds for what a write stores, not only for what it
    sends: a value over it, or a merge that grows one past it, is refused."""
    C = "value-size-limit"
    store = kit.fresh(base())
    at_limit = "v" * MAX_VALUE_BYTES
    over = "v" * (MAX_VALUE_BYTES + 1)
    for what, change in (
        ("a plain value one byte over the per-value limit", set_("A", over)),
        ("a secret one byte over the per-value limit", set_secret("Secret", over)),
    ):
        refused(
            C,
            f"a commit of {what}",
            lambda: store.write(anyone(), "c1", 1, [change], "commit"),
            "StoreError.invalid naming the property",
            lambda e: naming("A")(e) or naming("Secret")(e),
        )
    receipt(
        C,
        "a commit of a value exactly at the per-value limit",
        lambda: store.write(anyone(), "c1", 1, [set_("A", at_limit)], "commit"),
        2,
        ["A"],
    )
    half = "h" * (MAX_VALUE_BYTES // 2)
    first, second = f'{{"h1": "{half}"}}', f'{{"h2": "{half}"}}'
    for name, secret, rev in (("J", False, 1), ("SJ", True, 2)):
        receipt(
            C,
            f"a commit merging half the limit into {name}",
            lambda: store.write(anyone(), "c2", rev, [merge_in(name, first, secret)], "commit"),
            rev + 1,
            [name],
        )
        refused(
            C,
            f"a commit merging another half of the limit into {name}, which would grow it past the limit",
            lambda: store.write(anyone(), "c2", rev + 1, [merge_in(name, second, secret)], "commit"),
            f"StoreError.invalid naming {name}",
            naming(name),
        )
    state(
        C,
        "after the refused merges",
        store,
        anyone(),
        "c2",
        3,
        [("J", Json(f'{{"a": 1, "n": {{"x": 1}}, "h1": "{half}"}}')), ("SJ", Secret)],
    )


def all_or_nothing(kit: Kit) -> None:
    C = "all-or-nothing"
    store = kit.fresh(base())
    result = attempt(lambda: store.write(anyone(), "c2", 1, [set_("T", "new"), merge_in("J", "[1]")], "commit"))
    if result.error is None:
        raise breach(
            C,
            "a commit whose second change merges a patch that is no JSON object to be refused",
            f"success: {describe_receipt(result.value)}",
        )
    if not isinstance(result.error, StoreError):
        raise breach(
            C,
            "a commit whose second change merges a patch that is no JSON object to be refused with a StoreError",
            describe(result.error),
        )
    state(
        C,
        "after a write refused at its second change (the first not applied)",
        store,
        anyone(),
        "c2",
        1,
        [("T", Text("text")), ("J", Text(JSON_TEXT))],
    )


CLAUSES: tuple[Callable[[Kit], None], ...] = (
    expected_revision,
    commit_bumps_revision,
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
)
