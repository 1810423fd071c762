//! Matching citations to bibliography entries and grouping them into works. Entries are found
//! through indexes by surname and by first title word, never by scanning every entry.

use std::collections::HashMap;
use std::ops::Range;

use super::{BibWork, Citation, CitationKind, EntryKind, Work};
use crate::model::Manuscript;
use crate::text::{may_be_similar, name_key, name_similarity, similarity_at_least, title_words};

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

/// Works with no entry, per author key and first word of title or subtitle: title words,
/// subtitle words, work index. Bucketing by first word keeps the fuzzy comparisons local.
type UnmatchedWorks = HashMap<(String, String), Vec<(Vec<String>, Vec<String>, usize)>>;

const FUZZY_TITLE: f64 = 0.85;
const FUZZY_NAME: f64 = 0.7;
/// With the author's name agreeing, a title may be spelt further off.
const FUZZY_TITLE_SAME_AUTHOR: f64 = 0.75;

struct EntryIndex<'a> {
    entries: &'a [BibWork],
    by_surname: HashMap<String, Vec<usize>>,
    by_any_surname: HashMap<String, Vec<usize>>,
    by_first_word: HashMap<String, Vec<usize>>,
    titles: Vec<Vec<String>>,
    /// The words after a title's first colon: `Waiting for Hitler` shortens `Stalin: Waiting…`.
    subtitles: Vec<Vec<String>>,
    periodicals: HashMap<String, usize>,
    archives: HashMap<String, usize>,
}

impl<'a> EntryIndex<'a> {
    fn new(entries: &'a [BibWork]) -> Self {
        let mut index = EntryIndex {
            entries,
            by_surname: HashMap::new(),
            by_any_surname: HashMap::new(),
            by_first_word: HashMap::new(),
            titles: Vec::with_capacity(entries.len()),
            subtitles: Vec::with_capacity(entries.len()),
            periodicals: HashMap::new(),
            archives: HashMap::new(),
        };
        for (i, entry) in entries.iter().enumerate() {
            let words = entry
                .publication
                .title
                .as_ref()
                .map(|t| title_words(&t.text))
                .unwrap_or_default();
            match entry.kind {
                EntryKind::Archive => {
                    if let Some(abbr) = &entry.abbreviation {
                        index.archives.insert(abbr.to_lowercase(), i);
                    }
                }
                EntryKind::Continuation => {}
                EntryKind::Periodical => {
                    index.periodicals.insert(words.join(" "), i);
                }
                EntryKind::Work => {
                    if let Some(first) = entry.publication.surnames.first() {
                        index.by_surname.entry(name_key(first)).or_default().push(i);
                    }
                    for surname in &entry.publication.surnames {
                        index
                            .by_any_surname
                            .entry(name_key(surname))
                            .or_default()
                            .push(i);
                    }
                    if let Some(word) = words.first() {
                        index.by_first_word.entry(word.clone()).or_default().push(i);
                    }
                }
            }
            let subtitle = entry
                .publication
                .title
                .as_ref()
                .and_then(|t| t.text.split_once(':'))
                .map(|(_, sub)| title_words(sub))
                .unwrap_or_default();
            index.subtitles.push(subtitle);
            index.titles.push(words);
        }
        index
    }

    /// The best entry for a title among candidates: an exact or short match if there is one,
    /// else the closest spelling within `threshold`.
    fn best(
        &self,
        candidates: &[usize],
        words: &[String],
        year: Option<&str>,
        author_fuzzy: bool,
        threshold: f64,
    ) -> Option<Match> {
        // Spelling distances are costly: computed only when nothing matches word for word.
        self.best_within(candidates, words, year, author_fuzzy, f64::INFINITY)
            .or_else(|| self.best_within(candidates, words, year, author_fuzzy, threshold))
    }

    fn best_within(
        &self,
        candidates: &[usize],
        words: &[String],
        year: Option<&str>,
        author_fuzzy: bool,
        threshold: f64,
    ) -> Option<Match> {
        let mut best: Option<(TitleMatch, f64, bool, usize)> = None;
        for &i in candidates {
            let by_subtitle = compare_titles_within(words, &self.subtitles[i], threshold)
                .filter(|(q, _)| *q != TitleMatch::Fuzzy)
                .map(|(_, score)| (TitleMatch::Short, score));
            let Some((quality, score)) =
                compare_titles_within(words, &self.titles[i], threshold).or(by_subtitle)
            else {
                continue;
            };
            let same_year = year.is_some_and(|y| {
                self.entries[i]
                    .publication
                    .year
                    .as_ref()
                    .is_some_and(|e| e.text == y)
            });
            let better = match best {
                None => true,
                Some((q, s, y, _)) => (quality, -score, !same_year) < (q, -s, !y),
            };
            if better {
                best = Some((quality, score, same_year, i));
            }
        }
        best.map(|(title, _, _, entry)| Match {
            entry,
            title,
            author_fuzzy,
        })
    }

    fn match_citation(&self, citation: &Citation) -> Option<Match> {
        let words = &citation.title_key;
        if words.is_empty() {
            return None;
        }
        let year = citation.publication.year.as_ref().map(|y| y.text.as_str());
        if let Some(first) = citation.publication.surnames.first() {
            let key = name_key(first);
            for map in [&self.by_surname, &self.by_any_surname] {
                if let Some(found) = map
                    .get(&key)
                    .and_then(|c| self.best(c, words, year, false, FUZZY_TITLE_SAME_AUTHOR))
                {
                    return Some(found);
                }
            }
            // A misspelt surname: close keys that share the first letter.
            let initial = key.chars().next();
            let close: Vec<usize> = self
                .by_surname
                .iter()
                .filter(|(k, _)| {
                    k.chars().next() == initial
                        && may_be_similar(k, &key, FUZZY_NAME)
                        && name_similarity(k, &key) >= FUZZY_NAME
                })
                .flat_map(|(_, v)| v.iter().copied())
                .collect();
            return self
                .best(&close, words, year, true, FUZZY_TITLE)
                .filter(|m| m.title != TitleMatch::Fuzzy);
        }
        // A title alone names an anonymous work: an entry without author. Its first word may
        // be the misspelt one, so near first words are tried too.
        let prefix: String = words[0].chars().take(3).collect();
        let candidates: Vec<usize> = self
            .by_first_word
            .iter()
            .filter(|(word, _)| word.starts_with(&prefix))
            .flat_map(|(_, list)| list.iter().copied())
            .filter(|&i| self.entries[i].publication.surnames.is_empty())
            .collect();
        self.best(&candidates, words, year, false, FUZZY_TITLE)
    }
}

/// How two titles relate, word by word; None when they are different titles.
pub fn compare_titles(citation: &[String], entry: &[String]) -> Option<(TitleMatch, f64)> {
    compare_titles_within(citation, entry, FUZZY_TITLE)
}

fn compare_titles_within(
    citation: &[String],
    entry: &[String],
    threshold: f64,
) -> Option<(TitleMatch, f64)> {
    if citation.is_empty() || entry.is_empty() {
        return None;
    }
    if citation == entry {
        return Some((TitleMatch::Exact, 1.0));
    }
    let shorter = citation.len().min(entry.len());
    if citation[..shorter] == entry[..shorter] {
        return Some((TitleMatch::Short, 1.0));
    }
    let a = citation[..shorter].join(" ");
    let b = entry[..shorter].join(" ");
    // Short keys differ in a letter or two between unrelated titles; demand some length.
    if a.len() < 8 || !may_be_similar(&a, &b, threshold) {
        return None;
    }
    // Edit distance costs the product of the lengths: the opening words decide.
    let head = |s: &str| -> String { s.chars().take(FUZZY_HEAD).collect() };
    similarity_at_least(&head(&a), &head(&b), threshold).map(|score| (TitleMatch::Fuzzy, score))
}

/// Characters of a title compared for spelling differences.
const FUZZY_HEAD: usize = 48;

pub fn group(
    ms: &Manuscript,
    citations: &mut [Citation],
    by_note: &[Range<usize>],
    entries: &[BibWork],
) -> Vec<Work> {
    let index = EntryIndex::new(entries);
    let mut works: Vec<Work> = Vec::new();
    let mut work_of_entry: HashMap<usize, usize> = HashMap::new();
    let mut unmatched: UnmatchedWorks = HashMap::new();
    let mut keyed: HashMap<String, usize> = HashMap::new();
    let mut previous_note_works: Vec<usize> = Vec::new();
    let mut previous_scope: Option<u32> = None;

    for (note_id, range) in by_note.iter().enumerate() {
        let scope = ms.notes.get(note_id).map(|n| n.scope);
        if scope != previous_scope {
            previous_note_works.clear();
            previous_scope = scope;
        }
        let mut note_works: Vec<usize> = Vec::new();
        for i in range.clone() {
            let citation = &citations[i];
            let work = match citation.kind {
                CitationKind::Scripture | CitationKind::Web | CitationKind::OpCit => None,
                CitationKind::Ibid => {
                    let only_previous = match previous_note_works.as_slice() {
                        [only] => Some(*only),
                        _ => None,
                    };
                    let antecedent = note_works.last().copied().or(only_previous);
                    citations[i].work = antecedent;
                    if let Some(w) = antecedent {
                        note_works.push(w);
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
                    let covered = index.periodicals.get(&container).copied();
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
                    let found = index.match_citation(citation);
                    match found {
                        Some(m) => Some(*work_of_entry.entry(m.entry).or_insert_with(|| {
                            works.push(Work {
                                citations: Vec::new(),
                                entry: Some(m),
                                covered_by: None,
                            });
                            works.len() - 1
                        })),
                        None => {
                            let covered = container_entry(&index, citation);
                            Some(unmatched_work(
                                &mut works,
                                &mut unmatched,
                                citation,
                                &title,
                                covered,
                            ))
                        }
                    }
                }
            };
            if let Some(w) = work {
                citations[i].work = Some(w);
                works[w].citations.push(i);
                if !note_works.contains(&w) {
                    note_works.push(w);
                }
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
    works
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
    if let Some(&periodical) = index.periodicals.get(&words.join(" ")) {
        return Some(periodical);
    }
    let candidates = index.by_first_word.get(words.first()?)?;
    index
        .best(candidates, &words, None, false, FUZZY_TITLE)
        .map(|m| m.entry)
}

fn unmatched_work(
    works: &mut Vec<Work>,
    unmatched: &mut UnmatchedWorks,
    citation: &Citation,
    title: &str,
    covered_by: Option<usize>,
) -> usize {
    let author = citation
        .publication
        .surnames
        .first()
        .map(|s| name_key(s))
        .unwrap_or_default();
    let words = citation.title_key.clone();
    // A short title may be the subtitle: `Waiting for Hitler` for `Stalin: Waiting for Hitler`.
    let subtitle = title
        .split_once(':')
        .map(|(_, sub)| title_words(sub))
        .unwrap_or_default();
    let exact_or_short = |a: &[String], b: &[String]| {
        compare_titles(a, b).is_some_and(|(q, _)| q != TitleMatch::Fuzzy)
    };
    // Anonymous works are many: only they are bucketed by first word as well.
    let anonymous = author.is_empty();
    let first = move |w: &[String]| {
        if anonymous {
            w.first().cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    let bucket = unmatched.get(&(author.clone(), first(&words)));
    let same = bucket.into_iter().flatten().find(|(t, sub, _)| {
        compare_titles(&words, t).is_some()
            || exact_or_short(&words, sub)
            || exact_or_short(&subtitle, t)
    });
    if let Some((_, _, w)) = same {
        return *w;
    }
    works.push(Work {
        citations: Vec::new(),
        entry: None,
        covered_by,
    });
    let w = works.len() - 1;
    let record = (words.clone(), subtitle.clone(), w);
    unmatched
        .entry((author.clone(), first(&words)))
        .or_default()
        .push(record.clone());
    if !subtitle.is_empty() && first(&subtitle) != first(&words) {
        unmatched
            .entry((author, first(&subtitle)))
            .or_default()
            .push(record);
    }
    w
}
