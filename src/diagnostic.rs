//! What a rule reports, and what the engine makes of it.

use serde::Serialize;

use crate::fix::Fix;
use crate::model::NoteId;
use crate::rules::Rule;
use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text.to_ascii_lowercase().as_str() {
            "info" | "note" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// A rule's report: where, what, and the places that explain it.
#[derive(Clone, Debug)]
pub struct Finding {
    pub span: Span,
    pub message: String,
    pub related: Vec<Related>,
    /// The note the finding concerns, when its span alone does not say (a Markdown note's label
    /// sits outside the note's text).
    pub note: Option<NoteId>,
    /// What identifies this finding independently of its position and of note numbers; the
    /// fingerprint is built from it. Defaults to the flagged text and its block's text.
    pub identity: Option<String>,
    /// A ceiling on the rule's severity for this finding: the individual uses behind a
    /// manuscript-wide summary are reported at info level.
    pub severity_cap: Option<Severity>,
    /// The edits that correct the finding, applied only with `--fix`.
    pub fix: Option<Fix>,
}

impl Finding {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Finding {
            span,
            message: message.into(),
            related: Vec::new(),
            note: None,
            identity: None,
            severity_cap: None,
            fix: None,
        }
    }

    pub fn at_most(mut self, severity: Severity) -> Self {
        self.severity_cap = Some(severity);
        self
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }

    pub fn in_note(mut self, note: NoteId) -> Self {
        self.note = Some(note);
        self
    }

    pub fn identity(mut self, identity: impl Into<String>) -> Self {
        self.identity = Some(identity.into());
        self
    }
}

/// A finding after the engine applied configuration: the rule, its severity, the note label
/// and a fingerprint.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub related: Vec<Related>,
    /// The label of the note the diagnostic sits in (absent in body text).
    pub note: Option<String>,
    pub fingerprint: String,
    pub fix: Option<Fix>,
}
