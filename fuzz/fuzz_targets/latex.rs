//! The whole check, every rule selected, on one LaTeX file read from arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = manulint_fuzz::decode(data) else {
        return;
    };
    manulint_fuzz::check_all(vec![("fuzz.tex".to_string(), text)], Vec::new());
});
