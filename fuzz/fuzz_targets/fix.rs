//! `--fix` on one Markdown file: every fix, safe and unsafe, applied; the result checked again;
//! then the safe fixes applied round after round until they change nothing.
//!
//! Asserted: each round keeps every byte outside the spans of the fixes it may apply (in
//! order: what lies between the edits is still there); the text stays a manuscript manulint
//! reads and checks without a bad span; and no round brings back an earlier text. A second
//! round may legitimately change more (a fix skipped for overlapping another is left for the
//! next run, a dash fixed can complete a range), but two fixes undoing each other would
//! rewrite the file on every `--fix`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use manulint::diagnostic::Diagnostic;
use manulint::fix;
use manulint::source::FileId;

const FILE: FileId = FileId(0);
const ROUNDS: usize = 6;

fn check(text: &str) -> Vec<Diagnostic> {
    manulint_fuzz::check_all(vec![("fuzz.md".to_string(), text.to_string())], Vec::new())
        .map(|(_, diagnostics)| diagnostics)
        .unwrap_or_default()
}

/// `new` is `old` with only the spans of applicable fixes rewritten: the stretches between
/// those spans appear in `new`, in order, the first at its start and the last at its end.
fn assert_kept_outside_edits(old: &str, new: &str, diagnostics: &[Diagnostic], unsafe_fixes: bool) {
    let mut spans: Vec<(usize, usize)> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.is_applicable(unsafe_fixes))
        .flat_map(|f| &f.edits)
        .filter(|e| e.span.file == FILE)
        .map(|e| (e.span.start as usize, e.span.end as usize))
        .collect();
    spans.sort_unstable();
    let mut kept: Vec<&str> = Vec::new();
    let mut at = 0;
    for (start, end) in spans {
        if start >= at {
            kept.push(&old[at..start]);
        }
        at = at.max(end);
    }
    let last = &old[at..];
    let (first, middle) = match kept.split_first() {
        Some((first, middle)) => (*first, middle),
        None => {
            assert_eq!(old, new, "text changed without an applicable fix");
            return;
        }
    };
    assert!(new.starts_with(first), "text before the first fix changed");
    assert!(
        new.len() >= first.len() + last.len() && new.ends_with(last),
        "text after the last fix changed"
    );
    let mut rest = &new[first.len()..new.len() - last.len()];
    for piece in middle {
        match rest.find(piece) {
            Some(found) => rest = &rest[found + piece.len()..],
            None => panic!("text between fixes changed: {piece:?} is gone"),
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(text) = manulint_fuzz::decode(data) else {
        return;
    };
    let diagnostics = check(&text);
    let (mut current, _) = fix::apply(FILE, &text, &diagnostics, true);
    assert_kept_outside_edits(&text, &current, &diagnostics, true);
    let mut seen = vec![text];
    for _ in 0..ROUNDS {
        let diagnostics = check(&current);
        let (next, _) = fix::apply(FILE, &current, &diagnostics, false);
        if next == current {
            break;
        }
        assert_kept_outside_edits(&current, &next, &diagnostics, false);
        seen.push(std::mem::replace(&mut current, next));
        assert!(
            !seen.contains(&current),
            "safe fixes brought back an earlier text: {current:?}"
        );
    }
});
