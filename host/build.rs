//! Builds the guest (`action/`) for `wasm32-unknown-unknown` with a nested
//! cargo and turns the core module into a component with `wit-component`,
//! so that the host embeds the very component it is tested with, and no tool
//! outside cargo is needed.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";

fn main() {
    let manifest_dir =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let root = manifest_dir
        .parent()
        .expect("host/ is inside the workspace")
        .to_path_buf();
    for path in [
        "action/src",
        "action/Cargo.toml",
        "wit",
        "Cargo.lock",
        "Cargo.toml",
    ] {
        println!("cargo:rerun-if-changed={}", root.join(path).display());
    }

    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    // OUT_DIR is <target>/<profile>/build/<package>-<hash>/out: build the
    // guest once under <target>/component, whatever the host's profile.
    let target_dir = out_dir
        .ancestors()
        .nth(4)
        .map(|t| t.join("component"))
        .unwrap_or_else(|| root.join("target/component"));

    let core = build_guest(&root, &target_dir);
    let component = wit_component::ComponentEncoder::default()
        .module(&core)
        .and_then(|encoder| encoder.validate(true).encode())
        .unwrap_or_else(|e| panic!("turning the guest into a component failed: {e:#}"));
    let path = out_dir.join("connectors_update.wasm");
    std::fs::write(&path, component).expect("writing the component to OUT_DIR");
    println!(
        "cargo:rustc-env=CONNECTORS_UPDATE_COMPONENT_PATH={}",
        path.display()
    );
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
