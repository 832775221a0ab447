//! A machine's keyring: the store keys it holds, each known by a key id
//! derived from the key itself. Which of them seals is not the keyring's to
//! say: the store records its primary key, so that every machine switches
//! to a new key at the same moment, once it has been given to all of them
//! (see [`SqlStore::rotate_key`](crate::SqlStore::rotate_key)).
//!
//! As text (a key file, `CONNECTORS_KEY`), a keyring is its keys in base64,
//! one per line (or separated by commas): a key file of one key,
//! as every store had before keyrings, is a keyring of one key.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

use super::key::StoreKey;
pub use super::key_id::{InvalidKeyId, KeyId};
use crate::error::KeyError;

/// What a store lets a key of its keyring do. The store records it, so
/// every machine that opens the store sees a change on its next call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyState {
    /// Added by `rotate-key --stage`, so that it can be given to every
    /// machine before it is used: it opens nothing yet and seals nothing.
    Staged,
    /// The key that seals: the store has exactly one.
    Primary,
    /// An older key: it still opens the values it sealed, and seals only
    /// for a machine that lacks the primary key.
    Enabled,
    /// Retired once no value needed it: it neither opens nor seals, even on
    /// a machine that still holds it.
    Retired,
}

impl KeyState {
    /// Its name in the store and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyState::Staged => "staged",
            KeyState::Primary => "primary",
            KeyState::Enabled => "enabled",
            KeyState::Retired => "retired",
        }
    }

    /// The state a stored name stands for.
    pub fn parse(name: &str) -> Option<Self> {
        [
            KeyState::Staged,
            KeyState::Primary,
            KeyState::Enabled,
            KeyState::Retired,
        ]
        .into_iter()
        .find(|s| s.as_str() == name)
    }
}

/// The keys one machine holds for a store, each once, in the order given.
#[derive(Clone, Default)]
pub struct Keyring {
    keys: Vec<StoreKey>,
}

impl fmt::Debug for Keyring {
    /// The key ids only: never a key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Keyring").field(&self.ids()).finish()
    }
}

impl From<StoreKey> for Keyring {
    fn from(key: StoreKey) -> Self {
        Keyring { keys: vec![key] }
    }
}

impl Keyring {
    /// A keyring of these keys; a key given twice is kept once.
    pub fn new(keys: impl IntoIterator<Item = StoreKey>) -> Self {
        keys.into_iter()
            .fold(Keyring::default(), |ring, key| ring.with(key))
    }

    /// A keyring from its text: base64 keys separated by newlines or
    /// commas (`CONNECTORS_KEY="KEY1,KEY2"`), each trimmed. The error says
    /// which key (by place, never by value) is malformed.
    pub fn from_base64(text: &SecretString) -> Result<Self, KeyError> {
        // A byte order mark, as some editors write, is not part of a key.
        let parts: Vec<&str> = text
            .expose_secret()
            .trim_start_matches('\u{feff}')
            .split([',', '\n'])
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .collect();
        if parts.is_empty() {
            return Err(KeyError::Malformed("it holds no key".into()));
        }
        let many = parts.len() > 1;
        let keys = parts
            .into_iter()
            .enumerate()
            .map(|(i, part)| {
                StoreKey::from_base64(&SecretString::from(part.to_string())).map_err(|e| match e {
                    KeyError::Malformed(why) if many => {
                        KeyError::Malformed(format!("its key number {}: {why}", i + 1))
                    }
                    other => other,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Keyring::new(keys))
    }

    /// The keyring as text, one base64 key per line: for writing it where
    /// it belongs, never for printing.
    pub fn to_base64(&self) -> SecretString {
        let mut text = String::new();
        for key in &self.keys {
            text.push_str(key.to_base64().expose_secret());
            text.push('\n');
        }
        SecretString::from(text)
    }

    /// The ids of its keys, in order.
    pub fn ids(&self) -> Vec<KeyId> {
        self.keys.iter().map(StoreKey::id).collect()
    }

    /// The key with this id.
    pub fn get(&self, id: KeyId) -> Option<&StoreKey> {
        self.keys.iter().find(|k| k.id() == id)
    }

    /// Whether it holds the key with this id.
    pub fn holds(&self, id: KeyId) -> bool {
        self.get(id).is_some()
    }

    /// The keyring with `key` added at the end (unless it holds it already).
    pub fn with(mut self, key: StoreKey) -> Self {
        if !self.holds(key.id()) {
            self.keys.push(key);
        }
        self
    }

    /// The keyring without the key with this id.
    pub fn without(mut self, id: KeyId) -> Self {
        self.keys.retain(|k| k.id() != id);
        self
    }

    /// Its keys, in order.
    pub fn keys(&self) -> &[StoreKey] {
        &self.keys
    }

    /// Whether it holds no key.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_id_is_stable_shown_as_hex_and_parsed_back() {
        let key = StoreKey::generate();
        assert_eq!(key.id(), key.clone().id());
        assert_ne!(key.id(), StoreKey::generate().id());
        let shown = key.id().to_string();
        assert_eq!(shown.len(), 8);
        assert_eq!(shown.parse::<KeyId>().unwrap(), key.id());
        assert_eq!(KeyId::from_column(key.id().to_column()).unwrap(), key.id());
        for bad in [
            "",
            "1234567",
            "123456789",
            "zzzzzzzz",
            "-1234567",
            "+1234567",
        ] {
            let error = bad.parse::<KeyId>().unwrap_err().to_string();
            assert!(error.contains("8 hex digits"), "{bad}: {error}");
        }
        let key_text = StoreKey::generate().to_base64();
        let error = key_text
            .expose_secret()
            .parse::<KeyId>()
            .unwrap_err()
            .to_string();
        assert!(!error.contains(key_text.expose_secret()), "{error}");
        assert!(KeyId::from_column(-1).is_none());
        assert!(KeyId::from_column(1 << 40).is_none());
    }

    #[test]
    fn a_keyring_reads_one_key_or_many_and_writes_one_per_line() {
        let (a, b) = (StoreKey::generate(), StoreKey::generate());
        let (a64, b64) = (a.to_base64(), b.to_base64());
        let one = Keyring::from_base64(&format!("{}\n", a64.expose_secret()).into()).unwrap();
        assert_eq!(one.ids(), vec![a.id()]);
        for text in [
            format!("{},{}", a64.expose_secret(), b64.expose_secret()),
            format!(" {} \n\n{}\n", a64.expose_secret(), b64.expose_secret()),
            format!(
                "{}, {},{}",
                a64.expose_secret(),
                b64.expose_secret(),
                a64.expose_secret()
            ),
            // Saved by an editor that starts files with a byte order mark,
            // with Windows line ends.
            format!(
                "\u{feff}{}\r\n{}\r\n",
                a64.expose_secret(),
                b64.expose_secret()
            ),
        ] {
            let ring = Keyring::from_base64(&text.into()).unwrap();
            assert_eq!(ring.ids(), vec![a.id(), b.id()]);
            let again = Keyring::from_base64(&ring.to_base64()).unwrap();
            assert_eq!(again.ids(), ring.ids());
        }
        assert_eq!(
            Keyring::new([a.clone(), b.clone()]).without(a.id()).ids(),
            vec![b.id()]
        );
    }

    #[test]
    fn a_malformed_keyring_is_refused_by_place_never_by_value() {
        let good = StoreKey::generate().to_base64();
        let text = format!("{},not-a-key-but-secret", good.expose_secret());
        let error = Keyring::from_base64(&text.into()).unwrap_err().to_string();
        assert!(error.contains("key number 2"), "{error}");
        assert!(!error.contains("not-a-key-but-secret"), "{error}");
        assert!(!error.contains(good.expose_secret()), "{error}");
        for empty in ["", " \n ", ",,"] {
            let error = Keyring::from_base64(&empty.to_string().into())
                .unwrap_err()
                .to_string();
            assert!(error.contains("holds no key"), "{error}");
        }
        let ring = Keyring::from(StoreKey::generate());
        let shown = format!("{ring:?}");
        assert!(shown.starts_with("Keyring(["), "{shown}");
        assert!(!shown.contains(ring.to_base64().expose_secret().trim()));
    }
}
