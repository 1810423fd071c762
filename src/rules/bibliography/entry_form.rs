use crate::declare_rule;
use crate::diagnostic::{Finding, Severity};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::indexes::citations::{BibWork, EntryKind, italic_ranges};
use crate::model::Manuscript;
use crate::rules::Context;
use crate::source::{FileId, Span};

use super::entry_works;

declare_rule! {
    /// A bibliography entry with broken emphasis, no title, cut off from its start, or with no
    /// year.
    ///
    /// ## What it checks
    /// - a literal `*` or `_` left in the entry: emphasis whose other half was lost, so the
    ///   title prints with an asterisk and without italics;
    /// - an entry with neither an italic nor a quoted title (where most entries of a
    ///   bibliography, five or more, set no title apart, this is told once for it; names of
    ///   manuscript collections, interviews and web pages are roman by rule);
    /// - a paragraph that holds only publication facts (`Lewiston: E. Mellen Press, 1992.`):
    ///   the end of the entry above, cut off by a stray paragraph break;
    /// - a work with no year of publication and no `n.d.` (reported at info level; not a web
    ///   page or database, cited by address and access date, nor a part of a book listed after
    ///   the book, `———. Introduction. *Book*, pp. 1–18.`, which takes the book's year).
    ///
    /// Periodicals listed by title and archives listed by abbreviation are not works and need
    /// no year.
    ///
    /// ## Why
    /// The bibliography is where the examiner checks sources; a title without italics or a
    /// work without a date is the first thing they mark.
    ///
    /// ## Example
    /// ```markdown
    /// - Narkom stakhanovtsev: stakhanovtsy strany o Sergo Ordzhonikidze*. Moscow, 1938.
    /// ```
    /// Restore the emphasis:
    /// ```markdown
    /// - *Narkom stakhanovtsev: stakhanovtsy strany o Sergo Ordzhonikidze*. Moscow, 1938.
    /// ```
    pub static BIBLIOGRAPHY_ENTRY_FORM = {
        code: "BI003",
        name: "bibliography-entry-form",
        family: Bibliography,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

const UNDATED: &[&str] = &[
    "n.d.",
    "n. d.",
    "forthcoming",
    "in press",
    "unpublished",
    "undated",
];

/// A bibliography most of whose entries set no title apart (five or more): its titles are
/// plain text by the author's choice or a conversion's loss, told once.
const PLAIN_BIBLIOGRAPHY: usize = 5;

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let index = cx.indexes.citations();
    // Per file: works, and those with no title set apart.
    let mut counts: FxHashMap<FileId, (usize, usize)> = FxHashMap::default();
    for (entry, work) in entry_works(index) {
        if work.kind == EntryKind::Work {
            let count = counts.entry(work.span.file).or_default();
            count.0 += 1;
            if untitled(ms, entry, work) {
                count.1 += 1;
            }
        }
    }
    let plain = |file: FileId| {
        counts.get(&file).is_some_and(|&(works, untitled)| {
            untitled >= PLAIN_BIBLIOGRAPHY && untitled * 2 > works
        })
    };
    let mut told: FxHashSet<FileId> = FxHashSet::default();
    for (entry, work) in entry_works(index) {
        let text = ms.text(work.span);
        if plain(work.span.file) && work.kind == EntryKind::Work && untitled(ms, entry, work) {
            if let Some(&(works, untitled)) = counts.get(&work.span.file) {
                if told.insert(work.span.file) {
                    out.push(Finding::new(
                        work.span,
                        format!(
                            "{untitled} of the {works} entries of this bibliography set no title in italics or quotation marks: books take italics, articles and chapters quotation marks"
                        ),
                    ));
                }
            }
            continue;
        }
        match work.kind {
            EntryKind::Continuation => {
                out.push(Finding::new(
                    work.span,
                    "this entry has no author or title: it reads as the end of the entry above, cut off by a paragraph break",
                ));
                continue;
            }
            EntryKind::Archive | EntryKind::Periodical => continue,
            EntryKind::Work => {}
        }
        if let Some(star) = stray_emphasis(ms, work.span) {
            out.push(Finding::new(
                star,
                "a literal `*` is left in this entry: the emphasis of its title is broken",
            ));
            continue;
        }
        let lower = text.to_lowercase();
        // A web page or database is cited by its address and access date, not a year; a
        // part of a book listed after it (`———. Introduction. *Book*, pp. 1–18.`) takes the
        // book's year from the book's own entry.
        // (A DOI does not count: it names a published, dated work.)
        let online = is_online(text);
        let group = ms.bibliography[entry].group.as_deref().unwrap_or("");
        let unpublished = is_unpublished(group, text);
        if untitled(ms, entry, work) {
            out.push(Finding::new(
                work.span,
                "this entry has no title in italics or quotation marks",
            ));
            continue;
        }
        let part_of_listed_book = super::author_form(text) != super::AuthorForm::Written
            && (lower.contains("pp.") || lower.contains(" in "));
        // A year the entry's reader could not place (after a title it did not find) is a year.
        if work.publication.year.is_none()
            && crate::indexes::citations::scan::year_in(text, 0..text.len()).is_none()
            && !online
            && !unpublished
            && !part_of_listed_book
            && !UNDATED.iter().any(|u| lower.contains(u))
        {
            out.push(
                Finding::new(
                    work.span,
                    "this entry gives no year of publication (write `n.d.` if it has none)",
                )
                .at_most(Severity::Info),
            );
        }
    }
}

fn is_online(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("http")
        || lower.contains("www.")
        || WEB_DOMAINS.iter().any(|d| lower.contains(d))
}

/// A work whose entry sets no title apart, where one is due: not a web page, nor an
/// unpublished source.
fn untitled(ms: &Manuscript, entry: usize, work: &BibWork) -> bool {
    let text = ms.text(work.span);
    let group = ms.bibliography[entry].group.as_deref().unwrap_or("");
    italic_ranges(ms, work.span).is_empty()
        && crate::indexes::citations::scan::quoted_ranges(text).is_empty()
        // Guillemets and German quotation marks set an article's title apart too.
        && !(text.contains('«') && text.contains('»'))
        && !(text.contains('„') && text.contains(['“', '”']))
        && !is_online(text)
        && !is_unpublished(group, text)
}

/// The last words of a manuscript collection's name (`Fred Ross Papers`).
const COLLECTION_ENDINGS: &[&str] = &[
    "papers",
    "records",
    "collection",
    "collections",
    "archives",
    "files",
    "fonds",
];

/// Unpublished material has no italic title (Chicago 14.232: the names of manuscript
/// collections, interviews and other unpublished items are set in roman): an entry in a group
/// that lists it, or one named like a collection.
fn is_unpublished(group: &str, text: &str) -> bool {
    if super::lists_unpublished(group) {
        return true;
    }
    text.split(['.', ',']).any(|segment| {
        segment
            .trim()
            .rsplit(' ')
            .next()
            .is_some_and(|last| COLLECTION_ENDINGS.contains(&last.to_lowercase().as_str()))
    })
}

/// A `*` or `_` that Markdown left as text inside the entry.
fn stray_emphasis(ms: &Manuscript, span: Span) -> Option<Span> {
    if !ms.sources.get(span.file).marks_can_be_markup() {
        return None;
    }
    let first = ms
        .blocks
        .partition_point(|b| (b.file, b.span.end) < (span.file, span.start));
    let file_text = &ms.sources.get(span.file).text;
    for block in &ms.blocks[first..] {
        if block.file != span.file || block.span.start > span.end {
            break;
        }
        for run in ms.block_runs(block) {
            if run.end <= span.start || run.start >= span.end {
                continue;
            }
            let text = &file_text[run.start as usize..run.end as usize];
            for (offset, c) in text.char_indices() {
                if c != '*' && c != '_' {
                    continue;
                }
                let at = run.start as usize + offset;
                if crate::rules::typography::is_stray_emphasis(file_text, at) {
                    return Some(Span::new(span.file, at, at + 1));
                }
            }
        }
    }
    None
}

/// Endings of web addresses written without `http` or `www.` (`cup.columbia.edu/series`).
const WEB_DOMAINS: &[&str] = &[
    ".com/",
    ".org/",
    ".edu/",
    ".net/",
    ".gov/",
    "ebscohost",
    "jstor",
];
