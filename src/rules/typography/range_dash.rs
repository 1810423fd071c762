use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::fix::{Applicability, Edit, Fix};
use crate::indexes::numbers::identifiers::{in_address, labelled};
use crate::model::Manuscript;
use crate::rules::Context;
use crate::source::Span;

use super::{OpenQuotes, plural, prose_blocks, text_pieces};

declare_rule! {
    /// Number ranges written with a hyphen where the en dash belongs: `198-204` beside
    /// `75–78`.
    ///
    /// ## What it checks
    /// Ranges of pages, years and other numbers (`57–78`, `1934-1938`, `1936-37`) in the text,
    /// notes and bibliography. Chicago (6.78), APA and MLA join the two ends of a range with
    /// an en dash; Pandoc's `--` is one. A manuscript that writes some of its ranges with the
    /// en dash shows it follows that rule: its ranges written with a hyphen are reported, one
    /// diagnostic per file with every hyphenated range as a related span. How many ranges
    /// use each dash does not matter: a majority of hyphens is still the deviation. A house
    /// style declared in `manulint.toml` decides instead of the manuscript:
    /// ```toml
    /// [rules.range-dash]
    /// dash = "en-dash"   # or "hyphen": then the ranges written with an en dash are reported
    /// ```
    /// With no en-dash range and no declared style nothing is reported: hyphens throughout
    /// may be the house style.
    ///
    /// Numbers that name rather than span are neither counted nor reported: after a label
    /// (`No. 11-345`, `Figure 2-20`, `Table 3-1`, `§ 12-3`; the labels are in
    /// `rules/numbers.toml`), chains (`978-0-19-…`, `2020-02-28`), a second number below the
    /// first (`a 5-4 decision`, `1936-35`), numbers glued to a letter (`R5452-3`), inside an
    /// address or markup (URLs, DOIs, `\cmidrule{2-4}`), a telephone number (`(415) 555-0132`),
    /// decimals and thousands (`1.5-2`, `1,000-2,000`). Quoted text keeps its source's dash.
    ///
    /// ## Why
    /// The style guides ask for the en dash in ranges; a bibliography exported from Zotero
    /// with en dashes beside notes typed with hyphens shows the seam.
    ///
    /// ## Example
    /// ```markdown
    /// [^3]: Siegelbaum, *Stakhanovism*, 75–78.
    /// [^4]: Kotkin, *Magnetic Mountain*, 198-204.
    /// ```
    /// Use the en dash:
    /// ```markdown
    /// [^4]: Kotkin, *Magnetic Mountain*, 198–204.
    /// ```
    ///
    /// ## Fix
    /// `--fix` writes the en dash in each hyphenated range of the file, as the file writes
    /// its en dashes (`–`, or `--` in a Pandoc source), or the hyphen when the declared style
    /// is `"hyphen"`.
    pub static RANGE_DASH = {
        code: "TY004",
        name: "range-dash",
        family: Typography,
        severity: Warning,
        enabled: true,
        options: ["dash"],
        check: check,
    };
}

/// How a range joins its two numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dash {
    Hyphen,
    /// `–`.
    EnDash,
    /// `--`, Pandoc's en dash.
    DoubleHyphen,
}

impl Dash {
    fn text(self) -> &'static str {
        match self {
            Dash::Hyphen => "-",
            Dash::EnDash => "–",
            Dash::DoubleHyphen => "--",
        }
    }

    fn is_en_dash(self) -> bool {
        self != Dash::Hyphen
    }
}

/// A range read in a piece of text: byte offsets of its start, its dash and its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RangeAt {
    pub dash: Dash,
    pub start: usize,
    pub dash_at: usize,
    pub end: usize,
}

/// The dash the declared house style asks for (`[rules.range-dash] dash`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    EnDash,
    Hyphen,
}

/// The values `dash` takes in `[rules.range-dash]`.
pub const DASH_OPTION_VALUES: &[&str] = &["en-dash", "hyphen"];

struct Found {
    dash: Dash,
    /// The whole range, `198-204`.
    span: Span,
    /// Its dash.
    dash_span: Span,
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let declared = match cx.options.table.get("dash").and_then(toml::Value::as_str) {
        Some("hyphen") => Some(Style::Hyphen),
        Some("en-dash") => Some(Style::EnDash),
        _ => None,
    };
    let mut found: Vec<Found> = Vec::new();
    for (_, block) in prose_blocks(ms) {
        for (piece, text) in text_pieces(ms, block) {
            let mut open_quotes = OpenQuotes::default();
            let base = piece.start as usize;
            find_ranges(text, |range| {
                if open_quotes.at(text, range.start) {
                    return;
                }
                let span = Span::new(piece.file, base + range.start, base + range.end);
                if ms.in_quotation(span) {
                    return;
                }
                let dash_start = base + range.dash_at;
                found.push(Found {
                    dash: range.dash,
                    span,
                    dash_span: Span::new(
                        piece.file,
                        dash_start,
                        dash_start + range.dash.text().len(),
                    ),
                });
            });
        }
    }
    let en_dashes = found.iter().filter(|f| f.dash.is_en_dash()).count();
    let hyphens = found.len() - en_dashes;
    let style = match declared {
        Some(style) => style,
        // The en dash the manuscript already writes shows the rule it follows.
        None if en_dashes > 0 && hyphens > 0 => Style::EnDash,
        None => return,
    };
    let deviates = |f: &Found| match style {
        Style::EnDash => f.dash == Dash::Hyphen,
        Style::Hyphen => f.dash.is_en_dash(),
    };
    // Per file, in order: the spans are in reading order already.
    let mut start = 0;
    while start < found.len() {
        let file = found[start].span.file;
        let end = start
            + found[start..]
                .iter()
                .take_while(|f| f.span.file == file)
                .count();
        let in_file = &found[start..end];
        let wrong: Vec<&Found> = in_file.iter().filter(|f| deviates(f)).collect();
        if let Some(first) = wrong.first() {
            let replacement = match style {
                Style::Hyphen => Dash::Hyphen,
                Style::EnDash => en_dash_spelling(in_file, &found),
            };
            out.push(report(
                ms,
                &wrong,
                first,
                style,
                declared.is_some(),
                en_dashes,
                replacement,
            ));
        }
        start = end;
    }
}

/// How a file writes its en dashes: `--` when that is its usual spelling (a Pandoc source),
/// else `–`; a file with none follows the manuscript.
fn en_dash_spelling(in_file: &[Found], all: &[Found]) -> Dash {
    let count = |list: &[Found], dash: Dash| list.iter().filter(|f| f.dash == dash).count();
    let (double, single) = (
        count(in_file, Dash::DoubleHyphen),
        count(in_file, Dash::EnDash),
    );
    let (double, single) = if double + single == 0 {
        (count(all, Dash::DoubleHyphen), count(all, Dash::EnDash))
    } else {
        (double, single)
    };
    if double > single {
        Dash::DoubleHyphen
    } else {
        Dash::EnDash
    }
}

fn report(
    ms: &Manuscript,
    wrong: &[&Found],
    first: &Found,
    style: Style,
    declared: bool,
    en_dashes: usize,
    replacement: Dash,
) -> Finding {
    let ranges = if wrong.len() == 1 {
        "1 range in this file is".to_string()
    } else {
        format!(
            "{} in this file are",
            plural(wrong.len(), "range", "ranges")
        )
    };
    let message = match (style, declared) {
        (Style::EnDash, false) => format!(
            "{ranges} written with a hyphen; ranges take an en dash (Chicago 6.78, APA, MLA), which the manuscript writes in {}",
            plural(en_dashes, "range", "ranges")
        ),
        (Style::EnDash, true) => format!(
            "{ranges} written with a hyphen; the house style (manulint.toml) joins ranges with an en dash"
        ),
        (Style::Hyphen, _) => format!(
            "{ranges} written with an en dash; the house style (manulint.toml) joins ranges with a hyphen"
        ),
    };
    let mut finding = Finding::new(first.span, message).fix(Fix {
        edits: wrong
            .iter()
            .map(|f| Edit {
                span: f.dash_span,
                replacement: replacement.text().to_string(),
            })
            .collect(),
        applicability: Applicability::Safe,
    });
    for f in wrong {
        finding = finding.related(f.span, format!("`{}`", ms.text(f.span)));
    }
    finding
}

/// Calls `found(range)` for each `digits dash digits` range of a piece of text that is a
/// range of numbers, not an identifier.
pub fn find_ranges(text: &str, mut found: impl FnMut(RangeAt)) {
    let bytes = text.as_bytes();
    let digits_at = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    // Jump from dash to dash (`-`, and the lead byte of `–`): dashes are far rarer than digits.
    // A range read ends where the next may begin, as when reading left to right.
    let mut consumed = 0;
    for dash_at in memchr::memchr2_iter(b'-', 0xE2, bytes) {
        let dash = if bytes[dash_at] == b'-' {
            match (bytes.get(dash_at + 1), bytes.get(dash_at + 2)) {
                // `---` is Pandoc's em dash, not a range.
                (Some(b'-'), Some(b'-')) => continue,
                (Some(b'-'), _) => Dash::DoubleHyphen,
                _ => Dash::Hyphen,
            }
        } else if text[dash_at..].starts_with('–') {
            Dash::EnDash
        } else {
            continue;
        };
        let left = bytes[..dash_at]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let start = dash_at - left;
        if left == 0 || start < consumed {
            continue;
        }
        let after_dash = dash_at + dash.text().len();
        let right = digits_at(after_dash);
        if right == 0 {
            continue;
        }
        let end = after_dash + right;
        consumed = end;
        if left > 4 || right > 4 {
            continue;
        }
        let mut before = text[..start].chars().rev();
        let preceded = before.next();
        // `l.127-128` is a range; `1.5-2` and `1,000-2,000` are not ranges of whole numbers.
        let after_number = matches!(preceded, Some('.' | ','))
            && before.next().is_some_and(|c| c.is_ascii_digit());
        if after_number
            || preceded.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '–' | '/' | '+'))
        {
            continue;
        }
        let followed = text[end..].chars().next();
        let next_next = text[end..].chars().nth(1);
        if followed.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '%'))
            || matches!(followed, Some('-' | '–' | '.' | ','))
                && next_next.is_some_and(|c| c.is_ascii_digit())
        {
            continue;
        }
        if !ascending(&text[start..dash_at], &text[after_dash..end])
            || labelled(text, start)
            || in_address(text, start, end)
            || telephone(text, start, left, right)
        {
            continue;
        }
        found(RangeAt {
            dash,
            start,
            dash_at,
            end,
        });
    }
}

/// Whether the second number of a range comes after the first, its omitted leading digits
/// taken from the first (`1936-37`, `125-7`; Chicago abbreviates only from 100). `5-4` and
/// `10-1` are scores and votes, not ranges.
fn ascending(low: &str, high: &str) -> bool {
    let (Ok(low_value), Ok(high_value)) = (low.parse::<u32>(), high.parse::<u32>()) else {
        return false;
    };
    if high.len() >= low.len() {
        return high_value > low_value;
    }
    let scale = 10u32.pow(high.len() as u32);
    low_value >= 100 && (low_value / scale * scale + high_value) > low_value
}

/// `(415) 555-0132`: three digits and four after an area code in parentheses.
fn telephone(text: &str, start: usize, left: usize, right: usize) -> bool {
    if left != 3 || right != 4 {
        return false;
    }
    let head = text[..start].trim_end();
    head.strip_suffix(')').is_some_and(|h| {
        let digits = h.bytes().rev().take_while(u8::is_ascii_digit).count();
        digits == 3 && h[..h.len() - digits].ends_with('(')
    })
}

#[cfg(test)]
mod tests {
    use super::{Dash, find_ranges};

    fn ranges(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find_ranges(text, |range| out.push(&text[range.start..range.end]));
        out
    }

    #[test]
    fn ranges_are_read_left_to_right_and_whole() {
        assert_eq!(
            ranges("pp. 12-15 and 1935–1937."),
            vec!["12-15", "1935–1937"]
        );
        // A chain is one reading: `1-2` is taken, `2-3` is not read again.
        assert_eq!(ranges("1-2-3"), Vec::<&str>::new());
        assert_eq!(ranges("see 4-6, 8–9;—5–6"), vec!["4-6", "8–9", "5–6"]);
        assert_eq!(ranges("in 1936-37 and 125-7"), vec!["1936-37", "125-7"]);
        // Not ranges: decimals, thousands, phone-like chains, long numbers, words.
        for text in ["1.5-2", "1,000-2,000", "12345-6", "f.85-2a", "a3-4", "3-4%"] {
            assert_eq!(ranges(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn pandoc_double_hyphens_are_en_dashes_and_triple_ones_are_not_ranges() {
        let mut dashes = Vec::new();
        find_ranges("pp. 12--15, 1935---1937 and 3-4", |r| dashes.push(r.dash));
        assert_eq!(dashes, vec![Dash::DoubleHyphen, Dash::Hyphen]);
    }

    #[test]
    fn identifiers_are_not_ranges() {
        for text in [
            "Docket No. 11-345",
            "see Figure 2-20",
            "Table 3-1 shows",
            "a 5-4 decision",
            "the 1936-35 season",
            "won 10-1",
            "\\cmidrule{2-4}",
            "https://example.org/a/12-15",
            "call (415) 555-0132",
            "under § 12-3",
        ] {
            assert_eq!(ranges(text), Vec::<&str>::new(), "{text}");
        }
        assert_eq!(ranges("§§ 53-32 and 54-196"), Vec::<&str>::new());
        // Plural labels introduce ranges.
        assert_eq!(ranges("figures 2-4 and nos. 5-6"), vec!["2-4", "5-6"]);
    }
}
