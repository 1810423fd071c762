//! Configuration: the embedded defaults (rules/*.toml) overlaid with the project's
//! `manulint.toml`, found upward from the working directory or named with `--config`.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::rules;

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
    #[serde(default)]
    rules: BTreeMap<String, RawRuleSetting>,
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
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawManuscript {
    bibliography_headings: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawRuleSetting {
    Level(String),
    Table(toml::Table),
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
    /// Per-rule levels, keyed by rule name.
    pub levels: BTreeMap<&'static str, Level>,
    pub options: BTreeMap<&'static str, RuleOptions>,
}

#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
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
                message: format!("cannot read the config file: {e}"),
            })?;
            config.overlay(&path, &text)?;
        }
        Ok(config)
    }

    fn overlay(&mut self, path: &Path, text: &str) -> Result<(), ConfigError> {
        let error = |message: String| ConfigError {
            path: path.to_path_buf(),
            message,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| error(e.message().to_string()))?;
        let base = path.parent().unwrap_or(Path::new("."));
        self.path = Some(path.to_path_buf());
        self.files = raw.files.iter().map(|f| base.join(f)).collect();
        self.bibliography = raw.bibliography.iter().map(|f| base.join(f)).collect();
        for selector in raw.select.iter().chain(&raw.ignore) {
            if rules::matching(selector).is_empty() {
                return Err(error(format!("`{selector}` is not a rule, code or family")));
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
                return Err(error(format!(
                    "[names] system = \"{system}\": use one of {}",
                    table.all_names().join(", ")
                )));
            }
            self.names_system = Some(system);
        }
        if let Some(books) = raw.citations.scripture_books {
            self.scripture_books = books;
        }
        if let Some(authors) = raw.citations.classical_authors {
            self.classical_authors = authors;
        }
        for (name, setting) in raw.rules {
            let rule = rules::lookup(&name).ok_or_else(|| {
                error(format!(
                    "[rules] names `{name}`, which is not a rule (see `manulint rules`)"
                ))
            })?;
            let (level, table) = match setting {
                RawRuleSetting::Level(level) => (Some(level), toml::Table::new()),
                RawRuleSetting::Table(mut table) => {
                    let level = match table.remove("severity") {
                        Some(toml::Value::String(level)) => Some(level),
                        Some(other) => {
                            return Err(error(format!(
                                "[rules.{name}] severity must be a string, not {other}"
                            )));
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
                        return Err(error(format!(
                            "[rules.{name}] has no option `{unknown}`; {known}"
                        )));
                    }
                    if let Some(message) = bad_choice(rule.name, &table) {
                        return Err(error(message));
                    }
                    (level, table)
                }
            };
            if let Some(level) = level {
                let parsed = Level::parse(&level).ok_or_else(|| {
                    error(format!(
                        "[rules] {name} = \"{level}\": use \"error\", \"warning\", \"info\" or \"off\""
                    ))
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

/// The error for an option of `OPTION_CHOICES` set to another value, if any.
fn bad_choice(rule: &str, table: &toml::Table) -> Option<String> {
    OPTION_CHOICES
        .iter()
        .filter(|(r, _, _)| *r == rule)
        .find_map(|(_, key, choices)| {
            let value = table.get(*key)?;
            if value.as_str().is_some_and(|v| choices.contains(&v)) {
                return None;
            }
            Some(format!(
                "[rules.{rule}] {key} = {value}: use \"{}\"",
                choices.join("\", \"")
            ))
        })
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
