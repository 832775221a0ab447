//! Integration tests: the real `Connectors.Update` component, loaded by the
//! real wasmtime harness, on real stores; and the real CLI as a subprocess.
//!
//! Every fixture holds the canary secret [`support::CANARY`], and every
//! helper that runs the action or the CLI checks that no output, error or
//! diagnostic contains it.

#![allow(clippy::unwrap_used)]

mod support;

mod access;
mod capture;
mod cli;
mod cli_designer;
mod cli_locations;
mod cli_output;
mod cli_readme;
mod cli_secrets;
mod cli_terminal;
mod component;
mod concurrency;
mod conformance;
mod contract;
mod crash;
mod deep_merge;
mod design_time;
mod embedding;
mod encryption;
mod error_codes;
mod errors;
mod faults;
mod history;
mod hostile_input;
mod key_rotation;
mod kinds;
mod load;
mod merge;
mod oracles;
mod permissions;
mod postgres_tls;
mod sandbox;
mod schema;
mod secrets;
mod seed_examples;
mod step_input;
mod store_demo;
mod store_files;
mod store_kinds;
mod store_seals;
mod stores;
mod tokens;
mod value_limit;
