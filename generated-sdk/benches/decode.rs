//! Decoding benchmark (being written).

fn main() {}
