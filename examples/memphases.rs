//! Heap in use after each phase (counting allocator): `memphases DIR|FILE... [--bibliography B]`.
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;
static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let n = NOW.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(n, Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        NOW.fetch_sub(l.size(), Relaxed);
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let n = NOW.fetch_add(new, Relaxed) + new;
        PEAK.fetch_max(n, Relaxed);
        NOW.fetch_sub(l.size(), Relaxed);
        unsafe { System.realloc(p, l, new) }
    }
}
#[global_allocator]
static A: Counting = Counting;

fn show(label: &str, before: usize) -> usize {
    let now = NOW.load(Relaxed);
    println!(
        "{label:<20} +{:>7.1} MB  now {:>7.1} MB  peak {:>7.1} MB",
        (now as f64 - before as f64) / 1e6,
        now as f64 / 1e6,
        PEAK.load(Relaxed) as f64 / 1e6
    );
    now
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut paths = Vec::new();
    let mut bibs = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--bibliography" {
            bibs.extend(it.next().map(std::path::PathBuf::from));
        } else {
            paths.push(std::path::PathBuf::from(a));
        }
    }
    let files = manulint::source::expand_paths(&paths).unwrap_or(paths);
    let config = manulint::config::Config::defaults();
    let mut at = show("start", 0);
    let ms = manulint::load_with_bibliographies(&files, &bibs, &config).expect("load");
    at = show("load+parse", at);
    let indexes = manulint::indexes::Indexes::build(&ms, &config);
    at = show("indexes (eager)", at);
    indexes.words();
    at = show("words", at);
    indexes.numbers();
    at = show("numbers", at);
    indexes.citations();
    show("citations", at);
}
