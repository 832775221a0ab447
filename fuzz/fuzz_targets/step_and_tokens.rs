//! Fuzzes the step parser, the token resolver and everything `execute`
//! does with a parsed step. The body and its oracles live in the action
//! crate (`connectors_update_action::fuzzing`), so that `cargo test`
//! replays this target's corpus on the stable toolchain with the same code.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    connectors_update_action::fuzzing::step_and_tokens(data);
});
