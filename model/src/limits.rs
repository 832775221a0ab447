//! The input limits, published in the descriptor and enforced before any
//! work grows with the input, so that crossing one is a `limit-exceeded`
//! error and never a trap.

/// The action's input limits.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Limits {
    /// Bytes of a step's JSON text.
    pub step_json_bytes: usize,
    /// Bytes of the connector reference, before and after tokens.
    pub entry_id_bytes: usize,
    /// Rows in the Properties grid.
    pub properties_rows: usize,
    /// Bytes of the Dynamic Properties text (and of a token value parsed as it).
    pub properties_json_bytes: usize,
    /// Nesting depth of any JSON the action parses.
    pub json_depth: usize,
    /// Tokens in one field.
    pub tokens_per_field: usize,
    /// Characters of a property name.
    pub name_chars: usize,
    /// Bytes of a property value, after tokens.
    pub value_bytes: usize,
    /// Properties a step may set or remove, and a connector may have after the merge.
    pub properties: usize,
}

/// The limits this version enforces.
pub const LIMITS: Limits = Limits {
    step_json_bytes: 1024 * 1024,
    entry_id_bytes: 1024,
    properties_rows: 1000,
    properties_json_bytes: 256 * 1024,
    json_depth: 32,
    tokens_per_field: 256,
    name_chars: 256,
    value_bytes: 64 * 1024,
    properties: 1000,
};

impl Limits {
    /// Each limit as `(key, words, value)`: the stable key a host looks it
    /// up by, and the words the descriptor and errors use for it.
    pub fn described(&self) -> Vec<(&'static str, &'static str, u64)> {
        [
            Limit::StepJsonBytes,
            Limit::EntryIdBytes,
            Limit::PropertiesRows,
            Limit::PropertiesJsonBytes,
            Limit::JsonDepth,
            Limit::TokensPerField,
            Limit::NameChars,
            Limit::ValueBytes,
            Limit::Properties,
        ]
        .into_iter()
        .map(|limit| (limit.key(self), limit.what(), limit.max(self)))
        .collect()
    }
}

/// One of the limits, as an error names it: what crossed it, the largest
/// allowed value, and what the user can do about it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Limit {
    /// [`Limits::step_json_bytes`].
    StepJsonBytes,
    /// [`Limits::entry_id_bytes`].
    EntryIdBytes,
    /// [`Limits::properties_rows`].
    PropertiesRows,
    /// [`Limits::properties_json_bytes`].
    PropertiesJsonBytes,
    /// [`Limits::json_depth`].
    JsonDepth,
    /// [`Limits::tokens_per_field`].
    TokensPerField,
    /// [`Limits::name_chars`].
    NameChars,
    /// [`Limits::value_bytes`].
    ValueBytes,
    /// [`Limits::properties`], for the connector after the merge.
    Properties,
    /// [`Limits::properties`], for the members of Dynamic Properties.
    DynamicProperties,
    /// A field's text once its tokens are resolved: the larger of
    /// [`Limits::value_bytes`] and [`Limits::properties_json_bytes`].
    ResolvedBytes,
}

impl Limit {
    /// What is limited, in the words of the descriptor (`limit-exceeded.what`).
    pub fn what(self) -> &'static str {
        match self {
            Limit::StepJsonBytes => "step JSON size in bytes",
            Limit::EntryIdBytes => "EntryId size in bytes",
            Limit::PropertiesRows => "Properties rows",
            Limit::PropertiesJsonBytes => "PropertiesJson size in bytes",
            Limit::JsonDepth => "JSON nesting depth",
            Limit::TokensPerField => "tokens in one field",
            Limit::NameChars => "property name length in characters",
            Limit::ValueBytes => "property value size in bytes",
            Limit::Properties => "properties per connector",
            Limit::DynamicProperties => "number of properties in Dynamic Properties",
            Limit::ResolvedBytes => "size in bytes after tokens are resolved",
        }
    }

    /// The key, in the descriptor's `limits`, of the limit that bounds
    /// this one under `limits` (`limit-exceeded.key`): a host looks the
    /// largest allowed value up by it.
    pub fn key(self, limits: &Limits) -> &'static str {
        match self {
            Limit::StepJsonBytes => "step-json-bytes",
            Limit::EntryIdBytes => "entry-id-bytes",
            Limit::PropertiesRows => "properties-rows",
            Limit::PropertiesJsonBytes => "properties-json-bytes",
            Limit::JsonDepth => "json-depth",
            Limit::TokensPerField => "tokens-per-field",
            Limit::NameChars => "name-chars",
            Limit::ValueBytes => "value-bytes",
            Limit::Properties | Limit::DynamicProperties => "properties",
            Limit::ResolvedBytes if limits.value_bytes >= limits.properties_json_bytes => {
                "value-bytes"
            }
            Limit::ResolvedBytes => "properties-json-bytes",
        }
    }

    /// The largest allowed value under `limits`.
    pub fn max(self, limits: &Limits) -> u64 {
        (match self {
            Limit::StepJsonBytes => limits.step_json_bytes,
            Limit::EntryIdBytes => limits.entry_id_bytes,
            Limit::PropertiesRows => limits.properties_rows,
            Limit::PropertiesJsonBytes => limits.properties_json_bytes,
            Limit::JsonDepth => limits.json_depth,
            Limit::TokensPerField => limits.tokens_per_field,
            Limit::NameChars => limits.name_chars,
            Limit::ValueBytes => limits.value_bytes,
            Limit::Properties | Limit::DynamicProperties => limits.properties,
            Limit::ResolvedBytes => limits.value_bytes.max(limits.properties_json_bytes),
        }) as u64
    }

    /// The sentence an error says: what is too large, and what to do.
    pub fn sentence(self, max: u64) -> String {
        let bytes = bytes(max);
        match self {
            Limit::StepJsonBytes => format!(
                "the step JSON is larger than {bytes}, the most a step may be. Split the update into several steps."
            ),
            Limit::EntryIdBytes => format!(
                "the connector reference is longer than {bytes}. Use the connector's id or a shorter name."
            ),
            Limit::PropertiesRows => format!(
                "there are more than {max} Properties rows, the most a step may have. Split the update into several steps."
            ),
            Limit::PropertiesJsonBytes => format!(
                "the Dynamic Properties text is larger than {bytes}, the most it may be. Split the update into several steps."
            ),
            Limit::JsonDepth => format!(
                "the JSON is nested more than {max} levels deep, the most the action reads. Flatten the JSON."
            ),
            Limit::TokensPerField => format!(
                "the field holds more than {max} tokens, the most one field may hold. Use fewer tokens in this field."
            ),
            Limit::NameChars => format!(
                "a property name is longer than {max} characters, the longest a name may be. Use a shorter name."
            ),
            Limit::ValueBytes => format!(
                "a property value is larger than {bytes}, the most one property may hold. Keep large data elsewhere and store a reference to it."
            ),
            Limit::Properties => format!(
                "the connector would have more than {max} properties, the most a connector may have. Remove properties it no longer needs."
            ),
            Limit::DynamicProperties => format!(
                "Dynamic Properties names more than {max} properties, the most one step may set. Split the update into several steps."
            ),
            Limit::ResolvedBytes => format!(
                "the text is larger than {bytes} once its tokens are resolved. Check the size of the tokens' values."
            ),
        }
    }
}

/// `max` bytes in words: `64 KiB (65536 bytes)`.
fn bytes(max: u64) -> String {
    const KIB: u64 = 1024;
    if max >= KIB * KIB && max.is_multiple_of(KIB * KIB) {
        format!("{} MiB ({max} bytes)", max / (KIB * KIB))
    } else if max >= KIB && max.is_multiple_of(KIB) {
        format!("{} KiB ({max} bytes)", max / KIB)
    } else {
        format!("{max} bytes")
    }
}
