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
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
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
    line: usize,
    column: usize,
    message: &'a str,
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
                let (line, column) = file.line_col(d.span.start);
                let (end_line, end_column) = file.line_col(d.span.end);
                JsonDiagnostic {
                    code: d.rule.code,
                    rule: d.rule.name,
                    family: d.rule.family.name(),
                    severity: d.severity,
                    message: &d.message,
                    file: &file.name,
                    span: json_span(d.span),
                    line,
                    column,
                    end_line,
                    end_column,
                    note: d.note.as_deref(),
                    related: d
                        .related
                        .iter()
                        .map(|r| {
                            let related_file = ms.sources.get(r.span.file);
                            let (line, column) = related_file.line_col(r.span.start);
                            JsonRelated {
                                file: &related_file.name,
                                span: json_span(r.span),
                                line,
                                column,
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
