"""A canary secret in a stored secret appears in no output: outcomes,
diagnostics, descriptors, errors, their reprs and JSON, the store's repr,
nor anything the guest is handed."""

from __future__ import annotations

import dataclasses

from connectors_update import (
    Action,
    Caller,
    Connector,
    ConnectorsUpdateError,
    MapTokens,
    MemoryStore,
    StoredProperty,
)

from conftest import CANARY, last_host_error, step


def texts(value: object) -> str:
    out = repr(value) + str(value)
    if isinstance(value, ConnectorsUpdateError):
        out += repr(value.to_json()) + repr(value.details) + value.message
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        out += repr(dataclasses.asdict(value))
    return out


def run(fn: object) -> object:
    try:
        return fn()  # type: ignore[operator]
    except ConnectorsUpdateError as e:
        return e


def test_no_output_holds_the_secret(action: Action, store: MemoryStore) -> None:
    answers = [
        run(lambda: action.execute(step("api", '{"APIKey": "new-key"}'), store)),
        run(lambda: action.execute(step("api", '{"APIKey": "new-key"}', DryRun=True), store)),
        run(lambda: action.execute(step("api", '{"Endpoint": "nope"}'), store)),
        run(lambda: action.execute(step("api", '{"Endpoint": "https://a.example.com"}', ExpectedRevision=9), store)),
        run(lambda: action.execute(step("plain", '{"Token": {"a": 1}}', MergeMode="deep"), store)),
        run(lambda: action.execute(step("[Form:Id]", '{"A": "b"}'), store, MapTokens({"Form:Id": "plain"}))),
        run(lambda: action.describe(store)),
        run(lambda: action.validate(step("api", '{"apikey": "x"}'), store)),
        run(lambda: action.validate(action.parse_step(step("api", '{"APIKey": "x"}')), store)),
    ]
    for answer in answers:
        assert CANARY not in texts(answer)
    assert CANARY not in repr(store)


def test_the_guest_is_never_handed_a_secret_even_when_the_store_puts_it_in_get(action: Action) -> None:
    """A store that forgets to withhold a secret's value: the package drops it before the guest sees it."""

    class Leaky(MemoryStore):
        def get(self, caller: Caller, id: str) -> Connector:
            record = self.record(id)
            assert record is not None
            return dataclasses.replace(record, properties=[StoredProperty(p.name, p.value, p.secret) for p in record.properties])

    s = Leaky(action)
    s.add(id="c", name="C", properties=[("Secret", CANARY, True)])
    # A step whose error would quote a value it read: the guest has none to quote.
    for answer in (
        run(lambda: action.execute(step("c", '{"Secret": {"x": 1}}', MergeMode="deep"), s)),
        run(lambda: action.execute(step("c", '{"Secret": "other"}', DryRun=True), s)),
    ):
        assert CANARY not in texts(answer)


def test_a_host_failure_never_carries_the_exception_text(action: Action, store: MemoryStore) -> None:
    class Broken:
        def resolve(self, source: str | None, name: str) -> str | None:
            raise ValueError(CANARY)

    e = run(lambda: action.execute(step("[Form:Id]", '{"A": "b"}'), store, Broken()))
    assert isinstance(e, ConnectorsUpdateError) and CANARY not in texts(e)
    assert e.__cause__ is None  # a logged traceback holds no text of the store's
    assert CANARY in str(last_host_error())  # for the engine's own log, through on_host_error


def test_map_tokens_repr_shows_no_value() -> None:
    assert CANARY not in repr(MapTokens({"Form:Key": CANARY}))


def test_a_secret_written_stays_secret_and_is_never_echoed(action: Action, store: MemoryStore) -> None:
    outcome = action.execute(step("plain", "", Properties=[{"PropertyName": "Token", "PropertyValue": CANARY + "-new"}]), store)
    assert outcome.changed == ["Token"] and CANARY not in texts(outcome)
    got = store.get(Caller(), "plain")
    assert [p for p in got.properties if p.name == "Token"] == [StoredProperty("Token", None, True)]


def test_values_stay_out_of_every_repr() -> None:
    """A store that logs what it is asked to write logs no value."""
    from connectors_update import Change, PropertyRow, Step, StoredProperty

    for value in (
        Change(name="APIKey", op="set", value=CANARY, secret=True),
        StoredProperty(name="Endpoint", value=CANARY),
        PropertyRow(name="APIKey", value=CANARY),
        Step("api", [PropertyRow("APIKey", CANARY)], "", None, False, "replace"),
    ):
        assert CANARY not in repr(value) and CANARY not in str(value)
