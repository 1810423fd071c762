//! Footnote structure: every marker has a note, every note a marker, numbered in order.

pub mod duplicate;
pub mod empty;
pub mod sequence;
pub mod undefined;
pub mod unreferenced;

use crate::model::{NoteRef, NoteStyle};

/// How a marker is shown in messages: `[^label]` or `5`.
pub fn marker_name(style: NoteStyle, label: &str) -> String {
    match style {
        NoteStyle::Markdown => format!("[^{label}]"),
        NoteStyle::Superscript | NoteStyle::Inline => label.to_string(),
    }
}

pub fn describe_marker(marker: &NoteRef) -> String {
    marker_name(marker.style, &marker.label)
}
