//! Prints the citation index of a manuscript, note by note, for checking the parser by eye:
//! `cargo run --release --example dump_citations -- thesis.md`.

use manulint::config::Config;
use manulint::indexes::citations::CitationIndex;

fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    if paths.is_empty() {
        eprintln!("usage: dump_citations FILE…");
        std::process::exit(2);
    }
    let config = Config::defaults();
    let ms = match manulint::load(&paths, &config) {
        Ok(ms) => ms,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let index = CitationIndex::build(&ms, &config.scripture_books);
    for (note_id, note) in ms.notes.iter().enumerate() {
        for c in index.note_citations(note_id as u32) {
            let title = c.publication.title.as_ref().map_or("", |t| t.text.as_str());
            let container = c
                .publication
                .container
                .as_ref()
                .map_or("", |t| t.text.as_str());
            let entry = c
                .work
                .and_then(|w| index.works[w].entry)
                .map(|m| {
                    format!(
                        "entry {} {:?}{}",
                        m.entry,
                        m.title,
                        if m.author_fuzzy { " author~" } else { "" }
                    )
                })
                .unwrap_or_else(|| match c.work.and_then(|w| index.works[w].covered_by) {
                    Some(e) => format!("covered by E{e}"),
                    None => "-".into(),
                });
            println!(
                "{:>4} {:?}{} [{}] «{}» in «{}» y={} work={:?} {}",
                note.label,
                c.kind,
                if c.full { "*" } else { "" },
                c.publication.surnames.join("/"),
                title,
                container,
                c.publication.year.as_ref().map_or("", |y| y.text.as_str()),
                c.work,
                entry
            );
        }
    }
    println!("S {}", index.detected_style.name());
    for (key, entry) in &index.keys {
        let source = ms.sources.get(key.key.span.file);
        let line = source.text[..key.key.span.start as usize]
            .matches('\n')
            .count()
            + 1;
        println!(
            "K {}:{line} @{} {}",
            source.name,
            key.key.text,
            if entry.is_some() { "found" } else { "unknown" }
        );
    }
    for (i, e) in index.entries.iter().enumerate() {
        println!(
            "E{i} {:?} group={:?} [{}] «{}» place={} pub={} y={}",
            e.kind,
            e.entry
                .and_then(|entry| ms.bibliography[entry].group.as_deref())
                .unwrap_or(""),
            e.publication.surnames.join("/"),
            e.publication.title.as_ref().map_or("", |t| t.text.as_str()),
            e.publication.place.as_ref().map_or("", |t| t.text.as_str()),
            e.publication
                .publisher
                .as_ref()
                .map_or("", |t| t.text.as_str()),
            e.publication.year.as_ref().map_or("", |t| t.text.as_str()),
        );
    }
}
