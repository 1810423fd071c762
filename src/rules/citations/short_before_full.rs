use std::collections::HashMap;

use crate::citations::{Citation, CitationKind, works_compare};
use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::rules::Context;
use crate::text::title_words;

declare_rule! {
    /// The first citation of a work is a short form.
    ///
    /// ## What it checks
    /// In Chicago notes-bibliography style a work's first citation gives the full note —
    /// author's full name, title, and publication facts — and later ones a short form
    /// (`Kotkin, *Magnetic Mountain*, 8`). The rule reports works whose first citation lacks
    /// the facts. A chapter is not reported when its book was already cited in full. When
    /// most works in the manuscript start with a short form, the manuscript follows the
    /// short-form-only convention (allowed with a full bibliography) and the rule is silent.
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

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let index = &cx.indexes.citations();
    let is_work = |c: &Citation| {
        matches!(
            c.kind,
            CitationKind::Book | CitationKind::Article | CitationKind::Chapter
        )
    };
    let mut short_first: Vec<(usize, usize)> = Vec::new();
    let mut full_first = 0usize;
    // Books cited in full so far, alone or as the book holding a chapter.
    let mut full_books: HashMap<(Chapter, String), Vec<Vec<String>>> = HashMap::new();
    let per_chapter = cx
        .options
        .table
        .get("per-chapter")
        .and_then(toml::Value::as_bool)
        .unwrap_or(false);
    let chapter_of = |citation: &Citation| {
        let note = &cx.manuscript.notes[citation.note as usize];
        if per_chapter {
            (note.file.0, note.scope)
        } else {
            (0, 0)
        }
    };
    let mut seen: std::collections::HashSet<(usize, Chapter)> = std::collections::HashSet::new();
    for (i, citation) in index.citations.iter().enumerate() {
        if !is_work(citation) {
            continue;
        }
        let Some(work) = citation.work else { continue };
        if seen.insert((work, chapter_of(citation))) {
            if citation.full {
                full_first += 1;
            } else {
                let book = match citation.kind {
                    CitationKind::Chapter => citation.publication.container.as_ref(),
                    _ => citation.publication.title.as_ref(),
                };
                let book_known = book.is_some_and(|b| {
                    let words = title_words(&b.text);
                    words
                        .first()
                        .and_then(|first| full_books.get(&(chapter_of(citation), first.clone())))
                        .is_some_and(|known| {
                            known.iter().any(|k| works_compare(&words, k).is_some())
                        })
                });
                if !book_known {
                    short_first.push((work, i));
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
    if short_first.len() > full_first {
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
