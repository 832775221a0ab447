//! The kinds a store has, on every store that comes with the harness: the
//! built-in ones by default, or the ones it is given (`with_kinds`). A store
//! answers `rules` and `kinds` with them, and checks by them what `add`
//! adds and what a step writes; `add` refuses a kind it has no rules for,
//! adding nothing.

use connectors_update_harness::kinds::builtin_kinds;
use connectors_update_harness::kinds::{KindRules, PropertyRule, ValueFormat};
use connectors_update_harness::stores::{AdminError, NewConnector};
use connectors_update_harness::tokens::MapTokens;
use connectors_update_harness::{ActionError, Caller, HarnessError};
use serde_json::json;

use crate::kinds::{Target, assert_one, targets, targets_with};
use crate::support::{CANARY, assert_clean, harness, step_json};

/// The permission a change of a ledger's `Token` needs.
const ROTATE: &str = "ledger:rotate";

/// A kind of this test's own: `Account` required (at most 12 characters),
/// `Token` secret and guarded by [`ROTATE`], no other names.
fn ledger() -> KindRules {
    KindRules {
        kind: "ledger".into(),
        help: "A kind of this test's own.".into(),
        properties: vec![
            PropertyRule {
                required: true,
                max_length: Some(12),
                ..PropertyRule::new("Account", ValueFormat::Text)
            },
            PropertyRule {
                secret: true,
                write_permission: Some(ROTATE.into()),
                ..PropertyRule::new("Token", ValueFormat::Text)
            },
        ],
        max_properties: None,
        allow_unknown: false,
    }
}

fn builtin_names() -> Vec<String> {
    builtin_kinds().iter().map(|k| k.kind.clone()).collect()
}

/// The refusal of an unknown kind `add` must end in: its kind, the kinds
/// the store lists, and a message naming both and no value.
fn unknown_kind(
    target: &Target,
    result: Result<connectors_update_harness::stores::ConnectorRecord, AdminError>,
    kind: &str,
    kinds: &[String],
) -> String {
    let error = match result {
        Err(error) => error,
        Ok(added) => panic!(
            "{}: a connector of kind '{kind}' was added: {}",
            target.name, added.id
        ),
    };
    let message = error.to_string();
    assert_clean(target.name, &format!("{message} {error:?}"));
    assert_eq!(
        error.code(),
        "invalid-parameter",
        "{}: {message}",
        target.name
    );
    match &error {
        AdminError::UnknownKind {
            kind: refused,
            kinds: listed,
        } => {
            assert_eq!(refused, kind, "{}", target.name);
            assert_eq!(listed, kinds, "{}", target.name);
        }
        other => panic!("{}: expected an unknown kind, got {other:?}", target.name),
    }
    assert!(
        message.starts_with(&format!("there is no kind '{kind}'; ")),
        "{}: {message}",
        target.name
    );
    message
}

#[test]
fn every_store_refuses_an_unknown_kind_and_adds_nothing() {
    for target in targets() {
        // A typo, the wrong case, a trailing space: kinds are matched exactly.
        for kind in ["nonsense", "REST-API", "rest-api "] {
            let result = target.try_add(
                NewConnector::new("x")
                    .id("x")
                    .kind(kind)
                    .set("Endpoint", "https://api.example.com")
                    .secret("APIKey", CANARY),
            );
            let message = unknown_kind(&target, result, kind, &builtin_names());
            assert!(
                message.ends_with(
                    "the kinds are rest-api, oauth2, nylas-connector, logto-connector, \
                     twenty-connected-account, auth0-connection (names are case-sensitive)"
                ),
                "{}: {message}",
                target.name
            );
        }
        assert_eq!(target.ids(), Vec::<String>::new(), "{}", target.name);
        // The same connector of a kind the store has, or of no kind, is added.
        target.add(
            NewConnector::new("x")
                .id("x")
                .kind("rest-api")
                .set("Endpoint", "https://api.example.com")
                .secret("APIKey", CANARY),
        );
        target.add(NewConnector::new("y").id("y"));
        assert_eq!(target.ids(), ["x", "y"], "{}", target.name);
    }
}

#[test]
fn a_store_given_its_own_kinds_answers_with_them_and_only_them() {
    let anyone = Caller::anonymous();
    for target in targets_with(&[ledger()]) {
        let store = target.store();
        assert_eq!(
            store.rules(&anyone, "ledger").unwrap(),
            Some(ledger()),
            "{}",
            target.name
        );
        assert_eq!(
            store.rules(&anyone, "rest-api").unwrap(),
            None,
            "{}",
            target.name
        );
        assert_eq!(store.kinds(&anyone).unwrap(), [ledger()], "{}", target.name);
        let described = harness().describe_with(store).unwrap();
        let kinds: Vec<&str> = described.kinds.iter().map(|k| k.kind.as_str()).collect();
        assert_eq!(kinds, ["ledger"], "{}", target.name);
        // A built-in kind is one the store no longer has.
        let message = unknown_kind(
            &target,
            target.try_add(
                NewConnector::new("r")
                    .kind("rest-api")
                    .set("Endpoint", "https://e.example"),
            ),
            "rest-api",
            &["ledger".to_string()],
        );
        assert!(message.contains("the kinds are ledger "), "{message}");
        assert_eq!(target.ids(), Vec::<String>::new(), "{}", target.name);
    }
}

#[test]
fn a_store_with_no_kinds_says_so_and_takes_connectors_of_no_kind() {
    for target in targets_with(&[]) {
        assert_eq!(
            target.store().kinds(&Caller::anonymous()).unwrap(),
            [],
            "{}",
            target.name
        );
        let message = unknown_kind(
            &target,
            target.try_add(NewConnector::new("l").kind("ledger")),
            "ledger",
            &[],
        );
        assert_eq!(
            message,
            "there is no kind 'ledger'; the store declares no kinds (names are case-sensitive)"
        );
        target.add(NewConnector::new("n").id("n").set("Anything", "goes"));
        assert_eq!(target.ids(), ["n"], "{}", target.name);
    }
}

#[test]
fn a_kind_given_twice_keeps_its_first_place_and_its_last_rules() {
    let mut stricter = ledger();
    stricter.help = "The second declaration.".into();
    let other = KindRules {
        kind: "other".into(),
        help: String::new(),
        properties: Vec::new(),
        max_properties: None,
        allow_unknown: true,
    };
    for target in targets_with(&[ledger(), other.clone(), stricter.clone()]) {
        assert_eq!(
            target.store().kinds(&Caller::anonymous()).unwrap(),
            [stricter.clone(), other.clone()],
            "{}",
            target.name
        );
    }
}

#[test]
fn adding_a_connector_that_breaks_a_given_kind_is_refused_and_adds_nothing() {
    for target in targets_with(&[ledger()]) {
        let refused = |new: NewConnector, words: &[&str]| {
            let error = target.try_add(new).unwrap_err();
            let message = error.to_string();
            assert_clean(target.name, &format!("{message} {error:?}"));
            assert_eq!(
                error.code(),
                "validation-failed",
                "{}: {message}",
                target.name
            );
            let AdminError::ValidationFailed { kind, .. } = &error else {
                panic!("{}: expected validation-failed, got {error:?}", target.name)
            };
            assert_eq!(kind, "ledger");
            for word in words {
                assert!(
                    message.contains(word),
                    "{}: '{word}' not in: {message}",
                    target.name
                );
            }
        };
        let ledger = || NewConnector::new("L").id("l").kind("ledger");
        refused(ledger().secret("Token", CANARY), &["'Account' is required"]);
        refused(
            ledger().set("Account", "").secret("Token", CANARY),
            &["'Account'"],
        );
        refused(
            ledger()
                .set("Account", "a-much-too-long-account")
                .secret("Token", CANARY),
            &["'Account'", "12"],
        );
        refused(
            ledger().set("Account", "acc-1").set("Extra", "x"),
            &["'Extra'"],
        );
        assert_eq!(target.ids(), Vec::<String>::new(), "{}", target.name);
        // Given as plain text, the kind's secret is stored secret.
        let added = target.add(ledger().set("Account", "acc-1").set("Token", CANARY));
        let token = added.properties.iter().find(|p| p.name == "Token").unwrap();
        assert!(token.secret, "{}", target.name);
        assert!(
            target
                .record("l")
                .properties
                .iter()
                .any(|p| p.name == "Token" && p.secret)
        );
    }
}

#[test]
fn a_step_on_a_store_given_its_own_kind_is_checked_by_it() {
    let set = |name: &str, value: &str| {
        step_json(json!({
            "EntryId": "l",
            "Properties": [{"PropertyName": name, "PropertyValue": value}],
        }))
    };
    for target in targets_with(&[ledger()]) {
        target.add(
            NewConnector::new("L")
                .id("l")
                .kind("ledger")
                .set("Account", "acc-1")
                .secret("Token", CANARY),
        );
        // The action checks what it sees by the store's rules...
        let blanked = target.refused("l", &set("Account", ""));
        assert_one(&blanked, "Account", "required", &["'Account'", "'ledger'"]);
        let long = target.refused("l", &set("Account", "a-much-too-long-account"));
        assert_one(&long, "Account", "max-length", &["12"]);
        let unknown = target.refused("l", &set("Extra", "x"));
        assert_one(&unknown, "Extra", "unknown-property", &["'Extra'"]);
        // ...and the store what only it can: who may change the token.
        let before = target.record("l");
        match target.run(
            &Caller::anonymous(),
            &set("Token", "new-token"),
            MapTokens::default(),
        ) {
            Err(HarnessError::Action(error @ ActionError::PermissionDenied(_))) => {
                assert!(error.message().contains("'Token'"), "{}", error.message());
                assert!(error.message().contains(ROTATE), "{}", error.message());
            }
            other => panic!("{}: expected permission-denied, got {other:?}", target.name),
        }
        assert_eq!(
            target.record("l"),
            before,
            "{}: something was written",
            target.name
        );
        let rotated = target
            .run(
                &Caller::principal("ops").with_permission(ROTATE),
                &set("Token", "new-token"),
                MapTokens::default(),
            )
            .unwrap_or_else(|e| panic!("{}: {e}", target.name));
        assert_eq!(rotated.changed, ["Token"], "{}", target.name);
        assert_eq!(rotated.revision_after, 2, "{}", target.name);
        let after = target.record("l");
        assert_eq!(after.value("Token"), Some("new-token"), "{}", target.name);
        assert!(
            after
                .properties
                .iter()
                .any(|p| p.name == "Token" && p.secret)
        );
    }
}
