//! End-to-end tests live in `tests/tests/`; this library holds what they share
//! beyond the `#[path]` modules.

use std::path::Path;

/// Whether a test needing `path` (in `../shared`) must skip: `true`, with a
/// message, when it is absent. Under `TESSERAL_REQUIRE_SHARED=1` (set by CI)
/// an absent `../shared` fails instead, so the test cannot pass unseen.
pub fn skip_without_shared(path: &Path) -> bool {
    if path.exists() {
        return false;
    }
    assert!(
        std::env::var_os("TESSERAL_REQUIRE_SHARED").is_none_or(|v| v != "1"),
        "../shared not found ({} is absent) and TESSERAL_REQUIRE_SHARED=1",
        path.display()
    );
    println!(
        "skipping: ../shared not found ({} is absent)",
        path.display()
    );
    true
}
