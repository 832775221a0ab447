//! The connector kinds the harness knows out of the box, with their rules.
//!
//! A store declares a kind's rules through
//! [`CredentialStore::rules`](crate::CredentialStore::rules); the stores that
//! come with the harness answer with these.

use crate::bindings::{KindRules, PropertyRule, ValueFormat};

fn rule(name: &str, format: ValueFormat, help: &str) -> PropertyRule {
    PropertyRule {
        name: name.into(),
        required: false,
        secret: false,
        format,
        max_length: None,
        help: help.into(),
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

/// The built-in kinds.
///
/// - `rest-api`: an HTTP API reached with a key: `APIKey` (secret, required),
///   `Endpoint` (URL), `Timeout` (duration), `RetryAttempts` (integer); other
///   names allowed.
/// - `oauth2`: an OAuth 2.0 client: `ClientId` (required), `ClientSecret`
///   (secret), `TokenUrl` (URL), `Scopes`, `RetryAttempts` (integer); other
///   names allowed.
pub fn builtin_kinds() -> Vec<KindRules> {
    use ValueFormat::*;
    vec![
        KindRules {
            kind: "rest-api".into(),
            properties: vec![
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
                rule(
                    "RetryAttempts",
                    Integer,
                    "How many times to retry a failed request.",
                ),
            ],
            max_properties: Some(64),
            allow_unknown: true,
        },
        KindRules {
            kind: "oauth2".into(),
            properties: vec![
                required(rule("ClientId", Text, "The OAuth client id.")),
                secret(rule("ClientSecret", Text, "The OAuth client secret.")),
                rule("TokenUrl", Url, "The token endpoint."),
                rule("Scopes", Text, "Space-separated scopes."),
                rule(
                    "RetryAttempts",
                    Integer,
                    "How many times to retry a failed request.",
                ),
            ],
            max_properties: Some(64),
            allow_unknown: true,
        },
    ]
}

/// The rules of a built-in kind.
pub fn builtin_rules(kind: &str) -> Option<KindRules> {
    builtin_kinds().into_iter().find(|k| k.kind == kind)
}
