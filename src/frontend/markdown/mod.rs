//! Markdown: one pulldown-cmark pass per file builds headings, blocks and text runs; raw
//! markup (HTML, comments, star paging) is masked first with every offset kept, and notes
//! written as `<sup>12</sup>` in documents converted from Word are recognised after.

pub(crate) mod bibliography_section;
mod directives;
pub mod file;
mod front_matter;
mod html;
mod inline_notes;
mod raw_markup;
mod star_pages;
mod superscript_notes;

pub use front_matter::companions;
pub use star_pages::is_star_page;
pub(crate) use superscript_notes::attach as attach_superscript_notes;

/// The text pulldown-cmark reads for a file: raw markup masked (`raw_markup`), every offset
/// unchanged.
pub fn markdown_text(text: &str) -> std::borrow::Cow<'_, str> {
    raw_markup::mask(text).text
}
