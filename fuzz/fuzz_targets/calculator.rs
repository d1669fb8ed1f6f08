//! libFuzzer entry for the `calculator` check (`fuzz/checks/calculator.rs`, also replayed by `cargo test`).
#![no_main]

include!("../checks/calculator.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| check(data));
