//! Shared indexes, built once per run and read by every rule.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::citations::CitationIndex;
use crate::config::Config;
use crate::model::{Manuscript, NoteId, NoteStyle};
use crate::numbers::NumberIndex;
use crate::rules::Family;
use crate::rules::names::transliteration_system::RomanizationVotes;
use crate::words::WordIndex;

/// Notes and markers are matched by style, numbering scope and label.
pub type NoteKey<'a> = (NoteStyle, u32, &'a str);

/// Indexes are built on first use, so a run that selects only some rules pays only for
/// theirs; the engine queues the ones a selection needs (`needed`) on both cores.
pub struct Indexes<'a> {
    manuscript: &'a Manuscript,
    config: &'a Config,
    pub notes: NoteIndex,
    citations: OnceLock<CitationIndex>,
    words: OnceLock<WordIndex>,
    numbers: OnceLock<NumberIndex>,
    romanization: OnceLock<RomanizationVotes>,
}

impl<'a> Indexes<'a> {
    pub fn build(ms: &'a Manuscript, config: &'a Config) -> Indexes<'a> {
        Indexes {
            manuscript: ms,
            config,
            notes: NoteIndex::build(ms),
            citations: OnceLock::new(),
            words: OnceLock::new(),
            numbers: OnceLock::new(),
            romanization: OnceLock::new(),
        }
    }

    pub fn citations(&self) -> &CitationIndex {
        self.citations.get_or_init(|| {
            crate::profile::phase("index: citations", || {
                CitationIndex::build(self.manuscript, &self.config.scripture_books)
            })
        })
    }

    pub fn words(&self) -> &WordIndex {
        self.words.get_or_init(|| {
            crate::profile::phase("index: words", || WordIndex::build(self.manuscript))
        })
    }

    pub fn numbers(&self) -> &NumberIndex {
        self.numbers.get_or_init(|| {
            crate::profile::phase("index: numbers", || NumberIndex::build(self.manuscript))
        })
    }

    /// The romanization evidence of the cited titles, which three names rules read; built
    /// by the first of them to ask (it needs the citation and word indexes).
    pub fn romanization_votes(
        &self,
        build: impl FnOnce() -> RomanizationVotes,
    ) -> &RomanizationVotes {
        self.romanization.get_or_init(build)
    }

    /// The shared indexes these rule families read, costliest first.
    pub fn needed(&self, families: &[Family]) -> Vec<SharedIndex> {
        let mut needed = Vec::new();
        for index in families.iter().flat_map(|f| f.indexes()) {
            if !needed.contains(index) {
                needed.push(*index);
            }
        }
        needed
    }

    pub fn build_index(&self, which: SharedIndex) {
        crate::crash::at_work("index", which.name(), || self.build_now(which));
    }

    fn build_now(&self, which: SharedIndex) {
        match which {
            SharedIndex::Citations => {
                self.citations();
            }
            SharedIndex::Words => {
                self.words();
            }
            SharedIndex::Numbers => {
                self.numbers();
            }
        }
    }
}

/// The indexes built on demand (the note index is always built).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SharedIndex {
    Citations,
    Words,
    Numbers,
}

impl SharedIndex {
    pub fn name(self) -> &'static str {
        match self {
            SharedIndex::Citations => "citations",
            SharedIndex::Words => "words",
            SharedIndex::Numbers => "numbers",
        }
    }
}

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
