//! SARIF 2.1.0, as GitHub code scanning and other static-analysis dashboards read it.
//!
//! Every rule is listed in `tool.driver.rules` (a result's `ruleIndex` points into that list);
//! locations carry line/column (1-based, columns in Unicode code points, as
//! `run.columnKind` says) and byte offsets; related spans are `relatedLocations`; the
//! fingerprint that baselines use is the result's `partialFingerprints`.

use serde_json::{Value, json};

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Manuscript;
use crate::rules::{self, Rule};
use crate::source::Span;

pub const FINGERPRINT_KEY: &str = "manulint/v1";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule_descriptor(rule: &Rule) -> Value {
    let documentation = rule.documentation();
    // The first paragraph after the summary: what the rule checks.
    let full = documentation
        .split("\n\n")
        .find(|p| !p.starts_with('#') && !p.trim().is_empty() && p.trim() != rule.summary())
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| rule.summary());
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": { "text": rule.summary() },
        "fullDescription": { "text": full },
        "help": { "text": documentation, "markdown": documentation },
        "defaultConfiguration": {
            "level": if rule.enabled_by_default { level(rule.default_severity) } else { "none" },
            "enabled": rule.enabled_by_default,
        },
        "properties": { "tags": [rule.family.name()] },
    })
}

/// The path as a relative URI: forward slashes, no leading `./`.
fn uri(name: &str) -> String {
    let forward = name.replace('\\', "/");
    forward
        .strip_prefix("./")
        .unwrap_or(&forward)
        .replace(' ', "%20")
}

fn physical_location(ms: &Manuscript, span: Span) -> Value {
    let file = ms.sources.get(span.file);
    // A Word document has no lines or text offsets a viewer could use: the file, with the
    // place (paragraph or note, characters) as a property and in the message.
    if let Some(place) = super::document::place(ms, span) {
        return json!({
            "artifactLocation": { "uri": uri(&file.name) },
            "properties": { "place": place },
        });
    }
    let (start_line, start_column) = file.line_col(span.start);
    let (end_line, end_column) = file.line_col(span.end);
    json!({
        "artifactLocation": { "uri": uri(&file.name) },
        "region": {
            "startLine": start_line,
            "startColumn": start_column,
            "endLine": end_line,
            "endColumn": end_column,
            "byteOffset": span.start,
            "byteLength": span.end - span.start,
        }
    })
}

pub fn document(ms: &Manuscript, diagnostics: &[Diagnostic]) -> Value {
    let rule_index = |rule: &Rule| rules::ALL.iter().position(|r| r.code == rule.code);
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            if let Some(place) = super::document::place(ms, d.span) {
                message = format!("{place}: {message}");
            } else if let Some(note) = &d.note {
                message.push_str(&format!(" (in note {note})"));
            }
            let related: Vec<Value> = d
                .related
                .iter()
                .enumerate()
                .map(|(id, r)| {
                    json!({
                        "id": id,
                        "physicalLocation": physical_location(ms, r.span),
                        "message": { "text": r.message },
                    })
                })
                .collect();
            json!({
                "ruleId": d.rule.code,
                "ruleIndex": rule_index(d.rule),
                "level": level(d.severity),
                "message": { "text": message },
                "locations": [{ "physicalLocation": physical_location(ms, d.span) }],
                "relatedLocations": related,
                "partialFingerprints": { FINGERPRINT_KEY: d.fingerprint },
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "manulint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules::ALL.iter().map(|r| rule_descriptor(r)).collect::<Vec<_>>(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

pub fn write(
    out: &mut dyn std::io::Write,
    ms: &Manuscript,
    diagnostics: &[Diagnostic],
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &document(ms, diagnostics))
        .map_err(std::io::Error::other)?;
    writeln!(out)
}
