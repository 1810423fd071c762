//! The LaTeX front-end: what it must read (notes, citations, headings, italics, included
//! files) and what it must not (preamble, comments, maths, verbatim, tables, examples).

mod common;

use common::{fixture, lint};
use manulint::model::{Manuscript, NoteStyle, Role, TextRun};

const BOOK: &str = "latex/book/main.tex";

fn book() -> Manuscript {
    lint(&[BOOK]).0
}

/// Every run's text in one file, in order, joined by `|`.
fn runs_of(ms: &Manuscript, file_suffix: &str) -> String {
    let mut out = Vec::new();
    for block in &ms.blocks {
        if !ms.sources.get(block.file).name.ends_with(file_suffix) {
            continue;
        }
        for run in ms.block_runs(block) {
            out.push(&ms.sources.get(block.file).text[run.start as usize..run.end as usize]);
        }
    }
    out.join("|")
}

#[test]
fn included_chapters_are_read_in_order_each_as_its_own_file() {
    let ms = book();
    let names: Vec<&str> = ms.sources.iter().map(|s| s.name.as_str()).collect();
    assert!(names[0].ends_with("main.tex"), "{names:?}");
    assert!(names[1].ends_with("chapters/one.tex"), "{names:?}");
    assert!(names[2].ends_with("chapters/two.tex"), "{names:?}");
    // Preamble inputs are settings; a commented-out include is not followed.
    assert!(
        !names
            .iter()
            .any(|n| n.contains("settings") || n.contains("three"))
    );
    let note = &ms.notes[0];
    assert!(ms.sources.get(note.file).name.ends_with("one.tex"));
    assert!(ms.text(note.parts[0]).starts_with("See"));
}

#[test]
fn footnotes_endnotes_and_marked_notes_are_notes_with_markers() {
    let ms = book();
    assert_eq!(ms.notes.len(), 4);
    assert!(ms.notes.iter().all(|n| n.style == NoteStyle::Inline));
    assert_eq!(ms.notes[1].parts.len(), 2, "a note of two paragraphs");
    assert!(
        ms.text(ms.notes[2].parts[0])
            .starts_with("A note in a table")
    );
    // `\footnotemark` then `\footnotetext`: one marker, one note, the same label.
    let marked = &ms.notes[3];
    assert!(
        ms.text(marked.parts[0])
            .starts_with("The text of a marked note")
    );
    assert!(
        ms.note_refs
            .iter()
            .any(|r| r.label == marked.label && r.scope == marked.scope)
    );
    assert_eq!(ms.note_refs.len(), 4);
    // Numbering restarts with each chapter, as the book classes number notes.
    assert_eq!(marked.number, Some(1));
    // A note's blocks are notes; the paragraph around the marker stays body text.
    for (id, _) in ms.notes.iter().enumerate() {
        assert!(ms.blocks.iter().any(|b| b.role == Role::Note(id as u32)));
    }
}

#[test]
fn citation_commands_are_key_citations_with_their_notes() {
    let ms = book();
    let keys: Vec<(&str, bool)> = ms
        .key_citations
        .iter()
        .map(|k| (k.key.text.as_str(), k.note.is_some()))
        .collect();
    assert_eq!(
        keys,
        vec![
            ("Baker.2001", false),
            ("Orwin.1999", true),
            ("Baker.2001", false),
            ("Cole.2010", false),
            ("Cole.2010", false),
            ("Baker.2001", false),
            ("Dunn.2015", false),
        ]
    );
    for k in &ms.key_citations {
        assert_eq!(ms.text(k.key.span), k.key.text);
    }
    assert_eq!(ms.nocite, vec!["Orwin.1999".to_string()]);
}

#[test]
fn citation_rules_read_latex_keys_like_pandoc_keys() {
    let (_, diagnostics) = lint(&[BOOK]);
    let unknown: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.rule.name == "unknown-citation-key")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(unknown.len(), 1, "{unknown:?}");
    assert!(unknown[0].contains("Dunn.2015"));
    let uncited: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.rule.name == "uncited-bibliography-entry")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(uncited.len(), 1, "only Hale.1980 is uncited: {uncited:?}");
    assert!(uncited[0].starts_with("1 of the 4"));
}

#[test]
fn sectioning_commands_are_headings_with_their_printed_titles() {
    let ms = book();
    let headings: Vec<(u8, &str)> = ms
        .headings
        .iter()
        .map(|h| (h.level, h.text.as_str()))
        .collect();
    assert_eq!(
        headings,
        vec![(1, "Rivers and Weirs"), (2, "Sources"), (1, "Second")]
    );
    assert_eq!(ms.headings[1].parent, Some(0));
}

#[test]
fn italics_are_emphasis_runs() {
    let ms = book();
    let italic: Vec<&str> = ms
        .runs
        .iter()
        .filter(|r| r.style & TextRun::EMPHASIS != 0)
        .map(|r| &ms.sources.get(ms.notes[0].file).text[r.start as usize..r.end as usize])
        .collect();
    assert!(italic.contains(&"Weirs"), "{italic:?}");
    assert!(italic.contains(&"The Mill Book"), "{italic:?}");
}

#[test]
fn preamble_comments_maths_verbatim_tables_and_examples_are_not_prose() {
    let ms = book();
    let main = runs_of(&ms, "main.tex");
    assert_eq!(
        main, "",
        "the preamble and the commands of main.tex print no prose"
    );
    let one = runs_of(&ms, "one.tex");
    for absent in [
        "unclosed",
        "a (b",
        "x (",
        "in verbatim",
        "gloss",
        "translation",
        "cell",
        "chap:one",
        "Short",
        "see",
    ] {
        assert!(!one.contains(absent), "{absent} read as prose: {one}");
    }
    assert!(one.contains("The mill stood by the river, as "), "{one}");
    // `\%` prints a percent sign: its run is the sign alone.
    assert!(one.contains("|%|"), "{one}");
    let (_, diagnostics) = lint(&[BOOK]);
    assert!(
        diagnostics
            .iter()
            .all(|d| d.rule.name != "unbalanced-delimiters" && d.rule.name != "doubled-word"),
        "{:?}",
        diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
}

#[test]
fn quotation_environments_are_quoted_blocks() {
    let ms = book();
    let quoted: Vec<&str> = ms
        .blocks
        .iter()
        .filter(|b| b.in_quote)
        .map(|b| ms.text(b.span))
        .collect();
    assert_eq!(quoted, vec!["A quoted passage."]);
}

#[test]
fn prose_typos_are_still_found() {
    let (_, diagnostics) = lint(&["latex/doubled.tex"]);
    let doubled: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.rule.name == "doubled-word")
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(doubled.len(), 1, "{doubled:?}");
}

#[test]
fn an_include_cycle_stops_the_run_with_one_line() {
    let config = manulint::config::Config::defaults();
    let error = match manulint::load(&[fixture("latex/cycle/main.tex")], &config) {
        Ok(_) => panic!("a cycle must not load"),
        Err(error) => error.to_string(),
    };
    assert!(error.contains("include cycle"), "{error}");
    assert!(error.contains("line 2"), "{error}");
}

#[test]
fn a_missing_include_is_skipped_and_the_rest_read() {
    let config = manulint::config::Config::defaults();
    let ms = manulint::load(&[fixture("latex/missing.tex")], &config).expect("loads");
    assert_eq!(ms.sources.len(), 1);
    assert!(runs_of(&ms, "missing.tex").contains("Some text."));
}

#[test]
fn tex_quotation_marks_are_quotations_and_print_as_curly_marks() {
    let text = "\\begin{document}\nShe wrote ``a mill---and a weir'' and left.\n\\end{document}\n";
    let (ms, _) = manulint::check_str("quotes.tex", text);
    let quoted: Vec<&str> = ms.quotations.iter().map(|q| ms.text(q.span)).collect();
    assert_eq!(quoted, vec!["``a mill---and a weir''"]);
    let block = &ms.blocks[0];
    let printed: String = ms
        .printed_chars(block.file, block.span.range())
        .map(|(_, c, _)| c)
        .collect();
    assert_eq!(printed, "She wrote “a mill—and a weir” and left.");
    // Markdown runs print as written.
    let (md, _) = manulint::check_str("quotes.md", "Two ``ticks'' here.\n");
    assert!(md.printed.is_empty() && md.quotations.is_empty());
}

#[test]
fn a_folder_is_read_from_its_root_files_not_every_chapter_twice() {
    let paths = manulint::source::expand_paths(&[fixture("latex/book")]).expect("folder");
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].ends_with("main.tex"));
    // A folder of chapters without a root is read whole, in natural order.
    let chapters =
        manulint::source::expand_paths(&[fixture("latex/book/chapters")]).expect("folder");
    assert_eq!(chapters.len(), 2);
    assert!(chapters[0].ends_with("one.tex") && chapters[1].ends_with("two.tex"));
}
