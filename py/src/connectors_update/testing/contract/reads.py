"""The clauses of the reads: `get`, `find_by_name`, `rules` and `kinds` (the
Rust kit's host/src/testing/reads.rs, the JavaScript kit's contract/reads.js)."""

from __future__ import annotations

import json
from collections.abc import Callable

from .fixture import COMMIT_THEN_PREVIEW, SECRET, FixtureConnector, FixtureProperty, Fixture, Kit, anyone, base, set_
from .observe import (
    Secret,
    Text,
    attempt,
    breach,
    canonical,
    field_of,
    is_not_found,
    mentions_secret,
    names,
    ok,
    properties_of,
    refused,
    revision,
    state,
)


def get(kit: Kit) -> None:
    C = "get"
    store = kit.fresh(base())
    c = state(C, "as added", store, anyone(), "c1", 1, [("A", Text("1")), ("Secret", Secret)])
    cid, name, kind = field_of(c, "id"), field_of(c, "name"), field_of(c, "kind")
    if cid != "c1" or name != "One" or kind is not None:
        raise breach(
            C,
            "get of 'c1' to give id 'c1', name 'One' and no kind",
            f"id '{cid}', name '{name}', kind {json.dumps(kind if isinstance(kind, str) else None)}",
        )
    listed = sorted(str(field_of(p, "name")) for p in properties_of(c))
    if listed != ["A", "Secret"]:
        raise breach(C, "get of 'c1' to list its properties A and Secret, each once", names(listed))


def not_found(kit: Kit) -> None:
    C = "not-found"
    store = kit.fresh(base())
    want = "StoreError.not_found()"
    refused(C, "get of an id no connector has", lambda: store.get(anyone(), "no-such-connector"), want, is_not_found)
    refused(C, "get of an id that differs from 'c1' in case", lambda: store.get(anyone(), "C1"), want, is_not_found)
    for mode in COMMIT_THEN_PREVIEW:
        refused(
            C,
            f"a {mode} write to an id no connector has",
            lambda: store.write(anyone(), "no-such-connector", 1, [set_("A", "2")], mode),
            want,
            is_not_found,
        )


def secrets_withheld(kit: Kit) -> None:
    C = "secrets-withheld"
    store = kit.fresh(base())
    for cid in ("c1", "c2"):
        c = ok(C, f"get of '{cid}'", lambda: store.get(anyone(), cid))
        for p in properties_of(c):
            value = field_of(p, "value")
            if isinstance(value, str) and SECRET in value:
                raise breach(
                    C,
                    f"get of '{cid}' to withhold every secret value (StoredProperty(name, secret=True))",
                    f"property '{field_of(p, 'name')}' hands out a secret value",
                )
        # Anywhere else in the answer, too: a Python object can carry more than the contract's fields.
        if mentions_secret(c):
            raise breach(
                C, f"get of '{cid}' to hold no secret value anywhere in its answer", "a secret value in another field"
            )
    for name in ("One", "one"):
        found = ok(C, f"find_by_name({json.dumps(name)})", lambda: store.find_by_name(anyone(), name))
        if mentions_secret(found):
            raise breach(C, f"find_by_name({json.dumps(name)}) to hold no secret value", "a secret value in a summary")
    state(C, "", store, anyone(), "c2", 1, [("SJ", Secret)])


def find_by_name(kit: Kit) -> None:
    C = "find-by-name"
    store = kit.fresh(base())
    for name, ids in (("One", ["c1"]), ("one", ["c2"]), ("ONE", []), ("On", []), ("One ", []), ("c1", [])):
        found = ok(C, f"find_by_name({json.dumps(name)})", lambda: list(store.find_by_name(anyone(), name)))
        seen = [field_of(s, "id") for s in found]
        if seen != ids:
            raise breach(
                C, f"find_by_name({json.dumps(name)}), exact and case-sensitive, to give ids {names(ids)}", names(seen)
            )
        if found:
            s = found[0]
            s_name, s_kind, s_rev = field_of(s, "name"), field_of(s, "kind"), field_of(s, "revision")
            if s_name != name or s_rev != 1 or isinstance(s_rev, bool) or s_kind is not None:
                kind_text = json.dumps(s_kind if isinstance(s_kind, str) else None)
                raise breach(
                    C,
                    f"the summary of '{field_of(s, 'id')}' to give its name, no kind and revision 1",
                    f"name {'right' if s_name == name else 'wrong'}, kind {kind_text}, revision {revision(s_rev)}",
                )


def rules_and_kinds(kit: Kit) -> None:
    C = "rules-and-kinds"
    store = kit.fresh(base())
    me = anyone()
    kinds = ok(C, "kinds()", lambda: list(store.kinds(me)))
    kind_names = {str(field_of(k, "kind")) for k in kinds}
    if len(kind_names) != len(kinds):
        raise breach(C, "kinds() to list each kind once", f"{len(kinds)} entries for {len(kind_names)} kinds")
    for k in kinds:
        kind = str(field_of(k, "kind"))
        rules = ok(C, f"rules({json.dumps(kind)})", lambda: store.rules(me, kind))
        if canonical(rules) != canonical(k):
            raise breach(
                C,
                f"rules({json.dumps(kind)}) to be what kinds() lists for it",
                "None" if rules is None else "other rules",
            )
    unknown = ok(C, "rules of a kind no store declares", lambda: store.rules(me, "no-such-kind-contract"))
    if unknown is not None:
        raise breach(C, "rules of a kind the store does not declare to be None", "some rules")


def ids_and_names_apart(kit: Kit) -> None:
    """A store never holds a connector whose id is another's name, or whose name
    is another's id: such a pair makes every step naming either one ambiguous,
    and lets whoever may add a connector capture the steps that name another.
    Asked to hold one, the store refuses it: building the store raises, or the
    store built lacks the connector it refused."""
    C = "ids-and-names-apart"
    decoy_value = (FixtureProperty("A", "decoy"),)
    cases: tuple[tuple[str, FixtureConnector, str | None], ...] = (
        ("a connector whose id is c1's name 'One'", FixtureConnector("One", "Decoy", None, decoy_value), None),
        ("a connector whose name is c1's id 'c1'", FixtureConnector("decoy", "c1", None, decoy_value), "c1"),
    )
    for what, decoy, name_lookup in cases:
        fixture = Fixture(connectors=(*base().connectors, decoy))
        try:
            store = kit.fresh(fixture)
        except Exception:  # refused while the store was built
            continue
        by_id = attempt(lambda: store.get(anyone(), decoy.id))
        held_by_id = not (by_id.error is not None and getattr(by_id.error, "kind", None) == "not-found")
        held_by_name = False
        if name_lookup is not None:
            found = attempt(lambda: list(store.find_by_name(anyone(), name_lookup)))
            held_by_name = found.error is None and bool(found.value)
        if held_by_id or held_by_name:
            raise breach(
                C,
                f"{what} to be refused when the store is built (ids and names never stand for each other)",
                "the store holds it",
            )


CLAUSES: tuple[Callable[[Kit], None], ...] = (
    get,
    not_found,
    secrets_withheld,
    find_by_name,
    ids_and_names_apart,
    rules_and_kinds,
)
