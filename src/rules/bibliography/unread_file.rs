use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::rules::Context;

declare_rule! {
    /// A bibliography file, or part of one, that could not be read as entries.
    ///
    /// ## What it checks
    /// A CSL-JSON file given with `--bibliography` must be an array of items (or an object
    /// with an `items` array), each with an `id`. An object without items, or items without
    /// an id, are reported instead of being skipped in silence.
    ///
    /// ## Why
    /// Without the warning every `[@key]` of the manuscript would be reported as an unknown
    /// key, or the entries would simply be missing from every check, with no word on why.
    ///
    /// ## Example
    /// ```json
    /// {"title": "Magnetic Mountain", "author": [{"family": "Kotkin"}]}
    /// ```
    /// Export the library as CSL-JSON: `[{"id": "kotkin1995", "title": "Magnetic Mountain", …}]`.
    pub static BIBLIOGRAPHY_FILE_UNREAD = {
        code: "BI006",
        name: "bibliography-file-unread",
        family: Bibliography,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (span, message) in &cx.manuscript.unread_bibliography {
        out.push(Finding::new(*span, message.clone()));
    }
}
