//! Opt-in phase timings: `MANULINT_PROFILE=1 manulint check …` prints how long each phase
//! and each rule took to stderr, so performance work measures instead of guessing.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("MANULINT_PROFILE").is_some_and(|v| v != "0"))
}

/// Runs `work`, reporting its wall-clock time under `label` when profiling is on.
pub fn phase<T>(label: &str, work: impl FnOnce() -> T) -> T {
    if !enabled() {
        return work();
    }
    let start = Instant::now();
    let result = work();
    eprintln!(
        "[profile] {label:<32} {:>8.2} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    result
}
