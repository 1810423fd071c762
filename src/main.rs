// glibc's malloc costs a tenth of a run on many small strings; mimalloc is faster. Without
// transparent huge pages: zeroing a 2 MB page on first touch cost more than it saved.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc 3's `mi_option_t` (the crate exports no constants; the
/// test below checks the index against the option's documented default).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory waits before it goes back to the OS during a run. A large
/// manuscript's tables grow by doubling, and each outgrown buffer was kept to the end of the
/// run: at 50 MB that was 80 MB more at the peak than with a tenth of a second's delay.
const PURGE_DELAY_MS: std::os::raw::c_long = 100;

fn main() {
    // SAFETY: called before any other thread exists; the option only changes when memory is
    // purged, never what an allocation returns.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
    let code = manulint::cli::main();
    // On the way out, returning freed pages to the OS is work for nothing (it was 1.5% of a
    // short run): the process ends.
    // SAFETY: as above; the other threads are idle.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    std::process::exit(code);
}

#[cfg(test)]
mod tests {
    #[test]
    fn purge_delay_index_names_the_purge_delay_option() {
        // SAFETY: reads an option value.
        let delay = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        // mimalloc 3's options.c: `{ 1000, ..., MI_OPTION_LEGACY(purge_delay, reset_delay) }`.
        assert_eq!(delay, 1000, "mimalloc's default purge delay is 1000 ms");
    }
}
