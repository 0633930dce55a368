//! `cargo +nightly fuzz run build_one_post`: see docs/robustness.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    feedwright_fuzz::targets::fuzz_build_one_post(data);
});
