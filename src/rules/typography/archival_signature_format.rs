use std::sync::LazyLock;

use regex::Regex;

use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::rules::Context;
use crate::source::Span;

use super::{convention, plural, prose_blocks, text_pieces};

declare_rule! {
    /// Archival signatures written two ways: `f.85` / `f. 85`, `d.633` / `d. 633`,
    /// `l.29ob` / `l.29ob.`.
    ///
    /// ## What it checks
    /// Signatures of Russian and Soviet archives — fond, opis', delo, list (`f.`, `op.` or
    /// `o.`, `d.`, `l.`/`ll.`, with `ob` for the reverse of a sheet) — found as a chain that
    /// starts with the fond (`RGASPI f.85, o.29, d.633, l.12`). The space after the
    /// abbreviations and the full stop after `ob` follow the manuscript's majority; the
    /// exceptions are reported. A lone `d. 1937` (died) or `l. 12` (line) outside a chain is
    /// not read.
    ///
    /// ## Why
    /// Archival references are typed by hand, one at a time, over months in the reading room;
    /// their spacing drifts, and examiners read a uniform apparatus as a sign of care.
    ///
    /// ## Example
    /// ```markdown
    /// [^7]: RGASPI f.85, o.29, d.633, l.12.
    /// [^8]: RGASPI f.85, o.29, d. 634, l.8.
    /// ```
    /// Write them alike:
    /// ```markdown
    /// [^8]: RGASPI f.85, o.29, d.634, l.8.
    /// ```
    pub static ARCHIVAL_SIGNATURE_FORMAT = {
        code: "TY007",
        name: "archival-signature-format",
        family: Typography,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

static ELEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?P<key>ed\. ?khr|op|ll|[fodl])\.(?P<space> ?)(?P<value>[A-ZР]?\d+[A-Za-z]*(?:[-–]\d+[A-Za-z]*)?)(?P<ob> ?ob\.?)?",
    )
    .unwrap_or_else(|e| panic!("built-in pattern: {e}"))
});

struct Element {
    /// The abbreviation with its full stop and the space after it, if any.
    span: Span,
    key: String,
    spaced: bool,
    /// `ob` written after the sheet number: with its full stop or not.
    ob: Option<(Span, bool)>,
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let mut elements: Vec<Element> = Vec::new();
    for (_, block) in prose_blocks(ms) {
        for (piece, text) in text_pieces(ms, block) {
            if !text.contains("f.") && !text.contains("F.") {
                continue;
            }
            read_chains(text, |range, key, spaced, ob| {
                let span = |r: std::ops::Range<usize>| {
                    Span::new(
                        piece.file,
                        piece.start as usize + r.start,
                        piece.start as usize + r.end,
                    )
                };
                elements.push(Element {
                    span: span(range),
                    key: key.to_string(),
                    spaced,
                    ob: ob.map(|(r, period)| (span(r), period)),
                });
            });
        }
    }
    let mut spacing = [0usize; 2];
    for e in &elements {
        spacing[usize::from(e.spaced)] += 1;
    }
    let mut ob = [0usize; 2];
    for (_, period) in elements.iter().filter_map(|e| e.ob) {
        ob[usize::from(period)] += 1;
    }
    let usual_spacing = convention(&spacing);
    let usual_ob = convention(&ob);
    let first_spacing = |spaced: bool| elements.iter().find(|e| e.spaced == spaced).map(|e| e.span);
    for e in &elements {
        if let Some(usual) = usual_spacing.filter(|&u| u != usize::from(e.spaced)) {
            let message = if usual == 0 {
                format!(
                    "`{}.` followed by a space; the manuscript's signatures write the number against it ({})",
                    e.key,
                    plural(spacing[0], "time", "times")
                )
            } else {
                format!(
                    "`{}.` with no space before the number; the manuscript's signatures put a space ({})",
                    e.key,
                    plural(spacing[1], "time", "times")
                )
            };
            let mut finding = Finding::new(e.span, message);
            if let Some(example) = first_spacing(usual == 1) {
                finding = finding.related(example, "the usual spacing");
            }
            out.push(finding);
        }
        if let Some((span, period)) = e.ob {
            if let Some(usual) = usual_ob.filter(|&u| u != usize::from(period)) {
                out.push(Finding::new(
                    span,
                    if usual == 1 {
                        format!(
                            "`ob` without its full stop; the manuscript writes `ob.` ({})",
                            plural(ob[1], "time", "times")
                        )
                    } else {
                        format!(
                            "`ob.` with a full stop; the manuscript writes `ob` ({})",
                            plural(ob[0], "time", "times")
                        )
                    },
                ));
            }
        }
    }
}

/// Calls `found(abbreviation range, key, spaced, ob)` for each element of each signature
/// chain (`f.85, o.29, d.633, l.12`) in a piece of text.
fn read_chains(
    text: &str,
    mut found: impl FnMut(std::ops::Range<usize>, &str, bool, Option<(std::ops::Range<usize>, bool)>),
) {
    let mut chain: Vec<regex::Captures<'_>> = Vec::new();
    let mut flush = |chain: &mut Vec<regex::Captures<'_>>| {
        // A fond followed by at least one more element: a signature, not a stray `f.`.
        let is_signature =
            chain.len() >= 2 && chain[0].name("key").is_some_and(|k| k.as_str() == "f");
        if is_signature {
            for element in chain.iter() {
                let (Some(key), Some(space)) = (element.name("key"), element.name("space")) else {
                    continue;
                };
                let ob = element
                    .name("ob")
                    .map(|m| (m.range(), m.as_str().ends_with('.')));
                found(
                    key.start()..space.end(),
                    key.as_str(),
                    !space.as_str().is_empty(),
                    ob,
                );
            }
        }
        chain.clear();
    };
    let mut last_end = 0;
    for element in ELEMENT.captures_iter(text) {
        let Some(whole) = element.get(0) else {
            continue;
        };
        let joined = !chain.is_empty() && {
            let gap = &text[last_end..whole.start()];
            gap.trim_start().starts_with(',') && gap.len() <= 12 && !gap.contains([';', '.'])
        };
        if !joined {
            flush(&mut chain);
        }
        last_end = whole.end();
        chain.push(element);
    }
    flush(&mut chain);
}
