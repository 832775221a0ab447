"""What an engine implements for the action: its credential store and its token source.

The same contract as the Rust harness's `CredentialStore` and `TokenSource`
traits and the npm package's interfaces. Every method answers
synchronously and refuses by raising `StoreError`; anything else it raises
ends the call with `HostFailed`, and the next call runs as if nothing happened.
"""

from __future__ import annotations

from typing import Protocol

from .model import Caller, Change, Connector, ConnectorSummary, KindRules, WriteMode, WriteReceipt


class CredentialStore(Protocol):
    """The engine's credential store. It never hands a secret's value to the action."""

    def get(self, caller: Caller, id: str) -> Connector:
        """The connector whose id is exactly `id`, secret values withheld; `StoreError.not_found()` when there is none."""
        ...

    def find_by_name(self, caller: Caller, name: str) -> list[ConnectorSummary]:
        """Every connector named exactly `name` (case-sensitive) that `caller` may use."""
        ...

    def rules(self, caller: Caller, kind: str) -> KindRules | None:
        """The rules of `kind`, or None when the store declares none for it."""
        ...

    def kinds(self, caller: Caller) -> list[KindRules]:
        """Every kind the store declares rules for, in order."""
        ...

    def write(
        self, caller: Caller, id: str, expected_revision: int, changes: list[Change], mode: WriteMode
    ) -> WriteReceipt:
        """Applies `changes` if and only if the revision is still `expected_revision`, all or none.

        Else `StoreError.conflict(current)`. A kind's write permissions are
        checked on every name the changes name before any value is compared
        (`StoreError.permission_denied` naming the property). Reports the
        names whose stored value changed, where a `set` or `merge` of a
        secret always counts as a change; a write that changes nothing keeps
        the revision; `preview` writes nothing and reports the same. A
        `merge` is done by the store with `action.support.merge_value` and
        its result checked with `action.support.check_value`; every value
        set or merged is held to 65,536 bytes (`StoreError.invalid`, rule
        `max-bytes`). A secret stays secret.
        """
        ...


class TokenSource(Protocol):
    """The workflow's token values."""

    def resolve(self, source: str | None, name: str) -> str | None:
        """The value of `[source:name]` (`source` None for `[name]`), or None when there is none (never empty text)."""
        ...
