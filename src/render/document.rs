//! Human output for diagnostics in a Word document: located by paragraph or note and
//! characters, with an excerpt of the paragraph, since a `.docx` has no lines to show.

use codespan_reporting::term::termcolor::{Color, ColorSpec, WriteColor};

use crate::diagnostic::{Diagnostic, Severity};
use crate::frontend::docx::Layout;
use crate::model::Manuscript;
use crate::source::Span;

/// Characters of the paragraph shown on each side of the flagged text.
const CONTEXT: usize = 50;

/// `Chapter 2.docx, paragraph 12, characters 31–35`; `ch1.md:3:7` for a text file.
pub fn location(ms: &Manuscript, span: Span) -> String {
    let file = ms.sources.get(span.file);
    match place(ms, span) {
        Some(place) => format!("{}, {place}", file.name),
        None if file.layout.is_some() => file.name.clone(),
        None => {
            let (line, column) = file.line_col(span.start);
            format!("{}:{line}:{column}", file.name)
        }
    }
}

/// Where a span stands in a Word document (`note 3, characters 5–9`); `None` in a text file.
pub fn place(ms: &Manuscript, span: Span) -> Option<String> {
    let file = ms.sources.get(span.file);
    let layout = file.layout.as_deref()?;
    let place = layout.place(span.start)?;
    let length = file.slice(span).chars().count().max(1);
    let first = place.character + 1;
    let characters = if length == 1 {
        format!("character {first}")
    } else {
        format!("characters {first}–{}", first + length - 1)
    };
    let within = match (&place.note, place.paragraph) {
        (Some(_), 1) => String::new(),
        (Some(_), n) => format!(", paragraph {n}"),
        (None, _) => String::new(),
    };
    Some(format!(
        "{}{within}, {characters}",
        layout.describe(span.start)
    ))
}

/// The paragraph around a span on one line, and where the span stands in it (in characters).
fn excerpt(text: &str, layout: &Layout, span: Span) -> (String, usize, usize) {
    let range = layout
        .paragraph_range(span.start)
        .unwrap_or(span.start as usize..span.end as usize);
    let start = (span.start as usize).clamp(range.start, range.end);
    let end = (span.end as usize).clamp(start, range.end.max(start));
    let before: Vec<char> = text.get(range.start..start).unwrap_or("").chars().collect();
    let inside: String = text.get(start..end).unwrap_or("").to_string();
    let after: Vec<char> = text.get(end..range.end).unwrap_or("").chars().collect();
    let mut line = String::new();
    if before.len() > CONTEXT {
        line.push('…');
    }
    line.extend(&before[before.len().saturating_sub(CONTEXT)..]);
    let offset = line.chars().count();
    line.push_str(&inside);
    line.extend(after.iter().take(CONTEXT));
    if after.len() > CONTEXT {
        line.push('…');
    }
    let line: String = line
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    (line, offset, inside.chars().count().max(1))
}

pub fn write(
    out: &mut dyn WriteColor,
    ms: &Manuscript,
    layout: &Layout,
    d: &Diagnostic,
) -> std::io::Result<()> {
    let (label, color) = match d.severity {
        Severity::Error => ("error", Color::Red),
        Severity::Warning => ("warning", Color::Yellow),
        Severity::Info => ("info", Color::Green),
    };
    out.set_color(ColorSpec::new().set_fg(Some(color)).set_bold(true))?;
    write!(out, "{label}[{}/{}]", d.rule.code, d.rule.name)?;
    out.reset()?;
    writeln!(out, ": {}", d.message)?;
    writeln!(out, "  ┌─ {}", location(ms, d.span))?;
    let text = &ms.sources.get(d.span.file).text;
    let (line, offset, width) = excerpt(text, layout, d.span);
    writeln!(out, "  │ {line}")?;
    writeln!(out, "  │ {}{}", " ".repeat(offset), "^".repeat(width))?;
    if let Some(note) = &d.note {
        writeln!(out, "  = in note {note}")?;
    }
    for related in d.related.iter().take(super::human::SHOWN_RELATED) {
        writeln!(
            out,
            "  = {}: {}",
            location(ms, related.span),
            related.message
        )?;
    }
    if d.related.len() > super::human::SHOWN_RELATED {
        writeln!(
            out,
            "  = and {} more places (`--format json` lists them all)",
            d.related.len() - super::human::SHOWN_RELATED
        )?;
    }
    writeln!(out)
}
