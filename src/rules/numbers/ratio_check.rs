use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::indexes::numbers::vocab::VOCABULARY;
use crate::indexes::numbers::{ClaimKind, NumberIndex, Quantity, RatioClaim, Unit};
use crate::rules::Context;

declare_rule! {
    /// Arithmetic the text states and gets wrong: "N times the norm", "N% of the norm",
    /// "increased by N%".
    ///
    /// ## What it checks
    /// A ratio stated in the author's own words is recomputed from the figures the text gives:
    /// the output in the same sentence, and the norm in the same sentence (`under a norm of 7
    /// tons`) or, when the paragraph states exactly one norm, in the paragraph; the output
    /// must belong to the same person as the ratio. "Increased by
    /// N%" is checked against the two figures of its sentence (`from 40 to 60 tons`). A norm
    /// given as a range (`6-7 tons`) allows every ratio between its ends, and a ratio rounded
    /// or truncated to a whole number is right. The diagnostic gives the computed value.
    ///
    /// Ratios inside quotations are the quoted author's and are not checked; a ratio without
    /// both figures in reach is not guessed at.
    ///
    /// ## Why
    /// Ratios are written once and their figures revised later; a reader who does the sum and
    /// gets another answer doubts every figure of the chapter.
    ///
    /// ## Example
    /// ```markdown
    /// Under a norm of 7 tons he hewed 102 tons, twenty times the norm.
    /// ```
    /// 102 tons against a norm of 7 tons is 14.6 times the norm.
    pub static RATIO_CHECK = {
        code: "NU003",
        name: "ratio-check",
        family: Numbers,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let index = cx.indexes.numbers();
    for claim in &index.claims {
        let stated = &index.quantities[claim.quantity as usize];
        if stated.quoted || stated.approximate || stated.high.is_some() {
            continue;
        }
        let message = match claim.kind {
            ClaimKind::TimesNorm | ClaimKind::PercentOfNorm => norm_ratio(ms, index, claim, stated),
            ClaimKind::IncreaseBy => increase(ms, index, claim, stated),
        };
        let Some(message) = message else {
            continue;
        };
        out.push(super::in_block_note(
            ms,
            Finding::new(claim.span, message),
            stated.block,
        ));
    }
}

fn is_ratio_unit(unit: Unit) -> bool {
    matches!(unit, Unit::Table(u) if u == VOCABULARY.percent || u == VOCABULARY.times)
}

fn is_norm(q: &Quantity) -> bool {
    q.statistic > 0
        && VOCABULARY
            .statistic_names
            .get(q.statistic as usize - 1)
            .is_some_and(|n| n == "norm")
}

fn norm_ratio(
    ms: &crate::model::Manuscript,
    index: &NumberIndex,
    claim: &RatioClaim,
    stated: &Quantity,
) -> Option<String> {
    let in_sentence = index.sentence_quantities(stated.sentence);
    let norm = in_sentence
        .iter()
        .filter(|q| is_norm(q) && !is_ratio_unit(q.unit) && q.unit != Unit::None)
        .min_by_key(|q| q.span.start.abs_diff(stated.span.start))
        .or_else(|| paragraph_norm(index, stated))?;
    if norm.approximate || norm.value <= 0.0 {
        return None;
    }
    // The output: the nearest exact figure of the norm's unit in the sentence, before the
    // ratio if there is one.
    let candidates = || {
        in_sentence
            .iter()
            .filter(|q| q.unit == norm.unit && !is_norm(q) && q.is_exact() && q.span != norm.span)
    };
    let output = candidates()
        .filter(|q| q.span.start < stated.span.start)
        .max_by_key(|q| q.span.start)
        .or_else(|| candidates().min_by_key(|q| q.span.start))?;
    // `Busygin forged 1050 parts …, while Gudov worked at 410% of the norm`: another
    // person's ratio.
    if !stated.subject.is_empty()
        && !output.subject.is_empty()
        && !stated.subject.iter().any(|n| output.subject.contains(n))
    {
        return None;
    }
    let low = output.value / norm.high.unwrap_or(norm.value);
    let high = output.value / norm.value;
    let (fits, shown) = match claim.kind {
        ClaimKind::TimesNorm => {
            let v = stated.value;
            let fits = (low.floor() <= v && v <= high.ceil())
                || (v - low).abs() <= 0.05 * low
                || (v - high).abs() <= 0.05 * high;
            (fits, format!("{} times the norm", show(low, high)))
        }
        _ => {
            let v = stated.value;
            let (pl, ph) = (low * 100.0, high * 100.0);
            let slack = |c: f64| (0.02 * c).max(1.0);
            let fits = (pl - slack(pl) <= v) && (v <= ph + slack(ph));
            (fits, format!("{}% of the norm", show(pl, ph)))
        }
    };
    if fits {
        return None;
    }
    Some(format!(
        "`{}`: `{}` against a norm of `{}` is {shown}",
        ms.text(claim.span),
        ms.text(output.span),
        ms.text(norm.span),
    ))
}

/// The paragraph's norm, when it states exactly one.
fn paragraph_norm<'i>(index: &'i NumberIndex, stated: &Quantity) -> Option<&'i Quantity> {
    let mut found: Option<&Quantity> = None;
    for sentence in index.sentences_of_block(stated.block) {
        let range = sentence.quantities.start as usize..sentence.quantities.end as usize;
        for q in &index.quantities[range] {
            if !is_norm(q) || is_ratio_unit(q.unit) || q.unit == Unit::None {
                continue;
            }
            match found {
                Some(f) if f.unit != q.unit || f.value != q.value || f.high != q.high => {
                    return None;
                }
                _ => found = Some(q),
            }
        }
    }
    found
}

fn increase(
    ms: &crate::model::Manuscript,
    index: &NumberIndex,
    claim: &RatioClaim,
    stated: &Quantity,
) -> Option<String> {
    let figures: Vec<&Quantity> = index
        .sentence_quantities(stated.sentence)
        .iter()
        .filter(|q| q.is_exact() && !is_ratio_unit(q.unit) && q.unit != Unit::None)
        .collect();
    let [from, to] = figures.as_slice() else {
        return None;
    };
    if from.unit != to.unit || from.value <= 0.0 || to.value <= from.value {
        return None;
    }
    let computed = (to.value - from.value) / from.value * 100.0;
    if (stated.value - computed).abs() <= (0.02 * computed).max(1.0) {
        return None;
    }
    Some(format!(
        "`{}`: from `{}` to `{}` is an increase of {}%",
        ms.text(claim.span),
        ms.text(from.span),
        ms.text(to.span),
        show(computed, computed),
    ))
}

fn show(low: f64, high: f64) -> String {
    let one = |v: f64| {
        if v >= 100.0 {
            format!("{v:.0}")
        } else {
            format!("{v:.1}")
        }
    };
    if (high - low).abs() < 0.05 {
        one(low)
    } else {
        format!("{}–{}", one(low), one(high))
    }
}
