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

/// Keys in brackets always; keys in running text only when `bare` (a bibliography file is
/// given), since `@name` in prose may be anything else.
pub fn find(ms: &Manuscript, bare: bool) -> Vec<KeyCitation> {
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
                if !boundary || !(in_brackets || bare) {
                    continue;
                }
                let key = m.as_str()[1..].trim_end_matches(['.', ':', ',', ';', '?', '!']);
                if key.is_empty() {
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
