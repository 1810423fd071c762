//! Low-level pieces of citation text: quoted titles, author names before a title, publication
//! facts in parentheses, page numbers. Offsets are bytes into the text being read.

use std::ops::Range;

pub use super::quotes::quoted_ranges;

/// Splits at semicolons outside parentheses, brackets and quotations: where Chicago notes
/// separate citations.
pub fn units(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let singles = super::quotes::single_quoted_ranges(text);
    let (mut paren, mut curly, mut straight) = (0i32, 0i32, false);
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => paren += 1,
            ')' | ']' => paren = (paren - 1).max(0),
            '“' => curly += 1,
            '”' => curly = (curly - 1).max(0),
            '"' => straight = !straight,
            ';' if paren == 0
                && curly == 0
                && !straight
                && !singles.iter().any(|q| q.contains(&i)) =>
            {
                out.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(start..text.len());
    out.into_iter()
        .map(|r| trim_range(text, r))
        .filter(|r| !r.is_empty())
        .collect()
}

pub fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    start..end.max(start)
}

/// Capitalised words that open sentences or phrases in notes but are not names.
const NOT_NAMES: &[&str] = &[
    "See",
    "Also",
    "Cf",
    "Cf.",
    "Compare",
    "In",
    "For",
    "Historian",
    "Historians",
    "Quoted",
    "Translated",
    "According",
    "As",
    "The",
    "A",
    "An",
    "On",
    "By",
    "From",
    "Both",
    "Note",
    "Reprinted",
    "Cited",
    "Example",
    "Instance",
    "And",
    "Scholar",
    "Journalist",
    "Writer",
    "Professor",
    "Author",
    "Editor",
];

const CONNECTORS: &[&str] = &[
    "and", "&", "et", "al.", "al", "ed.", "eds.", "ed", "eds", "de", "van", "von", "der", "da",
    "di", "du", "le", "la", "del", "trans.", "comp.", "of", "for", "on",
];

/// Words a person's name never holds but the name of a body does (`Chamber of Commerce`,
/// `Commission on Civil Rights`): connectors inside the name itself.
const CORPORATE_CONNECTORS: &[&str] = &["of", "for", "on"];

/// Nouns that end the names of institutions (`San José City Planning Commission`). A single
/// word is a surname (`Service`, `Board`): these count only after other name words.
const CORPORATE_NOUNS: &[&str] = &[
    "Administration",
    "Agency",
    "Association",
    "Authority",
    "Board",
    "Bureau",
    "Chamber",
    "Commission",
    "Committee",
    "Company",
    "Congress",
    "Corporation",
    "Council",
    "Department",
    "Federation",
    "Foundation",
    "Inc.",
    "Institute",
    "League",
    "Library",
    "Ministry",
    "Museum",
    "Nations",
    "Office",
    "Organisation",
    "Organization",
    "Parliament",
    "Society",
    "Union",
];

pub(crate) fn is_corporate_noun(word: &str) -> bool {
    CORPORATE_NOUNS.contains(&word)
}

/// The names before a title are a body's, not persons': a connector such as `of` between
/// name words, or an institutional noun ending a name of several words.
pub fn is_corporate(names: &str) -> bool {
    let words: Vec<&str> = names
        .split_whitespace()
        .map(|w| w.trim_end_matches(','))
        .collect();
    let inside = words.len() > 2
        && words[1..words.len() - 1]
            .iter()
            .any(|w| CORPORATE_CONNECTORS.contains(w));
    let persons = words
        .iter()
        .any(|w| matches!(*w, "and" | "&") || is_initials(w));
    let ends_as_body =
        words.len() > 1 && words.last().is_some_and(|w| is_corporate_noun(w)) && !persons;
    inside || ends_as_body
}

/// Names written as Chicago's short form writes them: each author by the surname alone
/// (`Kotkin`, `Davies and Khlevnyuk`, `de Tocqueville`), no given names, initials, editor or
/// translator marks.
pub fn is_surnames_only(names: &str) -> bool {
    let mut persons = 0;
    for person in names.split([',', '&']).flat_map(|p| p.split(" and ")) {
        let words: Vec<&str> = person.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        let name_words = words.iter().filter(|w| is_name_word(w)).count();
        let particles = words.iter().filter(|w| PARTICLES.contains(w)).count();
        if name_words != 1 || name_words + particles != words.len() {
            return false;
        }
        persons += 1;
    }
    persons > 0
}

pub(crate) const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "da", "di", "du", "le", "la", "del",
];

pub(crate) fn is_name_word(token: &str) -> bool {
    let mut chars = token.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() || NOT_NAMES.contains(&token) {
        return false;
    }
    // Apostrophes stand for soft signs in romanized names (`Engel's`), so they are allowed.
    chars.all(|c| c.is_alphabetic() || c == '-' || crate::text::is_apostrophe(c))
}

pub(crate) fn is_initials(token: &str) -> bool {
    // "V.", "I.V.", "A.A.", "Iu.", "Ia."
    let bytes: Vec<char> = token.chars().collect();
    if bytes.len() > 6 || !token.ends_with('.') {
        return false;
    }
    token.split('.').filter(|p| !p.is_empty()).all(|p| {
        let mut c = p.chars();
        c.next().is_some_and(char::is_uppercase)
            && c.all(char::is_lowercase)
            && p.chars().count() <= 2
    })
}

/// The author names right before a title that starts at `end`: `Semen Gershberg, *Title*`.
/// Returns the range of the names and the surnames, first author first.
pub fn author_before(text: &str, floor: usize, end: usize) -> Option<(Range<usize>, Vec<String>)> {
    let before = text.get(floor..end)?;
    let trimmed = before.trim_end();
    let without_comma = trimmed.strip_suffix(',')?;
    let mut tokens: Vec<(usize, &str)> = Vec::new();
    let mut position = floor + without_comma.len();
    let mut rest = without_comma;
    loop {
        let stripped = rest.trim_end();
        if stripped.is_empty() {
            break;
        }
        let token_start = stripped.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let token = &stripped[token_start..];
        let bare = token.trim_end_matches(',');
        let accepted = is_name_word(bare) || is_initials(bare) || CONNECTORS.contains(&bare);
        if !accepted || tokens.len() >= 14 {
            break;
        }
        position = floor + token_start;
        tokens.push((position, bare));
        rest = &stripped[..token_start];
    }
    tokens.reverse();
    // Leading connectors belong to the prose before the names, but the particles of a
    // surname (`de Vries`, `van der Berg`) to the name.
    let names_from = tokens
        .iter()
        .position(|(_, t)| !CONNECTORS.contains(t))
        .unwrap_or(tokens.len());
    let particles_from = tokens[..names_from]
        .iter()
        .rposition(|(_, t)| !PARTICLES.contains(t))
        .map_or(0, |i| i + 1);
    tokens.drain(..particles_from);
    if !tokens.iter().any(|(_, t)| is_name_word(t)) {
        return None;
    }
    let start = tokens.first().map_or(position, |(p, _)| *p);
    let range = start..floor + without_comma.len();
    let names = &text[range.clone()];
    if is_corporate(names) {
        // `San Jose Chamber of Commerce`: the body's whole name is its "surname".
        return Some((
            range,
            vec![names.split_whitespace().collect::<Vec<_>>().join(" ")],
        ));
    }
    let surnames = surnames_in(names);
    if surnames.is_empty() {
        return None;
    }
    Some((range, surnames))
}

/// Surnames in names written in natural order: the last name word of each author.
pub fn surnames_in(names: &str) -> Vec<String> {
    let mut out = Vec::new();
    for person in names.split([',', '&']).flat_map(|p| p.split(" and ")) {
        let last = person
            .split_whitespace()
            .map(|t| t.trim_end_matches(','))
            .rfind(|t| is_name_word(t));
        if let Some(last) = last {
            out.push(last.to_string());
        }
    }
    out
}

/// Page numbers right after a citation: `, 118`, `, 109-111, 142`, `, 14:61`, `, p.3`.
/// Pandoc's `--` for an en dash is read as one dash: `43--45`; front matter is paged in
/// roman numerals: `, viii`, `, xi–xii`.
pub fn pages_after(text: &str, from: usize) -> Option<Range<usize>> {
    let rest = text.get(from..)?;
    let Some(len) = super::lex::pages(rest) else {
        return roman_pages(rest).map(|len| from..from + len);
    };
    let mut end = from + len;
    loop {
        let rest = &text[end..];
        let dashes = rest.len() - rest.trim_start_matches(['-', '–', '—']).len();
        let digits = rest[dashes..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        if dashes < 2 || digits == 0 {
            break;
        }
        end += dashes + digits;
        match super::lex::pages(&text[end..]) {
            Some(more) if text[end..].trim_start().starts_with(',') => end += more,
            _ => {}
        }
    }
    Some(from..end)
}

/// `, viii` or `, xi-xii` at the start of `text`: roman page numbers, not a word.
fn roman_pages(text: &str) -> Option<usize> {
    let lead = text.len() - text.trim_start_matches([' ', '\n']).len();
    let after_comma = text[lead..].strip_prefix(',')?;
    let spaces = after_comma.len() - after_comma.trim_start().len();
    let mut at = text.len() - after_comma.len() + spaces;
    let numeral = |s: &str| s.bytes().take_while(|b| b"ivxlc".contains(b)).count();
    let first = numeral(&text[at..]);
    if first == 0 {
        return None;
    }
    at += first;
    let dashes = text[at..].len() - text[at..].trim_start_matches(['-', '–']).len();
    let second = numeral(&text[at + dashes..]);
    if dashes > 0 && second > 0 {
        at += dashes + second;
    }
    let next = text[at..].chars().next();
    (!next.is_some_and(char::is_alphanumeric)).then_some(at)
}

pub struct Facts {
    pub place: Option<Range<usize>>,
    pub publisher: Option<Range<usize>>,
    pub year: Option<Range<usize>>,
}

/// Reads `Place: Publisher, Year` (or `Publisher, Year`, or `Year`) in `text[range]`.
pub fn read_facts(text: &str, range: Range<usize>) -> Facts {
    let year = super::lex::years(&text[range.clone()])
        .last()
        .map(|m| range.start + m.start..range.start + m.end);
    let before_year = year.as_ref().map_or(range.end, |y| y.start);
    let head = trim_range(text, range.start..before_year);
    let head_text = text[head.clone()].trim_end_matches([',', '.', ' ']);
    let head = head.start..head.start + head_text.len();
    let (place, publisher) = match text[head.clone()].find(':') {
        Some(colon) => {
            let place = trim_range(text, head.start..head.start + colon);
            let publisher = trim_range(text, head.start + colon + 1..head.end);
            (Some(place), Some(publisher))
        }
        None if !head.is_empty() => (None, Some(head.clone())),
        None => (None, None),
    };
    Facts {
        place: place.filter(|r| !r.is_empty()),
        publisher: publisher.filter(|r| !r.is_empty()),
        year,
    }
}

/// The year of a text, if it names one.
pub fn year_in(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    super::lex::years(&text[range.clone()])
        .last()
        .map(|m| range.start + m.start..range.start + m.end)
}

/// A parenthetical starting at or after `from` (past a comma and spaces): its inner range and
/// where it ends.
pub fn parenthetical_after(text: &str, from: usize) -> Option<(Range<usize>, usize)> {
    let rest = text.get(from..)?;
    // `*Title* (Place`, `*Title*, (Place`, `*Title*. (Place`, or the imprint on the next line.
    let mut next = rest.trim_start();
    if let Some(stripped) = next.strip_prefix([',', '.']) {
        next = stripped.trim_start();
    }
    let open = from + (rest.len() - next.len());
    if !text[open..].starts_with('(') {
        return None;
    }
    let mut depth = 0;
    for (i, c) in text[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some((open + 1..open + i, open + i + 1));
                }
            }
            _ => {}
        }
    }
    None
}

/// Edition, volume and editor remarks between a title and its facts: `, vol. 2`, `, 6th ed.`.
/// Returns the end of what was read and the volume's range, if any.
pub fn skip_edition(text: &str, mut from: usize) -> (usize, Option<Range<usize>>) {
    let mut volume = None;
    while let Some(len) = text
        .get(from..)
        .and_then(|rest| editors_or_volumes(rest).or_else(|| super::lex::edition_or_volume(rest)))
    {
        let range = from..from + len;
        let piece = text[range.clone()].trim_start_matches([',', ' ']);
        if piece.to_ascii_lowercase().starts_with("vol") {
            volume = Some(range.end - piece.len()..range.end);
        }
        from = range.end;
    }
    (from, volume)
}

/// An editor or a count of volumes between a title and its facts: `, ed. James Brewer
/// Stewart`, `, edited by Norman Gevitz`, `, Patricia Limerick and Charles Rankin, eds.`,
/// `, 2 vols.`. Returns its length.
fn editors_or_volumes(text: &str) -> Option<usize> {
    let lead = text.len() - text.trim_start_matches([',', ' ', '\n']).len();
    let rest = &text[lead..];
    // `2 vols.`
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let after = rest[digits..].trim_start_matches(' ');
        return after
            .starts_with("vols.")
            .then(|| text.len() - after.len() + "vols.".len());
    }
    let marker = ["ed. ", "eds. ", "edited by ", "comp. "]
        .iter()
        .find(|m| rest.starts_with(**m));
    if let Some(marker) = marker {
        let names_from = lead + marker.len();
        let names = name_run(&text[names_from..]);
        return (names > 0).then_some(names_from + names);
    }
    // `Names, eds.`: a run of names closed by the mark.
    let names = name_run(rest);
    if names == 0 {
        return None;
    }
    let after = &rest[names..];
    let gap = after.len() - after.trim_start_matches([',', ' ', '\n']).len();
    ["eds.", "ed."]
        .iter()
        .find(|m| after[gap..].starts_with(**m))
        .map(|m| lead + names + gap + m.len())
}

/// The length of the person names at the start of `text` (`Margaret Lock and Patricia A.
/// Kaufert`), commas between them included, up to the last name word.
fn name_run(text: &str) -> usize {
    let mut end = 0;
    let mut at = 0;
    for token in text.split_inclusive([' ', '\n']) {
        let word = token.trim_end();
        let bare = word.trim_end_matches(',');
        let part = is_name_word(bare)
            || is_initials(bare)
            || matches!(bare, "and" | "&" | "Jr." | "Sr." | "II" | "III")
            || PARTICLES.contains(&bare);
        if word.is_empty() && !token.is_empty() {
            at += token.len();
            continue;
        }
        if !part {
            break;
        }
        if is_name_word(bare) || is_initials(bare) || matches!(bare, "Jr." | "Sr." | "II" | "III") {
            end = at + bare.len();
        }
        at += token.len();
        if word.ends_with(',')
            && !text[at..]
                .trim_start()
                .starts_with(|c: char| c.is_uppercase())
        {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_names_before_a_title() {
        let text = "How did this happen?” Semen Gershberg, *Stakhanov*";
        let end = text.find('*').unwrap_or(0);
        let (range, surnames) = author_before(text, 0, end).expect("author");
        assert_eq!(&text[range], "Semen Gershberg");
        assert_eq!(surnames, vec!["Gershberg"]);

        let text = "See also R. W. Davies and Oleg Khlevnyuk, “Stakhanovism";
        let end = text.find('“').unwrap_or(0);
        let (_, surnames) = author_before(text, 0, end).expect("authors");
        assert_eq!(surnames, vec!["Davies", "Khlevnyuk"]);

        let text = "See de Vries, *Title*";
        let (range, surnames) = author_before(text, 0, text.find('*').unwrap_or(0)).expect("de");
        assert_eq!(&text[range], "de Vries");
        assert_eq!(surnames, vec!["Vries"]);
        let text = "Compare Tom Lee and van der Berg, *Title*";
        let (range, surnames) = author_before(text, 0, text.find('*').unwrap_or(0)).expect("van");
        assert_eq!(&text[range], "Tom Lee and van der Berg");
        assert_eq!(surnames, vec!["Lee", "Berg"]);
        let text = "and Hugo de Vries, *Title*";
        let (range, surnames) = author_before(text, 0, text.find('*').unwrap_or(0)).expect("Hugo");
        assert_eq!(&text[range], "Hugo de Vries");
        assert_eq!(surnames, vec!["Vries"]);

        let text = "historian Sheila Fitzpatrick’s translation, *X*";
        assert!(author_before(text, 0, text.find('*').unwrap_or(0)).is_none());
    }

    #[test]
    fn facts_and_pages() {
        let text = "(Moscow: Izdatel’stvo politicheskoi literatury, 1981), 12-14, 20.";
        let (inner, end) = parenthetical_after(text, 0).expect("parenthetical");
        let facts = read_facts(text, inner);
        assert_eq!(facts.place.map(|r| &text[r]), Some("Moscow"));
        assert_eq!(
            facts.publisher.map(|r| &text[r]),
            Some("Izdatel’stvo politicheskoi literatury")
        );
        assert_eq!(facts.year.map(|r| &text[r]), Some("1981"));
        let pages = pages_after(text, end).expect("pages");
        assert_eq!(text[pages].trim_start_matches([',', ' ']), "12-14, 20");
    }

    #[test]
    fn bodies_persons_and_short_form_names() {
        assert!(is_corporate("San Jose Chamber of Commerce"));
        assert!(is_corporate("Santa Clara County Planning Commission"));
        assert!(!is_corporate("Robert Service"));
        assert!(!is_corporate("Service"));
        assert!(!is_corporate("Emily K. Abel and C. H. Browner"));
        assert!(is_surnames_only("Kotkin"));
        assert!(is_surnames_only("Davies and Khlevnyuk"));
        assert!(is_surnames_only("de Tocqueville"));
        assert!(!is_surnames_only("Stephen Kotkin"));
        assert!(!is_surnames_only("Venturi, ed."));
    }

    #[test]
    fn editors_volumes_and_double_hyphen_ranges() {
        let text = "*Book*, ed. Ann B. Cole (Leeds: Loom, 1999), 41--60.";
        let (end, _) = skip_edition(text, 6);
        assert_eq!(&text[end..end + 2], " (");
        let text = "*Book*, Jane Holt and Peter Lang, eds. (Bristol: Harbour, 2011)";
        let (end, _) = skip_edition(text, 6);
        assert_eq!(&text[end..end + 2], " (");
        let text = "*Letters*, 2 vols. (Leeds: Loom, 1970)";
        let (end, _) = skip_edition(text, 9);
        assert_eq!(&text[end..end + 2], " (");
        let text = "*A*, 41--60; next";
        let pages = pages_after(text, 3).expect("pages");
        assert_eq!(&text[pages], ", 41--60");
        let text = "*A*, viii; next";
        let pages = pages_after(text, 3).expect("roman pages");
        assert_eq!(&text[pages], ", viii");
        assert!(pages_after("*A*, vast", 3).is_none());
    }

    #[test]
    fn units_split_at_top_level_semicolons() {
        let text = "A, *B*, 3; C, “D; E,” 4";
        let pieces: Vec<&str> = units(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(pieces, vec!["A, *B*, 3", "C, “D; E,” 4"]);
        let text = "A, *B*, 3; C, ‘D; E’, 4; the authors’ view; F";
        let pieces: Vec<&str> = units(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            pieces,
            vec!["A, *B*, 3", "C, ‘D; E’, 4", "the authors’ view", "F"]
        );
    }
}
