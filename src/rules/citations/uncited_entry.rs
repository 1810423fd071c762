use std::collections::HashSet;

use crate::citations::EntryKind;
use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::rules::Context;

declare_rule! {
    /// A bibliography entry that no note cites.
    ///
    /// ## What it checks
    /// Every work listed in the bibliography — the manuscript's own section or a bibliography
    /// file — should be cited at least once, in a note or by its Pandoc key. Archives and
    /// periodicals count as cited when any of their items is.
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
    pub static UNCITED_BIBLIOGRAPHY_ENTRY = {
        code: "CI002",
        name: "uncited-bibliography-entry",
        family: Citations,
        severity: Info,
        enabled: true,
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
    if index.citations.is_empty() && index.keys.is_empty() {
        return;
    }
    for (i, entry) in index.entries.iter().enumerate() {
        if cited.contains(&i) || entry.kind == EntryKind::Continuation {
            continue;
        }
        let span = entry.span;
        let what = match (&entry.kind, &entry.publication.title, &entry.abbreviation) {
            (EntryKind::Archive, _, Some(abbr)) => format!("archive {abbr}"),
            (_, Some(title), _) => format!("*{}*", super::shorten(&title.text)),
            _ => "this entry".to_string(),
        };
        out.push(Finding::new(
            span,
            format!("{what} is listed in the bibliography but no note cites it"),
        ));
    }
}
