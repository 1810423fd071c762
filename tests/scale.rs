//! What the mechanisms that keep the cost linear must not change: matching against reference
//! lists that repeat, finding the note a "see note N" means among many notes, a .bib nested
//! past reason. No timings here: `bench/scale.sh` measures.

mod common;

use std::path::PathBuf;

use common::scratch;
use manulint::config::Config;
use manulint::engine::{self, Selection};
use manulint::indexes::citations::CitationIndex;

/// A chapter citing two works (one title misspelt), with its own reference list; with
/// `other_edition`, the list gives the second work's 1975 edition first, and the chapter cites
/// that edition.
fn chapter(number: usize, other_edition: bool) -> String {
    let mut text = format!(
        "# Chapter {number}\n\nThe brigades met.[^a{number}] They argued.[^b{number}] \
         They wrote.[^c{number}]\n\n\
         [^a{number}]: Anna Kovalen, *Steel and Labor: A Social History* (Moscow: Partizdat, \
         1961), {number}.\n\
         [^b{number}]: Kovalen, *Steel and Labr*, 4.\n\
         [^c{number}]: Boris Martin, *Coal Heroes* (Oxford: Academic Press, {}), 9.\n\n\
         ## References\n\n\
         Kovalen, Anna. *Steel and Labor: A Social History*. Moscow: Partizdat, 1961.  \n\
         Martin, Boris. *Coal Heroes*. Oxford: Academic Press, {}.\n",
        if other_edition { 1975 } else { 1968 },
        if other_edition { 1975 } else { 1968 },
    );
    if other_edition {
        text.push_str("Martin, Boris. *Coal Heroes*. Oxford: Academic Press, 1968.\n");
    }
    text
}

fn write_chapters(name: &str, chapters: impl IntoIterator<Item = String>) -> Vec<PathBuf> {
    let dir = scratch(name);
    chapters
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let path = dir.join(format!("ch{:03}.md", i + 1));
            std::fs::write(&path, text).expect("write chapter");
            path
        })
        .collect()
}

#[test]
fn a_title_listed_in_every_chapter_matches_its_first_entry_or_the_edition_cited() {
    let paths = write_chapters("repeated-lists", (1..=40).map(|n| chapter(n, n == 25)));
    let config = Config::defaults();
    let ms = manulint::load(&paths, &config).expect("chapters load");
    let index = CitationIndex::build(&ms, &config.scripture_books);
    let file_of_entry = |entry: usize| ms.file_name(index.entries[entry].span.file).to_string();
    let matched = |title: &str| -> Vec<(String, String, bool)> {
        index
            .citations
            .iter()
            .filter(|c| {
                c.publication
                    .title
                    .as_ref()
                    .is_some_and(|t| t.text == title)
            })
            .map(|c| {
                let work = c.work.expect("every citation names a work");
                let m = index.works[work].entry.expect("every work has an entry");
                let year = c.publication.year.as_ref().map_or("", |y| y.text.as_str());
                (year.to_string(), file_of_entry(m.entry), m.author_fuzzy)
            })
            .collect()
    };
    // Forty lists give the same entry: every citation names the first chapter's.
    let full = matched("Steel and Labor: A Social History");
    assert_eq!(full.len(), 40);
    assert!(
        full.iter().all(|(_, file, _)| file == "ch001.md"),
        "{full:?}"
    );
    // The misspelt short title is still that work, however many entries share its author.
    let misspelt = matched("Steel and Labr");
    assert_eq!(misspelt.len(), 40);
    assert!(
        misspelt.iter().all(|(_, file, _)| file == "ch001.md"),
        "{misspelt:?}"
    );
    // A later list giving another edition first does not move the work: its citations, the
    // 1975 one too, are one work, whose entry is the first list's.
    let editions = matched("Coal Heroes");
    assert_eq!(editions.len(), 40);
    assert!(editions.iter().any(|(year, ..)| year == "1975"));
    assert!(
        editions.iter().all(|(_, file, _)| file == "ch001.md"),
        "{editions:?}"
    );
}

/// `notes` notes, most citing a book; note `about` discusses "the storm shift"; the last
/// paragraph points to note `pointed` for it.
fn notes_manuscript(notes: usize, about: &[usize], pointed: usize) -> String {
    let mut text = String::from("# Notes\n\n");
    for n in 1..=notes {
        text.push_str(&format!("The brigade worked on.[^{n}]\n\n"));
    }
    text.push_str(&format!(
        "The miners trusted \"the storm shift\" (see note {pointed}) above all.[^{}]\n\n",
        notes + 1
    ));
    for n in 1..=notes {
        if about.contains(&n) {
            text.push_str(&format!(
                "[^{n}]: On the storm shift, Kovalen, *Steel and Labor*, {n}.\n"
            ));
        } else {
            text.push_str(&format!("[^{n}]: Kovalen, *Steel and Labor*, {n}.\n"));
        }
    }
    text.push_str(&format!(
        "[^{}]: Kovalen, *Steel and Labor*, 1.\n",
        notes + 1
    ));
    text
}

fn cross_references(name: &str, text: String) -> Vec<String> {
    let paths = write_chapters(name, [text]);
    let config = Config::defaults();
    let ms = manulint::load(&paths, &config).expect("manuscript loads");
    let selection = Selection::resolve(&config, &["cross-reference".to_string()], &[]);
    engine::check(&ms, &config, &selection)
        .into_iter()
        .map(|d| d.message)
        .collect()
}

#[test]
fn the_note_a_term_names_is_found_among_many() {
    let messages = cross_references("crossref-one", notes_manuscript(900, &[733], 12));
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(
        messages[0].starts_with("note 12 says nothing of “the storm shift”, which note 733"),
        "{}",
        messages[0]
    );
    // Pointing at the note that discusses it is right.
    let messages = cross_references("crossref-right", notes_manuscript(900, &[733], 733));
    assert_eq!(messages, Vec::<String>::new());
}

#[test]
fn a_term_in_more_than_five_notes_names_none() {
    let about = [100, 200, 300, 400, 500, 600];
    let messages = cross_references("crossref-common", notes_manuscript(900, &about, 12));
    assert_eq!(messages, Vec::<String>::new());
    // Five is still distinctive: the nearest of them is suggested.
    let messages = cross_references("crossref-five", notes_manuscript(900, &about[..5], 12));
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].contains("which note 100"), "{}", messages[0]);
}

fn bib_with_title_depth(depth: usize) -> String {
    format!(
        "@book{{deep,\n  author = {{Kovalen, Anna}},\n  title = {{{}Steel{}}},\n  year = 1961\n}}\n",
        "{".repeat(depth),
        "}".repeat(depth)
    )
}

#[test]
fn a_bib_nested_past_reason_is_refused_with_its_line_and_a_reasonable_one_is_read() {
    let dir = scratch("nested-bib");
    std::fs::write(
        dir.join("ch.md"),
        "# One\n\nText.[^1]\n\n[^1]: Kovalen, *Steel*, 3.\n",
    )
    .expect("write manuscript");
    std::fs::write(dir.join("deep.bib"), bib_with_title_depth(100_000)).expect("write bib");
    std::fs::write(dir.join("fine.bib"), bib_with_title_depth(12)).expect("write bib");
    let deep = common::run_in(&dir, &["check", "--bibliography", "deep.bib", "ch.md"]);
    assert_eq!(deep.code, 2, "{}", deep.stderr);
    assert!(
        deep.stderr
            .contains("`deep.bib` line 3: braces nested more than 100 deep"),
        "{}",
        deep.stderr
    );
    let fine = common::run_in(
        &dir,
        &[
            "check",
            "--fail-on",
            "never",
            "--bibliography",
            "fine.bib",
            "ch.md",
        ],
    );
    assert_eq!(fine.code, 0, "{}", fine.stderr);
}
