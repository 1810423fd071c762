//! Low-level pieces of citation text: quoted titles, author names before a title, publication
//! facts in parentheses, page numbers. Offsets are bytes into the text being read.

use std::ops::Range;

/// Closing quote marks that may end a quoted title.
pub fn quoted_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut curly: Vec<usize> = Vec::new();
    let mut straight: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match c {
            '“' => curly.push(i),
            '”' => {
                if let Some(open) = curly.pop() {
                    // Only outermost quotations are titles; inner ones are quoted within titles.
                    if curly.is_empty() {
                        out.push(open..i + c.len_utf8());
                    }
                }
            }
            '"' => match straight.take() {
                Some(open) => out.push(open..i + 1),
                None => straight = Some(i),
            },
            _ => {}
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// Splits at semicolons outside parentheses, brackets and quotations: where Chicago notes
/// separate citations.
pub fn units(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut paren, mut curly, mut straight) = (0i32, 0i32, false);
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => paren += 1,
            ')' | ']' => paren = (paren - 1).max(0),
            '“' => curly += 1,
            '”' => curly = (curly - 1).max(0),
            '"' => straight = !straight,
            ';' if paren == 0 && curly == 0 && !straight => {
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
    "di", "du", "le", "la", "del", "trans.", "comp.",
];

fn is_name_word(token: &str) -> bool {
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

fn is_initials(token: &str) -> bool {
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
    // Leading connectors belong to the prose before the names.
    while tokens.first().is_some_and(|(_, t)| CONNECTORS.contains(t)) {
        tokens.remove(0);
    }
    if !tokens.iter().any(|(_, t)| is_name_word(t)) {
        return None;
    }
    let start = tokens.first().map_or(position, |(p, _)| *p);
    let range = start..floor + without_comma.len();
    let surnames = surnames_in(&text[range.clone()]);
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
pub fn pages_after(text: &str, from: usize) -> Option<Range<usize>> {
    let len = super::lex::pages(text.get(from..)?)?;
    Some(from..from + len)
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
    let skipped = rest.len() - rest.trim_start_matches([',', ' ']).len();
    let open = from + skipped;
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
    while let Some(len) = text.get(from..).and_then(super::lex::edition_or_volume) {
        let range = from..from + len;
        let piece = text[range.clone()].trim_start_matches([',', ' ']);
        if piece.to_ascii_lowercase().starts_with("vol") {
            volume = Some(range.end - piece.len()..range.end);
        }
        from = range.end;
    }
    (from, volume)
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
    fn units_split_at_top_level_semicolons() {
        let text = "A, *B*, 3; C, “D; E,” 4";
        let pieces: Vec<&str> = units(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(pieces, vec!["A, *B*, 3", "C, “D; E,” 4"]);
    }
}
