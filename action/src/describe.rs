//! The descriptor a low-code designer reads to offer and configure the step.

use crate::limits::Limits;

/// The kind of value a parameter takes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ParameterKind {
    /// A connector's id or name.
    ConnectorReference,
    /// Name-value rows.
    NameValueList,
    /// Text of a JSON object.
    JsonObject,
    /// A whole number, 0 or more.
    UnsignedInteger,
    /// `true` or `false`.
    Boolean,
    /// One of the parameter's `choices`.
    Choice,
}

/// One parameter.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ParameterDescriptor {
    /// Key in the step JSON.
    pub key: &'static str,
    /// Label.
    pub label: &'static str,
    /// Help text.
    pub help: &'static str,
    /// Kind of value.
    pub kind: ParameterKind,
    /// Required.
    pub required: bool,
    /// Default, as JSON text.
    pub default_value: &'static str,
    /// Tokens resolved in it.
    pub supports_tokens: bool,
    /// The values of a [`ParameterKind::Choice`].
    pub choices: Vec<&'static str>,
}

/// The action's descriptor.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Descriptor {
    /// `Connectors.Update`.
    pub action_type: &'static str,
    /// The component's version.
    pub version: &'static str,
    /// Title.
    pub title: &'static str,
    /// Summary.
    pub summary: &'static str,
    /// Parameters in display order.
    pub parameters: Vec<ParameterDescriptor>,
    /// Outputs: (key, help).
    pub outputs: Vec<(&'static str, &'static str)>,
    /// Limits: (key, what, max).
    pub limits: Vec<(&'static str, &'static str, u64)>,
    /// Token forms.
    pub token_forms: Vec<&'static str>,
    /// The identifier rule.
    pub token_identifier: &'static str,
    /// How formats work.
    pub token_format: &'static str,
    /// Escapes: (escape, character).
    pub token_escapes: Vec<(&'static str, &'static str)>,
}

/// The descriptor of this version of the action.
pub fn describe(limits: &Limits) -> Descriptor {
    use ParameterKind::*;
    let parameter =
        |key, label, help, kind, required, default_value, supports_tokens| ParameterDescriptor {
            key,
            label,
            help,
            kind,
            required,
            default_value,
            supports_tokens,
            choices: Vec::new(),
        };
    Descriptor {
        action_type: crate::step::ACTION_TYPE,
        version: env!("CARGO_PKG_VERSION"),
        title: "Update Connector",
        summary: "Updates an existing connector in the credential store with new or changed properties, \
                  keeping its id. Dynamic Properties override Properties; what neither names keeps its value. \
                  Secrets can be updated but never read.",
        parameters: vec![
            parameter(
                "EntryId",
                "Connector",
                "The id or name of the connector to update. An exact id wins over a name; a name must be unique.",
                ConnectorReference,
                true,
                "\"\"",
                true,
            ),
            parameter(
                "Properties",
                "Properties",
                "Name-value rows to set. Names are case-sensitive; a later row with the same name wins. \
                 Every row needs a PropertyValue (\"\" for empty text; a required property may not be empty). \
                 A secret's row set to ****** keeps the stored secret.",
                NameValueList,
                false,
                "[]",
                true,
            ),
            parameter(
                "PropertiesJson",
                "Dynamic Properties",
                "Text of one JSON object whose members override Properties. Strings are taken as they are, \
                 numbers and booleans as their text, objects and arrays as compact JSON, and null removes the property.",
                JsonObject,
                false,
                "\"\"",
                true,
            ),
            ParameterDescriptor {
                choices: vec!["replace", "deep"],
                ..parameter(
                    "MergeMode",
                    "Merge mode",
                    "How a value that is a JSON object meets the stored value. replace (the default): it \
                     replaces the stored value whole. deep: it is merged into it with RFC 7396 JSON Merge Patch, \
                     so nested keys it does not name keep their values and a nested null removes a key; a \
                     secret is merged inside the store, so its other keys need not be sent again.",
                    Choice,
                    false,
                    "\"replace\"",
                    false,
                )
            },
            parameter(
                "ExpectedRevision",
                "Expected revision",
                "Write only if the connector is still at this revision (1 or more: a new connector is at revision 1); \
                 a conflict is reported, not retried.",
                UnsignedInteger,
                false,
                "null",
                false,
            ),
            parameter(
                "DryRun",
                "Dry run",
                "Compute and return what would change, and write nothing.",
                Boolean,
                false,
                "false",
                false,
            ),
        ],
        outputs: vec![
            ("id", "The connector's id."),
            ("name", "The connector's name."),
            ("revision_before", "The revision the step read."),
            ("revision_after", "The revision after the write."),
            ("added", "Names of the properties added."),
            ("changed", "Names of the properties whose value changed."),
            ("removed", "Names of the properties removed."),
            (
                "unchanged",
                "True when nothing changed and nothing was written.",
            ),
            (
                "dry_run",
                "True when nothing was written because this was a dry run.",
            ),
        ],
        limits: limits.described(),
        token_forms: vec![
            "[Name]",
            "[Source:Name]",
            "[Name|format]",
            "[Source:Name|format]",
        ],
        token_identifier: "Source and Name start with a letter or _, then letters, digits, _, . or -. \
                           Bracketed text that does not fit, such as [::1] or [0], is literal.",
        token_format: "{0} in the format stands for the value, e.g. [Form:Token|Bearer {0}]. A token's value is \
                       inserted as it is and never scanned for tokens again.",
        token_escapes: vec![("&#91;", "["), ("&#93;", "]"), ("&#124;", "|")],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::LIMITS;
    use crate::step::PARAMETER_KEYS;

    #[test]
    fn describes_every_parameter_the_step_parser_takes() {
        let d = describe(&LIMITS);
        let keys: Vec<&str> = d.parameters.iter().map(|p| p.key).collect();
        assert_eq!(keys, PARAMETER_KEYS);
        assert_eq!(d.action_type, "Connectors.Update");
        assert_eq!(d.limits.len(), LIMITS.described().len());
    }
}
