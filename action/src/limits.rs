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
        vec![
            (
                "step-json-bytes",
                "step JSON size in bytes",
                self.step_json_bytes as u64,
            ),
            (
                "entry-id-bytes",
                "EntryId size in bytes",
                self.entry_id_bytes as u64,
            ),
            (
                "properties-rows",
                "Properties rows",
                self.properties_rows as u64,
            ),
            (
                "properties-json-bytes",
                "PropertiesJson size in bytes",
                self.properties_json_bytes as u64,
            ),
            ("json-depth", "JSON nesting depth", self.json_depth as u64),
            (
                "tokens-per-field",
                "tokens in one field",
                self.tokens_per_field as u64,
            ),
            (
                "name-chars",
                "property name length in characters",
                self.name_chars as u64,
            ),
            (
                "value-bytes",
                "property value size in bytes",
                self.value_bytes as u64,
            ),
            (
                "properties",
                "properties per connector",
                self.properties as u64,
            ),
        ]
    }
}
