//! Every footnote rule against fixtures that must fire and fixtures that must not.

mod common;

use common::{lint, lint_summary};
use manulint::model::{NumberingScheme, Role};

#[test]
fn undefined_markdown_marker_fires() {
    assert_eq!(
        lint_summary(&["footnotes/undefined-fires.md"]),
        vec!["footnote-undefined 4:42"]
    );
}

#[test]
fn undefined_converted_marker_fires() {
    assert_eq!(
        lint_summary(&["footnotes/undefined-converted-fires.md"]),
        vec!["footnote-undefined 3:123"]
    );
}

#[test]
fn ordinals_exponents_code_and_repeated_references_are_not_markers() {
    assert_eq!(
        lint_summary(&["footnotes/undefined-passes.md"]),
        Vec::<String>::new()
    );
}

#[test]
fn unreferenced_markdown_note_fires() {
    assert_eq!(
        lint_summary(&["footnotes/unreferenced-fires.md"]),
        vec!["footnote-unreferenced 6:1"]
    );
}

#[test]
fn unreferenced_converted_note_fires_once_without_a_sequence_gap() {
    let (ms, diagnostics) = lint(&["footnotes/unreferenced-converted-fires.md"]);
    assert_eq!(
        common::summary(&ms, &diagnostics),
        vec!["footnote-unreferenced 13:1"]
    );
    // The neighbouring markers show where the lost one belongs.
    let related: Vec<&str> = diagnostics[0]
        .related
        .iter()
        .map(|r| ms.text(r.span))
        .collect();
    assert_eq!(related, vec!["<sup>2</sup>", "<sup>4</sup>"]);
    assert_eq!(diagnostics[0].note.as_deref(), Some("3"));
}

#[test]
fn notes_continued_across_page_breaks_are_one_note() {
    let (ms, diagnostics) = lint(&["footnotes/unreferenced-passes.md"]);
    assert!(
        diagnostics.is_empty(),
        "{:?}",
        common::summary(&ms, &diagnostics)
    );
    let first = &ms.notes[0];
    assert_eq!(first.label, "1");
    let text = ms.note_text(first);
    assert!(text.contains("reported to the"), "{text}");
    assert!(text.contains("railway press gave a lower figure"), "{text}");
    // The indented second paragraph belongs to the Markdown note.
    let west = ms
        .notes
        .iter()
        .find(|n| n.label == "west")
        .expect("note west");
    assert_eq!(west.parts.len(), 2);
    // Body text after the notes is body again.
    let body_after = ms
        .blocks
        .iter()
        .find(|b| ms.text(b.span).starts_with("The movement reached"))
        .expect("paragraph");
    assert_eq!(body_after.role, Role::Body);
}

#[test]
fn duplicate_markdown_note_fires() {
    assert_eq!(
        lint_summary(&["footnotes/duplicate-fires.md"]),
        vec!["footnote-duplicate 6:1"]
    );
}

#[test]
fn duplicate_converted_note_fires() {
    let (ms, diagnostics) = lint(&["footnotes/duplicate-converted-fires.md"]);
    assert_eq!(
        common::summary(&ms, &diagnostics),
        vec!["footnote-duplicate 11:1"]
    );
    assert_eq!(diagnostics[0].related.len(), 1);
}

#[test]
fn numbers_restarting_per_chapter_are_not_duplicates() {
    let (ms, diagnostics) = lint(&["footnotes/duplicate-passes.md"]);
    assert!(
        diagnostics.is_empty(),
        "{:?}",
        common::summary(&ms, &diagnostics)
    );
    assert_eq!(ms.numbering, NumberingScheme::RestartPerChapter(1));
}

#[test]
fn sequence_reports_out_of_order_gap_and_repeat() {
    let (ms, diagnostics) = lint(&["footnotes/sequence-fires.md"]);
    assert_eq!(
        common::summary(&ms, &diagnostics),
        vec![
            "footnote-sequence 3:120",
            "footnote-sequence 5:127",
            "footnote-sequence 5:172",
        ]
    );
    assert!(diagnostics[0].message.contains("marker 5 is out of order"));
    assert!(diagnostics[1].message.contains("marker 4 is missing"));
    assert!(diagnostics[2].message.contains("appears a second time"));
    // A repeated superscript marker leaves two markers for one note: no renumbering is safe
    // enough to offer.
    assert!(diagnostics.iter().all(|d| d.fix.is_none()));
}

#[test]
fn sequence_offers_one_unsafe_renumbering_when_markers_and_notes_pair() {
    let (ms, diagnostics) = lint(&["footnotes/sequence-renumber-fires.md"]);
    assert_eq!(
        common::summary(&ms, &diagnostics),
        vec!["footnote-sequence 3:179", "footnote-sequence 5:65"]
    );
    let fixes: Vec<&manulint::fix::Fix> =
        diagnostics.iter().filter_map(|d| d.fix.as_ref()).collect();
    assert_eq!(fixes.len(), 1, "one fix renumbers the whole scope");
    assert_eq!(fixes[0].applicability, manulint::fix::Applicability::Unsafe);
    let replaced: Vec<(&str, &str)> = fixes[0]
        .edits
        .iter()
        .map(|e| (ms.text(e.span), e.replacement.as_str()))
        .collect();
    // Markers 4, 3, 6 and the notes labelled 3, 4, 6.
    assert_eq!(
        replaced,
        vec![
            ("4", "3"),
            ("3", "4"),
            ("6", "5"),
            ("3", "4"),
            ("4", "3"),
            ("6", "5")
        ]
    );
}

#[test]
fn sequence_accepts_restarts_named_labels_and_repeated_markdown_references() {
    let (ms, diagnostics) = lint(&["footnotes/sequence-passes.md"]);
    assert!(
        diagnostics.is_empty(),
        "{:?}",
        common::summary(&ms, &diagnostics)
    );
}

#[test]
fn numbering_restarting_per_file_is_detected() {
    let (ms, diagnostics) = lint(&["footnotes/chapters"]);
    assert_eq!(ms.numbering, NumberingScheme::RestartPerFile);
    assert_eq!(
        common::summary(&ms, &diagnostics),
        vec!["footnote-sequence 3:100"]
    );
    assert!(
        ms.sources
            .get(diagnostics[0].span.file)
            .name
            .ends_with("ch2.md")
    );
}

#[test]
fn empty_notes_fire_in_both_styles() {
    assert_eq!(
        lint_summary(&["footnotes/empty-fires.md"]),
        vec!["footnote-empty 7:1", "footnote-empty 13:1"]
    );
}

#[test]
fn a_note_saying_only_ibid_is_not_empty() {
    assert_eq!(
        lint_summary(&["footnotes/empty-passes.md"]),
        Vec::<String>::new()
    );
}

#[test]
fn suppressions_hide_what_they_name_and_unknown_names_are_reported() {
    assert_eq!(
        lint_summary(&["footnotes/suppressions.md"]),
        vec![
            "footnote-undefined 10:26",
            "invalid-suppression 12:33",
            "footnote-undefined 13:37",
        ]
    );
}

#[test]
fn disable_file_silences_a_rule_everywhere() {
    let text =
        "<!-- manulint-disable-file footnote-undefined -->\n\nA[^x] and b[^y].\n\n[^z]: Orphan.\n";
    let (ms, diagnostics) = manulint::check_str("inline.md", text);
    assert_eq!(
        common::summary(&ms, &diagnostics),
        vec!["footnote-unreferenced 5:1"]
    );
}

#[test]
fn markdown_labels_out_of_order_are_names_not_printed_numbers() {
    // `[^1]`, `[^3]`, `[^2]`: every Markdown processor prints them as notes 1, 2, 3.
    let (ms, diagnostics) = lint(&["footnotes/sequence-renumber-markdown-fires.md"]);
    assert!(
        !common::summary(&ms, &diagnostics)
            .iter()
            .any(|d| d.starts_with("footnote-sequence")),
        "{:?}",
        common::summary(&ms, &diagnostics)
    );
}

#[test]
fn a_note_whose_text_starts_on_the_next_line_is_not_empty() {
    let (ms, diagnostics) = lint(&["footnotes/empty-lazy-passes.md"]);
    assert!(
        diagnostics.is_empty(),
        "{:?}",
        common::summary(&ms, &diagnostics)
    );
    let note = &ms.notes[0];
    assert_eq!(note.parts.len(), 1);
    assert!(ms.text(note.parts[0]).starts_with("The rolls for 1950"));
}

#[test]
fn a_comment_never_closed_is_an_error_and_is_not_suppressible() {
    let text = "# One\n\nThe mine opened.[^1]\n\n<!-- draft: check this\n\n# Two\n\nThe the chapter is hidden.\n\n[^1]: A note.\n";
    let (ms, diagnostics) = manulint::check_str("draft.md", text);
    let unclosed: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.rule.name == "unclosed-comment")
        .collect();
    assert_eq!(
        unclosed.len(),
        1,
        "{:?}",
        common::summary(&ms, &diagnostics)
    );
    assert_eq!(ms.text(unclosed[0].span), "<!--");
    assert_eq!(unclosed[0].severity, manulint::diagnostic::Severity::Error);
    assert!(
        unclosed[0]
            .message
            .contains("the rest of the file (lines 5–11)"),
        "{}",
        unclosed[0].message
    );

    // Closed comments, one spanning paragraphs, and `<!--` in code are not findings.
    let fine = "Text.\n\n<!-- a note\n\nto myself -->\n\n`<!--` starts a comment.\n\n```\n<!-- in code\n```\n";
    let (_, diagnostics) = manulint::check_str("fine.md", fine);
    assert!(
        diagnostics
            .iter()
            .all(|d| d.rule.name != "unclosed-comment")
    );

    let suppressed = format!("<!-- manulint-disable-file unclosed-comment -->\n\n{text}");
    let (_, diagnostics) = manulint::check_str("draft.md", &suppressed);
    assert!(
        diagnostics
            .iter()
            .any(|d| d.rule.name == "unclosed-comment")
    );
}

#[test]
fn a_disable_that_names_nothing_or_never_ends_is_reported() {
    let text = "<!-- manulint-disable -->\n\nA[^x].\n\n<!-- manulint-enable -->\n\n<!-- manulint-disable doubled-word -->\n\nB[^y].\n\n<!-- manulint-disable footnotes -->\n\nC.\n\n<!-- manulint-enable footnote-undefined footnote-unreferenced footnote-duplicate footnote-sequence footnote-empty -->\n";
    let (ms, diagnostics) = manulint::check_str("disables.md", text);
    let messages: Vec<(String, &str)> = diagnostics
        .iter()
        .filter(|d| d.rule.name == "invalid-suppression")
        .map(|d| {
            let (line, _) = ms.sources.get(d.span.file).line_col(d.span.start);
            (line.to_string(), d.message.split(':').next().unwrap_or(""))
        })
        .collect();
    assert_eq!(
        messages,
        vec![
            (
                "1".to_string(),
                "this `manulint-disable` names no rule, so it silences every rule; name the rules it is meant for"
            ),
            ("7".to_string(), "this `manulint-disable` is never closed"),
        ],
        "the disable of the footnotes family is closed by naming each of its rules"
    );
}
