use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::model::{Role, TextRun};
use crate::rules::Context;
use crate::source::Span;

use super::{VOCABULARY, convention, plural, prose_blocks, text_pieces};

declare_rule! {
    /// One abbreviation written several ways: `Mat.` / `Matt.`, `vol.` / `Vol.`, `no.1` /
    /// `no. 1`, and `p.` before a range of pages.
    ///
    /// ## What it checks
    /// The abbreviations listed in `rules/typography.toml`, each with its competing forms. The
    /// form the manuscript uses most is its convention and the others are reported; forms
    /// that differ only in case are compared separately at the start of a sentence (`Vol. 42`
    /// after a full stop in a bibliography entry) and inside one (`vol. 42` in a note). For
    /// abbreviations before a number the space between them is part of the style (`no. 1` /
    /// `no.1`). `p.` before a range (`p. 12–15`, `p. 12--15`) should be `pp.`, and `pp.` before
    /// a single page `p.`. On a tie the form listed first in the table (and a space before the
    /// number) is taken as the standard.
    ///
    /// A minority form written five times or more, and at least a fifth as often as the usual
    /// one, is a second convention — texts reproduced from sources keep theirs — and is not
    /// reported; spaced letters (`e. g.`, `i. e.`) are counted together as one style.
    ///
    /// ## Why
    /// Copy-editors mark every variant of an abbreviation; a manuscript that writes `vol. 3`
    /// in one entry and `Vol. 42` in the next looks unedited.
    ///
    /// ## Example
    /// ```markdown
    /// - Lenin, V. I. *Polnoe sobranie sochinenii*. Vol. 42. Moscow, 1970.
    /// - Kolakowski, Leszek. *Main Currents in Marxism*. vol. 3. New York, 1981.
    /// ```
    /// Write it the same way:
    /// ```markdown
    /// - Kolakowski, Leszek. *Main Currents in Marxism*. Vol. 3. New York, 1981.
    /// ```
    pub static ABBREVIATION_CONSISTENCY = {
        code: "TY006",
        name: "abbreviation-consistency",
        family: Typography,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

/// The forms of the table by their leading letters (`vol` for `vol.`, `et` for `et al.`), as
/// (entry, form) pairs: the text is read word by word and only a word that opens some form
/// is looked at further. The forms are short and common (`p.`, `no.`), so a multi-pattern
/// search would stop everywhere.
struct Forms {
    by_lead: FxHashMap<&'static str, Vec<(usize, usize)>>,
    longest_lead: usize,
    /// Leads some form continues after without a full stop (`et` of `et al.`, `circa`): other
    /// words are looked up only when a full stop follows them.
    leads_without_stop: Vec<memchr::memmem::Finder<'static>>,
}

static FORMS: LazyLock<Forms> = LazyLock::new(|| {
    let vocabulary: &'static super::Vocabulary = &VOCABULARY;
    let mut by_lead: FxHashMap<&'static str, Vec<(usize, usize)>> = FxHashMap::default();
    for (group, entry) in vocabulary.abbreviation.iter().enumerate() {
        for (index, form) in entry.forms.iter().enumerate() {
            let lead = &form[..form
                .bytes()
                .position(|b| !b.is_ascii_alphabetic())
                .unwrap_or(form.len())];
            by_lead.entry(lead).or_default().push((group, index));
        }
    }
    let longest_lead = by_lead.keys().map(|lead| lead.len()).max().unwrap_or(0);
    let mut leads_without_stop: Vec<&'static str> = vocabulary
        .abbreviation
        .iter()
        .flat_map(|entry| &entry.forms)
        .filter_map(|form| {
            let lead_len = form
                .bytes()
                .position(|b| !b.is_ascii_alphabetic())
                .unwrap_or(form.len());
            (form.as_bytes().get(lead_len) != Some(&b'.')).then_some(&form[..lead_len])
        })
        .collect();
    leads_without_stop.sort_unstable();
    leads_without_stop.dedup();
    Forms {
        by_lead,
        longest_lead,
        leads_without_stop: leads_without_stop
            .into_iter()
            .map(|lead| memchr::memmem::Finder::new(lead.as_bytes()))
            .collect(),
    }
});

pub(super) fn prepare_tables() {
    LazyLock::force(&FORMS);
}

impl Forms {
    /// The longest form written at each word start of `text`, as (start, end, entry, form),
    /// reading on after each match. Only words before a full stop, and the few leads some form
    /// continues after without one, are looked at: the text is not read word by word.
    fn find_all(&self, text: &str, found: &mut Vec<(usize, usize, usize, usize)>) {
        found.clear();
        let bytes = text.as_bytes();
        let mut starts: Vec<usize> = Vec::new();
        for stop in memchr::memchr_iter(b'.', bytes) {
            let lead = bytes[..stop]
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_alphabetic())
                .count();
            if (1..=self.longest_lead).contains(&lead) {
                starts.push(stop - lead);
            }
        }
        for lead in &self.leads_without_stop {
            for at in lead.find_iter(bytes) {
                let end = at + lead.needle().len();
                let word_start = at == 0 || !bytes[at - 1].is_ascii_alphabetic();
                if word_start && bytes.get(end).is_none_or(|b| !b.is_ascii_alphabetic()) {
                    starts.push(at);
                }
            }
        }
        starts.sort_unstable();
        starts.dedup();
        let groups = &VOCABULARY.abbreviation;
        let mut resume = 0;
        for start in starts {
            if start < resume {
                continue;
            }
            let lead_end = start
                + bytes[start..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphabetic())
                    .count();
            let Some(candidates) = self.by_lead.get(&text[start..lead_end]) else {
                continue;
            };
            let rest = &text[start..];
            let longest = candidates
                .iter()
                .map(|&(group, form)| (group, form, groups[group].forms[form].as_str()))
                .filter(|(_, _, written)| rest.starts_with(written))
                .max_by_key(|(_, _, written)| written.len());
            if let Some((group, form, written)) = longest {
                resume = start + written.len();
                found.push((start, resume, group, form));
            }
        }
    }
}

struct Use {
    span: Span,
    group: usize,
    form: usize,
    /// After a full stop or at the start of a note or entry.
    sentence_start: bool,
    /// For abbreviations before a number: a space separates them.
    spaced: Option<bool>,
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let forms = &*FORMS;
    let groups = &VOCABULARY.abbreviation;
    let mut uses: Vec<Use> = Vec::new();
    let mut found = Vec::new();
    for (_, block) in prose_blocks(ms) {
        let cites = matches!(block.role, Role::Note(_) | Role::Bibliography);
        let runs = ms.block_runs(block);
        for (piece, text) in text_pieces(ms, block) {
            forms.find_all(text, &mut found);
            for &(matched_start, matched_end, group, form) in &found {
                let matched = &text[matched_start..matched_end];
                // A title cited in italics keeps its publisher's abbreviation (`circa`, `c.`).
                let at = piece.start + matched_start as u32;
                let run = runs.partition_point(|r| r.end <= at);
                if cites
                    && runs
                        .get(run)
                        .is_some_and(|r| r.start <= at && r.style & TextRun::EMPHASIS != 0)
                {
                    continue;
                }
                let entry = &groups[group];
                let before = text[..matched_start].chars().next_back();
                let after = &text[matched_end..];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '.')
                    || !matched.ends_with('.')
                        && after.starts_with(|c: char| c.is_alphanumeric() || c == '.')
                {
                    continue;
                }
                let spaced = if entry.number {
                    let gap = after.len() - after.trim_start_matches([' ', '\u{a0}']).len();
                    if gap > 2 || !after[gap..].starts_with(|c: char| c.is_ascii_digit()) {
                        continue;
                    }
                    Some(gap > 0)
                } else {
                    None
                };
                let preceding = text[..matched_start].trim_end();
                let span = Span::new(
                    piece.file,
                    piece.start as usize + matched_start,
                    piece.start as usize + matched_end,
                );
                if let Some(misuse) = page_misuse(matched, after).filter(|_| ms.writes_english()) {
                    out.push(Finding::new(span, misuse));
                }
                uses.push(Use {
                    span,
                    group,
                    form,
                    sentence_start: preceding.is_empty() || preceding.ends_with(['.', '?', '!']),
                    spaced,
                });
            }
        }
    }
    // `e. g.` and `i. e.` against `e.g.` and `i.e.`: spaced letters are one style across the
    // abbreviations that have both forms, counted together.
    let spaceless = |group: usize, form: usize| -> Option<usize> {
        let written = &groups[group].forms[form];
        let tight: String = written.chars().filter(|c| *c != ' ').collect();
        (tight != *written)
            .then(|| groups[group].forms.iter().position(|f| *f == tight))
            .flatten()
    };
    let spaced_uses = uses
        .iter()
        .filter(|u| spaceless(u.group, u.form).is_some())
        .count();
    let tight_uses = uses
        .iter()
        .filter(|u| (0..groups[u.group].forms.len()).any(|f| spaceless(u.group, f) == Some(u.form)))
        .count();
    let spacing_is_a_convention = second_convention(spaced_uses, tight_uses);
    let mut messages: Vec<Vec<String>> = uses.iter().map(|_| Vec::new()).collect();
    let mut related: Vec<Option<Span>> = vec![None; uses.len()];
    for (group, entry) in groups.iter().enumerate() {
        let members: Vec<usize> = (0..uses.len())
            .filter(|&u| uses[u].group == group)
            .collect();
        if members.is_empty() {
            continue;
        }
        let case_only = entry
            .forms
            .iter()
            .all(|f| f.eq_ignore_ascii_case(&entry.forms[0]));
        let classes: &[Option<bool>] = if case_only {
            &[Some(true), Some(false)]
        } else {
            &[None]
        };
        for &class in classes {
            let in_class: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&u| class.is_none_or(|c| uses[u].sentence_start == c))
                .collect();
            let mut counts = vec![0usize; entry.forms.len()];
            for &u in &in_class {
                counts[uses[u].form] += 1;
            }
            let Some(usual) = usual_form(&counts, false) else {
                continue;
            };
            let first_usual = in_class.iter().copied().find(|&u| uses[u].form == usual);
            let place = match class {
                Some(true) => " after a full stop",
                Some(false) => " inside a sentence",
                None => "",
            };
            for &u in in_class.iter().filter(|&&u| uses[u].form != usual) {
                let form = uses[u].form;
                if second_convention(counts[form], counts[usual])
                    || spacing_is_a_convention && spaceless(group, form) == Some(usual)
                {
                    continue;
                }
                messages[u].push(format!(
                    "the manuscript writes `{}`{place} ({})",
                    entry.forms[usual],
                    plural(counts[usual], "time", "times")
                ));
                related[u] = related[u].or(first_usual.map(|f| uses[f].span));
            }
        }
        if entry.number {
            let mut counts = vec![0usize; 2];
            for &u in &members {
                counts[usize::from(uses[u].spaced == Some(true))] += 1;
            }
            let Some(usual) = usual_form(&counts, true) else {
                continue;
            };
            for &u in members
                .iter()
                .filter(|&&u| usize::from(uses[u].spaced == Some(true)) != usual)
            {
                let form = &entry.forms[uses[u].form];
                messages[u].push(if usual == 1 {
                    format!(
                        "the manuscript puts a space between `{form}` and the number ({})",
                        plural(counts[1], "time", "times")
                    )
                } else {
                    format!(
                        "the manuscript writes `{form}` against the number, with no space ({})",
                        plural(counts[0], "time", "times")
                    )
                });
            }
        }
    }
    for ((use_, lines), related) in uses.iter().zip(messages).zip(related) {
        if lines.is_empty() {
            continue;
        }
        let form = &groups[use_.group].forms[use_.form];
        let mut finding = Finding::new(
            use_.span,
            format!("`{form}` written differently here: {}", lines.join("; ")),
        );
        if let Some(span) = related {
            finding = finding.related(span, "the usual form");
        }
        out.push(finding);
    }
}

/// The convention among competing forms; on a tie between the leaders, the one listed first
/// (the table lists the standard form first; for spacing, with a space).
fn usual_form(counts: &[usize], prefer_last: bool) -> Option<usize> {
    if counts.iter().filter(|c| **c > 0).count() < 2 {
        return None;
    }
    let most = counts.iter().copied().max()?;
    let mut leaders = counts
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == most)
        .map(|(i, _)| i);
    convention(counts).or(if prefer_last {
        leaders.next_back()
    } else {
        leaders.min()
    })
}

/// A minority written five times or more, and at least a fifth as often as the usual form, is
/// a second convention (reproduced texts keep their own), not a slip.
fn second_convention(minority: usize, usual: usize) -> bool {
    minority >= 5 && minority * 5 >= usual
}

/// `p. 12–15` (a range needs `pp.`) and `pp. 12` (one page needs `p.`). Pandoc's `--` is an
/// en dash.
fn page_misuse(form: &str, after: &str) -> Option<String> {
    let rest = after.trim_start_matches([' ', '\u{a0}']);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let tail = &rest[digits..];
    // Pandoc writes the en dash as `--` (and the em dash as `---`): `pp. 43--45` is a range.
    let after_dashes = tail.trim_start_matches(['-', '–', '—']);
    let range =
        after_dashes.len() < tail.len() && after_dashes.starts_with(|c: char| c.is_ascii_digit());
    match form {
        "p." if range => Some("`p.` before a range of pages: a range takes `pp.`".to_string()),
        "pp." if !range && !tail.starts_with([',', 'f', ' ']) => {
            Some("`pp.` before a single page: one page takes `p.`".to_string())
        }
        _ => None,
    }
}
