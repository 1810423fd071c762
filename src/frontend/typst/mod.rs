//! Typst (`.typ`), read through the official parser (`typst-syntax`): the same syntax tree the
//! Typst compiler reads, lossless, so every node's offset is one into the file the author
//! edits. The markup becomes the `Manuscript`: headings (`= …`), paragraphs and list items of
//! text runs with their emphasis (`_…_`, `*…*`, `#emph[…]`, `#strong[…]`), notes
//! (`#footnote[…]`, each a note block after its paragraph, named by the number Typst prints),
//! and `@key` citations as text the key-citation reader sees. Code (`#let`, `#set`, `#show`,
//! `#import`, code blocks), raw text, maths, comments and labels are not prose; the content
//! blocks of other functions (`#quote[…]`, `#align(center)[…]`) are.

use typst_syntax::{SyntaxKind, SyntaxNode};

use crate::frontend::{Companions, ParseOptions, normalize_heading};
use crate::model::{
    BibEntry, Block, BlockKind, Heading, HeadingId, Manuscript, Note, NoteId, NoteRef, NoteStyle,
    Role, TextRun,
};
use crate::source::{FileId, SourceFile, Span};

/// What a Typst file names to be read with it: `#bibliography("refs.bib")` (a string or an
/// array of strings).
pub fn companions(text: &str) -> Companions {
    let mut companions = Companions::default();
    if !text.contains("bibliography") && !text.contains("lang") {
        return companions;
    }
    let root = typst_syntax::parse(text);
    visit_calls(&root, 0, &mut |name, args, offset| {
        if name == "text" && companions.language.is_none() {
            companions.language = named_string(args, "lang");
        }
        if name != "bibliography" {
            return;
        }
        let mut at = offset;
        for arg in args.children() {
            collect_strings(arg, at, &mut |value, start| {
                companions.bibliographies.push((value, start));
            });
            at += arg.len();
        }
    });
    companions
}

/// Calls every function call in the tree with its name, arguments node and offset.
fn visit_calls(node: &SyntaxNode, offset: usize, f: &mut impl FnMut(&str, &SyntaxNode, usize)) {
    // `#text(lang: "fr")[…]` and `#set text(lang: "fr")` alike.
    if matches!(node.kind(), SyntaxKind::FuncCall | SyntaxKind::SetRule) {
        let mut at = offset;
        let mut name = None;
        for child in node.children() {
            match child.kind() {
                SyntaxKind::Ident if name.is_none() => name = Some(child.text().to_string()),
                SyntaxKind::Args => {
                    if let Some(name) = &name {
                        f(name, child, at);
                    }
                }
                _ => {}
            }
            at += child.len();
        }
    }
    let mut at = offset;
    for child in node.children() {
        visit_calls(child, at, f);
        at += child.len();
    }
}

/// The string value of a named argument (`lang: "fr"`).
fn named_string(args: &SyntaxNode, key: &str) -> Option<String> {
    args.children()
        .filter(|arg| arg.kind() == SyntaxKind::Named)
        .find(|arg| {
            arg.children()
                .next()
                .is_some_and(|name| name.kind() == SyntaxKind::Ident && name.text() == key)
        })
        .and_then(|arg| arg.children().find(|c| c.kind() == SyntaxKind::Str))
        .map(|value| value.text().trim_matches('"').to_string())
}

/// String literals in an argument (`"refs.bib"`, `("a.bib", "b.yml")`), without quotes.
fn collect_strings(node: &SyntaxNode, offset: usize, f: &mut impl FnMut(String, usize)) {
    if node.kind() == SyntaxKind::Str {
        let text = node.text();
        let inner = text.trim_start_matches('"').trim_end_matches('"');
        f(inner.to_string(), offset);
        return;
    }
    if node.kind() == SyntaxKind::Named {
        return;
    }
    let mut at = offset;
    for child in node.children() {
        collect_strings(child, at, f);
        at += child.len();
    }
}

/// A `#footnote[…]` seen in a paragraph, read as a note once the paragraph is closed (so that
/// the paragraph's runs stay one range).
struct PendingNote {
    marker: std::ops::Range<usize>,
    body: SyntaxNode,
    body_offset: usize,
}

struct Reader<'a> {
    file: FileId,
    text: &'a str,
    options: &'a ParseOptions,
    /// The open block: its kind, first and last offsets and first run.
    open: Option<(BlockKind, usize, usize, u32)>,
    pending: Vec<PendingNote>,
    heading_stack: Vec<HeadingId>,
    /// The level of the heading that opened the bibliography, while in it.
    bibliography_level: Option<u8>,
    /// The sub-heading or label (`Ouvrages :`) the bibliography's entries stand under.
    bibliography_group: Option<String>,
    /// Labels defined in the file (`<intro>`): `@intro` is a reference, not a citation.
    labels: std::collections::HashSet<String>,
    notes_in_file: u32,
    /// Inside the content of a function that sets it apart (`#dialogue[…]`, `#quote[…]`):
    /// its paragraphs are one passage, whose quotation marks may open in the first and close
    /// in the last.
    joining: bool,
}

pub fn parse_file(source: &SourceFile, options: &ParseOptions, ms: &mut Manuscript) {
    let root = typst_syntax::parse(&source.text);
    let mut labels = std::collections::HashSet::new();
    collect_labels(&root, &mut labels);
    let mut reader = Reader {
        file: source.id,
        text: &source.text,
        options,
        open: None,
        pending: Vec::new(),
        heading_stack: Vec::new(),
        bibliography_level: None,
        bibliography_group: None,
        labels,
        notes_in_file: 0,
        joining: false,
    };
    reader.markup(&root, 0, 0, ms);
    reader.close(ms);
}

/// Whether a content block holds more than one paragraph.
fn has_parbreak(node: &SyntaxNode) -> bool {
    node.children()
        .filter(|c| c.kind() == SyntaxKind::Markup)
        .any(|markup| markup.children().any(|c| c.kind() == SyntaxKind::Parbreak))
}

fn collect_labels(node: &SyntaxNode, labels: &mut std::collections::HashSet<String>) {
    if node.kind() == SyntaxKind::Label {
        let name = node.text().trim_start_matches('<').trim_end_matches('>');
        labels.insert(name.to_string());
    }
    for child in node.children() {
        collect_labels(child, labels);
    }
}

impl Reader<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    /// A run of prose text at `start..end` in the open block (a paragraph if none is open).
    fn run(&mut self, start: usize, end: usize, style: u8, ms: &mut Manuscript) {
        if end <= start {
            return;
        }
        let open =
            self.open
                .get_or_insert((BlockKind::Paragraph, start, end, ms.runs.len() as u32));
        open.2 = open.2.max(end);
        ms.runs.push(TextRun {
            start: start as u32,
            end: end as u32,
            style,
        });
    }

    /// Closes the open block, then reads the notes whose markers stood in it.
    fn close(&mut self, ms: &mut Manuscript) {
        if let Some((kind, start, end, runs_start)) = self.open.take() {
            let block_id = ms.blocks.len() as u32;
            let span = self.span(start, end);
            let role = match kind {
                BlockKind::Heading(_) => Role::Heading,
                _ if self.bibliography_level.is_some() => {
                    let text: String = ms.runs[runs_start as usize..]
                        .iter()
                        .map(|r| &self.text[r.start as usize..r.end as usize])
                        .collect();
                    if let Some(label) = crate::frontend::bibliography_label(&text) {
                        self.bibliography_group = Some(label.to_string());
                    } else {
                        ms.bibliography.push(BibEntry {
                            file: self.file,
                            span,
                            group: self.bibliography_group.clone(),
                        });
                    }
                    Role::Bibliography
                }
                _ => Role::Body,
            };
            ms.blocks.push(Block {
                file: self.file,
                span,
                kind,
                role,
                in_quote: false,
                runs: runs_start..ms.runs.len() as u32,
                section: self.heading_stack.last().copied(),
            });
            for note in std::mem::take(&mut self.pending) {
                self.note(note, block_id, ms);
            }
        }
        // Notes outside any block (a footnote alone in its paragraph) still are notes.
        if !self.pending.is_empty() {
            let block_id = ms.blocks.len().saturating_sub(1) as u32;
            for note in std::mem::take(&mut self.pending) {
                self.note(note, block_id, ms);
            }
        }
    }

    fn note(&mut self, note: PendingNote, marker_block: u32, ms: &mut Manuscript) {
        self.notes_in_file += 1;
        let label = self.notes_in_file.to_string();
        let id = ms.notes.len() as NoteId;
        let runs_start = ms.runs.len() as u32;
        // The note's own text: its runs, as one block, never opening the body's paragraph.
        let saved_open = self.open.take();
        let saved_bibliography = self.bibliography_level.take();
        self.markup(&note.body, note.body_offset, 0, ms);
        let (start, end) = match self.open.take() {
            Some((_, start, end, _)) => (start, end),
            None => (note.body_offset, note.body_offset),
        };
        // Notes inside the note (rare) are dropped: Typst prints none there either.
        self.pending.clear();
        self.open = saved_open;
        self.bibliography_level = saved_bibliography;
        let span = self.span(start, end);
        ms.note_refs.push(NoteRef {
            file: self.file,
            label: label.clone(),
            number: None,
            style: NoteStyle::Inline,
            span: self.span(note.marker.start, note.marker.end),
            block: marker_block,
            scope: 0,
        });
        ms.notes.push(Note {
            file: self.file,
            label,
            number: None,
            style: NoteStyle::Inline,
            label_span: self.span(note.marker.start, note.marker.start),
            parts: vec![span],
            scope: 0,
        });
        ms.blocks.push(Block {
            file: self.file,
            span,
            kind: BlockKind::Paragraph,
            role: Role::Note(id),
            in_quote: false,
            runs: runs_start..ms.runs.len() as u32,
            section: self.heading_stack.last().copied(),
        });
    }

    /// Reads a markup node at `offset` with the emphasis `style` of its ancestors.
    fn markup(&mut self, node: &SyntaxNode, offset: usize, style: u8, ms: &mut Manuscript) {
        let mut at = offset;
        let mut hash = false;
        for child in node.children() {
            let (start, end) = (at, at + child.len());
            at = end;
            let after_hash = std::mem::take(&mut hash);
            match child.kind() {
                SyntaxKind::Text | SyntaxKind::Shorthand | SyntaxKind::SmartQuote => {
                    self.run(start, end, style, ms);
                }
                SyntaxKind::Escape => {
                    // `\#` prints `#`: the character after the backslash.
                    self.run(start + 1, end, style, ms);
                }
                // White space joins the runs of an open block; a paragraph break inside a
                // passage read as one (`joining`) is white space too.
                SyntaxKind::Space | SyntaxKind::Parbreak
                    if self.open.is_some()
                        && (child.kind() == SyntaxKind::Space || self.joining) =>
                {
                    self.run(start, end, style, ms);
                }
                SyntaxKind::Space => {}
                SyntaxKind::Parbreak if self.joining => {}
                SyntaxKind::Parbreak => self.close(ms),
                SyntaxKind::Strong => self.markup(child, start, style | TextRun::STRONG, ms),
                SyntaxKind::Emph => self.markup(child, start, style | TextRun::EMPHASIS, ms),
                SyntaxKind::Markup => self.markup(child, start, style, ms),
                SyntaxKind::Link => self.run(start, end, style | TextRun::LINK, ms),
                SyntaxKind::Ref => {
                    let target = child
                        .children()
                        .find(|c| c.kind() == SyntaxKind::RefMarker)
                        .map(|m| m.text().trim_start_matches('@').to_string())
                        .unwrap_or_default();
                    if !self.labels.contains(&target) {
                        self.run(start, end, style, ms);
                    }
                }
                SyntaxKind::Heading => self.heading(child, start, ms),
                SyntaxKind::ListItem | SyntaxKind::EnumItem | SyntaxKind::TermItem => {
                    self.close(ms);
                    self.open = Some((BlockKind::ListItem, start, start, ms.runs.len() as u32));
                    self.item(child, start, style, ms);
                    self.trim_empty_open(ms);
                    self.close(ms);
                }
                SyntaxKind::Hash => hash = true,
                SyntaxKind::FuncCall if after_hash => self.call(child, start, end, style, ms),
                SyntaxKind::ContentBlock => self.content(child, start, style, ms),
                // Code, raw text, maths, comments, labels, rules: not prose.
                _ => {}
            }
        }
    }

    /// A list item's body: the markup after its marker.
    fn item(&mut self, node: &SyntaxNode, offset: usize, style: u8, ms: &mut Manuscript) {
        let mut at = offset;
        for child in node.children() {
            if child.kind() == SyntaxKind::Markup {
                self.markup(child, at, style, ms);
            }
            at += child.len();
        }
    }

    /// A block opened by a list marker that held no text is dropped.
    fn trim_empty_open(&mut self, ms: &Manuscript) {
        if let Some((_, _, _, runs_start)) = self.open {
            if runs_start as usize == ms.runs.len() {
                self.open = None;
            }
        }
    }

    fn content(&mut self, node: &SyntaxNode, offset: usize, style: u8, ms: &mut Manuscript) {
        let mut at = offset;
        for child in node.children() {
            if child.kind() == SyntaxKind::Markup {
                self.markup(child, at, style, ms);
            }
            at += child.len();
        }
    }

    /// `#name(…)[…]`: a footnote becomes a note, emphasis functions style their content,
    /// and the content blocks of any other function are read as prose.
    fn call(
        &mut self,
        node: &SyntaxNode,
        start: usize,
        end: usize,
        style: u8,
        ms: &mut Manuscript,
    ) {
        let mut at = start;
        let mut name = String::new();
        for child in node.children() {
            let child_start = at;
            at += child.len();
            match child.kind() {
                SyntaxKind::Ident if name.is_empty() => name = child.text().to_string(),
                SyntaxKind::Args if name == "heading" => {
                    self.heading_call(child, child_start, start.saturating_sub(1)..end, ms);
                }
                SyntaxKind::Args => {
                    let mut arg_at = child_start;
                    for arg in child.children() {
                        let arg_start = arg_at;
                        arg_at += arg.len();
                        if arg.kind() != SyntaxKind::ContentBlock {
                            continue;
                        }
                        match name.as_str() {
                            "footnote" => {
                                // The marker: `#footnote[…]` from its `#` to its `]`.
                                let body_offset = arg_start + 1;
                                if let Some(body) =
                                    arg.children().find(|c| c.kind() == SyntaxKind::Markup)
                                {
                                    if self.open.is_none() {
                                        self.open = Some((
                                            BlockKind::Paragraph,
                                            start,
                                            start,
                                            ms.runs.len() as u32,
                                        ));
                                    }
                                    self.pending.push(PendingNote {
                                        marker: start.saturating_sub(1)..end,
                                        body: body.clone(),
                                        body_offset,
                                    });
                                }
                            }
                            "emph" => self.content(arg, arg_start, style | TextRun::EMPHASIS, ms),
                            "strong" => self.content(arg, arg_start, style | TextRun::STRONG, ms),
                            "raw" | "bibliography" | "image" | "table" | "grid" => {}
                            _ if has_parbreak(arg) && !self.joining => {
                                self.close(ms);
                                self.joining = true;
                                self.content(arg, arg_start, style, ms);
                                self.joining = false;
                                self.close(ms);
                            }
                            _ => self.content(arg, arg_start, style, ms),
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn heading(&mut self, node: &SyntaxNode, offset: usize, ms: &mut Manuscript) {
        let mut level = 1u8;
        let mut at = offset;
        let mut body = None;
        for child in node.children() {
            match child.kind() {
                SyntaxKind::HeadingMarker => level = child.len().min(6) as u8,
                SyntaxKind::Markup => body = Some((child, at)),
                _ => {}
            }
            at += child.len();
        }
        self.open_heading(level, offset, offset + node.len(), body, ms);
    }

    /// `#heading(level: 2, numbering: none)[…]`, the function a `=` heading stands for: the
    /// way to write an unnumbered heading.
    fn heading_call(
        &mut self,
        args: &SyntaxNode,
        args_at: usize,
        span: std::ops::Range<usize>,
        ms: &mut Manuscript,
    ) {
        let mut level = 1u8;
        let mut body = None;
        let mut at = args_at;
        for arg in args.children() {
            match arg.kind() {
                SyntaxKind::Named => {
                    let mut children = arg.children();
                    let is_level = children
                        .next()
                        .is_some_and(|name| name.text().as_str() == "level");
                    if let Some(value) = children.find(|c| c.kind() == SyntaxKind::Int) {
                        if is_level {
                            level = value.text().parse::<u8>().unwrap_or(1).clamp(1, 6);
                        }
                    }
                }
                SyntaxKind::ContentBlock => {
                    let mut inner_at = at;
                    for child in arg.children() {
                        if child.kind() == SyntaxKind::Markup {
                            body = Some((child, inner_at));
                        }
                        inner_at += child.len();
                    }
                }
                _ => {}
            }
            at += arg.len();
        }
        self.open_heading(level, span.start, span.end, body, ms);
    }

    fn open_heading(
        &mut self,
        level: u8,
        offset: usize,
        end: usize,
        body: Option<(&SyntaxNode, usize)>,
        ms: &mut Manuscript,
    ) {
        self.close(ms);
        crate::frontend::close_sections(&mut self.heading_stack, &ms.headings, level);
        let id = ms.headings.len() as HeadingId;
        let runs_start = ms.runs.len();
        self.open = Some((BlockKind::Heading(id), offset, offset, runs_start as u32));
        if let Some((body, body_at)) = body {
            self.markup(body, body_at, 0, ms);
        }
        let text: String = ms.runs[runs_start..]
            .iter()
            .map(|r| &self.text[r.start as usize..r.end as usize])
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        ms.headings.push(Heading {
            file: self.file,
            level,
            span: self.span(offset, end),
            text: text.clone(),
            parent: self.heading_stack.last().copied(),
        });
        self.close(ms);
        self.heading_stack.push(id);
        let normalized = normalize_heading(&text);
        if self
            .options
            .bibliography_headings
            .iter()
            .any(|h| normalize_heading(h) == normalized)
        {
            self.bibliography_level = Some(level);
            self.bibliography_group = None;
        } else if self.bibliography_level.is_some_and(|bib| level <= bib) {
            self.bibliography_level = None;
            self.bibliography_group = None;
        } else if self.bibliography_level.is_some() {
            self.bibliography_group = Some(text);
        }
    }
}
