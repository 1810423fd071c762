//! Prints every note a manuscript's files hold, with where its label is, for counting notes by
//! eye against the source: `cargo run --example dump_notes -- FILE…`.

use manulint::config::Config;

fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    if paths.is_empty() {
        eprintln!("usage: dump_notes FILE…");
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
    for note in &ms.notes {
        let source = ms.sources.get(note.file);
        let line = source.text[..note.label_span.start as usize]
            .matches('\n')
            .count()
            + 1;
        let first = note.parts.first().map_or("", |part| ms.text(*part));
        let excerpt: String = first
            .chars()
            .take(60)
            .map(|c| if c == '\n' { ' ' } else { c })
            .collect();
        println!("{}:{line} [{}] {excerpt}", source.name, note.label);
    }
}
