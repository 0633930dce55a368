//! The integration tests of the `feedwright` package: one test binary (one
//! link, one run), a module per area. Each runs the real binary on fixture
//! sites, or the library on generated input, and parses what comes out with
//! strict parsers.

mod action;
mod build;
mod check_cli;
mod cli;
mod common;
mod config;
mod corpora;
mod crash_safety;
mod feeds;
mod html_page;
mod properties;
mod robustness;
mod sample_site;
mod sites;
mod syndicate;
mod templates;

// The fuzz targets' bodies and the invariants every output must hold, shared
// with the fuzz crate (`fuzz/src/lib.rs`) so a crash input replays exactly.
#[path = "../regressions/targets.rs"]
#[allow(unreachable_pub)] // public for the fuzz crate, where it is a public module
mod targets;
