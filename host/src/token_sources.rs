//! What the action asks of the workflow for its tokens, and the token
//! sources that come with the harness.

use std::collections::HashMap;

use secrecy::SecretString;

use crate::error::StoreError;

/// The workflow's token values, as the engine holds them.
///
/// Called from the harness's threads, once per token a step names; a
/// value is a secret until it is written, so it is handed over as a
/// [`SecretString`]. An error other than `Ok(None)` ends the step without
/// writing (`Unavailable` as `store-unavailable`, `PermissionDenied` as
/// `permission-denied`).
pub trait TokenSource: Send + Sync {
    /// The value of token `name` from `source` (`None` for `[Name]`), or
    /// `Ok(None)` when there is no such token.
    fn resolve(&self, source: Option<&str>, name: &str)
    -> Result<Option<SecretString>, StoreError>;
}

/// Token values from a map whose keys are a token's inside: `"Source:Name"`,
/// or `"Name"` for `[Name]`. Values are kept as [`SecretString`]s.
#[derive(Clone, Debug, Default)]
pub struct MapTokens {
    values: HashMap<String, SecretString>,
}

impl MapTokens {
    /// Tokens from `(key, value)` pairs.
    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        MapTokens {
            values: pairs
                .into_iter()
                .map(|(k, v)| (k.into(), SecretString::from(v.into())))
                .collect(),
        }
    }

    /// Tokens from a JSON object such as `{"Form:Key": "abc", "Env": "prod"}`;
    /// numbers and booleans are taken as their JSON text.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            format!(
                "the tokens file is not valid JSON at line {}, column {}",
                e.line(),
                e.column()
            )
        })?;
        let serde_json::Value::Object(map) = value else {
            return Err(
                "the tokens file must hold one JSON object mapping \"Source:Name\" to a value"
                    .into(),
            );
        };
        let mut values = HashMap::with_capacity(map.len());
        for (key, value) in map {
            let text = match value {
                serde_json::Value::String(s) => s,
                serde_json::Value::Number(_) | serde_json::Value::Bool(_) => value.to_string(),
                _ => {
                    return Err(format!(
                        "token '{key}' must have a text, number or boolean value"
                    ));
                }
            };
            values.insert(key, SecretString::from(text));
        }
        Ok(MapTokens { values })
    }

    /// Adds or replaces one token.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<String>) {
        self.values
            .insert(key.into(), SecretString::from(value.into()));
    }
}

impl TokenSource for MapTokens {
    fn resolve(
        &self,
        source: Option<&str>,
        name: &str,
    ) -> Result<Option<SecretString>, StoreError> {
        let key = match source {
            Some(source) => format!("{source}:{name}"),
            None => name.to_string(),
        };
        Ok(self.values.get(&key).cloned())
    }
}

/// A token source with no tokens: every token is unresolved.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoTokens;

impl TokenSource for NoTokens {
    fn resolve(&self, _: Option<&str>, _: &str) -> Result<Option<SecretString>, StoreError> {
        Ok(None)
    }
}
