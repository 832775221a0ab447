"""`BlockStore`: the action's `CredentialStore` over Prefect block documents.

A connector is a block document of one of the store's block types: its id is
the document's id, its name the document's name, its kind the block type's
slug, its properties the document's top-level fields (a field holding None is
absent), and its revision the document's `updated` time in microseconds since
the epoch. Every read the action asks for is made with include_secrets=False,
so a secret field's value never leaves the Prefect server for it; the one read
with secrets is inside `write`, for a merge into a secret, and its value
stays here.

Compare-and-set: Prefect has no conditional write (no ETag, no If-Match, no
version column), so `write` reads `updated` again just before its one PATCH
and sends nothing if it moved. The window that remains is between that read
and the server's handling of the PATCH: see the README.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from uuid import UUID

import httpx
from connectors_update import (
    Action,
    Caller,
    Change,
    Connector,
    ConnectorSummary,
    KindRules,
    MAX_VALUE_BYTES,
    StoredProperty,
    StoreError,
    Violation,
    WriteMode,
    WriteReceipt,
)
from prefect.client.orchestration import SyncPrefectClient, get_client
from prefect.client.schemas.actions import BlockDocumentUpdate
from prefect.client.schemas.objects import BlockDocument
from prefect.exceptions import ObjectNotFound

from .blocks import BLOCK_TYPES, BUILTIN_KIND_OF_SLUG
from .schema import BlockFields, FieldSpec, from_text, kind_rules, to_text, violation

OBFUSCATED = "********"
"""What Prefect answers for a secret field read without secrets, and what it
takes, sent back, as "keep the stored secret": it can never be stored."""

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def revision_of(updated: dt.datetime | None) -> int:
    """A document's `updated` as a revision: microseconds since the epoch (UTC)."""
    if updated is None:
        return 0
    if updated.tzinfo is None:
        updated = updated.replace(tzinfo=dt.timezone.utc)
    delta = updated - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def caller_label(caller: Caller | None) -> str:
    if caller is None or caller.principal is None:
        return "an anonymous caller"
    return f"principal '{caller.principal}'"


class BlockStore:
    """The action's credential store over the block documents of `block_types` (slugs; the package's own by default).

    Every call opens Prefect's sync client (`get_client(sync_client=True)`)
    on the API the current settings name, so it works inside a flow or task
    run as outside one. Access is Prefect's: whoever may reach the API may use
    every document of the store's block types; a `Caller`'s permissions are
    checked against the kinds' write permissions only.
    """

    def __init__(
        self,
        action: Action,
        block_types: Sequence[str] | None = None,
        *,
        client: Callable[[], SyncPrefectClient] | None = None,
    ) -> None:
        self._support = action.support
        self._builtin = {k.kind: k for k in action.support.builtin_kinds()}
        self._slugs: tuple[str, ...] = tuple(
            block_types if block_types is not None else [cls.get_block_type_slug() for cls in BLOCK_TYPES.values()]
        )
        self._client = client if client is not None else (lambda: get_client(sync_client=True))

    def __repr__(self) -> str:
        return f"BlockStore(block_types={list(self._slugs)!r})"

    # -- Hooks: overridden by tests to inject what a real server does only by chance.

    def before_check(self, client: SyncPrefectClient, document_id: UUID) -> None:
        """Called just before the last read of `updated`, after the write's first read: a write here is a conflict.
        Does nothing."""

    def before_patch(self, client: SyncPrefectClient, document_id: UUID) -> None:
        """Called between the last check of `updated` and the PATCH, in the window: a write here is not seen.
        Does nothing."""

    # -- The CredentialStore contract.

    def get(self, caller: Caller, id: str) -> Connector:
        """The document `id` of one of the store's block types, secret values withheld (read without secrets)."""
        with self._session() as client:
            doc = self._read(client, id)
        fields = self._fields(doc)
        properties = []
        for name, value in doc.data.items():
            spec = fields.fields.get(name)
            if spec is not None and spec.secret:
                # Prefect obfuscates a secret holding None as one holding a value: every secret field counts as present.
                properties.append(StoredProperty(name, None, True))
            elif value is not None and (spec is None or not spec.nested_block):
                properties.append(StoredProperty(name, to_text(value), False))
        return Connector(id=str(doc.id), name=doc.name or "", kind=_slug(doc), revision=revision_of(doc.updated),
                         properties=properties)

    def find_by_name(self, caller: Caller, name: str) -> list[ConnectorSummary]:
        """Every document named exactly `name`, one per block type at most (Prefect's names are unique per type)."""
        found: list[ConnectorSummary] = []
        try:
            UUID(name)
            return found  # ids and names never stand for each other: a UUID is never taken for a name
        except ValueError:
            pass
        with self._session() as client:
            for slug in self._slugs:
                try:
                    doc = client.read_block_document_by_name(name=name, block_type_slug=slug, include_secrets=False)
                except ObjectNotFound:
                    continue
                except httpx.HTTPStatusError as e:
                    if e.response.status_code in (404, 422):  # 422: no document may have that name
                        continue
                    raise
                if doc.name == name and not doc.is_anonymous:
                    found.append(ConnectorSummary(id=str(doc.id), name=name, kind=slug, revision=revision_of(doc.updated)))
        return sorted(found, key=lambda s: s.id)

    def rules(self, caller: Caller, kind: str) -> KindRules | None:
        """The rules of block type `kind` (one of the store's), from its most recent block schema; None for any other."""
        if kind not in self._slugs:
            return None
        with self._session() as client:
            try:
                block_type = client.read_block_type_by_slug(kind)
                schema = client.get_most_recent_block_schema_for_block_type(block_type.id)
            except ObjectNotFound:
                return None
        if schema is None:
            return None
        return self._rules(kind, schema.fields, block_type.description or "")

    def kinds(self, caller: Caller) -> list[KindRules]:
        """The rules of every block type of the store that the Prefect API knows, in the store's order."""
        found = (self.rules(caller, slug) for slug in self._slugs)
        return [k for k in found if k is not None]

    def write(
        self, caller: Caller, id: str, expected_revision: int, changes: list[Change], mode: WriteMode
    ) -> WriteReceipt:
        """One compare-and-set on `updated`, then one PATCH with merge_existing_data=True of the fields that change."""
        with self._session() as client:
            doc = self._read(client, id)
            current = revision_of(doc.updated)
            if current != expected_revision:
                raise StoreError.conflict(current)
            fields = self._fields(doc)
            rules = self._rules(_slug(doc), doc.block_schema.fields if doc.block_schema else {}, "")
            self._check_permissions(rules, caller, changes)
            data, changed = self._apply(client, doc, fields, rules, changes)
            if mode == "preview" or not changed:
                return WriteReceipt(revision=current, changed=changed)
            # Compare again just before the PATCH: the checks and any read of secrets took round trips.
            self.before_check(client, doc.id)
            again = revision_of(client.read_block_document(doc.id, include_secrets=False).updated)
            if again != expected_revision:
                raise StoreError.conflict(again)
            self.before_patch(client, doc.id)
            # ---- the window: a write by anyone else that lands here is not seen (README, "Revisions") ----
            client.update_block_document(doc.id, BlockDocumentUpdate(data=data, merge_existing_data=True))
            # The PATCH answers 204 and no body: the new `updated` takes one more read (it may be a later writer's).
            after = client.read_block_document(doc.id, include_secrets=False)
        return WriteReceipt(revision=revision_of(after.updated), changed=changed)

    # -- The work.

    def _apply(
        self, client: SyncPrefectClient, doc: BlockDocument, fields: BlockFields, rules: KindRules, changes: Sequence[Change]
    ) -> tuple[dict[str, Any], list[str]]:
        """The data to send (the fields that change, as the schema takes them) and the names changed, in order."""
        stored: dict[str, Any] = dict(doc.data)
        data: dict[str, Any] = {}
        changed: list[str] = []
        violations: list[Violation] = []
        secrets: dict[str, Any] | None = None
        rule_of = {r.name: r for r in rules.properties}

        def note(name: str) -> None:
            if name not in changed:
                changed.append(name)

        for change in changes:
            spec = fields.fields.get(change.name)
            if spec is None and change.op == "remove":
                continue  # no such field: nothing to remove
            if spec is None or spec.nested_block:
                what = "is a reference to another block" if spec is not None else "is no field of this block type"
                violations.append(violation(change.name, "unknown", f"Property '{change.name}' {what}, so it cannot be written here."))
                continue
            if change.op == "remove":
                if spec.required:
                    violations.append(violation(change.name, "required", f"Property '{change.name}' is required by its block type, so it cannot be removed."))
                    continue
                default = spec.default if spec.default is not None or spec.nullable else _UNREMOVABLE
                if default is _UNREMOVABLE:
                    violations.append(violation(change.name, "required", f"Property '{change.name}' has no default and cannot hold null, so it cannot be removed."))
                    continue
                if spec.secret or stored.get(change.name) != default:
                    data[change.name] = default
                    stored[change.name] = default
                    note(change.name)
                continue
            text = change.value if change.value is not None else ""
            if change.op == "merge":
                if spec.secret:
                    if secrets is None:  # the one read with secrets, for this merge only
                        secrets = dict(client.read_block_document(doc.id, include_secrets=True).data)
                        secrets.update({k: v for k, v in data.items()})
                    held = secrets.get(change.name)
                else:
                    held = stored.get(change.name)
                held_text = None if held is None else to_text(held)
                try:
                    merged = self._support.merge_value(held_text, text)
                except TypeError:
                    raise StoreError.unavailable(f"the merge into property '{change.name}' was not given a JSON object") from None
                text = merged if merged is not None else (held_text if held_text is not None else "")
                rule = rule_of.get(change.name)
                if rule is not None:
                    violations.extend(self._support.check_value(rule, text, spec.secret))
            if len(text.encode("utf-8", "surrogatepass")) > MAX_VALUE_BYTES:
                violations.append(violation(change.name, "max-bytes", f"Property '{change.name}' would hold more than {MAX_VALUE_BYTES} bytes once written; nothing was written."))
                continue
            if spec.secret and text == OBFUSCATED:
                violations.append(violation(change.name, "obfuscated", f"Property '{change.name}' is secret, and Prefect reads '{OBFUSCATED}' sent for a secret as 'keep the stored value': it cannot be stored."))
                continue
            try:
                value = from_text(spec, text)
            except ValueError as e:
                violations.append(violation(change.name, "format", str(e)))
                continue
            if spec.secret or stored.get(change.name) != value:
                data[change.name] = value
                stored[change.name] = value
                if secrets is not None:
                    secrets[change.name] = value
                note(change.name)
        if violations:
            raise StoreError.invalid(violations)
        return data, changed

    def _check_permissions(self, rules: KindRules, caller: Caller | None, changes: Sequence[Change]) -> None:
        held = caller.permissions if caller is not None else ()
        rule_of = {r.name: r for r in rules.properties}
        for change in changes:
            rule = rule_of.get(change.name)
            permission = rule.write_permission if rule is not None else None
            if permission and permission not in held:
                raise StoreError.permission_denied(
                    f"changing property '{change.name}' of a connector of kind '{rules.kind}' needs the permission "
                    f"'{permission}', which {caller_label(caller)} does not hold",
                    change.name,
                )

    def _rules(self, slug: str, schema: dict[str, Any], help: str) -> KindRules:
        builtin = BUILTIN_KIND_OF_SLUG.get(slug)
        return kind_rules(slug, schema, self._builtin.get(builtin) if builtin else None, help)

    def _fields(self, doc: BlockDocument) -> BlockFields:
        return BlockFields.from_schema(doc.block_schema.fields if doc.block_schema else {})

    def _read(self, client: SyncPrefectClient, id: str) -> BlockDocument:
        """The document `id`, read without secrets, if it is one of the store's block types; else not-found."""
        try:
            document_id = UUID(id)
        except ValueError:
            raise StoreError.not_found() from None
        if str(document_id) != id:  # ids are exact: no other spelling of the same UUID
            raise StoreError.not_found()
        try:
            doc = client.read_block_document(document_id, include_secrets=False)
        except ObjectNotFound:
            raise StoreError.not_found() from None
        if _slug(doc) not in self._slugs or doc.is_anonymous:
            raise StoreError.not_found()
        return doc

    @contextmanager
    def _session(self) -> Iterator[SyncPrefectClient]:
        """A client for one call; Prefect's failures as the contract's (what they name is Prefect's, never a value)."""
        try:
            with self._client() as client:
                yield client
        except StoreError:
            raise
        except ObjectNotFound:
            raise StoreError.not_found() from None
        except httpx.HTTPStatusError as e:
            status = e.response.status_code
            if status in (401, 403):
                raise StoreError.permission_denied(f"the Prefect API refused the request ({status})") from None
            raise StoreError.unavailable(f"the Prefect API answered {status}") from None
        except httpx.TransportError as e:
            raise StoreError.unavailable(f"the Prefect API could not be reached ({type(e).__name__})") from None


_UNREMOVABLE = object()


def _slug(doc: BlockDocument) -> str:
    return doc.block_type.slug if doc.block_type is not None else ""
