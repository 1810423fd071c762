use crate::citations::IbidForm;
use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::fix::Fix;
use crate::rules::Context;

declare_rule! {
    /// Ibid. written in more than one way.
    ///
    /// ## What it checks
    /// Ibid. may be set in italic (`*Ibid.*`) or roman (`Ibid.`) — Chicago prefers roman —
    /// and always takes a period. The form most notes use is taken as the manuscript's style;
    /// every other form is reported. A lower-case `ibid.` inside a sentence is not a
    /// different style.
    ///
    /// ## Why
    /// Mixed forms are the most visible sign of an apparatus assembled from several drafts,
    /// and editors will ask for one.
    ///
    /// ## Example
    /// ```markdown
    /// [^2]: Ibid., 14.
    /// [^3]: *Ibid.*, 15.
    /// [^4]: Ibid., 16.
    /// ```
    /// Write note 3 as `Ibid., 15.`
    ///
    /// ## Fix
    /// `--fix` rewrites the ibid. in the manuscript's usual form, keeping its capital or lower-case first letter; a spelling with a full stop right after it is left to the author.
    pub static IBID_STYLE = {
        code: "CI009",
        name: "ibid-style",
        family: Citations,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

fn describe(form: IbidForm) -> &'static str {
    match (form.italic, form.period) {
        (true, true) => "*Ibid.*",
        (true, false) => "*Ibid*",
        (false, true) => "Ibid.",
        (false, false) => "Ibid",
    }
}

/// The usual form for an ibid. written exactly as `describe(form)` says (capital or not, kept),
/// or None when the text around it is unusual: a full stop right after `*Ibid*` would be
/// doubled, so such a spelling is left to the author.
fn respelled(
    ms: &crate::model::Manuscript,
    span: crate::source::Span,
    form: IbidForm,
    usual: IbidForm,
) -> Option<String> {
    let written = ms.text(span);
    if !written.eq_ignore_ascii_case(describe(form)) {
        return None;
    }
    let after = &ms.sources.get(span.file).text[span.end as usize..];
    if usual.period && after.starts_with('.') {
        return None;
    }
    let usual_text = describe(usual);
    Some(if written.trim_start_matches('*').starts_with('i') {
        usual_text.replacen('I', "i", 1)
    } else {
        usual_text.to_string()
    })
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let index = &cx.indexes.citations();
    let style = |f: IbidForm| (f.italic, f.period);
    let mut counts: Vec<((bool, bool), usize, usize)> = Vec::new();
    for (i, citation) in index.citations.iter().enumerate() {
        let Some(form) = citation.ibid else { continue };
        match counts.iter_mut().find(|(s, ..)| *s == style(form)) {
            Some(entry) => entry.1 += 1,
            None => counts.push((style(form), 1, i)),
        }
    }
    if counts.len() < 2 {
        return;
    }
    let Some(&(majority, majority_count, majority_first)) =
        counts.iter().max_by_key(|(s, c, _)| (*c, !s.0))
    else {
        return;
    };
    let majority_form = IbidForm {
        italic: majority.0,
        period: majority.1,
        capital: true,
    };
    for citation in &index.citations {
        let Some(form) = citation.ibid else { continue };
        if style(form) == majority {
            continue;
        }
        let ibid_end = citation.span.start + describe(form).len() as u32;
        let span = crate::source::Span {
            end: ibid_end.min(citation.span.end),
            ..citation.span
        };
        let mut finding = Finding::new(
            span,
            format!(
                "`{}` here; {} write `{}`",
                describe(form),
                crate::render::plural(majority_count, "other ibid.", "other ibid."),
                describe(majority_form)
            ),
        )
        .related(
            index.citations[majority_first].span,
            "the manuscript's usual form",
        );
        if let Some(replacement) = respelled(cx.manuscript, span, form, majority_form) {
            finding = finding.fix(Fix::safe_replacement(span, replacement));
        }
        out.push(finding);
    }
}
