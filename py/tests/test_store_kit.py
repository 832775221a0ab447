"""The store kit, `connectors_update.testing.check_store`: it passes the
package's MemoryStore, it has the Rust and JavaScript kits' clauses (read from
their source in this repository), and it catches stores that break a rule."""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from connectors_update import (
    MAX_VALUE_BYTES,
    Action,
    Caller,
    Change,
    Connector,
    ConnectorSummary,
    KindRules,
    MemoryStore,
    PropertyRule,
    StoreError,
    StoredProperty,
    Violation,
    WriteMode,
    WriteReceipt,
    caller_label,
    check_write_permissions,
    memory_store,
    value_size_violation,
)
from connectors_update.testing import (
    CLAUSES,
    Fixture,
    StoreContractError,
    check_store,
    fill_memory_store,
    find_breaches,
    memory_store_for,
)
from connectors_update.testing import store_contract
from connectors_update.testing.contract.fixture import SECRET

from conftest import CANARY

REPO = Path(__file__).resolve().parents[2]

# `action` is conftest.py's, loaded once per session.

# -- (a) The package's own store keeps the contract.


def test_memory_store_keeps_every_clause(action: Action) -> None:
    check_store(action, memory_store_for(action))


# -- (b) The same clauses, names and order as the Rust and JavaScript kits.


def rust_clauses() -> list[str]:
    """The Rust kit's clause names, in the order `Checker::check` runs them."""
    folder = REPO / "host" / "src" / "testing"
    checker = (REPO / "host" / "src" / "testing.rs").read_text(encoding="utf-8")
    groups = re.findall(r"\((?:true|self\.\w+),\s*(\w+)::CLAUSES\)", checker)
    assert groups, "no clause groups found in host/src/testing.rs"
    found: list[str] = []
    for group in groups:
        source = (folder / f"{group}.rs").read_text(encoding="utf-8")
        listed = re.search(r"const CLAUSES: &\[Clause\] = &\[(.*?)\];", source, re.S)
        assert listed, f"no CLAUSES in host/src/testing/{group}.rs"
        for function in re.findall(r"\w+", listed.group(1)):
            named = re.search(rf"\bfn {function}\([^{{]*\{{\s*const C: &str = \"([^\"]+)\";", source)
            assert named, f"no clause name in fn {function} of host/src/testing/{group}.rs"
            found.append(named.group(1))
    return found


def js_clause_names() -> list[str]:
    """The JavaScript kit's CLAUSE_NAMES, as store-contract.js lists them."""
    source = (REPO / "js" / "src" / "testing" / "store-contract.js").read_text(encoding="utf-8")
    listed = re.search(r"CLAUSE_NAMES = Object\.freeze\(\[(.*?)\]\)", source, re.S)
    assert listed, "no CLAUSE_NAMES in js/src/testing/store-contract.js"
    return re.findall(r"'([^']+)'", listed.group(1))


def js_clauses() -> list[str]:
    """The names the JavaScript kit's clause functions breach with, in the order it runs them."""
    folder = REPO / "js" / "src" / "testing"
    source = (folder / "store-contract.js").read_text(encoding="utf-8")
    modules = dict(re.findall(r"import \{ CLAUSES as (\w+) \} from '\./contract/(\w+)\.js';", source))
    order = re.search(r"const ALL = \[(.*?)\];", source, re.S)
    assert modules and order, "no clause modules in js/src/testing/store-contract.js"
    found: list[str] = []
    for alias in re.findall(r"\.\.\.(\w+)", order.group(1)):
        module = (folder / "contract" / f"{modules[alias]}.js").read_text(encoding="utf-8")
        listed = re.search(r"export const CLAUSES = \[(.*?)\];", module, re.S)
        assert listed, f"no CLAUSES in js/src/testing/contract/{modules[alias]}.js"
        for function in re.findall(r"\w+", listed.group(1)):
            named = re.search(rf"\bfunction {function}\([^)]*\)\s*\{{\s*const C = '([^']+)';", module)
            assert named, f"no clause name in function {function} of js/src/testing/contract/{modules[alias]}.js"
            found.append(named.group(1))
    return found


def python_clauses() -> list[str]:
    """The names this kit's clause functions breach with, in the order it runs them."""
    found: list[str] = []
    for run in store_contract._ALL:
        named = re.search(r'^\s*C = "([^"]+)"$', inspect.getsource(run), re.M)
        assert named, f"no clause name in {run.__module__}.{run.__name__}"
        found.append(named.group(1))
    return found


def test_thirty_clauses() -> None:
    assert len(CLAUSES) == 30 and len(set(CLAUSES)) == 30


def test_clause_list_equals_rust_kit() -> None:
    assert list(CLAUSES) == rust_clauses()


def test_clause_list_equals_js_kit() -> None:
    assert list(CLAUSES) == js_clause_names()
    assert list(CLAUSES) == js_clauses()


def test_each_clause_breaches_under_its_own_name() -> None:
    assert python_clauses() == list(CLAUSES)


# -- (c) Stores that break one rule each, and the clause that names it.


class NoRevisionBump(MemoryStore):
    """A commit that changes something answers the revision it started from."""

    def write(
        self, caller: Caller, id: str, expected_revision: int, changes: list[Change], mode: WriteMode
    ) -> WriteReceipt:
        r = super().write(caller, id, expected_revision, changes, mode)
        return WriteReceipt(revision=expected_revision, changed=r.changed)


class EveryNameChanged(MemoryStore):
    """Reports every name a write names as changed, whatever it held."""

    def write(
        self, caller: Caller, id: str, expected_revision: int, changes: list[Change], mode: WriteMode
    ) -> WriteReceipt:
        r = super().write(caller, id, expected_revision, changes, mode)
        return WriteReceipt(revision=r.revision, changed=list(dict.fromkeys(c.name for c in changes)))


class LeakingGet(MemoryStore):
    """Hands out each secret's value in `get` (still marked secret)."""

    def get(self, caller: Caller, id: str) -> Connector:
        c = super().get(caller, id)
        return dataclasses.replace(
            c, properties=[StoredProperty(p.name, SECRET, True) if p.secret else p for p in c.properties]
        )


class IgnoresExpectedRevision(MemoryStore):
    """Writes whatever revision the caller expected (no compare-and-set)."""

    def write(
        self, caller: Caller, id: str, expected_revision: int, changes: list[Change], mode: WriteMode
    ) -> WriteReceipt:
        current = super().get(caller, id).revision
        return super().write(caller, id, current, changes, mode)


class PreviewWrites(MemoryStore):
    """A preview commits."""

    def write(
        self, caller: Caller, id: str, expected_revision: int, changes: list[Change], mode: WriteMode
    ) -> WriteReceipt:
        return super().write(caller, id, expected_revision, changes, "commit")


class TellsRightGuess(MemoryStore):
    """Reports a secret set to the value it holds as unchanged: a right guess answers otherwise than a wrong one."""

    def write(
        self, caller: Caller, id: str, expected_revision: int, changes: list[Change], mode: WriteMode
    ) -> WriteReceipt:
        before = self.record(id)
        r = super().write(caller, id, expected_revision, changes, mode)
        held = {p.name: p.value for p in before.properties if p.secret} if before else {}
        guessed = {c.name for c in changes if c.op == "set" and c.name in held and held[c.name] == c.value}
        return WriteReceipt(revision=r.revision, changed=[n for n in r.changed if n not in guessed])


class CaseBlindNames(MemoryStore):
    """Finds names whatever their case."""

    def find_by_name(self, caller: Caller, name: str) -> list[ConnectorSummary]:
        found: list[ConnectorSummary] = []
        for other in dict.fromkeys((name, name.lower(), name.upper(), name.capitalize())):
            found += [s for s in super().find_by_name(caller, other) if s not in found]
        return sorted(found, key=lambda s: s.id)


class NoGrants(MemoryStore):
    """Lets every caller use every connector."""

    def grant(self, id: str, principal: str) -> list[str]:
        return []


class NoPermissionCheck(MemoryStore):
    """Writes a guarded property for any caller: checks as the admin would."""

    def write(
        self, caller: Caller, id: str, expected_revision: int, changes: list[Change], mode: WriteMode
    ) -> WriteReceipt:
        everything = tuple(r.write_permission for k in self.kinds(caller) for r in k.properties if r.write_permission)
        return super().write(Caller(caller.principal, everything), id, expected_revision, changes, mode)


class FirstChangeSticks(MemoryStore):
    """Applies the changes one write at a time: a refusal keeps the ones before it."""

    def write(
        self, caller: Caller, id: str, expected_revision: int, changes: list[Change], mode: WriteMode
    ) -> WriteReceipt:
        if mode == "commit" and len(changes) > 1:
            first = super().write(caller, id, expected_revision, changes[:1], mode)
            return super().write(caller, id, first.revision, changes[1:], mode)
        return super().write(caller, id, expected_revision, changes, mode)


BROKEN: list[tuple[str, type[MemoryStore]]] = [
    ("commit-bumps-revision", NoRevisionBump),
    ("changed-names", EveryNameChanged),
    ("no-op-keeps-revision", EveryNameChanged),
    ("secrets-withheld", LeakingGet),
    ("expected-revision", IgnoresExpectedRevision),
    ("preview-writes-nothing", PreviewWrites),
    ("secret-named-is-changed", TellsRightGuess),
    ("find-by-name", CaseBlindNames),
    ("grantee-only", NoGrants),
    ("write-permission", NoPermissionCheck),
    ("all-or-nothing", FirstChangeSticks),
]


def make_store_of(action: Action, cls: type[MemoryStore]) -> Callable[[Fixture], MemoryStore]:
    """`memory_store_for`, building a `cls` instead."""
    return lambda fixture: fill_memory_store(cls(action), fixture)


@pytest.mark.parametrize(("clause", "cls"), BROKEN, ids=[f"{c}-{k.__name__}" for c, k in BROKEN])
def test_kit_catches_a_broken_store(action: Action, clause: str, cls: type[MemoryStore]) -> None:
    with pytest.raises(AssertionError) as raised:
        check_store(action, make_store_of(action, cls))
    error = raised.value
    assert isinstance(error, StoreContractError)
    assert error.broke(clause), str(error)
    assert f"- {clause}: expected " in str(error)
    assert SECRET not in str(error) and SECRET not in repr(error)
    for b in error.breaches:
        assert SECRET not in f"{b.clause} {b.expected} {b.seen}"


def test_options_leave_out_the_clauses_a_store_cannot_take_part_in(action: Action) -> None:
    # A store whose access is not by grants, or whose kinds are not the built-in one.
    check_store(action, make_store_of(action, NoGrants), grants=False)
    check_store(action, make_store_of(action, NoPermissionCheck), kinds=False)
    left_out = {b.clause for b in find_breaches(action, make_store_of(action, NoGrants), grants=False, kinds=False)}
    assert left_out == set()


class RefusesWithSecrets(MemoryStore):
    """Refuses every write with the secret in the refusal's message and in the property it names."""

    def write(
        self, caller: Caller, id: str, expected_revision: int, changes: list[Change], mode: WriteMode
    ) -> WriteReceipt:
        raise StoreError.permission_denied(f"no: {SECRET}", property=f"P-{SECRET}")


class CrashesWithSecrets(MemoryStore):
    """Raises an exception that is no StoreError, the secret in its message."""

    def kinds(self, caller: Caller | None = None) -> list[KindRules]:
        raise RuntimeError(f"the store broke while holding {SECRET}")


@pytest.mark.parametrize("cls", [RefusesWithSecrets, CrashesWithSecrets, LeakingGet])
def test_no_report_shows_a_secret(action: Action, cls: type[MemoryStore]) -> None:
    with pytest.raises(StoreContractError) as raised:
        check_store(action, make_store_of(action, cls))
    assert raised.value.breaches
    text = f"{raised.value}\n{raised.value!r}\n" + "\n".join(repr(b) for b in raised.value.breaches)
    assert SECRET not in text


def test_a_crash_is_named_by_its_clause(action: Action) -> None:
    with pytest.raises(StoreContractError) as raised:
        check_store(action, make_store_of(action, CrashesWithSecrets))
    assert raised.value.broke("rules-and-kinds")
    assert "a raised RuntimeError, not a StoreError" in str(raised.value)


def test_check_store_needs_a_function(action: Action) -> None:
    with pytest.raises(TypeError, match="make_store"):
        check_store(action, MemoryStore(action))  # type: ignore[arg-type]


# -- (d) The store-side checks a store makes itself (connectors_update.store_checks): one definition, which
#    MemoryStore calls and a third-party store imports, in the Rust harness's words.

GUARDED = KindRules(
    kind="guarded",
    properties=[
        PropertyRule(name="open"),
        PropertyRule(name="options", secret=True, write_permission="update:options"),
        PropertyRule(name="other", write_permission="update:other"),
    ],
    allow_unknown=True,
)


def test_caller_label_names_the_principal_or_says_anonymous() -> None:
    assert caller_label(None) == "an anonymous caller"
    assert caller_label(Caller()) == "an anonymous caller"
    assert caller_label(Caller("ann", ("update:options",))) == "principal 'ann'"  # never its permissions


def test_write_permissions_refuse_the_first_guarded_name_the_caller_lacks() -> None:
    changes = [Change("open", "set", "1"), Change("other", "remove"), Change("options", "set", CANARY, True)]
    for caller, label in ((None, "an anonymous caller"), (Caller("ann"), "principal 'ann'")):
        with pytest.raises(StoreError) as refused:
            check_write_permissions(GUARDED, caller, changes)
        assert refused.value.kind == "permission-denied"
        assert refused.value.details == {
            "reason": f"changing property 'other' of a connector of kind 'guarded' needs the permission "
            f"'update:other', which {label} does not hold",
            "property": "other",
        }
        assert CANARY not in str(refused.value) and CANARY not in repr(refused.value.details)
    # Refused for naming it: a merge, a removal of an absent one and a right guess alike.
    for change in (Change("options", "merge", "{}", True), Change("options", "remove"), Change("options", "set", CANARY)):
        with pytest.raises(StoreError) as refused:
            check_write_permissions(GUARDED, Caller("ann", ("update:other",)), [change])
        assert refused.value.details.get("property") == "options"


def test_write_permissions_let_through_who_holds_them_and_what_no_rule_guards() -> None:
    everything = Caller("ann", ("update:options", "update:other"))
    changes = [Change("open", "set", "1"), Change("other", "remove"), Change("options", "set", CANARY, True)]
    check_write_permissions(GUARDED, everything, changes)  # raises nothing
    check_write_permissions(GUARDED, None, [Change("open", "set", "1"), Change("unknown", "remove")])
    check_write_permissions(None, None, changes)  # a connector of no kind: nothing guarded
    check_write_permissions(GUARDED, Caller("ann", ("update:other",)), [])


def test_value_size_violation_at_and_over_the_limit() -> None:
    assert MAX_VALUE_BYTES == 64 * 1024
    assert value_size_violation("V", "v" * MAX_VALUE_BYTES) is None
    assert value_size_violation("V", "é" * (MAX_VALUE_BYTES // 2)) is None  # bytes, not characters
    over = CANARY + "v" * (MAX_VALUE_BYTES + 1 - len(CANARY))
    for value in (over, "é" * (MAX_VALUE_BYTES // 2) + "v", "\ud800" * (MAX_VALUE_BYTES // 3 + 1)):
        found = value_size_violation("V", value)
        assert found == Violation(
            property="V",
            rule="max-bytes",
            message="Property 'V' would hold more than 65536 bytes once written; a stored value may hold at most 65536 "
            "bytes (the action's per-value limit), so nothing was written. Send a smaller value, or remove keys from it.",
        )
        assert CANARY not in repr(found)


def test_memory_store_refuses_with_the_same_checks(action: Action) -> None:
    """MemoryStore's refusals are these functions' answers (it has no copy of its own)."""
    store = MemoryStore(action, kinds=[GUARDED])
    store.add(id="g", name="Guarded", kind="guarded", properties=[("open", "1")])
    changes = [Change("options", "set", CANARY, True)]
    with pytest.raises(StoreError) as refused:
        store.write(Caller("ann"), "g", 1, changes, "preview")
    with pytest.raises(StoreError) as expected:
        check_write_permissions(GUARDED, Caller("ann"), changes)
    assert refused.value.details == expected.value.details
    over = "v" * (MAX_VALUE_BYTES + 1)
    with pytest.raises(StoreError) as too_big:
        store.write(Caller(), "g", 1, [Change("open", "set", over)], "commit")
    assert too_big.value.details["violations"] == [value_size_violation("open", over)]
    assert store.write(Caller("ann", ("update:options",)), "g", 1, changes, "commit").changed == ["options"]
    assert memory_store.caller_label is caller_label and memory_store.MAX_VALUE_BYTES == MAX_VALUE_BYTES
