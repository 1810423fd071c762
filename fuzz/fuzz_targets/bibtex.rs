//! A BibTeX/BibLaTeX database from arbitrary text: parsing never panics or overflows the stack
//! (`@string` and `crossref` cycles), every entry's spans lie in the file; then the whole check
//! of a manuscript citing its entries, with the file beside it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = manulint_fuzz::decode(data) {
        manulint_fuzz::database("fuzz.bib", text);
    }
});
