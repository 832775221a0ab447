//! Native tests of `execute` against a small in-memory store that keeps
//! secret values to itself, as a real host does.

use std::collections::BTreeMap;

use crate::error::{
    AmbiguousConnector, Conflict, ConnectorNotFound, InvalidParameter, LimitExceeded,
    UnresolvedToken, ValidationFailed,
};

use super::*;
use crate::limits::LIMITS;
use crate::model::{ChangeOp, PropertyRow, PropertyRule, StoredProperty, StoredValue, ValueFormat};

/// A stored connector: name, kind, revision and (name, value, secret) properties.
type Stored = (String, Option<String>, u64, Vec<(String, String, bool)>);

#[derive(Default)]
struct Memory {
    connectors: BTreeMap<String, Stored>,
    rules: Vec<KindRules>,
    tokens: Vec<(Option<String>, String, String)>,
    /// Conflicts to inject before the next writes succeed.
    conflicts: u32,
    writes: u32,
}

impl Memory {
    fn with(id: &str, name: &str, props: &[(&str, &str, bool)]) -> Self {
        let mut m = Memory::default();
        m.add(id, name, props);
        m
    }

    fn add(&mut self, id: &str, name: &str, props: &[(&str, &str, bool)]) {
        let props = props
            .iter()
            .map(|(n, v, s)| (n.to_string(), v.to_string(), *s))
            .collect();
        self.connectors
            .insert(id.into(), (name.into(), None, 1, props));
    }

    fn value(&self, id: &str, name: &str) -> Option<String> {
        self.connectors[id]
            .3
            .iter()
            .find(|p| p.0 == name)
            .map(|p| p.1.clone())
    }
}

impl ImportedStore for Memory {
    fn get(&mut self, id: &str) -> Result<Connector, StoreError> {
        let (name, kind, revision, props) = self.connectors.get(id).ok_or(StoreError::NotFound)?;
        Ok(Connector {
            id: id.into(),
            name: name.clone(),
            kind: kind.clone(),
            revision: *revision,
            properties: props
                .iter()
                .map(|(n, v, s)| StoredProperty {
                    name: n.clone(),
                    value: if *s {
                        StoredValue::Secret
                    } else {
                        StoredValue::Plain(v.clone())
                    },
                })
                .collect(),
        })
    }

    fn find_by_name(&mut self, name: &str) -> Result<Vec<ConnectorSummary>, StoreError> {
        Ok(self
            .connectors
            .iter()
            .filter(|(_, c)| c.0 == name)
            .map(|(id, c)| ConnectorSummary {
                id: id.clone(),
                name: c.0.clone(),
                kind: c.1.clone(),
                revision: c.2,
            })
            .collect())
    }

    fn rules(&mut self, kind: &str) -> Result<Option<KindRules>, StoreError> {
        Ok(self.rules.iter().find(|r| r.kind == kind).cloned())
    }

    fn write(
        &mut self,
        id: &str,
        expected: u64,
        changes: &[Change],
        mode: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        if self.conflicts > 0 {
            self.conflicts -= 1;
            let c = self.connectors.get_mut(id).ok_or(StoreError::NotFound)?;
            c.2 += 1;
            c.3.push((format!("other-{}", c.2), "x".into(), false));
            return Err(StoreError::Conflict(c.2));
        }
        let c = self.connectors.get_mut(id).ok_or(StoreError::NotFound)?;
        if c.2 != expected {
            return Err(StoreError::Conflict(c.2));
        }
        let mut props = c.3.clone();
        let mut changed = Vec::new();
        for change in changes {
            let at = props.iter().position(|p| p.0 == change.name);
            match (&change.op, at) {
                (ChangeOp::Remove, Some(i)) => {
                    props.remove(i);
                    changed.push(change.name.clone());
                }
                (ChangeOp::Remove, None) => {}
                (ChangeOp::Set { value, secret }, Some(i)) => {
                    // A secret named is a secret changed, as the stores do.
                    if *secret || props[i].2 || props[i].1 != *value {
                        props[i] = (change.name.clone(), value.clone(), *secret || props[i].2);
                        changed.push(change.name.clone());
                    }
                }
                (ChangeOp::Set { value, secret }, None) => {
                    props.push((change.name.clone(), value.clone(), *secret));
                    changed.push(change.name.clone());
                }
                (ChangeOp::Merge { patch, secret }, at) => {
                    let object = |text: &str| match serde_json::from_str(text) {
                        Ok(serde_json::Value::Object(map)) => Some(map),
                        _ => None,
                    };
                    let old = at.and_then(|i| object(&props[i].1));
                    let merged = crate::merge::merge_patch(old.clone(), object(patch).unwrap());
                    if old.as_ref() != Some(&merged) {
                        let value = serde_json::Value::Object(merged).to_string();
                        match at {
                            Some(i) => props[i] = (change.name.clone(), value, true),
                            None => props.push((change.name.clone(), value, *secret)),
                        }
                        changed.push(change.name.clone());
                    }
                }
            }
        }
        if mode == WriteMode::Commit && !changed.is_empty() {
            c.3 = props;
            c.2 += 1;
            self.writes += 1;
        }
        Ok(WriteReceipt {
            revision: c.2,
            changed,
        })
    }
}

impl ImportedTokens for Memory {
    fn token(&mut self, source: Option<&str>, name: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .tokens
            .iter()
            .find(|(s, n, _)| s.as_deref() == source && n == name)
            .map(|t| t.2.clone()))
    }
}

fn step(entry: &str, rows: &[(&str, &str)], json: &str) -> Step {
    Step {
        entry_id: entry.into(),
        properties: rows
            .iter()
            .map(|(n, v)| PropertyRow {
                name: n.to_string(),
                value: Some(v.to_string()),
            })
            .collect(),
        properties_json: json.into(),
        ..Step::default()
    }
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn seed_merge_example_through_execute() {
    let mut m = Memory::with(
        "tw",
        "Twitter API",
        &[("APIKey", "k0", true), ("Endpoint", "e0", false)],
    );
    let s = step(
        "tw",
        &[("APIKey", "oldValue"), ("Endpoint", "endpoint1")],
        r#"{ "APIKey": "newValue", "Timeout": "60s" }"#,
    );
    let out = execute(&s, &mut m, &LIMITS).unwrap();
    assert_eq!(out.added, names(&["Timeout"]));
    assert_eq!(out.changed, names(&["APIKey", "Endpoint"]));
    assert_eq!(
        (out.revision_before, out.revision_after, out.unchanged),
        (1, 2, false)
    );
    assert_eq!(m.value("tw", "APIKey").as_deref(), Some("newValue"));
    assert_eq!(m.value("tw", "Endpoint").as_deref(), Some("endpoint1"));
    assert_eq!(m.value("tw", "Timeout").as_deref(), Some("60s"));
}

#[test]
fn same_step_twice_is_unchanged_the_second_time_but_a_secret_named_is_changed() {
    let mut m = Memory::with(
        "tw",
        "Twitter API",
        &[("APIKey", "k0", true), ("Timeout", "1s", false)],
    );
    let plain = step("tw", &[("Timeout", "2s")], "");
    assert!(!execute(&plain, &mut m, &LIMITS).unwrap().unchanged);
    let again = execute(&plain, &mut m, &LIMITS).unwrap();
    assert!(again.unchanged);
    assert_eq!((again.revision_before, again.revision_after), (2, 2));
    assert_eq!(m.writes, 1);
    // The guest sends a secret it cannot compare; the store changes it.
    let secret = step("tw", &[("APIKey", "k1")], "");
    execute(&secret, &mut m, &LIMITS).unwrap();
    let again = execute(&secret, &mut m, &LIMITS).unwrap();
    assert_eq!(again.changed, names(&["APIKey"]));
    assert_eq!(m.writes, 3);
}

#[test]
fn reference_by_name_and_ambiguity() {
    let mut m = Memory::with("a", "Shared", &[]);
    m.add("b", "Shared", &[]);
    m.add("Other", "Other", &[]);
    // An exact id wins (a connector whose id is its own name is no pair).
    assert_eq!(
        execute(&step("Other", &[("X", "1")], ""), &mut m, &LIMITS)
            .unwrap()
            .id,
        "Other"
    );
    // Ids and names never stand for each other: an id that is another's
    // name is ambiguous, the id first, and nothing is written.
    m.add("Shared", "Another", &[]);
    let writes = m.writes;
    match execute(&step("Shared", &[("X", "1")], ""), &mut m, &LIMITS).unwrap_err() {
        ActionError::AmbiguousConnector(AmbiguousConnector {
            candidates,
            message,
            ..
        }) => {
            assert_eq!(candidates, names(&["Shared", "a", "b"]));
            assert!(
                message.contains("is the id of one connector and the name of 2"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(m.writes, writes);
    m.connectors.remove("Shared");
    match execute(&step("Shared", &[("X", "1")], ""), &mut m, &LIMITS).unwrap_err() {
        ActionError::AmbiguousConnector(AmbiguousConnector {
            candidates,
            message,
            ..
        }) => {
            assert_eq!(candidates, names(&["a", "b"]));
            assert!(message.contains("a, b"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        execute(&step("Nope", &[], ""), &mut m, &LIMITS)
            .unwrap_err()
            .code(),
        "connector-not-found"
    );
    assert_eq!(
        execute(&step("  ", &[], ""), &mut m, &LIMITS)
            .unwrap_err()
            .code(),
        "invalid-parameter"
    );
}

#[test]
fn conflicts_are_retried_and_reapplied() {
    let mut m = Memory::with("c", "C", &[("A", "1", false)]);
    m.conflicts = 3;
    let out = execute(&step("c", &[("A", "2")], ""), &mut m, &LIMITS).unwrap();
    assert_eq!((out.revision_before, out.revision_after), (4, 5));
    assert_eq!(m.value("c", "A").as_deref(), Some("2"));
    assert_eq!(
        m.value("c", "other-4").as_deref(),
        Some("x"),
        "the other writer's change survives"
    );
}

#[test]
fn retries_are_bounded() {
    let mut m = Memory::with("c", "C", &[]);
    m.conflicts = MAX_WRITE_ATTEMPTS;
    assert_eq!(
        execute(&step("c", &[("A", "2")], ""), &mut m, &LIMITS)
            .unwrap_err()
            .code(),
        "conflict"
    );
}

#[test]
fn expected_revision_is_not_retried() {
    let mut m = Memory::with("c", "C", &[]);
    let mut s = step("c", &[("A", "2")], "");
    s.expected_revision = Some(7);
    match execute(&s, &mut m, &LIMITS).unwrap_err() {
        ActionError::Conflict(Conflict {
            expected, actual, ..
        }) => assert_eq!((expected, actual), (7, 1)),
        other => panic!("{other:?}"),
    }
    s.expected_revision = Some(1);
    m.conflicts = 1;
    assert_eq!(execute(&s, &mut m, &LIMITS).unwrap_err().code(), "conflict");
    assert!(m.value("c", "A").is_none());
}

#[test]
fn dry_run_writes_nothing_but_reports() {
    let mut m = Memory::with("c", "C", &[("A", "1", false), ("S", "s", true)]);
    let mut s = step("c", &[("A", "2"), ("S", "s")], r#"{"B": "3"}"#);
    s.dry_run = true;
    let out = execute(&s, &mut m, &LIMITS).unwrap();
    // The secret is named with the value it holds: changed all the same.
    assert_eq!(
        (out.added, out.changed, out.dry_run),
        (names(&["B"]), names(&["A", "S"]), true)
    );
    assert_eq!((out.revision_before, out.revision_after), (1, 1));
    assert_eq!(m.writes, 0);
}

#[test]
fn kind_rules_are_checked_before_writing() {
    let mut m = Memory::with("c", "C", &[]);
    m.connectors.get_mut("c").unwrap().1 = Some("rest".into());
    m.rules.push(KindRules {
        kind: "rest".into(),
        help: String::new(),
        properties: vec![PropertyRule {
            required: true,
            ..PropertyRule::new("Timeout", ValueFormat::Duration)
        }],
        max_properties: None,
        allow_unknown: true,
    });
    let err = execute(&step("c", &[("Timeout", "soon")], ""), &mut m, &LIMITS).unwrap_err();
    match &err {
        ActionError::ValidationFailed(ValidationFailed { violations, .. }) => {
            assert_eq!(violations[0].rule, "format")
        }
        other => panic!("{other:?}"),
    }
    assert!(!err.to_string().contains("soon"));
    assert_eq!(m.writes, 0);
    execute(&step("c", &[("Timeout", "5m")], ""), &mut m, &LIMITS).unwrap();
}

#[test]
fn tokens_in_every_field() {
    let mut m = Memory::with("tw", "Twitter API", &[]);
    m.tokens = vec![
        (Some("Form".into()), "Conn".into(), "Twitter API".into()),
        (Some("Form".into()), "Key".into(), "abc".into()),
        (None, "Name".into(), "Header".into()),
    ];
    let s = step(
        "[Form:Conn]",
        &[("[Name]", "[Form:Key|Bearer {0}]")],
        r#"{"Raw": "&#91;x&#93;"}"#,
    );
    let out = execute(&s, &mut m, &LIMITS).unwrap();
    assert_eq!(out.added, names(&["Header", "Raw"]));
    assert_eq!(m.value("tw", "Header").as_deref(), Some("Bearer abc"));
    assert_eq!(m.value("tw", "Raw").as_deref(), Some("[x]"));
    let err = execute(&step("tw", &[("A", "[Form:Missing]")], ""), &mut m, &LIMITS).unwrap_err();
    match err {
        ActionError::UnresolvedToken(UnresolvedToken { field, .. }) => {
            assert_eq!(field, "Properties[0].PropertyValue")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn empty_names_name_the_row() {
    let mut m = Memory::with("c", "C", &[]);
    match execute(&step("c", &[("A", "1"), ("", "2")], ""), &mut m, &LIMITS).unwrap_err() {
        ActionError::InvalidParameter(InvalidParameter { field, .. }) => {
            assert_eq!(field, "Properties[1].PropertyName")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn store_errors_map_to_codes() {
    struct Failing(StoreError);
    impl ImportedStore for Failing {
        fn get(&mut self, _: &str) -> Result<Connector, StoreError> {
            Err(self.0.clone())
        }
        fn find_by_name(&mut self, _: &str) -> Result<Vec<ConnectorSummary>, StoreError> {
            Err(self.0.clone())
        }
        fn rules(&mut self, _: &str) -> Result<Option<KindRules>, StoreError> {
            Ok(None)
        }
        fn write(
            &mut self,
            _: &str,
            _: u64,
            _: &[Change],
            _: WriteMode,
        ) -> Result<WriteReceipt, StoreError> {
            Err(self.0.clone())
        }
    }
    impl ImportedTokens for Failing {
        fn token(&mut self, _: Option<&str>, _: &str) -> Result<Option<String>, StoreError> {
            Ok(None)
        }
    }
    let cases = [
        (StoreError::Unavailable("disk".into()), "store-unavailable"),
        (
            StoreError::PermissionDenied {
                property: None,
                reason: "no".into(),
            },
            "permission-denied",
        ),
        (
            StoreError::Invalid(vec![crate::model::Violation {
                property: "config".into(),
                rule: "json-entries".into(),
                message: "Property 'config' may hold at most 2 entries.".into(),
            }]),
            "validation-failed",
        ),
    ];
    for (error, code) in cases {
        assert_eq!(
            execute(&step("c", &[], ""), &mut Failing(error), &LIMITS)
                .unwrap_err()
                .code(),
            code
        );
    }
}

#[test]
fn size_checks_come_in_the_documented_order() {
    let limits = LIMITS;
    let long = "x".repeat(limits.entry_id_bytes + 1);
    let many: Vec<(&str, &str)> = vec![("a", "1"); limits.properties_rows + 1];
    let big = "y".repeat(limits.value_bytes);
    let heavy: Vec<(&str, &str)> = vec![("b", big.as_str()); 17];
    let what = |s: Step| match check_step_limits(&s, &limits) {
        Err(ActionError::LimitExceeded(LimitExceeded { what, .. })) => what,
        other => panic!("{other:?}"),
    };
    // The EntryId first, even when everything else is over too.
    assert_eq!(what(step(&long, &many, "")), "EntryId size in bytes");
    assert_eq!(what(step("c", &many, "")), "Properties rows");
    let json = "z".repeat(limits.properties_json_bytes + 1);
    assert_eq!(
        what(step("c", &heavy, &json)),
        "PropertiesJson size in bytes"
    );
    let mut over = heavy.clone();
    let too_big = "v".repeat(limits.value_bytes + 1);
    over.push(("c", too_big.as_str()));
    assert_eq!(what(step("c", &over, "")), "property value size in bytes");
    // 17 values of 64 KiB are each allowed, but together over 1 MiB.
    assert_eq!(what(step("c", &heavy, "")), "step JSON size in bytes");
}

/// Property-based tests of the token parser, the escapes, the Dynamic
/// Properties and the merge (proptest), each against an oracle computed
/// independently of the code under test: what the text should resolve to,
/// which keys the object has, what the connector should hold afterwards,
/// and that no error shows the canary.
mod properties {
    use std::collections::BTreeMap;

    use proptest::collection::{btree_map, vec};
    use proptest::prelude::*;
    use proptest::string::string_regex;

    use super::*;
    use crate::dynamic_properties::resolve_dynamic_properties;
    use crate::model::SECRET_MASK;
    use crate::tokens::{Segment, decode_escapes, nested_token, parse_template};

    const CANARY: &str = "canary-3d5e1f-never-print-me";

    fn regex(pattern: &str) -> BoxedStrategy<String> {
        string_regex(pattern).unwrap().boxed()
    }

    /// Text rich in what tokens, escapes and JSON are made of, in pieces
    /// that often form tokens, escapes and near-misses: brackets, bars,
    /// colons, braces, `{0}`, `&#..;`, whitespace, commas, quotes,
    /// backslashes and non-ASCII text.
    fn token_soup() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            regex(r#"[\[\]|:{}0-9A-Za-z_.&#; \t\n,"'\\é名-]{1,6}"#),
            Just("&#91;".to_string()),
            Just("&#93;".to_string()),
            Just("&#124;".to_string()),
            Just("{0}".to_string()),
            Just("[Form:Key]".to_string()),
            Just("[Env|{0}]".to_string()),
            Just("[é:名|«{0}»]".to_string()),
            Just("[A|".to_string()),
            Just("[::1]".to_string()),
            Just("[1, 2]".to_string()),
            Just("🙂".to_string()),
        ];
        vec(piece, 0..12).prop_map(|pieces| pieces.concat())
    }

    /// An identifier: a letter or `_`, then letters, digits, `_`, `.`, `-`.
    fn ident() -> BoxedStrategy<String> {
        regex("[A-Za-z_é名][A-Za-z0-9_.é名-]{0,6}")
    }

    /// Text to write literally: every character a user might type except
    /// `;`, so that no escape can form by accident (escapes are made by
    /// [`escape`] only).
    fn literal() -> BoxedStrategy<String> {
        regex(r#"[\[\]|:{}0-9A-Za-z_.&# \t\n,"'\\éß名🙂-]{0,10}"#)
    }

    /// `text` with `[`, `]` and `|` written as their escapes.
    fn escape(text: &str) -> String {
        text.replace('[', "&#91;")
            .replace(']', "&#93;")
            .replace('|', "&#124;")
    }

    /// A piece of a field: literal text, or a token with its value and format.
    #[derive(Clone, Debug)]
    enum Piece {
        Literal(String),
        Token {
            source: Option<String>,
            name: String,
            format: Option<String>,
            value: String,
        },
    }

    fn piece() -> impl Strategy<Value = Piece> {
        prop_oneof![
            literal().prop_map(Piece::Literal),
            (
                proptest::option::of(ident()),
                ident(),
                proptest::option::of(prop_oneof![
                    literal(),
                    literal().prop_map(|l| format!("{l}{{0}}{l}")),
                ]),
                any::<String>(),
            )
                .prop_map(|(source, name, format, value)| Piece::Token {
                    source,
                    name,
                    format,
                    value,
                }),
        ]
    }

    /// The tokens a host knows: (source, name, value).
    type KnownTokens = Vec<(Option<String>, String, String)>;

    /// The field's text as written, the tokens the host knows (the first
    /// value for a token wins, as the resolver asks the host once), and the
    /// text it must resolve to.
    fn field(pieces: &[Piece]) -> (String, KnownTokens, String) {
        let mut written = String::new();
        let mut tokens = KnownTokens::new();
        let mut expected = String::new();
        for piece in pieces {
            match piece {
                Piece::Literal(text) => {
                    written.push_str(&escape(text));
                    expected.push_str(text);
                }
                Piece::Token {
                    source,
                    name,
                    format,
                    value,
                } => {
                    written.push('[');
                    if let Some(source) = source {
                        written.push_str(source);
                        written.push(':');
                    }
                    written.push_str(name);
                    if let Some(format) = format {
                        written.push('|');
                        written.push_str(&escape(format));
                    }
                    written.push(']');
                    let known = tokens
                        .iter()
                        .find(|(s, n, _)| s == source && n == name)
                        .map(|t| t.2.clone());
                    let value = known.unwrap_or_else(|| {
                        tokens.push((source.clone(), name.clone(), value.clone()));
                        value.clone()
                    });
                    match format {
                        Some(format) => expected.push_str(&format.replace("{0}", &value)),
                        None => expected.push_str(&value),
                    }
                }
            }
        }
        (written, tokens, expected)
    }

    /// Any JSON value a designer might write, as (its text, what the
    /// property then holds: `None` removes it).
    fn json_value() -> impl Strategy<Value = (String, Option<String>)> {
        prop_oneof![
            value_text().prop_map(|v| (serde_json::to_string(&v).unwrap(), Some(v))),
            Just(("null".to_string(), None)),
            Just(("true".to_string(), Some("true".to_string()))),
            Just(("false".to_string(), Some("false".to_string()))),
            any::<i64>().prop_map(|n| (n.to_string(), Some(n.to_string()))),
            Just(("0.50".to_string(), Some("0.50".to_string()))),
            Just(("-12.5".to_string(), Some("-12.5".to_string()))),
            Just((
                "[1, [2, \"b\"], {}]".to_string(),
                Some(r#"[1,[2,"b"],{}]"#.to_string())
            )),
            Just((
                "{ \"a\" : { \"b\" : null, \"c\": [ ] } }".to_string(),
                Some(r#"{"a":{"b":null,"c":[]}}"#.to_string())
            )),
        ]
    }

    /// A property name: case variants of a few names, often colliding,
    /// and longer names with punctuation and non-ASCII letters.
    fn name() -> BoxedStrategy<String> {
        prop_oneof![
            prop::sample::select(vec![
                "Key", "key", "KEY", "ApiKey", "apiKey", "Ä", "ä", "名前"
            ])
            .prop_map(str::to_string),
            regex(r"[A-Za-z][A-Za-z0-9_.:é -]{0,20}"),
        ]
        .boxed()
    }

    /// A value: the mask, empty text, the canary, quotes, commas,
    /// whitespace and non-ASCII; no `[` or `&`, which tokens and escapes
    /// would change (their own tests cover them).
    fn value_text() -> BoxedStrategy<String> {
        prop_oneof![
            Just(SECRET_MASK.to_string()),
            Just(String::new()),
            Just(CANARY.to_string()),
            regex(r#"[a-z0-9 ,"'\\{}:\t\néß名🙂*-]{0,12}"#),
        ]
        .boxed()
    }

    /// A Dynamic Properties text holding these members, with varied spacing.
    fn object_text(members: &BTreeMap<String, (String, Option<String>)>, spaced: bool) -> String {
        let separator = if spaced { " ,\n\t" } else { "," };
        let inner: Vec<String> = members
            .iter()
            .map(|(k, (json, _))| format!("{}:{json}", serde_json::to_string(k).unwrap()))
            .collect();
        format!("{{{}}}", inner.join(separator))
    }

    /// A connector's properties by name: (value, secret).
    type State = BTreeMap<String, (String, bool)>;

    fn state(m: &Memory, id: &str) -> State {
        m.connectors[id]
            .3
            .iter()
            .map(|(n, v, s)| (n.clone(), (v.clone(), *s)))
            .collect()
    }

    fn sorted(list: &[String]) -> Vec<String> {
        let mut list = list.to_vec();
        list.sort();
        list
    }

    proptest! {
        #[test]
        fn the_token_parser_loses_no_text_and_resolves_as_its_segments_say(text in token_soup()) {
            let segments = parse_template(&text);
            let rebuilt: String = segments
                .iter()
                .map(|s| match s {
                    Segment::Literal(l) => *l,
                    Segment::Token(t) => t.raw,
                })
                .collect();
            prop_assert_eq!(&rebuilt, &text);
            // Every token is known, and its value is text that looks like a
            // token and JSON: it is inserted as it is, never decoded.
            let mut store = Memory::default();
            let mut expected = String::new();
            for segment in &segments {
                match segment {
                    Segment::Literal(l) => expected.push_str(&decode_escapes(l)),
                    Segment::Token(t) => {
                        let value = format!("<[{}]\"&#91;{{0}}>", t.name);
                        store.tokens.push((t.source.map(str::to_string), t.name.to_string(), value.clone()));
                        match t.format {
                            Some(f) => expected.push_str(&decode_escapes(f).replace("{0}", &value)),
                            None => expected.push_str(&value),
                        }
                    }
                }
            }
            let mut resolver = TokenResolver::new(&mut store, LIMITS);
            match (resolver.resolve("F", &text), nested_token(&text)) {
                (Ok(resolved), None) => prop_assert_eq!(resolved, expected),
                (Err(e), Some(_)) => prop_assert_eq!(e.code(), "invalid-parameter"),
                (other, nested) => prop_assert!(false, "{:?} with nesting at {:?}", other.map(|_| ()), nested),
            }
        }

        #[test]
        fn escaped_text_and_tokens_resolve_to_exactly_what_was_meant(pieces in vec(piece(), 0..8)) {
            let (written, tokens, expected) = field(&pieces);
            let mut store = Memory { tokens, ..Memory::default() };
            let mut resolver = TokenResolver::new(&mut store, LIMITS);
            prop_assert_eq!(resolver.resolve("F", &written).unwrap(), expected);
        }

        #[test]
        fn an_unknown_tokens_error_names_the_field_and_shows_no_value(
            pieces in vec(piece(), 0..4),
            source in proptest::option::of(ident()),
            name in ident(),
            format in prop::sample::select(vec![
                format!("{CANARY}{{0}}"),
                format!("Bearer {{0}} {CANARY}"),
                CANARY.to_string(),
            ]),
        ) {
            let (mut written, tokens, _) = field(&pieces);
            prop_assume!(!tokens.iter().any(|(s, n, _)| *s == source && *n == name));
            // Every known token's value is the canary too.
            let tokens = tokens.into_iter().map(|(s, n, _)| (s, n, CANARY.to_string())).collect();
            match &source {
                Some(s) => written.push_str(&format!("[{s}:{name}|{format}]")),
                None => written.push_str(&format!("[{name}|{format}]")),
            }
            let mut store = Memory { tokens, ..Memory::default() };
            let mut resolver = TokenResolver::new(&mut store, LIMITS);
            let error = resolver.resolve("Properties[0].PropertyValue", &written).unwrap_err();
            prop_assert_eq!(error.code(), "unresolved-token");
            let shown = format!("{error} {error:?}");
            prop_assert!(shown.starts_with("Properties[0].PropertyValue: "));
            prop_assert!(!shown.contains(CANARY), "the error shows a value or a format");
        }

        #[test]
        fn a_token_value_never_adds_removes_or_renames_a_key(value in any::<String>(), key in name()) {
            // The value may hold quotes, braces, commas and JSON of its own.
            let mut store = Memory::default();
            store.tokens.push((Some("Form".into()), "V".into(), value.clone()));
            let text = format!(
                "{{{}: \"[Form:V]\", \"Framed\": \"<[Form:V]>\", \"Last\": null}}",
                serde_json::to_string(&key).unwrap()
            );
            let mut resolver = TokenResolver::new(&mut store, LIMITS);
            let properties: Vec<(String, Option<String>)> = resolve_dynamic_properties(&text, &mut resolver, &LIMITS)
                .unwrap()
                .into_iter()
                .map(crate::dynamic_properties::DynamicProperty::into_pair)
                .collect();
            let mut expected = vec![
                (key.clone(), Some(value.clone())),
                ("Framed".to_string(), Some(format!("<{value}>"))),
                ("Last".to_string(), None),
            ];
            // A later duplicate key wins, in the first one's place.
            if key == "Framed" || key == "Last" {
                let last = expected.iter().rposition(|(k, _)| *k == key).unwrap();
                let later = expected.remove(last);
                expected[0] = later;
            }
            prop_assert_eq!(properties, expected);
        }

        #[test]
        fn dynamic_properties_names_are_the_objects_keys(
            members in btree_map(name(), json_value(), 0..8),
            spaced in any::<bool>(),
        ) {
            let text = object_text(&members, spaced);
            let mut store = Memory::default();
            let mut resolver = TokenResolver::new(&mut store, LIMITS);
            let properties: Vec<(String, Option<String>)> = resolve_dynamic_properties(&text, &mut resolver, &LIMITS)
                .unwrap()
                .into_iter()
                .map(crate::dynamic_properties::DynamicProperty::into_pair)
                .collect();
            let expected: Vec<(String, Option<String>)> =
                members.iter().map(|(k, (_, v))| (k.clone(), v.clone())).collect();
            prop_assert_eq!(properties, expected);
        }

        #[test]
        fn the_merge_leaves_what_the_precedence_rules_say(
            stored in btree_map(name(), (value_text(), any::<bool>()), 0..6),
            rows in vec((name(), value_text()), 0..8),
            dynamic in btree_map(name(), json_value(), 0..6),
            spaced in any::<bool>(),
        ) {
            let props: Vec<(&str, &str, bool)> =
                stored.iter().map(|(n, (v, s))| (n.as_str(), v.as_str(), *s)).collect();
            let mut m = Memory::with("c", "C", &props);
            let rows_list: Vec<(&str, &str)> =
                rows.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
            let json = if dynamic.is_empty() { String::new() } else { object_text(&dynamic, spaced) };
            let s = step("c", &rows_list, &json);
            let before = state(&m, "c");
            let first = execute(&s, &mut m, &LIMITS).unwrap();

            // Later rows win over earlier ones, Dynamic Properties over rows;
            // null removes; the mask keeps a stored secret.
            let mut asked: BTreeMap<String, Option<String>> = BTreeMap::new();
            for (n, v) in &rows {
                asked.insert(n.clone(), Some(v.clone()));
            }
            for (n, (_, v)) in &dynamic {
                asked.insert(n.clone(), v.clone());
            }
            let mut expected = before.clone();
            // The stored secrets the step names with a value (not the mask):
            // each is changed, whatever it held.
            let mut named_secrets: Vec<String> = Vec::new();
            for (n, v) in &asked {
                let secret = before.get(n).is_some_and(|p| p.1);
                match v {
                    None => { expected.remove(n); }
                    Some(v) if secret && v == SECRET_MASK => {}
                    Some(v) => {
                        if secret {
                            named_secrets.push(n.clone());
                        }
                        expected.insert(n.clone(), (v.clone(), secret));
                    }
                }
            }
            let after = state(&m, "c");
            prop_assert_eq!(&after, &expected);

            // The outcome names exactly what changed, each in its list.
            let added: Vec<String> = after.keys().filter(|n| !before.contains_key(*n)).cloned().collect();
            let removed: Vec<String> = before.keys().filter(|n| !after.contains_key(*n)).cloned().collect();
            let changed: Vec<String> = after
                .iter()
                .filter(|(n, p)| {
                    before.get(*n).is_some_and(|b| b != *p || named_secrets.contains(*n))
                })
                .map(|(n, _)| n.clone())
                .collect();
            let wrote = after != before || !named_secrets.is_empty();
            prop_assert_eq!(
                (sorted(&first.added), sorted(&first.changed), sorted(&first.removed)),
                (added, changed, removed)
            );
            prop_assert_eq!(first.unchanged, !wrote);
            prop_assert_eq!(first.revision_after, if wrote { 2 } else { 1 });

            // The same step again changes nothing but the secrets it names.
            let second = execute(&s, &mut m, &LIMITS).unwrap();
            prop_assert_eq!(sorted(&second.changed), sorted(&named_secrets));
            prop_assert!(second.added.is_empty() && second.removed.is_empty());
        }

        #[test]
        fn no_error_shows_the_canary(
            entry in prop::sample::select(vec!["c", "C", "[Form:Secret]", "[Form:Secret|x{0}]", "Nope"]),
            row_value in prop::sample::select(vec![
                "[Form:Secret]".to_string(),
                format!("{CANARY}[Form:Missing]"),
                format!("[Form:Missing|{CANARY}{{0}}]"),
                format!("[Form:Secret|{{0}}[Env]]"),
                CANARY.to_string(),
            ]),
            row_name in prop::sample::select(vec!["N", "Timeout", "Free", "S"]),
            json in prop::sample::select(vec![
                String::new(),
                format!("{{\"N\": {CANARY}}}"),
                format!("{{\"N\": \"{CANARY}\""),
                format!("[\"{CANARY}\"]"),
                format!("{{\"Timeout\": \"[Form:Secret]\", \"N\": \"x\"}}"),
                "[Form:Secret]".to_string(),
                format!("{{\"S\": \"{CANARY}\", \"N\": 5}}"),
                format!("{{\"Free\": \"[Form:Missing|{CANARY}]\"}}"),
            ]),
            expected_revision in proptest::option::of(0u64..3),
        ) {
            let mut m = Memory::with("c", "C", &[("S", CANARY, true), ("N", "1", false)]);
            m.connectors.get_mut("c").unwrap().1 = Some("k".into());
            m.rules.push(KindRules {
                kind: "k".into(),
                help: String::new(),
                properties: vec![
                    PropertyRule::new("N", ValueFormat::Integer),
                    PropertyRule::new("Timeout", ValueFormat::Duration),
                    PropertyRule { required: true, ..PropertyRule::new("S", ValueFormat::Integer) },
                ],
                max_properties: Some(3),
                allow_unknown: true,
            });
            m.tokens = vec![
                (Some("Form".into()), "Secret".into(), CANARY.into()),
                (None, "Env".into(), CANARY.into()),
            ];
            let mut s = step(entry, &[(row_name, row_value.as_str())], &json);
            s.expected_revision = expected_revision;
            let before = m.connectors.clone();
            if let Err(error) = execute(&s, &mut m, &LIMITS) {
                let shown = format!("{error} {error:?}");
                prop_assert!(!shown.contains(CANARY), "{} shows the canary", error.code());
                prop_assert_eq!(&m.connectors, &before, "a refused step wrote");
            }
        }
    }
}

/// The guest's side of issue 13: values never in errors, a row without a
/// value, required properties set to empty text, revision 0, limits.
mod trust {
    use super::*;
    use crate::limits::LIMITS;

    const CANARY: &str = "CANARY-7f3a";

    fn required_kind() -> KindRules {
        KindRules {
            kind: "rest-api".into(),
            help: String::new(),
            properties: vec![PropertyRule {
                required: true,
                secret: true,
                ..PropertyRule::new("APIKey", ValueFormat::Text)
            }],
            max_properties: None,
            allow_unknown: true,
        }
    }

    fn kinded() -> Memory {
        let mut m = Memory::with("tw", "Twitter API", &[("APIKey", CANARY, true)]);
        m.connectors.get_mut("tw").unwrap().1 = Some("rest-api".into());
        m.rules.push(required_kind());
        m
    }

    #[test]
    fn a_row_without_a_value_is_refused_naming_the_row() {
        let mut m = kinded();
        let mut s = step("tw", &[("Timeout", "30s")], "");
        s.properties.push(PropertyRow {
            name: "APIKey".into(),
            value: None,
        });
        match execute(&s, &mut m, &LIMITS).unwrap_err() {
            ActionError::InvalidParameter(InvalidParameter { field, message }) => {
                assert_eq!(field, "Properties[1].PropertyValue");
                assert!(message.contains("has no PropertyValue"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            (m.writes, m.value("tw", "APIKey").as_deref()),
            (0, Some(CANARY))
        );
    }

    #[test]
    fn a_required_property_may_not_be_set_to_empty_text() {
        for s in [
            step("tw", &[("APIKey", "")], ""),
            step("tw", &[("APIKey", "   ")], ""),
            step("tw", &[], r#"{"APIKey": ""}"#),
        ] {
            let mut m = kinded();
            match execute(&s, &mut m, &LIMITS).unwrap_err() {
                ActionError::ValidationFailed(ValidationFailed { violations, .. }) => {
                    assert_eq!(violations.len(), 1, "{violations:?}");
                    assert_eq!(
                        (violations[0].property.as_str(), violations[0].rule.as_str()),
                        ("APIKey", "required")
                    );
                    assert!(violations[0].message.contains("empty text"));
                }
                other => panic!("{other:?}"),
            }
            assert_eq!(m.writes, 0);
            assert_eq!(m.value("tw", "APIKey").as_deref(), Some(CANARY));
        }
        // Not required: empty text is a value like any other.
        let mut m = kinded();
        let out = execute(&step("tw", &[("Note", "")], ""), &mut m, &LIMITS).unwrap();
        assert_eq!(out.added, names(&["Note"]));
    }

    #[test]
    fn expected_revision_zero_is_refused_before_anything_is_read() {
        let mut m = kinded();
        let mut s = step("tw", &[("APIKey", "new")], "");
        s.expected_revision = Some(0);
        match execute(&s, &mut m, &LIMITS).unwrap_err() {
            ActionError::InvalidParameter(InvalidParameter { field, message }) => {
                assert_eq!(field, "ExpectedRevision");
                assert!(message.contains("revisions start at 1"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(m.writes, 0);
    }

    #[test]
    fn a_reference_from_a_token_is_not_echoed() {
        let mut m = kinded();
        m.tokens
            .push((Some("Form".into()), "Id".into(), CANARY.into()));
        let s = step("prefix-[Form:Id|x-{0}]", &[("A", "1")], "");
        match execute(&s, &mut m, &LIMITS).unwrap_err() {
            ActionError::ConnectorNotFound(ConnectorNotFound { reference, message }) => {
                assert_eq!(reference, "prefix-[Form:Id]");
                assert!(
                    !message.contains(CANARY) && !message.contains('|'),
                    "{message}"
                );
                assert!(message.contains("prefix-[Form:Id]"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        // Written without tokens, the reference is the user's own text.
        match execute(&step("nope", &[("A", "1")], ""), &mut m, &LIMITS).unwrap_err() {
            ActionError::ConnectorNotFound(ConnectorNotFound { reference, .. }) => {
                assert_eq!(reference, "nope")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_stores_refusal_of_a_reference_from_a_token_does_not_echo_it() {
        struct Refusing(Memory);
        impl ImportedStore for Refusing {
            fn get(&mut self, id: &str) -> Result<Connector, StoreError> {
                Err(StoreError::PermissionDenied {
                    property: None,
                    reason: format!("mallory has no grant on connector '{id}'"),
                })
            }
            fn find_by_name(&mut self, n: &str) -> Result<Vec<ConnectorSummary>, StoreError> {
                self.0.find_by_name(n)
            }
            fn rules(&mut self, k: &str) -> Result<Option<KindRules>, StoreError> {
                self.0.rules(k)
            }
            fn write(
                &mut self,
                id: &str,
                e: u64,
                c: &[Change],
                m: WriteMode,
            ) -> Result<WriteReceipt, StoreError> {
                self.0.write(id, e, c, m)
            }
        }
        impl ImportedTokens for Refusing {
            fn token(&mut self, s: Option<&str>, n: &str) -> Result<Option<String>, StoreError> {
                self.0.token(s, n)
            }
        }
        let mut m = Refusing(kinded());
        m.0.tokens
            .push((Some("Env".into()), "Id".into(), CANARY.into()));
        let err = execute(&step("[Env:Id]", &[("A", "1")], ""), &mut m, &LIMITS).unwrap_err();
        assert_eq!(err.code(), "permission-denied");
        let text = format!("{err} {err:?}");
        assert!(!text.contains(CANARY), "{text}");
        assert!(text.contains("[Env:Id]"), "{text}");
    }

    #[test]
    fn a_tokens_format_is_not_echoed() {
        let mut m = kinded();
        let s = step("tw", &[("APIKey", "[Form:Missing|CANARY-{0}]")], "");
        match execute(&s, &mut m, &LIMITS).unwrap_err() {
            ActionError::UnresolvedToken(UnresolvedToken {
                field,
                token,
                message,
            }) => {
                assert_eq!(field, "Properties[0].PropertyValue");
                assert_eq!(token, "[Form:Missing]");
                assert!(!message.contains("CANARY"), "{message}");
                assert!(message.contains("&#91;Form:Missing&#93;"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_whole_token_in_dynamic_properties_may_be_as_large_as_dynamic_properties() {
        let mut m = kinded();
        // 100 values of 1 KiB: over one value's 64 KiB, within 256 KiB.
        let object: serde_json::Map<String, serde_json::Value> = (0..100)
            .map(|i| (format!("P{i}"), serde_json::Value::String("v".repeat(1024))))
            .collect();
        let json = serde_json::Value::Object(object).to_string();
        assert!(json.len() > LIMITS.value_bytes && json.len() < LIMITS.properties_json_bytes);
        m.tokens.push((Some("Form".into()), "Json".into(), json));
        let out = execute(&step("tw", &[], "[Form:Json]"), &mut m, &LIMITS).unwrap();
        assert_eq!(out.added.len(), 100);
        // Over the Dynamic Properties limit it is refused as that limit.
        let mut m = kinded();
        m.tokens.push((
            Some("Form".into()),
            "Json".into(),
            "x".repeat(LIMITS.properties_json_bytes + 1),
        ));
        match execute(&step("tw", &[], "[Form:Json]"), &mut m, &LIMITS).unwrap_err() {
            ActionError::LimitExceeded(LimitExceeded { what, limit, .. }) => {
                assert_eq!(
                    (what.as_str(), limit),
                    ("PropertiesJson size in bytes", 256 * 1024)
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_whole_token_that_is_blank_means_no_dynamic_properties() {
        for value in ["", "  \n", "\u{feff}"] {
            let mut m = kinded();
            m.tokens
                .push((Some("Form".into()), "Json".into(), value.into()));
            let out = execute(&step("tw", &[("A", "1")], "[Form:Json]"), &mut m, &LIMITS).unwrap();
            assert_eq!(out.added, names(&["A"]), "{value:?}");
        }
    }

    #[test]
    fn numbers_keep_their_json_text() {
        let mut m = kinded();
        execute(
            &step(
                "tw",
                &[],
                r#"{"A": 1e2, "B": 0.50, "C": -0, "D": 12345678901234567890123}"#,
            ),
            &mut m,
            &LIMITS,
        )
        .unwrap();
        let values: Vec<_> = ["A", "B", "C", "D"]
            .iter()
            .map(|n| m.value("tw", n).unwrap())
            .collect();
        assert_eq!(values, ["1e2", "0.50", "-0", "12345678901234567890123"]);
    }

    #[test]
    fn limit_messages_read_as_sentences_with_advice() {
        let mut m = kinded();
        let s = step("tw", &[("APIKey", &"x".repeat(LIMITS.value_bytes + 1))], "");
        let message = execute(&s, &mut m, &LIMITS).unwrap_err().to_string();
        assert_eq!(
            message,
            "Properties[0].PropertyValue: a property value is larger than 64 KiB (65536 bytes), the most one property may hold. Keep large data elsewhere and store a reference to it."
        );
        let rows: Vec<(String, String)> = (0..=LIMITS.properties_rows)
            .map(|i| (format!("p{i}"), "v".into()))
            .collect();
        let rows: Vec<(&str, &str)> = rows.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let message = execute(&step("tw", &rows, ""), &mut m, &LIMITS)
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("more than 1000 Properties rows")
                && message.contains("Split the update"),
            "{message}"
        );
        assert!(!message.contains("is limited to"), "{message}");
    }
}
