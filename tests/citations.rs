//! The citations family against fixtures that must fire and fixtures that must not.

mod common;

use common::{lint, positions_of, rules_on};

const MISSING: &str = "citations/missing-entry.md";
const MATCHING: &str = "citations/matching-passes.md";

#[test]
fn missing_entries_are_found_once_per_work_with_the_closest_entry() {
    assert_eq!(
        positions_of(&[MISSING], "missing-bibliography-entry"),
        vec!["9:127", "14:7", "15:7"]
    );
    let (ms, diagnostics) = lint(&[MISSING]);
    let steeltown = diagnostics
        .iter()
        .find(|d| d.message.contains("Steeltown"))
        .expect("Steeltown is missing");
    assert!(steeltown.related[0].message.contains("Magnetic Mountain"));
    assert!(
        ms.text(steeltown.related[0].span)
            .starts_with("Kotkin, Stephen.")
    );
}

#[test]
fn periodicals_archives_chapters_scripture_and_web_pages_are_covered() {
    let (_, diagnostics) = lint(&[MISSING]);
    let missing = messages_of(&diagnostics, "missing-bibliography-entry");
    for covered in ["Pravda", "RGASPI", "Rees", "Matt", "Posters"] {
        assert!(
            missing.iter().all(|m| !m.contains(covered)),
            "{covered} reported: {missing:?}"
        );
    }
}

#[test]
fn short_titles_articles_romanizations_and_scripts_match_their_entries() {
    for rule in [
        "missing-bibliography-entry",
        "citation-bibliography-mismatch",
        "uncited-bibliography-entry",
        "repeated-full-citation",
    ] {
        assert_eq!(
            positions_of(&[MATCHING], rule),
            Vec::<String>::new(),
            "{rule}"
        );
    }
}

#[test]
fn uncited_entries_are_info() {
    let (_, diagnostics) = lint(&[MISSING]);
    let uncited: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.rule.name == "uncited-bibliography-entry")
        .collect();
    assert_eq!(uncited.len(), 1);
    assert_eq!(uncited[0].severity, manulint::diagnostic::Severity::Info);
    assert!(uncited[0].message.contains("Magnetic Mountain"));
}

#[test]
fn mismatches_of_year_place_author_publisher_and_title() {
    let (_, diagnostics) = lint(&["citations/mismatch-fires.md"]);
    let messages = messages_of(&diagnostics, "citation-bibliography-mismatch");
    assert_eq!(messages.len(), 6, "{messages:?}");
    assert!(messages[0].starts_with("year `1981` here, `1985`"));
    assert!(messages[1].starts_with("place `Cambridge` here, `London`"));
    assert!(messages[2].starts_with("author `Petr Krivonos` here, `Krivosos, Petr`"));
    assert!(messages[3].starts_with("publisher `Penguin Books` here, `Penguin Press`"));
    assert!(messages[4].starts_with("title spelled `Tekstil'shchiki i ikh rabota`"));
    assert!(
        messages[5].starts_with("volume `vol. 3` here, `Vol. 1-2`"),
        "{}",
        messages[5]
    );
    // Both spans are shown.
    assert!(diagnostics.iter().all(|d| !d.related.is_empty()));
}

#[test]
fn title_variants_point_at_the_majority_spelling() {
    assert_eq!(
        positions_of(&["citations/title-variant.md"], "citation-title-variant"),
        vec!["9:15"]
    );
    // Case, apostrophes, a dropped article and a subtitle used as short title are no variants,
    // and the subtitle short form joins its work.
    assert_eq!(
        positions_of(&["citations/title-variant.md"], "short-form-before-full"),
        Vec::<String>::new()
    );
}

#[test]
fn short_form_before_full_fires_unless_the_book_was_cited_in_full() {
    assert_eq!(
        positions_of(&["citations/short-form.md"], "short-form-before-full"),
        vec!["7:7"]
    );
}

#[test]
fn full_notes_in_the_forms_real_notes_use_are_not_short_forms() {
    // Chapters with an editor after the book (`ed. X`, `X, eds.`), titles and journal names
    // wrapped over lines, essays in an abbreviated collection, theses and archival items,
    // a full note whose author is named in the sentence before it, corporate authors, a
    // period before the imprint, a journal's `volume:issue`.
    assert_eq!(
        positions_of(
            &["citations/short-form-real-notes.md"],
            "short-form-before-full"
        ),
        Vec::<String>::new()
    );
}

#[test]
fn short_forms_with_no_full_note_before_them_still_fire() {
    // By surname alone, or with given names and pages but nothing more.
    assert_eq!(
        positions_of(
            &["citations/short-form-real-notes-fires.md"],
            "short-form-before-full"
        ),
        vec!["11:5", "13:41"]
    );
}

#[test]
fn works_of_two_corporate_authors_are_two_works() {
    // Leeds's and Bradford's chambers of commerce are two authors; Bradford's statement
    // cited in full twice is one repeat.
    assert_eq!(
        positions_of(
            &["citations/short-form-real-notes.md"],
            "repeated-full-citation"
        ),
        vec!["45:8"]
    );
}

#[test]
fn pandoc_double_hyphen_page_ranges_are_ranges() {
    // `pp. 43--45` is a range; `p. 12--15` is a range after `p.`; `pp. 7` one page.
    assert_eq!(
        positions_of(&["citations/page-ranges.md"], "abbreviation-consistency"),
        vec!["6:36", "7:36"]
    );
}

#[test]
fn a_manuscript_of_short_forms_only_follows_its_own_convention() {
    assert_eq!(
        positions_of(
            &["citations/short-form-convention.md"],
            "short-form-before-full"
        ),
        Vec::<String>::new()
    );
}

#[test]
fn repeated_full_citations_are_info_but_not_for_periodicals_or_other_volumes() {
    assert_eq!(
        positions_of(&["citations/repeated-full.md"], "repeated-full-citation"),
        vec!["6:7"]
    );
    assert_eq!(
        positions_of(&["citations/short-form.md"], "repeated-full-citation"),
        vec!["13:7"]
    );
}

#[test]
fn broken_ibid_chains_are_found() {
    assert_eq!(
        positions_of(&["citations/ibid-fires.md"], "ibid-no-antecedent"),
        vec!["6:7", "10:7"]
    );
    assert_eq!(
        positions_of(&["citations/ibid-fires.md"], "ibid-ambiguous"),
        vec!["8:7"]
    );
}

#[test]
fn intact_ibid_chains_raise_nothing() {
    for rule in ["ibid-no-antecedent", "ibid-ambiguous", "ibid-style"] {
        assert_eq!(
            positions_of(&["citations/ibid-passes.md"], rule),
            Vec::<String>::new(),
            "{rule}"
        );
    }
}

#[test]
fn ibid_style_flags_the_minority_form_only() {
    assert_eq!(
        positions_of(&["citations/ibid-style.md"], "ibid-style"),
        vec!["7:7"]
    );
}

#[test]
fn a_declared_ibid_form_is_held_even_where_every_ibid_agrees() {
    // ibid-passes.md writes every ibid. in roman: consistent, and silent without a house style.
    let (ms, found) = common::lint_with_config(
        &["citations/ibid-passes.md"],
        &["ibid-style"],
        "[rules.ibid-style]\nform = \"italic\"\n",
    );
    let spans: Vec<&str> = found.iter().map(|d| ms.text(d.span)).collect();
    // Note 6's lower-case `ibid.` within a sentence is roman too.
    assert_eq!(
        spans,
        vec![
            "Ibid.", "Ibid.", "Ibid.", "ibid.", "Ibid.", "Ibid.", "Ibid.", "Ibid."
        ]
    );
    assert!(
        found[0].message.contains("house style"),
        "{}",
        found[0].message
    );
    // A declared roman form reports the italic one even where it is the majority.
    let (ms, found) = common::lint_with_config(
        &["citations/ibid-style.md"],
        &["ibid-style"],
        "[rules.ibid-style]\nform = \"roman\"\n",
    );
    let spans: Vec<&str> = found.iter().map(|d| ms.text(d.span)).collect();
    assert_eq!(spans, vec!["*Ibid.*"]);
    let fixes: Vec<&str> = found
        .iter()
        .flat_map(|d| d.fix.iter().flat_map(|f| f.edits.iter()))
        .map(|e| e.replacement.as_str())
        .collect();
    assert_eq!(fixes, vec!["Ibid."]);
}

#[test]
fn ibid_discouraged_is_off_by_default_and_names_the_short_form() {
    let (_, defaults) = lint(&["citations/ibid-passes.md"]);
    assert!(defaults.iter().all(|d| d.rule.name != "ibid-discouraged"));
    let output = common::manulint_bin()
        .args([
            "check",
            "--format",
            "json",
            "--select",
            "ibid-discouraged",
            "fixtures/citations/ibid-passes.md",
        ])
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let first = &json["diagnostics"][0]["message"];
    assert!(
        first
            .as_str()
            .is_some_and(|m| m.contains("Kotkin, *Magnetic Mountain*")),
        "{first}"
    );
}

/// A clean chain, edited as authors edit: the ibid rules notice each break.
#[test]
fn ibid_chains_break_when_notes_are_inserted_deleted_or_reordered() {
    let note = |n: u32, text: &str| format!("[^{n}]: {text}\n");
    let build = |notes: &[&str]| -> String {
        let mut doc = String::new();
        for (i, _) in notes.iter().enumerate() {
            doc.push_str(&format!("Sentence {}.[^{}]\n\n", i + 1, i + 1));
        }
        for (i, text) in notes.iter().enumerate() {
            doc.push_str(&note(i as u32 + 1, text));
        }
        doc
    };
    let kotkin =
        "Stephen Kotkin, *Magnetic Mountain* (Berkeley: University of California Press, 1995), 8.";
    let ibid = "Ibid., 9.";
    let both = "Kotkin, *Magnetic Mountain*, 10; Siegelbaum, *Stakhanovism*, 70.";
    let comment = "The figure was disputed.";

    let clean = build(&[kotkin, ibid, ibid]);
    assert!(
        !rules_on(&clean).iter().any(|r| r.starts_with("ibid")),
        "{:?}",
        rules_on(&clean)
    );

    let inserted = build(&[kotkin, both, ibid, ibid]);
    assert_eq!(
        rules_on(&inserted)
            .iter()
            .filter(|r| **r == "ibid-ambiguous")
            .count(),
        1
    );

    let deleted = build(&[ibid, ibid]);
    assert!(rules_on(&deleted).contains(&"ibid-no-antecedent"));

    let reordered = build(&[kotkin, comment, ibid]);
    assert!(rules_on(&reordered).contains(&"ibid-no-antecedent"));
}

#[test]
fn the_citation_parser_reads_the_main_chicago_forms() {
    use manulint::indexes::citations::{CitationIndex, CitationKind};
    let text = "Text.[^1]\n\n[^1]: As Kotkin argues. Stephen Kotkin, *Magnetic Mountain: Stalinism as a Civilization* (Berkeley: University of California Press, 1995), 8; James Ryan, “The Sacralization of Violence,” *Slavic Review* 74, no. 4 (2015): 818; Karl Marx, “The German Ideology,” in Robert C. Tucker, ed., *The Marx-Engels Reader*, 2nd ed. (New York: Norton, 1978), 150; “Rekord,” *Pravda*, 2 September 1935, p.3; RGASPI f.85, o.29, d.633, l.12; *Ibid.*, 5.\n";
    let (ms, _) = manulint::check_str("forms.md", text);
    let index = CitationIndex::build(&ms, &[]);
    let kinds: Vec<CitationKind> = index.citations.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        vec![
            CitationKind::Book,
            CitationKind::Article,
            CitationKind::Chapter,
            CitationKind::Periodical,
            CitationKind::Archival,
            CitationKind::Ibid,
        ]
    );
    let book = &index.citations[0];
    assert!(book.full);
    assert_eq!(book.publication.surnames, vec!["Kotkin"]);
    assert_eq!(
        book.publication.place.as_ref().map(|f| f.text.as_str()),
        Some("Berkeley")
    );
    assert_eq!(
        book.publication.publisher.as_ref().map(|f| f.text.as_str()),
        Some("University of California Press")
    );
    assert_eq!(
        book.publication.year.as_ref().map(|f| f.text.as_str()),
        Some("1995")
    );
    assert_eq!(
        ms.text(book.span),
        "Stephen Kotkin, *Magnetic Mountain: Stalinism as a Civilization* (Berkeley: University of California Press, 1995), 8"
    );
    let article = &index.citations[1];
    assert_eq!(
        article
            .publication
            .container
            .as_ref()
            .map(|f| f.text.as_str()),
        Some("Slavic Review")
    );
    assert_eq!(
        article.publication.year.as_ref().map(|f| f.text.as_str()),
        Some("2015")
    );
    let chapter = &index.citations[2];
    assert_eq!(
        chapter.publication.title.as_ref().map(|f| f.text.as_str()),
        Some("The German Ideology")
    );
    assert_eq!(
        chapter
            .publication
            .container
            .as_ref()
            .map(|f| f.text.as_str()),
        Some("The Marx-Engels Reader")
    );
    assert!(chapter.full);
    let ibid = index.citations[5].ibid.expect("ibid form");
    assert!(ibid.italic && ibid.period);
}

#[test]
fn prose_quotations_and_italic_words_are_not_citations() {
    use manulint::indexes::citations::CitationIndex;
    let text = "Text.[^1]\n\n[^1]: Workers spoke of “miracles” and *tekhnika*; the *Pravda* journalist wrote of “people of a creative type,” in spite of everything.\n";
    let (ms, _) = manulint::check_str("prose.md", text);
    let index = CitationIndex::build(&ms, &[]);
    assert!(
        index.citations.is_empty(),
        "{:?}",
        index.citations.iter().map(|c| c.kind).collect::<Vec<_>>()
    );
}

fn check_json(args: &[&str]) -> (serde_json::Value, i32) {
    let output = common::manulint_bin().args(args).output().expect("runs");
    let json = serde_json::from_slice(&output.stdout).unwrap_or(serde_json::Value::Null);
    (json, output.status.code().unwrap_or(-1))
}

fn rule_messages(json: &serde_json::Value) -> Vec<(String, String)> {
    json["diagnostics"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|d| {
                    (
                        d["rule"].as_str().unwrap_or("").to_string(),
                        d["message"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn pandoc_keys_are_checked_against_bibtex_and_csl_json() {
    let (json, code) = check_json(&[
        "check",
        "--format",
        "json",
        "fixtures/citations/pandoc.md",
        "--bibliography",
        "fixtures/citations/refs.bib",
        "--bibliography",
        "fixtures/citations/refs.json",
    ]);
    assert_eq!(code, 1);
    let found = rule_messages(&json);
    assert_eq!(
        found,
        vec![
            (
                "unknown-citation-key".to_string(),
                "citation key `@kotkin1955` is not in the bibliography file".to_string()
            ),
            // Bibliography files are reference libraries: one line each, not one per entry.
            (
                "uncited-bibliography-entry".to_string(),
                "1 of the 3 bibliography entries of refs.bib is not cited (read as a reference library, \
                 from which only cited works are printed)"
                    .to_string()
            ),
            (
                "uncited-bibliography-entry".to_string(),
                "1 of the 2 bibliography entries of refs.json is not cited (read as a reference library, \
                 from which only cited works are printed)"
                    .to_string()
            ),
        ]
    );
    // The suggestion points into the .bib file.
    let related = &json["diagnostics"][0]["related"][0];
    assert_eq!(related["file"], "fixtures/citations/refs.bib");
    assert!(
        related["message"]
            .as_str()
            .is_some_and(|m| m.contains("@kotkin1995"))
    );
}

#[test]
fn without_a_bibliography_file_keys_are_not_judged() {
    let (json, code) = check_json(&["check", "--format", "json", "fixtures/citations/pandoc.md"]);
    assert_eq!(code, 0);
    assert!(
        rule_messages(&json).is_empty(),
        "{:?}",
        rule_messages(&json)
    );
}

#[test]
fn a_broken_bibliography_file_is_a_usage_error() {
    let dir = std::env::temp_dir().join(format!("manulint-bib-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let bad = dir.join("bad.bib");
    std::fs::write(&bad, "@book{x,\n title = {unclosed\n").expect("write");
    let output = common::manulint_bin()
        .args(["check", "fixtures/citations/pandoc.md", "--bibliography"])
        .arg(&bad)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("bad.bib` line") && stderr.contains("invalid BibTeX"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn email_addresses_and_code_are_not_citation_keys() {
    let (ms, _) = lint(&["citations/pandoc.md"]);
    let index = manulint::indexes::citations::CitationIndex::build(&ms, &[]);
    let keys: Vec<&str> = index
        .keys
        .iter()
        .map(|(k, _)| k.key.text.as_str())
        .collect();
    // Bare `@hellbeck2006` counts: the file cites by key in brackets, and it reads as a key
    // of name and year. The address and the code do not.
    assert_eq!(
        keys,
        vec![
            "siegelbaum1988",
            "kotkin1995",
            "siegelbaum1988",
            "hellbeck2006",
            "kotkin1955"
        ]
    );
}

#[test]
fn the_config_names_bibliography_files_relative_to_itself() {
    let dir = std::env::temp_dir().join(format!("manulint-bibcfg-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("refs")).expect("dir");
    std::fs::copy(
        common::fixture("citations/refs.bib"),
        dir.join("refs/refs.bib"),
    )
    .expect("copy");
    std::fs::write(dir.join("a.md"), "A claim [@nosuchkey].\n").expect("write");
    std::fs::write(
        dir.join("manulint.toml"),
        "files = [\"a.md\"]\nbibliography = [\"refs/refs.bib\"]\n",
    )
    .expect("write");
    let output = common::manulint_bin()
        .current_dir(&dir)
        .args(["check", "--format", "json"])
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let rules: Vec<&str> = json["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|d| d["rule"].as_str())
        .collect();
    assert!(rules.contains(&"unknown-citation-key"), "{rules:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn per_chapter_option_asks_for_a_full_citation_in_each_chapter() {
    assert_eq!(
        positions_of(&["citations/chapters"], "short-form-before-full"),
        Vec::<String>::new()
    );
    let scratch = common::scratch_config(
        "perch",
        "[rules.short-form-before-full]\nper-chapter = true\n",
    );
    let config = &scratch.path;
    let (json, _) = check_json(&[
        "check",
        "--format",
        "json",
        "--config",
        config.to_str().unwrap_or_default(),
        "fixtures/citations/chapters",
    ]);
    let found = rule_messages(&json);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "short-form-before-full");
    assert_eq!(
        json["diagnostics"][0]["file"],
        "fixtures/citations/chapters/ch2.md"
    );
}

#[test]
fn op_cit_is_reported_only_by_ibid_discouraged() {
    let (json, _) = check_json(&["check", "--format", "json", "fixtures/citations/chapters"]);
    assert!(rule_messages(&json).is_empty());
    let (json, _) = check_json(&[
        "check",
        "--format",
        "json",
        "--select",
        "ibid-discouraged",
        "fixtures/citations/chapters",
    ]);
    let found = rule_messages(&json);
    assert_eq!(found.len(), 1);
    assert!(found[0].1.starts_with("`op. cit.`"), "{found:?}");
}

#[test]
fn scripture_and_web_citations_need_entries_only_when_not_exempt() {
    let scratch = common::scratch_config(
        "exempt",
        "[rules.missing-bibliography-entry]\nexempt = [\"scripture\"]\n",
    );
    let config = &scratch.path;
    let (json, _) = check_json(&[
        "check",
        "--format",
        "json",
        "--config",
        config.to_str().unwrap_or_default(),
        "--select",
        "missing-bibliography-entry",
        "fixtures/citations/missing-entry.md",
    ]);
    let found: Vec<String> = rule_messages(&json).into_iter().map(|(_, m)| m).collect();
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(
        found
            .iter()
            .any(|m| m.starts_with("this web citation has no bibliography entry"))
    );
}

#[test]
fn the_bibliography_spelling_is_the_reference_when_notes_use_it() {
    let fixture = "citations/title-variant-bibliography.md";
    assert_eq!(
        positions_of(&[fixture], "citation-title-variant"),
        vec!["5:18", "6:15", "7:15"]
    );
    let (_, diagnostics) = lint(&[fixture]);
    let first = diagnostics
        .iter()
        .find(|d| d.rule.name == "citation-title-variant")
        .expect("variant");
    assert!(
        first.message.contains("the bibliography and 1 citation"),
        "{}",
        first.message
    );
    // The bibliography disagreement is said once, by title-variant, not again by mismatch.
    assert!(
        diagnostics
            .iter()
            .all(|d| d.rule.name != "citation-bibliography-mismatch")
    );
}

#[test]
fn a_bibliography_file_declared_the_manuscripts_own_has_each_uncited_entry_reported() {
    let dir = std::env::temp_dir().join(format!("manulint-own-bib-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let config = dir.join("manulint.toml");
    std::fs::write(
        &config,
        "[rules.uncited-bibliography-entry]\neach-file-entry = true\n",
    )
    .expect("config written");
    let config = config.to_string_lossy().into_owned();
    let (json, _) = check_json(&[
        "check",
        "--format",
        "json",
        "--config",
        &config,
        "fixtures/citations/pandoc.md",
        "--bibliography",
        "fixtures/citations/refs.bib",
    ]);
    let uncited: Vec<String> = rule_messages(&json)
        .into_iter()
        .filter(|(rule, _)| rule == "uncited-bibliography-entry")
        .map(|(_, message)| message)
        .collect();
    assert_eq!(
        uncited,
        vec!["*Everyday Stalinism* is listed in the bibliography but no note cites it".to_string()]
    );
}

#[test]
fn a_classical_work_needs_no_bibliography_entry_but_a_modern_one_does() {
    let (_, diagnostics) = lint(&["citations/missing-entry-classics.md"]);
    let missing = messages_of(&diagnostics, "missing-bibliography-entry");
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(
        missing[0].starts_with("Lynch, *The Image of the City*"),
        "{}",
        missing[0]
    );
}

#[test]
fn two_citations_against_one_do_not_decide_which_title_spelling_is_right() {
    let text = "Text.[^1] More.[^2] Again.[^3]\n\n\
        [^1]: Ivan Gudov, *Put' stakhanovtsa* (Moscow: Profizdat, 1938), 12.\n\
        [^2]: Gudov, *Put' stakhanovtsa*, 14.\n\
        [^3]: Gudov, *Put' stakhanovtisa*, 16.\n";
    let (_, diagnostics) = manulint::check_str("gudov.md", text);
    let variants = messages_of(&diagnostics, "citation-title-variant");
    assert_eq!(variants.len(), 1, "{variants:?}");
    assert!(
        variants[0].starts_with("this work's title is spelled two ways"),
        "{}",
        variants[0]
    );
}

#[test]
fn a_note_of_another_file_is_named_with_its_file() {
    // Labels restart in each chapter file: `note 1` alone would name the wrong note.
    let (_, found) = lint(&["citations/restart"]);
    let message = |rule: &str| {
        found
            .iter()
            .find(|d| d.rule.name == rule)
            .map(|d| d.message.clone())
            .unwrap_or_default()
    };
    assert!(
        message("repeated-full-citation").contains("already cited in full in ch1.md, note 1;"),
        "{}",
        message("repeated-full-citation")
    );
    // Within one file the bare label is clear.
    assert_eq!(
        message("ibid-ambiguous"),
        "ibid. is ambiguous: note 2 cites 2 sources"
    );
}

#[test]
fn single_quoted_titles_are_read_like_double_quoted_ones() {
    use manulint::indexes::citations::{CitationIndex, CitationKind};
    const SINGLE: &str = "citations/single-quotes.md";
    // Chapters and articles in British quotation marks match their entries; apostrophes,
    // soft signs, a plural possessive and a prose quotation make no titles of their own.
    let (ms, diagnostics) = lint(&[SINGLE]);
    assert!(
        diagnostics.is_empty(),
        "{:?}",
        rules_on_diagnostics(&diagnostics)
    );
    let index = CitationIndex::build(&ms, &[]);
    let read: Vec<(CitationKind, &str)> = index
        .citations
        .iter()
        .filter_map(|c| Some((c.kind, c.publication.title.as_ref()?.text.as_str())))
        .collect();
    assert_eq!(
        read,
        vec![
            (CitationKind::Chapter, "The Mills of Calder Vale"),
            (CitationKind::Article, "The workers’ clubs of Bradford"),
            (CitationKind::Article, "Mills of Calder Vale"),
            (CitationKind::Article, "The workers’ clubs of Bradford"),
            (CitationKind::Article, "The “New Man” in the Factory Press"),
            (CitationKind::Chapter, "Promyshlennost’ v gody voiny"),
        ]
    );
    let entry_titles: Vec<&str> = index
        .entries
        .iter()
        .filter_map(|e| Some(e.publication.title.as_ref()?.text.as_str()))
        .collect();
    assert_eq!(
        entry_titles,
        vec![
            "The Mills of Calder Vale",
            "The workers’ clubs of Bradford",
            "The “New Man” in the Factory Press",
            "Promyshlennost’ v gody voiny",
        ]
    );
}

#[test]
fn a_key_given_to_two_entries_is_reported_at_the_second_and_the_file_still_read() {
    let (json, code) = check_json(&[
        "check",
        "--format",
        "json",
        "fixtures/bibliography/duplicate-key.md",
        "--bibliography",
        "fixtures/bibliography/duplicate-key.bib",
    ]);
    assert_eq!(code, 1, "an error, not a refused file");
    assert_eq!(
        rule_messages(&json),
        vec![(
            "duplicate-bibliography-key".to_string(),
            "key `kotkin1995` is given to an earlier entry of this file too; only the first can be cited"
                .to_string()
        )],
        "both keys resolve: no unknown key, nothing uncited"
    );
    let finding = &json["diagnostics"][0];
    assert_eq!(finding["line"], 9);
    assert_eq!(finding["related"][0]["line"], 1);
}

#[test]
fn single_quoted_titles_are_checked_against_the_bibliography() {
    const FIRES: &str = "citations/single-quotes-fires.md";
    assert_eq!(
        positions_of(&[FIRES], "citation-bibliography-mismatch"),
        vec!["6:17", "7:89"]
    );
    assert_eq!(
        positions_of(&[FIRES], "missing-bibliography-entry"),
        vec!["8:7"]
    );
}

fn rules_on_diagnostics(diagnostics: &[manulint::diagnostic::Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.rule.name, d.message))
        .collect()
}

#[test]
fn bibliography_authors_with_particles_in_natural_order_or_bodies_match_their_notes() {
    const AUTHORS: &str = "citations/entry-authors.md";
    // `Hugo de Vries`, `de Vries` and `Vries` in the notes meet `Vries, Hugo de.` and `de
    // Vries, Hugo.`; `Jane Smith.` and the bodies meet their notes; nothing is out of order
    // (`de Vries` is listed under D, `Vries, Hugo de` under V).
    for rule in [
        "missing-bibliography-entry",
        "uncited-bibliography-entry",
        "citation-bibliography-mismatch",
        "bibliography-order",
        "bibliography-repeated-author",
    ] {
        assert_eq!(
            positions_of(&[AUTHORS], rule),
            Vec::<String>::new(),
            "{rule}"
        );
    }
    let (ms, _) = lint(&[AUTHORS]);
    let index = manulint::indexes::citations::CitationIndex::build(&ms, &[]);
    let surnames: Vec<String> = index
        .entries
        .iter()
        .map(|e| e.publication.surnames.join("/"))
        .collect();
    assert_eq!(
        surnames,
        vec![
            "Beauvoir",
            "Berg",
            "Vries",
            "Holt/Lee",
            "Smith",
            "League of Nations",
            "Orlov",
            "",
            "Orlov",
            "",
            "",
            "",
            "",
            "United States Department of Agriculture",
            "Ranke",
            "Vries",
            "World Health Organization",
        ]
    );
}

#[test]
fn three_dashes_repeat_an_author_only_when_one_was_read() {
    // After a cut entry the dashes repeat its author; after a newspaper or an archive they
    // repeat no one, and the work is matched by its title alone.
    let (ms, _) = lint(&["citations/entry-authors.md"]);
    let index = manulint::indexes::citations::CitationIndex::build(&ms, &[]);
    let author_of = |title: &str| {
        index
            .entries
            .iter()
            .find(|e| {
                e.publication
                    .title
                    .as_ref()
                    .is_some_and(|t| t.text == title)
            })
            .and_then(|e| e.publication.author.as_ref())
            .map(|a| a.text.clone())
    };
    assert_eq!(author_of("Steel Towns").as_deref(), Some("Orlov, Ivan"));
    assert_eq!(author_of("Strike Ballads"), None);
    assert_eq!(author_of("Union Songs"), None);
}

#[test]
fn bibliography_authors_in_every_form_are_checked_against_the_notes() {
    const FIRES: &str = "citations/entry-authors-fires.md";
    assert_eq!(
        positions_of(&[FIRES], "citation-bibliography-mismatch"),
        vec!["6:66", "7:62", "8:33", "9:63"]
    );
    // The dashes after a newspaper give Orlov no second work.
    assert_eq!(
        positions_of(&[FIRES], "missing-bibliography-entry"),
        vec!["10:7"]
    );
}

#[test]
fn two_works_that_share_a_main_title_stay_two_works() {
    use manulint::indexes::citations::CitationIndex;
    const SHARED: &str = "citations/shared-main-title.md";
    const NOTES: &str = "citations/shared-main-title-notes.md";
    // No title variant, mismatch, repeated full note or uncited entry: two volumes are two
    // works, and a short title that could name either is not reported on a guess.
    for fixture in [SHARED, NOTES] {
        let (_, diagnostics) = lint(&[fixture]);
        assert!(
            diagnostics.is_empty(),
            "{fixture}: {:?}",
            rules_on_diagnostics(&diagnostics)
        );
    }
    let (ms, _) = lint(&[SHARED]);
    let index = CitationIndex::build(&ms, &[]);
    let work_of = |note: u32| index.note_citations(note).first().and_then(|c| c.work);
    // The short title after only the first volume names it; after both, neither, and the
    // ibid. after it names nothing either.
    assert!(work_of(0).is_some());
    assert_eq!(work_of(1), work_of(0));
    assert_ne!(work_of(2), work_of(0));
    assert_eq!(work_of(3), None);
    assert_eq!(work_of(4), None);
    assert_eq!(index.ambiguous_entries, vec![2, 3]);
}

#[test]
fn a_misspelt_subtitle_is_still_the_work_and_a_missing_volume_is_missing() {
    const FIRES: &str = "citations/shared-main-title-fires.md";
    assert_eq!(
        positions_of(&[FIRES], "citation-bibliography-mismatch"),
        vec!["6:22"]
    );
    let (_, diagnostics) = lint(&[FIRES]);
    let missing: Vec<&manulint::diagnostic::Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.rule.name == "missing-bibliography-entry")
        .collect();
    // The short title after only the second volume names the second: two citations.
    assert_eq!(missing.len(), 1);
    assert_eq!(
        missing[0].message,
        "Petrova, *Mill Voices: The War Economy* is cited but has no bibliography entry (2 citations)"
    );
    assert_eq!(
        missing[0].related[0].message,
        "closest entry: *Mill Voices: The Early Years*"
    );
    // No year or title mismatch is built on the other volume's entry; it is uncited, named
    // by its whole title.
    let uncited = messages_of(&diagnostics, "uncited-bibliography-entry");
    assert_eq!(
        uncited,
        vec!["*Mill Voices: The Early Years* is listed in the bibliography but no note cites it"]
    );
}

#[test]
fn a_csl_json_file_that_is_no_list_of_items_with_ids_gets_a_warning() {
    let dir = std::env::temp_dir().join(format!("manulint-csl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("a.md"), "A claim [@kotkin1995].\n").expect("write");
    let cases = [
        (
            r#"{"title": "Magnetic Mountain"}"#,
            "an object with no `items` list",
        ),
        (
            r#"[{"id": "kotkin1995", "title": "Magnetic Mountain"}, {"title": "No id"}]"#,
            "1 of the 2 items of this CSL-JSON file have no `id`",
        ),
    ];
    for (json_text, expected) in cases {
        std::fs::write(dir.join("refs.json"), json_text).expect("write");
        let output = common::manulint_bin()
            .args(["check", "--format", "json", "--bibliography"])
            .arg(dir.join("refs.json"))
            .arg(dir.join("a.md"))
            .output()
            .expect("runs");
        let report: serde_json::Value =
            serde_json::from_slice(&output.stdout).expect("a JSON report");
        let unread: Vec<&str> = report["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|d| d["rule"] == "bibliography-file-unread")
            .filter_map(|d| d["message"].as_str())
            .collect();
        assert_eq!(unread.len(), 1, "{json_text}: {report}");
        assert!(unread[0].contains(expected), "{}", unread[0]);
    }
    std::fs::write(
        dir.join("refs.json"),
        r#"[{"id": "kotkin1995", "title": "Magnetic Mountain"}]"#,
    )
    .expect("write");
    let output = common::manulint_bin()
        .args(["check", "--format", "json", "--bibliography"])
        .arg(dir.join("refs.json"))
        .arg(dir.join("a.md"))
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&output.stdout).contains("bibliography-file-unread"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The messages of one rule's diagnostics, in order.
fn messages_of<'d>(
    diagnostics: &'d [manulint::diagnostic::Diagnostic],
    rule: &str,
) -> Vec<&'d str> {
    diagnostics
        .iter()
        .filter(|d| d.rule.name == rule)
        .map(|d| d.message.as_str())
        .collect()
}

#[test]
fn author_date_entries_have_their_year_after_the_names_and_go_by_year() {
    let text = "# Steel\n\nThe mills grew (Brink 1989; Brink 1991).\n\n# Bibliography\n\n\
Brink, Anna. 1989. *Steel Towns of the Donbas*. Kyiv: Naukova Dumka.\n\n\
Brink, Anna. 1991. *Coal and Memory*. Kyiv: Naukova Dumka.\n\n\
Halyna, Olena. (2004). The mills remembered. *Labour History Review*, 12(3), 33–51.\n\n\
Kovalenko, Ivan. *The Lost Pamphlet*. Kharkiv: Proletarii.\n\n\
Sokolova, Maria. 1999. *Shift Work*. Moscow: Nauka.\n";
    let (_, diagnostics) = manulint::check_str("author-date.md", text);
    // Only the entry with no year at all is reported.
    assert_eq!(
        messages_of(&diagnostics, "bibliography-entry-form"),
        vec!["this entry gives no year of publication (write `n.d.` if it has none)"]
    );
    let undated: Vec<u32> = diagnostics
        .iter()
        .filter(|d| d.rule.name == "bibliography-entry-form")
        .map(|d| d.span.start)
        .collect();
    assert_eq!(undated, vec![text.find("Kovalenko").unwrap() as u32]);
    // `Coal and Memory` after `Steel Towns` is by year, not out of order.
    assert_eq!(
        messages_of(&diagnostics, "bibliography-order"),
        Vec::<&str>::new()
    );
}

#[test]
fn a_body_named_in_another_word_order_is_its_entry() {
    // `County of Harlow Planning Department` in the notes, `Harlow County Planning
    // Department` in the bibliography; a title the notes lengthen keeps its entry; `Valley
    // Herald` is the listed `Harlow Valley Herald`.
    for rule in [
        "missing-bibliography-entry",
        "uncited-bibliography-entry",
        "citation-bibliography-mismatch",
    ] {
        assert_eq!(
            positions_of(&["citations/corporate-author-passes.md"], rule),
            Vec::<String>::new(),
            "{rule}"
        );
    }
}

#[test]
fn a_passage_quoted_in_a_note_is_no_cited_title() {
    // One with an editor's `[…]`, one longer than titles run: both quotations.
    assert_eq!(
        positions_of(
            &["citations/quoted-passage-passes.md"],
            "missing-bibliography-entry"
        ),
        Vec::<String>::new()
    );
}

fn citation_style_with(config: Option<&std::path::Path>, fixture: &str) -> serde_json::Value {
    let mut command = common::manulint_bin();
    command.args(["check", "--format", "json", "--fail-on", "never"]);
    if let Some(config) = config {
        command.arg("--config").arg(config);
    }
    let output = command.arg(fixture).output().expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    json["summary"]["citation_style"].clone()
}

/// The style is read from the citations and said in the summary; `[citations] style`
/// declares it instead, and a style manulint does not know stops the run.
#[test]
fn the_citation_style_is_detected_or_declared() {
    let detected = citation_style_with(None, "fixtures/citations/pandoc.md");
    assert_eq!(detected["name"], "author-date", "{detected}");
    assert_eq!(detected["detected"], true);
    let notes = citation_style_with(None, "fixtures/citations/ibid-fires.md");
    assert_eq!(notes["name"], "chicago-notes", "{notes}");
    let scratch = common::scratch_config("style", "[citations]\nstyle = \"bluebook\"\n");
    let declared = citation_style_with(Some(&scratch.path), "fixtures/citations/pandoc.md");
    assert_eq!(declared["name"], "bluebook");
    assert_eq!(declared["detected"], false);
    let unknown = common::scratch_config("style-unknown", "[citations]\nstyle = \"apa7\"\n");
    let output = common::manulint_bin()
        .args(["check", "--config"])
        .arg(&unknown.path)
        .arg("fixtures/citations/pandoc.md")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("use one of auto, chicago-notes"),
        "{stderr}"
    );
}
