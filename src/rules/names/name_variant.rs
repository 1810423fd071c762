use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::indexes::words::{Word, WordContext};
use crate::rules::Context;
use crate::text::{fold, is_english_word, romanization_key};

use super::{Script, script_of};

declare_rule! {
    /// Two or more spellings of what is probably one name.
    ///
    /// ## What it checks
    /// Proper names — capitalised words the manuscript never writes in lower case, in prose,
    /// notes and bibliography — are reduced to a stem: folded (case, diacritics, apostrophes),
    /// romanization alternations merged (ia/ya, iu/yu, ii/y endings, ts/tz), Russian case and
    /// gender endings and English plurals removed, so *Vinogradov*, *Vinogradova* and
    /// *Vinogradovoi* are one name. Stems one edit apart (a letter changed, dropped, added or
    /// two swapped, found through a deletion index, never by comparing every pair) are
    /// reported: the rarer spelling, with the common one and its count. A rare stem one edit
    /// away from the root several forms share is reported too (*Kadiievka* beside *Kadievskii*,
    /// *Kadievugol'*). Two romanizations of one name are reported unless the manuscript keeps
    /// them apart consistently — one in the prose, the other in citations — which is a common
    /// convention (*Lunacharsky* in the text, *Lunacharskii* in the notes), or each spelling
    /// belongs to the citations of different works (names cited as published, and the prose
    /// that names each author as each work credits them). Spellings inside quotations are the
    /// quoted author's and are not reported.
    ///
    /// ## Which spelling is the norm
    /// - Among romanizations, the citations' system (declared with `[names] system`, or
    ///   inferred from cited titles as transliteration-system does): *Yurevich* in a citation of
    ///   an ALA-LC manuscript is reported against *Iurevich*, whatever the counts; the prose may
    ///   keep a popular spelling.
    /// - Otherwise the spelling written more often; among several spellings one edit away, the
    ///   most common (*Besler* is *Belser*, 28 times, not *Beller*, 3 times).
    /// - A tie is never reported as if one side were the norm: the bibliography's spelling
    ///   settles it, or nothing is said. The bibliography also outranks a spelling that only one
    ///   note repeats; a majority of notes or prose outranks the bibliography.
    ///
    /// ## What it leaves alone
    /// - A typo is rare against its correct form: a spelling written five times or more, and
    ///   at least a fifth as often as the other, is another name (*Carolene* Products beside
    ///   North *Carolina*).
    /// - Companions — the names and initials beside a word in its sentence — tell people apart:
    ///   the other spelling must outnumber this one where it can be the same person (beside the
    ///   same companions, or with none). *Mathews v. Eldridge* is not outvoted by three mentions
    ///   of *Justice Matthews*.
    ///
    /// ## Why
    /// Over months of writing a name drifts; readers and indexers take the spellings for
    /// different people, and no spell checker helps because every form is "unknown".
    ///
    /// ## Example
    /// ```markdown
    /// Siegelbaum shows … as Seigelbaum argues …
    /// ```
    /// Write *Siegelbaum* both times.
    ///
    /// ## Options
    /// In manulint.toml, `[names] accept = [["Lunacharsky", "Lunacharskii"]]` accepts a pair.
    pub static NAME_VARIANT = {
        code: "NM001",
        name: "name-variant",
        family: Names,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

/// Russian case and gender endings and English plural endings, longest first.
const ENDINGS: &[&str] = &[
    "ovoi", "evoi", "ovym", "evym", "ovykh", "ovoe", "ovskii", "ovskaia", "ovskoi", "ogo", "ego",
    "omu", "emu", "ykh", "ikh", "ymi", "imi", "iami", "ami", "akh", "iakh", "oi", "ei", "om", "em",
    "ii", "ia", "iu", "ov", "ev", "ova", "eva", "es", "a", "u", "e", "y", "i", "s",
];

/// English derivations of a name (`Leninist`, `Leninism`, `Stakhanovite`, `Marxian`).
const DERIVATIONS: &[&str] = &[
    "isms", "ists", "ites", "ians", "ism", "ist", "ite", "ian", "ic",
];

/// The stem a name is compared by.
pub fn stem(folded: &str) -> String {
    let mut key = romanization_key(folded);
    for suffix in DERIVATIONS {
        if key.len() >= suffix.len() + 4 && key.ends_with(suffix) {
            key.truncate(key.len() - suffix.len());
            break;
        }
    }
    for ending in ENDINGS {
        if key.len() >= ending.len() + 4 && key.ends_with(ending) {
            return key[..key.len() - ending.len()].to_string();
        }
    }
    key
}

struct Form<'a> {
    /// As written in its first occurrence.
    written: &'a str,
    /// Every capitalised occurrence, quotations included: quoted spellings are evidence of
    /// the common form, though never reported themselves.
    words: Vec<&'a Word>,
    stem: String,
    key: String,
    /// Word indexes of its occurrences, for the companions computed when needed.
    ids: &'a [u32],
}

impl Form<'_> {
    fn reportable(&self) -> impl Iterator<Item = &&Word> {
        self.words.iter().filter(|w| !w.quoted())
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let index = &cx.indexes.words();
    let accepted: HashSet<(String, String)> = cx
        .config
        .names_accept
        .iter()
        .flat_map(|pair| {
            pair.iter()
                .flat_map(move |a| pair.iter().map(move |b| (stem(&fold(a)), stem(&fold(b)))))
        })
        .collect();

    let mut forms: Vec<Form<'_>> = Vec::new();
    // Most words are never capitalised, and a word the manuscript also writes in lower case
    // is an ordinary word: rule both out before sorting or folding anything.
    let mut candidates: Vec<(&str, &[u32])> = index
        .forms_with_occurrences()
        .filter(|(form, _)| form.lower.len() >= 5 && form.capitalized && !form.lowercase)
        .map(|(form, ids)| (form.lower.as_str(), ids))
        .collect();
    candidates.sort_unstable();
    for (lower, ids) in candidates {
        if lower.is_ascii() {
            let bare: String = lower.chars().filter(char::is_ascii_alphabetic).collect();
            if is_english_word(&bare) || bare.strip_suffix('s').is_some_and(is_english_word) {
                continue;
            }
        }
        let folded = fold(lower);
        if folded.chars().count() < 5
            || folded.contains(' ')
            || !lower
                .chars()
                .all(|c| !c.is_alphabetic() || script_of(c) == Script::Latin)
        {
            continue;
        }
        let words: Vec<&Word> = ids
            .iter()
            .map(|&i| &index.words[i as usize])
            .filter(|w| w.capitalized())
            .collect();
        // A word the manuscript writes in lower case, or an English word, is not a name.
        let only_opening_prose = words
            .iter()
            .all(|w| w.sentence_start() && w.context() == WordContext::Prose);
        let english = folded.is_ascii()
            && (is_english_word(&folded) || folded.strip_suffix('s').is_some_and(is_english_word));
        if words.is_empty() || english || only_opening_prose {
            continue;
        }
        forms.push(Form {
            written: ms.text(words[0].span()),
            words,
            stem: stem(&folded),
            key: romanization_key(&folded),
            ids,
        });
    }

    // Forms with one stem make one name; count its uses.
    let mut names: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, form) in forms.iter().enumerate() {
        names.entry(form.stem.as_str()).or_default().push(i);
    }
    let count = |stem: &str| {
        names.get(stem).map_or(0, |f| {
            f.iter().map(|&i| forms[i].words.len()).sum::<usize>()
        })
    };

    // Where citations stand, and the work each names: bibliography entries and note citations.
    let citations = cx.indexes.citations();
    let mut citation_spans: Vec<(crate::source::Span, Option<usize>)> = citations
        .citations
        .iter()
        .map(|c| (c.span, c.work))
        .collect();
    for (w, work) in citations.works.iter().enumerate() {
        if let Some(m) = work.entry {
            citation_spans.push((citations.entries[m.entry].span, Some(w)));
        }
    }
    citation_spans.sort_unstable();
    transliteration_variants(cx, &forms, &names, &accepted, &citation_spans, out);

    // Stems one edit apart, through a symmetric deletion index: every stem and each of its
    // one-letter deletions, by hash, sorted so that stems sharing one sit together. A shared
    // hash is confirmed on the strings, so a collision costs nothing but the check.
    let mut deletions: Vec<(u64, &str)> = Vec::new();
    let mut buffer = String::new();
    for stem in names.keys() {
        if stem.chars().count() < 6 {
            continue;
        }
        deletions.push((fx_hash(stem), stem));
        for (at, c) in stem.char_indices() {
            buffer.clear();
            buffer.push_str(&stem[..at]);
            buffer.push_str(&stem[at + c.len_utf8()..]);
            deletions.push((fx_hash(&buffer), stem));
        }
    }
    deletions.sort_unstable();
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for group in deletions.chunk_by(|x, y| x.0 == y.0) {
        for (i, &(_, a)) in group.iter().enumerate() {
            for &(_, b) in &group[i + 1..] {
                if a != b && one_deletion_apart(a, b) {
                    pairs.push(if a < b { (a, b) } else { (b, a) });
                }
            }
        }
    }
    let mut reported: HashSet<&str> = HashSet::default();
    pairs.sort_unstable();
    pairs.dedup();
    // Each rarer stem with the most common stem one edit away: *Besler* is *Belser* (28
    // times), not *Beller* (3 times), though both are one edit from it.
    let mut best: HashMap<&str, (&str, usize)> = HashMap::default();
    for &(a, b) in &pairs {
        let (ca, cb) = (count(a), count(b));
        let (minority, majority, majority_count) = if ca < cb {
            (a, b, cb)
        } else if cb < ca {
            (b, a, ca)
        } else {
            continue;
        };
        if accepted.contains(&(minority.to_string(), majority.to_string()))
            || is_inflection_pair(minority, majority)
            || !keys_close(&forms, &names[minority], &names[majority])
            || different_people(ms, index, &forms, &names[minority], &names[majority])
        {
            continue;
        }
        let slot = best.entry(minority).or_insert((majority, majority_count));
        if (majority_count, std::cmp::Reverse(majority)) > (slot.1, std::cmp::Reverse(slot.0)) {
            *slot = (majority, majority_count);
        }
    }
    let mut minorities: Vec<&str> = best.keys().copied().collect();
    minorities.sort_unstable();
    for minority in minorities {
        let (majority, majority_count) = best[minority];
        let minority_count = count(minority);
        // A typo is rare against its correct form: a spelling written five times or more,
        // and at least a fifth as often as the other, is another name (*Carolene* Products
        // beside North *Carolina*).
        if minority_count >= 5 && minority_count * 5 >= majority_count {
            continue;
        }
        // Beside the same companions (*Mathews* v. Eldridge), the other spelling must still be
        // the more common one: *Matthews* counts Justice Matthews too.
        if !outnumbered_beside_companions(ms, index, &forms, &names[minority], &names[majority]) {
            continue;
        }
        // The bibliography's spelling outranks a majority written in a single note; a majority
        // of notes or prose outranks the bibliography (a misspelt entry is still misspelt).
        let in_bibliography = |stem: &str| {
            names[stem].iter().any(|&i| {
                forms[i]
                    .words
                    .iter()
                    .any(|w| w.context() == WordContext::Bibliography)
            })
        };
        // One note that repeats a spelling is one witness, not a majority of notes.
        let in_one_note = |stem: &str| {
            let mut blocks = names[stem]
                .iter()
                .flat_map(|&i| forms[i].words.iter())
                .map(|w| (w.context() == WordContext::Note).then(|| block_of(ms, w.span())));
            let first = blocks.next().flatten();
            first.is_some() && blocks.all(|b| b == first)
        };
        let (minority, majority, majority_count) =
            if in_bibliography(minority) && !in_bibliography(majority) && in_one_note(majority) {
                (majority, minority, minority_count)
            } else {
                (minority, majority, majority_count)
            };
        reported.insert(minority);
        report(
            ms,
            &forms,
            &names[minority],
            &names[majority],
            majority_count,
            out,
        );
    }

    rare_roots(ms, &forms, &accepted, &reported, out);
}

/// `kadiiev` in *Kadiievka* beside the root `kadiev` that *Kadievskii* and *Kadievugol'* share.
fn rare_roots(
    ms: &crate::model::Manuscript,
    forms: &[Form<'_>],
    accepted: &HashSet<(String, String)>,
    reported: &HashSet<&str>,
    out: &mut Vec<Finding>,
) {
    const ROOT: usize = 6;
    let mut by_root: HashMap<String, Vec<usize>> = HashMap::default();
    for (i, form) in forms.iter().enumerate() {
        if form.key.len() > ROOT && form.key.is_ascii() {
            by_root
                .entry(form.key[..ROOT].to_string())
                .or_default()
                .push(i);
        }
    }
    for form in forms {
        if form.key.len() <= ROOT + 1
            || !form.key.is_ascii()
            || reported.contains(form.stem.as_str())
        {
            continue;
        }
        let own_root = &form.key[..ROOT];
        if by_root.get(own_root).is_some_and(|others| others.len() > 1) {
            continue;
        }
        let head = &form.key[..ROOT + 1];
        for variant in one_deletions(head) {
            if variant == own_root {
                continue;
            }
            let Some(sharing) = by_root.get(&variant) else {
                continue;
            };
            let distinct: HashSet<&str> = sharing.iter().map(|&j| forms[j].stem.as_str()).collect();
            if distinct.len() < 2 || accepted.contains(&(form.stem.clone(), variant.clone())) {
                continue;
            }
            let uses: usize = sharing.iter().map(|&j| forms[j].words.len()).sum();
            let first = sharing.iter().map(|&j| forms[j].words[0].span()).min();
            let Some(first) = first else { continue };
            let root_written = &ms.text(first)[..ROOT.min(ms.text(first).len())];
            for word in form.reportable() {
                out.push(
                    Finding::new(
                        word.span(),
                        format!(
                            "`{}` is probably spelled `{root_written}…` as in {} other names ({uses} uses; first here)",
                            ms.text(word.span()),
                            distinct.len()
                        ),
                    )
                    .related(first, format!("`{}` here", ms.text(first)))
                    .identity(format!("name-root {} {variant}", form.key)),
                );
            }
            break;
        }
    }
}

/// Two romanizations of one name (`Dyukanov`, `Diukanov`), unless the manuscript keeps them
/// apart consistently: one in prose, the other in notes and bibliography.
fn transliteration_variants(
    cx: &Context<'_>,
    forms: &[Form<'_>],
    names: &HashMap<&str, Vec<usize>>,
    accepted: &HashSet<(String, String)>,
    citation_spans: &[(crate::source::Span, Option<usize>)],
    out: &mut Vec<Finding>,
) {
    let ms = cx.manuscript;
    let index = cx.indexes.words();
    let table = super::romanization::Table::get();
    let system = std::cell::OnceCell::new();
    let system = || *system.get_or_init(|| super::transliteration_system::manuscript_system(cx));
    let citing = |w: &Word| -> Option<(crate::source::Span, Option<usize>)> {
        let after = citation_spans
            .partition_point(|(s, _)| (s.file, s.start) <= (w.span().file, w.span().start));
        after
            .checked_sub(1)
            .map(|i| citation_spans[i])
            .filter(|(s, _)| s.contains(w.span()))
    };
    let in_citation = |w: &Word| w.context() == WordContext::Bibliography || citing(w).is_some();
    // The works a spelling is cited for.
    let works_of = |i: usize| -> HashSet<usize> {
        forms[i]
            .reportable()
            .filter_map(|w| citing(w).and_then(|(_, work)| work))
            .collect()
    };
    let mut stems: Vec<&&str> = names.keys().collect();
    stems.sort();
    for name in stems {
        let mut by_key: HashMap<&str, Vec<usize>> = HashMap::default();
        for &i in &names[*name] {
            if forms[i].reportable().next().is_some() {
                by_key.entry(forms[i].key.as_str()).or_default().push(i);
            }
        }
        let mut keys: Vec<&&str> = by_key.keys().collect();
        keys.sort();
        for key in keys {
            let spellings = &by_key[*key];
            if spellings.len() < 2 {
                continue;
            }
            // One spelling only in prose, the other only in citations: the common convention
            // (popular romanization in the text, library romanization in citations).
            let places = |i: usize| -> HashSet<bool> {
                forms[i].reportable().map(|w| in_citation(w)).collect()
            };
            let prose_only = spellings
                .iter()
                .filter(|&&i| places(i) == HashSet::from_iter([false]))
                .count();
            let citation_only = spellings
                .iter()
                .filter(|&&i| places(i) == HashSet::from_iter([true]))
                .count();
            if prose_only + citation_only == spellings.len() && prose_only > 0 && citation_only > 0
            {
                continue;
            }
            let uses = |i: usize| forms[i].reportable().count();
            let mut ordered = spellings.clone();
            ordered.sort_by_key(|&i| (std::cmp::Reverse(uses(i)), forms[i].words[0].span()));
            let majority = ordered[0];
            for &minority in &ordered[1..] {
                let pair = (fold(forms[minority].written), fold(forms[majority].written));
                // Apostrophes and diacritics alone are for quote-style and diacritic-variant.
                if pair.0 == pair.1 || accepted.contains(&(stem(&pair.0), stem(&pair.1))) {
                    continue;
                }
                // Each spelling only in citations of its own works: names cited as published
                // (`Khlevniuk` on one book, `Khlevnyuk` on an article) are right as they are,
                // and so is the prose that names the author of each work as it is credited.
                let (a, b) = (works_of(minority), works_of(majority));
                if !a.is_empty() && !b.is_empty() && a.is_disjoint(&b) {
                    continue;
                }
                // The citations' romanization decides between its own spelling and another
                // system's, in the citations (the prose may keep a popular spelling).
                let marked = |i: usize| table.evidence(&forms[i].written.to_lowercase()).is_some();
                let system = if marked(minority) || marked(majority) {
                    system()
                } else {
                    None
                };
                if let Some(system) = system {
                    let contradicts =
                        |i: usize| table.contradicts(&forms[i].written.to_lowercase(), system);
                    let (wrong, right) = match (contradicts(minority), contradicts(majority)) {
                        (true, false) => (minority, majority),
                        (false, true) => (majority, minority),
                        _ => (usize::MAX, usize::MAX),
                    };
                    if wrong != usize::MAX {
                        let cited = |w: &Word| in_citation(w) && !w.italic();
                        report_where(ms, forms, &[wrong], &[right], uses(right), cited, out);
                        continue;
                    }
                }
                // Never a tie as if one side were the norm: the bibliography's spelling settles
                // it, or nothing is said.
                if uses(minority) == uses(majority) {
                    let in_bibliography = |i: usize| {
                        forms[i]
                            .reportable()
                            .any(|w| w.context() == WordContext::Bibliography)
                    };
                    let (wrong, right) =
                        match (in_bibliography(minority), in_bibliography(majority)) {
                            (false, true) => (minority, majority),
                            (true, false) => (majority, minority),
                            _ => continue,
                        };
                    report(ms, forms, &[wrong], &[right], uses(right), out);
                    continue;
                }
                if !outnumbered_beside_companions(ms, index, forms, &[minority], &[majority]) {
                    continue;
                }
                report(ms, forms, &[minority], &[majority], uses(majority), out);
            }
        }
    }
}

/// The word-index ids of every occurrence of the listed spellings.
fn occurrences<'a>(forms: &'a [Form<'_>], list: &'a [usize]) -> impl Iterator<Item = u32> + 'a {
    list.iter().flat_map(|&i| forms[i].ids.iter().copied())
}

/// Both spellings stand beside other names, and never beside the same one: *Viktor Gusev*
/// and *Victor Kravchenko* are two people.
fn different_people(
    ms: &crate::model::Manuscript,
    index: &crate::indexes::words::WordIndex,
    forms: &[Form<'_>],
    a: &[usize],
    b: &[usize],
) -> bool {
    // Stems of the capitalised words next to each spelling (a first name's surname, a
    // surname's first name): different people share a first name, not its companions.
    let gather = |list: &[usize]| -> HashSet<String> {
        occurrences(forms, list)
            .flat_map(|w| neighbours(ms, index, w as usize))
            .collect()
    };
    let (ca, cb) = (gather(a), gather(b));
    !ca.is_empty() && !cb.is_empty() && ca.is_disjoint(&cb)
}

/// Whether the spelling `b`, where it can be the same name as spelling `a` — beside one of
/// `a`'s companions, or with none — is written more often than `a`. Occurrences of `b` beside
/// other companions are another person (*Matthews* in *Justice Matthews* does not outvote
/// *Mathews v. Eldridge*). A spelling without companions is compared by its counts alone.
fn outnumbered_beside_companions(
    ms: &crate::model::Manuscript,
    index: &crate::indexes::words::WordIndex,
    forms: &[Form<'_>],
    a: &[usize],
    b: &[usize],
) -> bool {
    let occurrences = |list: &[usize]| -> Vec<u32> { occurrences(forms, list).collect() };
    let minority = occurrences(a);
    let own: HashSet<String> = minority
        .iter()
        .flat_map(|&w| neighbours(ms, index, w as usize))
        .collect();
    if own.is_empty() {
        return true;
    }
    // Stop counting as soon as `b` is ahead: common names are written hundreds of times.
    occurrences(b)
        .into_iter()
        .filter(|&w| {
            let theirs = neighbours(ms, index, w as usize);
            theirs.is_empty() || theirs.iter().any(|n| own.contains(n))
        })
        .nth(minority.len())
        .is_some()
}

/// What stands within two words of word `i` in the same block and sentence: the stems of capitalised
/// words, and initials (`A. Shteinberg` and `Mark Steinberg` are told apart by them).
fn neighbours(
    ms: &crate::model::Manuscript,
    index: &crate::indexes::words::WordIndex,
    i: usize,
) -> Vec<String> {
    let word = &index.words[i];
    let own = stem(&fold(ms.text(word.span())));
    let window = i.saturating_sub(2)..(i + 3).min(index.words.len());
    let mut out = Vec::new();
    // Initials are too short for the word index: read them off the text before the word.
    let file_text = &ms.sources.get(word.span().file).text;
    let mut before = file_text[..word.span().start as usize].trim_end();
    for _ in 0..3 {
        let Some(rest) = before.strip_suffix('.') else {
            break;
        };
        let mut chars = rest.chars().rev();
        let (Some(letter), boundary) = (chars.next(), chars.next()) else {
            break;
        };
        if !letter.is_uppercase() || boundary.is_some_and(char::is_alphanumeric) {
            break;
        }
        out.push(format!("initial:{}", fold(&letter.to_string())));
        before = rest[..rest.len() - letter.len_utf8()].trim_end();
    }
    for other in &index.words[window] {
        if other.span().file != word.span().file
            || other.span() == word.span()
            || !other.capitalized()
        {
            continue;
        }
        if other.span().start.abs_diff(word.span().start) >= 60 {
            continue;
        }
        // Within the block: no paragraph break (nor the end of a heading) between them.
        let (from, to) = if other.span().start < word.span().start {
            (other.span().end, word.span().start)
        } else {
            (word.span().end, other.span().start)
        };
        let text = &ms.sources.get(word.span().file).text;
        let Some(gap) = text.get(from as usize..to as usize) else {
            continue;
        };
        if gap.contains("\n\n") || gap.contains("\n#") {
            continue;
        }
        // Nor the end of a sentence: a full stop after an initial (`Morton G. White`) is none.
        if ends_sentence(gap) {
            continue;
        }
        let folded = fold(ms.text(other.span()));
        let other_stem = stem(&folded);
        if other_stem.chars().count() >= 3 && other_stem != own {
            out.push(other_stem);
        }
    }
    out
}

/// The index of the block that holds a span (blocks are in document order).
fn block_of(ms: &crate::model::Manuscript, span: crate::source::Span) -> Option<usize> {
    let after = ms
        .blocks
        .partition_point(|b| (b.span.file, b.span.start) <= (span.file, span.start));
    after
        .checked_sub(1)
        .filter(|&i| ms.blocks[i].span.contains(span))
}

/// Whether the text between two words ends a sentence: a full stop, semicolon, question or
/// exclamation mark, except the full stop of a single letter: an initial (` G. `), the `v.` of
/// a case name.
fn ends_sentence(gap: &str) -> bool {
    let bytes = gap.as_bytes();
    bytes.iter().enumerate().any(|(at, &b)| match b {
        b';' | b'!' | b'?' => true,
        b'.' => {
            let initial = at >= 1
                && bytes[at - 1].is_ascii_alphabetic()
                && (at == 1 || !bytes[at - 2].is_ascii_alphanumeric());
            !initial
        }
        _ => false,
    })
}

/// The spellings themselves, endings included, are one or two edits apart: stripping endings
/// must not make `Viktor` and `Victoria` look alike.
fn keys_close(forms: &[Form<'_>], a: &[usize], b: &[usize]) -> bool {
    a.iter().any(|&i| {
        b.iter().any(|&j| {
            let (x, y) = (&forms[i].key, &forms[j].key);
            let allowed = (x.len().max(y.len()) / 6).max(1);
            strsim::damerau_levenshtein(x, y) <= allowed
        })
    })
}

/// `Stakhanov` and `Stakhanova` differ by an ending the stemmer did not strip from both.
fn is_inflection_pair(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.starts_with(short) && long.len() - short.len() <= 2
}

fn report(
    ms: &crate::model::Manuscript,
    forms: &[Form<'_>],
    minority: &[usize],
    majority: &[usize],
    majority_uses: usize,
    out: &mut Vec<Finding>,
) {
    report_where(ms, forms, minority, majority, majority_uses, |_| true, out);
}

fn report_where(
    ms: &crate::model::Manuscript,
    forms: &[Form<'_>],
    minority: &[usize],
    majority: &[usize],
    majority_uses: usize,
    keep: impl Fn(&Word) -> bool,
    out: &mut Vec<Finding>,
) {
    let Some(first_major) = majority.iter().map(|&i| forms[i].words[0].span()).min() else {
        return;
    };
    let major_written = ms.text(first_major);
    for &i in minority {
        for word in forms[i].reportable().filter(|w| keep(w)) {
            out.push(
                Finding::new(
                    word.span(),
                    format!(
                        "`{}` is probably `{major_written}` ({}; first here)",
                        ms.text(word.span()),
                        crate::render::plural(majority_uses, "time", "times")
                    ),
                )
                .related(first_major, format!("`{major_written}` first here"))
                .identity(format!(
                    "name {} {}",
                    fold(ms.text(word.span())),
                    fold(major_written)
                )),
            );
        }
    }
}

/// Every string with one character removed.
fn fx_hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(text)
}

/// Whether deleting at most one letter from each makes them equal (a letter changed,
/// dropped, added, or two adjacent letters swapped).
fn one_deletion_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    let suffix = short[prefix..]
        .iter()
        .rev()
        .zip(long[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let short_rest = short.len() - prefix - suffix;
    let long_rest = long.len() - prefix - suffix;
    if short.len() == long.len() {
        // One letter changed (each loses its own), or two swapped.
        short_rest <= 1
            || (short_rest == 2
                && short[prefix] == long[prefix + 1]
                && short[prefix + 1] == long[prefix])
    } else {
        short_rest == 0 && long_rest == 1
    }
}

fn one_deletions(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len())
        .map(|skip| {
            chars
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != skip)
                .map(|(_, c)| c)
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_share_a_stem() {
        let s = |w: &str| stem(&fold(w));
        assert_eq!(s("Vinogradov"), s("Vinogradova"));
        assert_eq!(s("Vinogradova"), s("Vinogradovoi"));
        assert_eq!(s("Lunacharsky"), s("Lunacharskii"));
        assert_ne!(s("Krivonos"), s("Krivosos"));
    }
}
