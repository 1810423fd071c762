//! Figures: digits (grouped, with fractions and multipliers) or words, their unit, whether
//! they are approximate, and what qualifies them.

use super::super::tokens::{Kind, fraction_value};
use super::super::*;
use super::{Builder, Clauses, Figure};

impl Builder<'_> {
    /// A figure at token `i`: digits (grouped, with a fraction and a multiplier) or words.
    pub(super) fn figure_at(&self, file_text: &str, i: usize, end: usize) -> Option<Figure> {
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
    pub(super) fn written_number(&self, i: usize, end: usize) -> Option<(f64, usize)> {
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
    pub(super) fn unit_after(
        &mut self,
        file_text: &str,
        i: usize,
        end: usize,
    ) -> (Unit, PercentStyle, usize) {
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
    pub(super) fn percent_base(
        &mut self,
        file_text: &str,
        after: usize,
        end: usize,
    ) -> Option<u32> {
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

    pub(super) fn words_match(&self, at: usize, phrase: &[String]) -> bool {
        at + phrase.len() <= self.tokens.len()
            && phrase.iter().enumerate().all(|(k, w)| {
                let token = self.tokens[at + k];
                (token.kind == Kind::Word && self.lower(at + k) == *w)
                    || (w.len() == 1 && token.kind == Kind::Punct(w.chars().next().unwrap_or(' ')))
            })
    }

    pub(super) fn approximate_before(&self, figure: usize, sentence_start: usize) -> bool {
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

    pub(super) fn approximate_after(&self, after: usize, end: usize) -> bool {
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
    pub(super) fn qualify(
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
    pub(super) fn inherit_norm_units(&mut self, first: usize) {
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

    pub(super) fn approximate_word(&self, i: usize) -> bool {
        self.tokens[i].kind == Kind::Word
            && self
                .vocab
                .approximate_before
                .iter()
                .any(|p| p.len() == 1 && p[0] == self.lower(i))
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
