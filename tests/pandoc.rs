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
    // Printed in marker order with the `[^sold]` note: 1, 2, (3), 4.
    assert_eq!(inline, ["1", "2", "4"]);
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

/// Notes are in reading order, the order of their markers, whatever their kind: an ibid. or
/// a first citation is judged by the note a reader meets before it.
#[test]
fn inline_and_labelled_notes_are_in_reading_order() {
    let (ms, _) = lint(&["pandoc/inline-notes.md"]);
    let labels: Vec<&str> = ms.notes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(labels, ["1", "2", "sold", "4"]);
    // Every note block still names its own note.
    for block in &ms.blocks {
        if let manulint::model::Role::Note(id) = block.role {
            let note = &ms.notes[id as usize];
            assert!(
                note.parts.contains(&block.span),
                "block {:?} is not note {}",
                block.span,
                note.label
            );
        }
    }
}

/// A short form after the key citation of the same work follows the full note citeproc
/// prints for the key, even with the author's name misspelt by one letter (`Savchk` after
/// `@savchuk1997newsprint`); one after a key of another work does not.
#[test]
fn a_key_citation_counts_as_the_full_note_before_a_short_form() {
    let (_, diagnostics) =
        lint_selected(&["pandoc/keys-then-short.md"], &["short-form-before-full"]);
    let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].contains("Orlova"), "{messages:?}");
    assert!(messages[1].contains("Broadsheet"), "{messages:?}");
}

/// A `[^label]:` note no marker calls is dropped by Pandoc: its full citation is not the first
/// printed one, and the printed repeat is still found once.
#[test]
fn a_note_no_marker_calls_prints_no_citation() {
    let (_, diagnostics) =
        lint_selected(&["pandoc/unprinted-note.md"], &["repeated-full-citation"]);
    let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].contains("note a"), "{messages:?}");
}

/// A manuscript that cites by key in brackets cites by key in running text too: a bare word
/// of name and year is a key, other `@name`s (a handle, an address) are not.
#[test]
fn bare_keys_of_a_key_citing_manuscript_are_keys() {
    let (ms, _) = lint(&["pandoc/bare-keys.md"]);
    let index = manulint::indexes::citations::CitationIndex::build(
        &ms,
        &manulint::config::Config::defaults().scripture_books,
    );
    let keys: Vec<&str> = index
        .keys
        .iter()
        .map(|(k, _)| k.key.text.as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "hale1990rivers",
            "dale1994fields",
            "cole1980rain",
            "hale1995orchards",
            "dale1999reply",
            "eames2001pears"
        ]
    );
}

/// A chapter file whose front matter's `title:` is "Bibliography" is a bibliography from its
/// first line: its entries are read, under the groups its bold lines label.
#[test]
fn a_bibliography_chapter_titled_in_its_front_matter_is_read() {
    let (ms, _) = lint(&["bibliography/bibliography-entry-form-unpublished-passes.md"]);
    let groups: Vec<Option<&str>> = ms.bibliography.iter().map(|e| e.group.as_deref()).collect();
    assert_eq!(
        groups,
        [
            Some("Archival Collections"),
            Some("Archival Collections"),
            Some("Archival Collections"),
            Some("Archival Collections"),
            Some("Oral Histories"),
            Some("Digital Projects"),
            Some("Books"),
            Some("Books"),
        ]
    );
}
