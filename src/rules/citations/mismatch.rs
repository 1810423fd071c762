use std::collections::HashSet;

use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::indexes::citations::{BibWork, Citation, Fact, TitleMatch};
use crate::rules::Context;
use crate::text::{fold, name_key};

declare_rule! {
    /// A note and the bibliography disagree about a work: year, place, publisher, or the
    /// spelling of its author or title.
    ///
    /// ## What it checks
    /// Each full citation is compared with the bibliography entry it matches. Years and volume
    /// numbers must be equal (one inside the entry's range passes: 1911 in 1908-1911, vol. 2
    /// in Vol. 1-2); places and publishers must
    /// agree after folding case, diacritics and punctuation (one may abbreviate the other:
    /// *Rowman & Littlefield* and *Rowman & Littlefield Publishers, Inc.* agree). An author
    /// surname or a title that only matched approximately is reported as a spelling
    /// difference. Each disagreement is reported once per work, at its first citation, with
    /// the entry as a related span.
    ///
    /// ## Why
    /// One of the two is wrong, and readers who look the work up by the other will not find
    /// it, or find another edition.
    ///
    /// ## Example
    /// ```markdown
    /// [^4]: Semen Gershberg, *Stakhanov i stakhanovtsy* (Moscow: Politizdat, 1981), 12.
    ///
    /// - Gershberg, Semen. *Stakhanov i stakhanovtsy*. Moscow: Politizdat, 1985.
    /// ```
    /// Check the title page and correct whichever is wrong.
    pub static CITATION_BIBLIOGRAPHY_MISMATCH = {
        code: "CI003",
        name: "citation-bibliography-mismatch",
        family: Citations,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let index = &cx.indexes.citations();
    for work in &index.works {
        let Some(m) = work.entry else { continue };
        let entry = &index.entries[m.entry];
        let mut reported: HashSet<(&str, String)> = HashSet::new();
        for &i in &work.citations {
            let citation = &index.citations[i];
            let mut report =
                |field: &'static str, here: &Fact, there: &Fact, out: &mut Vec<Finding>| {
                    let key = match field {
                        "author" => citation
                            .publication
                            .surnames
                            .first()
                            .map_or_else(|| fold(&here.text), |s| name_key(s)),
                        _ => fold(&here.text),
                    };
                    if reported.insert((field, key)) {
                        out.push(
                            Finding::new(
                                here.span,
                                format!(
                                    "{field} `{}` here, `{}` in the bibliography entry for {}",
                                    here.text.trim(),
                                    there.text.trim(),
                                    super::describe(citation)
                                ),
                            )
                            .related(
                                there.span,
                                format!("the bibliography gives `{}`", there.text.trim()),
                            )
                            .identity(format!(
                                "{field} {} {}",
                                fold(&here.text),
                                fold(&there.text)
                            )),
                        );
                    }
                };
            if m.author_fuzzy {
                if let (Some(author), Some(surname)) = (
                    &citation.publication.author,
                    citation.publication.surnames.first(),
                ) {
                    if let Some(entry_author) = entry
                        .publication
                        .author
                        .as_ref()
                        .filter(|a| !surname_in(&a.text, surname))
                    {
                        report("author", author, entry_author, out);
                    }
                }
            }
            if citation.full {
                compare_facts(citation, entry, &mut report, out);
            }
        }
        if m.title == TitleMatch::Fuzzy {
            report_title(cx, work, entry, out);
        }
    }
}

/// Whether the entry's author holds the citation's surname: a word of it, or, for a body
/// (`San Jose City Planning Commission`), a run of its words.
fn surname_in(entry_author: &str, surname: &str) -> bool {
    let key = name_key(surname);
    if entry_author.split([',', ' ']).any(|w| name_key(w) == key) {
        return true;
    }
    let words = |text: &str| -> Vec<String> {
        text.split([',', ' ', '.'])
            .filter(|w| !w.is_empty())
            .map(name_key)
            .collect()
    };
    let (entry_words, surname_words) = (words(entry_author), words(surname));
    !surname_words.is_empty()
        && entry_words
            .windows(surname_words.len())
            .any(|window| window == surname_words.as_slice())
}

fn compare_facts(
    citation: &Citation,
    entry: &BibWork,
    report: &mut impl FnMut(&'static str, &Fact, &Fact, &mut Vec<Finding>),
    out: &mut Vec<Finding>,
) {
    if let (Some(year), Some(entry_year)) = (&citation.publication.year, &entry.publication.year) {
        if !years_agree(&year.text, &entry_year.text) {
            report("year", year, entry_year, out);
        }
    }
    if let (Some(volume), Some(entry_volume)) =
        (&citation.publication.volume, &entry.publication.volume)
    {
        if !years_agree(&digits_only(&volume.text), &digits_only(&entry_volume.text)) {
            report("volume", volume, entry_volume, out);
        }
    }
    if let (Some(place), Some(entry_place)) =
        (&citation.publication.place, &entry.publication.place)
    {
        if !names_agree(&place.text, &entry_place.text) {
            report("place", place, entry_place, out);
        }
    }
    if let (Some(publisher), Some(entry_publisher)) = (
        &citation.publication.publisher,
        &entry.publication.publisher,
    ) {
        if !names_agree(&publisher.text, &entry_publisher.text) {
            report("publisher", publisher, entry_publisher, out);
        }
    }
}

/// `vol. 2` → `2`, `Vol. 1-2` → `1-2`: volume numbers compare like years and ranges of years.
fn digits_only(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, '-' | '–'))
        .collect()
}

/// Equal numbers, or one inside the other's range (`1911` in `1908-1911`, `2` in `1-2`).
fn years_agree(a: &str, b: &str) -> bool {
    let bounds = |s: &str| -> Option<(u32, u32)> {
        let digits: Vec<&str> = s
            .split(|c: char| !c.is_ascii_digit())
            .filter(|d| !d.is_empty())
            .collect();
        let first: u32 = digits.first()?.parse().ok()?;
        let last = match digits.get(1) {
            Some(d) if d.len() == 2 && first >= 1000 => {
                first / 100 * 100 + d.parse::<u32>().ok()?
            }
            Some(d) => d.parse().ok()?,
            _ => first,
        };
        Some((first, last))
    };
    match (bounds(a), bounds(b)) {
        (Some((a1, a2)), Some((b1, b2))) => a1 <= b2 && b1 <= a2,
        _ => true,
    }
}

const FILLER: &[&str] = &["inc", "ltd", "co", "the", "and", "llc", "gmbh"];

/// Equal after folding, or one's words all found in the other's.
fn names_agree(a: &str, b: &str) -> bool {
    // Romanization variants (`Udmurtskiy`, `Udmurtskii`) are the names family's business.
    let words = |s: &str| -> Vec<String> {
        fold(s)
            .split(' ')
            .filter(|w| !w.is_empty() && !FILLER.contains(w))
            .map(crate::text::romanization_key)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    if a.is_empty() || b.is_empty() {
        return true;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    short.iter().all(|w| long.contains(w))
}

/// The title as most notes spell it, against the entry.
fn report_title(
    cx: &Context<'_>,
    work: &crate::indexes::citations::Work,
    entry: &BibWork,
    out: &mut Vec<Finding>,
) {
    let index = &cx.indexes.citations();
    let Some(entry_title) = &entry.publication.title else {
        return;
    };
    let entry_words = crate::text::title_words(&entry_title.text);
    // When some notes already spell it as the bibliography does, citation-title-variant
    // points the others at that spelling.
    let some_note_agrees = work.citations.iter().any(|&i| {
        let words = &index.citations[i].title_key;
        !words.is_empty()
            && matches!(
                crate::indexes::citations::works_compare(words, &entry_words),
                Some(TitleMatch::Exact | TitleMatch::Short)
            )
    });
    if some_note_agrees {
        return;
    }
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    for &i in &work.citations {
        let Some(title) = &index.citations[i].publication.title else {
            continue;
        };
        let words = crate::text::title_words(&title.text);
        if crate::indexes::citations::works_compare(&words, &entry_words) != Some(TitleMatch::Fuzzy)
        {
            continue;
        }
        let key = words.join(" ");
        match counts.iter_mut().find(|(k, ..)| *k == key) {
            Some(entry) => entry.1 += 1,
            None => counts.push((key, 1, i)),
        }
    }
    let Some((_, count, first)) = counts
        .into_iter()
        .max_by_key(|(_, c, i)| (*c, std::cmp::Reverse(*i)))
    else {
        return;
    };
    let citation = &index.citations[first];
    let Some(title) = &citation.publication.title else {
        return;
    };
    let times = if count == 1 {
        "once".to_string()
    } else {
        format!("{count} times")
    };
    out.push(
        Finding::new(
            title.span,
            format!(
                "title spelled `{}` in the notes ({times}) but `{}` in the bibliography",
                title.text, entry_title.text
            ),
        )
        .related(entry_title.span, "the bibliography's spelling")
        .identity(format!(
            "title {} {}",
            fold(&title.text),
            fold(&entry_title.text)
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::surname_in;

    #[test]
    fn a_body_is_found_in_the_entry_it_names() {
        assert!(surname_in("Gudov, Ivan", "Gudov"));
        assert!(surname_in(
            "San Jose City Planning Commission",
            "San Jose City Planning Commission"
        ));
        assert!(surname_in(
            "Harlow City Planning Commission",
            "Planning Commission"
        ));
        assert!(!surname_in(
            "Harlow City Planning Commission",
            "Harlow County"
        ));
        assert!(!surname_in("Gudov, Ivan", "Gudkov"));
    }
}
