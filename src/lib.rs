//! manulint: a linter and consistency checker for scholarly manuscripts.
//!
//! The pipeline (see ARCHITECTURE.md): [`source`] loads files, a [`frontend`] per format
//! builds the [`model::Manuscript`] once, [`indexes`] builds shared indexes once, each rule in [`rules`]
//! reads them, and [`engine`] turns findings into [`diagnostic::Diagnostic`]s for [`render`].

pub mod baseline;
pub mod cli;
pub mod config;
pub mod crash;
pub mod diagnostic;
pub mod engine;
pub mod fix;
pub mod frontend;
pub mod indexes;
pub mod model;
pub mod parallel;
pub mod profile;
pub mod render;
pub mod rules;
pub mod safe_write;
pub mod source;
pub mod text;

use std::path::PathBuf;

use config::Config;
use diagnostic::Diagnostic;
use engine::Selection;
use model::Manuscript;
use source::{InputError, Sources};

/// Reads the files in order and parses them into one manuscript.
pub fn load(paths: &[PathBuf], config: &Config) -> Result<Manuscript, InputError> {
    load_with_bibliographies(paths, &[], config)
}

/// A manuscript file as read: its name, its text, and for a `.docx` the layout of the plain
/// text read from it.
pub struct ManuscriptText {
    pub name: String,
    pub text: String,
    pub layout: Option<std::sync::Arc<frontend::docx::Layout>>,
}

impl From<(String, String)> for ManuscriptText {
    fn from((name, text): (String, String)) -> Self {
        ManuscriptText {
            name,
            text,
            layout: None,
        }
    }
}

/// A manuscript file's bytes as the front-end of its format reads them: a `.docx` as a Word
/// document, anything else as UTF-8 text.
pub fn manuscript_text(
    name: String,
    path: &std::path::Path,
    bytes: Vec<u8>,
) -> Result<ManuscriptText, InputError> {
    if source::Format::of_name(&name) == Ok(source::Format::Docx) {
        let layout =
            profile::phase("read docx", || frontend::docx::read(&bytes)).map_err(|message| {
                InputError::Docx {
                    path: path.to_path_buf(),
                    message,
                }
            })?;
        let text = layout.text.clone();
        return Ok(ManuscriptText {
            name,
            text,
            layout: Some(std::sync::Arc::new(layout)),
        });
    }
    let text = source::decode_source(path, bytes)?;
    Ok(ManuscriptText {
        name,
        text,
        layout: None,
    })
}

/// Reads one manuscript file from disk.
pub fn read_manuscript_file(path: &std::path::Path) -> Result<ManuscriptText, InputError> {
    let bytes = source::read_bytes(path)?;
    manuscript_text(path.display().to_string(), path, bytes)
}

/// Reads the manuscript files in order and the bibliography databases beside them.
pub fn load_with_bibliographies(
    paths: &[PathBuf],
    bibliographies: &[PathBuf],
    config: &Config,
) -> Result<Manuscript, InputError> {
    let mut texts = Vec::with_capacity(paths.len());
    for path in paths {
        texts.push(read_manuscript_file(path)?);
    }
    load_texts(texts, bibliographies, config)
}

/// Parses manuscript texts already read (name, text; in reading order) with the bibliography
/// databases beside them: for text from standard input or an editor's buffer.
pub fn load_texts<T: Into<ManuscriptText>>(
    texts: Vec<T>,
    bibliographies: &[PathBuf],
    config: &Config,
) -> Result<Manuscript, InputError> {
    let texts: Vec<ManuscriptText> = texts.into_iter().map(Into::into).collect();
    let mut skipped = Vec::new();
    let texts = frontend::latex::includes::follow(texts, &mut skipped)?;
    // A missing included file is LaTeX's warning, not its error: the run goes on, and says so.
    for note in &skipped {
        eprintln!("manulint: note: {note}");
    }
    let mut companions = frontend::Companions::default();
    let mut named: Vec<PathBuf> = Vec::new();
    for ManuscriptText { name, text, .. } in &texts {
        let Ok(format) = source::Format::of_name(name) else {
            continue;
        };
        let found = frontend::companions(format, text);
        // Given bibliographies (command line, config) replace the ones the files name, as
        // Pandoc's `--bibliography` replaces the YAML key.
        if bibliographies.is_empty() {
            let folder = std::path::Path::new(name)
                .parent()
                .unwrap_or(std::path::Path::new(""));
            for (written, at) in &found.bibliographies {
                let path = folder.join(written);
                if !path.is_file() {
                    let line = text[..(*at).min(text.len())].matches('\n').count() + 1;
                    return Err(InputError::Bibliography {
                        message: format!(
                            "`{name}` line {line} names the bibliography `{written}`, which is not a file (looked for `{}`)",
                            path.display()
                        ),
                    });
                }
                named.push(path);
            }
        }
        companions.nocite.extend(found.nocite);
        companions.nocite_all |= found.nocite_all;
        if companions.language.is_none() {
            companions.language = found.language;
        }
    }
    let named = source::without_repeats(named).0;
    let mut databases = Vec::with_capacity(bibliographies.len() + named.len());
    for path in bibliographies.iter().chain(&named) {
        databases.push((path.display().to_string(), source::read_source(path)?));
    }
    let mut manuscript = load_texts_and_databases(texts, databases, config)?;
    manuscript.nocite = companions.nocite;
    manuscript.nocite_all = companions.nocite_all;
    manuscript.language = companions.language;
    Ok(manuscript)
}

/// `load_texts` with the bibliography databases read too (name, text; the name's extension
/// says the format): nothing is read from disk.
pub fn load_texts_and_databases<T: Into<ManuscriptText>>(
    texts: Vec<T>,
    databases: Vec<(String, String)>,
    config: &Config,
) -> Result<Manuscript, InputError> {
    let mut sources = Sources::default();
    for text in texts {
        let ManuscriptText { name, text, layout } = text.into();
        frontend::readable(&name).map_err(|message| InputError::UnknownFormat {
            path: PathBuf::from(&name),
            message,
        })?;
        sources.add_layout(name, text, layout);
    }
    let databases: Vec<(String, source::FileId)> = databases
        .into_iter()
        .map(|(name, text)| {
            let file = sources.add_kind(source::SourceKind::Bibliography, name.clone(), text);
            (name, file)
        })
        .collect();
    let mut entries = Vec::new();
    let mut duplicate_keys = Vec::new();
    let mut reference_cycles = Vec::new();
    let mut unread = Vec::new();
    for (name, file) in databases {
        let text = &sources.get(file).text;
        let database = frontend::bibfile::parse(&name, text, file)
            .map_err(|message| InputError::Bibliography { message })?;
        if entries.is_empty() {
            // The one database of most manuscripts is moved, not copied: a large `.bib` would
            // otherwise be held twice while it is copied.
            entries = database.entries;
        } else {
            entries.extend(database.entries);
        }
        duplicate_keys.extend(database.duplicates);
        reference_cycles.extend(database.cycles);
        unread.extend(database.unread);
    }
    let mut manuscript = profile::phase("parse", || parse_sources(sources, config));
    // Entries of the databases first; then the items a document carries in its citation
    // fields (a key given in both is the database's).
    let carried = std::mem::take(&mut manuscript.file_entries);
    manuscript.file_entries = entries;
    manuscript.file_entries.extend(carried);
    manuscript.duplicate_keys = duplicate_keys;
    manuscript.reference_cycles = reference_cycles;
    manuscript.unread_bibliography = unread;
    Ok(manuscript)
}

pub fn parse_sources(sources: Sources, config: &Config) -> Manuscript {
    let options = frontend::ParseOptions {
        bibliography_headings: config.bibliography_headings.clone(),
    };
    frontend::parse(sources, &options)
}

/// Parses one in-memory document and checks it with the default rules: for tests and embedding.
pub fn check_str(name: &str, text: &str) -> (Manuscript, Vec<Diagnostic>) {
    let config = Config::defaults();
    let mut sources = Sources::default();
    sources.add(name.to_string(), text.to_string());
    let ms = parse_sources(sources, &config);
    let selection = Selection::resolve(&config, &[], &[]);
    let diagnostics = engine::check(&ms, &config, &selection);
    (ms, diagnostics)
}
