//! The compare-and-set write: retried after another writer, bounded, and
//! never losing an update.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use serde_json::json;

use crate::support::faults::{Interfering, one_connector};
use crate::support::{action_error, run, step_json};

fn set_b() -> String {
    step_json(
        json!({"EntryId": "c1", "Properties": [{"PropertyName": "B", "PropertyValue": "mine"}]}),
    )
}

#[test]
fn a_conflict_is_retried_and_the_other_writers_change_survives() {
    let store = one_connector("C");
    let interfering = Arc::new(Interfering::new(store.clone(), 3));
    let outcome = run(interfering.clone(), &set_b()).unwrap();
    assert_eq!(
        interfering.writes.load(Ordering::SeqCst),
        4,
        "three conflicts, then success"
    );
    assert_eq!((outcome.revision_before, outcome.revision_after), (4, 5));
    let record = store.record("c1").unwrap();
    assert_eq!(record.value("B"), Some("mine"));
    for n in 1..=3 {
        assert_eq!(record.value(&format!("OtherWriter{n}")), Some("x"));
    }
}

#[test]
fn retries_are_bounded_and_end_in_conflict() {
    let store = one_connector("C");
    let interfering = Arc::new(Interfering::new(store.clone(), u32::MAX));
    let e = action_error(run(interfering.clone(), &set_b()));
    let connectors_update::ActionError::Conflict(detail) = &e else {
        panic!("expected conflict, got {e:?}")
    };
    // The sixteenth try read revision 16, and the other writer made 17.
    assert_eq!(
        (detail.expected, detail.actual),
        (16, 17),
        "{}",
        detail.message
    );
    assert_eq!(interfering.writes.load(Ordering::SeqCst), 16);
    let record = store.record("c1").unwrap();
    assert_eq!((record.revision, record.value("B")), (17, None));
}

#[test]
fn with_an_expected_revision_a_conflict_is_not_retried() {
    let store = one_connector("C");
    let interfering = Arc::new(Interfering::new(store.clone(), 1));
    let json = step_json(
        json!({"EntryId": "c1", "ExpectedRevision": 1, "Properties": [{"PropertyName": "B", "PropertyValue": "mine"}]}),
    );
    let e = action_error(run(interfering.clone(), &json));
    let connectors_update::ActionError::Conflict(detail) = &e else {
        panic!("{e:?}")
    };
    assert_eq!((detail.expected, detail.actual), (1, 2));
    assert_eq!(interfering.writes.load(Ordering::SeqCst), 1);
}
