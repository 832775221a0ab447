//! Runs the real `connectors-update` binary in a temporary folder with its own store.
//!
//! Every run's standard output and standard error, usage errors and
//! panics included, are checked for the canary ([`super::CANARY`]); only
//! standard output of a `--reveal` may hold it.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use super::backends::Db;
use super::{CANARY, assert_clean};

/// A temporary folder holding a store (or naming a PostgreSQL one), and a
/// way to run the CLI on it.
pub struct Cli {
    pub dir: tempfile::TempDir,
    /// What `--store` gets.
    pub location: String,
    key_file: Option<PathBuf>,
    /// How many processes [`Cli::spawn`] started.
    spawned: std::sync::atomic::AtomicUsize,
    _db: Option<Db>,
}

impl Drop for Cli {
    /// Checks what every spawned process printed (a failing test is left
    /// to report its own failure).
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        for n in 0..*self.spawned.get_mut() {
            for stream in ["stdout", "stderr"] {
                let path = self.dir.path().join(format!("spawned-{n}.{stream}"));
                let text =
                    String::from_utf8_lossy(&std::fs::read(&path).unwrap_or_default()).into_owned();
                assert_clean(&format!("{stream} of spawned process {n}"), &text);
            }
        }
    }
}

/// What a CLI run printed.
pub struct Run {
    pub status: i32,
    /// Standard output as text (invalid UTF-8 replaced).
    pub stdout: String,
    /// Standard output as written.
    pub stdout_bytes: Vec<u8>,
    pub stderr: String,
}

impl Run {
    /// Standard output as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }

    /// Asserts success and returns standard output as JSON.
    pub fn ok_json(&self) -> serde_json::Value {
        assert_eq!(self.status, 0, "stderr: {}", self.stderr);
        self.json()
    }
}

impl Cli {
    /// An SQLite store in a new folder, with its key file beside it.
    pub fn new() -> Self {
        Self::named("store.db")
    }

    /// An SQLite store named `file` in a new folder (the folder the CLI runs in).
    pub fn named(file: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let location = dir.path().join(file).display().to_string();
        Cli {
            dir,
            location,
            key_file: None,
            spawned: Default::default(),
            _db: None,
        }
    }

    /// The store `db` names, with its key file.
    pub fn on(db: Db) -> Self {
        Cli {
            dir: tempfile::tempdir().unwrap(),
            location: db.location.clone(),
            key_file: Some(db.key_file.clone()),
            spawned: Default::default(),
            _db: Some(db),
        }
    }

    /// The store this CLI was made [`on`](Cli::on), if it was.
    pub fn db(&self) -> Option<&Db> {
        self._db.as_ref()
    }

    /// The SQLite store's file (for a CLI made with [`Cli::new`]).
    pub fn store(&self) -> PathBuf {
        self.dir.path().join("store.db")
    }

    /// The command, started and left running (to kill it, say). What it
    /// prints goes to files in the folder, checked for the canary when the
    /// `Cli` is dropped.
    pub fn spawn(&self, args: &[&str]) -> std::process::Child {
        let n = self
            .spawned
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let output = |stream: &str| {
            std::fs::File::create(self.dir.path().join(format!("spawned-{n}.{stream}"))).unwrap()
        };
        self.command(args)
            .stdin(Stdio::null())
            .stdout(output("stdout"))
            .stderr(output("stderr"))
            .spawn()
            .unwrap()
    }

    /// The command, started and left running, its standard output and
    /// error piped to the test (which checks them for the canary itself).
    pub fn spawn_piped(&self, args: &[&str]) -> std::process::Child {
        self.command(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    /// Writes a file in the folder and returns its path.
    pub fn file(&self, name: &str, content: impl AsRef<[u8]>) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        path.display().to_string()
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = self.bare_command();
        cmd.arg("--store").arg(&self.location);
        if let Some(key_file) = &self.key_file {
            cmd.arg("--key-file").arg(key_file);
        }
        cmd.args(args);
        cmd
    }

    /// The CLI in the folder, with none of its settings from the environment
    /// and no `--store`.
    fn bare_command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_connectors-update"));
        cmd.current_dir(self.dir.path())
            .env_remove("CONNECTORS_STORE")
            .env_remove("CONNECTORS_PRINCIPAL")
            .env_remove("CONNECTORS_PERMISSIONS")
            .env_remove("CONNECTORS_KEY")
            .env_remove("CONNECTORS_KEY_FILE")
            .env_remove("CONNECTORS_NEW_KEY");
        cmd
    }

    /// Runs the CLI in the folder with exactly `args` (no `--store`) and one
    /// more environment variable when `env` names one; checked like [`Cli::run`].
    pub fn run_bare(&self, args: &[&str], env: Option<(&str, &str)>) -> Run {
        let mut cmd = self.bare_command();
        cmd.args(args);
        if let Some((name, value)) = env {
            cmd.env(name, value);
        }
        self.finish(args, &mut cmd, "")
    }

    /// Runs the CLI in the folder with exactly `args` (no `--store`) and
    /// these environment variables; checked like [`Cli::run`].
    pub fn run_bare_with_envs(&self, args: &[&str], envs: &[(&str, &str)]) -> Run {
        let mut cmd = self.bare_command();
        cmd.args(args).envs(envs.iter().copied());
        self.finish(args, &mut cmd, "")
    }

    /// Runs the CLI with its standard output going to a pipe nobody reads
    /// (as `| head -1` leaves it); checked like [`Cli::run`].
    pub fn run_with_closed_stdout(&self, args: &[&str]) -> Run {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = self
            .command(args)
            .stdin(Stdio::null())
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let run = Run {
            status: output.status.code().unwrap_or(-1),
            stdout: String::new(),
            stdout_bytes: Vec::new(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        };
        assert_clean(&format!("stderr of {args:?}"), &run.stderr);
        run
    }

    /// Runs the CLI; no output may hold the canary unless `--reveal` was asked for.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, "")
    }

    /// Runs the CLI with one more environment variable.
    pub fn run_with_env(&self, args: &[&str], name: &str, value: &str) -> Run {
        self.finish(args, self.command(args).env(name, value), "")
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Run {
        self.finish(args, &mut self.command(args), stdin)
    }

    fn finish(&self, args: &[&str], command: &mut Command, stdin: &str) -> Run {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        {
            use std::io::Write;
            let mut input = child.stdin.take().unwrap();
            input.write_all(stdin.as_bytes()).unwrap();
        }
        let Output {
            status,
            stdout,
            stderr,
        } = child.wait_with_output().unwrap();
        let run = Run {
            status: status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&stdout).into_owned(),
            stdout_bytes: stdout,
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
        };
        if !args.contains(&"--reveal") {
            assert_clean(&format!("stdout of {args:?}"), &run.stdout);
        }
        assert_clean(&format!("stderr of {args:?}"), &run.stderr);
        run
    }

    /// Adds the seed's Twitter connector, with the canary as its secret key.
    pub fn add_twitter(&self) {
        let secret = format!("APIKey={CANARY}");
        self.run(&[
            "connector",
            "add",
            "--name",
            "Twitter API",
            "--id",
            "twitterConnectorId",
            "--secret",
            &secret,
            "--set",
            "Endpoint=https://api.twitter.com/2",
        ])
        .ok_json();
    }
}
