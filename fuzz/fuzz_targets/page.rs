//! libFuzzer entry for the `page` check (`fuzz/checks/page.rs`, also replayed by `cargo test`).
#![no_main]

include!("../checks/page.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| check(data));
