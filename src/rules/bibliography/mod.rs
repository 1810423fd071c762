//! Bibliography form: alphabetical order, the repeated-author convention, and entries that
//! lost their emphasis, title or year.

pub mod duplicate_key;
pub mod entry_form;
pub mod order;
pub mod reference_cycle;
pub mod repeated_author;
pub mod unread_file;

use crate::indexes::citations::{BibWork, CitationIndex, EntryKind};
use crate::model::Manuscript;
use crate::text::fold;

/// How an entry gives its author.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthorForm {
    /// `———.`: three em dashes (or `---`, `⸻`).
    ThreeEmDash,
    /// `——.`, `—.`, `–.`, `-.`: another run of dashes.
    OtherDashes,
    /// `.` alone: the dashes were lost (a Word list turned `———.` into `- .`).
    Bare,
    /// The name written out.
    Written,
}

/// The entry's author form, read from the start of its text.
pub fn author_form(text: &str) -> AuthorForm {
    let trimmed = text.trim_start();
    let dashes: String = trimmed
        .chars()
        .take_while(|c| matches!(c, '—' | '–' | '-' | '⸺' | '⸻' | '_'))
        .collect();
    let after = trimmed[dashes.len()..].trim_start();
    if dashes.is_empty() {
        if after.starts_with('.') || after.starts_with(',') {
            return AuthorForm::Bare;
        }
        return AuthorForm::Written;
    }
    if !(after.starts_with('.') || after.starts_with(',')) {
        return AuthorForm::Written;
    }
    match dashes.as_str() {
        "———" | "---" | "⸻" | "___" | "______" => AuthorForm::ThreeEmDash,
        _ => AuthorForm::OtherDashes,
    }
}

/// The manuscript's bibliography entries read as works, in order, with their entry index.
pub fn entry_works(index: &CitationIndex) -> impl Iterator<Item = (usize, &BibWork)> {
    index
        .entries
        .iter()
        .filter_map(|work| work.entry.map(|entry| (entry, work)))
}

/// Initial articles ignored in alphabetizing titles.
const ARTICLES: &[&str] = &[
    "the", "a", "an", "le", "la", "les", "l", "der", "die", "das", "el", "los", "las", "il", "lo",
];

/// A title's sort key: folded, initial article dropped.
pub fn title_key(title: &str) -> String {
    let folded = fold(title);
    match folded.split_once(' ') {
        Some((first, rest)) if ARTICLES.contains(&first) => rest.to_string(),
        _ => folded,
    }
}

pub fn is_listed_work(work: &BibWork) -> bool {
    work.kind == EntryKind::Work
}

pub fn entry_text<'a>(ms: &'a Manuscript, work: &BibWork) -> &'a str {
    ms.text(work.span)
}
