"""The package's own block types: one per built-in kind of the action, each a
Prefect `Block` whose fields are the kind's properties, a `SecretStr` where
the kind says secret (a secret JSON value is kept as its text in a
`SecretStr`, so that no key of it shows in a read without secrets).

Why these and not Prefect's `Secret` blocks: one document per connector gives
one `updated` to compare and set on, a write of several fields that lands in
one PATCH (Prefect merges it in one transaction), and a block schema that says
which fields exist, which are required and which are secret, which is where
the kind's rules come from. A `Secret` block holds one value, and has no
schema to speak of.

`register_block_types()` registers them with the Prefect API (idempotent).
Field names are the kind's property names, as a step names them.
"""

from __future__ import annotations

from typing import Any, ClassVar

from prefect.blocks.core import Block
from pydantic import Field, SecretStr


class RestApiConnector(Block):
    """A REST API's credentials (the built-in kind `rest-api`)."""

    _block_type_name: ClassVar[str] = "Connectors Update REST API"
    _block_type_slug: ClassVar[str] = "connectors-update-rest-api"

    APIKey: SecretStr = Field(default=..., description="The API key sent with every request.")
    Endpoint: str | None = Field(default=None, description="The API's base URL.")
    Timeout: str | None = Field(default=None, description="How long a request may take, as a duration such as 30s.")
    RetryAttempts: int | None = Field(default=None, description="How many times a failed request is retried.")


class OAuth2Connector(Block):
    """An OAuth 2 client's credentials (the built-in kind `oauth2`)."""

    _block_type_name: ClassVar[str] = "Connectors Update OAuth2"
    _block_type_slug: ClassVar[str] = "connectors-update-oauth2"

    ClientId: str = Field(default=..., description="The OAuth client id.")
    ClientSecret: SecretStr | None = Field(default=None, description="The OAuth client secret.")
    TokenUrl: str | None = Field(default=None, description="The token endpoint.")
    Scopes: str | None = Field(default=None, description="The scopes asked for, space-separated.")
    RetryAttempts: int | None = Field(default=None, description="How many times a failed request is retried.")


class NylasConnector(Block):
    """A Nylas connector (the built-in kind `nylas-connector`)."""

    _block_type_name: ClassVar[str] = "Connectors Update Nylas Connector"
    _block_type_slug: ClassVar[str] = "connectors-update-nylas-connector"

    provider: str = Field(default=..., description="The provider; set once.")
    name: str | None = Field(default=None, description="The connector's name.")
    settings: SecretStr | None = Field(default=None, description="The provider's OAuth settings: a JSON object, as text.")
    scope: list[str] | None = Field(default=None, description="The default scopes.")
    active_credential_id: str | None = Field(default=None, description="The default credential's id.")


class LogtoConnector(Block):
    """A Logto connector (the built-in kind `logto-connector`)."""

    _block_type_name: ClassVar[str] = "Connectors Update Logto Connector"
    _block_type_slug: ClassVar[str] = "connectors-update-logto-connector"

    config: SecretStr | None = Field(default=None, description="The connector's config: a JSON object, as text.")
    metadata: dict[str, Any] | None = Field(default=None, description="target, name, logo, logoDark.")
    syncProfile: bool | None = Field(default=None, description="Whether the profile syncs at each sign-in.")


class TwentyConnectedAccount(Block):
    """A Twenty CRM connected account (the built-in kind `twenty-connected-account`)."""

    _block_type_name: ClassVar[str] = "Connectors Update Twenty Connected Account"
    _block_type_slug: ClassVar[str] = "connectors-update-twenty-connected-account"

    handle: str | None = None
    provider: str | None = None
    accessToken: SecretStr | None = None
    refreshToken: SecretStr | None = None
    lastSyncHistoryId: str | None = None
    authFailedAt: str | None = Field(default=None, description="An RFC 3339 timestamp.")
    handleAliases: str | None = None
    scopes: list[str] | None = None
    accountOwnerId: str | None = None


class Auth0Connection(Block):
    """An Auth0 connection (the built-in kind `auth0-connection`)."""

    _block_type_name: ClassVar[str] = "Connectors Update Auth0 Connection"
    _block_type_slug: ClassVar[str] = "connectors-update-auth0-connection"

    name: str = Field(default=..., description="The connection's name; set once.")
    display_name: str | None = None
    options: SecretStr | None = Field(default=None, description="The strategy's options: a JSON object, as text.")
    metadata: dict[str, str] | None = None
    realms: list[str] | None = None
    is_domain_connection: bool | None = None
    show_as_button: bool | None = None
    enabled_clients: list[str] | None = None
    authentication: dict[str, Any] | None = None
    connected_accounts: dict[str, Any] | None = None


BLOCK_TYPES: dict[str, type[Block]] = {
    "rest-api": RestApiConnector,
    "oauth2": OAuth2Connector,
    "nylas-connector": NylasConnector,
    "logto-connector": LogtoConnector,
    "twenty-connected-account": TwentyConnectedAccount,
    "auth0-connection": Auth0Connection,
}
"""The action's built-in kind → the package's block type for it."""

BUILTIN_KIND_OF_SLUG: dict[str, str] = {cls.get_block_type_slug(): kind for kind, cls in BLOCK_TYPES.items()}
"""A block type slug of this package → the built-in kind whose extra rules (formats, lengths, JSON rules,
write permissions) it carries."""


def register_block_types() -> None:
    """Registers every block type of this package with the Prefect API the current settings point at (idempotent)."""
    for cls in BLOCK_TYPES.values():
        cls.register_type_and_schema()
