//! A bug must never pass for a clean result. A panic anywhere (on either core) ends the run
//! with one line that says it is a bug, which rule or index was at work, and where, and exit
//! code 2, instead of a Rust backtrace or, worse, a report with one rule's findings missing.

use std::cell::Cell;
use std::sync::Mutex;

thread_local! {
    /// What this thread is doing, for the report: ("rule", "name-variant"), ("index", "numbers").
    static AT_WORK: Cell<Option<(&'static str, &'static str)>> = const { Cell::new(None) };
}

/// The first panic's description; later ones (the same bug raised again on the caller) add
/// nothing.
static FIRST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Runs `work` with `kind` `name` (rule `doubled-word`) named as this thread's work in a
/// panic's report.
pub fn at_work<T>(kind: &'static str, name: &'static str, work: impl FnOnce() -> T) -> T {
    let before = AT_WORK.with(|cell| cell.replace(Some((kind, name))));
    let result = work();
    AT_WORK.with(|cell| cell.set(before));
    result
}

/// Replaces Rust's panic message with a record of the panic for [`report`]. With
/// `RUST_BACKTRACE` set, Rust's own message (and backtrace) is printed as well.
pub fn install_hook() {
    let default_hook = std::panic::take_hook();
    let verbose = std::env::var_os("RUST_BACKTRACE").is_some_and(|value| value != "0");
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|text| (*text).to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_string());
        let place = info
            .location()
            .map(|at| format!(" at {}:{}", at.file(), at.line()))
            .unwrap_or_default();
        let work = AT_WORK
            .with(Cell::get)
            .map(|(kind, name)| format!(" in {kind} `{name}`"))
            .unwrap_or_default();
        if let Ok(mut first) = FIRST_PANIC.lock() {
            first.get_or_insert_with(|| format!("panicked{work}{place}: {message}"));
        }
        if verbose {
            default_hook(info);
        }
    }));
}

/// The line that ends a run that panicked.
pub fn report() -> String {
    let what = FIRST_PANIC
        .lock()
        .ok()
        .and_then(|first| first.clone())
        .unwrap_or_else(|| "panicked".to_string());
    format!(
        "manulint: internal error: {what}. This is a bug in manulint, not in the manuscript: \
         please report it with the input that caused it (RUST_BACKTRACE=1 shows where)."
    )
}

/// A panic on purpose, for the tests that drive the binary: in debug builds only,
/// `MANULINT_PANIC_IN=<rule>` makes that rule panic.
#[cfg(debug_assertions)]
pub fn panic_if_asked(rule: &str) {
    static ASKED: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let asked = ASKED.get_or_init(|| std::env::var("MANULINT_PANIC_IN").ok());
    if asked.as_deref() == Some(rule) {
        panic!("MANULINT_PANIC_IN asked rule `{rule}` to panic");
    }
}

#[cfg(not(debug_assertions))]
pub fn panic_if_asked(_rule: &str) {}
