use rustc_hash::FxHashMap;

use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::indexes::numbers::vocab::VOCABULARY;
use crate::indexes::numbers::{NumberIndex, PartialDate, Quantity, Unit};
use crate::model::Manuscript;
use crate::rules::Context;
use crate::source::Span;

use super::{
    close, corrected, display_name, in_block_note, is_fact, note_blocks_by_body_block,
    qualifiers_agree,
};

declare_rule! {
    /// Two mentions of the same fact with different figures: 536 tons in the text, 552 tons in
    /// its note.
    ///
    /// ## What it checks
    /// Every exact figure with a unit (tons, %, hectares, rubles, or the noun it counts:
    /// looms, pairs) is compared with the other mentions of that unit. Two mentions describe
    /// the same fact when their qualifiers agree (record, average, maximum, norm; per shift,
    /// per day) and either
    /// - they sit in linked places — a paragraph and its own notes — with values within 10% of
    ///   each other, and neither place also states the other's figure; or
    /// - their sentences name the same person, place or thing and the values are within 10%;
    ///   or
    /// - their sentences name the same subject and give the same day for it.
    ///
    /// A subject given three or more distinct values close to each other has a series of
    /// figures (successive records), not one misstated; a sentence that says a figure beats
    /// another ("surpassed", "broke") states a new fact.
    ///
    /// Ranges (`6-7 tons`), estimates (`about 500`, `over 25 percent`, `twelve or fourteen
    /// miles`), durations, two figures of one sentence or one paragraph, different qualifiers
    /// (an average and a maximum), counted things described differently (`86 public school
    /// districts`, `85 outlying school districts`), and a figure set beside another source's
    /// ("Kotkin gives 1.47 million tons") are never conflicts. Nor is a figure inside a
    /// quotation: it is the source's, and a source quoted in a note speaks as often of another
    /// record, place or year as of the author's; which one it is, only the reader can tell.
    ///
    /// ## Why
    /// A key figure is stated many times in a thesis — in the text, in notes, in quotations —
    /// and drifts as drafts are revised. A reader who meets two figures for one record trusts
    /// neither.
    ///
    /// ## Example
    /// ```markdown
    /// Artyukhov hewed 536 tons of coal in a single shift.[^4]
    ///
    /// [^4]: The trust's report credits Artyukhov with 552 tons of coal.
    /// ```
    /// Check the sources and state one figure, or say in the note why the report's figure
    /// differs.
    pub static QUANTITY_CONFLICT = {
        code: "NU001",
        name: "quantity-conflict",
        family: Numbers,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

/// Values within this fraction of each other are one figure misstated, not two facts.
const CLOSE: f64 = 0.10;

/// Why two mentions are taken for one fact.
#[derive(Clone, Copy)]
enum Link {
    /// The second sits in a note of the paragraph holding the first.
    Note,
    /// The first sits in a note of the paragraph holding the second.
    Paragraph,
    /// Their sentences share a name.
    Subject(u32),
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let index = cx.indexes.numbers();
    let facts: Vec<u32> = index
        .quantities
        .iter()
        .enumerate()
        .filter(|(_, q)| is_fact(index, q) && !corrected(ms, q))
        .map(|(i, _)| i as u32)
        .collect();
    if facts.len() < 2 {
        return;
    }
    let mut mentions: FxHashMap<(Unit, u64), u32> = FxHashMap::default();
    for &id in &facts {
        let q = &index.quantities[id as usize];
        *mentions.entry((q.unit, q.value.to_bits())).or_default() += 1;
    }
    let mut pairs: Vec<(u32, u32, Link)> = Vec::new();
    linked_places(cx, index, &facts, &mut pairs);
    shared_subject(ms, index, &facts, &mut pairs);

    let mut reported = vec![false; index.quantities.len()];
    for (a, b, link) in pairs {
        let (qa, qb) = (&index.quantities[a as usize], &index.quantities[b as usize]);
        let count = |q: &Quantity| mentions.get(&(q.unit, q.value.to_bits())).copied();
        // The figure stated less often is the suspect; on a tie, the later one.
        let a_is_primary = match count(qa).cmp(&count(qb)) {
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Greater => false,
            std::cmp::Ordering::Equal => {
                (qa.span.file, qa.span.start) > (qb.span.file, qb.span.start)
            }
        };
        let (primary, other, link) = if a_is_primary {
            (qa, qb, link)
        } else {
            let flipped = match link {
                Link::Note => Link::Paragraph,
                Link::Paragraph => Link::Note,
                subject => subject,
            };
            (qb, qa, flipped)
        };
        let primary_id = if a_is_primary { a } else { b };
        if std::mem::replace(&mut reported[primary_id as usize], true) {
            continue;
        }
        // `line 134` of another file is no help: name it.
        let line = ms.line_named_from(primary.span, other.span);
        let here = ms.text(primary.span);
        let there = ms.text(other.span);
        let message = match link {
            Link::Note => format!(
                "`{here}` here, `{there}` in this paragraph's note ({line}): one fact with two figures?"
            ),
            Link::Paragraph => format!(
                "`{here}` here, `{there}` in the paragraph that cites this note ({line}): one fact with two figures?"
            ),
            Link::Subject(name) => format!(
                "`{here}` here, `{there}` for {} at {line}: one fact with two figures?",
                display_name(index.name(name))
            ),
        };
        let finding = Finding::new(primary.span, message)
            .related(other.span, format!("`{there}` stated here"))
            .identity(format!("{here} / {there}"));
        out.push(in_block_note(ms, finding, primary.block));
    }
}

/// A paragraph's figures against its own notes' figures.
fn linked_places(
    cx: &Context<'_>,
    index: &NumberIndex,
    facts: &[u32],
    pairs: &mut Vec<(u32, u32, Link)>,
) {
    let ms = cx.manuscript;
    let mut facts_by_block: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for &id in facts {
        facts_by_block
            .entry(index.quantities[id as usize].block)
            .or_default()
            .push(id);
    }
    let linked = note_blocks_by_body_block(ms, &cx.indexes.notes);
    for (block, note_blocks) in linked.iter().enumerate() {
        let Some(body) = facts_by_block.get(&(block as u32)) else {
            continue;
        };
        let in_notes: Vec<u32> = note_blocks
            .iter()
            .filter_map(|b| facts_by_block.get(b))
            .flatten()
            .copied()
            .collect();
        let states = |ids: &[u32], unit: Unit, value: f64| {
            ids.iter().any(|&id| {
                let q = &index.quantities[id as usize];
                q.unit == unit && q.value == value
            })
        };
        for &a in body {
            let qa = &index.quantities[a as usize];
            for &b in &in_notes {
                let qb = &index.quantities[b as usize];
                if qa.unit == qb.unit
                    && qa.value != qb.value
                    && !qa.quoted
                    && !qb.quoted
                    && same_description(ms, qa, qb)
                    && !rounding_apart(qa, qb)
                    && !compares_sources(index, qa)
                    && !compares_sources(index, qb)
                    && qa.value.min(qb.value) >= 10.0
                    && close(qa.value, qb.value, CLOSE)
                    && qualifiers_agree(qa, qb)
                    && !states(&in_notes, qa.unit, qa.value)
                    && !states(body, qb.unit, qb.value)
                {
                    pairs.push((a, b, Link::Note));
                }
            }
        }
    }
}

/// At most this many pairs are tried between two values: a book that repeats a figure a
/// thousand times has said which figure it means.
const TRIES_PER_VALUE_PAIR: usize = 4096;

/// `155%` and `156%` of one ratio: percentages a point apart are the same figure rounded two
/// ways.
fn rounding_apart(a: &Quantity, b: &Quantity) -> bool {
    a.unit == Unit::Table(VOCABULARY.percent) && (a.value - b.value).abs() <= 1.0
}

fn compares_sources(index: &NumberIndex, q: &Quantity) -> bool {
    index.sentences[q.sentence as usize].alternative
}

/// Figures of one unit whose sentences name the same subject: within 10%, or dated the same
/// day.
fn shared_subject(
    ms: &Manuscript,
    index: &NumberIndex,
    facts: &[u32],
    pairs: &mut Vec<(u32, u32, Link)>,
) {
    let subjects = Subjects::build(index, facts);
    // Each subject's figures per unit, sorted by value: a conflict is two neighbouring
    // values close to each other with no third value near them.
    let mut by_subject: FxHashMap<(u64, u32), Vec<(f64, u32)>> = FxHashMap::default();
    for &id in facts {
        let q = &index.quantities[id as usize];
        for &name in &q.subject {
            by_subject
                .entry((unit_key(q.unit), name))
                .or_default()
                .push((q.value, id));
        }
    }
    let mut groups: Vec<_> = by_subject.into_values().collect();
    // Findings come out in a stable order whatever the hash map's.
    groups.sort_by_key(|g| g.iter().map(|&(_, id)| id).min());
    for mut mentions in groups {
        mentions.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut values: Vec<(f64, Vec<u32>)> = Vec::new();
        for (value, id) in mentions {
            match values.last_mut() {
                Some((last, ids)) if *last == value => ids.push(id),
                _ => values.push((value, vec![id])),
            }
        }
        for (i, pair) in values.windows(2).enumerate() {
            let ((low, low_ids), (high, high_ids)) = (&pair[0], &pair[1]);
            if !close(*low, *high, CLOSE) {
                continue;
            }
            let lonely_below = i == 0 || values[i - 1].0 < low * (1.0 - CLOSE);
            let lonely_above = values
                .get(i + 2)
                .is_none_or(|(next, _)| *next > high * (1.0 + CLOSE));
            if lonely_below && lonely_above {
                pair_mentions(ms, index, &subjects, low_ids, high_ids, pairs);
            }
        }
    }
    // Same subject, same day, any figure: grouped by unit and day.
    let mut by_day: FxHashMap<(u64, i32, u8, u8), Vec<u32>> = FxHashMap::default();
    for &id in facts {
        let q = &index.quantities[id as usize];
        let Some(date) = q.date.and_then(|d| index.dates.get(d as usize)) else {
            continue;
        };
        let d = date.date;
        if let (Some(year), Some(month), Some(day), None) = (d.year, d.month, d.day, d.day_end) {
            by_day
                .entry((unit_key(q.unit), year, month, day))
                .or_default()
                .push(id);
        }
    }
    for group in by_day.values() {
        let mut distinct: Vec<(f64, Vec<u32>)> = Vec::new();
        for &id in group {
            let value = index.quantities[id as usize].value;
            match distinct.iter_mut().find(|(v, _)| *v == value) {
                Some((_, ids)) => ids.push(id),
                None => distinct.push((value, vec![id])),
            }
        }
        for (i, (value, ids)) in distinct.iter().enumerate() {
            for (other_value, other_ids) in &distinct[i + 1..] {
                // Close values were paired above.
                if !close(*value, *other_value, CLOSE) {
                    pair_mentions(ms, index, &subjects, ids, other_ids, pairs);
                }
            }
        }
    }
}

/// The first pair of mentions of two values that describe the same fact.
fn pair_mentions(
    ms: &Manuscript,
    index: &NumberIndex,
    subjects: &Subjects,
    a: &[u32],
    b: &[u32],
    pairs: &mut Vec<(u32, u32, Link)>,
) {
    let mut tries = 0;
    for &x in a {
        for &y in b {
            tries += 1;
            if tries > TRIES_PER_VALUE_PAIR {
                return;
            }
            let (qx, qy) = (&index.quantities[x as usize], &index.quantities[y as usize]);
            if let Some(name) = same_fact(ms, index, subjects, qx, qy) {
                pairs.push((x, y, Link::Subject(name)));
                return;
            }
        }
    }
}

/// The dates each subject's figure is given anywhere: `102 tons` dated 30 August once is
/// Stakhanov's 30 August figure everywhere. Distinct dates, not mentions: a figure repeated
/// with its date in every chapter (or in fifty copies of a thesis) is still one date, and
/// comparing every mention's date with every other's grew with the square of the repeats.
type KnownDates = FxHashMap<(u64, u64, u32), Vec<PartialDate>>;

fn known_dates(index: &NumberIndex, facts: &[u32]) -> KnownDates {
    let mut known: KnownDates = FxHashMap::default();
    for &id in facts {
        let q = &index.quantities[id as usize];
        let Some(date) = q.date.and_then(|d| index.dates.get(d as usize)) else {
            continue;
        };
        for &name in &q.subject {
            let dates = known
                .entry((unit_key(q.unit), q.value.to_bits(), name))
                .or_default();
            if !dates.contains(&date.date) {
                dates.push(date.date);
            }
        }
    }
    known
}

/// What the manuscript says about each subject: the dates of each of its figures, and the
/// distinct values it gives it per unit.
struct Subjects {
    dates: KnownDates,
    /// Per unit and name, the distinct values, sorted.
    values: FxHashMap<(u64, u32), Vec<f64>>,
}

impl Subjects {
    fn build(index: &NumberIndex, facts: &[u32]) -> Subjects {
        let mut values: FxHashMap<(u64, u32), Vec<f64>> = FxHashMap::default();
        for &id in facts {
            let q = &index.quantities[id as usize];
            for &name in &q.subject {
                values
                    .entry((unit_key(q.unit), name))
                    .or_default()
                    .push(q.value);
            }
        }
        for list in values.values_mut() {
            list.sort_by(f64::total_cmp);
            list.dedup();
        }
        Subjects {
            dates: known_dates(index, facts),
            values,
        }
    }

    /// How many distinct values the subject has around two of them: two is a figure and
    /// its misstatement, more is a series (a worker's successive records).
    fn values_near(&self, unit: Unit, name: u32, a: f64, b: f64) -> usize {
        let Some(list) = self.values.get(&(unit_key(unit), name)) else {
            return 0;
        };
        let (low, high) = (a.min(b) * (1.0 - CLOSE), a.max(b) * (1.0 + CLOSE));
        let from = list.partition_point(|&v| v < low);
        let to = list.partition_point(|&v| v <= high);
        to - from
    }
}

/// The name two figures' sentences share, when nothing else tells them apart.
fn same_fact(
    ms: &Manuscript,
    index: &NumberIndex,
    subjects: &Subjects,
    a: &Quantity,
    b: &Quantity,
) -> Option<u32> {
    let known = &subjects.dates;
    if a.sentence == b.sentence
        || a.block == b.block
        || a.quoted
        || b.quoted
        || !qualifiers_agree(a, b)
        || rounding_apart(a, b)
        || !same_description(ms, a, b)
    {
        return None;
    }
    let sentence = |q: &Quantity| &index.sentences[q.sentence as usize];
    // "Beating his own record": the sentence itself says the figure is a new one; "Kotkin
    // gives": the author compares sources on purpose.
    if sentence(a).progression
        || sentence(b).progression
        || sentence(a).alternative
        || sentence(b).alternative
    {
        return None;
    }
    // A sentence that states both figures knows they are two facts.
    let states = |s: u32, q: &Quantity| {
        index
            .sentence_quantities(s)
            .iter()
            .any(|other| other.unit == q.unit && other.value == q.value)
    };
    if states(a.sentence, b) || states(b.sentence, a) {
        return None;
    }
    let name = a.subject.iter().copied().find(|n| b.subject.contains(n))?;
    if subjects.values_near(a.unit, name, a.value, b.value) > 2 {
        return None;
    }
    let dates = |q: &Quantity| -> Vec<PartialDate> {
        let mut dates: Vec<PartialDate> = known
            .get(&(unit_key(q.unit), q.value.to_bits(), name))
            .cloned()
            .unwrap_or_default();
        dates.extend(
            q.date
                .and_then(|d| index.dates.get(d as usize))
                .map(|m| m.date),
        );
        dates
    };
    let (dates_a, dates_b) = (dates(a), dates(b));
    if !dates_a.is_empty()
        && !dates_b.is_empty()
        && !dates_a
            .iter()
            .any(|x| dates_b.iter().any(|y| x.compatible(y)))
    {
        return None;
    }
    Some(name)
}

/// Whether two figures that count the same noun describe it alike: the words between figure
/// and noun (`public school districts`, `outlying school districts`) tell two sets apart.
fn same_description(ms: &Manuscript, a: &Quantity, b: &Quantity) -> bool {
    if !matches!(a.unit, Unit::Counted(_)) {
        return true;
    }
    let words = |q: &Quantity| {
        ms.text(Span::new(
            q.span.file,
            q.number_span.end as usize,
            q.span.end as usize,
        ))
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
    };
    let (wa, wb) = (words(a), words(b));
    // The last word is the noun itself, maybe singular in one place and plural in the other.
    wa[..wa.len().saturating_sub(1)] == wb[..wb.len().saturating_sub(1)]
}

fn unit_key(unit: Unit) -> u64 {
    match unit {
        Unit::None => 0,
        Unit::Table(u) => 1 + u as u64,
        Unit::Counted(n) => (1 << 32) + n as u64,
    }
}
