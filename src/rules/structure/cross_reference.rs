use std::sync::LazyLock;

use memchr::memmem::Finder;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::model::{Manuscript, NoteId, Role};
use crate::rules::Context;
use crate::source::Span;

use super::{DIVISIONS, capitalized, division_number, divisions};

declare_rule! {
    /// A reference to a note, part or chapter that does not exist, or to the wrong note.
    ///
    /// ## What it checks
    /// "see note 17", "cf. n. 17", "note 17 above" must name a note of the manuscript;
    /// "Part IV will discuss", "in Chapter 3" must name a part or chapter it has (checked only
    /// when the manuscript is divided into parts or chapters, so that "Chapter 5 in Augustine"
    /// stays a reference to Augustine). When the referring sentence names something distinctive
    /// — a quoted term or a capitalized name found in at most a few notes — and the note it
    /// points to mentions none of it while another note does, that note is suggested.
    ///
    /// ## Why
    /// Notes are renumbered every time one is added above; a typed "see note 17" is not. The
    /// reader who turns to note 17 finds a bare citation instead of the discussion promised.
    ///
    /// ## Example
    /// ```markdown
    /// Lenin settled "Lefort's paradox" (see note 2) by…
    ///
    /// [^2]: Slezkine, *House of Government*, 73.
    /// [^5]: The state met "Lefort's paradox": …
    /// ```
    /// Point to the note that discusses it:
    /// ```markdown
    /// Lenin settled "Lefort's paradox" (see note 5) by…
    /// ```
    pub static CROSS_REFERENCE = {
        code: "ST003",
        name: "cross-reference",
        family: Structure,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

/// A term found in more notes than this names nothing in particular.
const DISTINCTIVE_IN_AT_MOST: usize = 5;

struct NoteReference {
    span: Span,
    number: u32,
    single: bool,
    block: usize,
    /// Offset of the reference in its block's text.
    at: usize,
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let existing_notes: FxHashSet<u32> = ms.notes.iter().filter_map(|n| n.number).collect();
    let lowest = existing_notes.iter().min().copied().unwrap_or(0);
    let highest = existing_notes.iter().max().copied().unwrap_or(0);
    let divisions = divisions(ms);
    let mut note_references = Vec::new();
    for (block_id, block) in ms.blocks.iter().enumerate() {
        if !matches!(block.role, Role::Body | Role::Note(_)) || block.in_quote {
            continue;
        }
        let file_text = &ms.sources.get(block.file).text;
        // The block's source as one piece: references hold no markup, and one search per block
        // is cheaper than one per run of text.
        {
            let range = block.span.range();
            let text = &file_text[range.clone()];
            // Every reference holds a number: a digit or a capital roman numeral.
            if !text
                .bytes()
                .any(|b| b.is_ascii_digit() || matches!(b, b'I' | b'V' | b'X'))
            {
                continue;
            }
            let span_of = |r: std::ops::Range<usize>| {
                Span::new(block.file, range.start + r.start, range.start + r.end)
            };
            for found in note_references_in(text) {
                let span = span_of(found.range.clone());
                if ms.in_quotation(span) {
                    continue;
                }
                let number = found.number;
                if !ms.notes.is_empty() && !existing_notes.contains(&number) {
                    out.push(Finding::new(
                        span,
                        format!(
                            "there is no note {number}: the manuscript's notes run from {lowest} to {highest}",
                        ),
                    ));
                    continue;
                }
                note_references.push(NoteReference {
                    span,
                    number,
                    single: found.single,
                    block: block_id,
                    at: range.start + found.range.start - block.span.start as usize,
                });
            }
            for (kind_index, number_range) in division_references_in(text) {
                let Some(number) = division_number(&text[number_range.clone()]) else {
                    continue;
                };
                let mut of_kind = divisions.iter().filter(|(_, d)| d.kind == kind_index);
                if of_kind.clone().next().is_none() || of_kind.any(|(_, d)| d.number == number) {
                    continue;
                }
                let name = capitalized(DIVISIONS[kind_index]);
                let span = span_of(number_range.start - name.len() - 1..number_range.end);
                if ms.in_quotation(span) {
                    continue;
                }
                let known: Vec<String> = divisions
                    .iter()
                    .filter(|(_, d)| d.kind == kind_index)
                    .map(|(id, _)| ms.headings[*id].text.trim().to_string())
                    .collect();
                out.push(Finding::new(
                    span,
                    format!(
                        "there is no {name} {}: the manuscript has {}",
                        &text[number_range],
                        known.join(", ")
                    ),
                ));
            }
        }
    }
    if !note_references.is_empty() {
        check_topics(ms, &note_references, out);
    }
}

struct FoundNoteReference {
    /// From `note`/`n.` to the number (or the end of its range).
    range: std::ops::Range<usize>,
    number: u32,
    single: bool,
}

/// `see note 17`, `cf. n. 17`, `see also notes 3-5`, `note 17 above`: a note word with its
/// number, preceded by see/cf. or followed by above/below.
fn note_references_in(text: &str) -> Vec<FoundNoteReference> {
    let mut out = Vec::new();
    for (index, at) in occurrences(text, &NOTE_WORDS) {
        let word = ["note", "Note", "nn.", "n."][index];
        {
            if text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '.') {
                continue;
            }
            let mut end = at + word.len();
            if word.starts_with(['n', 'N']) && word.ends_with('e') && text[end..].starts_with('s') {
                end += 1;
            } else if word.ends_with('e') && text[end..].starts_with(|c: char| c.is_alphanumeric())
            {
                continue;
            }
            let after = &text[end..];
            let spaces = after.len() - after.trim_start_matches(' ').len();
            let digits = after[spaces..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            if digits == 0 || digits > 4 || spaces > 1 && !word.ends_with('.') {
                continue;
            }
            let number_end = end + spaces + digits;
            if text[number_end..].starts_with(|c: char| c.is_alphanumeric()) {
                continue;
            }
            let Ok(number) = text[end + spaces..number_end].parse::<u32>() else {
                continue;
            };
            let rest = &text[number_end..];
            let range_rest = rest.trim_start_matches(' ');
            let single = !(["-", "–", ",", "and "]
                .iter()
                .any(|s| range_rest.starts_with(s))
                && range_rest
                    .trim_start_matches(['-', '–', ',', ' '])
                    .trim_start_matches("and ")
                    .starts_with(|c: char| c.is_ascii_digit()));
            let before = text[..at].trim_end_matches(' ');
            let before = before
                .strip_suffix(" also")
                .unwrap_or(before)
                .trim_end_matches(' ');
            let lower_before = before.to_ascii_lowercase();
            let see = ["see", "cf."].iter().any(|s| {
                lower_before.ends_with(s)
                    && !lower_before[..lower_before.len() - s.len()]
                        .ends_with(|c: char| c.is_alphanumeric())
            });
            let place = ["above", "below", "supra", "infra"]
                .iter()
                .any(|p| range_rest.starts_with(p));
            if see || place {
                out.push(FoundNoteReference {
                    range: at..number_end,
                    number,
                    single,
                });
            }
        }
    }
    out
}

static NOTE_WORDS: LazyLock<Vec<Finder<'static>>> = LazyLock::new(|| {
    ["note", "Note", "nn.", "n."]
        .iter()
        .map(Finder::new)
        .collect()
});

/// `Part`, `Chapter`… in the order of [`DIVISIONS`].
static DIVISION_WORDS: LazyLock<Vec<Finder<'static>>> = LazyLock::new(|| {
    DIVISIONS
        .iter()
        .map(|d| Finder::new(capitalized(d).as_bytes()).into_owned())
        .collect()
});

pub(super) fn prepare_tables() {
    LazyLock::force(&NOTE_WORDS);
    LazyLock::force(&DIVISION_WORDS);
}

/// Where each of the words occurs at the start of a word: (index of the word, offset).
fn occurrences(text: &str, words: &[Finder<'static>]) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for (index, finder) in words.iter().enumerate() {
        for at in finder.find_iter(bytes) {
            let starts_word = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
            // `nn.` was found already: its second `n.` is not another reference.
            let inside_earlier = out.iter().any(|&(_, start)| start < at && at < start + 3);
            if starts_word && !inside_earlier {
                out.push((index, at));
            }
        }
    }
    out
}

/// `Part IV`, `Chapter 3` that name a division of this manuscript: not `Chapter 5 in
/// Augustine`, `Part 2 of Capital`, nor `Stakhanovism, Chapter 3` (another book's divisions).
/// Each as (division kind, range of its number).
fn division_references_in(text: &str) -> Vec<(usize, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    for (kind, at) in occurrences(text, &DIVISION_WORDS) {
        let word = capitalized(DIVISIONS[kind]);
        {
            let number_start = at + word.len() + 1;
            if text[..at].ends_with(|c: char| c.is_alphanumeric())
                || text[..at].trim_end().ends_with(',')
                || !text[at + word.len()..].starts_with(' ')
            {
                continue;
            }
            let number_len = text[number_start..]
                .bytes()
                .take_while(|b| b.is_ascii_digit() || matches!(b, b'I' | b'V' | b'X' | b'L' | b'C'))
                .count();
            let number_end = number_start + number_len;
            if number_len == 0 || text[number_end..].starts_with(|c: char| c.is_alphanumeric()) {
                continue;
            }
            let rest = text[number_end..].trim_start_matches(' ');
            let another_work = ["of ", "in "].iter().any(|w| rest.starts_with(w));
            if !another_work {
                out.push((kind, number_start..number_end));
            }
        }
    }
    out
}

/// "see note 17" where note 17 mentions none of the distinctive terms of the sentence and
/// another note does.
fn check_topics(ms: &Manuscript, references: &[NoteReference], out: &mut Vec<Finding>) {
    let mut notes = NoteTexts::new(ms);
    // The first note of each number: a reference names that one.
    let mut note_of_number: FxHashMap<u32, usize> = FxHashMap::default();
    for (id, note) in ms.notes.iter().enumerate() {
        if let Some(number) = note.number {
            note_of_number.entry(number).or_insert(id);
        }
    }
    for reference in references.iter().filter(|r| r.single) {
        let block = &ms.blocks[reference.block];
        let referring_note: Option<NoteId> = match block.role {
            Role::Note(id) => Some(id),
            _ => None,
        };
        let text = ms.text(block.span);
        let sentence = sentence_around(text, reference.at);
        // Each distinctive term with the notes that mention it.
        let terms: Vec<((String, String), Vec<usize>)> = key_terms(&text[sentence])
            .into_iter()
            .map(|term| {
                let found = notes.mentioning(&term);
                (term, found)
            })
            .filter(|(_, found)| (1..=DISTINCTIVE_IN_AT_MOST).contains(&found.len()))
            .collect();
        if terms.is_empty() {
            continue;
        }
        let Some(&target) = note_of_number.get(&reference.number) else {
            continue;
        };
        if terms.iter().any(|(_, found)| found.contains(&target)) {
            continue;
        }
        let mut candidates: Vec<usize> = terms
            .iter()
            .flat_map(|(_, found)| found.iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let best = candidates
            .into_iter()
            .filter(|&id| Some(id as NoteId) != referring_note)
            .map(|id| {
                let shared = terms
                    .iter()
                    .filter(|(_, found)| found.contains(&id))
                    .count();
                (shared, id)
            })
            .max_by_key(|(shared, id)| (*shared, std::cmp::Reverse(id.abs_diff(target))));
        let Some((_, suggested)) = best else {
            continue;
        };
        let Some(suggested_number) = ms.notes[suggested].number else {
            continue;
        };
        let shown: Vec<String> = terms
            .iter()
            .filter(|(_, found)| found.contains(&suggested))
            .map(|((_, shown), _)| format!("“{shown}”"))
            .collect();
        let target_note = &ms.notes[target];
        out.push(
            Finding::new(
                reference.span,
                format!(
                    "note {} says nothing of {}, which note {suggested_number} discusses: is note {suggested_number} meant?",
                    reference.number,
                    shown.join(", "),
                ),
            )
            .related(target_note.label_span, format!("note {} is about something else", reference.number))
            .related(ms.notes[suggested].label_span, format!("note {suggested_number} mentions it")),
        );
    }
}

/// The notes' texts as terms are looked for in them. Every note is folded once into its words
/// (`words`: each word with the notes that hold it), so a term is looked for only in the notes
/// that hold its rarest word, not in every note for every reference; a term's notes are found
/// once per term.
struct NoteTexts<'a> {
    ms: &'a Manuscript,
    /// Each folded word with the notes (ascending) whose text holds it; built on first use.
    words: Option<FxHashMap<String, Vec<u32>>>,
    /// Padded folded note texts, for the notes a term was checked against.
    folded: FxHashMap<usize, String>,
    found: FxHashMap<(String, String), Vec<usize>>,
}

impl<'a> NoteTexts<'a> {
    fn new(ms: &'a Manuscript) -> Self {
        NoteTexts {
            ms,
            words: None,
            folded: FxHashMap::default(),
            found: FxHashMap::default(),
        }
    }

    /// The notes whose text holds the term (a padded light-folded key and its shown form),
    /// up to one more than a distinctive term may have.
    fn mentioning(&mut self, (key, shown): &(String, String)) -> Vec<usize> {
        let probe = shown
            .split(|c: char| !c.is_alphanumeric())
            .max_by_key(|w| w.len())
            .unwrap_or("")
            .to_lowercase();
        if probe.is_empty() {
            return Vec::new();
        }
        let memo_key = (key.clone(), probe);
        if let Some(found) = self.found.get(&memo_key) {
            return found.clone();
        }
        let found = self.search(key, &memo_key.1);
        self.found.insert(memo_key, found.clone());
        found
    }

    fn search(&mut self, key: &str, probe: &str) -> Vec<usize> {
        let ms = self.ms;
        let words = self.words.get_or_insert_with(|| index_words(ms));
        // The padded key holds whole words only: a note holding the key holds each of them.
        let mut candidates: &[u32] = &[];
        for word in key.split(' ').filter(|w| !w.is_empty()) {
            match words.get(word) {
                Some(notes) if candidates.is_empty() || notes.len() < candidates.len() => {
                    candidates = notes;
                }
                Some(_) => {}
                None => return Vec::new(),
            }
        }
        let capitalized = super::capitalized(probe);
        let finders = [
            memchr::memmem::Finder::new(probe.as_bytes()),
            memchr::memmem::Finder::new(capitalized.as_bytes()),
        ];
        let mut found = Vec::new();
        for &id in candidates {
            let id = id as usize;
            let note = &ms.notes[id];
            // The term as written (or capitalised) in the note's source, not only its folding.
            let has_probe = note.parts.iter().any(|part| {
                let text = ms.text(*part).as_bytes();
                finders.iter().any(|f| f.find(text).is_some())
            });
            if !has_probe {
                continue;
            }
            let folded = self
                .folded
                .entry(id)
                .or_insert_with(|| format!(" {} ", light_fold(&ms.note_text(note))));
            if folded.contains(key) {
                found.push(id);
                // More than a distinctive term's notes: the caller drops the term.
                if found.len() > DISTINCTIVE_IN_AT_MOST {
                    break;
                }
            }
        }
        found
    }
}

/// Each word of the notes' folded texts with the notes that hold it.
fn index_words(ms: &Manuscript) -> FxHashMap<String, Vec<u32>> {
    let mut words: FxHashMap<String, Vec<u32>> = FxHashMap::default();
    for (id, note) in ms.notes.iter().enumerate() {
        let folded = light_fold(&ms.note_text(note));
        for word in folded.split(' ').filter(|w| !w.is_empty()) {
            match words.get_mut(word) {
                Some(notes) => {
                    if notes.last() != Some(&(id as u32)) {
                        notes.push(id as u32);
                    }
                }
                None => {
                    words.insert(word.to_string(), vec![id as u32]);
                }
            }
        }
    }
    words
}

/// The sentence of `text` around byte `at`.
fn sentence_around(text: &str, at: usize) -> std::ops::Range<usize> {
    let is_end = |i: usize| {
        let before = &text[..i];
        before.ends_with(['.', '?', '!'])
            && text[i..].starts_with(' ')
            // `A. Stakhanov`: an initial, not a sentence end.
            && !before[..before.len() - 1]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_uppercase())
    };
    let start = (0..at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i) && is_end(i))
        .map_or(0, |i| i + 1);
    let end = (at..text.len())
        .find(|&i| text.is_char_boundary(i) && is_end(i))
        .unwrap_or(text.len());
    start..end
}

/// Quoted terms and capitalized names of a sentence (its first word excluded), as
/// (padded folded key, shown form).
fn key_terms(sentence: &str) -> Vec<(String, String)> {
    let mut terms = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in sentence.char_indices() {
        match c {
            '“' => open = Some(i + c.len_utf8()),
            '"' if open.is_none() => open = Some(i + 1),
            '”' | '"' => {
                if let Some(start) = open.take() {
                    let inner = sentence[start..i].trim_matches(|c: char| !c.is_alphanumeric());
                    if inner.len() >= 3 && inner.split_whitespace().count() <= 6 {
                        terms.push((format!(" {} ", light_fold(inner)), inner.to_string()));
                    }
                }
            }
            _ => {}
        }
    }
    let mut phrase: Vec<&str> = Vec::new();
    let mut first = true;
    let flush = |phrase: &mut Vec<&str>, terms: &mut Vec<(String, String)>| {
        if !phrase.is_empty() {
            let shown = phrase.join(" ");
            terms.push((format!(" {} ", light_fold(&shown)), shown));
            phrase.clear();
        }
    };
    for word in sentence.split_whitespace() {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        let is_name = bare.chars().next().is_some_and(char::is_uppercase)
            && bare.chars().count() >= 3
            && !first
            && !matches!(bare, "See" | "Note" | "Notes" | "Part" | "Chapter" | "The");
        first = false;
        if is_name {
            phrase.push(bare);
        } else {
            flush(&mut phrase, &mut terms);
        }
        if word.ends_with(|c: char| !c.is_alphanumeric()) {
            flush(&mut phrase, &mut terms);
        }
    }
    flush(&mut phrase, &mut terms);
    let mut seen = FxHashSet::default();
    terms.retain(|(key, _)| seen.insert(key.clone()));
    // `Lefort's` inside the quoted `Lefort's paradox` adds nothing.
    let keys: Vec<String> = terms.iter().map(|(key, _)| key.clone()).collect();
    terms.retain(|(key, _)| {
        !keys
            .iter()
            .any(|other| other != key && other.contains(key.as_str()))
    });
    terms
}

/// Lower case with apostrophes dropped and other punctuation turned into single spaces: enough
/// to find a term in a note, and much cheaper than full folding over every note.
fn light_fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            space = false;
        } else if !c.is_ascii() && c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !crate::text::is_apostrophe(c) && !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}
