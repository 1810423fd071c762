use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::model::{Block, Manuscript};
use crate::rules::Context;
use crate::source::Span;

use super::{OpenQuotes, convention, plural, prose_blocks, text_pieces};

declare_rule! {
    /// Dates written in several styles: `15 October 1935` beside `Nov. 17, 1935`.
    ///
    /// ## What it checks
    /// Full dates in the text, notes and bibliography, by the order of their parts: day month
    /// year (`15 October 1935`, `30/31 August 1935`), month day year (`October 15, 1935`,
    /// `Nov. 17, 1935`), day.month.year (`15.10.1935`) and ISO (`1935-10-15`). The style most
    /// dates use is the manuscript's convention when it holds at least five dates and two
    /// thirds of them; dates in another style are reported. With fewer dates the manuscript
    /// has shown no convention and nothing is reported. A house style declared in
    /// `manulint.toml` decides instead (MLA writes day month year, APA month day year):
    /// ```toml
    /// [rules.date-format]
    /// style = "day-month-year"   # or "month-day-year", "day.month.year", "year-month-day"
    /// ```
    ///
    /// Left alone: dates inside quotations (the source's), a date glued to the letters or
    /// hyphens of an identifier (`MSS-2006-09-01`, `2011-11-29-post`), and a Pandoc title
    /// block (`% May 26, 2011` at the top of the file), which dates the document, not its
    /// text.
    ///
    /// ## Why
    /// Notes assembled over years of research take each source's habit; in print the mixture
    /// looks careless, and `3/4` style dates become ambiguous to readers on the other side of
    /// the Atlantic.
    ///
    /// ## Example
    /// ```markdown
    /// [^1]: *Pravda*, 15 October 1935, 3.
    /// [^2]: *Izvestiia*, Nov. 17, 1935, 1.
    /// ```
    /// Use one style:
    /// ```markdown
    /// [^2]: *Izvestiia*, 17 November 1935, 1.
    /// ```
    pub static DATE_FORMAT = {
        code: "TY005",
        name: "date-format",
        family: Typography,
        severity: Warning,
        enabled: true,
        options: ["style"],
        check: check,
    };
}

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sep.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
];

const STYLES: [(&str, &str); 4] = [
    ("day month year", "15 October 1935"),
    ("month day, year", "October 15, 1935"),
    ("day.month.year", "15.10.1935"),
    ("year-month-day", "1935-10-15"),
];

/// The values `style` takes in `[rules.date-format]`, in the order of [`STYLES`].
pub const STYLE_OPTION_VALUES: &[&str] = &[
    "day-month-year",
    "month-day-year",
    "day.month.year",
    "year-month-day",
];

/// The fewest dates, and the smallest share of them, that make a style the manuscript's own.
const CONVENTION_MIN_DATES: usize = 5;
const CONVENTION_MIN_SHARE: f64 = 2.0 / 3.0;

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let declared = cx
        .options
        .table
        .get("style")
        .and_then(toml::Value::as_str)
        .and_then(|style| STYLE_OPTION_VALUES.iter().position(|s| *s == style));
    let mut dates: [Vec<Span>; 4] = Default::default();
    for (_, block) in prose_blocks(ms) {
        if is_title_block(ms, block) {
            continue;
        }
        for (piece, text) in text_pieces(ms, block) {
            if !text.bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            let mut open_quotes = OpenQuotes::default();
            find_dates(text, |style, range| {
                let span = Span::new(
                    piece.file,
                    piece.start as usize + range.start,
                    piece.start as usize + range.end,
                );
                if !ms.in_quotation(span) && !open_quotes.at(text, range.start) {
                    dates[style].push(span);
                }
            });
        }
    }
    let counts = dates.each_ref().map(Vec::len);
    let total: usize = counts.iter().sum();
    let usual = match declared {
        Some(style) => style,
        None => match convention(&counts) {
            Some(usual)
                if counts[usual] >= CONVENTION_MIN_DATES
                    && counts[usual] as f64 >= total as f64 * CONVENTION_MIN_SHARE =>
            {
                usual
            }
            _ => return,
        },
    };
    for (style, spans) in dates.iter().enumerate().filter(|(s, _)| *s != usual) {
        for &span in spans {
            let message = if declared.is_some() {
                format!(
                    "date written {} (`{}`); the house style (manulint.toml) writes {} (`{}`)",
                    STYLES[style].0, STYLES[style].1, STYLES[usual].0, STYLES[usual].1
                )
            } else {
                format!(
                    "date written {} (`{}`); the manuscript writes {} {} (`{}`)",
                    STYLES[style].0,
                    STYLES[style].1,
                    plural(counts[usual], "date", "dates"),
                    STYLES[usual].0,
                    STYLES[usual].1
                )
            };
            let mut finding = Finding::new(span, message);
            if let Some(&example) = dates[usual].first() {
                finding = finding.related(example, "a date in the usual style");
            }
            out.push(finding);
        }
    }
}

/// A Pandoc title block: the `%` lines that open a file (title, author, date) describe the
/// document, they are not its text.
fn is_title_block(ms: &Manuscript, block: &Block) -> bool {
    let text = &ms.sources.get(block.file).text;
    let (start, end) = (block.span.start as usize, block.span.end as usize);
    let (Some(head), Some(body)) = (text.get(..start), text.get(start..end)) else {
        return false;
    };
    head.trim_start_matches('\u{feff}').trim().is_empty()
        && body.starts_with('%')
        && body.lines().all(|line| line.starts_with(['%', ' ', '\t']))
}

/// Calls `found(style, range)` for each full date of a piece of text. Every style holds a
/// four-digit year: dates are read outward from each year.
fn find_dates(text: &str, mut found: impl FnMut(usize, std::ops::Range<usize>)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let boundary_before = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        let boundary_after = i == bytes.len() || !bytes[i].is_ascii_alphanumeric();
        if i - start != 4 || !boundary_after {
            continue;
        }
        // `MSS-2006-09-01`, `2011-11-29-post`: a date glued into an identifier is not one.
        let glued_before = start > 0 && matches!(bytes[start - 1], b'-' | b'_' | b'/' | b'.');
        if let Some(end) = iso_tail(bytes, i).filter(|_| boundary_before) {
            let glued_after = matches!(bytes.get(end), Some(b'-' | b'_' | b'/'));
            if !glued_before && !glued_after {
                found(3, start..end);
            }
            i = end;
        } else if let Some(from) = dotted_head(bytes, start) {
            found(2, from..i);
        } else if let Some(from) = day_month_head(text, start) {
            found(0, from..i);
        } else if let Some(from) = month_day_head(text, start) {
            found(1, from..i);
        }
    }
}

/// `1935-10-15`: the end of the date after its year.
fn iso_tail(bytes: &[u8], year_end: usize) -> Option<usize> {
    let tail = bytes.get(year_end..year_end + 6)?;
    let shape = tail[0] == b'-'
        && tail[1..3].iter().all(u8::is_ascii_digit)
        && tail[3] == b'-'
        && tail[4..6].iter().all(u8::is_ascii_digit);
    let end = year_end + 6;
    (shape && bytes.get(end).is_none_or(|b| !b.is_ascii_alphanumeric())).then_some(end)
}

/// Digits ending at `end` (1 or 2 of them, with a word boundary before): their start.
fn day_before(bytes: &[u8], end: usize) -> Option<usize> {
    let mut start = end;
    while start > 0 && bytes[start - 1].is_ascii_digit() && end - start < 3 {
        start -= 1;
    }
    let ok = (1..=2).contains(&(end - start))
        && (start == 0 || !bytes[start - 1].is_ascii_alphanumeric());
    ok.then_some(start)
}

/// `15.10.1935`.
fn dotted_head(bytes: &[u8], year: usize) -> Option<usize> {
    let month_end = year.checked_sub(1).filter(|&d| bytes[d] == b'.')?;
    let month = day_before(bytes, month_end)?;
    let day_end = month.checked_sub(1).filter(|&d| bytes[d] == b'.')?;
    day_before(bytes, day_end)
}

/// The month name ending at `end` (spaces already skipped), if any: its start.
fn month_before(text: &str, end: usize) -> Option<usize> {
    let head = &text[..end];
    MONTHS
        .iter()
        .find(|m| head.ends_with(*m))
        .map(|m| end - m.len())
        .filter(|&start| !text[..start].ends_with(|c: char| c.is_alphanumeric()))
}

fn skip_spaces_back(bytes: &[u8], mut end: usize) -> (usize, usize) {
    let from = end;
    while end > 0 && bytes[end - 1] == b' ' {
        end -= 1;
    }
    (end, from - end)
}

/// `15 October 1935`, `30/31 August 1935`.
fn day_month_head(text: &str, year: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let (month_end, spaces) = skip_spaces_back(bytes, year);
    if spaces == 0 {
        return None;
    }
    let month = month_before(text, month_end)?;
    let (day_end, spaces) = skip_spaces_back(bytes, month);
    if spaces == 0 {
        return None;
    }
    let day = day_before(bytes, day_end)?;
    // `30/31 August`, `14-17 November`.
    let range_start = day
        .checked_sub(1)
        .filter(|&d| matches!(bytes[d], b'/' | b'-'))
        .and_then(|d| day_before(bytes, d))
        .or_else(|| {
            text[..day]
                .strip_suffix('–')
                .and_then(|head| day_before(bytes, head.len()))
        });
    Some(range_start.unwrap_or(day))
}

/// `October 15, 1935`, `Nov. 17, 1935`.
fn month_day_head(text: &str, year: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut day_end, spaces) = skip_spaces_back(bytes, year);
    if spaces == 0 {
        return None;
    }
    if day_end > 0 && bytes[day_end - 1] == b',' {
        day_end -= 1;
    }
    let day = day_before(bytes, day_end)?;
    let day = day
        .checked_sub(1)
        .filter(|&d| bytes[d] == b'-')
        .and_then(|d| day_before(bytes, d))
        .or_else(|| {
            text[..day]
                .strip_suffix('–')
                .and_then(|head| day_before(bytes, head.len()))
        })
        .unwrap_or(day);
    let (month_end, spaces) = skip_spaces_back(bytes, day);
    if spaces == 0 {
        return None;
    }
    month_before(text, month_end)
}

#[cfg(test)]
mod tests {
    use super::find_dates;

    fn dates(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        find_dates(text, |style, range| out.push((style, &text[range])));
        out
    }

    #[test]
    fn dates_are_read_in_each_style() {
        assert_eq!(
            dates("on 15 October 1935, Nov. 17, 1935, 15.10.1935 and 1935-10-15."),
            vec![
                (0, "15 October 1935"),
                (1, "Nov. 17, 1935"),
                (2, "15.10.1935"),
                (3, "1935-10-15")
            ]
        );
    }

    #[test]
    fn dates_glued_into_identifiers_are_not_dates() {
        for text in [
            "Papers, MSS-2006-09-01, Box 3",
            "posts/2011-11-29-towards-agile.md",
            "file_1999-04-02_scan",
            "A2006-09-01",
        ] {
            assert_eq!(dates(text), Vec::<(usize, &str)>::new(), "{text}");
        }
    }
}
