//! Snapshot tests of the rendered output, through the real binary.

mod common;

use common::manulint_bin;

fn run(args: &[&str]) -> (String, i32) {
    let output = manulint_bin().args(args).output().expect("manulint runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn human_output_of_the_demo_thesis() {
    let (stdout, code) = run(&["check", "--color", "never", "fixtures/demo/thesis.md"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(stdout);
}

#[test]
fn human_output_of_markdown_footnotes() {
    let (stdout, _) = run(&[
        "check",
        "--color",
        "never",
        "fixtures/footnotes/duplicate-fires.md",
        "fixtures/footnotes/undefined-fires.md",
    ]);
    insta::assert_snapshot!(stdout);
}

#[test]
fn human_output_when_clean() {
    let (stdout, code) = run(&[
        "check",
        "--color",
        "never",
        "fixtures/footnotes/sequence-passes.md",
    ]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(stdout);
}

#[test]
fn json_output_of_the_demo_thesis() {
    let (stdout, _) = run(&["check", "--format", "json", "fixtures/demo/thesis.md"]);
    insta::assert_snapshot!(stdout);
}

#[test]
fn github_output_of_the_demo_thesis() {
    let (stdout, _) = run(&["check", "--format", "github", "fixtures/demo/thesis.md"]);
    insta::assert_snapshot!(stdout);
}

#[test]
fn rules_listing() {
    let (stdout, code) = run(&["rules"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(stdout);
}

#[test]
fn a_grouped_finding_shows_its_first_related_places_and_counts_the_rest() {
    let (stdout, _) = run(&[
        "check",
        "--color",
        "never",
        "--select",
        "range-dash",
        "fixtures/typography/range-dash-many-fires.md",
    ]);
    // Ten hyphenated ranges: the first is the finding, five more are shown, four counted.
    assert!(stdout.contains("and 4 more places"), "{stdout}");
    assert!(!stdout.contains("`46-48`"), "{stdout}");
}
