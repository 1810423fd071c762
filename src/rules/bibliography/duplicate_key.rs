use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::rules::Context;

declare_rule! {
    /// One key given to two entries of a bibliography file.
    ///
    /// ## What it checks
    /// Each BibTeX/BibLaTeX key (`@book{kotkin1995, …}`) and CSL-JSON `id` of a bibliography
    /// file given with `--bibliography` (or `bibliography` in `manulint.toml`) must name one
    /// entry. A repeated key is reported at the later entry, with the first as a related place;
    /// the rest of the file is read as usual and citations of the key go to the first entry.
    ///
    /// ## Why
    /// BibTeX warns and keeps the first entry, biber keeps one of them, citeproc one item per
    /// id: the later entry — often the corrected one — can never be cited, and which one the
    /// reader sees depends on the tool.
    ///
    /// ## Example
    /// ```bibtex
    /// @book{kotkin1995, title = {Magnetic Mountain}, year = {1995}}
    /// @article{kotkin1995, title = {Coercion and Identity}, year = {1995}}
    /// ```
    /// Give the second entry its own key (`kotkin1995a`) and cite it by that key.
    pub static DUPLICATE_BIBLIOGRAPHY_KEY = {
        code: "BI004",
        name: "duplicate-bibliography-key",
        family: Bibliography,
        severity: Error,
        enabled: true,
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for duplicate in &cx.manuscript.duplicate_keys {
        out.push(
            Finding::new(
                duplicate.again,
                format!(
                    "key `{}` is given to an earlier entry of this file too; only the first can be cited",
                    duplicate.key
                ),
            )
            .related(duplicate.first, "the first entry with this key"),
        );
    }
}
