//! The second core. A run is a few milliseconds long, so threads are not spawned per task: one
//! pool starts with the run (and builds the rule tables while the manuscript is parsed), and
//! each parallel step runs one half on the calling thread and the other on the pool.

use std::panic::{AssertUnwindSafe, catch_unwind};

/// Starts the pool with one thread per core besides the caller's, running `first` on it:
/// work that needs no manuscript. Later calls only queue `first`.
pub fn start(first: impl FnOnce() + Send + 'static) {
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    // Err means the pool already runs (a second check in the same process).
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(cores.saturating_sub(1).max(1))
        .thread_name(|i| format!("manulint-{i}"))
        // A panic in `first` (a bug) is printed by the panic hook; rayon would then abort the
        // process. Without that, it surfaces again where the broken table is used.
        .panic_handler(|_| {})
        .build_global();
    rayon::spawn(first);
}

/// Runs `here` on this thread and `there` on the pool, and returns both results. A panic in
/// `there` is a bug; it yields `fallback` instead of taking `here`'s result with it.
pub fn both<A: Send, B: Send>(
    here: impl FnOnce() -> A + Send,
    there: impl FnOnce() -> B + Send,
    fallback: impl FnOnce() -> B,
) -> (A, B) {
    let mut other = None;
    let mine = rayon::in_place_scope(|scope| {
        scope.spawn(|_| other = catch_unwind(AssertUnwindSafe(there)).ok());
        here()
    });
    (mine, other.unwrap_or_else(fallback))
}
