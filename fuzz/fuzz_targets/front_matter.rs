//! `cargo +nightly fuzz run front_matter`: see docs/robustness.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    feedwright_fuzz::targets::fuzz_front_matter(data);
});
