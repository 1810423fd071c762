//! Inputs the fuzz targets (`fuzz/`) found to break a promise, each reduced to what it needs:
//! no panic, and every span of a diagnostic (and of what it relates to) inside its file.

mod common;

use manulint::config::Config;
use manulint::diagnostic::Diagnostic;
use manulint::engine::{self, Selection};
use manulint::model::Manuscript;
use manulint::source::Span;

/// Every rule on the files (name, text) and bibliography databases (name, text).
fn check_all(texts: &[(&str, &str)], databases: &[(&str, &str)]) -> (Manuscript, Vec<Diagnostic>) {
    let owned = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect()
    };
    let config = Config::defaults();
    let ms = manulint::load_texts_and_databases(owned(texts), owned(databases), &config)
        .expect("the inputs load");
    let selection = Selection::resolve(&config, &["all".to_string()], &[]);
    let diagnostics = engine::check(&ms, &config, &selection);
    (ms, diagnostics)
}

fn in_file(ms: &Manuscript, span: Span) -> bool {
    let text = &ms.sources.get(span.file).text;
    text.get(span.range()).is_some()
}

fn assert_spans_in_files(ms: &Manuscript, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        assert!(in_file(ms, d.span), "{}: {:?}", d.rule.name, d.span);
        for related in &d.related {
            assert!(
                in_file(ms, related.span),
                "{} related: {:?} ({})",
                d.rule.name,
                related.span,
                related.message
            );
        }
    }
}

/// biblatex gives a field inherited through `crossref` (a bare `year = 1990` of the parent)
/// a "detached" span at usize::MAX; the entry's facts carried it into diagnostics.
const CROSSREF_BIB: &str = "@collection{volume1990,
  editor    = {Ward, Chris},
  title     = {Labour in the Donbas},
  publisher = {Cambridge University Press},
  address   = {Cambridge},
  year      = 1990,
}

@incollection{chapter1990,
  author    = {Petrov, Pavel},
  title     = {Norms and Records in the Mines},
  crossref  = {volume1990},
}
";

#[test]
fn a_field_inherited_through_crossref_points_into_the_file() {
    let database = manulint::frontend::bibfile::parse_bibtex(
        "refs.bib",
        CROSSREF_BIB,
        manulint::source::FileId(0),
    )
    .expect("valid BibTeX");
    let chapter = database
        .entries
        .iter()
        .find(|e| e.key.text == "chapter1990")
        .expect("the chapter is read");
    let year = chapter
        .publication
        .year
        .as_ref()
        .expect("the year is inherited");
    assert_eq!(year.text, "1990");
    assert!(
        CROSSREF_BIB.get(year.span.range()).is_some(),
        "the inherited year's span {:?} lies outside the file",
        year.span
    );
}

#[test]
fn a_mismatch_with_an_inherited_field_relates_a_place_in_the_file() {
    let manuscript = "# Chapter\n\nA claim.[^1]\n\n\
        [^1]: Pavel Petrov, \u{201c}Norms and Records in the Mines,\u{201d} in *Labour in the \
        Donbas*, ed. Chris Ward (Cambridge: Cambridge University Press, 1991), 12.\n";
    let (ms, diagnostics) = check_all(&[("ch1.md", manuscript)], &[("refs.bib", CROSSREF_BIB)]);
    assert_spans_in_files(&ms, &diagnostics);
}
