"""Design time: describe, parse_step and validate, with and without a store."""

from __future__ import annotations

import pytest

from connectors_update import (
    Action,
    Diagnostic,
    InvalidJson,
    InvalidParameter,
    KindRules,
    MemoryStore,
    PropertyRow,
    PropertyRule,
    Step,
)

from conftest import step


def test_describe_without_a_store_lists_the_built_in_kinds(action: Action) -> None:
    d = action.describe()
    assert d.action_type == "Connectors.Update" and d.title
    assert [k.kind for k in d.kinds] == [k.kind for k in action.support.builtin_kinds()]
    assert [p.key for p in d.parameters][:2] == ["EntryId", "Properties"]
    assert all(isinstance(limit.max, int) and limit.max > 0 for limit in d.limits)
    assert any(key == "properties-rows" for key in (limit.key for limit in d.limits))
    assert d.token_syntax.forms and all(isinstance(e, tuple) and len(e) == 2 for e in d.token_syntax.escapes)


def test_describe_lists_the_store_s_kinds(action: Action) -> None:
    s = MemoryStore(action, kinds=[KindRules("vault", properties=[PropertyRule("Token", secret=True)])])
    assert [k.kind for k in action.describe(s).kinds] == ["vault"]
    assert action.describe(s).kinds[0].properties[0] == PropertyRule("Token", secret=True)


def test_parse_step_reads_a_step_file(action: Action) -> None:
    s = action.parse_step(
        step("api", '{"A": "1"}', Properties=[{"PropertyName": "B", "PropertyValue": "2"}, {"PropertyName": "C"}],
             ExpectedRevision=3, DryRun=True, MergeMode="deep")
    )
    assert s == Step("api", [PropertyRow("B", "2"), PropertyRow("C", None)], '{"A": "1"}', 3, True, "deep")
    assert action.parse_step('{"EntryId": "x"}') == Step("x")


@pytest.mark.parametrize(
    ("text", "cls", "field"),
    [
        ('{"EntryID": "x"}', InvalidParameter, "EntryID"),
        ('{"EntryId": "x", "DryRun": "yes"}', InvalidParameter, "DryRun"),
        ('{"EntryId": "x", "DryRun": true, "DryRun": false}', InvalidParameter, "DryRun"),
        ('{"EntryId": "x",', InvalidJson, "step"),
        ("", InvalidJson, "step"),
        ("[]", InvalidJson, "step"),
    ],
)
def test_parse_step_refuses_naming_the_field(action: Action, text: str, cls: type, field: str) -> None:
    with pytest.raises(cls) as refused:
        action.parse_step(text)
    assert refused.value.field == field  # type: ignore[attr-defined]


def test_parse_step_takes_text_only(action: Action) -> None:
    with pytest.raises(InvalidParameter):
        action.parse_step({"EntryId": "x"})  # type: ignore[arg-type]


def test_validate_text_reports_every_problem(action: Action) -> None:
    found = action.validate('{"EntryId": "", "Properties": [{"PropertyName": "A"}], "DryRun": "yes"}')
    assert all(isinstance(d, Diagnostic) for d in found)
    assert {(d.field, d.code) for d in found} >= {("EntryId", "invalid-parameter"), ("DryRun", "invalid-parameter")}


def test_validate_a_step_object_with_a_store(action: Action, store: MemoryStore) -> None:
    assert action.validate(Step("api", [PropertyRow("Endpoint", "https://x.example.com")]), store) == []
    found = action.validate(Step("api", [PropertyRow("apikey", "x")]), store)
    assert [(d.severity, d.code) for d in found] == [("error", "validation-failed")]


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        (Step(1), "EntryId"),  # type: ignore[arg-type]
        (Step("x", properties_json=None), "PropertiesJson"),  # type: ignore[arg-type]
        (Step("x", properties="rows"), "Properties"),  # type: ignore[arg-type]
        (Step("x", properties=[("A", "b")]), "Properties[0]"),  # type: ignore[list-item]
        (Step("x", properties=[PropertyRow("A", 5)]), "Properties[0].PropertyValue"),  # type: ignore[arg-type]
        (Step("x", expected_revision=-1), "ExpectedRevision"),
        (Step("x", expected_revision=2**64), "ExpectedRevision"),
        (Step("x", dry_run="false"), "DryRun"),  # type: ignore[arg-type]
        (Step("x", merge_mode="shallow"), "MergeMode"),  # type: ignore[arg-type]
        (Step("\ud800"), "EntryId"),
        ({"EntryId": "x"}, "Parameters"),
    ],
)
def test_a_malformed_step_object_is_invalid_parameter(action: Action, store: MemoryStore, bad: object, field: str) -> None:
    for call in (lambda: action.validate(bad, store), lambda: action.execute(bad, store)):  # type: ignore[arg-type]
        with pytest.raises(InvalidParameter) as refused:
            call()
        assert refused.value.field == field
