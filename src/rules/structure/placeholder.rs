use std::sync::LazyLock;

use regex::Regex;

use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::model::{Role, contiguous_text};
use crate::rules::Context;
use crate::source::Span;

declare_rule! {
    /// A placeholder left in the text: `[cite]`, `(date)`, `TK`, `???`, `{TODO}`.
    ///
    /// ## What it checks
    /// The marks writers and editors leave where something is still to come, in prose, notes,
    /// headings and the bibliography, in any citation style:
    /// - a bracketed, parenthesised or braced mark: `[cite]`, `[citation needed]`, `[ref]`,
    ///   `[page]`, `(date)`, `(fix citation below)`, `[cite Smith]`, `{TODO: …}`, `{FILL}`,
    ///   `[TK]`, `[XX]`, `[??]`;
    /// - `TODO`, `FIXME`, `TK`, `TKTK` and `CITE` as words in capitals (not within a line in
    ///   capitals, such as a title page's `HOW TO CITE`);
    /// - a page or year still to be filled: `p. XX`, `pp. xx–xx`, `19XX`;
    /// - three question marks or more.
    ///
    /// `[?]` and `(?)` are not reported: an editor's mark of an uncertain reading. Code, maths
    /// and raw markup are not read.
    ///
    /// ## Why
    /// An unfinished mark is easy to miss on rereading and embarrassing in print; a citation
    /// placeholder is a claim without its source.
    ///
    /// ## Example
    /// ```markdown
    /// The mine met its plan in 1936 (fix citation below).
    /// ```
    /// Supply the citation, or delete the mark.
    pub static PLACEHOLDER = {
        code: "ST004",
        name: "placeholder",
        family: Structure,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

/// A short mark between brackets, parentheses or braces (the closer checked to match).
static ENCLOSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\[({]\s*([^\[\](){}\n]{1,60}?)\s*[\])}]").expect("enclosed mark pattern is valid")
});

/// Capital words that mark unfinished text.
static CAPITAL_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:TODO|FIXME|TKTK|TK|CITE)\b").expect("capital word pattern is valid")
});

/// A page or year to be filled in, and runs of question marks.
static UNFILLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:pp?\.\s?(?:XX+|xx+)(?:\s?[-–]\s?(?:XX+|xx+))?\b|(?:1[5-9]|20)XX\b)|\?{3,}")
        .expect("unfilled pattern is valid")
});

/// Marks inside brackets, compared in lower case: the whole mark.
const MARKS: &[&str] = &[
    "cite",
    "citation",
    "citations",
    "citation needed",
    "cite needed",
    "needs citation",
    "need citation",
    "needs cite",
    "ref",
    "refs",
    "reference",
    "page",
    "pages",
    "page number",
    "page numbers",
    "p.",
    "pp.",
    "pp",
    "date",
    "tk",
    "tktk",
    "xx",
    "xxx",
    "todo",
    "fixme",
    "fill",
    "tbd",
    "to come",
];

/// Marks that only square brackets and braces make placeholders: in parentheses they may be
/// a column or a variable named in the text (`the last column (source)`).
const BRACKETED_MARKS: &[&str] = &["source", "sources", "year", "author", "title", "url"];

/// The openings of a longer mark: `cite Smith`, `TODO: expand`, `fix citation below`.
const OPENINGS: &[&str] = &[
    "todo",
    "fixme",
    "tk ",
    "fill ",
    "fill in",
    "fix citation",
    "fix cite",
    "fix ref",
    "add citation",
    "add cite",
    "add ref",
    "check citation",
    "check cite",
    "check ref",
    "insert citation",
    "insert cite",
    "insert ref",
    "citation to come",
    "citation needed",
    "cite ",
    "citation:",
    "ref:",
    "need cite",
    "need citation",
    "needs citation",
    "source?",
    "page?",
    "date?",
];

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    for block in ms.blocks.iter().filter(|b| {
        matches!(
            b.role,
            Role::Body | Role::Note(_) | Role::Heading | Role::Bibliography
        )
    }) {
        let text = ms.sources.get(block.file).text.as_str();
        let runs = ms.block_runs(block);
        for range in contiguous_text(runs) {
            let Some(segment) = text.get(range.clone()) else {
                continue;
            };
            let mut found = |start: usize, end: usize| {
                let mark = &segment[start..end];
                out.push(Finding::new(
                    Span::new(block.file, range.start + start, range.start + end),
                    format!("`{mark}` is a placeholder: what it stands for is still to be written"),
                ));
            };
            let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
            for m in ENCLOSED.captures_iter(segment) {
                let (Some(whole), Some(inner)) = (m.get(0), m.get(1)) else {
                    continue;
                };
                let open = segment[whole.start()..].chars().next();
                let close = segment[..whole.end()].chars().next_back();
                let matched = matches!(
                    (open, close),
                    (Some('['), Some(']')) | (Some('('), Some(')')) | (Some('{'), Some('}'))
                );
                if matched && is_mark(inner.as_str(), open == Some('(')) {
                    found(whole.start(), whole.end());
                    taken.push(whole.range());
                }
            }
            for m in CAPITAL_WORD.find_iter(segment) {
                if taken
                    .iter()
                    .any(|t| t.start <= m.start() && m.end() <= t.end)
                    || among_capitals(segment, m.start(), m.end())
                    || (m.as_str().starts_with("TK") && next_word_is_capitalized(segment, m.end()))
                {
                    continue;
                }
                found(m.start(), m.end());
                taken.push(m.range());
            }
            for m in UNFILLED.find_iter(segment) {
                // `Why???` in a quotation is its source's punctuation.
                let quoted = m.as_str().starts_with('?')
                    && quoted(
                        ms,
                        Span::new(block.file, range.start + m.start(), range.start + m.end()),
                    );
                if !quoted
                    && !taken
                        .iter()
                        .any(|t| t.start <= m.start() && m.end() <= t.end)
                {
                    found(m.start(), m.end());
                }
            }
        }
    }
}

fn is_mark(inner: &str, in_parentheses: bool) -> bool {
    let lower = inner.trim().to_lowercase();
    if lower.len() >= 2 && lower.chars().all(|c| c == '?') {
        return true;
    }
    if lower.len() >= 2 && lower.chars().all(|c| c == 'x') {
        return true;
    }
    MARKS.contains(&lower.as_str())
        || (!in_parentheses && BRACKETED_MARKS.contains(&lower.as_str()))
        || OPENINGS.iter().any(|opening| lower.starts_with(opening))
}

/// Whether the word at `start..end` stands among words in capitals (`HOW TO CITE THIS`).
fn among_capitals(text: &str, start: usize, end: usize) -> bool {
    let is_capitals = |word: &str| {
        word.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && word.chars().all(|c| !c.is_lowercase())
    };
    let before = text[..start].split_whitespace().next_back();
    let after = text[end..].split_whitespace().next();
    before.is_some_and(is_capitals) || after.is_some_and(is_capitals)
}

fn next_word_is_capitalized(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    rest.starts_with(' ')
        && rest
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

fn quoted(ms: &crate::model::Manuscript, span: Span) -> bool {
    let quotations = &ms.quotations;
    let after =
        quotations.partition_point(|q| (q.span.file, q.span.start) <= (span.file, span.start));
    quotations[..after]
        .iter()
        .rev()
        .take_while(|q| q.span.file == span.file)
        .take(8)
        .any(|q| q.span.contains(span))
}
