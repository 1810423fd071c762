//! `--fix` on one Markdown file: the safe fixes applied, then every fix, safe and unsafe; each
//! result read and checked again.
//!
//! Asserted: an application keeps every byte outside the spans of the fixes it may apply (in
//! order: what lies between the edits is still there); the fixed text is a manuscript manulint
//! reads and checks without a bad span; safe fixes are idempotent: when the first `--fix` took
//! every safe fix, a second finds none to apply. When some were left (a fix overlapping one
//! already taken waits for the next run), further rounds may change more, but none may bring
//! back an earlier text: two fixes undoing each other would rewrite the file on every `--fix`.
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

/// The safe fixes `apply` would consider.
fn safe_fixes(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.is_applicable(false) && !f.edits.is_empty())
        .filter(|f| f.edits.iter().all(|e| e.span.file == FILE))
        .count()
}

fuzz_target!(|data: &[u8]| {
    let Some(text) = manulint_fuzz::decode(data) else {
        return;
    };
    let diagnostics = check(&text);

    let (every, _) = fix::apply(FILE, &text, &diagnostics, true);
    assert_kept_outside_edits(&text, &every, &diagnostics, true);
    check(&every);

    let offered = safe_fixes(&diagnostics);
    let (mut current, applied) = fix::apply(FILE, &text, &diagnostics, false);
    assert_kept_outside_edits(&text, &current, &diagnostics, false);
    if offered == 0 {
        return;
    }
    let mut diagnostics = check(&current);
    if applied == offered {
        let again: Vec<&str> = diagnostics
            .iter()
            .filter(|d| safe_fixes(std::slice::from_ref(d)) == 1)
            .map(|d| d.rule.name)
            .collect();
        assert!(
            again.is_empty(),
            "a second --fix would apply {again:?} to {current:?}"
        );
        return;
    }
    let mut seen = vec![text];
    for _ in 0..ROUNDS {
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
        diagnostics = check(&current);
    }
});
