//! `connector add | show | list | grant | revoke | history | delete |
//! rotate-key | keys | retire-key | kinds`: administering the store.
//!
//! Every command acts for the caller `--as` names (docs/cli.md's access
//! table): a connector with grants is shown, listed, changed or deleted only
//! by a principal it is granted to, and the history names that caller.

use std::io::Read;
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use connectors_update_harness::stores::{AdminError, NewConnector};
use connectors_update_harness::{Caller, ExposeSecret, SecretString};
use connectors_update_sql::{InvalidKeyId, KeyId};

use crate::failure::Failure;
use crate::output::{ConnectorShown, Deleted, Grants};
use crate::print_json;
use crate::store::{NEW_KEY_VARIABLE, StoreOptions, key_from_env};

#[derive(Debug, Subcommand)]
pub enum ConnectorCommand {
    /// Add a connector and print it.
    Add {
        /// Its display name.
        #[arg(long)]
        name: String,
        /// Its kind, which selects its rules: rest-api, oauth2,
        /// nylas-connector, logto-connector, twenty-connected-account or
        /// auth0-connection (`describe` lists their rules).
        #[arg(long)]
        kind: Option<String>,
        /// Its id; a new one is made when none is given.
        #[arg(long)]
        id: Option<String>,
        /// A property, as NAME=VALUE, the value taken as written; repeat
        /// for more. Its kind may make it secret: prefer --secret for those.
        #[arg(long = "set", value_name = "NAME=VALUE", value_parser = hidden)]
        set: Vec<SecretString>,
        /// A secret property, as NAME=VALUE, NAME=@FILE (the file's text,
        /// one trailing newline removed) or NAME=- (standard input, the
        /// same), which keep the value off the command line; repeat for more.
        #[arg(long = "secret", value_name = "NAME=VALUE|@FILE|-", value_parser = hidden)]
        secret: Vec<SecretString>,
    },
    /// Print a connector, by id or name; secrets show as ****** unless --reveal.
    Show {
        /// The connector's id or name.
        reference: String,
        /// Print secret values too.
        #[arg(long)]
        reveal: bool,
    },
    /// List the connectors you may use: the open ones and the ones granted to you.
    List,
    /// Grant a principal access to a connector; once it has grants, only
    /// those principals may use it (`--as PRINCIPAL`).
    Grant {
        /// The connector's id or name.
        reference: String,
        /// Who to grant it to.
        principal: String,
    },
    /// Take a principal's grant away; a connector left with no grants is
    /// open to everyone again.
    Revoke {
        /// The connector's id or name.
        reference: String,
        /// Whose grant to take away.
        principal: String,
    },
    /// Print a connector's history: every write, who made it and when, and
    /// the properties it touched (never their values).
    History {
        /// The connector's id or name.
        reference: String,
    },
    /// Delete a connector: its values and grants go (wiped from the store's
    /// files), its history keeps a `deleted` entry.
    Delete {
        /// The connector's id or name.
        reference: String,
    },
    /// Rotate the store's key: make a new key the primary key and seal
    /// every value again with it, in batches other writers interleave with
    /// (run it again to finish one a crash cut short). With a key file, the
    /// new key is added to it; with CONNECTORS_KEY, give the new key in
    /// CONNECTORS_NEW_KEY. When several machines share the store, run it
    /// with --stage first, give every machine the new key file, then run
    /// it again. The old key stays, still opening, until `retire-key`.
    RotateKey {
        /// Only stage the new key: add it to the key file and to the
        /// store, which does not use it yet, so that it can be given to
        /// every machine first.
        #[arg(long)]
        stage: bool,
        /// How many values each transaction seals again (1 to 100000).
        // A negative number is taken as the value, so that the range is
        // what the error names, not an unknown option.
        #[arg(long, allow_negative_numbers = true, default_value_t = connectors_update_sql::DEFAULT_BATCH as u32,
              value_parser = clap::value_parser!(u32).range(1..=100_000))]
        batch: u32,
    },
    /// List the store's keys: each one's id, state (staged, primary,
    /// enabled, retired), how many values it still seals, and whether this
    /// machine holds it.
    Keys,
    /// Retire a key that seals no value any more (`keys` shows the count):
    /// the store never uses it again, and it leaves this machine's key file.
    RetireKey {
        /// The key's id, 8 hex digits, as `keys` lists it.
        id: String,
    },
    /// Print the connector kinds and their rules, as `describe` lists them.
    Kinds,
}

/// The most bytes a `--secret` reads from a file or standard input; the
/// kinds' limits are far smaller, so this only keeps a wrong file (a disk
/// image, `/dev/zero`) from filling memory.
const MAX_SECRET_BYTES: u64 = 1024 * 1024;

/// One `--set` or `--secret`, its value read. No `Debug`: the value is secret.
struct Given {
    flag: &'static str,
    name: String,
    value: SecretString,
    secret: bool,
}

/// Takes `--set` and `--secret` as given, to be read by [`given_properties`]
/// (so that clap never reports one as invalid, quoting it), and kept so
/// that a `Debug` of the command shows none.
fn hidden(text: &str) -> Result<SecretString, std::convert::Infallible> {
    Ok(SecretString::from(text.to_string()))
}

/// Reads every `--set` and `--secret`, refusing a property given twice.
/// Errors name the option and the property, never the text given: without
/// its `NAME=`, that text may be the secret itself.
fn given_properties(set: &[SecretString], secret: &[SecretString]) -> Result<Vec<Given>, Failure> {
    let mut stdin_taken = false;
    let mut given: Vec<Given> = Vec::new();
    let all = set
        .iter()
        .map(|text| ("--set", text, false))
        .chain(secret.iter().map(|text| ("--secret", text, true)));
    for (flag, text, is_secret) in all {
        let Some((name, value)) = text.expose_secret().split_once('=') else {
            return Err(Failure::usage(format!(
                "{flag} takes NAME=VALUE{}, and a value was given without 'NAME=' (it is not repeated here, in case it is a secret)",
                if is_secret {
                    ", NAME=@FILE or NAME=-"
                } else {
                    ""
                }
            )));
        };
        if name.is_empty() {
            return Err(Failure::usage(format!(
                "{flag}: the property name before '=' is empty"
            )));
        }
        if let Some(first) = given.iter().find(|g| g.name == name) {
            return Err(Failure::new(
                "invalid-parameter",
                format!(
                    "property '{name}' is given twice ({} and {flag}); give each property once",
                    first.flag
                ),
            ));
        }
        let value = if !is_secret {
            value.to_string()
        } else if value == "-" {
            if std::mem::replace(&mut stdin_taken, true) {
                return Err(Failure::usage(format!(
                    "--secret {name}=-: only one secret can come from standard input"
                )));
            }
            read_secret(std::io::stdin().lock(), name, "standard input")?
        } else if let Some(path) = value.strip_prefix('@') {
            if path.is_empty() {
                return Err(Failure::usage(format!(
                    "--secret {name}=@FILE: the file name after '@' is empty"
                )));
            }
            let file = std::fs::File::open(path)
                .with_context(|| format!("cannot read secret '{name}' from the file '{path}'"))?;
            read_secret(file, name, &format!("the file '{path}'"))?
        } else {
            value.to_string()
        };
        given.push(Given {
            flag,
            name: name.to_string(),
            value: SecretString::from(value),
            secret: is_secret,
        });
    }
    Ok(given)
}

/// A secret's value from `source` (`from` says which, for errors): UTF-8
/// text with one trailing newline (`\n` or `\r\n`) removed, since editors
/// and `echo` add one. Nothing at all is refused: more likely a script that
/// forgot its input than a wish for an empty secret (`NAME=` gives one).
/// Errors name the source, never what it holds.
fn read_secret(source: impl Read, name: &str, from: &str) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    source
        .take(MAX_SECRET_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read secret '{name}' from {from}"))?;
    if bytes.is_empty() {
        return Err(Failure::new(
            "invalid-parameter",
            format!(
                "secret '{name}': {from} is empty; give the value there, or --secret {name}= for an empty secret"
            ),
        ));
    }
    if bytes.len() as u64 > MAX_SECRET_BYTES {
        return Err(Failure::new(
            "limit-exceeded",
            format!(
                "secret '{name}': {from} holds more than {} MiB",
                MAX_SECRET_BYTES / 1024 / 1024
            ),
        ));
    }
    let mut text = String::from_utf8(bytes).map_err(|_| {
        Failure::new(
            "invalid-parameter",
            format!("secret '{name}': {from} is not UTF-8 text"),
        )
    })?;
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    Ok(text)
}

pub fn run(
    options: &StoreOptions,
    caller: &Caller,
    command: ConnectorCommand,
) -> Result<ExitCode, Failure> {
    // These two read their input before the store is opened, so that bad
    // input (or no store at all) leaves no store behind.
    let command = match command {
        ConnectorCommand::Kinds => return crate::step::kinds(),
        ConnectorCommand::Add {
            name,
            kind,
            id,
            set,
            secret,
        } => return add(options, caller, name, kind, id, &set, &secret),
        other => other,
    };
    // Only adding a connector may create a store; the rest need one there.
    let store = options.open_existing()?;
    match command {
        // Done above, before the store was opened.
        ConnectorCommand::Add { .. } | ConnectorCommand::Kinds => {}
        ConnectorCommand::Show { reference, reveal } => {
            let found = store.find_as(caller, &reference)?;
            print_json(&ConnectorShown::new(
                &found.record,
                &found.grants,
                &found.damaged,
                reveal,
            ))?;
        }
        ConnectorCommand::List => print_json(&store.list_as(caller)?)?,
        ConnectorCommand::Grant {
            reference,
            principal,
        } => {
            let (connector, grants) = store.grant(caller, &reference, &principal)?;
            print_json(&Grants::new(&connector, &grants))?;
        }
        ConnectorCommand::Revoke {
            reference,
            principal,
        } => {
            let (connector, grants) = store.revoke(caller, &reference, &principal)?;
            print_json(&Grants::new(&connector, &grants))?;
        }
        ConnectorCommand::History { reference } => {
            print_json(&store.history(caller, &reference)?)?;
        }
        ConnectorCommand::Delete { reference } => {
            print_json(&Deleted::from(&store.delete(caller, &reference)?))?;
        }
        ConnectorCommand::RotateKey { stage, batch } => {
            let next = key_from_env(NEW_KEY_VARIABLE)?;
            if stage {
                print_json(&store.stage_key(next)?)?;
            } else {
                print_json(&store.rotate_key_as(caller, next, batch as usize)?)?;
            }
        }
        ConnectorCommand::Keys => print_json(&store.keys()?)?,
        ConnectorCommand::RetireKey { id } => {
            let id: KeyId = id
                .parse()
                .map_err(|e: InvalidKeyId| Failure::new("invalid-parameter", e.to_string()))?;
            print_json(&store.retire_key(id)?)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `connector add`: reads the properties, then adds (the store refuses a
/// kind it has no rules for).
fn add(
    options: &StoreOptions,
    caller: &Caller,
    name: String,
    kind: Option<String>,
    id: Option<String>,
    set: &[SecretString],
    secret: &[SecretString],
) -> Result<ExitCode, Failure> {
    let given = given_properties(set, secret)?;
    let mut new = NewConnector::new(name);
    new.id = id;
    new.kind = kind;
    for g in given {
        new = if g.secret {
            new.secret(g.name, g.value.expose_secret())
        } else {
            new.set(g.name, g.value.expose_secret())
        };
    }
    let store = options.open()?;
    let added = match store.add_as(caller, new) {
        Ok(added) => added,
        Err(e) => {
            // A store made for this connector alone is not left behind.
            let _ = store.discard_if_unused();
            return Err(match e {
                AdminError::UnknownKind { .. } => Failure::new(
                    e.code().as_str(),
                    format!("--kind: {e}; `connector kinds` prints their rules"),
                ),
                e => e.into(),
            });
        }
    };
    print_json(&ConnectorShown::new(&added, &[], &[], false))?;
    Ok(ExitCode::SUCCESS)
}
