//! Pandoc's inline notes, `text.^[The note's text, with *emphasis*.]`: a note written where its
//! marker stands. CommonMark has no such syntax, so pulldown-cmark would read the note as part
//! of its paragraph. Before the paragraph is parsed the note is found (a `^[` in prose, to the
//! `]` that balances it, never across a blank line) and masked like raw markup, so the
//! paragraph's runs leave it out; the note's text is then parsed on its own, with its offsets
//! in the file, and becomes a note block of its own after its paragraph.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::model::{Manuscript, NoteStyle, TextRun};
use crate::source::FileId;

/// The inline notes of a file: for each, the range from `^` to past its `]`. `text` is what
/// pulldown-cmark reads (raw markup masked); a `^[` counts only in prose text, not in code
/// or raw markup.
pub fn find(text: &str) -> Vec<Range<usize>> {
    if memchr::memmem::find(text.as_bytes(), b"^[").is_none() {
        return Vec::new();
    }
    let bytes = text.as_bytes();
    let mut notes: Vec<Range<usize>> = Vec::new();
    let mut opaque = 0u32;
    for (event, range) in Parser::new_ext(text, super::file::markdown_options()).into_offset_iter()
    {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock) => {
                opaque += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock) => {
                opaque = opaque.saturating_sub(1);
            }
            Event::Text(_) if opaque == 0 => {
                for at in memchr::memchr_iter(b'^', &bytes[range.clone()]) {
                    let caret = range.start + at;
                    if bytes.get(caret + 1) != Some(&b'[')
                        || notes.last().is_some_and(|n| caret < n.end)
                        || (caret > 0 && bytes[caret - 1] == b'\\')
                    {
                        continue;
                    }
                    if let Some(end) = closing_bracket(bytes, caret + 2) {
                        notes.push(caret..end + 1);
                    }
                }
            }
            _ => {}
        }
    }
    notes
}

/// The `]` that closes a bracket opened just before `from`: brackets nest, a backslash escapes,
/// a code span is skipped whole, and a blank line (the paragraph's end) means there is none.
fn closing_bracket(bytes: &[u8], from: usize) -> Option<usize> {
    let mut depth = 1u32;
    let mut at = from;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 1,
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(at);
                }
            }
            b'`' => {
                let ticks = bytes[at..].iter().take_while(|&&b| b == b'`').count();
                let fence = &bytes[at..at + ticks];
                let after = at + ticks;
                if let Some(close) = memchr::memmem::find(&bytes[after..], fence) {
                    at = after + close + ticks;
                    continue;
                }
            }
            b'\n' => {
                let rest = &bytes[at + 1..];
                let blank = rest
                    .iter()
                    .take_while(|&&b| b != b'\n')
                    .all(|b| b.is_ascii_whitespace());
                if blank {
                    return None;
                }
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// `text` with the inline notes made inert, as `raw_markup` masks raw markup inside a line
/// (a backslash, then letters; line ends kept), so the paragraph around them reads on.
pub fn masked(text: &str, notes: &[Range<usize>]) -> String {
    let mut out = text.as_bytes().to_vec();
    for note in notes {
        let mut first = true;
        for byte in &mut out[note.clone()] {
            if *byte == b'\n' || *byte == b'\r' {
                first = true;
                continue;
            }
            *byte = if first { b'\\' } else { b'x' };
            first = false;
        }
    }
    // Whole UTF-8 sequences were overwritten (notes start and end on ASCII), so this holds.
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// Pandoc numbers a file's notes in the order of their markers, inline or `[^label]`: an
/// inline note is named by that number (`note 12`), as the reader sees it printed.
pub fn label(ms: &mut Manuscript, file: FileId, inline_pairs: &[(usize, usize)]) {
    if inline_pairs.is_empty() {
        return;
    }
    let mut markers: Vec<(u32, usize)> = ms
        .note_refs
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.file == file && matches!(r.style, NoteStyle::Markdown | NoteStyle::Inline)
        })
        .map(|(i, r)| (r.span.start, i))
        .collect();
    markers.sort_unstable();
    let mut printed = vec![0u32; ms.note_refs.len()];
    for (n, &(_, i)) in markers.iter().enumerate() {
        printed[i] = n as u32 + 1;
    }
    for &(marker, note) in inline_pairs {
        let label = printed.get(marker).copied().unwrap_or(0).to_string();
        if let Some(r) = ms.note_refs.get_mut(marker) {
            r.label.clone_from(&label);
        }
        if let Some(n) = ms.notes.get_mut(note) {
            n.label = label;
        }
    }
}

/// The text runs of a note's inner text `text[inner]`, with their emphasis, as offsets into
/// the file; `keep` drops what is raw markup.
pub fn runs(
    text: &str,
    inner: Range<usize>,
    keep: impl Fn(Range<usize>) -> Vec<Range<usize>>,
) -> Vec<TextRun> {
    let Some(inner_text) = text.get(inner.clone()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut style = 0u8;
    for (event, range) in
        Parser::new_ext(inner_text, super::file::markdown_options()).into_offset_iter()
    {
        let shifted = inner.start + range.start..inner.start + range.end;
        match event {
            Event::Start(Tag::Emphasis) => style |= TextRun::EMPHASIS,
            Event::End(TagEnd::Emphasis) => style &= !TextRun::EMPHASIS,
            Event::Start(Tag::Strong) => style |= TextRun::STRONG,
            Event::End(TagEnd::Strong) => style &= !TextRun::STRONG,
            Event::Start(Tag::Link { .. }) => style |= TextRun::LINK,
            Event::End(TagEnd::Link) => style &= !TextRun::LINK,
            Event::Text(_) => {
                for piece in keep(shifted) {
                    out.push(TextRun {
                        start: piece.start as u32,
                        end: piece.end as u32,
                        style,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn an_inline_note_runs_to_its_balancing_bracket() {
        let text = "A claim.^[See [the report], 4.] More.\n";
        let notes = find(text);
        assert_eq!(notes.len(), 1);
        assert_eq!(&text[notes[0].clone()], "^[See [the report], 4.]");
    }

    #[test]
    fn code_escapes_and_blank_lines_are_no_notes() {
        assert!(find("Use `x^[0]` here.\n").is_empty());
        assert!(find("A literal \\^[not a note].\n").is_empty());
        assert!(find("Open ^[never closed\n\nNext paragraph.]\n").is_empty());
        assert!(find("```\nx^[1]\n```\n").is_empty());
    }

    #[test]
    fn a_note_may_span_lines_and_hold_code() {
        let text = "Text.^[First line\nsecond line with `a]b`.] After.\n";
        let notes = find(text);
        assert_eq!(
            &text[notes[0].clone()],
            "^[First line\nsecond line with `a]b`.]"
        );
    }
}
