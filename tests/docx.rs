//! The Word front-end: documents built in the test from XML (`common::docx`), read into the
//! same manuscript as any format: notes and their marks, italics across run splits, headings,
//! tracked changes, fields and reference-manager citations, locations by paragraph and note.

mod common;

use common::docx::{self, Parts, SEPARATORS, footnote, footnote_ref, p, r};
use manulint::config::Config;
use manulint::diagnostic::Diagnostic;
use manulint::engine::{self, Selection};
use manulint::model::{BlockKind, Manuscript, Role, TextRun};

fn load(parts: &Parts<'_>) -> Manuscript {
    let bytes = docx::build(parts);
    let text = manulint::manuscript_text(
        "chapter.docx".to_string(),
        std::path::Path::new("chapter.docx"),
        bytes,
    )
    .expect("the built document reads");
    manulint::load_texts(vec![text], &[], &Config::defaults()).expect("it loads")
}

fn check(parts: &Parts<'_>) -> (Manuscript, Vec<Diagnostic>) {
    let ms = load(parts);
    let config = Config::defaults();
    let selection = Selection::resolve(&config, &[], &[]);
    let diagnostics = engine::check(&ms, &config, &selection);
    (ms, diagnostics)
}

fn italic_texts(ms: &Manuscript) -> Vec<&str> {
    ms.runs
        .iter()
        .filter(|run| run.style & TextRun::EMPHASIS != 0)
        .map(|run| &ms.sources.get(ms.blocks[0].file).text[run.start as usize..run.end as usize])
        .collect()
}

fn chapter() -> String {
    std::fs::read_to_string(common::fixture("docx/chapter-body.xml")).expect("fixture exists")
}

#[test]
fn notes_markers_headings_and_skipped_text() {
    let body = chapter();
    let notes = format!(
        "{SEPARATORS}{}{}",
        footnote(1, "See the port register, fol. 12."),
        footnote(2, "The entry is dated 3 May.")
    );
    let ms = load(&Parts {
        body: &body,
        footnotes: Some(&notes),
        ..Parts::default()
    });
    let text = &ms.sources.get(ms.blocks[0].file).text;
    assert_eq!(ms.notes.len(), 2, "separators are no notes");
    assert_eq!(ms.note_refs.len(), 2);
    let labels: Vec<&str> = ms.notes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(labels, ["1", "2"]);
    assert_eq!(
        ms.note_text(&ms.notes[0]),
        "See the port register, fol. 12."
    );
    assert_eq!(ms.headings.len(), 1);
    assert_eq!(ms.headings[0].text, "The Harbour Ledgers");
    assert_eq!(ms.headings[0].level, 1);
    // Deleted text and field codes are not read; inserted text and field results are.
    assert!(!text.contains("never"));
    assert!(text.contains("rarely shown."));
    assert!(!text.contains("PAGEREF"));
    assert!(text.contains("page 4 shows"));
    // A title Word split into two runs is one italic run.
    assert_eq!(italic_texts(&ms), ["The Tidewater Accounts"]);
    let note_blocks = ms
        .blocks
        .iter()
        .filter(|b| matches!(b.role, Role::Note(_)))
        .count();
    assert_eq!(note_blocks, 2);
    assert!(matches!(ms.blocks[0].kind, BlockKind::Heading(_)));
}

#[test]
fn custom_marks_split_over_runs_are_one_label() {
    // A converted document: `1` typed before the reference, `2` as its custom mark, and the
    // note's text opening with the typed mark `12`.
    let sup = |text: &str| {
        format!(r#"<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>{text}</w:t></w:r>"#)
    };
    let body = p(&[
        r("A claim."),
        sup("1"),
        r#"<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:customMarkFollows="1" w:id="5"/><w:t>2</w:t></w:r>"#.to_string(),
        r(" More."),
    ]);
    let note = format!(
        r#"<w:footnote w:id="5"><w:p><w:r><w:tab/></w:r>{}<w:r><w:t xml:space="preserve">  Its source.</w:t></w:r></w:p></w:footnote>"#,
        sup("12")
    );
    let ms = load(&Parts {
        body: &body,
        footnotes: Some(&note),
        ..Parts::default()
    });
    assert_eq!(ms.note_refs.len(), 1);
    assert_eq!(ms.note_refs[0].label, "12");
    assert_eq!(ms.notes[0].label, "12");
    assert_eq!(ms.notes[0].number, Some(12));
    assert_eq!(ms.note_text(&ms.notes[0]), "Its source.");
    let text = &ms.sources.get(ms.blocks[0].file).text;
    assert!(text.starts_with("A claim.12 More."), "{text}");
}

#[test]
fn headings_from_style_names_and_outline_levels() {
    // A localised style id whose name is `heading 2`, a custom style with an outline level,
    // and a paragraph's own outline level; a style that is no heading stays a paragraph.
    let styles = r#"<w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/></w:style><w:style w:type="paragraph" w:styleId="ChapterHead"><w:name w:val="Chapter Head"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:rPr><w:i/></w:rPr></w:style>"#;
    let styled = |style: &str, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{}</w:p>"#,
            r(text)
        )
    };
    let body = [
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="ChapterHead"/></w:pPr>{}{}</w:p>"#,
            r("One"),
            footnote_ref(1)
        ),
        styled("berschrift2", "Two"),
        format!(
            r#"<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr>{}</w:p>"#,
            r("Three")
        ),
        styled("Quote", "Quoted words stand here."),
    ]
    .concat();
    let notes = footnote(1, "A note on the chapter's title.");
    let ms = load(&Parts {
        body: &body,
        styles: Some(styles),
        footnotes: Some(&notes),
        ..Parts::default()
    });
    let headings: Vec<(u8, &str)> = ms
        .headings
        .iter()
        .map(|h| (h.level, h.text.as_str()))
        .collect();
    assert_eq!(headings, [(1, "One"), (2, "Two"), (3, "Three")]);
    assert_eq!(ms.headings[1].parent, Some(0));
    // A paragraph style that is italic makes its text italic.
    assert_eq!(italic_texts(&ms), ["Quoted words stand here."]);
}

#[test]
fn zotero_citation_fields_are_read_for_their_items_and_result() {
    let instruction = r#" ADDIN ZOTERO_ITEM CSL_CITATION {&quot;citationID&quot;:&quot;a1&quot;,&quot;citationItems&quot;:[{&quot;id&quot;:7,&quot;itemData&quot;:{&quot;id&quot;:7,&quot;type&quot;:&quot;book&quot;,&quot;title&quot;:&quot;Harbour Records&quot;}}]} "#;
    let body = format!(
        r#"<w:p>{}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">{instruction}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>(Marsh 1990)</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>{}</w:p>"#,
        r("As shown "),
        r(".")
    );
    let bytes = docx::build(&Parts {
        body: &body,
        ..Parts::default()
    });
    let layout = manulint::frontend::docx::read(&bytes).expect("reads");
    assert_eq!(layout.text, "As shown (Marsh 1990).");
    assert_eq!(layout.citations.len(), 1);
    let citation = &layout.citations[0];
    assert_eq!(
        &layout.text[citation.start as usize..citation.end as usize],
        "(Marsh 1990)"
    );
    assert_eq!(citation.items[0].key, "7");
    // In the manuscript: a citation by key, resolved to the item the field carries.
    let (ms, diagnostics) = check(&Parts {
        body: &body,
        ..Parts::default()
    });
    assert_eq!(ms.key_citations.len(), 1);
    assert_eq!(ms.key_citations[0].key.text, "7");
    assert_eq!(ms.file_entries.len(), 1);
    let title = ms.file_entries[0]
        .publication
        .title
        .as_ref()
        .map(|t| t.text.as_str());
    assert_eq!(title, Some("Harbour Records"));
    assert!(
        diagnostics.iter().all(|d| !d.rule.name.contains("key")),
        "{diagnostics:?}"
    );
    let config = Config::defaults();
    let indexes = manulint::indexes::Indexes::build(&ms, &config);
    let reading = manulint::render::Reading::of(&ms, &indexes);
    assert_eq!(
        reading.total.bibliography_entries, 0,
        "carried items are no printed entries"
    );
    assert!(
        indexes
            .citations()
            .keys
            .iter()
            .all(|(_, entry)| entry.is_some())
    );
}

#[test]
fn diagnostics_are_located_by_paragraph_and_note() {
    let body = [
        p(&[r("A first paragraph.")]),
        p(&[r("Here the the word repeats."), footnote_ref(1)]),
    ]
    .concat();
    let notes = format!("{SEPARATORS}{}", footnote(1, "And in a note a a slip."));
    let (ms, diagnostics) = check(&Parts {
        body: &body,
        footnotes: Some(&notes),
        ..Parts::default()
    });
    let doubled: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.rule.name == "doubled-word")
        .collect();
    assert_eq!(doubled.len(), 2, "{diagnostics:?}");
    let layout = ms
        .sources
        .get(doubled[0].span.file)
        .layout
        .as_deref()
        .expect("a layout");
    let body_place = layout.place(doubled[0].span.start).expect("a place");
    assert_eq!(body_place.part, manulint::frontend::docx::Part::Body);
    assert_eq!(body_place.paragraph, 2);
    assert_eq!(body_place.character, 5);
    let note_place = layout.place(doubled[1].span.start).expect("a place");
    assert_eq!(note_place.part, manulint::frontend::docx::Part::Footnotes);
    assert_eq!(note_place.note.as_deref(), Some("1"));
    assert_eq!(doubled[1].note.as_deref(), Some("1"));
    let mut out = Vec::new();
    let reading = manulint::render::Reading::of(
        &ms,
        &manulint::indexes::Indexes::build(&ms, &Config::defaults()),
    );
    manulint::render::json::write(&mut out, &ms, &diagnostics, &reading).expect("renders");
    let json: serde_json::Value = serde_json::from_slice(&out).expect("json");
    let first = &json["diagnostics"][0];
    assert_eq!(first["part"], "body");
    assert_eq!(first["paragraph"], 2);
    assert_eq!(first["characters"]["start"], 5);
    assert!(
        first.get("line").is_none(),
        "no line numbers in a Word document"
    );
    let mut human = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    manulint::render::human::write(&mut human, &ms, &diagnostics, &reading).expect("renders");
    let human = String::from_utf8(human.into_inner()).expect("utf-8");
    assert!(
        human.contains("chapter.docx, paragraph 2, characters 6–12"),
        "{human}"
    );
    assert!(
        human.contains("chapter.docx, note 1, characters"),
        "{human}"
    );
    let mut github = Vec::new();
    manulint::render::github::write(&mut github, &ms, &diagnostics).expect("renders");
    let github = String::from_utf8(github).expect("utf-8");
    assert!(
        github.contains("::paragraph 2, characters 6–12: "),
        "{github}"
    );
    assert!(!github.contains("line="), "{github}");
    let sarif = manulint::render::sarif::document(&ms, &diagnostics).to_string();
    assert!(!sarif.contains("startLine"), "{sarif}");
    assert!(sarif.contains("paragraph 2, characters 6–12"), "{sarif}");
}

#[test]
fn markup_characters_are_text_in_a_word_document() {
    // `*` and `_` are printed as typed: no broken emphasis to report.
    let body = p(&[r("The set W* and the name snake_case and a star* here.")]);
    let (_, diagnostics) = check(&Parts {
        body: &body,
        ..Parts::default()
    });
    assert!(
        diagnostics
            .iter()
            .all(|d| d.rule.name != "unbalanced-delimiters"),
        "{diagnostics:?}"
    );
}

#[test]
fn a_file_that_is_no_word_document_is_refused_in_one_line() {
    let error = manulint::manuscript_text(
        "notes.docx".to_string(),
        std::path::Path::new("notes.docx"),
        b"plain text".to_vec(),
    )
    .err()
    .expect("refused");
    let message = error.to_string();
    assert!(message.contains("is not a Word document"), "{message}");
    assert!(!message.contains('\n'));
}

fn temp_folder(name: &str) -> std::path::PathBuf {
    let folder = std::env::temp_dir().join(format!("manulint-docx-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("temp folder");
    folder
}

#[test]
fn folders_collect_word_chapters_in_natural_order_without_lock_files() {
    let folder = temp_folder("folder");
    for (name, text) in [
        ("Chapter 10.docx", "Ten."),
        ("Chapter 2.docx", "Two."),
        ("~$apter 2.docx", ""),
    ] {
        let body = p(&[r(text)]);
        let bytes = docx::build(&Parts {
            body: &body,
            ..Parts::default()
        });
        std::fs::write(folder.join(name), bytes).expect("writes");
    }
    let files = manulint::source::expand_paths(std::slice::from_ref(&folder)).expect("expands");
    let names: Vec<String> = files
        .iter()
        .map(|f| {
            f.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names, ["Chapter 2.docx", "Chapter 10.docx"]);
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn fix_refuses_a_word_document() {
    let folder = temp_folder("fix");
    let body = p(&[r("Here the the word repeats.")]);
    let path = folder.join("draft.docx");
    std::fs::write(
        &path,
        docx::build(&Parts {
            body: &body,
            ..Parts::default()
        }),
    )
    .expect("writes");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_manulint"))
        .args(["check", "--fix"])
        .arg(&path)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("cannot edit"), "{stderr}");
    let checked = std::process::Command::new(env!("CARGO_BIN_EXE_manulint"))
        .args(["check", "--format", "json", "--fail-on", "never"])
        .arg(&path)
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&checked.stdout).contains("\"docx\""));
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn a_baseline_of_a_word_document_survives_a_new_paragraph() {
    let folder = temp_folder("baseline");
    let write = |body: &str| {
        let bytes = docx::build(&Parts {
            body,
            ..Parts::default()
        });
        std::fs::write(folder.join("draft.docx"), bytes).expect("writes");
    };
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_manulint"))
            .current_dir(&folder)
            .args(args)
            .output()
            .expect("runs")
    };
    let slip = p(&[r("Here the the word repeats.")]);
    write(&slip);
    let written = run(&["baseline", "draft.docx"]);
    assert_eq!(
        written.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&written.stderr)
    );
    // A paragraph added above renumbers the old one: its finding is still known; the new
    // slip is new.
    write(&[p(&[r("A new opening and and a slip.")]), slip].concat());
    let checked = run(&[
        "check",
        "--baseline",
        ".manulint-baseline.json",
        "draft.docx",
    ]);
    let output = format!(
        "{}{}",
        String::from_utf8_lossy(&checked.stdout),
        String::from_utf8_lossy(&checked.stderr)
    );
    assert!(
        output.contains("1 new, 1 known (baselined), 0 fixed"),
        "{output}"
    );
    let _ = std::fs::remove_dir_all(&folder);
}
