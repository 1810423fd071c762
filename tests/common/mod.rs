#![allow(dead_code)]

pub mod docx;

use std::path::{Path, PathBuf};

use manulint::config::Config;
use manulint::diagnostic::Diagnostic;
use manulint::engine::{self, Selection};
use manulint::model::Manuscript;

pub fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(relative)
}

/// Lints fixture files (in order) with the default configuration.
pub fn lint(relatives: &[&str]) -> (Manuscript, Vec<Diagnostic>) {
    lint_selected(relatives, &[])
}

/// Lints fixture files with the rules a selector names (empty: the default rules).
pub fn lint_selected(relatives: &[&str], select: &[&str]) -> (Manuscript, Vec<Diagnostic>) {
    let config = Config::defaults();
    let paths: Vec<PathBuf> = relatives.iter().map(|r| fixture(r)).collect();
    let paths = manulint::source::expand_paths(&paths).expect("fixture paths exist");
    let ms = manulint::load(&paths, &config).expect("fixture loads");
    let select: Vec<String> = select.iter().map(|s| s.to_string()).collect();
    let selection = Selection::resolve(&config, &select, &[]);
    let diagnostics = engine::check(&ms, &config, &selection);
    (ms, diagnostics)
}

/// Lints fixture files with the rules a selector names under a config written from `toml`
/// (a house style, say).
pub fn lint_with_config(
    relatives: &[&str],
    select: &[&str],
    toml: &str,
) -> (Manuscript, Vec<Diagnostic>) {
    let name = format!("config-{}", relatives.join("-").replace(['/', '.'], "_"));
    let scratch = scratch_config(&name, toml);
    let config = Config::load(Some(&scratch.path), &scratch.dir).expect("the config is valid");
    let paths: Vec<PathBuf> = relatives.iter().map(|r| fixture(r)).collect();
    let paths = manulint::source::expand_paths(&paths).expect("fixture paths exist");
    let ms = manulint::load(&paths, &config).expect("fixture loads");
    let select: Vec<String> = select.iter().map(|s| s.to_string()).collect();
    let selection = Selection::resolve(&config, &select, &[]);
    let diagnostics = engine::check(&ms, &config, &selection);
    (ms, diagnostics)
}

/// `rule line:column` for each diagnostic, in output order.
pub fn summary(ms: &Manuscript, diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            let (line, column) = ms.sources.get(d.span.file).line_col(d.span.start);
            format!("{} {line}:{column}", d.rule.name)
        })
        .collect()
}

pub fn lint_summary(relatives: &[&str]) -> Vec<String> {
    let (ms, diagnostics) = lint(relatives);
    summary(&ms, &diagnostics)
}

pub fn manulint_bin() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_manulint"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// `line:column` of each diagnostic of one rule (run even when it is off by default).
pub fn positions_of(relatives: &[&str], rule: &str) -> Vec<String> {
    let family = manulint::rules::lookup(rule).map_or("all", |r| r.family.name());
    let (ms, diagnostics) = lint_selected(relatives, &[family]);
    diagnostics
        .iter()
        .filter(|d| d.rule.name == rule)
        .map(|d| {
            let (line, column) = ms.sources.get(d.span.file).line_col(d.span.start);
            format!("{line}:{column}")
        })
        .collect()
}

/// The rules that fire on an in-memory document.
pub fn rules_on(text: &str) -> Vec<&'static str> {
    let (_, diagnostics) = manulint::check_str("inline.md", text);
    diagnostics.iter().map(|d| d.rule.name).collect()
}

/// A config file in its own scratch folder, removed when dropped.
pub struct ScratchConfig {
    pub dir: PathBuf,
    pub path: PathBuf,
}

impl Drop for ScratchConfig {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub fn scratch_config(name: &str, toml: &str) -> ScratchConfig {
    let dir = std::env::temp_dir().join(format!("manulint-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let path = dir.join("manulint.toml");
    std::fs::write(&path, toml).expect("write config");
    ScratchConfig { dir, path }
}

/// What a run of the binary printed and returned.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Runs the binary in `dir` with `args`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = manulint_bin()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("manulint runs");
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

/// An empty folder of its own for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("manulint-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Checks `text` (read as the format its `name` says) with every rule: no panic, and every
/// span of the model and of the diagnostics inside the file on character boundaries.
pub fn check_spans_of(name: &str, text: &str) {
    // Every rule, preview and off-by-default ones included.
    let config = manulint::config::Config::defaults();
    let mut sources = manulint::source::Sources::default();
    sources.add(name.to_string(), text.to_string());
    let ms = manulint::parse_sources(sources, &config);
    let selection = manulint::engine::Selection::resolve(&config, &["all".to_string()], &[]);
    let diagnostics = manulint::engine::check(&ms, &config, &selection);
    assert_spans_on_boundaries(&ms, &diagnostics);
    let mut out = Vec::new();
    manulint::render::json::write(&mut out, &ms, &diagnostics, &Default::default())
        .expect("json renders");
    let mut human = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    manulint::render::human::write(&mut human, &ms, &diagnostics, &Default::default())
        .expect("human renders");
}

/// Every span of the model and of the diagnostics lies inside file 0 on character boundaries.
pub fn assert_spans_on_boundaries(ms: &Manuscript, diagnostics: &[Diagnostic]) {
    let source = &ms.sources.get(manulint::source::FileId(0)).text;
    let valid = |start: u32, end: u32| {
        start <= end
            && (end as usize) <= source.len()
            && source.is_char_boundary(start as usize)
            && source.is_char_boundary(end as usize)
    };
    for d in diagnostics {
        assert!(
            valid(d.span.start, d.span.end),
            "diagnostic span {:?}",
            d.span
        );
        for r in &d.related {
            assert!(valid(r.span.start, r.span.end), "related span {:?}", r.span);
        }
    }
    for block in &ms.blocks {
        assert!(
            valid(block.span.start, block.span.end),
            "block span {:?}",
            block.span
        );
    }
    for note in &ms.notes {
        assert!(valid(note.label_span.start, note.label_span.end));
        for part in &note.parts {
            assert!(valid(part.start, part.end), "note part {part:?}");
        }
    }
    for entry in &ms.bibliography {
        assert!(valid(entry.span.start, entry.span.end));
    }
    for q in &ms.quotations {
        assert!(valid(q.span.start, q.span.end));
    }
    for run in &ms.runs {
        assert!(valid(run.start, run.end), "run {run:?}");
    }
    for marker in &ms.note_refs {
        assert!(valid(marker.span.start, marker.span.end));
    }
}
