//! Structure: the table of contents, the heading outline and the manuscript's references to its
//! own notes, parts and chapters.

pub mod cross_reference;
pub mod heading_hierarchy;
pub mod placeholder;
pub mod toc_mismatch;

use crate::model::{Heading, Manuscript};
use crate::source::Span;

/// See [`super::Family::prepare_tables`].
pub fn prepare_tables() {
    cross_reference::prepare_tables();
}

/// The value of a roman numeral (`IV` → 4), upper or lower case.
pub fn roman_value(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 12 {
        return None;
    }
    let mut total = 0u32;
    let mut previous = 0u32;
    for c in text.chars().rev() {
        let value = match c.to_ascii_uppercase() {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            'D' => 500,
            'M' => 1000,
            _ => return None,
        };
        if value < previous {
            total = total.checked_sub(value)?;
        } else {
            total += value;
            previous = value;
        }
    }
    Some(total)
}

const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
];

/// `IV`, `4` or `Four` as a number.
pub fn division_number(text: &str) -> Option<u32> {
    if let Ok(number) = text.parse::<u32>() {
        return Some(number);
    }
    let lower = text.to_ascii_lowercase();
    if let Some(position) = NUMBER_WORDS.iter().position(|w| *w == lower) {
        return Some(position as u32 + 1);
    }
    // Only capitals: `I` is a numeral in `Part I`, a pronoun elsewhere.
    if text.chars().all(|c| c.is_ascii_uppercase()) {
        return roman_value(text);
    }
    None
}

/// The kinds of numbered division a manuscript is cut into.
pub const DIVISIONS: &[&str] = &["part", "chapter", "book", "section", "appendix", "volume"];

/// A heading that opens a numbered division: `Part III`, `Chapter 4: …`, `CHAPTER ONE`.
pub struct Division {
    /// Index into [`DIVISIONS`].
    pub kind: usize,
    pub number: u32,
}

pub fn heading_division(heading: &Heading) -> Option<Division> {
    let mut words = heading
        .text
        .split(|c: char| c.is_whitespace() || matches!(c, '.' | ':' | '–' | '—' | '-' | ','))
        .filter(|w| !w.is_empty());
    let kind_word = words.next()?.to_ascii_lowercase();
    let kind = DIVISIONS.iter().position(|d| *d == kind_word)?;
    let number = division_number(words.next()?)?;
    Some(Division { kind, number })
}

/// The divisions of the manuscript, each with its heading.
pub fn divisions(ms: &Manuscript) -> Vec<(usize, Division)> {
    ms.headings
        .iter()
        .enumerate()
        .filter_map(|(id, h)| heading_division(h).map(|d| (id, d)))
        .collect()
}

pub fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A heading's line without its line break.
pub fn heading_line(ms: &Manuscript, heading: &Heading) -> Span {
    let text = ms.text(heading.span);
    let trimmed = text.trim_end().len();
    Span::new(
        heading.span.file,
        heading.span.start as usize,
        heading.span.start as usize + trimmed,
    )
}
