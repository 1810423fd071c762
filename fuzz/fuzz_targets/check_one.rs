//! The whole check, every rule selected, on one Markdown file read from arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = manulint_fuzz::decode(data) else {
        return;
    };
    manulint_fuzz::check_all(vec![("fuzz.md".to_string(), text)], Vec::new());
});
