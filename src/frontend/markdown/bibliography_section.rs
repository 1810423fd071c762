//! Whether the section under a bibliography heading is a bibliography. "Literature",
//! "Sources" and "References" also title sections of prose (a review of the literature), so
//! the parser reads the whole section first and then decides: a bibliography unless its
//! paragraphs of prose outnumber its entries. Then its prose (an introduction, an annotation
//! in a paragraph of its own) is body text, not an entry; otherwise every block of it is.

use super::file::NoteStart;
use crate::model::{BlockId, BlockKind, Manuscript, Role, TextRun};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// Reads as an entry: a list item, a list of hard-broken lines, a paragraph that opens
    /// with a name and has a year, an italic title or an address.
    Entry,
    /// A paragraph of sentences that opens with no name.
    Prose,
    /// Prose with a year, an italic title or an address in it: in a bibliography it may be an
    /// entry misread (`R Core Team, under its own name`), so it stays one there.
    ProseWithReference,
    /// A group label, a line with neither (`League of Women Voters Records`).
    Neither,
}

/// A block under a bibliography heading, an entry until the section is read.
pub struct SectionBlock {
    pub block: BlockId,
    /// Its entries in `Manuscript::bibliography`, the section's last.
    pub entries: std::ops::Range<usize>,
    pub reading: Reading,
    /// Its converted note's label, should it turn out to be body text.
    pub note_start: Option<NoteStart>,
}

/// Decides a section read to its end, its blocks in order: its prose, or all of it when it is
/// no bibliography, becomes body text and leaves no entries.
pub fn finish(blocks: Vec<SectionBlock>, ms: &mut Manuscript, note_starts: &mut Vec<NoteStart>) {
    let count = |reading| blocks.iter().filter(|b| b.reading == reading).count();
    // With no prose in it, a section under a bibliography heading is read as one, entries
    // without a year or an italic title included.
    let prose = count(Reading::Prose) + count(Reading::ProseWithReference);
    let is_bibliography = prose <= count(Reading::Entry);
    let is_body = |b: &SectionBlock| !is_bibliography || b.reading == Reading::Prose;
    let Some(first_body) = blocks.iter().position(is_body) else {
        return;
    };
    let first = blocks[first_body].entries.start;
    let mut tail = ms.bibliography.split_off(first).into_iter();
    for block in blocks.into_iter().skip(first_body) {
        let entries = tail.by_ref().take(block.entries.len());
        if is_body(&block) {
            entries.for_each(drop);
            if let Some(b) = ms.blocks.get_mut(block.block as usize) {
                b.role = Role::Body;
            }
            note_starts.extend(block.note_start);
        } else {
            ms.bibliography.extend(entries);
        }
    }
}

/// Words that may stand between the capitalised words of a name or a corporate author.
const NAME_PARTICLES: &[&str] = &[
    "&", "and", "al", "da", "de", "del", "della", "den", "der", "des", "di", "du", "et", "for",
    "la", "le", "of", "the", "van", "von", "y", "zu",
];

/// How a block of a bibliography section reads. `hard_breaks` counts its hard line breaks.
pub fn reading(file_text: &str, kind: BlockKind, runs: &[TextRun], hard_breaks: usize) -> Reading {
    let Some(first) = runs.first() else {
        return Reading::Neither;
    };
    let mut text = String::new();
    for range in crate::model::contiguous_text(runs) {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&file_text[range]);
    }
    let text = text.trim();
    let italic = runs.iter().any(|r| r.style & TextRun::EMPHASIS != 0);
    let opens_with_title = first.style & TextRun::EMPHASIS != 0;
    let opens = opens_with_title || opens_with_name(text);
    let marked = italic || has_year(text) || text.contains("http") || text.contains("doi");
    if kind == BlockKind::Paragraph && hard_breaks > 0 || opens && marked {
        return Reading::Entry;
    }
    if kind == BlockKind::ListItem && (opens || marked) {
        return Reading::Entry;
    }
    let words = text.split_whitespace().count();
    if !opens && words >= 8 && ends_a_sentence(text) {
        return if marked {
            Reading::ProseWithReference
        } else {
            Reading::Prose
        };
    }
    Reading::Neither
}

/// The words before the first comma or full stop are a name: capitalised words, initials and
/// particles (`Siegelbaum, Lewis`, `de Vries, A.`, `U.S. Bureau of the Census.`, `———.`); after
/// a comma a name or an initial follows (`However, the` is a sentence). A quotation mark
/// opening a title counts too (`“Title,” *Journal*`).
fn opens_with_name(text: &str) -> bool {
    if text.starts_with(['“', '"', '‘']) {
        return text
            .chars()
            .nth(1)
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    }
    let Some(end) = text.find([',', '.']) else {
        return false;
    };
    let head = &text[..end];
    let words: Vec<&str> = head.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    if !words.iter().all(|w| name_word(w)) || !words.iter().any(|w| !particle(w)) {
        return false;
    }
    if text[end..].starts_with(',') {
        let next = text[end + 1..].split_whitespace().next().unwrap_or("");
        return next.is_empty() || next.chars().next().is_some_and(char::is_uppercase);
    }
    true
}

fn particle(word: &str) -> bool {
    NAME_PARTICLES.contains(&word)
}

/// A capitalised word (`Bureau`, `O'Brien`, `Jean-Paul`), an initial or a dash standing for a
/// repeated author.
fn name_word(word: &str) -> bool {
    // `Smith (2017).`, `Jones (Ed.),`: an author-date year or a role.
    if word.starts_with('(') {
        return true;
    }
    let word = word.trim_matches(|c: char| matches!(c, ')' | '*' | '_'));
    if word.is_empty() || particle(word) {
        return true;
    }
    if word.chars().all(|c| matches!(c, '—' | '–' | '-' | '_')) {
        return true;
    }
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'))
}

/// A year from 1500 to 2099 standing alone, or `n.d.`.
fn has_year(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.contains("n.d.")
        || bytes.windows(4).enumerate().any(|(i, w)| {
            let bounded = (i == 0 || !bytes[i - 1].is_ascii_digit())
                && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
            bounded
                && w.iter().all(u8::is_ascii_digit)
                && matches!((w[0], w[1]), (b'1', b'5'..=b'9') | (b'2', b'0'))
        })
}

/// A sentence ends after a word in lower case of three letters or more (`held.`, not `ed.`,
/// `J.` or `1935.`).
fn ends_a_sentence(text: &str) -> bool {
    text.split_whitespace().any(|word| {
        let Some(stem) = word.strip_suffix(['.', '?', '!']) else {
            return false;
        };
        let stem = stem.trim_end_matches(['”', '"', '’', ')']);
        stem.chars().count() >= 3 && stem.chars().all(|c| c.is_lowercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, kind: BlockKind) -> Reading {
        let runs = [TextRun {
            start: 0,
            end: text.len() as u32,
            style: 0,
        }];
        reading(text, kind, &runs, 0)
    }

    #[test]
    fn entries_open_with_a_name() {
        for text in [
            "Siegelbaum, Lewis H. Stakhanovism and the Politics of Productivity. Cambridge, 1988.",
            "Lakens, D. (2017). Equivalence tests: a primer. Social Psychological Science, 8, 355.",
            "de Vries, Anna. The Long Shift. Leiden: Brill, 2001.",
            "U.S. Bureau of the Census. Census of Population: 1960. Washington, 1961.",
            "———. Another Book. Moscow, 1936.",
            "“What Modernism Was.” Journal of Modern Literature 3 (1974).",
            "R Core Team (2017). R: A language and environment for statistical computing. Vienna.",
        ] {
            assert_eq!(read(text, BlockKind::Paragraph), Reading::Entry, "{text}");
        }
    }

    #[test]
    fn prose_opens_with_no_name() {
        for text in [
            "Works are listed by author; the archives consulted come first.",
            "The works below are those cited in the notes, newspapers by title.",
        ] {
            assert_eq!(read(text, BlockKind::Paragraph), Reading::Prose, "{text}");
        }
        for text in [
            "The literature on the movement is large and mostly written after 1988, when the archives opened.",
            "However, the first studies of the campaign relied on the press of 1935 alone.",
            "Siegelbaum (1988) and Kotkin (1995) read the campaign as a matter of wages.",
        ] {
            assert_eq!(
                read(text, BlockKind::Paragraph),
                Reading::ProseWithReference,
                "{text}"
            );
        }
        assert_eq!(
            read("League of Women Voters Records", BlockKind::Paragraph),
            Reading::Neither
        );
    }
}
