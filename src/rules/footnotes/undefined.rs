use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::model::NoteStyle;
use crate::rules::Context;

declare_rule! {
    /// A note marker in the text with no note to go with it.
    ///
    /// ## What it checks
    /// Every marker — `[^label]` in Markdown, `<sup>12</sup>` in a document converted from Word
    /// — must have a note text with the same label in the same numbering scope (the same file
    /// for Markdown footnotes; the same chapter when converted notes restart per chapter).
    ///
    /// ## Why
    /// A marker without its note prints as a stray number or as literal `[^label]`, and the
    /// reader loses the source the sentence relies on.
    ///
    /// ## Example
    /// ```markdown
    /// Stakhanov hewed 102 tons in one shift.[^record]
    /// ```
    /// Add the note:
    /// ```markdown
    /// Stakhanov hewed 102 tons in one shift.[^record]
    ///
    /// [^record]: *Pravda*, 2 September 1935, 1.
    /// ```
    pub static FOOTNOTE_UNDEFINED = {
        code: "FN001",
        name: "footnote-undefined",
        family: Footnotes,
        severity: Error,
        enabled: true,
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for marker in &cx.manuscript.note_refs {
        let key = (marker.style, marker.scope, marker.label.as_str());
        if !cx.indexes.notes.definitions(cx.manuscript, key).is_empty() {
            continue;
        }
        let message = match marker.style {
            NoteStyle::Markdown => format!(
                "footnote `[^{}]` has no definition: no `[^{}]:` note in this file",
                marker.label, marker.label
            ),
            NoteStyle::Superscript => format!(
                "note marker {} has no note text: no note paragraph begins with <sup>{}</sup>",
                marker.label, marker.label
            ),
            NoteStyle::Inline => format!(
                "note mark {} has no note text: no `\\footnotetext` follows it",
                marker.label
            ),
        };
        out.push(Finding::new(marker.span, message));
    }
}
