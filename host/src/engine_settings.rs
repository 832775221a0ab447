//! The wasmtime settings the component is compiled with and run under, in
//! one place: the build script compiles the precompiled artifact with them
//! (`host/build.rs` includes this file), and the harness builds its engine
//! with them. wasmtime refuses an artifact whose settings differ from the
//! engine's, so two copies of these lines would turn every drift into a
//! half-second compile at start.
//!
//! This file imports nothing from the crate: the build script compiles it
//! on its own.

use wasmtime::Config;

/// The settings every engine of the harness shares, whatever it allocates
/// instances with (the allocator is a run-time choice that the compiled
/// code does not depend on).
///
/// - Epoch interruption: the deadline and cancellation stop a computing
///   guest at its next epoch check.
/// - Everything else is wasmtime 48's default for this target (memory
///   reservation, guard pages, copy-on-write memory images), chosen by
///   wasmtime for speed and kept here so that the artifact and the engine
///   agree.
pub(crate) fn config() -> Config {
    let mut config = Config::new();
    config.epoch_interruption(true);
    config
}
