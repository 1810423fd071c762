use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::rules::Context;

use super::marker_name;

declare_rule! {
    /// Two notes with the same number or label.
    ///
    /// ## What it checks
    /// Within one numbering scope (a file for Markdown footnotes; the manuscript, a file or a
    /// chapter for converted notes, as the numbering shows), no two note texts may carry the
    /// same label.
    ///
    /// ## Why
    /// Markers can point to only one of them: Markdown renderers keep the first definition and
    /// drop the other, and in a converted document one of the two sources is cited nowhere.
    ///
    /// ## Example
    /// ```markdown
    /// [^7]: Siegelbaum, *Stakhanovism*, 67.
    /// [^7]: Kotkin, *Magnetic Mountain*, 201.
    /// ```
    /// Give each note its own label and marker.
    pub static FOOTNOTE_DUPLICATE = {
        code: "FN003",
        name: "footnote-duplicate",
        family: Footnotes,
        severity: Error,
        enabled: true,
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let mut repeated: Vec<&[u32]> = cx.indexes.notes.repeated_definitions(ms).collect();
    repeated.sort_unstable();
    for ids in repeated {
        let first = &ms.notes[ids[0] as usize];
        for &id in &ids[1..] {
            let note = &ms.notes[id as usize];
            out.push(
                Finding::new(
                    note.label_span,
                    format!(
                        "note {} is defined twice; the first definition is on {}",
                        marker_name(note.style, &note.label),
                        ms.line_named_from(note.label_span, first.label_span)
                    ),
                )
                .related(first.label_span, "first defined here")
                .in_note(id)
                .identity(ms.note_text(note)),
            );
        }
    }
}
