//! The `Manuscript`: everything rules need, parsed once, with byte spans into the sources.

use crate::source::{FileId, Sources, Span};

pub type HeadingId = u32;
pub type BlockId = u32;
pub type NoteId = u32;

pub struct Heading {
    pub file: FileId,
    pub level: u8,
    /// The whole heading line.
    pub span: Span,
    /// The heading's words with Markdown emphasis removed.
    pub text: String,
    /// The nearest enclosing heading of a lower level.
    pub parent: Option<HeadingId>,
}

/// A run of literal text inside a block, as Markdown rendered it (no markup characters).
#[derive(Clone, Copy, Debug)]
pub struct TextRun {
    pub start: u32,
    pub end: u32,
    pub style: u8,
}

impl TextRun {
    pub const EMPHASIS: u8 = 1;
    pub const STRONG: u8 = 2;
    pub const LINK: u8 = 4;
    pub const SUPERSCRIPT: u8 = 8;
}

/// Runs that follow each other without markup between them, merged: `[`, `^x` and `]` are
/// separate runs to pulldown-cmark but one piece of text to a reader.
pub fn contiguous_text(runs: &[TextRun]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let first = runs.get(i)?;
        let (start, mut end) = (first.start as usize, first.end as usize);
        i += 1;
        while let Some(next) = runs.get(i).filter(|r| r.start as usize == end) {
            end = next.end as usize;
            i += 1;
        }
        Some(start..end)
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading(HeadingId),
    /// A list item's text (tight lists have no paragraph of their own).
    ListItem,
    TableCell,
    /// A thematic break (`---`): in documents converted from Word it separates a page's text
    /// from its footnotes.
    Break,
}

/// What a block is, in the manuscript's own terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Body,
    Note(NoteId),
    Bibliography,
    Heading,
    Break,
}

pub struct Block {
    pub file: FileId,
    /// From the first to the last character of the block's inline content.
    pub span: Span,
    pub kind: BlockKind,
    pub role: Role,
    /// Inside a block quotation (`>`).
    pub in_quote: bool,
    /// Index range into [`Manuscript::runs`].
    pub runs: std::ops::Range<u32>,
    /// The innermost heading the block sits under.
    pub section: Option<HeadingId>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoteStyle {
    /// `[^label]` with `[^label]: text`.
    Markdown,
    /// `<sup>12</sup>` markers and note paragraphs that begin with `<sup>12</sup>`, as Word and
    /// PDF converters write them.
    Superscript,
    /// A note written where its marker stands: Pandoc's `^[…]`, Typst's `#footnote[…]`,
    /// LaTeX's `\footnote{…}`. It is named by the number it is printed with.
    Inline,
}

pub struct Note {
    pub file: FileId,
    pub label: String,
    pub number: Option<u32>,
    pub style: NoteStyle,
    /// The label as written where the note's text begins (`[^12]:` or `<sup>12</sup>`).
    pub label_span: Span,
    /// The note's text, one span per paragraph or page-break fragment, label excluded.
    pub parts: Vec<Span>,
    /// Numbering scope: notes and markers are matched and sequenced within one scope.
    pub scope: u32,
}

pub struct NoteRef {
    pub file: FileId,
    pub label: String,
    pub number: Option<u32>,
    pub style: NoteStyle,
    /// The whole marker (`[^12]` or `<sup>12</sup>`).
    pub span: Span,
    pub block: BlockId,
    pub scope: u32,
}

pub struct BibEntry {
    pub file: FileId,
    /// The entry's text, list marker excluded.
    pub span: Span,
    /// The sub-heading or bold label it sits under (Archives, Primary Literature…).
    pub group: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuotationKind {
    /// A block quotation (`>`).
    Block,
    /// A passage between quotation marks inside a paragraph or note.
    Inline,
}

pub struct Quotation {
    pub span: Span,
    pub kind: QuotationKind,
}

/// How numeric note markers are numbered across the manuscript.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberingScheme {
    Continuous,
    RestartPerFile,
    /// Numbering restarts at every heading of this level or above.
    RestartPerChapter(u8),
    /// Restarts that follow no file or heading boundary; each restart opens a new scope.
    RestartIrregular,
}

/// An inline `<!-- manulint-… -->` comment.
pub struct Directive {
    pub file: FileId,
    pub span: Span,
    pub action: DirectiveAction,
    /// Rule names or codes as written, each with its span.
    pub rules: Vec<(String, Span)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveAction {
    DisableNextLine,
    Disable,
    Enable,
    DisableFile,
}

/// A citation by key (Pandoc `[@key]`, LaTeX `\cite{key}`), as citeproc and biblatex read it.
#[derive(Clone, Debug)]
pub struct KeyCitation {
    pub key: Fact,
    pub note: Option<NoteId>,
}

/// A piece of a text run that prints as other characters than its source: LaTeX's ``` `` ```
/// as “, `''` as ”, `---` as —. Runs keep their spans into the file; a reader that wants the
/// printed characters asks [`Manuscript::printed_chars`].
#[derive(Clone, Copy, Debug)]
pub struct Printed {
    pub span: Span,
    pub text: &'static str,
}

/// A piece of text with where it stands.
#[derive(Clone, Debug)]
pub struct Fact {
    pub text: String,
    pub span: Span,
}

/// What a citation or a bibliography entry says about a work: the facts compared between
/// notes and bibliography.
#[derive(Clone, Debug, Default)]
pub struct Publication {
    pub author: Option<Fact>,
    /// Surnames as written, first author first.
    pub surnames: Vec<String>,
    pub title: Option<Fact>,
    /// The journal, newspaper or book a piece appears in.
    pub container: Option<Fact>,
    pub place: Option<Fact>,
    pub publisher: Option<Fact>,
    pub year: Option<Fact>,
    pub volume: Option<Fact>,
}

/// An entry of a bibliography database (BibTeX, BibLaTeX, CSL-JSON) given alongside the
/// manuscript; its spans point into that file.
#[derive(Clone, Debug)]
pub struct FileEntry {
    pub key: Fact,
    /// Shared with the citation index's entry for it: a large `.bib` is not held twice.
    pub publication: std::sync::Arc<Publication>,
}

/// A key given to two entries of one bibliography file.
pub struct DuplicateKey {
    pub key: String,
    /// The key of the entry that is kept.
    pub first: Span,
    /// The key of the later entry, which is left out.
    pub again: Span,
}

/// A `@string` or `crossref`/`xdata` reference of a bibliography file that can never be
/// resolved: it leads back to itself, or expands without end. It is left unresolved.
pub struct ReferenceCycle {
    /// Where the reference that closes the loop (or starts the expansion) is written.
    pub span: Span,
    /// What refers to what, in order: `@string a → b → a`.
    pub path: String,
}

pub struct Manuscript {
    pub sources: Sources,
    pub headings: Vec<Heading>,
    pub blocks: Vec<Block>,
    pub runs: Vec<TextRun>,
    pub notes: Vec<Note>,
    pub note_refs: Vec<NoteRef>,
    pub bibliography: Vec<BibEntry>,
    pub quotations: Vec<Quotation>,
    pub directives: Vec<Directive>,
    pub numbering: NumberingScheme,
    /// Entries of the bibliography files given with `--bibliography` or in the config.
    pub file_entries: Vec<FileEntry>,
    /// Keys that name two entries of one bibliography file.
    pub duplicate_keys: Vec<DuplicateKey>,
    /// References of bibliography files that could never be resolved.
    pub reference_cycles: Vec<ReferenceCycle>,
    /// `<!--` that opens an HTML block and is never closed: the `<!--`, and the block it hides
    /// (to the end of its file or of the list item or quotation it stands in).
    pub unclosed_comments: Vec<(Span, Span)>,
    /// What of a bibliography file could not be read as entries, and why.
    pub unread_bibliography: Vec<(Span, String)>,
    /// Keys the manuscript cites without a citation (Pandoc `nocite`, `\nocite`), and whether
    /// it asks for every entry (`@*`, `\nocite{*}`): such entries are not "uncited".
    pub nocite: Vec<String>,
    pub nocite_all: bool,
    /// The language the manuscript declares (`#set text(lang: "fr")`, YAML `lang: fr`), as
    /// written (BCP 47); None when it declares none, which is read as English.
    pub language: Option<String>,
    /// Citations by key that a front-end read from commands (`\cite{a,b}`), not from text;
    /// the citation index adds them to the `[@key]` citations it finds itself.
    pub key_citations: Vec<KeyCitation>,
    /// Source pieces that print as other characters, sorted by position (empty for formats
    /// whose runs are their printed text).
    pub printed: Vec<Printed>,
}

impl Manuscript {
    pub fn text(&self, span: Span) -> &str {
        self.sources.slice(span)
    }

    /// The characters a range of a file prints, each with its source offset and source length:
    /// the source's own characters, except where a [`Printed`] piece stands.
    pub fn printed_chars(
        &self,
        file: crate::source::FileId,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (usize, char, usize)> + '_ {
        let source = self.sources.get(file).text.get(range.clone()).unwrap_or("");
        let first = self
            .printed
            .partition_point(|p| (p.span.file, p.span.start as usize) < (file, range.start));
        let mut pieces = self.printed[first..]
            .iter()
            .take_while(move |p| p.span.file == file && (p.span.end as usize) <= range.end)
            .peekable();
        let mut chars = source.char_indices();
        let mut pending: Option<(usize, std::str::Chars<'static>, usize)> = None;
        std::iter::from_fn(move || {
            if let Some((at, rest, len)) = pending.as_mut() {
                if let Some(c) = rest.next() {
                    return Some((*at, c, *len));
                }
                pending = None;
            }
            let (offset, c) = chars.next()?;
            let at = range.start + offset;
            let Some(piece) = pieces.next_if(|p| p.span.start as usize == at) else {
                return Some((at, c, c.len_utf8()));
            };
            let len = piece.span.len();
            while chars.offset() < offset + len && chars.next().is_some() {}
            let mut rest = piece.text.chars();
            let first = rest.next().unwrap_or(c);
            pending = Some((at, rest, len));
            Some((at, first, len))
        })
    }

    pub fn block_runs(&self, block: &Block) -> &[TextRun] {
        &self.runs[block.runs.start as usize..block.runs.end as usize]
    }

    /// Whether the manuscript is in English (or declares no language): the rules whose
    /// conventions are English ones (`pp.` for a range, accents as variants of one word)
    /// apply only then.
    pub fn writes_english(&self) -> bool {
        self.language
            .as_deref()
            .is_none_or(|lang| lang.to_ascii_lowercase().starts_with("en"))
    }

    /// The note whose text contains this span, if any.
    pub fn note_at(&self, span: Span) -> Option<NoteId> {
        let index = self
            .blocks
            .partition_point(|b| (b.file, b.span.start) <= (span.file, span.start));
        let block = self.blocks.get(index.checked_sub(1)?)?;
        if block.span.file != span.file || span.start > block.span.end {
            return None;
        }
        match block.role {
            Role::Note(id) => Some(id),
            _ => None,
        }
    }

    /// Whether a span lies inside a quotation (block or inline). Quotations are sorted by
    /// start and nest at most a few deep: only the last few starting before the span can hold it.
    pub fn in_quotation(&self, span: Span) -> bool {
        let index = self
            .quotations
            .partition_point(|q| (q.span.file, q.span.start) <= (span.file, span.start));
        self.quotations[..index]
            .iter()
            .rev()
            .take(8)
            .any(|q| q.span.contains(span))
    }

    /// A file's name without its folders, as messages name it (`ch2.md`).
    pub fn file_name(&self, file: FileId) -> &str {
        let name = &self.sources.get(file).name;
        name.rsplit(['/', '\\']).next().unwrap_or(name)
    }

    /// How a message written at `here` names `note`: `note 17` in the same file and numbering
    /// scope; with its file (`ch2.md, note 17`) or its chapter where labels restart, since
    /// there a bare `note 17` would be ambiguous.
    pub fn note_named_from(&self, here: Span, note: NoteId) -> String {
        let Some(note) = self.notes.get(note as usize) else {
            return "another note".to_string();
        };
        if note.file != here.file {
            return format!("{}, note {}", self.file_name(note.file), note.label);
        }
        match self.note_at(here).and_then(|n| self.notes.get(n as usize)) {
            Some(from) if from.scope > note.scope => {
                format!("note {} of an earlier chapter", note.label)
            }
            Some(from) if from.scope < note.scope => {
                format!("note {} of a later chapter", note.label)
            }
            _ => format!("note {}", note.label),
        }
    }

    /// How a message written at `here` names the line of `there`: `line 38`, or with its
    /// file (`ch2.md, line 38`) when it is in another file.
    /// A Word document has no lines: there it is `paragraph 12` or `note 3`.
    pub fn line_named_from(&self, here: Span, there: Span) -> String {
        let source = self.sources.get(there.file);
        let place = match source.layout.as_deref() {
            Some(layout) => layout.describe(there.start),
            None => format!("line {}", source.line_col(there.start).0),
        };
        if there.file == here.file {
            place
        } else {
            format!("{}, {place}", self.file_name(there.file))
        }
    }

    /// The note's text as written, fragments joined by a space.
    pub fn note_text(&self, note: &Note) -> String {
        let mut text = String::new();
        for part in &note.parts {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(self.text(*part));
        }
        text
    }
}
