use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::rules::Context;
use crate::source::Span;

use super::{plural, prose_blocks, text_pieces};

declare_rule! {
    /// Straight and curly double quotation marks mixed in one file.
    ///
    /// ## What it checks
    /// Counts the curly (`“ ”`) and straight (`"`) double quotation marks of each file. When
    /// both are used, one warning per file gives the counts, at the first quotation in the
    /// less used style, with every other quotation in that style as a related place. Single
    /// quotes are not counted: straight apostrophes in romanized Russian (`Khar'kov`) are
    /// letters, not quotation marks.
    ///
    /// A file that writes its dashes as `--` and `---` is typed for smart typography (Pandoc's
    /// default, LaTeX): the processor turns every straight mark into a curly one, so the
    /// printed page shows no mix and nothing is reported.
    ///
    /// A house style declared in `manulint.toml` decides instead of the file's majority, and
    /// a file written wholly in the other style is reported too:
    /// ```toml
    /// [rules.quote-style]
    /// marks = "curly"   # or "straight"
    /// ```
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
        options: ["marks"],
        check: check,
    };
}

/// The values `marks` takes in `[rules.quote-style]`.
pub const MARKS_OPTION_VALUES: &[&str] = &["curly", "straight"];

/// `--` between words this many times marks a file typed for smart typography.
const SMART_DASHES: usize = 2;

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    // Per file: the opening mark of each quotation, curly then straight.
    let mut openings: Vec<[Vec<Span>; 2]> =
        (0..ms.sources.len()).map(|_| Default::default()).collect();
    let mut marks = vec![[0usize; 2]; ms.sources.len()];
    let mut ascii_dashes = vec![0usize; ms.sources.len()];
    for (_, block) in prose_blocks(ms) {
        for (piece, text) in text_pieces(ms, block) {
            let file = piece.file.0 as usize;
            ascii_dashes[file] += count_ascii_dashes(text);
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
    let declared = match cx.options.table.get("marks").and_then(toml::Value::as_str) {
        Some("curly") => Some(0),
        Some("straight") => Some(1),
        _ => None,
    };
    let name = |style: usize| if style == 0 { "curly" } else { "straight" };
    for (file, counts) in marks.iter().enumerate() {
        if ascii_dashes[file] >= SMART_DASHES {
            continue;
        }
        let (minority, message) = match declared {
            Some(house) => {
                let other = 1 - house;
                if counts[other] == 0 {
                    continue;
                }
                (
                    other,
                    format!(
                        "this file writes {} where the house style (manulint.toml) is {}",
                        plural(
                            counts[other],
                            &format!("{} quotation mark", name(other)),
                            &format!("{} quotation marks", name(other))
                        ),
                        name(house)
                    ),
                )
            }
            None => {
                if counts[0] == 0 || counts[1] == 0 {
                    continue;
                }
                let minority = if counts[0] < counts[1] { 0 } else { 1 };
                (
                    minority,
                    format!(
                        "this file mixes double quotation marks: {} and {}; the {} ones are the exception",
                        plural(counts[0], "curly mark", "curly marks"),
                        plural(counts[1], "straight mark", "straight marks"),
                        name(minority)
                    ),
                )
            }
        };
        let Some((&first, others)) = openings[file][minority].split_first() else {
            continue;
        };
        let mut finding = Finding::new(first, message)
            // Not the file's name: a renamed chapter keeps its baselined diagnostics.
            .identity(format!(
                "quote style: {} marks are the exception",
                name(minority)
            ));
        // Every place is listed: the human report shows the first few, JSON and SARIF all.
        for &span in others {
            finding = finding.related(span, format!("{} quotation mark", name(minority)));
        }
        out.push(finding);
    }
}

/// `--` or `---` typed between two characters that are not spaces (`1935--1937`,
/// `past---always`, `”---and`).
fn count_ascii_dashes(text: &str) -> usize {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, b"--")
        .filter(|&at| {
            let before = at.checked_sub(1).map(|i| bytes[i]);
            let after_run = bytes[at..].iter().take_while(|&&b| b == b'-').count();
            let word_like = |b: &u8| !b.is_ascii_whitespace() && *b != b'-';
            before.is_some_and(|b| word_like(&b))
                && bytes.get(at + after_run).is_some_and(word_like)
        })
        .count()
}
