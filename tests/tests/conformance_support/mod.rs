//! Helpers of `tests/conformance.rs`: the vector format, comparison rules,
//! per-section checks, the type table, the fuzzer, the array refusal check
//! and the request bodies of `body: "<field>"` operations.

pub mod any;
pub mod arrays;
pub mod bodies;
pub mod check;
pub mod compare;
pub mod fuzz;
pub mod types;
pub mod vectors;
