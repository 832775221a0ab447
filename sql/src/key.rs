//! A store key: 32 secret bytes, their base64 text, and the guard that
//! keeps a key's text out of every message. Where a store's keyring comes
//! from (a key file, `CONNECTORS_KEY`) is `key_file.rs`, above this file
//! and `keyring.rs`.

use std::fmt;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::XChaCha20Poly1305;
use chacha20poly1305::aead::{Generate, Key};
use secrecy::{ExposeSecret, SecretBox, SecretString};

use super::key_id::KeyId;
use crate::error::KeyError;

/// How many bytes a key has (XChaCha20-Poly1305's 256-bit key).
pub const KEY_BYTES: usize = 32;

/// A store key: 32 secret bytes, wiped from memory when dropped.
pub struct StoreKey(SecretBox<[u8; KEY_BYTES]>);

impl fmt::Debug for StoreKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StoreKey(******)")
    }
}

impl Clone for StoreKey {
    fn clone(&self) -> Self {
        StoreKey(SecretBox::new(Box::new(*self.0.expose_secret())))
    }
}

impl StoreKey {
    /// A new random key from the operating system's generator.
    pub fn generate() -> Self {
        let key = Key::<XChaCha20Poly1305>::generate();
        let mut bytes = [0u8; KEY_BYTES];
        bytes.copy_from_slice(&key);
        StoreKey(SecretBox::new(Box::new(bytes)))
    }

    /// A key from its base64 text (standard alphabet, padded), as
    /// `CONNECTORS_KEY` holds it. The error never repeats the text.
    pub fn from_base64(text: &SecretString) -> Result<Self, KeyError> {
        let bytes = STANDARD
            .decode(text.expose_secret().trim())
            .map_err(|_| KeyError::Malformed("it is not base64 text".into()))?;
        let bytes: [u8; KEY_BYTES] = bytes.try_into().map_err(|b: Vec<u8>| {
            KeyError::Malformed(format!(
                "it holds {} bytes, and a key has {KEY_BYTES}",
                b.len()
            ))
        })?;
        Ok(StoreKey(SecretBox::new(Box::new(bytes))))
    }

    /// The key as base64 text: for writing it where it belongs, never for printing.
    pub fn to_base64(&self) -> SecretString {
        SecretString::from(STANDARD.encode(self.0.expose_secret()))
    }

    /// Its id: what the store and every value it sealed call it.
    pub fn id(&self) -> KeyId {
        KeyId::of(self.0.expose_secret())
    }

    pub(crate) fn bytes(&self) -> &[u8; KEY_BYTES] {
        self.0.expose_secret()
    }
}

/// How long a key's base64 text is (32 bytes, padded).
const KEY_TEXT_LEN: usize = 44;

/// Whether `text` holds what looks like a store key: 44 characters of
/// base64 that decode to 32 bytes, as a key pasted where a path belongs
/// (`--key-file "$CONNECTORS_KEY"`) would.
pub(crate) fn holds_key(text: &str) -> bool {
    text.as_bytes().windows(KEY_TEXT_LEN).any(holds_key_at)
}

/// `text` with what looks like a store key ([`holds_key`]) in it replaced
/// by `(a store key, not repeated here)`: for a message that repeats what
/// a user typed (a name, an address, a file's path), as the last guard
/// against a key pasted in the wrong place.
pub fn redact_keys(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut at) = (0, 0);
    while at + KEY_TEXT_LEN <= bytes.len() {
        let window = &bytes[at..at + KEY_TEXT_LEN];
        if holds_key_at(window) {
            // Base64 is ASCII, so both ends are character boundaries.
            out.push_str(&text[copied..at]);
            out.push_str("(a store key, not repeated here)");
            at += KEY_TEXT_LEN;
            copied = at;
        } else {
            at += 1;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Whether these 44 bytes are a key's base64 text.
fn holds_key_at(window: &[u8]) -> bool {
    window[KEY_TEXT_LEN - 1] == b'='
        && STANDARD
            .decode(window)
            .is_ok_and(|decoded| decoded.len() == KEY_BYTES)
}

/// A path as a message shows it: as given, unless it holds what looks like
/// a key ([`holds_key`]), which no message repeats.
pub(crate) fn shown_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    if holds_key(&text) {
        "(a path that holds what looks like a store key, not repeated here: give a key in CONNECTORS_KEY, and a file's path to --key-file or --store)".into()
    } else {
        path.display().to_string()
    }
}
