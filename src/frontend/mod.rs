//! Input front-ends: each format's reader turns the bytes of a file into the same
//! [`Manuscript`] (headings, blocks of text runs, notes and their markers, bibliography
//! entries), with spans into the file the author edits. Rules never learn which format they
//! read. After the files are read, format-independent passes assign note numbering scopes
//! and find quotations.
//!
//! - `markdown/`: CommonMark, Pandoc and converted-document Markdown (pulldown-cmark);
//! - `latex/`: LaTeX, by a small lossless reader of its own;
//! - `typst/`: Typst, through the official parser (typst-syntax);
//! - `docx/`: Word documents (zip, quick-xml), read into a plain text with a layout;
//! - `bibfile/`: bibliography databases given beside the manuscript (`.bib`, CSL-JSON).

pub mod bibfile;
pub mod docx;
pub mod latex;
pub mod markdown;
mod quotations;
mod scopes;
pub mod typst;

use crate::model::{Manuscript, NumberingScheme};
use crate::source::{Format, SourceKind, Sources};

/// Closes the open headings of `level` or deeper before a heading of `level` is pushed: what
/// remains on the stack is the new heading's parent. Every front-end nests headings so.
pub(crate) fn close_sections(
    stack: &mut Vec<crate::model::HeadingId>,
    headings: &[crate::model::Heading],
    level: u8,
) {
    while stack
        .last()
        .is_some_and(|&top| headings[top as usize].level >= level)
    {
        stack.pop();
    }
}

/// What a manuscript file names that must be read with it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Companions {
    /// Bibliography databases, as written (relative to the file's folder), each with the byte
    /// offset of what names it: YAML `bibliography:`, `\bibliography{…}`,
    /// `#bibliography("…")`.
    pub bibliographies: Vec<(String, usize)>,
    /// Keys cited without a citation (Pandoc `nocite`, `\nocite{…}`).
    pub nocite: Vec<String>,
    /// `@*` or `\nocite{*}`: every entry of the bibliography is meant to be printed.
    pub nocite_all: bool,
    /// The language the file declares (`lang: fr`, `#set text(lang: "fr")`).
    pub language: Option<String>,
    /// Files the manuscript includes (`\include`, `\input`, `\subfile`), as written, each
    /// with the byte offset of its name, in reading order.
    pub includes: Vec<(String, usize)>,
}

/// What a manuscript file of this format names that must be read with it.
pub fn companions(format: Format, text: &str) -> Companions {
    match format {
        Format::Markdown => markdown::companions(text),
        Format::Typst => typst::companions(text),
        Format::Latex => latex::companions(text),
        Format::Docx => Companions::default(),
    }
}

/// Whether a manuscript file of this name can be read, and if not, the one line that says
/// why and what manulint reads instead.
pub fn readable(name: &str) -> Result<Format, String> {
    let format = Format::of_name(name)?;
    match format {
        Format::Markdown | Format::Typst | Format::Latex | Format::Docx => Ok(format),
    }
}

/// Parse-time settings, from the embedded defaults and the user's config.
#[derive(Clone, Debug)]
pub struct ParseOptions {
    /// Heading texts (compared case-insensitively, emphasis and trailing colons ignored) that
    /// open the bibliography.
    pub bibliography_headings: Vec<String>,
}

pub fn parse(sources: Sources, options: &ParseOptions) -> Manuscript {
    let mut manuscript = Manuscript {
        sources: Sources::default(),
        headings: Vec::new(),
        blocks: Vec::new(),
        runs: Vec::new(),
        notes: Vec::new(),
        note_refs: Vec::new(),
        bibliography: Vec::new(),
        quotations: Vec::new(),
        directives: Vec::new(),
        numbering: NumberingScheme::Continuous,
        file_entries: Vec::new(),
        duplicate_keys: Vec::new(),
        reference_cycles: Vec::new(),
        unclosed_comments: Vec::new(),
        unread_bibliography: Vec::new(),
        nocite: Vec::new(),
        nocite_all: false,
        language: None,
        key_citations: Vec::new(),
        printed: Vec::new(),
    };
    let mut pending_markers = Vec::new();
    let mut note_starts = Vec::new();
    for source in sources.iter().filter(|s| s.kind == SourceKind::Manuscript) {
        match source.format {
            Format::Typst => typst::parse_file(source, options, &mut manuscript),
            Format::Latex => latex::parse_file(source, &mut manuscript),
            // `readable` refused the others before they were read.
            // A .docx given as text (an editor's buffer, a test) has no layout: nothing of it
            // can be read as Word.
            Format::Docx => {
                if let Some(layout) = source.layout.as_deref() {
                    docx::parse_file(source, layout, options, &mut manuscript);
                }
            }
            Format::Markdown => {
                markdown::file::parse_file(
                    source,
                    options,
                    &mut manuscript,
                    &mut pending_markers,
                    &mut note_starts,
                );
            }
        }
    }
    manuscript.sources = sources;
    markdown::attach_superscript_notes(&mut manuscript, &note_starts, pending_markers);
    scopes::assign(&mut manuscript);
    quotations::find(&mut manuscript);
    manuscript
}

/// Case-folds a heading and strips what does not change its meaning.
pub fn normalize_heading(text: &str) -> String {
    let trimmed = text
        .trim()
        .trim_end_matches([':', '.'])
        .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    trimmed
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A line of a bibliography that labels the entries after it (`Ouvrages :`, `Primary
/// sources:`): a few words and a colon, no figure. Returns the label without its colon.
pub(crate) fn bibliography_label(text: &str) -> Option<&str> {
    let label = text.trim().strip_suffix(':')?.trim_end();
    let words = label.split_whitespace().count();
    ((1..=4).contains(&words) && !label.contains(|c: char| c.is_ascii_digit() || c == ','))
        .then_some(label)
}

#[cfg(test)]
mod label_tests {
    use super::bibliography_label;

    #[test]
    fn a_few_words_and_a_colon_label_a_group() {
        assert_eq!(bibliography_label("Ouvrages :"), Some("Ouvrages"));
        assert_eq!(
            bibliography_label("Primary sources:"),
            Some("Primary sources")
        );
        assert_eq!(bibliography_label("Paris: Seuil, 1990"), None);
        assert_eq!(bibliography_label("Smith, John. Title:"), None);
        assert_eq!(bibliography_label("Sources"), None);
    }
}
