//! Opt-in phase timings: `MANULINT_PROFILE=1 manulint check …` prints how long each phase
//! and each rule took to stderr, so performance work measures instead of guessing.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("MANULINT_PROFILE").is_some_and(|v| v != "0"))
}

/// The moment profiling started: phases print their start on one timeline, so the gaps where a
/// core waits show.
fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

/// Runs `work`, reporting its wall-clock time under `label` when profiling is on, with when it
/// started and on which thread.
pub fn phase<T>(label: &str, work: impl FnOnce() -> T) -> T {
    if !enabled() {
        return work();
    }
    epoch(); // the first phase starts the timeline at its own start, not at its end
    let start = Instant::now();
    let result = work();
    eprintln!(
        "[profile] {label:<32} {:>8.2} ms  (from {:>6.2} ms, thread {:?})",
        start.elapsed().as_secs_f64() * 1e3,
        start.duration_since(epoch()).as_secs_f64() * 1e3,
        std::thread::current().id(),
    );
    result
}
