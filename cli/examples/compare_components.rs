//! Times seed example 1 through several builds of the component in one
//! process, so that two builds are compared under the same load: each file
//! is loaded with `Harness::from_component` (compiled at start, as an
//! engine's own component would be), then 40 rounds run 500 `execute`
//! calls on each harness in turn, a fresh pooled instance per call and a
//! new token value each time. Prints the median of the 40 batches per
//! file, with the file's size. BENCHMARKS.md ("The third round") used it to
//! compare guest builds; how to make a build is written there.
//!
//! ```sh
//! cargo run --release -p connectors-update --example compare_components -- a.wasm b.wasm
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::sync::Arc;
use std::time::Instant;

use connectors_update_harness::Harness;
use connectors_update_harness::stores::{MemoryStore, NewConnector};
use connectors_update_harness::tokens::MapTokens;

/// Seed example 1, as the `execute` and `scale` benches run it.
const EXAMPLE_1: &str = r#"{"ActionType": "Connectors.Update", "Parameters": {"EntryId": "Twitter API",
  "Properties": [{"PropertyName": "APIKey", "PropertyValue": "[Form:Key]"}],
  "PropertiesJson": "{ \"Timeout\": \"30s\", \"Endpoint\": \"https://api.twitter.com/2\" }"}}"#;
const ROUNDS: usize = 40;
const CALLS: usize = 500;

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: compare_components COMPONENT.wasm [COMPONENT.wasm ...]");
        std::process::exit(2);
    }
    let harnesses: Vec<Harness> = files
        .iter()
        .map(|file| {
            let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("reading {file}: {e}"));
            Harness::from_component(bytes).unwrap_or_else(|e| panic!("loading {file}: {e}"))
        })
        .collect();
    let step = harnesses[0].parse_step(EXAMPLE_1).unwrap();
    let store = Arc::new(MemoryStore::new());
    store
        .add(
            NewConnector::new("Twitter API")
                .id("twitterConnectorId")
                .kind("rest-api")
                .secret("APIKey", "k0"),
        )
        .unwrap();
    let mut batches: Vec<Vec<f64>> = vec![Vec::with_capacity(ROUNDS); harnesses.len()];
    let mut n = 0u64;
    for _ in 0..ROUNDS {
        for (harness, times) in harnesses.iter().zip(&mut batches) {
            let start = Instant::now();
            for _ in 0..CALLS {
                n += 1;
                let tokens = Arc::new(MapTokens::from_pairs([("Form:Key", format!("k{n}"))]));
                std::hint::black_box(harness.execute(&step, store.clone(), tokens).unwrap());
            }
            times.push(start.elapsed().as_secs_f64() * 1e6 / CALLS as f64);
        }
    }
    for (file, mut times) in files.iter().zip(batches) {
        times.sort_by(f64::total_cmp);
        let bytes = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        println!(
            "{file}: median {:.1} µs per execute (fresh pooled), {bytes} bytes",
            times[times.len() / 2]
        );
    }
}
