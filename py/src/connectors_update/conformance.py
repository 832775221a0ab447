"""The conformance runner: every case of the repository's
tests/conformance, run through the action against stores an engine builds,
with the same expected outcomes and error codes as the Rust harness's and
the npm package's runners (js/src/testing/conformance.js, ported). A
failure names the case, what was expected and what was seen, never a value.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .action import Action
from .contract import CredentialStore, TokenSource
from .convert import kind_rules_from_json
from .errors import ConnectorsUpdateError, StoreError
from .model import Caller, Change, Connector, ConnectorSummary, KindRules, WriteMode, WriteReceipt
from .testing.contract.fixture import Fixture, FixtureConnector, FixtureProperty, Grant
from .tokens import MapTokens


@dataclass(frozen=True)
class Failure:
    """One mismatch: the case file, the case, what was expected and what was seen (canaries masked)."""

    file: str
    case: str
    expected: str
    seen: str


MakeStore = Callable[[Fixture], CredentialStore]
Reveal = Callable[[Any, str, str], "str | None"]


def reveal_memory_store(store: Any, id: str, name: str) -> str | None:
    """A `reveal` for `MemoryStore`: the stored value of property `name`, secrets included."""
    record = store.record(id)
    if record is None:
        return None
    return next((p.value for p in record.properties if p.name == name), None)


def default_cases_dir() -> Path:
    """Where the package keeps the cases: `conformance_cases/` beside it (copied from tests/conformance by the build)."""
    return Path(str(resources.files(__package__).joinpath("conformance_cases")))


def check_conformance(
    action: Action, make_store: MakeStore, reveal: Reveal | None = None, *, cases_dir: Path | None = None
) -> list[Failure]:
    """Runs every case against the stores `make_store(fixture)` builds, one fresh store per case.

    `fixture` is the store kit's (`connectors_update.testing`), so that one
    `make_store` serves both: `testing.memory_store_for(action)` builds a
    `MemoryStore`.

    Through the contract alone a secret's value cannot be read, so a secret
    the case expects is checked to be a secret; with `reveal(store, id,
    name)`, the store's own administrative read, what it holds is checked
    too. Returns every mismatch; empty when the store conforms.
    """
    folder = cases_dir if cases_dir is not None else default_cases_dir()
    files = sorted(folder.glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no conformance cases in {folder}")
    failures: list[Failure] = []
    for path in files:
        content = json.loads(path.read_text(encoding="utf-8"))
        for case in content["cases"]:
            store_spec = case.get("store", content.get("store"))
            secrets = canaries(case, store_spec)

            def mask(text: object, secrets: list[str] = secrets) -> str:
                out = str(text)
                for canary in secrets:
                    out = out.replace(canary, "******")
                return out

            def fail(expected: object, seen: object, file: str = path.name, name: str = case["name"],
                     mask: Callable[[object], str] = mask) -> None:
                failures.append(Failure(file, name, mask(expected), mask(seen)))

            try:
                _run_case(action, make_store, reveal, store_spec, case, fail)
            except Exception as e:  # noqa: BLE001 - the runner reports, never stops
                code = e.code if isinstance(e, ConnectorsUpdateError) else ""
                fail("the case to run", f"the runner stopped: {type(e).__name__} {code}")
    return failures


def assert_conformance(action: Action, make_store: MakeStore, reveal: Reveal | None = None, *,
                       cases_dir: Path | None = None) -> None:
    """`check_conformance`, raising an `AssertionError` that lists every mismatch."""
    failures = check_conformance(action, make_store, reveal, cases_dir=cases_dir)
    if failures:
        lines = "\n".join(f"- {f.file}: {f.case}: expected {f.expected}; seen {f.seen}" for f in failures)
        raise AssertionError(f"the store fails {len(failures)} conformance case(s):\n{lines}")


Fail = Callable[[object, object], None]


def _run_case(action: Action, make_store: MakeStore, reveal: Reveal | None, store_spec: Any,
              case: Mapping[str, Any], fail: Fail) -> None:
    fixture = _fixture_of(action, store_spec)
    inner = make_store(fixture)
    fault = case.get("fault")
    store: CredentialStore = _Faulty(inner, fault) if fault and fault["call"] != "resolve" else inner
    if case.get("race"):
        store = _Raced(store, int(case["race"]))
    values = dict(case.get("tokens", {}))
    for value in values.values():
        if not isinstance(value, str):
            raise TypeError("a case's token values must be text")
    for key, big in case.get("bigTokens", {}).items():
        values[key] = _repeated(big)
    tokens: TokenSource = MapTokens(values)
    if fault and fault["call"] == "resolve":
        tokens = _FaultyTokens(fault["error"])
    spec = case.get("caller", {})
    caller = Caller(spec.get("principal"), tuple(spec.get("permissions", ())))
    answer: Any = None
    error: ConnectorsUpdateError | None = None
    try:
        call = case.get("call", "execute")
        # Design time reads no connector, so it runs for no caller, as the Rust harness's does.
        if call == "validate":
            answer = action.validate(step_text(case), store)
        elif call == "describe":
            answer = action.describe(store)
        else:
            answer = action.execute(step_text(case), store, tokens, caller)
    except ConnectorsUpdateError as e:
        error = e
    printed = json.dumps(error.to_json() if error else _plain(answer), default=str) + repr(answer) + repr(error)
    if error is not None:
        printed += str(error)
    for canary in canaries(case, store_spec):
        if canary in printed:
            fail("no canary in the output", f"a canary in the {'error' if error else 'answer'}")
    _compare(case.get("expect", {}), answer, error, fail)
    for id, want in case.get("after", {}).items():
        _check_after(inner, reveal, fixture, caller, id, want, fail)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _fixture_of(action: Action, stored: Any) -> Fixture:
    """The case's store as a fixture: its connectors and grants, the built-in kinds they name, then its own kinds."""
    stored = stored or {"connectors": []}
    connectors = tuple(
        FixtureConnector(
            id=c["id"], name=c["name"], kind=c.get("kind"),
            properties=tuple(FixtureProperty(p["name"], p["value"], bool(p.get("secret", False))) for p in c.get("properties", [])),
        )
        for c in stored["connectors"]
    )
    named = {c.kind for c in connectors if c.kind}
    kinds = [k for k in action.support.builtin_kinds() if k.kind in named]
    # A kind the case declares replaces a built-in one of its name where it stands, or comes after, in order.
    for own in (kind_rules_from_json(k) for k in stored.get("kinds", [])):
        at = next((i for i, k in enumerate(kinds) if k.kind == own.kind), None)
        if at is None:
            kinds.append(own)
        else:
            kinds[at] = own
    grants = tuple(Grant(g["connector"], g["principal"]) for g in stored.get("grants", []))
    return Fixture(connectors=connectors, grants=grants, kinds=tuple(kinds))


def step_text(case: Mapping[str, Any]) -> str:
    """The step text a case runs: `stepText`, or `step` with its generated parts."""
    if "stepText" in case:
        return str(case["stepText"])
    step = json.loads(json.dumps(case["step"]))
    params = step.get("Parameters", step)
    # With the Rust runner's defaults: rows named P0, P1... with null values.
    rows = case.get("stepRows")
    if rows:
        params["Properties"] = [
            {"PropertyName": f"{rows.get('name', 'P')}{i}", "PropertyValue": rows.get("value")}
            for i in range(rows.get("count", 0))
        ]
    depth = case.get("dynamicNesting")
    if depth is not None:
        params["PropertiesJson"] = '{"Deep": ' + "[" * depth + "]" * depth + "}"
    return json.dumps(step, separators=(",", ":"), ensure_ascii=False)


_CANARY = re.compile(r"canary[-\w]*", re.IGNORECASE | re.ASCII)


def canaries(case: Any, store: Any) -> list[str]:
    """Every `canary...` word in any text of the case or its store, which no output may hold."""
    found: dict[str, None] = {}

    def visit(v: Any) -> None:
        if isinstance(v, str):
            for m in _CANARY.finditer(v):
                found[m.group(0)] = None
        elif isinstance(v, Mapping):
            for x in v.values():
                visit(x)
        elif isinstance(v, list):
            for x in v:
                visit(x)

    visit(store)
    visit(case)
    return list(found)


_OUTCOME_KEYS = ("id", "name", "revision_before", "revision_after", "added", "changed", "removed", "unchanged", "dry_run")


def _compare(expect: Mapping[str, Any], answer: Any, error: ConnectorsUpdateError | None, fail: Fail) -> None:
    if "diagnostics" in expect:
        if error is not None:
            fail("diagnostics", f"error {error.code}")
            return
        wanted = [" ".join(str(d.get(k, "-")) for k in ("severity", "field", "code")) for d in expect["diagnostics"]]
        seen = [" ".join((d.severity, d.field, d.code)) for d in answer]
        if wanted != seen:
            fail(f"diagnostics [{'; '.join(wanted)}]", f"[{'; '.join(seen)}]")
        return
    if "describe" in expect:
        if error is not None:
            fail("a descriptor", f"error {error.code}")
            return
        for list_name, key in (("kinds", "kind"), ("parameters", "key")):
            wanted = expect["describe"].get(list_name)
            if wanted is None:
                continue
            seen = [getattr(item, key) for item in getattr(answer, list_name)]
            if seen != wanted:
                fail(f"{list_name} {json.dumps(wanted)}", f"{list_name} {json.dumps(seen)}")
        return
    if "outcome" in expect:
        if error is not None:
            fail("an outcome", f"error {error.code}")
            return
        for key, value in expect["outcome"].items():
            seen_value = getattr(answer, key) if key in _OUTCOME_KEYS else None
            if seen_value != value:
                fail(f"{key} {json.dumps(value)}", f"{key} {json.dumps(seen_value)}")
    elif "error" in expect:
        if error is None:
            fail(f"error {expect['error']['code']}", "an outcome")
            return
        details = dict(expect["error"])
        code = details.pop("code")
        if error.code != code:
            fail(f"error {code}", f"error {error.code}")
            return
        printed = error.to_json()
        for key, value in details.items():
            # A missing optional detail is None here and null in the cases.
            seen_detail = printed.get(key)
            if seen_detail != value:
                fail(f"{key} {json.dumps(value)}", f"{key} {json.dumps(seen_detail)}")


def _check_after(store: CredentialStore, reveal: Reveal | None, fixture: Fixture, caller: Caller, id: str,
                 want: Mapping[str, Any], fail: Fail) -> None:
    """The connector as the case expects it afterwards, read through the contract (a secret through `reveal`)."""
    grantee = next((g.principal for g in fixture.grants if g.connector == id), None)
    reader = Caller(grantee if grantee is not None else caller.principal, caller.permissions)
    try:
        got = store.get(reader, id)
    except StoreError as e:
        fail(f"{id} readable", f"StoreError {e.kind}")
        return
    except Exception as e:  # noqa: BLE001
        fail(f"{id} readable", f"a raised {type(e).__name__}")
        return
    if got.revision != want["revision"]:
        fail(f"{id} at revision {want['revision']}", f"revision {got.revision}")
    names = sorted(p.name for p in got.properties)
    wanted = sorted(want["properties"])
    if names != wanted:
        fail(f"{id} holding {', '.join(wanted)}", f"it holds {', '.join(names)}")
        return
    for p in got.properties:
        w = want["properties"][p.name]
        if isinstance(w, str) or (isinstance(w, Mapping) and "count" in w):
            expected_value = w if isinstance(w, str) else _repeated(w)
            if p.secret:
                fail(f"{id}.{p.name} plain", "a secret")
            elif p.value != expected_value:
                fail(f"{id}.{p.name} with the expected value", "another value")
        elif isinstance(w, Mapping):
            if not p.secret:
                fail(f"{id}.{p.name} secret", "a plain value")
                continue
            try:
                held = reveal(store, id, p.name) if reveal is not None else w["secret"]
            except Exception:  # noqa: BLE001
                held = None
            if held != w["secret"]:
                fail(f"{id}.{p.name} holding the expected secret", "another value, or none")
        else:
            fail(f"{id}.{p.name} given in the case as text or {{\"secret\": text}}", "another JSON value in the case")


def _repeated(v: Mapping[str, Any]) -> str:
    """`{text, count}`: the text repeated `count` times."""
    return str(v["text"]) * int(v["count"])


def _store_error(e: Mapping[str, Any]) -> StoreError:
    """A case's `{kind, ...fields}` as a `StoreError`."""
    kind = e.get("kind")
    if kind == "key":
        return StoreError.key(e["message"])
    if kind == "conflict":
        return StoreError.conflict(e["actual"])
    if kind == "not-found":
        return StoreError.not_found()
    if kind == "permission-denied":
        return StoreError.permission_denied(e["reason"], e.get("property"))
    if kind == "tampered":
        return StoreError.tampered(e["connector"], e["property"])
    if kind == "read-only":
        return StoreError.read_only(e["location"], e["why"])
    if kind == "schema":
        return StoreError.schema(e["location"], e["found"], e["supported"])
    # As the Rust runner reads a case: any other kind is `unavailable`.
    return StoreError.unavailable(str(e.get("message", "")))


# The cases name store calls as the JavaScript contract does.
_FAULT_CALLS = {"get": "get", "findByName": "find_by_name", "rules": "rules", "kinds": "kinds", "write": "write"}


class _Faulty:
    """`inner` whose one call (the case's fault) raises the case's store error."""

    def __init__(self, inner: CredentialStore, fault: Mapping[str, Any]) -> None:
        self._inner = inner
        self._call = _FAULT_CALLS.get(fault["call"], fault["call"])
        self._error = fault["error"]

    def _check(self, call: str) -> None:
        if call == self._call:
            raise _store_error(self._error)

    def get(self, caller: Caller, id: str) -> Connector:
        self._check("get")
        return self._inner.get(caller, id)

    def find_by_name(self, caller: Caller, name: str) -> list[ConnectorSummary]:
        self._check("find_by_name")
        return self._inner.find_by_name(caller, name)

    def rules(self, caller: Caller, kind: str) -> KindRules | None:
        self._check("rules")
        return self._inner.rules(caller, kind)

    def kinds(self, caller: Caller) -> list[KindRules]:
        self._check("kinds")
        return self._inner.kinds(caller)

    def write(self, caller: Caller, id: str, expected_revision: int, changes: list[Change], mode: WriteMode) -> WriteReceipt:
        self._check("write")
        return self._inner.write(caller, id, expected_revision, changes, mode)


class _FaultyTokens:
    """A token source whose every answer is the case's store error."""

    def __init__(self, error: Mapping[str, Any]) -> None:
        self._error = error

    def resolve(self, source: str | None, name: str) -> str | None:
        raise _store_error(self._error)


class _Raced(_Faulty):
    """A store beaten by another writer before each of the action's first `times` commits."""

    def __init__(self, inner: CredentialStore, times: int) -> None:
        super().__init__(inner, {"call": "", "error": {}})
        self._times = times
        self._raced = 0

    def write(self, caller: Caller, id: str, expected_revision: int, changes: list[Change], mode: WriteMode) -> WriteReceipt:
        if mode == "commit" and self._raced < self._times:
            self._raced += 1
            now = self._inner.get(caller, id)
            self._inner.write(caller, id, now.revision, [Change("Racer", "set", str(self._raced))], "commit")
        return self._inner.write(caller, id, expected_revision, changes, mode)
