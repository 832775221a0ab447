//! Builds the guest (`action/`, with the vocabulary in `model/`) for
//! `wasm32-unknown-unknown` with a nested cargo and turns the core module
//! into a component with `wit-component`, so that the host embeds the very
//! component it is tested with, and no tool outside cargo is needed. It then
//! compiles the component to machine code with wasmtime, for the build
//! target's baseline CPU and with the harness's own engine settings
//! (`src/engine_settings.rs`, included below), so that a harness starts
//! without compiling anything.
//!
//! The guest's sources are the workspace's (`../action`). A packaged crate
//! (`cargo package`) has no workspace around it: it carries the component
//! instead, in `component/connectors_update.wasm` (written there before
//! packaging: `cargo run -p connectors-update -- component -o
//! host/component/connectors_update.wasm`; docs/embedding.md), and this
//! script embeds that file as it is.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "src/engine_settings.rs"]
mod engine_settings;

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";

fn main() {
    let manifest_dir =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let root = manifest_dir
        .parent()
        .filter(|root| root.join("action/Cargo.toml").is_file())
        .map(Path::to_path_buf);
    let component = match root {
        Some(root) => component_from_source(&root, &out_dir),
        None => shipped_component(&manifest_dir),
    };
    let path = out_dir.join("connectors_update.wasm");
    std::fs::write(&path, &component).expect("writing the component to OUT_DIR");
    println!(
        "cargo:rustc-env=CONNECTORS_UPDATE_COMPONENT_PATH={}",
        path.display()
    );

    let precompiled = precompile(&component);
    let path = out_dir.join("connectors_update.cwasm");
    std::fs::write(&path, precompiled).expect("writing the precompiled component to OUT_DIR");
    println!(
        "cargo:rustc-env=CONNECTORS_UPDATE_PRECOMPILED_PATH={}",
        path.display()
    );
}

/// The component a packaged crate carries (no workspace, so no guest sources).
fn shipped_component(manifest_dir: &Path) -> Vec<u8> {
    let path = manifest_dir.join("component/connectors_update.wasm");
    println!("cargo:rerun-if-changed={}", path.display());
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}. Outside its workspace the harness embeds the component it was packaged with; \
             package it with the component in place (docs/embedding.md, \"Packaging the harness\")",
            path.display()
        )
    })
}

/// The guest built from the workspace's sources and made a component.
fn component_from_source(root: &Path, out_dir: &Path) -> Vec<u8> {
    for path in [
        "action/src",
        "action/Cargo.toml",
        "model/src",
        "model/Cargo.toml",
        "wit",
        "Cargo.lock",
        "Cargo.toml",
        "host/src/engine_settings.rs",
        ".cargo/config.toml",
    ] {
        println!("cargo:rerun-if-changed={}", root.join(path).display());
    }

    // OUT_DIR is <target>/<profile>/build/<package>-<hash>/out: build the
    // guest once under <target>/component, whatever the host's profile.
    let target_dir = out_dir
        .ancestors()
        .nth(4)
        .map(|t| t.join("component"))
        .unwrap_or_else(|| root.join("target/component"));

    let core = build_guest(root, &target_dir);
    wit_component::ComponentEncoder::default()
        .module(&core)
        .and_then(|encoder| encoder.validate(true).encode())
        .unwrap_or_else(|e| panic!("turning the guest into a component failed: {e:#}"))
}

/// The component compiled for the build target, or nothing when wasmtime
/// cannot compile for it (the harness then compiles the component when it
/// starts, as it does for an artifact that does not fit the machine).
fn precompile(component: &[u8]) -> Vec<u8> {
    let target = env::var("TARGET").expect("cargo sets TARGET");
    let mut config = engine_settings::config();
    // Naming the target turns off wasmtime's detection of the build
    // machine's CPU features: the artifact uses the target's baseline, so
    // it loads on any CPU of the target, not only on ones like this one.
    let engine = config
        .target(&target)
        .and_then(|config| wasmtime::Engine::new(config));
    let engine = match engine {
        Ok(engine) => engine,
        Err(e) => {
            println!(
                "cargo:warning=no precompiled component for {target} ({e}): the harness will compile it at start"
            );
            return Vec::new();
        }
    };
    engine
        .precompile_component(component)
        .unwrap_or_else(|e| panic!("precompiling the component for {target} failed: {e:#}"))
}

fn build_guest(root: &Path, target_dir: &Path) -> Vec<u8> {
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(root)
        .args([
            "build",
            "--package",
            "connectors-update-action",
            "--target",
            TARGET,
            "--profile",
            PROFILE,
        ])
        .arg("--target-dir")
        .arg(target_dir);
    // The outer build's flags and wrappers are for the host, not the guest.
    for var in [
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "CARGO_TARGET_DIR",
        "CARGO_BUILD_TARGET",
        "RUSTC_WORKSPACE_WRAPPER",
        "CARGO_MAKEFLAGS",
        "MAKEFLAGS",
        "MFLAGS",
        "CARGO_LLVM_COV",
        "LLVM_PROFILE_FILE",
    ] {
        cmd.env_remove(var);
    }
    let status = cmd.status().expect("running cargo to build the guest");
    if !status.success() {
        panic!(
            "building the guest for {TARGET} failed ({status}). If the target is missing, run: rustup target add {TARGET}"
        );
    }
    let wasm = target_dir
        .join(TARGET)
        .join(PROFILE)
        .join("connectors_update_action.wasm");
    std::fs::read(&wasm).unwrap_or_else(|e| panic!("reading {}: {e}", wasm.display()))
}
