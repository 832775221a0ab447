"""The package's value types: frozen dataclasses with the fields of the WIT
records (snake_case), as the npm package's index.d.ts has them. Revisions
and limits are plain `int`s; an absent option is `None`. No type here that a
store hands to the action can carry a secret's value to it: `convert.py`
drops a secret property's value whatever the store put there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

WriteMode = Literal["commit", "preview"]
"""`commit` applies a write; `preview` only reports what it would change."""

ValueFormat = Literal["text", "integer", "boolean", "url", "duration", "json-object", "json-array", "timestamp"]
"""The formats a kind can require of a value (the WIT's `value-format`)."""

MergeMode = Literal["replace", "deep"]
"""How a JSON-object value meets the stored one: replaced whole, or merged by RFC 7396."""

ChangeOp = Literal["set", "merge", "remove"]
"""What a change does: set a value, merge a JSON object patch into it (in the store), or remove it."""


@dataclass(frozen=True)
class Caller:
    """Who runs a call; the store decides what it may do. `principal` None is an anonymous caller."""

    principal: str | None = None
    permissions: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoredProperty:
    """One property as a store hands it out; a secret's `value` is None (and is dropped if it is not).

    Its `repr` leaves the value out, as every type here that holds one does,
    so that a store which logs what it handles logs no value.
    """

    name: str
    value: str | None = field(default=None, repr=False)
    secret: bool = False

    def __post_init__(self) -> None:
        if self.value is None and not self.secret:
            raise TypeError(f"StoredProperty '{self.name}': a plain property needs its value (only a secret's is None)")


@dataclass(frozen=True)
class Connector:
    """A connector as the store holds it: revisions start at 1 and grow by one per committed write that changes something."""

    id: str
    name: str
    kind: str | None
    revision: int
    properties: list[StoredProperty] = field(default_factory=list)


@dataclass(frozen=True)
class ConnectorSummary:
    """What `find_by_name` reports of each connector it finds."""

    id: str
    name: str
    kind: str | None
    revision: int


@dataclass(frozen=True)
class Change:
    """One change of a write; `value` and `secret` are unused for `remove`. A `merge` patch is the text of a JSON object."""

    name: str
    op: ChangeOp
    value: str | None = field(default=None, repr=False)
    secret: bool = False

    def __post_init__(self) -> None:
        if self.value is None and self.op != "remove":
            raise TypeError(f"Change '{self.name}': a {self.op} needs its value (only a remove has none)")


@dataclass(frozen=True)
class WriteReceipt:
    """What a write did (or, in preview, would do): the revision after it and the names whose stored value changed."""

    revision: int
    changed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class JsonRule:
    """What a kind requires inside a JSON value; None means no limit."""

    allowed_keys: list[str] | None = None
    max_entries: int | None = None
    strings_only: bool = False
    max_string_length: int | None = None


@dataclass(frozen=True)
class PropertyRule:
    """A kind's rules for one property name. `write_permission` is enforced by the store; `deprecated` says what to use instead."""

    name: str
    required: bool = False
    secret: bool = False
    format: ValueFormat = "text"
    max_length: int | None = None
    json: JsonRule | None = None
    immutable: bool = False
    write_permission: str | None = None
    deprecated: str | None = None
    help: str = ""


@dataclass(frozen=True)
class KindRules:
    """The rules of a connector kind, checked against the merged connector before anything is written."""

    kind: str
    help: str = ""
    properties: list[PropertyRule] = field(default_factory=list)
    max_properties: int | None = None
    allow_unknown: bool = False


@dataclass(frozen=True)
class Violation:
    """One rule (`required`, `format`, `max-bytes`, ...) that a property breaks; the message never holds the value."""

    property: str
    rule: str
    message: str


@dataclass(frozen=True)
class PropertyRow:
    """One row of the step's Properties grid; `value` None is a row without `PropertyValue`, which `execute` refuses.

    Its `repr` leaves the value out (a row may set a secret).
    """

    name: str
    value: str | None = field(repr=False)


@dataclass(frozen=True)
class Step:
    """A step as `parse_step` reads it from the step JSON's `Parameters`; its `repr` leaves out the values (the rows', and Dynamic Properties' text)."""

    entry_id: str
    properties: list[PropertyRow] = field(default_factory=list)
    properties_json: str = field(default="", repr=False)
    expected_revision: int | None = None
    dry_run: bool = False
    merge_mode: MergeMode = "replace"


@dataclass(frozen=True)
class Outcome:
    """What an executed step did (or, in a dry run, would do): names only, never values."""

    id: str
    name: str
    revision_before: int
    revision_after: int
    added: list[str]
    changed: list[str]
    removed: list[str]
    unchanged: bool
    dry_run: bool


@dataclass(frozen=True)
class Diagnostic:
    """One finding of `validate`; `code` is an error code or a warning code such as `case-collision`."""

    severity: Literal["error", "warning"]
    field: str
    code: str
    message: str


@dataclass(frozen=True)
class ParameterDescriptor:
    """One parameter of the step, for a designer; `default_value` is JSON text."""

    key: str
    label: str
    help: str
    kind: Literal["connector-reference", "name-value-list", "json-object", "unsigned-integer", "boolean", "choice"]
    required: bool
    default_value: str
    supports_tokens: bool
    choices: list[str]


@dataclass(frozen=True)
class OutputDescriptor:
    """One field of the outcome, for a designer."""

    key: str
    help: str


@dataclass(frozen=True)
class Limit:
    """One input limit (`key` such as `properties-rows`); crossing it is `LimitExceeded`, never a trap."""

    key: str
    what: str
    max: int


@dataclass(frozen=True)
class TokenSyntax:
    """How tokens are written: the forms, the identifier rule, formats, and the escapes (`("&#91;", "[")`)."""

    forms: list[str]
    identifier: str
    format: str
    escapes: list[tuple[str, str]]


@dataclass(frozen=True)
class Descriptor:
    """Everything a designer needs to configure the step, with the kinds the store declares."""

    action_type: str
    version: str
    title: str
    summary: str
    parameters: list[ParameterDescriptor]
    outputs: list[OutputDescriptor]
    limits: list[Limit]
    token_syntax: TokenSyntax
    kinds: list[KindRules]


@dataclass(frozen=True)
class NewConnector:
    """What `MemoryStore.add` adds: `id` None makes a random one; `properties` hold their values, secrets included."""

    name: str
    id: str | None = None
    kind: str | None = None
    properties: list[StoredProperty] = field(default_factory=list)
