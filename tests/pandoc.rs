//! Pandoc Markdown beyond CommonMark: inline notes `^[…]`.

mod common;

use common::{lint, lint_selected};
use manulint::model::NoteStyle;

#[test]
fn inline_notes_are_notes_named_by_their_printed_number() {
    let (ms, _) = lint(&["pandoc/inline-notes.md"]);
    let inline: Vec<&str> = ms
        .notes
        .iter()
        .filter(|n| n.style == NoteStyle::Inline)
        .map(|n| n.label.as_str())
        .collect();
    // Printed in marker order with the `[^sold]` note: 1, (2), 3, 4.
    assert_eq!(inline, ["1", "3", "4"]);
    let first = ms.notes.iter().find(|n| n.label == "1").expect("note 1");
    assert!(
        ms.note_text(first)
            .starts_with("Anna Kovalen, *Orchard Country*")
    );
    // The paragraph's own text leaves the note out.
    let paragraph = ms
        .blocks
        .iter()
        .find(|b| b.role == manulint::model::Role::Body)
        .expect("a paragraph");
    let prose: String = ms
        .block_runs(paragraph)
        .iter()
        .map(|r| &ms.sources.get(paragraph.file).text[r.start as usize..r.end as usize])
        .collect();
    assert!(!prose.contains("Kovalen"), "{prose}");
    assert!(prose.contains("Growers sold to builders"), "{prose}");
}

#[test]
fn inline_notes_feed_the_citation_rules_and_never_the_marker_rules() {
    let (ms, diagnostics) = lint_selected(&["pandoc/inline-notes.md"], &["ALL"]);
    let rules: Vec<&str> = diagnostics.iter().map(|d| d.rule.name).collect();
    assert!(
        rules.contains(&"repeated-full-citation"),
        "the second full note of the book is found: {rules:?}"
    );
    for quiet in [
        "footnote-undefined",
        "footnote-unreferenced",
        "unbalanced-delimiters",
        "ibid-no-antecedent",
    ] {
        assert!(!rules.contains(&quiet), "{quiet}: {rules:?}");
    }
    assert_eq!(ms.notes.len(), 4, "code, escapes and comments hold no note");
}
