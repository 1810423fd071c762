use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::rules::Context;

use super::{IbidAntecedent, ibid_antecedents};

declare_rule! {
    /// Ibid. with nothing before it to refer to.
    ///
    /// ## What it checks
    /// Ibid. must follow a note (in the same numbering scope) that cites a source. It is
    /// reported in the first note of the manuscript, or of a chapter when notes restart, and
    /// after a note that certainly cites nothing: commentary with no figure, no title in
    /// italics or quotation marks, no key or address. After a note that has these but in
    /// which no citation could be read (minutes of a meeting, an interview, a form the
    /// reader does not know), the ibid. is unknown and nothing is reported.
    ///
    /// ## Why
    /// Such an ibid. is left over from a deleted or moved note: the source it stood for is
    /// gone, and the claim it supports has no citation.
    ///
    /// ## Example
    /// ```markdown
    /// [^1]: Ibid., 45.
    /// ```
    /// Cite the work in full.
    pub static IBID_NO_ANTECEDENT = {
        code: "CI008",
        name: "ibid-no-antecedent",
        family: Citations,
        severity: Error,
        enabled: true,
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let index = &cx.indexes.citations();
    for (i, verdict) in ibid_antecedents(ms, index) {
        let citation = &index.citations[i];
        let finding = match verdict {
            IbidAntecedent::FirstNote => Finding::new(
                citation.span,
                "ibid. in the first note has no source to refer to",
            ),
            IbidAntecedent::NothingCited(previous) => {
                let note = &ms.notes[previous as usize];
                Finding::new(
                    citation.span,
                    format!(
                        "ibid. has no source to refer to: {} cites nothing",
                        ms.note_named_from(citation.span, previous)
                    ),
                )
                .related(note.label_span, "the previous note")
            }
            _ => continue,
        };
        out.push(finding);
    }
}
