//! The one pass over a LaTeX file: text runs, blocks, headings, notes and key citations.

use super::commands::*;
use super::lex;
use crate::indexes::citations::KeyCitation;
use crate::model::{
    Block, BlockKind, Fact, Heading, HeadingId, Manuscript, Note, NoteId, NoteRef, NoteStyle,
    Printed, Role, TextRun,
};
use crate::source::{FileId, SourceFile, Span};

struct Open {
    kind: BlockKind,
    start: usize,
    end: usize,
    runs_start: u32,
    /// Where the block goes in `Manuscript::blocks`: blocks are ordered by their start, and a
    /// note's block sits inside its paragraph's span, after it.
    index: usize,
    in_quote: bool,
    role: Role,
}

/// What ends the group being read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Until {
    Brace,
    End,
}

struct Reader<'a> {
    text: &'a str,
    file: FileId,
    pos: usize,
    /// Reading stops here (`\end{document}`, or the end of the file).
    limit: usize,
    open: Option<Open>,
    style: u8,
    note: Option<NoteId>,
    quote_depth: u32,
    /// Inside a table, picture or example: notes and citations are read, text is not.
    opaque: u32,
    depth: usize,
    list_depth: u32,
    heading_stack: Vec<HeadingId>,
    heading_text: Option<String>,
    /// The note counter, reset at every chapter as the book classes do.
    counter: u32,
    chapter: u32,
    /// `\footnotemark`s whose `\footnotetext` has not come yet: label and marker index.
    pending_marks: std::collections::VecDeque<String>,
}

pub fn parse_file(source: &SourceFile, ms: &mut Manuscript) {
    let text = source.text.as_str();
    let start = lex::document_start(text).unwrap_or(0);
    let mut reader = Reader {
        text,
        file: source.id,
        pos: start,
        limit: text.len(),
        open: None,
        style: 0,
        note: None,
        quote_depth: 0,
        opaque: 0,
        depth: 0,
        list_depth: 0,
        heading_stack: Vec::new(),
        heading_text: None,
        counter: 0,
        chapter: 0,
        pending_marks: Default::default(),
    };
    reader.group(Until::End, ms);
    reader.close(ms);
    ms.printed.sort_by_key(|p| (p.span.file, p.span.start));
}

impl Reader<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    /// Reads until the closing brace of the group (just past it) or the end.
    fn group(&mut self, until: Until, ms: &mut Manuscript) {
        let bytes = self.text.as_bytes();
        while self.pos < self.limit {
            let at = self.pos;
            match bytes[at] {
                b'%' => self.pos = lex::skip_comment(self.text, at),
                b'\\' => self.command(ms),
                b'{' => {
                    self.pos += 1;
                    if self.depth < MAX_DEPTH {
                        let style = self.style;
                        self.depth += 1;
                        self.group(Until::Brace, ms);
                        self.depth -= 1;
                        self.style = style;
                    }
                }
                b'}' => {
                    self.pos += 1;
                    if until == Until::Brace {
                        return;
                    }
                }
                b'$' => self.maths(at, ms),
                b'\n' => {
                    let rest = &self.text[at + 1..self.limit];
                    let line = rest.find('\n').map_or(rest, |n| &rest[..n]);
                    if line.trim().is_empty() && rest.contains('\n') || rest.trim().is_empty() {
                        self.close(ms);
                    }
                    self.pos += 1;
                }
                b'~' | b'&' | b'#' | b'^' | b'_' => self.pos += 1,
                _ => self.text_run(ms),
            }
        }
    }

    fn text_run(&mut self, ms: &mut Manuscript) {
        let start = self.pos;
        // Every character that ends a run is ASCII: a byte scan stops on boundaries only.
        let len = self.text.as_bytes()[start..self.limit]
            .iter()
            .position(|b| {
                matches!(
                    b,
                    b'\\' | b'{' | b'}' | b'$' | b'%' | b'\n' | b'~' | b'&' | b'#' | b'^' | b'_'
                )
            })
            .unwrap_or(self.limit - start)
            .max(1);
        let mut end = start + len;
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        self.pos = end;
        self.emit(start, end, ms);
    }

    /// A run of printed text from the file.
    fn emit(&mut self, start: usize, end: usize, ms: &mut Manuscript) {
        if self.opaque > 0 {
            return;
        }
        let piece = &self.text[start..end];
        let start = if self.open.is_none() {
            let trimmed = piece.trim_start();
            if trimmed.is_empty() {
                return;
            }
            end - trimmed.len()
        } else {
            start
        };
        if let Some(heading) = self.heading_text.as_mut() {
            heading.push_str(&self.text[start..end]);
        }
        let style = self.style;
        self.touch(start, end, ms);
        self.printed(start, end, ms);
        ms.runs.push(TextRun {
            start: start as u32,
            end: end as u32,
            style,
        });
    }

    /// The ligatures of a run that print as other characters: TeX's quotation marks and
    /// dashes. (`--` is left as written: rules read a double hyphen as an en dash already.)
    fn printed(&self, start: usize, end: usize, ms: &mut Manuscript) {
        let bytes = &self.text.as_bytes()[start..end];
        let mut i = 0;
        while i + 1 < bytes.len() {
            let (text, len) = match (bytes[i], bytes[i + 1], bytes.get(i + 2)) {
                (b'`', b'`', _) => ("“", 2),
                (b'\'', b'\'', _) => ("”", 2),
                (b'-', b'-', Some(b'-')) => ("—", 3),
                _ => {
                    i += 1;
                    continue;
                }
            };
            ms.printed.push(Printed {
                span: self.span(start + i, start + i + len),
                text,
            });
            i += len;
        }
    }

    /// Opens a block if none is open and extends it over `start..end`.
    fn touch(&mut self, start: usize, end: usize, ms: &Manuscript) {
        self.touch_block(start, end, false, ms);
    }

    /// `marker`: a note marker or citation opens a block even in a table, so a marker always
    /// has the block it stands in.
    fn touch_block(&mut self, start: usize, end: usize, marker: bool, ms: &Manuscript) {
        if self.opaque > 0 && self.open.is_none() && !marker {
            return;
        }
        let kind = if self.list_depth > 0 {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        };
        let role = match self.note {
            Some(id) => Role::Note(id),
            None => Role::Body,
        };
        let in_quote = self.quote_depth > 0;
        let open = self.open.get_or_insert(Open {
            kind,
            start,
            end,
            runs_start: ms.runs.len() as u32,
            index: ms.blocks.len(),
            in_quote,
            role,
        });
        open.end = open.end.max(end);
    }

    fn close(&mut self, ms: &mut Manuscript) {
        let Some(open) = self.open.take() else {
            return;
        };
        let span = self.span(open.start, open.end);
        if let Role::Note(id) = open.role {
            if let Some(note) = ms.notes.get_mut(id as usize) {
                note.parts.push(span);
            }
        }
        let block = Block {
            file: self.file,
            span,
            kind: open.kind,
            role: open.role,
            in_quote: open.in_quote,
            runs: open.runs_start..ms.runs.len() as u32,
            section: self.heading_stack.last().copied(),
        };
        // Runs of a note read inside this block were pushed after the block's first runs:
        // keep each block's runs one contiguous range by moving its own to the end.
        let inner: Vec<Span> = ms.blocks[open.index.min(ms.blocks.len())..]
            .iter()
            .map(|b| b.span)
            .collect();
        let inside_inner = |r: &TextRun| {
            let i = inner.partition_point(|s| s.start <= r.start);
            i > 0 && r.end <= inner[i - 1].end
        };
        let own: Vec<TextRun> = ms.runs[open.runs_start as usize..]
            .iter()
            .copied()
            .filter(|r| !inside_inner(r))
            .collect();
        if own.len() as u32 != block.runs.end - block.runs.start {
            let moved_from = ms.runs.len() as u32;
            ms.runs.extend(own);
            let runs = moved_from..ms.runs.len() as u32;
            ms.blocks
                .insert(open.index.min(ms.blocks.len()), Block { runs, ..block });
        } else {
            ms.blocks.insert(open.index.min(ms.blocks.len()), block);
        }
    }

    fn maths(&mut self, at: usize, ms: &mut Manuscript) {
        let bytes = self.text.as_bytes();
        let display = bytes.get(at + 1) == Some(&b'$');
        let delimiter = if display { "$$" } else { "$" };
        let body = at + delimiter.len();
        let mut i = body;
        let end = loop {
            let Some(next) = memchr::memchr2(b'\\', b'$', &bytes[i..self.limit]) else {
                break self.limit;
            };
            let next = next + i;
            if bytes[next] == b'\\' {
                i = (next + 2).min(self.limit);
                while !self.text.is_char_boundary(i) {
                    i += 1;
                }
                continue;
            }
            if self.text[next..].starts_with(delimiter) {
                break next + delimiter.len();
            }
            i = next + 1;
        };
        self.pos = end;
        if display {
            self.close(ms);
        } else if self.open.is_some() {
            self.touch(at, end, ms);
        }
    }

    fn skip_to(&mut self, marker: &str) {
        self.pos = self.text[self.pos..self.limit]
            .find(marker)
            .map_or(self.limit, |n| self.pos + n + marker.len());
    }

    fn command(&mut self, ms: &mut Manuscript) {
        let at = self.pos;
        let name_range = lex::command_name(self.text, at);
        let name = &self.text[name_range.clone()];
        self.pos = name_range.end.max(at + 1);
        if name.is_empty() {
            return;
        }
        let bytes = self.text.as_bytes();
        let control_word = name.as_bytes()[0].is_ascii_alphabetic();
        if !control_word {
            match name {
                // Escaped characters print themselves.
                "%" | "&" | "$" | "#" | "_" | "{" | "}" => {
                    self.emit(name_range.start, name_range.end, ms)
                }
                "(" => self.skip_to("\\)"),
                "[" => {
                    self.skip_to("\\]");
                    self.close(ms);
                }
                // Accents take the next letter or group: a gap, the word's letters on
                // either side stay runs of their own.
                "'" | "\"" | "`" | "^" | "~" | "=" | "." => self.skip_accent_argument(),
                _ => {}
            }
            return;
        }
        let name = name.to_string();
        if bytes.get(self.pos) == Some(&b'*') {
            self.pos += 1;
        }
        if let Some(level) = heading_level(&name) {
            return self.heading(at, level, &name, ms);
        }
        let kind = KINDS.get(name.as_str()).copied();
        match name.as_str() {
            "begin" => self.begin(ms),
            "end" => self.end_environment(ms),
            "footnote" | "endnote" => self.note(at, true, true, ms),
            "footnotetext" | "endnotetext" => self.note(at, false, true, ms),
            "footnotemark" => self.note(at, true, false, ms),
            "item" => {
                self.close(ms);
                if let Some((_, end)) = lex::bracket_arg(self.text, self.pos) {
                    self.pos = end;
                }
            }
            "par" => self.close(ms),
            "verb" | "lstinline" | "mintinline" => self.verb(),
            "ea" => self.opaque += 1,
            "z" | "zl" => self.opaque = self.opaque.saturating_sub(1),
            "gll" | "glll" | "glt" | "trans" | "ex" if self.opaque == 0 => {
                // A gloss outside an example environment: skip to the paragraph's end.
                self.skip_to("\n\n");
                self.close(ms);
            }
            _ if kind == Some(Kind::Emphasis) => self.styled(TextRun::EMPHASIS, ms),
            _ if kind == Some(Kind::Strong) => self.styled(TextRun::STRONG, ms),
            "it" | "itshape" | "em" | "sl" | "slshape" => self.style |= TextRun::EMPHASIS,
            "bf" | "bfseries" => self.style |= TextRun::STRONG,
            "upshape" | "normalfont" | "rm" | "rmfamily" | "mdseries" => self.style = 0,
            _ if kind == Some(Kind::Cite) => self.cite(at, &name, false, ms),
            _ if kind == Some(Kind::MultiCite) => self.cite(at, &name, true, ms),
            n if n.to_ascii_lowercase().ends_with("ref") => self.skip_arguments(1),
            _ => {
                if let Some(Kind::Skip(count)) = kind {
                    self.skip_arguments(count);
                } else if let Some((_, end)) = lex::bracket_arg(self.text, self.pos)
                    .filter(|_| bytes.get(self.pos) == Some(&b'['))
                {
                    // An unknown command's optional argument is a setting, not text; its
                    // brace arguments are read as text (`\textsc{…}`, `\mbox{…}`).
                    self.pos = end;
                }
            }
        }
    }

    fn skip_accent_argument(&mut self) {
        let bytes = self.text.as_bytes();
        match bytes.get(self.pos) {
            Some(b'{') => {
                self.pos = lex::group_end(self.text, self.pos, b'{', b'}').unwrap_or(self.limit)
            }
            Some(b'\\') => {
                self.pos = lex::command_name(self.text, self.pos).end;
            }
            Some(_) => {
                let c = self.text[self.pos..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
                self.pos += c;
            }
            None => {}
        }
        self.pos = self.pos.min(self.limit);
    }

    /// Skips `*`, optional arguments and `count` brace arguments.
    fn skip_arguments(&mut self, count: usize) {
        while let Some((_, end)) = lex::bracket_arg(self.text, self.pos) {
            self.pos = end;
        }
        for _ in 0..count {
            match lex::brace_arg(self.text, self.pos) {
                Some((_, end)) => self.pos = end,
                None => break,
            }
            while let Some((_, end)) = lex::bracket_arg(self.text, self.pos) {
                self.pos = end;
            }
        }
        self.pos = self.pos.min(self.limit);
    }

    fn verb(&mut self) {
        let Some(delimiter) = self.text[self.pos..].chars().next() else {
            return;
        };
        let body = self.pos + delimiter.len_utf8();
        let close = if delimiter == '{' { '}' } else { delimiter };
        self.pos = self.text[body..self.limit]
            .find([close, '\n'])
            .map_or(self.limit, |n| body + n + 1);
    }

    /// Reads the brace argument at the current position, if any, as a nested group.
    fn argument(&mut self, ms: &mut Manuscript) -> bool {
        let start = lex::skip_space(self.text, self.pos);
        if self.text.as_bytes().get(start) != Some(&b'{') || self.depth >= MAX_DEPTH {
            return false;
        }
        self.pos = start + 1;
        self.depth += 1;
        self.group(Until::Brace, ms);
        self.depth -= 1;
        true
    }

    fn styled(&mut self, style: u8, ms: &mut Manuscript) {
        let saved = self.style;
        self.style |= style;
        self.argument(ms);
        self.style = saved;
    }

    fn heading(&mut self, at: usize, level: u8, name: &str, ms: &mut Manuscript) {
        if let Some((_, end)) = lex::bracket_arg(self.text, self.pos) {
            self.pos = end;
        }
        if self.note.is_some() || self.opaque > 0 || self.heading_text.is_some() {
            self.argument(ms);
            return;
        }
        self.close(ms);
        if matches!(name, "chapter" | "addchap") {
            self.chapter += 1;
            self.counter = 0;
        }
        let id = ms.headings.len() as HeadingId;
        self.heading_text = Some(String::new());
        self.argument(ms);
        let text = self.heading_text.take().unwrap_or_default();
        let heading_end = self.pos;
        if let Some(open) = self.open.as_mut() {
            open.kind = BlockKind::Heading(id);
            open.role = Role::Heading;
        }
        // The heading's block belongs to its own section.
        crate::frontend::close_sections(&mut self.heading_stack, &ms.headings, level);
        ms.headings.push(Heading {
            file: self.file,
            level,
            span: self.span(at, heading_end),
            text: text.split_whitespace().collect::<Vec<_>>().join(" "),
            parent: self.heading_stack.last().copied(),
        });
        self.heading_stack.push(id);
        self.close(ms);
    }

    /// `\footnote` (marker and text), `\footnotetext` (text), `\footnotemark` (marker).
    fn note(&mut self, at: usize, marker: bool, body: bool, ms: &mut Manuscript) {
        let mut explicit = None;
        if let Some((arg, end)) = lex::bracket_arg(self.text, self.pos) {
            explicit = self.text[arg].trim().parse::<u32>().ok();
            self.pos = end;
        }
        let marker_span = self.span(at, self.pos);
        let label = if body && !marker {
            self.pending_marks.pop_front()
        } else {
            None
        };
        let label = label.unwrap_or_else(|| {
            let number = explicit.unwrap_or_else(|| {
                self.counter += 1;
                self.counter
            });
            number.to_string()
        });
        if marker {
            self.touch_block(at, self.pos, true, ms);
            let block = self.open.as_ref().map_or(ms.blocks.len(), |o| o.index);
            ms.note_refs.push(NoteRef {
                file: self.file,
                number: label.parse().ok(),
                label: label.clone(),
                style: NoteStyle::Inline,
                span: marker_span,
                block: block as u32,
                scope: self.scope(),
            });
            if !body {
                self.pending_marks.push_back(label);
                return;
            }
        }
        let id = ms.notes.len() as NoteId;
        ms.notes.push(Note {
            file: self.file,
            number: label.parse().ok(),
            label,
            style: NoteStyle::Inline,
            label_span: marker_span,
            parts: Vec::new(),
            scope: self.scope(),
        });
        let outer = self.open.take();
        let (note, style, opaque, quote) = (self.note, self.style, self.opaque, self.quote_depth);
        self.note = Some(id);
        self.style = 0;
        self.opaque = 0;
        self.quote_depth = 0;
        self.argument(ms);
        self.close(ms);
        self.note = note;
        self.style = style;
        self.opaque = opaque;
        self.quote_depth = quote;
        self.open = outer;
    }

    fn scope(&self) -> u32 {
        (self.file.0 << 12) | self.chapter.min(0xfff)
    }

    fn cite(&mut self, at: usize, name: &str, multi: bool, ms: &mut Manuscript) {
        if multi {
            // `(pre)(post)` for the whole list.
            for _ in 0..2 {
                let start = lex::skip_space(self.text, self.pos);
                if self.text.as_bytes().get(start) != Some(&b'(') {
                    break;
                }
                match lex::group_end(self.text, start, b'(', b')') {
                    Some(end) => self.pos = end,
                    None => break,
                }
            }
        }
        let makes_note = name.starts_with("foot") && self.note.is_none();
        let mut keys = Vec::new();
        loop {
            while let Some((_, end)) = lex::bracket_arg(self.text, self.pos) {
                self.pos = end;
            }
            let Some((arg, end)) = lex::brace_arg(self.text, self.pos) else {
                break;
            };
            keys.extend(lex::keys(self.text, arg));
            self.pos = end;
            let next = lex::skip_space(self.text, self.pos);
            if !multi || !matches!(self.text.as_bytes().get(next), Some(b'[' | b'{')) {
                break;
            }
        }
        self.touch_block(at, self.pos, makes_note, ms);
        let mut note = self.note;
        if makes_note {
            self.counter += 1;
            let label = self.counter.to_string();
            let block = self.open.as_ref().map_or(ms.blocks.len(), |o| o.index);
            let span = self.span(at, self.pos);
            ms.note_refs.push(NoteRef {
                file: self.file,
                number: Some(self.counter),
                label: label.clone(),
                style: NoteStyle::Inline,
                span: self.span(at, at + 1 + name.len()),
                block: block as u32,
                scope: self.scope(),
            });
            note = Some(ms.notes.len() as NoteId);
            // The note's text is the citation the command prints.
            ms.notes.push(Note {
                file: self.file,
                number: Some(self.counter),
                label,
                style: NoteStyle::Inline,
                label_span: self.span(at, at + 1 + name.len()),
                parts: vec![span],
                scope: self.scope(),
            });
        }
        for key in keys {
            ms.key_citations.push(KeyCitation {
                key: Fact {
                    text: self.text[key.clone()].to_string(),
                    span: self.span(key.start, key.end),
                },
                note,
            });
        }
    }

    fn begin(&mut self, ms: &mut Manuscript) {
        let Some((arg, end)) = lex::brace_arg(self.text, self.pos) else {
            return;
        };
        let name = self.text[arg].trim().to_string();
        self.pos = end;
        let bare = name.trim_end_matches('*');
        if RAW_ENVIRONMENTS.contains(&bare) {
            self.close(ms);
            self.pos = lex::environment_end(self.text, self.pos, &name)
                .map_or(self.limit, |(_, after)| after);
            return;
        }
        if name == "document" {
            return;
        }
        self.close(ms);
        if OPAQUE_ENVIRONMENTS.contains(&name.as_str()) {
            self.opaque += 1;
            self.skip_arguments(usize::from(name.starts_with("tabular") || name == "array"));
            return;
        }
        if QUOTE_ENVIRONMENTS.contains(&name.as_str()) {
            self.quote_depth += 1;
        }
        if matches!(name.as_str(), "itemize" | "enumerate" | "description") {
            self.list_depth += 1;
        }
        let arguments = match name.as_str() {
            "minipage" | "subfigure" | "multicols" | "otherlanguage" | "wrapfigure" => 1,
            _ => 0,
        };
        self.skip_arguments(arguments);
    }

    fn end_environment(&mut self, ms: &mut Manuscript) {
        let Some((arg, end)) = lex::brace_arg(self.text, self.pos) else {
            return;
        };
        let name = self.text[arg].trim().to_string();
        self.pos = end;
        self.close(ms);
        if name == "document" {
            self.limit = self.pos;
            return;
        }
        if OPAQUE_ENVIRONMENTS.contains(&name.as_str()) {
            self.opaque = self.opaque.saturating_sub(1);
        } else if QUOTE_ENVIRONMENTS.contains(&name.as_str()) {
            self.quote_depth = self.quote_depth.saturating_sub(1);
        } else if matches!(name.as_str(), "itemize" | "enumerate" | "description") {
            self.list_depth = self.list_depth.saturating_sub(1);
        }
    }
}
