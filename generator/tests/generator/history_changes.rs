//! The change report between every consecutive pair of the 46 upstream
//! versions (`../shared/tesseral/history`), snapshotted, and the versions
//! the SDK would have had if each had been released.

use std::path::{Path, PathBuf};

use codegen::backend::rust::surface;
use codegen::changes::{Level, Report, Version};
use codegen::frontend::proto;

fn history() -> Option<PathBuf> {
    crate::shared().map(|shared| shared.join("history"))
}

#[test]
fn every_consecutive_pair() {
    let Some(dir) = history() else { return };
    let mut versions: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    versions.sort();
    assert_eq!(versions.len(), 46);

    let name = |p: &Path| p.file_name().unwrap().to_string_lossy().into_owned();
    let number = |n: &str| n.split('-').next().unwrap().to_string();
    let mut previous: Option<(String, codegen::backend::rust::Surface)> = None;
    let mut version = Version::new(0, 1, 0);
    let mut summary = format!("{}: {version} (first)\n", name(&versions[0]));
    let mut levels = [0usize; 4];
    for v in &versions {
        let label = name(v);
        let api = proto::import(&v.join("proto"))
            .unwrap_or_else(|e| panic!("{label}: {e}"))
            .api;
        let now = surface(&api, &crate::sdk_options()).unwrap_or_else(|e| panic!("{label}: {e}"));
        if let Some((old_label, before)) = previous.take() {
            let report = Report::new(&before, &now, &old_label, &label);
            insta::with_settings!({ snapshot_path => "snapshots/history", prepend_module_to_snapshot => false }, {
                insta::assert_snapshot!(
                    format!("{}-{}", number(&old_label), number(&label)),
                    report.text(None)
                );
            });
            let level = report.level();
            levels[level.map_or(0, |l| l as usize + 1)] += 1;
            if let Some(l) = level {
                version = version.bump(l);
            }
            summary.push_str(&format!(
                "{label}: {version} ({}: {})\n",
                level.map_or("no change", Level::as_str),
                report.counts()
            ));
        }
        previous = Some((label, now));
    }
    summary.push_str(&format!(
        "\n{} pairs: {} without change, {} cosmetic, {} additive, {} breaking\n",
        versions.len() - 1,
        levels[0],
        levels[1],
        levels[2],
        levels[3]
    ));
    insta::with_settings!({ snapshot_path => "snapshots/history", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("versions", summary);
    });
}
