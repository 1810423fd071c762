use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::fix::Fix;
use crate::indexes::citations::IbidForm;
use crate::rules::Context;

declare_rule! {
    /// Ibid. written in more than one way.
    ///
    /// ## What it checks
    /// Ibid. may be set in italic (`*Ibid.*`) or roman (`Ibid.`) — Chicago prefers roman —
    /// and always takes a period. The form most notes use is taken as the manuscript's style;
    /// every other form is reported. A lower-case `ibid.` inside a sentence is not a
    /// different style. A house style declared in `manulint.toml` decides instead of the
    /// majority, and is held even where every ibid. agrees with itself:
    /// ```toml
    /// [rules.ibid-style]
    /// form = "roman"   # `Ibid.` (Chicago 14.34); or "italic": `*Ibid.*`
    /// ```
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
    /// `--fix` rewrites the ibid. in the declared or the manuscript's usual form, keeping its capital or lower-case first letter; a spelling with a full stop right after it is left to the author.
    pub static IBID_STYLE = {
        code: "CI009",
        name: "ibid-style",
        family: Citations,
        severity: Warning,
        enabled: true,
        options: ["form"],
        check: check,
    };
}

/// The values `form` takes in `[rules.ibid-style]`.
pub const FORM_OPTION_VALUES: &[&str] = &["roman", "italic"];

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
    // Per style: how many ibid. write it, and the first that does.
    let mut counts: Vec<((bool, bool), usize, usize)> = Vec::new();
    for (i, citation) in index.citations.iter().enumerate() {
        let Some(form) = citation.ibid else { continue };
        match counts.iter_mut().find(|(s, ..)| *s == style(form)) {
            Some(entry) => entry.1 += 1,
            None => counts.push((style(form), 1, i)),
        }
    }
    let declared = match cx.options.table.get("form").and_then(toml::Value::as_str) {
        Some("roman") => Some((false, true)),
        Some("italic") => Some((true, true)),
        _ => None,
    };
    let (usual, reason) = match declared {
        Some(house) => (house, Reason::HouseStyle),
        None => {
            if counts.len() < 2 {
                return;
            }
            let Some(&(majority, count, first)) = counts.iter().max_by_key(|(s, c, _)| (*c, !s.0))
            else {
                return;
            };
            (majority, Reason::Majority { count, first })
        }
    };
    let usual_form = IbidForm {
        italic: usual.0,
        period: usual.1,
        capital: true,
    };
    for citation in &index.citations {
        let Some(form) = citation.ibid else { continue };
        if style(form) == usual {
            continue;
        }
        let ibid_end = citation.span.start + describe(form).len() as u32;
        let span = crate::source::Span {
            end: ibid_end.min(citation.span.end),
            ..citation.span
        };
        let mut finding = match reason {
            Reason::HouseStyle => Finding::new(
                span,
                format!(
                    "`{}` here; the house style (manulint.toml) writes `{}`",
                    describe(form),
                    describe(usual_form)
                ),
            ),
            Reason::Majority { count, first } => Finding::new(
                span,
                format!(
                    "`{}` here; {} write `{}`",
                    describe(form),
                    crate::render::plural(count, "other ibid.", "other ibid."),
                    describe(usual_form)
                ),
            )
            .related(index.citations[first].span, "the manuscript's usual form"),
        };
        if let Some(replacement) = respelled(cx.manuscript, span, form, usual_form) {
            finding = finding.fix(Fix::safe_replacement(span, replacement));
        }
        out.push(finding);
    }
}

/// Where the usual form comes from.
#[derive(Clone, Copy)]
enum Reason {
    HouseStyle,
    /// `count` ibid. write it, the first being citation `first`.
    Majority {
        count: usize,
        first: usize,
    },
}
