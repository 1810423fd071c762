use std::collections::HashMap;

use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::indexes::citations::{Citation, CitationIndex, CitationKind, TitleMatch, works_compare};
use crate::rules::Context;
use crate::text::{name_key, title_words};

declare_rule! {
    /// The first citation of a work is a short form.
    ///
    /// ## What it checks
    /// In Chicago notes-bibliography style a work's first citation gives the full note —
    /// author's full name, title, and publication facts — and later ones a short form
    /// (`Kotkin, *Magnetic Mountain*, 8`). The rule reports a work only when it is sure of
    /// both halves: the first citation is a short form — the author by surname (or with
    /// given names before pages), a title, pages, and nothing more: no imprint, editor,
    /// `in` and container, archival details or a body's name — and no earlier note may hold
    /// the full one. A later short title is the full title's first words; a book already
    /// cited in full (alone or holding a chapter) counts; and an italic title earlier that no
    /// citation could read (`Dunn's recollections are in her *A Winter in Leeds* (London…`)
    /// silences short forms of its title or of a name in its sentence. Notes read as neither
    /// full nor short (a chapter in `*CE*`, a title followed by archival details) are
    /// unknown, never reported. When most works in the manuscript start with a short form,
    /// the manuscript follows the short-form-only convention (allowed with a full
    /// bibliography) and the rule is silent.
    ///
    /// ## Why
    /// Readers meet the short form with nothing to expand it from; often the full citation
    /// was in a note that has since moved below, or was deleted.
    ///
    /// ## Options
    /// `per-chapter = true` (in `[rules.short-form-before-full]`) asks for a full citation at
    /// the first citation in each chapter: each file, or each numbering scope when notes
    /// restart at chapter headings.
    ///
    /// ## Example
    /// ```markdown
    /// [^3]: Hellbeck, *Revolution on My Mind*, 311.
    /// ```
    /// Give the full form at the first citation:
    /// ```markdown
    /// [^3]: Jochen Hellbeck, *Revolution on My Mind: Writing a Diary under Stalin* (Cambridge: Harvard University Press, 2006), 311.
    /// ```
    pub static SHORT_FORM_BEFORE_FULL = {
        code: "CI005",
        name: "short-form-before-full",
        family: Citations,
        severity: Warning,
        enabled: true,
        options: ["per-chapter"],
        check: check,
    };
}

/// A chapter: (file, numbering scope), or (0, 0) for the whole manuscript.
type Chapter = (u32, u32);

/// A place in reading order: note, then byte offset.
type Position = (u32, u32);

/// Where an unread title stands, and its words.
type UnreadTitle = (Position, Vec<String>);

/// Where the italic titles no citation took first name each author (in their sentence) and
/// each title: a short form after such a title may follow its full note.
struct Unread {
    names: HashMap<(Chapter, String), Position>,
    titles: HashMap<(Chapter, String), Vec<UnreadTitle>>,
}

impl Unread {
    fn new(index: &CitationIndex, chapter_of: impl Fn(u32) -> Chapter) -> Unread {
        let mut unread = Unread {
            names: HashMap::new(),
            titles: HashMap::new(),
        };
        for part in &index.unread {
            let chapter = chapter_of(part.note);
            let at = (part.note, part.span.start);
            for name in &part.names {
                unread.names.entry((chapter, name.clone())).or_insert(at);
            }
            if let Some(first) = part.title_key.first() {
                unread
                    .titles
                    .entry((chapter, first.clone()))
                    .or_default()
                    .push((at, part.title_key.clone()));
            }
        }
        unread
    }

    /// An unread part before `citation` names its author or a title its short title opens.
    fn may_hold_full(&self, citation: &Citation, chapter: Chapter) -> bool {
        let at = (citation.note, citation.span.start);
        let named = citation.publication.surnames.iter().any(|surname| {
            self.names
                .get(&(chapter, name_key(surname)))
                .is_some_and(|&first| first < at)
        });
        let titled = citation.title_key.first().is_some_and(|first| {
            self.titles
                .get(&(chapter, first.clone()))
                .is_some_and(|list| {
                    list.iter().any(|(seen, title)| {
                        *seen < at
                            && works_compare(&citation.title_key, title)
                                .is_some_and(|m| m != TitleMatch::Fuzzy)
                    })
                })
        });
        named || titled
    }
}

/// The Pandoc keys cited in notes that are printed (`[@lassiter2006silent]`): citeproc prints
/// a key's first citation as the full note, so a short form after it follows a full note. A
/// key names its work by its entry when the bibliography file is given, and otherwise by the
/// way keys are made (author, year, title word: `lassiter2006silent`, `Lassiter_Silent`).
struct KeyedFull {
    /// Keys by their first three letters, lower-cased, each with where it stands and entry.
    by_start: HashMap<String, Vec<(Position, String, Option<usize>)>>,
}

impl KeyedFull {
    fn new(cx: &Context<'_>, index: &CitationIndex) -> KeyedFull {
        let mut by_start: HashMap<String, Vec<(Position, String, Option<usize>)>> = HashMap::new();
        for (key, entry) in &index.keys {
            let Some(note) = key.note else { continue };
            // A note no marker calls is never printed, nor its citations.
            if !super::note_is_printed(cx, note) {
                continue;
            }
            let lower = key.key.text.to_lowercase();
            let start: String = lower.chars().take(3).collect();
            by_start
                .entry(start)
                .or_default()
                .push(((note, key.key.span.start), lower, *entry));
        }
        KeyedFull { by_start }
    }

    fn cited_before(&self, citation: &Citation, entry: Option<usize>) -> bool {
        let at = (citation.note, citation.span.start);
        let title: Vec<String> = citation
            .title_key
            .iter()
            .filter(|w| w.len() >= 4)
            .cloned()
            .collect();
        citation.publication.surnames.iter().any(|surname| {
            let surname: String = crate::text::fold(surname)
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            if surname.len() < 3 {
                return false;
            }
            self.by_start
                .get(&surname.chars().take(3).collect::<String>())
                .is_some_and(|keys| {
                    keys.iter().any(|(seen, key, key_entry)| {
                        *seen < at
                            && match (key_entry, entry) {
                                (Some(a), Some(b)) => a == &b,
                                _ => {
                                    key_names(key, &surname)
                                        && title
                                            .iter()
                                            .any(|w| key[surname.len()..].contains(w.as_str()))
                                }
                            }
                    })
                })
        })
    }
}

/// A key opens with the author's surname, or with it spelt one slip away (`rothman2000saving`
/// for a note that misspells `Rothamn`: the key was made from the bibliography's spelling).
fn key_names(key: &str, surname: &str) -> bool {
    let Some(head) = key.get(..surname.len()) else {
        return false;
    };
    head == surname || (surname.len() >= 5 && strsim::damerau_levenshtein(head, surname) <= 1)
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let index = &cx.indexes.citations();
    let keyed = KeyedFull::new(cx, index);
    let is_work = |c: &Citation| {
        matches!(
            c.kind,
            CitationKind::Book | CitationKind::Article | CitationKind::Chapter
        )
    };
    let mut short_first: Vec<(usize, usize)> = Vec::new();
    let mut short_count = 0usize;
    let mut full_first = 0usize;
    // Books cited in full so far, alone or as the book holding a chapter.
    let mut full_books: HashMap<(Chapter, String), Vec<Vec<String>>> = HashMap::new();
    let per_chapter = cx.options.flag("per-chapter");
    let chapter_of_note = |note: u32| {
        let note = &cx.manuscript.notes[note as usize];
        if per_chapter {
            (note.file.0, note.scope)
        } else {
            (0, 0)
        }
    };
    let chapter_of = |citation: &Citation| chapter_of_note(citation.note);
    let unread = Unread::new(index, chapter_of_note);
    let mut seen: std::collections::HashSet<(usize, Chapter)> = std::collections::HashSet::new();
    for (i, citation) in index.citations.iter().enumerate() {
        if !is_work(citation) {
            continue;
        }
        let Some(work) = citation.work else { continue };
        if seen.insert((work, chapter_of(citation))) {
            if citation.full {
                full_first += 1;
            } else if citation.short {
                let book_known = citation.publication.title.as_ref().is_some_and(|b| {
                    let words = title_words(&b.text);
                    words
                        .first()
                        .and_then(|first| full_books.get(&(chapter_of(citation), first.clone())))
                        .is_some_and(|known| {
                            known.iter().any(|k| works_compare(&words, k).is_some())
                        })
                });
                let entry = index.works[work].entry.map(|m| m.entry);
                if keyed.cited_before(citation, entry) {
                    // citeproc printed the full note at the key.
                    full_first += 1;
                } else if !book_known {
                    short_count += 1;
                    if !unread.may_hold_full(citation, chapter_of(citation)) {
                        short_first.push((work, i));
                    }
                }
            }
        }
        if citation.full {
            let book = match citation.kind {
                CitationKind::Chapter => citation.publication.container.as_ref(),
                _ => citation.publication.title.as_ref(),
            };
            if let Some(book) = book {
                let words = title_words(&book.text);
                if let Some(first) = words.first() {
                    full_books
                        .entry((chapter_of(citation), first.clone()))
                        .or_default()
                        .push(words);
                }
            }
        }
    }
    if short_count > full_first {
        return;
    }
    for (work, i) in short_first {
        let citation = &index.citations[i];
        let later_full = index.works[work]
            .citations
            .iter()
            .find(|&&j| index.citations[j].full);
        let mut finding = Finding::new(
            citation.span,
            format!(
                "first citation of {} is a short form; give the full note here",
                super::describe(citation)
            ),
        );
        if let Some(&j) = later_full {
            finding = finding.related(index.citations[j].span, "the full citation comes only here");
        }
        out.push(finding);
    }
}
