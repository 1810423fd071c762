//! Footnotes of documents converted from Word or PDF: `<sup>12</sup>` markers in the text, and
//! note paragraphs that begin with `<sup>12</sup>`, usually after a `---` page-bottom rule. A note
//! cut by a page break goes on in the first paragraph after the next rule.

use super::file::{NoteStart, PendingMarker};
use crate::model::{BlockKind, Manuscript, Note, NoteRef, NoteStyle, Role};
use crate::source::Span;

pub fn attach(ms: &mut Manuscript, note_starts: &[NoteStart], markers: Vec<PendingMarker>) {
    for start in note_starts {
        let block = &ms.blocks[start.block as usize];
        let text = ms.sources.get(block.file).text.as_str();
        let body_start = start.label_span.end as usize;
        let body_end = (block.span.end as usize).max(body_start);
        let leading =
            text[body_start..body_end].len() - text[body_start..body_end].trim_start().len();
        let id = ms.notes.len() as u32;
        ms.notes.push(Note {
            file: block.file,
            label: start.label.clone(),
            number: super::file::parse_number(&start.label),
            style: NoteStyle::Superscript,
            label_span: start.label_span,
            parts: vec![Span::new(block.file, body_start + leading, body_end)],
            scope: 0,
        });
        ms.blocks[start.block as usize].role = Role::Note(id);
    }
    attach_continuations(ms);
    resolve_markers(ms, markers);
    sort_notes(ms);
    ms.note_refs.sort_by_key(|r| (r.file, r.span.start));
}

/// After a page-bottom rule, paragraphs that come before the page's first note text continue
/// the previous page's last note.
fn attach_continuations(ms: &mut Manuscript) {
    let mut last_note: Option<u32> = None;
    let mut after_break = false;
    let mut i = 0;
    while i < ms.blocks.len() {
        let block = &ms.blocks[i];
        if i > 0 && ms.blocks[i - 1].file != block.file {
            last_note = None;
            after_break = false;
        }
        match block.role {
            Role::Break => after_break = true,
            Role::Note(id) if ms.notes[id as usize].style == NoteStyle::Superscript => {
                last_note = Some(id);
                after_break = false;
            }
            Role::Body if after_break && last_note.is_some() => {
                let run_end = continuation_end(ms, i);
                if let (Some(end), Some(note)) = (run_end, last_note) {
                    for j in i..end {
                        let span = ms.blocks[j].span;
                        ms.blocks[j].role = Role::Note(note);
                        ms.notes[note as usize].parts.push(span);
                    }
                    i = end;
                    after_break = false;
                    continue;
                }
                after_break = false;
            }
            _ => after_break = false,
        }
        i += 1;
    }
}

/// If the body paragraphs from `start` lead straight to a converted note's text, where they end.
fn continuation_end(ms: &Manuscript, start: usize) -> Option<usize> {
    let file = ms.blocks[start].file;
    for (j, block) in ms.blocks.iter().enumerate().skip(start) {
        if block.file != file {
            return None;
        }
        match block.role {
            Role::Body if matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem) => {}
            Role::Note(id) if ms.notes[id as usize].style == NoteStyle::Superscript => {
                return (j > start).then_some(j);
            }
            _ => return None,
        }
    }
    None
}

fn resolve_markers(ms: &mut Manuscript, markers: Vec<PendingMarker>) {
    let plain_labels: std::collections::HashSet<(u32, &str)> = markers
        .iter()
        .filter(|m| !m.after_digit)
        .map(|m| (m.span.file.0, m.label.as_str()))
        .collect();
    let defined: std::collections::HashSet<(u32, &str)> = ms
        .notes
        .iter()
        .filter(|n| n.style == NoteStyle::Superscript)
        .map(|n| (n.file.0, n.label.as_str()))
        .collect();
    let mut refs = Vec::new();
    for marker in &markers {
        let role = ms.blocks.get(marker.block as usize).map(|b| b.role);
        if !matches!(role, Some(Role::Body | Role::Heading)) {
            continue;
        }
        let key = (marker.span.file.0, marker.label.as_str());
        // `10<sup>3</sup>` is an exponent unless it is the only marker for a note that exists.
        if marker.after_digit && (plain_labels.contains(&key) || !defined.contains(&key)) {
            continue;
        }
        refs.push(NoteRef {
            file: marker.span.file,
            label: marker.label.clone(),
            number: super::file::parse_number(&marker.label),
            style: NoteStyle::Superscript,
            span: marker.span,
            block: marker.block,
            scope: 0,
        });
    }
    ms.note_refs.extend(refs);
}

/// Puts notes in reading order and renumbers the block roles that point to them. A note
/// stands where a reader meets it: a `[^label]` note at its first marker (its text is often
/// at the end of the file, and inline `^[…]` notes are read where they stand), a converted
/// note where its text is.
fn sort_notes(ms: &mut Manuscript) {
    let mut first_marker: std::collections::HashMap<(crate::source::FileId, &str), u32> =
        std::collections::HashMap::new();
    for r in ms
        .note_refs
        .iter()
        .filter(|r| r.style == NoteStyle::Markdown)
    {
        first_marker
            .entry((r.file, r.label.as_str()))
            .and_modify(|at| *at = (*at).min(r.span.start))
            .or_insert(r.span.start);
    }
    let mut order: Vec<u32> = (0..ms.notes.len() as u32).collect();
    order.sort_by_key(|&i| {
        let note = &ms.notes[i as usize];
        let place = match note.style {
            NoteStyle::Markdown => first_marker
                .get(&(note.file, note.label.as_str()))
                .copied()
                .unwrap_or(note.label_span.start),
            NoteStyle::Superscript | NoteStyle::Inline => note.label_span.start,
        };
        (note.file, place)
    });
    drop(first_marker);
    if order
        .iter()
        .enumerate()
        .all(|(new, &old)| new as u32 == old)
    {
        return;
    }
    let mut new_id = vec![0u32; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_id[old as usize] = new as u32;
    }
    let mut notes: Vec<Option<Note>> = std::mem::take(&mut ms.notes)
        .into_iter()
        .map(Some)
        .collect();
    ms.notes = order
        .iter()
        .filter_map(|&old| notes[old as usize].take())
        .collect();
    for block in &mut ms.blocks {
        if let Role::Note(id) = block.role {
            block.role = Role::Note(new_id[id as usize]);
        }
    }
}
