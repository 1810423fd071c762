use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::numbers::{Grouping, PercentStyle, Quantity};
use crate::rules::Context;

declare_rule! {
    /// The same kind of number written in several styles: `30,543` and `46 000`; `410%` and
    /// `87 percent`.
    ///
    /// ## What it checks
    /// Two kinds of number are counted in the author's own text (quotations and italic titles
    /// keep their source's style):
    /// - thousands: grouped with commas, spaces or periods, or not grouped. Numbers of five
    ///   digits or more always count; four-digit numbers count only when the manuscript groups
    ///   some of them (many styles write `1400` but `14,000`), and years never;
    /// - percentages: `%`, `percent` or `per cent`.
    ///
    /// Each use of a style other than the manuscript's most frequent one is reported, with the
    /// counts, when one style clearly leads.
    ///
    /// ## Why
    /// Style guides ask for one form of number throughout (Chicago 9.18, 9.55); mixed forms
    /// are the trace of text pasted from different sources and distract the reader.
    ///
    /// ## Example
    /// ```markdown
    /// Only 30,543 of 73,963 churches remained, and 46 000 pounds per acre …
    /// ```
    /// Write `46,000`.
    pub static NUMBER_FORMAT = {
        code: "NU004",
        name: "number-format",
        family: Numbers,
        severity: Info,
        enabled: true,
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let index = cx.indexes.numbers();
    let own = || {
        index
            .quantities
            .iter()
            .filter(|q| !q.quoted && !q.emphasized && !q.written)
    };
    let groups_four_digits = own().any(|q| {
        q.value < 10_000.0
            && matches!(
                q.grouping,
                Grouping::Comma | Grouping::Space | Grouping::Period
            )
    });
    let thousands: Vec<(&Quantity, Grouping)> = own()
        .filter(|q| match q.grouping {
            Grouping::NotApplicable => false,
            Grouping::Ungrouped => q.value >= 10_000.0 || groups_four_digits,
            _ => true,
        })
        .map(|q| (q, q.grouping))
        .collect();
    report_minority(ms, &thousands, grouping_name, out);
    let percents: Vec<(&Quantity, PercentStyle)> = own()
        .filter(|q| q.percent_style != PercentStyle::NotPercent)
        .map(|q| (q, q.percent_style))
        .collect();
    report_minority(ms, &percents, percent_name, out);
}

fn grouping_name(g: Grouping) -> &'static str {
    match g {
        Grouping::Comma => "commas (`30,543`)",
        Grouping::Space => "spaces (`30 543`)",
        Grouping::Period => "periods (`30.543`)",
        Grouping::Ungrouped | Grouping::NotApplicable => "no separator (`30543`)",
    }
}

fn percent_name(p: PercentStyle) -> &'static str {
    match p {
        PercentStyle::Sign => "`%`",
        PercentStyle::Percent => "`percent`",
        PercentStyle::PerCent => "`per cent`",
        PercentStyle::NotPercent => "",
    }
}

fn report_minority<S: Copy + PartialEq>(
    ms: &crate::model::Manuscript,
    uses: &[(&Quantity, S)],
    name: fn(S) -> &'static str,
    out: &mut Vec<Finding>,
) {
    let mut counts: Vec<(S, usize)> = Vec::new();
    for &(_, style) in uses {
        match counts.iter_mut().find(|(s, _)| *s == style) {
            Some((_, n)) => *n += 1,
            None => counts.push((style, 1)),
        }
    }
    if counts.len() < 2 {
        return;
    }
    counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    let (major, major_count) = counts[0];
    // Only a clear majority is the manuscript's style.
    if major_count <= counts[1].1 {
        return;
    }
    for &(q, style) in uses {
        if style == major {
            continue;
        }
        let finding = Finding::new(
            q.span,
            format!(
                "`{}` is written with {}; this manuscript mostly uses {} ({major_count} of {})",
                ms.text(q.span),
                name(style),
                name(major),
                uses.len()
            ),
        );
        out.push(super::in_block_note(ms, finding, q.block));
    }
}
