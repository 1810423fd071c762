use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::fix::Fix;
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
    ///
    /// ## Fix
    /// `--fix` adds or removes the space after the abbreviation, and the full stop of `ob`, as the manuscript usually writes them.
    pub static ARCHIVAL_SIGNATURE_FORMAT = {
        code: "TY007",
        name: "archival-signature-format",
        family: Typography,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

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
            let written = ms.text(e.span).trim_end();
            let replacement = if usual == 0 {
                written.to_string()
            } else {
                format!("{written} ")
            };
            // The message names the usual form; every exception pointing at one example
            // would only repeat it.
            out.push(Finding::new(e.span, message).fix(Fix::safe_replacement(e.span, replacement)));
        }
        if let Some((span, period)) = e.ob {
            if let Some(usual) = usual_ob.filter(|&u| u != usize::from(period)) {
                out.push(
                    Finding::new(
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
                    )
                    .fix(Fix::safe_replacement(
                        span,
                        if usual == 1 { "ob." } else { "ob" },
                    )),
                );
            }
        }
    }
}

/// One element of a signature as read: `d.633`, `l. 29ob`.
struct Read {
    /// From the abbreviation to the number (the space included).
    key: std::ops::Range<usize>,
    spaced: bool,
    ob: Option<(std::ops::Range<usize>, bool)>,
    end: usize,
}

/// Calls `found(abbreviation range, key, spaced, ob)` for each element of each signature
/// chain (`f.85, o.29, d.633, l.12`) in a piece of text: a fond followed by at least one more
/// element, joined by commas.
fn read_chains(
    text: &str,
    mut found: impl FnMut(std::ops::Range<usize>, &str, bool, Option<(std::ops::Range<usize>, bool)>),
) {
    let mut chain: Vec<Read> = Vec::new();
    let mut flush = |chain: &mut Vec<Read>| {
        if chain.len() >= 2 && &text[chain[0].key.start..chain[0].key.start + 1] == "f" {
            for element in chain.iter() {
                let name_end = text[element.key.clone()]
                    .find('.')
                    .map_or(element.key.end, |i| element.key.start + i);
                found(
                    element.key.clone(),
                    &text[element.key.start..name_end],
                    element.spaced,
                    element.ob.clone(),
                );
            }
        }
        chain.clear();
    };
    for dot in memchr::memchr_iter(b'.', text.as_bytes()) {
        let Some(element) = element_at(text, dot) else {
            continue;
        };
        let joined = chain.last().is_some_and(|last| {
            let gap = text.get(last.end..element.key.start).unwrap_or(";");
            gap.trim_start().starts_with(',') && gap.len() <= 12 && !gap.contains([';', '.'])
        });
        if !joined {
            flush(&mut chain);
        }
        chain.push(element);
    }
    flush(&mut chain);
}

/// The signature element whose abbreviation ends with the full stop at `dot`.
fn element_at(text: &str, dot: usize) -> Option<Read> {
    let bytes = text.as_bytes();
    let name_start = bytes[..dot]
        .iter()
        .rposition(|b| !b.is_ascii_alphabetic())
        .map_or(0, |i| i + 1);
    let name = &text[name_start..dot];
    if !matches!(name, "f" | "o" | "op" | "d" | "l" | "ll") {
        return None;
    }
    let mut i = dot + 1;
    let spaced = bytes.get(i) == Some(&b' ');
    if spaced {
        i += 1;
    }
    // `R5451`, `Р5451`: a letter before the fond number.
    if bytes.get(i).is_some_and(u8::is_ascii_uppercase) {
        i += 1;
    } else if text[i..].starts_with('Р') {
        i += 'Р'.len_utf8();
    }
    let digits = bytes[i.min(bytes.len())..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 {
        return None;
    }
    i += digits;
    let mut ob = None;
    if text[i..].starts_with("ob") {
        let after = &text[i + 2..];
        // `29ob,` or `29ob.,`: a bare `ob.` at the end of the note may be its full stop.
        if after.starts_with([',', ';']) {
            ob = Some((i..i + 2, false));
        } else if after.starts_with(".,") || after.starts_with(".;") {
            ob = Some((i..i + 3, true));
        }
    }
    let letters = bytes[i..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    i += letters;
    // `l.127-128`.
    if matches!(bytes.get(i), Some(b'-')) && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1 + bytes[i + 1..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
    }
    Some(Read {
        key: name_start..dot + 1 + usize::from(spaced),
        spaced,
        ob,
        end: i,
    })
}
