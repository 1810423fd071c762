use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::rules::Context;

declare_rule! {
    /// A `@string` or `crossref` of a bibliography file that can never be resolved.
    ///
    /// ## What it checks
    /// In a BibTeX/BibLaTeX file given with `--bibliography`: a `@string` defined through
    /// itself (`@string{a = a}`, or `a` through `b` through `a`), entries whose `crossref` or
    /// `xdata` lead back to themselves, and references that would expand without end (strings
    /// that each repeat the next, chains deeper than 64 links). The reference is left
    /// unresolved — the field reads empty, the entry keeps only its own fields — and the rest of
    /// the file is read as usual.
    ///
    /// ## Why
    /// BibTeX stops with an error or loops, biber refuses the entry: the works these entries
    /// hold never reach the printed bibliography.
    ///
    /// ## Example
    /// ```bibtex
    /// @incollection{essay, crossref = {volume}, title = {An Essay}}
    /// @collection{volume, crossref = {essay}, title = {The Volume}}
    /// ```
    /// The volume cross-references nothing: remove its `crossref`.
    pub static BIBLIOGRAPHY_REFERENCE_CYCLE = {
        code: "BI005",
        name: "bibliography-reference-cycle",
        family: Bibliography,
        severity: Error,
        enabled: true,
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for cycle in &cx.manuscript.reference_cycles {
        out.push(Finding::new(
            cycle.span,
            format!(
                "this reference can never be resolved ({}); it is left unresolved",
                cycle.path
            ),
        ));
    }
}
