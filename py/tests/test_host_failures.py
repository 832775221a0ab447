"""What a store or token source that misbehaves does to a call: a store
error reaches the caller as the action's error; anything else ends the call
as HostFailed (the exception chained, its text in no message), and the next
call on the same Action works (gap b). The `result<option<T>, E>` imports
return their error (gap a)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from connectors_update import (
    Action,
    Caller,
    Change,
    Connector,
    ConnectorSummary,
    HostFailed,
    KindRules,
    MapTokens,
    MemoryStore,
    StoreError,
    StoreKey,
    StoreUnavailable,
    WriteMode,
    WriteReceipt,
    load_action,
)

from conftest import CANARY, last_host_error, record_host_error, step

WRITE = step("api", '{"Endpoint": "https://new.example.com"}')
DESIGN = step("api", "", Properties=[{"PropertyName": "Endpoint", "PropertyValue": "https://x.example.com"}])


class Boom(Exception):
    """What a broken store raises; its text holds a canary."""


class Raising(MemoryStore):
    """A MemoryStore whose method `broken` raises `Boom` (or returns `answer`, if given)."""

    broken = ""
    answer: Any = None

    def _maybe(self, name: str) -> Any:
        if name == self.broken:
            if self.answer is not None:
                return self.answer
            raise Boom(f"the database said {CANARY}")
        return None

    def get(self, caller: Caller, id: str) -> Connector:
        return self._maybe("get") or super().get(caller, id)  # type: ignore[no-any-return]

    def find_by_name(self, caller: Caller, name: str) -> list[ConnectorSummary]:
        return self._maybe("find_by_name") or super().find_by_name(caller, name)  # type: ignore[no-any-return]

    def rules(self, caller: Caller, kind: str) -> KindRules | None:
        return self._maybe("rules") or super().rules(caller, kind)  # type: ignore[no-any-return]

    def kinds(self, caller: Caller | None = None) -> list[KindRules]:
        return self._maybe("kinds") or super().kinds(caller)  # type: ignore[no-any-return]

    def write(self, caller: Caller, id: str, expected_revision: int, changes: list[Change], mode: WriteMode) -> WriteReceipt:
        return self._maybe("write") or super().write(caller, id, expected_revision, changes, mode)  # type: ignore[no-any-return]


def raising(action: Action, broken: str, answer: Any = None) -> Raising:
    s = Raising(action)
    s.broken, s.answer = broken, answer
    s.add(id="api", name="Billing API", kind="rest-api", properties=[("APIKey", CANARY, True), ("Endpoint", "https://a.example.com")])
    return s


def assert_clean_host_failed(e: HostFailed, call: str, cause: type[BaseException]) -> None:
    assert e.code == "host-failed" and e.call == call and e.details == {"call": call}
    assert e.__cause__ is None and e.__suppress_context__  # the text stays out of tracebacks
    assert isinstance(last_host_error(), cause)
    for text in (str(e), repr(e), e.message, str(e.to_json())):
        assert CANARY not in text and "database said" not in text


@pytest.fixture(params=["fresh", "reuse"])
def each_action(request: pytest.FixtureRequest) -> Action:
    return load_action(instances=request.param, on_host_error=record_host_error)


@pytest.mark.parametrize(
    ("method", "call", "run"),
    [
        ("get", "store.get", "execute"),
        ("find_by_name", "store.find_by_name", "execute-by-name"),
        ("rules", "store.rules", "execute"),
        ("write", "store.write", "execute"),
        ("kinds", "store.kinds", "describe"),
        ("kinds", "store.kinds", "validate"),
    ],
)
def test_a_store_that_raises_ends_the_call_as_host_failed_and_the_next_call_works(
    each_action: Action, method: str, call: str, run: str
) -> None:
    action = each_action
    s = raising(action, method)
    with pytest.raises(HostFailed) as failed:
        if run == "execute":
            action.execute(WRITE, s)
        elif run == "execute-by-name":
            action.execute(step("Billing API", '{"Endpoint": "https://new.example.com"}'), s)
        elif run == "describe":
            action.describe(s)
        else:
            action.validate(DESIGN, s)
    assert_clean_host_failed(failed.value, call, Boom)
    assert s.record("api").revision == 1  # type: ignore[union-attr]
    # The next call on the same Action, the same store fixed: it runs.
    s.broken = ""
    outcome = action.execute(WRITE, s)
    assert (outcome.revision_before, outcome.revision_after, outcome.changed) == (1, 2, ["Endpoint"])


@pytest.mark.parametrize(
    ("method", "answer", "why"),
    [
        ("get", "not a connector", "get must answer a Connector"),
        ("find_by_name", [1], "ConnectorSummary"),
        ("rules", {"kind": "rest-api"}, "KindRules"),
        ("write", WriteReceipt(revision=-1), "revision"),
        ("write", WriteReceipt(revision=2**64), "revision"),
        ("write", WriteReceipt(revision=True), "revision"),  # bool is no revision
    ],
)
def test_a_malformed_answer_is_host_failed(action: Action, method: str, answer: Any, why: str) -> None:
    s = raising(action, method, answer)
    target = step("Billing API", '{"Endpoint": "https://b.example.com"}') if method == "find_by_name" else WRITE
    with pytest.raises(HostFailed) as failed:
        action.execute(target, s)
    assert isinstance(last_host_error(), TypeError) and why in str(last_host_error())
    assert action.execute(WRITE, raising(action, "")).revision_after == 2


def test_a_revision_out_of_u64_from_get_is_host_failed(action: Action) -> None:
    class Huge(MemoryStore):
        def get(self, caller: Caller, id: str) -> Connector:
            return dataclasses.replace(super().get(caller, id), revision=2**64)

    s = Huge(action)
    s.add(id="api", name="Billing API")
    with pytest.raises(HostFailed):
        action.execute(step("api", '{"A": "b"}'), s)
    assert s.record("api").revision == 1  # type: ignore[union-attr]


def test_a_token_source_that_raises_is_host_failed(action: Action, store: MemoryStore) -> None:
    class Broken:
        def resolve(self, source: str | None, name: str) -> str | None:
            raise RuntimeError(f"vault said {CANARY}")

    with pytest.raises(HostFailed) as failed:
        action.execute(step("[Form:Id]", '{"Timeout": "5s"}'), store, Broken())
    assert_clean_host_failed(failed.value, "tokens.resolve", RuntimeError)
    assert action.execute(step("[Form:Id]", '{"Timeout": "5s"}'), store, MapTokens({"Form:Id": "api"})).added == ["Timeout"]


def test_a_token_value_that_is_no_text_is_host_failed(action: Action, store: MemoryStore) -> None:
    class Number:
        def resolve(self, source: str | None, name: str) -> str | None:
            return 42  # type: ignore[return-value]

    with pytest.raises(HostFailed) as failed:
        action.execute(step("[Form:Id]", '{"Timeout": "5s"}'), store, Number())
    assert isinstance(last_host_error(), TypeError)


# -- Gap (a): result<option<T>, store-error> imports return their error.


def test_tokens_resolve_returning_a_store_error_reaches_the_caller(action: Action, store: MemoryStore) -> None:
    class Down:
        def resolve(self, source: str | None, name: str) -> str | None:
            raise StoreError.unavailable("the token service is down")

    with pytest.raises(StoreUnavailable) as unavailable:
        action.execute(step("[Form:Id]", '{"Timeout": "5s"}'), store, Down())
    assert "the token service is down" in unavailable.value.message and unavailable.value.retryable


def test_tokens_resolve_answering_none_is_unresolved_and_a_value_resolves(action: Action, store: MemoryStore) -> None:
    from connectors_update import UnresolvedToken

    with pytest.raises(UnresolvedToken):
        action.execute(step("[Form:Id]", '{"Timeout": "5s"}'), store, MapTokens({}))
    assert action.execute(step("[Id]", '{"Timeout": "5s"}'), store, MapTokens({"Id": "api"})).id == "api"


@pytest.mark.parametrize(
    ("error", "cls"),
    [(StoreError.unavailable("rules table offline"), StoreUnavailable), (StoreError.key("the key is wrong"), StoreKey)],
)
def test_rules_returning_a_store_error_reaches_the_caller_as_its_code(action: Action, error: StoreError, cls: type) -> None:
    class NoRules(MemoryStore):
        def rules(self, caller: Caller, kind: str) -> KindRules | None:
            raise error

    s = NoRules(action)
    s.add(id="api", name="Billing API", kind="rest-api", properties=[("APIKey", CANARY), ("Endpoint", "https://a.example.com")])
    with pytest.raises(cls):
        action.execute(WRITE, s)
    assert s.record("api").revision == 1  # type: ignore[union-attr]


def test_rules_answering_none_runs_without_rules(action: Action) -> None:
    class NoRules(MemoryStore):
        def rules(self, caller: Caller, kind: str) -> KindRules | None:
            return None

    s = NoRules(action)
    s.add(id="api", name="Billing API", kind="rest-api", properties=[("APIKey", CANARY), ("Endpoint", "https://a.example.com")])
    assert action.execute(step("api", '{"Endpoint": "not a url"}'), s).changed == ["Endpoint"]


def test_a_malformed_store_error_is_host_failed(action: Action) -> None:
    class Odd(MemoryStore):
        def get(self, caller: Caller, id: str) -> Connector:
            raise StoreError("conflict", "moved", {"actual": "three"})

    s = Odd(action)
    s.add(id="api", name="Billing API")
    with pytest.raises(HostFailed) as failed:
        action.execute(step("api", '{"A": "b"}'), s)
    assert isinstance(last_host_error(), TypeError)


def test_host_failed_after_a_committed_write_says_so(action: Action) -> None:
    class LateFailure(MemoryStore):
        def write(self, caller: Caller, id: str, expected_revision: int, changes: list[Change], mode: WriteMode) -> WriteReceipt:
            receipt = super().write(caller, id, expected_revision, changes, mode)
            if mode == "commit":
                return WriteReceipt(revision=receipt.revision, changed=[1])  # type: ignore[list-item]
            return receipt

    s = LateFailure(action)
    s.add(id="api", name="Billing API")
    with pytest.raises(HostFailed) as failed:
        action.execute(step("api", '{"A": "b"}'), s)
    assert s.record("api").revision == 2  # type: ignore[union-attr]
    assert "nothing was written" not in failed.value.message and "unknown" in failed.value.message


def test_a_store_missing_a_method_is_host_failed(action: Action) -> None:
    class Half:
        def get(self, caller: Caller, id: str) -> Connector:
            raise StoreError.not_found()

    with pytest.raises(HostFailed) as failed:
        action.execute(step("x", '{"A": "b"}'), Half())  # type: ignore[arg-type]
    assert failed.value.call == "store.find_by_name"


def test_a_call_from_inside_a_store_gets_its_own_instance(each_action: Action) -> None:
    """A store that calls the action while it answers an import (its own validation, say) does not disturb the outer call."""
    action = each_action
    inner_results: list[str] = []

    class Nested(MemoryStore):
        def get(self, caller: Caller, id: str) -> Connector:
            inner_results.append(action.parse_step(step("inner")).entry_id)
            return super().get(caller, id)

    s = Nested(action)
    s.add(id="api", name="Billing API")
    assert action.execute(step("api", '{"A": "b"}'), s).added == ["A"]
    assert inner_results and set(inner_results) == {"inner"}


