//! The note index: note texts and markers matched by style, numbering scope and label.

use std::collections::HashMap;

use super::NoteKey;
use crate::model::{Manuscript, NoteId, NoteStyle};

#[derive(Default)]
pub struct NoteIndex {
    /// Note texts per key, in document order.
    definitions: HashMap<(NoteStyle, u32, String), Vec<NoteId>>,
    /// Markers (indexes into `Manuscript::note_refs`) per key, in document order.
    markers: HashMap<(NoteStyle, u32, String), Vec<usize>>,
    /// Numbered markers per scope, sorted by number.
    numbered: HashMap<(NoteStyle, u32), Vec<(u32, usize)>>,
}

impl NoteIndex {
    pub fn build(ms: &Manuscript) -> NoteIndex {
        let mut index = NoteIndex::default();
        for (id, note) in ms.notes.iter().enumerate() {
            index
                .definitions
                .entry((note.style, note.scope, note.label.clone()))
                .or_default()
                .push(id as NoteId);
        }
        for (i, marker) in ms.note_refs.iter().enumerate() {
            index
                .markers
                .entry((marker.style, marker.scope, marker.label.clone()))
                .or_default()
                .push(i);
            if let Some(number) = marker.number {
                index
                    .numbered
                    .entry((marker.style, marker.scope))
                    .or_default()
                    .push((number, i));
            }
        }
        for list in index.numbered.values_mut() {
            list.sort_unstable();
        }
        index
    }

    /// The markers with the nearest numbers below and above `number` in a scope.
    pub fn numbered_neighbours(
        &self,
        style: NoteStyle,
        scope: u32,
        number: u32,
    ) -> (Option<usize>, Option<usize>) {
        let Some(list) = self.numbered.get(&(style, scope)) else {
            return (None, None);
        };
        let below = list.partition_point(|&(n, _)| n < number);
        let above = list.partition_point(|&(n, _)| n <= number);
        let before = below.checked_sub(1).map(|i| list[i].1);
        let after = list.get(above).map(|&(_, i)| i);
        (before, after)
    }

    pub fn definitions(&self, key: NoteKey<'_>) -> &[NoteId] {
        self.definitions
            .get(&(key.0, key.1, key.2.to_string()))
            .map_or(&[], Vec::as_slice)
    }

    pub fn markers(&self, key: NoteKey<'_>) -> &[usize] {
        self.markers
            .get(&(key.0, key.1, key.2.to_string()))
            .map_or(&[], Vec::as_slice)
    }

    /// Keys defined more than once, with their definitions.
    pub fn repeated_definitions(&self) -> impl Iterator<Item = &[NoteId]> {
        self.definitions
            .values()
            .filter(|ids| ids.len() > 1)
            .map(Vec::as_slice)
    }
}
