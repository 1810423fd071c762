use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::fix::Fix;
use crate::rules::Context;
use crate::source::Span;

use super::{OpenQuotes, convention, plural, prose_blocks, text_pieces};

declare_rule! {
    /// A range of numbers written with a hyphen where the manuscript uses an en dash, or the
    /// reverse.
    ///
    /// ## What it checks
    /// Page and year ranges (`57–78`, `1934-1938`, `1936-37`) in the text, notes and
    /// bibliography. The dash most ranges use is the manuscript's convention; the ranges
    /// written with the other are reported. Chains of numbers (`978-0-19-…`, `2020-02-28`),
    /// numbers after a letter (`R5452-3`) and quoted text are left alone.
    ///
    /// ## Why
    /// Chicago asks for the en dash in ranges; whichever the author chose, a bibliography
    /// exported from Zotero with en dashes beside notes typed with hyphens shows the seam.
    ///
    /// ## Example
    /// ```markdown
    /// [^3]: Siegelbaum, *Stakhanovism*, 75–78.
    /// [^4]: Kotkin, *Magnetic Mountain*, 198-204.
    /// ```
    /// Use one dash:
    /// ```markdown
    /// [^4]: Kotkin, *Magnetic Mountain*, 198–204.
    /// ```
    ///
    /// ## Fix
    /// `--fix` writes the manuscript's usual dash in the range.
    pub static RANGE_DASH = {
        code: "TY004",
        name: "range-dash",
        family: Typography,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

const DASHES: [(char, &str); 2] = [('-', "hyphen"), ('–', "en dash")];

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let mut ranges: [Vec<Span>; 2] = Default::default();
    for (_, block) in prose_blocks(ms) {
        for (piece, text) in text_pieces(ms, block) {
            let mut open_quotes = OpenQuotes::default();
            find_ranges(text, |dash, at| {
                if open_quotes.at(text, at) {
                    return;
                }
                let span = Span::new(
                    piece.file,
                    piece.start as usize + at,
                    piece.start as usize + at + DASHES[dash].0.len_utf8(),
                );
                ranges[dash].push(span);
            });
        }
    }
    let counts = [ranges[0].len(), ranges[1].len()];
    let Some(usual) = convention(&counts) else {
        return;
    };
    let other = 1 - usual;
    for &span in &ranges[other] {
        if ms.in_quotation(span) {
            continue;
        }
        out.push(
            Finding::new(
                span,
                format!(
                    "range written with {} {}; the manuscript writes {} with {} {}",
                    if other == 0 { "a" } else { "an" },
                    DASHES[other].1,
                    plural(counts[usual], "range", "ranges"),
                    if usual == 0 { "a" } else { "an" },
                    DASHES[usual].1
                ),
            )
            .fix(Fix::safe_replacement(span, DASHES[usual].0.to_string())),
        );
    }
}

/// Calls `found(dash, offset)` for each `digits dash digits` range of a piece of text.
pub fn find_ranges(text: &str, mut found: impl FnMut(usize, usize)) {
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
            0
        } else if text[dash_at..].starts_with('–') {
            1
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
        let after_dash = dash_at + DASHES[dash].0.len_utf8();
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
        found(dash, dash_at);
    }
}

#[cfg(test)]
mod tests {
    use super::find_ranges;

    fn ranges(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find_ranges(text, |_, at| {
            let start = text[..at]
                .char_indices()
                .rev()
                .find(|(_, c)| !c.is_ascii_digit())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let end = text[at..]
                .char_indices()
                .skip(1)
                .find(|(_, c)| !c.is_ascii_digit())
                .map_or(text.len(), |(i, _)| at + i);
            out.push(&text[start..end]);
        });
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
        // Not ranges: decimals, thousands, phone-like chains, long numbers, words.
        for text in ["1.5-2", "1,000-2,000", "12345-6", "f.85-2a", "a3-4", "3-4%"] {
            assert_eq!(ranges(text), Vec::<&str>::new(), "{text}");
        }
    }
}
