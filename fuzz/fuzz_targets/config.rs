//! A `manulint.toml` from arbitrary text: an error is one line naming a line of the file (never
//! a Rust type), and an accepted config (levels, options, house styles) checks a manuscript
//! without panicking.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use manulint::config::Config;

const MANUSCRIPT: &str = include_str!("../../fixtures/demo/thesis.md");

fuzz_target!(|data: &[u8]| {
    let Some(text) = manulint_fuzz::decode(data) else {
        return;
    };
    let config = match Config::from_text(Path::new("book/manulint.toml"), &text) {
        Ok(config) => config,
        Err(error) => {
            let message = error.to_string();
            // serde's type names (`RawConfig`, `RawRuleSetting`) mean nothing to an author.
            assert!(
                !message.contains("Raw") || text.contains("Raw"),
                "internal type in {message:?}"
            );
            if let Some(line) = error.line {
                let lines = text.split('\n').count();
                assert!(
                    (1..=lines).contains(&line),
                    "line {line} of {lines}: {message}"
                );
            }
            return;
        }
    };
    let ms = manulint::load_texts(
        vec![("book/thesis.md".to_string(), MANUSCRIPT.to_string())],
        &[],
        &config,
    )
    .expect("no bibliography file is read");
    let selection = manulint::engine::Selection::resolve(&config, &[], &[]);
    let diagnostics = manulint::engine::check(&ms, &config, &selection);
    manulint_fuzz::assert_diagnostics(&ms, &diagnostics);
});
