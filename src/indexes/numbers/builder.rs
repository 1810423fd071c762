//! The one pass over a block that builds the number index: tokens, sentences and clauses,
//! the names of each sentence, then (in `dates` and `figures`) what the clauses hold, and
//! last the claims (`23 times the norm`) and responses (`a letter answering a speech`).

mod dates;
mod figures;

use rustc_hash::FxHashMap;

use super::tokens::{Kind, Token, tokenize};
use super::vocab::{VOCABULARY, Vocabulary, WordMeaning};
use super::*;
use crate::model::{BlockId, Manuscript, Role, TextRun};
use crate::source::{FileId, Span};

const MAX_VOCABULARY_WORD: u32 = 16;

pub(super) struct Builder<'a> {
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
    pub(super) fn read(ms: &'a Manuscript) -> NumberIndex {
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
        // The tables doubled as they grew; a book's hold tens of megabytes, kept to the end
        // of the run.
        let index = &mut builder.index;
        index.sentences.shrink_to_fit();
        index.quantities.shrink_to_fit();
        index.dates.shrink_to_fit();
        builder.index
    }

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
            let date_names: Box<[u32]> = clauses
                .names
                .get(clause as usize)
                .map(|names| names.as_slice().into())
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
                nouns: nouns.into(),
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
                subject: self.subject_of(figure.start, &clauses, &names).into(),
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
            block: block_id,
            progression,
            alternative,
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
