//! The page's files, embedded in the binary: the designer's own page, the
//! npm package's sources (the same modules a Node engine runs, unchanged),
//! jco's bindings for the component (committed under `host/designer/gen`;
//! the JavaScript tests check they are what jco writes today), and the
//! component's core modules, split out of [`COMPONENT`] as jco names them.

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
            .enumerate()
            .map(|(i, body)| Asset {
                path: format!("/pkg/gen/{}", core_module_name(i)),
                content_type: WASM,
                body,
            }),
    );
    all
}

/// The name jco gives the `index`th core module of a component.
pub fn core_module_name(index: usize) -> String {
    match index {
        0 => "connectors_update.core.wasm".into(),
        n => format!("connectors_update.core{}.wasm", n + 1),
    }
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
        assert_eq!(core_module_name(0), "connectors_update.core.wasm");
        assert_eq!(core_module_name(2), "connectors_update.core3.wasm");
        assert!(core_modules(b"not wasm").is_empty());
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
