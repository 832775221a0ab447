"""Huge, empty and malformed inputs: each refused with the action's error, never a trap, and the action usable after."""

from __future__ import annotations

import json

import pytest

from connectors_update import (
    Action,
    ConnectorsUpdateError,
    InvalidJson,
    InvalidParameter,
    LimitExceeded,
    MemoryStore,
    Trap,
)

from conftest import step


@pytest.mark.parametrize(
    ("text", "cls"),
    [  # the first two parse; execute refuses them
        ("{}", InvalidParameter),
        ('{"EntryId": ""}', InvalidParameter),
        ("", InvalidJson),
        ("   ", InvalidJson),
        ("null", InvalidJson),
        ("{" * 10_000, ConnectorsUpdateError),
        ("[" * 100_000, LimitExceeded),
        ('{"EntryId": "api", "PropertiesJson": "' + "x" * 2_000_000 + '"}', LimitExceeded),
        ('{"EntryId": "\\ud800"}', InvalidJson),  # a lone surrogate escape in the JSON
        ("\ud800", InvalidParameter),  # a lone surrogate in the Python str itself
        ("\x00\x01\x02", InvalidJson),
    ],
)
def test_bad_step_text_is_refused_with_a_typed_error(action: Action, store: MemoryStore, text: str, cls: type) -> None:
    calls = [lambda: action.execute(text, store)]
    if text not in ("{}", '{"EntryId": ""}'):
        calls.append(lambda: action.parse_step(text))
    for call in calls:
        with pytest.raises(cls) as refused:
            call()
        assert not isinstance(refused.value, Trap)
    assert action.execute(step("api", '{"Timeout": "5s"}'), store).added == ["Timeout"]


def test_too_many_rows_is_limit_exceeded(action: Action, store: MemoryStore) -> None:
    rows = [{"PropertyName": f"P{i}", "PropertyValue": "v"} for i in range(5000)]
    with pytest.raises(LimitExceeded) as refused:
        action.execute(step("api", "", Properties=rows), store)
    assert refused.value.key and refused.value.limit > 0


def test_validate_of_huge_text_answers_diagnostics(action: Action) -> None:
    found = action.validate('{"EntryId": "api", "PropertiesJson": "' + "x" * 2_000_000 + '"}')
    assert [d.code for d in found] == ["limit-exceeded"]


def test_a_value_over_the_per_value_limit_is_refused_and_nothing_is_written(action: Action, store: MemoryStore) -> None:
    big = json.dumps({"Big": "x" * 70_000})
    with pytest.raises(ConnectorsUpdateError):
        action.execute(step("plain", big), store)
    assert store.record("plain").revision == 1  # type: ignore[union-attr]


def test_empty_and_unicode_names_and_values(action: Action, store: MemoryStore) -> None:
    outcome = action.execute(step("plain", json.dumps({"Émoji 🙂": "", "Timeout": "10s"})), store)
    assert outcome.added == ["Émoji 🙂"] and outcome.changed == []
    with pytest.raises(InvalidParameter):
        action.execute(step("plain", "", Properties=[{"PropertyName": "", "PropertyValue": "x"}]), store)
    with pytest.raises(InvalidParameter):
        action.execute(step("plain", "", Properties=[{"PropertyName": "A\u200bB", "PropertyValue": "x"}]), store)


def test_a_step_that_changes_nothing_is_unchanged(action: Action, store: MemoryStore) -> None:
    outcome = action.execute('{"EntryId": "api"}', store)
    assert outcome.unchanged and outcome.revision_before == outcome.revision_after == 1
