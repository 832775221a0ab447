"""Each error subclass, its code, its typed fields, and StoreError's cases, as the action raises them."""

from __future__ import annotations

import json

import pytest

import connectors_update as cu
from connectors_update import Action, Caller, MemoryStore, StoreError
from connectors_update.errors import error_for

from conftest import step


@pytest.mark.parametrize(
    ("code", "cls", "details"),
    [
        ("invalid-parameter", cu.InvalidParameter, {"field": "EntryId"}),
        ("invalid-json", cu.InvalidJson, {"field": "PropertiesJson", "line": 1, "column": 3}),
        ("unresolved-token", cu.UnresolvedToken, {"field": "EntryId", "token": "[Form:Id]"}),
        ("connector-not-found", cu.ConnectorNotFound, {"reference": "x"}),
        ("ambiguous-connector", cu.AmbiguousConnector, {"reference": "Twin", "candidates": ["a", "b"]}),
        ("validation-failed", cu.ValidationFailed, {"violations": [cu.Violation("P", "format", "m")]}),
        ("permission-denied", cu.PermissionDenied, {"connector": "api", "property": None}),
        ("conflict", cu.Conflict, {"connector": "api", "expected": 1, "actual": 2}),
        ("store-unavailable", cu.StoreUnavailable, {}),
        ("store-tampered", cu.StoreTampered, {"connector": "api", "property": "P"}),
        ("store-key", cu.StoreKey, {}),
        ("store-read-only", cu.StoreReadOnly, {}),
        ("store-schema", cu.StoreSchema, {}),
        ("limit-exceeded", cu.LimitExceeded, {"key": "step-bytes", "what": "w", "limit": 5}),
        ("host-failed", cu.HostFailed, {"call": "store.get"}),
        ("trap", cu.Trap, {}),
        ("load-failed", cu.LoadFailed, {}),
    ],
)
def test_each_code_has_its_subclass_and_fields(code: str, cls: type, details: dict[str, object]) -> None:
    e = error_for(code, "what happened", details)
    assert type(e) is cls and isinstance(e, cu.ConnectorsUpdateError)
    assert (e.code, e.message, str(e), e.details) == (code, "what happened", "what happened", details)
    for name, value in details.items():
        assert getattr(e, name) == value
    assert e.retryable == (code in ("conflict", "store-unavailable"))
    printed = e.to_json()
    assert printed["code"] == code and printed["message"] == "what happened"
    json.dumps(printed)  # the CLI's JSON: violations as objects
    assert repr(e) == f"{cls.__name__}(code={code!r}, message='what happened')"


def test_an_unknown_code_is_the_base_class() -> None:
    e = error_for("timed-out", "slow")
    assert type(e) is cu.ConnectorsUpdateError and e.retryable


def test_the_action_raises_the_subclass_with_its_fields(action: Action, store: MemoryStore) -> None:
    with pytest.raises(cu.Conflict) as conflict:
        action.execute(step("api", '{"Timeout": "5s"}', ExpectedRevision=7), store)
    assert (conflict.value.connector, conflict.value.expected, conflict.value.actual) == ("api", 7, 1)
    assert conflict.value.retryable
    with pytest.raises(cu.InvalidJson) as bad:
        action.execute(step("api", '{"Timeout": '), store)
    assert bad.value.field == "PropertiesJson" and bad.value.line == 1 and bad.value.column > 0
    with pytest.raises(cu.ValidationFailed) as invalid:
        action.execute(step("api", '{"Endpoint": "not a url"}'), store)
    assert [(v.property, v.rule) for v in invalid.value.violations] == [("Endpoint", "format")]
    assert invalid.value.to_json()["violations"][0]["rule"] == "format"  # type: ignore[index]
    with pytest.raises(cu.UnresolvedToken) as token:
        action.execute(step("[Form:Id]", '{"A": "b"}'), store)
    assert (token.value.field, token.value.token) == ("EntryId", "[Form:Id]")
    with pytest.raises(cu.ConnectorNotFound) as missing:
        action.execute(step("nobody", '{"A": "b"}'), store)
    assert missing.value.reference == "nobody"
    store.grant("plain", "alice")
    with pytest.raises(cu.PermissionDenied) as denied:
        action.execute(step("plain", '{"A": "b"}'), store, caller=Caller("bob"))
    assert denied.value.connector == "plain" and denied.value.property is None


@pytest.mark.parametrize(
    ("error", "kind", "details"),
    [
        (StoreError.not_found(), "not-found", {}),
        (StoreError.permission_denied("no", "P"), "permission-denied", {"reason": "no", "property": "P"}),
        (StoreError.permission_denied("no"), "permission-denied", {"reason": "no"}),
        (StoreError.conflict(4), "conflict", {"actual": 4}),
        (StoreError.unavailable("down"), "unavailable", {}),
        (StoreError.invalid([cu.Violation("P", "r", "m")]), "invalid", {"violations": [cu.Violation("P", "r", "m")]}),
        (StoreError.tampered("c", "P"), "tampered", {"connector": "c", "property": "P"}),
        (StoreError.key("no key"), "key", {}),
        (StoreError.read_only("/db", "mounted ro"), "read-only", {"location": "/db", "why": "mounted ro"}),
        (StoreError.schema("/db", 9, 3), "schema", {"location": "/db", "found": 9, "supported": 3}),
    ],
)
def test_store_error_cases(error: StoreError, kind: str, details: dict[str, object]) -> None:
    assert error.kind == kind and error.details == details and error.message == str(error)


def test_a_store_error_kind_must_be_a_case() -> None:
    with pytest.raises(TypeError, match="no store-error case"):
        StoreError("broken", "x")  # type: ignore[arg-type]
