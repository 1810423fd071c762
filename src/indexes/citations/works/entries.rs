//! The bibliography entries as citations are matched against them: buckets by surname and by
//! first title word, each holding one entry per distinct title, and memoised matches.
//!
//! Cost must grow with the manuscript, not with its square. A manuscript whose reference lists
//! repeat (one per chapter, a folder of theses checked as one) lists the same work many times:
//! a bucket keeps only the first entry of each title (`Class`), which is the one every match
//! would name anyway. A title cited again by the same author is matched once (`memo`), and the
//! word-for-word pass looks only at the entries whose title or subtitle opens with the cited
//! title's first word.

use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};

use super::{Match, TitleMatch, TitleParts};
use crate::indexes::citations::{BibWork, Citation, EntryKind};
use crate::text::{may_be_similar, name_key, name_similarity, similarity_at_least, title_words};

pub(super) const FUZZY_TITLE: f64 = 0.85;
const FUZZY_NAME: f64 = 0.7;
/// With the author's name agreeing, a title may be spelt further off.
const FUZZY_TITLE_SAME_AUTHOR: f64 = 0.75;
/// Characters of a title compared for spelling differences.
const FUZZY_HEAD: usize = 48;

/// A title's words joined by single spaces, with where each word ends: the opening `k` words
/// joined are a slice, not a new string, however many entries they are compared with.
#[derive(Clone, Debug, Default)]
pub(super) struct Joined {
    text: String,
    ends: Vec<usize>,
}

impl Joined {
    pub(super) fn of(words: &[String]) -> Joined {
        let mut joined = Joined {
            text: String::with_capacity(words.iter().map(|w| w.len() + 1).sum()),
            ends: Vec::with_capacity(words.len()),
        };
        for word in words {
            if !joined.text.is_empty() {
                joined.text.push(' ');
            }
            joined.text.push_str(word);
            joined.ends.push(joined.text.len());
        }
        joined
    }

    /// The first `count` words (at least one) joined.
    fn opening(&self, count: usize) -> &str {
        let end = count
            .checked_sub(1)
            .and_then(|i| self.ends.get(i))
            .copied()
            .unwrap_or(self.text.len());
        &self.text[..end]
    }
}

/// A title's words with their joined form.
#[derive(Clone, Copy)]
pub(super) struct Words<'a> {
    pub words: &'a [String],
    pub joined: &'a Joined,
}

/// How two titles relate, word by word; None when they are different titles.
pub(super) fn compare_words(
    citation: Words<'_>,
    entry: Words<'_>,
    threshold: f64,
) -> Option<(TitleMatch, f64)> {
    let (cw, ew) = (citation.words, entry.words);
    if cw.is_empty() || ew.is_empty() {
        return None;
    }
    if cw == ew {
        return Some((TitleMatch::Exact, 1.0));
    }
    let shorter = cw.len().min(ew.len());
    if cw[..shorter] == ew[..shorter] {
        return Some((TitleMatch::Short, 1.0));
    }
    let a = citation.joined.opening(shorter);
    let b = entry.joined.opening(shorter);
    // Short keys differ in a letter or two between unrelated titles; demand some length.
    if a.len() < 8 || !may_be_similar(a, b, threshold) {
        return None;
    }
    // Edit distance costs the product of the lengths: the opening words decide.
    similarity_at_least(head(a), head(b), threshold).map(|score| (TitleMatch::Fuzzy, score))
}

fn head(s: &str) -> &str {
    s.char_indices()
        .nth(FUZZY_HEAD)
        .map_or(s, |(at, _)| &s[..at])
}

/// A title as it is matched: its words, its parts (for telling two works of one main title
/// apart) and the year cited with it.
pub(super) struct Title<'a> {
    pub words: Words<'a>,
    pub parts: Option<&'a TitleParts>,
    pub year: Option<&'a str>,
}

/// The entries of one key, one per class, and the same by the first word of their title or
/// subtitle (the only entries a title can match word for word).
#[derive(Default)]
pub(super) struct Bucket {
    entries: Vec<usize>,
    by_word: HashMap<String, Vec<usize>>,
    classes: HashSet<usize>,
}

impl Bucket {
    /// Adds entry `i` unless an entry of its class is in already; whether it was added.
    fn add<'w>(
        &mut self,
        i: usize,
        class: usize,
        openings: impl Iterator<Item = &'w String>,
    ) -> bool {
        if !self.classes.insert(class) {
            return false;
        }
        self.entries.push(i);
        for word in openings {
            let list = self.by_word.entry(word.clone()).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
        true
    }
}

/// The first one, two and three letters of a word (as many as it has).
fn prefixes(word: &str) -> impl Iterator<Item = String> + '_ {
    word.char_indices()
        .skip(1)
        .map(|(at, _)| at)
        .chain(std::iter::once(word.len()))
        .take(3)
        .map(|end| word[..end].to_string())
}

/// Entries that every match treats alike: same title words, parts, year and whether they have
/// an author. Of such entries a match names the first, so a bucket keeps only that one.
type Class<'e> = (
    &'e [String],
    &'e [String],
    &'e [String],
    Option<&'e str>,
    bool,
);

fn hash_of(class: &Class<'_>) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(class)
}

/// An entry title's words before and after its first colon. Most are the title's own words,
/// cut in two (less a leading article of the subtitle): kept as where to cut, not as a second
/// copy of the words (a large `.bib` held 23 MB of them).
enum SplitTitle {
    Cut { main_end: usize, sub_start: usize },
    Own(TitleParts),
}

impl SplitTitle {
    fn of(title: &str, words: &[String]) -> SplitTitle {
        let parts = TitleParts::of(title);
        let main_end = parts.main.len();
        let cut = (words.get(..main_end) == Some(parts.main.as_slice()))
            .then(|| {
                let rest = &words[main_end..];
                let skipped = rest.len().checked_sub(parts.sub.len())?;
                (rest.get(skipped..) == Some(parts.sub.as_slice()) && skipped <= 1)
                    .then_some(main_end + skipped)
            })
            .flatten();
        match cut {
            Some(sub_start) => SplitTitle::Cut {
                main_end,
                sub_start,
            },
            None => SplitTitle::Own(parts),
        }
    }

    fn parts<'w>(&'w self, words: &'w [String]) -> (&'w [String], &'w [String]) {
        match self {
            SplitTitle::Cut {
                main_end,
                sub_start,
            } => (&words[..*main_end], &words[*sub_start..]),
            SplitTitle::Own(parts) => (&parts.main, &parts.sub),
        }
    }
}

/// What a citation is matched by: its author's surname, its title and its year.
type MemoKey = (Option<String>, String, Option<String>);

pub(super) struct EntryIndex<'a> {
    pub entries: &'a [BibWork],
    by_surname: HashMap<String, Bucket>,
    by_any_surname: HashMap<String, Bucket>,
    by_first_word: HashMap<String, Bucket>,
    /// Anonymous entries by the first one, two and three letters of their first title word.
    anonymous_by_prefix: HashMap<String, Vec<usize>>,
    /// The surname keys by their first letter, for misspelt surnames.
    surnames_by_initial: HashMap<Option<char>, Vec<String>>,
    pub titles: Vec<Vec<String>>,
    /// Joined on first comparison: most entries of a large `.bib` are never compared. Boxed,
    /// so an entry never compared costs a pointer, not the 48 bytes of an empty `Joined`.
    joined_titles: Vec<OnceCell<Box<Joined>>>,
    /// The words before and after a title's first colon: `Waiting for Hitler` shortens
    /// `Stalin: Waiting…`.
    /// Only for titles with a colon: without one, the main title is the title's words and
    /// there is no subtitle (a large `.bib` held every title twice); boxed, so a title without
    /// one costs a pointer.
    split_titles: Vec<Option<Box<SplitTitle>>>,
    joined_subtitles: Vec<OnceCell<Box<Joined>>>,
    periodicals: HashMap<String, usize>,
    /// The last two words or more of each listed periodical's title (`Times Tribune` of
    /// `Peninsula Times Tribune`), None where two periodicals end alike.
    periodical_tails: HashMap<String, Option<usize>>,
    pub archives: HashMap<String, usize>,
    memo: RefCell<HashMap<MemoKey, Vec<Match>>>,
    close_surnames: RefCell<HashMap<String, Vec<String>>>,
}

impl<'a> EntryIndex<'a> {
    pub fn new(entries: &'a [BibWork]) -> Self {
        let titles: Vec<Vec<String>> = entries
            .iter()
            .map(|e| {
                e.publication
                    .title
                    .as_ref()
                    .map(|t| title_words(&t.text))
                    .unwrap_or_default()
            })
            .collect();
        let split_titles: Vec<Option<Box<SplitTitle>>> = entries
            .iter()
            .zip(&titles)
            .map(|(e, words)| {
                let title = e.publication.title.as_ref()?;
                title
                    .text
                    .contains(':')
                    .then(|| Box::new(SplitTitle::of(&title.text, words)))
            })
            .collect();
        let parts = |i: usize| -> (&[String], &[String]) {
            match &split_titles[i] {
                Some(split) => split.parts(&titles[i]),
                None => (&titles[i], &[]),
            }
        };
        let mut by_surname: HashMap<String, Bucket> = HashMap::new();
        let mut by_any_surname: HashMap<String, Bucket> = HashMap::new();
        let mut by_first_word: HashMap<String, Bucket> = HashMap::new();
        let mut anonymous_by_prefix: HashMap<String, Vec<usize>> = HashMap::new();
        let mut periodicals = HashMap::new();
        let mut archives = HashMap::new();
        // Classes by their hash, each with its first entry (whose class is its id): a map
        // keyed by the class itself held 80 bytes a slot, 21 MB for a large `.bib`. Two
        // classes of one hash (never seen) are told apart by comparing with the first entry's
        // class; the later one is a class of its own, so a collision only costs a bucket slot.
        let class_of = |i: usize| -> Class<'_> {
            let (main, sub) = parts(i);
            let publication = &entries[i].publication;
            (
                titles[i].as_slice(),
                main,
                sub,
                publication.year.as_ref().map(|y| y.text.as_str()),
                publication.surnames.is_empty(),
            )
        };
        let mut first_of_class: HashMap<u64, usize> = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            let words = &titles[i];
            match entry.kind {
                EntryKind::Archive => {
                    if let Some(abbr) = &entry.abbreviation {
                        archives.insert(abbr.to_lowercase(), i);
                    }
                }
                EntryKind::Continuation => {}
                EntryKind::Periodical => {
                    periodicals.insert(words.join(" "), i);
                }
                EntryKind::Work => {
                    let surnames = &entry.publication.surnames;
                    let sub = parts(i).1;
                    let own = class_of(i);
                    let first = *first_of_class.entry(hash_of(&own)).or_insert(i);
                    let class = if class_of(first) == own { first } else { i };
                    let openings = || words.first().into_iter().chain(sub.first());
                    if let Some(first) = surnames.first() {
                        by_surname
                            .entry(name_key(first))
                            .or_default()
                            .add(i, class, openings());
                    }
                    for surname in surnames {
                        by_any_surname.entry(name_key(surname)).or_default().add(
                            i,
                            class,
                            openings(),
                        );
                    }
                    if let Some(word) = words.first() {
                        let added = by_first_word.entry(word.clone()).or_default().add(
                            i,
                            class,
                            openings(),
                        );
                        if added && surnames.is_empty() {
                            for prefix in prefixes(word) {
                                anonymous_by_prefix.entry(prefix).or_default().push(i);
                            }
                        }
                    }
                }
            }
        }
        drop(first_of_class);
        let mut periodical_tails: HashMap<String, Option<usize>> = HashMap::new();
        for (title, &i) in &periodicals {
            let words: Vec<&str> = title.split(' ').collect();
            for start in 1..words.len().saturating_sub(1) {
                let tail = words[start..].join(" ");
                if periodicals.contains_key(&tail) {
                    continue;
                }
                periodical_tails
                    .entry(tail)
                    .and_modify(|found| {
                        if *found != Some(i) {
                            *found = None;
                        }
                    })
                    .or_insert(Some(i));
            }
        }
        let mut surnames_by_initial: HashMap<Option<char>, Vec<String>> = HashMap::new();
        for key in by_surname.keys() {
            surnames_by_initial
                .entry(key.chars().next())
                .or_default()
                .push(key.clone());
        }
        EntryIndex {
            entries,
            by_surname,
            by_any_surname,
            by_first_word,
            anonymous_by_prefix,
            surnames_by_initial,
            joined_titles: titles.iter().map(|_| OnceCell::new()).collect(),
            joined_subtitles: split_titles.iter().map(|_| OnceCell::new()).collect(),
            titles,
            split_titles,
            periodicals,
            periodical_tails,
            archives,
            memo: RefCell::new(HashMap::new()),
            close_surnames: RefCell::new(HashMap::new()),
        }
    }
}

impl EntryIndex<'_> {
    /// Entry `i`'s title before its first colon and after it.
    pub fn parts(&self, i: usize) -> (&[String], &[String]) {
        match &self.split_titles[i] {
            Some(split) => split.parts(&self.titles[i]),
            None => (&self.titles[i], &[]),
        }
    }

    fn words(&self, i: usize) -> Words<'_> {
        Words {
            words: &self.titles[i],
            joined: self.joined_titles[i].get_or_init(|| Box::new(Joined::of(&self.titles[i]))),
        }
    }

    fn subtitle(&self, i: usize) -> Words<'_> {
        Words {
            words: self.parts(i).1,
            joined: self.joined_subtitles[i].get_or_init(|| Box::new(Joined::of(self.parts(i).1))),
        }
    }

    /// The best entries of the buckets for a title: an exact or short match if there is one,
    /// else the closest spelling within `threshold`. Several only when a short title opens
    /// several titles equally well (`Soviet Steel` for two books of that main title).
    fn best_in(
        &self,
        buckets: &[&Bucket],
        title: &Title<'_>,
        author_fuzzy: bool,
        threshold: f64,
    ) -> Vec<Match> {
        let Some(first) = title.words.words.first() else {
            return Vec::new();
        };
        // Only an entry whose title or subtitle opens with the same word can match word for
        // word; spelling distances, costly, are computed only when none does.
        let opening: Vec<usize> = buckets
            .iter()
            .filter_map(|b| b.by_word.get(first))
            .flatten()
            .copied()
            .collect();
        let exact = self.best_within(&opening, title, author_fuzzy, f64::INFINITY);
        if !exact.is_empty() {
            return exact;
        }
        let all: Vec<usize> = buckets
            .iter()
            .flat_map(|b| b.entries.iter().copied())
            .collect();
        self.best_within(&all, title, author_fuzzy, threshold)
    }

    /// As [`EntryIndex::best_in`], over a plain list of candidates.
    fn best(
        &self,
        candidates: &[usize],
        title: &Title<'_>,
        author_fuzzy: bool,
        threshold: f64,
    ) -> Vec<Match> {
        let exact = self.best_within(candidates, title, author_fuzzy, f64::INFINITY);
        if exact.is_empty() {
            self.best_within(candidates, title, author_fuzzy, threshold)
        } else {
            exact
        }
    }

    fn best_within(
        &self,
        candidates: &[usize],
        title: &Title<'_>,
        author_fuzzy: bool,
        threshold: f64,
    ) -> Vec<Match> {
        let words = title.words;
        let mut best: Option<(TitleMatch, f64, bool)> = None;
        let mut tied: Vec<usize> = Vec::new();
        for &i in candidates {
            let (main, sub) = self.parts(i);
            if title.parts.is_some_and(|p| p.other_work_than(main, sub)) {
                continue;
            }
            let by_subtitle = compare_words(words, self.subtitle(i), threshold)
                .filter(|(q, _)| *q != TitleMatch::Fuzzy)
                .map(|(_, score)| (TitleMatch::Short, score));
            let Some((quality, score)) =
                compare_words(words, self.words(i), threshold).or(by_subtitle)
            else {
                continue;
            };
            let same_year = title.year.is_some_and(|y| {
                self.entries[i]
                    .publication
                    .year
                    .as_ref()
                    .is_some_and(|e| e.text == y)
            });
            let rank = (quality, -score, !same_year);
            match best.map(|(q, s, y)| rank.partial_cmp(&(q, -s, !y))) {
                Some(Some(std::cmp::Ordering::Greater)) => continue,
                Some(Some(std::cmp::Ordering::Equal)) => tied.push(i),
                _ => {
                    best = Some((quality, score, same_year));
                    tied.clear();
                    tied.push(i);
                }
            }
        }
        let Some((quality, ..)) = best else {
            return Vec::new();
        };
        tied.sort_unstable();
        // Entries of one title (editions, a work listed twice) are one candidate, as before:
        // the first. Only a short title can open several different titles.
        let mut out: Vec<Match> = Vec::new();
        for i in tied {
            let other_title = out.iter().all(|m| self.titles[m.entry] != self.titles[i]);
            if out.is_empty() || (quality == TitleMatch::Short && other_title) {
                out.push(Match {
                    entry: i,
                    title: quality,
                    author_fuzzy,
                });
            }
        }
        out
    }

    /// The entries a citation names, matched once per author, title and year.
    pub fn match_citation(&self, citation: &Citation, parts: &TitleParts) -> Vec<Match> {
        if citation.title_key.is_empty() {
            return Vec::new();
        }
        let key: MemoKey = (
            citation.publication.surnames.first().cloned(),
            citation
                .publication
                .title
                .as_ref()
                .map(|t| t.text.clone())
                .unwrap_or_default(),
            citation.publication.year.as_ref().map(|y| y.text.clone()),
        );
        if let Some(found) = self.memo.borrow().get(&key) {
            return found.clone();
        }
        let found = self.match_uncached(citation, parts);
        self.memo.borrow_mut().insert(key, found.clone());
        found
    }

    fn match_uncached(&self, citation: &Citation, parts: &TitleParts) -> Vec<Match> {
        let words = &citation.title_key;
        let joined = Joined::of(words);
        let title = Title {
            words: Words {
                words,
                joined: &joined,
            },
            parts: Some(parts),
            year: citation.publication.year.as_ref().map(|y| y.text.as_str()),
        };
        if let Some(first) = citation.publication.surnames.first() {
            let key = name_key(first);
            for map in [&self.by_surname, &self.by_any_surname] {
                let found = map.get(&key).map_or_else(Vec::new, |bucket| {
                    self.best_in(&[bucket], &title, false, FUZZY_TITLE_SAME_AUTHOR)
                });
                if !found.is_empty() {
                    return found;
                }
            }
            // A misspelt surname: close keys that share the first letter.
            let close = self.close_surnames(&key);
            let buckets: Vec<&Bucket> = close
                .iter()
                .filter_map(|k| self.by_surname.get(k))
                .collect();
            let mut found = self.best_in(&buckets, &title, true, FUZZY_TITLE);
            found.retain(|m| m.title != TitleMatch::Fuzzy);
            if found.is_empty() {
                found = self.by_body_in_other_order(first, &title);
            }
            return found;
        }
        // A title alone names an anonymous work: an entry without author. Its first word may
        // be the misspelt one, so near first words are tried too.
        let prefix: String = words[0].chars().take(3).collect();
        let candidates = self
            .anonymous_by_prefix
            .get(&prefix)
            .map_or(&[][..], Vec::as_slice);
        self.best(candidates, &title, false, FUZZY_TITLE)
    }

    /// A body named in another order of its words (`County of Santa Clara Planning
    /// Department`, `Santa Clara County Planning Department`), with the title word for word.
    fn by_body_in_other_order(&self, body: &str, title: &Title<'_>) -> Vec<Match> {
        let significant = |name: &str| -> Vec<String> {
            let mut words: Vec<String> = name
                .split([' ', ',', '.'])
                .map(crate::text::fold)
                .filter(|w| !w.is_empty() && !matches!(w.as_str(), "of" | "the" | "and" | "for"))
                .collect();
            words.sort_unstable();
            words.dedup();
            words
        };
        let words = significant(body);
        if words.len() < 3 {
            return Vec::new();
        }
        let Some(bucket) = title
            .words
            .words
            .first()
            .and_then(|w| self.by_first_word.get(w))
        else {
            return Vec::new();
        };
        let mut found = self.best_in(&[bucket], title, false, FUZZY_TITLE);
        found.retain(|m| {
            m.title != TitleMatch::Fuzzy
                && self.entries[m.entry]
                    .publication
                    .author
                    .as_ref()
                    .is_some_and(|author| significant(&author.text) == words)
        });
        found
    }

    /// The listed periodical a citation's periodical title (its words, joined) names: the
    /// title itself, or the end of one listed title (`Times Tribune`).
    pub fn periodical(&self, title: &str) -> Option<usize> {
        self.periodicals
            .get(title)
            .copied()
            .or_else(|| self.periodical_tails.get(title).copied().flatten())
    }

    /// The surname keys near `key` (its first letter the same), each looked for once.
    fn close_surnames(&self, key: &str) -> Vec<String> {
        if let Some(close) = self.close_surnames.borrow().get(key) {
            return close.clone();
        }
        let close: Vec<String> = self
            .surnames_by_initial
            .get(&key.chars().next())
            .into_iter()
            .flatten()
            .filter(|k| may_be_similar(k, key, FUZZY_NAME) && name_similarity(k, key) >= FUZZY_NAME)
            .cloned()
            .collect();
        self.close_surnames
            .borrow_mut()
            .insert(key.to_string(), close.clone());
        close
    }

    /// The entry of the book a chapter or article is in (by the container's title words).
    pub fn container(&self, words: &[String]) -> Option<usize> {
        let bucket = self.by_first_word.get(words.first()?)?;
        let joined = Joined::of(words);
        let title = Title {
            words: Words {
                words,
                joined: &joined,
            },
            parts: None,
            year: None,
        };
        self.best_in(&[bucket], &title, false, FUZZY_TITLE)
            .first()
            .map(|m| m.entry)
    }
}

#[cfg(test)]
mod tests {
    use super::{SplitTitle, TitleParts};
    use crate::text::title_words;

    /// However an entry keeps its split title, it reads back as `TitleParts::of` does.
    #[test]
    fn a_split_title_reads_back_as_its_parts() {
        for title in [
            "Soviet Steel: The Early Years",
            "The Pit: A History",
            "The: Years",
            "A: B",
            "Stalin: Waiting for Hitler, 1929-1941",
            "Dvizhenie: Put' k razvitiuu Rossii: (na materialakh Udmurtii): monografiia",
            "Le Monde: la presse",
            ": An Empty Main Title",
            "Trailing colon:",
            "Mill: The",
        ] {
            let words = title_words(title);
            let expected = TitleParts::of(title);
            let split = SplitTitle::of(title, &words);
            let (main, sub) = split.parts(&words);
            assert_eq!(main, expected.main.as_slice(), "main title of {title:?}");
            assert_eq!(sub, expected.sub.as_slice(), "subtitle of {title:?}");
        }
    }

    #[test]
    fn a_title_cut_in_two_keeps_no_second_copy() {
        let title = "Soviet Steel: The Early Years";
        let split = SplitTitle::of(title, &title_words(title));
        assert!(matches!(split, SplitTitle::Cut { .. }));
    }
}
