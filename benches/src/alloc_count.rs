//! A counting global allocator, and the per-verification allocation report each bench binary
//! writes beside criterion's output.
//!
//! Each bench binary installs it with
//! `#[global_allocator] static A: CountingAlloc = CountingAlloc;`. Counting is switched on
//! only inside [`measure`], outside criterion's timing loop, so timed iterations pay one
//! relaxed load of a flag per allocation and nothing else.
//!
//! [`AllocReport::write`] puts the counts in `<target>/criterion/tinyjwt-allocs/<bench>.json`,
//! where `scripts/bench-report.sh` reads them.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};

static ON: AtomicBool = AtomicBool::new(false);
static COUNT: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

/// The system allocator, counting allocations (and reallocations) and their bytes while a
/// [`measure`] runs.
pub struct CountingAlloc;

#[inline(always)]
fn record(size: usize) {
    if ON.load(Relaxed) {
        COUNT.fetch_add(1, Relaxed);
        BYTES.fetch_add(size as u64, Relaxed);
    }
}

// SAFETY: every call is forwarded unchanged to `System`; the counters are plain atomics.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(new_size);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// Heap allocations per call of one measured function.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Allocs {
    /// Allocations (including reallocations) per call.
    pub count: f64,
    /// Bytes requested per call.
    pub bytes: f64,
}

/// Runs `f` `n` times with counting on and returns the mean allocations per call. Only
/// meaningful in a binary whose global allocator is [`CountingAlloc`], on one thread.
pub fn measure<R>(n: u32, mut f: impl FnMut() -> R) -> Allocs {
    // One call first, so lazily initialised state (a provider, a CPU-feature probe) is not
    // charged to the steady state.
    black_box(f());
    COUNT.store(0, Relaxed);
    BYTES.store(0, Relaxed);
    ON.store(true, Relaxed);
    for _ in 0..n {
        black_box(f());
    }
    ON.store(false, Relaxed);
    Allocs {
        count: COUNT.load(Relaxed) as f64 / f64::from(n),
        bytes: BYTES.load(Relaxed) as f64 / f64::from(n),
    }
}

fn criterion_home() -> std::io::Result<PathBuf> {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return Ok(home.into());
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return Ok(PathBuf::from(target).join("criterion"));
    }
    let exe = std::env::current_exe()?;
    let target = exe
        .ancestors()
        .nth(3)
        .map_or_else(|| "target".into(), PathBuf::from);
    Ok(target.join("criterion"))
}

/// The allocation counts of one bench binary, keyed like its criterion benchmarks.
#[derive(Debug, Default)]
pub struct AllocReport {
    rows: Vec<(String, String, Allocs)>,
}

impl AllocReport {
    /// Records `allocs` for criterion benchmark `group`/`function`.
    pub fn add(&mut self, group: &str, function: &str, allocs: Allocs) {
        self.rows.push((group.into(), function.into(), allocs));
    }

    /// The recorded counts for `group`/`function`.
    pub fn get(&self, group: &str, function: &str) -> Option<Allocs> {
        self.rows
            .iter()
            .find(|(g, f, _)| g == group && f == function)
            .map(|r| r.2)
    }

    /// Writes the report as JSON to `<criterion home>/tinyjwt-allocs/<bench>.json` and returns
    /// the path. The criterion home is found as criterion finds it: `$CRITERION_HOME`, else
    /// `$CARGO_TARGET_DIR/criterion`, else `<target>/criterion` from this executable's path
    /// (`<target>/<profile>/deps/<bench>-<hash>`).
    pub fn write(&self, bench: &str) -> std::io::Result<PathBuf> {
        let dir = criterion_home()?.join("tinyjwt-allocs");
        std::fs::create_dir_all(&dir)?;
        let mut json = String::from("[\n");
        for (i, (g, f, a)) in self.rows.iter().enumerate() {
            let sep = if i + 1 == self.rows.len() { "" } else { "," };
            let _ = writeln!(
                json,
                r#"  {{"group": "{g}", "function": "{f}", "count": {}, "bytes": {}}}{sep}"#,
                a.count, a.bytes
            );
        }
        json.push_str("]\n");
        let path = dir.join(format!("{bench}.json"));
        std::fs::write(&path, json)?;
        Ok(path)
    }
}
