//! Structure, typography and bibliography-form rules against fixtures that must fire and
//! fixtures that must not.

mod common;

use common::{lint_selected, lint_with_config, positions_of};

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
        (
            "structure/heading-hierarchy-reproduced-passes.md",
            "heading-hierarchy",
        ),
        ("structure/cross-reference-passes.md", "cross-reference"),
        ("typography/doubled-word-passes.md", "doubled-word"),
        (
            "typography/unbalanced-delimiters-passes.md",
            "unbalanced-delimiters",
        ),
        ("typography/quote-style-passes.md", "quote-style"),
        ("typography/range-dash-passes.md", "range-dash"),
        ("typography/range-dash-hyphens-passes.md", "range-dash"),
        ("typography/date-format-passes.md", "date-format"),
        ("typography/date-format-few-passes.md", "date-format"),
        (
            "typography/date-format-title-block-passes.md",
            "date-format",
        ),
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
        (
            "bibliography/bibliography-entry-form-unpublished-passes.md",
            "bibliography-entry-form",
        ),
        (
            "bibliography/bibliography-entry-form-unpublished-passes.md",
            "bibliography-order",
        ),
        (
            "bibliography/bibliography-order-years-passes.md",
            "bibliography-order",
        ),
        ("structure/placeholder-passes.md", "placeholder"),
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
        vec![
            "3:41", "5:22", "7:13", "9:63", "11:42", "13:55", "14:27", "16:81", "20:26"
        ]
    );
    let found = messages(fixture, "unbalanced-delimiters");
    assert!(found[5].contains("closes nothing") && found[5].contains("note"));
    assert!(found[4].contains("literal `*`"));
}

#[test]
fn mixed_quotation_marks_give_one_warning_per_file_with_each_use_related() {
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
        .collect();
    assert_eq!(quote_style.len(), 1, "one diagnostic per file");
    assert_eq!(
        quote_style[0].related.len(),
        1,
        "the second straight quotation"
    );
}

#[test]
fn declared_quotation_marks_decide_instead_of_the_file() {
    // quote-style-passes.md is curly throughout: silent, unless the house style is straight.
    let fixture = "typography/quote-style-passes.md";
    let (_, found) = lint_with_config(
        &[fixture],
        &["quote-style"],
        "[rules.quote-style]\nmarks = \"curly\"\n",
    );
    assert!(found.is_empty(), "{found:?}");
    let (ms_straight, found) = lint_with_config(
        &[fixture],
        &["quote-style"],
        "[rules.quote-style]\nmarks = \"straight\"\n",
    );
    assert_eq!(found.len(), 1, "one warning for the file");
    assert_eq!(ms_straight.text(found[0].span), "“");
    assert_eq!(found[0].related.len(), 2, "the other two curly quotations");
    assert!(
        found[0]
            .message
            .contains("6 curly quotation marks where the house style"),
        "{}",
        found[0].message
    );
    // The file's majority no longer decides: in quote-style-fires.md the curly majority is
    // what a straight house style reports.
    let (_, found) = lint_with_config(
        &["typography/quote-style-fires.md"],
        &["quote-style"],
        "[rules.quote-style]\nmarks = \"straight\"\n",
    );
    assert!(
        found[0].message.contains("12 curly quotation marks"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_file_typed_for_smart_typography_shows_no_mix() {
    // `--` and `---` say a processor will curl every straight mark: the page shows none.
    let text = "“One” and “two”, 1935--1937, and “three”---and \"four\" and “five”.\n";
    let (_, diagnostics) = manulint::check_str("smart.md", text);
    assert!(diagnostics.iter().all(|d| d.rule.name != "quote-style"));
}

/// The related spans of the one range-dash finding of a fixture, and its fix's replacements.
fn range_dash_finding(
    fixture: &str,
    config: Option<&str>,
) -> (String, Vec<String>, Vec<String>, bool) {
    let (ms, diagnostics) = match config {
        Some(toml) => lint_with_config(&[fixture], &["range-dash"], toml),
        None => lint_selected(&[fixture], &["range-dash"]),
    };
    assert_eq!(diagnostics.len(), 1, "one finding for the file");
    let d = &diagnostics[0];
    let related = d
        .related
        .iter()
        .map(|r| ms.text(r.span).to_string())
        .collect();
    let fix = d.fix.as_ref().expect("a fix");
    let replacements = fix.edits.iter().map(|e| e.replacement.clone()).collect();
    let safe = fix.applicability == manulint::fix::Applicability::Safe;
    (d.message.clone(), related, replacements, safe)
}

#[test]
fn hyphenated_ranges_beside_en_dashes_are_reported_once_per_file() {
    let fixture = "typography/range-dash-fires.md";
    assert_eq!(positions_of(&[fixture], "range-dash"), vec!["4:32"]);
    let (message, related, replacements, safe) = range_dash_finding(fixture, None);
    // A majority of hyphens is still the deviation; labels, votes and dockets are not ranges.
    assert!(
        message.starts_with("4 ranges in this file are written with a hyphen")
            && message.contains("which the manuscript writes in 3 ranges"),
        "{message}"
    );
    assert_eq!(related, vec!["1933-1937", "198-204", "12-15", "131-47"]);
    assert_eq!(replacements, vec!["–"; 4]);
    assert!(safe);
}

#[test]
fn a_pandoc_source_gets_its_own_double_hyphen() {
    let (_, related, replacements, _) =
        range_dash_finding("typography/range-dash-pandoc-fires.md", None);
    assert_eq!(related, vec!["1956-1960", "44-47"]);
    assert_eq!(replacements, vec!["--"; 2]);
}

#[test]
fn a_declared_dash_decides_instead_of_the_manuscript() {
    let fixture = "typography/range-dash-hyphens-passes.md";
    let (message, related, replacements, _) =
        range_dash_finding(fixture, Some("[rules.range-dash]\ndash = \"en-dash\"\n"));
    assert!(
        message.contains("the house style (manulint.toml)"),
        "{message}"
    );
    assert_eq!(related, vec!["1935-1936", "75-78", "198-204"]);
    assert_eq!(replacements, vec!["–"; 3]);
    let (_, related, replacements, _) = range_dash_finding(
        "typography/range-dash-fires.md",
        Some("[rules.range-dash]\ndash = \"hyphen\"\n"),
    );
    assert_eq!(related, vec!["1935–1936", "75–78", "84–85"]);
    assert_eq!(replacements, vec!["-"; 3]);
}

#[test]
fn a_declared_date_style_decides_even_with_few_dates() {
    let (ms, diagnostics) = lint_with_config(
        &["typography/date-format-few-passes.md"],
        &["date-format"],
        "[rules.date-format]\nstyle = \"day-month-year\"\n",
    );
    let dates: Vec<&str> = diagnostics.iter().map(|d| ms.text(d.span)).collect();
    // The title block's date is the document's, not the text's.
    assert_eq!(dates, vec!["July 21, 2017", "March 3, 2019"]);
    assert!(
        diagnostics[0]
            .message
            .contains("the house style (manulint.toml) writes day month year"),
        "{}",
        diagnostics[0].message
    );
}

#[test]
fn the_minority_dash_date_abbreviation_and_signature_styles_are_found() {
    assert_eq!(
        positions_of(&["typography/date-format-fires.md"], "date-format"),
        vec!["7:20", "7:46"]
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
    // Two works listed oldest first, where the bibliography lists others by title: a slip.
    assert_eq!(
        positions_of(
            &["bibliography/bibliography-order-years-fires.md"],
            "bibliography-order"
        ),
        vec!["8:9"]
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

#[test]
fn placeholders_are_found_in_prose_notes_and_braces() {
    let fixture = "structure/placeholder-fires.md";
    let found = messages(fixture, "placeholder");
    let marks: Vec<&str> = found.iter().filter_map(|m| m.split('`').nth(1)).collect();
    assert_eq!(
        marks,
        [
            "(fix citation below)",
            "[cite]",
            "TK",
            "???",
            "{TODO: expand on the second plan.}",
            "19XX",
            "p. XX"
        ]
    );
}
