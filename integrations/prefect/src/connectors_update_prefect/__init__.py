"""Connectors.Update on Prefect: a `update_connector` task that runs a step on
Prefect's own blocks, through `BlockStore`, the action's credential store over
block documents.

    from connectors_update import MapTokens
    from connectors_update_prefect import register_block_types, update_connector

    @flow
    def rotate() -> None:
        update_connector('{"EntryId": "twitter-api", "Properties": [{"PropertyName": "APIKey", '
                         '"PropertyValue": "[vault:twitter]"}]}', MapTokens({"vault:twitter": new_key()}))
"""

from .blocks import (
    BLOCK_TYPES,
    Auth0Connection,
    LogtoConnector,
    NylasConnector,
    OAuth2Connector,
    RestApiConnector,
    TwentyConnectedAccount,
    register_block_types,
)
from .store import LOCK_PREFIX, OBFUSCATED, BlockStore, revision_of
from .task import action, update_connector

__all__ = [
    "BLOCK_TYPES", "Auth0Connection", "LogtoConnector", "NylasConnector", "OAuth2Connector", "RestApiConnector",
    "TwentyConnectedAccount", "register_block_types", "LOCK_PREFIX", "OBFUSCATED", "BlockStore", "revision_of", "action",
    "update_connector",
]
