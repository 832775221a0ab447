//! A key's id, derived from the key itself: what names a key in messages,
//! in a store's list of keys and in every value it sealed.

use std::fmt;
use std::str::FromStr;

use sha2::{Digest, Sha256};

/// What a key id is derived from, besides the key.
const ID_CONTEXT: &[u8] = b"connectors-update key id\0";

/// A key's id: the first 32 bits of a SHA-256 of the key (with a context
/// string), shown as 8 hex digits. It names a key in messages, in the
/// store's list of keys and in every value the key sealed, and says nothing
/// usable about the key (which has 256 random bits).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId(u32);

impl KeyId {
    /// The id of `key`.
    pub(crate) fn of(key: &[u8]) -> Self {
        let digest = Sha256::new()
            .chain_update(ID_CONTEXT)
            .chain_update(key)
            .finalize();
        KeyId(u32::from_be_bytes([
            digest[0], digest[1], digest[2], digest[3],
        ]))
    }

    /// The id as a sealed value's header holds it.
    pub(crate) fn to_be_bytes(self) -> [u8; 4] {
        self.0.to_be_bytes()
    }

    /// The id a sealed value's header holds.
    pub(crate) fn from_be_bytes(bytes: [u8; 4]) -> Self {
        KeyId(u32::from_be_bytes(bytes))
    }

    /// The id as a database column holds it.
    pub(crate) fn to_column(self) -> i64 {
        i64::from(self.0)
    }

    /// The id a database column holds (`None` for a value out of range).
    pub(crate) fn from_column(value: i64) -> Option<Self> {
        u32::try_from(value).ok().map(KeyId)
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:08x}", self.0)
    }
}

/// Text that is not a key id. It does not repeat the text: a key pasted
/// where its id belongs must not be printed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "that is not a key id ({0} characters): a key id is 8 hex digits, as `connector keys` lists them"
)]
pub struct InvalidKeyId(usize);

impl FromStr for KeyId {
    type Err = InvalidKeyId;

    /// 8 hex digits, as [`KeyId`] is shown (`connector keys` lists them).
    fn from_str(text: &str) -> Result<Self, InvalidKeyId> {
        let trimmed = text.trim();
        if trimmed.len() != 8 || !trimmed.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(InvalidKeyId(text.chars().count()));
        }
        u32::from_str_radix(trimmed, 16)
            .map(KeyId)
            .map_err(|_| InvalidKeyId(text.chars().count()))
    }
}

impl serde::Serialize for KeyId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
