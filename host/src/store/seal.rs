//! Sealing property values with XChaCha20-Poly1305 before they reach a
//! database, bound to their connector and property.
//!
//! A sealed value is `1 ‖ nonce (24 bytes) ‖ ciphertext ‖ tag (16 bytes)`:
//! the first byte names this format, the nonce is random (192 bits leave no
//! practical chance of reuse). The associated data names what the value
//! belongs to, so a sealed value copied to another connector or property
//! no longer opens.

use chacha20poly1305::aead::{Aead, Generate, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use secrecy::{ExposeSecret, SecretString};

use super::key::StoreKey;

/// The first byte of every sealed value: this format.
const FORMAT: u8 = 1;
const NONCE_BYTES: usize = 24;
const TAG_BYTES: usize = 16;

/// What the key check seals: opening it proves a key is the store's key.
const KEY_CHECK: &[u8] = b"connectors-update store key check";

/// Seals and opens values with one store key.
pub(crate) struct Sealer {
    cipher: XChaCha20Poly1305,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(******)")
    }
}

/// A sealed value did not open: it was changed, moved or sealed with another key.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Unopened;

impl Sealer {
    pub(crate) fn new(key: &StoreKey) -> Self {
        Sealer {
            cipher: XChaCha20Poly1305::new(key.bytes().into()),
        }
    }

    /// Seals the value of property `name` of connector `connector`.
    pub(crate) fn seal(&self, connector: &str, name: &str, value: &SecretString) -> Vec<u8> {
        self.seal_bytes(
            &property_aad(connector, name),
            value.expose_secret().as_bytes(),
        )
    }

    /// Opens what [`Sealer::seal`] sealed for the same connector and property.
    pub(crate) fn open(
        &self,
        connector: &str,
        name: &str,
        sealed: &[u8],
    ) -> Result<SecretString, Unopened> {
        let bytes = self.open_bytes(&property_aad(connector, name), sealed)?;
        String::from_utf8(bytes)
            .map(SecretString::from)
            .map_err(|_| Unopened)
    }

    /// A new key check: a known text sealed with this key.
    pub(crate) fn key_check(&self) -> Vec<u8> {
        self.seal_bytes(b"k", KEY_CHECK)
    }

    /// Whether `check` (from [`Sealer::key_check`]) was made with this key.
    pub(crate) fn opens_key_check(&self, check: &[u8]) -> bool {
        self.open_bytes(b"k", check)
            .is_ok_and(|text| text == KEY_CHECK)
    }

    fn seal_bytes(&self, aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
        let nonce = XNonce::generate();
        let ciphertext = self
            .cipher
            .encrypt(
                &nonce,
                Payload {
                    msg: plaintext,
                    aad,
                },
            )
            .unwrap_or_else(|_| unreachable!("XChaCha20-Poly1305 seals any value under 256 GiB"));
        let mut sealed = Vec::with_capacity(1 + NONCE_BYTES + ciphertext.len());
        sealed.push(FORMAT);
        sealed.extend_from_slice(&nonce);
        sealed.extend_from_slice(&ciphertext);
        sealed
    }

    fn open_bytes(&self, aad: &[u8], sealed: &[u8]) -> Result<Vec<u8>, Unopened> {
        if sealed.len() < 1 + NONCE_BYTES + TAG_BYTES || sealed[0] != FORMAT {
            return Err(Unopened);
        }
        let (nonce, ciphertext) = sealed[1..].split_at(NONCE_BYTES);
        let nonce = XNonce::try_from(nonce).map_err(|_| Unopened)?;
        self.cipher
            .decrypt(
                &nonce,
                Payload {
                    msg: ciphertext,
                    aad,
                },
            )
            .map_err(|_| Unopened)
    }
}

/// `p ‖ len(connector) ‖ connector ‖ name`: unambiguous for any two strings.
fn property_aad(connector: &str, name: &str) -> Vec<u8> {
    let mut aad = Vec::with_capacity(9 + connector.len() + name.len());
    aad.push(b'p');
    aad.extend_from_slice(&(connector.len() as u64).to_be_bytes());
    aad.extend_from_slice(connector.as_bytes());
    aad.extend_from_slice(name.as_bytes());
    aad
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(text: &str) -> SecretString {
        SecretString::from(text.to_string())
    }

    #[test]
    fn a_sealed_value_opens_only_where_it_was_sealed() {
        let sealer = Sealer::new(&StoreKey::generate());
        let sealed = sealer.seal("c1", "APIKey", &secret("s3cret"));
        assert!(!sealed.windows(6).any(|w| w == b"s3cret"));
        assert_eq!(
            sealer
                .open("c1", "APIKey", &sealed)
                .unwrap()
                .expose_secret(),
            "s3cret"
        );
        assert_eq!(sealer.open("c2", "APIKey", &sealed).unwrap_err(), Unopened);
        assert_eq!(sealer.open("c1", "Other", &sealed).unwrap_err(), Unopened);
        // "c1"+"xAPIKey" and "c1x"+"APIKey" do not share associated data.
        let moved = sealer.seal("c1x", "APIKey", &secret("v"));
        assert!(sealer.open("c1", "xAPIKey", &moved).is_err());
    }

    #[test]
    fn any_flipped_bit_or_another_key_is_detected() {
        let sealer = Sealer::new(&StoreKey::generate());
        let sealed = sealer.seal("c1", "A", &secret("value"));
        for i in 0..sealed.len() {
            let mut tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assert!(sealer.open("c1", "A", &tampered).is_err(), "byte {i}");
        }
        assert!(sealer.open("c1", "A", &sealed[..10]).is_err());
        let other = Sealer::new(&StoreKey::generate());
        assert!(other.open("c1", "A", &sealed).is_err());
        assert!(!other.opens_key_check(&sealer.key_check()));
        assert!(sealer.opens_key_check(&sealer.key_check()));
    }

    #[test]
    fn the_same_value_seals_differently_each_time() {
        let sealer = Sealer::new(&StoreKey::generate());
        assert_ne!(
            sealer.seal("c", "n", &secret("v")),
            sealer.seal("c", "n", &secret("v"))
        );
    }
}
