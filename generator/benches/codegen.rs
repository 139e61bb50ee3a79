//! How long the pipeline's stages take on the real description
//! (`schema/api.yaml`): reading it, and lowering it to formatted Rust.
//! `cargo bench -p tesseral-codegen`. The target for a whole
//! `cargo xtask codegen` of the SDK is 50 ms.

use std::path::Path;

use codegen::backend::rust::generate;
use codegen::schema::Schema;
use criterion::{Criterion, criterion_group, criterion_main};

fn schema_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema")
}

fn stages(c: &mut Criterion) {
    let dir = schema_dir();
    let schema = Schema::read(&dir).expect("schema/ reads");
    c.bench_function("read schema/", |b| {
        b.iter(|| Schema::read(&dir).expect("schema/ reads"))
    });
    c.bench_function("generate the SDK", |b| {
        b.iter(|| generate(&schema.api).expect("generates"))
    });
}

criterion_group!(benches, stages);
criterion_main!(benches);
