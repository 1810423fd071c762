//! Note numbering scopes. Markdown footnote labels belong to their file. Converted
//! (`<sup>`) notes are numbered by the author's word processor: continuously, or restarting in
//! each file or at each chapter heading. The scheme is detected from where numbering falls back
//! to 1, and every marker and note text gets the scope it is numbered in.

use crate::model::{Manuscript, NoteStyle, NumberingScheme};
use crate::source::FileId;

type Position = (FileId, u32);

pub fn assign(ms: &mut Manuscript) {
    for note in ms
        .notes
        .iter_mut()
        .filter(|n| matches!(n.style, NoteStyle::Markdown | NoteStyle::Inline))
    {
        note.scope = note.file.0;
    }
    for r in ms
        .note_refs
        .iter_mut()
        .filter(|r| matches!(r.style, NoteStyle::Markdown | NoteStyle::Inline))
    {
        r.scope = r.file.0;
    }

    let markers: Vec<(Position, u32)> = ms
        .note_refs
        .iter()
        .filter(|r| r.style == NoteStyle::Superscript)
        .filter_map(|r| Some(((r.file, r.span.start), r.number?)))
        .collect();
    let restarts: Vec<usize> = (1..markers.len())
        .filter(|&i| markers[i].1 == 1 && markers[i - 1].1 > 1)
        .collect();
    let (scheme, scope_starts) = detect(ms, &markers, &restarts);
    ms.numbering = scheme;

    let scope_of =
        |position: Position| scope_starts.partition_point(|&start| start <= position) as u32;
    for note in ms
        .notes
        .iter_mut()
        .filter(|n| n.style == NoteStyle::Superscript)
    {
        note.scope = scope_of((note.file, note.label_span.start));
    }
    for r in ms
        .note_refs
        .iter_mut()
        .filter(|r| r.style == NoteStyle::Superscript)
    {
        r.scope = scope_of((r.file, r.span.start));
    }
}

/// Returns the scheme and the positions where each scope after the first begins.
fn detect(
    ms: &Manuscript,
    markers: &[(Position, u32)],
    restarts: &[usize],
) -> (NumberingScheme, Vec<Position>) {
    if restarts.is_empty() {
        return (NumberingScheme::Continuous, Vec::new());
    }
    let file_starts: Vec<Position> = ms
        .sources
        .iter()
        .filter(|f| f.kind == crate::source::SourceKind::Manuscript)
        .map(|f| (f.id, 0))
        .collect();
    if let Some(starts) = boundaries_explaining(&file_starts, markers, restarts) {
        return (NumberingScheme::RestartPerFile, starts);
    }
    for level in 1..=6u8 {
        let mut boundaries: Vec<Position> = ms
            .headings
            .iter()
            .filter(|h| h.level <= level)
            .map(|h| (h.file, h.span.start))
            .chain(file_starts.iter().copied())
            .collect();
        boundaries.sort_unstable();
        if let Some(starts) = boundaries_explaining(&boundaries, markers, restarts) {
            return (NumberingScheme::RestartPerChapter(level), starts);
        }
    }
    let starts = restarts.iter().map(|&i| markers[i].0).collect();
    (NumberingScheme::RestartIrregular, starts)
}

/// If a boundary lies between every restart and the marker before it, the boundaries where the
/// scopes begin (the last one before each restart).
fn boundaries_explaining(
    boundaries: &[Position],
    markers: &[(Position, u32)],
    restarts: &[usize],
) -> Option<Vec<Position>> {
    restarts
        .iter()
        .map(|&i| {
            let (previous, current) = (markers[i - 1].0, markers[i].0);
            let index = boundaries.partition_point(|&b| b <= current);
            let boundary = *boundaries.get(index.checked_sub(1)?)?;
            (boundary > previous).then_some(boundary)
        })
        .collect()
}
