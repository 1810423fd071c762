//! Shared indexes, built once per run from the [`Manuscript`] and read by every rule: notes
//! and their markers (`notes`), citations and the works they name (`citations/`), numbers,
//! dates and quantities (`numbers/`), and words (`words`). Each is built on first use.

pub mod citations;
mod notes;
pub mod numbers;
pub mod words;

pub use notes::NoteIndex;

use std::sync::OnceLock;

use crate::config::Config;
use crate::indexes::citations::CitationIndex;
use crate::indexes::numbers::NumberIndex;
use crate::indexes::words::WordIndex;
use crate::model::{Manuscript, NoteStyle};
use crate::rules::Family;
use crate::rules::names::transliteration_system::RomanizationVotes;

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

    /// The citation index if a rule has built it: what was read can be reported without
    /// building it for a run that selected no citation rule.
    pub fn citations_if_built(&self) -> Option<&CitationIndex> {
        self.citations.get()
    }

    /// The citation style the citation rules work to: `[citations] style`, else the one the
    /// citations are written in; and whether it was detected.
    pub fn citation_style(&self) -> (citations::style::CitationStyle, bool) {
        match self.config.citation_style {
            Some(style) => (style, false),
            None => (self.citations().detected_style, true),
        }
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
