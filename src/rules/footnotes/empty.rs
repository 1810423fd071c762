use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::rules::Context;

use super::marker_name;

declare_rule! {
    /// A note with no text.
    ///
    /// ## What it checks
    /// Every note must hold some text after its label.
    ///
    /// ## Why
    /// An empty note is a placeholder that was never filled in: the marker prints, the page
    /// bottom shows a bare number, and the claim it was meant to support has no source.
    ///
    /// ## Example
    /// ```markdown
    /// Output rose to 14 tons per shift.[^3]
    ///
    /// [^3]:
    /// ```
    /// Write the citation:
    /// ```markdown
    /// [^3]: Siegelbaum, *Stakhanovism*, 75.
    /// ```
    pub static FOOTNOTE_EMPTY = {
        code: "FN005",
        name: "footnote-empty",
        family: Footnotes,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    for (id, note) in ms.notes.iter().enumerate() {
        let has_text = note.parts.iter().any(|part| {
            ms.text(*part)
                .chars()
                .any(|c| c.is_alphanumeric() || c.is_ascii_punctuation() && c != '.')
        });
        if !has_text {
            out.push(
                Finding::new(
                    note.label_span,
                    format!("note {} has no text", marker_name(note.style, &note.label)),
                )
                .in_note(id as u32)
                .identity(format!("empty note after: {}", preceding_text(ms, id))),
            );
        }
    }
}

/// An empty note has no text of its own to identify it; the note before it does.
fn preceding_text(ms: &crate::model::Manuscript, id: usize) -> String {
    id.checked_sub(1)
        .and_then(|previous| ms.notes.get(previous))
        .map(|note| ms.note_text(note))
        .unwrap_or_default()
}
