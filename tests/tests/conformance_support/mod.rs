//! Helpers of `tests/conformance.rs`: the vector format, comparison rules,
//! per-section checks, the type table and the fuzzer.

pub mod any;
pub mod check;
pub mod compare;
pub mod fuzz;
pub mod types;
pub mod vectors;
