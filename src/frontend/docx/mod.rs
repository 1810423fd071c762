//! Word `.docx`: the zip's `word/document.xml`, `footnotes.xml` and `endnotes.xml` (and
//! `styles.xml` for headings and italic styles), read with the zip and quick-xml crates into a
//! plain text of the document and its [`Layout`]; `parse_file` builds the manuscript from the
//! layout as the Markdown reader does from its events.

mod fields;
pub mod layout;
mod styles;
mod xml;

use std::io::Read;

pub use layout::{Layout, Part, Place};

use crate::frontend::markdown::bibliography_section::{self, SectionBlock};
use crate::frontend::{ParseOptions, normalize_heading};
use crate::model::{
    BibEntry, Block, BlockKind, Heading, HeadingId, Manuscript, Note, NoteRef, NoteStyle, Role,
};
use crate::source::{SourceFile, Span};

/// No part of a manuscript is larger; a zip entry that inflates past it is refused, not read
/// into memory (a zip bomb).
const MAX_PART_BYTES: u64 = 256 << 20;

fn read_part(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot read its `{name}`: {e}")),
    };
    let mut bytes = Vec::new();
    entry
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read its `{name}`: {e}"))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(format!("its `{name}` inflates past {MAX_PART_BYTES} bytes"));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "its `{name}` is not UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(Some(text))
}

/// Reads a `.docx` file's bytes into its text and layout, or says in one phrase why not.
pub fn read(bytes: &[u8]) -> Result<Layout, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        format!("is not a Word document (not a zip archive: {e}); save it from Word as .docx")
    })?;
    let Some(document) = read_part(&mut archive, "word/document.xml")? else {
        return Err(
            "is a zip archive without `word/document.xml`, not a Word document".to_string(),
        );
    };
    let styles = read_part(&mut archive, "word/styles.xml")?;
    let footnotes = read_part(&mut archive, "word/footnotes.xml")?;
    let endnotes = read_part(&mut archive, "word/endnotes.xml")?;
    read_parts(
        &document,
        footnotes.as_deref(),
        endnotes.as_deref(),
        styles.as_deref(),
    )
}

/// Reads a document from the XML of its parts, the zip already opened (or, for fuzzing and
/// tests, never made).
pub fn read_parts(
    document: &str,
    footnotes: Option<&str>,
    endnotes: Option<&str>,
    styles: Option<&str>,
) -> Result<Layout, String> {
    let styles = styles.map(styles::Styles::read).unwrap_or_default();
    let body = xml::read(document, &styles);
    let notes = |xml: Option<&str>| {
        xml.map(|text| xml::read(text, &styles).notes)
            .unwrap_or_default()
    };
    let footnotes = notes(footnotes);
    let endnotes = notes(endnotes);
    Ok(layout::assemble(&body.paragraphs, &footnotes, &endnotes))
}

/// Whether a paragraph with no heading style is a bibliography's heading typed by hand: its
/// whole text is one of the bibliography headings.
fn is_bibliography_heading(text: &str, options: &ParseOptions) -> bool {
    text.len() < 60
        && !text.contains('\n')
        && options
            .bibliography_headings
            .iter()
            .any(|h| normalize_heading(h) == normalize_heading(text))
}

pub fn parse_file(
    source: &SourceFile,
    layout: &Layout,
    options: &ParseOptions,
    ms: &mut Manuscript,
) {
    let file = source.id;
    let text = source.text.as_str();
    let span = |start: u32, end: u32| Span::new(file, start as usize, end as usize);
    let first_note = ms.notes.len() as u32;
    for note in &layout.notes {
        ms.notes.push(Note {
            file,
            label: note.label.clone(),
            number: note.label.parse().ok(),
            style: NoteStyle::Superscript,
            label_span: span(note.label_start, note.label_end),
            parts: layout.paragraphs[note.paragraphs.clone()]
                .iter()
                .map(|p| span(p.start, p.end))
                .collect(),
            scope: 0,
        });
    }
    let mut heading_stack: Vec<HeadingId> = Vec::new();
    let mut bibliography_level: Option<u8> = None;
    let mut section_blocks: Vec<SectionBlock> = Vec::new();
    let mut no_note_starts = Vec::new();
    for paragraph in &layout.paragraphs {
        let paragraph_text = text
            .get(paragraph.start as usize..paragraph.end as usize)
            .unwrap_or("");
        let heading_level = paragraph.heading.or_else(|| {
            (paragraph.note.is_none()
                && !paragraph.in_table
                && is_bibliography_heading(paragraph_text, options))
            .then_some(1)
        });
        let block_id = ms.blocks.len() as u32;
        let runs_start = ms.runs.len() as u32;
        ms.runs.extend(paragraph.runs.iter().copied());
        let runs = runs_start..ms.runs.len() as u32;
        let (kind, role) = if let Some(level) = heading_level {
            if bibliography_level.is_some_and(|l| level <= l) {
                bibliography_section::finish(
                    std::mem::take(&mut section_blocks),
                    ms,
                    &mut no_note_starts,
                );
                bibliography_level = None;
            }
            crate::frontend::close_sections(&mut heading_stack, &ms.headings, level);
            let id = ms.headings.len() as HeadingId;
            ms.headings.push(Heading {
                file,
                level,
                span: span(paragraph.start, paragraph.end),
                // The words of its runs: a note mark after a heading is no part of it.
                text: paragraph
                    .runs
                    .iter()
                    .filter_map(|r| text.get(r.start as usize..r.end as usize))
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                parent: heading_stack.last().copied(),
            });
            if bibliography_level.is_none() && is_bibliography_heading(paragraph_text, options) {
                bibliography_level = Some(level);
            }
            heading_stack.push(id);
            (BlockKind::Heading(id), Role::Heading)
        } else if let Some(note) = paragraph.note {
            let kind = if paragraph.in_table {
                BlockKind::TableCell
            } else {
                BlockKind::Paragraph
            };
            (kind, Role::Note(first_note + note as u32))
        } else if bibliography_level.is_some() && !paragraph.in_table {
            let hard_breaks = paragraph_text.matches('\n').count();
            let reading = bibliography_section::reading(
                text,
                BlockKind::Paragraph,
                &paragraph.runs,
                hard_breaks,
            );
            let first_entry = ms.bibliography.len();
            let mut line_start = paragraph.start as usize;
            for line in paragraph_text.split('\n') {
                let trimmed = line.trim();
                if !trimmed.is_empty() {
                    let lead = line.len() - line.trim_start().len();
                    let start = line_start + lead;
                    ms.bibliography.push(BibEntry {
                        file,
                        span: Span::new(file, start, start + trimmed.len()),
                        group: None,
                    });
                }
                line_start += line.len() + 1;
            }
            section_blocks.push(SectionBlock {
                block: block_id,
                entries: first_entry..ms.bibliography.len(),
                reading,
                note_start: None,
            });
            (BlockKind::Paragraph, Role::Bibliography)
        } else if paragraph.in_table {
            (BlockKind::TableCell, Role::Body)
        } else {
            (BlockKind::Paragraph, Role::Body)
        };
        for marker in &paragraph.markers {
            let label = text
                .get(marker.start as usize..marker.end as usize)
                .unwrap_or("");
            ms.note_refs.push(NoteRef {
                file,
                label: label.to_string(),
                number: label.parse().ok(),
                style: NoteStyle::Superscript,
                span: span(marker.start, marker.end),
                block: block_id,
                scope: 0,
            });
        }
        ms.blocks.push(Block {
            file,
            span: span(paragraph.start, paragraph.end),
            kind,
            role,
            in_quote: false,
            runs,
            section: heading_stack.last().copied(),
        });
    }
    bibliography_section::finish(section_blocks, ms, &mut no_note_starts);
    // One entry per item, however often and in whichever file it is cited.
    let mut carried: rustc_hash::FxHashSet<&str> = ms
        .file_entries
        .iter()
        .map(|e| e.key.text.as_str())
        .collect();
    let mut entries = Vec::new();
    for citation in &layout.citations {
        let at = span(citation.start, citation.end);
        let note = layout
            .paragraphs
            .get(citation.paragraph)
            .and_then(|p| p.note)
            .map(|n| first_note + n as u32);
        for item in &citation.items {
            ms.key_citations.push(crate::model::KeyCitation {
                key: crate::model::Fact {
                    text: item.key.clone(),
                    span: at,
                },
                note,
            });
            if carried.insert(item.key.as_str()) {
                entries.push(fields::entry(item, at));
            }
        }
    }
    ms.file_entries.extend(entries);
}
