//! Where a store's keyring comes from: base64 keys (the
//! CLI's `CONNECTORS_KEY`) or a key file, created with one key on first use
//! with mode 0600.
//!
//! A key file holds a keyring, one base64 key per line. It is only ever
//! replaced whole: a new version is written beside it, synced, and renamed
//! over it, so a crash leaves the old keyring or the new one, never a torn
//! file. A rotation adds its new key to the file before the store hears of
//! the key, so the store never names a key that no file holds.
//!
//! Processes that change a key file (staging, rotating, retiring) take
//! [`KeySource::lock`] first, an exclusive lock on `FILE.lock` beside it:
//! two rotations at once would each rewrite the file from the copy they
//! read, and the second would drop the key the first one added.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use secrecy::{ExposeSecret, SecretString};

use super::key::{StoreKey, shown_path};
use super::keyring::{KeyId, Keyring};
use crate::error::KeyError;

/// Where a store's keyring comes from.
#[derive(Clone, Debug)]
pub enum KeySource {
    /// These keys (the CLI reads them from `CONNECTORS_KEY`). A rotation
    /// adds its new key to this process's keyring only: giving it to the
    /// other machines is the caller's task.
    Keys(Keyring),
    /// The keyring in this file, given on purpose: a new store creates it
    /// with one key (mode 0600) if it is not there, or is sealed with the
    /// keys it holds; a rotation adds its new key to it.
    File(PathBuf),
    /// The key file beside an SQLite store, `PATH.key`, by default (no key
    /// file was given): as [`KeySource::File`], except that a new store
    /// never adopts one that is there already, since whoever put it there
    /// knows its key. Give such a file as [`KeySource::File`] to seal a new
    /// store with its keys on purpose.
    Beside(PathBuf),
    /// No key was given: a store that needs one says where it could come from.
    Missing,
}

impl From<StoreKey> for KeySource {
    fn from(key: StoreKey) -> Self {
        KeySource::Keys(Keyring::from(key))
    }
}

impl KeySource {
    /// The key file beside an SQLite store, `PATH.key`, by default
    /// ([`KeySource::Beside`]).
    pub fn beside(store: &Path) -> Self {
        let mut name = store.as_os_str().to_owned();
        name.push(".key");
        KeySource::Beside(PathBuf::from(name))
    }

    /// The key file, for a source that is one.
    pub fn file(&self) -> Option<&Path> {
        match self {
            KeySource::File(path) | KeySource::Beside(path) => Some(path),
            KeySource::Keys(_) | KeySource::Missing => None,
        }
    }

    /// The keyring, which must exist: a store with sealed values never gets
    /// a new one. A key file's keyring includes the key an earlier version's
    /// rotation had staged beside it (`FILE.next`), if a crash left one.
    pub(crate) fn load(&self) -> Result<Keyring, KeyError> {
        match self {
            KeySource::Keys(keys) => Ok(keys.clone()),
            KeySource::File(path) | KeySource::Beside(path) => {
                let ring = read_key_file(path)?.ok_or_else(|| KeyError::Missing {
                    looked: format!("the key file {}", shown_path(path)),
                })?;
                Ok(match read_key_file(&next_path(path))? {
                    Some(staged) => staged.keys().iter().cloned().fold(ring, Keyring::with),
                    None => ring,
                })
            }
            KeySource::Missing => Err(KeyError::Missing {
                looked: "neither CONNECTORS_KEY nor --key-file was given".into(),
            }),
        }
    }

    /// The keyring for a new store: made with one new key and saved if this
    /// is a key file that does not exist yet. A key file beside the store
    /// by default ([`KeySource::Beside`]) that is there already is refused:
    /// a new store never adopts a key file it did not write.
    pub(crate) fn load_or_create(&self) -> Result<Keyring, KeyError> {
        match self {
            KeySource::Beside(path) => {
                let ring = Keyring::from(StoreKey::generate());
                match write_key_file(path, &ring, false) {
                    Ok(()) => Ok(ring),
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists || path.is_symlink() => {
                        Err(planted(path))
                    }
                    Err(e) => Err(key_file_error(path, e)),
                }
            }
            KeySource::File(path) => match read_key_file(path)? {
                Some(_) => self.load(),
                None => {
                    let ring = Keyring::from(StoreKey::generate());
                    match write_key_file(path, &ring, false) {
                        Ok(()) => Ok(ring),
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

    /// Adds `key` to a key file (a no-op for given keys, or a file that
    /// holds it already), durably, before the store may use it.
    pub(crate) fn add(&self, key: &StoreKey) -> Result<(), KeyError> {
        let Some(path) = self.file() else {
            return Ok(());
        };
        let ring = read_key_file(path)?.unwrap_or_default();
        if ring.holds(key.id()) {
            return Ok(());
        }
        write_key_file(path, &ring.with(key.clone()), true).map_err(|e| key_file_error(path, e))
    }

    /// Takes the key with this id, retired in the store already, out of a
    /// key file (a no-op for given keys).
    pub(crate) fn remove(&self, id: KeyId) -> Result<(), KeyError> {
        let Some(path) = self.file() else {
            return Ok(());
        };
        let not_removed = |reason: String| KeyError::NotRemoved {
            key: id.to_string(),
            path: shown_path(path),
            reason,
        };
        let ring = match read_key_file(path) {
            Ok(Some(ring)) => ring,
            Ok(None) => return Ok(()),
            Err(KeyError::Io { reason, .. }) => return Err(not_removed(reason)),
            Err(other) => return Err(not_removed(other.to_string())),
        };
        if !ring.holds(id) {
            return Ok(());
        }
        write_key_file(path, &ring.without(id), true).map_err(|e| not_removed(e.to_string()))
    }

    /// A warning for a key file that users other than its owner may read
    /// or write (its mode lets group or others in), saying how to fix it;
    /// `None` for given keys, a file that does not exist, or one that is
    /// owner-only. A key file made here is always owner-only (0600).
    pub fn loose_permissions(&self) -> Option<String> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let path = self.file()?;
            let mode = fs::metadata(path).ok()?.permissions().mode() & 0o777;
            (mode & 0o077 != 0).then(|| {
                let shown = shown_path(path);
                format!(
                    "the key file {shown} can be read or changed by other users (mode {mode:04o}); make it owner-only: chmod 600 {shown}"
                )
            })
        }
        #[cfg(not(unix))]
        None
    }

    /// Settles a key an earlier version's rotation left staged beside the
    /// key file (`FILE.next`): a key the store knows (`keep`) joins the key
    /// file, any other is forgotten. A no-op when there is none.
    pub(crate) fn settle_staged(&self, keep: impl Fn(KeyId) -> bool) -> Result<(), KeyError> {
        let Some(path) = self.file() else {
            return Ok(());
        };
        let next = next_path(path);
        let Some(staged) = read_key_file(&next)? else {
            return Ok(());
        };
        for key in staged.keys().iter().filter(|k| keep(k.id())) {
            self.add(key)?;
        }
        match fs::remove_file(&next) {
            Ok(()) => sync_parent(&next).map_err(|e| key_file_error(&next, e)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(key_file_error(&next, e)),
        }
    }

    /// Waits for, then holds, the exclusive right to change this key file
    /// (`FILE.lock` beside it, created empty with mode 0600 and left there:
    /// removing a lock file others may be waiting on would let two in at
    /// once). `None` for given keys, which no other process changes. The
    /// lock is released when the returned guard is dropped, or the process
    /// ends, however it ends.
    pub(crate) fn lock(&self) -> Result<Option<KeyFileLock>, KeyError> {
        let Some(path) = self.file() else {
            return Ok(None);
        };
        let mut name = path.as_os_str().to_owned();
        name.push(".lock");
        let lock_path = PathBuf::from(name);
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options
            .open(&lock_path)
            .map_err(|e| key_file_error(&lock_path, e))?;
        file.lock().map_err(|e| key_file_error(&lock_path, e))?;
        Ok(Some(KeyFileLock { _file: file }))
    }

    /// What the key file looks like from outside now (its inode, size and
    /// time of change), to tell whether it changed since it was last read
    /// without reading it; `None` for given keys, or a file that cannot be
    /// looked at. Every change replaces the file (a new inode).
    pub(crate) fn stamp(&self) -> Option<KeyFileStamp> {
        let path = self.file()?;
        let metadata = fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = {
            use std::os::unix::fs::MetadataExt;
            (metadata.dev(), metadata.ino())
        };
        #[cfg(not(unix))]
        let inode = (0, 0);
        Some(KeyFileStamp {
            inode,
            len: metadata.len(),
            modified: metadata.modified().ok(),
        })
    }

    /// Where the keys are, for messages (never a key).
    pub fn describe(&self) -> String {
        match self {
            KeySource::Keys(ring) if ring.keys().len() == 1 => "the given key".into(),
            KeySource::Keys(_) => "the given keys".into(),
            KeySource::File(path) | KeySource::Beside(path) => {
                format!("the key file {}", shown_path(path))
            }
            KeySource::Missing => "no key".into(),
        }
    }
}

/// A key file's identity and size at one moment ([`KeySource::stamp`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct KeyFileStamp {
    inode: (u64, u64),
    len: u64,
    modified: Option<std::time::SystemTime>,
}

/// The exclusive right to change a key file, until dropped
/// ([`KeySource::lock`]).
#[derive(Debug)]
pub(crate) struct KeyFileLock {
    /// Holds the lock: closing it releases the lock.
    _file: File,
}

fn next_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".next");
    PathBuf::from(name)
}

/// The keyring in `path`, or `None` when there is no such file.
fn read_key_file(path: &Path) -> Result<Option<Keyring>, KeyError> {
    let mut text = String::new();
    match File::open(path) {
        Ok(mut file) => file
            .read_to_string(&mut text)
            .map_err(|e| key_file_error(path, e))?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(key_file_error(path, e)),
    };
    let text = SecretString::from(text);
    Keyring::from_base64(&text).map(Some).map_err(|e| match e {
        KeyError::Malformed(why) => {
            KeyError::Malformed(format!("the key file {}: {why}", shown_path(path)))
        }
        other => other,
    })
}

/// Writes a key file whole or not at all: a temporary file with mode 0600,
/// synced, then renamed to `path` (`replace`), or linked to it only if
/// nothing is there yet.
fn write_key_file(path: &Path, ring: &Keyring, replace: bool) -> io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let mut builder = tempfile::Builder::new();
    builder.prefix(".connectors-key-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o600));
    }
    let mut temp = builder.tempfile_in(dir.unwrap_or(Path::new(".")))?;
    temp.write_all(ring.to_base64().expose_secret().as_bytes())?;
    temp.as_file().sync_all()?;
    if replace {
        temp.persist(path).map_err(|e| e.error)?;
    } else {
        temp.persist_noclobber(path).map_err(|e| e.error)?;
    }
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

/// The refusal of a key file that was beside a new store before it was
/// created: someone else may know its key.
fn planted(path: &Path) -> KeyError {
    let shown = shown_path(path);
    KeyError::Io {
        path: shown.clone(),
        reason: format!(
            "it was there before this new store was created, and a new store never adopts a key file it did not write (whoever put it there may know its key). Remove it to have a new key made; or, to seal the new store with the keys it holds on purpose, give it as --key-file {shown} (or its keys in CONNECTORS_KEY)"
        ),
    }
}

/// The key file at `path` could not be read or written.
fn key_file_error(path: &Path, error: io::Error) -> KeyError {
    KeyError::Io {
        path: shown_path(path),
        reason: error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;

    use super::super::key::{holds_key, redact_keys};
    use super::*;

    #[test]
    fn a_key_file_is_created_owner_only_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let source = KeySource::beside(&dir.path().join("s.db"));
        let KeySource::Beside(path) = &source else {
            unreachable!()
        };
        assert!(matches!(source.load(), Err(KeyError::Missing { .. })));
        let made = source.load_or_create().unwrap();
        assert_eq!(made.ids().len(), 1);
        assert_eq!(source.load().unwrap().ids(), made.ids());
        // Beside a new store by default, an existing file is never adopted;
        // given on purpose, it is.
        let again = source.load_or_create().unwrap_err();
        assert!(again.to_string().contains("--key-file"), "{again}");
        let given = KeySource::File(path.clone());
        assert_eq!(given.load_or_create().unwrap().ids(), made.ids());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }

    #[test]
    fn a_key_file_is_changed_by_one_process_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let source = KeySource::beside(&dir.path().join("s.db"));
        source.load_or_create().unwrap();
        let lock_path = dir.path().join("s.db.key.lock");
        let other = || File::options().write(true).open(&lock_path).unwrap();
        let held = source.lock().unwrap().expect("a key file is locked");
        assert!(matches!(
            other().try_lock(),
            Err(fs::TryLockError::WouldBlock)
        ));
        drop(held);
        other()
            .try_lock()
            .expect("the lock is released when dropped");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&lock_path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        // Given keys have no file to lock.
        assert!(
            KeySource::from(StoreKey::generate())
                .lock()
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn a_key_given_as_a_path_is_never_shown() {
        let key = StoreKey::generate().to_base64();
        let key = key.expose_secret();
        // In a folder that does not exist, so that adding a key fails.
        for path in [
            format!("/nonexistent-connectors/{key}"),
            format!("/nonexistent-connectors/{key}.key"),
        ] {
            let source = KeySource::File(PathBuf::from(&path));
            let messages = [
                source.describe(),
                source.load().unwrap_err().to_string(),
                source.add(&StoreKey::generate()).unwrap_err().to_string(),
            ];
            for message in messages {
                assert!(!message.contains(key), "{message}");
                assert!(message.contains("looks like a store key"), "{message}");
            }
        }
        for ordinary in ["store.db.key", "/var/lib/connectors/key", "a=b", ""] {
            assert!(!holds_key(ordinary), "{ordinary}");
            assert_eq!(shown_path(Path::new(ordinary)), ordinary);
        }
        let typed = format!("no connector named 'é{key}' or {key}.");
        assert_eq!(
            redact_keys(&typed),
            "no connector named 'é(a store key, not repeated here)' or (a store key, not repeated here)."
        );
        assert_eq!(redact_keys("plain ünïcode"), "plain ünïcode");
        // 43 characters and '=' is not a key; nor is base64 of 31 bytes.
        assert!(!holds_key(&STANDARD.encode([7u8; 31])));
        assert!(holds_key(&format!("x{}y", STANDARD.encode([7u8; 32]))));
    }

    #[test]
    fn a_key_files_stamp_changes_when_a_key_is_added_and_only_then() {
        let dir = tempfile::tempdir().unwrap();
        let source = KeySource::beside(&dir.path().join("s.db"));
        assert_eq!(source.stamp(), None);
        source.load_or_create().unwrap();
        let before = source.stamp().expect("a stamp");
        source.load().unwrap();
        assert_eq!(source.stamp(), Some(before));
        source.add(&StoreKey::generate()).unwrap();
        assert_ne!(source.stamp(), Some(before));
        assert_eq!(KeySource::from(StoreKey::generate()).stamp(), None);
    }

    #[test]
    fn a_retired_key_that_stays_in_its_file_is_reported_as_retired() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the key file should be: it cannot be rewritten.
        let source = KeySource::File(dir.path().to_path_buf());
        let id = StoreKey::generate().id();
        let error = source.remove(id).unwrap_err();
        assert!(matches!(error, KeyError::NotRemoved { .. }), "{error:?}");
        let message = error.to_string();
        assert!(
            message.contains(&format!("key {id} was retired")),
            "{message}"
        );
        assert!(message.contains("by hand"), "{message}");
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
    fn keys_are_added_to_and_removed_from_a_key_file_which_stays_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let source = KeySource::beside(&dir.path().join("s.db"));
        let KeySource::Beside(path) = &source else {
            unreachable!()
        };
        let first = source.load_or_create().unwrap().ids()[0];
        let second = StoreKey::generate();
        source.add(&second).unwrap();
        source.add(&second).unwrap();
        assert_eq!(source.load().unwrap().ids(), vec![first, second.id()]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        source.remove(first).unwrap();
        assert_eq!(source.load().unwrap().ids(), vec![second.id()]);
        // Nothing but the key file is left in the folder.
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("s.db.key")]);
    }

    #[test]
    fn a_key_an_earlier_rotation_left_staged_is_kept_or_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let source = KeySource::beside(&dir.path().join("s.db"));
        let KeySource::Beside(path) = &source else {
            unreachable!()
        };
        let first = source.load_or_create().unwrap().ids()[0];
        let staged = StoreKey::generate();
        fs::write(next_path(path), staged.to_base64().expose_secret()).unwrap();
        // Until settled, it is part of the keyring.
        assert_eq!(source.load().unwrap().ids(), vec![first, staged.id()]);
        source.settle_staged(|id| id == staged.id()).unwrap();
        assert!(!next_path(path).exists());
        assert_eq!(source.load().unwrap().ids(), vec![first, staged.id()]);
        let stray = StoreKey::generate();
        fs::write(next_path(path), stray.to_base64().expose_secret()).unwrap();
        source.settle_staged(|_| false).unwrap();
        assert!(!next_path(path).exists());
        assert_eq!(source.load().unwrap().ids(), vec![first, staged.id()]);
    }
}
