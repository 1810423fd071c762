//! The note index: note texts and markers matched by style, numbering scope and label.
//!
//! Three sorted lists of ids, not maps of vectors: a book of 100,000 notes held 20 MB of hash
//! tables, a cloned label and a vector per note, where the lists hold four to eight bytes per
//! note and are searched by binary search.

use std::cmp::Ordering;

use super::NoteKey;
use crate::model::{Manuscript, NoteId, NoteStyle};

#[derive(Default)]
pub struct NoteIndex {
    /// Note texts sorted by key, in document order within a key.
    definitions: Vec<NoteId>,
    /// Markers (indexes into `Manuscript::note_refs`) sorted by key, in document order within
    /// a key.
    markers: Vec<u32>,
    /// Numbered markers sorted by style, scope and number: (style, scope, number, marker).
    numbered: Vec<(NoteStyle, u32, u32, u32)>,
}

impl NoteIndex {
    pub fn build(ms: &Manuscript) -> NoteIndex {
        let mut definitions: Vec<NoteId> = (0..ms.notes.len() as NoteId).collect();
        definitions.sort_by(|&a, &b| {
            let (a_key, b_key) = (note_key(ms, a), note_key(ms, b));
            a_key.cmp(&b_key).then(a.cmp(&b))
        });
        let mut markers: Vec<u32> = (0..ms.note_refs.len() as u32).collect();
        markers.sort_by(|&a, &b| {
            let (a_key, b_key) = (marker_key(ms, a), marker_key(ms, b));
            a_key.cmp(&b_key).then(a.cmp(&b))
        });
        let mut numbered: Vec<(NoteStyle, u32, u32, u32)> = ms
            .note_refs
            .iter()
            .enumerate()
            .filter_map(|(i, m)| Some((m.style, m.scope, m.number?, i as u32)))
            .collect();
        numbered.sort_unstable();
        NoteIndex {
            definitions,
            markers,
            numbered,
        }
    }

    /// The markers with the nearest numbers below and above `number` in a scope.
    pub fn numbered_neighbours(
        &self,
        style: NoteStyle,
        scope: u32,
        number: u32,
    ) -> (Option<usize>, Option<usize>) {
        let first = self
            .numbered
            .partition_point(|&(s, sc, _, _)| (s, sc) < (style, scope));
        let last = self
            .numbered
            .partition_point(|&(s, sc, _, _)| (s, sc) <= (style, scope));
        let list = &self.numbered[first..last];
        let below = list.partition_point(|&(_, _, n, _)| n < number);
        let above = list.partition_point(|&(_, _, n, _)| n <= number);
        let before = below.checked_sub(1).map(|i| list[i].3 as usize);
        let after = list.get(above).map(|&(_, _, _, i)| i as usize);
        (before, after)
    }

    /// The note texts of a key, in document order.
    pub fn definitions<'s>(&'s self, ms: &Manuscript, key: NoteKey<'_>) -> &'s [NoteId] {
        equal_range(&self.definitions, |id| note_key(ms, id).cmp(&key))
    }

    /// The markers (indexes into `Manuscript::note_refs`) of a key, in document order.
    pub fn markers<'s>(&'s self, ms: &Manuscript, key: NoteKey<'_>) -> &'s [u32] {
        equal_range(&self.markers, |i| marker_key(ms, i).cmp(&key))
    }

    /// Keys defined more than once, with their definitions.
    pub fn repeated_definitions<'s>(
        &'s self,
        ms: &'s Manuscript,
    ) -> impl Iterator<Item = &'s [NoteId]> + 's {
        self.definitions
            .chunk_by(move |&a, &b| note_key(ms, a) == note_key(ms, b))
            .filter(|ids| ids.len() > 1)
    }
}

fn note_key(ms: &Manuscript, id: NoteId) -> NoteKey<'_> {
    let note = &ms.notes[id as usize];
    (note.style, note.scope, note.label.as_str())
}

fn marker_key(ms: &Manuscript, i: u32) -> NoteKey<'_> {
    let marker = &ms.note_refs[i as usize];
    (marker.style, marker.scope, marker.label.as_str())
}

/// The run of `sorted` whose elements compare equal to the key `compare` tests against.
fn equal_range(sorted: &[u32], compare: impl Fn(u32) -> Ordering) -> &[u32] {
    let start = sorted.partition_point(|&x| compare(x) == Ordering::Less);
    let len = sorted[start..].partition_point(|&x| compare(x) != Ordering::Greater);
    &sorted[start..start + len]
}
