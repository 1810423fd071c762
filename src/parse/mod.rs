//! From source text to a [`Manuscript`]: one pulldown-cmark pass per file builds headings,
//! blocks and text runs; short post-passes then recognise converted-document footnotes, assign
//! note numbering scopes, and find quotations.

mod bibliography_section;
mod directives;
pub mod file;
mod html;
mod quotations;
mod raw_markup;
mod scopes;
mod star_pages;
mod superscript_notes;

pub use star_pages::is_star_page;

use crate::model::{Manuscript, NumberingScheme};
use crate::source::{SourceKind, Sources};

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
    };
    let mut pending_markers = Vec::new();
    let mut note_starts = Vec::new();
    for source in sources.iter().filter(|s| s.kind == SourceKind::Manuscript) {
        file::parse_file(
            source,
            options,
            &mut manuscript,
            &mut pending_markers,
            &mut note_starts,
        );
    }
    manuscript.sources = sources;
    superscript_notes::attach(&mut manuscript, &note_starts, pending_markers);
    scopes::assign(&mut manuscript);
    quotations::find(&mut manuscript);
    manuscript
}

/// The text pulldown-cmark reads for a file: raw markup masked (`raw_markup`), every offset
/// unchanged.
pub fn markdown_text(text: &str) -> std::borrow::Cow<'_, str> {
    raw_markup::mask(text).text
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
