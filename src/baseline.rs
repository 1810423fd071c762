//! The baseline: the diagnostics a manuscript already had when the author adopted manulint,
//! so that CI fails only on new ones.
//!
//! A diagnostic is known when the baseline holds an entry with its rule and fingerprint. The
//! fingerprint (see `engine::assign_fingerprints`) hashes the rule code, the flagged text and
//! the text of its paragraph or note with note numbers removed and white space collapsed,
//! and its rank among identical findings. It holds no file name, line or note number: text
//! inserted above, rewrapped lines, renumbered notes and renamed chapter files leave it
//! unchanged. Editing the paragraph itself makes the diagnostic new, which is intended: the
//! edit may have been the fix, or a new slip.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::model::Manuscript;

pub const DEFAULT_PATH: &str = ".manulint-baseline.json";
const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    /// Sorted by rule, then fingerprint: regenerating after edits elsewhere changes nothing.
    diagnostics: Vec<Entry>,
}

/// One known diagnostic. File and message are for the reader of the file; matching uses the
/// rule and fingerprint only.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub rule: String,
    pub fingerprint: String,
    pub file: String,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Baseline {
    entries: Vec<Entry>,
}

/// The diagnostics of a run against a baseline.
pub struct Comparison {
    /// Indexes of the diagnostics the baseline does not hold.
    pub new: Vec<usize>,
    /// Baseline entries a current diagnostic matches.
    pub known: Vec<Entry>,
    /// Baseline entries no current diagnostic matches, of rules and files this run checked:
    /// fixed since.
    pub fixed: usize,
    /// Entries of rules or files this run did not check: neither known nor fixed, kept.
    pub unchecked: Vec<Entry>,
}

/// What a run checked: a narrower run (`--select`, fewer files) says nothing of the rest.
pub struct Scope {
    pub rules: std::collections::HashSet<&'static str>,
    pub files: std::collections::HashSet<String>,
}

impl Scope {
    /// Whether an entry no diagnostic matched was checked and is gone: its file was read (or
    /// no longer exists: renamed or removed). An entry of a file still there but not given
    /// to this run is left alone.
    fn checked_file(&self, entry: &Entry) -> bool {
        self.files.contains(same_path(&entry.file)) || !Path::new(&entry.file).exists()
    }
}

/// `./ch1.md` and `ch1.md` name one file.
pub fn same_path(path: &str) -> &str {
    let mut path = path;
    while let Some(rest) = path.strip_prefix("./") {
        path = rest;
    }
    path
}

impl Baseline {
    pub fn of(ms: &Manuscript, diagnostics: &[Diagnostic]) -> Baseline {
        let mut entries: Vec<Entry> = diagnostics
            .iter()
            .map(|d| Entry {
                rule: d.rule.name.to_string(),
                fingerprint: d.fingerprint.clone(),
                file: ms.sources.get(d.span.file).name.clone(),
                message: d.message.clone(),
            })
            .collect();
        entries.sort();
        Baseline { entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the baseline {}: {e}", path.display()))?;
        let file: BaselineFile = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{} is not a manulint baseline: {e}; `manulint baseline` writes one",
                path.display()
            )
        })?;
        if file.version != VERSION {
            return Err(format!(
                "{} is a version {} baseline; this manulint reads version {VERSION}",
                path.display(),
                file.version
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for entry in &file.diagnostics {
            if crate::rules::lookup(&entry.rule).is_none() {
                return Err(format!(
                    "{}: entry for `{}`, which is not a rule; regenerate it with `manulint baseline`",
                    path.display(),
                    entry.rule
                ));
            }
            let well_formed = entry.fingerprint.len() == 16
                && entry.fingerprint.bytes().all(|b| b.is_ascii_hexdigit());
            if !well_formed {
                return Err(format!(
                    "{}: `{}` is not a fingerprint manulint writes; regenerate it with `manulint baseline`",
                    path.display(),
                    entry.fingerprint
                ));
            }
            if !seen.insert((entry.rule.as_str(), entry.fingerprint.as_str())) {
                return Err(format!(
                    "{}: the entry {} {} is listed twice, and would hide a second finding; regenerate it with `manulint baseline`",
                    path.display(),
                    entry.rule,
                    entry.fingerprint
                ));
            }
        }
        Ok(Baseline {
            entries: file.diagnostics,
        })
    }

    /// Writes the baseline through a temporary file renamed over the target, so an
    /// interrupted run never leaves half a baseline.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let mut entries = self.entries.clone();
        entries.sort();
        let file = BaselineFile {
            version: VERSION,
            diagnostics: entries,
        };
        let mut text = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())?;
        text.push('\n');
        crate::safe_write::write(path, text.as_bytes(), false)
            .map(|_| ())
            .map_err(|e| format!("the baseline was not written: {e}"))
    }

    /// Matches each diagnostic to an unused entry with its rule and fingerprint. Entries of
    /// rules or files outside `scope` are set aside, unchanged.
    pub fn compare(&self, diagnostics: &[Diagnostic], scope: &Scope) -> Comparison {
        let mut unused: HashMap<(&str, &str), Vec<&Entry>> = HashMap::new();
        let mut unchecked = Vec::new();
        for entry in &self.entries {
            if !scope.rules.contains(entry.rule.as_str()) {
                unchecked.push(entry.clone());
                continue;
            }
            // Matched whatever file it names: a renamed chapter keeps its entries.
            unused
                .entry((entry.rule.as_str(), entry.fingerprint.as_str()))
                .or_default()
                .push(entry);
        }
        let mut new = Vec::new();
        let mut known = Vec::new();
        for (index, d) in diagnostics.iter().enumerate() {
            match unused
                .get_mut(&(d.rule.name, d.fingerprint.as_str()))
                .and_then(Vec::pop)
            {
                Some(entry) => known.push(entry.clone()),
                None => new.push(index),
            }
        }
        let mut fixed = 0;
        for entry in unused.into_values().flatten() {
            if scope.checked_file(entry) {
                fixed += 1;
            } else {
                unchecked.push(entry.clone());
            }
        }
        unchecked.sort();
        Comparison {
            new,
            known,
            fixed,
            unchecked,
        }
    }

    /// The baseline without the entries fixed since: what `--update-baseline` writes. New
    /// diagnostics are not added (`manulint baseline` does that on purpose), and entries this
    /// run did not check stay.
    pub fn without_fixed(comparison: &Comparison) -> Baseline {
        Baseline {
            entries: comparison
                .known
                .iter()
                .chain(&comparison.unchecked)
                .cloned()
                .collect(),
        }
    }
}
