//! The whole check, every rule selected, on two Markdown files: the input split at its first
//! NUL byte (which no manuscript file holds), so notes, scopes and conventions cross a file
//! boundary.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (first, second) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let (Some(first), Some(second)) = (manulint_fuzz::decode(first), manulint_fuzz::decode(second))
    else {
        return;
    };
    manulint_fuzz::check_all(
        vec![
            ("ch1.md".to_string(), first),
            ("ch2.md".to_string(), second),
        ],
        Vec::new(),
    );
});
