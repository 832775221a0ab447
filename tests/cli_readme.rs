//! The manual says what the CLI does: docs/behaviour.md's kinds table names
//! every property `connector kinds` prints, and its list of error codes
//! names every code the CLI can print.

use std::path::Path;

use connectors_update_harness::ErrorCode;

use crate::support::cli::Cli;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/behaviour.md")).unwrap()
}

#[test]
fn the_kinds_table_names_every_property_of_every_kind() {
    let readme = readme();
    let kinds = Cli::new().run(&["connector", "kinds"]).ok_json();
    for kind in kinds.as_array().unwrap() {
        let name = kind["kind"].as_str().unwrap();
        let row = readme
            .lines()
            .find(|line| line.starts_with(&format!("| `{name}` |")))
            .unwrap_or_else(|| panic!("no row for kind {name}"));
        for property in kind["properties"].as_array().unwrap() {
            let property = property["name"].as_str().unwrap();
            assert!(
                row.contains(&format!("`{property}`")),
                "docs/behaviour.md's row for {name} misses {property}"
            );
        }
    }
}

/// The codes the CLI's own source gives its failures.
fn cli_codes(folder: &Path, codes: &mut Vec<String>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            cli_codes(&path, codes);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            for piece in text.split("Failure::new(").skip(1) {
                let piece = piece.trim_start();
                if let Some(code) = piece.strip_prefix('"').and_then(|p| p.split('"').next()) {
                    codes.push(code.to_string());
                }
            }
        }
    }
}

#[test]
fn the_error_codes_paragraph_names_every_code_the_cli_can_print() {
    let readme = readme();
    let start = readme.find("Error codes: ").unwrap();
    let paragraph = &readme[start..start + readme[start..].find("\n\n").unwrap()];
    let mut codes: Vec<String> = ErrorCode::ALL
        .iter()
        .map(|code| code.as_str().to_string())
        .collect();
    codes.extend(["usage", "internal"].map(String::from));
    cli_codes(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        &mut codes,
    );
    assert!(codes.contains(&"designer-failed".to_string()), "{codes:?}");
    for code in codes {
        assert!(
            paragraph.contains(&format!("`{code}`")),
            "docs/behaviour.md's error codes miss {code}"
        );
    }
}
