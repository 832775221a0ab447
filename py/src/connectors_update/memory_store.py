"""An in-memory credential store that keeps the `CredentialStore` contract
exactly as the Rust harness's `MemoryStore` (and the npm package's) does:
secrets withheld from `get`, one compare-and-set `write` with previews,
names reported as changed only when their value changed, merges of a secret
done here and checked against the property's rule, grants, and write
permissions. It declares the built-in kinds unless told otherwise. Values a
merge needs merged or checked go to the action's own code
(`action.support`), on an instance that can reach nothing.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Union

from .errors import StoreError
from .model import (
    Caller,
    Change,
    Connector,
    ConnectorSummary,
    KindRules,
    NewConnector,
    PropertyRule,
    StoredProperty,
    Violation,
    WriteMode,
    WriteReceipt,
)
from .store_checks import MAX_VALUE_BYTES as MAX_VALUE_BYTES  # where it was first defined: still importable from here
from .store_checks import caller_label as caller_label
from .store_checks import check_write_permissions, value_size_violation

if TYPE_CHECKING:
    from .action import Action

#: A property as `add` takes it: a `StoredProperty` (its value given), a mapping `{name, value, secret?}`, or `(name, value[, secret])`.
PropertyInput = Union[StoredProperty, Mapping[str, object], tuple[str, str], tuple[str, str, bool]]

# The rules of no kind: no rule, any name (for `add`'s name check alone).
_NO_RULES = KindRules(kind="", allow_unknown=True)


@dataclass
class _Property:
    name: str
    value: str
    secret: bool


@dataclass
class _Record:
    id: str
    name: str
    kind: str | None
    revision: int
    properties: list[_Property] = field(default_factory=list)

    def public(self) -> Connector:
        """As `record` hands it out: values and secrets included."""
        return Connector(
            id=self.id, name=self.name, kind=self.kind, revision=self.revision,
            properties=[StoredProperty(p.name, p.value, p.secret) for p in self.properties],
        )


def _property(p: PropertyInput) -> tuple[str, str, bool]:
    name: object
    value: object
    if isinstance(p, StoredProperty):
        name, value, secret = p.name, p.value, p.secret
    elif isinstance(p, Mapping):
        name, value, secret = p.get("name"), p.get("value"), bool(p.get("secret", False))
    elif isinstance(p, tuple) and len(p) in (2, 3):
        name, value, secret = p[0], p[1], bool(p[2]) if len(p) == 3 else False
    else:
        raise TypeError("a property is a StoredProperty, a {name, value, secret} mapping or a (name, value, secret) tuple")
    if not isinstance(name, str) or not name:
        raise TypeError("a property name may not be empty")
    if not isinstance(value, str):
        raise TypeError(f"property '{name}' needs a value of text")
    return name, value, secret


class MemoryStore:
    """A credential store in memory, for tests and design time (see the module's doc)."""

    def __init__(self, action: Action, kinds: Sequence[KindRules] | None = None) -> None:
        support = getattr(action, "support", None)
        if support is None:
            raise TypeError("MemoryStore(action): pass the loaded action, from load_action()")
        self._support = support
        self._connectors: dict[str, _Record] = {}
        self._kinds: list[KindRules] = []
        self._grants: dict[str, set[str]] = {}
        for rules in kinds if kinds is not None else support.builtin_kinds():
            self.set_rules(rules)

    def __repr__(self) -> str:
        return f"MemoryStore({len(self._connectors)} connectors, kinds {[k.kind for k in self._kinds]})"

    # -- Administration: not part of the contract, and free to reveal values.

    def set_rules(self, rules: KindRules) -> None:
        """Declares a kind's rules, or replaces them where the kind stands."""
        if not isinstance(rules, KindRules):
            raise TypeError("set_rules takes KindRules")
        rules = copy.deepcopy(rules)
        for i, k in enumerate(self._kinds):
            if k.kind == rules.kind:
                self._kinds[i] = rules
                return
        self._kinds.append(rules)

    def add(
        self,
        connector: NewConnector | None = None,
        /,
        *,
        name: str | None = None,
        id: str | None = None,
        kind: str | None = None,
        properties: Iterable[PropertyInput] = (),
    ) -> Connector:
        """Adds a connector at revision 1 (a `NewConnector`, or its fields as keywords); returns it as stored.

        A property its kind marks secret is stored as a secret. Refused (a
        `TypeError` naming no value) for an empty name, an id already taken,
        an id that is another connector's name or a name that is another's
        id, an unknown kind, a property name holding an invisible character,
        a value over 65,536 bytes, or properties that break the kind's rules.
        """
        if connector is not None:
            if name is not None or id is not None or kind is not None or properties != ():
                raise TypeError("add takes a NewConnector or its fields as keywords, not both")
            name, id, kind, properties = connector.name, connector.id, connector.kind, connector.properties
        # In the Rust MemoryStore's order: the kind, the connector, then the id.
        rules = None if kind is None else self._rules_of(kind)
        if kind is not None and rules is None:
            known = [k.kind for k in self._kinds]
            declared = f"the kinds are {', '.join(known)}" if known else "the store declares no kinds"
            raise TypeError(f"there is no kind '{kind}'; {declared} (names are case-sensitive)")
        if not isinstance(name, str) or not name.strip():
            raise TypeError("a connector needs a name")
        if id is not None and (not isinstance(id, str) or not id.strip()):
            raise TypeError("a connector id may not be empty")
        props = []
        for p in properties:
            pname, value, secret = _property(p)
            rule = _rule_of(rules, pname)
            props.append(_Property(pname, value, secret or (rule is not None and rule.secret)))
        record = _Record(id=id if id is not None else str(uuid.uuid4()), name=name, kind=kind, revision=1, properties=props)
        # The action's own checks, names included; a connector of no kind is
        # checked against a kind with no rules, for its names alone.
        sets = [Change(p.name, "set", p.value, p.secret) for p in props]
        violations = self._support.check_new_connector(rules if rules is not None else _NO_RULES, sets)
        if violations:
            of = f" of kind '{rules.kind}'" if rules is not None else ""
            raise TypeError(f"the connector breaks the rules{of}: {' '.join(v.message for v in violations)}")
        for prop in props:
            size = value_size_violation(prop.name, prop.value)
            if size is not None:
                raise TypeError(size.message)
        if record.id in self._connectors:
            raise TypeError(f"a connector with id '{record.id}' exists already")
        # Ids and names never stand for each other: a step naming one would be ambiguous.
        if any(c.name == record.id for c in self._connectors.values()):
            raise TypeError(
                f"the id '{record.id}' is the name of another connector: ids and names never stand for each other, "
                "so a step naming it would be ambiguous; choose another id"
            )
        if record.name != record.id and record.name in self._connectors:
            raise TypeError(
                f"the name '{record.name}' is the id of another connector: ids and names never stand for each other, "
                "so a step naming it would be ambiguous; choose another name"
            )
        self._connectors[record.id] = record
        return record.public()

    def grant(self, id: str, principal: str) -> list[str]:
        """Lets `principal` use connector `id`; once a connector has a grant, only its grantees may. Returns the grantees."""
        self._need(id)
        self._grants.setdefault(id, set()).add(str(principal))
        return self.grants(id)

    def revoke(self, id: str, principal: str) -> list[str]:
        """Takes a grant back; returns the grantees left."""
        self._need(id)
        self._grants.get(id, set()).discard(str(principal))
        return self.grants(id)

    def grants(self, id: str) -> list[str]:
        """Who may use connector `id`, sorted; empty when everyone may."""
        return sorted(self._grants.get(id, set()))

    def record(self, id: str) -> Connector | None:
        """The connector as stored, secret values included: for administration and tests, never for the action."""
        record = self._connectors.get(id)
        return None if record is None else record.public()

    # -- The CredentialStore contract.

    def get(self, caller: Caller, id: str) -> Connector:
        """The connector `id`, secret values withheld."""
        record = self._connectors.get(id)
        if record is None:
            raise StoreError.not_found()
        self._authorize(id, caller)
        rules = self._rules_of(record.kind)
        properties = []
        for p in record.properties:
            rule = _rule_of(rules, p.name)
            if p.secret or (rule is not None and rule.secret):
                properties.append(StoredProperty(p.name, None, True))
            else:
                properties.append(StoredProperty(p.name, p.value, False))
        return Connector(id=record.id, name=record.name, kind=record.kind, revision=record.revision, properties=properties)

    def find_by_name(self, caller: Caller, name: str) -> list[ConnectorSummary]:
        """Every connector named exactly `name` that the caller may use, in id order; a refusal when it may use none of some."""
        named = sorted((c for c in self._connectors.values() if c.name == name), key=lambda c: c.id)
        usable = [c for c in named if self._may_use(c.id, caller)]
        if named and not usable:
            raise StoreError.permission_denied(f"{caller_label(caller)} has no grant on any connector of that name")
        return [ConnectorSummary(id=c.id, name=c.name, kind=c.kind, revision=c.revision) for c in usable]

    def rules(self, caller: Caller, kind: str) -> KindRules | None:
        """The rules of `kind`, or None."""
        rules = self._rules_of(kind)
        return None if rules is None else copy.deepcopy(rules)

    def kinds(self, caller: Caller | None = None) -> list[KindRules]:
        """Every declared kind, in order."""
        return copy.deepcopy(self._kinds)

    def write(
        self, caller: Caller, id: str, expected_revision: int, changes: list[Change], mode: WriteMode
    ) -> WriteReceipt:
        """The one compare-and-set write; see `CredentialStore.write`."""
        record = self._connectors.get(id)
        if record is None:
            raise StoreError.not_found()
        self._authorize(id, caller)
        if record.revision != expected_revision:
            raise StoreError.conflict(record.revision)
        rules = self._rules_of(record.kind)
        # Before any value is compared: a caller without the permission
        # learns nothing of a guarded value by naming it.
        check_write_permissions(rules, caller, changes)
        updated = copy.deepcopy(record)
        changed = self._apply(updated, changes, rules)
        self._check_merged_values(rules, changes, updated)
        if mode == "commit" and changed:
            updated.revision += 1
            self._connectors[id] = updated
        return WriteReceipt(revision=self._connectors[id].revision, changed=changed)

    def _apply(self, record: _Record, changes: Sequence[Change], rules: KindRules | None) -> list[str]:
        """Applies the changes in order, returning the names whose value or secrecy changed, each once.

        A secret a change names (stored as one, marked as one, or made one by
        the kind) is always changed, whatever it holds: whether it equals the
        stored secret, or which keys a secret JSON value holds, is never told.
        """
        changed: list[str] = []

        def note(name: str) -> None:
            if name not in changed:
                changed.append(name)

        for change in changes:
            at = next((i for i, p in enumerate(record.properties) if p.name == change.name), None)
            if change.op == "remove":
                if at is not None:
                    del record.properties[at]
                    note(change.name)
                continue
            value = change.value if change.value is not None else ""
            if change.op == "merge":
                target = record.properties[at].value if at is not None else None
                try:
                    merged = self._support.merge_value(target, value)
                except TypeError:
                    raise StoreError.unavailable(
                        f"the merge into property '{change.name}' was not given a JSON object"
                    ) from None
                value = merged if merged is not None else (target if target is not None else "")
            rule = _rule_of(rules, change.name)
            secret = bool(change.secret) or (rule is not None and rule.secret)
            if at is not None:
                p = record.properties[at]
                if secret or p.secret or p.value != value:
                    p.value = value
                    p.secret = p.secret or secret
                    note(change.name)
            else:
                record.properties.append(_Property(change.name, value, secret))
                note(change.name)
        return changed

    def _check_merged_values(self, rules: KindRules | None, changes: Sequence[Change], merged: _Record) -> None:
        """Every value a change sets or merges is held to the per-value limit (a deep merge can grow one past it);
        a secret merged here is seen only here: its result is checked by the action's own rule checker."""
        violations: list[Violation] = []
        touched = {c.name for c in changes if c.op != "remove"}
        seen: set[str] = set()
        for p in merged.properties:
            if p.name not in touched or p.name in seen:
                continue
            seen.add(p.name)
            size = value_size_violation(p.name, p.value)
            if size is not None:
                violations.append(size)
        for change in changes if rules is not None else []:
            if change.op != "merge":
                continue
            rule = _rule_of(rules, change.name)
            prop = next((p for p in merged.properties if p.name == change.name), None)
            if rule is not None and prop is not None:
                violations.extend(self._support.check_value(rule, prop.value, prop.secret))
        if violations:
            raise StoreError.invalid(violations)

    def _rules_of(self, kind: str | None) -> KindRules | None:
        if kind is None:
            return None
        return next((k for k in self._kinds if k.kind == kind), None)

    def _may_use(self, id: str, caller: Caller | None) -> bool:
        grants = self._grants.get(id)
        return not grants or (caller is not None and caller.principal is not None and caller.principal in grants)

    def _authorize(self, id: str, caller: Caller | None) -> None:
        if not self._may_use(id, caller):
            raise StoreError.permission_denied(f"{caller_label(caller)} has no grant on connector '{id}'")

    def _need(self, id: str) -> None:
        if id not in self._connectors:
            raise TypeError(f"no connector has the id '{id}'")


def _rule_of(rules: KindRules | None, name: str) -> PropertyRule | None:
    if rules is None:
        return None
    return next((r for r in rules.properties if r.name == name), None)
