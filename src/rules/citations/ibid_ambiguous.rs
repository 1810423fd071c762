use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::rules::Context;

use super::{IbidAntecedent, ibid_antecedents};

declare_rule! {
    /// Ibid. after a note that cites more than one source.
    ///
    /// ## What it checks
    /// Ibid. refers to the single source of the preceding note (or to the citation just
    /// before it in the same note). When the preceding note cites several works, archival
    /// files or newspaper items, the reference is ambiguous. Chains of ibid. are followed.
    ///
    /// ## Why
    /// The reader cannot tell which source is meant. Ambiguous ibid. appears when a note is
    /// inserted, merged or reordered after the notes were written.
    ///
    /// ## Example
    /// ```markdown
    /// [^4]: Kotkin, *Magnetic Mountain*, 8; Siegelbaum, *Stakhanovism*, 70.
    /// [^5]: Ibid., 9.
    /// ```
    /// Write the short form instead: `Kotkin, *Magnetic Mountain*, 9.`
    pub static IBID_AMBIGUOUS = {
        code: "CI007",
        name: "ibid-ambiguous",
        family: Citations,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let index = &cx.indexes.citations();
    for (i, verdict) in ibid_antecedents(ms, index) {
        if let IbidAntecedent::Several(previous, count) = verdict {
            let here = index.citations[i].span;
            let mut finding = Finding::new(
                here,
                format!(
                    "ibid. is ambiguous: {} cites {count} sources",
                    ms.note_named_from(here, previous)
                ),
            );
            for c in index.note_citations(previous) {
                finding = finding.related(c.span, "one of the sources");
            }
            out.push(finding);
        }
    }
}
