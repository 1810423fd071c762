use std::collections::{HashMap, HashSet};

use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::fix::{Applicability, Edit, Fix};
use crate::model::{Manuscript, NoteRef, NoteStyle};
use crate::rules::Context;
use crate::source::Span;

declare_rule! {
    /// Numbered note markers out of order, repeated, or with a gap.
    ///
    /// ## What it checks
    /// Numbered markers must run 1, 2, 3… in reading order within each numbering scope. The
    /// scheme is detected: continuous through the manuscript, or restarting in each file or at
    /// each chapter heading. A marker that breaks the longest in-order run is reported as out
    /// of order; a number used twice as repeated; and a number skipped by the markers as a gap,
    /// unless a note with that number exists without a marker (`footnote-unreferenced` reports
    /// that). Markdown footnotes (`[^12]`) are not checked: their labels are names, and every
    /// Markdown processor numbers the printed notes in the order of their markers. Set
    /// `markdown-labels = true` to hold numeric Markdown labels to the sequence as well
    /// (labels kept in step with the printed numbers make the source easier to follow).
    ///
    /// ## Why
    /// Out-of-order or missing numbers mean a note was moved, deleted or lost in conversion
    /// without its marker, and readers follow a number to the wrong source.
    ///
    /// ## Example
    /// ```markdown
    /// Gudov ran his milling machine at 410% of the norm.<sup>14</sup> Busygin answered
    /// with a record of his own.<sup>16</sup>
    /// ```
    /// Restore marker 15 or renumber the notes so the markers run 14, 15.
    ///
    /// ## Fix (unsafe)
    /// With `--fix --unsafe-fixes`, the notes of a numbering scope are renumbered in reading
    /// order from its lowest number: each marker and its note's label get the same new number,
    /// so every marker keeps its note (definitions stay where they are). Unsafe because
    /// references such as "see note 17" in the text are not renumbered. Offered only when the
    /// pairing is certain: every numbered marker has exactly one note and every note one marker
    /// (no repeated superscript marker), all in one file.
    ///
    /// ## Options
    /// ```toml
    /// [rules.footnote-sequence]
    /// markdown-labels = true   # check (and renumber) numeric Markdown labels too
    /// ```
    pub static FOOTNOTE_SEQUENCE = {
        code: "FN004",
        name: "footnote-sequence",
        family: Footnotes,
        severity: Warning,
        enabled: true,
        options: ["markdown-labels"],
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut scopes: Vec<(NoteStyle, u32)> = Vec::new();
    let mut by_scope: HashMap<(NoteStyle, u32), Vec<usize>> = HashMap::new();
    for (i, marker) in cx.manuscript.note_refs.iter().enumerate() {
        let key = (marker.style, marker.scope);
        by_scope
            .entry(key)
            .or_insert_with(|| {
                scopes.push(key);
                Vec::new()
            })
            .push(i);
    }
    for key in scopes {
        let markers = &by_scope[&key];
        check_scope(cx, key, markers, out);
    }
}

fn check_scope(
    cx: &Context<'_>,
    (style, scope): (NoteStyle, u32),
    markers: &[usize],
    out: &mut Vec<Finding>,
) {
    let ms = cx.manuscript;
    let refs: Vec<&NoteRef> = markers.iter().map(|&i| &ms.note_refs[i]).collect();
    let markdown_labels = cx.options.flag("markdown-labels");
    if style == NoteStyle::Markdown && !markdown_labels {
        // Markdown labels are names, even when they are digits: Pandoc, kramdown, GFM and
        // MultiMarkdown number notes in the order their markers appear, so `[^43]` before
        // `[^41]` prints as notes 1 and 2. Only numbers the reader sees can be out of order.
        return;
    }
    let first_finding = out.len();
    let mut repeated = false;
    let mut first_at: HashMap<u32, &NoteRef> = HashMap::new();
    let mut sequence: Vec<&NoteRef> = Vec::new();
    for &marker in &refs {
        let Some(number) = marker.number else {
            continue;
        };
        match first_at.get(&number) {
            Some(first) if style == NoteStyle::Superscript => {
                repeated = true;
                out.push(
                    Finding::new(
                        marker.span,
                        format!("note marker {number} appears a second time"),
                    )
                    .related(first.span, format!("marker {number} first appears here"))
                    .identity(block_identity(ms, marker)),
                );
            }
            // A Markdown note may be referred to again; only its first marker is in sequence.
            Some(_) => {}
            None => {
                first_at.insert(number, marker);
                sequence.push(marker);
            }
        }
    }
    let numbers: Vec<u32> = sequence.iter().filter_map(|r| r.number).collect();
    let in_order = longest_increasing(&numbers);
    let mut in_order_flags = vec![false; numbers.len()];
    for &i in &in_order {
        in_order_flags[i] = true;
    }
    let present: HashSet<u32> = numbers.iter().copied().collect();
    let defined_without_marker = |n: u32| {
        let label = n.to_string();
        !cx.indexes
            .notes
            .definitions(cx.manuscript, (style, scope, &label))
            .is_empty()
    };

    let mut previous_in_order: Option<usize> = None;
    for (i, marker) in sequence.iter().enumerate() {
        let number = numbers[i];
        if !in_order_flags[i] {
            let mut finding = Finding::new(
                marker.span,
                out_of_order_message(number, previous_in_order.map(|p| numbers[p])),
            );
            if let Some(p) = previous_in_order {
                finding = finding.related(
                    sequence[p].span,
                    format!("marker {} comes before it", numbers[p]),
                );
            }
            out.push(finding.identity(block_identity(ms, marker)));
            continue;
        }
        if let Some(p) = previous_in_order {
            let from = numbers[p];
            let missing: Vec<u32> = (from + 1..number)
                .filter(|n| !present.contains(n) && !defined_without_marker(*n))
                .collect();
            if !missing.is_empty() {
                out.push(
                    Finding::new(
                        marker.span,
                        format!(
                            "note markers jump from {from} to {number}; {}",
                            describe_missing(&missing)
                        ),
                    )
                    .related(sequence[p].span, format!("marker {from} is here"))
                    .identity(block_identity(ms, marker)),
                );
            }
        }
        previous_in_order = Some(i);
    }
    if out.len() > first_finding && !repeated {
        out[first_finding].fix = renumbering(cx, (style, scope), &refs, &numbers);
    }
}

/// The edits that renumber a scope's notes in reading order (see the rule's documentation),
/// or `None` when markers and notes do not pair one to one.
fn renumbering(
    cx: &Context<'_>,
    (style, scope): (NoteStyle, u32),
    markers: &[&NoteRef],
    numbers_in_order: &[u32],
) -> Option<Fix> {
    let ms = cx.manuscript;
    let base = numbers_in_order.iter().copied().min()?;
    let new_number: HashMap<u32, u32> = numbers_in_order
        .iter()
        .zip(base..)
        .map(|(&old, new)| (old, new))
        .collect();
    let notes: Vec<&crate::model::Note> = ms
        .notes
        .iter()
        .filter(|n| n.style == style && n.scope == scope)
        .collect();
    let file = markers.first()?.span.file;
    let mut labelled = HashSet::new();
    for note in &notes {
        let paired = note.number.is_some_and(|n| new_number.contains_key(&n));
        if !paired || !labelled.insert(note.number) {
            return None;
        }
    }
    if labelled.len() != new_number.len() {
        return None;
    }
    let spans = markers
        .iter()
        .map(|m| (m.span, m.number))
        .chain(notes.iter().map(|n| (n.label_span, n.number)));
    let mut edits = Vec::new();
    for (span, number) in spans {
        let old = number?;
        let new = *new_number.get(&old)?;
        if span.file != file {
            return None;
        }
        let digits = number_within(ms, span, old)?;
        if new != old {
            edits.push(Edit {
                span: digits,
                replacement: new.to_string(),
            });
        }
    }
    edits.sort_by_key(|e| e.span.start);
    Some(Fix {
        edits,
        applicability: Applicability::Unsafe,
    })
}

/// Where `number` is written inside a marker or label (`<sup>12</sup>`, `[^12]:`): the only
/// run of digits there, or `None` when there is not exactly one.
fn number_within(ms: &Manuscript, span: Span, number: u32) -> Option<Span> {
    let text = ms.text(span);
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            runs.push(start..i);
        } else {
            i += 1;
        }
    }
    match runs.as_slice() {
        [run] if text[run.clone()].parse::<u32>().ok() == Some(number) => Some(Span::new(
            span.file,
            span.start as usize + run.start,
            span.start as usize + run.end,
        )),
        _ => None,
    }
}

fn out_of_order_message(number: u32, previous: Option<u32>) -> String {
    match previous {
        Some(previous) => {
            format!("note marker {number} is out of order: it comes after marker {previous}")
        }
        None => format!(
            "note marker {number} is out of order: it comes before the lower-numbered markers"
        ),
    }
}

fn describe_missing(missing: &[u32]) -> String {
    match missing {
        [one] => format!("marker {one} is missing"),
        [first, .., last] if missing.len() as u32 == last - first + 1 => {
            format!("markers {first}–{last} are missing")
        }
        _ => {
            let list: Vec<String> = missing.iter().map(u32::to_string).collect();
            format!("markers {} are missing", list.join(", "))
        }
    }
}

/// The marker's paragraph without note numbers, so the identity survives renumbering.
fn block_identity(ms: &Manuscript, marker: &NoteRef) -> String {
    let block = &ms.blocks[marker.block as usize];
    crate::engine::strip_note_markers(ms.text(block.span))
}

/// Indexes of one longest strictly increasing subsequence, in O(n log n).
pub fn longest_increasing(values: &[u32]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new();
    let mut parent: Vec<Option<usize>> = vec![None; values.len()];
    for (i, &v) in values.iter().enumerate() {
        let pos = tails.partition_point(|&t| values[t] < v);
        if pos > 0 {
            parent[i] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut result = Vec::with_capacity(tails.len());
    let mut current = tails.last().copied();
    while let Some(i) = current {
        result.push(i);
        current = parent[i];
    }
    result.reverse();
    result
}

#[cfg(test)]
mod tests {
    use super::longest_increasing;

    #[test]
    fn misplaced_marker_is_left_out() {
        let values = [1, 2, 3, 7, 4, 5, 6, 8];
        let picked: Vec<u32> = longest_increasing(&values)
            .iter()
            .map(|&i| values[i])
            .collect();
        assert_eq!(picked, vec![1, 2, 3, 4, 5, 6, 8]);
    }

    #[test]
    fn empty_and_sorted() {
        assert!(longest_increasing(&[]).is_empty());
        assert_eq!(longest_increasing(&[1, 2, 3]), vec![0, 1, 2]);
    }
}
