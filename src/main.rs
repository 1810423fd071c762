// glibc's malloc costs a tenth of a run on many small strings; mimalloc is faster. Without
// transparent huge pages: zeroing a 2 MB page on first touch cost more than it saved.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(manulint::cli::main());
}
