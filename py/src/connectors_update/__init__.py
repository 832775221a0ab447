"""Connectors.Update for Python engines: the action's WebAssembly component
on wasmtime-py, a typed API over it, and an in-memory store.

    from connectors_update import load_action, MemoryStore
    action = load_action()
    store = MemoryStore(action)
    store.add(id="api", name="Billing API", properties=[("Timeout", "10s")])
    outcome = action.execute('{"EntryId": "api", "PropertiesJson": "{\\"Timeout\\": \\"30s\\"}"}', store)

The package prints and logs nothing.
"""

from .action import Action, load_action
from .contract import CredentialStore, TokenSource
from .convert import kind_rules_from_json
from .errors import (
    AmbiguousConnector,
    Conflict,
    ConnectorNotFound,
    ConnectorsUpdateError,
    HostFailed,
    InvalidJson,
    InvalidParameter,
    LimitExceeded,
    LoadFailed,
    PermissionDenied,
    StoreError,
    StoreKey,
    StoreReadOnly,
    StoreSchema,
    StoreTampered,
    StoreUnavailable,
    Trap,
    UnresolvedToken,
    ValidationFailed,
)
from .memory_store import MemoryStore
from .model import (
    Caller,
    Change,
    Connector,
    ConnectorSummary,
    Descriptor,
    Diagnostic,
    JsonRule,
    KindRules,
    Limit,
    NewConnector,
    Outcome,
    OutputDescriptor,
    ParameterDescriptor,
    PropertyRow,
    PropertyRule,
    Step,
    StoredProperty,
    TokenSyntax,
    Violation,
    WriteMode,
    WriteReceipt,
)
from .store_checks import MAX_VALUE_BYTES, caller_label, check_write_permissions, value_size_violation
from .support import StoreSupport
from .tokens import MapTokens

__all__ = [
    "Action", "load_action", "CredentialStore", "TokenSource", "MemoryStore", "MapTokens", "StoreSupport",
    "MAX_VALUE_BYTES", "kind_rules_from_json", "caller_label", "check_write_permissions", "value_size_violation",
    "Caller", "Connector", "StoredProperty", "ConnectorSummary", "Change", "WriteReceipt", "WriteMode", "NewConnector",
    "KindRules", "PropertyRule", "JsonRule", "Violation", "Step", "PropertyRow", "Outcome", "Diagnostic",
    "Descriptor", "ParameterDescriptor", "OutputDescriptor", "Limit", "TokenSyntax",
    "ConnectorsUpdateError", "StoreError", "InvalidParameter", "InvalidJson", "UnresolvedToken", "ConnectorNotFound",
    "AmbiguousConnector", "ValidationFailed", "PermissionDenied", "Conflict", "StoreUnavailable", "StoreTampered",
    "StoreKey", "StoreReadOnly", "StoreSchema", "LimitExceeded", "HostFailed", "Trap", "LoadFailed",
]
