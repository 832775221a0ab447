"""A block schema read as a kind's rules, and a property's text read as the
value the schema's field takes (and back).

Prefect's server does not check a document's data against its schema on a
PATCH: a value of the wrong type is stored, and every later `Block.load`
fails. So every value is converted here, and refused (`StoreError.invalid`)
when the field would not take it, before anything is sent.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from connectors_update import KindRules, PropertyRule, Violation

_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_UNSET = object()


@dataclass(frozen=True)
class FieldSpec:
    """What one top-level field of a block schema takes."""

    name: str
    types: frozenset[str]
    """JSON types the field takes: string, integer, number, boolean, object, array, null."""
    required: bool
    secret: bool
    enum: tuple[object, ...] | None
    default: object
    nested_block: bool
    """A reference to another block document: never written by this store."""
    obfuscates_none: bool
    """Secret through a wildcard path (a `SecretDict`'s `field.*`): Prefect's server then answers a read without
    secrets with OBFUSCATED when the field holds None as when it holds `{}`, where for any other secret field it
    obfuscates only a value and answers None as None."""
    string_format: str | None
    help: str

    @property
    def nullable(self) -> bool:
        return "null" in self.types


@dataclass(frozen=True)
class BlockFields:
    """A block schema's top-level fields, by name, in the schema's order."""

    fields: dict[str, FieldSpec]

    @classmethod
    def from_schema(cls, schema: Mapping[str, Any]) -> BlockFields:
        definitions: Mapping[str, Any] = {**schema.get("definitions", {}), **schema.get("$defs", {})}
        required = set(schema.get("required", []))
        paths = [str(path).split(".") for path in schema.get("secret_fields", [])]
        secret = {path[0] for path in paths}
        wildcard = {path[0] for path in paths if "*" in path}
        fields: dict[str, FieldSpec] = {}
        for name, prop in schema.get("properties", {}).items():
            types: set[str] = set()
            enums: list[object] = []
            formats: list[str] = []
            nested = _collect(prop, definitions, types, enums, formats)
            fields[name] = FieldSpec(
                name=name,
                types=frozenset(types),
                required=name in required,
                secret=name in secret,
                enum=tuple(enums) if enums else None,
                default=prop.get("default", None),
                nested_block=nested,
                obfuscates_none=name in wildcard,
                string_format=formats[0] if formats else None,
                help=str(prop.get("description", "")),
            )
        return cls(fields)


def _collect(prop: Mapping[str, Any], definitions: Mapping[str, Any], types: set[str], enums: list[object],
             formats: list[str]) -> bool:
    """Gathers what a property schema takes (through anyOf/oneOf/allOf and local $refs); True for a nested block."""
    nested = "block_type_slug" in prop or "block_schema_references" in prop
    ref = prop.get("$ref")
    if isinstance(ref, str):
        target = definitions.get(ref.rsplit("/", 1)[-1])
        if not isinstance(target, Mapping):
            return True
        return _collect(target, definitions, types, enums, formats) or nested
    for key in ("anyOf", "oneOf", "allOf"):
        for branch in prop.get(key, []):
            nested = _collect(branch, definitions, types, enums, formats) or nested
    t = prop.get("type")
    if isinstance(t, str):
        types.add(t)
    elif isinstance(t, list):
        types.update(str(x) for x in t)
    if "enum" in prop:
        enums.extend(prop["enum"])
        if "type" not in prop:
            types.update(_json_type(v) for v in prop["enum"])
    if "const" in prop:
        enums.append(prop["const"])
        types.add(_json_type(prop["const"]))
    if isinstance(prop.get("format"), str):
        formats.append(str(prop["format"]))
    if not types and not nested and not any(k in prop for k in ("anyOf", "oneOf", "allOf")):
        types.update({"string", "integer", "number", "boolean", "object", "array", "null"})  # any value
    return nested


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _format_of(spec: FieldSpec) -> str:
    """The action's value format for a field, from its JSON types."""
    types = spec.types - {"null"}
    if spec.enum is not None or "string" in types or not types:
        return {"uri": "url", "date-time": "timestamp", "duration": "duration"}.get(spec.string_format or "", "text")
    if types == {"integer"}:
        return "integer"
    if types == {"boolean"}:
        return "boolean"
    if types == {"object"}:
        return "json-object"
    if types == {"array"}:
        return "json-array"
    return "text"  # numbers, or several types: checked here, on write


def kind_rules(kind: str, schema: Mapping[str, Any], builtin: KindRules | None = None, help: str = "") -> KindRules:
    """The rules of a block type: its fields, which are required, which secret, each one's format; no other name.

    `builtin` (the action's rules of the kind this package's block type is
    for) adds what a JSON schema does not say: lengths, JSON rules, formats
    such as `duration`, immutability, write permissions, the most properties
    and the help a designer shows (the fields' descriptions are Prefect's
    form's). The schema keeps the last word on which fields exist, which are
    required and which secret, and no other name is taken.
    """
    fields = BlockFields.from_schema(schema)
    extra = {r.name: r for r in builtin.properties} if builtin is not None else {}
    rules: list[PropertyRule] = []
    for spec in fields.fields.values():
        if spec.nested_block:
            continue
        rule = PropertyRule(
            name=spec.name, required=spec.required, secret=spec.secret,
            format=_format_of(spec),  # type: ignore[arg-type]
            help=spec.help,
        )
        known = extra.get(spec.name)
        if known is not None:
            rule = dataclasses.replace(known, required=spec.required, secret=spec.secret, help=known.help or spec.help)
        rules.append(rule)
    return KindRules(kind=kind, help=(builtin.help if builtin is not None else "") or help, properties=rules,
                     max_properties=builtin.max_properties if builtin is not None else None, allow_unknown=False)


def violation(name: str, rule: str, message: str) -> Violation:
    return Violation(property=name, rule=rule, message=message)


def from_text(spec: FieldSpec, text: str) -> Any:
    """The value the field takes for a property's text; ValueError (its message naming no value) when it takes none."""
    types = spec.types
    value: object = _UNSET
    if spec.enum is not None:
        for candidate in spec.enum:
            if (candidate if isinstance(candidate, str) else json.dumps(candidate)) == text:
                return candidate
        raise ValueError(f"Property '{spec.name}' takes one of {len(spec.enum)} values, and this is none of them.")
    if "string" in types:
        return text
    if "integer" in types and _INTEGER.fullmatch(text):
        value = int(text)
    elif "number" in types and _NUMBER.fullmatch(text):
        value = float(text)
    elif "boolean" in types and text in ("true", "false"):
        value = text == "true"
    elif "object" in types or "array" in types:
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = _UNSET
        if (isinstance(parsed, dict) and "object" in types) or (isinstance(parsed, list) and "array" in types):
            value = parsed
    if value is _UNSET:
        wanted = " or ".join(sorted(types - {"null"})) or "no value"
        raise ValueError(f"Property '{spec.name}' takes {wanted} (its block schema says so), and this value is not one.")
    return value


def to_text(value: object) -> str:
    """A stored field's value as a property's text: a string as it is; numbers and booleans as their JSON
    text; lists and dicts as compact JSON (no space after `,` or `:`), as the action writes objects and arrays,
    so that the guest compares and measures the same text it would write."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def names(values: Sequence[str]) -> str:
    return ", ".join(f"'{v}'" for v in values)
