//! The names family against fixtures that must fire and fixtures that must not.

mod common;

use common::{lint_selected, positions_of, rules_on};

fn lint(
    relatives: &[&str],
) -> (
    manulint::model::Manuscript,
    Vec<manulint::diagnostic::Diagnostic>,
) {
    lint_selected(relatives, &["names"])
}

#[test]
fn misspelt_names_point_at_the_common_spelling() {
    let fixture = "names/name-variant-fires.md";
    assert_eq!(
        positions_of(&[fixture], "name-variant"),
        vec!["4:68", "8:54", "12:1", "15:75"]
    );
    let (ms, diagnostics) = lint(&[fixture]);
    let seigelbaum = diagnostics
        .iter()
        .find(|d| d.message.starts_with("`Seigelbaum`"))
        .expect("Seigelbaum");
    assert!(
        seigelbaum.message.contains("`Siegelbaum` (3 times"),
        "{}",
        seigelbaum.message
    );
    assert_eq!(ms.text(seigelbaum.related[0].span), "Siegelbaum");
    let kadiievka = diagnostics
        .iter()
        .find(|d| d.message.starts_with("`Kadiievka`"))
        .expect("Kadiievka");
    assert!(
        kadiievka.message.contains("Kadiev"),
        "{}",
        kadiievka.message
    );
    // One edit from both Beller and Belser: the more common one is meant.
    let besler = diagnostics
        .iter()
        .find(|d| d.message.starts_with("`Besler`"))
        .expect("Besler");
    assert!(besler.message.contains("`Belser`"), "{}", besler.message);
}

#[test]
fn inflections_derivations_people_conventions_quotations_and_english_are_not_variants() {
    assert_eq!(
        positions_of(&["names/name-variant-passes.md"], "name-variant"),
        Vec::<String>::new()
    );
}

#[test]
fn mixed_scripts_are_found_with_their_fix() {
    let fixture = "names/mixed-script-fires.md";
    assert_eq!(
        positions_of(&[fixture], "mixed-script"),
        vec!["4:5", "6:53", "6:129"]
    );
    let (_, diagnostics) = lint(&[fixture]);
    let fixes: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.rule.name == "mixed-script")
        .filter_map(|d| d.message.rsplit("write ").next())
        .collect();
    assert_eq!(fixes, vec!["`автоматно`", "`pravitel'stva`", "`druzei`"]);
}

#[test]
fn whole_words_in_one_script_are_fine() {
    assert_eq!(
        positions_of(&["names/mixed-script-passes.md"], "mixed-script"),
        Vec::<String>::new()
    );
}

#[test]
fn diacritic_variants_flag_the_minority_spelling() {
    assert_eq!(
        positions_of(&["names/diacritic-variant-fires.md"], "diacritic-variant"),
        vec!["5:14", "5:52"]
    );
}

/// A byline in capitals drops its accents, and a coinage is written as its owner writes it:
/// neither is a variant; the plain `Gerard` in running text still is.
#[test]
fn capitals_and_coinages_are_not_diacritic_variants() {
    assert_eq!(
        positions_of(
            &["names/diacritic-variant-capitals.md"],
            "diacritic-variant"
        ),
        vec!["9:13"]
    );
}

/// The repeats of one spelling in one file are one diagnostic, with every place it stands.
#[test]
fn diacritic_variants_are_grouped_per_file() {
    let fixture = "names/diacritic-variant-grouped.md";
    assert_eq!(positions_of(&[fixture], "diacritic-variant"), vec!["7:31"]);
    let (_, diagnostics) = lint(&[fixture]);
    let found = &diagnostics[0];
    assert!(
        found.message.contains("3 times in this file") && found.message.contains("`Jose` 5 times"),
        "{}",
        found.message
    );
    assert_eq!(found.related.len(), 3);
}

/// In an ALA-LC manuscript `druzei` is right however often `družei` is written.
#[test]
fn the_romanization_system_decides_between_diacritic_spellings() {
    let fixture = "names/diacritic-variant-system.md";
    assert_eq!(positions_of(&[fixture], "diacritic-variant"), vec!["6:37"]);
    let (_, diagnostics) = lint(&[fixture]);
    let found = diagnostics
        .iter()
        .find(|d| d.rule.name == "diacritic-variant")
        .expect("finding");
    assert!(
        found.message.starts_with("`družei` 3 times") && found.message.contains("ALA-LC"),
        "{}",
        found.message
    );
}

/// Published titles, another name (Fray José), an English word (resume) and a tie pass.
#[test]
fn apostrophes_quotations_and_consistent_diacritics_pass() {
    assert_eq!(
        positions_of(&["names/diacritic-variant-passes.md"], "diacritic-variant"),
        Vec::<String>::new()
    );
}

#[test]
fn accepted_pairs_are_not_reported() {
    let scratch = common::scratch_config(
        "accept",
        "[names]\naccept = [[\"Krivonos\", \"Krivosos\"]]\n",
    );
    let config = &scratch.path;
    let output = common::manulint_bin()
        .args([
            "check",
            "--format",
            "json",
            "--select",
            "name-variant",
            "--config",
        ])
        .arg(config)
        .arg("fixtures/names/name-variant-fires.md")
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let messages: Vec<&str> = json["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages.iter().all(|m| !m.contains("Krivosos")));
}

#[test]
fn the_names_family_runs_by_default() {
    let (_, diagnostics) = common::lint(&["names/name-variant-fires.md"]);
    assert!(diagnostics.iter().any(|d| d.rule.name == "name-variant"));
}

/// ISO 9 letters shared with Czech (`Život`) are no evidence alone; two such words in one
/// title are, and are respelt letter by letter from the table.
#[test]
fn iso9_words_are_reported_but_czech_words_are_not() {
    let fixture = "names/transliteration-system-iso9.md";
    assert_eq!(
        positions_of(&[fixture], "transliteration-system"),
        vec!["9:16", "9:22"]
    );
    let (_, diagnostics) = lint(&[fixture]);
    let messages: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.rule.name == "transliteration-system")
        .map(|d| d.message.as_str())
        .collect();
    assert!(messages[0].contains("write `zhizn'`"), "{messages:?}");
    assert!(messages[1].contains("write `shakhtërov`"), "{messages:?}");
}

#[test]
fn titles_in_another_romanization_are_reported_with_the_respelling() {
    assert_eq!(
        positions_of(
            &["names/transliteration-system-fires.md"],
            "transliteration-system"
        ),
        vec!["9:15"]
    );
    let (_, diagnostics) = lint(&["names/transliteration-system-fires.md"]);
    let found = diagnostics
        .iter()
        .find(|d| d.rule.name == "transliteration-system")
        .expect("finding");
    assert!(
        found.message.ends_with("write `vsesoiuznoe`"),
        "{}",
        found.message
    );
}

#[test]
fn a_consistent_system_other_languages_and_names_pass() {
    assert_eq!(
        positions_of(
            &["names/transliteration-system-passes.md"],
            "transliteration-system"
        ),
        Vec::<String>::new()
    );
}

/// A Greek letter with no Latin look-alike, given an English ending on purpose (`she φs`), is
/// no slip: there is nothing to retype.
#[test]
fn a_greek_variable_with_an_english_ending_is_not_mixed_script() {
    let (_, diagnostics) = manulint::check_str(
        "phi.md",
        "# Acts\n\nWhen she φs, she acts; to φ is to act. The word Kаdievka hides a Cyrillic a.\n",
    );
    let flagged: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.rule.name == "mixed-script")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert!(flagged[0].contains("Kаdievka"), "{flagged:?}");
}

/// A web address is spelt as its owner registered it: its romanization is no evidence of the
/// manuscript's system, and no slip.
#[test]
fn web_addresses_are_in_no_romanization() {
    assert_eq!(
        positions_of(
            &["names/transliteration-system-links-passes.md"],
            "transliteration-system"
        ),
        Vec::<String>::new()
    );
}

/// A Pandoc note written inside its paragraph is read after the paragraph: a quotation in it
/// is still found, and the quoted spelling is the source's, not the author's.
#[test]
fn a_quotation_inside_an_inline_note_is_quoted() {
    let fixture = "names/diacritic-variant-inline-note-passes.md";
    assert_eq!(
        positions_of(&[fixture], "diacritic-variant"),
        Vec::<String>::new()
    );
    let text = std::fs::read_to_string(common::fixture(fixture)).expect("fixture");
    let unquoted = text.replace(
        "“the mission of San José, half in\nruins”",
        "the mission of San José, half in\nruins",
    );
    assert!(rules_on(&unquoted).contains(&"diacritic-variant"));
}
