"""What a careless caller hands the package by mistake: each refused at once,
with a typed error that names the argument and never a value, and the next
call unharmed; and what it may hand instead (a plain mapping of tokens)."""

from __future__ import annotations

from typing import Any

import pytest

from connectors_update import (
    Action,
    Change,
    InvalidParameter,
    MapTokens,
    MemoryStore,
    PropertyRule,
    StoredProperty,
    UnresolvedToken,
)

from conftest import CANARY

STEP = '{"EntryId": "Billing API", "Properties": [{"PropertyName": "APIKey", "PropertyValue": "[Form:Key]"}]}'


def test_a_mapping_of_tokens_answers_as_map_tokens_does(action: Action, store: MemoryStore) -> None:
    outcome = action.execute(STEP, store, {"Form:Key": "new-key"})
    assert outcome.changed == ["APIKey"] and outcome.revision_after == 2
    with pytest.raises(UnresolvedToken):
        action.execute(STEP, store, {"Form:Other": "x"})


@pytest.mark.parametrize("tokens", [42, "Form:Key=x", ["Form:Key"], object()])
def test_tokens_that_are_neither_a_source_nor_a_mapping_are_refused_before_the_step_runs(
    action: Action, store: MemoryStore, tokens: Any
) -> None:
    # Refused even though the step's first token would have failed later: a
    # step without tokens must not silently ignore a wrong argument either.
    for text in (STEP, '{"EntryId": "Billing API", "PropertiesJson": "{\\"Timeout\\": \\"5s\\"}"}'):
        with pytest.raises(InvalidParameter) as refused:
            action.execute(text, store, tokens)
        assert refused.value.field == "tokens"
        assert "Form:Key=x" not in str(refused.value)
    assert store.get(None, "api").revision == 1  # nothing written
    assert action.execute(STEP, store, MapTokens({"Form:Key": "k"})).revision_after == 2


def test_map_tokens_refuses_what_is_no_text_naming_the_key_never_the_value() -> None:
    with pytest.raises(TypeError) as refused:
        MapTokens({"Form:Key": 12345678})  # type: ignore[dict-item]
    assert "Form:Key" in str(refused.value) and "12345678" not in str(refused.value)
    with pytest.raises(TypeError):
        MapTokens({1: "x"})  # type: ignore[dict-item]


@pytest.mark.parametrize("value", [CANARY + "\ud800", 5, None])
def test_check_value_refuses_what_is_no_text_without_the_value(action: Action, value: Any) -> None:
    rule = PropertyRule("APIKey")
    with pytest.raises(TypeError) as refused:
        action.support.check_value(rule, value, True)
    assert CANARY not in str(refused.value) and CANARY not in repr(refused.value.args)
    assert action.support.check_value(rule, "fine", True) == []  # the support instance still answers


@pytest.mark.parametrize("stored, patch", [(CANARY + "\udfff", '{"a":1}'), (None, CANARY + "\ud800"), (None, 7)])
def test_merge_value_refuses_what_is_no_text_without_the_value(action: Action, stored: Any, patch: Any) -> None:
    with pytest.raises(TypeError) as refused:
        action.support.merge_value(stored, patch)
    assert CANARY not in str(refused.value)
    assert action.support.merge_value(None, '{"a":1}') == '{"a":1}'


def test_a_plain_property_or_a_set_without_its_value_is_refused_where_it_is_built() -> None:
    with pytest.raises(TypeError, match="plain property needs its value"):
        StoredProperty("Endpoint", None)
    assert StoredProperty("APIKey", None, secret=True).value is None
    for op in ("set", "merge"):
        with pytest.raises(TypeError, match=f"a {op} needs its value"):
            Change("Timeout", op)  # type: ignore[arg-type]
    assert Change("Timeout", "remove").value is None
