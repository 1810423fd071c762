//! Runs the selected rules over a parsed manuscript and turns their findings into diagnostics:
//! severity from the config, inline suppressions, note labels, fingerprints, stable order.

use crate::config::{Config, Level};
use crate::diagnostic::{Diagnostic, Finding, Severity};
use crate::indexes::Indexes;
use crate::model::{DirectiveAction, Manuscript};
use crate::rules::{self, Context, Rule};
use crate::source::{FileId, Span};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::indexes::SharedIndex;

/// A unit of work in a check: build a shared index, or run one rule.
enum Task {
    Index(SharedIndex),
    Rule(&'static Rule, Severity),
}

/// The rules to run, each with the severity it reports at.
#[derive(Clone, Debug)]
pub struct Selection {
    pub rules: Vec<(&'static Rule, Severity)>,
}

impl Selection {
    /// Config `select`/`ignore` and levels, then the command line's `--select`/`--ignore`
    /// (which replace the config's `select` and add to its `ignore`).
    pub fn resolve(config: &Config, select: &[String], ignore: &[String]) -> Selection {
        let selectors = if select.is_empty() {
            &config.select
        } else {
            select
        };
        let mut chosen: Vec<&'static Rule> = if selectors.is_empty() {
            rules::ALL
                .iter()
                .copied()
                .filter(|r| {
                    r.enabled_by_default || matches!(config.levels.get(r.name), Some(Level::On(_)))
                })
                .collect()
        } else {
            let mut picked: Vec<&'static Rule> =
                selectors.iter().flat_map(|s| rules::matching(s)).collect();
            picked.sort_by_key(|r| r.code);
            picked.dedup_by_key(|r| r.code);
            picked
        };
        let ignored: Vec<&'static Rule> = config
            .ignore
            .iter()
            .chain(ignore)
            .flat_map(|s| rules::matching(s))
            .collect();
        chosen.retain(|r| !ignored.iter().any(|i| i.code == r.code));
        let rules = chosen
            .into_iter()
            .filter_map(|rule| match config.levels.get(rule.name) {
                Some(Level::Off) => None,
                Some(Level::On(severity)) => Some((rule, *severity)),
                None => Some((rule, rule.default_severity)),
            })
            .collect();
        Selection { rules }
    }
}

pub fn check(ms: &Manuscript, config: &Config, selection: &Selection) -> Vec<Diagnostic> {
    check_with(ms, config, selection, &Indexes::build(ms, config))
}

/// `check` with indexes the caller owns (and may choose never to free).
pub fn check_with(
    ms: &Manuscript,
    config: &Config,
    selection: &Selection,
    indexes: &Indexes<'_>,
) -> Vec<Diagnostic> {
    let suppressions = Suppressions::build(ms);
    let families: Vec<rules::Family> = selection.rules.iter().map(|(r, _)| r.family).collect();
    // One queue of work for both cores: the shared indexes first (the costliest), then the
    // rules that need no index, then the rest, heaviest families first. A rule whose index
    // another thread is still building waits for it in `OnceLock`.
    let mut tasks: Vec<Task> = indexes
        .needed(&families)
        .into_iter()
        .map(Task::Index)
        .collect();
    let mut ordered = selection.rules.clone();
    ordered.sort_by_key(|(rule, _)| {
        (
            !rule.family.indexes().is_empty(),
            std::cmp::Reverse(rule.family.relative_cost()),
        )
    });
    tasks.extend(
        ordered
            .into_iter()
            .map(|(rule, severity)| Task::Rule(rule, severity)),
    );
    let next = AtomicUsize::new(0);
    let work = || -> Vec<Diagnostic> {
        let default_options = crate::config::RuleOptions::default();
        let mut diagnostics = Vec::new();
        let mut findings = Vec::new();
        let mut contexts = BlockContexts::default();
        while let Some(task) = tasks.get(next.fetch_add(1, Ordering::Relaxed)) {
            let (rule, severity) = match *task {
                Task::Index(which) => {
                    indexes.build_index(which);
                    continue;
                }
                Task::Rule(rule, severity) => (rule, severity),
            };
            let cx = Context {
                manuscript: ms,
                config,
                indexes,
                options: config.options.get(rule.name).unwrap_or(&default_options),
            };
            findings.clear();
            crate::crash::at_work("rule", rule.name, || {
                crate::crash::panic_if_asked(rule.name);
                crate::profile::phase(rule.name, || (rule.check)(&cx, &mut findings));
            });
            for finding in findings.drain(..) {
                if !suppressions.suppresses(rule, &finding) {
                    diagnostics.push(to_diagnostic(ms, rule, severity, finding, &mut contexts));
                }
            }
        }
        diagnostics
    };
    // A rule that panics (a bug) ends the run on whichever core it ran: see `crate::crash`.
    let (mut diagnostics, mut others) = crate::parallel::both(work, work);
    diagnostics.append(&mut others);
    diagnostics.sort_by(|a, b| {
        (a.span.file, a.span.start, a.span.end, a.rule.code).cmp(&(
            b.span.file,
            b.span.start,
            b.span.end,
            b.rule.code,
        ))
    });
    assign_fingerprints(&mut diagnostics);
    diagnostics
}

fn to_diagnostic(
    ms: &Manuscript,
    rule: &'static Rule,
    severity: Severity,
    finding: Finding,
    contexts: &mut BlockContexts,
) -> Diagnostic {
    let note = finding
        .note
        .or_else(|| ms.note_at(finding.span))
        .and_then(|id| ms.notes.get(id as usize))
        .map(|n| n.label.clone());
    // A rule's own identity (a name pair, a file's quotation style) says what the finding is;
    // the paragraph it is anchored in says where, so the same slip made again elsewhere
    // after the old one was fixed is new, not hidden by the old baseline entry.
    let identity = match &finding.identity {
        Some(identity) => format!(
            "{}\u{0}{:016x}",
            normalize(identity),
            block_context(ms, finding.span, contexts)
        ),
        None => default_identity(ms, &finding, contexts),
    };
    Diagnostic {
        rule,
        severity: finding
            .severity_cap
            .map_or(severity, |cap| cap.min(severity)),
        span: finding.span,
        message: finding.message,
        related: finding.related,
        fix: finding.fix,
        note,
        // Provisional: the identity hash; made unique among equals in `assign_fingerprints`.
        fingerprint: format!(
            "{:016x}",
            fnv1a(&[rule.code.as_bytes(), identity.as_bytes()])
        ),
    }
}

/// The hash of the normalized text of each block diagnostics were found in, kept while a
/// thread converts findings: many findings share a paragraph, and a paragraph is long.
pub type BlockContexts = rustc_hash::FxHashMap<usize, u64>;

/// The flagged text and the text of the block it sits in, note numbers removed and white
/// space normalized: what stays the same when text above moves or notes are renumbered.
fn default_identity(ms: &Manuscript, finding: &Finding, contexts: &mut BlockContexts) -> String {
    let flagged = strip_note_markers(ms.text(finding.span));
    let context = block_context(ms, finding.span, contexts);
    format!("{flagged}\u{0}{context:016x}")
}

/// The hash of the normalized text of the block a span sits in (of nothing, outside blocks:
/// a bibliography file's entry).
fn block_context(ms: &Manuscript, span: Span, contexts: &mut BlockContexts) -> u64 {
    let index = ms
        .blocks
        .partition_point(|b| (b.file, b.span.start) <= (span.file, span.start));
    let block = index.checked_sub(1).filter(|&i| {
        let b = &ms.blocks[i];
        b.span.file == span.file && span.start <= b.span.end
    });
    match block {
        Some(i) => *contexts.entry(i).or_insert_with(|| {
            // strip_note_markers already collapses white space.
            fnv1a(&[strip_note_markers(ms.text(ms.blocks[i].span)).as_bytes()])
        }),
        None => fnv1a(&[]),
    }
}

/// Identical identities (the same slip twice in one paragraph) are told apart by their order.
fn assign_fingerprints(diagnostics: &mut [Diagnostic]) {
    let mut seen: HashMap<String, u32> = HashMap::new();
    for diagnostic in diagnostics {
        let count = seen.entry(diagnostic.fingerprint.clone()).or_insert(0);
        let occurrence = count.to_le_bytes();
        *count += 1;
        diagnostic.fingerprint = format!(
            "{:016x}",
            fnv1a(&[diagnostic.fingerprint.as_bytes(), &occurrence])
        );
    }
}

/// Removes note markers and labels (`<sup>12</sup>`, `[^12]`, `[^12]:`) and collapses white
/// space.
pub fn strip_note_markers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['<', '[']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let marker_len = if let Some(inner) = tail
            .strip_prefix("<sup>")
            .or_else(|| tail.strip_prefix("<SUP>"))
        {
            inner
                .find("</")
                .filter(|&end| end <= 12)
                .map(|end| "<sup>".len() + end + "</sup>".len())
        } else if let Some(inner) = tail.strip_prefix("[^") {
            inner
                .find(']')
                .filter(|&end| end > 0 && !inner[..end].contains(char::is_whitespace))
                .map(|end| 2 + end + 1 + usize::from(inner[end + 1..].starts_with(':')))
        } else {
            None
        };
        match marker_len.filter(|&len| tail.is_char_boundary(len.min(tail.len()))) {
            Some(len) => rest = &tail[len.min(tail.len())..],
            None => {
                let first = tail.chars().next().map_or(1, char::len_utf8);
                out.push_str(&tail[..first]);
                rest = &tail[first..];
            }
        }
    }
    out.push_str(rest);
    normalize(&out)
}

fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// 64-bit FNV-1a: stable across platforms and releases, unlike std's hasher.
pub fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in *part {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// Where inline comments switch rules off.
struct Suppressions {
    ranges: Vec<Suppressed>,
}

struct Suppressed {
    file: FileId,
    start: u32,
    end: u32,
    /// None: every rule.
    rules: Option<Vec<&'static str>>,
}

impl Suppressions {
    fn build(ms: &Manuscript) -> Suppressions {
        let mut ranges = Vec::new();
        let mut open: Vec<(FileId, u32, Option<Vec<&'static str>>)> = Vec::new();
        let close_file = |open: &mut Vec<(FileId, u32, Option<Vec<&'static str>>)>,
                          ranges: &mut Vec<Suppressed>,
                          file: FileId| {
            let end = ms.sources.get(file).text.len() as u32;
            for (f, start, rules) in open.drain(..).filter(|(f, ..)| *f == file) {
                ranges.push(Suppressed {
                    file: f,
                    start,
                    end,
                    rules,
                });
            }
        };
        let mut current_file = None;
        for directive in &ms.directives {
            if current_file != Some(directive.file) {
                if let Some(previous) = current_file {
                    close_file(&mut open, &mut ranges, previous);
                }
                current_file = Some(directive.file);
            }
            let named = resolve_names(&directive.rules);
            let source = ms.sources.get(directive.file);
            match directive.action {
                DirectiveAction::DisableFile => ranges.push(Suppressed {
                    file: directive.file,
                    start: 0,
                    end: source.text.len() as u32,
                    rules: named,
                }),
                DirectiveAction::Disable => open.push((directive.file, directive.span.end, named)),
                DirectiveAction::Enable => {
                    let at = directive.span.start;
                    let mut still_open = Vec::new();
                    for (file, start, rules) in open.drain(..) {
                        let closes = match (&named, &rules) {
                            (None, _) => true,
                            (Some(names), Some(open_names)) => {
                                open_names.iter().all(|n| names.contains(n))
                            }
                            (Some(_), None) => false,
                        };
                        if closes {
                            ranges.push(Suppressed {
                                file,
                                start,
                                end: at,
                                rules,
                            });
                        } else {
                            still_open.push((file, start, rules));
                        }
                    }
                    open = still_open;
                }
                DirectiveAction::DisableNextLine => {
                    let mut line = source.line_index(directive.span.end) + 1;
                    while line + 1 < source.line_count() {
                        let start = source.line_start(line) as usize;
                        let end = source.line_start(line + 1) as usize;
                        if !source.text[start..end].trim().is_empty() {
                            break;
                        }
                        line += 1;
                    }
                    ranges.push(Suppressed {
                        file: directive.file,
                        start: source.line_start(line),
                        end: source.line_start(line + 1),
                        rules: named,
                    });
                }
            }
        }
        if let Some(file) = current_file {
            close_file(&mut open, &mut ranges, file);
        }
        Suppressions { ranges }
    }

    fn suppresses(&self, rule: &Rule, finding: &Finding) -> bool {
        // A suppression must not hide the warning about itself, nor a comment that hides text.
        if rule.code == rules::meta::invalid_suppression::INVALID_SUPPRESSION.code
            || rule.code == rules::meta::unclosed_comment::UNCLOSED_COMMENT.code
        {
            return false;
        }
        self.ranges.iter().any(|s| {
            s.file == finding.span.file
                && s.start <= finding.span.start
                && finding.span.start < s.end.max(s.start + 1)
                && s.rules
                    .as_ref()
                    .is_none_or(|names| names.contains(&rule.name))
        })
    }
}

/// Rule names from a directive; an empty list means every rule.
fn resolve_names(written: &[(String, crate::source::Span)]) -> Option<Vec<&'static str>> {
    if written.is_empty() {
        return None;
    }
    Some(
        written
            .iter()
            .flat_map(|(name, _)| rules::matching(name))
            .map(|r| r.name)
            .collect(),
    )
}
