//! Bibliography entries read as works: `Surname, Given. *Title*. Place: Publisher, Year.`,
//! articles and chapters, entries that open with their title, "———." for the previous
//! author, periodicals listed by title and archives listed by abbreviation.

use std::ops::Range;
use std::sync::Arc;

use super::scan::{self, read_facts, skip_edition, trim_range};
use super::{BibWork, EntryKind, Fact, Publication};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::Manuscript;
use crate::source::{FileId, Span};

/// Entries of a file that open with a surname in capitals (`APATOW, Judd, …`), where five
/// or more do and four in five: then one that does not is the rest of the entry before it.
fn opens_in_capitals(text: &str) -> bool {
    let first = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .next()
        .unwrap_or("");
    first.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && first.chars().all(|c| !c.is_lowercase())
}

fn capitals_convention(ms: &Manuscript) -> FxHashSet<FileId> {
    let mut counts: FxHashMap<FileId, (usize, usize)> = FxHashMap::default();
    for entry in &ms.bibliography {
        let count = counts.entry(entry.file).or_default();
        count.0 += 1;
        if opens_in_capitals(ms.text(entry.span)) {
            count.1 += 1;
        }
    }
    counts
        .into_iter()
        .filter(|&(_, (all, capitals))| capitals >= 5 && capitals * 5 >= all * 4)
        .map(|(file, _)| file)
        .collect()
}

pub fn parse_entries(ms: &Manuscript) -> Vec<BibWork> {
    let mut out: Vec<BibWork> = Vec::new();
    let mut previous_author: Option<(Option<Fact>, Vec<String>)> = None;
    let capitals = capitals_convention(ms);
    for (index, entry) in ms.bibliography.iter().enumerate() {
        let text = ms.text(entry.span);
        let italics = super::italic_ranges(ms, entry.span);
        let in_capitals = capitals.contains(&entry.file);
        let reader = EntryReader {
            text,
            base: entry.span,
        };
        let group = entry.group.as_deref().unwrap_or("").to_lowercase();
        // A `———.` repeats the author of the entry right before it: one listed by title or
        // abbreviation leaves it nothing to repeat. A continuation is part of its entry.
        let work = if let Some(abbr) = super::lex::archive_entry(text)
            .filter(|_| !text.contains('*') || group.contains("archiv"))
        {
            previous_author = None;
            BibWork::empty(
                index,
                entry.span,
                EntryKind::Archive,
                Some(text[abbr].to_string()),
            )
        } else if let Some(previous) = out.last_mut().filter(|p| {
            p.kind == EntryKind::Work
                && p.publication.year.is_none()
                && if in_capitals {
                    !opens_in_capitals(text)
                } else {
                    is_facts_alone(text, &italics)
                }
        }) {
            // `Lewiston: E. Mellen Press, 1992.` cut off from its entry by a stray paragraph break.
            let facts = read_facts(text, 0..text.len());
            let reader_year = facts.year.map(|r| reader.fact(r));
            Arc::make_mut(&mut previous.publication).place = facts.place.map(|r| reader.fact(r));
            Arc::make_mut(&mut previous.publication).publisher =
                facts.publisher.map(|r| reader.fact(r));
            Arc::make_mut(&mut previous.publication).year = reader_year;
            BibWork::empty(index, entry.span, EntryKind::Continuation, None)
        } else if is_title_alone(text, &italics) {
            previous_author = None;
            let mut work = BibWork::empty(index, entry.span, EntryKind::Periodical, None);
            let inner = italics.first().cloned().unwrap_or(0..text.len());
            Arc::make_mut(&mut work.publication).title = Some(reader.fact(trim_range(text, inner)));
            work
        } else {
            let work = reader.work(index, &italics, previous_author.as_ref());
            previous_author = Some((
                work.publication.author.clone(),
                work.publication.surnames.clone(),
            ));
            work
        };
        out.push(work);
    }
    for file_entry in &ms.file_entries {
        out.push(BibWork {
            entry: None,
            span: file_entry
                .publication
                .title
                .as_ref()
                .map_or(file_entry.key.span, |t| t.span),
            key: Some(file_entry.key.text.clone()),
            kind: EntryKind::Work,
            publication: file_entry.publication.clone(),
            abbreviation: None,
        });
    }
    out
}

impl BibWork {
    fn empty(entry: usize, span: Span, kind: EntryKind, abbreviation: Option<String>) -> BibWork {
        BibWork {
            entry: Some(entry),
            span,
            key: None,
            kind,
            publication: Arc::default(),
            abbreviation,
        }
    }
}

/// `Place: Publisher, Year.` and nothing else.
fn is_facts_alone(text: &str, italics: &[Range<usize>]) -> bool {
    italics.is_empty() && text.trim().len() <= 140 && super::lex::is_facts_alone(text.trim())
}

/// `*Pravda*` alone: a periodical named in the bibliography.
fn is_title_alone(text: &str, italics: &[Range<usize>]) -> bool {
    let [only] = italics else { return false };
    text[..only.start].trim_matches(['*', '_', ' ']).is_empty()
        && text[only.end..]
            .trim_matches(['*', '_', ' ', '.'])
            .is_empty()
}

struct EntryReader<'a> {
    text: &'a str,
    base: Span,
}

impl EntryReader<'_> {
    fn fact(&self, range: Range<usize>) -> Fact {
        Fact {
            text: self.text[range.clone()].to_string(),
            span: Span::new(
                self.base.file,
                self.base.start as usize + range.start,
                self.base.start as usize + range.end,
            ),
        }
    }

    fn work(
        &self,
        index: usize,
        italics: &[Range<usize>],
        previous: Option<&(Option<Fact>, Vec<String>)>,
    ) -> BibWork {
        let text = self.text;
        let mut work = BibWork::empty(index, self.base, EntryKind::Work, None);
        let mut publication = Publication::default();
        let quoted = scan::quoted_ranges(text);
        let first_italic = italics.first().cloned();
        // Broken emphasis (`Narkom stakhanovtsev: …*. Moscow`) leaves a lone `*` after the title.
        let stray_star = text.find('*').filter(|_| italics.is_empty());
        let first_quote = quoted.first().cloned().filter(|q| {
            first_italic.as_ref().is_none_or(|i| q.end <= i.start) && stray_star.is_none()
        });

        let (title_range, title_outer_end, author_end) = if let Some(q) = first_quote.clone() {
            let inner = q.start + text[q.start..].chars().next().map_or(1, char::len_utf8)
                ..q.end - text[..q.end].chars().next_back().map_or(1, char::len_utf8);
            (inner, q.end, q.start)
        } else if let Some(i) = first_italic {
            let outer_start = text[..i.start].trim_end_matches(['*', '_']).len();
            let after = &text[i.end..];
            let outer_end = i.end + (after.len() - after.trim_start_matches(['*', '_']).len());
            (i, outer_end, outer_start)
        } else if let Some(star) = stray_star {
            (0..star, star + 1, 0)
        } else {
            // No title to be found: keep the whole entry as its title.
            (0..text.len(), text.len(), 0)
        };
        let title_text = text[title_range.clone()].trim_end_matches([',', '.', ' ', ':']);
        publication.title =
            Some(self.fact(title_range.start..title_range.start + title_text.len()));

        // Author-date entries give the year after the names (`Lakens, D. (2017).`,
        // `Brink, Anna. 1989.`): it is the entry's year, and not part of the author.
        let year_after_names = year_after_names(&text[..author_end]);
        let author_end = year_after_names
            .as_ref()
            .map_or(author_end, |y| y.names_end);
        let author_text = &text[..author_end];
        let repeats_author = super::lex::is_repeated_author_mark(author_text);
        if repeats_author {
            if let Some((author, surnames)) = previous {
                publication.author = author.clone();
                publication.surnames = surnames.clone();
            }
        } else {
            let trimmed = author_text.trim_end_matches(['.', ',', ' ']);
            if !trimmed.is_empty() {
                publication.author = Some(self.fact(0..trimmed.len()));
                publication.surnames = entry_surnames(trimmed);
            }
        }

        // A quoted title followed by an italic one: an article in a journal or a chapter in a book.
        let mut facts_from = title_outer_end;
        if first_quote.is_some() {
            if let Some(container) = italics.iter().find(|i| i.start >= title_outer_end) {
                publication.container = Some(self.fact(container.clone()));
                facts_from = container.end;
            }
        }
        let (after_edition, _) = skip_edition(text, facts_from);
        let rest = trim_range(text, after_edition..text.len());
        let rest_text = &text[rest.clone()];
        let leading = rest_text.len() - rest_text.trim_start_matches(['.', ',', ' ', '*']).len();
        let mut facts_range = rest.start + leading..rest.end;
        // `Vol. 42. Moscow: …` and `6th ed. New York: …` inside the facts.
        let (past_volume, volume) = skip_edition(text, facts_range.start);
        publication.volume = volume.map(|r| self.fact(r));
        if past_volume > facts_range.start {
            let skipped = &text[past_volume..facts_range.end];
            facts_range.start =
                past_volume + (skipped.len() - skipped.trim_start_matches(['.', ' ']).len());
        }
        let facts = read_facts(text, facts_range);
        // The year after the names is the entry's; one among the facts is then a reprint's.
        publication.year = year_after_names
            .map(|y| y.year)
            .or(facts.year)
            .map(|r| self.fact(r));
        if publication.container.is_none() {
            publication.place = facts.place.map(|r| self.fact(r));
            publication.publisher = facts.publisher.map(|r| self.fact(r));
        }
        work.publication = Arc::new(publication);
        work
    }
}

/// Where an author-date entry's year stands before its title.
struct YearAfterNames {
    year: Range<usize>,
    /// Where the names end, before the year and its bracket.
    names_end: usize,
}

/// The year (`2017`, `2004a`) that ends the part of an entry before its title, bare or in
/// brackets and followed by a full stop (`(2017).`, `1989.`): the author-date styles' place
/// for it. A year inside the names (`Smith, John (1900–1980)`) is followed by no full stop.
fn year_after_names(before_title: &str) -> Option<YearAfterNames> {
    year_ending(before_title).or_else(|| bracketed_year(before_title))
}

/// APA's `(2017).` after the names, with an article's title between it and the italic
/// journal: the first bracketed year followed by a full stop.
fn bracketed_year(before_title: &str) -> Option<YearAfterNames> {
    let bytes = before_title.as_bytes();
    for (open, _) in before_title.match_indices('(') {
        let digits = bytes[open + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let mut end = open + 1 + digits;
        if bytes.get(end).is_some_and(u8::is_ascii_lowercase) {
            end += 1;
        }
        if digits == 4 && before_title[end..].starts_with(").") {
            let candidate = &before_title[..end + 2];
            if let Some(found) = year_ending(candidate) {
                return Some(found);
            }
        }
    }
    None
}

fn year_ending(before_title: &str) -> Option<YearAfterNames> {
    let trimmed = before_title.trim_end();
    let without_stop = trimmed.strip_suffix('.')?.trim_end();
    let (inner, bracketed) = match without_stop.strip_suffix(')') {
        Some(inner) => (inner, true),
        None => (without_stop, false),
    };
    let letter = inner
        .chars()
        .next_back()
        .filter(char::is_ascii_lowercase)
        .map_or(0, |_| 1);
    let digits = &inner[..inner.len() - letter];
    let year_start = digits.len().checked_sub(4)?;
    let year = digits.get(year_start..)?;
    let value: u32 = year.parse().ok()?;
    if !(1400..=2099).contains(&value) || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut names = &inner[..year_start];
    if bracketed {
        names = names.strip_suffix('(')?;
    }
    let names = names.trim_end();
    // Digits before the year are another figure (`12017`), not a year after names.
    if names.is_empty() || names.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(YearAfterNames {
        year: year_start..year_start + 4 + letter,
        names_end: names.len(),
    })
}

/// The surnames of an entry's authors, as a note gives them (the last word of each surname,
/// past its particles), so that `Hugo de Vries` in a note meets `Vries, Hugo de.` and `de
/// Vries, Hugo.`: `Gershberg, Semen` → Gershberg; `Angelina, P.N., and V.M. Bakholdina` →
/// Angelina, Bakholdina; `Jane Smith and Tom Lee` → Smith, Lee. A body (`League of Nations`,
/// `United States, Department of Agriculture`) is one name, never split into a surname.
fn entry_surnames(author: &str) -> Vec<String> {
    let author = author.trim();
    let whole = || {
        let words: Vec<&str> = author.split([',', ' ']).filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            Vec::new()
        } else {
            vec![words.join(" ")]
        }
    };
    let mut segments = author.split(',').map(str::trim);
    let first = segments.next().unwrap_or("");
    let Some(given) = segments.next() else {
        if !scan::is_corporate(author) && natural_order_persons(author) {
            return scan::surnames_in(author);
        }
        return whole();
    };
    let given_names = given.split(" and ").next().unwrap_or(given);
    if !is_person_words(first, false) {
        return if scan::is_corporate(author) {
            whole()
        } else {
            vec![first.to_string()]
        };
    }
    if !is_person_words(given_names, true) && scan::is_corporate(author) {
        return whole();
    }
    let mut out = vec![last_name_word(first).unwrap_or(first).to_string()];
    // After the first author's given names, the others in natural order: `Smith, Jane, Tom
    // Lee, and Ann Roe`, `Smith, Jane and Tom Lee`.
    let mut others: Vec<&str> = given.split(" and ").skip(1).collect();
    others.extend(segments);
    for other in others {
        let other = other.trim();
        let other = other
            .strip_prefix("and ")
            .or_else(|| other.strip_prefix("& "))
            .unwrap_or(other);
        if is_person_words(other, false) {
            out.extend(scan::surnames_in(other));
        }
    }
    out
}

/// `Jane Smith`, `Hugo de Vries and Tom Lee`, `Martin Luther King Jr.`: persons' names in
/// natural order, each at least a given name and a surname.
fn natural_order_persons(author: &str) -> bool {
    let mut persons = author
        .split(" and ")
        .flat_map(|p| p.split(" & "))
        .peekable();
    persons.peek().is_some()
        && persons
            .all(|person| person.split_whitespace().count() >= 2 && is_person_words(person, false))
}

/// Words a person's name is made of: names, particles, suffixes (`Jr.`), and (for given
/// names) initials; the last a name unless `given`, and none a body's noun (`Foreign Office`).
fn is_person_words(words: &str, given: bool) -> bool {
    let list: Vec<&str> = words.split_whitespace().collect();
    let part = |w: &&str| {
        scan::is_name_word(w)
            || scan::is_initials(w)
            || scan::PARTICLES.contains(w)
            || matches!(*w, "Jr." | "Sr." | "II" | "III")
    };
    !list.is_empty()
        && list.len() <= 5
        && list.iter().all(part)
        && (given || last_name_word(words).is_some())
        && !list.last().is_some_and(|w| scan::is_corporate_noun(w))
}

/// The surname proper, past its particles: `de Vries` → Vries, `van der Berg` → Berg,
/// `García Márquez` → Márquez (as a note's `Gabriel García Márquez` gives it).
fn last_name_word(surname: &str) -> Option<&str> {
    surname
        .split_whitespace()
        .rfind(|w| scan::is_name_word(w) && !scan::PARTICLES.contains(&w.to_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::entry_surnames;

    #[test]
    fn surnames_of_persons_in_either_order_with_particles() {
        let cases: &[(&str, &[&str])] = &[
            ("Gershberg, Semen", &["Gershberg"]),
            (
                "Angelina, P.N., and V.M. Bakholdina",
                &["Angelina", "Bakholdina"],
            ),
            ("Smith, Jane, and Tom Lee", &["Smith", "Lee"]),
            ("Smith, Jane and Tom Lee", &["Smith", "Lee"]),
            (
                "Smith, Jane, Tom Lee, and Ann Roe",
                &["Smith", "Lee", "Roe"],
            ),
            ("Jane Smith", &["Smith"]),
            ("Jane Smith and Tom Lee", &["Smith", "Lee"]),
            ("de Vries, Hugo", &["Vries"]),
            ("Vries, Hugo de", &["Vries"]),
            ("Van der Berg, Anna", &["Berg"]),
            ("van der Berg, Anna", &["Berg"]),
            ("Beauvoir, Simone de", &["Beauvoir"]),
            ("von Ranke, Leopold", &["Ranke"]),
            ("Hugo de Vries", &["Vries"]),
            ("Lenin, V. I., and G. Zinoviev", &["Lenin", "Zinoviev"]),
            ("Cole, Ann B., ed.", &["Cole"]),
            ("Voltaire", &["Voltaire"]),
            ("Smith, Jane. 1990", &["Smith"]),
        ];
        for (author, surnames) in cases {
            assert_eq!(entry_surnames(author), *surnames, "{author}");
        }
    }

    #[test]
    fn a_body_is_one_name() {
        for body in [
            "League of Nations",
            "United States Department of Agriculture",
            "World Health Organization",
            "San Jose Chamber of Commerce",
        ] {
            assert_eq!(entry_surnames(body), vec![body.to_string()]);
        }
        assert_eq!(
            entry_surnames("United States, Department of Agriculture"),
            vec!["United States Department of Agriculture"]
        );
        assert_eq!(
            entry_surnames("Great Britain, Foreign Office"),
            vec!["Great Britain Foreign Office"]
        );
    }
}

#[cfg(test)]
mod year_tests {
    use super::year_after_names;

    fn year_of(before_title: &str) -> Option<(&str, &str)> {
        year_after_names(before_title)
            .map(|y| (&before_title[y.year], &before_title[..y.names_end]))
    }

    #[test]
    fn the_author_date_year_after_the_names_is_the_entry_year() {
        assert_eq!(
            year_of("Brink, Anna.  1989.  "),
            Some(("1989", "Brink, Anna."))
        );
        assert_eq!(
            year_of("Hale, Bob.  1993a.  "),
            Some(("1993a", "Hale, Bob."))
        );
        assert_eq!(
            year_of("Petrova, M. (2017). "),
            Some(("2017", "Petrova, M."))
        );
        assert_eq!(
            year_of("Petrova, M., & Sokolov, I. (2004b). Steel in the Donbas: A survey. "),
            Some(("2004b", "Petrova, M., & Sokolov, I."))
        );
    }

    #[test]
    fn a_year_inside_the_names_or_no_year_is_none() {
        assert_eq!(year_of("Smith, John (1900–1980), "), None);
        assert_eq!(year_of("Kovalenko, Ivan. "), None);
        assert_eq!(year_of("Report no. 12017. "), None);
        assert_eq!(year_of("1989. "), None);
        assert_eq!(year_of("Brink, Anna. (3017). "), None);
    }
}
