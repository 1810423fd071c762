//! The numbers family against fixtures that must fire and fixtures that must not.

mod common;

use common::{lint_selected, lint_with_config, positions_of};

fn messages(fixture: &str, rule: &str) -> Vec<String> {
    let (_, diagnostics) = lint_selected(&[fixture], &["numbers"]);
    diagnostics
        .iter()
        .filter(|d| d.rule.name == rule)
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn the_same_fact_with_two_figures_is_found_with_both_spans() {
    let fixture = "numbers/quantity-conflict-fires.md";
    assert_eq!(
        positions_of(&[fixture], "quantity-conflict"),
        vec!["14:35", "20:40", "22:63"]
    );
    let (ms, diagnostics) = lint_selected(&[fixture], &["numbers"]);
    let note = diagnostics
        .iter()
        .find(|d| d.message.starts_with("`552 tons`"))
        .expect("552 tons in the note");
    assert_eq!(ms.text(note.span), "552 tons");
    assert_eq!(ms.text(note.related[0].span), "536 tons");
    assert!(note.message.contains("the paragraph that cites this note"));
    assert_eq!(note.note.as_deref(), Some("1"));
    let busygin = diagnostics
        .iter()
        .find(|d| d.message.starts_with("`1005 crankshafts`"))
        .expect("Busygin's crankshafts");
    assert!(
        busygin.message.contains("for Busygin"),
        "{}",
        busygin.message
    );
    assert_eq!(ms.text(busygin.related[0].span), "1050 crankshafts");
}

#[test]
fn a_conflict_across_files_names_the_other_file() {
    let (ms, diagnostics) = lint_selected(
        &["numbers/two-chapters/ch1.md", "numbers/two-chapters/ch2.md"],
        &["numbers"],
    );
    let conflict = diagnostics
        .iter()
        .find(|d| d.rule.name == "quantity-conflict")
        .expect("8,800 and 9,000 acres of one farm");
    assert_eq!(ms.text(conflict.span), "8,800 acres");
    assert!(
        conflict.message.contains("at ch1.md, line 3"),
        "{}",
        conflict.message
    );
}

/// Also quoted figures against the author's own, a guess between two figures, and things
/// counted with different words.
#[test]
fn ranges_estimates_qualifiers_other_people_records_and_corrected_quotations_are_not_conflicts() {
    assert_eq!(
        positions_of(
            &["numbers/quantity-conflict-passes.md"],
            "quantity-conflict"
        ),
        Vec::<String>::new()
    );
}

/// `90% power` and `95% power` are two levels a study could choose; `62%` and `68% of
/// workers` are one finding stated twice.
#[test]
fn a_chosen_level_is_no_fact_but_a_share_of_people_is() {
    assert_eq!(
        positions_of(&["numbers/percent-levels.md"], "quantity-conflict"),
        vec!["7:34"]
    );
}

#[test]
fn one_event_with_two_dates_and_impossible_dates_are_found() {
    let fixture = "numbers/date-conflict-fires.md";
    assert_eq!(
        positions_of(&[fixture], "date-conflict"),
        vec!["7:68", "14:68", "20:4", "24:16", "28:34", "32:48"]
    );
    let messages = messages(fixture, "date-conflict");
    assert!(messages[0].starts_with("the Seventeenth Party Congress is dated `28 January 1934`"));
    assert!(messages[1].starts_with("the death of Ordzhonikidze"));
    assert!(
        messages[2].contains("falls in 1939, not in 1935"),
        "{}",
        messages[2]
    );
    assert!(messages[3].contains("cannot predate"), "{}", messages[3]);
    assert!(
        messages[4].contains("September has 30 days"),
        "{}",
        messages[4]
    );
}

#[test]
fn congresses_lasting_days_same_dates_other_people_quotations_and_generic_events_pass() {
    assert_eq!(
        positions_of(&["numbers/date-conflict-passes.md"], "date-conflict"),
        Vec::<String>::new()
    );
}

#[test]
fn wrong_arithmetic_is_reported_with_the_computed_value() {
    let fixture = "numbers/ratio-check-fires.md";
    assert_eq!(
        positions_of(&[fixture], "ratio-check"),
        vec!["3:62", "5:65", "7:19"]
    );
    let messages = messages(fixture, "ratio-check");
    assert!(
        messages[0].ends_with("is 14.6 times the norm"),
        "{}",
        messages[0]
    );
    assert!(
        messages[1].ends_with("is 156% of the norm"),
        "{}",
        messages[1]
    );
    assert!(
        messages[2].ends_with("an increase of 75.0%"),
        "{}",
        messages[2]
    );
}

#[test]
fn rounded_ratios_norm_ranges_quotations_missing_figures_and_other_people_pass() {
    assert_eq!(
        positions_of(&["numbers/ratio-check-passes.md"], "ratio-check"),
        Vec::<String>::new()
    );
}

#[test]
fn the_minority_number_style_is_reported_once_per_file() {
    let fixture = "numbers/number-format-fires.md";
    assert_eq!(positions_of(&[fixture], "number-format"), vec!["5:21"]);
    let (ms, diagnostics) = lint_selected(&[fixture], &["numbers"]);
    let spaces = &diagnostics[0];
    assert!(
        spaces
            .message
            .starts_with("2 numbers in this file are written with spaces")
            && spaces
                .message
                .contains("mostly uses commas (`30,543`) (3 of 5)"),
        "{}",
        spaces.message
    );
    let related: Vec<&str> = spaces.related.iter().map(|r| ms.text(r.span)).collect();
    assert_eq!(related, vec!["46 000 pounds", "52 000 pounds"]);
}

#[test]
fn percentages_follow_a_declared_house_style_only() {
    let fixture = "numbers/number-format-fires.md";
    let (ms, diagnostics) = lint_with_config(
        &[fixture],
        &["number-format"],
        "[rules.number-format]\npercent = \"percent\"\n",
    );
    let percent: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.message.contains("`%`"))
        .collect();
    assert_eq!(percent.len(), 1, "one finding for the file");
    assert!(
        percent[0]
            .message
            .starts_with("3 numbers in this file are written with `%`")
            && percent[0]
                .message
                .ends_with("the house style (manulint.toml) uses `percent`"),
        "{}",
        percent[0].message
    );
    assert_eq!(ms.text(percent[0].span), "55%");
    assert_eq!(percent[0].related.len(), 3);
}

/// Also years, labelled numbers, chains, addresses, and percentages with no declared style.
#[test]
fn one_style_years_titles_and_quotations_pass() {
    assert_eq!(
        positions_of(&["numbers/number-format-passes.md"], "number-format"),
        Vec::<String>::new()
    );
}
