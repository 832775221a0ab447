"""A consumer of the package's public API, as an engine uses it: a store of
its own implementing the `CredentialStore` protocol (structurally, without
inheriting anything), a token source, and every call. Not run by pytest:
`mypy --strict` checks it (scripts/test.sh), as `tsc` checks the npm
package's types; test_typing.py runs it once too."""

from __future__ import annotations

import json

from connectors_update import (
    Action,
    Caller,
    Change,
    Connector,
    ConnectorsUpdateError,
    ConnectorSummary,
    CredentialStore,
    Descriptor,
    Diagnostic,
    HostFailed,
    KindRules,
    MapTokens,
    Outcome,
    StoredProperty,
    StoreError,
    Conflict,
    TokenSource,
    WriteMode,
    WriteReceipt,
    check_write_permissions,
    load_action,
    value_size_violation,
)


class EngineStore:
    """One connector in a dict, the engine's own store."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {"Endpoint": "https://a.example.com"}
        self.revision = 1

    def get(self, caller: Caller, id: str) -> Connector:
        if id != "c1":
            raise StoreError.not_found()
        return Connector("c1", "Engine", None, self.revision, [StoredProperty(k, v) for k, v in self.values.items()])

    def find_by_name(self, caller: Caller, name: str) -> list[ConnectorSummary]:
        return [ConnectorSummary("c1", "Engine", None, self.revision)] if name == "Engine" else []

    def rules(self, caller: Caller, kind: str) -> KindRules | None:
        return None

    def kinds(self, caller: Caller) -> list[KindRules]:
        return []

    def write(self, caller: Caller, id: str, expected_revision: int, changes: list[Change], mode: WriteMode) -> WriteReceipt:
        if expected_revision != self.revision:
            raise StoreError.conflict(self.revision)
        # The checks every store makes itself, in the action's words (connectors_update.store_checks).
        check_write_permissions(None, caller, changes)
        too_big = [v for c in changes if c.value is not None and (v := value_size_violation(c.name, c.value))]
        if too_big:
            raise StoreError.invalid(too_big)
        changed = [c.name for c in changes if c.op == "remove" or self.values.get(c.name) != c.value]
        if mode == "commit" and changed:
            for c in changes:
                if c.op == "remove":
                    self.values.pop(c.name, None)
                elif c.value is not None:
                    self.values[c.name] = c.value
            self.revision += 1
        return WriteReceipt(self.revision, changed)


class EnvTokens:
    def resolve(self, source: str | None, name: str) -> str | None:
        return {"Id": "c1"}.get(name)


def run() -> Outcome:
    action: Action = load_action()
    store: CredentialStore = EngineStore()
    tokens: TokenSource = EnvTokens()
    descriptor: Descriptor = action.describe(store)
    assert descriptor.action_type == "Connectors.Update"
    step = json.dumps({"EntryId": "[Id]", "PropertiesJson": json.dumps({"Timeout": "30s"})})
    diagnostics: list[Diagnostic] = action.validate(step, store)
    assert not [d for d in diagnostics if d.severity == "error"]
    try:
        outcome = action.execute(action.parse_step(step), store, tokens, Caller("engine", ("update:connectors",)))
    except Conflict as e:
        raise SystemExit(f"moved from {e.expected} to {e.actual}") from e
    except HostFailed as e:
        raise SystemExit(f"{e.call} failed") from None
    except ConnectorsUpdateError as e:
        raise SystemExit(json.dumps(e.to_json())) from e
    assert MapTokens({"Id": "c1"}).resolve(None, "Id") == "c1"
    dry = json.dumps({"EntryId": "[Id]", "PropertiesJson": json.dumps({"Timeout": "45s"}), "DryRun": True})
    assert action.execute(dry, store, {"Id": "c1"}).dry_run  # a plain mapping of tokens
    return outcome


if __name__ == "__main__":
    print(run())
