//! Pandoc citations: `[@key]`, `[see @a, 33; @b]`, `[-@key]`, and `@key` in running text.

use std::sync::LazyLock;

use regex::Regex;

use super::Fact;
use crate::model::{Manuscript, Role, TextRun, contiguous_text};
use crate::source::Span;

pub use crate::model::KeyCitation;

static KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"@([A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*)").expect("citation key pattern is valid")
});

/// Keys in brackets always; keys in running text when `bare` (a bibliography file is given),
/// since `@name` in prose may be anything else, or when the manuscript cites by key in brackets
/// (three times or more) and the word reads as a key with a year (`@nash1967wilderness`).
pub fn find(ms: &Manuscript, bare: bool) -> Vec<KeyCitation> {
    let mut out = find_keys(ms, if bare { Bare::All } else { Bare::None });
    if !bare && out.len() >= 3 {
        out = find_keys(ms, Bare::Dated);
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Bare {
    None,
    Dated,
    All,
}

/// `nash1967wilderness`, `smith2001a`, `Smith_2001`: a key generated from a name and a year.
fn is_dated_key(key: &str) -> bool {
    let bytes = key.as_bytes();
    bytes.windows(4).enumerate().any(|(i, w)| {
        w.iter().all(u8::is_ascii_digit)
            && matches!(w[0], b'1' | b'2')
            && i > 0
            && (bytes[i - 1].is_ascii_alphabetic() || bytes[i - 1] == b'_')
            && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
    })
}

fn find_keys(ms: &Manuscript, bare: Bare) -> Vec<KeyCitation> {
    let mut out = Vec::new();
    for block in &ms.blocks {
        // `@key` is Pandoc Markdown's syntax; other formats record their citations in
        // `Manuscript::key_citations`.
        if ms.sources.get(block.file).format != crate::source::Format::Markdown {
            continue;
        }
        let note = match block.role {
            Role::Note(id) => Some(id),
            Role::Body | Role::Heading => None,
            Role::Bibliography | Role::Break => continue,
        };
        let text = ms.sources.get(block.file).text.as_str();
        let runs: Vec<TextRun> = ms
            .block_runs(block)
            .iter()
            .copied()
            .filter(|r| r.style & TextRun::LINK == 0)
            .collect();
        for range in contiguous_text(&runs) {
            let segment = &text[range.clone()];
            if !segment.contains('@') {
                continue;
            }
            let brackets = bracket_ranges(segment);
            for m in KEY.find_iter(segment) {
                let before = segment[..m.start()].chars().next_back();
                let boundary =
                    before.is_none_or(|c| c.is_whitespace() || matches!(c, '[' | ';' | '-' | '('));
                let in_brackets = brackets
                    .iter()
                    .any(|b| b.start < m.start() && m.end() <= b.end);
                if !boundary {
                    continue;
                }
                let key = m.as_str()[1..].trim_end_matches(['.', ':', ',', ';', '?', '!']);
                let accepted =
                    in_brackets || bare == Bare::All || (bare == Bare::Dated && is_dated_key(key));
                if key.is_empty() || !accepted {
                    continue;
                }
                let start = range.start + m.start() + 1;
                out.push(KeyCitation {
                    key: Fact {
                        text: key.to_string(),
                        span: Span::new(block.file, start, start + key.len()),
                    },
                    note,
                });
            }
        }
    }
    out
}

fn bracket_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut open = None;
    for (i, c) in text.char_indices() {
        match c {
            '[' => open = Some(i),
            ']' => {
                if let Some(start) = open.take() {
                    out.push(start..i + 1);
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::is_dated_key;

    #[test]
    fn a_key_of_name_and_year_is_dated() {
        for key in [
            "nash1967wilderness",
            "smith2001a",
            "Smith_2001",
            "omara2005cities",
        ] {
            assert!(is_dated_key(key), "{key}");
        }
        for key in ["jack", "user12345", "2019report", "team"] {
            assert!(!is_dated_key(key), "{key}");
        }
    }
}
