use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::model::{Directive, DirectiveAction};
use crate::rules::{Context, matching};

declare_rule! {
    /// A suppression comment that names no known rule, or silences more than it says.
    ///
    /// ## What it checks
    /// Every rule named in a `<!-- manulint-disable… -->` or `<!-- manulint-enable -->`
    /// comment must be a rule name, a rule code or a family name. A `manulint-disable` that
    /// names no rule at all silences every rule, and one that no later `manulint-enable` in its
    /// file closes silences to the end of the file: both are reported (use
    /// `manulint-disable-file` to mean the whole file).
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
    let directives = &cx.manuscript.directives;
    for (i, directive) in directives.iter().enumerate() {
        for (name, span) in &directive.rules {
            if matching(name).is_empty() {
                out.push(Finding::new(
                    *span,
                    format!("`{name}` is not a manulint rule, code or family; this suppression does nothing"),
                ));
            }
        }
        if directive.action != DirectiveAction::Disable {
            continue;
        }
        if directive.rules.is_empty() {
            out.push(Finding::new(
                directive.span,
                "this `manulint-disable` names no rule, so it silences every rule; name the rules it is meant for",
            ));
        }
        let closed = directives[i + 1..]
            .iter()
            .take_while(|later| later.file == directive.file)
            .any(|later| later.action == DirectiveAction::Enable && closes(later, directive));
        if !closed {
            out.push(Finding::new(
                directive.span,
                "this `manulint-disable` is never closed: it silences to the end of the file; add `<!-- manulint-enable -->` where it should stop, or use `manulint-disable-file`",
            ));
        }
    }
}

/// Whether an enable ends a disable, as the engine reads them: it names no rule, or every
/// rule the disable names (by name, code or family).
fn closes(enable: &Directive, disable: &Directive) -> bool {
    let resolved = |d: &Directive| -> Vec<&'static str> {
        d.rules
            .iter()
            .flat_map(|(name, _)| matching(name))
            .map(|rule| rule.name)
            .collect()
    };
    if enable.rules.is_empty() {
        return true;
    }
    if disable.rules.is_empty() {
        return false;
    }
    let enabled = resolved(enable);
    resolved(disable).iter().all(|name| enabled.contains(name))
}
