//! Fuzzes the step parser, the token resolver and everything `execute`
//! does with a parsed step, against a one-connector in-memory host that
//! knows every token. Any panic is a finding; typed errors are expected.

#![no_main]

use connectors_update_action::execute::{CredentialStore, execute};
use connectors_update_action::limits::LIMITS;
use connectors_update_action::model::{
    Change, ChangeOp, Connector, ConnectorSummary, KindRules, StoreError, StoredProperty,
    StoredValue, WriteMode, WriteReceipt,
};
use connectors_update_action::step::parse_step;
use connectors_update_action::tokens::TokenSource;
use connectors_update_action::validate::validate;
use libfuzzer_sys::fuzz_target;

/// One connector `c1` ("C") with a plain and a secret property.
struct Host {
    revision: u64,
    properties: Vec<(String, String, bool)>,
}

impl CredentialStore for Host {
    fn get(&mut self, id: &str) -> Result<Connector, StoreError> {
        if id != "c1" {
            return Err(StoreError::NotFound);
        }
        Ok(Connector {
            id: "c1".into(),
            name: "C".into(),
            kind: None,
            revision: self.revision,
            properties: self
                .properties
                .iter()
                .map(|(name, value, secret)| StoredProperty {
                    name: name.clone(),
                    value: if *secret {
                        StoredValue::Secret
                    } else {
                        StoredValue::Plain(value.clone())
                    },
                })
                .collect(),
        })
    }

    fn find_by_name(&mut self, name: &str) -> Result<Vec<ConnectorSummary>, StoreError> {
        Ok(if name == "C" {
            vec![ConnectorSummary {
                id: "c1".into(),
                name: "C".into(),
            }]
        } else {
            Vec::new()
        })
    }

    fn rules(&mut self, _: &str) -> Result<Option<KindRules>, StoreError> {
        Ok(None)
    }

    fn write(
        &mut self,
        _: &str,
        expected: u64,
        changes: &[Change],
        mode: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        if expected != self.revision {
            return Err(StoreError::Conflict(self.revision));
        }
        let changed: Vec<String> = changes.iter().map(|c| c.name.clone()).collect();
        if mode == WriteMode::Commit {
            for change in changes {
                self.properties.retain(|p| p.0 != change.name);
                if let ChangeOp::Set { value, secret } = &change.op {
                    self.properties
                        .push((change.name.clone(), value.clone(), *secret));
                }
            }
            self.revision += 1;
        }
        Ok(WriteReceipt {
            revision: self.revision,
            changed,
        })
    }
}

impl TokenSource for Host {
    fn token(&mut self, source: Option<&str>, name: &str) -> Result<Option<String>, StoreError> {
        // Every token is known; its value is text that itself looks like tokens and JSON.
        Ok(Some(format!(
            "[{}:{name}|{{0}}]\"{{}}",
            source.unwrap_or("_")
        )))
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(step) = parse_step(text, &LIMITS) else {
        return;
    };
    let _ = validate(&step, &LIMITS, &[]);
    let mut host = Host {
        revision: 1,
        properties: vec![
            ("A".into(), "1".into(), false),
            ("S".into(), "s".into(), true),
        ],
    };
    let _ = execute(&step, &mut host, &LIMITS);
});
