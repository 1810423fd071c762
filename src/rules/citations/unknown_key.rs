use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::rules::Context;
use crate::text::{fold, similarity};

declare_rule! {
    /// A Pandoc citation key that no bibliography file defines.
    ///
    /// ## What it checks
    /// With a bibliography file given (`--bibliography refs.bib`, BibTeX, BibLaTeX or
    /// CSL-JSON, or `bibliography` in manulint.toml), every key cited as `[@key]`,
    /// `[see @key, 33]`, `[-@key]` or `@key` must be one of its entries. The closest key is
    /// suggested.
    ///
    /// ## Why
    /// Pandoc prints an unknown key as `(key?)` or bold `**key?**` in the finished document —
    /// a citation lost at the last step.
    ///
    /// ## Example
    /// ```markdown
    /// Stakhanov's record was staged [@siegelbaum1988; @kotkin1955, 8].
    /// ```
    /// With `kotkin1995` in the file, correct the key: `[@siegelbaum1988; @kotkin1995, 8]`.
    pub static UNKNOWN_CITATION_KEY = {
        code: "CI011",
        name: "unknown-citation-key",
        family: Citations,
        severity: Error,
        enabled: true,
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let index = &cx.indexes.citations();
    if cx.manuscript.file_entries.is_empty() {
        return;
    }
    for (citation, entry) in &index.keys {
        if entry.is_some() {
            continue;
        }
        let key = &citation.key.text;
        let closest = cx
            .manuscript
            .file_entries
            .iter()
            .map(|e| (similarity(&fold(key), &fold(&e.key.text)), e))
            .filter(|(score, _)| *score >= 0.6)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let mut finding = Finding::new(
            citation.key.span,
            format!("citation key `@{key}` is not in the bibliography file"),
        );
        if let Some((_, entry)) = closest {
            finding = finding.related(
                entry.key.span,
                format!("did you mean `@{}`?", entry.key.text),
            );
        }
        out.push(finding);
    }
}
