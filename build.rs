// Links the binary as a position-dependent executable on Linux: the loader then has no
// relocations to apply (14,000 of them in a PIE build, ~0.7 ms of every run's start-up).
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
