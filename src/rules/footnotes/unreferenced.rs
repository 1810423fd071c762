use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::model::{NoteRef, NoteStyle};
use crate::rules::Context;

declare_rule! {
    /// A note whose text no marker points to.
    ///
    /// ## What it checks
    /// Every note text must be referred to by a marker with its label in the same numbering
    /// scope. For numbered notes the diagnostic shows the markers just before and after the
    /// missing one, which is where its marker belongs.
    ///
    /// ## Why
    /// A note without a marker is usually a marker lost in editing or in conversion from Word:
    /// the note's source no longer attaches to the sentence it supports. Markdown renderers
    /// drop such notes silently.
    ///
    /// ## Example
    /// ```markdown
    /// Busygin forged 1,050 crankshafts in a shift.
    ///
    /// [^busygin]: Busygin, *Zhizn' moia*, 22.
    /// ```
    /// Put the marker back:
    /// ```markdown
    /// Busygin forged 1,050 crankshafts in a shift.[^busygin]
    /// ```
    pub static FOOTNOTE_UNREFERENCED = {
        code: "FN002",
        name: "footnote-unreferenced",
        family: Footnotes,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    for (id, note) in ms.notes.iter().enumerate() {
        let key = (note.style, note.scope, note.label.as_str());
        if !cx.indexes.notes.markers(cx.manuscript, key).is_empty() {
            continue;
        }
        let message = match note.style {
            NoteStyle::Markdown => format!(
                "footnote `[^{}]` is defined but no `[^{}]` marker refers to it",
                note.label, note.label
            ),
            NoteStyle::Superscript | NoteStyle::Inline => {
                format!("note {} has no marker in the text", note.label)
            }
        };
        let mut finding = Finding::new(note.label_span, message)
            .in_note(id as u32)
            .identity(ms.note_text(note));
        if let Some(number) = note.number {
            let (before, after) = cx
                .indexes
                .notes
                .numbered_neighbours(note.style, note.scope, number);
            let before = before.map(|i| &ms.note_refs[i]);
            let after = after.map(|i| &ms.note_refs[i]);
            let describe = |r: &NoteRef, side: &str| {
                format!(
                    "marker {} is here; the missing marker belongs {side} it",
                    r.label
                )
            };
            if let Some(before) = before {
                finding = finding.related(before.span, describe(before, "after"));
            }
            if let Some(after) = after {
                finding = finding.related(after.span, describe(after, "before"));
            }
        }
        out.push(finding);
    }
}
