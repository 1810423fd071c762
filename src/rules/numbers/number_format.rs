use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::indexes::numbers::identifiers::{in_address, labelled};
use crate::indexes::numbers::{Grouping, PercentStyle, Quantity, Unit};
use crate::model::Manuscript;
use crate::rules::Context;

declare_rule! {
    /// The same kind of number written in several styles: `30,543` beside `46 000`.
    ///
    /// ## What it checks
    /// Thousands in the author's own text (quotations and italic titles keep their source's
    /// style): grouped with commas, spaces or periods, or not grouped. Grouped numbers always
    /// count; an ungrouped one counts only when it is an amount — it has a unit or a noun it
    /// counts (`1000 acres`), and has five digits or more unless the manuscript groups some
    /// four-digit numbers (many styles write `1400` but `14,000`). When one style clearly
    /// leads, the numbers written otherwise are reported: one diagnostic per file, each
    /// number a related span.
    ///
    /// Numbers that name rather than count never vote and are never reported: years (`the
    /// 1969 elections`, `1864 allowed farms`), numbers after a label (`MS 3641`, `House Bill
    /// 5640`, `§ 3209`, `No. 11-345`; the labels are in `rules/numbers.toml`) or a capitalised
    /// name (`Form 1040`), the second number of a chain (`2004-5231`), digits in addresses
    /// (URLs, DOIs) and bare numbers with nothing they count.
    ///
    /// Percentages (`%`, `percent`, `per cent`) are compared only with a declared house
    /// style: Chicago spells out `percent` in humanities prose and keeps `%` for scientific
    /// and statistical text, so a majority of either is no evidence of the author's rule.
    /// A house style for either kind is declared in `manulint.toml`:
    /// ```toml
    /// [rules.number-format]
    /// percent = "percent"     # or "%", "per cent"
    /// thousands = "comma"     # or "space", "period", "none"
    /// ```
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
        options: ["percent", "thousands"],
        check: check,
    };
}

/// The values `percent` takes in `[rules.number-format]`.
pub const PERCENT_OPTION_VALUES: &[&str] = &["%", "percent", "per cent"];
/// The values `thousands` takes in `[rules.number-format]`.
pub const THOUSANDS_OPTION_VALUES: &[&str] = &["comma", "space", "period", "none"];

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let index = cx.indexes.numbers();
    let option = |key: &str| cx.options.table.get(key).and_then(toml::Value::as_str);
    let own = || {
        index
            .quantities
            .iter()
            .filter(|q| !q.quoted && !q.emphasized && !q.written && !names_something(ms, q))
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
            Grouping::Ungrouped => {
                q.unit != Unit::None && (q.value >= 10_000.0 || groups_four_digits)
            }
            _ => true,
        })
        .map(|q| (q, q.grouping))
        .collect();
    let declared_thousands = option("thousands").and_then(|style| match style {
        "comma" => Some(Grouping::Comma),
        "space" => Some(Grouping::Space),
        "period" => Some(Grouping::Period),
        "none" => Some(Grouping::Ungrouped),
        _ => None,
    });
    report(ms, &thousands, declared_thousands, grouping_name, out);
    // Percentages only against a declared style: see the rule's documentation.
    let declared_percent = option("percent").and_then(|style| match style {
        "%" => Some(PercentStyle::Sign),
        "percent" => Some(PercentStyle::Percent),
        "per cent" => Some(PercentStyle::PerCent),
        _ => None,
    });
    if declared_percent.is_some() {
        let percents: Vec<(&Quantity, PercentStyle)> = own()
            .filter(|q| q.percent_style != PercentStyle::NotPercent)
            .map(|q| (q, q.percent_style))
            .collect();
        report(ms, &percents, declared_percent, percent_name, out);
    }
}

/// A number that names rather than counts: a year, a labelled or named number, the second
/// number of a chain, the digits of an address.
fn names_something(ms: &Manuscript, q: &Quantity) -> bool {
    let text = ms.sources.get(q.number_span.file).text.as_str();
    let (start, end) = (q.number_span.start as usize, q.number_span.end as usize);
    let has_table_unit = matches!(q.unit, Unit::Table(_));
    let year_like = q.grouping == Grouping::Ungrouped
        && q.value.fract() == 0.0
        && (1000.0..=2100.0).contains(&q.value);
    if year_like && !has_table_unit {
        return true;
    }
    let Some(head) = text.get(..start) else {
        return true;
    };
    let glued = head.ends_with(['-', '–', '/', '#', '№'])
        && head
            .trim_end_matches(['-', '–', '/', '#', '№'])
            .ends_with(|c: char| c.is_ascii_alphanumeric());
    // `Form 1040`, `MS 3641`: a capitalised word names the number after it.
    let after_name = q.grouping == Grouping::Ungrouped
        && !has_table_unit
        && head
            .strip_suffix(' ')
            .and_then(|h| h.split(|c: char| !c.is_alphanumeric()).next_back())
            .is_some_and(|word| word.starts_with(char::is_uppercase));
    glued || after_name || labelled(text, start) || in_address(text, start, end)
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

/// Reports the uses of other styles than the declared one, or else than the manuscript's
/// clear majority: one finding per file and style, each use a related span.
fn report<S: Copy + PartialEq>(
    ms: &Manuscript,
    uses: &[(&Quantity, S)],
    declared: Option<S>,
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
    let major = match declared {
        Some(style) => style,
        None => {
            if counts.len() < 2 {
                return;
            }
            counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
            // Only a clear majority is the manuscript's style.
            if counts[0].1 <= counts[1].1 {
                return;
            }
            counts[0].0
        }
    };
    let major_count = counts
        .iter()
        .find(|(s, _)| *s == major)
        .map_or(0, |&(_, n)| n);
    let usual = match declared {
        Some(_) => format!("the house style (manulint.toml) uses {}", name(major)),
        None => format!(
            "this manuscript mostly uses {} ({major_count} of {})",
            name(major),
            uses.len()
        ),
    };
    // Uses arrive in reading order: runs of one file and one style make one finding.
    let mut groups: Vec<(S, Vec<&Quantity>)> = Vec::new();
    let mut file = None;
    let mut first_of_file = 0;
    for &(q, style) in uses.iter().filter(|(_, style)| *style != major) {
        if file != Some(q.span.file) {
            file = Some(q.span.file);
            first_of_file = groups.len();
        }
        match groups[first_of_file..]
            .iter_mut()
            .find(|(s, _)| *s == style)
        {
            Some((_, list)) => list.push(q),
            None => groups.push((style, vec![q])),
        }
    }
    for (style, list) in groups {
        let first = list[0];
        let message = if list.len() == 1 {
            format!(
                "`{}` is written with {}; {usual}",
                ms.text(first.span),
                name(style)
            )
        } else {
            format!(
                "{} numbers in this file are written with {}, the first `{}`; {usual}",
                list.len(),
                name(style),
                ms.text(first.span)
            )
        };
        let mut finding = Finding::new(first.span, message);
        if list.len() > 1 {
            for q in &list {
                finding = finding.related(q.span, format!("`{}`", ms.text(q.span)));
            }
        }
        out.push(super::in_block_note(ms, finding, first.block));
    }
}
