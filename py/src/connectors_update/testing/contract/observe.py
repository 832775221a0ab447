"""What a store answered, turned into breaches that name clauses, properties,
revisions and error kinds, never a value: the Rust kit's
host/src/testing/observe.rs and the JavaScript kit's contract/observe.js,
with Python's names for the errors."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeGuard, TypeVar, cast

from ... import Caller, CredentialStore, StoreError
from .fixture import SECRET

T = TypeVar("T")


class Breach(Exception):
    """One clause a store broke: what the clause expected, and what the store
    did instead, in words that name no value."""

    def __init__(self, clause: str, expected: str, seen: str) -> None:
        super().__init__(f"{clause}: expected {expected}; seen {seen}")
        self.clause = clause
        self.expected = expected
        self.seen = seen


def _mask(text: object) -> str:
    return str(text).replace(SECRET, "******")


def breach(clause: str, expected: str, seen: str) -> Breach:
    """A breach. What it says of the store's answers (a property name, an id)
    comes from the store, which may have put a secret there: masked."""
    return Breach(clause, _mask(expected), _mask(seen))


def names(values: object) -> str:
    """Names as the Rust kit lists them: `["A", "B"]`."""
    if not isinstance(values, (list, tuple)):
        return "no list of names"
    return "[" + ", ".join(json.dumps(str(n)) for n in values) + "]"


def is_revision(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def revision(value: object) -> str:
    """A revision as a breach names it: a number, or that it is none."""
    return str(value) if is_revision(value) else "no revision"


def _field(value: object, name: str) -> object:
    """A field of a store's answer, or None: a broken store may answer with
    anything, and the kit reports it rather than crash on it."""
    if isinstance(value, dict):
        return value.get(name)
    return getattr(value, name, None)


def _details(error: StoreError) -> dict[str, object]:
    details = getattr(error, "details", None)
    return details if isinstance(details, dict) else {}


def violation_properties(error: StoreError) -> list[object]:
    """The properties an `invalid` refusal's violations name."""
    violations = _details(error).get("violations")
    if not isinstance(violations, (list, tuple)):
        return []
    return [_field(v, "property") for v in violations]


def describe(error: BaseException) -> str:
    """An error as a breach names it: its kind, and the revision or property it
    carries; never its message, which a broken store may fill with a value."""
    if not isinstance(error, StoreError):
        return f"a raised {type(error).__name__}, not a StoreError"
    details = _details(error)
    kind = getattr(error, "kind", None)
    if kind == "not-found":
        return "StoreError.not_found()"
    if kind == "conflict":
        return f"StoreError.conflict({revision(details.get('actual'))})"
    if kind == "permission-denied":
        prop = details.get("property")
        if isinstance(prop, str):
            return f"StoreError.permission_denied naming property '{prop}'"
        return "StoreError.permission_denied naming no property"
    if kind == "invalid":
        return f"StoreError.invalid naming {names(violation_properties(error))}"
    if kind == "unavailable":
        return "StoreError.unavailable"
    return "a StoreError of another kind"


@dataclass
class Attempt(Generic[T]):
    """A store's answer: its value, or whatever it raised."""

    value: T | None = None
    error: Exception | None = None


def attempt(run: Callable[[], T]) -> Attempt[T]:
    try:
        return Attempt(value=run())
    except Exception as error:  # any answer of a store is observed, not trusted
        return Attempt(error=error)


def describe_receipt(receipt: object) -> str:
    return f"revision {revision(_field(receipt, 'revision'))} with changed {names(_field(receipt, 'changed'))}"


def describe_result(result: Attempt[T]) -> str:
    if result.error is not None:
        return describe(result.error)
    return f"success: {describe_receipt(result.value)}"


def ok(clause: str, what: str, run: Callable[[], T]) -> T:
    """The answer of `run`, or the breach that `what` failed."""
    result = attempt(run)
    if result.error is not None:
        raise breach(clause, f"{what} to succeed", describe(result.error))
    return cast(T, result.value)  # no error: `run` returned this


def changed_of(receipt: object) -> list[object] | None:
    """A receipt's `changed`, as a list, or None when it holds none."""
    changed = _field(receipt, "changed")
    return list(changed) if isinstance(changed, (list, tuple)) else None


def receipt(clause: str, what: str, run: Callable[[], object], rev: int, changed: Sequence[str]) -> None:
    """A write that must succeed with exactly this receipt."""
    r = ok(clause, what, run)
    seen_rev = _field(r, "revision")
    if not is_revision(seen_rev) or seen_rev != rev or changed_of(r) != list(changed):
        expected = f"{what} to answer revision {rev} with changed {names(list(changed))}"
        raise breach(clause, expected, describe_receipt(r))


def refused(
    clause: str, what: str, run: Callable[[], object], expected: str, wanted: Callable[[StoreError], bool]
) -> None:
    """A call that must be refused with a StoreError `wanted` accepts."""
    result = attempt(run)
    if result.error is None:
        raise breach(clause, f"{what} to be refused with {expected}", "success")
    if not isinstance(result.error, StoreError) or not wanted(result.error):
        raise breach(clause, f"{what} to be refused with {expected}", describe(result.error))


def is_not_found(e: StoreError) -> bool:
    return e.kind == "not-found"


def is_denied(e: StoreError) -> bool:
    return e.kind == "permission-denied"


def is_conflict(actual: int) -> Callable[[StoreError], bool]:
    def wanted(e: StoreError) -> bool:
        seen = _details(e).get("actual")
        return e.kind == "conflict" and is_revision(seen) and seen == actual

    return wanted


def naming(name: str) -> Callable[[StoreError], bool]:
    """An `invalid` refusal with a violation of `name`."""

    def wanted(e: StoreError) -> bool:
        return e.kind == "invalid" and name in violation_properties(e)

    return wanted


def denied_naming(name: str) -> Callable[[StoreError], bool]:
    """A `permission-denied` refusal naming the property `name`."""

    def wanted(e: StoreError) -> bool:
        return e.kind == "permission-denied" and _details(e).get("property") == name

    return wanted


@dataclass(frozen=True)
class Expect:
    """What one property must be, for `state`: plain with this text, plain
    with this JSON value, secret (withheld), or absent."""

    text: str | None = None
    json: str | None = None
    secret: bool = False

    def words(self) -> str:
        if self.text is not None:
            return "plain with the text it should hold"
        if self.json is not None:
            return "plain with the JSON value RFC 7396 gives"
        return "secret" if self.secret else "absent"


def Text(text: str) -> Expect:  # named as the other kits name it
    return Expect(text=text)


def Json(text: str) -> Expect:
    return Expect(json=text)


Secret = Expect(secret=True)
Absent = Expect()


def _describe_value(p: object) -> str:
    """What `get` shows of one property, for a breach: no value."""
    if p is None:
        return "no such property"
    if _field(p, "secret") is True:
        return "a secret (withheld)" if _field(p, "value") is None else "a secret with its value handed out"
    return "a plain value"


def _canonical_json(text: str) -> str | None:
    try:
        return json.dumps(json.loads(text), sort_keys=True)
    except ValueError:
        return None


def _fits(expect: Expect, p: object) -> bool:
    if expect == Absent:
        return p is None
    if p is None:
        return False
    value = _field(p, "value")
    if expect.secret:
        return _field(p, "secret") is True and value is None
    if _field(p, "secret") is True or not isinstance(value, str):
        return False
    if expect.text is not None:
        return value == expect.text
    wanted = _canonical_json(expect.json or "")
    return wanted is not None and _canonical_json(value) == wanted


def state(
    clause: str,
    when: str,
    store: CredentialStore,
    caller: Caller,
    id: str,
    rev: int,
    expected: Sequence[tuple[str, Expect]],
) -> object:
    """What connector `id` must look like after something: its revision, and
    each named property plain with this text, secret, or absent."""
    connector: object = ok(clause, f"get of '{id}' {when}", lambda: store.get(caller, id))
    seen_rev = _field(connector, "revision")
    if not is_revision(seen_rev) or seen_rev != rev:
        raise breach(clause, f"'{id}' at revision {rev} {when}", f"revision {revision(seen_rev)}")
    properties = properties_of(connector)
    for name, expect in expected:
        p = next((q for q in properties if _field(q, "name") == name), None)
        if not _fits(expect, p):
            plain = p is not None and _field(p, "secret") is not True
            by_value = expect.text is not None or expect.json is not None
            seen = "a plain value with other text" if by_value and plain else _describe_value(p)
            raise breach(clause, f"property '{name}' of '{id}' {expect.words()} {when}", seen)
    return connector


def properties_of(connector: object) -> list[object]:
    properties = _field(connector, "properties")
    return list(properties) if isinstance(properties, (list, tuple)) else []


def field_of(value: object, name: str) -> object:
    """A field of a store's answer (an attribute, or a key of a dict), or None."""
    return _field(value, name)


def canonical(value: object) -> object:
    """Kind rules as a store may keep them: dataclasses and dicts as dicts,
    tuples as lists, and fields that are None left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    return value


def mentions_secret(value: object) -> bool:
    """Whether SECRET is anywhere in an answer: in a field of the contract or
    any other attribute a Python object can carry, or in its repr."""
    seen: set[int] = set()

    def visit(v: object) -> bool:
        if isinstance(v, str):
            return SECRET in v
        if isinstance(v, (bytes, bytearray)):
            return SECRET.encode() in v
        if id(v) in seen or v is None or isinstance(v, (int, float)):
            return False
        seen.add(id(v))
        if isinstance(v, dict):
            return any(visit(k) or visit(x) for k, x in v.items())
        if isinstance(v, (list, tuple, set, frozenset)):
            return any(visit(x) for x in v)
        if dataclasses.is_dataclass(v) and any(visit(getattr(v, f.name, None)) for f in dataclasses.fields(v)):
            return True
        return any(visit(x) for x in vars(v).values()) if hasattr(v, "__dict__") else False

    try:
        text = repr(value)
    except Exception:  # a repr that fails hides nothing
        text = ""
    return SECRET in text or visit(value)
