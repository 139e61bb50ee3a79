//! Running a child process for a figure: wall time and peak memory (the
//! child's max RSS, from `wait4`), and the median of several runs.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One run of a child process.
#[derive(Debug, Clone, Copy)]
pub struct Run {
    pub wall: Duration,
    /// Peak resident set size of the child, in KiB.
    pub max_rss_kib: u64,
}

/// Runs `cmd` once, output discarded; an error (with its output, from a
/// rerun) when it fails.
pub fn run(cmd: &mut Command) -> Result<Run, String> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let start = Instant::now();
    let child = cmd
        .spawn()
        .map_err(|e| format!("{cmd:?}: cannot start: {e}"))?;
    let pid = libc::pid_t::try_from(child.id()).map_err(|e| format!("{cmd:?}: pid: {e}"))?;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain data, for which all zeroes is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for (std's `Child` is
    // never waited on); the pointers are to live locals.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    if reaped != pid {
        return Err(format!(
            "{cmd:?}: wait4 failed: {}",
            std::io::Error::last_os_error()
        ));
    }
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        let out = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .map(|o| {
                format!(
                    "{}{}",
                    String::from_utf8_lossy(&o.stdout),
                    String::from_utf8_lossy(&o.stderr)
                )
            })
            .unwrap_or_default();
        return Err(format!("{cmd:?} failed (status {status}):\n{out}"));
    }
    Ok(Run {
        wall,
        max_rss_kib: u64::try_from(usage.ru_maxrss).unwrap_or(0),
    })
}

/// Median wall time and the highest peak memory of `runs` runs of `make()`.
pub fn median_of(runs: usize, mut make: impl FnMut() -> Command) -> Result<Run, String> {
    let mut walls = Vec::with_capacity(runs);
    let mut rss = 0;
    for _ in 0..runs.max(1) {
        let r = run(&mut make())?;
        walls.push(r.wall);
        rss = rss.max(r.max_rss_kib);
    }
    walls.sort();
    Ok(Run {
        wall: walls[walls.len() / 2],
        max_rss_kib: rss,
    })
}

/// Runs `cmd` showing its output (builds, `cargo bench`); an error naming it
/// when it fails.
pub fn show(cmd: &mut Command) -> Result<(), String> {
    let status = cmd
        .status()
        .map_err(|e| format!("{cmd:?}: cannot start: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?} failed ({status})"))
    }
}

/// The `cargo` running us (or the one on `PATH`).
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Lines of Rust, and the types declared (`pub struct`/`pub enum` lines),
/// in every `.rs` file under `dir`.
pub fn source_size(dir: &Path) -> Result<(usize, usize), String> {
    let mut lines = 0;
    let mut types = 0;
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("{}: cannot read: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_dir() {
            let (l, t) = source_size(&path)?;
            lines += l;
            types += t;
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
            lines += text.lines().count();
            types += text
                .lines()
                .map(str::trim_start)
                .filter(|l| l.starts_with("pub struct ") || l.starts_with("pub enum "))
                .count();
        }
    }
    Ok((lines, types))
}
