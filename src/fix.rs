//! Fixes: the edits a rule proposes for a finding, applied only when asked (`--fix`).
//!
//! A fix replaces byte spans of one file. Safe fixes cannot change what the manuscript says
//! (a dash, a space, a look-alike letter); unsafe ones might (renumbering notes) and need
//! `--unsafe-fixes`. Edits never touch text outside their spans; overlapping edits from
//! different findings are left for the next run; files are written by `safe_write`.

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applicability {
    Safe,
    Unsafe,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

impl Fix {
    pub fn safe_replacement(span: Span, replacement: impl Into<String>) -> Fix {
        Fix {
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
            applicability: Applicability::Safe,
        }
    }

    pub fn is_applicable(&self, unsafe_fixes: bool) -> bool {
        self.applicability == Applicability::Safe || unsafe_fixes
    }
}

/// One file's text after the applicable fixes of `diagnostics`, and how many were applied. A
/// fix whose edits overlap one already taken is skipped whole.
pub fn apply(
    file: FileId,
    text: &str,
    diagnostics: &[Diagnostic],
    unsafe_fixes: bool,
) -> (String, usize) {
    let mut fixes: Vec<&Fix> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|fix| fix.is_applicable(unsafe_fixes))
        .filter(|fix| !fix.edits.is_empty() && fix.edits.iter().all(|e| e.span.file == file))
        .collect();
    fixes.sort_by_key(|fix| fix.edits.iter().map(|e| e.span.start).min());
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for fix in fixes {
        let overlaps = fix.edits.iter().any(|edit| {
            taken
                .iter()
                .any(|t| edit.span.start < t.span.end && t.span.start < edit.span.end)
        });
        let in_bounds = fix.edits.iter().all(|e| {
            text.is_char_boundary(e.span.start as usize)
                && text.is_char_boundary(e.span.end as usize)
        });
        if overlaps || !in_bounds {
            continue;
        }
        taken.extend(&fix.edits);
        applied += 1;
    }
    taken.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0usize;
    for edit in taken {
        out.push_str(&text[at..edit.span.start as usize]);
        out.push_str(&edit.replacement);
        at = edit.span.end as usize;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// A unified diff of one file's change, three lines of context, as `--diff` prints it.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    // `a/` and `b/` prefix the path as in `git diff`, also when the path is absolute.
    let name = name.trim_start_matches('/');
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}
