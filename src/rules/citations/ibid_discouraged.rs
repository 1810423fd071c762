use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::indexes::citations::CitationKind;
use crate::rules::Context;

use super::{IbidAntecedent, describe, ibid_antecedents};

declare_rule! {
    /// Ibid., for house styles that do not allow it (off by default).
    ///
    /// ## What it checks
    /// Reports every ibid. and names the short form it stands for, and every op. cit. and
    /// loc. cit. Chicago's 17th edition discourages ibid. and the 18th prefers shortened
    /// notes; many publishers forbid all three.
    ///
    /// ## Why
    /// Ibid. breaks whenever notes are added, removed or reordered, and e-books that show one
    /// note at a time leave the reader with no antecedent in view.
    ///
    /// ## Example
    /// ```markdown
    /// [^5]: Kotkin, *Magnetic Mountain*, 8.
    /// [^6]: Ibid., 9.
    /// ```
    /// Write `Kotkin, *Magnetic Mountain*, 9.`
    pub static IBID_DISCOURAGED = {
        code: "CI010",
        name: "ibid-discouraged",
        family: Citations,
        severity: Warning,
        enabled: false,
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let index = &cx.indexes.citations();
    for (i, verdict) in ibid_antecedents(ms, index) {
        let citation = &index.citations[i];
        let stands_for = match verdict {
            IbidAntecedent::Resolved => citation
                .work
                .and_then(|w| index.works[w].citations.first())
                .map(|&first| describe(&index.citations[first])),
            _ => None,
        };
        let message = match stands_for {
            Some(short) => {
                format!("ibid. is not used in this house style; write the short form `{short}`")
            }
            None => "ibid. is not used in this house style; write the short form of the source"
                .to_string(),
        };
        out.push(Finding::new(citation.span, message));
    }
    for citation in index
        .citations
        .iter()
        .filter(|c| c.kind == CitationKind::OpCit)
    {
        let written = ms.text(citation.span).trim_matches(['*', '_']);
        out.push(Finding::new(
            citation.span,
            format!(
                "`{written}` is not used in this house style; write the short form of the source"
            ),
        ));
    }
}
