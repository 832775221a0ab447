"""The package's two error types, one per layer.

`ConnectorsUpdateError` is what every call of the action raises: the CLI's
stable kebab-case `code`, a message a user may be shown, and the error's
typed fields, both as attributes of the subclass for the code and in
`details`. `StoreError` is what an engine's credential store (or token
source) raises to refuse or fail a call, one case of the WIT's
`store-error`. Neither ever holds a property value: the action's messages
name fields and properties, and a store's messages are the store's to keep
clean.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, is_dataclass
from typing import TYPE_CHECKING, ClassVar, Literal, get_args

if TYPE_CHECKING:
    from .model import Violation

# The codes whose cause may pass, as the Rust harness's `ErrorCode::is_retryable`.
_RETRYABLE = frozenset({"conflict", "store-unavailable", "timed-out", "cancelled"})


def _json(value: object) -> object:
    """A detail as the CLI prints it: dataclasses (violations) as objects."""
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    return value


class ConnectorsUpdateError(Exception):
    """Why a call of the action failed.

    `code` is the same stable code as the CLI's `error[CODE]` and the Rust
    harness's `ErrorCode`; `details` holds the error's typed fields (for
    `conflict`: `connector`, `expected`, `actual`), which the subclass for
    the code also carries as attributes. Catch the subclass for one code, or
    this class for all.
    """

    #: The fields of `details` that the subclass carries as attributes.
    FIELDS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, code: str, message: str, details: Mapping[str, object] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details: dict[str, object] = dict(details or {})
        for name in self.FIELDS:
            setattr(self, name, self.details.get(name))

    @property
    def retryable(self) -> bool:
        """Whether running the same step again may succeed (a conflict, a store that was unavailable)."""
        return self.code in _RETRYABLE

    def to_json(self) -> dict[str, object]:
        """The error as JSON: `{code, message, **details}`, as the CLI prints it."""
        return {"code": self.code, "message": self.message, **{k: _json(v) for k, v in self.details.items()}}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"


class InvalidParameter(ConnectorsUpdateError):
    """A parameter of the step is missing, unknown or malformed; `field` is its path (`Properties[2].PropertyName`)."""

    FIELDS = ("field",)
    field: str


class InvalidJson(ConnectorsUpdateError):
    """JSON that does not parse, or is not an object; `line` and `column` are 1-based (0 for a wrong shape)."""

    FIELDS = ("field", "line", "column")
    field: str
    line: int
    column: int


class UnresolvedToken(ConnectorsUpdateError):
    """The token source had no value for `token` (`[Source:Name]`), used in `field`."""

    FIELDS = ("field", "token")
    field: str
    token: str


class ConnectorNotFound(ConnectorsUpdateError):
    """No connector has `reference` as id or name (shown as written when it holds tokens)."""

    FIELDS = ("reference",)
    reference: str


class AmbiguousConnector(ConnectorsUpdateError):
    """Several connectors (`candidates`, their ids) are named `reference`, and none has it as id."""

    FIELDS = ("reference", "candidates")
    reference: str
    candidates: list[str]


class ValidationFailed(ConnectorsUpdateError):
    """The merged connector breaks its kind's rules: every violation; nothing was written."""

    FIELDS = ("violations",)
    violations: list[Violation]


class PermissionDenied(ConnectorsUpdateError):
    """The store refused the caller, for the connector or (`property` not None) for one property."""

    FIELDS = ("connector", "property")
    connector: str
    property: str | None


class Conflict(ConnectorsUpdateError):
    """Another writer moved the connector from revision `expected` to `actual` first; retryable."""

    FIELDS = ("connector", "expected", "actual")
    connector: str
    expected: int
    actual: int


class StoreUnavailable(ConnectorsUpdateError):
    """The store or the token source could not answer now; retryable."""


class StoreTampered(ConnectorsUpdateError):
    """A stored value the step needed failed its integrity check; a step that sets or removes it repairs it."""

    FIELDS = ("connector", "property")
    connector: str
    property: str


class StoreKey(ConnectorsUpdateError):
    """The store's key is missing, wrong or malformed: an operator must fix it."""


class StoreReadOnly(ConnectorsUpdateError):
    """The store can only be read here; nothing was written."""


class StoreSchema(ConnectorsUpdateError):
    """The store was written by a newer version; nothing was read or written."""


class LimitExceeded(ConnectorsUpdateError):
    """An input crossed the descriptor's limit `key` (`what` crossed it; `limit` is the largest allowed)."""

    FIELDS = ("key", "what", "limit")
    key: str
    what: str
    limit: int


class HostFailed(ConnectorsUpdateError):
    """A store or token source raised something other than a `StoreError` (or answered a malformed value).

    The exception it raised goes to `load_action(on_host_error=...)`, not to `__cause__`;
    it is never in the message, which may be shown to users and names only
    the call (`details["call"]`, such as `store.get`) and the exception's
    class, and whether the call's write had been committed before.
    """

    FIELDS = ("call",)
    call: str


class Trap(ConnectorsUpdateError):
    """The component stopped with a trap: a bug in the action or in wasmtime, never a store's refusal."""


class LoadFailed(ConnectorsUpdateError):
    """The component shipped with the package could not be read or compiled."""


_BY_CODE: dict[str, type[ConnectorsUpdateError]] = {
    "invalid-parameter": InvalidParameter,
    "invalid-json": InvalidJson,
    "unresolved-token": UnresolvedToken,
    "connector-not-found": ConnectorNotFound,
    "ambiguous-connector": AmbiguousConnector,
    "validation-failed": ValidationFailed,
    "permission-denied": PermissionDenied,
    "conflict": Conflict,
    "store-unavailable": StoreUnavailable,
    "store-tampered": StoreTampered,
    "store-key": StoreKey,
    "store-read-only": StoreReadOnly,
    "store-schema": StoreSchema,
    "limit-exceeded": LimitExceeded,
    "host-failed": HostFailed,
    "trap": Trap,
    "load-failed": LoadFailed,
}


def error_for(code: str, message: str, details: Mapping[str, object] | None = None) -> ConnectorsUpdateError:
    """The error of the subclass for `code` (the base class for a code this package does not know)."""
    return _BY_CODE.get(code, ConnectorsUpdateError)(code, message, details)


StoreErrorKind = Literal[
    "not-found", "permission-denied", "conflict", "unavailable", "invalid", "tampered", "key", "read-only", "schema"
]
_STORE_ERROR_KINDS: frozenset[str] = frozenset(get_args(StoreErrorKind))


class StoreError(Exception):
    """A store's refusal or failure: one case (`kind`) of the WIT's `store-error`, with its fields in `details`.

    Build one with the class methods. A store raises it from any contract
    method, a token source from `resolve`; the action turns it into its own
    error (`conflict`, `store-unavailable`, ...). Anything else a store
    raises ends the call with `HostFailed`.
    """

    def __init__(self, kind: StoreErrorKind, message: str, details: Mapping[str, object] | None = None) -> None:
        if kind not in _STORE_ERROR_KINDS:
            raise TypeError(f"StoreError: {kind!r} is no store-error case; use one of {', '.join(sorted(_STORE_ERROR_KINDS))}")
        super().__init__(message)
        self.kind: StoreErrorKind = kind
        self.message = message
        self.details: dict[str, object] = dict(details or {})

    def __repr__(self) -> str:
        return f"StoreError(kind={self.kind!r}, message={self.message!r})"

    @classmethod
    def not_found(cls) -> StoreError:
        """No connector has that id (or it was removed meanwhile)."""
        return cls("not-found", "no connector has that id")

    @classmethod
    def permission_denied(cls, reason: str, property: str | None = None) -> StoreError:
        """The caller may not do this; `reason` says what was refused, naming no value; `property` when per property."""
        details: dict[str, object] = {"reason": reason}
        if property is not None:
            details["property"] = property
        return cls("permission-denied", reason, details)

    @classmethod
    def conflict(cls, actual: int) -> StoreError:
        """The revision is no longer the expected one; `actual` is the current one."""
        return cls("conflict", f"the connector is at revision {actual}", {"actual": actual})

    @classmethod
    def unavailable(cls, why: str) -> StoreError:
        """The store cannot answer now; `why` names no value."""
        return cls("unavailable", why)

    @classmethod
    def invalid(cls, violations: Sequence[Violation]) -> StoreError:
        """The write would break the kind's rules where only the store sees the value (a merged secret)."""
        return cls("invalid", " ".join(v.message for v in violations), {"violations": list(violations)})

    @classmethod
    def tampered(cls, connector: str, property: str) -> StoreError:
        """A stored value failed its integrity check."""
        return cls(
            "tampered",
            f"the value of property '{property}' failed its integrity check",
            {"connector": connector, "property": property},
        )

    @classmethod
    def key(cls, why: str) -> StoreError:
        """The store's key is missing, wrong or malformed; `why` names no key."""
        return cls("key", why)

    @classmethod
    def read_only(cls, location: str, why: str) -> StoreError:
        """The store can be read but not written here."""
        return cls("read-only", why, {"location": location, "why": why})

    @classmethod
    def schema(cls, location: str, found: int, supported: int) -> StoreError:
        """The store was written by a newer version (`found`) than this host understands (`supported`)."""
        return cls(
            "schema",
            f"the store's schema version is {found}; this host understands up to {supported}",
            {"location": location, "found": found, "supported": supported},
        )
