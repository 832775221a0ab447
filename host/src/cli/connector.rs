//! `connector add | show | list`: administering the embedded store.

use std::path::Path;
use std::process::ExitCode;

use clap::Subcommand;
use connectors_update::{ConnectorRecord, NewConnector, SqliteStore};
use serde_json::{Map, Value, json};

use crate::failure::Failure;
use crate::print_json;

/// What a secret's value is shown as.
const MASK: &str = "******";

#[derive(Debug, Subcommand)]
pub enum ConnectorCommand {
    /// Add a connector and print it.
    Add {
        /// Its display name.
        #[arg(long)]
        name: String,
        /// Its kind, which selects its rules (built in: rest-api, oauth2).
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
}

fn name_value(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some(("", _)) => Err("the property name before '=' is empty".into()),
        Some((name, value)) => Ok((name.to_string(), value.to_string())),
        None => Err("expected NAME=VALUE".into()),
    }
}

pub fn run(store_path: &Path, command: ConnectorCommand) -> Result<ExitCode, Failure> {
    let store = SqliteStore::open(store_path)?;
    match command {
        ConnectorCommand::Add {
            name,
            kind,
            id,
            set,
            secret,
        } => {
            let mut new = NewConnector::new(name);
            new.id = id;
            new.kind = kind;
            for (n, v) in set {
                new = new.set(n, v);
            }
            for (n, v) in secret {
                new = new.secret(n, v);
            }
            print_json(&connector_json(&store.add(new)?, false))?;
        }
        ConnectorCommand::Show { reference, reveal } => {
            print_json(&connector_json(&store.find(&reference)?, reveal))?;
        }
        ConnectorCommand::List => print_json(&store.list()?)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `{"id","name","kind","revision","properties":{NAME:VALUE},"secrets":[NAME...]}`,
/// secret values masked unless `reveal`.
pub fn connector_json(record: &ConnectorRecord, reveal: bool) -> Value {
    let mut properties = Map::new();
    let mut secrets = Vec::new();
    for p in &record.properties {
        let shown = if p.secret && !reveal {
            MASK
        } else {
            p.value.as_str()
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
    })
}
