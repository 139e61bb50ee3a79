//! @generated (empty until `cargo xtask codegen` runs).
