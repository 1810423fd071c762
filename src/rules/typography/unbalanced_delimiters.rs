use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::model::{Block, Manuscript, Role};
use crate::rules::Context;
use crate::source::Span;

use super::{delimiter_chars, is_stray_emphasis, text_pieces};

declare_rule! {
    /// A parenthesis, bracket or quotation mark that is never closed, or closes nothing.
    ///
    /// ## What it checks
    /// Within each paragraph and each note: `(` `)` and `[` `]` pair up; double quotation
    /// marks (curly `“ ”` and straight `"`) open and close; a single quotation mark that opens
    /// (`‘` or a straight `'` before a word) is closed. Apostrophes are told apart from quotes:
    /// `rock 'n' roll`, `the '30s`, `Kievan Rus'`, soft signs in romanized Russian (`Khar'kov`,
    /// `Rech'`) are not quotation marks, and a closing single quote is never reported (it
    /// cannot be told from an apostrophe). A quotation running over several paragraphs, each
    /// opening with a quotation mark, is not an error. The `)` of an enumeration (`a)`, `iv)`,
    /// `we ask: 1) whether … 2) how`) closes nothing and is not reported; a number's `)` with no
    /// neighbouring number (`1938), 56)`) is. A literal `*` or `_` left next to a word is broken
    /// emphasis (bibliography entries are left to `bibliography-entry-form`); a star page
    /// (`at *14`) is not.
    ///
    /// ## Why
    /// An unclosed parenthesis makes the reader hunt for where the aside ends; an unclosed
    /// quotation blurs the line between the source's words and the author's, which is what a
    /// thesis is judged on.
    ///
    /// ## Example
    /// ```markdown
    /// [^32]: I. Gudov, *Put' stakhanovtsa* (Moscow, 1938), 56).
    /// ```
    /// Remove the stray parenthesis:
    /// ```markdown
    /// [^32]: I. Gudov, *Put' stakhanovtsa* (Moscow, 1938), 56.
    /// ```
    pub static UNBALANCED_DELIMITERS = {
        code: "TY002",
        name: "unbalanced-delimiters",
        family: Typography,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

/// Words that begin with an apostrophe standing for missing letters.
const ELISIONS: &[&str] = &[
    "n", "em", "tis", "twas", "til", "cause", "round", "bout", "ol", "neath", "gainst", "s",
];

/// How far back a paragraph continued after a page's footnotes may be looked for.
const RECENT_PARAGRAPHS: usize = 4;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Paren,
    Bracket,
    Double,
    Single,
}

struct Mark {
    kind: Open,
    span: Span,
    shown: char,
    /// A `"` between two letters: an opening mark that lost its space if a later mark closes
    /// it, else a hard sign (`s"ezd`) or a unit — never reported as unclosed.
    tentative: bool,
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let units = units(ms);
    let mut findings: Vec<(usize, Finding)> = Vec::new();
    let mut loose: Vec<LooseEnd> = Vec::new();
    for (index, unit) in units.iter().enumerate() {
        let first = &ms.blocks[unit[0]];
        let continued_quotation = first.role == Role::Body
            && units
                .get(index + 1)
                .map(|next| &ms.blocks[next[0]])
                .is_some_and(|next| {
                    next.role == Role::Body && next.file == first.file && opens_with_quote(ms, next)
                });
        let blocks: Vec<&Block> = unit.iter().map(|&b| &ms.blocks[b]).collect();
        let mut unit_findings = Vec::new();
        let mut unit_loose = Vec::new();
        check_unit(
            ms,
            &blocks,
            continued_quotation,
            &mut unit_findings,
            &mut unit_loose,
        );
        if first.role == Role::Body {
            loose.extend(
                unit_loose
                    .into_iter()
                    .map(|end| LooseEnd { unit: index, ..end }),
            );
        }
        findings.extend(unit_findings.into_iter().map(|f| (index, f)));
    }
    let paired = paired_across_paragraphs(ms, &units, &loose);
    out.extend(
        findings
            .into_iter()
            .filter(|(_, f)| !paired.contains(&f.span))
            .map(|(_, f)| f),
    );
}

/// The mark opens a paragraph or follows a colon (`the clerk wrote: «`), and words follow it
/// (`« Allô`, `[The`, a dialogue's `« – Je`), as a passage's opening mark does. A mark inside
/// a sentence (`(1935.`) is that sentence's, and a stray one is often followed by punctuation
/// (`. ".` left of a garbled ellipsis).
fn opens_a_passage(ms: &Manuscript, unit: &[usize], span: Span) -> bool {
    let text = &ms.sources.get(span.file).text;
    let words_follow = text[span.end as usize..]
        .chars()
        .find(|c| !c.is_whitespace() && !matches!(c, '-' | '–' | '—'))
        .is_some_and(char::is_alphanumeric);
    let after_colon = text[..span.start as usize].trim_end().ends_with(':');
    let opens_paragraph = unit
        .iter()
        .map(|&b| &ms.blocks[b])
        .find(|b| b.span.contains(span))
        .and_then(|b| text_pieces(ms, b).find(|(_, t)| !t.trim().is_empty()))
        .is_some_and(|(piece, t)| {
            piece.start as usize + (t.len() - t.trim_start().len()) == span.start as usize
        });
    words_follow && (after_colon || opens_paragraph)
}

/// How many paragraphs a bracket or quotation may stay open over before manulint stops
/// taking a later closing mark for its end.
const PASSAGE_PARAGRAPHS: usize = 8;

/// A mark left open at the end of its paragraph, or a closing mark with nothing open.
#[derive(Clone, Copy)]
struct LooseEnd {
    unit: usize,
    kind: Open,
    opens: bool,
    span: Span,
}

/// The loose ends that close each other across paragraphs: a bracketed remark or a quotation
/// that runs over a few paragraphs or list items (a transcript quoted line by line), opened in
/// one and closed in a later one of the same section, with no other loose end of its kind
/// between. Neither is reported: the passage is longer than a paragraph, not unbalanced.
fn paired_across_paragraphs(
    ms: &Manuscript,
    units: &[Vec<usize>],
    loose: &[LooseEnd],
) -> rustc_hash::FxHashSet<Span> {
    let mut paired = rustc_hash::FxHashSet::default();
    for kind in [Open::Paren, Open::Bracket, Open::Double] {
        let ends: Vec<&LooseEnd> = loose.iter().filter(|end| end.kind == kind).collect();
        for pair in ends.windows(2) {
            let (opener, closer) = (pair[0], pair[1]);
            let first = &ms.blocks[units[opener.unit][0]];
            let last = &ms.blocks[units[closer.unit][0]];
            let heading_between = ms.blocks[units[opener.unit][0]..units[closer.unit][0]]
                .iter()
                .any(|b| b.role == Role::Heading);
            if opener.opens
                && opens_a_passage(ms, &units[opener.unit], opener.span)
                && !closer.opens
                && opener.unit < closer.unit
                && closer.unit - opener.unit <= PASSAGE_PARAGRAPHS
                && first.file == last.file
                && !heading_between
            {
                paired.insert(opener.span);
                paired.insert(closer.span);
            }
        }
    }
    paired
}

/// The passages delimiters must pair within: a note with all its paragraphs and page
/// fragments; a paragraph with its continuation after a page's footnotes (a document converted
/// from Word breaks paragraphs at page ends); a bibliography entry. In document order of their
/// first block.
fn units(ms: &Manuscript) -> Vec<Vec<usize>> {
    let mut units: Vec<Vec<usize>> = Vec::new();
    let mut note_unit: rustc_hash::FxHashMap<u32, usize> = rustc_hash::FxHashMap::default();
    // The body units since the last heading, and whether a page break was crossed since the
    // last body block.
    let mut recent: Vec<usize> = Vec::new();
    let mut crossed = false;
    for (id, block) in ms.blocks.iter().enumerate() {
        match block.role {
            Role::Note(note) => {
                // Notes between two paragraphs are a page's footnotes, break line or not.
                crossed = true;
                match note_unit.get(&note) {
                    Some(&unit) => units[unit].push(id),
                    None => {
                        note_unit.insert(note, units.len());
                        units.push(vec![id]);
                    }
                }
            }
            Role::Break => crossed = true,
            Role::Body => {
                let last_block = |unit: usize| &ms.blocks[*units[unit].last().unwrap_or(&id)];
                let open_ended = recent
                    .iter()
                    .rev()
                    .copied()
                    .find(|&unit| !ends_sentence(ms, last_block(unit)));
                let continued = if !crossed {
                    None
                } else if starts_lower(ms, block) || first_quote_closes(ms, block) {
                    // Captions may stand between a paragraph and its continuation.
                    open_ended.or(recent.last().copied())
                } else {
                    recent
                        .last()
                        .copied()
                        .filter(|&unit| Some(unit) == open_ended)
                };
                match continued.filter(|&unit| last_block(unit).file == block.file) {
                    Some(unit) => units[unit].push(id),
                    None => {
                        // A continuation resumes one of the last few paragraphs, never older.
                        if recent.len() == RECENT_PARAGRAPHS {
                            recent.remove(0);
                        }
                        recent.push(units.len());
                        units.push(vec![id]);
                    }
                }
                crossed = false;
            }
            Role::Bibliography => units.push(vec![id]),
            Role::Heading => recent.clear(),
        }
    }
    units
}

/// The block's text (note markers aside) ends with a full stop, question or exclamation mark.
fn ends_sentence(ms: &Manuscript, block: &Block) -> bool {
    let last = ms
        .block_runs(block)
        .iter()
        .rev()
        .find(|r| r.style & crate::model::TextRun::SUPERSCRIPT == 0);
    last.is_some_and(|run| {
        let text = ms.sources.get(block.file).text[run.start as usize..run.end as usize]
            .trim_end_matches(|c: char| {
                c.is_whitespace() || matches!(c, '”' | '"' | '’' | '\'' | ')' | '*')
            });
        text.ends_with(['.', '?', '!', ':'])
    })
}

/// The block's first double quotation mark closes a quotation: it continues one.
fn first_quote_closes(ms: &Manuscript, block: &Block) -> bool {
    for (_, text) in text_pieces(ms, block) {
        let mut before: Option<char> = None;
        for c in text.chars() {
            match c {
                '“' => return false,
                '”' => return true,
                '"' => return before.is_some_and(|b| !opens_after(b)),
                _ => {}
            }
            before = Some(c);
        }
    }
    false
}

fn starts_lower(ms: &Manuscript, block: &Block) -> bool {
    text_pieces(ms, block).next().is_some_and(|(_, text)| {
        text.trim_start()
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || matches!(c, ',' | ';' | ')' | ']' | '”'))
    })
}

fn opens_with_quote(ms: &Manuscript, block: &Block) -> bool {
    text_pieces(ms, block)
        .next()
        .is_some_and(|(_, text)| text.trim_start().starts_with(['“', '"', '«', '‘']))
}

fn check_unit(
    ms: &Manuscript,
    unit: &[&Block],
    continued_quotation: bool,
    out: &mut Vec<Finding>,
    loose: &mut Vec<LooseEnd>,
) {
    let mut quotations = Vec::new();
    read_unit(ms, unit, continued_quotation, out, &mut quotations, loose);
    // One misplaced quotation mark throws every later pairing of the passage off: report the
    // first quotation problem, not each mark it displaced.
    out.extend(quotations.into_iter().next());
}

/// Pairs the unit's delimiters: bracket and emphasis problems go to `out`, quotation-mark
/// problems, in reading order, to `quotations`, and the marks left open or closing nothing
/// to `loose` (with unit 0: the caller knows which unit it read).
fn read_unit(
    ms: &Manuscript,
    unit: &[&Block],
    continued_quotation: bool,
    out: &mut Vec<Finding>,
    quotations: &mut Vec<Finding>,
    loose: &mut Vec<LooseEnd>,
) {
    let mut loose_end = |kind, opens, span| {
        loose.push(LooseEnd {
            unit: 0,
            kind,
            opens,
            span,
        })
    };
    let mut open: Vec<Mark> = Vec::new();
    // The numbers written as `N)` after a space in the unit, read when a `)` closes nothing.
    let mut enumerated: Option<Vec<u32>> = None;
    let what = match unit[0].role {
        Role::Note(_) => "note",
        Role::Bibliography => "entry",
        _ => "paragraph",
    };
    for (index, block) in unit.iter().enumerate() {
        // A quotation over paragraphs of one note reopens with each paragraph and closes
        // only at its end: the paragraph before leaves its mark open on purpose.
        let reopens = text_pieces(ms, block)
            .next()
            .is_some_and(|(_, text)| text.trim_start().starts_with(['“', '"']));
        if index > 0 && reopens && open.last().is_some_and(|m| m.kind == Open::Double) {
            open.pop();
        }
        for (piece, text) in text_pieces(ms, block) {
            for (offset, c) in delimiter_chars(text) {
                // At a piece's start the character before is markup (`*Agora*'`) or the
                // previous run's last letter: read it from the file.
                let before = text[..offset].chars().next_back().or_else(|| {
                    let file_text = &ms.sources.get(piece.file).text;
                    file_text[..piece.start as usize].chars().next_back()
                });
                let after = text[offset + c.len_utf8()..].chars().next();
                let span = Span::new(
                    piece.file,
                    piece.start as usize + offset,
                    piece.start as usize + offset + c.len_utf8(),
                );
                let mark = |kind| Mark {
                    kind,
                    span,
                    shown: c,
                    tentative: false,
                };
                match c {
                    '(' => open.push(mark(Open::Paren)),
                    '[' => open.push(mark(Open::Bracket)),
                    ')' | ']' => {
                        let kind = if c == ')' { Open::Paren } else { Open::Bracket };
                        let preceding = &text[..offset];
                        let closes_something = close(&mut open, kind, out, what)
                            || is_enumerator(preceding)
                            || is_emoticon(preceding)
                            || c == ')' && in_enumeration(preceding, &mut enumerated, ms, unit);
                        if !closes_something {
                            loose_end(kind, false, span);
                            out.push(Finding::new(
                                span,
                                format!(
                                    "`{c}` closes nothing: no `{}` before it in this {what}",
                                    if c == ')' { '(' } else { '[' }
                                ),
                            ));
                        }
                    }
                    '“' | '«' => open.push(mark(Open::Double)),
                    '”' | '»' if !close(&mut open, Open::Double, out, what) => {
                        loose_end(Open::Double, false, span);
                        quotations.push(Finding::new(
                            span,
                            format!(
                                "`{c}` closes a quotation that was never opened in this {what}"
                            ),
                        ));
                    }
                    '"' => {
                        let opens = before.is_none_or(opens_after);
                        let closes = after.is_none_or(|a| !a.is_alphanumeric());
                        let has_open = open.iter().any(|m| m.kind == Open::Double);
                        if before.is_some_and(|b| b.is_ascii_digit()) && !has_open {
                            // 5" — inches.
                        } else if has_open && (closes || !opens) {
                            close(&mut open, Open::Double, out, what);
                        } else if opens {
                            open.push(mark(Open::Double));
                        } else if !closes {
                            // `was"right`: letters on both sides and nothing open — an opening
                            // mark whose space was lost, not a closing one.
                            open.push(Mark {
                                tentative: true,
                                ..mark(Open::Double)
                            });
                        } else if closes {
                            loose_end(Open::Double, false, span);
                            quotations.push(Finding::new(
                                span,
                                format!(
                                    "`\"` closes a quotation that was never opened in this {what}"
                                ),
                            ));
                        }
                    }
                    '‘' | '\'' => {
                        let word_start = before.is_none_or(opens_after);
                        let rest: String = text[offset + c.len_utf8()..]
                            .chars()
                            .take_while(|c| c.is_alphanumeric())
                            .collect();
                        let elided = rest.chars().next().is_some_and(|c| c.is_ascii_digit())
                            || ELISIONS.contains(&rest.to_lowercase().as_str());
                        let after_punctuation =
                            before.is_some_and(|b| matches!(b, ',' | '.' | ';' | '!' | '?'));
                        let after_emphasis = before.is_some_and(|b| matches!(b, '*' | '_'))
                            && after.is_none_or(|a| !a.is_alphanumeric());
                        if c == '\'' && (after_punctuation || after_emphasis) {
                            // `abortion,'14` (a note number typed after the closing quote),
                            // `*Agora*'`: a closing quote whatever follows.
                            close_single(&mut open);
                        } else if c == '\'' && !word_start {
                            // An apostrophe inside or after a word, or a closing quote.
                            if after.is_none_or(|a| !a.is_alphanumeric()) {
                                close_single(&mut open);
                            }
                        } else if after.is_some_and(|a| {
                            a.is_alphanumeric() || a == '“' || a == '"' || a == '*'
                        }) && !elided
                        {
                            open.push(mark(Open::Single));
                        }
                    }
                    '’' if after.is_none_or(|a| !a.is_alphanumeric()) => close_single(&mut open),
                    '*' | '_'
                        if what != "entry"
                            && ms.sources.get(piece.file).marks_can_be_markup()
                            && is_stray_emphasis(
                                &ms.sources.get(piece.file).text,
                                span.start as usize,
                            ) =>
                    {
                        out.push(Finding::new(
                            span,
                            format!("a literal `{c}` is left next to a word: broken emphasis?"),
                        ));
                    }
                    _ => {}
                }
            }
        }
    }
    for mark in open {
        if mark.tentative || continued_quotation && mark.kind == Open::Double {
            continue;
        }
        let (name, closer) = match mark.kind {
            Open::Paren => ("parenthesis", ")"),
            Open::Bracket => ("bracket", "]"),
            Open::Double => ("quotation", "closing quotation mark"),
            Open::Single => ("single quotation", "closing single quotation mark"),
        };
        let closer = if closer.len() == 1 {
            format!("`{closer}`")
        } else {
            closer.to_string()
        };
        loose_end(mark.kind, true, mark.span);
        let finding = Finding::new(
            mark.span,
            format!(
                "`{}` opens a {name} with no {closer} in this {what}",
                mark.shown
            ),
        );
        match mark.kind {
            Open::Double | Open::Single => quotations.push(finding),
            Open::Paren | Open::Bracket => out.push(finding),
        }
    }
}

/// A quote mark after this character opens a quotation.
fn opens_after(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '«' | '*' | '_'
        )
}

/// Pops the innermost mark of `kind`; marks opened after it and never closed are reported.
/// Single quotation marks inside are dropped silently: an apostrophe may have opened them.
fn close(open: &mut Vec<Mark>, kind: Open, out: &mut Vec<Finding>, what: &str) -> bool {
    let Some(position) = open.iter().rposition(|m| m.kind == kind) else {
        return false;
    };
    for inner in open.drain(position + 1..) {
        if inner.tentative
            || inner.kind == Open::Single
            || inner.kind == Open::Double && kind != Open::Double
        {
            continue;
        }
        out.push(Finding::new(
            inner.span,
            format!(
                "`{}` is not closed before the `{}` that ends the passage around it in this {what}",
                inner.shown,
                match kind {
                    Open::Paren => ')',
                    Open::Bracket => ']',
                    _ => '”',
                }
            ),
        ));
    }
    open.pop();
    true
}

fn close_single(open: &mut Vec<Mark>) {
    if let Some(position) = open.iter().rposition(|m| m.kind == Open::Single) {
        if open[position + 1..].iter().all(|m| m.kind == Open::Single) {
            open.truncate(position);
        }
    }
}

/// The number before a `)` (after a space) has a neighbour in the unit, `1)` … `2)`: the
/// items of an enumeration (`we ask 1) whether … and 2) how …`), where a stray `56)` after a
/// page number has none.
fn in_enumeration(
    before: &str,
    enumerated: &mut Option<Vec<u32>>,
    ms: &Manuscript,
    unit: &[&Block],
) -> bool {
    let Some(number) = enumerator_number(before) else {
        return false;
    };
    let numbers = enumerated.get_or_insert_with(|| enumerated_numbers(ms, unit));
    numbers.contains(&(number + 1)) || number > 1 && numbers.contains(&(number - 1))
}

/// `N` of an `N)` written after a space or at the start (or `(N)`): one or two digits.
fn enumerator_number(before: &str) -> Option<u32> {
    let digits = before.bytes().rev().take_while(u8::is_ascii_digit).count();
    let rest = &before[..before.len() - digits];
    let after_space = rest
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, ':' | ';' | '('));
    if !(1..=2).contains(&digits) || !after_space {
        return None;
    }
    before[rest.len()..].parse().ok()
}

fn enumerated_numbers(ms: &Manuscript, unit: &[&Block]) -> Vec<u32> {
    let mut numbers = Vec::new();
    for block in unit {
        for (_, text) in text_pieces(ms, block) {
            for (at, _) in text.match_indices(')') {
                numbers.extend(enumerator_number(&text[..at]));
            }
        }
    }
    numbers
}

/// `:-)`, `;)`, `:)`: a smiley, not a parenthesis.
fn is_emoticon(before: &str) -> bool {
    let before = before.strip_suffix('-').unwrap_or(before);
    before.ends_with([':', ';', '='])
}

/// `a)`, `2)`, `iv)` opening a list item or an enumeration inside a sentence: a letter or
/// roman numeral after a space, or a number at the start or after a colon or semicolon
/// (`56)` after a page reference is a stray parenthesis).
fn is_enumerator(before: &str) -> bool {
    let word: Vec<char> = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    let word_bytes: usize = word.iter().map(|c| c.len_utf8()).sum();
    let rest = &before[..before.len() - word_bytes];
    let mut previous = rest.chars().rev();
    let space = previous.next();
    if word.is_empty() || space.is_some_and(|c| !c.is_whitespace() && c != '(') {
        return false;
    }
    let letters = word.len() == 1 && word[0].is_alphabetic()
        || word.iter().all(|c| matches!(c, 'i' | 'v' | 'x'));
    let number = word.len() <= 2 && word.iter().all(char::is_ascii_digit);
    let after_space = previous.find(|c| !c.is_whitespace());
    letters || number && after_space.is_none_or(|c| matches!(c, ':' | ';' | '\n'))
}
