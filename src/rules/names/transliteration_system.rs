use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::rules::Context;
use crate::source::Span;
use crate::text::is_english_word;

use super::romanization::{Evidence, Table};
use super::{Script, script_of};
use crate::indexes::words::WordContext;

declare_rule! {
    /// A romanized word in a citation written in another system than the manuscript's.
    ///
    /// ## What it checks
    /// The lower-case, non-English words of cited titles (in notes and bibliography) show
    /// which romanization of Russian the manuscript follows. The systems' spellings of the
    /// letters they write differently are in `rules/romanization.toml`: ALA-LC (Library of
    /// Congress) writes я and ю as *ia* and *iu*, BGN/PCGN and popular romanization as *ya* and
    /// *yu*, ISO 9 as *â* and *û*, with *ž*, *č*, *š*, *h* where the others write *zh*, *ch*,
    /// *sh*, *kh*. When one system clearly dominates (three times as many words as all others,
    /// or declared with `[names] system = "ala-lc"`, `"bgn-pcgn"` or `"iso9"`), each title word
    /// in another system is reported with its spelling in the manuscript's system. A spelling
    /// other languages share (Italian *industriale*, Czech *Život*) is reported only when the
    /// word also looks Russian or another word of its title is in the same other system.
    /// Names are left to `name-variant`: authors are cited as their works print them.
    ///
    /// ## Why
    /// Bibliographies and library catalogues use one system; a title romanized differently
    /// is hard to find and looks careless beside its neighbours.
    ///
    /// ## Example
    /// ```markdown
    /// *Pervoe vsesoyuznoe soveshchanie rabochikh i rabotnits*
    /// ```
    /// In a manuscript that writes *vsesoiuznoe* everywhere else, write *vsesoiuznoe*.
    pub static TRANSLITERATION_SYSTEM = {
        code: "NM002",
        name: "transliteration-system",
        family: Names,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

/// The romanization the manuscript's citations follow: declared in the config, or the
/// system three times as many cited title words agree with as disagree. Other names rules
/// take its spelling as the canonical one.
pub fn manuscript_system(cx: &Context<'_>) -> Option<usize> {
    votes_of(cx).system
}

/// What the cited titles say about the romanization system: built once, read by
/// transliteration-system, name-variant and diacritic-variant.
pub struct RomanizationVotes {
    /// Each word with evidence: where, what it says, and its text run (its title).
    candidates: Vec<(Span, Evidence, u32)>,
    system: Option<usize>,
}

fn votes_of<'c>(cx: &Context<'c>) -> &'c RomanizationVotes {
    cx.indexes.romanization_votes(|| {
        let candidates = candidates(cx);
        let system = dominant_system(cx, &candidates);
        RomanizationVotes { candidates, system }
    })
}

/// Lower-case, non-English words of cited titles whose spelling narrows the systems down.
fn candidates(cx: &Context<'_>) -> Vec<(Span, Evidence, u32)> {
    let ms = cx.manuscript;
    let titles = super::cited_titles(cx);
    let in_title = |span: Span| super::containing(&titles, span).is_some();
    let table = Table::get();
    let mut candidates: Vec<(Span, Evidence, u32)> = Vec::new();
    for word in &cx.indexes.words().words {
        // Cited titles stand in notes and the bibliography.
        let cited = matches!(
            word.context(),
            WordContext::Note | WordContext::Bibliography
        );
        if !cited || word.capitalized() || word.quoted() {
            continue;
        }
        // A web address is spelt as its owner registered it, in no romanization.
        let in_link = ms
            .runs
            .get(word.run as usize)
            .is_some_and(|run| run.style & crate::model::TextRun::LINK != 0);
        if in_link {
            continue;
        }
        let text = ms.text(word.span());
        if text.len() < 4 {
            continue;
        }
        // Cheapest tests first: in a cited title, with a marker; the dictionary last.
        if !in_title(word.span()) {
            continue;
        }
        let lower = text.to_lowercase();
        if lower
            .chars()
            .any(|c| c.is_alphabetic() && script_of(c) != Script::Latin)
        {
            continue;
        }
        let Some(evidence) = table.evidence(&lower) else {
            continue;
        };
        let bare: String = lower.chars().filter(char::is_ascii_alphabetic).collect();
        if !(lower.is_ascii() && is_english_word(&bare)) {
            candidates.push((word.span(), evidence, word.run));
        }
    }
    candidates
}

fn votes(candidates: &[(Span, Evidence, u32)], system: usize) -> usize {
    candidates
        .iter()
        .filter(|(_, e, _)| e.systems & (1 << system) != 0)
        .count()
}

fn dominant_system(cx: &Context<'_>, candidates: &[(Span, Evidence, u32)]) -> Option<usize> {
    let table = Table::get();
    let against = |system: usize| candidates.len() - votes(candidates, system);
    let declared = cx
        .config
        .names_system
        .as_deref()
        .and_then(|name| table.lookup(name));
    declared.or_else(|| {
        (0..table.systems.len())
            .filter(|&s| {
                let votes = votes(candidates, s);
                votes > 0 && votes >= 3 * against(s).max(1)
            })
            .max_by_key(|&s| votes(candidates, s))
    })
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let table = Table::get();
    let votes_here = votes_of(cx);
    let candidates = &votes_here.candidates;
    let Some(system) = votes_here.system else {
        return;
    };
    let name = &table.systems[system].name;
    let majority = votes(candidates, system);
    // A spelling other languages share (Czech *Život*) is evidence against the manuscript's
    // system only when another word of the same title bears it out.
    let mut against_per_title: rustc_hash::FxHashMap<u32, usize> = Default::default();
    for (_, evidence, run) in candidates {
        if evidence.systems & (1 << system) == 0 {
            *against_per_title.entry(*run).or_default() += 1;
        }
    }
    for (span, evidence, run) in candidates {
        let text = cx.manuscript.text(*span);
        let corroborated = against_per_title.get(run).is_some_and(|&n| n >= 2);
        if evidence.systems & (1 << system) != 0 || (evidence.weak && !corroborated) {
            continue;
        }
        out.push(Finding::new(
            *span,
            format!(
                "`{text}` is romanized in another system than the manuscript's citations ({name}, {majority} words); write `{}`",
                table.respell(text, evidence.systems, system)
            ),
        ));
    }
}
