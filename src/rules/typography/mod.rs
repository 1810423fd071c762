//! Typography: doubled words, unpaired delimiters, quotation marks, dashes in ranges, and the
//! consistency of dates, abbreviations and archival signatures.

pub mod abbreviation_consistency;
pub mod archival_signature_format;
pub mod date_format;
pub mod doubled_word;
pub mod quote_style;
pub mod range_dash;
pub mod unbalanced_delimiters;

use std::sync::LazyLock;

use serde::Deserialize;

use crate::model::{Block, Manuscript, Role, contiguous_text};
use crate::source::Span;

const TABLE: &str = include_str!("../../../rules/typography.toml");

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Vocabulary {
    pub doubled_word: DoubledWords,
    pub abbreviation: Vec<AbbreviationForms>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct DoubledWords {
    pub short_words: Vec<String>,
    pub allowed: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct AbbreviationForms {
    pub forms: Vec<String>,
    #[serde(default)]
    pub number: bool,
}

pub static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
    toml::from_str(TABLE).unwrap_or_else(|e| panic!("rules/typography.toml is invalid: {e}"))
});

/// See [`super::Family::prepare_tables`].
pub fn prepare_tables() {
    LazyLock::force(&VOCABULARY);
    abbreviation_consistency::prepare_tables();
    doubled_word::prepare_tables();
}

/// Blocks of running text: paragraphs, notes, bibliography entries (not headings).
pub fn prose_blocks(ms: &Manuscript) -> impl Iterator<Item = (usize, &Block)> {
    ms.blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b.role, Role::Body | Role::Note(_) | Role::Bibliography))
}

/// The literal text of a block, piece by piece, with each piece's span.
pub fn text_pieces<'a>(
    ms: &'a Manuscript,
    block: &'a Block,
) -> impl Iterator<Item = (Span, &'a str)> + 'a {
    let file_text = &ms.sources.get(block.file).text;
    contiguous_text(ms.block_runs(block))
        .map(move |r| (Span::new(block.file, r.start, r.end), &file_text[r]))
}

/// Reads a piece of text forward and tells whether a position follows an opening quotation
/// mark that has not closed before it: a quotation the author forgot to close is still the
/// source's words. Positions must be asked in increasing order.
#[derive(Default)]
pub struct OpenQuotes {
    scanned: usize,
    depth: usize,
}

impl OpenQuotes {
    pub fn at(&mut self, text: &str, offset: usize) -> bool {
        let offset = offset.min(text.len());
        if offset > self.scanned {
            for c in text[self.scanned..offset].chars() {
                match c {
                    '“' => self.depth += 1,
                    '”' => self.depth = self.depth.saturating_sub(1),
                    _ => {}
                }
            }
            self.scanned = offset;
        }
        self.depth > 0
    }
}

/// The share a minority must stay under for the majority to be the manuscript's convention.
pub const CONVENTION_SHARE: f64 = 0.5;

/// Counts of competing styles, and which one is the convention: the most used, provided it is
/// used strictly more than any other.
pub fn convention(counts: &[usize]) -> Option<usize> {
    let (best, &most) = counts.iter().enumerate().max_by_key(|(_, c)| **c)?;
    let total: usize = counts.iter().sum();
    let tied = counts.iter().filter(|c| **c == most).count() > 1;
    (!tied && most > 0 && (most as f64) > total as f64 * CONVENTION_SHARE).then_some(best)
}

pub use crate::render::plural;

/// Whether the `*` or `_` at byte `at` of a file is literal text left from broken emphasis
/// (`title*.`, `g.* Moscow`, `*Title`): not inside a word (`snake_case`), not standing alone
/// (`* * *`), not escaped (`\*`) or in a run of marks (`***`), not in a URL or address, not
/// a star page (`at *14`, which the parser reads as text on purpose).
pub fn is_stray_emphasis(file_text: &str, at: usize) -> bool {
    if crate::frontend::markdown::is_star_page(file_text.as_bytes(), at) {
        return false;
    }
    let before = file_text[..at].chars().next_back();
    let after = file_text[at + 1..].chars().next();
    // `\*` was escaped on purpose; `***` and `\*\*\*` are section breaks.
    let mark = |c: Option<char>| matches!(c, Some('\\' | '*' | '_'));
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    if mark(before)
        || mark(after)
        || space(before) && space(after)
        || letter(before) && letter(after)
    {
        return false;
    }
    let token_start = file_text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token_end = file_text[at..]
        .find(char::is_whitespace)
        .map_or(file_text.len(), |i| at + i);
    let token = &file_text[token_start..token_end];
    !(token.contains("://") || token.contains('@') || token.contains("www."))
}

/// Bytes that may start a delimiter: ASCII brackets, quotes, `*`, `_`, and the lead bytes of
/// `“ ” ‘ ’` (E2 80 xx) and `« »` (C2 AB, C2 BB).
static DELIMITER_START: [bool; 256] = {
    let mut table = [false; 256];
    let starts = [b'(', b')', b'[', b']', b'"', b'\'', b'*', b'_', 0xE2, 0xC2];
    let mut i = 0;
    while i < starts.len() {
        table[starts[i] as usize] = true;
        i += 1;
    }
    table
};

/// The characters of a text that may be delimiters — ASCII brackets, quotes, `*`, `_`, and
/// curly quotes and guillemets — with their offsets. Other text is skipped byte by byte
/// through a table, without decoding.
pub fn delimiter_chars(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let at = i;
            let b = bytes[at];
            i += 1;
            if !DELIMITER_START[b as usize] {
                continue;
            }
            if b < 0x80 {
                return Some((at, b as char));
            }
            let c = text[at..].chars().next()?;
            if matches!(c, '“' | '”' | '‘' | '’' | '«' | '»') {
                i = at + c.len_utf8();
                return Some((at, c));
            }
        }
        None
    })
}
