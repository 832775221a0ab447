//! `connector add | show | list | grant | revoke | history | rotate-key`:
//! administering the store.
//!
//! `show`, `grant`, `revoke` and `history` act for the caller `--as` names:
//! a connector with grants is shown, and its grants changed, only by a
//! principal it is granted to.

use std::process::ExitCode;

use clap::Subcommand;
use connectors_update::kinds::{builtin_kinds, builtin_rules};
use connectors_update::{Caller, ConnectorRecord, ConnectorSummary, ExposeSecret, NewConnector};
use serde_json::{Map, Value, json};

use crate::failure::Failure;
use crate::print_json;
use crate::store::{KEY_VARIABLE, NEW_KEY_VARIABLE, StoreOptions, key_from_env};

/// What a secret's value is shown as.
const MASK: &str = "******";

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
        /// A property, as NAME=VALUE; repeat for more.
        #[arg(long = "set", value_name = "NAME=VALUE", value_parser = name_value)]
        set: Vec<(String, String)>,
        /// A secret property, as NAME=VALUE; repeat for more.
        #[arg(long = "secret", value_name = "NAME=VALUE", value_parser = name_value)]
        secret: Vec<(String, String)>,
    },
    /// Print a connector, by id or name; secrets show as ****** unless --reveal.
    Show {
        /// The connector's id or name.
        reference: String,
        /// Print secret values too.
        #[arg(long)]
        reveal: bool,
    },
    /// List the connectors.
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
    /// Re-seal every value with a new key in one transaction. With a key
    /// file, a new key replaces it; with CONNECTORS_KEY, give the new key in
    /// CONNECTORS_NEW_KEY.
    RotateKey,
}

fn name_value(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some(("", _)) => Err("the property name before '=' is empty".into()),
        Some((name, value)) => Ok((name.to_string(), value.to_string())),
        None => Err("expected NAME=VALUE".into()),
    }
}

pub fn run(
    options: &StoreOptions,
    caller: &Caller,
    command: ConnectorCommand,
) -> Result<ExitCode, Failure> {
    // Only adding a connector may create a store; the rest need one there.
    let store = match command {
        ConnectorCommand::Add { .. } => options.open()?,
        _ => options.open_existing()?,
    };
    match command {
        ConnectorCommand::Add {
            name,
            kind,
            id,
            set,
            secret,
        } => {
            if let Some(kind) = &kind
                && builtin_rules(kind).is_none()
            {
                let known: Vec<&str> = builtin_kinds().iter().map(|k| k.kind.as_str()).collect();
                return Err(Failure::new(
                    "invalid-parameter",
                    format!(
                        "--kind: there is no kind '{kind}'; the kinds are {} (names are case-sensitive)",
                        known.join(", ")
                    ),
                ));
            }
            let mut new = NewConnector::new(name);
            new.id = id;
            new.kind = kind;
            for (n, v) in set {
                new = new.set(n, v);
            }
            for (n, v) in secret {
                new = new.secret(n, v);
            }
            print_json(&connector_json(&store.add_as(caller, new)?, &[], false))?;
        }
        ConnectorCommand::Show { reference, reveal } => {
            let (record, damaged) = store.find_readable(&reference)?;
            store.authorize(&record.id, caller)?;
            let grants = store.grants(&record.id)?;
            let mut shown = connector_json(&record, &grants, reveal);
            mark_damaged(&mut shown, &damaged);
            print_json(&shown)?;
        }
        ConnectorCommand::List => print_json(&store.list()?)?,
        ConnectorCommand::Grant {
            reference,
            principal,
        } => {
            let (connector, grants) = store.grant(caller, &reference, &principal)?;
            print_json(&grants_json(&connector, &grants))?;
        }
        ConnectorCommand::Revoke {
            reference,
            principal,
        } => {
            let (connector, grants) = store.revoke(caller, &reference, &principal)?;
            print_json(&grants_json(&connector, &grants))?;
        }
        ConnectorCommand::History { reference } => {
            print_json(&store.history(caller, &reference)?)?;
        }
        ConnectorCommand::RotateKey => {
            let next = key_from_env(NEW_KEY_VARIABLE)?;
            if next.is_none() && std::env::var_os(KEY_VARIABLE).is_some() {
                return Err(connectors_update::StoreError::Key(
                    connectors_update::KeyError::NewKeyNeeded,
                )
                .into());
            }
            print_json(&store.rotate_key(next)?)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Marks the values that failed their integrity check in `connector_json`'s
/// output: each shows as `null` (with `--reveal` too), and `"damaged"`
/// lists their names, so that the connector's other values still show.
fn mark_damaged(shown: &mut Value, damaged: &[String]) {
    if let Some(properties) = shown["properties"].as_object_mut() {
        for name in damaged {
            properties.insert(name.clone(), Value::Null);
        }
    }
    shown["damaged"] = json!(damaged);
}

/// `{"id","name","grants":[PRINCIPAL...],"open":bool}`: who may use the
/// connector now (`open` when everyone may).
fn grants_json(record: &ConnectorSummary, grants: &[String]) -> Value {
    json!({
        "id": record.id,
        "name": record.name,
        "grants": grants,
        "open": grants.is_empty(),
    })
}

/// `{"id","name","kind","revision","properties":{NAME:VALUE},"secrets":[NAME...],"grants":[PRINCIPAL...],"damaged":[NAME...]}`,
/// secret values masked unless `reveal`; `damaged` is filled by `show`
/// (values that failed their integrity check).
pub fn connector_json(record: &ConnectorRecord, grants: &[String], reveal: bool) -> Value {
    let mut properties = Map::new();
    let mut secrets = Vec::new();
    for p in &record.properties {
        let shown = if p.secret && !reveal {
            MASK
        } else {
            p.value.expose_secret()
        };
        properties.insert(p.name.clone(), Value::String(shown.to_string()));
        if p.secret {
            secrets.push(p.name.clone());
        }
    }
    json!({
        "id": record.id,
        "name": record.name,
        "kind": record.kind,
        "revision": record.revision,
        "properties": properties,
        "secrets": secrets,
        "grants": grants,
        "damaged": [],
    })
}
