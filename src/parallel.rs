//! The second core. A run is a few milliseconds long, so threads are not spawned per task: one
//! pool starts with the run (and builds the rule tables while the manuscript is parsed), and
//! each parallel step runs one half on the calling thread and the other on the pool.

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};

/// Starts the pool with one thread per core besides the caller's, running `first` on it:
/// work that needs no manuscript. Later calls only queue `first`.
pub fn start(first: impl FnOnce() + Send + 'static) {
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    // Err means the pool already runs (a second check in the same process).
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(cores.saturating_sub(1).max(1))
        .thread_name(|i| format!("manulint-{i}"))
        // A panic in `first` (a bug) is recorded by the panic hook; rayon would then abort the
        // process. Without that, it surfaces again where the broken table is used, on a thread
        // whose panic reaches the caller.
        .panic_handler(|_| {})
        .build_global();
    rayon::spawn(first);
}

/// Runs `here` on this thread and `there` on the pool, and returns both results. A panic in
/// either half is a bug and is raised again on this thread once both have stopped, so that no
/// half's results are lost without a word.
pub fn both<A: Send, B: Send>(
    here: impl FnOnce() -> A + Send,
    there: impl FnOnce() -> B + Send,
) -> (A, B) {
    let mut other = None;
    let mine = rayon::in_place_scope(|scope| {
        scope.spawn(|_| other = Some(catch_unwind(AssertUnwindSafe(there))));
        catch_unwind(AssertUnwindSafe(here))
    });
    match (mine, other) {
        (Ok(mine), Some(Ok(other))) => (mine, other),
        (Err(panic), _) | (_, Some(Err(panic))) => resume_unwind(panic),
        // The scope returns only after its spawned task ran, so `other` is always set.
        (Ok(_), None) => unreachable!("rayon's scope returned before its task ran"),
    }
}

#[cfg(test)]
mod tests {
    use super::both;

    #[test]
    fn results_of_both_halves_are_returned() {
        assert_eq!(both(|| 1, || "two"), (1, "two"));
    }

    #[test]
    fn a_panic_on_the_pool_reaches_the_caller() {
        let outcome = std::panic::catch_unwind(|| both(|| 1, || -> i32 { panic!("there") }));
        let payload = outcome.expect_err("the pool's panic was swallowed");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"there"));
    }

    #[test]
    fn a_panic_on_the_caller_waits_for_the_pool_and_is_raised() {
        let outcome = std::panic::catch_unwind(|| both(|| -> i32 { panic!("here") }, || 2));
        assert!(outcome.is_err());
    }
}
