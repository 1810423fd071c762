use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::rules::Context;

declare_rule! {
    /// An HTML comment (`<!--`) that is never closed.
    ///
    /// ## What it checks
    /// A comment that opens a block and has no `-->` after it. By CommonMark's rule it runs to
    /// the end of the file (or of the list item or quotation it stands in): everything after it
    /// disappears from the printed page and from manulint's checks.
    ///
    /// ## Why
    /// A comment left open while drafting silently swallows the chapters after it; the
    /// manuscript looks fine in the editor and loses pages in print.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- TODO: check the figures with the archive
    ///
    /// ## Chapter 3
    /// ```
    /// Close the comment: `<!-- TODO: check the figures with the archive -->`.
    pub static UNCLOSED_COMMENT = {
        code: "ML002",
        name: "unclosed-comment",
        family: Meta,
        severity: Error,
        enabled: true,
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    for &(opening, hidden) in &ms.unclosed_comments {
        let source = ms.sources.get(hidden.file);
        let to_end = source.text[hidden.end as usize..].trim().is_empty();
        let (first, _) = source.line_col(opening.start);
        let (last, _) = source.line_col(hidden.end.saturating_sub(1).max(hidden.start));
        let what = if to_end {
            "the rest of the file"
        } else {
            "the rest of its list item or quotation"
        };
        out.push(Finding::new(
            opening,
            format!(
                "this comment is never closed: {what} (lines {first}–{last}) is hidden from readers and from every check; close it with `-->`"
            ),
        ));
    }
}
