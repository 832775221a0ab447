//! What a property name may hold: no character that cannot be seen.
//!
//! Names are case-sensitive and compared code point by code point, so a
//! name holding a zero-width space, a bidi control or a look-alike space is
//! a different property from the name it looks like: `API\u{200B}Key` is not
//! `APIKey`, and a kind's rule for `APIKey` (secret, say) would not apply to
//! it. Such names are refused wherever a name enters: a step's rows, its
//! Dynamic Properties keys, and (through this same function) a host's
//! `connector add` and its stores.
//!
//! Refused, by Unicode general category and property:
//! - `Cc` control characters (U+0000–U+001F, U+007F–U+009F);
//! - `Cf` format characters: zero-width space and joiners, the bidi marks,
//!   embeddings, overrides and isolates, the byte-order mark, soft hyphen,
//!   tags, and the others of the category;
//! - `Zl` and `Zp`, the line and paragraph separators;
//! - `Zs` spaces other than the plain space U+0020 (no-break, em, ideographic
//!   spaces...), which look like it and are not;
//! - the other `Default_Ignorable_Code_Point`s, which a renderer shows as
//!   nothing: the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, the
//!   combining grapheme joiner U+034F, the variation selectors U+FE00–U+FE0F
//!   and U+E0100–U+E01EF, U+17B4, U+17B5, U+180B–U+180D, U+180F, and the
//!   reserved U+2065, U+FFF0–U+FFF8 and U+E0000–U+E0FFF;
//! - U+2800 BRAILLE PATTERN BLANK, a visible character drawn as a blank.
//!
//! Everything else is allowed, the plain space included (a warning in
//! `validate` covers leading and trailing spaces). The table below is
//! checked against the Unicode tables of the `unicode-properties` crate in
//! a test, so it can be kept small here and in the component.

use std::fmt;

/// Why a character cannot be seen: the class a refused character is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invisible {
    /// General category `Cc`.
    Control,
    /// General category `Cf`: zero-width and bidi characters among them.
    Format,
    /// General category `Zl` or `Zp`.
    Separator,
    /// General category `Zs`, other than U+0020.
    Space,
    /// A default-ignorable code point of no category above, or U+2800.
    Blank,
}

impl Invisible {
    fn words(self) -> &'static str {
        match self {
            Invisible::Control => "a control character",
            Invisible::Format => "an invisible format character (zero-width, bidi or similar)",
            Invisible::Separator => "a line or paragraph separator",
            Invisible::Space => "a space that is not the plain space U+0020",
            Invisible::Blank => {
                "a character that is shown as nothing (a filler or variation selector)"
            }
        }
    }
}

/// What is wrong with a name, naming the character by its code point and
/// place, never by itself: printing it would hide it again, or move the
/// terminal's cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameProblem {
    /// The refused character.
    pub character: char,
    /// Its place in the name, counted in characters from 1.
    pub position: usize,
    /// Why it is refused.
    pub class: Invisible,
}

impl fmt::Display for NameProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the name holds {} (U+{:04X}) at character {}; a property name may not hold control, \
             format (zero-width, bidi), separator, non-plain space or other invisible characters, \
             which make a name that looks like another one a different property. Type the name again",
            self.class.words(),
            u32::from(self.character),
            self.position
        )
    }
}

/// Checks that `name` holds no character that cannot be seen (see the
/// module's documentation for exactly which): the first one found is the
/// problem. An empty name passes: each caller says in its own words that
/// a name is required.
pub fn check_property_name(name: &str) -> Result<(), NameProblem> {
    for (i, character) in name.chars().enumerate() {
        if let Some(class) = invisible(character) {
            return Err(NameProblem {
                character,
                position: i + 1,
                class,
            });
        }
    }
    Ok(())
}

/// The rule a [`Violation`](crate::model::Violation) names for a name
/// holding an invisible character.
pub const RULE: &str = "name-characters";

/// A violation for each of `names` that holds an invisible character, the
/// name shown escaped (`API\u{200B}Key`): what a store checks when a
/// connector is added (`store-support.check-new-connector`, the host's
/// `connector add`), as a step's names are checked when it runs.
pub fn check_names<'n>(names: impl IntoIterator<Item = &'n str>) -> Vec<crate::model::Violation> {
    names
        .into_iter()
        .filter_map(|name| {
            let problem = check_property_name(name).err()?;
            let shown = escape_invisible(name);
            Some(crate::model::Violation {
                property: shown.clone(),
                rule: RULE.to_string(),
                message: format!("The property name '{shown}' is refused: {problem}."),
            })
        })
        .collect()
}

/// The class of `c` if a name may not hold it.
pub fn invisible(c: char) -> Option<Invisible> {
    let c = u32::from(c);
    // Printable ASCII, the common case, without a search.
    if (0x20..0x7F).contains(&c) {
        return None;
    }
    let at = REFUSED.partition_point(|&(_, last, _)| last < c);
    match REFUSED.get(at) {
        Some(&(first, _, class)) if first <= c => Some(class),
        _ => None,
    }
}

/// `text` with every character [`check_property_name`] refuses written as
/// `\u{XXXX}`, for field paths and messages that must name a key such a
/// character is in without printing it.
pub fn escape_invisible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if invisible(c).is_some() {
            out.push_str(&format!("\\u{{{:04X}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether two names are the same but for case: what "did you mean" looks
/// for. Full Unicode lowercase, so `ÄPIKEY` and `äpikey` are alike too.
pub fn same_but_for_case(a: &str, b: &str) -> bool {
    a != b && (a.eq_ignore_ascii_case(b) || a.to_lowercase() == b.to_lowercase())
}

use Invisible::{Blank, Control, Format, Separator, Space};

/// The refused code points: sorted, disjoint, inclusive ranges.
const REFUSED: &[(u32, u32, Invisible)] = &[
    (0x0000, 0x001F, Control),
    (0x007F, 0x009F, Control),
    (0x00A0, 0x00A0, Space),
    (0x00AD, 0x00AD, Format),
    (0x034F, 0x034F, Blank),
    (0x0600, 0x0605, Format),
    (0x061C, 0x061C, Format),
    (0x06DD, 0x06DD, Format),
    (0x070F, 0x070F, Format),
    (0x0890, 0x0891, Format),
    (0x08E2, 0x08E2, Format),
    (0x115F, 0x1160, Blank),
    (0x1680, 0x1680, Space),
    (0x17B4, 0x17B5, Blank),
    (0x180B, 0x180D, Blank),
    (0x180E, 0x180E, Format),
    (0x180F, 0x180F, Blank),
    (0x2000, 0x200A, Space),
    (0x200B, 0x200F, Format),
    (0x2028, 0x2028, Separator),
    (0x2029, 0x2029, Separator),
    (0x202A, 0x202E, Format),
    (0x202F, 0x202F, Space),
    (0x205F, 0x205F, Space),
    (0x2060, 0x2064, Format),
    (0x2065, 0x2065, Blank),
    (0x2066, 0x206F, Format),
    (0x2800, 0x2800, Blank),
    (0x3000, 0x3000, Space),
    (0x3164, 0x3164, Blank),
    (0xFE00, 0xFE0F, Blank),
    (0xFEFF, 0xFEFF, Format),
    (0xFFA0, 0xFFA0, Blank),
    (0xFFF0, 0xFFF8, Blank),
    (0xFFF9, 0xFFFB, Format),
    (0x110BD, 0x110BD, Format),
    (0x110CD, 0x110CD, Format),
    (0x13430, 0x1343F, Format),
    (0x1BCA0, 0x1BCA3, Format),
    (0x1D173, 0x1D17A, Format),
    (0xE0000, 0xE0000, Blank),
    (0xE0001, 0xE0001, Format),
    (0xE0002, 0xE001F, Blank),
    (0xE0020, 0xE007F, Format),
    (0xE0080, 0xE0FFF, Blank),
];

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

    #[test]
    fn the_table_is_sorted_and_disjoint() {
        for pair in REFUSED.windows(2) {
            assert!(pair[0].0 <= pair[0].1 && pair[0].1 < pair[1].0, "{pair:?}");
        }
    }

    /// Every `Cc`, `Cf`, `Zl`, `Zp` and non-plain `Zs` code point is refused
    /// with its class, and what else is refused is one of the blanks.
    #[test]
    fn the_table_holds_exactly_the_categories_it_names() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let expected = match c.general_category() {
                GeneralCategory::Control => Some(Control),
                GeneralCategory::Format => Some(Format),
                GeneralCategory::LineSeparator | GeneralCategory::ParagraphSeparator => {
                    Some(Separator)
                }
                GeneralCategory::SpaceSeparator if c != ' ' => Some(Space),
                _ => None,
            };
            let found = invisible(c);
            match expected {
                Some(class) => assert_eq!(found, Some(class), "U+{:04X}", u32::from(c)),
                None => assert!(
                    found.is_none() || found == Some(Blank),
                    "U+{:04X} is {found:?}",
                    u32::from(c)
                ),
            }
        }
    }

    #[test]
    fn names_with_invisible_characters_are_refused_at_their_place() {
        for (name, position, class) in [
            ("API\u{200B}Key", 4, Format),
            ("\u{202E}yeKIPA", 1, Format),
            ("APIKey\u{2066}", 7, Format),
            ("API\u{7}Key", 4, Control),
            ("API\u{1b}]0;x", 4, Control),
            ("API\u{A0}Key", 4, Space),
            ("API\u{2028}Key", 4, Separator),
            ("API\u{3164}Key", 4, Blank),
            ("API\u{115F}Key", 4, Blank),
            ("APIKey\u{FE0F}", 7, Blank),
            ("APIKey\u{E0100}", 7, Blank),
            ("\u{FEFF}APIKey", 1, Format),
        ] {
            let problem = check_property_name(name).unwrap_err();
            assert_eq!(
                (problem.position, problem.class),
                (position, class),
                "{name:?}"
            );
            let text = problem.to_string();
            assert!(!text.contains(problem.character), "{text}");
            assert!(text.contains("U+"), "{text}");
        }
    }

    #[test]
    fn visible_names_pass() {
        for name in [
            "",
            "APIKey",
            "API Key",
            "client_secret",
            "Zeitüberschreitung",
            "キー",
            "ключ",
            "a.b-c[0]",
            "emoji🔑",
        ] {
            assert_eq!(check_property_name(name), Ok(()), "{name}");
        }
    }

    #[test]
    fn escaping_shows_the_code_points() {
        assert_eq!(escape_invisible("API\u{200B}Key"), "API\\u{200B}Key");
        assert_eq!(escape_invisible("\u{1b}[2J"), "\\u{001B}[2J");
        assert_eq!(escape_invisible("Plain Key"), "Plain Key");
    }

    #[test]
    fn case_variants_are_found() {
        assert!(same_but_for_case("ApiKey", "APIKey"));
        assert!(same_but_for_case("ÄPIKEY", "äpikey"));
        assert!(!same_but_for_case("APIKey", "APIKey"));
        assert!(!same_but_for_case("APIKeys", "APIKey"));
    }
}
