use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::rules::Context;
use crate::source::Span;
use crate::text::fold;

use super::{AuthorForm, author_form, entry_works, title_key};

declare_rule! {
    /// Bibliography entries out of alphabetical order within their section.
    ///
    /// ## What it checks
    /// Within each section or group of the bibliography (Primary Literature, Secondary
    /// Literature…, three entries or more), entries are ordered by the author's surname, or by
    /// the title when the entry opens with one; the works of one author (the name written
    /// again, or `———.`) are ordered by title. Initial articles (`The`, `A`, `La`…) are
    /// ignored, diacritics folded, and words compared one by one (`Stakhanovsko-busyginskoe`
    /// before `Stakhanovskoe`). The entries that break the order are found as the fewest whose
    /// removal leaves the rest sorted, and each is told where it belongs.
    ///
    /// ## Why
    /// Readers find a work in the bibliography by its author's name; an entry filed in the
    /// wrong place looks missing.
    ///
    /// ## Example
    /// ```markdown
    /// - Shvernik, N. *Stakhanovskoe dvizhenie*. Moscow, 1935.
    /// - Vavilov, S. I. *Bol'shaia sovetskaia entsiklopediia*. Moscow, 1947.
    /// - Smetanin, N. *Who Directs Soviet Industry*. Moscow, 1939.
    /// ```
    /// Move Vavilov after Smetanin.
    pub static BIBLIOGRAPHY_ORDER = {
        code: "BI001",
        name: "bibliography-order",
        family: Bibliography,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

/// Sections shorter than this are lists (archives, periodicals), not alphabetical files.
const MIN_SECTION: usize = 3;

/// One work of a run.
struct Title {
    sort_key: String,
    span: Span,
    shown: String,
    /// The year comes before the title: an author-date entry, listed by year, whose title
    /// order is not judged.
    dated_first: bool,
    year: Option<u32>,
}

/// Successive entries of one author.
struct Run {
    key: String,
    span: Span,
    shown: String,
    titles: Vec<Title>,
    /// The author as written, to tell a co-authored or edited work from the author's own.
    authors: Vec<String>,
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let index = cx.indexes.citations();
    let mut sections: Vec<(Option<&str>, Vec<Run>)> = Vec::new();
    let mut section_name: Option<Option<&str>> = None;
    for (entry, work) in entry_works(index) {
        let group = ms.bibliography[entry].group.as_deref();
        if section_name != Some(group) {
            section_name = Some(group);
            sections.push((group, Vec::new()));
        }
        if work.kind == crate::indexes::citations::EntryKind::Continuation {
            continue;
        }
        let Some((_, runs)) = sections.last_mut() else {
            continue;
        };
        let text = ms.text(work.span);
        let title = work.publication.title.as_ref();
        let title_sort = title.map(|t| title_key(&t.text)).unwrap_or_default();
        let title_span = title.map_or(work.span, |t| t.span);
        let title_shown = title.map(|t| t.text.clone()).unwrap_or_default();
        let dated_first = work
            .publication
            .year
            .as_ref()
            .zip(title)
            .is_some_and(|(year, title)| year.span.start < title.span.start);
        let repeated = author_form(text) != AuthorForm::Written;
        let author = work.publication.author.as_ref();
        // Sorted by the author as written (`de Vries, Hugo` under D, `Vries, Hugo de` under
        // V), not by the surname notes are matched on.
        let written = author.map(|a| a.text.split(',').next().unwrap_or(&a.text));
        let (key, shown) = match (author, written.filter(|w| !w.trim().is_empty())) {
            (Some(author), Some(written)) => (fold(written), author.text.clone()),
            _ => (title_sort.clone(), title_shown.clone()),
        };
        if !key.chars().any(char::is_alphabetic) {
            // Neither an author nor a title was read (a title inside quotation marks around
            // italics, an entry of symbols): its place cannot be judged.
            continue;
        }
        let author_text = author.map(|a| fold(&a.text)).unwrap_or_default();
        let title = Title {
            sort_key: title_sort,
            span: title_span,
            shown: title_shown,
            dated_first,
            year: work
                .publication
                .year
                .as_ref()
                .and_then(|y| y.text.get(..4))
                .and_then(|y| y.parse().ok()),
        };
        match runs.last_mut() {
            Some(run) if repeated || run.key == key && author.is_some() => {
                run.titles.push(title);
                run.authors.push(author_text);
            }
            _ => runs.push(Run {
                key,
                span: work.span,
                shown,
                titles: vec![title],
                authors: vec![author_text],
            }),
        }
    }
    let by_year = lists_works_by_year(&sections);
    for (_, runs) in sections
        .iter()
        // Archives and interviews are listed by repository, not by name.
        .filter(|(group, _)| !group.is_some_and(super::lists_unpublished))
        .filter(|(_, runs)| runs.iter().map(|r| r.titles.len()).sum::<usize>() >= MIN_SECTION)
    {
        report_misplaced_runs(runs, out);
        for run in runs {
            report_titles(run, by_year, out);
        }
    }
}

/// The runs outside a longest sorted subsequence are the misplaced ones.
fn report_misplaced_runs(runs: &[Run], out: &mut Vec<Finding>) {
    let sorted = longest_sorted(
        runs.iter()
            .map(|r| r.key.as_str())
            .collect::<Vec<_>>()
            .as_slice(),
    );
    let misplaced = runs.len() - sorted.len();
    // A section most of whose entries would move is ordered by something else (by archive, by
    // date, by importance): its order is the author's choice, not a slip.
    if misplaced >= 3 && sorted.len() * 3 < runs.len() * 2 {
        return;
    }
    let mut in_order = vec![false; runs.len()];
    for &i in &sorted {
        in_order[i] = true;
    }
    for (run, _) in runs.iter().zip(&in_order).filter(|(_, sorted)| !**sorted) {
        let before = sorted.iter().copied().find(|&j| runs[j].key > run.key);
        let message = match before {
            Some(j) => format!(
                "`{}` is out of alphabetical order: it belongs before `{}`",
                run.shown, runs[j].shown
            ),
            None => format!(
                "`{}` is out of alphabetical order: it belongs at the end of this section",
                run.shown
            ),
        };
        let mut finding = Finding::new(run.span, message);
        if let Some(j) = before {
            finding = finding.related(runs[j].span, "the entry it belongs before");
        }
        out.push(finding);
    }
}

impl Run {
    fn is_chronological(&self) -> bool {
        self.titles.len() > 1
            && self
                .titles
                .windows(2)
                .all(|pair| match (pair[0].year, pair[1].year) {
                    (Some(earlier), Some(later)) => earlier <= later,
                    _ => false,
                })
    }

    fn is_alphabetical(&self) -> bool {
        self.titles
            .windows(2)
            .all(|pair| pair[0].sort_key <= pair[1].sort_key)
    }
}

/// Whether the bibliography lists one author's works by year: more authors' works are in
/// order of year alone than in order of title alone.
fn lists_works_by_year(sections: &[(Option<&str>, Vec<Run>)]) -> bool {
    let (mut by_year, mut by_title) = (0, 0);
    let runs = sections.iter().flat_map(|(_, runs)| runs);
    for run in runs.filter(|run| run.titles.len() > 1) {
        match (run.is_chronological(), run.is_alphabetical()) {
            (true, false) => by_year += 1,
            (false, true) => by_title += 1,
            _ => {}
        }
    }
    by_year > by_title
}

/// One author's works by title; co-authored and edited works (another author string) are
/// ordered by their own conventions and not compared, and so are author-date entries
/// (`Nagel, Thomas. 1986.`), which go by year.
fn report_titles(run: &Run, by_year: bool, out: &mut Vec<Finding>) {
    // An author's works listed oldest first are in the other order Chicago allows (14.71)
    // where the bibliography lists authors so, or where three works or more agree with it.
    if run.is_chronological() && (by_year || run.titles.len() >= 3) {
        return;
    }
    for i in 1..run.titles.len() {
        if run.authors[i] != run.authors[i - 1] && !run.authors[i].is_empty() {
            continue;
        }
        let previous = &run.titles[i - 1];
        let current = &run.titles[i];
        if current.sort_key < previous.sort_key && !(current.dated_first && previous.dated_first) {
            out.push(
                Finding::new(
                    current.span,
                    format!(
                        "`{}` is out of order among the works of {}: titles are alphabetical (initial articles ignored), so it comes before `{}`",
                        current.shown, run.shown, previous.shown
                    ),
                )
                .related(previous.span, "the title it should precede"),
            );
        }
    }
}

/// Indices of a longest non-decreasing subsequence (patience sorting, O(n log n)).
fn longest_sorted(keys: &[&str]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new();
    let mut parent: Vec<Option<usize>> = vec![None; keys.len()];
    for (i, key) in keys.iter().enumerate() {
        let position = tails.partition_point(|&t| keys[t] <= *key);
        parent[i] = position.checked_sub(1).map(|p| tails[p]);
        if position == tails.len() {
            tails.push(i);
        } else {
            tails[position] = i;
        }
    }
    let mut out = Vec::new();
    let mut current = tails.last().copied();
    while let Some(i) = current {
        out.push(i);
        current = parent[i];
    }
    out.reverse();
    out
}
