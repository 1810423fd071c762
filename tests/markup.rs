//! Markup that is not prose (HTML tags and attributes, star pages, enumerators) and a
//! bibliography heading over a section that is not a bibliography.

mod common;

use common::{lint, lint_selected, positions_of, summary};
use manulint::model::{Role, TextRun};

/// The text runs of the blocks whose text contains `needle`, with their emphasis.
fn runs_around<'a>(ms: &'a manulint::model::Manuscript, needle: &str) -> Vec<(&'a str, bool)> {
    let block = ms
        .blocks
        .iter()
        .find(|b| ms.text(b.span).contains(needle))
        .unwrap_or_else(|| panic!("a block with {needle:?}"));
    let file_text = &ms.sources.get(block.file).text;
    ms.block_runs(block)
        .iter()
        .map(|r| {
            (
                &file_text[r.start as usize..r.end as usize],
                r.style & TextRun::EMPHASIS != 0,
            )
        })
        .collect()
}

#[test]
fn html_tags_and_attribute_values_are_never_prose() {
    let (ms, diagnostics) = lint_selected(&["markup/html-passes.md"], &["all"]);
    assert_eq!(summary(&ms, &diagnostics), Vec::<String>::new());
    let text: Vec<&str> = ms
        .blocks
        .iter()
        .flat_map(|b| ms.block_runs(b))
        .map(|r| &ms.sources.get(ms.blocks[0].file).text[r.start as usize..r.end as usize])
        .collect();
    let joined = text.join("|");
    for markup in [
        "alt=", "src=", "style=", "<br>", "map-1936", "f(\"x", "output =",
    ] {
        assert!(!joined.contains(markup), "{markup} in {joined}");
    }
    // The text between the tags is the author's, one block per caption, cell or division.
    for prose in [
        "Figure 3: Households by district, 1936.",
        "The figures come from the district soviet's own count.",
        "A note on the sources follows.",
    ] {
        assert!(
            ms.blocks
                .iter()
                .any(|b| b.role == Role::Body && ms.text(b.span) == prose),
            "{prose}"
        );
    }
    assert!(text.contains(&"Northern") && text.contains(&"1,250"));
    assert!(
        ms.blocks.iter().any(|b| ms.text(b.span) == "1,250"),
        "a cell is a block of its own"
    );
}

#[test]
fn captions_and_divisions_are_linted_as_prose() {
    let (ms, diagnostics) = lint(&["markup/html-fires.md"]);
    assert_eq!(
        summary(&ms, &diagnostics),
        vec![
            "doubled-word 5:23",
            "unbalanced-delimiters 5:50",
            "doubled-word 8:54",
            "unbalanced-delimiters 11:24",
        ]
    );
}

#[test]
fn star_pages_are_text_and_emphasis_around_them_stays() {
    let (ms, diagnostics) = lint_selected(&["markup/star-paging-passes.md"], &["all"]);
    assert_eq!(summary(&ms, &diagnostics), Vec::<String>::new());
    let runs = runs_around(&ms, "654321");
    let italic: Vec<&str> = runs.iter().filter(|r| r.1).map(|r| r.0).collect();
    assert_eq!(
        italic,
        vec!["Doe v. Roe", "Id.", "see also", "Brown v. Green"]
    );
    let plain: String = runs.iter().filter(|r| !r.1).map(|r| r.0).collect();
    assert!(plain.contains("at *3–*4 (S.D.N.Y. 2020); "), "{plain}");
    assert!(plain.contains(" at **2; "), "{plain}");
    assert!(plain.contains("at *5, *9 (D. Mass. 2018)"), "{plain}");
    let body = runs_around(&ms, "second opinion");
    assert!(body.iter().any(|r| !r.1 && r.0.contains("at *7 of")));
    assert!(body.contains(&("Doe v. Roe", true)), "{body:?}");
}

#[test]
fn a_stray_star_beside_star_pages_is_still_found() {
    let text = "# A\n\nThe court held, at *14, that *Smith v. Jones, 2019 WL 1, was wrong.\n";
    let (ms, diagnostics) = manulint::check_str("stray.md", text);
    let stray: Vec<(usize, usize)> = diagnostics
        .iter()
        .filter(|d| d.rule.name == "unbalanced-delimiters")
        .map(|d| ms.sources.get(d.span.file).line_col(d.span.start))
        .collect();
    assert_eq!(stray, vec![(3, 30)]);
}

#[test]
fn enumerators_are_not_parentheses_and_stray_ones_are() {
    assert_eq!(
        positions_of(&["markup/enumerators-passes.md"], "unbalanced-delimiters"),
        Vec::<String>::new()
    );
    assert_eq!(
        positions_of(&["markup/enumerators-fires.md"], "unbalanced-delimiters"),
        vec!["3:50", "5:48", "7:25"]
    );
}

#[test]
fn a_bracket_or_quotation_over_a_few_paragraphs_of_one_section_is_a_passage() {
    // A dialogue quoted line by line and a bracketed remark over three paragraphs close
    // where they end.
    assert_eq!(
        positions_of(
            &["markup/passage-over-paragraphs-passes.md"],
            "unbalanced-delimiters"
        ),
        Vec::<String>::new()
    );
    // A stray mark followed by punctuation opens no passage, and a heading ends one: each
    // loose end is reported.
    assert_eq!(
        positions_of(
            &["markup/passage-over-paragraphs-fires.md"],
            "unbalanced-delimiters"
        ),
        vec!["3:73", "7:65", "9:35", "13:39"]
    );
}

#[test]
fn a_literature_section_of_prose_is_body_text() {
    let (ms, diagnostics) = lint(&["bibliography/literature-prose.md"]);
    assert!(ms.bibliography.is_empty());
    assert!(ms.blocks.iter().all(|b| b.role != Role::Bibliography));
    // Prose rules read it.
    assert_eq!(summary(&ms, &diagnostics), vec!["doubled-word 13:4"]);
}

#[test]
fn a_literature_section_of_entries_is_a_bibliography() {
    let (ms, diagnostics) = lint(&["bibliography/literature-entries.md"]);
    let entries: Vec<&str> = ms.bibliography.iter().map(|e| ms.text(e.span)).collect();
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert!(entries[0].starts_with("Siegelbaum, Lewis H. *Stakhanovism"));
    assert!(entries[1].ends_with("Press, 1995."));
    assert_eq!(
        summary(&ms, &diagnostics),
        vec!["uncited-bibliography-entry 11:1"]
    );
}

#[test]
fn a_bibliography_keeps_its_list_and_its_introduction_is_body_text() {
    let (ms, diagnostics) = lint_selected(&["bibliography/bibliography-introduction.md"], &["all"]);
    let entries: Vec<&str> = ms.bibliography.iter().map(|e| ms.text(e.span)).collect();
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert!(entries[0].starts_with("Kotkin, Stephen."));
    let introduction = ms
        .blocks
        .iter()
        .find(|b| ms.text(b.span).starts_with("The works below"))
        .expect("the introduction");
    assert_eq!(introduction.role, Role::Body);
    assert_eq!(summary(&ms, &diagnostics), Vec::<String>::new());
}

#[test]
fn each_section_is_decided_on_its_own_and_entries_keep_their_spans() {
    let text = "\
# Bibliography

- Kotkin, Stephen. *Magnetic Mountain*. Berkeley: University of California Press, 1995.

# Sources

The sources of this study are the newspapers of the two districts, which printed the daily records.

# Literature

**Monographs**

Siegelbaum, Lewis H. *Stakhanovism*. Cambridge: Cambridge University Press, 1988.  
Fitzpatrick, Sheila. *Everyday Stalinism*. New York: Oxford University Press, 1999.
";
    let (ms, _) = manulint::check_str("sections.md", text);
    let entries: Vec<(&str, Option<&str>)> = ms
        .bibliography
        .iter()
        .map(|e| (ms.text(e.span), e.group.as_deref()))
        .collect();
    assert_eq!(
        entries,
        vec![
            (
                "Kotkin, Stephen. *Magnetic Mountain*. Berkeley: University of California Press, 1995.",
                None
            ),
            (
                "Siegelbaum, Lewis H. *Stakhanovism*. Cambridge: Cambridge University Press, 1988.",
                Some("Monographs")
            ),
            (
                "Fitzpatrick, Sheila. *Everyday Stalinism*. New York: Oxford University Press, 1999.",
                Some("Monographs")
            ),
        ]
    );
    let sources = ms
        .blocks
        .iter()
        .find(|b| ms.text(b.span).starts_with("The sources"))
        .expect("the sources paragraph");
    assert_eq!(sources.role, Role::Body);
}

#[test]
fn prose_with_a_year_in_a_bibliography_stays_an_entry() {
    // It may be an entry the reading missed; only unmarked prose is an introduction.
    let text = "\
# References

Lakens, D. (2017). Equivalence tests. *Social Psychological Science*, 8, 355–362.

The tables were computed with the statistics software current in 2017 and kept up to date.

Schuirmann, D. J. (1987). A comparison of two procedures. *Journal of Pharmacokinetics*, 15, 657–680.
";
    let (ms, _) = manulint::check_str("references.md", text);
    assert_eq!(ms.bibliography.len(), 3);
    assert!(ms.blocks.iter().all(|b| b.role != Role::Body));
}
