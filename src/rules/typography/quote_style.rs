use crate::declare_rule;
use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;
use crate::source::Span;

use super::{plural, prose_blocks, text_pieces};

declare_rule! {
    /// Straight and curly double quotation marks mixed in one file.
    ///
    /// ## What it checks
    /// Counts the curly (`“ ”`) and straight (`"`) double quotation marks of each file. When
    /// both are used, one warning per file gives the counts, at the first quotation in the
    /// less used style, and every other quotation in that style is listed at info level (only
    /// when it is clearly the minority: under a third of the marks). Single quotes are not
    /// counted: straight apostrophes in romanized Russian (`Khar'kov`) are letters, not
    /// quotation marks.
    ///
    /// ## Why
    /// Mixed marks are the trace of pasting from several sources (notes typed in one editor,
    /// text in another); the printed page shows them side by side.
    ///
    /// ## Example
    /// ```markdown
    /// “Collectives of Stakhanovites perform miracles!” wrote *Pravda*; the "miracles" …
    /// ```
    /// Use one style:
    /// ```markdown
    /// “Collectives of Stakhanovites perform miracles!” wrote *Pravda*; the “miracles” …
    /// ```
    pub static QUOTE_STYLE = {
        code: "TY003",
        name: "quote-style",
        family: Typography,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

/// Per-use reports only when the minority is this small a share of all marks.
const LIST_USES_UNDER: f64 = 1.0 / 3.0;

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    // Per file: the opening mark of each quotation, curly then straight.
    let mut openings: Vec<[Vec<Span>; 2]> =
        (0..ms.sources.len()).map(|_| Default::default()).collect();
    let mut marks = vec![[0usize; 2]; ms.sources.len()];
    for (_, block) in prose_blocks(ms) {
        for (piece, text) in text_pieces(ms, block) {
            // Only `"` and the lead byte of `“ ”` matter: jump between them.
            for offset in memchr::memchr2_iter(b'"', 0xE2, text.as_bytes()) {
                let Some(c) = text[offset..].chars().next() else {
                    continue;
                };
                let before = text[..offset].chars().next_back();
                let style = match c {
                    '“' | '”' => Some(0),
                    '"' => Some(1),
                    _ => None,
                };
                if let Some(style) = style {
                    let file = piece.file.0 as usize;
                    marks[file][style] += 1;
                    let opening = c == '“'
                        || c == '"'
                            && before.is_none_or(|b| {
                                b.is_whitespace() || matches!(b, '(' | '[' | '—' | '–' | '‘')
                            });
                    if opening {
                        let at = piece.start as usize + offset;
                        openings[file][style].push(Span::new(piece.file, at, at + c.len_utf8()));
                    }
                }
            }
        }
    }
    for (file, counts) in marks.iter().enumerate() {
        if counts[0] == 0 || counts[1] == 0 {
            continue;
        }
        let minority = if counts[0] < counts[1] { 0 } else { 1 };
        let Some(&first) = openings[file][minority].first() else {
            continue;
        };
        let name = |style: usize| if style == 0 { "curly" } else { "straight" };
        let total = counts[0] + counts[1];
        out.push(
            Finding::new(
                first,
                format!(
                    "this file mixes double quotation marks: {} and {}; the {} ones are the exception",
                    plural(counts[0], "curly mark", "curly marks"),
                    plural(counts[1], "straight mark", "straight marks"),
                    name(minority)
                ),
            )
            // Not the file's name: a renamed chapter keeps its baselined diagnostics.
            .identity(format!("quote style: {} marks are the exception", name(minority))),
        );
        if (counts[minority] as f64) < total as f64 * LIST_USES_UNDER {
            for &span in &openings[file][minority][1..] {
                out.push(
                    Finding::new(
                        span,
                        format!(
                            "{} quotation mark where this file mostly uses {} ones",
                            name(minority),
                            name(1 - minority)
                        ),
                    )
                    .at_most(Severity::Info),
                );
            }
        }
    }
}
