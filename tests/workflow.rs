//! The author's workflow: a baseline that survives everyday edits, SARIF for code scanning,
//! `--statistics`, and `--fix` / `--diff`.

mod common;

use std::path::{Path, PathBuf};

use common::{Run, fixture, run_in, scratch};

const BASELINE: &str = ".manulint-baseline.json";

/// What an author does between two CI runs: two paragraphs inserted at the top, a note
/// inserted near the start (every later note renumbers), and in it a citation of a work the
/// bibliography lacks. Notes are `<sup>n</sup>` as Word exports them.
fn edit_like_an_author(text: &str, new_note: &str) -> String {
    let mut edited = String::from(
        "This preface was written after the baseline was taken.\n\n\
         So was this second paragraph of it.\n\n",
    );
    let mut rest = text;
    while let Some(at) = rest.find("<sup>") {
        edited.push_str(&rest[..at]);
        let tail = &rest[at + "<sup>".len()..];
        let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        match tail[digits..].strip_prefix("</sup>") {
            Some(after) if digits > 0 => {
                let number: u32 = tail[..digits].parse().expect("a note number");
                edited.push_str(&format!("<sup>{}</sup>", number + 1));
                rest = after;
            }
            _ => {
                edited.push_str("<sup>");
                rest = tail;
            }
        }
    }
    edited.push_str(rest);
    // The new note 1: its marker just before the old first marker, its text before the old
    // first note's.
    let marker = edited.find("<sup>2</sup>").expect("a first marker");
    edited.insert_str(marker, "<sup>1</sup>");
    let definition = edited.find("\n<sup>2</sup>").expect("a first note") + 1;
    edited.insert_str(definition, &format!("<sup>1</sup> {new_note}\n\n"));
    edited
}

/// A writable copy: the corpus files are read-only, and `--fix` refuses read-only files.
fn copy_into(dir: &Path, source: &Path) -> PathBuf {
    let target = dir.join("thesis.md");
    std::fs::write(&target, std::fs::read(source).expect("manuscript readable"))
        .expect("manuscript copied");
    target
}

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

/// Baselines a manuscript, edits it like an author and adds one citation missing from the
/// bibliography: exactly that one diagnostic is new and fails the run; without it the run
/// passes.
fn baseline_survives_everyday_edits(manuscript: &Path, name: &str) {
    let dir = scratch(name);
    let file = copy_into(&dir, manuscript);
    let written = run_in(&dir, &["baseline", "thesis.md"]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    let original = std::fs::read_to_string(&file).expect("copy readable");
    let known = run_in(&dir, &["check", "--format", "json", "thesis.md"]);
    let known_count = json(&known)["diagnostics"].as_array().map_or(0, Vec::len);
    assert!(known_count > 0, "the manuscript has findings to baseline");

    let missing_work = "Ivan Gudov, *Sud'ba rabochego* (Moscow: Voenizdat, 1970), 45.";
    std::fs::write(&file, edit_like_an_author(&original, missing_work)).expect("edited");
    let run = run_in(
        &dir,
        &[
            "check",
            "--baseline",
            BASELINE,
            "--format",
            "json",
            "thesis.md",
        ],
    );
    let diagnostics = json(&run)["diagnostics"].clone();
    let rules: Vec<&str> = diagnostics
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|d| d["rule"].as_str())
        .collect();
    assert_eq!(rules, vec!["missing-bibliography-entry"], "{diagnostics:#}");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains(&format!("1 new, {known_count} known (baselined), 0 fixed")),
        "{}",
        run.stderr
    );

    let uncited = "The shift began at ten in the evening.";
    std::fs::write(&file, edit_like_an_author(&original, uncited)).expect("edited");
    let run = run_in(&dir, &["check", "--baseline", BASELINE, "thesis.md"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains(&format!("0 new, {known_count} known")));
}

#[test]
fn baseline_reports_only_the_new_citation_error_in_the_demo() {
    baseline_survives_everyday_edits(&fixture("demo/thesis.md"), "baseline-demo");
}

/// The same on the real thesis (../shared, as CI has it): run by .ci/run with `--ignored`.
#[test]
#[ignore = "needs ../shared/corpus; .ci/run runs it"]
fn baseline_reports_only_the_new_citation_error_in_the_real_thesis() {
    let thesis =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/stakhanovite-thesis.md");
    baseline_survives_everyday_edits(&thesis, "baseline-thesis");
}

#[test]
fn baseline_file_is_sorted_stable_and_survives_a_renamed_chapter() {
    let dir = scratch("baseline-stable");
    copy_into(&dir, &fixture("demo/thesis.md"));
    assert_eq!(run_in(&dir, &["baseline", "thesis.md"]).code, 0);
    let first = std::fs::read_to_string(dir.join(BASELINE)).expect("baseline written");
    assert_eq!(run_in(&dir, &["baseline", "thesis.md"]).code, 0);
    let second = std::fs::read_to_string(dir.join(BASELINE)).expect("baseline written");
    assert_eq!(first, second, "regenerating changes nothing");
    let file: serde_json::Value = serde_json::from_str(&first).expect("JSON");
    let keys: Vec<(String, String)> = file["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|e| (e["rule"].to_string(), e["fingerprint"].to_string()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);

    std::fs::rename(dir.join("thesis.md"), dir.join("chapter-one.md")).expect("renamed");
    let run = run_in(&dir, &["check", "--baseline", BASELINE, "chapter-one.md"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("0 new,"), "{}", run.stdout);
}

#[test]
fn update_baseline_drops_what_was_fixed() {
    let dir = scratch("baseline-update");
    let file = copy_into(&dir, &fixture("demo/thesis.md"));
    assert_eq!(run_in(&dir, &["baseline", "thesis.md"]).code, 0);
    let before = std::fs::read_to_string(dir.join(BASELINE)).expect("baseline");
    // Fix the year the bibliography disagrees with.
    let text = std::fs::read_to_string(&file).expect("readable");
    let run = run_in(&dir, &["check", "--format", "json", "thesis.md"]);
    let mismatch = json(&run)["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .find(|d| d["rule"] == "citation-bibliography-mismatch")
        .cloned()
        .expect("the demo has a year mismatch");
    let start = mismatch["span"]["start"].as_u64().expect("span") as usize;
    let end = mismatch["span"]["end"].as_u64().expect("span") as usize;
    assert_eq!(&text[start..end], "1935");
    std::fs::write(&file, format!("{}1934{}", &text[..start], &text[end..])).expect("fixed");

    let run = run_in(&dir, &["check", "--baseline", BASELINE, "thesis.md"]);
    assert!(
        run.stdout.contains("1 fixed since the baseline"),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read_to_string(dir.join(BASELINE)).expect("kept"),
        before
    );
    let run = run_in(
        &dir,
        &[
            "check",
            "--baseline",
            BASELINE,
            "--update-baseline",
            "thesis.md",
        ],
    );
    assert_eq!(run.code, 0);
    let after = std::fs::read_to_string(dir.join(BASELINE)).expect("updated");
    assert!(!after.contains("citation-bibliography-mismatch"));
    assert_eq!(
        before.matches("\"rule\"").count(),
        after.matches("\"rule\"").count() + 1
    );
}

fn baseline_entries(dir: &Path) -> usize {
    std::fs::read_to_string(dir.join(BASELINE))
        .expect("baseline")
        .matches("\"rule\"")
        .count()
}

#[test]
fn a_narrower_run_leaves_the_entries_it_did_not_check() {
    let dir = scratch("baseline-narrow");
    copy_into(&dir, &fixture("demo/thesis.md"));
    std::fs::write(dir.join("appendix.md"), "The the appendix.\n").expect("written");
    assert_eq!(
        run_in(&dir, &["baseline", "thesis.md", "appendix.md"]).code,
        0
    );
    let before = baseline_entries(&dir);
    assert!(before > 2);
    for narrower in [
        &["--select", "doubled-word", "thesis.md", "appendix.md"][..],
        &["--ignore", "citations", "thesis.md", "appendix.md"][..],
        &["thesis.md"][..],
    ] {
        let mut args = vec!["check", "--baseline", BASELINE, "--update-baseline"];
        args.extend_from_slice(narrower);
        let run = run_in(&dir, &args);
        assert_eq!(run.code, 0, "{narrower:?}: {}", run.stdout);
        assert!(
            run.stdout.contains("0 fixed since the baseline"),
            "{narrower:?}: {}",
            run.stdout
        );
        assert_eq!(baseline_entries(&dir), before, "{narrower:?}");
    }
    let run = run_in(
        &dir,
        &[
            "check",
            "--baseline",
            BASELINE,
            "--select",
            "doubled-word",
            "thesis.md",
        ],
    );
    assert!(run.stdout.contains("left as they are"), "{}", run.stdout);
}

#[test]
fn a_slip_fixed_and_made_again_elsewhere_is_new() {
    // name-variant's identity is the pair of spellings; where it is anchored says where.
    let dir = scratch("baseline-place");
    let paragraph = "The engine driver Petr Krivonos set a speed record. Krivonos wrote a memoir, \
                     and the railways honoured Krivonos with a movement.";
    let first =
        format!("# One\n\n{paragraph} Petr Krivosos denied nothing.\n\n# Two\n\nThe line grew.\n");
    std::fs::write(dir.join("thesis.md"), &first).expect("written");
    let found = run_in(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--select",
            "name-variant",
            "thesis.md",
        ],
    );
    assert_eq!(
        json(&found)["diagnostics"].as_array().map(Vec::len),
        Some(1),
        "the fixture must hold one name-variant finding: {}",
        found.stdout
    );
    assert_eq!(run_in(&dir, &["baseline", "thesis.md"]).code, 0);
    let moved = format!(
        "# One\n\n{paragraph} Petr Krivonos denied nothing.\n\n# Two\n\nThe line grew; Petr Krivosos left it.\n"
    );
    std::fs::write(dir.join("thesis.md"), moved).expect("written");
    let run = run_in(
        &dir,
        &[
            "check",
            "--baseline",
            BASELINE,
            "--select",
            "name-variant",
            "thesis.md",
        ],
    );
    assert!(run.stdout.contains("1 new, 0 known"), "{}", run.stdout);
    assert_eq!(run.code, 1);
}

#[test]
fn a_baseline_with_junk_unknown_fields_or_repeats_is_refused() {
    let dir = scratch("baseline-junk");
    copy_into(&dir, &fixture("demo/thesis.md"));
    let entry = r#"{"rule": "doubled-word", "fingerprint": "0123456789abcdef", "file": "thesis.md", "message": "m"}"#;
    let cases = [
        (
            format!(r#"{{"version": 1, "diagnostics": [{entry}], "extra": 1}}"#),
            "unknown field",
        ),
        (
            format!(
                r#"{{"version": 1, "diagnostics": [{}]}}"#,
                entry.replace("\"message\"", "\"note\": 3, \"message\"")
            ),
            "unknown field",
        ),
        (
            format!(r#"{{"version": 1, "diagnostics": [{entry}, {entry}]}}"#),
            "listed twice",
        ),
        (
            format!(
                r#"{{"version": 1, "diagnostics": [{}]}}"#,
                entry.replace("0123456789abcdef", "xyz")
            ),
            "not a fingerprint",
        ),
        (
            format!(
                r#"{{"version": 1, "diagnostics": [{}]}}"#,
                entry.replace("doubled-word", "no-such-rule")
            ),
            "not a rule",
        ),
    ];
    for (text, expected) in cases {
        std::fs::write(dir.join("b.json"), &text).expect("written");
        let run = run_in(&dir, &["check", "--baseline", "b.json", "thesis.md"]);
        assert_eq!(run.code, 2, "{text}");
        assert!(run.stderr.contains(expected), "{expected}: {}", run.stderr);
        assert_eq!(run.stderr.trim().lines().count(), 1);
    }
}

#[test]
fn a_missing_or_broken_baseline_is_an_error() {
    let dir = scratch("baseline-bad");
    copy_into(&dir, &fixture("demo/thesis.md"));
    let run = run_in(&dir, &["check", "--baseline", "absent.json", "thesis.md"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot read the baseline absent.json"));
    std::fs::write(dir.join("broken.json"), "{\"version\": 1").expect("written");
    let run = run_in(&dir, &["check", "--baseline", "broken.json", "thesis.md"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not a manulint baseline"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1);
}

#[test]
fn sarif_has_rules_results_locations_and_fingerprints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = run_in(
        root,
        &["check", "--format", "sarif", "fixtures/demo/thesis.md"],
    );
    let sarif = json(&run);
    assert_eq!(sarif["version"], "2.1.0");
    assert!(
        sarif["$schema"]
            .as_str()
            .is_some_and(|s| s.contains("sarif-2.1.0"))
    );
    let run_ = &sarif["runs"][0];
    assert_eq!(run_["columnKind"], "unicodeCodePoints");
    let driver = &run_["tool"]["driver"];
    assert_eq!(driver["name"], "manulint");
    let rules = driver["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), manulint::rules::ALL.len());
    for rule in rules {
        for field in ["id", "name"] {
            assert!(rule[field].is_string(), "{field} in {rule}");
        }
        for field in ["shortDescription", "fullDescription", "help"] {
            assert!(
                rule[field]["text"].as_str().is_some_and(|t| !t.is_empty()),
                "{field} in {rule}"
            );
        }
        assert!(
            ["error", "warning", "note", "none"]
                .contains(&rule["defaultConfiguration"]["level"].as_str().unwrap_or("")),
            "{rule}"
        );
    }
    let results = run_["results"].as_array().expect("results");
    let plain = run_in(
        root,
        &["check", "--format", "json", "fixtures/demo/thesis.md"],
    );
    let plain = json(&plain)["diagnostics"].clone();
    assert_eq!(results.len(), plain.as_array().map_or(0, Vec::len));
    for (result, diagnostic) in results.iter().zip(plain.as_array().expect("a list")) {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert_eq!(result["ruleId"], diagnostic["code"]);
        let level = match diagnostic["severity"].as_str() {
            Some("info") => "note",
            other => other.unwrap_or(""),
        };
        assert_eq!(result["level"], level);
        assert!(
            result["message"]["text"]
                .as_str()
                .is_some_and(|m| m.starts_with(diagnostic["message"].as_str().unwrap_or("?")))
        );
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(
            location["artifactLocation"]["uri"],
            "fixtures/demo/thesis.md"
        );
        let region = &location["region"];
        assert_eq!(region["startLine"], diagnostic["line"]);
        assert_eq!(region["startColumn"], diagnostic["column"]);
        assert_eq!(region["endLine"], diagnostic["end_line"]);
        assert_eq!(region["endColumn"], diagnostic["end_column"]);
        assert_eq!(region["byteOffset"], diagnostic["span"]["start"]);
        let length = diagnostic["span"]["end"].as_u64().unwrap_or(0)
            - diagnostic["span"]["start"].as_u64().unwrap_or(0);
        assert_eq!(region["byteLength"].as_u64(), Some(length));
        assert_eq!(
            result["partialFingerprints"]["manulint/v1"],
            diagnostic["fingerprint"]
        );
        let related = result["relatedLocations"].as_array().expect("a list");
        assert_eq!(
            related.len(),
            diagnostic["related"].as_array().map_or(0, Vec::len)
        );
        for (r, d) in related
            .iter()
            .zip(diagnostic["related"].as_array().expect("list"))
        {
            assert_eq!(r["message"]["text"], d["message"]);
            assert_eq!(r["physicalLocation"]["region"]["startLine"], d["line"]);
        }
    }
}

#[test]
fn statistics_count_per_rule_most_frequent_first() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = run_in(
        root,
        &[
            "check",
            "--statistics",
            "fixtures/typography/range-dash-fires.md",
        ],
    );
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(!lines.is_empty());
    let counts: Vec<usize> = lines
        .iter()
        .map(|l| {
            l.split('\t')
                .next()
                .unwrap_or("")
                .trim()
                .parse()
                .expect("a count")
        })
        .collect();
    let mut sorted = counts.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(counts, sorted);
    assert!(
        lines.iter().any(|l| l.contains("\tTY004\trange-dash\t[*]")),
        "{}",
        run.stdout
    );
}

/// Fixes change only the flagged spans, are idempotent, and leave none of their diagnostics:
/// the fixed file equals the original with each reported edit spliced in, and every edit lies
/// inside its diagnostic's span or one of its related spans (a finding that groups repeats).
fn fix_changes_only_the_flagged_spans(manuscript: &Path, name: &str) {
    let dir = scratch(name);
    let file = copy_into(&dir, manuscript);
    let original = std::fs::read_to_string(&file).expect("readable");
    let before = json(&run_in(&dir, &["check", "--format", "json", "thesis.md"]));
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut fixed_rules: Vec<String> = Vec::new();
    for d in before["diagnostics"].as_array().expect("a list") {
        let Some(fix) = d.get("fix") else { continue };
        if fix["applicability"] != "safe" {
            continue;
        }
        fixed_rules.push(d["rule"].as_str().unwrap_or("").to_string());
        let spans: Vec<(Option<u64>, Option<u64>)> = std::iter::once(&d["span"])
            .chain(
                d["related"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|r| &r["span"]),
            )
            .map(|span| (span["start"].as_u64(), span["end"].as_u64()))
            .collect();
        for edit in fix["edits"].as_array().expect("edits") {
            let (edit_start, edit_end) =
                (edit["span"]["start"].as_u64(), edit["span"]["end"].as_u64());
            assert!(
                spans
                    .iter()
                    .any(|&(start, end)| start <= edit_start && edit_end <= end),
                "edit outside its spans: {d}"
            );
            edits.push((
                edit_start.unwrap_or(0) as usize,
                edit_end.unwrap_or(0) as usize,
                edit["content"].as_str().unwrap_or("").to_string(),
            ));
        }
    }
    assert!(!edits.is_empty(), "the manuscript has fixable findings");
    edits.sort();
    let mut expected = String::new();
    let mut at = 0;
    for (start, end, content) in &edits {
        expected.push_str(&original[at..*start]);
        expected.push_str(content);
        at = *end;
    }
    expected.push_str(&original[at..]);

    let diff = run_in(&dir, &["check", "--diff", "thesis.md"]);
    assert_eq!(diff.code, 1);
    assert!(
        diff.stdout
            .starts_with("--- a/thesis.md\n+++ b/thesis.md\n"),
        "{}",
        diff.stdout
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("readable"),
        original,
        "--diff writes nothing"
    );

    let fixed_run = run_in(&dir, &["check", "--fix", "--format", "json", "thesis.md"]);
    assert!(fixed_run.stderr.contains("fixed"), "{}", fixed_run.stderr);
    let fixed = std::fs::read_to_string(&file).expect("readable");
    assert!(
        fixed == expected,
        "the fixed file differs from the original outside the edits"
    );

    let after = json(&run_in(&dir, &["check", "--format", "json", "thesis.md"]));
    let remaining: Vec<&str> = after["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .filter(|d| d.get("fix").is_some())
        .filter_map(|d| d["rule"].as_str())
        .collect();
    assert!(remaining.is_empty(), "{remaining:?}");
    let again = run_in(&dir, &["check", "--fix", "thesis.md"]);
    assert!(
        !again.stderr.contains("fixed"),
        "idempotent: {}",
        again.stderr
    );
    assert_eq!(std::fs::read_to_string(&file).expect("readable"), fixed);
}

#[test]
fn fix_changes_only_the_flagged_spans_of_a_fixture() {
    fix_changes_only_the_flagged_spans(&fixture("typography/range-dash-fires.md"), "fix-range");
    fix_changes_only_the_flagged_spans(
        &fixture("typography/archival-signature-format-fires.md"),
        "fix-archive",
    );
    fix_changes_only_the_flagged_spans(&fixture("names/mixed-script-fires.md"), "fix-script");
    fix_changes_only_the_flagged_spans(&fixture("citations/ibid-style.md"), "fix-ibid");
}

#[test]
#[ignore = "needs ../shared/corpus; .ci/run runs it"]
fn fix_changes_only_the_flagged_spans_of_the_real_thesis() {
    let thesis =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/stakhanovite-thesis.md");
    fix_changes_only_the_flagged_spans(&thesis, "fix-thesis");
}

#[test]
fn fix_keeps_a_byte_order_mark() {
    let dir = scratch("fix-bom");
    let source =
        std::fs::read_to_string(fixture("typography/range-dash-fires.md")).expect("fixture");
    let file = dir.join("thesis.md");
    std::fs::write(&file, format!("\u{feff}{source}")).expect("written");
    let run = run_in(&dir, &["check", "--fix", "thesis.md"]);
    assert!(run.stderr.contains("fixed"), "{}", run.stderr);
    let bytes = std::fs::read(&file).expect("readable");
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
}

#[cfg(unix)]
#[test]
fn fix_writes_through_links_and_refuses_read_only_files() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("fix-links");
    let source =
        std::fs::read_to_string(fixture("typography/range-dash-fires.md")).expect("fixture");
    std::fs::create_dir_all(dir.join("drafts")).expect("mkdir");
    std::fs::write(dir.join("drafts/real.md"), &source).expect("written");
    std::os::unix::fs::symlink("drafts/real.md", dir.join("thesis.md")).expect("symlink");
    let run = run_in(&dir, &["check", "--fix", "thesis.md"]);
    assert!(run.stderr.contains("fixed"), "{}", run.stderr);
    let link = std::fs::symlink_metadata(dir.join("thesis.md")).expect("meta");
    assert!(link.file_type().is_symlink(), "the link is still a link");
    assert_ne!(
        std::fs::read_to_string(dir.join("drafts/real.md")).expect("read"),
        source,
        "the real file got the fixes"
    );

    std::fs::write(dir.join("copy.md"), &source).expect("written");
    std::fs::hard_link(dir.join("copy.md"), dir.join("twin.md")).expect("hard link");
    let run = run_in(&dir, &["check", "--fix", "copy.md"]);
    assert!(run.stderr.contains("rewritten in place"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("twin.md")).expect("read"),
        std::fs::read_to_string(dir.join("copy.md")).expect("read"),
        "the hard link still shares the file"
    );

    let locked = dir.join("locked.md");
    std::fs::write(&locked, &source).expect("written");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let run = run_in(&dir, &["check", "--fix", "locked.md"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is read-only"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&locked).expect("read"), source);
    let run = run_in(&dir, &["check", "--fix", "--force", "locked.md"]);
    assert!(run.stderr.contains("fixed"), "{}", run.stderr);
    let mode = std::fs::metadata(&locked)
        .expect("meta")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o444, "the mode is kept");
}

/// Each marker in reading order (first use of a label) with the text of the note it points to.
fn markers_with_their_notes(text: &str) -> Vec<(Option<u32>, String)> {
    let (ms, _) = manulint::check_str("thesis.md", text);
    let mut seen = std::collections::HashSet::new();
    ms.note_refs
        .iter()
        .filter(|m| seen.insert((m.style, m.scope, m.label.clone())))
        .map(|m| {
            let note = ms
                .notes
                .iter()
                .find(|n| (n.style, n.scope, &n.label) == (m.style, m.scope, &m.label))
                .map(|n| n.parts.iter().map(|p| ms.text(*p)).collect::<String>())
                .unwrap_or_default();
            (m.number, note)
        })
        .collect()
}

fn renumbering_needs_unsafe_fixes_and_keeps_each_note(
    manuscript: &Path,
    name: &str,
    config: Option<&str>,
) {
    let dir = scratch(name);
    let file = copy_into(&dir, manuscript);
    if let Some(config) = config {
        std::fs::write(dir.join("manulint.toml"), config).expect("config written");
    }
    let original = std::fs::read_to_string(&file).expect("readable");

    let safe_only = run_in(&dir, &["check", "--fix", "thesis.md"]);
    assert!(
        safe_only
            .stderr
            .contains("1 more fix can be applied with --unsafe-fixes"),
        "{}",
        safe_only.stderr
    );
    assert_eq!(std::fs::read_to_string(&file).expect("readable"), original);

    let run = run_in(&dir, &["check", "--fix", "--unsafe-fixes", "thesis.md"]);
    assert!(run.stderr.contains("fixed 1 problem"), "{}", run.stderr);
    assert!(!run.stdout.contains("footnote-sequence"), "{}", run.stdout);
    let fixed = std::fs::read_to_string(&file).expect("readable");

    let before = markers_with_their_notes(&original);
    let after = markers_with_their_notes(&fixed);
    let notes = |pairs: &[(Option<u32>, String)]| -> Vec<String> {
        pairs.iter().map(|(_, note)| note.clone()).collect()
    };
    assert_eq!(notes(&after), notes(&before), "every marker keeps its note");
    let numbers: Vec<Option<u32>> = after.iter().map(|(n, _)| *n).collect();
    let expected: Vec<Option<u32>> = (1..=after.len() as u32).map(Some).collect();
    assert_eq!(numbers, expected, "markers run 1, 2, 3… in reading order");
    // Only note numbers changed: the text without its digits is the same.
    let letters = |t: &str| t.replace(|c: char| c.is_ascii_digit(), "");
    assert_eq!(letters(&fixed), letters(&original));

    let again = run_in(&dir, &["check", "--fix", "--unsafe-fixes", "thesis.md"]);
    assert!(
        !again.stderr.contains("fix"),
        "idempotent: {}",
        again.stderr
    );
    assert_eq!(std::fs::read_to_string(&file).expect("readable"), fixed);
}

#[test]
fn renumbering_notes_needs_unsafe_fixes_and_keeps_each_marker_with_its_note() {
    renumbering_needs_unsafe_fixes_and_keeps_each_note(
        &fixture("footnotes/sequence-renumber-fires.md"),
        "renumber-superscript",
        None,
    );
    renumbering_needs_unsafe_fixes_and_keeps_each_note(
        &fixture("footnotes/sequence-renumber-markdown-fires.md"),
        "renumber-markdown",
        // Markdown labels are names unless the project asks for them to run in order.
        Some("[rules.footnote-sequence]\nmarkdown-labels = true\n"),
    );
}

#[test]
fn fixing_some_files_of_a_manuscript_says_whose_conventions_it_followed() {
    let dir = scratch("fix-subset");
    let source =
        std::fs::read_to_string(fixture("typography/range-dash-fires.md")).expect("fixture");
    std::fs::write(dir.join("ch1.md"), &source).expect("written");
    std::fs::write(dir.join("ch2.md"), "# Two\n\nPages 12–15 and 20–24.\n").expect("written");
    std::fs::write(
        dir.join("manulint.toml"),
        "files = [\"ch1.md\", \"ch2.md\"]\n",
    )
    .expect("written");
    let run = run_in(&dir, &["check", "--diff", "ch1.md"]);
    assert!(
        run.stderr
            .contains("follow the conventions of the 1 file given, not of all 2 files"),
        "{}",
        run.stderr
    );
    let whole = run_in(&dir, &["check", "--diff"]);
    assert!(!whole.stderr.contains("conventions"), "{}", whole.stderr);
}

#[cfg(unix)]
#[test]
fn update_baseline_writes_through_a_symlinked_baseline() {
    let dir = scratch("baseline-link");
    let file = copy_into(&dir, &fixture("demo/thesis.md"));
    std::fs::create_dir_all(dir.join("ci")).expect("mkdir");
    assert_eq!(
        run_in(&dir, &["baseline", "-o", "ci/baseline.json", "thesis.md"]).code,
        0
    );
    std::os::unix::fs::symlink("ci/baseline.json", dir.join(BASELINE)).expect("symlink");
    let before = baseline_entries(&dir);
    // Fix one finding (the doubled word of the demo, if any; else any text edit that fixes one).
    let text = std::fs::read_to_string(&file).expect("read");
    let report = json(&run_in(&dir, &["check", "--format", "json", "thesis.md"]));
    let first = &report["diagnostics"][0];
    let (start, end) = (
        first["span"]["start"].as_u64().expect("span") as usize,
        first["span"]["end"].as_u64().expect("span") as usize,
    );
    std::fs::write(&file, format!("{}{}", &text[..start], &text[end..])).expect("edited");
    let run = run_in(
        &dir,
        &[
            "check",
            "--baseline",
            BASELINE,
            "--update-baseline",
            "thesis.md",
        ],
    );
    assert!(
        run.stdout.contains("fixed since the baseline"),
        "{}",
        run.stdout
    );
    let link = std::fs::symlink_metadata(dir.join(BASELINE)).expect("meta");
    assert!(
        link.file_type().is_symlink(),
        "the baseline link is still a link"
    );
    assert!(baseline_entries(&dir) < before, "the target was updated");
}
