//! The key a database store seals its values with, and where it comes from:
//! a base64 value (the CLI's `CONNECTORS_KEY`) or a key file, created on
//! first use with mode 0600.
//!
//! A key file is replaced without a moment in which no good key is on disk:
//! a new key is first written beside it as `FILE.next`, the store is
//! re-sealed in one transaction, and only then is `FILE.next` renamed over
//! `FILE`. Opening a store finishes (or forgets) a rotation a crash cut short.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::XChaCha20Poly1305;
use chacha20poly1305::aead::{Generate, Key};
use secrecy::{ExposeSecret, SecretBox, SecretString};

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

    pub(crate) fn bytes(&self) -> &[u8; KEY_BYTES] {
        self.0.expose_secret()
    }
}

/// Where a store's key comes from.
#[derive(Clone, Debug)]
pub enum KeySource {
    /// This key (the CLI reads it from `CONNECTORS_KEY`).
    Key(StoreKey),
    /// The key in this file, which a new store creates (mode 0600).
    File(PathBuf),
    /// No key was given: a store that needs one says where it could come from.
    Missing,
}

impl KeySource {
    /// The key file beside an SQLite store: `PATH.key`.
    pub fn beside(store: &Path) -> Self {
        let mut name = store.as_os_str().to_owned();
        name.push(".key");
        KeySource::File(PathBuf::from(name))
    }

    /// The key, which must exist: a store with sealed values never gets a new one.
    pub(crate) fn load(&self) -> Result<StoreKey, KeyError> {
        match self {
            KeySource::Key(key) => Ok(key.clone()),
            KeySource::File(path) => read_key_file(path)?.ok_or_else(|| KeyError::Missing {
                looked: format!("the key file {}", path.display()),
            }),
            KeySource::Missing => Err(KeyError::Missing {
                looked: "neither CONNECTORS_KEY nor --key-file was given".into(),
            }),
        }
    }

    /// The key, made and saved if this is a key file that does not exist yet.
    pub(crate) fn load_or_create(&self) -> Result<StoreKey, KeyError> {
        match self {
            KeySource::File(path) => match read_key_file(path)? {
                Some(key) => Ok(key),
                None => {
                    let key = StoreKey::generate();
                    match write_key_file(path, &key) {
                        Ok(()) => Ok(key),
                        // Another process made it first: use theirs.
                        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => self.load(),
                        Err(e) => Err(key_file_error(path, e)),
                    }
                }
            },
            KeySource::Missing => Err(KeyError::NoneGiven),
            other => other.load(),
        }
    }

    /// The key a rotation cut short by a crash had staged (`FILE.next`), if any.
    pub(crate) fn staged(&self) -> Result<Option<StoreKey>, KeyError> {
        match self {
            KeySource::File(path) => read_key_file(&next_path(path)),
            _ => Ok(None),
        }
    }

    /// Writes `key` as the next key (`FILE.next`) before the store is re-sealed with it.
    pub(crate) fn stage(&self, key: &StoreKey) -> Result<(), KeyError> {
        let KeySource::File(path) = self else {
            return Ok(());
        };
        let next = next_path(path);
        match fs::remove_file(&next) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(key_file_error(&next, e)),
        }
        write_key_file(&next, key).map_err(|e| key_file_error(&next, e))
    }

    /// Makes the staged key the key (after the re-sealing committed).
    pub(crate) fn promote_staged(&self) -> Result<(), KeyError> {
        let KeySource::File(path) = self else {
            return Ok(());
        };
        let next = next_path(path);
        fs::rename(&next, path).map_err(|e| key_file_error(path, e))?;
        sync_parent(path).map_err(|e| key_file_error(path, e))
    }

    /// Forgets a staged key whose rotation never committed.
    pub(crate) fn discard_staged(&self) -> Result<(), KeyError> {
        let KeySource::File(path) = self else {
            return Ok(());
        };
        match fs::remove_file(next_path(path)) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(key_file_error(path, e)),
        }
    }

    /// Where the key is, for messages (never the key).
    pub fn describe(&self) -> String {
        match self {
            KeySource::Key(_) => "the given key".into(),
            KeySource::File(path) => format!("the key file {}", path.display()),
            KeySource::Missing => "no key".into(),
        }
    }
}

fn next_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".next");
    PathBuf::from(name)
}

fn read_key_file(path: &Path) -> Result<Option<StoreKey>, KeyError> {
    let mut text = String::new();
    match File::open(path) {
        Ok(mut file) => file
            .read_to_string(&mut text)
            .map_err(|e| key_file_error(path, e))?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(key_file_error(path, e)),
    };
    let text = SecretString::from(text);
    StoreKey::from_base64(&text).map(Some).map_err(|e| match e {
        KeyError::Malformed(why) => {
            KeyError::Malformed(format!("the key file {}: {why}", path.display()))
        }
        other => other,
    })
}

/// Writes a new key file whole or not at all: a temporary file with mode
/// 0600, synced, then linked to `path` only if nothing is there yet.
fn write_key_file(path: &Path, key: &StoreKey) -> io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let mut builder = tempfile::Builder::new();
    builder.prefix(".connectors-key-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o600));
    }
    let mut temp = builder.tempfile_in(dir.unwrap_or(Path::new(".")))?;
    temp.write_all(key.to_base64().expose_secret().as_bytes())?;
    temp.write_all(b"\n")?;
    temp.as_file().sync_all()?;
    temp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_parent(path)
}

/// Makes a rename or a new file in `path`'s folder durable.
fn sync_parent(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        OpenOptions::new().read(true).open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// The key file at `path` could not be read or written.
fn key_file_error(path: &Path, error: io::Error) -> KeyError {
    KeyError::Io {
        path: path.display().to_string(),
        reason: error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_is_created_owner_only_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let source = KeySource::beside(&dir.path().join("s.db"));
        let KeySource::File(path) = &source else {
            unreachable!()
        };
        assert!(matches!(source.load(), Err(KeyError::Missing { .. })));
        let made = source.load_or_create().unwrap();
        assert_eq!(source.load().unwrap().bytes(), made.bytes());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }

    #[test]
    fn a_malformed_key_is_refused_without_echoing_it() {
        let text = SecretString::from("not-a-key-but-secret".to_string());
        let error = StoreKey::from_base64(&text).unwrap_err().to_string();
        assert!(!error.contains("not-a-key-but-secret"), "{error}");
        let short = SecretString::from(STANDARD.encode([1u8; 16]));
        assert!(
            StoreKey::from_base64(&short)
                .unwrap_err()
                .to_string()
                .contains("16 bytes")
        );
        assert_eq!(format!("{:?}", StoreKey::generate()), "StoreKey(******)");
    }

    #[test]
    fn staging_promoting_and_discarding() {
        let dir = tempfile::tempdir().unwrap();
        let source = KeySource::beside(&dir.path().join("s.db"));
        let first = source.load_or_create().unwrap();
        let second = StoreKey::generate();
        source.stage(&second).unwrap();
        assert_eq!(source.staged().unwrap().unwrap().bytes(), second.bytes());
        source.discard_staged().unwrap();
        assert!(source.staged().unwrap().is_none());
        assert_eq!(source.load().unwrap().bytes(), first.bytes());
        source.stage(&second).unwrap();
        source.promote_staged().unwrap();
        assert_eq!(source.load().unwrap().bytes(), second.bytes());
        assert!(source.staged().unwrap().is_none());
    }
}
