"""`action.support` (the component's store-support) and MemoryStore's administration."""

from __future__ import annotations

import pytest

from connectors_update import (
    Action,
    Caller,
    Change,
    JsonRule,
    KindRules,
    MemoryStore,
    NewConnector,
    PropertyRule,
    StoredProperty,
    StoreError,
    Violation,
    kind_rules_from_json,
)


def test_builtin_kinds(action: Action) -> None:
    kinds = action.support.builtin_kinds()
    assert [k.kind for k in kinds][:2] == ["rest-api", "oauth2"]
    assert all(isinstance(k, KindRules) and all(isinstance(r, PropertyRule) for r in k.properties) for k in kinds)


def test_merge_value(action: Action) -> None:
    merge = action.support.merge_value
    assert merge('{"a":1,"b":{"c":2}}', '{"b":{"c":null,"d":3}}') == '{"a":1,"b":{"d":3}}'
    assert merge('{"a":1}', '{"a":1}') is None
    assert merge(None, '{"a":1}') == '{"a":1}'
    assert merge("not json", '{"a":1}') == '{"a":1}'
    for patch in ("[1]", "1", "", "{"):
        with pytest.raises(TypeError):
            merge(None, patch)


def test_check_value(action: Action) -> None:
    rule = PropertyRule("Endpoint", format="url", max_length=10)
    assert {v.rule for v in action.support.check_value(rule, "not a url at all", False)} == {"format", "max-length"}
    assert action.support.check_value(PropertyRule("T", format="duration"), "30s", False) == []
    keys = PropertyRule("J", format="json-object", json=JsonRule(allowed_keys=["a"]))
    found = action.support.check_value(keys, '{"canary-key": 1}', True)
    assert found and all("canary-key" not in v.message for v in found)


def test_check_new_connector(action: Action) -> None:
    rest = next(k for k in action.support.builtin_kinds() if k.kind == "rest-api")
    found = action.support.check_new_connector(rest, [Change("Endpoint", "set", "https://a.example.com")])
    assert [(v.property, v.rule) for v in found] == [("APIKey", "required")]


def test_kinds_naming(action: Action) -> None:
    kinds = [KindRules("a", properties=[PropertyRule("X"), PropertyRule("Y")]), KindRules("b", properties=[PropertyRule("Z")])]
    assert action.support.kinds_naming(kinds, ["y"]) == [KindRules("a", properties=[PropertyRule("Y")])]
    assert action.support.kinds_naming(kinds, []) == []


def test_kind_rules_from_json() -> None:
    k = kind_rules_from_json({
        "kind": "vault", "max_properties": 3,
        "properties": [{"name": "Token", "format": "text", "secret": True, "json": None, "write_permission": "w"}],
    })
    assert k == KindRules("vault", properties=[PropertyRule("Token", secret=True, write_permission="w")], max_properties=3)
    for bad in ({"kind": "v", "maxProperties": 3}, {"kind": "v", "properties": [{"name": "T"}]},
                {"kind": "v", "properties": [{"name": "T", "format": "weird"}]}, [], {"kind": 3},
                {"kind": "v", "max_properties": -1}):
        with pytest.raises(TypeError):
            kind_rules_from_json(bad)


def test_memory_store_add_refuses(action: Action) -> None:
    s = MemoryStore(action)
    s.add(id="a", name="A")
    for kwargs, match in (
        ({"name": ""}, "needs a name"),
        ({"id": "", "name": "B"}, "may not be empty"),
        ({"id": "a", "name": "B"}, "exists already"),
        ({"id": "A", "name": "B"}, "name of another connector"),
        ({"id": "b", "name": "a"}, "id of another connector"),
        ({"name": "B", "kind": "REST-API"}, "there is no kind"),
        ({"name": "B", "properties": [("A\u200bB", "x")]}, "breaks the rules"),
        ({"name": "B", "properties": [("Big", "x" * 70_000)]}, "65536 bytes"),
        ({"name": "B", "kind": "rest-api", "properties": [("Endpoint", "https://a.example.com")]}, "required"),
    ):
        with pytest.raises(TypeError, match=match):
            s.add(**kwargs)  # type: ignore[arg-type]


def test_memory_store_add_forms_and_grants(action: Action) -> None:
    s = MemoryStore(action)
    added = s.add(NewConnector(name="N", id="n", properties=[StoredProperty("P", "v", True)]))
    assert added.properties == [StoredProperty("P", "v", True)] and added.revision == 1
    s.add(name="M", properties=[{"name": "Q", "value": "w"}])
    assert len(s.find_by_name(Caller(), "M")) == 1
    assert s.grant("n", "alice") == ["alice"]
    with pytest.raises(StoreError) as refused:
        s.get(Caller("bob"), "n")
    assert refused.value.kind == "permission-denied"
    assert s.get(Caller("alice"), "n").properties == [StoredProperty("P", None, True)]
    assert s.revoke("n", "alice") == [] and s.get(Caller(), "n").id == "n"
    with pytest.raises(TypeError):
        s.grant("missing", "alice")


def test_memory_store_write_contract(action: Action) -> None:
    s = MemoryStore(action)
    s.add(id="c", name="C", properties=[("A", "1"), ("S", '{"k":1}', True)])
    with pytest.raises(StoreError) as conflict:
        s.write(Caller(), "c", 2, [Change("A", "set", "2")], "commit")
    assert conflict.value.details == {"actual": 1}
    assert s.write(Caller(), "c", 1, [Change("A", "set", "1")], "commit").changed == []
    assert s.write(Caller(), "c", 1, [Change("S", "set", '{"k":1}')], "preview").changed == ["S"]
    assert s.record("c").revision == 1  # type: ignore[union-attr]
    receipt = s.write(Caller(), "c", 1, [Change("S", "merge", '{"j":2}', True), Change("A", "remove")], "commit")
    assert receipt == __import__("connectors_update").WriteReceipt(2, ["S", "A"])
    assert s.record("c").properties == [StoredProperty("S", '{"k":1,"j":2}', True)]  # type: ignore[union-attr]
    with pytest.raises(StoreError) as invalid:
        s.write(Caller(), "c", 2, [Change("S", "set", "x" * 70_000)], "preview")
    assert invalid.value.kind == "invalid" and [v.rule for v in invalid.value.details["violations"]] == ["max-bytes"]  # type: ignore[attr-defined]


def test_write_permissions_are_checked_before_values(action: Action) -> None:
    s = MemoryStore(action, kinds=[KindRules("k", properties=[PropertyRule("G", write_permission="w:g")], allow_unknown=True)])
    s.add(id="c", name="C", kind="k", properties=[("G", "v")])
    with pytest.raises(StoreError) as refused:
        s.write(Caller(), "c", 1, [Change("G", "set", "v")], "preview")
    assert refused.value.kind == "permission-denied" and refused.value.details["property"] == "G"
    assert s.write(Caller(permissions=("w:g",)), "c", 1, [Change("G", "set", "v")], "preview").changed == []
    assert isinstance(Violation("p", "r", "m"), Violation)


def test_names_matching_decides_as_the_action_does(action: Action) -> None:
    # The package decides ASCII names itself (str.lower is Rust's to_lowercase
    # there) and hands any other text to the action: both answers must be the
    # action's own, for names that match, differ, or only look alike.
    import random

    from connectors_update.imports import names_matching

    rng = random.Random(7)
    ascii_names = ["".join(rng.choice("aAbBzZ_-09 ") for _ in range(rng.randint(0, 4))) for _ in range(300)]
    tricky = ["İd", "id", "ID", "straße", "STRASSE", "Kelvin\u212a", "kelvink", "ΣΑΣ", "σας", "ǅ", "ǆ", "Ⅻ", "ⅻ"]
    for candidates, names in [
        (sorted(set(ascii_names[:150])), ascii_names[150:]),
        (sorted(set(tricky)), tricky),
        (["APIKey", "Timeout"], ["apikey", "İd"]),
        (["APIKey"], []),
    ]:
        probe = KindRules("", properties=[PropertyRule(n) for n in candidates])
        expected = {r.name for k in action.support.kinds_naming([probe], names) for r in k.properties}
        assert names_matching(action.support, candidates, names) == expected
