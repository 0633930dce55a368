//! `cargo +nightly fuzz run markdown`: see docs/robustness.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    feedwright_fuzz::targets::fuzz_markdown(data);
});
