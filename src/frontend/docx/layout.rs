//! The plain text manulint indexes for a `.docx`: the body's paragraphs separated by blank
//! lines, then the footnotes, then the endnotes, each note opening with its mark. The
//! [`Layout`] keeps where each paragraph and note stands in that text, so that a diagnostic is
//! located by part, paragraph or note number and character range, never by a line of a text
//! the author never saw.

use rustc_hash::FxHashMap;

use super::fields::CslItem;
use super::xml::{Piece, RawParagraph};
use crate::model::TextRun;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Body,
    Footnotes,
    Endnotes,
}

impl Part {
    pub fn name(self) -> &'static str {
        match self {
            Part::Body => "body",
            Part::Footnotes => "footnotes",
            Part::Endnotes => "endnotes",
        }
    }
}

pub struct Marker {
    pub start: u32,
    pub end: u32,
    /// Endnote or footnote, and the note's id in its part.
    pub key: (bool, i64),
    /// Index into [`Layout::notes`], when the note exists.
    pub note: Option<usize>,
}

pub struct Paragraph {
    pub start: u32,
    pub end: u32,
    pub part: Part,
    /// One-based: the paragraph's number among the body's non-empty paragraphs, or among its
    /// note's.
    pub number: u32,
    pub note: Option<usize>,
    pub heading: Option<u8>,
    pub in_table: bool,
    /// Runs of one emphasis each, Word's run splits joined.
    pub runs: Vec<TextRun>,
    pub markers: Vec<Marker>,
}

pub struct LayoutNote {
    pub part: Part,
    pub label: String,
    pub label_start: u32,
    pub label_end: u32,
    pub paragraphs: std::ops::Range<usize>,
}

/// A citation field's printed result and the items it cites.
pub struct FieldCitation {
    pub start: u32,
    pub end: u32,
    pub paragraph: usize,
    pub items: Vec<CslItem>,
}

#[derive(Default)]
pub struct Layout {
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
    pub notes: Vec<LayoutNote>,
    pub citations: Vec<FieldCitation>,
}

/// Where an offset of the text stands in the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub part: Part,
    /// The body paragraph's number, or for a note its paragraph within the note.
    pub paragraph: u32,
    /// The note's mark, for a place in a note.
    pub note: Option<String>,
    /// Characters (Unicode scalar values) from the paragraph's start.
    pub character: usize,
}

impl Layout {
    /// The place of an offset: the paragraph (or note label) holding it or, between
    /// paragraphs, the one before.
    pub fn place(&self, offset: u32) -> Option<Place> {
        let index = self
            .paragraphs
            .partition_point(|p| p.start <= offset)
            .checked_sub(1);
        let in_label = self
            .notes
            .iter()
            .find(|n| n.label_start <= offset && offset < n.label_end);
        if let Some(note) = in_label {
            return Some(Place {
                part: note.part,
                paragraph: 1,
                note: Some(note.label.clone()),
                character: 0,
            });
        }
        let paragraph = self.paragraphs.get(index?)?;
        let end = offset.min(paragraph.end).max(paragraph.start);
        let character = self
            .text
            .get(paragraph.start as usize..end as usize)
            .map_or(0, |s| s.chars().count());
        Some(Place {
            part: paragraph.part,
            paragraph: paragraph.number,
            note: paragraph
                .note
                .and_then(|n| self.notes.get(n))
                .map(|n| n.label.clone()),
            character,
        })
    }

    /// How a message names the place: `paragraph 12` or `note 3`.
    pub fn describe(&self, offset: u32) -> String {
        match self.place(offset) {
            Some(Place {
                note: Some(label),
                part,
                ..
            }) => match part {
                Part::Endnotes => format!("endnote {label}"),
                _ => format!("note {label}"),
            },
            Some(place) => format!("paragraph {}", place.paragraph),
            None => "the document".to_string(),
        }
    }

    /// The paragraph holding an offset, for an excerpt.
    pub fn paragraph_range(&self, offset: u32) -> Option<std::ops::Range<usize>> {
        let index = self
            .paragraphs
            .partition_point(|p| p.start <= offset)
            .checked_sub(1)?;
        let p = self.paragraphs.get(index)?;
        let start = p
            .note
            .and_then(|n| self.notes.get(n))
            .filter(|n| n.paragraphs.start == index)
            .map_or(p.start, |n| n.label_start);
        Some(start as usize..p.end as usize)
    }
}

/// A paragraph being written: its text and pieces relative to its start.
#[derive(Default)]
struct Buffer {
    text: String,
    runs: Vec<TextRun>,
    markers: Vec<(u32, u32, bool, i64, Option<String>)>,
    citations: Vec<(u32, u32, Vec<CslItem>)>,
    open_citation: Option<(u32, Vec<CslItem>)>,
}

impl Buffer {
    fn push_text(&mut self, text: &str, style: u8) {
        let start = self.text.len() as u32;
        self.text.push_str(text);
        if style & super::xml::CODE != 0 {
            return;
        }
        let end = self.text.len() as u32;
        match self.runs.last_mut() {
            Some(last) if last.end == start && last.style == style => last.end = end,
            _ => self.runs.push(TextRun { start, end, style }),
        }
    }

    /// Superscript text just before a custom note mark is part of the mark as printed: a
    /// converted `11` is often `1` typed before the reference and `1` as its mark.
    fn take_superscript_tail(&mut self) -> String {
        let Some(last) = self.runs.last_mut() else {
            return String::new();
        };
        if last.style & TextRun::SUPERSCRIPT == 0 || last.end as usize != self.text.len() {
            return String::new();
        }
        let run_text = &self.text[last.start as usize..];
        let keep = run_text
            .trim_end_matches(|c: char| !c.is_whitespace())
            .len();
        let cut = last.start as usize + keep;
        let tail = self.text.split_off(cut);
        last.end = cut as u32;
        if last.start == last.end {
            self.runs.pop();
        }
        tail
    }

    fn has_content(&self) -> bool {
        !self.text.trim().is_empty()
    }

    /// Drops leading and trailing white space, keeping runs and markers on their text.
    fn trim(&mut self) {
        let lead = (self.text.len() - self.text.trim_start().len()) as u32;
        let kept_end = self.text.trim_end().len() as u32;
        let clip = |v: u32| v.clamp(lead, kept_end.max(lead)) - lead;
        self.text = self.text[lead as usize..kept_end.max(lead) as usize].to_string();
        for run in &mut self.runs {
            run.start = clip(run.start);
            run.end = clip(run.end);
        }
        self.runs.retain(|r| r.start < r.end);
        for marker in &mut self.markers {
            marker.0 = clip(marker.0);
            marker.1 = clip(marker.1);
        }
        for citation in &mut self.citations {
            citation.0 = clip(citation.0);
            citation.1 = clip(citation.1);
        }
    }

    /// Removes a leading mark a note's author typed (`w:customMarkFollows`): the note's label
    /// stands there already.
    fn strip_typed_mark(&mut self, mark: &str) {
        let Some(first) = self.runs.first() else {
            return;
        };
        if mark.is_empty()
            || first.style & TextRun::SUPERSCRIPT == 0
            || first.start != 0
            || !self.text.starts_with(mark)
            || (first.end as usize) < mark.len()
        {
            return;
        }
        self.text
            .replace_range(..mark.len(), &" ".repeat(mark.len()));
        self.trim();
    }
}

struct Numbering {
    footnotes: u32,
    endnotes: u32,
}

fn roman(mut n: u32) -> String {
    const DIGITS: &[(u32, &str)] = &[
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for &(value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// The labels of the notes, in the order their references first appear: Word numbers
/// footnotes 1, 2, 3 and endnotes i, ii, iii by default; a custom mark is its own label.
fn label_of(endnote: bool, custom: &Option<String>, numbering: &mut Numbering) -> String {
    if let Some(mark) = custom.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        return mark.to_string();
    }
    if endnote {
        numbering.endnotes += 1;
        roman(numbering.endnotes)
    } else {
        numbering.footnotes += 1;
        numbering.footnotes.to_string()
    }
}

fn fill(
    paragraph: &RawParagraph,
    buffer: &mut Buffer,
    labels: &mut dyn FnMut(bool, i64, &Option<String>) -> String,
) {
    for piece in &paragraph.pieces {
        match piece {
            Piece::Text(text, style) => buffer.push_text(text, *style),
            Piece::Marker {
                endnote,
                id,
                custom,
            } => {
                let custom = custom.as_ref().map(|mark| {
                    let mut whole = buffer.take_superscript_tail();
                    whole.push_str(mark);
                    whole
                });
                let custom = &custom;
                let label = labels(*endnote, *id, custom);
                let start = buffer.text.len() as u32;
                buffer.text.push_str(&label);
                buffer.markers.push((
                    start,
                    buffer.text.len() as u32,
                    *endnote,
                    *id,
                    custom.clone(),
                ));
            }
            Piece::OwnMark => {}
            Piece::CitationStart(items) => {
                buffer.open_citation = Some((buffer.text.len() as u32, items.clone()));
            }
            Piece::CitationEnd => {
                if let Some((start, items)) = buffer.open_citation.take() {
                    buffer
                        .citations
                        .push((start, buffer.text.len() as u32, items));
                }
            }
        }
    }
}

pub fn assemble(
    body: &[RawParagraph],
    footnotes: &[(i64, Vec<RawParagraph>)],
    endnotes: &[(i64, Vec<RawParagraph>)],
) -> Layout {
    let mut layout = Layout::default();
    let mut numbering = Numbering {
        footnotes: 0,
        endnotes: 0,
    };
    // Labels by (endnote, id), given when the first reference is read.
    let mut labels: FxHashMap<(bool, i64), String> = FxHashMap::default();
    let mut order: Vec<(bool, i64)> = Vec::new();
    let mut number = 0;
    for paragraph in body {
        let mut buffer = Buffer::default();
        fill(paragraph, &mut buffer, &mut |endnote, id, custom| {
            labels
                .entry((endnote, id))
                .or_insert_with(|| {
                    order.push((endnote, id));
                    label_of(endnote, custom, &mut numbering)
                })
                .clone()
        });
        if !buffer.has_content() && buffer.markers.is_empty() {
            continue;
        }
        number += 1;
        buffer.trim();
        write_paragraph(&mut layout, buffer, Part::Body, number, None, paragraph);
    }
    let mut by_id: FxHashMap<(bool, i64), &Vec<RawParagraph>> = FxHashMap::default();
    for (id, paragraphs) in footnotes {
        by_id.entry((false, *id)).or_insert(paragraphs);
    }
    for (id, paragraphs) in endnotes {
        by_id.entry((true, *id)).or_insert(paragraphs);
    }
    // Notes never referenced follow, in the order of their parts.
    let unreferenced: Vec<(bool, i64)> = footnotes
        .iter()
        .map(|(id, _)| (false, *id))
        .chain(endnotes.iter().map(|(id, _)| (true, *id)))
        .filter(|key| !labels.contains_key(key))
        .collect();
    let mut note_index: FxHashMap<(bool, i64), usize> = FxHashMap::default();
    for key in order.iter().chain(&unreferenced) {
        let Some(paragraphs) = by_id.get(key) else {
            continue;
        };
        let label = match labels.get(key) {
            Some(label) => label.clone(),
            None => label_of(key.0, &None, &mut numbering),
        };
        let part = if key.0 {
            Part::Endnotes
        } else {
            Part::Footnotes
        };
        let note = layout.notes.len();
        note_index.insert(*key, note);
        separate(&mut layout.text);
        let label_start = layout.text.len() as u32;
        layout.text.push_str(&label);
        let label_end = layout.text.len() as u32;
        layout.notes.push(LayoutNote {
            part,
            label: label.clone(),
            label_start,
            label_end,
            paragraphs: layout.paragraphs.len()..layout.paragraphs.len(),
        });
        let mut within = 0;
        for (i, paragraph) in paragraphs.iter().enumerate() {
            let mut buffer = Buffer::default();
            // References inside notes are rare; they number on as Word does.
            fill(paragraph, &mut buffer, &mut |endnote, _, custom| {
                label_of(endnote, custom, &mut numbering)
            });
            buffer.trim();
            if i == 0 {
                buffer.strip_typed_mark(&label);
            }
            if !buffer.has_content() {
                continue;
            }
            within += 1;
            if within == 1 {
                layout.text.push(' ');
            }
            write_paragraph(&mut layout, buffer, part, within, Some(note), paragraph);
        }
        if let Some(n) = layout.notes.last_mut() {
            n.paragraphs.end = layout.paragraphs.len();
        }
    }
    for paragraph in &mut layout.paragraphs {
        for marker in &mut paragraph.markers {
            marker.note = note_index.get(&marker.key).copied();
        }
    }
    layout
}

fn separate(text: &mut String) {
    if !text.is_empty() {
        text.push_str("\n\n");
    }
}

fn write_paragraph(
    layout: &mut Layout,
    buffer: Buffer,
    part: Part,
    number: u32,
    note: Option<usize>,
    raw: &RawParagraph,
) {
    if note.is_none() {
        separate(&mut layout.text);
    } else if number > 1 {
        layout.text.push_str("\n\n");
    }
    let base = layout.text.len() as u32;
    layout.text.push_str(&buffer.text);
    let shift = |v: u32| v + base;
    let index = layout.paragraphs.len();
    for (start, end, items) in buffer.citations {
        layout.citations.push(FieldCitation {
            start: shift(start),
            end: shift(end),
            paragraph: index,
            items,
        });
    }
    layout.paragraphs.push(Paragraph {
        start: base,
        end: layout.text.len() as u32,
        part,
        number,
        note,
        heading: raw.heading.filter(|_| note.is_none()),
        in_table: raw.in_table,
        runs: buffer
            .runs
            .iter()
            .map(|r| TextRun {
                start: shift(r.start),
                end: shift(r.end),
                style: r.style,
            })
            .collect(),
        markers: buffer
            .markers
            .into_iter()
            .map(|(start, end, endnote, id, _)| Marker {
                start: shift(start),
                end: shift(end),
                key: (endnote, id),
                // Resolved once every note is written.
                note: None,
            })
            .collect(),
    });
}
