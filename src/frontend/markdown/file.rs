//! The single pulldown-cmark pass over one file.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::bibliography_section::{self, Reading, SectionBlock};
use super::directives;
use crate::frontend::{ParseOptions, normalize_heading};
use crate::model::{
    BibEntry, Block, BlockId, BlockKind, Heading, HeadingId, Manuscript, Note, NoteId, NoteRef,
    NoteStyle, Role, TextRun,
};
use crate::source::{FileId, SourceFile, Span};

/// A `<sup>N</sup>` inside a block, resolved into a note marker once note texts are known.
pub struct PendingMarker {
    pub block: BlockId,
    pub label: String,
    pub span: Span,
    /// Preceded directly by a digit, as in an exponent (`10<sup>3</sup>`).
    pub after_digit: bool,
}

/// A paragraph that opens with `<sup>N</sup>`: the text of a converted footnote.
pub struct NoteStart {
    pub block: BlockId,
    pub label: String,
    pub label_span: Span,
}

static MARKDOWN_REF: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"\[\^([^\]\s\[]+)\]").expect("reference pattern is valid")
});

/// Maths is not among them: `raw_markup` masks it by Pandoc's rules, which pulldown-cmark's do
/// not follow (it reads `$5,960 … ($4,686)` as maths).
pub fn markdown_options() -> Options {
    Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

struct OpenBlock {
    kind: BlockKind,
    start: usize,
    end: usize,
    runs_start: u32,
    in_quote: bool,
    /// Nothing but a `<sup>` has been seen so far (the block may be a converted note).
    at_start: bool,
    /// Offsets of hard line breaks, where bibliography paragraphs split into entries.
    hard_breaks: Vec<usize>,
    sup: Option<SupOpen>,
    heading_text: String,
}

struct SupOpen {
    start: usize,
    text_start: usize,
    text_end: usize,
    at_block_start: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Paragraph,
    Item,
    TableCell,
}

struct FileState<'a> {
    file: FileId,
    /// Open paragraphs, list items and table cells, innermost last.
    containers: Vec<Container>,
    text: &'a str,
    options: &'a ParseOptions,
    open: Option<OpenBlock>,
    style: u8,
    quote_depth: u32,
    /// Inside an image, a code block, a metadata block or an HTML block: no prose.
    opaque_depth: u32,
    markdown_note: Option<u32>,
    /// A Markdown note that ended empty, and where its label starts: Pandoc reads a paragraph on the very next
    /// line (`[^a]:` then unindented text) as its text.
    empty_note_end: Option<(u32, usize)>,
    /// The open paragraph is such a note's text.
    in_lazy_note: bool,
    heading_stack: Vec<HeadingId>,
    pending_heading: Option<(u8, Span)>,
    bibliography_level: Option<u8>,
    bibliography_group: Option<String>,
    /// The blocks of the open bibliography section, decided when it ends.
    bibliography_blocks: Vec<SectionBlock>,
    /// Raw markup the parser must not read as prose (`raw_markup`), sorted.
    raw: Vec<std::ops::Range<usize>>,
    /// Masked block-level HTML tags, where a block of text ends (`raw_markup`), sorted.
    breaks: Vec<usize>,
    /// Pandoc inline notes (`^[…]`, from `^` to past `]`) not yet made notes, in order, and
    /// the first of them still pending.
    inline_notes: Vec<std::ops::Range<usize>>,
    next_inline_note: usize,
    /// Raw markup only, without the inline notes: what their own text leaves out.
    raw_in_notes: Vec<std::ops::Range<usize>>,
    /// The text the inline notes' own text is parsed from (raw markup masked, notes not).
    note_text: String,
    /// Each inline note's marker and note (indexes into `note_refs` and `notes`).
    inline_pairs: Vec<(usize, usize)>,
    /// Where the event being read ends.
    event_end: usize,
}

pub fn parse_file(
    source: &SourceFile,
    options: &ParseOptions,
    manuscript: &mut Manuscript,
    pending_markers: &mut Vec<PendingMarker>,
    note_starts: &mut Vec<NoteStart>,
) {
    let mut state = FileState {
        file: source.id,
        containers: Vec::new(),
        text: &source.text,
        options,
        open: None,
        style: 0,
        quote_depth: 0,
        opaque_depth: 0,
        markdown_note: None,
        empty_note_end: None,
        in_lazy_note: false,
        heading_stack: Vec::new(),
        pending_heading: None,
        bibliography_level: None,
        bibliography_group: None,
        bibliography_blocks: Vec::new(),
        raw: Vec::new(),
        breaks: Vec::new(),
        inline_notes: Vec::new(),
        next_inline_note: 0,
        raw_in_notes: Vec::new(),
        note_text: String::new(),
        inline_pairs: Vec::new(),
        event_end: 0,
    };
    if let Some(title) = super::front_matter::title(&source.text) {
        let title = normalize_heading(&title);
        if options
            .bibliography_headings
            .iter()
            .any(|h| normalize_heading(h) == title)
        {
            // Level 0: every heading of the file is one of its groups.
            state.bibliography_level = Some(0);
        }
    }
    let masked = super::raw_markup::mask(&source.text);
    state.raw = masked.ranges;
    state.breaks = masked.breaks;
    let mut text = masked.text;
    state.inline_notes = super::inline_notes::find(&text);
    if !state.inline_notes.is_empty() {
        state.note_text = text.to_string();
        state.raw_in_notes = state.raw.clone();
        text = std::borrow::Cow::Owned(super::inline_notes::masked(
            &state.note_text,
            &state.inline_notes,
        ));
        state.raw.extend(state.inline_notes.iter().cloned());
        state.raw.sort_by_key(|r| r.start);
        // A note holds raw markup of its own (inline R): the ranges must stay disjoint.
        let mut merged: Vec<std::ops::Range<usize>> = Vec::with_capacity(state.raw.len());
        for range in state.raw.drain(..) {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        state.raw = merged;
    }
    let parser = Parser::new_ext(&text, markdown_options()).into_offset_iter();
    for (event, range) in parser {
        state.event_end = range.end;
        state.event(event, range, manuscript, pending_markers, note_starts);
    }
    state.event_end = source.text.len();
    state.close_block(manuscript, note_starts);
    state.finish_bibliography(manuscript, note_starts);
    super::inline_notes::label(manuscript, source.id, &state.inline_pairs);
}

impl FileState<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    fn event(
        &mut self,
        event: Event<'_>,
        range: std::ops::Range<usize>,
        ms: &mut Manuscript,
        markers: &mut Vec<PendingMarker>,
        note_starts: &mut Vec<NoteStart>,
    ) {
        match event {
            Event::Start(tag) => self.start_tag(tag, range, ms, note_starts),
            Event::End(tag) => self.end_tag(tag, range, ms, note_starts),
            Event::Text(_) => {
                if self.opaque_depth > 0 {
                    return;
                }
                if self.overlaps_raw(&range) {
                    for piece in self.prose_pieces(range) {
                        self.text_piece(piece, ms, note_starts);
                    }
                } else {
                    self.text_piece(range, ms, note_starts);
                }
            }
            Event::Code(code) => {
                if self.opaque_depth > 0 {
                    return;
                }
                let open = self.inline(range, ms);
                open.at_start = false;
                if matches!(open.kind, BlockKind::Heading(_)) {
                    open.heading_text.push_str(&code);
                }
            }
            Event::InlineMath(_) | Event::DisplayMath(_) => {
                if self.opaque_depth == 0 {
                    self.inline(range, ms).at_start = false;
                }
            }
            Event::InlineHtml(html) => self.inline_html(&html, range, ms, markers),
            Event::Html(html) => {
                directives::scan(&html, range.start, self.file, &mut ms.directives);
            }
            Event::FootnoteReference(label) => {
                if self.opaque_depth > 0 {
                    return;
                }
                let file = self.file;
                let span = self.span(range.start, range.end);
                self.inline(range, ms).at_start = false;
                ms.note_refs.push(NoteRef {
                    file,
                    number: parse_number(&label),
                    label: label.into_string(),
                    style: NoteStyle::Markdown,
                    span,
                    block: ms.blocks.len() as BlockId,
                    scope: 0,
                });
            }
            Event::HardBreak => {
                if let Some(open) = self.open.as_mut() {
                    open.hard_breaks.push(range.start);
                }
            }
            Event::SoftBreak | Event::TaskListMarker(_) => {}
            Event::Rule => {
                self.close_block(ms, note_starts);
                ms.blocks.push(Block {
                    file: self.file,
                    span: self.span(range.start, range.end),
                    kind: BlockKind::Break,
                    role: Role::Break,
                    in_quote: self.quote_depth > 0,
                    runs: ms.runs.len() as u32..ms.runs.len() as u32,
                    section: self.heading_stack.last().copied(),
                });
            }
        }
    }

    /// A run of literal text.
    fn text_piece(
        &mut self,
        range: std::ops::Range<usize>,
        ms: &mut Manuscript,
        note_starts: &mut Vec<NoteStart>,
    ) {
        let breaks_block = self.open.as_ref().is_some_and(|open| {
            matches!(open.kind, BlockKind::Paragraph | BlockKind::ListItem)
                && self.html_break_between(open.end, range.start)
        });
        if breaks_block {
            self.close_block(ms, note_starts);
        }
        let text = self.text;
        let style = self.style;
        let open = self.inline(range.clone(), ms);
        if let Some(sup) = open.sup.as_mut() {
            if sup.text_start == sup.text_end {
                sup.text_start = range.start;
            }
            sup.text_end = range.end;
        } else {
            open.at_start = false;
        }
        if matches!(open.kind, BlockKind::Heading(_)) {
            open.heading_text.push_str(&text[range.clone()]);
        }
        let style = style
            | if open.sup.is_some() {
                TextRun::SUPERSCRIPT
            } else {
                0
            };
        ms.runs.push(TextRun {
            start: range.start as u32,
            end: range.end as u32,
            style,
        });
    }

    /// A block-level HTML tag was masked between `from` and `to`.
    fn html_break_between(&self, from: usize, to: usize) -> bool {
        let first = self.breaks.partition_point(|&b| b < from);
        self.breaks.get(first).is_some_and(|&b| b < to)
    }

    fn overlaps_raw(&self, range: &std::ops::Range<usize>) -> bool {
        let first = self.raw.partition_point(|r| r.end <= range.start);
        self.raw.get(first).is_some_and(|r| r.start < range.end)
    }

    /// The parts of `range` outside raw markup, none empty.
    fn prose_pieces(&self, range: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
        prose_pieces_outside(&self.raw, range)
    }
}

/// The parts of `range` outside the sorted, disjoint `raw` ranges, none empty.
fn prose_pieces_outside(
    raw_ranges: &[std::ops::Range<usize>],
    range: std::ops::Range<usize>,
) -> Vec<std::ops::Range<usize>> {
    let mut pieces = Vec::new();
    let mut at = range.start;
    let first = raw_ranges.partition_point(|r| r.end <= range.start);
    for raw in raw_ranges[first..]
        .iter()
        .take_while(|r| r.start < range.end)
    {
        if raw.start > at {
            pieces.push(at..raw.start);
        }
        at = at.max(raw.end);
    }
    if at < range.end {
        pieces.push(at..range.end);
    }
    pieces
}

impl FileState<'_> {
    /// Opens a block for inline content if none is open, and extends it to cover `range`.
    fn inline(&mut self, range: std::ops::Range<usize>, ms: &Manuscript) -> &mut OpenBlock {
        let kind = match (self.pending_heading, self.containers.as_slice()) {
            (Some(_), _) => BlockKind::Heading(ms.headings.len() as HeadingId),
            (_, [.., Container::Item]) | (_, [.., Container::Item, Container::Paragraph]) => {
                BlockKind::ListItem
            }
            (_, [.., Container::TableCell]) => BlockKind::TableCell,
            _ => BlockKind::Paragraph,
        };
        let in_quote = self.quote_depth > 0;
        let open = self.open.get_or_insert_with(|| OpenBlock {
            kind,
            start: range.start,
            end: range.end,
            runs_start: ms.runs.len() as u32,
            in_quote,
            at_start: true,
            hard_breaks: Vec::new(),
            sup: None,
            heading_text: String::new(),
        });
        open.end = open.end.max(range.end);
        open
    }

    /// An HTML block that opens with `<!--` and holds no `-->` runs, by CommonMark's rule,
    /// to the end of its container: the text after it is hidden from readers and from every
    /// rule.
    fn unclosed_comment(&self, range: std::ops::Range<usize>, ms: &mut Manuscript) {
        let Some(block) = self.text.get(range.clone()) else {
            return;
        };
        let opening = block.len() - block.trim_start().len();
        if block[opening..].starts_with("<!--") && !block[opening + 4..].contains("-->") {
            let at = range.start + opening;
            ms.unclosed_comments
                .push((self.span(at, at + 4), self.span(range.start, range.end)));
        }
    }

    fn inline_html(
        &mut self,
        html: &str,
        range: std::ops::Range<usize>,
        ms: &mut Manuscript,
        markers: &mut Vec<PendingMarker>,
    ) {
        let tag = html.trim().to_ascii_lowercase();
        if tag.starts_with("<!--") {
            directives::scan(html, range.start, self.file, &mut ms.directives);
            return;
        }
        if self.opaque_depth > 0 {
            return;
        }
        let is_sup_open = tag == "<sup>" || tag.starts_with("<sup ");
        let file = self.file;
        let text = self.text;
        let block_id = ms.blocks.len() as BlockId;
        let open = self.inline(range.clone(), ms);
        if is_sup_open {
            open.sup = Some(SupOpen {
                start: range.start,
                text_start: range.end,
                text_end: range.end,
                at_block_start: open.at_start,
            });
            return;
        }
        if tag == "</sup>" {
            if let Some(sup) = open.sup.take() {
                let content = text[sup.text_start..sup.text_end].trim();
                if is_note_number(content) {
                    let span = Span::new(file, sup.start, range.end);
                    // A paragraph's leading number labels a converted note (see
                    // `leading_note_label`); it points to nothing.
                    let labels_paragraph = sup.at_block_start && open.kind == BlockKind::Paragraph;
                    if labels_paragraph {
                        open.at_start = false;
                        return;
                    }
                    let after_digit = text[..sup.start]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_ascii_digit());
                    markers.push(PendingMarker {
                        block: block_id,
                        label: content.to_string(),
                        span,
                        after_digit,
                    });
                }
            }
            open.at_start = false;
            return;
        }
        open.at_start = false;
    }

    fn start_tag(
        &mut self,
        tag: Tag<'_>,
        range: std::ops::Range<usize>,
        ms: &mut Manuscript,
        note_starts: &mut Vec<NoteStart>,
    ) {
        match tag {
            Tag::Emphasis | Tag::Strong | Tag::Link { .. } => {
                self.style |= match tag {
                    Tag::Emphasis => TextRun::EMPHASIS,
                    Tag::Strong => TextRun::STRONG,
                    _ => TextRun::LINK,
                };
                // The block's span must take in the delimiters (`*Pravda*`), not just the text.
                if self.opaque_depth == 0 {
                    self.inline(range, ms);
                }
            }
            Tag::Strikethrough | Tag::Superscript | Tag::Subscript => {
                if self.opaque_depth == 0 {
                    self.inline(range, ms);
                }
            }
            Tag::Image { .. } => self.opaque_depth += 1,
            Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock => {
                self.close_block(ms, note_starts);
                self.opaque_depth += 1;
                if matches!(tag, Tag::HtmlBlock) {
                    self.unclosed_comment(range, ms);
                }
            }
            Tag::Heading { level, .. } => {
                self.close_block(ms, note_starts);
                self.pending_heading = Some((level as u8, self.span(range.start, range.end)));
            }
            Tag::BlockQuote(_) => {
                self.close_block(ms, note_starts);
                self.quote_depth += 1;
            }
            Tag::FootnoteDefinition(label) => {
                self.close_block(ms, note_starts);
                let marker_len = label.len() + 4; // `[^` label `]:`
                let label_end = (range.start + marker_len).min(range.end);
                let label_span = if self.text.is_char_boundary(label_end) {
                    self.span(range.start, label_end)
                } else {
                    self.span(range.start, range.start)
                };
                self.markdown_note = Some(ms.notes.len() as u32);
                ms.notes.push(Note {
                    file: self.file,
                    number: parse_number(&label),
                    label: label.into_string(),
                    style: NoteStyle::Markdown,
                    label_span,
                    parts: Vec::new(),
                    scope: 0,
                });
            }
            Tag::Item => {
                self.close_block(ms, note_starts);
                self.containers.push(Container::Item);
            }
            Tag::TableCell => {
                self.close_block(ms, note_starts);
                self.containers.push(Container::TableCell);
            }
            Tag::Paragraph => {
                self.close_block(ms, note_starts);
                self.containers.push(Container::Paragraph);
                if let Some((note, label_start)) = self.empty_note_end.take() {
                    // The paragraph must start on the line after the label's.
                    let label_line_end = self.text[label_start.min(range.start)..range.start]
                        .find('\n')
                        .map(|n| label_start + n + 1);
                    let next_line = label_line_end
                        .is_some_and(|line| !self.text[line..range.start].contains('\n'));
                    if next_line && self.markdown_note.is_none() && self.containers.len() == 1 {
                        self.markdown_note = Some(note);
                        self.in_lazy_note = true;
                    }
                }
            }
            Tag::List(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => self.close_block(ms, note_starts),
        }
    }
}

impl FileState<'_> {
    fn end_tag(
        &mut self,
        tag: TagEnd,
        range: std::ops::Range<usize>,
        ms: &mut Manuscript,
        note_starts: &mut Vec<NoteStart>,
    ) {
        match tag {
            TagEnd::Emphasis => self.style &= !TextRun::EMPHASIS,
            TagEnd::Strong => self.style &= !TextRun::STRONG,
            TagEnd::Link => self.style &= !TextRun::LINK,
            TagEnd::Strikethrough | TagEnd::Superscript | TagEnd::Subscript => {}
            TagEnd::Image => self.opaque_depth = self.opaque_depth.saturating_sub(1),
            TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock => {
                self.opaque_depth = self.opaque_depth.saturating_sub(1);
            }
            TagEnd::Heading(level) => {
                let heading_text = self.open.as_ref().map(|o| o.heading_text.clone());
                self.close_block(ms, note_starts);
                if let Some((level_num, span)) = self.pending_heading.take() {
                    let span = Span::new(span.file, span.start as usize, range.end);
                    let level = level_num.max(level as u8);
                    self.push_heading(level, span, heading_text, ms, note_starts);
                }
            }
            TagEnd::BlockQuote(_) => {
                self.close_block(ms, note_starts);
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::FootnoteDefinition => {
                self.close_block(ms, note_starts);
                if let Some(note) = self.markdown_note.take() {
                    let empty = ms
                        .notes
                        .get(note as usize)
                        .is_some_and(|n| n.parts.is_empty());
                    let label_start = ms.notes.get(note as usize).map(|n| n.label_span.start);
                    self.empty_note_end = label_start
                        .filter(|_| empty)
                        .map(|start| (note, start as usize));
                }
            }
            TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell => {
                self.close_block(ms, note_starts);
                self.containers.pop();
                if self.in_lazy_note {
                    self.in_lazy_note = false;
                    self.markdown_note = None;
                }
            }
            TagEnd::List(_)
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => self.close_block(ms, note_starts),
        }
    }

    fn push_heading(
        &mut self,
        level: u8,
        span: Span,
        heading_text: Option<String>,
        ms: &mut Manuscript,
        note_starts: &mut Vec<NoteStart>,
    ) {
        let text = heading_text
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        crate::frontend::close_sections(&mut self.heading_stack, &ms.headings, level);
        let id = ms.headings.len() as HeadingId;
        let normalized = normalize_heading(&text);
        ms.headings.push(Heading {
            file: self.file,
            level,
            span,
            text,
            parent: self.heading_stack.last().copied(),
        });
        self.heading_stack.push(id);
        let opens_bibliography = self
            .options
            .bibliography_headings
            .iter()
            .any(|h| normalize_heading(h) == normalized);
        // "Sources" under "Bibliography" is one of its groups.
        let within = self
            .bibliography_level
            .filter(|&bib_level| level > bib_level);
        if opens_bibliography && within.is_none() {
            self.finish_bibliography(ms, note_starts);
            self.bibliography_level = Some(level);
            self.bibliography_group = None;
        } else if let Some(bib_level) = self.bibliography_level {
            if level <= bib_level {
                self.finish_bibliography(ms, note_starts);
                self.bibliography_level = None;
                self.bibliography_group = None;
            } else {
                self.bibliography_group = Some(ms.headings[id as usize].text.clone());
            }
        }
    }

    /// Decides the bibliography section just read.
    fn finish_bibliography(&mut self, ms: &mut Manuscript, note_starts: &mut Vec<NoteStart>) {
        let blocks = std::mem::take(&mut self.bibliography_blocks);
        bibliography_section::finish(blocks, ms, note_starts);
    }

    fn close_block(&mut self, ms: &mut Manuscript, note_starts: &mut Vec<NoteStart>) {
        let Some(open) = self.open.take() else {
            return;
        };
        let block_id = ms.blocks.len() as BlockId;
        let runs = open.runs_start..ms.runs.len() as u32;
        let span = self.span(open.start, open.end);
        let role = if let BlockKind::Heading(_) = open.kind {
            Role::Heading
        } else if let Some(note) = self.markdown_note {
            if let Some(n) = ms.notes.get_mut(note as usize) {
                n.parts.push(span);
            }
            Role::Note(note)
        } else if self.bibliography_level.is_some() {
            let block_runs = &ms.runs[runs.start as usize..];
            let entries = self.bibliography_entries(&open, block_runs);
            let reading = if entries.is_empty() {
                Reading::Neither
            } else {
                bibliography_section::reading(
                    self.text,
                    open.kind,
                    block_runs,
                    open.hard_breaks.len(),
                )
            };
            let first_entry = ms.bibliography.len();
            ms.bibliography.extend(entries);
            self.bibliography_blocks.push(SectionBlock {
                block: block_id,
                entries: first_entry..ms.bibliography.len(),
                reading,
                note_start: self.leading_note_label(&open, block_id),
            });
            Role::Bibliography
        } else {
            Role::Body
        };
        if role == Role::Body {
            if let Some(first) = self.leading_note_label(&open, block_id) {
                note_starts.push(first);
            }
        }
        self.unresolved_markdown_refs(&ms.runs[runs.start as usize..], block_id, &mut ms.note_refs);
        ms.blocks.push(Block {
            file: self.file,
            span,
            kind: open.kind,
            role,
            in_quote: open.in_quote,
            runs,
            section: self.heading_stack.last().copied(),
        });
        self.inline_notes_of(&open, block_id, ms);
    }

    /// The inline notes whose markers stood in the block just closed become notes, each a
    /// block after it; one that stood where no block was read (raw markup) is dropped.
    fn inline_notes_of(&mut self, open: &OpenBlock, block_id: BlockId, ms: &mut Manuscript) {
        while let Some(marker) = self.inline_notes.get(self.next_inline_note).cloned() {
            if marker.start >= self.event_end {
                break;
            }
            self.next_inline_note += 1;
            if marker.start < open.start || self.markdown_note.is_some() {
                continue;
            }
            let inner = marker.start + 2..marker.end - 1;
            let runs = super::inline_notes::runs(&self.note_text, inner.clone(), |range| {
                prose_pieces_outside(&self.raw_in_notes, range)
            });
            let note = ms.notes.len() as NoteId;
            let runs_start = ms.runs.len() as u32;
            ms.runs.extend(runs);
            let span = self.span(inner.start, inner.end);
            self.inline_pairs.push((ms.note_refs.len(), ms.notes.len()));
            ms.note_refs.push(NoteRef {
                file: self.file,
                label: String::new(),
                number: None,
                style: NoteStyle::Inline,
                span: self.span(marker.start, marker.end),
                block: block_id,
                scope: 0,
            });
            ms.notes.push(Note {
                file: self.file,
                label: String::new(),
                number: None,
                style: NoteStyle::Inline,
                label_span: self.span(marker.start, marker.start + 2),
                parts: vec![span],
                scope: 0,
            });
            ms.blocks.push(Block {
                file: self.file,
                span,
                kind: BlockKind::Paragraph,
                role: Role::Note(note),
                in_quote: open.in_quote,
                runs: runs_start..ms.runs.len() as u32,
                section: self.heading_stack.last().copied(),
            });
        }
    }

    /// pulldown-cmark leaves `[^label]` as plain text when no definition exists; those are
    /// markers pointing nowhere.
    fn unresolved_markdown_refs(&self, runs: &[TextRun], block: BlockId, refs: &mut Vec<NoteRef>) {
        for range in crate::model::contiguous_text(runs) {
            let start = range.start;
            let segment = &self.text[range];
            if !segment.contains("[^") {
                continue;
            }
            for caps in MARKDOWN_REF.captures_iter(segment) {
                let (Some(whole), Some(label)) = (caps.get(0), caps.get(1)) else {
                    continue;
                };
                refs.push(NoteRef {
                    file: self.file,
                    label: label.as_str().to_string(),
                    number: parse_number(label.as_str()),
                    style: NoteStyle::Markdown,
                    span: self.span(start + whole.start(), start + whole.end()),
                    block,
                    scope: 0,
                });
            }
        }
    }

    /// A body paragraph opening with `<sup>N</sup>` may be a converted note's text.
    fn leading_note_label(&self, open: &OpenBlock, block_id: BlockId) -> Option<NoteStart> {
        if open.kind != BlockKind::Paragraph || open.in_quote {
            return None;
        }
        let rest = self.text.get(open.start..open.end)?;
        let content_start = rest
            .strip_prefix("<sup>")
            .or_else(|| rest.strip_prefix("<SUP>"))?;
        let close = content_start
            .find("</sup>")
            .or_else(|| content_start.find("</SUP>"))?;
        let label = content_start[..close].trim();
        if !is_note_number(label) {
            return None;
        }
        let label_end = open.start + "<sup>".len() + close + "</sup>".len();
        Some(NoteStart {
            block: block_id,
            label: label.to_string(),
            label_span: self.span(open.start, label_end),
        })
    }

    /// Splits a bibliography block into entries: a list item is one entry; a paragraph is one
    /// entry per hard-broken line. A paragraph that is nothing but bold text, or a few words and a
    /// colon (`Primary sources:`), is a group label.
    fn bibliography_entries(&mut self, open: &OpenBlock, runs: &[TextRun]) -> Vec<BibEntry> {
        // Raw markup beside the label (`\hspace{…} **Sources**`) is masked to blanks.
        let is_blank = |r: &TextRun| {
            self.text[r.start as usize..r.end as usize]
                .trim()
                .is_empty()
        };
        let all_strong = runs.iter().any(|r| !is_blank(r))
            && runs
                .iter()
                .all(|r| r.style & TextRun::STRONG != 0 || is_blank(r));
        let label: String = runs
            .iter()
            .map(|r| &self.text[r.start as usize..r.end as usize])
            .collect();
        if all_strong && open.kind == BlockKind::Paragraph {
            self.bibliography_group = Some(label.trim().to_string());
            return Vec::new();
        }
        if let Some(label) = crate::frontend::bibliography_label(&label)
            .filter(|_| open.kind == BlockKind::Paragraph)
        {
            self.bibliography_group = Some(label.to_string());
            return Vec::new();
        }
        let mut entries = Vec::new();
        let mut start = open.start;
        let breaks = open
            .hard_breaks
            .iter()
            .copied()
            .chain(std::iter::once(open.end));
        for end in breaks {
            let piece = &self.text[start..end.max(start)];
            let trimmed_start = start + (piece.len() - piece.trim_start().len());
            let trimmed_end = start + piece.trim_end().len();
            if trimmed_end > trimmed_start {
                entries.push(BibEntry {
                    file: self.file,
                    span: self.span(trimmed_start, trimmed_end),
                    group: self.bibliography_group.clone(),
                });
            }
            // A hard break is two spaces or a backslash before the newline; skip past it.
            start = self.text[end..open.end.max(end)]
                .find('\n')
                .map_or(end, |i| end + i + 1);
        }
        entries
    }
}

/// A note label that is a plain number: 1 to 5 ASCII digits.
pub fn is_note_number(text: &str) -> bool {
    !text.is_empty() && text.len() <= 5 && text.bytes().all(|b| b.is_ascii_digit())
}

pub fn parse_number(label: &str) -> Option<u32> {
    if is_note_number(label) {
        label.parse().ok()
    } else {
        None
    }
}
