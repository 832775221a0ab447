"""The binding layer's conversions, one function per type, between
wasmtime-py's shapes of the WIT values and the package's dataclasses.

The only module that knows those shapes: a WIT record is a
`wasmtime.component.Record` with kebab-case attribute names (`entry-id`);
an enum is its case name; `option` is the value or None; `stored-value` is
untagged (a plain value is its `str`, a secret is None); `change-op`,
`store-error` and `action-error` are tagged `Variant(tag, payload)`; u64 is
`int`. No behaviour lives here. A store's answer of the wrong shape is a
`TypeError` here, never a lowering failure inside wasmtime-py (which would
trap: see `wit_gaps.py`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, get_args

from wasmtime.component import Record, Variant

from .errors import ConnectorsUpdateError, InvalidParameter, StoreError, error_for
from .model import (
    Change,
    Connector,
    ConnectorSummary,
    Descriptor,
    Diagnostic,
    JsonRule,
    KindRules,
    Limit,
    OutputDescriptor,
    Outcome,
    ParameterDescriptor,
    PropertyRow,
    PropertyRule,
    Step,
    TokenSyntax,
    ValueFormat,
    Violation,
    WriteReceipt,
)

_U64_MAX = 2**64 - 1
_U32_MAX = 2**32 - 1
_FORMATS: frozenset[str] = frozenset(get_args(ValueFormat))


def _record(**fields: object) -> Record:
    """A record to lower: `_record(entry_id=...)` sets the attribute `entry-id`."""
    r = Record()
    for name, value in fields.items():
        setattr(r, name.replace("_", "-"), value)
    return r


def _get(r: Any, name: str) -> Any:
    return getattr(r, name.replace("_", "-"))


def checked_text(value: object, what: str) -> str:
    """`value` if it is text that can cross into the component; else a `TypeError` naming `what`, never the value."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be text (str), not {type(value).__name__}")
    if not _is_unicode(value):
        raise TypeError(f"{what} holds a lone surrogate, which is no Unicode text")
    return value


def _is_unicode(value: str) -> bool:
    """Whether `value` can cross into the component: a str with a lone surrogate cannot be UTF-8."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def text_argument(value: str, field: str) -> str:
    """A caller's text for the action, or `InvalidParameter` at `field` when it holds a lone surrogate."""
    if not _is_unicode(value):
        position = next(i for i, ch in enumerate(value) if 0xD800 <= ord(ch) <= 0xDFFF)
        raise InvalidParameter(
            "invalid-parameter",
            f"{field}: the text holds a lone surrogate (U+{ord(value[position]):04X} at character {position}), "
            "which is no Unicode text; remove it, or write the character it was meant to be.",
            {"field": field},
        )
    return value


def _optional_text(value: object, what: str) -> str | None:
    return None if value is None else checked_text(value, what)


def _whole(value: object, what: str, most: int) -> int:
    # bool is an int in Python: refused, as a revision of True is a store's bug.
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= most:
        raise TypeError(f"{what} must be a whole number from 0 to {most}")
    return value


def revision_to_wit(value: object, what: str) -> int:
    """A revision from a store as the u64 the component takes; anything else is the store's bug (a `TypeError`)."""
    return _whole(value, what, _U64_MAX)


def _u32(value: object, what: str) -> int | None:
    return None if value is None else _whole(value, what, _U32_MAX)


def _texts(value: object, what: str) -> list[str]:
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"{what} must be a list")
    return [checked_text(v, what) for v in value]


# -- The step.


def step_to_wit(step: object) -> Record:
    """The package's step as the component's. A field of the wrong type is
    `InvalidParameter` naming the step JSON's key, never a coercion:
    `dry_run="false"` is refused, not a dry run."""
    if not isinstance(step, Step):
        raise InvalidParameter(
            "invalid-parameter",
            "Parameters: the step must be a Step as parse_step returns it, or the text of a step file.",
            {"field": "Parameters"},
        )

    def invalid(field: str, message: str) -> InvalidParameter:
        return InvalidParameter("invalid-parameter", f"{field}: {message}", {"field": field})

    if not isinstance(step.entry_id, str):
        raise invalid("EntryId", "must be text.")
    text_argument(step.entry_id, "EntryId")
    if not isinstance(step.properties_json, str):
        raise invalid("PropertiesJson", "must be text.")
    text_argument(step.properties_json, "PropertiesJson")
    if not isinstance(step.properties, (list, tuple)):
        raise invalid("Properties", "must be a list of PropertyRow.")
    rows = []
    for i, row in enumerate(step.properties):
        if not isinstance(row, PropertyRow):
            raise invalid(f"Properties[{i}]", "must be a PropertyRow.")
        if not isinstance(row.name, str):
            raise invalid(f"Properties[{i}].PropertyName", "must be text.")
        text_argument(row.name, f"Properties[{i}].PropertyName")
        if row.value is not None and not isinstance(row.value, str):
            raise invalid(f"Properties[{i}].PropertyValue", "must be text.")
        if row.value is not None:
            text_argument(row.value, f"Properties[{i}].PropertyValue")
        rows.append(_record(name=row.name, value=row.value))
    revision = step.expected_revision
    if revision is not None and (isinstance(revision, bool) or not isinstance(revision, int) or not 0 <= revision <= _U64_MAX):
        raise invalid("ExpectedRevision", "must be a whole number of 1 or more.")
    if not isinstance(step.dry_run, bool):
        raise invalid("DryRun", "must be True or False.")
    if step.merge_mode not in ("replace", "deep"):
        raise invalid("MergeMode", "must be 'replace' or 'deep'.")
    return _record(
        entry_id=step.entry_id,
        properties=rows,
        properties_json=step.properties_json,
        expected_revision=revision,
        dry_run=step.dry_run,
        merge_mode=step.merge_mode,
    )


def step_from_wit(r: Any) -> Step:
    """The component's step as the package's."""
    return Step(
        entry_id=_get(r, "entry_id"),
        properties=[PropertyRow(name=p.name, value=p.value) for p in r.properties],
        properties_json=_get(r, "properties_json"),
        expected_revision=_get(r, "expected_revision"),
        dry_run=_get(r, "dry_run"),
        merge_mode=_get(r, "merge_mode"),
    )


# -- What the action answers.


def outcome_from_wit(r: Any) -> Outcome:
    """The component's outcome as the package's."""
    return Outcome(
        id=r.id,
        name=r.name,
        revision_before=_get(r, "revision_before"),
        revision_after=_get(r, "revision_after"),
        added=list(r.added),
        changed=list(r.changed),
        removed=list(r.removed),
        unchanged=r.unchanged,
        dry_run=_get(r, "dry_run"),
    )


def diagnostic_from_wit(r: Any) -> Diagnostic:
    """One diagnostic of `validate`."""
    return Diagnostic(severity=r.severity, field=r.field, code=r.code, message=r.message)


def violation_from_wit(r: Any) -> Violation:
    """One violation, from the component."""
    return Violation(property=r.property, rule=r.rule, message=r.message)


def descriptor_from_wit(r: Any) -> Descriptor:
    """The component's descriptor as the package's."""
    syntax = _get(r, "token_syntax")
    return Descriptor(
        action_type=_get(r, "action_type"),
        version=r.version,
        title=r.title,
        summary=r.summary,
        parameters=[
            ParameterDescriptor(
                key=p.key,
                label=p.label,
                help=p.help,
                kind=p.kind,
                required=p.required,
                default_value=_get(p, "default_value"),
                supports_tokens=_get(p, "supports_tokens"),
                choices=list(p.choices),
            )
            for p in r.parameters
        ],
        outputs=[OutputDescriptor(key=o.key, help=o.help) for o in r.outputs],
        limits=[Limit(key=x.key, what=x.what, max=x.max) for x in r.limits],
        token_syntax=TokenSyntax(
            forms=list(syntax.forms),
            identifier=syntax.identifier,
            format=syntax.format,
            escapes=[(a, b) for a, b in syntax.escapes],
        ),
        kinds=[kind_rules_from_wit(k) for k in r.kinds],
    )


def action_error_from_wit(v: Variant) -> ConnectorsUpdateError:
    """The component's `action-error` as the error the package raises (the subclass for its code)."""
    payload = v.payload
    details: dict[str, object] = {}
    message = ""
    for name, value in vars(payload).items():
        if name == "message":
            message = value
        elif name == "violations":
            details[name] = [violation_from_wit(x) for x in value]
        elif isinstance(value, list):
            details[name] = list(value)
        else:
            details[name.replace("-", "_")] = value
    return error_for(v.tag, message, details)


# -- Kinds and rules, both ways.


def kind_rules_from_wit(r: Any) -> KindRules:
    """A kind's rules from the component (`builtin-kinds`, the descriptor)."""
    return KindRules(
        kind=r.kind,
        help=r.help,
        properties=[_property_rule_from_wit(p) for p in r.properties],
        max_properties=_get(r, "max_properties"),
        allow_unknown=_get(r, "allow_unknown"),
    )


def _property_rule_from_wit(p: Any) -> PropertyRule:
    j = p.json
    return PropertyRule(
        name=p.name,
        required=p.required,
        secret=p.secret,
        format=p.format,
        max_length=_get(p, "max_length"),
        json=None
        if j is None
        else JsonRule(
            allowed_keys=None if _get(j, "allowed_keys") is None else list(_get(j, "allowed_keys")),
            max_entries=_get(j, "max_entries"),
            strings_only=_get(j, "strings_only"),
            max_string_length=_get(j, "max_string_length"),
        ),
        immutable=p.immutable,
        write_permission=_get(p, "write_permission"),
        deprecated=p.deprecated,
        help=p.help,
    )


def property_rule_to_wit(p: object) -> Record:
    """A rule as the component's, checked here so that a malformed rule is the store's failure, not a trap."""
    if not isinstance(p, PropertyRule):
        raise TypeError(f"a kind's properties must be PropertyRule, not {type(p).__name__}")
    if p.format not in _FORMATS:
        raise TypeError(f"a rule's format must be one of {', '.join(sorted(_FORMATS))}")
    j = p.json
    if j is not None and not isinstance(j, JsonRule):
        raise TypeError("a rule's json must be a JsonRule")
    return _record(
        name=checked_text(p.name, "a rule's name"),
        required=p.required is True,
        secret=p.secret is True,
        format=p.format,
        max_length=_u32(p.max_length, "a rule's max_length"),
        json=None
        if j is None
        else _record(
            allowed_keys=None if j.allowed_keys is None else _texts(j.allowed_keys, "allowed_keys"),
            max_entries=_u32(j.max_entries, "max_entries"),
            strings_only=j.strings_only is True,
            max_string_length=_u32(j.max_string_length, "max_string_length"),
        ),
        immutable=p.immutable is True,
        write_permission=_optional_text(p.write_permission, "a write_permission"),
        deprecated=_optional_text(p.deprecated, "a deprecation"),
        help=checked_text(p.help, "a rule's help"),
    )


def kind_rules_to_wit(k: object) -> Record:
    """A store's kind rules as the component's, checked as `property_rule_to_wit` checks a rule."""
    if not isinstance(k, KindRules):
        raise TypeError(f"a kind's rules must be KindRules, not {type(k).__name__}")
    if not isinstance(k.properties, (list, tuple)):
        raise TypeError("a kind's properties must be a list")
    return _record(
        kind=checked_text(k.kind, "a kind's name"),
        help=checked_text(k.help, "a kind's help"),
        properties=[property_rule_to_wit(p) for p in k.properties],
        max_properties=_u32(k.max_properties, "max_properties"),
        allow_unknown=k.allow_unknown is True,
    )


# The fields of a kind, a property rule and a JSON rule as the Rust harness's
# serde names them; an unknown one is refused, so that a typo cannot weaken a rule.
_KIND_FIELDS = ("kind", "help", "properties", "max_properties", "allow_unknown")
_RULE_FIELDS = (
    "name", "required", "secret", "format", "max_length", "json", "immutable", "write_permission", "deprecated", "help",
)
_JSON_RULE_FIELDS = ("allowed_keys", "max_entries", "strings_only", "max_string_length")


def _fields(value: object, known: tuple[str, ...], what: str) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise TypeError(f"{what} must be a JSON object")
    for key in value:
        if key not in known:
            raise TypeError(f"{what} has no field {key!r}; its fields are {', '.join(known)}")
    return {k: v for k, v in value.items() if v is not None}


def kind_rules_from_json(json: object) -> KindRules:
    """A kind as the Rust harness and the CLI print it (`connector kinds`, parsed JSON), checked as a store's rules are.

    A `TypeError` for a field it does not know or a value of the wrong type.
    """
    k = _fields(json, _KIND_FIELDS, "a kind")
    rules = []
    properties = k.get("properties", [])
    if not isinstance(properties, list):
        raise TypeError("a kind's properties must be a list")
    for rule in properties:
        r = _fields(rule, _RULE_FIELDS, "a property rule")
        if "json" in r:
            r["json"] = JsonRule(**_fields(r["json"], _JSON_RULE_FIELDS, "a JSON rule"))
        if "name" not in r or "format" not in r:
            raise TypeError("a property rule needs a name and a format")
        rules.append(PropertyRule(**r))
    kind = KindRules(**{**k, "properties": rules})
    kind_rules_to_wit(kind)  # the checks a store's rules get
    return kind


# -- What a store answers.


def connector_to_wit(c: object) -> Record:
    """A connector from a store as the component's. A secret property's value
    is dropped here, whatever the store put in it: the guest is never handed one."""
    if not isinstance(c, Connector):
        raise TypeError(f"get must answer a Connector, not {type(c).__name__}")
    properties = []
    for p in c.properties:
        name = checked_text(p.name, "a property's name")
        # stored-value lowers untagged: its `plain` case is the str, `secret` is None.
        properties.append(_record(name=name, value=None if p.secret else checked_text(p.value, "a plain property's value")))
    return _record(
        id=checked_text(c.id, "a connector's id"),
        name=checked_text(c.name, "a connector's name"),
        kind=_optional_text(c.kind, "a connector's kind"),
        revision=revision_to_wit(c.revision, "a connector's revision"),
        properties=properties,
    )


def summary_to_wit(s: object) -> Record:
    """A connector summary from a store as the component's."""
    if not isinstance(s, ConnectorSummary):
        raise TypeError(f"find_by_name must answer ConnectorSummary items, not {type(s).__name__}")
    return _record(
        id=checked_text(s.id, "a connector's id"),
        name=checked_text(s.name, "a connector's name"),
        kind=_optional_text(s.kind, "a connector's kind"),
        revision=revision_to_wit(s.revision, "a connector's revision"),
    )


def receipt_to_wit(r: object) -> Record:
    """A write receipt from a store as the component's."""
    if not isinstance(r, WriteReceipt):
        raise TypeError(f"write must answer a WriteReceipt, not {type(r).__name__}")
    return _record(revision=revision_to_wit(r.revision, "a receipt's revision"), changed=_texts(r.changed, "changed"))


def change_from_wit(r: Any) -> Change:
    """A change the component asks a store to make, as the package's."""
    op = r.op
    if op.tag == "remove":
        return Change(name=r.name, op="remove")
    return Change(name=r.name, op=op.tag, value=op.payload.value, secret=op.payload.secret)


def change_to_wit(c: Change) -> Record:
    """A change as the component's (for `check-new-connector`)."""
    if c.op == "remove":
        return _record(name=c.name, op=Variant("remove"))
    return _record(name=c.name, op=Variant(c.op, _record(value=checked_text(c.value, "a change's value"), secret=c.secret is True)))


def violation_to_wit(v: object) -> Record:
    """A violation a store reports (`StoreError.invalid`) as the component's."""
    if not isinstance(v, Violation):
        raise TypeError("StoreError.invalid takes a list of Violation")
    return _record(property=checked_text(v.property, "a violation's property"), rule=checked_text(v.rule, "a violation's rule"),
                   message=checked_text(v.message, "a violation's message"))


def store_error_to_wit(e: StoreError) -> Variant:
    """A `StoreError` as the component's `store-error`; a `TypeError` for fields of the wrong shape."""
    d = e.details
    if e.kind == "not-found":
        return Variant("not-found")
    if e.kind == "permission-denied":
        return Variant("permission-denied", _record(property=_optional_text(d.get("property"), "property"),
                                                    reason=checked_text(d.get("reason", e.message), "reason")))
    if e.kind == "conflict":
        return Variant("conflict", revision_to_wit(d.get("actual"), "a conflict's revision"))
    if e.kind in ("unavailable", "key"):
        return Variant(e.kind, checked_text(e.message, "a store error's message"))
    if e.kind == "invalid":
        violations = d.get("violations")
        if not isinstance(violations, Sequence):
            raise TypeError("StoreError.invalid takes a list of Violation")
        return Variant("invalid", [violation_to_wit(v) for v in violations])
    if e.kind == "tampered":
        return Variant("tampered", _record(connector=checked_text(d.get("connector"), "connector"),
                                           property=checked_text(d.get("property"), "property")))
    if e.kind == "read-only":
        return Variant("read-only", _record(location=checked_text(d.get("location", ""), "location"),
                                            why=checked_text(d.get("why", e.message), "why")))
    return Variant("schema", _record(location=checked_text(d.get("location", ""), "location"),
                                     found=_whole(d.get("found"), "found", _U32_MAX),
                                     supported=_whole(d.get("supported"), "supported", _U32_MAX)))


def optional_token(value: object) -> str:
    """A token's value from a token source: text, or the source's bug (a `TypeError`)."""
    return checked_text(value, "a token's value")
