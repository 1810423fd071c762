//! Numbers and dates: the same fact carries the same figure and the same date everywhere, and
//! the arithmetic the text states is right.

pub mod date_conflict;
pub mod number_format;
pub mod quantity_conflict;
pub mod ratio_check;

use std::sync::LazyLock;

use crate::diagnostic::Finding;
use crate::indexes::NoteIndex;
use crate::indexes::numbers::vocab::VOCABULARY;
use crate::indexes::numbers::{Quantity, Unit};
use crate::model::{BlockId, Manuscript, Role};

/// See [`super::Family::prepare_tables`]: the number index reads the same vocabulary.
pub fn prepare_tables() {
    LazyLock::force(&VOCABULARY);
}

/// Two qualifiers agree when they are equal or one of them is not said.
pub fn qualifiers_agree(a: &Quantity, b: &Quantity) -> bool {
    let agree = |x: u8, y: u8| x == 0 || y == 0 || x == y;
    agree(a.statistic, b.statistic) && agree(a.period, b.period) && a.base == b.base
}

/// A figure that can state a fact: exact, with a unit that is not a duration; a percentage
/// only when it says what it is a percentage of.
pub fn is_fact(index: &crate::indexes::numbers::NumberIndex, q: &Quantity) -> bool {
    q.is_exact()
        && match q.unit {
            Unit::None => false,
            // `95% power`: a level the study chose, not a finding.
            Unit::Table(u) if u == VOCABULARY.percent => q
                .base
                .is_some_and(|b| !VOCABULARY.levels.iter().any(|l| l == index.noun(b))),
            Unit::Table(u) => !VOCABULARY.is_duration(u),
            // `1936 elections`: a year before a plural, not a count.
            Unit::Counted(_) => {
                !(q.grouping == crate::indexes::numbers::Grouping::Ungrouped
                    && q.value.fract() == 0.0
                    && (1800.0..=2100.0).contains(&q.value))
            }
        }
}

/// A quoted figure the author goes on to correct (`[sic]`, "in fact", "exaggerated") in the
/// same paragraph or note.
pub fn corrected(ms: &Manuscript, q: &Quantity) -> bool {
    if !q.quoted {
        return false;
    }
    let Some(block) = ms.blocks.get(q.block as usize) else {
        return false;
    };
    let text = ms.sources.get(block.file).text.as_str();
    let Some(after) = text.get(q.span.end as usize..block.span.end as usize) else {
        return false;
    };
    let after = after.to_lowercase();
    VOCABULARY
        .corrections
        .iter()
        .any(|word| after.contains(word.as_str()))
}

/// The blocks of the notes whose markers stand in each body block: a paragraph's own notes.
pub fn note_blocks_by_body_block(ms: &Manuscript, notes: &NoteIndex) -> Vec<Vec<BlockId>> {
    let mut blocks_of_note: Vec<Vec<BlockId>> = vec![Vec::new(); ms.notes.len()];
    for (id, block) in ms.blocks.iter().enumerate() {
        if let Role::Note(note) = block.role
            && let Some(list) = blocks_of_note.get_mut(note as usize)
        {
            list.push(id as BlockId);
        }
    }
    let mut linked: Vec<Vec<BlockId>> = vec![Vec::new(); ms.blocks.len()];
    for marker in &ms.note_refs {
        let Some(block) = ms.blocks.get(marker.block as usize) else {
            continue;
        };
        if block.role != Role::Body {
            continue;
        }
        for &note in notes.definitions(ms, (marker.style, marker.scope, marker.label.as_str())) {
            if let Some(blocks) = blocks_of_note.get(note as usize) {
                linked[marker.block as usize].extend(blocks);
            }
        }
    }
    linked
}

/// The finding tied to the note its block belongs to, if any (so the note label is reported).
pub fn in_block_note(ms: &Manuscript, finding: Finding, block: BlockId) -> Finding {
    match ms.blocks.get(block as usize).map(|b| b.role) {
        Some(Role::Note(note)) => finding.in_note(note),
        _ => finding,
    }
}

/// Whether two values are within `tolerance` (a fraction of the larger) of each other.
pub fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * a.abs().max(b.abs())
}

/// A folded name with its first letter capitalised again, for messages.
pub fn display_name(folded: &str) -> String {
    let mut chars = folded.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
