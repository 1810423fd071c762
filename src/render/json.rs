use serde::Serialize;

use super::{Counts, Reading};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Manuscript;
use crate::source::Span;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files: Vec<FileEntry<'a>>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary<'a>,
}

#[derive(Serialize)]
struct FileEntry<'a> {
    path: &'a str,
}

#[derive(Serialize)]
struct JsonSpan {
    start: u32,
    end: u32,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    rule: &'static str,
    family: &'static str,
    severity: Severity,
    message: &'a str,
    file: &'a str,
    span: JsonSpan,
    /// Text formats: where the span stands in the file. A `.docx` has no lines: `place` says
    /// its part, paragraph and characters instead.
    #[serde(flatten)]
    position: Position,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    related: Vec<JsonRelated<'a>>,
    fingerprint: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
}

/// The edits `--fix` would make for a diagnostic: byte spans of the file and their new text.
#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'static str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    span: JsonSpan,
    content: &'a str,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    file: &'a str,
    span: JsonSpan,
    #[serde(flatten)]
    position: Position,
    message: &'a str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Position {
    Lines {
        line: usize,
        column: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        end_line: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        end_column: Option<usize>,
    },
    /// In a Word document: `part` (body, footnotes, endnotes), the paragraph (of the body,
    /// or within its note), the note's mark, and the characters (Unicode scalar values, from
    /// the paragraph's start, end exclusive).
    Document {
        part: &'static str,
        paragraph: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        note_mark: Option<String>,
        characters: JsonSpan,
    },
}

fn position(ms: &Manuscript, span: Span, with_end: bool) -> Position {
    let file = ms.sources.get(span.file);
    if let Some(layout) = file.layout.as_deref() {
        if let (Some(start), Some(end)) = (layout.place(span.start), layout.place(span.end)) {
            let end_character = if end.paragraph == start.paragraph && end.note == start.note {
                end.character
            } else {
                start.character + file.slice(span).chars().count()
            };
            return Position::Document {
                part: start.part.name(),
                paragraph: start.paragraph,
                note_mark: start.note,
                characters: JsonSpan {
                    start: start.character as u32,
                    end: end_character as u32,
                },
            };
        }
    }
    let (line, column) = file.line_col(span.start);
    let (end_line, end_column) = file.line_col(span.end);
    Position::Lines {
        line,
        column,
        end_line: with_end.then_some(end_line),
        end_column: with_end.then_some(end_column),
    }
}

#[derive(Serialize)]
struct Summary<'a> {
    errors: usize,
    warnings: usize,
    info: usize,
    /// What was read: files, notes, citations, bibliography entries, and per format.
    #[serde(flatten)]
    reading: &'a Reading,
}

fn json_span(span: Span) -> JsonSpan {
    JsonSpan {
        start: span.start,
        end: span.end,
    }
}

pub fn write(
    out: &mut dyn std::io::Write,
    ms: &Manuscript,
    diagnostics: &[Diagnostic],
    reading: &Reading,
) -> std::io::Result<()> {
    let counts = Counts::of(diagnostics);
    let output = Output {
        version: 1,
        files: ms
            .sources
            .iter()
            .map(|f| FileEntry { path: &f.name })
            .collect(),
        diagnostics: diagnostics
            .iter()
            .map(|d| {
                let file = ms.sources.get(d.span.file);
                JsonDiagnostic {
                    code: d.rule.code,
                    rule: d.rule.name,
                    family: d.rule.family.name(),
                    severity: d.severity,
                    message: &d.message,
                    file: &file.name,
                    span: json_span(d.span),
                    position: position(ms, d.span, true),
                    note: d.note.as_deref(),
                    related: d
                        .related
                        .iter()
                        .map(|r| {
                            let related_file = ms.sources.get(r.span.file);
                            JsonRelated {
                                file: &related_file.name,
                                span: json_span(r.span),
                                position: position(ms, r.span, false),
                                message: &r.message,
                            }
                        })
                        .collect(),
                    fingerprint: &d.fingerprint,
                    fix: d.fix.as_ref().map(|fix| JsonFix {
                        applicability: match fix.applicability {
                            crate::fix::Applicability::Safe => "safe",
                            crate::fix::Applicability::Unsafe => "unsafe",
                        },
                        edits: fix
                            .edits
                            .iter()
                            .map(|e| JsonEdit {
                                span: json_span(e.span),
                                content: &e.replacement,
                            })
                            .collect(),
                    }),
                }
            })
            .collect(),
        summary: Summary {
            errors: counts.errors,
            warnings: counts.warnings,
            info: counts.info,
            reading,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &output).map_err(std::io::Error::other)?;
    writeln!(out)
}
