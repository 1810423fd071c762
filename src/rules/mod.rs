//! The rule registry. Each rule lives in its own file under `rules/<family>/`, declared with
//! [`declare_rule!`]: its doc comment is its documentation (`manulint explain`), its first line
//! the one-line summary.

pub mod bibliography;
pub mod citations;
pub mod footnotes;
pub mod meta;
pub mod names;
pub mod numbers;
pub mod structure;
pub mod typography;

use crate::config::RuleOptions;
use crate::diagnostic::{Finding, Severity};
use crate::indexes::{Indexes, SharedIndex};
use crate::model::Manuscript;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    Footnotes,
    Citations,
    Names,
    Numbers,
    Structure,
    Typography,
    Bibliography,
    Meta,
}

impl Family {
    pub const ALL: &'static [Family] = &[
        Family::Footnotes,
        Family::Citations,
        Family::Names,
        Family::Numbers,
        Family::Structure,
        Family::Typography,
        Family::Bibliography,
        Family::Meta,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Family::Footnotes => "footnotes",
            Family::Citations => "citations",
            Family::Names => "names",
            Family::Numbers => "numbers",
            Family::Structure => "structure",
            Family::Typography => "typography",
            Family::Bibliography => "bibliography",
            Family::Meta => "meta",
        }
    }

    /// The shared indexes its rules read, costliest first.
    pub fn indexes(self) -> &'static [SharedIndex] {
        match self {
            Family::Footnotes | Family::Structure | Family::Typography | Family::Meta => &[],
            Family::Citations => &[SharedIndex::Citations],
            Family::Names => &[SharedIndex::Citations, SharedIndex::Words],
            Family::Numbers => &[SharedIndex::Numbers],
            Family::Bibliography => &[SharedIndex::Citations],
        }
    }

    /// Builds the embedded tables its rules and indexes read (each once per process), so a
    /// core with nothing else to do can build them while the manuscript is parsed.
    pub fn prepare_tables(self) {
        match self {
            Family::Names => names::prepare_tables(),
            Family::Numbers => numbers::prepare_tables(),
            Family::Structure => structure::prepare_tables(),
            Family::Typography => typography::prepare_tables(),
            Family::Footnotes | Family::Citations | Family::Bibliography | Family::Meta => {}
        }
    }

    /// Rough cost of its rules on a manuscript, to schedule the heaviest first.
    pub fn relative_cost(self) -> u8 {
        match self {
            Family::Names => 2,
            Family::Citations | Family::Numbers | Family::Typography => 1,
            Family::Footnotes | Family::Structure | Family::Bibliography | Family::Meta => 0,
        }
    }
}

/// What a rule reads: the manuscript, the shared indexes, its own options.
pub struct Context<'a> {
    pub manuscript: &'a Manuscript,
    pub config: &'a crate::config::Config,
    pub indexes: &'a Indexes<'a>,
    pub options: &'a RuleOptions,
}

pub type CheckFn = fn(&Context<'_>, &mut Vec<Finding>);

pub struct Rule {
    pub code: &'static str,
    /// The public, kebab-case name used in config files and suppressions.
    pub name: &'static str,
    pub family: Family,
    pub default_severity: Severity,
    pub enabled_by_default: bool,
    /// The keys its `[rules.<name>]` table may hold besides `severity`.
    pub options: &'static [&'static str],
    /// The rule's doc comment, verbatim.
    pub docs: &'static str,
    pub check: CheckFn,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.name, self.code)
    }
}

impl Rule {
    /// The documentation with the one space rustdoc leaves before each line removed.
    pub fn documentation(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim_end().to_string()
    }

    /// The first paragraph of the documentation, on one line.
    pub fn summary(&self) -> String {
        self.docs
            .lines()
            .map(str::trim)
            .skip_while(|l| l.is_empty())
            .take_while(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Declares a rule: the doc comment becomes its documentation.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            family: $family:ident,
            severity: $severity:ident,
            enabled: $enabled:literal,
            $(options: [$($option:literal),* $(,)?],)?
            check: $check:path $(,)?
        };
    ) => {
        $(#[doc = $doc])*
        pub static $ident: $crate::rules::Rule = $crate::rules::Rule {
            code: $code,
            name: $name,
            family: $crate::rules::Family::$family,
            default_severity: $crate::diagnostic::Severity::$severity,
            enabled_by_default: $enabled,
            options: &[$($($option),*)?],
            docs: concat!($($doc, "\n"),*),
            check: $check,
        };
    };
}

/// Every rule, in code order.
pub static ALL: &[&Rule] = &[
    &footnotes::undefined::FOOTNOTE_UNDEFINED,
    &footnotes::unreferenced::FOOTNOTE_UNREFERENCED,
    &footnotes::duplicate::FOOTNOTE_DUPLICATE,
    &footnotes::sequence::FOOTNOTE_SEQUENCE,
    &footnotes::empty::FOOTNOTE_EMPTY,
    &citations::missing_entry::MISSING_BIBLIOGRAPHY_ENTRY,
    &citations::uncited_entry::UNCITED_BIBLIOGRAPHY_ENTRY,
    &citations::mismatch::CITATION_BIBLIOGRAPHY_MISMATCH,
    &citations::title_variant::CITATION_TITLE_VARIANT,
    &citations::short_before_full::SHORT_FORM_BEFORE_FULL,
    &citations::repeated_full::REPEATED_FULL_CITATION,
    &citations::ibid_ambiguous::IBID_AMBIGUOUS,
    &citations::ibid_no_antecedent::IBID_NO_ANTECEDENT,
    &citations::ibid_style::IBID_STYLE,
    &citations::ibid_discouraged::IBID_DISCOURAGED,
    &citations::unknown_key::UNKNOWN_CITATION_KEY,
    &names::name_variant::NAME_VARIANT,
    &names::transliteration_system::TRANSLITERATION_SYSTEM,
    &names::mixed_script::MIXED_SCRIPT,
    &names::diacritic_variant::DIACRITIC_VARIANT,
    &numbers::quantity_conflict::QUANTITY_CONFLICT,
    &numbers::date_conflict::DATE_CONFLICT,
    &numbers::ratio_check::RATIO_CHECK,
    &numbers::number_format::NUMBER_FORMAT,
    &structure::toc_mismatch::TOC_MISMATCH,
    &structure::heading_hierarchy::HEADING_HIERARCHY,
    &structure::cross_reference::CROSS_REFERENCE,
    &structure::placeholder::PLACEHOLDER,
    &typography::doubled_word::DOUBLED_WORD,
    &typography::unbalanced_delimiters::UNBALANCED_DELIMITERS,
    &typography::quote_style::QUOTE_STYLE,
    &typography::range_dash::RANGE_DASH,
    &typography::date_format::DATE_FORMAT,
    &typography::abbreviation_consistency::ABBREVIATION_CONSISTENCY,
    &typography::archival_signature_format::ARCHIVAL_SIGNATURE_FORMAT,
    &bibliography::order::BIBLIOGRAPHY_ORDER,
    &bibliography::repeated_author::BIBLIOGRAPHY_REPEATED_AUTHOR,
    &bibliography::entry_form::BIBLIOGRAPHY_ENTRY_FORM,
    &bibliography::duplicate_key::DUPLICATE_BIBLIOGRAPHY_KEY,
    &bibliography::reference_cycle::BIBLIOGRAPHY_REFERENCE_CYCLE,
    &bibliography::unread_file::BIBLIOGRAPHY_FILE_UNREAD,
    &meta::invalid_suppression::INVALID_SUPPRESSION,
    &meta::unclosed_comment::UNCLOSED_COMMENT,
];

/// Finds a rule by name or code, case-insensitively.
pub fn lookup(name_or_code: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| {
        r.name.eq_ignore_ascii_case(name_or_code) || r.code.eq_ignore_ascii_case(name_or_code)
    })
}

/// The rules a selector names: a rule name or code, a family name, or a code prefix (`FN`).
pub fn matching(selector: &str) -> Vec<&'static Rule> {
    if selector.eq_ignore_ascii_case("all") {
        return ALL.to_vec();
    }
    if let Some(rule) = lookup(selector) {
        return vec![rule];
    }
    if let Some(family) = Family::ALL
        .iter()
        .find(|f| f.name().eq_ignore_ascii_case(selector))
    {
        return ALL
            .iter()
            .copied()
            .filter(|r| r.family == *family)
            .collect();
    }
    let upper = selector.to_ascii_uppercase();
    if upper.len() >= 2 && upper.chars().take(2).all(|c| c.is_ascii_alphabetic()) {
        return ALL
            .iter()
            .copied()
            .filter(|r| r.code.starts_with(&upper))
            .collect();
    }
    Vec::new()
}
