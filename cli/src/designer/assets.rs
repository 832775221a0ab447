//! The page's files, embedded in the binary: the designer's own page, the
//! npm package's sources (the same modules a Node engine runs, unchanged),
//! jco's bindings for the component (committed under `host/designer/gen`;
//! the JavaScript tests check they are what jco writes today), and the
//! component's core modules, split out of [`COMPONENT`] and served under
//! the names jco gave them (`host/designer/gen/core-modules.js`, which the
//! npm package's build records from jco's output).

use connectors_update_harness::COMPONENT;

/// One file the designer serves.
pub struct Asset {
    /// Its path on the server, from `/`.
    pub path: String,
    /// Its `Content-Type`.
    pub content_type: &'static str,
    /// Its bytes.
    pub body: Vec<u8>,
}

const HTML: &str = "text/html; charset=utf-8";
const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";
const WASM: &str = "application/wasm";

/// The files written out in the source tree, by path.
const FILES: &[(&str, &str, &[u8])] = &[
    (
        "/",
        HTML,
        include_bytes!("../../../host/designer/index.html"),
    ),
    (
        "/designer.js",
        JS,
        include_bytes!("../../../host/designer/designer.js"),
    ),
    (
        "/form.js",
        JS,
        include_bytes!("../../../host/designer/form.js"),
    ),
    (
        "/step.js",
        JS,
        include_bytes!("../../../host/designer/step.js"),
    ),
    (
        "/designer.css",
        CSS,
        include_bytes!("../../../host/designer/designer.css"),
    ),
    (
        "/pkg/gen/connectors_update.js",
        JS,
        include_bytes!("../../../host/designer/gen/connectors_update.js"),
    ),
    (
        "/pkg/gen/core-modules.js",
        JS,
        include_bytes!("../../../host/designer/gen/core-modules.js"),
    ),
    (
        "/pkg/src/index.js",
        JS,
        include_bytes!("../../../js/src/index.js"),
    ),
    (
        "/pkg/src/action.js",
        JS,
        include_bytes!("../../../js/src/action.js"),
    ),
    (
        "/pkg/src/convert.js",
        JS,
        include_bytes!("../../../js/src/convert.js"),
    ),
    (
        "/pkg/src/errors.js",
        JS,
        include_bytes!("../../../js/src/errors.js"),
    ),
    (
        "/pkg/src/imports.js",
        JS,
        include_bytes!("../../../js/src/imports.js"),
    ),
    (
        "/pkg/src/memory-store.js",
        JS,
        include_bytes!("../../../js/src/memory-store.js"),
    ),
    (
        "/pkg/src/support.js",
        JS,
        include_bytes!("../../../js/src/support.js"),
    ),
    (
        "/pkg/src/tokens.js",
        JS,
        include_bytes!("../../../js/src/tokens.js"),
    ),
];

/// Every file the designer serves.
pub fn assets() -> Vec<Asset> {
    let mut all: Vec<Asset> = FILES
        .iter()
        .map(|(path, content_type, body)| Asset {
            path: (*path).to_string(),
            content_type,
            body: body.to_vec(),
        })
        .collect();
    all.extend(
        core_modules(COMPONENT)
            .into_iter()
            .zip(core_module_names())
            .map(|(body, name)| Asset {
                path: format!("/pkg/gen/{name}"),
                content_type: WASM,
                body,
            }),
    );
    all
}

/// The list of the core modules' names that js/scripts/build.mjs records
/// from the files jco wrote (`export const CORE_MODULES = [...];`), in the
/// component's order: the one place those names are written, read by the
/// npm package and served here beside the bindings.
const CORE_MODULES_JS: &str = include_str!("../../../host/designer/gen/core-modules.js");

/// Every name core-modules.js lists, in order (empty if it holds no list).
fn core_module_names() -> Vec<String> {
    CORE_MODULES_JS
        .split_once("export const CORE_MODULES = ")
        .and_then(|(_, rest)| rest.split_once(';'))
        .and_then(|(list, _)| serde_json::from_str(list).ok())
        .unwrap_or_default()
}

/// The core modules a component embeds, in order, byte for byte.
pub fn core_modules(component: &[u8]) -> Vec<Vec<u8>> {
    let mut modules = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(component) {
        let Ok(payload) = payload else { break };
        if let wasmparser::Payload::ModuleSection {
            unchecked_range, ..
        } = payload
            && let Some(bytes) =
                component.get(unchecked_range.start as usize..unchecked_range.end as usize)
        {
            modules.push(bytes.to_vec());
        }
    }
    modules
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_component_splits_into_core_modules_that_are_wasm() {
        let modules = core_modules(COMPONENT);
        assert!(modules.len() >= 3, "{}", modules.len());
        for module in &modules {
            assert_eq!(&module[..4], b"\0asm");
        }
        assert_eq!(
            core_module_names(),
            [
                "connectors_update.core.wasm",
                "connectors_update.core2.wasm",
                "connectors_update.core3.wasm"
            ]
        );
        assert!(core_modules(b"not wasm").is_empty());
    }

    /// The designer serves jco's bindings committed in host/designer/gen,
    /// which only `npm run build -- --update-designer` (in js/) rewrites: a
    /// change to the WIT, or to how the component splits into core modules,
    /// must not leave them behind. Every interface, function, field and case
    /// of the built component's WIT, and each core module's name, is in
    /// jco's output, as jco spells it.
    #[test]
    fn the_designers_jco_bindings_are_those_of_the_built_component() {
        const STALE: &str = "host/designer/gen/connectors_update.js is stale: run \
            `npm run build -- --update-designer` in js/ and commit it";
        let bindings = std::str::from_utf8(include_bytes!(
            "../../../host/designer/gen/connectors_update.js"
        ))
        .unwrap();
        // Exactly the recorded names, one per core module, and no other
        // `connectors_update.core*.wasm` in the bindings.
        let named = core_module_names();
        assert_eq!(
            named.len(),
            core_modules(COMPONENT).len(),
            "{STALE}: core modules {named:?}"
        );
        for name in &named {
            assert!(bindings.contains(&format!("'{name}'")), "{STALE}: {name}");
        }
        assert_eq!(
            bindings.matches("'connectors_update.core").count(),
            named
                .iter()
                .map(|n| bindings.matches(&format!("'{n}'")).count())
                .sum::<usize>(),
            "{STALE}: the bindings name a core module core-modules.js does not"
        );

        let decoded = wit_component::decode(COMPONENT).unwrap();
        let resolve = decoded.resolve();
        let camel = |kebab: &str| {
            let mut out = String::new();
            for (i, part) in kebab.split('-').enumerate() {
                let mut chars = part.chars();
                match (i, chars.next()) {
                    (0, Some(c)) => out.extend(std::iter::once(c).chain(chars)),
                    (_, Some(c)) => out.extend(c.to_uppercase().chain(chars)),
                    (_, None) => {}
                }
            }
            out
        };
        let mut checked = 0;
        for (_, interface) in resolve.interfaces.iter() {
            let (Some(name), Some(package)) = (&interface.name, interface.package) else {
                continue;
            };
            let package = &resolve.packages[package].name;
            let version = package
                .version
                .as_ref()
                .map(|v| format!("@{v}"))
                .unwrap_or_default();
            let id = format!("'{}:{}/{name}{version}'", package.namespace, package.name);
            // jco names an interface where its functions are imported or
            // exported; `types` has none.
            let has_functions = !interface.functions.is_empty();
            assert!(!has_functions || bindings.contains(&id), "{STALE}: no {id}");
            for function in interface.functions.keys() {
                assert!(
                    bindings.contains(&camel(function)),
                    "{STALE}: no function {function}"
                );
                checked += 1;
            }
            for ty in interface.types.values() {
                let ty = &resolve.types[*ty];
                match &ty.kind {
                    wit_parser::TypeDefKind::Record(record) => {
                        for field in &record.fields {
                            let field = camel(&field.name);
                            assert!(bindings.contains(&field), "{STALE}: no field {field}");
                            checked += 1;
                        }
                    }
                    wit_parser::TypeDefKind::Variant(variant) => {
                        for case in &variant.cases {
                            let case = format!("'{}'", case.name);
                            assert!(bindings.contains(&case), "{STALE}: no case {case}");
                            checked += 1;
                        }
                    }
                    wit_parser::TypeDefKind::Enum(e) => {
                        for case in &e.cases {
                            let case = format!("'{}'", case.name);
                            assert!(bindings.contains(&case), "{STALE}: no case {case}");
                            checked += 1;
                        }
                    }
                    _ => {}
                }
            }
        }
        assert!(checked > 50, "{checked}");
    }

    /// The component's top-level sections but its core modules and custom
    /// sections, hashed: its shape, on which jco's bindings depend (types,
    /// imports, exports, the canonical functions and their order, how the
    /// core instances are wired), as js/scripts/build.mjs's `componentShape`
    /// computes it.
    fn component_shape(bytes: &[u8]) -> String {
        use sha2::{Digest, Sha256};
        let mut hash = Sha256::new();
        let mut i = 8;
        while i < bytes.len() {
            let start = i;
            let id = bytes[i];
            i += 1;
            let mut size = 0usize;
            let mut shift = 0;
            loop {
                let b = bytes[i];
                i += 1;
                size |= usize::from(b & 0x7f) << shift;
                shift += 7;
                if b < 0x80 {
                    break;
                }
            }
            i += size;
            if id != 0 && id != 1 {
                hash.update(&bytes[start..i]);
            }
        }
        hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Bindings made from a component of another shape call the wrong
    /// import through the right name (jco wires each core import to a
    /// trampoline by its number), which the names alone would not tell.
    #[test]
    fn the_designers_bindings_were_made_from_a_component_of_this_shape() {
        let recorded = CORE_MODULES_JS
            .split_once("export const COMPONENT_SHAPE = '")
            .and_then(|(_, rest)| rest.split_once('\''))
            .map(|(shape, _)| shape)
            .expect("core-modules.js records COMPONENT_SHAPE");
        assert_eq!(
            component_shape(COMPONENT),
            recorded,
            "host/designer/gen is stale: run `npm run build -- --update-designer` in js/ and commit it"
        );
    }

    #[test]
    fn every_path_is_served_once() {
        let all = assets();
        let mut paths: Vec<&str> = all.iter().map(|a| a.path.as_str()).collect();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), all.len());
    }
}
