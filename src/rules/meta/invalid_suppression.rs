use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::rules::{Context, matching};

declare_rule! {
    /// A suppression comment that names no known rule.
    ///
    /// ## What it checks
    /// Every rule named in a `<!-- manulint-disable… -->` or `<!-- manulint-enable -->`
    /// comment must be a rule name, a rule code or a family name.
    ///
    /// ## Why
    /// A misspelt rule name suppresses nothing, so the diagnostic it was meant to silence
    /// comes back — or worse, the author believes a check is off when it is not.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- manulint-disable-next-line footnote-sequense -->
    /// ```
    /// Spell the rule as `manulint rules` lists it:
    /// ```markdown
    /// <!-- manulint-disable-next-line footnote-sequence -->
    /// ```
    pub static INVALID_SUPPRESSION = {
        code: "ML001",
        name: "invalid-suppression",
        family: Meta,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for directive in &cx.manuscript.directives {
        for (name, span) in &directive.rules {
            if matching(name).is_empty() {
                out.push(Finding::new(
                    *span,
                    format!("`{name}` is not a manulint rule, code or family; this suppression does nothing"),
                ));
            }
        }
    }
}
