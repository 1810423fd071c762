//! Structure, typography and bibliography-form rules against fixtures that must fire and
//! fixtures that must not.

mod common;

use common::{lint_selected, positions_of};

fn messages(fixture: &str, rule: &str) -> Vec<String> {
    let family = manulint::rules::lookup(rule).map_or("all", |r| r.family.name());
    let (_, diagnostics) = lint_selected(&[fixture], &[family]);
    diagnostics
        .iter()
        .filter(|d| d.rule.name == rule)
        .map(|d| d.message.clone())
        .collect()
}

/// Every rule of the three families is silent on its passes fixture.
#[test]
fn passes_fixtures_are_clean() {
    let cases = [
        ("structure/toc-mismatch-passes.md", "toc-mismatch"),
        ("structure/heading-hierarchy-passes.md", "heading-hierarchy"),
        ("structure/cross-reference-passes.md", "cross-reference"),
        ("typography/doubled-word-passes.md", "doubled-word"),
        (
            "typography/unbalanced-delimiters-passes.md",
            "unbalanced-delimiters",
        ),
        ("typography/quote-style-passes.md", "quote-style"),
        ("typography/range-dash-passes.md", "range-dash"),
        ("typography/date-format-passes.md", "date-format"),
        (
            "typography/abbreviation-consistency-passes.md",
            "abbreviation-consistency",
        ),
        (
            "typography/archival-signature-format-passes.md",
            "archival-signature-format",
        ),
        (
            "bibliography/bibliography-order-passes.md",
            "bibliography-order",
        ),
        (
            "bibliography/bibliography-repeated-author-passes.md",
            "bibliography-repeated-author",
        ),
        (
            "bibliography/bibliography-entry-form-passes.md",
            "bibliography-entry-form",
        ),
    ];
    for (fixture, rule) in cases {
        assert_eq!(
            positions_of(&[fixture], rule),
            Vec::<String>::new(),
            "{rule} on {fixture}"
        );
    }
}

#[test]
fn a_contents_entry_that_drifted_from_its_heading_shows_the_words() {
    let fixture = "structure/toc-mismatch-fires.md";
    assert_eq!(
        positions_of(&[fixture], "toc-mismatch"),
        vec!["6:34", "8:1"]
    );
    let found = messages(fixture, "toc-mismatch");
    assert!(
        found[0].contains("`Textile`") && found[0].contains("`Cotton`"),
        "{}",
        found[0]
    );
    assert!(found[1].contains("no heading matches"));
}

#[test]
fn a_part_at_another_level_and_a_skipped_level_are_found() {
    let fixture = "structure/heading-hierarchy-fires.md";
    assert_eq!(
        positions_of(&[fixture], "heading-hierarchy"),
        vec!["11:1", "21:1"]
    );
    let found = messages(fixture, "heading-hierarchy");
    assert!(
        found[0].contains("`Part III` is a level-3 heading"),
        "{}",
        found[0]
    );
    assert!(found[1].contains("from 1 to 4"), "{}", found[1]);
}

#[test]
fn references_to_missing_notes_and_parts_and_to_the_wrong_note_are_found() {
    let fixture = "structure/cross-reference-fires.md";
    assert_eq!(
        positions_of(&[fixture], "cross-reference"),
        vec!["5:39", "5:120", "7:36"]
    );
    let found = messages(fixture, "cross-reference");
    assert!(found[0].contains("which note 4 discusses"), "{}", found[0]);
    assert!(found[1].contains("no Part III"), "{}", found[1]);
    assert!(found[2].contains("no note 9"), "{}", found[2]);
}

#[test]
fn doubled_words_are_found_across_lines_and_emphasis() {
    assert_eq!(
        positions_of(&["typography/doubled-word-fires.md"], "doubled-word"),
        vec!["3:20", "5:1", "5:48", "7:26", "10:11"]
    );
}

#[test]
fn unpaired_delimiters_and_broken_emphasis_are_found() {
    let fixture = "typography/unbalanced-delimiters-fires.md";
    assert_eq!(
        positions_of(&[fixture], "unbalanced-delimiters"),
        vec!["3:41", "5:22", "7:13", "9:63", "11:42", "13:55", "14:27"]
    );
    let found = messages(fixture, "unbalanced-delimiters");
    assert!(found[5].contains("closes nothing") && found[5].contains("note"));
    assert!(found[4].contains("literal `*`"));
}

#[test]
fn mixed_quotation_marks_give_one_warning_per_file_and_infos_for_each_use() {
    let fixture = "typography/quote-style-fires.md";
    assert_eq!(positions_of(&[fixture], "quote-style"), vec!["9:9"]);
    let found = messages(fixture, "quote-style");
    assert!(
        found[0].contains("12 curly marks and 2 straight marks"),
        "{}",
        found[0]
    );

    let text = "“One” and “two” and “three” and “four” and “five”.\n\n\"Six\" and \"seven\".\n";
    let (_, diagnostics) = manulint::check_str("quotes.md", text);
    let quote_style: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.rule.name == "quote-style")
        .map(|d| d.severity)
        .collect();
    use manulint::diagnostic::Severity;
    assert_eq!(quote_style, vec![Severity::Warning, Severity::Info]);
}

#[test]
fn the_minority_dash_date_abbreviation_and_signature_styles_are_found() {
    assert_eq!(
        positions_of(&["typography/range-dash-fires.md"], "range-dash"),
        vec!["7:36"]
    );
    assert_eq!(
        positions_of(&["typography/date-format-fires.md"], "date-format"),
        vec!["6:20", "6:46"]
    );
    let abbreviations = "typography/abbreviation-consistency-fires.md";
    assert_eq!(
        positions_of(&[abbreviations], "abbreviation-consistency"),
        vec!["5:90", "6:53", "7:20", "8:44", "9:39"]
    );
    let found = messages(abbreviations, "abbreviation-consistency");
    assert!(found[1].contains("a range takes `pp.`"));
    assert!(found[2].contains("`Matt.`"));
    assert!(found[3].contains("one page takes `p.`"));
    // Pandoc's `--` is an en dash: `86--88` is a range.
    assert!(found[4].contains("a range takes `pp.`"));
    assert_eq!(
        positions_of(
            &["typography/archival-signature-format-fires.md"],
            "archival-signature-format"
        ),
        vec!["6:26", "7:12"]
    );
}

#[test]
fn bibliography_order_convention_and_form_are_checked() {
    let order = "bibliography/bibliography-order-fires.md";
    assert_eq!(
        positions_of(&[order], "bibliography-order"),
        vec!["8:3", "11:9", "12:3"]
    );
    let found = messages(order, "bibliography-order");
    assert!(found[0].starts_with("`Vavilov"), "{}", found[0]);
    assert!(
        found[2].contains("belongs before `Shvernik"),
        "{}",
        found[2]
    );
    assert_eq!(
        positions_of(
            &["bibliography/bibliography-repeated-author-fires.md"],
            "bibliography-repeated-author"
        ),
        vec!["8:3", "10:3"]
    );
    let form = "bibliography/bibliography-entry-form-fires.md";
    assert_eq!(
        positions_of(&[form], "bibliography-entry-form"),
        vec!["7:66", "8:3", "11:1", "13:3"]
    );
    let (_, diagnostics) = lint_selected(&[form], &["bibliography"]);
    let no_year = diagnostics
        .iter()
        .find(|d| d.message.contains("no year"))
        .expect("the entry without a year");
    assert_eq!(no_year.severity, manulint::diagnostic::Severity::Info);
}
