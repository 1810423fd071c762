//! Configuration: the embedded defaults (rules/*.toml) overlaid with the project's
//! `manulint.toml`, found upward from the working directory or named with `--config`.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::rules;

mod locate;

/// The embedded defaults, so manulint works with no config at all.
const DEFAULTS: &[&str] = &[
    include_str!("../rules/manuscript.toml"),
    include_str!("../rules/citations.toml"),
];

pub const CONFIG_FILE_NAMES: &[&str] = &["manulint.toml", ".manulint.toml"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    files: Vec<PathBuf>,
    #[serde(default)]
    bibliography: Vec<PathBuf>,
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    manuscript: RawManuscript,
    #[serde(default)]
    citations: RawCitations,
    #[serde(default)]
    names: RawNames,
    /// Read by hand, not by serde: a wrong value must be named by its key, not by the
    /// type that failed to match it.
    #[serde(default)]
    rules: BTreeMap<String, toml::Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawNames {
    accept: Option<Vec<Vec<String>>>,
    system: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawCitations {
    scripture_books: Option<Vec<String>>,
    classical_authors: Option<Vec<String>>,
    style: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawManuscript {
    bibliography_headings: Option<Vec<String>>,
}

/// A rule's level as configured: a severity, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    fn parse(text: &str) -> Option<Level> {
        if text.eq_ignore_ascii_case("off") {
            Some(Level::Off)
        } else {
            Severity::parse(text).map(Level::On)
        }
    }
}

/// A rule's own options from its `[rules.<name>]` table.
#[derive(Clone, Debug, Default)]
pub struct RuleOptions {
    pub table: toml::Table,
}

impl RuleOptions {
    /// A boolean option (`each-file-entry = true`), false when not set.
    pub fn flag(&self, key: &str) -> bool {
        self.table
            .get(key)
            .and_then(toml::Value::as_bool)
            .unwrap_or(false)
    }
}

#[derive(Clone, Debug)]
pub struct Config {
    /// Where the config file was found; `files` are relative to its folder.
    pub path: Option<PathBuf>,
    pub files: Vec<PathBuf>,
    /// Bibliography databases (BibTeX, BibLaTeX, CSL-JSON) relative to the config's folder.
    pub bibliography: Vec<PathBuf>,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub bibliography_headings: Vec<String>,
    /// Abbreviations of books of scripture, cited as `Matt. 28:19`.
    pub scripture_books: Vec<String>,
    /// Authors of antiquity and the Middle Ages whose works are cited in notes only
    /// (Chicago 14.242: classical works are rarely listed in a bibliography).
    pub classical_authors: Vec<String>,
    /// Spellings of one name the author accepts side by side (`[names] accept`).
    pub names_accept: Vec<Vec<String>>,
    /// The romanization system declared with `[names] system` (else inferred).
    pub names_system: Option<String>,
    /// The citation style declared with `[citations] style` (else detected).
    pub citation_style: Option<crate::indexes::citations::style::CitationStyle>,
    /// Per-rule levels, keyed by rule name.
    pub levels: BTreeMap<&'static str, Level>,
    pub options: BTreeMap<&'static str, RuleOptions>,
}

#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    /// The line the problem is on, when it is on one.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{} line {line}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// Keys of the top level, which a table header above them would capture.
const TOP_LEVEL_KEYS: &[&str] = &["files", "bibliography", "select", "ignore"];

/// Explains a serde/toml error in the author's terms: the line, the key, and for a top-level
/// key written under a table, where it belongs.
fn syntax_error(text: &str, error: &toml::de::Error) -> (Option<usize>, String) {
    let line = error.span().map(|span| locate::line_at(text, span.start));
    let message = error.message().trim().to_string();
    let at = error
        .span()
        .and_then(|span| text.get(span))
        .map(str::trim)
        .filter(|t| !t.is_empty() && !t.contains('\n'));
    let message = if message == "duplicate key" {
        match at {
            Some(key) => format!("duplicate key `{key}`: each key is given once"),
            None => message,
        }
    } else if let Some(field) = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
    {
        if TOP_LEVEL_KEYS.contains(&field) {
            format!(
                "`{field}` is a top-level key, but here it is under a [table]: move it above the first [table] header"
            )
        } else {
            // serde lists what the table takes: `expected one of `a`, `b``.
            let expected: Vec<&str> = message
                .split_once("expected")
                .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
                .unwrap_or_default();
            let meant = locate::did_you_mean(field, expected.iter().copied())
                .map(|m| format!("; did you mean `{m}`?"))
                .unwrap_or_default();
            format!(
                "unknown key `{field}`{meant} (it takes `{}`)",
                expected.join("`, `")
            )
        }
    } else {
        message
    };
    (line, message)
}

impl std::error::Error for ConfigError {}

impl Config {
    /// The built-in configuration.
    pub fn defaults() -> Config {
        // The embedded files are checked by a unit test; an empty default keeps the tool usable.
        let raws: Vec<RawConfig> = DEFAULTS
            .iter()
            .map(|text| toml::from_str(text).unwrap_or_default())
            .collect();
        Config {
            path: None,
            files: Vec::new(),
            bibliography: Vec::new(),
            select: Vec::new(),
            ignore: Vec::new(),
            bibliography_headings: raws
                .iter()
                .find_map(|r| r.manuscript.bibliography_headings.clone())
                .unwrap_or_default(),
            scripture_books: raws
                .iter()
                .find_map(|r| r.citations.scripture_books.clone())
                .unwrap_or_default(),
            classical_authors: raws
                .iter()
                .find_map(|r| r.citations.classical_authors.clone())
                .unwrap_or_default(),
            names_accept: Vec::new(),
            names_system: None,
            citation_style: None,
            levels: BTreeMap::new(),
            options: BTreeMap::new(),
        }
    }

    /// Loads the config named, or the nearest `manulint.toml` above `start`, or the defaults.
    pub fn load(explicit: Option<&Path>, start: &Path) -> Result<Config, ConfigError> {
        let path = match explicit {
            Some(path) => Some(path.to_path_buf()),
            None => find_upward(start),
        };
        let mut config = Config::defaults();
        if let Some(path) = path {
            let text = std::fs::read_to_string(&path).map_err(|e| ConfigError {
                path: path.clone(),
                line: None,
                message: format!("cannot read the config file: {e}"),
            })?;
            config.overlay(&path, &text)?;
        }
        Ok(config)
    }

    /// The built-in configuration overlaid by a config file's text, as if read from `path`
    /// (which is not opened; `files` are relative to its folder): for text an editor holds,
    /// tests and the fuzz targets.
    pub fn from_text(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let mut config = Config::defaults();
        config.overlay(path, text)?;
        Ok(config)
    }

    fn overlay(&mut self, path: &Path, text: &str) -> Result<(), ConfigError> {
        let error_at = |keys: &[&str], message: String| ConfigError {
            path: path.to_path_buf(),
            line: locate::line_of(text, keys),
            message,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let (line, message) = syntax_error(text, &e);
            ConfigError {
                path: path.to_path_buf(),
                line,
                message,
            }
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        self.path = Some(path.to_path_buf());
        self.files = raw.files.iter().map(|f| base.join(f)).collect();
        self.bibliography = raw.bibliography.iter().map(|f| base.join(f)).collect();
        for selector in raw.select.iter().chain(&raw.ignore) {
            if rules::matching(selector).is_empty() {
                let key = if raw.select.contains(selector) {
                    "select"
                } else {
                    "ignore"
                };
                return Err(error_at(
                    &[key],
                    format!(
                        "`{selector}` is not a rule, code or family{}",
                        suggestion(selector)
                    ),
                ));
            }
        }
        self.select = raw.select;
        self.ignore = raw.ignore;
        if let Some(headings) = raw.manuscript.bibliography_headings {
            self.bibliography_headings = headings;
        }
        if let Some(accept) = raw.names.accept {
            self.names_accept = accept;
        }
        if let Some(system) = raw.names.system {
            let table = crate::rules::names::romanization::Table::get();
            if table.lookup(&system).is_none() {
                return Err(error_at(
                    &["names", "system"],
                    format!(
                        "[names] system = \"{system}\": use one of {}",
                        table.all_names().join(", ")
                    ),
                ));
            }
            self.names_system = Some(system);
        }
        if let Some(books) = raw.citations.scripture_books {
            self.scripture_books = books;
        }
        if let Some(authors) = raw.citations.classical_authors {
            self.classical_authors = authors;
        }
        if let Some(style) = raw.citations.style {
            use crate::indexes::citations::style::CitationStyle;
            if style != "auto" {
                let Some(known) = CitationStyle::from_name(&style) else {
                    return Err(error_at(
                        &["citations", "style"],
                        format!(
                            "[citations] style = \"{style}\": use one of auto, {}",
                            CitationStyle::NAMES.join(", ")
                        ),
                    ));
                };
                self.citation_style = Some(known);
            }
        }
        for (name, setting) in raw.rules {
            let rule = rules::lookup(&name).ok_or_else(|| {
                error_at(
                    &["rules", &name],
                    format!(
                        "[rules] names `{name}`, which is not a rule (see `manulint rules`){}",
                        suggestion(&name)
                    ),
                )
            })?;
            let (level, table) = match setting {
                toml::Value::String(level) => (Some(level), toml::Table::new()),
                toml::Value::Table(mut table) => {
                    let level = match table.remove("severity") {
                        Some(toml::Value::String(level)) => Some(level),
                        Some(other) => {
                            return Err(error_at(
                                &["rules", &name, "severity"],
                                format!("[rules.{name}] severity must be a string, not {other}"),
                            ));
                        }
                        None => None,
                    };
                    if let Some(unknown) =
                        table.keys().find(|k| !rule.options.contains(&k.as_str()))
                    {
                        let known = if rule.options.is_empty() {
                            "it takes only `severity`".to_string()
                        } else {
                            format!("it takes `severity`, `{}`", rule.options.join("`, `"))
                        };
                        return Err(error_at(
                            &["rules", &name, unknown],
                            format!("[rules.{name}] has no option `{unknown}`; {known}"),
                        ));
                    }
                    if let Some((key, message)) = bad_option(rule.name, &name, &table) {
                        return Err(error_at(&["rules", &name, key], message));
                    }
                    (level, table)
                }
                other => {
                    return Err(error_at(
                        &["rules", &name],
                        format!(
                            "[rules] {name} = {other}: give a severity (\"error\", \"warning\", \"info\", \"off\") or a table of options"
                        ),
                    ));
                }
            };
            if let Some(level) = level {
                let parsed = Level::parse(&level).ok_or_else(|| {
                    error_at(
                        &["rules", &name],
                        format!(
                            "[rules] {name} = \"{level}\": use \"error\", \"warning\", \"info\" or \"off\""
                        ),
                    )
                })?;
                self.levels.insert(rule.name, parsed);
            }
            self.options.insert(rule.name, RuleOptions { table });
        }
        Ok(())
    }
}

/// Rule options that take one of a few words (a house style): rule, option, the words.
const OPTION_CHOICES: &[(&str, &str, &[&str])] = &[
    (
        "range-dash",
        "dash",
        rules::typography::range_dash::DASH_OPTION_VALUES,
    ),
    (
        "date-format",
        "style",
        rules::typography::date_format::STYLE_OPTION_VALUES,
    ),
    (
        "number-format",
        "percent",
        rules::numbers::number_format::PERCENT_OPTION_VALUES,
    ),
    (
        "quote-style",
        "marks",
        rules::typography::quote_style::MARKS_OPTION_VALUES,
    ),
    (
        "ibid-style",
        "form",
        rules::citations::ibid_style::FORM_OPTION_VALUES,
    ),
    (
        "number-format",
        "thousands",
        rules::numbers::number_format::THOUSANDS_OPTION_VALUES,
    ),
];

/// Rule options that are not words of a house style, and what they take.
const OPTION_KINDS: &[(&str, &str, OptionKind)] = &[
    (
        "uncited-bibliography-entry",
        "each-file-entry",
        OptionKind::Bool,
    ),
    ("short-form-before-full", "per-chapter", OptionKind::Bool),
    ("footnote-sequence", "markdown-labels", OptionKind::Bool),
    ("missing-bibliography-entry", "exempt", OptionKind::Words),
];

#[derive(Clone, Copy)]
enum OptionKind {
    /// `true` or `false`.
    Bool,
    /// A list of strings.
    Words,
}

/// The first option of a rule's table with a value it cannot take, and the error; `written`
/// is the rule's name as the config writes it.
fn bad_option<'t>(rule: &str, written: &str, table: &'t toml::Table) -> Option<(&'t str, String)> {
    table.iter().find_map(|(key, value)| {
        let choices = OPTION_CHOICES
            .iter()
            .find(|(r, k, _)| *r == rule && k == key)
            .map(|(_, _, choices)| *choices);
        let kind = OPTION_KINDS
            .iter()
            .find(|(r, k, _)| *r == rule && k == key)
            .map(|(_, _, kind)| *kind);
        let wanted = match (choices, kind) {
            (Some(choices), _) => {
                if value.as_str().is_some_and(|v| choices.contains(&v)) {
                    return None;
                }
                format!("use \"{}\"", choices.join("\", \""))
            }
            (None, Some(OptionKind::Bool)) => {
                if value.is_bool() {
                    return None;
                }
                "use true or false".to_string()
            }
            (None, Some(OptionKind::Words)) => {
                if value
                    .as_array()
                    .is_some_and(|items| items.iter().all(toml::Value::is_str))
                {
                    return None;
                }
                "give a list of strings, such as [\"scripture\"]".to_string()
            }
            (None, None) => return None,
        };
        Some((
            key.as_str(),
            format!("[rules.{written}] {key} = {value}: {wanted}"),
        ))
    })
}

/// `; did you mean `footnote-sequence`?` for a mistyped rule name, or nothing.
fn suggestion(name: &str) -> String {
    let names = rules::ALL.iter().map(|r| r.name);
    locate::did_you_mean(name, names)
        .map(|meant| format!("; did you mean `{meant}`?"))
        .unwrap_or_default()
}

fn find_upward(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(current) = dir {
        for name in CONFIG_FILE_NAMES {
            let candidate = current.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        dir = current.parent();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_defaults_parse() {
        for text in DEFAULTS {
            let _: RawConfig = toml::from_str(text).expect("rules/*.toml parses");
        }
        let config = Config::defaults();
        assert!(
            config
                .bibliography_headings
                .iter()
                .any(|x| x == "Bibliography")
        );
        assert!(config.scripture_books.iter().any(|x| x == "Matt"));
    }

    #[test]
    fn rule_levels_and_unknown_rules() {
        let mut config = Config::defaults();
        config
            .overlay(
                Path::new("m/manulint.toml"),
                "files = [\"a.md\"]\n[rules]\nfootnote-sequence = \"off\"\nFN005 = { severity = \"error\" }\n",
            )
            .expect("valid config");
        assert_eq!(config.levels.get("footnote-sequence"), Some(&Level::Off));
        assert_eq!(
            config.levels.get("footnote-empty"),
            Some(&Level::On(Severity::Error))
        );
        assert_eq!(config.files, vec![PathBuf::from("m/a.md")]);

        let err = Config::defaults()
            .overlay(
                Path::new("manulint.toml"),
                "[rules]\nno-such-rule = \"off\"\n",
            )
            .unwrap_err();
        assert!(err.to_string().contains("no-such-rule"), "{err}");
    }

    #[test]
    fn rule_options_are_checked() {
        let err = Config::defaults()
            .overlay(
                Path::new("manulint.toml"),
                "[rules.short-form-before-full]\nper-chaptre = true\n",
            )
            .unwrap_err();
        assert!(err.to_string().contains("no option `per-chaptre`"), "{err}");
        let mut config = Config::defaults();
        config
            .overlay(
                Path::new("manulint.toml"),
                "[rules.short-form-before-full]\nper-chapter = true\n",
            )
            .expect("a declared option is accepted");
    }

    #[test]
    fn every_rule_option_has_a_kind_or_choices() {
        for rule in rules::ALL {
            for option in rule.options {
                let typed = OPTION_KINDS
                    .iter()
                    .any(|(r, k, _)| *r == rule.name && k == option)
                    || OPTION_CHOICES
                        .iter()
                        .any(|(r, k, _)| *r == rule.name && k == option);
                assert!(
                    typed,
                    "[rules.{}] {option} has no kind: add it to OPTION_KINDS",
                    rule.name
                );
            }
        }
    }

    fn overlay_error(text: &str) -> String {
        match Config::defaults().overlay(Path::new("manulint.toml"), text) {
            Ok(_) => panic!("{text:?} should be refused"),
            Err(error) => error.to_string(),
        }
    }

    #[test]
    fn errors_name_the_line_and_the_key_in_the_authors_terms() {
        assert_eq!(
            overlay_error("[rules]\nshort-form-before-full = { per-chapter = \"yes\" }\n"),
            "manulint.toml line 2: [rules.short-form-before-full] per-chapter = \"yes\": use true or false"
        );
        assert_eq!(
            overlay_error(
                "# house rules\n[rules.missing-bibliography-entry]\nexempt = \"scripture\"\n"
            ),
            "manulint.toml line 3: [rules.missing-bibliography-entry] exempt = \"scripture\": give a list of strings, such as [\"scripture\"]"
        );
        let wrong_type = overlay_error("[rules]\ndoubled-word = 3\n");
        assert!(
            wrong_type
                .starts_with("manulint.toml line 2: [rules] doubled-word = 3: give a severity"),
            "{wrong_type}"
        );
        assert!(!wrong_type.contains("RawRuleSetting"));
        assert_eq!(
            overlay_error("[rules]\ndoubled-wrd = \"off\"\n"),
            "manulint.toml line 2: [rules] names `doubled-wrd`, which is not a rule (see `manulint rules`); did you mean `doubled-word`?"
        );
        let duplicate = overlay_error("[rules]\ndoubled-word = \"off\"\ndoubled-word = \"info\"\n");
        assert!(
            duplicate.starts_with("manulint.toml line 3: duplicate key `doubled-word`"),
            "{duplicate}"
        );
        let misplaced =
            overlay_error("[rules]\ndoubled-word = \"off\"\n[manuscript]\nfiles = [\"a.md\"]\n");
        assert!(
            misplaced.contains("line 4") && misplaced.contains("top-level key"),
            "{misplaced}"
        );
    }

    #[test]
    fn house_styles_take_one_of_their_words() {
        let mut config = Config::defaults();
        config
            .overlay(
                Path::new("manulint.toml"),
                "[rules.range-dash]\ndash = \"en-dash\"\n[rules.number-format]\npercent = \"%\"\n",
            )
            .expect("declared styles are accepted");
        let err = Config::defaults()
            .overlay(
                Path::new("manulint.toml"),
                "[rules.date-format]\nstyle = \"british\"\n",
            )
            .unwrap_err();
        assert!(err.to_string().contains("use \"day-month-year\""), "{err}");
    }
}
