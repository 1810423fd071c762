//! The word index: every word of three letters or more in the manuscript's text runs, once, with where it stands (prose,
//! note, bibliography, heading), whether it sits in a quotation, and its folded key.

use rustc_hash::FxHashMap;

use crate::model::{Manuscript, Role};
use crate::source::{FileId, SourceKind, Span};
use crate::text::{is_apostrophe, is_letter};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WordContext {
    Prose,
    Note,
    Bibliography,
    Heading,
}

/// One word, in 16 bytes: a book has millions of them, and the index of a 50 MB manuscript
/// held 150 MB of words at 24 bytes each. Its file is a `u16` (the reader refuses a manuscript
/// of more files, see [`crate::source::MAX_FILES`]) and its length a byte: a "word" of more
/// than 255 bytes is no name nor spelling (a DNA sequence, a run of letters in a URL) and is
/// not indexed.
#[derive(Clone, Debug)]
pub struct Word {
    start: u32,
    /// Index into `Manuscript::runs`: words of one run share its formatting (one title).
    pub run: u32,
    /// Index into `WordIndex::forms`.
    pub form: u32,
    file: u16,
    len: u8,
    /// What [`Word::quoted`] and the other flags say, one bit each, and the context in the
    /// top two bits.
    flags: u8,
}

impl Word {
    const QUOTED: u8 = 1;
    const CAPITALIZED: u8 = 2;
    const SENTENCE_START: u8 = 4;
    const ITALIC: u8 = 8;
    const ASCII: u8 = 16;
    const CONTEXT_SHIFT: u8 = 6;

    pub fn span(&self) -> Span {
        Span {
            file: FileId(u32::from(self.file)),
            start: self.start,
            end: self.start + u32::from(self.len),
        }
    }

    pub fn context(&self) -> WordContext {
        match self.flags >> Self::CONTEXT_SHIFT {
            0 => WordContext::Prose,
            1 => WordContext::Note,
            2 => WordContext::Bibliography,
            _ => WordContext::Heading,
        }
    }

    fn context_bits(context: WordContext) -> u8 {
        let code = match context {
            WordContext::Prose => 0,
            WordContext::Note => 1,
            WordContext::Bibliography => 2,
            WordContext::Heading => 3,
        };
        code << Self::CONTEXT_SHIFT
    }

    /// Inside a quotation: the quoted author's spelling.
    pub fn quoted(&self) -> bool {
        self.flags & Self::QUOTED != 0
    }

    pub fn capitalized(&self) -> bool {
        self.flags & Self::CAPITALIZED != 0
    }

    /// The first word of a sentence, where any word is capitalised.
    pub fn sentence_start(&self) -> bool {
        self.flags & Self::SENTENCE_START != 0
    }

    pub fn italic(&self) -> bool {
        self.flags & Self::ITALIC != 0
    }

    /// Only ASCII letters and apostrophes: no diacritic, no other script.
    pub fn ascii(&self) -> bool {
        self.flags & Self::ASCII != 0
    }
}

/// One spelling, lower-cased, with what its occurrences have in common.
#[derive(Clone, Debug)]
pub struct Form {
    pub lower: String,
    /// Written with a capital at least once.
    pub capitalized: bool,
    /// Written with a lower-case first letter at least once: then it is an ordinary word.
    pub lowercase: bool,
}

#[derive(Default)]
pub struct WordIndex {
    pub words: Vec<Word>,
    pub forms: Vec<Form>,
    /// Word indexes grouped by form, in document order within a form: the occurrences of
    /// form `f` are `occurrences[offsets[f]..offsets[f + 1]]`.
    occurrences: Vec<u32>,
    offsets: Vec<u32>,
}

impl WordIndex {
    pub fn build(ms: &Manuscript) -> WordIndex {
        // Only the manuscript's own files hold blocks: a bibliography file beside a short
        // note would otherwise size the tables for its megabytes.
        let total_text: usize = ms
            .sources
            .iter()
            .filter(|f| f.kind == SourceKind::Manuscript)
            .map(|f| f.text.len())
            .sum();
        // About one word of three letters or more per eight bytes of prose, and a new spelling
        // per forty up to 65,536: sized once, the tables are not copied as they grow. A long
        // book repeats its vocabulary: tables sized for a new spelling per forty bytes of 50 MB
        // held 120 MB while the index was built.
        let spellings = (total_text / 40).min(1 << 16);
        let mut index = WordIndex {
            words: Vec::with_capacity(total_text / 8),
            forms: Vec::with_capacity(spellings),
            ..WordIndex::default()
        };
        // Most words repeat a spelling already seen: find it by the text as written, and
        // lower-case only new spellings.
        let mut by_written: FxHashMap<&str, u32> =
            FxHashMap::with_capacity_and_hasher(spellings, Default::default());
        let mut by_lower: FxHashMap<String, u32> =
            FxHashMap::with_capacity_and_hasher(spellings, Default::default());
        let mut lower = String::new();
        let mut quote_cursor = 0usize;
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
                let start = run.start as usize;
                let Some(run_text) = text.get(start..run.end as usize) else {
                    continue;
                };
                let Ok(file) = u16::try_from(block.file.0) else {
                    continue;
                };
                for_each_word(run_text, |offset, len| {
                    // Words of one or two letters are never names nor spelling variants.
                    let (3.., Ok(len_byte)) = (len, u8::try_from(len)) else {
                        return;
                    };
                    let at = start + offset;
                    let span = Span::new(block.file, at, at + len);
                    let word = &text[at..at + len];
                    let capitalized = word.chars().next().is_some_and(char::is_uppercase);
                    let sentence_start =
                        capitalized && starts_sentence(&text[block_start.min(at)..at]);
                    let quoted = in_quotation(ms, span, &mut quote_cursor);
                    let form = match by_written.get(word) {
                        Some(&form) => form,
                        None => {
                            let form = index.form_of(word, &mut lower, &mut by_lower);
                            by_written.insert(word, form);
                            form
                        }
                    };
                    let entry = &mut index.forms[form as usize];
                    entry.capitalized |= capitalized;
                    entry.lowercase |= word.chars().next().is_some_and(char::is_lowercase);
                    let flag = |on: bool, bit: u8| if on { bit } else { 0 };
                    index.words.push(Word {
                        start: at as u32,
                        run: run_id,
                        form,
                        file,
                        len: len_byte,
                        flags: Word::context_bits(context)
                            | flag(quoted || block.in_quote, Word::QUOTED)
                            | flag(capitalized, Word::CAPITALIZED)
                            | flag(sentence_start, Word::SENTENCE_START)
                            | flag(
                                run.style & crate::model::TextRun::EMPHASIS != 0,
                                Word::ITALIC,
                            )
                            | flag(word.is_ascii(), Word::ASCII),
                    });
                });
            }
        }
        index.group_occurrences();
        index
    }

    /// The form id of a spelling, created on first sight.
    fn form_of(
        &mut self,
        word: &str,
        lower: &mut String,
        by_lower: &mut FxHashMap<String, u32>,
    ) -> u32 {
        lower.clear();
        if word.is_ascii() {
            lower.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            lower.extend(word.chars().flat_map(char::to_lowercase));
        }
        if let Some(&form) = by_lower.get(lower.as_str()) {
            return form;
        }
        let form = self.forms.len() as u32;
        self.forms.push(Form {
            lower: lower.clone(),
            capitalized: false,
            lowercase: false,
        });
        by_lower.insert(lower.clone(), form);
        form
    }

    /// Counting sort of the words by form: one flat list instead of a vector per form.
    fn group_occurrences(&mut self) {
        let mut offsets = vec![0u32; self.forms.len() + 1];
        for word in &self.words {
            offsets[word.form as usize + 1] += 1;
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut next = offsets.clone();
        let mut occurrences = vec![0u32; self.words.len()];
        for (id, word) in self.words.iter().enumerate() {
            let slot = &mut next[word.form as usize];
            occurrences[*slot as usize] = id as u32;
            *slot += 1;
        }
        self.offsets = offsets;
        self.occurrences = occurrences;
    }

    /// The words written in form `form`, in document order.
    pub fn occurrences(&self, form: u32) -> &[u32] {
        let (start, end) = (
            self.offsets.get(form as usize).copied().unwrap_or(0),
            self.offsets.get(form as usize + 1).copied().unwrap_or(0),
        );
        self.occurrences
            .get(start as usize..end as usize)
            .unwrap_or(&[])
    }

    /// Every form with its occurrences.
    pub fn forms_with_occurrences(&self) -> impl Iterator<Item = (&Form, &[u32])> {
        self.forms
            .iter()
            .enumerate()
            .map(|(i, form)| (form, self.occurrences(i as u32)))
    }
}

/// Calls `found(start, len)` for each word of a run: letters (any script) with combining marks, apostrophes
/// between letters, and a final apostrophe standing for a soft sign (`Khar'kov`, `Rech'`).
/// An English possessive `'s` is left out.
pub fn for_each_word(text: &str, mut found: impl FnMut(usize, usize)) {
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
        if !is_letter(c) {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        loop {
            // Most letters are ASCII: take them without decoding.
            end += bytes[end..]
                .iter()
                .take_while(|b| b.is_ascii_alphabetic())
                .count();
            let Some(next) = text[end..].chars().next() else {
                break;
            };
            let continues = is_letter(next)
                || is_combining(next)
                || (is_apostrophe(next)
                    && text[end + next.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(is_letter));
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
        found(start, end - start);
        i = scan_end.max(end);
    }
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
    // Quotations are sorted and words mostly come in order: the cursor moves forward. A note
    // written inside its paragraph (`^[…]`) is read after the paragraph: its words go back,
    // and the cursor is found again.
    if *cursor > 0
        && (
            quotations[*cursor - 1].span.file,
            quotations[*cursor - 1].span.end,
        ) >= (span.file, span.start)
    {
        *cursor =
            quotations.partition_point(|q| (q.span.file, q.span.end) < (span.file, span.start));
    }
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
    use super::{Word, WordContext, WordIndex, for_each_word};
    use crate::source::{FileId, Span};

    #[test]
    fn a_word_is_sixteen_bytes_and_keeps_its_span_and_context() {
        assert_eq!(std::mem::size_of::<Word>(), 16);
        for context in [
            WordContext::Prose,
            WordContext::Note,
            WordContext::Bibliography,
            WordContext::Heading,
        ] {
            let word = Word {
                start: 70_000,
                run: 3,
                form: 9,
                file: 2,
                len: 255,
                flags: Word::context_bits(context) | Word::ITALIC | Word::ASCII,
            };
            assert_eq!(word.context(), context);
            assert_eq!(word.span(), Span::new(FileId(2), 70_000, 70_255));
            assert!(word.italic() && word.ascii() && !word.quoted());
        }
    }

    #[test]
    fn a_run_of_more_than_255_letters_is_not_indexed_but_its_neighbours_are() {
        let long = "a".repeat(256);
        let text = format!("Kadievka {long} Krivonos\n");
        let mut sources = crate::source::Sources::default();
        sources.add("x.md".to_string(), text);
        let ms = crate::parse_sources(sources, &crate::config::Config::defaults());
        let index = WordIndex::build(&ms);
        let spelled: Vec<&str> = index.words.iter().map(|w| ms.text(w.span())).collect();
        assert_eq!(spelled, vec!["Kadievka", "Krivonos"]);
    }

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        for_each_word(text, |s, l| out.push(&text[s..s + l]));
        out
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
