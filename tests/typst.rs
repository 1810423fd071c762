//! The Typst front-end: notes, headings, emphasis and what is not prose.

mod common;

use common::{lint, lint_selected};
use manulint::model::{NoteStyle, Role, TextRun};

#[test]
fn footnotes_are_notes_and_headings_are_headings() {
    let (ms, _) = lint(&["typst/chapter.typ"]);
    assert_eq!(ms.notes.len(), 2);
    assert!(ms.notes.iter().all(|n| n.style == NoteStyle::Inline));
    let labels: Vec<&str> = ms.notes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(labels, ["1", "2"]);
    assert!(
        ms.note_text(&ms.notes[0])
            .starts_with("Anna Kovalen, _Steel Towns_")
    );
    let headings: Vec<(u8, &str)> = ms
        .headings
        .iter()
        .map(|h| (h.level, h.text.as_str()))
        .collect();
    assert_eq!(headings, [(1, "The Donbas Mines"), (2, "Records")]);
    assert_eq!(ms.language.as_deref(), Some("en"));
}

#[test]
fn emphasis_is_read_and_the_paragraph_leaves_its_notes_out() {
    let (ms, _) = lint(&["typst/chapter.typ"]);
    let text = &ms.sources.get(ms.blocks[0].file).text;
    let italic: Vec<&str> = ms
        .runs
        .iter()
        .filter(|r| r.style & TextRun::EMPHASIS != 0)
        .map(|r| &text[r.start as usize..r.end as usize])
        .collect();
    assert!(
        italic.contains(&"Horlivka") && italic.contains(&"Steel Towns"),
        "{italic:?}"
    );
    let body = ms
        .blocks
        .iter()
        .find(|b| b.role == Role::Body)
        .expect("a paragraph");
    let prose: String = ms
        .block_runs(body)
        .iter()
        .map(|r| &text[r.start as usize..r.end as usize])
        .collect();
    assert!(prose.contains("The seam ran deep"), "{prose}");
    assert!(!prose.contains("Kovalen"), "{prose}");
}

#[test]
fn code_raw_maths_comments_and_labels_are_not_prose() {
    let (_, diagnostics) = lint_selected(&["typst/chapter.typ"], &["doubled-word"]);
    let lines: Vec<usize> = diagnostics.iter().map(|d| d.span.start as usize).collect();
    // Only the list item's slip: not the code block's, the maths', nor the comment's.
    assert_eq!(lines.len(), 1, "{diagnostics:?}");
}

#[test]
fn an_ibid_after_a_typst_footnote_finds_its_source() {
    let (_, diagnostics) = lint_selected(
        &["typst/chapter.typ"],
        &["ibid-no-antecedent", "ibid-ambiguous", "footnotes"],
    );
    let rules: Vec<&str> = diagnostics.iter().map(|d| d.rule.name).collect();
    assert!(rules.is_empty(), "{rules:?}");
}

/// A manuscript declared French keeps French conventions: `des`/`dès` are two words, `nous
/// nous` is grammar, `p. 12-15` is how French cites pages. Declared English, the same text
/// gets the English checks.
#[test]
fn the_declared_language_turns_english_conventions_off() {
    let rules = |file: &str| -> Vec<String> {
        let (_, diagnostics) = lint_selected(
            &[file],
            &[
                "diacritic-variant",
                "doubled-word",
                "abbreviation-consistency",
            ],
        );
        diagnostics
            .iter()
            .map(|d| format!("{} {}", d.rule.name, d.message))
            .collect()
    };
    let french = rules("typst/french.typ");
    assert!(french.is_empty(), "{french:?}");
    let english = rules("typst/declared-english.typ");
    assert!(
        english.iter().any(|m| m.contains("doubled-word")),
        "{english:?}"
    );
    assert!(english.iter().any(|m| m.contains("pp.")), "{english:?}");
}
