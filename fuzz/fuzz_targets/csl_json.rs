//! A CSL-JSON database from arbitrary text: parsing never panics, every entry's spans (found
//! again in the text, since serde_json keeps none) lie in the file; then the whole check of a
//! manuscript citing its entries, with the file beside it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = manulint_fuzz::decode(data) {
        manulint_fuzz::database("fuzz.json", text);
    }
});
