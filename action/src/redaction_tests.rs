//! The guest's types that hold a value print none in `Debug`: a panic or a
//! log line of the action, or of an engine that embeds it natively, can
//! never show one. Each type is built holding the canary.

use crate::dynamic_properties::{DynamicProperty, resolve_dynamic_properties};
use crate::error::StoreError;
use crate::limits::LIMITS;
use crate::merge::Update;
use crate::model::{
    Change, ChangeOp, Connector, MergeMode, PropertyRow, Step, StoredProperty, StoredValue,
};
use crate::tokens::{ImportedTokens, TokenResolver};

const CANARY: &str = "canary-3d5e1f-never-print-me";

/// Fails, without printing it, if `text` holds the canary.
fn assert_clean(what: &str, text: &str) {
    assert!(
        !text.contains(CANARY),
        "{what}: its Debug shows the value it holds"
    );
}

/// Every token's value is the canary.
struct CanaryTokens;

impl ImportedTokens for CanaryTokens {
    fn token(&mut self, _: Option<&str>, _: &str) -> Result<Option<String>, StoreError> {
        Ok(Some(CANARY.to_string()))
    }
}

#[test]
fn a_step_prints_no_value() {
    let step = Step {
        entry_id: "c1".into(),
        properties: vec![PropertyRow {
            name: "APIKey".into(),
            value: Some(CANARY.into()),
        }],
        properties_json: format!("{{\"APIKey\": \"{CANARY}\"}}"),
        expected_revision: Some(1),
        dry_run: true,
        merge_mode: MergeMode::Deep,
    };
    let shown = format!("{step:?} {step:#?}");
    assert_clean("Step", &shown);
    // It still says what the step is about, names included.
    assert!(
        shown.contains("APIKey") && shown.contains("Deep"),
        "{shown}"
    );
}

#[test]
fn a_dynamic_property_prints_no_value() {
    let mut tokens = CanaryTokens;
    let mut resolver = TokenResolver::new(&mut tokens, LIMITS);
    let properties: Vec<DynamicProperty> = resolve_dynamic_properties(
        &format!("{{\"Literal\": \"{CANARY}\", \"FromToken\": \"[Form:Key]\", \"Gone\": null}}"),
        &mut resolver,
        &LIMITS,
    )
    .expect("the object resolves");
    assert_eq!(properties.len(), 3);
    let shown = format!("{properties:?} {resolver:?}");
    assert_clean("DynamicProperty", &shown);
    assert!(shown.contains("FromToken"), "{shown}");
}

#[test]
fn rows_updates_changes_and_stored_values_print_no_value() {
    let row: PropertyRow = PropertyRow {
        name: "APIKey".into(),
        value: Some(CANARY.into()),
    };
    let update = Update {
        name: "APIKey".into(),
        value: Some(CANARY.into()),
    };
    let changes = [
        Change {
            name: "APIKey".into(),
            op: ChangeOp::Set {
                value: CANARY.into(),
                secret: true,
            },
        },
        Change {
            name: "Config".into(),
            op: ChangeOp::Merge {
                patch: format!("{{\"password\": \"{CANARY}\"}}"),
                secret: true,
            },
        },
    ];
    let connector = Connector {
        id: "c1".into(),
        name: "C".into(),
        kind: None,
        revision: 1,
        properties: vec![StoredProperty {
            name: "Endpoint".into(),
            value: StoredValue::Plain(CANARY.into()),
        }],
    };
    assert_clean("PropertyRow", &format!("{row:?} {row:#?}"));
    assert_clean("Update", &format!("{update:?} {update:#?}"));
    assert_clean("Change", &format!("{changes:?} {changes:#?}"));
    assert_clean("Connector", &format!("{connector:?} {connector:#?}"));
}
