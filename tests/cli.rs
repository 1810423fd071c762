//! The command line: exit codes, selection, configuration, and bad input.

mod common;

use std::path::Path;

use common::{Run, run_in, scratch};

fn run(args: &[&str]) -> Run {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).expect("valid JSON")
}

#[test]
fn exit_codes_follow_fail_on() {
    let demo = "fixtures/demo/thesis.md";
    assert_eq!(run(&["check", demo]).code, 1);
    assert_eq!(run(&["check", "--fail-on", "error", demo]).code, 0);
    assert_eq!(run(&["check", "--fail-on", "never", demo]).code, 0);
    assert_eq!(
        run(&["check", "fixtures/footnotes/sequence-passes.md"]).code,
        0
    );
    assert_eq!(
        run(&[
            "check",
            "--fail-on",
            "error",
            "fixtures/footnotes/undefined-fires.md"
        ])
        .code,
        1
    );
}

#[test]
fn select_and_ignore_take_names_codes_and_families() {
    let demo = "fixtures/demo/thesis.md";
    let rules = |r: &Run| -> Vec<String> {
        json(r)["diagnostics"]
            .as_array()
            .expect("array")
            .iter()
            .map(|d| d["rule"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let all = run(&["check", "--format", "json", demo]);
    assert_eq!(
        rules(&all),
        vec![
            "citation-bibliography-mismatch",
            "footnote-unreferenced",
            "footnote-empty"
        ]
    );
    let only = run(&["check", "--format", "json", "--select", "FN005", demo]);
    assert_eq!(rules(&only), vec!["footnote-empty"]);
    let ignored = run(&[
        "check",
        "--format",
        "json",
        "--ignore",
        "footnote-empty,CI",
        demo,
    ]);
    assert_eq!(rules(&ignored), vec!["footnote-unreferenced"]);
    let family = run(&["check", "--format", "json", "--ignore", "footnotes", demo]);
    assert_eq!(rules(&family), vec!["citation-bibliography-mismatch"]);
    let unknown = run(&["check", "--select", "no-such-rule", demo]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("no-such-rule"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn json_has_the_documented_shape() {
    let value = json(&run(&[
        "check",
        "--format",
        "json",
        "fixtures/demo/thesis.md",
    ]));
    assert_eq!(value["version"], 1);
    assert_eq!(value["files"][0]["path"], "fixtures/demo/thesis.md");
    let first = &value["diagnostics"][1];
    for field in [
        "code",
        "rule",
        "family",
        "severity",
        "message",
        "file",
        "span",
        "line",
        "column",
        "fingerprint",
    ] {
        assert!(!first[field].is_null(), "missing {field}");
    }
    assert_eq!(first["code"], "FN002");
    assert_eq!(first["note"], "5");
    assert_eq!(first["related"].as_array().map(Vec::len), Some(2));
    assert_eq!(value["summary"]["warnings"], 3);
    // Spans are byte offsets into the file on character boundaries.
    let text = std::fs::read_to_string(common::fixture("demo/thesis.md")).expect("demo");
    let start = first["span"]["start"].as_u64().expect("start") as usize;
    let end = first["span"]["end"].as_u64().expect("end") as usize;
    assert_eq!(&text[start..end], "<sup>5</sup>");
}

#[test]
fn config_file_sets_files_and_levels() {
    let dir = scratch("config");
    std::fs::write(dir.join("a.md"), "Text.[^x]\n\n[^y]: Orphan.\n").expect("write");
    std::fs::write(
        dir.join("manulint.toml"),
        "files = [\"a.md\"]\n[rules]\nfootnote-undefined = \"off\"\nfootnote-unreferenced = \"info\"\n",
    )
    .expect("write");
    let result = run_in(&dir, &["check", "--format", "json"]);
    let value = json(&result);
    let diagnostics = value["diagnostics"].as_array().expect("array");
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0]["rule"], "footnote-unreferenced");
    assert_eq!(diagnostics[0]["severity"], "info");
    // Info is below the default fail level.
    assert_eq!(result.code, 0);

    std::fs::write(
        dir.join("manulint.toml"),
        "[rules]\nfootnote-undefind = \"off\"\n",
    )
    .expect("write");
    let bad = run_in(&dir, &["check", "a.md"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("footnote-undefind"), "{}", bad.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn no_input_and_no_config_is_a_usage_error() {
    let dir = scratch("noinput");
    let result = run_in(&dir, &["check"]);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("no manuscript given"),
        "{}",
        result.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_input_gets_one_line_and_exit_2() {
    let dir = scratch("bad");
    std::fs::write(dir.join("latin1.md"), b"caf\xe9\n").expect("write");
    std::fs::write(dir.join("image.md"), b"\x89PNG\r\n\x1a\n\0\0\0").expect("write");
    std::fs::create_dir_all(dir.join("empty-folder")).expect("mkdir");
    std::fs::write(dir.join("empty-folder/notes.txt"), "not markdown").expect("write");
    let utf16: Vec<u8> = "Chapter one.\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(
        dir.join("utf16-bom.md"),
        [&[0xFF, 0xFE][..], &utf16].concat(),
    )
    .expect("write");
    std::fs::write(dir.join("utf16.md"), &utf16).expect("write");
    let fifo = std::process::Command::new("mkfifo")
        .arg(dir.join("pipe.md"))
        .status()
        .is_ok_and(|s| s.success());
    let mut cases = vec![
        (
            "utf16-bom.md",
            "is UTF-16 (little-endian); save it as UTF-8",
        ),
        ("utf16.md", "is UTF-16 (little-endian); save it as UTF-8"),
        ("missing.md", "no such file or folder"),
        ("latin1.md", "not valid UTF-8 (invalid byte at offset 3)"),
        ("image.md", "binary file (NUL byte at offset 8)"),
        ("empty-folder", "holds no manuscript files"),
    ];
    if fifo {
        // Reading a named pipe would wait for a writer forever.
        cases.push(("pipe.md", "is a named pipe, not a file"));
    }
    for (path, expected) in cases {
        let result = run_in(&dir, &["check", path]);
        assert_eq!(result.code, 2, "{path}");
        assert!(
            result.stderr.contains(expected),
            "{path}: {}",
            result.stderr
        );
        assert_eq!(
            result.stderr.trim().lines().count(),
            1,
            "{path}: {}",
            result.stderr
        );
        assert!(!result.stderr.contains("panicked"));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn odd_but_valid_input_simply_works() {
    let dir = scratch("odd");
    let deep = format!("{}deep\n\n{}item\n", ">".repeat(5000), "- ".repeat(2000));
    let cases: Vec<(&str, String)> = vec![
        ("empty.md", String::new()),
        (
            "comment.md",
            "Text[^1].\n\n<!-- never closed\n\n[^1]: Note.\n".to_string(),
        ),
        ("deep.md", deep),
        ("bom.md", "\u{feff}Text.[^a]\n\n[^a]: Note.\n".to_string()),
    ];
    for (name, text) in &cases {
        std::fs::write(dir.join(name), text).expect("write");
        let result = run_in(&dir, &["check", "--format", "json", name]);
        assert!(
            result.code == 0 || result.code == 1,
            "{name}: {}",
            result.stderr
        );
        json(&result);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_large_file_is_read() {
    let dir = scratch("large");
    let paragraph =
        "Stakhanov cut 102 tons of coal in one shift, against a norm of 7 tons.[^n]\n\n";
    let mut text = String::with_capacity(52 << 20);
    while text.len() < 50 << 20 {
        text.push_str(paragraph);
    }
    text.push_str("[^n]: Siegelbaum, *Stakhanovism*, 67.\n");
    std::fs::write(dir.join("big.md"), &text).expect("write");
    let result = run_in(&dir, &["check", "--format", "github", "big.md"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn explain_prints_the_doc_comment() {
    let result = run(&["explain", "footnote-sequence"]);
    assert_eq!(result.code, 0);
    assert!(result.stdout.starts_with("# footnote-sequence (FN004)"));
    assert!(result.stdout.contains("## Why"));
    assert!(result.stdout.contains("## Example"));
    let by_code = run(&["explain", "FN004"]);
    assert_eq!(by_code.stdout, result.stdout);
    let unknown = run(&["explain", "nope"]);
    assert_eq!(unknown.code, 2);
}

#[test]
fn every_rule_documents_what_why_and_an_example() {
    for rule in manulint::rules::ALL {
        let docs = rule.documentation();
        for section in ["## What it checks", "## Why", "## Example"] {
            assert!(docs.contains(section), "{} lacks {section}", rule.name);
        }
        assert!(!rule.summary().is_empty(), "{} has no summary", rule.name);
    }
}

#[test]
fn rule_codes_and_names_are_unique_and_kebab_case() {
    let rules = manulint::rules::ALL;
    for (i, a) in rules.iter().enumerate() {
        assert!(
            a.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            a.name
        );
        for b in &rules[i + 1..] {
            assert_ne!(a.code, b.code);
            assert_ne!(a.name, b.name);
        }
    }
}

#[test]
fn readme_rule_list_is_current() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let begin = "<!-- rules:begin -->\n";
    let end = "<!-- rules:end -->";
    let start = readme.find(begin).expect("rules:begin marker") + begin.len();
    let stop = readme.find(end).expect("rules:end marker");
    assert_eq!(
        &readme[start..stop],
        manulint::cli::rules_markdown(),
        "README rule list is stale: paste `manulint rules --format markdown` between the markers"
    );
}

fn run_with_stdin(args: &[&str], input: &str) -> Run {
    use std::io::Write;
    let mut child = common::manulint_bin()
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("manulint runs");
    // A run refused before reading its input closes the pipe: that is no test failure.
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(input.as_bytes());
    }
    let output = child.wait_with_output().expect("manulint finishes");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn standard_input_is_read_for_a_dash_under_the_name_given() {
    let text = "The the mine.\n";
    let result = run_with_stdin(&["check", "--format", "json", "-"], text);
    assert_eq!(result.code, 1, "{}", result.stderr);
    let report = json(&result);
    assert_eq!(report["diagnostics"][0]["rule"], "doubled-word");
    assert_eq!(report["diagnostics"][0]["file"], "<stdin>");
    let named = run_with_stdin(
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "chapters/ch1.md",
            "-",
        ],
        text,
    );
    assert_eq!(json(&named)["diagnostics"][0]["file"], "chapters/ch1.md");
    let fix = run_with_stdin(&["check", "--fix", "-"], text);
    assert_eq!(fix.code, 2);
    assert!(
        fix.stderr
            .contains("--fix cannot write back to standard input"),
        "{}",
        fix.stderr
    );
    let twice = run_with_stdin(&["check", "-", "-"], text);
    assert_eq!(twice.code, 2);
}

#[test]
fn a_file_given_twice_is_checked_once_with_a_note() {
    let dir = scratch("twice");
    std::fs::write(dir.join("ch1.md"), "The the mine.\n").expect("write");
    let result = run_in(
        &dir,
        &["check", "--format", "json", "ch1.md", "./ch1.md", "."],
    );
    assert_eq!(
        json(&result)["diagnostics"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(
        result.stderr.matches("it is checked once").count(),
        2,
        "{}",
        result.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn lines_end_at_a_lone_carriage_return_as_in_editors() {
    let dir = scratch("cr");
    std::fs::write(
        dir.join("mac.md"),
        "First line.\rSecond line.\rThe the third.\r",
    )
    .expect("write");
    let result = run_in(&dir, &["check", "--format", "json", "mac.md"]);
    let report = json(&result);
    assert_eq!(report["diagnostics"][0]["line"], 3);
    assert_eq!(report["diagnostics"][0]["column"], 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_rule_option_of_the_wrong_type_is_refused_with_its_line() {
    let dir = scratch("option-type");
    std::fs::write(dir.join("ch1.md"), "Text.\n").expect("write");
    std::fs::write(
        dir.join("manulint.toml"),
        "files = [\"ch1.md\"]\n\n[rules.short-form-before-full]\nper-chapter = \"yes\"\n",
    )
    .expect("write");
    let result = run_in(&dir, &["check"]);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.trim().ends_with(
            "manulint.toml line 4: [rules.short-form-before-full] per-chapter = \"yes\": use true or false"
        ),
        "{}",
        result.stderr
    );
    assert_eq!(result.stderr.trim().lines().count(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn hostile_bibliographies_and_an_open_comment_are_findings_not_crashes() {
    let dir = scratch("hostile");
    std::fs::write(
        dir.join("a.md"),
        "A claim [@x].\n\n<!-- never closed\n\nMore text.\n",
    )
    .expect("write");
    let bibs = [
        (
            "string.bib",
            "@string{a = a}\n@book{x, title = a, year = {1990}}\n",
        ),
        (
            "crossref.bib",
            "@book{x, crossref = {y}, title = {T}}\n@book{y, crossref = {x}, title = {U}}\n",
        ),
    ];
    for (name, text) in bibs {
        std::fs::write(dir.join(name), text).expect("write");
        let result = run_in(
            &dir,
            &["check", "--format", "json", "--bibliography", name, "a.md"],
        );
        assert_eq!(result.code, 1, "{name}: {}", result.stderr);
        let report = json(&result);
        let rules: Vec<&str> = report["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| d["rule"].as_str())
            .collect();
        assert!(
            rules.contains(&"bibliography-reference-cycle"),
            "{name}: {rules:?}"
        );
        assert!(rules.contains(&"unclosed-comment"), "{name}: {rules:?}");
        assert!(
            !rules.contains(&"unknown-citation-key"),
            "{name}: the entry is still read"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A rule that panics is a bug: whichever core it ran on, the run ends with one line naming
/// the rule and exit 2, and never reports the other rules' findings as if the check were whole.
#[test]
fn a_panicking_rule_ends_the_run_loudly_on_either_core() {
    let listing = run(&["rules", "--format", "json"]);
    let rules = json(&listing);
    let names: Vec<&str> = rules
        .as_array()
        .expect("an array of rules")
        .iter()
        .filter_map(|rule| rule["name"].as_str())
        .collect();
    assert!(names.len() > 20, "too few rules listed: {names:?}");
    for name in names {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_manulint"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("MANULINT_PANIC_IN", name)
            .env_remove("RUST_BACKTRACE")
            .args(["check", "--select", "ALL", "fixtures/demo/thesis.md"])
            .output()
            .expect("manulint runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains(&format!("internal error: panicked in rule `{name}`")),
            "{name}: {stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        assert!(
            output.stdout.is_empty(),
            "{name}: a partial report was printed"
        );
    }
}

/// A manuscript file of a format manulint does not read is refused with the formats it does
/// read and, for the usual others, how to convert; it is never read as Markdown.
#[test]
fn unread_formats_are_refused_with_what_to_do() {
    let dir = scratch("unread-formats");
    for name in ["thesis.pdf", "thesis.odt", "thesis.doc", "thesis.org"] {
        std::fs::write(dir.join(name), "Some text.\n").expect("scratch file");
    }
    let cases = [
        ("thesis.pdf", "check the file it was made from"),
        ("thesis.odt", "save it as .docx"),
        ("thesis.doc", "save it as .docx"),
        (
            "thesis.org",
            "manulint reads Markdown (.md, .Rmd, .qmd, .txt)",
        ),
    ];
    for (name, expected) in cases {
        let result = run_in(&dir, &["check", name]);
        assert_eq!(result.code, 2, "{name}: {}", result.stderr);
        assert!(
            result.stderr.contains(expected),
            "{name}: {}",
            result.stderr
        );
        assert_eq!(result.stderr.trim().lines().count(), 1, "{name}");
    }
    // Standard input named as a PDF is refused the same way.
    let named = run_in(&dir, &["check", "--stdin-filename", "x.pdf", "-"]);
    assert_eq!(named.code, 2, "{}", named.stderr);
}

/// The summary says what was read, in all and per format, so a run that read nothing shows.
#[test]
fn the_summary_counts_what_was_read() {
    let dir = scratch("reading-counts");
    std::fs::write(
        dir.join("ch.md"),
        "# One\n\nA claim.[^1] Another.[^2]\n\n[^1]: Anna Kovalen, *Steel Towns* (Kyiv: Dnipro, 1988), 4.\n[^2]: Kovalen, *Steel Towns*, 5.\n",
    )
    .expect("scratch file");
    std::fs::write(
        dir.join("refs.bib"),
        "@book{kovalen,\n  author = {Kovalen, Anna},\n  title = {Steel Towns},\n  year = 1988\n}\n",
    )
    .expect("scratch file");
    let result = run_in(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--bibliography",
            "refs.bib",
            "ch.md",
        ],
    );
    let summary = &json(&result)["summary"];
    assert_eq!(summary["files"], 2, "{summary}");
    assert_eq!(summary["notes"], 2, "{summary}");
    assert_eq!(summary["citations"], 2, "{summary}");
    assert_eq!(summary["bibliography_entries"], 1, "{summary}");
    assert_eq!(summary["formats"]["markdown"]["notes"], 2, "{summary}");
    assert_eq!(
        summary["formats"]["bibtex"]["bibliography_entries"], 1,
        "{summary}"
    );
    let human = run_in(&dir, &["check", "--bibliography", "refs.bib", "ch.md"]);
    assert!(
        human.stdout.contains(
            "2 files, 2 notes, 2 citations (chicago-notes style, detected), 1 bibliography entry"
        ),
        "{}",
        human.stdout
    );
    // With no citation rule selected, citations were not looked for and are not counted.
    let narrow = run_in(&dir, &["check", "--select", "doubled-word", "ch.md"]);
    assert!(
        narrow
            .stdout
            .contains("(1 file, 2 notes, 0 bibliography entries)"),
        "{}",
        narrow.stdout
    );
}

/// The YAML front matter's `bibliography:` is read (relative to the file), `nocite` entries
/// are cited on purpose, and a named bibliography that is not there stops the run with its
/// line.
#[test]
fn front_matter_names_the_bibliography_and_nocite() {
    let result = run(&[
        "check",
        "--format",
        "json",
        "--select",
        "ALL",
        "fixtures/pandoc/front-matter/chapter.md",
    ]);
    let output = json(&result);
    assert_eq!(
        output["summary"]["formats"]["bibtex"]["bibliography_entries"],
        3
    );
    let messages: Vec<String> = output["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| format!("{} {}", d["rule"], d["message"]))
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("nobody2000")),
        "the unknown key is found: {messages:?}"
    );
    assert!(
        !messages.iter().any(|m| m.contains("Wives")),
        "a nocite entry is not uncited: {messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("1 of the 3 bibliography entries")),
        "the uncited entry is counted: {messages:?}"
    );

    let dir = scratch("front-matter-missing");
    std::fs::write(
        dir.join("ch.md"),
        "---\ntitle: X\nbibliography: gone.bib\n---\n\nText.\n",
    )
    .expect("scratch file");
    let missing = run_in(&dir, &["check", "ch.md"]);
    assert_eq!(missing.code, 2, "{}", missing.stderr);
    assert!(
        missing
            .stderr
            .contains("`ch.md` line 3 names the bibliography `gone.bib`"),
        "{}",
        missing.stderr
    );
}

#[test]
fn more_files_than_one_manuscript_holds_is_a_usage_error() {
    // The word index keeps a word's file in 16 bits: 65,535 files at most, refused beyond.
    let dir = scratch("many-files");
    for i in 0..=65_535u32 {
        std::fs::write(dir.join(format!("c{i}.md")), "").expect("write");
    }
    let result = run_in(&dir, &["check", "."]);
    assert_eq!(result.code, 2, "{}", result.stderr);
    assert!(
        result
            .stderr
            .contains("65536 files given; manulint checks at most 65535 files as one manuscript"),
        "{}",
        result.stderr
    );
    assert_eq!(result.stderr.trim().lines().count(), 1, "{}", result.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}
