"""`BlockStore`: the action's `CredentialStore` over Prefect block documents.

A connector is a block document of one of the store's block types: its id is
the document's id, its name the document's name, its kind the block type's
slug, its properties the document's top-level fields that its block type's
most recent schema declares (a field holding None is absent), and its
revision the document's `updated` time in microseconds since the epoch.

One schema: `rules`, `get` and `write` read the block type's most recent
block schema (once per call), so what the guest is told a kind takes is what
the store checks and converts against; a write moves the document to that
schema, as `Block.save` with the current class does.

Reads for the guest are made with include_secrets=False: Prefect's server
withholds every secret that holds a value and answers None as None, so
whether a secret is present is seen without its value. The reads with
secrets are inside the store and their values stay here: for a merge into a
secret, and for a `SecretDict`-like field (secret through a wildcard path),
whose None Prefect obfuscates like `{}`.

Compare-and-set: Prefect has no conditional write (no ETag, no If-Match, no
version column), so `write` reads `updated` again just before its one PATCH
and sends nothing if it moved. The window that remains is between that read
and the server's handling of the PATCH: see the README, and `lock=True`,
which closes it among the writers that take the lock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
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
    StoredProperty,
    StoreError,
    Violation,
    WriteMode,
    WriteReceipt,
    check_write_permissions,
    value_size_violation,
)
from prefect.client.orchestration import SyncPrefectClient, get_client
from prefect.client.schemas.actions import BlockDocumentUpdate, GlobalConcurrencyLimitCreate
from prefect.client.schemas.objects import BlockDocument, BlockSchema
from prefect.concurrency.sync import concurrency
from prefect.exceptions import ObjectAlreadyExists, ObjectNotFound

from .blocks import BLOCK_TYPES, BUILTIN_KIND_OF_SLUG
from .schema import BlockFields, from_text, kind_rules, to_text, violation

OBFUSCATED = "********"
"""What Prefect answers for a secret field read without secrets, and what it
takes, sent back, as "keep the stored secret": it can never be stored."""

LOCK_PREFIX = "connectors-update-"
"""`lock=True`: the global concurrency limit a write holds is named this and the document's id."""

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def revision_of(updated: dt.datetime | None) -> int:
    """A document's `updated` as a revision: microseconds since the epoch (UTC)."""
    if updated is None:
        return 0
    if updated.tzinfo is None:
        updated = updated.replace(tzinfo=dt.timezone.utc)
    delta = updated - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


class BlockStore:
    """The action's credential store over the block documents of `block_types` (slugs; the package's own by default).

    Every call opens Prefect's sync client (`get_client(sync_client=True)`)
    on the API the current settings name, so it works inside a flow or task
    run as outside one. Access is Prefect's: whoever may reach the API may use
    every document of the store's block types; a `Caller`'s permissions are
    checked against the kinds' write permissions only.

    `lock=True` makes each write that changes something hold a Prefect global
    concurrency limit of one slot named `connectors-update-<document id>`
    (made on first use) from its last check of `updated` until it has read
    the revision back, so that no other writer holding the same lock lands
    in its window; `lock_timeout` is how many seconds it waits for the slot
    before the write fails as `unavailable` (which the action may retry).
    The UI, `Block.save` and other clients do not take the lock.
    """

    def __init__(
        self,
        action: Action,
        block_types: Sequence[str] | None = None,
        *,
        lock: bool = False,
        lock_timeout: float = 60.0,
        client: Callable[[], SyncPrefectClient] | None = None,
    ) -> None:
        self._support = action.support
        self._builtin = {k.kind: k for k in action.support.builtin_kinds()}
        self._slugs: tuple[str, ...] = tuple(
            block_types if block_types is not None else [cls.get_block_type_slug() for cls in BLOCK_TYPES.values()]
        )
        self._lock = bool(lock)
        self._lock_timeout = float(lock_timeout)
        self._locks_made: set[str] = set()
        self._client = client if client is not None else (lambda: get_client(sync_client=True))

    def __repr__(self) -> str:
        return f"BlockStore(block_types={list(self._slugs)!r}, lock={self._lock})"

    # -- Fault injection: private, overridden by this package's tests only.

    def _before_check(self, client: SyncPrefectClient, document_id: UUID) -> None:
        """Just before the last read of `updated`, after the write's first read: a write here is a conflict."""

    def _before_patch(self, client: SyncPrefectClient, document_id: UUID) -> None:
        """Between the last check of `updated` and the PATCH, in the window: a write here is not seen (unless
        both writers take the lock)."""

    # -- The CredentialStore contract.

    def get(self, caller: Caller, id: str) -> Connector:
        """The document `id` of one of the store's block types: the fields its block type's most recent schema
        declares that hold a value, secret ones withheld (marked secret when either that schema or the
        document's own says so, as Prefect withholds by the document's)."""
        with self._session() as client:
            doc = self._read(client, id)
            schema = self._newest_schema(client, doc)
            fields, own = BlockFields.from_schema(schema.fields), _own_fields(doc)
            withheld = {n for n, f in fields.fields.items() if f.secret} | {n for n, f in own.fields.items() if f.secret}
            if any(doc.data.get(n) == OBFUSCATED and f.obfuscates_none for n, f in own.fields.items()):
                # None and {} read alike without secrets: the one read that tells them apart, kept here.
                doc = client.read_block_document(doc.id, include_secrets=True)
        properties = []
        for name, value in doc.data.items():
            spec = fields.fields.get(name)
            if spec is None or spec.nested_block or value is None:
                continue  # no field of the block type now, a reference to another block, or absent
            secret = name in withheld
            properties.append(StoredProperty(name, None if secret else to_text(value), secret))
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
        """One compare-and-set on `updated`, then one PATCH with merge_existing_data=True of the fields that change,
        checked against (and moving the document to) its block type's most recent schema."""
        with self._session() as client:
            doc = self._read(client, id)
            current = revision_of(doc.updated)
            if current != expected_revision:
                raise StoreError.conflict(current)
            schema = self._newest_schema(client, doc)
            rules = self._rules(_slug(doc), schema.fields, "")
            # Before any value is compared: a caller without the permission learns nothing by naming a guarded field.
            check_write_permissions(rules, caller, changes)
            data, changed = self._apply(client, doc, BlockFields.from_schema(schema.fields), rules, changes)
            if mode == "preview" or not changed:
                return WriteReceipt(revision=current, changed=changed)
            with self._write_lock(client, doc.id):
                # Compare again just before the PATCH: the checks and any read of secrets took round trips.
                self._before_check(client, doc.id)
                again = revision_of(client.read_block_document(doc.id, include_secrets=False).updated)
                if again != expected_revision:
                    raise StoreError.conflict(again)
                self._before_patch(client, doc.id)
                # ---- the window: a write by anyone else that lands here is not seen (README, "Revisions") ----
                update = BlockDocumentUpdate(block_schema_id=schema.id, data=data, merge_existing_data=True)
                client.update_block_document(doc.id, update)
                # The PATCH answers 204 and no body: the new `updated` takes one more read (it may be a later writer's).
                after = client.read_block_document(doc.id, include_secrets=False)
        return WriteReceipt(revision=revision_of(after.updated), changed=changed)

    # -- The work.

    def _apply(
        self, client: SyncPrefectClient, doc: BlockDocument, fields: BlockFields, rules: KindRules, changes: Sequence[Change]
    ) -> tuple[dict[str, Any], list[str]]:
        """The data to send (the fields that change, as the schema takes them) and the names changed, in order."""
        stored: dict[str, Any] = dict(doc.data)  # read without secrets: a secret holding a value reads OBFUSCATED
        data: dict[str, Any] = {}
        changed: list[str] = []
        violations: list[Violation] = []
        secrets: dict[str, Any] | None = None
        # Prefect obfuscates by the document's own schema: there, a wildcard secret reads OBFUSCATED for None too.
        unsure = {n for n, f in _own_fields(doc).fields.items() if f.obfuscates_none}
        rule_of = {r.name: r for r in rules.properties}

        def note(name: str) -> None:
            if name not in changed:
                changed.append(name)

        def with_secrets() -> dict[str, Any]:
            """The data as it would be after the changes so far, secrets included: read once, for this write only."""
            nonlocal secrets
            if secrets is None:
                secrets = dict(client.read_block_document(doc.id, include_secrets=True).data)
                secrets.update(data)
            return secrets

        for change in changes:
            spec = fields.fields.get(change.name)
            if spec is None and change.op == "remove":
                continue  # no such field: nothing to remove
            if spec is None or spec.nested_block:
                what = "is a reference to another block" if spec is not None else "is no field of this block type"
                violations.append(violation(change.name, "unknown", f"Property '{change.name}' {what}, so it cannot be written here."))
                continue
            if change.op != "remove" and change.secret and not spec.secret:
                violations.append(violation(change.name, "secret", f"Property '{change.name}' is to be stored as a secret, and its block schema declares it plain: Prefect would show it to whoever reads the document, so it cannot be stored here."))
                continue
            if change.op == "remove":
                if spec.required:
                    violations.append(violation(change.name, "required", f"Property '{change.name}' is required by its block type, so it cannot be removed."))
                    continue
                default = spec.default if spec.default is not None or spec.nullable else _UNREMOVABLE
                if default is _UNREMOVABLE:
                    violations.append(violation(change.name, "required", f"Property '{change.name}' has no default and cannot hold null, so it cannot be removed."))
                    continue
                held = stored.get(change.name)
                if held == OBFUSCATED and change.name in unsure:
                    held = with_secrets().get(change.name)  # None and {} read alike without secrets
                # A secret is compared by presence only: removing one that holds a value (or setting a default
                # in its place) is a change, removing an absent one is none.
                if (held is not None or default is not None) if spec.secret else held != default:
                    data[change.name] = default
                    stored[change.name] = default
                    if secrets is not None:
                        secrets[change.name] = default
                    note(change.name)
                continue
            text = change.value if change.value is not None else ""
            if change.op == "merge":
                held = with_secrets().get(change.name) if spec.secret else stored.get(change.name)
                held_text = None if held is None else to_text(held)
                try:
                    merged = self._support.merge_value(held_text, text)
                except TypeError:
                    # Deterministic, so `invalid` (never retried), not `unavailable`; the action never sends one.
                    violations.append(violation(change.name, "format", f"Property '{change.name}' was given a merge patch that is not a JSON object, so nothing was written."))
                    continue
                text = merged if merged is not None else (held_text if held_text is not None else "")
                rule = rule_of.get(change.name)
                if rule is not None:
                    violations.extend(self._support.check_value(rule, text, spec.secret))
            too_big = value_size_violation(change.name, text)
            if too_big is not None:
                violations.append(too_big)
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

    def _rules(self, slug: str, schema: dict[str, Any], help: str) -> KindRules:
        builtin = BUILTIN_KIND_OF_SLUG.get(slug)
        return kind_rules(slug, schema, self._builtin.get(builtin) if builtin else None, help)

    def _newest_schema(self, client: SyncPrefectClient, doc: BlockDocument) -> BlockSchema:
        """The most recent schema of the document's block type (the one `rules` reads); its own if there is none."""
        newest = client.get_most_recent_block_schema_for_block_type(doc.block_type_id)
        if newest is not None:
            return newest
        if doc.block_schema is None:
            raise StoreError.unavailable("the Prefect API answered a block document without its block schema")
        return doc.block_schema

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
    def _write_lock(self, client: SyncPrefectClient, document_id: UUID) -> Iterator[None]:
        """With `lock=True`, the document's concurrency limit of one slot, held for the body; else nothing."""
        if not self._lock:
            yield
            return
        name = f"{LOCK_PREFIX}{document_id}"
        if name not in self._locks_made:
            try:
                client.create_global_concurrency_limit(GlobalConcurrencyLimitCreate(name=name, limit=1))
            except ObjectAlreadyExists:
                pass  # made by an earlier write, or by another writer just now
            self._locks_made.add(name)
        held = ExitStack()
        try:
            # A lease of the shortest length Prefect takes, renewed in the background; a failed renewal must not
            # cancel a write halfway through its PATCH (the section lasts a few round trips).
            held.enter_context(concurrency(name, occupy=1, timeout_seconds=self._lock_timeout, lease_duration=60,
                                           strict=True, raise_on_lease_renewal_failure=False))
        except TimeoutError:
            raise StoreError.unavailable(
                f"another writer held the lock '{name}' for longer than {self._lock_timeout:g} s; nothing was written"
            ) from None
        except Exception as e:  # the limit could not be read or taken (deleted, made inactive, ...)
            self._locks_made.discard(name)  # made again by the next write, if it was deleted
            raise StoreError.unavailable(f"the lock '{name}' could not be taken ({type(e).__name__})") from None
        with held:
            yield

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


def _own_fields(doc: BlockDocument) -> BlockFields:
    """The fields of the document's own schema: the one Prefect's server withholds secrets by."""
    return BlockFields.from_schema(doc.block_schema.fields if doc.block_schema else {})


def _slug(doc: BlockDocument) -> str:
    return doc.block_type.slug if doc.block_type is not None else ""
