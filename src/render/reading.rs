//! What a run read: files, notes, citations and bibliography entries, in all and per format.
//! Both the human summary line and the JSON `summary` say it, so that a run that read nothing
//! (a format it could not see into, a bibliography it did not find) is seen at once.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::indexes::Indexes;
use crate::model::Manuscript;
use crate::source::{FileId, SourceKind};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counted {
    pub files: usize,
    pub notes: usize,
    /// None when no rule that reads citations ran, so they were not looked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citations: Option<usize>,
    pub bibliography_entries: usize,
}

/// The citation style the citation rules worked to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StyleRead {
    pub name: &'static str,
    /// Read from the citations; false when `[citations] style` declares it.
    pub detected: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Reading {
    #[serde(flatten)]
    pub total: Counted,
    /// None when no rule that reads citations ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation_style: Option<StyleRead>,
    /// Per format: `markdown`, `latex`, `typst`, `docx` for manuscript files, `bibtex` and
    /// `csl-json` for bibliography files.
    pub formats: BTreeMap<&'static str, Counted>,
}

impl Reading {
    pub fn of(ms: &Manuscript, indexes: &Indexes<'_>) -> Reading {
        let format_of = |file: FileId| -> &'static str {
            let source = ms.sources.get(file);
            match source.kind {
                SourceKind::Manuscript => source.format.name(),
                SourceKind::Bibliography if source.name.to_ascii_lowercase().ends_with(".json") => {
                    "csl-json"
                }
                SourceKind::Bibliography => "bibtex",
            }
        };
        let mut reading = Reading::default();
        let citations = indexes.citations_if_built();
        for source in ms.sources.iter() {
            let counted = reading.formats.entry(format_of(source.id)).or_default();
            counted.files += 1;
            if citations.is_some() {
                counted.citations = Some(0);
            }
        }
        for note in &ms.notes {
            reading
                .formats
                .entry(format_of(note.file))
                .or_default()
                .notes += 1;
        }
        let entry_files = ms.bibliography.iter().map(|entry| entry.file).chain(
            ms.file_entries
                .iter()
                .map(|entry| entry.key.span.file)
                // The items a Word document's citation fields carry are no printed entries.
                .filter(|&file| {
                    ms.sources.get(file).kind == crate::source::SourceKind::Bibliography
                }),
        );
        for file in entry_files {
            reading
                .formats
                .entry(format_of(file))
                .or_default()
                .bibliography_entries += 1;
        }
        if let Some(index) = citations {
            let files = index
                .citations
                .iter()
                .map(|citation| citation.span.file)
                .chain(index.keys.iter().map(|(key, _)| key.key.span.file));
            for file in files {
                let counted = reading.formats.entry(format_of(file)).or_default();
                *counted.citations.get_or_insert(0) += 1;
            }
        }
        if citations.is_some() {
            let (style, detected) = indexes.citation_style();
            reading.citation_style = Some(StyleRead {
                name: style.name(),
                detected,
            });
        }
        for counted in reading.formats.values() {
            reading.total.files += counted.files;
            reading.total.notes += counted.notes;
            reading.total.bibliography_entries += counted.bibliography_entries;
            if let Some(n) = counted.citations {
                *reading.total.citations.get_or_insert(0) += n;
            }
        }
        reading
    }
}
