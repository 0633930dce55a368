//! `cargo +nightly fuzz run date`: see docs/robustness.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    feedwright_fuzz::targets::fuzz_date(data);
});
