use std::collections::{BTreeMap, HashMap, HashSet};

use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::indexes::citations::EntryKind;
use crate::rules::Context;
use crate::source::{FileId, SourceKind, Span};

declare_rule! {
    /// A bibliography entry that no note cites.
    ///
    /// ## What it checks
    /// Every work listed in the bibliography — the manuscript's own section or a bibliography
    /// file — should be cited at least once, in a note or by its Pandoc key. Archives and
    /// periodicals count as cited when any of their items is. A short title that could name
    /// either of two cited works sharing its main title (`Soviet Steel` after *Soviet Steel:
    /// The Early Years* and *Soviet Steel: The War Economy*) counts for both.
    ///
    /// A bibliography file (`.bib`, CSL-JSON) is another matter: it is usually a reference
    /// library, from which Pandoc or LaTeX prints only the entries cited, so its uncited
    /// entries never reach the page. Such a file gets one line — how many of its entries no
    /// citation uses — unless the rule's option `each-file-entry = true` says the file is the
    /// manuscript's own bibliography, when each uncited entry is reported. A bibliography in
    /// the manuscript with most of its entries uncited is summarised the same way: uncited
    /// works are slips, and so many of them say the citations are in a form the citation
    /// reader does not know (author-date or MLA parentheses), not that the works are unused.
    /// Entries named by Pandoc's `nocite` (or LaTeX's `\nocite`) are printed on purpose, and
    /// `nocite: "@*"` (`\nocite{*}`) prints them all: those are never reported.
    ///
    /// ## Why
    /// An uncited entry is often a work cited under a misspelt author or title, or one whose
    /// citations were cut. It is info by default: a *Selected Bibliography* may rightly list
    /// works consulted but not cited.
    ///
    /// ## Example
    /// ```markdown
    /// ## Bibliography
    /// - Chutkikh, Aleksandr. *Top-Quality Team*. Moscow: Foreign Languages Publishing House, 1951.
    /// ```
    /// Cite the work, or drop the entry if it was not used.
    ///
    /// ## Options
    /// ```toml
    /// [rules.uncited-bibliography-entry]
    /// each-file-entry = true   # report every uncited entry of bibliography files too
    /// ```
    pub static UNCITED_BIBLIOGRAPHY_ENTRY = {
        code: "CI002",
        name: "uncited-bibliography-entry",
        family: Citations,
        severity: Info,
        enabled: true,
        options: ["each-file-entry"],
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let index = &cx.indexes.citations();
    let mut cited: HashSet<usize> = HashSet::new();
    for work in &index.works {
        if let Some(m) = work.entry {
            cited.insert(m.entry);
        }
        if let Some(entry) = work.covered_by {
            cited.insert(entry);
        }
    }
    cited.extend(index.keys.iter().filter_map(|(_, entry)| *entry));
    // A short title that could name either of two works may name this one.
    cited.extend(index.ambiguous_entries.iter().copied());
    // Pandoc's `nocite` and LaTeX's `\nocite` print entries without a citation, on purpose.
    if cx.manuscript.nocite_all {
        return;
    }
    if !cx.manuscript.nocite.is_empty() {
        let nocite: HashSet<&str> = cx.manuscript.nocite.iter().map(String::as_str).collect();
        cited.extend(
            index
                .entries
                .iter()
                .enumerate()
                .filter(|(_, e)| e.key.as_deref().is_some_and(|k| nocite.contains(k)))
                .map(|(i, _)| i),
        );
    }
    if index.citations.is_empty() && index.keys.is_empty() {
        return;
    }
    let each_file_entry = cx.options.flag("each-file-entry");
    // Per file that holds entries: how many, and the uncited ones.
    let mut groups: BTreeMap<FileId, (usize, Vec<usize>)> = BTreeMap::new();
    for (i, entry) in index.entries.iter().enumerate() {
        if entry.kind == EntryKind::Continuation {
            continue;
        }
        let group = groups.entry(entry.span.file).or_default();
        group.0 += 1;
        if !cited.contains(&i) {
            group.1.push(i);
        }
    }
    let mut main_titles: Option<MainTitles<'_>> = None;
    for (file, (entries, uncited)) in groups {
        let Some(&first) = uncited.first() else {
            continue;
        };
        let source = cx.manuscript.sources.get(file);
        let reason = if source.kind == SourceKind::Bibliography && !each_file_entry {
            Some("read as a reference library, from which only cited works are printed")
        } else if uncited.len() * 2 > entries && entries >= MIN_ENTRIES_FOR_SUMMARY {
            // Slips are few; most of a list uncited means its citations are in a form the
            // citation reader does not know (author-date, MLA), and listing each would be noise.
            Some(
                "too many to be slips: the citations are probably in a form manulint does not read",
            )
        } else {
            None
        };
        if let Some(reason) = reason {
            let at = index.entries[first].span;
            let file_name = std::path::Path::new(&source.name)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or(&source.name);
            out.push(Finding::new(
                Span::new(file, at.start as usize, at.start as usize),
                format!(
                    "{} of the {entries} bibliography entries of {file_name} {} not cited ({reason})",
                    uncited.len(),
                    if uncited.len() == 1 { "is" } else { "are" }
                ),
            ));
            continue;
        }
        for i in uncited {
            let entry = &index.entries[i];
            let what = match (&entry.kind, &entry.publication.title, &entry.abbreviation) {
                (EntryKind::Archive, _, Some(abbr)) => format!("archive {abbr}"),
                // Named by its whole title when another entry shares its main title.
                (_, Some(title), _)
                    if main_titles
                        .get_or_insert_with(|| MainTitles::new(index))
                        .shared(&title.text) =>
                {
                    format!("*{}*", title.text)
                }
                (_, Some(title), _) => format!("*{}*", super::shorten(&title.text)),
                _ => "this entry".to_string(),
            };
            out.push(Finding::new(
                entry.span,
                format!("{what} is listed in the bibliography but no note cites it"),
            ));
        }
    }
}

/// A list this long with most entries uncited is summarised in one line.
const MIN_ENTRIES_FOR_SUMMARY: usize = 6;

/// Another entry's title, or a cited one, shortens to this entry's short title (`Soviet
/// Steel: The Early Years`, `Soviet Steel: The War Economy`).
/// The titles with a subtitle among the entries and citations, by their main title (as
/// `shorten` gives it): at most two of each, enough to tell whether another title shares one.
/// Built once, so that naming each uncited entry does not scan every entry and citation.
struct MainTitles<'a>(HashMap<&'a str, Vec<&'a str>>);

impl<'a> MainTitles<'a> {
    fn new(index: &'a crate::indexes::citations::CitationIndex) -> Self {
        let mut by_main: HashMap<&'a str, Vec<&'a str>> = HashMap::new();
        let titles = index
            .entries
            .iter()
            .filter_map(|e| e.publication.title.as_ref())
            .chain(
                index
                    .citations
                    .iter()
                    .filter_map(|c| c.publication.title.as_ref()),
            )
            .filter(|t| t.text.contains(':'));
        for title in titles {
            let texts = by_main.entry(super::shorten(&title.text)).or_default();
            if texts.len() < 2 && !texts.contains(&title.text.as_str()) {
                texts.push(&title.text);
            }
        }
        MainTitles(by_main)
    }

    /// Another title, with a subtitle, has the main title of `title`: the entry is named by its
    /// whole title.
    fn shared(&self, title: &str) -> bool {
        self.0
            .get(super::shorten(title))
            .is_some_and(|texts| texts.iter().any(|t| *t != title))
    }
}
