use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::indexes::citations::{CitationKind, Work};
use crate::rules::Context;
use crate::text::{name_key, similarity, title_words};

use super::describe;

declare_rule! {
    /// A work cited in the notes that has no entry in the bibliography.
    ///
    /// ## What it checks
    /// Every book, article and chapter cited in a note must match a bibliography entry by
    /// author and title (after folding case, diacritics, quotation marks and common
    /// romanization variants; a short title matches the full one). A chapter is covered by
    /// its book, a newspaper or journal item by its periodical, an archival signature by its
    /// archive in the bibliography's archive list. Scripture, web pages and the works of
    /// classical authors (`classical-authors` in `[citations]`: Augustine, Plato, Cicero…,
    /// which Chicago cites in notes only) need no entry.
    /// Reported once per work, at its first citation, with the closest entry by the same
    /// author when there is one. Silent when the manuscript has no bibliography.
    ///
    /// ## Options
    /// `exempt = ["scripture", "web", "classics"]` (the default) lists the kinds of citation
    /// that need no entry. Remove `web` to require every cited URL in the bibliography,
    /// `scripture` to require a Bible edition when scripture is cited, `classics` to require
    /// the edition of a classical work.
    ///
    /// ## Why
    /// A bibliography that lacks a cited work is the first thing an examiner checks, and a
    /// reader who meets the short form later cannot find the work at all.
    ///
    /// ## Example
    /// ```markdown
    /// [^4]: Sheila Fitzpatrick, *The Cultural Front* (Ithaca: Cornell University Press, 1992), 169.
    ///
    /// ## Bibliography
    /// - Fitzpatrick, Sheila. *Everyday Stalinism*. New York: Oxford University Press, 1999.
    /// ```
    /// Add the entry:
    /// ```markdown
    /// - Fitzpatrick, Sheila. *The Cultural Front: Power and Culture in Revolutionary Russia*. Ithaca: Cornell University Press, 1992.
    /// ```
    pub static MISSING_BIBLIOGRAPHY_ENTRY = {
        code: "CI001",
        name: "missing-bibliography-entry",
        family: Citations,
        severity: Warning,
        enabled: true,
        options: ["exempt"],
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let index = &cx.indexes.citations();
    if index.entries.is_empty() {
        return;
    }
    let exempt: Vec<String> = match cx
        .options
        .table
        .get("exempt")
        .and_then(toml::Value::as_array)
    {
        Some(list) => list
            .iter()
            .filter_map(|v| v.as_str().map(str::to_lowercase))
            .collect(),
        None => vec![
            "scripture".to_string(),
            "web".to_string(),
            "classics".to_string(),
        ],
    };
    let bibliography_text: Vec<String> = index
        .entries
        .iter()
        .map(|e| cx.manuscript.text(e.span).to_lowercase())
        .collect();
    for citation in &index.citations {
        let (kind, listed) = match citation.kind {
            CitationKind::Web => {
                let url = citation
                    .publication
                    .title
                    .as_ref()
                    .map_or(String::new(), |t| t.text.to_lowercase());
                ("web", bibliography_text.iter().any(|e| e.contains(&url)))
            }
            CitationKind::Scripture => {
                let bible = ["bible", "scripture", "testament", "biblia"];
                (
                    "scripture",
                    bibliography_text
                        .iter()
                        .any(|e| bible.iter().any(|b| e.contains(b))),
                )
            }
            _ => continue,
        };
        if !listed && !exempt.iter().any(|e| e == kind) {
            out.push(Finding::new(
                citation.span,
                format!("this {kind} citation has no bibliography entry (`{kind}` is not exempt in the configuration)"),
            ));
        }
    }
    for work in &index.works {
        if work.entry.is_some() || work.covered_by.is_some() {
            continue;
        }
        let Some(&first) = work.citations.first() else {
            continue;
        };
        let citation = &index.citations[first];
        let classic = citation
            .publication
            .surnames
            .first()
            .is_some_and(|surname| {
                cx.config
                    .classical_authors
                    .iter()
                    .any(|a| a.eq_ignore_ascii_case(surname))
            });
        if classic && exempt.iter().any(|e| e == "classics") {
            continue;
        }
        let closest = closest_entry(cx, work);
        // Named by its whole title when the closest entry shares its main title.
        let what = match &closest {
            Some((_, _, true)) => super::describe_whole(citation),
            _ => describe(citation),
        };
        let count = work.citations.len();
        let times = if count == 1 {
            String::new()
        } else {
            format!(" ({count} citations)")
        };
        let message = match citation.kind {
            CitationKind::Archival => format!(
                "archive {what} is cited but not listed among the bibliography's archives{times}"
            ),
            CitationKind::Periodical
                if citation.publication.title.is_none()
                    || citation.publication.container.is_some() =>
            {
                let periodical = citation
                    .publication
                    .container
                    .as_ref()
                    .map_or(what.clone(), |c| format!("*{}*", c.text));
                format!("periodical {periodical} is cited but not in the bibliography{times}")
            }
            _ => format!("{what} is cited but has no bibliography entry{times}"),
        };
        let mut finding = Finding::new(citation.span, message)
            .identity(format!("missing {}", crate::text::fold(&what)));
        if let Some((entry_span, entry_text, _)) = closest {
            finding = finding.related(entry_span, format!("closest entry: {entry_text}"));
        }
        out.push(finding);
    }
}

/// The entry by the same author whose title is nearest, and whether it shares the citation's
/// main title (then both are named by their whole titles).
fn closest_entry(cx: &Context<'_>, work: &Work) -> Option<(crate::source::Span, String, bool)> {
    let index = &cx.indexes.citations();
    let citation = &index.citations[*work.citations.first()?];
    let author = name_key(citation.publication.surnames.first()?);
    let cited_title = &citation.publication.title.as_ref()?.text;
    let title = title_words(cited_title).join(" ");
    index
        .entries
        .iter()
        .filter(|e| {
            e.publication
                .surnames
                .first()
                .is_some_and(|s| name_key(s) == author)
        })
        .filter_map(|e| {
            let entry_title = e.publication.title.as_ref()?;
            let score = similarity(&title, &title_words(&entry_title.text).join(" "));
            Some((score, e))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, e)| {
            let entry_title = e.publication.title.as_ref().map_or("", |t| t.text.as_str());
            let shared = super::shorten(entry_title) == super::shorten(cited_title)
                && entry_title != cited_title.as_str();
            let shown = if shared {
                entry_title
            } else {
                super::shorten(entry_title)
            };
            (e.span, format!("*{shown}*"), shared)
        })
}
