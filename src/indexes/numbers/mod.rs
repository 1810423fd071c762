//! The quantity and date index: every figure and every date of the manuscript's prose and
//! notes, read once from the blocks' text, with what the rules of the numbers family compare —
//! unit, qualifiers, the names of its sentence, the date of its clause, whether it is quoted.
//!
//! One pass per block: tokens, sentences and clauses, then dates (so that `30/31 August 1935`
//! is not read as figures), then figures, then what qualifies them.

mod builder;
pub mod identifiers;
pub mod tokens;
pub mod vocab;

use crate::model::{BlockId, Manuscript};
use crate::source::Span;
use vocab::VOCABULARY;

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
    pub subject: Box<[u32]>,
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
    pub names: Box<[u32]>,
    /// The name nearest the event word: whose death, whose record.
    pub subject: Option<u32>,
    /// Words of the clause that can name an event (record, speech…), hashed with
    /// [`noun_hash`].
    pub nouns: Box<[u64]>,
}

/// `the fourth anniversary of Stakhanov's record`.
#[derive(Clone, Debug)]
pub struct Anniversary {
    pub span: Span,
    pub ordinal: u32,
    pub sentence: u32,
    /// Names and nouns (hashed, see [`noun_hash`]) of the phrase after `anniversary of`.
    pub names: Box<[u32]>,
    pub nouns: Box<[u64]>,
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
/// What the rules ask of a sentence: its figures and whether it compares them. A book has
/// hundreds of thousands of sentences: nothing else is kept.
pub struct Sentence {
    pub block: BlockId,
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
        builder::Builder::read(ms)
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
