//! Dates: full, partial and ranged dates of a clause, the events they date, and
//! anniversaries.

use super::super::tokens::Kind;
use super::super::*;
use super::{Builder, Clauses};

impl Builder<'_> {
    /// The date at token `i`, with the token index one past it.
    pub(super) fn date_at(
        &self,
        file_text: &str,
        i: usize,
        end: usize,
    ) -> Option<(PartialDate, usize)> {
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
    pub(super) fn counted_noun_follows(&self, file_text: &str, i: usize, end: usize) -> bool {
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

    pub(super) fn unit_follows(&self, i: usize, end: usize) -> bool {
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
    pub(super) fn date_event(
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
    pub(super) fn named_event(&self, head: usize, start: usize) -> Option<String> {
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

    pub(super) fn is_numeric_ordinal(&self, k: usize) -> bool {
        let lower = &self.lower(k);
        let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        !digits.is_empty()
            && digits.chars().all(|c| c.is_ascii_digit())
            && matches!(&lower[digits.len()..], "st" | "nd" | "rd" | "th")
    }

    pub(super) fn anniversaries(
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
                names: names.into(),
                nouns: nouns.into(),
                phrase_end: self.tokens[m.saturating_sub(1).max(k)].end,
                event_year,
            });
        }
    }
}
