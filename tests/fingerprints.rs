//! Fingerprints must survive what authors do every day: text inserted above, lines rewrapped,
//! notes renumbered.

mod common;

use regex::Regex;

fn fingerprints(text: &str) -> Vec<(String, String)> {
    let (_, diagnostics) = manulint::check_str("thesis.md", text);
    diagnostics
        .iter()
        .map(|d| (d.rule.name.to_string(), d.fingerprint.clone()))
        .collect()
}

/// Adds one to every converted note number, as inserting a note before all others does.
fn renumber(text: &str) -> String {
    let sup = Regex::new(r"<sup>(\d+)</sup>").expect("pattern");
    sup.replace_all(text, |caps: &regex::Captures<'_>| {
        let n: u32 = caps[1].parse().expect("number");
        format!("<sup>{}</sup>", n + 1)
    })
    .into_owned()
}

#[test]
fn fingerprints_survive_insertions_and_renumbering() {
    let original = std::fs::read_to_string(common::fixture("demo/thesis.md")).expect("demo");
    let before = fingerprints(&original);
    assert_eq!(before.len(), 3);

    let mut edited = renumber(&original);
    edited = edited.replacen(
        "## Part I\n",
        "## Preface\n\nTwo new paragraphs arrive at the top.<sup>1</sup>\n\nAnd a second one, wrapped\nover two lines.\n\n---\n\n<sup>1</sup> A new first note.\n\n## Part I\n",
        1,
    );
    let after = fingerprints(&edited);
    assert_eq!(
        after, before,
        "fingerprints changed after insertion and renumbering"
    );
}

#[test]
fn equal_findings_get_distinct_fingerprints() {
    let text = "A[^x] and again A[^x].\n";
    let prints = fingerprints(text);
    assert_eq!(prints.len(), 2);
    assert_ne!(prints[0].1, prints[1].1);
}
