//! The fuzz targets' bodies live in `tests/regressions/targets.rs`, shared with
//! the regression tests that replay crash inputs; this crate only links them.

#[path = "../../tests/regressions/targets.rs"]
pub mod targets;
