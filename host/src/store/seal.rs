//! Sealing property values with XChaCha20-Poly1305 before they reach a
//! database, bound to their connector and property and to the key that
//! sealed them.
//!
//! A sealed value is `2 ‖ key id (4 bytes) ‖ nonce (24 bytes) ‖ ciphertext
//! ‖ tag (16 bytes)`: the first byte names this format, the key id which
//! key of the store's keyring sealed it (as Tink's 5-byte output prefix
//! does), and the nonce is random (192 bits leave no practical chance of
//! reuse). The associated data is the header (format and key id) and what
//! the value belongs to, so a value copied to another connector or
//! property, or given another key id, no longer opens.
//!
//! Format 1 (stores before keyrings: no key id) is only opened, to migrate
//! such a store forward.

use chacha20poly1305::aead::{Aead, Generate, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use secrecy::{ExposeSecret, SecretString};

use super::key::StoreKey;
use super::keyring::KeyId;

/// The first byte of every sealed value: this format.
const FORMAT: u8 = 2;
/// The format of stores before keyrings.
const FORMAT_1: u8 = 1;
const HEADER_BYTES: usize = 5;
const NONCE_BYTES: usize = 24;
const TAG_BYTES: usize = 16;

/// What a format-1 store's key check sealed.
const KEY_CHECK: &[u8] = b"connectors-update store key check";

/// Seals and opens values with one store key.
pub(crate) struct Sealer {
    id: KeyId,
    cipher: XChaCha20Poly1305,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sealer({})", self.id)
    }
}

/// A sealed value did not open: it was changed, moved or sealed with another key.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Unopened;

/// The id of the key that sealed `sealed`, as its header says (`None` for
/// a value in no format this build writes).
pub(crate) fn sealed_by(sealed: &[u8]) -> Option<KeyId> {
    match sealed {
        [FORMAT, a, b, c, d, ..] => Some(KeyId::from_be_bytes([*a, *b, *c, *d])),
        _ => None,
    }
}

impl Sealer {
    pub(crate) fn new(key: &StoreKey) -> Self {
        Sealer {
            id: key.id(),
            cipher: XChaCha20Poly1305::new(key.bytes().into()),
        }
    }

    /// The id of its key.
    pub(crate) fn id(&self) -> KeyId {
        self.id
    }

    /// Seals the value of property `name` of connector `connector`.
    pub(crate) fn seal(&self, connector: &str, name: &str, value: &SecretString) -> Vec<u8> {
        let header = self.header();
        self.encrypt(
            &header,
            &property_aad(&header, connector, name),
            value.expose_secret().as_bytes(),
        )
    }

    /// `header ‖ nonce ‖ ciphertext ‖ tag`, with a new random nonce.
    fn encrypt(&self, header: &[u8], aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
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
        let mut sealed = Vec::with_capacity(header.len() + NONCE_BYTES + ciphertext.len());
        sealed.extend_from_slice(header);
        sealed.extend_from_slice(&nonce);
        sealed.extend_from_slice(&ciphertext);
        sealed
    }

    /// Opens what [`Sealer::seal`] sealed for the same connector and
    /// property with this key.
    pub(crate) fn open(
        &self,
        connector: &str,
        name: &str,
        sealed: &[u8],
    ) -> Result<SecretString, Unopened> {
        let header = self.header();
        if sealed.len() < HEADER_BYTES + NONCE_BYTES + TAG_BYTES || sealed[..HEADER_BYTES] != header
        {
            return Err(Unopened);
        }
        let bytes = self.decrypt(
            &property_aad(&header, connector, name),
            &sealed[HEADER_BYTES..],
        )?;
        String::from_utf8(bytes)
            .map(SecretString::from)
            .map_err(|_| Unopened)
    }

    /// Opens a value of a store before keyrings (format 1).
    pub(crate) fn open_format_1(
        &self,
        connector: &str,
        name: &str,
        sealed: &[u8],
    ) -> Result<SecretString, Unopened> {
        let bytes = self.open_bytes_format_1(&property_aad(&[], connector, name)[..], sealed)?;
        String::from_utf8(bytes)
            .map(SecretString::from)
            .map_err(|_| Unopened)
    }

    /// Whether `check`, the key check of a store before keyrings, was made
    /// with this key.
    pub(crate) fn opens_format_1_key_check(&self, check: &[u8]) -> bool {
        self.open_bytes_format_1(b"k", check)
            .is_ok_and(|text| text == KEY_CHECK)
    }

    fn header(&self) -> [u8; HEADER_BYTES] {
        let id = self.id.to_be_bytes();
        [FORMAT, id[0], id[1], id[2], id[3]]
    }

    fn open_bytes_format_1(&self, aad: &[u8], sealed: &[u8]) -> Result<Vec<u8>, Unopened> {
        if sealed.len() < 1 + NONCE_BYTES + TAG_BYTES || sealed[0] != FORMAT_1 {
            return Err(Unopened);
        }
        self.decrypt(aad, &sealed[1..])
    }

    /// Decrypts `nonce ‖ ciphertext ‖ tag`.
    fn decrypt(&self, aad: &[u8], body: &[u8]) -> Result<Vec<u8>, Unopened> {
        let (nonce, ciphertext) = body.split_at(NONCE_BYTES);
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

    /// A format-1 key check made with this key, as stores before keyrings
    /// kept (for the tests of their migration).
    #[cfg(test)]
    pub(crate) fn format_1_key_check(&self) -> Vec<u8> {
        self.seal_format_1(b"k", KEY_CHECK)
    }

    /// A property's value sealed as stores before keyrings sealed it (for
    /// the tests of their migration).
    #[cfg(test)]
    pub(crate) fn seal_property_format_1(
        &self,
        connector: &str,
        name: &str,
        value: &str,
    ) -> Vec<u8> {
        self.seal_format_1(&property_aad(&[], connector, name), value.as_bytes())
    }

    /// A value sealed as stores before keyrings sealed it (for tests).
    #[cfg(test)]
    pub(crate) fn seal_format_1(&self, aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
        self.encrypt(&[FORMAT_1], aad, plaintext)
    }
}

/// `header ‖ p ‖ len(connector) ‖ connector ‖ name`: unambiguous for any
/// two strings (format 1 had no header).
fn property_aad(header: &[u8], connector: &str, name: &str) -> Vec<u8> {
    let mut aad = Vec::with_capacity(header.len() + 9 + connector.len() + name.len());
    aad.extend_from_slice(header);
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
    fn a_sealed_value_names_its_key_and_another_key_id_does_not_open_it() {
        let key = StoreKey::generate();
        let sealer = Sealer::new(&key);
        let sealed = sealer.seal("c", "n", &secret("v"));
        assert_eq!(sealed_by(&sealed), Some(key.id()));
        assert_eq!(sealed[0], 2);
        // The key id is authenticated: another id in the header fails.
        let mut relabelled = sealed.clone();
        relabelled[1] ^= 0xff;
        assert!(sealer.open("c", "n", &relabelled).is_err());
        assert_ne!(sealed_by(&relabelled), Some(key.id()));
        assert_eq!(sealed_by(&[1, 2, 3]), None);
        assert_eq!(sealed_by(&[]), None);
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
        assert!(sealer.open("c1", "A", &[]).is_err());
        let other = Sealer::new(&StoreKey::generate());
        assert!(other.open("c1", "A", &sealed).is_err());
    }

    #[test]
    fn format_1_values_and_key_checks_still_open() {
        let sealer = Sealer::new(&StoreKey::generate());
        let old = sealer.seal_format_1(&property_aad(&[], "c", "n"), b"v1");
        assert_eq!(
            sealer
                .open_format_1("c", "n", &old)
                .unwrap()
                .expose_secret(),
            "v1"
        );
        assert!(sealer.open_format_1("c", "m", &old).is_err());
        assert!(
            sealer.open("c", "n", &old).is_err(),
            "format 1 is not format 2"
        );
        assert!(sealer.opens_format_1_key_check(&sealer.format_1_key_check()));
        let other = Sealer::new(&StoreKey::generate());
        assert!(!other.opens_format_1_key_check(&sealer.format_1_key_check()));
        assert!(other.open_format_1("c", "n", &old).is_err());
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
