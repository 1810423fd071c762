//! The quantity and date index: every figure and every date of the manuscript's prose and
//! notes, read once from the blocks' text, with what the rules of the numbers family compare —
//! unit, qualifiers, the names of its sentence, the date of its clause, whether it is quoted.
//!
//! One pass per block: tokens, sentences and clauses, then dates (so that `30/31 August 1935`
//! is not read as figures), then figures, then what qualifies them.

pub mod identifiers;
pub mod tokens;
pub mod vocab;

use rustc_hash::FxHashMap;

use crate::model::{BlockId, Manuscript, Role, TextRun};
use crate::source::{FileId, Span};
use tokens::{Kind, Token, fraction_value, tokenize};
use vocab::{VOCABULARY, Vocabulary, WordMeaning};

/// What a figure counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    None,
    /// A unit of `rules/numbers.toml`.
    Table(u16),
    /// The noun after the figure (`216 looms`), by index into [`NumberIndex::nouns`].
    Counted(u32),
}

/// How a figure of a thousand or more groups its digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Grouping {
    /// Below a thousand, or written in words.
    NotApplicable,
    Comma,
    Space,
    Period,
    Ungrouped,
}

/// How a percentage is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PercentStyle {
    NotPercent,
    Sign,
    Percent,
    PerCent,
}

#[derive(Clone, Debug)]
pub struct Quantity {
    /// The figure and its unit (`102 tons`, `6-7 tons`, `410%`).
    pub span: Span,
    /// The figure alone.
    pub number_span: Span,
    pub value: f64,
    /// The upper end of a range (`6-7 tons`).
    pub high: Option<f64>,
    /// An estimate: `about 500`, `over 25 percent`.
    pub approximate: bool,
    pub unit: Unit,
    /// The statistic qualifier (1-based index into `Vocabulary::statistic_names`, 0 = none).
    pub statistic: u8,
    /// The period qualifier (per shift, per day…), 0 = none.
    pub period: u8,
    /// The date of its clause, by index into [`NumberIndex::dates`].
    pub date: Option<u32>,
    /// Whose figure it is: the names of its clause (of the clause a `who` clause hangs on;
    /// the sentence's only name), indexes into [`NumberIndex::names`].
    pub subject: Vec<u32>,
    pub sentence: u32,
    pub block: BlockId,
    pub quoted: bool,
    /// In emphasis: a title, or a word the author stresses.
    pub emphasized: bool,
    /// Written in words (`twenty-two`).
    pub written: bool,
    pub grouping: Grouping,
    pub percent_style: PercentStyle,
    /// What a percentage is of: `55% of Soviet citizens` → citizen, `70% illiteracy` →
    /// illiteracy (index into [`NumberIndex::nouns`]).
    pub base: Option<u32>,
}

impl Quantity {
    /// A single exact figure, the only kind a conflict can be about.
    pub fn is_exact(&self) -> bool {
        self.high.is_none() && !self.approximate
    }
}

/// A date as precise as the text gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct PartialDate {
    pub year: Option<i32>,
    /// The last year of a range (`1935-1936`).
    pub year_end: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    /// The second day of `30/31 August` or `14-17 November`.
    pub day_end: Option<u8>,
}

impl PartialDate {
    /// Whether the two can name the same day: equal wherever both are precise, ranges
    /// overlapping.
    pub fn compatible(&self, other: &PartialDate) -> bool {
        fn overlap<T: Ord + Copy>(a: T, a_end: Option<T>, b: T, b_end: Option<T>) -> bool {
            a <= b_end.unwrap_or(b) && b <= a_end.unwrap_or(a)
        }
        if let (Some(a), Some(b)) = (self.year, other.year)
            && !overlap(a, self.year_end, b, other.year_end)
        {
            return false;
        }
        if let (Some(a), Some(b)) = (self.month, other.month)
            && a != b
        {
            return false;
        }
        if let (Some(a), Some(b)) = (self.day, other.day)
            && self.month.is_some()
            && other.month.is_some()
            && !overlap(a, self.day_end, b, other.day_end)
        {
            return false;
        }
        true
    }

    /// A sortable key of the earliest day the date can mean.
    pub fn earliest(&self) -> Option<(i32, u8, u8)> {
        Some((self.year?, self.month.unwrap_or(1), self.day.unwrap_or(1)))
    }

    /// A sortable key of the latest day the date can mean.
    pub fn latest(&self) -> Option<(i32, u8, u8)> {
        Some((
            self.year_end.or(self.year)?,
            self.month.unwrap_or(12),
            self.day_end.or(self.day).unwrap_or(31),
        ))
    }
}

/// What happened on a date, read from the date's clause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// Something a person has once (death, birth, execution), by its class in the table.
    Once(String),
    /// A named event with an ordinal (`the Seventeenth Party Congress`), by its name folded.
    Named(String),
}

#[derive(Clone, Debug)]
pub struct DateMention {
    pub span: Span,
    pub date: PartialDate,
    /// The year was not written: it is the year of the date before it in the block.
    pub year_inferred: bool,
    pub sentence: u32,
    pub block: BlockId,
    pub quoted: bool,
    pub event: Option<Event>,
    /// 1 = opening, 2 = closing, 0 = not said.
    pub phase: u8,
    /// Names of the date's clause (indexes into [`NumberIndex::names`]).
    pub names: Vec<u32>,
    /// The name nearest the event word: whose death, whose record.
    pub subject: Option<u32>,
    /// Words of the clause that can name an event (record, speech…), hashed with
    /// [`noun_hash`].
    pub nouns: Vec<u64>,
}

/// `the fourth anniversary of Stakhanov's record`.
#[derive(Clone, Debug)]
pub struct Anniversary {
    pub span: Span,
    pub ordinal: u32,
    pub sentence: u32,
    /// Names and nouns (hashed, see [`noun_hash`]) of the phrase after `anniversary of`.
    pub names: Vec<u32>,
    pub nouns: Vec<u64>,
    /// Where the phrase after `anniversary of` ends (a byte offset in the file).
    pub phrase_end: u32,
    /// A year written in the phrase itself (`of the 1917 revolution`).
    pub event_year: Option<i32>,
}

/// `a letter of March 1936 answering a speech of May 1936`.
#[derive(Clone, Debug)]
pub struct Response {
    pub span: Span,
    pub answer: u32,
    pub answered: u32,
}

/// A ratio the text states about a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimKind {
    /// `23 times the norm`.
    TimesNorm,
    /// `410% of the norm`.
    PercentOfNorm,
    /// `increased by 80%`.
    IncreaseBy,
}

#[derive(Clone, Debug)]
pub struct RatioClaim {
    pub kind: ClaimKind,
    /// The quantity that states the ratio.
    pub quantity: u32,
    /// The whole phrase (`23 times the norm`).
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Sentence {
    pub span: Span,
    pub block: BlockId,
    /// Capitalised words other than the first, folded (indexes into [`NumberIndex::names`]).
    pub names: Vec<u32>,
    pub quantities: std::ops::Range<u32>,
    /// It says a figure supersedes another (`beating his own record`).
    pub progression: bool,
    /// It sets a figure beside another source's (`Kotkin gives 1.47 million tons`).
    pub alternative: bool,
}

#[derive(Default)]
pub struct NumberIndex {
    pub sentences: Vec<Sentence>,
    pub quantities: Vec<Quantity>,
    pub dates: Vec<DateMention>,
    pub anniversaries: Vec<Anniversary>,
    pub responses: Vec<Response>,
    pub claims: Vec<RatioClaim>,
    pub names: Vec<String>,
    pub nouns: Vec<String>,
    /// Body blocks' sentences, per block: `block_sentences[b]` (empty for other blocks).
    pub block_sentences: Vec<std::ops::Range<u32>>,
}

impl NumberIndex {
    pub fn build(ms: &Manuscript) -> NumberIndex {
        let mut builder = Builder {
            ms,
            vocab: &VOCABULARY,
            index: NumberIndex::default(),
            name_ids: FxHashMap::default(),
            noun_ids: FxHashMap::default(),
            tokens: Vec::new(),
            lower_text: String::new(),
            lower_ranges: Vec::new(),
            meanings: Vec::new(),
            capital: Vec::new(),
            current_file: FileId(0),
            english: FxHashMap::default(),
            buffers: SentenceBuffers::default(),
        };
        builder.index.block_sentences = vec![0..0; ms.blocks.len()];
        for (id, block) in ms.blocks.iter().enumerate() {
            if !matches!(block.role, Role::Body | Role::Note(_)) {
                continue;
            }
            builder.block(id as BlockId);
        }
        builder.index
    }

    pub fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }

    pub fn noun(&self, id: u32) -> &str {
        self.nouns.get(id as usize).map_or("", String::as_str)
    }

    /// The unit as a reader would write it after the figure.
    pub fn unit_label(&self, unit: Unit) -> &str {
        match unit {
            Unit::None => "",
            Unit::Table(u) => VOCABULARY.unit_name(u),
            Unit::Counted(n) => self.noun(n),
        }
    }

    pub fn sentence_quantities(&self, sentence: u32) -> &[Quantity] {
        let range = self
            .sentences
            .get(sentence as usize)
            .map_or(0..0, |s| s.quantities.clone());
        &self.quantities[range.start as usize..range.end as usize]
    }

    pub fn sentences_of_block(&self, block: BlockId) -> &[Sentence] {
        let range = self
            .block_sentences
            .get(block as usize)
            .cloned()
            .unwrap_or(0..0);
        &self.sentences[range.start as usize..range.end as usize]
    }
}

/// No word of the table is longer.
const MAX_VOCABULARY_WORD: u32 = 16;

struct Builder<'a> {
    ms: &'a Manuscript,
    vocab: &'a Vocabulary,
    index: NumberIndex,
    name_ids: FxHashMap<String, u32>,
    noun_ids: FxHashMap<String, u32>,
    tokens: Vec<Token>,
    /// Words lower-cased, one buffer: token `k`'s text is `lower_text[lower_ranges[k]]`.
    lower_text: String,
    lower_ranges: Vec<(u32, u32)>,
    /// What each token means to the vocabulary, looked up once.
    meanings: Vec<Option<WordMeaning>>,
    /// Whether each token starts with a capital letter.
    capital: Vec<bool>,
    current_file: FileId,
    english: FxHashMap<String, bool>,
    buffers: SentenceBuffers,
}

/// Per-sentence scratch space, kept between sentences.
#[derive(Default)]
struct SentenceBuffers {
    clause_of: Vec<u32>,
    clause_ranges: Vec<(usize, usize)>,
    name_at: Vec<Option<u32>>,
    taken: Vec<bool>,
    date_of_clause: Vec<Option<u32>>,
    quantity_tokens: Vec<(usize, usize)>,
}

/// The clauses of one sentence: breaks at commas, semicolons, colons, dashes and brackets.
struct Clauses<'c> {
    /// The sentence's first token.
    start: usize,
    /// Per token of the sentence, its clause (`u32::MAX` for a break).
    of: &'c [u32],
    /// Token range of each clause.
    ranges: &'c [(usize, usize)],
    /// Names of each clause.
    names: &'c [Vec<u32>],
}

/// A figure read from tokens, before its unit.
struct Figure {
    value: f64,
    /// Token range of the figure.
    start: usize,
    end: usize,
    written: bool,
    /// The word multiplier applied (`6.5 million`), 1 if none.
    multiplier: f64,
    grouping: Grouping,
}

impl<'a> Builder<'a> {
    fn block(&mut self, block_id: BlockId) {
        let ms = self.ms;
        let block = &ms.blocks[block_id as usize];
        let file_text = ms.sources.get(block.file).text.as_str();
        self.tokens.clear();
        // Figures and dates are written with digits; a block without any is skipped whole
        // (a figure spelled out in a paragraph without digits has nothing to conflict with).
        let has_digits = ms.block_runs(block).iter().any(|run| {
            run.style & TextRun::SUPERSCRIPT == 0
                && file_text
                    .get(run.start as usize..run.end as usize)
                    .is_some_and(|t| {
                        t.bytes().any(|b| b.is_ascii_digit()) || t.contains(['½', '¼', '¾'])
                    })
        });
        if !has_digits {
            return;
        }
        for run in ms.block_runs(block) {
            // Superscripts are note markers and ordinal suffixes, never figures.
            if run.style & TextRun::SUPERSCRIPT != 0 {
                continue;
            }
            let first = self.tokens.len();
            tokenize(
                file_text,
                run.start as usize..run.end as usize,
                &mut self.tokens,
            );
            if run.style & TextRun::EMPHASIS != 0 {
                for token in &mut self.tokens[first..] {
                    token.emphasis = true;
                }
            }
        }
        if self.tokens.is_empty() {
            return;
        }
        self.current_file = block.file;
        self.lower_text.clear();
        self.lower_ranges.clear();
        self.meanings.clear();
        self.capital.clear();
        for token in &self.tokens {
            let text = token.text(file_text);
            self.capital
                .push(text.chars().next().is_some_and(char::is_uppercase));
            let from = self.lower_text.len() as u32;
            if token.kind == Kind::Word {
                if text.is_ascii() {
                    self.lower_text
                        .extend(text.bytes().map(|b| b.to_ascii_lowercase() as char));
                } else {
                    self.lower_text
                        .extend(text.chars().flat_map(char::to_lowercase));
                }
            }
            let to = self.lower_text.len() as u32;
            self.lower_ranges.push((from, to));
            // The table's words are short and ASCII.
            self.meanings.push(
                if to > from && to - from <= MAX_VOCABULARY_WORD && text.is_ascii() {
                    self.vocab
                        .meaning(&self.lower_text[from as usize..to as usize])
                        .copied()
                } else {
                    None
                },
            );
        }
        let first_sentence = self.index.sentences.len() as u32;
        let mut start = 0;
        let mut previous_year = None;
        while start < self.tokens.len() {
            let end = self.sentence_end(file_text, start);
            // Most sentences state no figure and no date: nothing to read in them.
            if self.may_hold_figures(start, end) {
                self.sentence(file_text, block_id, start, end, &mut previous_year);
            }
            start = end;
        }
        self.index.block_sentences[block_id as usize] =
            first_sentence..self.index.sentences.len() as u32;
    }

    /// The token index one past the sentence that starts at `start`.
    fn sentence_end(&self, file_text: &str, start: usize) -> usize {
        let tokens = &self.tokens;
        let mut i = start;
        while i < tokens.len() {
            let token = tokens[i];
            if let Kind::Punct(c) = token.kind
                && matches!(c, '.' | '!' | '?' | '…')
            {
                if c == '.' && i > start && self.is_abbreviation(file_text, i - 1) {
                    i += 1;
                    continue;
                }
                // Closing quotes and brackets belong to the sentence they close.
                let mut end = i + 1;
                while let Some(next) = tokens.get(end)
                    && !next.space_before
                    && matches!(
                        next.kind,
                        Kind::Punct('”' | '"' | '’' | '\'' | ')' | ']' | '.' | '*')
                    )
                {
                    end += 1;
                }
                match tokens.get(end) {
                    None => return end,
                    Some(next) if next.space_before => {
                        let starts_upper = match next.kind {
                            Kind::Word | Kind::Number => true,
                            Kind::Punct(p) => matches!(p, '“' | '"' | '(' | '[' | '‘' | '*'),
                            Kind::Fraction => false,
                        };
                        let upper = next
                            .text(file_text)
                            .chars()
                            .next()
                            .is_some_and(|ch| !ch.is_lowercase());
                        if starts_upper && upper {
                            return end;
                        }
                    }
                    Some(_) => {}
                }
                i = end;
                continue;
            }
            i += 1;
        }
        tokens.len()
    }

    fn may_hold_figures(&self, start: usize, end: usize) -> bool {
        (start..end).any(|k| match self.tokens[k].kind {
            Kind::Number | Kind::Fraction => true,
            Kind::Word => self
                .meaning(k)
                .is_some_and(|m| m.number.is_some() || m.multiplier.is_some() || m.anniversary),
            Kind::Punct(_) => false,
        })
    }

    /// `V.` in `V. M. Molotov`, `no.`, `p.`, `Nov.`: a period that does not end a sentence.
    fn is_abbreviation(&self, file_text: &str, word: usize) -> bool {
        let token = self.tokens[word];
        if token.kind != Kind::Word {
            return false;
        }
        let text = token.text(file_text);
        if text.chars().count() == 1 {
            return true;
        }

        self.meaning(word)
            .is_some_and(|m| m.abbreviation || m.month.is_some())
    }

    /// Whether a word is English, remembered: sentences keep starting with the same words.
    fn is_english(&mut self, lower: &str) -> bool {
        if let Some(&known) = self.english.get(lower) {
            return known;
        }
        let english = crate::text::is_english_word(lower);
        self.english.insert(lower.to_string(), english);
        english
    }

    /// Token `k` lower-cased (empty unless a word).
    fn lower(&self, k: usize) -> &str {
        self.lower_ranges
            .get(k)
            .and_then(|&(from, to)| self.lower_text.get(from as usize..to as usize))
            .unwrap_or("")
    }

    fn meaning(&self, k: usize) -> Option<&WordMeaning> {
        self.meanings.get(k).and_then(Option::as_ref)
    }

    fn intern_name(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.name_ids.get(name) {
            return id;
        }
        let id = self.index.names.len() as u32;
        self.index.names.push(name.to_string());
        self.name_ids.insert(name.to_string(), id);
        id
    }

    fn intern_noun(&mut self, noun: &str) -> u32 {
        if let Some(&id) = self.noun_ids.get(noun) {
            return id;
        }
        let id = self.index.nouns.len() as u32;
        self.index.nouns.push(noun.to_string());
        self.noun_ids.insert(noun.to_string(), id);
        id
    }

    fn quoted(&self, span: Span, block_in_quote: bool) -> bool {
        if block_in_quote {
            return true;
        }
        // Dates and figures of a sentence are read in two passes, so look up rather than
        // walk: quotations are sorted by start, and nested ones sit just before.
        let quotations = &self.ms.quotations;
        let after =
            quotations.partition_point(|q| (q.span.file, q.span.start) <= (span.file, span.start));
        quotations[..after]
            .iter()
            .rev()
            .take(8)
            .any(|q| q.span.contains(span))
    }

    fn is_clause_break(&self, i: usize) -> bool {
        match self.tokens[i].kind {
            Kind::Punct(c) => {
                matches!(c, ',' | ';' | ':' | '(' | ')' | '–' | '—' | '[' | ']')
                    || (c == '-'
                        && self.tokens[i].space_before
                        && self.tokens.get(i + 1).is_some_and(|t| t.space_before))
            }
            _ => false,
        }
    }

    fn sentence(
        &mut self,
        file_text: &'a str,
        block_id: BlockId,
        start: usize,
        end: usize,
        previous_year: &mut Option<i32>,
    ) {
        let block = &self.ms.blocks[block_id as usize];
        let file = block.file;
        let in_quote = block.in_quote;
        let sentence_id = self.index.sentences.len() as u32;
        let span = Span::new(
            file,
            self.tokens[start].start as usize,
            self.tokens[end - 1].end as usize,
        );
        // Clause of each token (breaks belong to none), and each clause's token range.
        let mut buffers = std::mem::take(&mut self.buffers);
        let mut clause_of = std::mem::take(&mut buffers.clause_of);
        clause_of.clear();
        let mut clause_ranges = std::mem::take(&mut buffers.clause_ranges);
        clause_ranges.clear();
        clause_ranges.push((start, start));
        for i in start..end {
            if self.is_clause_break(i) {
                clause_of.push(u32::MAX);
                clause_ranges.push((i + 1, i + 1));
                continue;
            }
            clause_of.push(clause_ranges.len() as u32 - 1);
            if let Some(last) = clause_ranges.last_mut() {
                last.1 = i + 1;
            }
        }
        let clause_of = clause_of;
        let mut name_at = std::mem::take(&mut buffers.name_at);
        name_at.clear();
        name_at.resize(end - start, None);
        let mut taken = std::mem::take(&mut buffers.taken);
        taken.clear();
        taken.resize(end - start, false);
        let mut date_of_clause = std::mem::take(&mut buffers.date_of_clause);
        date_of_clause.clear();
        date_of_clause.resize(clause_ranges.len(), None);
        let mut quantity_tokens = std::mem::take(&mut buffers.quantity_tokens);
        quantity_tokens.clear();
        let clause_at = |i: usize| clause_of[i - start];

        // Names.
        let mut names = Vec::new();
        let first_word = (start..end).find(|&i| self.tokens[i].kind == Kind::Word);
        for i in start..end {
            let token = self.tokens[i];
            if token.kind != Kind::Word {
                continue;
            }
            let text = token.text(file_text);
            if !text.chars().next().is_some_and(char::is_uppercase) || text.len() < 2 {
                continue;
            }
            let key = name_key(self.lower(i));
            // Any word is capitalised at the start of a sentence: there only a word that is
            // not English is a name.
            if Some(i) == first_word && self.is_english(&key) {
                continue;
            }
            if self.vocab.meaning(&key).is_some_and(|m| {
                m.not_name || m.month.is_some() || m.ordinal.is_some() || m.number.is_some()
            }) {
                continue;
            }
            let id = self.intern_name(&key);
            name_at[i - start] = Some(id);
            if !names.contains(&id) {
                names.push(id);
            }
        }

        let mut clause_names: Vec<Vec<u32>> = vec![Vec::new(); clause_ranges.len()];
        for i in start..end {
            if let Some(name) = name_at[i - start]
                && let Some(names) = clause_names.get_mut(clause_of[i - start] as usize)
                && !names.contains(&name)
            {
                names.push(name);
            }
        }
        let clauses = Clauses {
            start,
            of: &clause_of,
            ranges: &clause_ranges,
            names: &clause_names,
        };

        // Dates first: their digits are not figures.
        let first_date = self.index.dates.len();
        let mut found: Vec<(usize, usize, PartialDate)> = Vec::new();
        let mut i = start;
        while i < end {
            if let Some((date, date_end)) = self.date_at(file_text, i, end) {
                found.push((i, date_end, date));
                for t in &mut taken[i - start..date_end - start] {
                    *t = true;
                }
                i = date_end;
                continue;
            }
            i += 1;
        }
        for &(i, date_end, date) in &found {
            let span = Span::new(
                file,
                self.tokens[i].start as usize,
                self.tokens[date_end - 1].end as usize,
            );
            let mut date = date;
            let mut year_inferred = false;
            if date.year.is_none() && date.month.is_some() {
                date.year = *previous_year;
                year_inferred = date.year.is_some();
            }
            if let Some(year) = date.year {
                *previous_year = Some(year);
            }
            let quoted = self.quoted(span, in_quote);
            let clause = clause_at(i);
            let (event, phase, nouns, subject) =
                self.date_event(i, date_end, &found, &clauses, clause, &name_at);
            let date_names = clauses
                .names
                .get(clause as usize)
                .cloned()
                .unwrap_or_default();
            self.index.dates.push(DateMention {
                span,
                date,
                year_inferred,
                sentence: sentence_id,
                block: block_id,
                quoted,
                event,
                phase,
                names: date_names,
                subject,
                nouns,
            });
        }

        // The first date of each clause.
        for d in first_date..self.index.dates.len() {
            let offset = self.index.dates[d].span.start;
            if let Some(t) = self.token_at(offset, start, end)
                && let Some(slot) = date_of_clause.get_mut(clause_at(t) as usize)
                && slot.is_none()
            {
                *slot = Some(d as u32);
            }
        }

        // Figures.
        let first_quantity = self.index.quantities.len() as u32;
        let mut i = start;
        while i < end {
            if taken[i - start] {
                i += 1;
                continue;
            }
            let Some(mut figure) = self.figure_at(file_text, i, end) else {
                i += 1;
                continue;
            };
            // `30/31`, `2/3`, `l.12`, `f. 85`: not figures of anything.
            let before = figure.start.checked_sub(1).map(|b| self.tokens[b]);
            if before.is_some_and(|b| b.is_punct('/') && !b.space_before)
                || self
                    .tokens
                    .get(figure.end)
                    .is_some_and(|t| t.is_punct('/') && !t.space_before)
                || (before.is_some_and(|b| b.is_punct('.'))
                    && figure.start >= 2
                    && self.tokens[figure.start - 2].kind == Kind::Word
                    && self.lower(figure.start - 2).chars().count() <= 2)
            {
                i = figure.end;
                continue;
            }
            let mut next = figure.end;
            let mut high = None;
            // A range: `6-7 tons`, `14–15`, `45 to 60`.
            if let Some(dash) = self.tokens.get(next)
                && (matches!(dash.kind, Kind::Punct('-' | '–' | '—'))
                    || (dash.kind == Kind::Word && self.lower(next) == "to"))
                && next + 1 < end
                && let Some(second) = self.figure_at(file_text, next + 1, end)
                && second.value > figure.value
            {
                // `5-7 million`: the multiplier of the second end applies to both.
                if figure.multiplier == 1.0 && second.multiplier != 1.0 {
                    figure.value *= second.multiplier;
                }
                high = Some(second.value);
                next = second.end;
            }
            let (unit, percent_style, unit_end) = self.unit_after(file_text, next, end);
            // `one journalist`, `two drills`: words first, figures only with a unit.
            if figure.written && figure.multiplier == 1.0 && !matches!(unit, Unit::Table(_)) {
                i = next;
                continue;
            }
            // A year alone is a date the date reader did not take (`in 1935 alone`).
            if unit == Unit::None
                && !figure.written
                && figure.value.fract() == 0.0
                && (1000.0..=2100.0).contains(&figure.value)
                && figure.grouping == Grouping::Ungrouped
            {
                i = next;
                continue;
            }
            let base = if percent_style == PercentStyle::NotPercent {
                None
            } else {
                self.percent_base(file_text, unit_end, end)
            };
            let approximate = self.approximate_before(figure.start, start)
                || self.approximate_after(unit_end, end);
            let span = Span::new(
                file,
                self.tokens[figure.start].start as usize,
                self.tokens[unit_end - 1].end as usize,
            );
            let number_span = Span::new(
                file,
                self.tokens[figure.start].start as usize,
                self.tokens[figure.end - 1].end as usize,
            );
            let quoted = self.quoted(span, in_quote);
            let clause = clause_at(figure.start);
            let date = date_of_clause.get(clause as usize).copied().flatten();
            quantity_tokens.push((figure.start, unit_end));
            self.index.quantities.push(Quantity {
                span,
                number_span,
                value: figure.value,
                high,
                approximate,
                unit,
                statistic: 0,
                period: 0,
                date,
                subject: self.subject_of(figure.start, &clauses, &names),
                sentence: sentence_id,
                block: block_id,
                quoted,
                emphasized: self.tokens[figure.start].emphasis,
                written: figure.written,
                grouping: figure.grouping,
                percent_style,
                base,
            });
            i = unit_end;
        }
        self.qualify(
            first_quantity as usize,
            &quantity_tokens,
            start,
            end,
            &clauses,
        );
        self.inherit_norm_units(first_quantity as usize);
        self.claims(first_quantity as usize, &quantity_tokens, end);
        self.anniversaries(file_text, sentence_id, start, end, &clauses, &name_at);
        self.responses(file, first_date, start, end);
        buffers.clause_of = clause_of;
        buffers.clause_ranges = clause_ranges;
        buffers.name_at = name_at;
        buffers.taken = taken;
        buffers.date_of_clause = date_of_clause;
        buffers.quantity_tokens = quantity_tokens;
        self.buffers = buffers;
        let progression = (start..end).any(|k| self.meaning(k).is_some_and(|m| m.progression));
        let alternative = (start..end).any(|k| self.meaning(k).is_some_and(|m| m.alternative));
        self.index.sentences.push(Sentence {
            span,
            block: block_id,
            progression,
            alternative,
            names,
            quantities: first_quantity..self.index.quantities.len() as u32,
        });
    }

    fn subject_of(&self, at: usize, clauses: &Clauses<'_>, sentence_names: &[u32]) -> Vec<u32> {
        let clause = clauses.of[at - clauses.start];
        let names = &clauses.names[clause as usize];
        if !names.is_empty() {
            return names.clone();
        }
        // `Ivan Artyukhov, who hewed 536 tons`: the clause before names the subject.
        let clause_start = clauses.ranges[clause as usize].0;
        if clause >= 1
            && self
                .tokens
                .get(clause_start)
                .is_some_and(|t| t.kind == Kind::Word)
            && matches!(self.lower(clause_start), "who" | "whose" | "whom")
        {
            return clauses.names[clause as usize - 1].clone();
        }
        if sentence_names.len() == 1 {
            return sentence_names.to_vec();
        }
        Vec::new()
    }

    fn token_at(&self, offset: u32, start: usize, end: usize) -> Option<usize> {
        let tokens = &self.tokens[start..end];
        let i = tokens.partition_point(|t| t.start < offset);
        (tokens.get(i)?.start == offset).then_some(start + i)
    }

    /// A figure at token `i`: digits (grouped, with a fraction and a multiplier) or words.
    fn figure_at(&self, file_text: &str, i: usize, end: usize) -> Option<Figure> {
        let token = self.tokens[i];
        let (mut value, mut next, written, mut grouping) = match token.kind {
            Kind::Number => {
                let text = token.text(file_text);
                let (mut value, mut grouping) = parse_digits(text)?;
                let mut next = i + 1;
                // `46 000`: groups of three after a space.
                if !text.contains([',', '.']) && text.len() <= 3 {
                    while let Some(group) = self.tokens.get(next)
                        && next < end
                        && group.kind == Kind::Number
                        && group.space_before
                        && group.end - group.start == 3
                        && file_text
                            .get(self.tokens[next - 1].end as usize..group.start as usize)
                            .is_some_and(|gap| gap.chars().count() == 1)
                    {
                        let digits: f64 = group.text(file_text).parse().ok()?;
                        value = value * 1000.0 + digits;
                        grouping = Grouping::Space;
                        next += 1;
                    }
                }
                (value, next, false, grouping)
            }
            Kind::Fraction => {
                let c = token.text(file_text).chars().next()?;
                (fraction_value(c)?, i + 1, false, Grouping::NotApplicable)
            }
            Kind::Word => {
                let (value, next) = self.written_number(i, end)?;
                (value, next, true, Grouping::NotApplicable)
            }
            Kind::Punct(_) => return None,
        };
        if !written
            && let Some(fraction) = self.tokens.get(next)
            && next < end
            && fraction.kind == Kind::Fraction
        {
            let c = fraction.text(file_text).chars().next()?;
            value += fraction_value(c)?;
            next += 1;
        }
        // `4 ½ thousand`, `6.5 million`.
        let mut scale = 1.0;
        while next < end
            && self.tokens[next].kind == Kind::Word
            && let Some(multiplier) = self
                .vocab
                .meaning(self.lower(next))
                .and_then(|m| m.multiplier)
        {
            value *= multiplier as f64;
            scale *= multiplier as f64;
            if grouping == Grouping::Ungrouped {
                grouping = Grouping::NotApplicable;
            }
            next += 1;
        }
        if grouping == Grouping::Ungrouped && value < 1000.0 {
            grouping = Grouping::NotApplicable;
        }
        Some(Figure {
            value,
            start: i,
            end: next,
            written,
            multiplier: scale,
            grouping,
        })
    }

    /// `twenty-two`, `fourteen`, `three hundred`: a number in words.
    fn written_number(&self, i: usize, end: usize) -> Option<(f64, usize)> {
        let meaning = self.meaning(i)?;
        let mut value = meaning.number? as f64;
        let mut next = i + 1;
        // `twenty-two`.
        if value >= 20.0
            && next + 1 < end
            && self.tokens[next].is_punct('-')
            && !self.tokens[next + 1].space_before
            && self.tokens[next + 1].kind == Kind::Word
            && let Some(ones) = self
                .vocab
                .meaning(self.lower(next + 1))
                .and_then(|m| m.number)
            && ones < 10
        {
            value += ones as f64;
            next += 2;
        }
        // `one` and the small numbers are words first: only with a unit or multiplier after
        // them are they figures (the caller checks the unit).
        Some((value, next))
    }

    /// The unit after a figure ending at `i`: returns the unit, the percent style and the
    /// token index one past the unit.
    fn unit_after(&mut self, file_text: &str, i: usize, end: usize) -> (Unit, PercentStyle, usize) {
        if i >= end {
            return (Unit::None, PercentStyle::NotPercent, i);
        }
        let token = self.tokens[i];
        if token.is_punct('%') {
            return (Unit::Table(self.vocab.percent), PercentStyle::Sign, i + 1);
        }
        // `102-ton`, `six-hour`.
        let at = if token.is_punct('-') && i + 1 < end && !self.tokens[i + 1].space_before {
            i + 1
        } else {
            i
        };
        if self.tokens[at].kind != Kind::Word {
            return (Unit::None, PercentStyle::NotPercent, i);
        }
        for (phrase, unit) in &self.vocab.phrase_units {
            if at + phrase.len() <= end
                && phrase
                    .iter()
                    .enumerate()
                    .all(|(k, w)| self.lower(at + k) == *w)
            {
                let style = if *unit == self.vocab.percent {
                    PercentStyle::PerCent
                } else {
                    PercentStyle::NotPercent
                };
                return (Unit::Table(*unit), style, at + phrase.len());
            }
        }
        if let Some(unit) = self.meaning(at).and_then(|m| m.unit) {
            let style = if unit == self.vocab.percent {
                PercentStyle::Percent
            } else {
                PercentStyle::NotPercent
            };
            return (Unit::Table(unit), style, at + 1);
        }
        // A counted noun: the last of up to three lower-case words before a stop word.
        let mut last = None;
        let mut k = at;
        while k < end && k < at + 3 {
            let t = self.tokens[k];
            if t.kind != Kind::Word || (k > at && !t.space_before) {
                break;
            }
            let text = t.text(file_text);
            let lower = &self.lower(k);
            if !text.chars().next().is_some_and(char::is_lowercase)
                || self.meaning(k).is_some_and(|m| m.stopword)
                || self.vocab.meaning(lower).is_some_and(|m| {
                    m.number.is_some() || m.statistic > 0 || m.period > 0 || m.month.is_some()
                })
            {
                break;
            }
            last = Some(k);
            k += 1;
        }
        match last {
            Some(k) => {
                let noun = singular(self.lower(k)).to_string();
                let id = self.intern_noun(&noun);
                (Unit::Counted(id), PercentStyle::NotPercent, k + 1)
            }
            None => (Unit::None, PercentStyle::NotPercent, i),
        }
    }

    /// The first common noun after a percentage, past `of`, articles and names.
    fn percent_base(&mut self, file_text: &str, after: usize, end: usize) -> Option<u32> {
        for k in after..end.min(after + 5) {
            let token = self.tokens[k];
            if token.kind != Kind::Word {
                return None;
            }
            let lower = &self.lower(k);
            if self.capital[k]
                || matches!(
                    *lower,
                    "of" | "the" | "all" | "a" | "its" | "their" | "his" | "her"
                )
            {
                continue;
            }
            if self.meaning(k).is_some_and(|m| m.stopword) || token.text(file_text).len() < 3 {
                return None;
            }
            let noun = singular(lower).to_string();
            return Some(self.intern_noun(&noun));
        }
        None
    }

    fn words_match(&self, at: usize, phrase: &[String]) -> bool {
        at + phrase.len() <= self.tokens.len()
            && phrase.iter().enumerate().all(|(k, w)| {
                let token = self.tokens[at + k];
                (token.kind == Kind::Word && self.lower(at + k) == *w)
                    || (w.len() == 1 && token.kind == Kind::Punct(w.chars().next().unwrap_or(' ')))
            })
    }

    fn approximate_before(&self, figure: usize, sentence_start: usize) -> bool {
        if figure > sentence_start {
            let before = self.tokens[figure - 1];
            if matches!(before.kind, Kind::Punct('~' | '≈' | '>' | '<' | '±')) {
                return true;
            }
        }
        // `twelve or fourteen miles`, `12 or 14 miles`: either figure is a guess.
        if figure >= sentence_start + 2
            && self.tokens[figure - 1].kind == Kind::Word
            && self.lower(figure - 1) == "or"
            && (self.tokens[figure - 2].kind == Kind::Number
                || self.meaning(figure - 2).is_some_and(|m| m.number.is_some()))
        {
            return true;
        }
        // `c.` / `ca.` before the figure.
        let mut at = figure;
        if at > sentence_start && self.tokens[at - 1].is_punct('.') {
            at -= 1;
        }
        let candidate =
            at > sentence_start && self.meaning(at - 1).is_some_and(|m| m.ends_approximation);
        candidate
            && self.vocab.approximate_before.iter().any(|phrase| {
                at >= sentence_start + phrase.len()
                    && phrase.last().is_some_and(|last| last == self.lower(at - 1))
                    && self.words_match(at - phrase.len(), phrase)
            })
    }

    fn approximate_after(&self, after: usize, end: usize) -> bool {
        let at = if after < end && self.tokens[after].is_punct('-') {
            after + 1
        } else {
            after
        };
        (after < end && self.tokens[after].is_punct('+'))
            || self.vocab.approximate_after.iter().any(|phrase| {
                at + phrase.len() <= end
                    && phrase.first().is_some_and(|first| first == self.lower(at))
                    && self.words_match(at, phrase)
            })
    }

    /// Attaches qualifier words to the figure they qualify, within its clause: `norm of 6`
    /// qualifies the figure after it, `25 tons maximum` the one before.
    fn qualify(
        &mut self,
        first: usize,
        quantity_tokens: &[(usize, usize)],
        start: usize,
        end: usize,
        clauses: &Clauses<'_>,
    ) {
        if quantity_tokens.is_empty() {
            return;
        }
        let clause_at = |i: usize| clauses.of[i - start];
        for i in start..end {
            if self.tokens[i].kind != Kind::Word {
                continue;
            }
            let Some(meaning) = self.meaning(i).copied() else {
                continue;
            };
            if meaning.statistic == 0 && meaning.period == 0 {
                continue;
            }
            // Quantities are in token order: the first one starting after this word.
            let next = quantity_tokens.partition_point(|&(s, _)| s <= i);
            // Inside a quantity (`six hour`): the unit itself, not a qualifier.
            if next > 0 && i < quantity_tokens[next - 1].1 {
                continue;
            }
            let clause = clause_at(i);
            let usable = |q: usize| {
                clause_at(quantity_tokens[q].0) == clause
                    && match self.index.quantities[first + q].unit {
                        Unit::Table(u) => !self.vocab.is_duration(u),
                        _ => true,
                    }
            };
            // `norm of 6`, `a maximum of 115`, `record of 321`.
            let after_of = (i + 1 < end
                && self.tokens[i + 1].kind == Kind::Word
                && self.lower(i + 1) == "of"
                && quantity_tokens.get(next).is_some_and(|&(s, _)| {
                    s == i + 2 || (s == i + 3 && self.approximate_word(i + 2))
                }))
            .then_some(next);
            let before = (0..next)
                .rev()
                .take_while(|&q| clause_at(quantity_tokens[q].0) == clause)
                .find(|&q| usable(q));
            let after = (next..quantity_tokens.len())
                .take_while(|&q| clause_at(quantity_tokens[q].0) == clause)
                .find(|&q| usable(q));
            let target = after_of.or(before).or(after);
            if let Some(q) = target {
                let quantity = &mut self.index.quantities[first + q];
                if meaning.statistic > 0 && quantity.statistic == 0 {
                    quantity.statistic = meaning.statistic;
                }
                if meaning.period > 0 && quantity.period == 0 {
                    quantity.period = meaning.period;
                }
            }
        }
    }

    /// `1050 crankshafts against a norm of 675`: a bare norm counts what the figure before it
    /// counts.
    fn inherit_norm_units(&mut self, first: usize) {
        let norm = self
            .vocab
            .statistic_names
            .iter()
            .position(|n| n == "norm")
            .map(|i| i as u8 + 1);
        let mut last_unit = None;
        for q in &mut self.index.quantities[first..] {
            match q.unit {
                Unit::None if Some(q.statistic) == norm => {
                    if let Some(unit) = last_unit {
                        q.unit = unit;
                    }
                }
                Unit::Table(u) if u == self.vocab.percent || u == self.vocab.times => {}
                Unit::Table(u) if self.vocab.is_duration(u) => {}
                Unit::None => {}
                unit => last_unit = Some(unit),
            }
        }
    }

    fn approximate_word(&self, i: usize) -> bool {
        self.tokens[i].kind == Kind::Word
            && self
                .vocab
                .approximate_before
                .iter()
                .any(|p| p.len() == 1 && p[0] == self.lower(i))
    }

    /// `23 times the norm`, `410% of the norm`, `increased by 80%`.
    fn claims(&mut self, first: usize, quantity_tokens: &[(usize, usize)], end: usize) {
        for (q, &(s, e)) in quantity_tokens.iter().enumerate() {
            let quantity = &self.index.quantities[first + q];
            let Unit::Table(unit) = quantity.unit else {
                continue;
            };
            let file = quantity.span.file;
            let mut k = e;
            let word =
                |k: usize| (k < end && self.tokens[k].kind == Kind::Word).then(|| self.lower(k));
            if word(k) == Some("of") {
                k += 1;
            }
            if matches!(
                word(k),
                Some("the" | "his" | "her" | "their" | "its" | "a" | "our")
            ) {
                k += 1;
            }
            let norm_after = word(k)
                .and_then(|w| self.vocab.meaning(w))
                .is_some_and(|m| {
                    self.vocab
                        .statistic_names
                        .get(m.statistic.wrapping_sub(1) as usize)
                        .is_some_and(|n| n == "norm")
                });
            let kind = if norm_after && unit == self.vocab.times {
                Some(ClaimKind::TimesNorm)
            } else if norm_after && unit == self.vocab.percent {
                Some(ClaimKind::PercentOfNorm)
            } else if unit == self.vocab.percent
                && s >= 2
                && self.tokens[s - 1].kind == Kind::Word
                && self.lower(s - 1) == "by"
                && matches!(
                    self.lower(s - 2),
                    "increased"
                        | "increase"
                        | "rose"
                        | "grew"
                        | "raised"
                        | "risen"
                        | "grown"
                        | "up"
                )
            {
                Some(ClaimKind::IncreaseBy)
            } else {
                None
            };
            if let Some(kind) = kind {
                let (from, to) = match kind {
                    ClaimKind::IncreaseBy => (s - 2, e),
                    _ => (s, k + 1),
                };
                let span = Span::new(
                    file,
                    self.tokens[from].start as usize,
                    self.tokens[to.min(end) - 1].end as usize,
                );
                self.index.claims.push(RatioClaim {
                    kind,
                    quantity: (first + q) as u32,
                    span,
                });
            }
        }
    }

    /// The date at token `i`, with the token index one past it.
    fn date_at(&self, file_text: &str, i: usize, end: usize) -> Option<(PartialDate, usize)> {
        let month_at = |k: usize| -> Option<(u8, usize)> {
            let token = self.tokens.get(k).filter(|_| k < end)?;
            if token.kind != Kind::Word
                || !token
                    .text(file_text)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            {
                return None;
            }
            let month = self.meaning(k)?.month?;
            let next = if self
                .tokens
                .get(k + 1)
                .is_some_and(|t| t.is_punct('.') && !t.space_before)
                && k + 1 < end
                // `Nov.`, `Sept.`: the period of an abbreviation, not the sentence's.
                && self.lower(k).len() <= 4
            {
                k + 2
            } else {
                k + 1
            };
            Some((month, next))
        };
        let number_at = |k: usize, min: u32, max: u32, len: std::ops::RangeInclusive<u32>| {
            let token = self.tokens.get(k).filter(|_| k < end)?;
            if token.kind != Kind::Number || !len.contains(&(token.end - token.start)) {
                return None;
            }
            let value: u32 = token.text(file_text).parse().ok()?;
            (min..=max).contains(&value).then_some(value)
        };
        let year_at = |k: usize| number_at(k, 1000, 2100, 4..=4).map(|y| y as i32);
        let day_at = |k: usize| number_at(k, 1, 31, 1..=2).map(|d| d as u8);
        let token = self.tokens[i];
        if token.kind == Kind::Word && self.meaning(i).is_none_or(|m| m.month.is_none()) {
            return None;
        }
        match token.kind {
            Kind::Number => {
                // `30/31 August 1935`, `15 October 1935`, `14-17 November`.
                if let Some(day) = day_at(i) {
                    let mut k = i + 1;
                    let mut day_end = None;
                    if k + 1 < end
                        && matches!(self.tokens[k].kind, Kind::Punct('/' | '-' | '–'))
                        && let Some(second) = day_at(k + 1)
                        && second > day
                    {
                        day_end = Some(second);
                        k += 2;
                    }
                    if let Some((month, after)) = month_at(k) {
                        let mut date = PartialDate {
                            month: Some(month),
                            day: Some(day),
                            day_end,
                            ..PartialDate::default()
                        };
                        let mut next = after;
                        if self.tokens.get(next).is_some_and(|t| t.is_punct(',')) && next < end {
                            next += 1;
                        }
                        if let Some(year) = year_at(next) {
                            date.year = Some(year);
                            return Some((date, next + 1));
                        }
                        return Some((date, after));
                    }
                }
                // `1935`, `1935-1936`, `1933-7`.
                let year = year_at(i)?;
                if self.unit_follows(i + 1, end) || self.counted_noun_follows(file_text, i + 1, end)
                {
                    return None;
                }
                let mut date = PartialDate {
                    year: Some(year),
                    ..PartialDate::default()
                };
                let mut next = i + 1;
                if next + 1 < end
                    && matches!(self.tokens[next].kind, Kind::Punct('-' | '–' | '/'))
                    && !self.tokens[next + 1].space_before
                    && self.tokens[next + 1].kind == Kind::Number
                {
                    let second = self.tokens[next + 1].text(file_text);
                    let digits = second.len() as u32;
                    if let Ok(value) = second.parse::<i32>() {
                        let full = match digits {
                            4 => Some(value),
                            1..=2 => {
                                let base = 10i32.pow(digits);
                                Some(year - year.rem_euclid(base) + value)
                            }
                            _ => None,
                        };
                        if let Some(full) = full.filter(|&f| f > year && f - year < 100) {
                            date.year_end = Some(full);
                            next += 2;
                        }
                    }
                }
                Some((date, next))
            }
            Kind::Word => {
                let (month, after) = month_at(i)?;
                // `Nov. 17, 1935`, `November 1, 1935`.
                if let Some(day) = day_at(after) {
                    let mut date = PartialDate {
                        month: Some(month),
                        day: Some(day),
                        ..PartialDate::default()
                    };
                    if self.tokens.get(after + 1).is_some_and(|t| t.is_punct(','))
                        && let Some(year) = year_at(after + 2)
                    {
                        date.year = Some(year);
                        return Some((date, after + 3));
                    }
                    // `May 5` needs its year or a comma: `May 5 workers` is not a date.
                    return None;
                }
                // `June 1936`, `June of 1936`.
                let year_token = if self.tokens.get(after).is_some_and(|_| after < end)
                    && self.lower(after) == "of"
                {
                    after + 1
                } else {
                    after
                };
                let year = year_at(year_token)?;
                Some((
                    PartialDate {
                        year: Some(year),
                        month: Some(month),
                        ..PartialDate::default()
                    },
                    year_token + 1,
                ))
            }
            _ => None,
        }
    }

    /// `1050 crankshafts`, `1400 pairs`: a plural noun after a four-digit number makes it a
    /// count, not a year (`1935 was`, `in 1935 his` stay years).
    fn counted_noun_follows(&self, file_text: &str, i: usize, end: usize) -> bool {
        let plural = |k: usize| {
            k < end
                && self.tokens[k].kind == Kind::Word
                && !self.capital[k]
                && !self.meaning(k).is_some_and(|m| m.stopword)
                && {
                    let word = self.tokens[k].text(file_text);
                    word.len() > 3 && word.ends_with('s') && !word.ends_with("ss")
                }
        };
        let ordinary = |k: usize| {
            k < end
                && self.tokens[k].kind == Kind::Word
                && !self.capital[k]
                && !self.meaning(k).is_some_and(|m| m.stopword)
        };
        plural(i) || (ordinary(i) && plural(i + 1))
    }

    fn unit_follows(&self, i: usize, end: usize) -> bool {
        if i >= end {
            return false;
        }
        let token = self.tokens[i];
        token.is_punct('%')
            || (token.kind == Kind::Word
                && self
                    .vocab
                    .meaning(self.lower(i))
                    .and_then(|m| m.unit)
                    .is_some_and(|u| !self.vocab.is_duration(u)))
    }

    /// The event a date's clause names, its phase, and the clause's names and nouns.
    #[allow(clippy::too_many_arguments)]
    fn date_event(
        &mut self,
        date_start: usize,
        date_end: usize,
        dates: &[(usize, usize, PartialDate)],
        clauses: &Clauses<'_>,
        clause: u32,
        name_at: &[Option<u32>],
    ) -> (Option<Event>, u8, Vec<u64>, Option<u32>) {
        let start = clauses.start;
        let (clause_start, clause_end) = clauses.ranges[clause as usize];
        let mut nouns = Vec::new();
        let mut event: Option<(usize, Event)> = None;
        let mut phase = 0;
        // Tokens between a word and a date; a conjunction between them (`expelled in 1929
        // and murdered`) puts them in different phrases.
        let distance_to = |k: usize, from: usize, to: usize| {
            let (gap, between) = if k < from {
                (from - k, k + 1..from)
            } else {
                (k.saturating_sub(to), to..k)
            };
            let crosses = between
                .into_iter()
                .any(|t| matches!(self.lower(t), "and" | "but" | "or" | "then" | "while"));
            gap + if crosses { 10 } else { 0 }
        };
        let distance = |k: usize| distance_to(k, date_start, date_end);
        // An event word belongs to the date nearest to it: in `expelled in 1929 and murdered
        // on 21 August 1940`, the murder is not of 1929.
        let nearest_to_this = |k: usize| {
            dates
                .iter()
                .all(|&(from, to, _)| from == date_start || distance_to(k, from, to) > distance(k))
        };
        for k in clause_start..clause_end {
            if (date_start..date_end).contains(&k) || self.tokens[k].kind != Kind::Word {
                continue;
            }
            let meaning = self.meaning(k).copied().unwrap_or_default();
            if name_at[k - start].is_some() {
                if meaning.named_event
                    && nearest_to_this(k)
                    && let Some(named) = self.named_event(k, start)
                    && event
                        .as_ref()
                        .is_none_or(|(at, _)| distance(k) < distance(*at))
                {
                    event = Some((k, Event::Named(named)));
                }
                continue;
            }
            if meaning.phase > 0 {
                phase = meaning.phase;
            }
            let candidate = if meaning.once_event > 0 {
                self.vocab
                    .once_events
                    .get(meaning.once_event as usize - 1)
                    .map(|class| Event::Once(class.clone()))
            } else if meaning.named_event {
                self.named_event(k, start).map(Event::Named)
            } else {
                None
            };
            if let Some(candidate) = candidate
                && nearest_to_this(k)
                && event
                    .as_ref()
                    .is_none_or(|(at, _)| distance(k) < distance(*at))
            {
                event = Some((k, candidate));
            }
            if !meaning.stopword && self.lower(k).len() > 2 {
                let hash = noun_hash(self.lower(k));
                if !nouns.contains(&hash) {
                    nouns.push(hash);
                }
            }
        }
        // Whose event: `the death of Kirov`, else the nearest name before the event word
        // (`Trotsky was murdered in Mexico`: not Mexico).
        let subject = match &event {
            Some((at, Event::Once(_))) => {
                let at = *at;
                let of_name = (at + 1 < clause_end && self.lower(at + 1) == "of")
                    .then(|| (at + 2..clause_end.min(at + 4)).find_map(|k| name_at[k - start]))
                    .flatten();
                of_name.or_else(|| (clause_start..at).rev().find_map(|k| name_at[k - start]))
            }
            _ => None,
        };
        (event.map(|(_, e)| e), phase, nouns, subject)
    }

    /// `the Seventeenth Party Congress`, `First All-Union Conference`: the capitalised words
    /// before a capitalised event head, if one of them is an ordinal.
    fn named_event(&self, head: usize, start: usize) -> Option<String> {
        let first_upper = |k: usize| self.tokens[k].kind == Kind::Word && self.capital[k];
        if !first_upper(head) {
            return None;
        }
        let mut k = head;
        let mut parts = vec![self.lower(head).to_string()];
        let mut ordinal = false;
        while k > start {
            let previous = k - 1;
            let token = self.tokens[previous];
            if matches!(token.kind, Kind::Punct('-' | '“' | '”' | '"')) {
                k = previous;
                continue;
            }
            if (!first_upper(previous) && !self.is_numeric_ordinal(previous))
                || self
                    .meaning(previous)
                    .is_some_and(|m| m.stopword || m.not_name)
            {
                break;
            }
            let word = &self.lower(previous);
            if self
                .vocab
                .meaning(word)
                .is_some_and(|m| m.ordinal.is_some())
                || self.is_numeric_ordinal(previous)
            {
                ordinal = true;
            }
            parts.push(word.to_string());
            k = previous;
        }
        if !ordinal {
            return None;
        }
        parts.reverse();
        Some(parts.join(" "))
    }

    fn is_numeric_ordinal(&self, k: usize) -> bool {
        let lower = &self.lower(k);
        let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        !digits.is_empty()
            && digits.chars().all(|c| c.is_ascii_digit())
            && matches!(&lower[digits.len()..], "st" | "nd" | "rd" | "th")
    }

    fn anniversaries(
        &mut self,
        file_text: &str,
        sentence_id: u32,
        start: usize,
        end: usize,
        clauses: &Clauses<'_>,
        name_at: &[Option<u32>],
    ) {
        let clause_of = clauses.of;
        for k in start + 1..end {
            if self.tokens[k].kind != Kind::Word || !self.meaning(k).is_some_and(|m| m.anniversary)
            {
                continue;
            }
            let previous = k - 1;
            let ordinal = self
                .vocab
                .meaning(self.lower(previous))
                .and_then(|m| m.ordinal)
                .or_else(|| {
                    self.is_numeric_ordinal(previous).then(|| {
                        self.lower(previous)
                            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                            .parse()
                            .ok()
                    })?
                });
            let Some(ordinal) = ordinal else {
                continue;
            };
            // `twenty-fifth`.
            let (ordinal, first) = if previous >= start + 2
                && self.tokens[previous - 1].is_punct('-')
                && let Some(tens) = self.meaning(previous - 2).and_then(|m| m.number)
            {
                (tens + ordinal, previous - 2)
            } else {
                (ordinal, previous)
            };
            if k + 1 >= end || self.lower(k + 1) != "of" {
                continue;
            }
            let clause = clause_of[k + 1 - start];
            let mut names = Vec::new();
            let mut nouns = Vec::new();
            let mut event_year = None;
            let mut m = k + 2;
            while m < end && clause_of[m - start] == clause {
                if let Some(name) = name_at[m - start] {
                    names.push(name);
                } else if self.tokens[m].kind == Kind::Word {
                    if !self.meaning(m).is_some_and(|w| w.stopword) && self.lower(m).len() > 2 {
                        nouns.push(noun_hash(self.lower(m)));
                    }
                } else if let Some((date, _)) = self.date_at(file_text, m, end) {
                    event_year = event_year.or(date.year);
                }
                m += 1;
            }
            self.index.anniversaries.push(Anniversary {
                span: Span::new(
                    self.current_file,
                    self.tokens[first].start as usize,
                    self.tokens[k].end as usize,
                ),
                ordinal,
                sentence: sentence_id,
                names,
                nouns,
                phrase_end: self.tokens[m.saturating_sub(1).max(k)].end,
                event_year,
            });
        }
    }
}

impl Builder<'_> {
    /// `a letter of March 1936 answering a speech of May 1936`: the dates on either side of a
    /// response phrase, nearest first.
    fn responses(&mut self, file: FileId, first_date: usize, start: usize, end: usize) {
        let dates = first_date..self.index.dates.len();
        if dates.len() < 2 {
            return;
        }
        for k in start..end {
            if !self.meaning(k).is_some_and(|m| m.starts_response) {
                continue;
            }
            let Some(phrase) = self
                .vocab
                .responses
                .iter()
                .find(|p| k + p.len() <= end && self.words_match(k, p))
            else {
                continue;
            };
            let phrase_end = k + phrase.len();
            let (phrase_start_offset, phrase_end_offset) =
                (self.tokens[k].start, self.tokens[phrase_end - 1].end);
            let answer = dates
                .clone()
                .rev()
                .find(|&d| self.index.dates[d].span.end <= phrase_start_offset);
            let answered = dates
                .clone()
                .find(|&d| self.index.dates[d].span.start >= phrase_end_offset);
            if let (Some(answer), Some(answered)) = (answer, answered) {
                self.index.responses.push(Response {
                    span: Span::new(
                        file,
                        phrase_start_offset as usize,
                        phrase_end_offset as usize,
                    ),
                    answer: answer as u32,
                    answered: answered as u32,
                });
            }
        }
    }
}

fn parse_digits(text: &str) -> Option<(f64, Grouping)> {
    if !text.contains([',', '.']) {
        let value: f64 = text.parse().ok()?;
        let grouping = if value >= 1000.0 {
            Grouping::Ungrouped
        } else {
            Grouping::NotApplicable
        };
        return Some((value, grouping));
    }
    let separator = if text.contains(',') { ',' } else { '.' };
    let groups: Vec<&str> = text.split([',', '.']).collect();
    let mixed = text.contains(',') && text.contains('.');
    let thousands = !mixed
        && groups.len() >= 2
        && !groups[0].is_empty()
        && groups[0].len() <= 3
        && groups[0] != "0"
        && groups[1..].iter().all(|g| g.len() == 3)
        && (separator == ',' || groups.len() >= 3);
    if thousands {
        let value: f64 = groups.concat().parse().ok()?;
        let grouping = if separator == ',' {
            Grouping::Comma
        } else {
            Grouping::Period
        };
        return Some((value, grouping));
    }
    if mixed {
        // `1,234.5`: commas group, the period is decimal.
        let value: f64 = text.replace(',', "").parse().ok()?;
        return Some((value, Grouping::Comma));
    }
    if groups.len() == 2 {
        let value: f64 = format!("{}.{}", groups[0], groups[1]).parse().ok()?;
        return Some((value, Grouping::NotApplicable));
    }
    None
}

/// A word's singular, hashed: how dates and anniversaries compare the nouns of their clauses
/// without storing them.
pub fn noun_hash(lower: &str) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(singular(lower).as_bytes());
    hasher.finish()
}

/// A name's key: lower-cased, possessive dropped.
fn name_key(lower: &str) -> String {
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(stem) = lower.strip_suffix(suffix)
            && stem.len() > 1
        {
            return stem.to_string();
        }
    }
    lower.to_string()
}

/// English plural to singular, enough to match `looms` with `loom`.
fn singular(word: &str) -> &str {
    if word.len() > 4 && word.ends_with("ies") {
        return word;
    }
    for suffix in ["ches", "shes", "sses", "xes"] {
        if word.len() > suffix.len() + 1 && word.ends_with(suffix) {
            return &word[..word.len() - 2];
        }
    }
    if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        return &word[..word.len() - 1];
    }
    word
}
