//! The citation index: every citation in every note, every bibliography entry, parsed the same
//! way, and the works they name, matched once for all citation rules.

mod bibliography;
pub mod lex;
mod note_parser;
mod pandoc;
mod quotes;
pub(crate) mod scan;
pub mod style;
mod works;

use crate::model::{Manuscript, NoteId};
use crate::source::Span;

pub use pandoc::KeyCitation;
pub use works::{Match, TitleMatch};

/// How two titles (as `text::title_words`) relate: the same, one a short form of the other,
/// or spelt differently but close; None for different titles.
pub fn works_compare(a: &[String], b: &[String]) -> Option<TitleMatch> {
    works::compare_titles(a, b).map(|(quality, _)| quality)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CitationKind {
    /// `Author, *Title* (Place: Publisher, Year), pages`.
    Book,
    /// `Author, "Title," *Journal* 74, no. 4 (2015): 818`.
    Article,
    /// `Author, "Title," in Editor, *Book* (…), pages`.
    Chapter,
    /// `"Title," *Pravda*, 15 October 1935, p.3` or `*Stakhanovets*, no. 2 (1937): 2`.
    Periodical,
    /// `Ibid.`, `*Ibid.*`, `ibid.`
    Ibid,
    /// `RGASPI f.85, o.29, d.633, l.12`.
    Archival,
    /// `Matt. 28:19`.
    Scripture,
    /// A citation of a web page (a URL).
    Web,
    /// `op. cit.` or `loc. cit.`: a reference back to an earlier citation of the same author.
    OpCit,
}

pub use crate::model::{Fact, Publication};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IbidForm {
    pub italic: bool,
    pub period: bool,
    pub capital: bool,
}

#[derive(Clone, Debug)]
pub struct Citation {
    pub note: NoteId,
    pub kind: CitationKind,
    /// From the author (or title) to the end of the page numbers.
    pub span: Span,
    /// Publication facts are given: the full note form.
    pub full: bool,
    /// Surely a short form: the author by surname alone (or none), a title, pages, and
    /// nothing more (no facts, editor, container or archival details). A citation neither
    /// `full` nor `short` is one the parser could not read for certain.
    pub short: bool,
    pub publication: Publication,
    pub archive: Option<Fact>,
    pub ibid: Option<IbidForm>,
    /// The title as compared (`text::title_words`), computed once.
    pub title_key: Vec<String>,
    /// The work this citation names (see [`CitationIndex::works`]); ibid. resolves to its
    /// antecedent's work.
    pub work: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    Work,
    /// A periodical listed by title alone (`*Pravda*`).
    Periodical,
    /// An archive listed by its abbreviation (`RGASPI – Rossiiskii …`).
    Archive,
    /// The rest of the entry before it, cut off by a paragraph break.
    Continuation,
}

#[derive(Clone, Debug)]
pub struct BibWork {
    /// Index into `Manuscript::bibliography`, for entries of the manuscript's own bibliography.
    pub entry: Option<usize>,
    /// The whole entry (for a bibliography file, its title or key).
    pub span: Span,
    /// The citation key, for entries of a bibliography file.
    pub key: Option<String>,
    pub kind: EntryKind,
    pub publication: std::sync::Arc<Publication>,
    /// The archive's abbreviation, for archive entries.
    pub abbreviation: Option<String>,
}

/// One work, as cited across the notes.
#[derive(Clone, Debug)]
pub struct Work {
    /// Citations of the work in document order (ibid. excluded).
    pub citations: Vec<usize>,
    /// The bibliography entry it matched, and how well.
    pub entry: Option<Match>,
    /// Covered by a periodical or archive listed in the bibliography.
    pub covered_by: Option<usize>,
}

/// An italic title in a note that no citation took: it may be the full note of a work the
/// parser could not read (`DeKroyft quotes are from her *A Place in Thy Memory* (New York…`).
/// Rules that would say "never cited in full" abstain when such a title may be the work's.
#[derive(Clone, Debug)]
pub struct Unread {
    pub note: NoteId,
    /// The title with its emphasis marks.
    pub span: Span,
    /// The capitalised words of its sentence before it (as `text::name_key`): its author may
    /// be among them.
    pub names: Vec<String>,
    /// The title, as `text::title_words`.
    pub title_key: Vec<String>,
}

pub struct CitationIndex {
    pub citations: Vec<Citation>,
    /// Italic titles no citation took, in reading order.
    pub unread: Vec<Unread>,
    /// For each note, the range of its citations in `citations`.
    pub by_note: Vec<std::ops::Range<usize>>,
    pub entries: Vec<BibWork>,
    pub works: Vec<Work>,
    /// Entries a citation may name but could not be told apart from another: a short title
    /// that opens the titles of two works cited before it (`Soviet Steel` after *Soviet Steel:
    /// The Early Years* and *Soviet Steel: The War Economy*).
    pub ambiguous_entries: Vec<usize>,
    /// Pandoc citations by key, each with the entry its key names.
    pub keys: Vec<(KeyCitation, Option<usize>)>,
    /// The style the citations are written in, as read from them.
    pub detected_style: style::CitationStyle,
}

impl CitationIndex {
    pub fn build(ms: &Manuscript, scripture_books: &[String]) -> CitationIndex {
        let mut citations = Vec::new();
        let mut unread = Vec::new();
        let mut by_note = Vec::with_capacity(ms.notes.len());
        let parser = note_parser::NoteParser::new(scripture_books);
        for (id, note) in ms.notes.iter().enumerate() {
            let start = citations.len();
            for part in &note.parts {
                let italics = italic_ranges(ms, *part);
                parser.parse(
                    ms.text(*part),
                    *part,
                    &italics,
                    id as NoteId,
                    &mut citations,
                    &mut unread,
                );
            }
            by_note.push(start..citations.len());
        }
        // A citation is 400 bytes and the vector doubled as it grew: up to half of it unused
        // for the rest of the run.
        citations.shrink_to_fit();
        for citation in &mut citations {
            if let Some(title) = &citation.publication.title {
                citation.title_key = crate::text::title_words(&title.text);
            }
        }
        let entries: Vec<BibWork> = bibliography::parse_entries(ms);
        let (works, ambiguous_entries) = works::group(ms, &mut citations, &by_note, &entries);
        let by_key: std::collections::HashMap<&str, usize> = entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| Some((e.key.as_deref()?, i)))
            .collect();
        // `@key` in running text is a citation only beside a bibliography database: the items
        // a Word document carries in its citation fields are none.
        let database = ms.file_entries.iter().any(|e| {
            ms.sources.get(e.key.span.file).kind == crate::source::SourceKind::Bibliography
        });
        let mut found = pandoc::find(ms, database);
        found.extend(ms.key_citations.iter().cloned());
        found.sort_by_key(|k| (k.key.span.file, k.key.span.start));
        let keys = found
            .into_iter()
            .map(|k| {
                let entry = by_key.get(k.key.text.as_str()).copied();
                (k, entry)
            })
            .collect();
        let mut index = CitationIndex {
            citations,
            unread,
            by_note,
            entries,
            works,
            ambiguous_entries,
            keys,
            detected_style: style::CitationStyle::ChicagoNotes,
        };
        index.detected_style = style::detect(ms, &index);
        index
    }

    pub fn note_citations(&self, note: NoteId) -> &[Citation] {
        self.by_note
            .get(note as usize)
            .map_or(&[], |r| &self.citations[r.clone()])
    }
}

/// Italic text inside `span`, from the parsed text runs, as ranges relative to `span.start`.
/// One emphasis wrapped over lines (`*Journal of the⏎Early Republic*`) is one range: runs
/// separated only by a line break (and indentation) are joined.
pub fn italic_ranges(ms: &Manuscript, span: Span) -> Vec<std::ops::Range<usize>> {
    let source = ms.text(span);
    let first = ms
        .blocks
        .partition_point(|b| (b.file, b.span.end) < (span.file, span.start));
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for block in &ms.blocks[first..] {
        if block.file != span.file || block.span.start > span.end {
            break;
        }
        for run in ms.block_runs(block) {
            if run.style & crate::model::TextRun::EMPHASIS == 0
                || run.start < span.start
                || run.end > span.end
            {
                continue;
            }
            let range = (run.start - span.start) as usize..(run.end - span.start) as usize;
            let joined = |last: &std::ops::Range<usize>| {
                last.end == range.start
                    || source
                        .get(last.end..range.start)
                        .is_some_and(|gap| gap.contains('\n') && gap.trim().is_empty())
            };
            match out.last_mut() {
                Some(last) if joined(last) => last.end = range.end,
                _ => out.push(range),
            }
        }
    }
    out
}
