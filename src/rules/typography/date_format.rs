use crate::declare_rule;
use crate::diagnostic::Finding;
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
    /// dates use is the manuscript's convention; dates in another are reported. Dates inside
    /// quotations are the source's and are left alone.
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

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let mut dates: [Vec<Span>; 4] = Default::default();
    for (_, block) in prose_blocks(ms) {
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
    let Some(usual) = convention(&counts) else {
        return;
    };
    for (style, spans) in dates.iter().enumerate().filter(|(s, _)| *s != usual) {
        for &span in spans {
            out.push(
                Finding::new(
                    span,
                    format!(
                        "date written {} (`{}`); the manuscript writes {} {} (`{}`)",
                        STYLES[style].0,
                        STYLES[style].1,
                        plural(counts[usual], "date", "dates"),
                        STYLES[usual].0,
                        STYLES[usual].1
                    ),
                )
                .related(dates[usual][0], "a date in the usual style"),
            );
        }
    }
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
        if let Some(end) = iso_tail(bytes, i).filter(|_| boundary_before) {
            found(3, start..end);
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
