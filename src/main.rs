fn main() {
    std::process::exit(manulint::cli::main());
}
