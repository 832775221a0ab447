//! The descriptor of this version of the action: what a low-code designer
//! reads to offer and configure the step (the types are the vocabulary's
//! `descriptor`).

use crate::descriptor::{
    Descriptor, LimitDescriptor, OutputDescriptor, ParameterDescriptor, ParameterKind, TokenSyntax,
};
use crate::limits::Limits;
use crate::model::KindRules;

/// The descriptor of this version of the action, listing `kinds` (the
/// store's).
pub fn describe(limits: &Limits, kinds: Vec<KindRules>) -> Descriptor {
    use ParameterKind::*;
    let parameter = |key: &str,
                     label: &str,
                     help: &str,
                     kind,
                     required,
                     default_value: &str,
                     supports_tokens| {
        ParameterDescriptor {
            key: key.into(),
            label: label.into(),
            help: help.into(),
            kind,
            required,
            default_value: default_value.into(),
            supports_tokens,
            choices: Vec::new(),
        }
    };
    let texts = |list: &[&str]| list.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    Descriptor {
        action_type: crate::step::ACTION_TYPE.into(),
        version: env!("CARGO_PKG_VERSION").into(),
        title: "Update Connector".into(),
        summary: "Updates an existing connector in the credential store with new or changed properties, \
                  keeping its id. Dynamic Properties override Properties; what neither names keeps its value. \
                  Secrets can be updated but never read."
            .into(),
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
                choices: texts(&["replace", "deep"]),
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
        outputs: [
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
        ]
        .into_iter()
        .map(|(key, help)| OutputDescriptor {
            key: key.into(),
            help: help.into(),
        })
        .collect(),
        limits: limits
            .described()
            .into_iter()
            .map(|(key, what, max)| LimitDescriptor {
                key: key.into(),
                what: what.into(),
                max,
            })
            .collect(),
        token_syntax: TokenSyntax {
            forms: texts(&[
                "[Name]",
                "[Source:Name]",
                "[Name|format]",
                "[Source:Name|format]",
            ]),
            identifier: "Source and Name start with a letter or _, then letters, digits, _, . or -. \
                         Bracketed text that does not fit, such as [::1] or [0], is literal."
                .into(),
            format: "{0} in the format stands for the value, e.g. [Form:Token|Bearer {0}]. A token's value is \
                     inserted as it is and never scanned for tokens again."
                .into(),
            escapes: [("&#91;", "["), ("&#93;", "]"), ("&#124;", "|")]
                .into_iter()
                .map(|(e, c)| (e.into(), c.into()))
                .collect(),
        },
        kinds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::LIMITS;
    use crate::step::PARAMETER_KEYS;

    #[test]
    fn describes_every_parameter_the_step_parser_takes() {
        let d = describe(&LIMITS, Vec::new());
        let keys: Vec<&str> = d.parameters.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(keys, PARAMETER_KEYS);
        assert_eq!(d.action_type, "Connectors.Update");
        assert_eq!(d.limits.len(), LIMITS.described().len());
    }
}
