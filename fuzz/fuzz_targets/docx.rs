//! A Word document from arbitrary bytes: a zip (`PK…`) is read as a `.docx`; anything else
//! as the XML of `word/document.xml`, and after a NUL byte of `word/footnotes.xml`. Reading
//! never panics; what reads is checked with every rule and rendered, spans on boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let layout = if data.starts_with(b"PK") {
        manulint::frontend::docx::read(data)
    } else {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let (document, footnotes) = match text.split_once('\0') {
            Some((document, footnotes)) => (document, Some(footnotes)),
            None => (text, None),
        };
        manulint::frontend::docx::read_parts(document, footnotes, None, None)
    };
    if let Ok(layout) = layout {
        manulint_fuzz::document(layout);
    }
});
