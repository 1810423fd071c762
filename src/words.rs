//! The word index: every word of three letters or more in the manuscript's text runs, once, with where it stands (prose,
//! note, bibliography, heading), whether it sits in a quotation, and its folded key.

use rustc_hash::FxHashMap;

use crate::model::{Manuscript, Role};
use crate::source::Span;
use crate::text::{fold, is_apostrophe};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WordContext {
    Prose,
    Note,
    Bibliography,
    Heading,
}

#[derive(Clone, Debug)]
pub struct Word {
    pub span: Span,
    pub context: WordContext,
    /// Inside a quotation: the quoted author's spelling.
    pub quoted: bool,
    pub capitalized: bool,
    /// The first word of a sentence, where any word is capitalised.
    pub sentence_start: bool,
    pub italic: bool,
    /// Index into `Manuscript::runs`: words of one run share its formatting (one title).
    pub run: u32,
}

#[derive(Default)]
pub struct WordIndex {
    pub words: Vec<Word>,
    /// Word indexes by their text as written, lower-cased.
    pub by_form: FxHashMap<String, Vec<u32>>,
}

impl WordIndex {
    pub fn build(ms: &Manuscript) -> WordIndex {
        let mut index = WordIndex::default();
        let mut quote_cursor = 0usize;
        // Reused for every word: only new forms allocate.
        let mut lower = String::new();
        for block in &ms.blocks {
            let context = match block.role {
                Role::Body => WordContext::Prose,
                Role::Note(_) => WordContext::Note,
                Role::Bibliography => WordContext::Bibliography,
                Role::Heading => WordContext::Heading,
                Role::Break => continue,
            };
            let text = ms.sources.get(block.file).text.as_str();
            let block_start = block.span.start as usize;
            for (run_offset, run) in ms.block_runs(block).iter().enumerate() {
                let run_id = block.runs.start + run_offset as u32;
                let (start, end) = (run.start as usize, run.end as usize);
                let Some(run_text) = text.get(start..end) else {
                    continue;
                };
                for (offset, len) in word_ranges(run_text) {
                    // Words of one or two letters are never names nor spelling variants.
                    if len < 3 {
                        continue;
                    }
                    let at = start + offset;
                    let span = Span::new(block.file, at, at + len);
                    let word = &text[at..at + len];
                    let capitalized = word.chars().next().is_some_and(char::is_uppercase);
                    let sentence_start =
                        capitalized && starts_sentence(&text[block_start.min(at)..at]);
                    let quoted = in_quotation(ms, span, &mut quote_cursor);
                    let id = index.words.len() as u32;
                    lower.clear();
                    if word.is_ascii() {
                        lower.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                    } else {
                        lower.extend(word.chars().flat_map(char::to_lowercase));
                    }
                    match index.by_form.get_mut(lower.as_str()) {
                        Some(ids) => ids.push(id),
                        None => {
                            index.by_form.insert(lower.clone(), vec![id]);
                        }
                    }
                    index.words.push(Word {
                        span,
                        context,
                        quoted: quoted || block.in_quote,
                        capitalized,
                        sentence_start,
                        italic: run.style & crate::model::TextRun::EMPHASIS != 0,
                        run: run_id,
                    });
                }
            }
        }
        index
    }

    /// Whether the manuscript writes this form in lower case somewhere: then it is an
    /// ordinary word, not a name.
    pub fn occurs_lowercase(&self, ms: &Manuscript, form_lower: &str) -> bool {
        self.by_form.get(form_lower).is_some_and(|ids| {
            ids.iter().any(|&i| {
                ms.text(self.words[i as usize].span)
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
            })
        })
    }

    pub fn folded(&self, ms: &Manuscript, id: u32) -> String {
        fold(ms.text(self.words[id as usize].span))
    }
}

/// Byte ranges of the words in a run: letters (any script) with combining marks, apostrophes
/// between letters, and a final apostrophe standing for a soft sign (`Khar'kov`, `Rech'`).
/// An English possessive `'s` is left out.
pub fn word_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII needs no decoding: skip non-letters byte by byte.
        let b = bytes[i];
        if b.is_ascii() && !b.is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if !c.is_alphabetic() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        while let Some(next) = text[end..].chars().next() {
            let continues = next.is_alphabetic()
                || is_combining(next)
                || (is_apostrophe(next)
                    && text[end + next.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphabetic));
            if !continues {
                break;
            }
            end += next.len_utf8();
        }
        let scan_end = end;
        let word = &text[start..end];
        if let Some(base) = strip_possessive(word) {
            end = start + base.len();
        } else if let Some(next) = text[end..].chars().next() {
            // A final apostrophe after a consonant is a soft sign (`Rech'`).
            let after = text[end + next.len_utf8()..].chars().next();
            if is_apostrophe(next)
                && after.is_none_or(|n| !n.is_alphanumeric())
                && is_soft_sign_context(word)
            {
                end += next.len_utf8();
            }
        }
        out.push((start, end - start));
        i = scan_end.max(end);
    }
    out
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036f}')
}

fn strip_possessive(word: &str) -> Option<&str> {
    for suffix in ["'s", "’s"] {
        if let Some(base) = word.strip_suffix(suffix) {
            if base.chars().count() >= 2 {
                return Some(base);
            }
        }
    }
    None
}

/// A final apostrophe is a soft sign after the consonants romanized Russian ends words with.
fn is_soft_sign_context(word: &str) -> bool {
    word.chars().last().is_some_and(|c| {
        matches!(
            c,
            'l' | 'n' | 't' | 'd' | 's' | 'z' | 'r' | 'v' | 'm' | 'p' | 'k' | 'h'
        )
    })
}

fn starts_sentence(before: &str) -> bool {
    let trimmed = before.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '“' | '"' | '‘' | '(' | '[' | '*' | '_')
    });
    match trimmed.chars().last() {
        None => true,
        Some(c) => matches!(c, '.' | '!' | '?' | ':' | '>' | '—'),
    }
}

fn in_quotation(ms: &Manuscript, span: Span, cursor: &mut usize) -> bool {
    let quotations = &ms.quotations;
    // Quotations are sorted and words come in order: move the cursor forward only.
    while *cursor < quotations.len()
        && (quotations[*cursor].span.file, quotations[*cursor].span.end) < (span.file, span.start)
    {
        *cursor += 1;
    }
    quotations[*cursor..]
        .iter()
        .take_while(|q| (q.span.file, q.span.start) <= (span.file, span.start))
        .any(|q| q.span.contains(span))
}

#[cfg(test)]
mod tests {
    use super::word_ranges;

    fn words(text: &str) -> Vec<&str> {
        word_ranges(text)
            .into_iter()
            .map(|(s, l)| &text[s..s + l])
            .collect()
    }

    #[test]
    fn words_keep_soft_signs_and_drop_possessives() {
        assert_eq!(
            words("Khar'kov and Rech' in Stakhanov's town"),
            vec!["Khar'kov", "and", "Rech'", "in", "Stakhanov", "town"]
        );
        assert_eq!(
            words("pravitel'sтва, družei"),
            vec!["pravitel'sтва", "družei"]
        );
    }
}
