"""The checks every credential store makes on its own side of a write, in
the Rust harness's words: the per-value size limit, the kinds' write
permissions, and how a refusal names the caller.

`MemoryStore` calls them, and so does any store an engine brings (the
Prefect integration's `BlockStore` does), so that a refusal reads the same
whichever store gave it: the conformance cases and the store kit compare
these messages byte for byte. None of them puts a value in a message.

    from connectors_update import StoreError, check_write_permissions, value_size_violation

    def write(self, caller, id, expected_revision, changes, mode):
        ...                                              # access, then the revision
        check_write_permissions(rules, caller, changes)  # before any value is compared
        stored = ...                                     # each name a change sets or merges -> its new text
        too_big = [v for name, text in stored.items() if (v := value_size_violation(name, text))]
        if too_big:
            raise StoreError.invalid(too_big)
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import StoreError
from .model import Caller, Change, KindRules, Violation

MAX_VALUE_BYTES = 64 * 1024
"""The most bytes (UTF-8) one stored value may hold: the descriptor's
`value-bytes` limit and the Rust `MAX_VALUE_BYTES`. The action checks what a
step sends; a store checks what it would store, which a merge it does itself
can grow past the limit one small patch at a time."""


def caller_label(caller: Caller | None) -> str:
    """The caller as a refusal names it (the Rust `Caller`'s `Display`):
    `principal 'NAME'`, or `an anonymous caller` for one without a principal
    (and for None). Its permissions are never named."""
    if caller is None or caller.principal is None:
        return "an anonymous caller"
    return f"principal '{caller.principal}'"


def check_write_permissions(rules: KindRules | None, caller: Caller | None, changes: Sequence[Change]) -> None:
    """Raises `StoreError.permission_denied`, naming the first property whose
    rule in `rules` has a `write_permission` that `caller` does not hold
    (an anonymous or None caller holds none); returns None otherwise, and
    always for `rules` None (a connector of no kind).

    It looks only at the names the changes name, whatever their op or value:
    a store calls it in every write, previews included, after its access
    and revision checks and before it compares any value or applies any
    change, so that a caller without the permission is refused alike for a
    right guess of a guarded value and a wrong one, and for removing a
    guarded property that is absent (the Rust `check_write_permissions`).
    """
    if rules is None:
        return
    held = caller.permissions if caller is not None else ()
    permission_of: dict[str, str | None] = {}
    for rule in rules.properties:
        permission_of.setdefault(rule.name, rule.write_permission)  # the first rule of a name, as a lookup finds it
    for change in changes:
        permission = permission_of.get(change.name)
        if permission and permission not in held:
            raise StoreError.permission_denied(
                f"changing property '{change.name}' of a connector of kind '{rules.kind}' needs the permission "
                f"'{permission}', which {caller_label(caller)} does not hold",
                change.name,
            )


def value_size_violation(name: str, value: str) -> Violation | None:
    """The `max-bytes` violation (in the Rust `check_value_size`'s words) when
    `value`, the text property `name` would hold once written, is longer
    than MAX_VALUE_BYTES in UTF-8; None when it fits, the limit itself
    included. A store refuses the write with `StoreError.invalid` holding
    it. The message names the property and the limit, never the value; a
    lone surrogate counts as the three bytes it would take."""
    if len(value.encode("utf-8", "surrogatepass")) <= MAX_VALUE_BYTES:
        return None
    return Violation(
        property=name,
        rule="max-bytes",
        message=(
            f"Property '{name}' would hold more than {MAX_VALUE_BYTES} bytes once written; a stored value may hold at "
            f"most {MAX_VALUE_BYTES} bytes (the action's per-value limit), so nothing was written. Send a smaller value, "
            "or remove keys from it."
        ),
    )
