//! Sealing property values with XChaCha20-Poly1305 before they reach a
//! database, bound to their connector and property, to whether they are
//! secret, and to the key that sealed them; and sealing each connector's
//! record of its values, so that a value rolled back, deleted or added
//! outside the store is caught.
//!
//! A sealed value is `3 ‖ key id (4 bytes) ‖ nonce (24 bytes) ‖ ciphertext
//! ‖ tag (16 bytes)`: the first byte names this format, the key id which
//! key of the store's keyring sealed it (as Tink's 5-byte output prefix
//! does), and the nonce is random (192 bits leave no practical chance of
//! reuse). The associated data is the header (format and key id), the
//! secret mark, and what the value belongs to, so a value copied to another
//! connector or property, given another key id, or whose secret mark was
//! flipped in the table, no longer opens.
//!
//! A value's seal cannot say how old it is: a value copied back from a
//! backup of the same connector and property opens. So each connector
//! also has a *connector seal* (`4 ‖ key id ‖ nonce ‖ ciphertext ‖ tag`),
//! kept in the connector's row: its plaintext lists every property's name,
//! secret mark and value fingerprint (the value's 16-byte tag, which a
//! random nonce makes different at every seal), and its associated data
//! binds the connector's id, name, kind and revision. Every write seals it
//! again with the revision it writes. A row whose mark or fingerprint
//! differs from the list (a value rolled back or a mark flipped), a row the
//! list does not name (added) and a name with no row (deleted) are damaged;
//! a connector row whose revision, name or kind was changed fails as a
//! whole. Why a list of fingerprints rather than the revision each value
//! was written at: it needs no new column per value, and a write that
//! changes one property of a thousand seals one value and one list of a
//! thousand short entries (about 40 KB through one cipher pass), without
//! reading the other values. What it cannot catch is a whole connector
//! (its row and all its values) copied back from one backup: that is a
//! restore, consistent in itself.
//!
//! Format 2 (values before the secret mark was bound) and format 1 (stores
//! before keyrings: no key id) are only opened, to migrate such a store
//! forward.

use chacha20poly1305::aead::{Aead, Generate, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use secrecy::{ExposeSecret, SecretString};

use super::key::StoreKey;
use super::keyring::KeyId;

/// The first byte of every sealed value: this format.
const FORMAT: u8 = 3;
/// The format of values before the secret mark was bound (schema 3).
const FORMAT_2: u8 = 2;
/// The format of stores before keyrings.
const FORMAT_1: u8 = 1;
/// The first byte of a connector seal.
const CONNECTOR: u8 = 4;
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

/// The id of the key that sealed `sealed` (a value, or a connector seal),
/// as its header says (`None` for bytes in no format with a key id).
pub(crate) fn sealed_by(sealed: &[u8]) -> Option<KeyId> {
    match sealed {
        [FORMAT | FORMAT_2 | CONNECTOR, a, b, c, d, ..] => {
            Some(KeyId::from_be_bytes([*a, *b, *c, *d]))
        }
        _ => None,
    }
}

/// Whether `sealed` is a value of format 2, which does not bind the secret
/// mark (schema 3): opened only to seal it again when the store migrates.
pub(crate) fn is_format_2(sealed: &[u8]) -> bool {
    sealed.first() == Some(&FORMAT_2)
}

/// What a connector seal lists for a value: its tag, unique to each
/// sealing (bytes too short to be a sealed value stand for themselves).
pub(crate) fn fingerprint(sealed: &[u8]) -> &[u8] {
    &sealed[sealed.len().saturating_sub(TAG_BYTES)..]
}

/// What a connector seal binds besides its list: the connector's row.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ConnectorHead<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: Option<&'a str>,
    pub revision: u64,
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

    /// Seals the value of property `name` of connector `connector`, marked
    /// `secret` (or not).
    pub(crate) fn seal(
        &self,
        connector: &str,
        name: &str,
        secret: bool,
        value: &SecretString,
    ) -> Vec<u8> {
        let header = self.header(FORMAT);
        self.encrypt(
            &header,
            &property_aad(&header, Some(secret), connector, name),
            value.expose_secret().as_bytes(),
        )
    }

    /// Seals a connector's list of its values (see the module's header),
    /// bound to its row.
    pub(crate) fn seal_connector(&self, head: ConnectorHead<'_>, list: &[u8]) -> Vec<u8> {
        let header = self.header(CONNECTOR);
        self.encrypt(&header, &connector_aad(&header, head), list)
    }

    /// Opens what [`Sealer::seal_connector`] sealed for this same row.
    pub(crate) fn open_connector(
        &self,
        head: ConnectorHead<'_>,
        sealed: &[u8],
    ) -> Result<Vec<u8>, Unopened> {
        let header = self.header(CONNECTOR);
        self.open_with(&header, &connector_aad(&header, head), sealed)
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

    /// Opens what [`Sealer::seal`] sealed for the same connector, property
    /// and secret mark with this key.
    pub(crate) fn open(
        &self,
        connector: &str,
        name: &str,
        secret: bool,
        sealed: &[u8],
    ) -> Result<SecretString, Unopened> {
        let header = self.header(FORMAT);
        let bytes = self.open_with(
            &header,
            &property_aad(&header, Some(secret), connector, name),
            sealed,
        )?;
        String::from_utf8(bytes)
            .map(SecretString::from)
            .map_err(|_| Unopened)
    }

    /// Opens a value of format 2 (no secret mark bound), to migrate it.
    pub(crate) fn open_format_2(
        &self,
        connector: &str,
        name: &str,
        sealed: &[u8],
    ) -> Result<SecretString, Unopened> {
        let header = self.header(FORMAT_2);
        let bytes = self.open_with(
            &header,
            &property_aad(&header, None, connector, name),
            sealed,
        )?;
        String::from_utf8(bytes)
            .map(SecretString::from)
            .map_err(|_| Unopened)
    }

    /// Opens `header ‖ nonce ‖ ciphertext ‖ tag` when its header is `header`.
    fn open_with(&self, header: &[u8], aad: &[u8], sealed: &[u8]) -> Result<Vec<u8>, Unopened> {
        if sealed.len() < HEADER_BYTES + NONCE_BYTES + TAG_BYTES
            || sealed[..HEADER_BYTES] != *header
        {
            return Err(Unopened);
        }
        self.decrypt(aad, &sealed[HEADER_BYTES..])
    }

    /// Opens a value of a store before keyrings (format 1).
    pub(crate) fn open_format_1(
        &self,
        connector: &str,
        name: &str,
        sealed: &[u8],
    ) -> Result<SecretString, Unopened> {
        let bytes =
            self.open_bytes_format_1(&property_aad(&[], None, connector, name)[..], sealed)?;
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

    fn header(&self, format: u8) -> [u8; HEADER_BYTES] {
        let id = self.id.to_be_bytes();
        [format, id[0], id[1], id[2], id[3]]
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
        self.seal_format_1(&property_aad(&[], None, connector, name), value.as_bytes())
    }

    /// A property's value sealed as schema 3 sealed it (format 2, no secret
    /// mark bound), for the tests of its migration.
    #[cfg(test)]
    pub(crate) fn seal_format_2(&self, connector: &str, name: &str, value: &str) -> Vec<u8> {
        let header = self.header(FORMAT_2);
        self.encrypt(
            &header,
            &property_aad(&header, None, connector, name),
            value.as_bytes(),
        )
    }

    /// A value sealed as stores before keyrings sealed it (for tests).
    #[cfg(test)]
    pub(crate) fn seal_format_1(&self, aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
        self.encrypt(&[FORMAT_1], aad, plaintext)
    }
}

/// `header ‖ p ‖ [secret mark] ‖ len(connector) ‖ connector ‖ name`:
/// unambiguous for any two strings (format 1 had no header, formats 1 and
/// 2 no secret mark: `None`).
fn property_aad(header: &[u8], secret: Option<bool>, connector: &str, name: &str) -> Vec<u8> {
    let mut aad = Vec::with_capacity(header.len() + 10 + connector.len() + name.len());
    aad.extend_from_slice(header);
    aad.push(b'p');
    if let Some(secret) = secret {
        aad.push(u8::from(secret));
    }
    aad.extend_from_slice(&(connector.len() as u64).to_be_bytes());
    aad.extend_from_slice(connector.as_bytes());
    aad.extend_from_slice(name.as_bytes());
    aad
}

/// `header ‖ c ‖ id ‖ name ‖ kind ‖ revision`, each text length-prefixed
/// and the kind's absence told apart from an empty kind.
fn connector_aad(header: &[u8], head: ConnectorHead<'_>) -> Vec<u8> {
    let mut aad = Vec::with_capacity(header.len() + 40 + head.id.len() + head.name.len());
    aad.extend_from_slice(header);
    aad.push(b'c');
    for text in [head.id, head.name] {
        aad.extend_from_slice(&(text.len() as u64).to_be_bytes());
        aad.extend_from_slice(text.as_bytes());
    }
    match head.kind {
        Some(kind) => {
            aad.push(1);
            aad.extend_from_slice(&(kind.len() as u64).to_be_bytes());
            aad.extend_from_slice(kind.as_bytes());
        }
        None => aad.push(0),
    }
    aad.extend_from_slice(&head.revision.to_be_bytes());
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
        let sealed = sealer.seal("c1", "APIKey", true, &secret("s3cret"));
        assert!(!sealed.windows(6).any(|w| w == b"s3cret"));
        assert_eq!(
            sealer
                .open("c1", "APIKey", true, &sealed)
                .unwrap()
                .expose_secret(),
            "s3cret"
        );
        assert_eq!(
            sealer.open("c2", "APIKey", true, &sealed).unwrap_err(),
            Unopened
        );
        assert_eq!(
            sealer.open("c1", "Other", true, &sealed).unwrap_err(),
            Unopened
        );
        // "c1"+"xAPIKey" and "c1x"+"APIKey" do not share associated data.
        let moved = sealer.seal("c1x", "APIKey", true, &secret("v"));
        assert!(sealer.open("c1", "xAPIKey", true, &moved).is_err());
    }

    #[test]
    fn a_sealed_value_names_its_key_and_another_key_id_does_not_open_it() {
        let key = StoreKey::generate();
        let sealer = Sealer::new(&key);
        let sealed = sealer.seal("c", "n", true, &secret("v"));
        assert_eq!(sealed_by(&sealed), Some(key.id()));
        assert_eq!(sealed[0], 3);
        // The key id is authenticated: another id in the header fails.
        let mut relabelled = sealed.clone();
        relabelled[1] ^= 0xff;
        assert!(sealer.open("c", "n", true, &relabelled).is_err());
        assert_ne!(sealed_by(&relabelled), Some(key.id()));
        assert_eq!(sealed_by(&[1, 2, 3]), None);
        assert_eq!(sealed_by(&[]), None);
    }

    #[test]
    fn any_flipped_bit_or_another_key_is_detected() {
        let sealer = Sealer::new(&StoreKey::generate());
        let sealed = sealer.seal("c1", "A", true, &secret("value"));
        for i in 0..sealed.len() {
            let mut tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assert!(sealer.open("c1", "A", true, &tampered).is_err(), "byte {i}");
        }
        assert!(sealer.open("c1", "A", true, &sealed[..10]).is_err());
        assert!(sealer.open("c1", "A", true, &[]).is_err());
        let other = Sealer::new(&StoreKey::generate());
        assert!(other.open("c1", "A", true, &sealed).is_err());
    }

    #[test]
    fn format_1_values_and_key_checks_still_open() {
        let sealer = Sealer::new(&StoreKey::generate());
        let old = sealer.seal_format_1(&property_aad(&[], None, "c", "n"), b"v1");
        assert_eq!(
            sealer
                .open_format_1("c", "n", &old)
                .unwrap()
                .expose_secret(),
            "v1"
        );
        assert!(sealer.open_format_1("c", "m", &old).is_err());
        assert!(
            sealer.open("c", "n", true, &old).is_err(),
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
            sealer.seal("c", "n", true, &secret("v")),
            sealer.seal("c", "n", true, &secret("v"))
        );
    }

    #[test]
    fn the_secret_mark_is_sealed_with_the_value() {
        let sealer = Sealer::new(&StoreKey::generate());
        let sealed = sealer.seal("c", "APIKey", true, &secret("v"));
        assert!(sealer.open("c", "APIKey", false, &sealed).is_err());
        let plain = sealer.seal("c", "Url", false, &secret("u"));
        assert!(sealer.open("c", "Url", true, &plain).is_err());
        assert!(sealer.open("c", "Url", false, &plain).is_ok());
    }

    #[test]
    fn format_2_values_open_only_as_format_2() {
        let sealer = Sealer::new(&StoreKey::generate());
        let old = sealer.seal_format_2("c", "n", "v2");
        assert!(is_format_2(&old));
        assert_eq!(sealed_by(&old), Some(sealer.id()));
        assert_eq!(
            sealer
                .open_format_2("c", "n", &old)
                .unwrap()
                .expose_secret(),
            "v2"
        );
        assert!(sealer.open("c", "n", false, &old).is_err());
        assert!(sealer.open("c", "n", true, &old).is_err());
        let new = sealer.seal("c", "n", false, &secret("v"));
        assert!(sealer.open_format_2("c", "n", &new).is_err());
    }

    #[test]
    fn a_connector_seal_opens_only_for_the_row_it_was_sealed_for() {
        let sealer = Sealer::new(&StoreKey::generate());
        let head = ConnectorHead {
            id: "c",
            name: "Prod",
            kind: Some("rest-api"),
            revision: 3,
        };
        let sealed = sealer.seal_connector(head, b"list");
        assert_eq!(sealed_by(&sealed), Some(sealer.id()));
        assert_eq!(sealer.open_connector(head, &sealed).unwrap(), b"list");
        for other in [
            ConnectorHead {
                revision: 2,
                ..head
            },
            ConnectorHead {
                name: "Other",
                ..head
            },
            ConnectorHead { kind: None, ..head },
            ConnectorHead {
                kind: Some(""),
                ..head
            },
            ConnectorHead { id: "d", ..head },
        ] {
            assert!(sealer.open_connector(other, &sealed).is_err(), "{other:?}");
        }
        // A value's seal is not a connector seal, nor the other way round.
        let value = sealer.seal("c", "n", false, &secret("v"));
        assert!(sealer.open_connector(head, &value).is_err());
        assert!(sealer.open("c", "n", false, &sealed).is_err());
        assert_eq!(fingerprint(&value), &value[value.len() - 16..]);
        assert_eq!(fingerprint(b"ab"), b"ab");
    }
}
