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

/// Groups of the bibliography that list unpublished sources, whose titles are roman.
const UNPUBLISHED_GROUPS: &[&str] = &[
    "archiv",
    "manuscript",
    "collections",
    "oral histor",
    "interview",
    "correspondence",
];

/// A group of the bibliography that lists unpublished sources (archives, interviews).
pub fn lists_unpublished(group: &str) -> bool {
    let group = group.to_lowercase();
    UNPUBLISHED_GROUPS.iter().any(|g| group.contains(g))
}

/// Spanish articles that open English place names (`Los Altos Hills`, `El Paso`), which are
/// filed under the article; Spanish titles, in sentence case, go on in lower case.
const PLACE_NAME_ARTICLES: &[&str] = &["los", "las", "el"];

/// A title's sort key: folded, initial article dropped.
pub fn title_key(title: &str) -> String {
    let folded = fold(title);
    let next_is_capital = || {
        title
            .split_whitespace()
            .nth(1)
            .and_then(|word| word.chars().next())
            .is_some_and(char::is_uppercase)
    };
    match folded.split_once(' ') {
        Some((first, _)) if PLACE_NAME_ARTICLES.contains(&first) && next_is_capital() => folded,
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
