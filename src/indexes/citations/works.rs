//! Matching citations to bibliography entries and grouping them into works. Entries are found
//! through indexes by surname and by first title word, never by scanning every entry.

use std::collections::HashMap;
use std::ops::Range;

use super::{BibWork, Citation, CitationKind, Work};
use crate::model::Manuscript;
use crate::text::{name_key, name_similarity, title_words};

mod entries;

use entries::{EntryIndex, FUZZY_TITLE, Joined, Words, compare_words};

/// A title's words before its first colon and after it: `Soviet Steel` and `The Early Years`.
#[derive(Clone, Debug, Default)]
struct TitleParts {
    main: Vec<String>,
    sub: Vec<String>,
}

impl TitleParts {
    fn of(title: &str) -> TitleParts {
        match title.split_once(':') {
            Some((main, sub)) => TitleParts {
                main: title_words(main),
                sub: title_words(sub),
            },
            None => TitleParts {
                main: title_words(title),
                sub: Vec::new(),
            },
        }
    }

    /// Another work under the same main title: *Soviet Steel: The Early Years* and *Soviet
    /// Steel: The War Economy* are two books, however alike their spelling, while a subtitle
    /// misspelt (`The Erly Years`) or cut short is still the same one.
    fn other_work(&self, other: &TitleParts) -> bool {
        self.other_work_than(&other.main, &other.sub)
    }

    /// [`TitleParts::other_work`] against a title's parts wherever they are kept.
    fn other_work_than(&self, main: &[String], sub: &[String]) -> bool {
        !self.main.is_empty()
            && self.main == main
            && !self.sub.is_empty()
            && !sub.is_empty()
            && different_subtitles(&self.sub, sub)
    }
}

/// Subtitles that differ in what they say, not by a slip of spelling, a word added or the
/// end left out: other numbers (`Part 1`, `1917–1928`), or a quarter of the shorter one's words not found in the
/// other (`The Early Years`, `The War Economy`; `Part One`, `Part Two`), where a misspelt
/// word (`razvitiu`, `razvitiuu`) still counts as found.
fn different_subtitles(a: &[String], b: &[String]) -> bool {
    let numeric = |w: &&String| w.bytes().any(|c| c.is_ascii_digit());
    let numbers = |words: &[String]| -> Vec<String> {
        let mut list: Vec<String> = words.iter().filter(numeric).cloned().collect();
        list.sort_unstable();
        list
    };
    let (shorter, longer) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if longer.starts_with(shorter) {
        // A short title that leaves out the end (`Waiting for Hitler` for `Waiting for
        // Hitler, 1929–1941`).
        return false;
    }
    let (numbers_a, numbers_b) = (numbers(a), numbers(b));
    if !numbers_a.is_empty() && !numbers_b.is_empty() && numbers_a != numbers_b {
        return true;
    }
    let content = |words: &[String]| -> Vec<String> {
        words
            .iter()
            .filter(|w| !numeric(w) && !SUBTITLE_STOP_WORDS.contains(&w.as_str()))
            .cloned()
            .collect()
    };
    let (a, b) = (content(a), content(b));
    let (shorter, longer) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if shorter.is_empty() {
        return false;
    }
    let mut unused: Vec<&String> = longer.iter().collect();
    let mut found = 0;
    for word in &shorter {
        let near = unused
            .iter()
            .position(|w| *w == word || name_similarity(w, word) >= SAME_WORD_SPELLING);
        if let Some(at) = near {
            unused.remove(at);
            found += 1;
        }
    }
    found * 4 < shorter.len() * 3
}

/// Words that say nothing of what a subtitle is about.
const SUBTITLE_STOP_WORDS: &[&str] = &[
    "the", "a", "an", "of", "and", "in", "on", "for", "to", "at", "from", "with", "by",
];

/// Two spellings of one word in a subtitle: `Years` and `Yaers`, `Early` and `Erly`, but not
/// `Men` and `Women`.
const SAME_WORD_SPELLING: f64 = 0.65;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TitleMatch {
    Exact,
    /// One title is the other's opening words: a short title, or a subtitle left out.
    Short,
    /// Spelled differently but close.
    Fuzzy,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Match {
    /// Index into `CitationIndex::entries`.
    pub entry: usize,
    pub title: TitleMatch,
    /// The author's surname only matched approximately.
    pub author_fuzzy: bool,
}

/// A title an unmatched work was cited under: its words, its subtitle's words, its parts and
/// the work.
#[derive(Clone)]
struct Record {
    words: Vec<String>,
    subtitle: Vec<String>,
    parts: TitleParts,
    work: usize,
}

/// Works with no entry, per author key and first word of title or subtitle: the titles each
/// was cited under. Bucketing by first word keeps the fuzzy comparisons local.
type UnmatchedWorks = HashMap<(String, String), Vec<Record>>;

/// How two titles relate, word by word; None when they are different titles.
pub fn compare_titles(citation: &[String], entry: &[String]) -> Option<(TitleMatch, f64)> {
    compare_words(
        Words {
            words: citation,
            joined: &Joined::of(citation),
        },
        Words {
            words: entry,
            joined: &Joined::of(entry),
        },
        FUZZY_TITLE,
    )
}

/// Groups the citations into works. Also returns the entries a citation may name but could
/// not be told apart from another (a short title two cited works share): no rule may take
/// such an entry for uncited.
pub fn group(
    ms: &Manuscript,
    citations: &mut [Citation],
    by_note: &[Range<usize>],
    entries: &[BibWork],
) -> (Vec<Work>, Vec<usize>) {
    let index = EntryIndex::new(entries);
    let mut ambiguous_entries: Vec<usize> = Vec::new();
    let mut works: Vec<Work> = Vec::new();
    let mut work_of_entry: HashMap<usize, usize> = HashMap::new();
    let mut unmatched: UnmatchedWorks = HashMap::new();
    let mut keyed: HashMap<String, usize> = HashMap::new();
    // The works cited in the previous note; None for a citation that could name several.
    let mut previous_note_works: Vec<Option<usize>> = Vec::new();
    let mut previous_scope: Option<u32> = None;

    for (note_id, range) in by_note.iter().enumerate() {
        let scope = ms.notes.get(note_id).map(|n| n.scope);
        if scope != previous_scope {
            previous_note_works.clear();
            previous_scope = scope;
        }
        let mut note_works: Vec<Option<usize>> = Vec::new();
        for i in range.clone() {
            let citation = &citations[i];
            let mut ambiguous = false;
            let work = match citation.kind {
                CitationKind::Scripture | CitationKind::Web | CitationKind::OpCit => None,
                CitationKind::Ibid => {
                    let only_previous = match previous_note_works.as_slice() {
                        [Some(only)] => Some(*only),
                        _ => None,
                    };
                    // After a citation that could name several works, ibid. names none.
                    let antecedent = match note_works.last() {
                        Some(last) => *last,
                        None => only_previous,
                    };
                    citations[i].work = antecedent;
                    if antecedent.is_some() || !note_works.is_empty() {
                        note_works.push(antecedent);
                    }
                    continue;
                }
                CitationKind::Archival => {
                    let abbr = citation
                        .archive
                        .as_ref()
                        .map(|a| a.text.to_lowercase())
                        .unwrap_or_default();
                    let covered = index.archives.get(&abbr).copied();
                    Some(keyed_work(
                        &mut works,
                        &mut keyed,
                        format!("archive:{abbr}"),
                        covered,
                    ))
                }
                CitationKind::Periodical => {
                    let container = citation
                        .publication
                        .container
                        .as_ref()
                        .map(|c| title_words(&c.text).join(" "))
                        .unwrap_or_default();
                    let covered = index.periodical(&container);
                    Some(keyed_work(
                        &mut works,
                        &mut keyed,
                        format!("periodical:{container}"),
                        covered,
                    ))
                }
                CitationKind::Book | CitationKind::Article | CitationKind::Chapter => {
                    let title = citation
                        .publication
                        .title
                        .as_ref()
                        .map(|t| t.text.clone())
                        .unwrap_or_default();
                    let parts = TitleParts::of(&title);
                    let found = index.match_citation(citation, &parts);
                    let others = other_works(&index, &unmatched, citation, &found);
                    match resolve(&found, &others, &work_of_entry) {
                        Resolved::Entry(m) => {
                            Some(*work_of_entry.entry(m.entry).or_insert_with(|| {
                                works.push(Work {
                                    citations: Vec::new(),
                                    entry: Some(m),
                                    covered_by: None,
                                });
                                works.len() - 1
                            }))
                        }
                        Resolved::Work(w) => Some(w),
                        Resolved::Ambiguous => {
                            ambiguous_entries.extend(found.iter().map(|m| m.entry));
                            ambiguous = true;
                            None
                        }
                        Resolved::Unmatched => {
                            let covered = container_entry(&index, citation);
                            let work = unmatched_work(
                                &mut works,
                                &mut unmatched,
                                citation,
                                &parts,
                                covered,
                            );
                            ambiguous = work.is_none();
                            work
                        }
                    }
                }
            };
            if let Some(w) = work {
                citations[i].work = Some(w);
                works[w].citations.push(i);
                if !note_works.contains(&Some(w)) {
                    note_works.push(Some(w));
                }
            } else if ambiguous {
                note_works.push(None);
            }
        }
        previous_note_works = note_works;
    }
    // A work matched to an entry keeps the entry's best title match among its citations.
    for work in &mut works {
        if let Some(entry_match) = work.entry.as_mut() {
            let best = work
                .citations
                .iter()
                .filter_map(|&i| {
                    let c = &citations[i];
                    c.publication.title.as_ref()?;
                    compare_titles(&c.title_key, &index.titles[entry_match.entry]).map(|(q, _)| q)
                })
                .min();
            if let Some(best) = best {
                entry_match.title = best;
            }
        }
    }
    ambiguous_entries.sort_unstable();
    ambiguous_entries.dedup();
    (works, ambiguous_entries)
}

enum Resolved {
    Entry(Match),
    Work(usize),
    /// A short title that opens the titles of several works, more than one of them cited (or
    /// none): which one it names is a guess.
    Ambiguous,
    Unmatched,
}

/// Which of the works a title matched it names: the only candidate, or, for a short title
/// that opens several, the only one cited before it.
fn resolve(found: &[Match], others: &[usize], work_of_entry: &HashMap<usize, usize>) -> Resolved {
    match (found, others) {
        ([], _) => Resolved::Unmatched,
        ([only], []) => Resolved::Entry(*only),
        _ => {
            let mut cited: Vec<usize> = found
                .iter()
                .filter_map(|m| work_of_entry.get(&m.entry).copied())
                .chain(others.iter().copied())
                .collect();
            cited.sort_unstable();
            cited.dedup();
            match (cited.as_slice(), found) {
                ([work], _) => Resolved::Work(*work),
                ([], [only]) => Resolved::Entry(*only),
                _ => Resolved::Ambiguous,
            }
        }
    }
}

/// For a short title matched to entries: the works without an entry, cited before, that share
/// a matched entry's main title but are other works (`Soviet Steel: The War Economy`, missing
/// from a bibliography that lists `Soviet Steel: The Early Years`), and that the short title
/// opens too.
fn other_works(
    index: &EntryIndex<'_>,
    unmatched: &UnmatchedWorks,
    citation: &Citation,
    found: &[Match],
) -> Vec<usize> {
    if found.first().is_none_or(|m| m.title != TitleMatch::Short) {
        return Vec::new();
    }
    let words = &citation.title_key;
    let mut out: Vec<usize> = unmatched
        .get(&bucket_key(citation, words))
        .into_iter()
        .flatten()
        .filter(|r| {
            compare_titles(words, &r.words).is_some_and(|(q, _)| q != TitleMatch::Fuzzy)
                && found.iter().any(|m| {
                    let (main, sub) = index.parts(m.entry);
                    r.parts.other_work_than(main, sub)
                })
        })
        .map(|r| r.work)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The bucket of unmatched works a title belongs to: its author's, or for an anonymous work,
/// its first word's (anonymous works are many).
fn bucket_key(citation: &Citation, words: &[String]) -> (String, String) {
    let author = author_key(citation);
    let first = if author.is_empty() {
        words.first().cloned().unwrap_or_default()
    } else {
        String::new()
    };
    (author, first)
}

fn author_key(citation: &Citation) -> String {
    citation
        .publication
        .surnames
        .first()
        .map(|s| name_key(s))
        .unwrap_or_default()
}

fn keyed_work(
    works: &mut Vec<Work>,
    keyed: &mut HashMap<String, usize>,
    key: String,
    covered_by: Option<usize>,
) -> usize {
    *keyed.entry(key).or_insert_with(|| {
        works.push(Work {
            citations: Vec::new(),
            entry: None,
            covered_by,
        });
        works.len() - 1
    })
}

/// A chapter or article is covered when the book or periodical holding it is in the
/// bibliography.
fn container_entry(index: &EntryIndex<'_>, citation: &Citation) -> Option<usize> {
    let container = citation.publication.container.as_ref()?;
    let words = title_words(&container.text);
    if let Some(periodical) = index.periodical(&words.join(" ")) {
        return Some(periodical);
    }
    index.container(&words)
}

/// The unmatched work a citation names, new if none: one whose title it matches and none of
/// whose titles is another work's under the same main title; None when it is a short title
/// that opens several.
fn unmatched_work(
    works: &mut Vec<Work>,
    unmatched: &mut UnmatchedWorks,
    citation: &Citation,
    parts: &TitleParts,
    covered_by: Option<usize>,
) -> Option<usize> {
    let words = citation.title_key.clone();
    // A short title may be the subtitle: `Waiting for Hitler` for `Stalin: Waiting for Hitler`.
    let subtitle = parts.sub.clone();
    let exact_or_short = |a: &[String], b: &[String]| {
        compare_titles(a, b).is_some_and(|(q, _)| q != TitleMatch::Fuzzy)
    };
    let key = bucket_key(citation, &words);
    let mut related: Vec<(TitleMatch, usize)> = Vec::new();
    let mut other: Vec<usize> = Vec::new();
    for record in unmatched.get(&key).into_iter().flatten() {
        if record.parts.other_work(parts) {
            other.push(record.work);
            continue;
        }
        let by_subtitle = (exact_or_short(&words, &record.subtitle)
            || exact_or_short(&subtitle, &record.words))
        .then_some(TitleMatch::Short);
        let quality = compare_titles(&words, &record.words)
            .map(|(q, _)| q)
            .into_iter()
            .chain(by_subtitle)
            .min();
        if let Some(quality) = quality {
            related.push((quality, record.work));
        }
    }
    related.retain(|(_, w)| !other.contains(w));
    related.sort_unstable();
    related.dedup();
    if let Some(&(quality, work)) = related.first() {
        let several = related.iter().filter(|(q, _)| *q == quality).count() > 1;
        if quality == TitleMatch::Short && several {
            return None;
        }
        // A work first cited by its short title learns its full title: a later title of
        // another work under the same main title is then told apart from it.
        let longest = unmatched
            .get(&key)
            .into_iter()
            .flatten()
            .filter(|r| r.work == work)
            .map(|r| r.words.len())
            .max()
            .unwrap_or(0);
        if quality == TitleMatch::Short && words.len() > longest {
            record_title(unmatched, citation, &words, parts, work);
        }
        return Some(work);
    }
    works.push(Work {
        citations: Vec::new(),
        entry: None,
        covered_by,
    });
    let w = works.len() - 1;
    record_title(unmatched, citation, &words, parts, w);
    Some(w)
}

fn record_title(
    unmatched: &mut UnmatchedWorks,
    citation: &Citation,
    words: &[String],
    parts: &TitleParts,
    work: usize,
) {
    let record = Record {
        words: words.to_vec(),
        subtitle: parts.sub.clone(),
        parts: parts.clone(),
        work,
    };
    let key = bucket_key(citation, words);
    let subtitle_key = bucket_key(citation, &parts.sub);
    unmatched
        .entry(key.clone())
        .or_default()
        .push(record.clone());
    if !parts.sub.is_empty() && subtitle_key != key {
        unmatched.entry(subtitle_key).or_default().push(record);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn other_work(a: &str, b: &str) -> bool {
        TitleParts::of(a).other_work(&TitleParts::of(b))
    }

    #[test]
    fn titles_of_one_main_title_are_other_works_when_their_subtitles_say_otherwise() {
        assert!(other_work(
            "Soviet Steel: The Early Years",
            "Soviet Steel: The War Economy"
        ));
        assert!(other_work(
            "Soviet Steel: The Early Years",
            "Soviet Steel: The Later Years"
        ));
        assert!(other_work("Mill Voices: Part One", "Mill Voices: Part Two"));
        assert!(other_work("Pit Songs: Part 1", "Pit Songs: Part 2"));
        assert!(other_work(
            "Stalin: Paradoxes of Power, 1878-1928",
            "Stalin: Waiting for Hitler, 1929-1941"
        ));
        assert!(other_work("Lives: Men at Work", "Lives: Women at Work"));
    }

    #[test]
    fn a_misspelt_shortened_or_lengthened_subtitle_is_the_same_work() {
        assert!(!other_work(
            "Soviet Steel: The Erly Years",
            "Soviet Steel: The Early Years"
        ));
        assert!(!other_work(
            "Soviet Steel: The Early Yaers",
            "Soviet Steel: Early Years"
        ));
        assert!(!other_work(
            "Stalin: Waiting for Hitler",
            "Stalin: Waiting for Hitler, 1929-1941"
        ));
        assert!(!other_work(
            "Dvizhenie: put' k razvitiu Rossii na materialakh Udmurtii",
            "Dvizhenie: Put' k razvitiuu Rossii: (na materialakh Udmurtii): monografiia"
        ));
        // No subtitle, or another main title: not this comparison's to decide.
        assert!(!other_work("Soviet Steel", "Soviet Steel: The War Economy"));
        assert!(!other_work(
            "Soviet Iron: The Early Years",
            "Soviet Steel: The War Economy"
        ));
    }
}
