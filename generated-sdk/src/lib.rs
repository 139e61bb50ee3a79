//! Rust SDK for the Tesseral Backend API.
