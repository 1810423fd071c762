use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::{Error as FilesError, Files, Location};
use codespan_reporting::term::{self, Config, Styles, StylesWriter, termcolor};

use super::{Counts, Reading, plural};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Manuscript;
use crate::source::{FileId, Sources, Span};

/// Lines longer than this are shown as a window around the labels: documents converted from
/// Word hold a whole paragraph on one line.
const LONG_LINE: usize = 160;
/// Characters of context kept on each side of the labels in a long line.
const WINDOW_CONTEXT: usize = 50;

/// The manuscript's files as codespan-reporting sees them for one diagnostic: long lines are
/// cut down to the part around the diagnostic's labels; locations stay those of the real file.
struct Excerpts<'s> {
    sources: &'s Sources,
    windows: Vec<(FileId, usize, Range<usize>)>,
}

impl<'s> Excerpts<'s> {
    fn new(sources: &'s Sources, spans: &[Span]) -> Self {
        let mut needed: Vec<(FileId, usize, usize, usize)> = Vec::new();
        for span in spans {
            let file = sources.get(span.file);
            let first = file.line_index(span.start);
            let last = file.line_index(span.end);
            needed.push((span.file, first, span.start as usize, span.start as usize));
            if first == last {
                needed.push((span.file, first, span.end as usize, span.end as usize));
            } else {
                needed.push((span.file, last, span.end as usize, span.end as usize));
            }
        }
        let mut windows: Vec<(FileId, usize, Range<usize>)> = Vec::new();
        for (file_id, line, low, high) in needed {
            match windows
                .iter_mut()
                .find(|(f, l, _)| *f == file_id && *l == line)
            {
                Some((_, _, range)) => {
                    range.start = range.start.min(low);
                    range.end = range.end.max(high);
                }
                None => windows.push((file_id, line, low..high)),
            }
        }
        for (file_id, line, range) in &mut windows {
            let file = sources.get(*file_id);
            let line_start = file.line_start(*line) as usize;
            let line_text = file.text[line_start..file.line_start(*line + 1) as usize]
                .trim_end_matches(['\n', '\r']);
            let line_end = line_start + line_text.len();
            if line_text.len() <= LONG_LINE {
                *range = line_start..line_end;
                continue;
            }
            let before = &file.text[line_start..range.start.clamp(line_start, line_end)];
            let start = before
                .char_indices()
                .rev()
                .nth(WINDOW_CONTEXT)
                .map_or(line_start, |(i, _)| line_start + i);
            let after_start = range.end.clamp(line_start, line_end);
            let after = &file.text[after_start..line_end];
            let end = after
                .char_indices()
                .nth(WINDOW_CONTEXT)
                .map_or(line_end, |(i, _)| after_start + i);
            *range = start..end;
        }
        Excerpts { sources, windows }
    }
}

impl<'a> Files<'a> for Excerpts<'_> {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        self.sources.check(id)?;
        Ok(self.sources.get(id).name.as_str())
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        self.sources.check(id)?;
        Ok(self.sources.get(id).text.as_str())
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        self.sources.check(id)?;
        Ok(self.sources.get(id).line_index(byte_index as u32))
    }

    fn location(&'a self, id: FileId, byte_index: usize) -> Result<Location, FilesError> {
        self.sources.check(id)?;
        let (line_number, column_number) = self.sources.get(id).line_col(byte_index as u32);
        Ok(Location {
            line_number,
            column_number,
        })
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        self.sources.check(id)?;
        if let Some((_, _, range)) = self
            .windows
            .iter()
            .find(|(f, l, _)| *f == id && *l == line_index)
        {
            return Ok(range.clone());
        }
        let file = self.sources.get(id);
        if line_index >= file.line_count() {
            return Err(FilesError::LineTooLarge {
                given: line_index,
                max: file.line_count().saturating_sub(1),
            });
        }
        Ok(file.line_start(line_index) as usize..file.line_start(line_index + 1) as usize)
    }
}

impl Sources {
    fn check(&self, id: FileId) -> Result<(), FilesError> {
        if (id.0 as usize) < self.len() {
            Ok(())
        } else {
            Err(FilesError::FileMissing)
        }
    }
}

/// Related places shown under a diagnostic: a grouped finding (94 hyphenated ranges of one
/// file) shows its first few, and says how many more there are.
pub(super) const SHOWN_RELATED: usize = 6;

fn report(d: &Diagnostic) -> Report<FileId> {
    let severity = match d.severity {
        Severity::Error => ReportSeverity::Error,
        Severity::Warning => ReportSeverity::Warning,
        Severity::Info => ReportSeverity::Note,
    };
    let mut labels = vec![Label::primary(d.span.file, d.span.range())];
    labels.extend(
        d.related
            .iter()
            .take(SHOWN_RELATED)
            .map(|r| Label::secondary(r.span.file, r.span.range()).with_message(&r.message)),
    );
    let mut notes = Vec::new();
    if let Some(note) = &d.note {
        notes.push(format!("in note {note}"));
    }
    if d.related.len() > SHOWN_RELATED {
        notes.push(format!(
            "and {} more places (`--format json` lists them all)",
            d.related.len() - SHOWN_RELATED
        ));
    }
    Report::new(severity)
        .with_code(format!("{}/{}", d.rule.code, d.rule.name))
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes)
}

/// Renders every diagnostic with its source excerpt, then a one-line summary.
///
/// codespan-reporting spends tens of thousands of instructions on each excerpt, so the
/// diagnostics are rendered in two halves on both cores, each into its own buffer, and the
/// buffers written in order.
pub fn write(
    out: &mut dyn termcolor::WriteColor,
    ms: &Manuscript,
    diagnostics: &[Diagnostic],
    reading: &Reading,
) -> std::io::Result<()> {
    let color = out.supports_color();
    let (first, second) = diagnostics.split_at(diagnostics.len() / 2);
    let (first, second) = crate::parallel::both(
        || render_all(ms, first, color),
        || render_all(ms, second, color),
    );
    out.write_all(first?.as_slice())?;
    out.write_all(second?.as_slice())?;
    writeln!(out, "{}", summary(reading, diagnostics))
}

fn render_all(
    ms: &Manuscript,
    diagnostics: &[Diagnostic],
    color: bool,
) -> std::io::Result<termcolor::Buffer> {
    let mut out = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    let config = Config {
        // Neighbouring lines of a converted document are whole paragraphs: show only the
        // lines the labels are on.
        start_context_lines: 0,
        end_context_lines: 0,
        before_label_lines: 0,
        after_label_lines: 0,
        ..Config::default()
    };
    let styles = Styles::default();
    for d in diagnostics {
        if d.severity == Severity::Info {
            write_hint(&mut out, ms, d)?;
            continue;
        }
        if let Some(layout) = ms.sources.get(d.span.file).layout.as_deref() {
            super::document::write(&mut out, ms, layout, d)?;
            continue;
        }
        let spans: Vec<Span> = std::iter::once(d.span)
            .chain(d.related.iter().take(SHOWN_RELATED).map(|r| r.span))
            .collect();
        let files = Excerpts::new(&ms.sources, &spans);
        let rendered = if color {
            let mut writer = StylesWriter::new(&mut out, &styles);
            term::emit_to_write_style(&mut writer, &config, &files, &report(d))
        } else {
            term::emit_to_io_write(&mut out, &config, &files, &report(d))
        };
        rendered.map_err(|e| std::io::Error::other(e.to_string()))?;
    }
    Ok(out)
}

/// Info-level diagnostics are hints, often many (each use of a minority style): one line of
/// message and one of location each, no excerpt.
fn write_hint(
    out: &mut dyn termcolor::WriteColor,
    ms: &Manuscript,
    d: &Diagnostic,
) -> std::io::Result<()> {
    let in_note = d
        .note
        .as_ref()
        .map(|note| format!(" (in note {note})"))
        .unwrap_or_default();
    out.set_color(
        termcolor::ColorSpec::new()
            .set_fg(Some(termcolor::Color::Green))
            .set_bold(true),
    )?;
    write!(out, "info[{}/{}]", d.rule.code, d.rule.name)?;
    out.reset()?;
    writeln!(out, ": {}{in_note}", d.message)?;
    writeln!(out, "  --> {}", super::document::location(ms, d.span))
}

pub fn summary(reading: &Reading, diagnostics: &[Diagnostic]) -> String {
    let counts = Counts::of(diagnostics);
    let read = &reading.total;
    let style = reading
        .citation_style
        .as_ref()
        .map(|s| {
            let how = if s.detected { "detected" } else { "declared" };
            format!(" ({} style, {how})", s.name)
        })
        .unwrap_or_default();
    let citations = read
        .citations
        .map(|n| format!("{}{style}, ", plural(n, "citation", "citations")))
        .unwrap_or_default();
    let scope = format!(
        "{}, {}, {citations}{}",
        plural(read.files, "file", "files"),
        plural(read.notes, "note", "notes"),
        plural(
            read.bibliography_entries,
            "bibliography entry",
            "bibliography entries"
        ),
    );
    if counts.total() == 0 {
        format!("No problems found ({scope}).")
    } else {
        format!(
            "Found {} ({}, {}, {} info) in {scope}.",
            plural(counts.total(), "problem", "problems"),
            plural(counts.errors, "error", "errors"),
            plural(counts.warnings, "warning", "warnings"),
            counts.info,
        )
    }
}
