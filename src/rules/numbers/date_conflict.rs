use rustc_hash::FxHashMap;

use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::indexes::numbers::{DateMention, Event, NumberIndex, PartialDate};
use crate::model::Manuscript;
use crate::rules::Context;

use super::{display_name, in_block_note};

declare_rule! {
    /// One event with two dates, or a date its own sentence or the manuscript's other dates
    /// make impossible.
    ///
    /// ## What it checks
    /// Dates are read in the manuscript's formats (`30/31 August 1935`, `15 October 1935`,
    /// `Nov. 17, 1935`, `June 1936`, `1935-1936`) with the event words of their clause.
    /// - An event a person has once — birth, death, execution, funeral — dated differently
    ///   for the same person.
    /// - A named event with an ordinal (`the Seventeenth Party Congress`) dated in different
    ///   years; days are compared only for the same phase (opened, closed), since a congress
    ///   lasts days and may run into the next month.
    /// - An "Nth anniversary" whose sentence's year is not N years after the event's own date
    ///   elsewhere in the manuscript (the event is found by the names and nouns after
    ///   "anniversary of").
    /// - A reply dated before what it answers (`a letter of March 1936 answering a speech of
    ///   May 1936`).
    /// - A day that does not exist (`31 September`).
    ///
    /// Dates inside quotations are not compared: the quoted author may be wrong, and the
    /// author's own text is what the rule checks.
    ///
    /// ## Why
    /// Dates are copied between chapters, notes and drafts; a record dated in August in one
    /// chapter and in September in another, or an anniversary celebrated before the event,
    /// tells the examiner that the chronology was not checked.
    ///
    /// ## Example
    /// ```markdown
    /// Stakhanov's record of 31 August 1935 …
    /// A conference held on 25 August 1935 celebrated the fourth anniversary of Stakhanov's
    /// record.
    /// ```
    /// The fourth anniversary of a 1935 record falls in 1939.
    pub static DATE_CONFLICT = {
        code: "NU002",
        name: "date-conflict",
        family: Numbers,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let index = cx.indexes.numbers();
    impossible_days(ms, index, out);
    same_event(ms, index, out);
    anniversaries(ms, index, out);
    responses(ms, index, out);
}

fn with_note(ms: &Manuscript, finding: Finding, mention: &DateMention) -> Finding {
    in_block_note(ms, finding, mention.block)
}

fn days_in_month(month: u8, year: Option<i32>) -> u8 {
    match month {
        2 => match year {
            Some(y) if !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) => 28,
            _ => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn impossible_days(ms: &Manuscript, index: &NumberIndex, out: &mut Vec<Finding>) {
    for mention in &index.dates {
        let d = mention.date;
        let (Some(month), Some(day)) = (d.month, d.day) else {
            continue;
        };
        let last = d.day_end.unwrap_or(day);
        let days = days_in_month(month, d.year);
        if last > days {
            let name = MONTHS[(month as usize - 1) % 12];
            let finding = Finding::new(
                mention.span,
                format!(
                    "`{}` is not a day: {name} has {days} days",
                    ms.text(mention.span)
                ),
            );
            out.push(with_note(ms, finding, mention));
        }
    }
}

/// What identifies one event across mentions, and how precisely its dates compare.
#[derive(Clone, PartialEq, Eq, Hash)]
enum EventKey {
    /// A person's death, birth…: class and person.
    Once(String, u32),
    /// A named event and its phase (0 = not said).
    Named(String, u8),
}

fn same_event(ms: &Manuscript, index: &NumberIndex, out: &mut Vec<Finding>) {
    let mut events: FxHashMap<EventKey, Vec<usize>> = FxHashMap::default();
    for (i, mention) in index.dates.iter().enumerate() {
        if mention.quoted || mention.date.year.is_none() || mention.year_inferred {
            continue;
        }
        let key = match &mention.event {
            Some(Event::Once(class)) => match mention.subject {
                Some(subject) => EventKey::Once(class.clone(), subject),
                None => continue,
            },
            Some(Event::Named(name)) => EventKey::Named(name.clone(), mention.phase),
            None => continue,
        };
        events.entry(key).or_default().push(i);
    }
    let mut keys: Vec<_> = events.into_iter().collect();
    // Report in document order.
    keys.sort_by_key(|(_, mentions)| mentions[0]);
    for (key, mentions) in keys {
        let compare = |d: PartialDate| match &key {
            // A congress lasts days, sometimes across months: without a phase (opened,
            // closed) only the year is compared.
            EventKey::Named(_, 0) => PartialDate {
                year: d.year,
                year_end: d.year_end,
                ..PartialDate::default()
            },
            _ => d,
        };
        let first = &index.dates[mentions[0]];
        for &later in &mentions[1..] {
            let mention = &index.dates[later];
            if compare(first.date).compatible(&compare(mention.date)) {
                continue;
            }
            let what = match &key {
                EventKey::Once(class, subject) => {
                    format!("the {class} of {}", display_name(index.name(*subject)))
                }
                EventKey::Named(name, _) => format!("the {}", title_case(name)),
            };
            let finding = Finding::new(
                mention.span,
                format!(
                    "{what} is dated `{}` here but `{}` at {}",
                    ms.text(mention.span),
                    ms.text(first.span),
                    ms.line_named_from(mention.span, first.span)
                ),
            )
            .related(first.span, "the other date");
            out.push(with_note(ms, finding, mention));
            break;
        }
    }
}

fn anniversaries(ms: &Manuscript, index: &NumberIndex, out: &mut Vec<Finding>) {
    for anniversary in &index.anniversaries {
        // The date of the celebration: a date of the same sentence outside the phrase.
        let Some(celebration) = index.dates.iter().find(|d| {
            d.sentence == anniversary.sentence
                && d.date.year.is_some()
                && !d.quoted
                && (d.span.end <= anniversary.span.start || d.span.start >= anniversary.phrase_end)
        }) else {
            continue;
        };
        let Some(year) = celebration.date.year else {
            continue;
        };
        let n = anniversary.ordinal as i32;
        let fits = |event_year: i32| (n - 1..=n).contains(&(year - event_year));
        let (event_year, event_span) = match anniversary.event_year {
            Some(event_year) => (event_year, None),
            None => {
                let candidates: Vec<&DateMention> = index
                    .dates
                    .iter()
                    .filter(|d| {
                        d.sentence != anniversary.sentence
                            && !d.quoted
                            && d.date.year.is_some()
                            && if anniversary.names.is_empty() {
                                // `the tenth anniversary of the revolution`: every noun.
                                !anniversary.nouns.is_empty()
                                    && anniversary.nouns.iter().all(|n| d.nouns.contains(n))
                            } else {
                                d.names.iter().any(|n| anniversary.names.contains(n))
                                    && d.nouns.iter().any(|n| anniversary.nouns.contains(n))
                            }
                    })
                    .collect();
                if candidates.is_empty() || candidates.iter().any(|d| d.date.year.is_some_and(fits))
                {
                    continue;
                }
                let event = candidates[0];
                (event.date.year.unwrap_or(year), Some(event.span))
            }
        };
        if fits(event_year) {
            continue;
        }
        let mut finding = Finding::new(
            celebration.span,
            format!(
                "the {} falls in {}, not in {year}: the event it marks is dated {event_year}",
                ms.text(anniversary.span),
                event_year + n
            ),
        )
        .related(anniversary.span, "the anniversary");
        if let Some(span) = event_span {
            finding = finding.related(span, "the event's date");
        }
        out.push(with_note(ms, finding, celebration));
    }
}

fn responses(ms: &Manuscript, index: &NumberIndex, out: &mut Vec<Finding>) {
    for response in &index.responses {
        let (Some(answer), Some(answered)) = (
            index.dates.get(response.answer as usize),
            index.dates.get(response.answered as usize),
        ) else {
            continue;
        };
        if answer.quoted || answered.quoted {
            continue;
        }
        let (Some(latest), Some(earliest)) = (answer.date.latest(), answered.date.earliest())
        else {
            continue;
        };
        if latest < earliest {
            let finding = Finding::new(
                answer.span,
                format!(
                    "`{}` comes before `{}`: a reply cannot predate what it answers",
                    ms.text(answer.span),
                    ms.text(answered.span),
                ),
            )
            .related(answered.span, "the later date");
            out.push(with_note(ms, finding, answer));
        }
    }
}

fn title_case(name: &str) -> String {
    name.split(' ')
        .map(display_name)
        .collect::<Vec<_>>()
        .join(" ")
}
