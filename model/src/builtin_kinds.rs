//! The connector kinds the harness knows out of the box, with their rules:
//! one definition, which the Rust harness's stores declare and the component
//! exports (`store-support.builtin-kinds`) for a host in another language,
//! so that every host's stores declare the same kinds.
//!
//! Besides two generic kinds, they are the connector models of the systems
//! in the project's seed documents (Nylas, Logto, Twenty, Auth0), each with
//! that system's rules.

use std::sync::LazyLock;

use crate::model::{JsonRule, KindRules, PropertyRule, ValueFormat};

fn rule(name: &str, format: ValueFormat, help: &str) -> PropertyRule {
    PropertyRule {
        help: help.into(),
        ..PropertyRule::new(name, format)
    }
}

fn required(mut rule: PropertyRule) -> PropertyRule {
    rule.required = true;
    rule
}

fn secret(mut rule: PropertyRule) -> PropertyRule {
    rule.secret = true;
    rule
}

fn immutable(mut rule: PropertyRule) -> PropertyRule {
    rule.immutable = true;
    rule
}

fn json(mut rule: PropertyRule, json: JsonRule) -> PropertyRule {
    rule.json = Some(json);
    rule
}

/// A JSON rule that only asks for strings.
fn strings() -> JsonRule {
    JsonRule {
        allowed_keys: None,
        max_entries: None,
        strings_only: true,
        max_string_length: None,
    }
}

fn kind(name: &str, help: &str, properties: Vec<PropertyRule>) -> KindRules {
    KindRules {
        kind: name.into(),
        help: help.into(),
        properties,
        max_properties: None,
        allow_unknown: false,
    }
}

/// The built-in kinds.
///
/// - `rest-api`, `oauth2`: generic API-key and OAuth 2.0 clients; other names allowed.
/// - `nylas-connector`: Nylas v3 `PATCH /v3/connectors/{provider}`.
/// - `logto-connector`: Logto `PATCH /api/connectors/{id}`.
/// - `twenty-connected-account`: Twenty CRM's "update connected account".
/// - `auth0-connection`: Auth0 `PATCH /api/v2/connections/{id}`.
///
/// The seed systems' kinds allow no other names: their APIs refuse them.
///
/// They are built once, on first use: stores look them up in every execution.
pub fn builtin_kinds() -> &'static [KindRules] {
    static BUILTIN: LazyLock<Vec<KindRules>> = LazyLock::new(|| {
        vec![
            rest_api(),
            oauth2(),
            nylas_connector(),
            logto_connector(),
            twenty_connected_account(),
            auth0_connection(),
        ]
    });
    &BUILTIN
}

/// The rules of a built-in kind.
pub fn builtin_rules(kind: &str) -> Option<&'static KindRules> {
    builtin_kinds().iter().find(|k| k.kind == kind)
}

fn retry_attempts() -> PropertyRule {
    rule(
        "RetryAttempts",
        ValueFormat::Integer,
        "How many times to retry a failed request.",
    )
}

fn rest_api() -> KindRules {
    use ValueFormat::*;
    KindRules {
        max_properties: Some(64),
        allow_unknown: true,
        ..kind(
            "rest-api",
            "An HTTP API reached with a key.",
            vec![
                secret(required(rule(
                    "APIKey",
                    Text,
                    "The API key sent with each request.",
                ))),
                rule(
                    "Endpoint",
                    Url,
                    "The API's base URL, such as https://api.example.com/v2.",
                ),
                rule(
                    "Timeout",
                    Duration,
                    "How long to wait for an answer, such as 30s.",
                ),
                retry_attempts(),
            ],
        )
    }
}

fn oauth2() -> KindRules {
    use ValueFormat::*;
    KindRules {
        max_properties: Some(64),
        allow_unknown: true,
        ..kind(
            "oauth2",
            "An OAuth 2.0 client.",
            vec![
                required(rule("ClientId", Text, "The OAuth client id.")),
                secret(rule("ClientSecret", Text, "The OAuth client secret.")),
                rule("TokenUrl", Url, "The token endpoint."),
                rule("Scopes", Text, "Space-separated scopes."),
                retry_attempts(),
            ],
        )
    }
}

fn nylas_connector() -> KindRules {
    use ValueFormat::*;
    kind(
        "nylas-connector",
        "A Nylas v3 connector (PATCH /v3/connectors/{provider}): the OAuth app Nylas uses for one provider. \
         Nylas replaces settings whole on update, so every secret in it must be sent again; \
         MergeMode deep merges the new keys into the stored settings instead.",
        vec![
            immutable(required(rule(
                "provider",
                Text,
                "The provider (google, microsoft, imap, ...). Set when the connector is created; Nylas addresses \
                 the connector by it, so a step cannot change it.",
            ))),
            rule("name", Text, "The connector's name."),
            secret(rule(
                "settings",
                JsonObject,
                "The OAuth provider's credentials and settings, such as client_id and client_secret (secret).",
            )),
            json(
                rule(
                    "scope",
                    JsonArray,
                    "The default OAuth scopes, a JSON array of strings such as [\"https://www.googleapis.com/auth/contacts\"].",
                ),
                strings(),
            ),
            rule(
                "active_credential_id",
                Text,
                "The id of the credential record used by default with the provider.",
            ),
        ],
    )
}

fn logto_connector() -> KindRules {
    use ValueFormat::*;
    kind(
        "logto-connector",
        "A Logto connector (PATCH /api/connectors/{id}): a partial update of its config, metadata and syncProfile.",
        vec![
            secret(rule(
                "config",
                JsonObject,
                "The config object passed to the connector factory; it holds the provider's confidential form items (secret).",
            )),
            json(
                rule(
                    "metadata",
                    JsonObject,
                    "Custom metadata over the connector's defaults: target, name (an object of translations), logo and logoDark.",
                ),
                JsonRule {
                    allowed_keys: Some(
                        ["target", "name", "logo", "logoDark"]
                            .map(String::from)
                            .to_vec(),
                    ),
                    max_entries: None,
                    strings_only: false,
                    max_string_length: None,
                },
            ),
            rule(
                "syncProfile",
                Boolean,
                "Whether to sync the user profile from the identity provider at each sign-in (true) or only when the user is created (false).",
            ),
        ],
    )
}

fn twenty_connected_account() -> KindRules {
    use ValueFormat::*;
    kind(
        "twenty-connected-account",
        "A Twenty CRM connected account (the n8n node's \"update connected account\"): the handle, provider \
         and OAuth tokens of a messaging or calendar account.",
        vec![
            rule(
                "handle",
                Text,
                "The account's handle: an email address, user name or phone number.",
            ),
            rule("provider", Text, "The account's provider, such as google."),
            secret(rule(
                "accessToken",
                Text,
                "The access token for the provider's API (secret).",
            )),
            secret(rule(
                "refreshToken",
                Text,
                "The refresh token that obtains new access tokens (secret).",
            )),
            rule(
                "lastSyncHistoryId",
                Text,
                "The id of the last synchronisation event.",
            ),
            rule(
                "authFailedAt",
                Timestamp,
                "When authentication last failed, as an RFC 3339 timestamp such as 2026-11-23T10:00:00Z; null clears it.",
            ),
            rule("handleAliases", Text, "Other handles of the account."),
            json(
                rule(
                    "scopes",
                    JsonArray,
                    "The scopes granted to the account, a JSON array of strings.",
                ),
                strings(),
            ),
            rule(
                "accountOwnerId",
                Text,
                "The id of the workspace member who owns the account.",
            ),
        ],
    )
}

fn auth0_connection() -> KindRules {
    use ValueFormat::*;
    kind(
        "auth0-connection",
        "An Auth0 connection (PATCH /api/v2/connections/{id}). Auth0 replaces options whole, so settings \
         not sent again are lost; MergeMode deep merges into the stored options instead. A display_name left \
         out keeps its value (Auth0 would overwrite it with the name).",
        vec![
            immutable(required(rule(
                "name",
                Text,
                "The connection's name, set when it is created; Auth0's update cannot change it.",
            ))),
            PropertyRule {
                max_length: Some(128),
                ..rule(
                    "display_name",
                    Text,
                    "The name shown on the login screen, at most 128 characters.",
                )
            },
            PropertyRule {
                write_permission: Some("update:connections_options".into()),
                ..secret(rule(
                    "options",
                    JsonObject,
                    "The connection's options, which depend on its strategy (secret). Changing them needs the \
                     permission update:connections_options.",
                ))
            },
            json(
                rule(
                    "metadata",
                    JsonObject,
                    "Metadata: at most 10 keys, each a string of at most 255 characters.",
                ),
                JsonRule {
                    allowed_keys: None,
                    max_entries: Some(10),
                    strings_only: true,
                    max_string_length: Some(255),
                },
            ),
            json(
                rule(
                    "realms",
                    JsonArray,
                    "The realms (such as email domains) the connection is used for, a JSON array of strings.",
                ),
                strings(),
            ),
            rule(
                "is_domain_connection",
                Boolean,
                "true promotes the connection to a domain-level connection that third-party applications can use.",
            ),
            rule(
                "show_as_button",
                Boolean,
                "Whether the login page shows a button for the connection.",
            ),
            PropertyRule {
                deprecated: Some(
                    "Enable or disable clients with Auth0's PATCH /api/v2/connections/{id}/clients instead."
                        .into(),
                ),
                ..json(
                    rule(
                        "enabled_clients",
                        JsonArray,
                        "Deprecated: the ids of the clients the connection is enabled for.",
                    ),
                    strings(),
                )
            },
            rule(
                "authentication",
                JsonObject,
                "Whether the connection is used for authentication at login, such as {\"active\": true}.",
            ),
            rule(
                "connected_accounts",
                JsonObject,
                "Whether the connection is used for connected accounts and Token Vault, such as {\"active\": true}.",
            ),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_are_unique_and_rules_name_each_property_once() {
        let kinds = builtin_kinds();
        let mut names: Vec<&str> = kinds.iter().map(|k| k.kind.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), kinds.len());
        for kind in kinds {
            assert!(!kind.help.is_empty(), "{} has no help", kind.kind);
            let mut props: Vec<&str> = kind.properties.iter().map(|p| p.name.as_str()).collect();
            props.sort_unstable();
            props.dedup();
            assert_eq!(props.len(), kind.properties.len(), "{}", kind.kind);
            assert!(kind.properties.iter().all(|p| !p.help.is_empty()));
        }
    }

    #[test]
    fn kinds_read_back_from_the_json_they_print_and_typos_are_refused() {
        for kind in builtin_kinds() {
            let text = serde_json::to_string(kind).unwrap();
            let back: KindRules = serde_json::from_str(&text).unwrap();
            assert_eq!(&back, kind);
        }
        let least: KindRules = serde_json::from_str(
            r#"{"kind": "k", "properties": [{"name": "A", "format": "json-object", "json": {"strings_only": true}}]}"#,
        )
        .unwrap();
        assert!(
            least.properties[0]
                .json
                .as_ref()
                .is_some_and(|j| j.strings_only)
        );
        assert!(!least.allow_unknown && !least.properties[0].secret);
        for typo in [
            r#"{"kind": "k", "allowUnknown": true}"#,
            r#"{"kind": "k", "properties": [{"name": "A", "format": "json"}]}"#,
            r#"{"kind": "k", "properties": [{"name": "A", "format": "text", "secrets": true}]}"#,
            r#"{"properties": []}"#,
        ] {
            assert!(serde_json::from_str::<KindRules>(typo).is_err(), "{typo}");
        }
    }
}
