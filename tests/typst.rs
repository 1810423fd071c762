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

/// `#heading(…)[…]` is a heading (the unnumbered kind); a French "Bibliographie" opens the
/// bibliography, `Ouvrages :` labels a group, and a bibliography that sets no titles apart is
/// told so once, while an entry split by a blank line (its end no capitalised surname, as all
/// the others open with) is still found.
#[test]
fn a_typed_bibliography_under_a_heading_call_is_read() {
    let (ms, found) = lint(&["typst/plain-bibliography.typ"]);
    let headings: Vec<(u8, &str)> = ms
        .headings
        .iter()
        .map(|h| (h.level, h.text.as_str()))
        .collect();
    assert_eq!(headings, [(1, "Le rire au cinéma"), (2, "Bibliographie")]);
    assert_eq!(ms.bibliography.len(), 8);
    let groups: Vec<Option<&str>> = ms.bibliography.iter().map(|e| e.group.as_deref()).collect();
    assert_eq!(groups[0], Some("Ouvrages"));
    assert_eq!(groups[7], Some("Articles"));
    let form: Vec<(usize, &str)> = found
        .iter()
        .filter(|d| d.rule.name == "bibliography-entry-form")
        .map(|d| {
            let line = ms.sources.get(d.span.file).line_col(d.span.start).0;
            (line, d.message.as_str())
        })
        .collect();
    assert_eq!(form.len(), 2, "{form:?}");
    assert!(form[0].1.starts_with("6 of the 7 entries"), "{form:?}");
    assert_eq!(form[1].0, 15);
    assert!(form[1].1.contains("cut off by a paragraph break"));
}
