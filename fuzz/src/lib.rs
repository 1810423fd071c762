//! What every fuzz target asserts: the run does not panic (libfuzzer-sys aborts on any panic,
//! also one the engine would catch on its pool thread), and every span a diagnostic, a related
//! place, a fix or a bibliography entry carries lies in its file and on character boundaries:
//! the renderers, `--fix` and editors slice the file with them.

use manulint::config::Config;
use manulint::diagnostic::Diagnostic;
use manulint::engine::{self, Selection};
use manulint::model::{FileEntry, Manuscript};
use manulint::source::{SourceKind, Sources, Span};

/// Inputs longer than this are skipped: the rules are linear, and long inputs only slow the
/// search down.
pub const MAX_INPUT: usize = 64 * 1024;

/// The bytes as manulint reads a file: UTF-8 without NUL bytes or UTF-16, a BOM dropped.
/// `None` for what `read_source` refuses (exit 2, nothing to check).
pub fn decode(bytes: &[u8]) -> Option<String> {
    if bytes.len() > MAX_INPUT {
        return None;
    }
    manulint::source::decode_source(std::path::Path::new("fuzz.md"), bytes.to_vec()).ok()
}

/// Every rule, including those off by default.
pub fn every_rule(config: &Config) -> Selection {
    Selection::resolve(config, &["all".to_string()], &[])
}

/// Parses manuscript files (and bibliography databases) and checks them with every rule.
pub fn check_all(
    texts: Vec<(String, String)>,
    databases: Vec<(String, String)>,
) -> Option<(Manuscript, Vec<Diagnostic>)> {
    let config = Config::defaults();
    let ms = manulint::load_texts_and_databases(texts, databases, &config).ok()?;
    let diagnostics = engine::check(&ms, &config, &every_rule(&config));
    assert_diagnostics(&ms, &diagnostics);
    Some((ms, diagnostics))
}

pub fn assert_span(sources: &Sources, span: Span, what: &str) {
    assert!(
        (span.file.0 as usize) < sources.len(),
        "{what}: {span:?} names no file"
    );
    let text = &sources.get(span.file).text;
    assert!(
        span.start <= span.end && span.end as usize <= text.len(),
        "{what}: {span:?} outside its file of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start as usize) && text.is_char_boundary(span.end as usize),
        "{what}: {span:?} not on character boundaries"
    );
}

/// Every span of every diagnostic, and the renderers' output, which slices the files with them.
pub fn assert_diagnostics(ms: &Manuscript, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let what = d.rule.name;
        assert_span(&ms.sources, d.span, what);
        for related in &d.related {
            assert_span(&ms.sources, related.span, what);
        }
        for edit in d.fix.iter().flat_map(|f| &f.edits) {
            assert_span(&ms.sources, edit.span, what);
        }
        assert!(!d.message.is_empty(), "{what}: empty message");
    }
    render_everything(ms, diagnostics);
}

pub fn assert_entries(sources: &Sources, entries: &[FileEntry]) {
    for entry in entries {
        let p = &entry.publication;
        let facts = [
            Some(&entry.key),
            p.author.as_ref(),
            p.title.as_ref(),
            p.container.as_ref(),
            p.place.as_ref(),
            p.publisher.as_ref(),
            p.year.as_ref(),
            p.volume.as_ref(),
        ];
        for fact in facts.into_iter().flatten() {
            assert_span(sources, fact.span, "bibliography entry");
        }
    }
}

/// Each output format, into memory: they compute lines, columns and excerpts from the spans.
fn render_everything(ms: &Manuscript, diagnostics: &[Diagnostic]) {
    let config = Config::defaults();
    let indexes = manulint::indexes::Indexes::build(ms, &config);
    let reading = manulint::render::Reading::of(ms, &indexes);
    let mut human = termcolor::Buffer::no_color();
    manulint::render::human::write(&mut human, ms, diagnostics, &reading).expect("human output");
    let mut out = Vec::new();
    manulint::render::json::write(&mut out, ms, diagnostics, &reading).expect("json output");
    out.clear();
    manulint::render::github::write(&mut out, ms, diagnostics).expect("github output");
    out.clear();
    manulint::render::sarif::write(&mut out, ms, diagnostics).expect("sarif output");
}

/// A manuscript that cites the entries of a bibliography file: by key (`[@key]`), in a note
/// written from the entry's fields, and in a bibliography section, so the citation rules
/// match and compare them with the file's entries.
pub fn citing(entries: &[FileEntry]) -> String {
    let flat = |fact: &Option<manulint::model::Fact>| {
        fact.as_ref()
            .map(|f| f.text.replace(['\n', '\r'], " "))
            .unwrap_or_default()
    };
    let mut body = String::from("# Chapter\n\n");
    let mut notes = String::new();
    let mut bibliography = String::from("## Bibliography\n\n");
    for (i, entry) in entries.iter().take(20).enumerate() {
        let p = &entry.publication;
        let (author, title) = (flat(&p.author), flat(&p.title));
        let (place, publisher, year) = (flat(&p.place), flat(&p.publisher), flat(&p.year));
        let key = &entry.key.text;
        if !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || "_:.-".contains(c))
        {
            body.push_str(&format!("A claim [@{key}, {i}]. "));
        }
        body.push_str(&format!("Another claim.[^{i}]\n\n"));
        notes.push_str(&format!(
            "[^{i}]: {author}, *{title}* ({place}: {publisher}, {year}), {i}.\n"
        ));
        bibliography.push_str(&format!(
            "- {author}. *{title}*. {place}: {publisher}, {year}.\n"
        ));
    }
    format!("{body}{notes}\n{bibliography}")
}

/// A bibliography file `name` (its extension gives the format) read alone, then checked beside
/// a manuscript that cites it.
pub fn database(name: &str, text: String) {
    let mut sources = Sources::default();
    let file = sources.add_kind(SourceKind::Bibliography, name.to_string(), text.clone());
    let database = match manulint::frontend::bibfile::parse(name, &text, file) {
        Ok(database) => database,
        Err(message) => {
            assert!(
                !message.contains('\n'),
                "an input error is one line: {message}"
            );
            return;
        }
    };
    assert_entries(&sources, &database.entries);
    for duplicate in &database.duplicates {
        assert_span(&sources, duplicate.first, "duplicate key");
        assert_span(&sources, duplicate.again, "duplicate key");
    }
    for cycle in &database.cycles {
        assert_span(&sources, cycle.span, "reference cycle");
    }
    let manuscript = citing(&database.entries);
    check_all(
        vec![("fuzz.md".to_string(), manuscript)],
        vec![(name.to_string(), text)],
    );
}

/// A Word document read into its layout: checked with every rule, spans asserted, rendered.
pub fn document(layout: manulint::frontend::docx::Layout) {
    let config = Config::defaults();
    let text = manulint::ManuscriptText {
        name: "fuzz.docx".to_string(),
        text: layout.text.clone(),
        layout: Some(std::sync::Arc::new(layout)),
    };
    let Ok(ms) = manulint::load_texts(vec![text], &[], &config) else {
        return;
    };
    let diagnostics = engine::check(&ms, &config, &every_rule(&config));
    assert_diagnostics(&ms, &diagnostics);
}
