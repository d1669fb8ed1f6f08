//! libFuzzer entry for the `flow` check (`fuzz/checks/flow.rs`, also replayed by `cargo test`).
#![no_main]

include!("../checks/flow.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| check(data));
