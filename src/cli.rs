//! The command line: `check`, `baseline`, `rules`, `explain`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{BufferedStandardStream, ColorChoice};

use crate::baseline::Baseline;
use crate::config::Config;
use crate::diagnostic::Severity;
use crate::engine::{self, Selection};
use crate::render::{self, Format};
use crate::rules;
use crate::source::{self, InputError};

pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_UNUSABLE: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "manulint",
    version,
    about = "A linter and consistency checker for scholarly manuscripts in Markdown"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check a manuscript: files in reading order, folders, or the files listed in the config.
    Check(CheckArgs),
    /// Record the manuscript's current diagnostics in a baseline file, so that
    /// `check --baseline` reports only new ones.
    Baseline(BaselineArgs),
    /// List every rule: code, name, family, default severity, summary.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Print a rule's documentation: what it checks, why, and examples.
    Explain {
        /// A rule name (footnote-sequence) or code (FN004).
        rule: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    Human,
    Json,
    /// The Markdown table the README embeds.
    Markdown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// What to check and with which rules: shared by `check` and `baseline`.
#[derive(clap::Args, Debug)]
struct InputArgs {
    /// Manuscript files in reading order, or folders of Markdown files; `-` reads standard input.
    paths: Vec<PathBuf>,
    /// The name to give standard input (`-`) in the report: its path, which also says its format.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<String>,
    /// Check the whole manuscript the given files belong to (the files manulint.toml lists, in
    /// its order), not just them: for hooks that pass the changed files.
    #[arg(long)]
    whole: bool,
    /// Rules to run: names, codes, code prefixes or families (replaces the config's `select`).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Rules not to run: names, codes, code prefixes or families.
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// A config file to use instead of the nearest manulint.toml.
    #[arg(long)]
    config: Option<PathBuf>,
    /// A bibliography file (BibTeX/BibLaTeX .bib or CSL-JSON .json); may be repeated.
    /// Replaces the config's `bibliography`.
    #[arg(long)]
    bibliography: Vec<PathBuf>,
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    #[command(flatten)]
    input: InputArgs,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Report only diagnostics this baseline file does not hold, and fail only on those.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// With --baseline: remove the entries fixed since from the baseline file.
    #[arg(long, requires = "baseline")]
    update_baseline: bool,
    /// Print the number of diagnostics per rule instead of the diagnostics.
    #[arg(long, conflicts_with_all = ["fix", "diff"])]
    statistics: bool,
    /// Apply the fixes that cannot change meaning, then report what remains.
    #[arg(long)]
    fix: bool,
    /// Show the fixes as a unified diff without writing anything.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// With --fix or --diff: also apply fixes that may change meaning (note renumbering).
    #[arg(long)]
    unsafe_fixes: bool,
    /// With --fix: also write files that are read-only.
    #[arg(long, requires = "fix")]
    force: bool,
}

#[derive(clap::Args, Debug)]
struct BaselineArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The baseline file to write.
    #[arg(long, short, default_value = crate::baseline::DEFAULT_PATH)]
    output: PathBuf,
}

/// Runs the command line and returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() {
                EXIT_UNUSABLE
            } else {
                EXIT_OK
            };
            let _ = error.print();
            return code;
        }
    };
    crate::crash::install_hook();
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(Ok(code)) => code,
        Ok(Err(message)) => {
            eprintln!("manulint: error: {message}");
            EXIT_UNUSABLE
        }
        Err(_) => {
            eprintln!("{}", crate::crash::report());
            EXIT_UNUSABLE
        }
    }
}

fn run(cli: Cli) -> Result<i32, String> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Baseline(args) => write_baseline(args),
        Command::Rules { format } => {
            let text = match format {
                ListFormat::Human => rules_table(),
                ListFormat::Markdown => rules_markdown(),
                ListFormat::Json => rules_json()?,
            };
            print_stdout(&text)?;
            Ok(EXIT_OK)
        }
        Command::Explain { rule } => match rules::lookup(&rule) {
            Some(rule) => {
                print_stdout(&format!(
                    "# {} ({})\n\nFamily: {}. Default severity: {}{}.\n\n{}\n",
                    rule.name,
                    rule.code,
                    rule.family.name(),
                    rule.default_severity.as_str(),
                    if rule.enabled_by_default {
                        ""
                    } else {
                        " (off by default)"
                    },
                    rule.documentation()
                ))?;
                Ok(EXIT_OK)
            }
            None => Err(format!(
                "no rule is named `{rule}`; `manulint rules` lists them"
            )),
        },
    }
}

/// A loaded manuscript and its diagnostics.
struct Run {
    manuscript: crate::model::Manuscript,
    diagnostics: Vec<crate::diagnostic::Diagnostic>,
    /// What was read, for the summary.
    reading: render::Reading,
    /// The rules this run ran.
    rules_run: Vec<&'static str>,
}

/// Fixes follow the manuscript's conventions (a majority, the bibliography), and those come
/// from the files read: when only some of the files manulint.toml lists are given, say so.
fn note_partial_manuscript(input: &InputArgs) {
    if input.paths.is_empty() {
        return;
    }
    let Ok(cwd) = std::env::current_dir() else {
        return;
    };
    let Ok(config) = Config::load(input.config.as_deref(), &cwd) else {
        return;
    };
    if config.files.is_empty() {
        return;
    }
    let canonical = |p: &PathBuf| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
    let listed: std::collections::HashSet<PathBuf> = config.files.iter().map(canonical).collect();
    let Ok(given) = source::expand_paths(&input.paths) else {
        return;
    };
    let given: std::collections::HashSet<PathBuf> = given.iter().map(canonical).collect();
    if given.is_subset(&listed) && given.len() < listed.len() {
        eprintln!(
            "manulint: note: the fixes follow the conventions of the {} given, not of all {} files manulint.toml lists; run without paths to fix by the whole manuscript",
            render::plural(given.len(), "file", "files"),
            listed.len()
        );
    }
}

/// `--whole`: the manuscript the given files belong to. The files manulint.toml lists, in its
/// order, when a given file is one of them (none when none is: a README is no chapter);
/// without a list, the given files in natural order (`ch2.md` before `ch10.md`), not in the
/// order a tool such as pre-commit passes them.
fn whole_manuscript(config: &Config, given: &[PathBuf], announce: bool) -> Vec<PathBuf> {
    if config.files.is_empty() {
        let mut files = given.to_vec();
        files.sort_by(|a, b| source::natural_cmp(&a.to_string_lossy(), &b.to_string_lossy()));
        return files;
    }
    let canonical = |p: &PathBuf| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
    let listed: std::collections::HashSet<PathBuf> = config.files.iter().map(canonical).collect();
    if given.iter().any(|p| listed.contains(&canonical(p))) {
        config.files.clone()
    } else {
        if announce {
            eprintln!(
                "manulint: note: none of the given files is one of the files manulint.toml lists; nothing to check"
            );
        }
        Vec::new()
    }
}

/// The manuscript's files as read, standard input for `-`.
fn read_manuscript(
    files: &[PathBuf],
    stdin_name: Option<&str>,
) -> Result<Vec<crate::ManuscriptText>, String> {
    let mut texts = Vec::with_capacity(files.len());
    for file in files {
        if source::is_stdin(file) {
            let name = stdin_name.unwrap_or("<stdin>");
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            let text = crate::manuscript_text(name.to_string(), std::path::Path::new(name), bytes)
                .map_err(|e| e.to_string())?;
            texts.push(text);
        } else {
            texts.push(crate::read_manuscript_file(file).map_err(|e| e.to_string())?);
        }
    }
    Ok(texts)
}

/// Reads, parses and checks the manuscript. `announce` prints notes about the input (a file
/// given twice); a second run after fixing stays quiet.
fn run_checks(input: &InputArgs, announce: bool) -> Result<Run, String> {
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the working folder: {e}"))?;
    let config = Config::load(input.config.as_deref(), &cwd).map_err(|e| e.to_string())?;
    for selector in input.select.iter().chain(&input.ignore) {
        if rules::matching(selector).is_empty() {
            return Err(format!(
                "`{selector}` is not a rule, code or family; `manulint rules` lists them"
            ));
        }
    }
    let paths = if input.paths.is_empty() {
        if config.files.is_empty() {
            return Err(InputError::NoInput.to_string());
        }
        config.files.clone()
    } else if input.whole {
        whole_manuscript(&config, &input.paths, announce)
    } else {
        input.paths.clone()
    };
    if paths.iter().filter(|p| source::is_stdin(p)).count() > 1 {
        return Err("`-` (standard input) can be given only once".to_string());
    }
    let files = source::expand_paths(&paths).map_err(|e| e.to_string())?;
    let (files, repeats) = source::without_repeats(files);
    if announce {
        for (repeat, first) in &repeats {
            eprintln!(
                "manulint: note: `{}` is `{}` again; it is checked once",
                repeat.display(),
                first.display()
            );
        }
    }
    let texts = read_manuscript(&files, input.stdin_filename.as_deref())?;
    let bibliographies = if input.bibliography.is_empty() {
        &config.bibliography
    } else {
        &input.bibliography
    };
    let selection = Selection::resolve(&config, &input.select, &input.ignore);
    // The other cores have nothing to do while the manuscript is read and parsed: the thread
    // pool the check runs on starts now and builds the rule tables meanwhile.
    let mut families: Vec<rules::Family> = selection
        .rules
        .iter()
        .map(|(rule, _)| rule.family)
        .collect();
    families.sort_unstable();
    families.dedup();
    crate::parallel::start(move || families.into_iter().for_each(rules::Family::prepare_tables));
    let manuscript =
        crate::load_texts(texts, bibliographies, &config).map_err(|e| e.to_string())?;
    let indexes = crate::indexes::Indexes::build(&manuscript, &config);
    let diagnostics = crate::profile::phase("check", || {
        engine::check_with(&manuscript, &config, &selection, &indexes)
    });
    let reading = render::Reading::of(&manuscript, &indexes);
    // The process exits soon: freeing the indexes allocation by allocation costs about a
    // millisecond that the operating system spends on nothing.
    std::mem::forget(indexes);
    Ok(Run {
        manuscript,
        diagnostics,
        reading,
        rules_run: selection.rules.iter().map(|(rule, _)| rule.name).collect(),
    })
}

fn write_baseline(args: BaselineArgs) -> Result<i32, String> {
    let run = run_checks(&args.input, true)?;
    let baseline = Baseline::of(&run.manuscript, &run.diagnostics);
    baseline.save(&args.output)?;
    eprintln!(
        "manulint: wrote {} to {}",
        render::plural(baseline.len(), "known diagnostic", "known diagnostics"),
        args.output.display()
    );
    Ok(EXIT_OK)
}

fn check(args: CheckArgs) -> Result<i32, String> {
    // A missing or broken baseline is an error before any work: CI must not pass by accident.
    let baseline = args.baseline.as_deref().map(Baseline::load).transpose()?;
    if args.fix && args.input.paths.iter().any(|p| source::is_stdin(p)) {
        return Err(
            "--fix cannot write back to standard input; use --diff to see the fixes".to_string(),
        );
    }
    let mut run = run_checks(&args.input, true)?;
    if args.fix || args.diff {
        // The text checked is read from the document, not the file: no edit of it can be
        // written back.
        if let Some(word) = run.manuscript.sources.iter().find(|f| f.layout.is_some()) {
            return Err(format!(
                "{} cannot edit `{}`: manulint reads Word documents but does not write them; make the changes in Word (each diagnostic names its paragraph or note)",
                if args.fix { "--fix" } else { "--diff" },
                word.name
            ));
        }
        note_partial_manuscript(&args.input);
        let changed = apply_fixes(&run, args.diff, args.unsafe_fixes, args.force)?;
        if args.diff {
            return Ok(if changed > 0 { EXIT_FINDINGS } else { EXIT_OK });
        }
        if changed > 0 {
            run = run_checks(&args.input, false)?;
        }
    }
    let Run {
        manuscript,
        diagnostics,
        reading,
        rules_run,
    } = run;

    let (reported, baseline_line) = match (&baseline, &args.baseline) {
        (Some(baseline), Some(path)) => {
            let scope = crate::baseline::Scope {
                rules: rules_run.into_iter().collect(),
                files: manuscript
                    .sources
                    .iter()
                    .map(|f| crate::baseline::same_path(&f.name).to_string())
                    .collect(),
            };
            let comparison = baseline.compare(&diagnostics, &scope);
            let unchecked = match comparison.unchecked.len() {
                0 => String::new(),
                n => format!(
                    " {} of rules or files not checked in this run left as they are.",
                    render::plural(n, "baseline entry", "baseline entries")
                ),
            };
            let line = format!(
                "{} new, {} known (baselined), {} fixed since the baseline.{unchecked}",
                comparison.new.len(),
                comparison.known.len(),
                comparison.fixed
            );
            if args.update_baseline && comparison.fixed > 0 {
                Baseline::without_fixed(&comparison).save(path)?;
            }
            let mut new = comparison.new.iter().peekable();
            let reported: Vec<_> = diagnostics
                .into_iter()
                .enumerate()
                .filter(|(i, _)| new.next_if(|&&n| n == *i).is_some())
                .map(|(_, d)| d)
                .collect();
            (reported, Some(line))
        }
        _ => (diagnostics, None),
    };

    let written = if args.statistics {
        print_stdout(&statistics(&reported, args.unsafe_fixes)).map_err(std::io::Error::other)
    } else {
        crate::profile::phase("render", || {
            render_report(
                &args,
                &manuscript,
                &reported,
                &reading,
                baseline_line.as_deref(),
            )
        })
    };
    if let Err(error) = written {
        if error.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(format!("cannot write the report: {error}"));
        }
    }

    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failing = threshold.is_some_and(|t| reported.iter().any(|d| d.severity >= t));
    std::mem::forget(manuscript);
    Ok(if failing { EXIT_FINDINGS } else { EXIT_OK })
}

fn render_report(
    args: &CheckArgs,
    manuscript: &crate::model::Manuscript,
    diagnostics: &[crate::diagnostic::Diagnostic],
    reading: &render::Reading,
    baseline_line: Option<&str>,
) -> std::io::Result<()> {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Human => {
            let choice = match args.color {
                Color::Always => ColorChoice::Always,
                Color::Never => ColorChoice::Never,
                Color::Auto if std::io::IsTerminal::is_terminal(&std::io::stdout()) => {
                    ColorChoice::Auto
                }
                Color::Auto => ColorChoice::Never,
            };
            drop(stdout);
            // Buffered: stdout is line-buffered, and a report is many short lines.
            let mut stdout = BufferedStandardStream::stdout(choice);
            render::human::write(&mut stdout, manuscript, diagnostics, reading)?;
            if let Some(line) = baseline_line {
                writeln!(stdout, "{line}")?;
            }
            stdout.flush()
        }
        Format::Json | Format::Sarif => {
            if args.format == Format::Json {
                render::json::write(&mut stdout, manuscript, diagnostics, reading)?;
            } else {
                render::sarif::write(&mut stdout, manuscript, diagnostics)?;
            }
            stdout.flush()?;
            // The document on stdout stays one parseable JSON value.
            if let Some(line) = baseline_line {
                eprintln!("{line}");
            }
            Ok(())
        }
        Format::Github => {
            render::github::write(&mut stdout, manuscript, diagnostics)?;
            if let Some(line) = baseline_line {
                writeln!(stdout, "::notice title=manulint baseline::{line}")?;
            }
            stdout.flush()
        }
    }
}

/// Diagnostics per rule, most frequent first, as `--statistics` prints them.
fn statistics(diagnostics: &[crate::diagnostic::Diagnostic], unsafe_fixes: bool) -> String {
    let mut counts: Vec<(usize, &'static rules::Rule)> = Vec::new();
    for d in diagnostics {
        match counts.iter_mut().find(|(_, r)| r.code == d.rule.code) {
            Some((count, _)) => *count += 1,
            None => counts.push((1, d.rule)),
        }
    }
    counts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.code.cmp(b.1.code)));
    let fixable = |rule: &rules::Rule| {
        diagnostics.iter().any(|d| {
            d.rule.code == rule.code
                && d.fix
                    .as_ref()
                    .is_some_and(|f| f.is_applicable(unsafe_fixes))
        })
    };
    counts
        .iter()
        .map(|(count, rule)| {
            format!(
                "{count:>5}\t{}\t{}{}\n",
                rule.code,
                rule.name,
                if fixable(rule) { "\t[*]" } else { "" }
            )
        })
        .collect()
}

/// Applies (or with `diff_only` prints) the fixes of a run's diagnostics; returns how many
/// files changed.
fn apply_fixes(
    run: &Run,
    diff_only: bool,
    unsafe_fixes: bool,
    force: bool,
) -> Result<usize, String> {
    let mut changed_files = 0;
    let mut fixed = 0;
    let mut changes = Vec::new();
    for (id, file) in run.manuscript.sources.iter().enumerate() {
        if file.kind != crate::source::SourceKind::Manuscript {
            continue;
        }
        let id = crate::source::FileId(id as u32);
        let (text, applied) = crate::fix::apply(id, &file.text, &run.diagnostics, unsafe_fixes);
        if applied == 0 || text == file.text {
            continue;
        }
        // A read-only file stops the whole fix before anything is written: no half-fixed
        // manuscript.
        if !diff_only && !force {
            let path = std::path::Path::new(&file.name);
            if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
                return Err(format!(
                    "{}; nothing was fixed (--force writes read-only files)",
                    crate::safe_write::WriteError::ReadOnly(path.to_path_buf())
                ));
            }
        }
        changes.push((file, text, applied));
    }
    for (file, text, applied) in changes {
        changed_files += 1;
        fixed += applied;
        if diff_only {
            print_stdout(&crate::fix::unified_diff(&file.name, &file.text, &text))?;
            continue;
        }
        // The file as it is on disk now: its byte-order mark, if any, is kept, and a file
        // changed since it was read is not overwritten.
        let path = std::path::Path::new(&file.name);
        let on_disk = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", file.name))?;
        const BOM: &[u8] = "\u{feff}".as_bytes();
        let bom = if on_disk == file.text.as_bytes() {
            &[][..]
        } else if on_disk.strip_prefix(BOM) == Some(file.text.as_bytes()) {
            BOM
        } else {
            return Err(format!(
                "{} changed while manulint read it; nothing was fixed in it",
                file.name
            ));
        };
        match crate::safe_write::write(path, &[bom, text.as_bytes()].concat(), force) {
            Ok(crate::safe_write::Written::Replaced) => {}
            Ok(crate::safe_write::Written::InPlace(reason)) => {
                eprintln!(
                    "manulint: note: {} was rewritten in place: {reason}",
                    file.name
                );
            }
            Err(error) => return Err(error.to_string()),
        }
    }
    if !diff_only && fixed > 0 {
        eprintln!(
            "manulint: fixed {} in {}",
            render::plural(fixed, "problem", "problems"),
            render::plural(changed_files, "file", "files")
        );
    }
    let hidden = run
        .diagnostics
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| !f.is_applicable(unsafe_fixes))
        })
        .count();
    if hidden > 0 {
        let (count, they, them) = match hidden {
            1 => ("1 more fix".to_string(), "it", "it"),
            n => (format!("{n} more fixes"), "they", "them"),
        };
        eprintln!(
            "manulint: {count} can be applied with --unsafe-fixes ({they} may change meaning: \
             see {them} with --diff --unsafe-fixes)"
        );
    }
    Ok(changed_files)
}

fn print_stdout(text: &str) -> Result<(), String> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.to_string()),
        _ => Ok(()),
    }
}

fn rules_table() -> String {
    let mut out = String::new();
    for rule in rules::ALL {
        let severity = if rule.enabled_by_default {
            rule.default_severity.as_str()
        } else {
            "off"
        };
        out.push_str(&format!(
            "{:<6} {:<28} {:<10} {:<8} {}\n",
            rule.code,
            rule.name,
            rule.family.name(),
            severity,
            rule.summary()
        ));
    }
    out
}

/// The rule list as the README shows it.
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "| Code | Name | Family | Default | What it checks |\n|---|---|---|---|---|\n",
    );
    for rule in rules::ALL {
        let severity = if rule.enabled_by_default {
            rule.default_severity.as_str()
        } else {
            "off"
        };
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} |\n",
            rule.code,
            rule.name,
            rule.family.name(),
            severity,
            rule.summary()
        ));
    }
    out
}

fn rules_json() -> Result<String, String> {
    let list: Vec<serde_json::Value> = rules::ALL
        .iter()
        .map(|r| {
            serde_json::json!({
                "code": r.code,
                "name": r.name,
                "family": r.family.name(),
                "default_severity": r.default_severity.as_str(),
                "enabled_by_default": r.enabled_by_default,
                "summary": r.summary(),
                "documentation": r.documentation(),
            })
        })
        .collect();
    serde_json::to_string_pretty(&list)
        .map(|s| s + "\n")
        .map_err(|e| e.to_string())
}
