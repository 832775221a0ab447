//! Tokens: `[Name]`, `[Source:Name]` and either with `|format`, where `{0}`
//! in the format stands for the value.
//!
//! Source and Name are identifiers: a letter or `_`, then letters, digits,
//! `_`, `.` or `-`. Bracketed text that does not fit (`[::1]`, `[0]`,
//! `[1, 2]`) is literal. `&#91;`, `&#93;` and `&#124;` are decoded to `[`,
//! `]` and `|` in the text around tokens and in formats, after tokens are
//! recognised; a token's value is inserted as it is, never decoded and never
//! scanned for tokens again, so resolution always ends and a value cannot
//! smuggle in another token.

use std::borrow::Cow;

use crate::error::StoreError;
use crate::error::{ActionError, PermissionDenied, StoreUnavailable};
use crate::limits::{Limit, Limits};

/// One token as written in a field.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct TokenRef<'a> {
    /// The whole token, brackets included, such as `[Form:Key|Bearer {0}]`.
    pub raw: &'a str,
    /// The source, for `[Source:Name]`.
    pub source: Option<&'a str>,
    /// The name.
    pub name: &'a str,
    /// The format, for `[...|format]`, as written (escapes not yet decoded).
    pub format: Option<&'a str>,
}

impl TokenRef<'_> {
    /// The token as errors and diagnostics show it: its source and name in
    /// brackets (`[Form:Key]`), without its format, which is part of the
    /// value (`[Form:Key|Bearer {0}]` holds the text around the value).
    pub fn shown(&self) -> String {
        match self.source {
            Some(source) => format!("[{source}:{}]", self.name),
            None => format!("[{}]", self.name),
        }
    }
}

/// `text` as errors show it: each token without its format (see
/// [`TokenRef::shown`]), the literal text around the tokens as written.
pub fn shown_template(text: &str) -> String {
    parse_template(text)
        .into_iter()
        .map(|segment| match segment {
            Segment::Literal(literal) => literal.to_string(),
            Segment::Token(token) => token.shown(),
        })
        .collect()
}

/// A piece of a field's text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Segment<'a> {
    /// Literal text, as written (escapes not yet decoded).
    Literal(&'a str),
    /// A token.
    Token(TokenRef<'a>),
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_continue(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | '-')
}

/// The length in bytes of the identifier at the start of `text`, if any.
fn ident_len(text: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    match chars.next() {
        Some((_, c)) if is_ident_start(c) => {}
        _ => return None,
    }
    Some(
        chars
            .find(|&(_, c)| !is_ident_continue(c))
            .map_or(text.len(), |(i, _)| i),
    )
}

/// Parses the token that starts at `text[0] == '['`, if it is one.
fn token_at(text: &str) -> Option<TokenRef<'_>> {
    let body = &text[1..];
    let first = ident_len(body)?;
    let mut pos = first;
    let (source, name) = if body[pos..].starts_with(':') {
        let second = ident_len(&body[pos + 1..])?;
        let name = &body[pos + 1..pos + 1 + second];
        pos += 1 + second;
        (Some(&body[..first]), name)
    } else {
        (None, &body[..first])
    };
    let format = if body[pos..].starts_with('|') {
        let rest = &body[pos + 1..];
        let end = rest.find([']', '['])?;
        if rest.as_bytes()[end] == b'[' {
            return None;
        }
        pos += 1 + end;
        Some(&rest[..end])
    } else {
        None
    };
    if !body[pos..].starts_with(']') {
        return None;
    }
    let raw = &text[..pos + 2];
    Some(TokenRef {
        raw,
        source,
        name,
        format,
    })
}

/// Where the format of a token-to-be opens a bracket (`[A|...[`): the
/// offset of that `[` in `text`, which starts with `[`.
fn format_opening(text: &str) -> Option<usize> {
    let body = &text[1..];
    let mut pos = ident_len(body)?;
    if body[pos..].starts_with(':') {
        pos += 1 + ident_len(&body[pos + 1..])?;
    }
    let rest = body[pos..].strip_prefix('|')?;
    let end = rest.find([']', '['])?;
    (rest.as_bytes()[end] == b'[').then_some(1 + pos + 1 + end)
}

/// Where a token is nested in another token's format (`[A|[B]]`), in
/// characters from the start of `text`, if one is. Nesting is refused
/// rather than guessed at: a format holds text, and `&#91;` writes a `[`.
pub fn nested_token(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(offset) = text[from..].find('[') {
        let at = from + offset;
        if let Some(inner) = format_opening(&text[at..]) {
            let inner = &text[at + inner..];
            if token_at(inner).is_some() || format_opening(inner).is_some() {
                return Some(text[..at].chars().count());
            }
        }
        from = at + 1;
    }
    None
}

/// Refuses a field whose tokens are nested, naming the position, never the text.
pub fn check_nesting(field: &str, text: &str) -> Result<(), ActionError> {
    match nested_token(text) {
        None => Ok(()),
        Some(at) => Err(nesting_error(field, at)),
    }
}

/// The refusal of a field whose token at character `at` (from 0) has
/// another token in its format.
fn nesting_error(field: &str, at: usize) -> ActionError {
    ActionError::invalid_parameter(
        field,
        format!(
            "{field}: the token at character {} has another token in its format; tokens cannot be nested. \
             To write a bracket in a format, use &#91; and &#93;.",
            at + 1
        ),
    )
}

/// The pieces of `text` in order, found as they are asked for: literal
/// text and tokens, without building a list.
#[derive(Clone, Debug)]
pub struct Segments<'a> {
    text: &'a str,
    literal_start: usize,
    search_from: usize,
    /// A token found after a literal, given on the next turn.
    pending: Option<TokenRef<'a>>,
}

/// Splits `text` into literal text and tokens, lazily.
pub fn segments(text: &str) -> Segments<'_> {
    Segments {
        text,
        literal_start: 0,
        search_from: 0,
        pending: None,
    }
}

impl<'a> Iterator for Segments<'a> {
    type Item = Segment<'a>;

    fn next(&mut self) -> Option<Segment<'a>> {
        if let Some(token) = self.pending.take() {
            return Some(Segment::Token(token));
        }
        let text = self.text;
        while let Some(offset) = text[self.search_from..].find('[') {
            let at = self.search_from + offset;
            match token_at(&text[at..]) {
                Some(token) => {
                    let literal = &text[self.literal_start..at];
                    self.literal_start = at + token.raw.len();
                    self.search_from = self.literal_start;
                    if literal.is_empty() {
                        return Some(Segment::Token(token));
                    }
                    self.pending = Some(token);
                    return Some(Segment::Literal(literal));
                }
                None => self.search_from = at + 1,
            }
        }
        self.search_from = text.len();
        if self.literal_start < text.len() {
            let literal = &text[self.literal_start..];
            self.literal_start = text.len();
            return Some(Segment::Literal(literal));
        }
        None
    }
}

/// Splits `text` into literal text and tokens.
pub fn parse_template(text: &str) -> Vec<Segment<'_>> {
    segments(text).collect()
}

/// The tokens in `text`, in order.
pub fn find_tokens(text: &str) -> impl Iterator<Item = TokenRef<'_>> {
    segments(text).filter_map(|s| match s {
        Segment::Token(t) => Some(t),
        Segment::Literal(_) => None,
    })
}

/// The token, if `text` (trimmed) is exactly one token and nothing else.
pub fn whole_token(text: &str) -> Option<TokenRef<'_>> {
    let mut pieces = segments(text.trim());
    match (pieces.next(), pieces.next()) {
        (Some(Segment::Token(token)), None) => Some(token),
        _ => None,
    }
}

/// Decodes `&#91;`, `&#93;` and `&#124;`.
pub fn decode_escapes(text: &str) -> Cow<'_, str> {
    if !text.contains("&#") {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.replace("&#91;", "[")
            .replace("&#93;", "]")
            .replace("&#124;", "|"),
    )
}

/// Where token values come from: the host's `tokens` import, as the action
/// calls it (the harness's `TokenSource` is the host's side of it).
pub trait ImportedTokens {
    /// The value of `name` from `source`, `Ok(None)` if the host has none.
    fn token(&mut self, source: Option<&str>, name: &str) -> Result<Option<String>, StoreError>;
}

/// The field a text comes from, as errors name it (`EntryId`,
/// `Properties[2].PropertyValue`). A row's field is written out only when
/// an error needs it, so that resolving a row allocates nothing for its name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Field<'a> {
    /// A field named by its text.
    Named(&'a str),
    /// Part `part` (`PropertyName` or `PropertyValue`) of Properties row `index`.
    Row(usize, &'static str),
}

impl Field<'_> {
    /// The field's name as errors show it.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Field::Named(name) => Cow::Borrowed(name),
            Field::Row(index, part) => Cow::Owned(format!("Properties[{index}].{part}")),
        }
    }
}

impl<'a> From<&'a str> for Field<'a> {
    fn from(name: &'a str) -> Self {
        Field::Named(name)
    }
}

impl<'a> From<&'a String> for Field<'a> {
    fn from(name: &'a String) -> Self {
        Field::Named(name)
    }
}

/// A cached token's key, borrowed for a lookup: it hashes and compares as
/// the owned `(source, name)` pair the cache holds (`""` for `[Name]`: a
/// source is an identifier, never empty).
#[derive(Hash)]
struct TokenKey<'a>((&'a str, &'a str));

impl hashbrown::Equivalent<(String, String)> for TokenKey<'_> {
    fn equivalent(&self, key: &(String, String)) -> bool {
        self.0.0 == key.0 && self.0.1 == key.1
    }
}

/// Resolves tokens in the fields of one step, asking the host at most once
/// per distinct token.
pub struct TokenResolver<'h> {
    source: &'h mut dyn ImportedTokens,
    /// Values by source and name, looked up by borrowed text.
    cache: hashbrown::HashMap<(String, String), String, foldhash::fast::RandomState>,
    limits: Limits,
}

impl std::fmt::Debug for TokenResolver<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenResolver")
            .field("cached", &self.cache.len())
            .finish_non_exhaustive()
    }
}

impl<'h> TokenResolver<'h> {
    /// A resolver over `source`, enforcing `limits`.
    pub fn new(source: &'h mut dyn ImportedTokens, limits: Limits) -> Self {
        TokenResolver {
            source,
            cache: hashbrown::HashMap::default(),
            limits,
        }
    }

    /// The value of one token in `field`, with its format applied; a value
    /// larger than a property value may be is refused.
    pub fn token_value<'f>(
        &mut self,
        field: impl Into<Field<'f>>,
        token: &TokenRef<'_>,
    ) -> Result<String, ActionError> {
        self.token_value_within(field, token, Limit::ValueBytes)
    }

    /// The value of one token in `field`, with its format applied; a value
    /// larger than `limit` allows is refused. Dynamic Properties that are
    /// one whole token take their JSON from it, up to the Dynamic
    /// Properties limit rather than a single value's.
    pub fn token_value_within<'f>(
        &mut self,
        field: impl Into<Field<'f>>,
        token: &TokenRef<'_>,
        limit: Limit,
    ) -> Result<String, ActionError> {
        let mut value = String::new();
        self.push_token_value(field.into(), token, limit, &mut value)?;
        Ok(value)
    }

    /// Appends the value of one token, with its format applied, to `out`.
    fn push_token_value(
        &mut self,
        field: Field<'_>,
        token: &TokenRef<'_>,
        limit: Limit,
        out: &mut String,
    ) -> Result<(), ActionError> {
        let key = TokenKey((token.source.unwrap_or(""), token.name));
        let value = match self.cache.get(&key) {
            Some(value) => value,
            None => {
                let value = self
                    .source
                    .token(token.source, token.name)
                    .map_err(|e| token_store_error(e, &field.text(), token))?
                    .ok_or_else(|| ActionError::unresolved_token(&field.text(), &token.shown()))?;
                if value.len() as u64 > limit.max(&self.limits) {
                    return Err(ActionError::limit_exceeded(
                        &field.text(),
                        limit,
                        &self.limits,
                    ));
                }
                let key = (key.0.0.to_string(), key.0.1.to_string());
                self.cache.entry(key).insert(value).into_mut()
            }
        };
        match token.format {
            Some(format) => out.push_str(&decode_escapes(format).replace("{0}", value)),
            None => out.push_str(value),
        }
        Ok(())
    }

    /// [`resolve`](Self::resolve) for text the caller owns: text with
    /// neither a bracket nor an escape is given back as it is, not copied.
    pub fn resolve_owned<'f>(
        &mut self,
        field: impl Into<Field<'f>>,
        text: String,
    ) -> Result<String, ActionError> {
        if text.contains('[') || text.contains("&#") {
            return self.resolve(field, &text);
        }
        if text.len() as u64 > Limit::ResolvedBytes.max(&self.limits) {
            return Err(ActionError::limit_exceeded(
                &field.into().text(),
                Limit::ResolvedBytes,
                &self.limits,
            ));
        }
        Ok(text)
    }

    /// `text` with every token replaced by its value and the escapes in the
    /// surrounding text decoded.
    pub fn resolve<'f>(
        &mut self,
        field: impl Into<Field<'f>>,
        text: &str,
    ) -> Result<String, ActionError> {
        let field = field.into();
        let too_long = |limits: &Limits| {
            ActionError::limit_exceeded(&field.text(), Limit::ResolvedBytes, limits)
        };
        // Text without a bracket holds no token: only its escapes change.
        if !text.contains('[') {
            let out = decode_escapes(text).into_owned();
            if out.len() as u64 > Limit::ResolvedBytes.max(&self.limits) {
                return Err(too_long(&self.limits));
            }
            return Ok(out);
        }
        if let Some(at) = nested_token(text) {
            return Err(nesting_error(&field.text(), at));
        }
        let tokens = find_tokens(text).count();
        if tokens > self.limits.tokens_per_field {
            return Err(ActionError::limit_exceeded(
                &field.text(),
                Limit::TokensPerField,
                &self.limits,
            ));
        }
        let mut out = String::with_capacity(text.len());
        for segment in segments(text) {
            match segment {
                Segment::Literal(literal) => out.push_str(&decode_escapes(literal)),
                Segment::Token(token) => {
                    self.push_token_value(field, &token, Limit::ValueBytes, &mut out)?;
                }
            }
            if out.len() as u64 > Limit::ResolvedBytes.max(&self.limits) {
                return Err(too_long(&self.limits));
            }
        }
        Ok(out)
    }
}

fn token_store_error(error: StoreError, field: &str, token: &TokenRef<'_>) -> ActionError {
    let shown = token.shown();
    match error {
        StoreError::PermissionDenied { reason, .. } => {
            ActionError::PermissionDenied(PermissionDenied {
                connector: String::new(),
                property: None,
                message: format!("{field}: reading token {shown} was refused: {reason}."),
            })
        }
        StoreError::Unavailable(reason) => ActionError::StoreUnavailable(StoreUnavailable {
            message: format!(
                "{field}: the token source could not give token {shown} ({reason}); nothing was written. \
                 If the cause is passing, run the step again."
            ),
        }),
        StoreError::Invalid(_)
        | StoreError::Tampered { .. }
        | StoreError::Key(_)
        | StoreError::CannotRotate { .. }
        | StoreError::NoStore { .. }
        | StoreError::ReadOnly { .. }
        | StoreError::Schema { .. } => ActionError::StoreUnavailable(StoreUnavailable {
            message: format!(
                "{field}: the token source answered token {shown} with a store error that a token source cannot give; \
                 nothing was written. Report this to the engine's maintainers."
            ),
        }),
        StoreError::NotFound | StoreError::Conflict(_) => {
            ActionError::unresolved_token(field, &shown)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{InvalidParameter, UnresolvedToken};
    use crate::limits::LIMITS;

    struct Map(
        Vec<(Option<&'static str>, &'static str, &'static str)>,
        usize,
    );

    impl ImportedTokens for Map {
        fn token(
            &mut self,
            source: Option<&str>,
            name: &str,
        ) -> Result<Option<String>, StoreError> {
            self.1 += 1;
            Ok(self
                .0
                .iter()
                .find(|(s, n, _)| *s == source && *n == name)
                .map(|(_, _, v)| v.to_string()))
        }
    }

    fn values() -> Map {
        Map(
            vec![
                (Some("Form"), "Key", "k-123"),
                (None, "Env", "prod"),
                (Some("Sys"), "Brackets", "[Form:Key] &#91;"),
                (Some("a.b-c"), "_x1", "ok"),
            ],
            0,
        )
    }

    fn resolve(text: &str) -> Result<String, ActionError> {
        let mut map = values();
        TokenResolver::new(&mut map, LIMITS).resolve("F", text)
    }

    #[test]
    fn parses_the_three_forms() {
        let t = whole_token("[Form:Key|Bearer {0}]").unwrap();
        assert_eq!(
            (t.source, t.name, t.format),
            (Some("Form"), "Key", Some("Bearer {0}"))
        );
        let t = whole_token(" [Env] ").unwrap();
        assert_eq!((t.source, t.name, t.format), (None, "Env", None));
        let t = whole_token("[Env|x{0}]").unwrap();
        assert_eq!(t.format, Some("x{0}"));
    }

    #[test]
    fn substitutes_values_and_formats() {
        assert_eq!(resolve("id-[Form:Key]-[Env]").unwrap(), "id-k-123-prod");
        assert_eq!(
            resolve("[Form:Key|Bearer {0} ({0})]").unwrap(),
            "Bearer k-123 (k-123)"
        );
        assert_eq!(resolve("[a.b-c:_x1]").unwrap(), "ok");
    }

    #[test]
    fn text_that_is_not_a_token_is_literal() {
        for text in [
            "[::1]",
            "[0]",
            "[1, 2]",
            "[]",
            "[Form:]",
            "[:Key]",
            "[Form:Key",
            "a [b c] d",
            "[Form:Key|{0}",
        ] {
            assert_eq!(resolve(text).unwrap(), text, "{text}");
        }
    }

    #[test]
    fn escapes_are_decoded_around_tokens_but_not_in_values() {
        assert_eq!(
            resolve("&#91;Form:Key&#93; &#124; [Env]").unwrap(),
            "[Form:Key] | prod"
        );
        assert_eq!(resolve("[Sys:Brackets]").unwrap(), "[Form:Key] &#91;");
        assert_eq!(resolve("[Env|&#91;{0}&#93;]").unwrap(), "[prod]");
    }

    #[test]
    fn a_token_nested_in_a_format_is_refused() {
        for text in [
            "[Form:Key|[Form:Key|{0}]]",
            "x [Env|a[Form:Key]b]",
            "[A|[B|[C|[D]]]]",
        ] {
            match resolve(text).unwrap_err() {
                ActionError::InvalidParameter(InvalidParameter { message, .. }) => {
                    assert!(message.contains("cannot be nested"), "{message}")
                }
                other => panic!("{text}: {other:?}"),
            }
        }
        // Brackets that make no token stay literal, in a format or not.
        assert_eq!(resolve("[Env|a&#91;{0}&#93;]").unwrap(), "a[prod]");
        assert_eq!(nested_token("[Env|[0]] [::1] [A|b]"), None);
    }

    #[test]
    fn unknown_token_is_an_error_naming_field_and_token() {
        let err = resolve("x [Form:Missing] y").unwrap_err();
        match err {
            ActionError::UnresolvedToken(UnresolvedToken { field, token, .. }) => {
                assert_eq!((field.as_str(), token.as_str()), ("F", "[Form:Missing]"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn owned_text_resolves_as_borrowed_text_does() {
        let long = "x".repeat(LIMITS.value_bytes * 4 + 1);
        for text in [
            "",
            "plain",
            "a &#91;b&#93; &#124;",
            "[Env]",
            "[Form:Key|Bearer {0}] and [Env]",
            "[Unknown]",
            "[A|[B]]",
            "[::1]",
            long.as_str(),
        ] {
            let mut map = values();
            let borrowed = TokenResolver::new(&mut map, LIMITS).resolve("F", text);
            let mut map = values();
            let owned = TokenResolver::new(&mut map, LIMITS).resolve_owned("F", text.to_string());
            assert_eq!(owned, borrowed, "{text:.40}");
        }
    }

    #[test]
    fn a_row_field_is_named_in_errors_as_written() {
        let mut map = values();
        let error = TokenResolver::new(&mut map, LIMITS)
            .resolve(Field::Row(2, "PropertyValue"), "[Unknown]")
            .unwrap_err();
        let ActionError::UnresolvedToken(UnresolvedToken { field, .. }) = error else {
            panic!("{error:?}")
        };
        assert_eq!(field, "Properties[2].PropertyValue");
    }

    #[test]
    fn each_distinct_token_is_asked_for_once() {
        let mut map = values();
        let mut resolver = TokenResolver::new(&mut map, LIMITS);
        resolver.resolve("F", "[Env][Env][Env|{0}]").unwrap();
        resolver.resolve("G", "[Env]").unwrap();
        drop(resolver);
        assert_eq!(map.1, 1);
    }

    #[test]
    fn too_many_tokens_is_a_limit() {
        let text = "[Env]".repeat(LIMITS.tokens_per_field + 1);
        assert_eq!(resolve(&text).unwrap_err().code(), "limit-exceeded");
    }
}
