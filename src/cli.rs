//! The command line: `check`, `rules`, `explain`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{BufferedStandardStream, ColorChoice};

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

#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Manuscript files in reading order, or folders of Markdown files.
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Rules to run: names, codes, code prefixes or families (replaces the config's `select`).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Rules not to run: names, codes, code prefixes or families.
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    /// A config file to use instead of the nearest manulint.toml.
    #[arg(long)]
    config: Option<PathBuf>,
    /// A bibliography file (BibTeX/BibLaTeX .bib or CSL-JSON .json); may be repeated.
    /// Replaces the config's `bibliography`.
    #[arg(long)]
    bibliography: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
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
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("manulint: error: {message}");
            EXIT_UNUSABLE
        }
    }
}

fn run(cli: Cli) -> Result<i32, String> {
    match cli.command {
        Command::Check(args) => check(args),
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

fn check(args: CheckArgs) -> Result<i32, String> {
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the working folder: {e}"))?;
    let config = Config::load(args.config.as_deref(), &cwd).map_err(|e| e.to_string())?;
    for selector in args.select.iter().chain(&args.ignore) {
        if rules::matching(selector).is_empty() {
            return Err(format!(
                "`{selector}` is not a rule, code or family; `manulint rules` lists them"
            ));
        }
    }
    let paths = if args.paths.is_empty() {
        if config.files.is_empty() {
            return Err(InputError::NoInput.to_string());
        }
        config.files.clone()
    } else {
        args.paths.clone()
    };
    let files = source::expand_paths(&paths).map_err(|e| e.to_string())?;
    let bibliographies = if args.bibliography.is_empty() {
        &config.bibliography
    } else {
        &args.bibliography
    };
    let manuscript = crate::load_with_bibliographies(&files, bibliographies, &config)
        .map_err(|e| e.to_string())?;
    let selection = Selection::resolve(&config, &args.select, &args.ignore);
    let indexes = crate::index::Indexes::build(&manuscript, &config);
    let diagnostics = crate::profile::phase("check", || {
        engine::check_with(&manuscript, &config, &selection, &indexes)
    });

    let written = crate::profile::phase("render", || match args.format {
        Format::Human => {
            let choice = match args.color {
                Color::Always => ColorChoice::Always,
                Color::Never => ColorChoice::Never,
                Color::Auto if std::io::IsTerminal::is_terminal(&std::io::stdout()) => {
                    ColorChoice::Auto
                }
                Color::Auto => ColorChoice::Never,
            };
            // Buffered: stdout is line-buffered, and a report is many short lines.
            let mut stdout = BufferedStandardStream::stdout(choice);
            render::human::write(&mut stdout, &manuscript, &diagnostics)
                .and_then(|()| stdout.flush())
        }
        Format::Json => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            render::json::write(&mut stdout, &manuscript, &diagnostics)
                .and_then(|()| stdout.flush())
        }
        Format::Github => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            render::github::write(&mut stdout, &manuscript, &diagnostics)
                .and_then(|()| stdout.flush())
        }
    });
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
    let failing = threshold.is_some_and(|t| diagnostics.iter().any(|d| d.severity >= t));
    // The process exits next: freeing the model and indexes allocation by allocation costs
    // about a millisecond that the operating system spends on nothing.
    std::mem::forget(indexes);
    std::mem::forget(manuscript);
    Ok(if failing { EXIT_FINDINGS } else { EXIT_OK })
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
