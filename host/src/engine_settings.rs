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
/// - Bounds checks in the compiled code instead of guard pages and signal
///   handlers (`signals_based_traps(false)`, `memory_guard_size(0)`). With
///   guard pages, wasmtime must make a pooled slot's memory inaccessible
///   again beyond its initial size after every call, and accessible again
///   when the next call grows it (the guest's allocator grows memory on
///   its first allocation, so every call does): two `mprotect`s per call,
///   each flushing the TLB of every core the process runs on. That was an
///   eighth of a call's time, and it kept two threads from running twice
///   as many calls as one. Without guard pages the slot stays mapped as it
///   is and only its dirty pages are reset. An access out of bounds still
///   traps, by the explicit check instead of a fault (tests/sandbox.rs reads
///   past a one-page memory where an earlier call's page is still mapped),
///   and an engine built from these settings puts no signal handler into
///   the process that embeds it.
///
///   The cost: wasmtime turns off the Spectre hardening of bounds checks
///   in this mode (it requires `enable_heap_access_spectre_mitigation` and
///   `enable_table_access_spectre_mitigation` off), so a mispredicted check
///   could read past a memory speculatively, possibly into a pool
///   neighbour's slot. That is accepted because the guest has no way to
///   observe it: its world imports no clock, no threads and no shared
///   memory, only the store and the tokens, so it has no timer for a cache
///   side channel. An engine that runs components of its own with such
///   imports, or wants the hardening anyway, gives the harness an engine
///   built from `wasmtime::Config::new()` with epoch interruption: the
///   component is then compiled at start (about half a second) with guard
///   pages and the mitigations.
/// - Everything else is wasmtime 48's default for this target (memory
///   reservation, copy-on-write memory images), kept here so that the
///   artifact and the engine agree.
pub(crate) fn config() -> Config {
    let mut config = Config::new();
    config
        .epoch_interruption(true)
        .signals_based_traps(false)
        .memory_guard_size(0);
    config
}
