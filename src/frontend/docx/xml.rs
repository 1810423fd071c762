//! One pass of quick-xml over a WordprocessingML part (`document.xml`, `footnotes.xml`,
//! `endnotes.xml`): paragraphs as sequences of pieces (text with its emphasis, note
//! references, the note's own mark), with what Word does not print left out: deleted text,
//! field codes, drawings, maths.

use quick_xml::events::{BytesStart, Event};

use super::fields::{self, CslItem};
use super::styles::Styles;
use crate::model::TextRun;

#[derive(Clone, Debug)]
pub enum Piece {
    Text(String, u8),
    /// A note reference; `custom` is the mark typed after it (`w:customMarkFollows`).
    Marker {
        endnote: bool,
        id: i64,
        custom: Option<String>,
    },
    /// `w:footnoteRef`/`w:endnoteRef`: where Word prints a note's own number.
    OwnMark,
    /// The result of a citation field (Zotero, Mendeley) begins, with the items it cites.
    CitationStart(Vec<CslItem>),
    CitationEnd,
}

#[derive(Debug, Default)]
pub struct RawParagraph {
    pub pieces: Vec<Piece>,
    pub heading: Option<u8>,
    pub in_table: bool,
}

/// A part's paragraphs; for a notes part, each note's id with its paragraphs.
#[derive(Default)]
pub struct Part {
    pub paragraphs: Vec<RawParagraph>,
    pub notes: Vec<(i64, Vec<RawParagraph>)>,
}

/// Elements whose content Word does not print as text, or not as prose: tracked deletions
/// and moves away, drawings and text boxes, embedded objects, and the property blocks of
/// sections and tables. Maths (`m:t`) is kept in the text, as it prints, but given no run:
/// it is no prose to check (`ΔL` is no misspelt word), as Markdown's `$…$` is masked.
const SKIPPED: &[&[u8]] = &[
    b"w:del",
    b"w:moveFrom",
    b"w:delText",
    b"w:drawing",
    b"w:pict",
    b"w:object",
    b"mc:AlternateContent",
    b"w:sectPr",
    b"w:tblPr",
    b"w:sdtPr",
    b"w:commentReference",
];

/// A style bit of the reader's own: text in a code style (`Verbatim Char`, `Source Code`,
/// `HTML Code`) is kept in the text but given no run, as a Markdown code span has none.
/// Maths has the same bit.
pub const CODE: u8 = 0x80;

struct Field {
    instruction: String,
    in_result: bool,
    citation: bool,
}

struct Walker<'s> {
    styles: &'s Styles,
    part: Part,
    paragraph: Option<RawParagraph>,
    in_ppr: bool,
    in_rpr: bool,
    paragraph_style: Option<String>,
    outline: Option<u8>,
    run_style: Option<String>,
    direct_italic: Option<bool>,
    direct_bold: Option<bool>,
    superscript: bool,
    link_depth: u32,
    table_depth: u32,
    skip: u32,
    /// A note reference whose custom mark follows in this run.
    custom_pending: bool,
    in_instruction: bool,
    in_text: bool,
    math_depth: u32,
    fields: Vec<Field>,
    /// `w:fldSimple` elements open, and whether each is a citation.
    simple_fields: Vec<bool>,
    note: Option<(i64, Vec<RawParagraph>)>,
}

fn attribute(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    let attribute = e.try_get_attribute(name).ok().flatten()?;
    attribute
        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .ok()
        .map(|v| v.into_owned())
}

fn on(e: &BytesStart<'_>) -> bool {
    !matches!(
        attribute(e, b"w:val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

/// Reads one part.
pub fn read(xml: &str, styles: &Styles) -> Part {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    // A misnested end tag (a producer's slip) ends nothing early: elements are read by name.
    reader.config_mut().check_end_names = false;
    let mut walker = Walker {
        styles,
        part: Part::default(),
        paragraph: None,
        in_ppr: false,
        in_rpr: false,
        paragraph_style: None,
        outline: None,
        run_style: None,
        direct_italic: None,
        direct_bold: None,
        superscript: false,
        link_depth: 0,
        table_depth: 0,
        skip: 0,
        custom_pending: false,
        in_instruction: false,
        in_text: false,
        math_depth: 0,
        fields: Vec::new(),
        simple_fields: Vec::new(),
        note: None,
    };
    // Malformed XML ends the part where it breaks: what was read before stays read.
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Eof => break,
            Event::Start(e) => walker.start(&e, false),
            Event::Empty(e) => walker.start(&e, true),
            Event::End(e) => walker.end(e.name().as_ref()),
            Event::Text(t) if walker.in_text || walker.in_instruction => {
                if let Ok(text) = t.xml10_content() {
                    walker.text(&text);
                }
            }
            Event::CData(t) if walker.in_text || walker.in_instruction => {
                if let Ok(text) = t.decode() {
                    walker.text(&text);
                }
            }
            Event::GeneralRef(r) if walker.in_text || walker.in_instruction => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => r
                        .decode()
                        .ok()
                        .and_then(|name| quick_xml::escape::resolve_predefined_entity(&name))
                        .map(str::to_string),
                };
                if let Some(text) = resolved {
                    walker.text(&text);
                }
            }
            _ => {}
        }
    }
    walker.close_paragraph();
    walker.part
}

impl Walker<'_> {
    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        let name = e.name();
        let name = name.as_ref();
        if self.skip > 0 {
            if !empty {
                self.skip += 1;
            }
            return;
        }
        if SKIPPED.contains(&name) {
            if !empty {
                self.skip = 1;
            }
            return;
        }
        match name {
            b"w:footnote" | b"w:endnote" => {
                let separator = attribute(e, b"w:type").is_some_and(|t| t != "normal");
                if separator {
                    if !empty {
                        self.skip = 1;
                    }
                    return;
                }
                let id = attribute(e, b"w:id")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                self.note = Some((id, Vec::new()));
            }
            b"w:p" => {
                self.close_paragraph();
                self.paragraph = Some(RawParagraph {
                    in_table: self.table_depth > 0,
                    ..RawParagraph::default()
                });
                self.paragraph_style = None;
                self.outline = None;
                if empty {
                    self.close_paragraph();
                }
            }
            b"w:pPr" => self.in_ppr = !empty,
            b"w:pStyle" if self.in_ppr => self.paragraph_style = attribute(e, b"w:val"),
            b"w:outlineLvl" if self.in_ppr => {
                self.outline = attribute(e, b"w:val").and_then(|v| v.parse().ok());
            }
            b"w:rPr" if !self.in_ppr => self.in_rpr = !empty,
            b"w:r" => {
                self.run_style = None;
                self.direct_italic = None;
                self.direct_bold = None;
                self.superscript = false;
            }
            b"w:rStyle" if self.in_rpr => self.run_style = attribute(e, b"w:val"),
            b"m:oMath" if !empty => self.math_depth += 1,
            b"w:i" if self.in_rpr => self.direct_italic = Some(on(e)),
            b"w:b" if self.in_rpr => self.direct_bold = Some(on(e)),
            b"w:vertAlign" if self.in_rpr => {
                self.superscript = attribute(e, b"w:val").as_deref() == Some("superscript");
            }
            // A field's code: read into the field, never printed.
            b"w:instrText" if !empty => self.in_instruction = true,
            // Only these hold text: white space between elements is layout of the XML.
            b"w:t" | b"m:t" if !empty => self.in_text = true,
            b"w:tbl" if !empty => self.table_depth += 1,
            b"w:hyperlink" if !empty => self.link_depth += 1,
            b"w:tab" | b"w:ptab" if !self.in_ppr => self.text("\t"),
            b"w:br" | b"w:cr" => self.text("\n"),
            b"w:noBreakHyphen" => self.text("-"),
            b"w:footnoteReference" | b"w:endnoteReference" => {
                let custom =
                    attribute(e, b"w:customMarkFollows").is_some_and(|v| v != "0" && v != "false");
                let id = attribute(e, b"w:id")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                self.push(Piece::Marker {
                    endnote: name == b"w:endnoteReference",
                    id,
                    custom: custom.then(String::new),
                });
                self.custom_pending = custom;
            }
            b"w:footnoteRef" | b"w:endnoteRef" => self.push(Piece::OwnMark),
            b"w:fldChar" => match attribute(e, b"w:fldCharType").as_deref() {
                Some("begin") => self.fields.push(Field {
                    instruction: String::new(),
                    in_result: false,
                    citation: false,
                }),
                Some("separate") => {
                    let items = self.fields.last_mut().and_then(|field| {
                        field.in_result = true;
                        fields::citation_items(&field.instruction)
                    });
                    if let Some(items) = items {
                        if let Some(field) = self.fields.last_mut() {
                            field.citation = true;
                        }
                        self.push(Piece::CitationStart(items));
                    }
                }
                Some("end") if self.fields.pop().is_some_and(|f| f.citation) => {
                    self.push(Piece::CitationEnd);
                }
                _ => {}
            },
            b"w:fldSimple" if !empty => {
                let items = attribute(e, b"w:instr").and_then(|i| fields::citation_items(&i));
                self.simple_fields.push(items.is_some());
                if let Some(items) = items {
                    self.push(Piece::CitationStart(items));
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match name {
            b"w:instrText" => self.in_instruction = false,
            b"w:t" | b"m:t" => self.in_text = false,
            b"m:oMath" => self.math_depth = self.math_depth.saturating_sub(1),
            b"w:p" => self.close_paragraph(),
            b"w:pPr" => self.in_ppr = false,
            b"w:rPr" => self.in_rpr = false,
            b"w:tbl" => self.table_depth = self.table_depth.saturating_sub(1),
            b"w:hyperlink" => self.link_depth = self.link_depth.saturating_sub(1),
            b"w:fldSimple" if self.simple_fields.pop() == Some(true) => {
                self.push(Piece::CitationEnd);
            }
            b"w:footnote" | b"w:endnote" => {
                self.close_paragraph();
                if let Some(note) = self.note.take() {
                    self.part.notes.push(note);
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.skip > 0 {
            return;
        }
        if self.in_instruction {
            if let Some(field) = self.fields.last_mut() {
                field.instruction.push_str(text);
            }
            return;
        }
        // Text between a field's code and its result is code too.
        if self.fields.iter().any(|f| !f.in_result) || self.in_ppr {
            return;
        }
        let style = self.style();
        let Some(paragraph) = self.paragraph.as_mut() else {
            return;
        };
        // A custom mark may be split over runs (`1`, `1`): it goes on while superscript
        // text without a space follows.
        if self.custom_pending {
            match paragraph.pieces.last_mut() {
                Some(Piece::Marker {
                    custom: Some(mark), ..
                }) if mark.is_empty()
                    || (style & TextRun::SUPERSCRIPT != 0
                        && !text.contains(char::is_whitespace)) =>
                {
                    mark.push_str(text);
                    return;
                }
                _ => self.custom_pending = false,
            }
        }
        match paragraph.pieces.last_mut() {
            Some(Piece::Text(last, last_style)) if *last_style == style => last.push_str(text),
            _ => paragraph.pieces.push(Piece::Text(text.to_string(), style)),
        }
    }

    fn style(&self) -> u8 {
        let paragraph = self.paragraph_style.as_deref();
        let run = self.run_style.as_deref();
        let italic = self
            .direct_italic
            .or_else(|| run.and_then(|s| self.styles.italic(s)))
            .or_else(|| paragraph.and_then(|s| self.styles.italic(s)))
            .unwrap_or(false);
        let bold = self
            .direct_bold
            .or_else(|| run.and_then(|s| self.styles.bold(s)))
            .or_else(|| paragraph.and_then(|s| self.styles.bold(s)))
            .unwrap_or(false);
        let mut style = 0;
        if self.math_depth > 0
            || run.is_some_and(|s| self.styles.is_code(s))
            || paragraph.is_some_and(|s| self.styles.is_code(s))
        {
            return CODE;
        }
        if italic {
            style |= TextRun::EMPHASIS;
        }
        if bold {
            style |= TextRun::STRONG;
        }
        if self.link_depth > 0 {
            style |= TextRun::LINK;
        }
        if self.superscript {
            style |= TextRun::SUPERSCRIPT;
        }
        style
    }

    fn push(&mut self, piece: Piece) {
        if !matches!(piece, Piece::Marker { .. }) {
            self.custom_pending = false;
        }
        if let Some(paragraph) = self.paragraph.as_mut() {
            paragraph.pieces.push(piece);
        }
    }

    fn close_paragraph(&mut self) {
        self.custom_pending = false;
        let Some(mut paragraph) = self.paragraph.take() else {
            return;
        };
        paragraph.heading = match self.outline {
            Some(level) if level < 9 => Some(level + 1),
            Some(_) => None,
            None => self
                .paragraph_style
                .as_deref()
                .and_then(|s| self.styles.heading(s)),
        };
        match self.note.as_mut() {
            Some((_, paragraphs)) => paragraphs.push(paragraph),
            None => self.part.paragraphs.push(paragraph),
        }
    }
}
