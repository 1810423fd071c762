use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::indexes::words::{WordContext, WordIndex};
use crate::rules::Context;
use crate::source::Span;
use crate::text::{fold, is_apostrophe, is_english_word};

use super::romanization::Table;
use super::{Script, script_of};

declare_rule! {
    /// The same word written with and without a diacritic or a foreign letter.
    ///
    /// ## What it checks
    /// Words are compared with their diacritics removed (and a final *ï* or *y* taken as the
    /// same letter). When one word is written in several ways and at least one of them uses a
    /// letter outside plain ASCII — *družei* and *druzei*, *Dneprostroï* and *Dneprostroy* —
    /// the spellings other than the manuscript's own are reported, one diagnostic per spelling
    /// and file, with every place it stands (`San José` 160 times in one chapter against
    /// `San Jose` 498 times).
    ///
    /// Which spelling is the manuscript's own: in romanized Russian, the one the citations'
    /// romanization system writes (declared with `[names] system`, or inferred as
    /// transliteration-system infers it: *druzei* in an ALA-LC manuscript, however often
    /// *družei* is written); otherwise the spelling written more often; on a tie, the
    /// bibliography's. A tie the bibliography does not settle is not reported: neither side is
    /// the norm.
    ///
    /// ## What it leaves alone
    /// - Quotations and published titles: inside a quotation, or a cited title in Latin letters
    ///   (*The History of San José*), the spelling is the source's. A romanized title is the
    ///   author's own transliteration and is compared.
    /// - Different names: a capitalised word is compared with its companions, the capitalised
    ///   words beside it. *Fray José Murguía* is not the *José* of *San Jose*: a spelling whose
    ///   companions never stand beside the other spelling is another name.
    /// - English words: when the plain spelling is itself an English word (*resume* beside
    ///   *résumé*), the two are different words.
    /// - Words in capitals (*RANCIERE* beside *Rancière*: capitals often drop their accents)
    ///   and coinages with a capital inside (*ErickéRamzy*).
    ///
    /// ## Why
    /// A romanization system either uses diacritics or does not; a manuscript that does both
    /// looks careless, and catalogue searches treat the spellings as different words.
    ///
    /// ## Example
    /// ```markdown
    /// Busygin, *Zhizn' moia i moikh družei*, 11. … Busygin, *Zhizn' moia i moikh druzei*, 39.
    /// ```
    /// Choose one spelling.
    pub static DIACRITIC_VARIANT = {
        code: "NM004",
        name: "diacritic-variant",
        family: Names,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

/// Each spelling of one word (apostrophes unified) with its occurrences.
type Spellings = Vec<(String, Vec<u32>)>;

fn add(groups: &mut HashMap<String, Spellings>, key: String, form: &str, ids: &[u32]) {
    let spelling: String = form
        .chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .collect();
    let entry = groups.entry(key).or_default();
    match entry.iter_mut().find(|(s, _)| *s == spelling) {
        Some((_, list)) => list.extend_from_slice(ids),
        None => entry.push((spelling, ids.to_vec())),
    }
}

/// What tells the author's own spellings from the sources': quotations, and cited titles in
/// Latin letters.
struct Sources<'a> {
    cx: &'a Context<'a>,
    index: &'a WordIndex,
    titles: Vec<Span>,
    /// Per title (its span), whether it is romanized Russian: the author's transliteration.
    romanized: HashMap<Span, bool>,
}

impl Sources<'_> {
    /// The title a word stands in: a cited title, or an italic run of a note or entry.
    fn title_of(&self, id: usize) -> Option<Span> {
        let word = &self.index.words[id];
        if let Some(i) = super::containing(&self.titles, word.span()) {
            return Some(self.titles[i]);
        }
        let cited = matches!(
            word.context(),
            WordContext::Note | WordContext::Bibliography
        );
        let run = self.cx.manuscript.runs.get(word.run as usize)?;
        (cited && word.italic())
            .then(|| Span::new(word.span().file, run.start as usize, run.end as usize))
    }

    /// Whether the word is the author's: not quoted, not in a published title.
    fn own(&mut self, id: usize) -> bool {
        if self.index.words[id].quoted() {
            return false;
        }
        let Some(title) = self.title_of(id) else {
            return true;
        };
        if let Some(&romanized) = self.romanized.get(&title) {
            return romanized;
        }
        let romanized = self.title_is_romanized(id, title);
        self.romanized.insert(title, romanized);
        romanized
    }

    /// The words of a title are neighbours in the index: look outward from one of them.
    fn title_is_romanized(&self, id: usize, title: Span) -> bool {
        let ms = self.cx.manuscript;
        let table = Table::get();
        let words = &self.index.words;
        let inside =
            |j: usize| words[j].span().file == title.file && title.contains(words[j].span());
        let before = (0..id).rev().take_while(|&j| inside(j));
        let after = (id..words.len()).take_while(|&j| inside(j));
        before.chain(after).any(|j| {
            let lower = ms.text(words[j].span()).to_lowercase();
            let bare: String = lower.chars().filter(char::is_ascii_alphabetic).collect();
            table.looks_romanized(&lower) && !(lower.is_ascii() && is_english_word(&bare))
        })
    }
}

/// The capitalised words right beside a capitalised word, folded: the rest of its name
/// (`fray`, `murguia` for *José* in *Fray José Murguía*). A sentence's first word is one only
/// when it is not an English word (`The`, `In`).
fn companions(cx: &Context<'_>, index: &WordIndex, id: usize) -> Vec<String> {
    let ms = cx.manuscript;
    let words = &index.words;
    let word = &words[id];
    let mut out = Vec::new();
    let neighbours = [id.checked_sub(1), Some(id + 1).filter(|&j| j < words.len())];
    for other in neighbours.into_iter().flatten().map(|j| &words[j]) {
        if other.span().file != word.span().file || !other.capitalized() {
            continue;
        }
        let (start, end) = if other.span().start < word.span().start {
            (other.span().end, word.span().start)
        } else {
            (word.span().end, other.span().start)
        };
        let gap = ms
            .sources
            .get(word.span().file)
            .text
            .get(start as usize..end as usize);
        if !gap.is_some_and(|g| g.len() <= 3 && g.chars().all(|c| c.is_whitespace() || c == '\'')) {
            continue;
        }
        let folded = fold(ms.text(other.span()));
        if other.sentence_start() && folded.is_ascii() && is_english_word(&folded) {
            continue;
        }
        out.push(folded);
    }
    out
}

/// A word in capitals (`CEBE`, `RANCIERE`: capitals often drop their accents, in French
/// typesetting above all) or a coinage with a capital inside (`ErickéRamzy`, a show's title
/// written as the show writes it): its accents say nothing about the name's spelling.
fn capitals_or_coined(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let all_capitals = letters >= 2 && !word.chars().any(char::is_lowercase);
    let capital_inside = word
        .chars()
        .zip(word.chars().skip(1))
        .any(|(before, c)| before.is_lowercase() && c.is_uppercase());
    all_capitals || capital_inside
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let index = cx.indexes.words();
    // key → (spelling → occurrences). Keys of words with a letter beyond ASCII come first;
    // plain ASCII words only join a key that exists, without folding.
    let mut groups: HashMap<String, Spellings> = HashMap::default();
    let mut ascii_forms: Vec<(&str, &[u32])> = Vec::new();
    // In English an accent is a variant spelling of one word (`café`, `cafe`); in French or
    // Spanish it tells words apart (`des`, `dès`): there only names are compared.
    let names_only = !ms.writes_english();
    for (form, ids) in index.forms_with_occurrences() {
        if names_only && form.lowercase {
            continue;
        }
        let form = form.lower.as_str();
        if form.chars().all(|c| !c.is_alphabetic() || c.is_ascii()) {
            ascii_forms.push((form, ids));
            continue;
        }
        let latin = form
            .chars()
            .all(|c| !c.is_alphabetic() || script_of(c) == Script::Latin);
        if latin && form.chars().count() >= 3 {
            add(&mut groups, fold(form).replace('y', "i"), form, ids);
        }
    }
    for (form, ids) in ascii_forms {
        let key: String = form
            .chars()
            .filter(|c| !is_apostrophe(*c))
            .map(|c| if c == 'y' { 'i' } else { c })
            .collect();
        if groups.contains_key(&key) {
            add(&mut groups, key, form, ids);
        }
    }
    let mut keys: Vec<&String> = groups
        .iter()
        .filter(|(_, spellings)| spellings.len() >= 2)
        .map(|(key, _)| key)
        .collect();
    if keys.is_empty() {
        return;
    }
    keys.sort();
    let mut sources = Sources {
        cx,
        index,
        titles: super::cited_titles(cx),
        romanized: HashMap::default(),
    };
    let table = Table::get();
    let mut system: Option<Option<usize>> = None;
    for key in keys {
        let mut spellings: Spellings = groups[key]
            .iter()
            .map(|(spelling, ids)| {
                let mut own: Vec<u32> = ids
                    .iter()
                    .copied()
                    .filter(|&i| sources.own(i as usize))
                    .filter(|&i| !capitals_or_coined(ms.text(index.words[i as usize].span())))
                    .collect();
                own.sort_unstable();
                (spelling.clone(), own)
            })
            .filter(|(_, ids)| !ids.is_empty())
            .collect();
        if spellings.len() < 2 || spellings.iter().all(|(s, _)| s.is_ascii()) {
            continue;
        }
        // `resume` is an English word, and `résumé` another.
        if spellings.iter().any(|(s, _)| {
            s.is_ascii()
                && is_english_word(
                    &s.chars()
                        .filter(char::is_ascii_alphabetic)
                        .collect::<String>(),
                )
        }) {
            continue;
        }
        spellings.sort_by_key(|(_, ids)| (std::cmp::Reverse(ids.len()), ids[0]));
        let romanized = spellings.iter().any(|(s, ids)| {
            table.looks_romanized(s)
                || ids.iter().any(|&i| {
                    sources
                        .title_of(i as usize)
                        .is_some_and(|t| sources.romanized.get(&t) == Some(&true))
                })
        });
        let by_system = if romanized {
            let system =
                *system.get_or_insert_with(|| super::transliteration_system::manuscript_system(cx));
            system.and_then(|system| {
                let consistent: Vec<bool> = spellings
                    .iter()
                    .map(|(s, _)| !table.contradicts(s, system))
                    .collect();
                let canonical = consistent.iter().position(|&c| c)?;
                consistent
                    .iter()
                    .any(|&c| !c)
                    .then_some((canonical, system))
            })
        } else {
            None
        };
        let canonical = match by_system {
            Some((canonical, _)) => canonical,
            None if spellings[0].1.len() > spellings[1].1.len() => 0,
            None => {
                // A tie: the bibliography's spelling, if only one of the tied is there.
                let most = spellings[0].1.len();
                let in_bibliography: Vec<usize> = (0..spellings.len())
                    .filter(|&s| spellings[s].1.len() == most)
                    .filter(|&s| {
                        spellings[s].1.iter().any(|&i| {
                            index.words[i as usize].context() == WordContext::Bibliography
                        })
                    })
                    .collect();
                match in_bibliography.as_slice() {
                    [only] => *only,
                    _ => continue,
                }
            }
        };
        let (majority, majority_ids) = &spellings[canonical];
        let majority_span = index.words[majority_ids[0] as usize].span();
        let mut majority_companions: HashSet<String> = HashSet::default();
        let mut majority_bare = false;
        for &i in majority_ids {
            let found = companions(cx, index, i as usize);
            majority_bare |= found.is_empty();
            majority_companions.extend(found);
        }
        let how = match by_system {
            Some((_, system)) => format!(", as {} writes it", table.systems[system].name),
            None => String::new(),
        };
        for (s, (spelling, ids)) in spellings.iter().enumerate() {
            if s == canonical {
                continue;
            }
            // Only occurrences of the same name: a capitalised word with companions the other
            // spelling never has is another name.
            let same_name: Vec<u32> = ids
                .iter()
                .copied()
                .filter(|&i| {
                    let word = &index.words[i as usize];
                    if !word.capitalized() {
                        return true;
                    }
                    let own = companions(cx, index, i as usize);
                    if own.is_empty() {
                        majority_bare || majority_companions.is_empty()
                    } else {
                        own.iter().any(|c| majority_companions.contains(c))
                    }
                })
                .collect();
            for file_ids in same_name.chunk_by(|&a, &b| {
                index.words[a as usize].span().file == index.words[b as usize].span().file
            }) {
                let first = &index.words[file_ids[0] as usize];
                let written = ms.text(first.span());
                let message = if file_ids.len() == 1 {
                    format!(
                        "`{written}` is written `{}` elsewhere ({}{how}); choose one spelling",
                        ms.text(majority_span),
                        crate::render::plural(majority_ids.len(), "time", "times")
                    )
                } else {
                    format!(
                        "`{written}` {} in this file; the manuscript writes `{}` {}{how}; choose one spelling",
                        crate::render::plural(file_ids.len(), "time", "times"),
                        ms.text(majority_span),
                        crate::render::plural(majority_ids.len(), "time", "times")
                    )
                };
                let mut finding = Finding::new(first.span(), message)
                    .related(majority_span, format!("`{majority}` first here"))
                    .identity(format!("diacritic {spelling} {majority}"));
                for &other in &file_ids[1..] {
                    finding = finding.related(
                        index.words[other as usize].span(),
                        format!("`{spelling}` again"),
                    );
                }
                out.push(finding);
            }
        }
    }
}
