//! Names and transliteration: one spelling per person, place and work; no hidden foreign
//! letters.

pub mod diacritic_variant;
pub mod mixed_script;
pub mod name_variant;
pub mod romanization;
pub mod transliteration_system;

/// See [`super::Family::prepare_tables`].
pub fn prepare_tables() {
    romanization::Table::get();
}

/// The script of a letter, for the scripts romanized manuscripts mix up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Latin,
    Cyrillic,
    Greek,
    Other,
}

pub fn script_of(c: char) -> Script {
    match c {
        'A'..='Z' | 'a'..='z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => Script::Latin,
        '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}' => Script::Cyrillic,
        '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => Script::Greek,
        _ => Script::Other,
    }
}
