//! The citation style a manuscript is written in, told from its citations: law reporters and
//! `Id.` (Bluebook), `(Brink 1989: 18)` (author-date), `(Eliot 45)` (MLA), or full citations
//! in notes (Chicago notes-bibliography). `[citations] style` in manulint.toml overrides it.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::model::{Manuscript, Role, contiguous_text};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CitationStyle {
    /// Chicago notes and bibliography: full citations in notes, then short forms and ibid.
    ChicagoNotes,
    /// Chicago author-date, APA, Harvard: `(Brink 1989: 18)`, `Brink (1989)`.
    AuthorDate,
    /// MLA: `(Eliot 45)` against Works Cited.
    Mla,
    /// The Bluebook: reporters, `Id.`, *supra* note N.
    Bluebook,
}

impl CitationStyle {
    pub const NAMES: &'static [&'static str] = &["chicago-notes", "author-date", "mla", "bluebook"];

    pub fn name(self) -> &'static str {
        match self {
            CitationStyle::ChicagoNotes => "chicago-notes",
            CitationStyle::AuthorDate => "author-date",
            CitationStyle::Mla => "mla",
            CitationStyle::Bluebook => "bluebook",
        }
    }

    pub fn from_name(name: &str) -> Option<CitationStyle> {
        match name {
            "chicago-notes" => Some(CitationStyle::ChicagoNotes),
            "author-date" => Some(CitationStyle::AuthorDate),
            "mla" => Some(CitationStyle::Mla),
            "bluebook" => Some(CitationStyle::Bluebook),
            _ => None,
        }
    }
}

/// A reporter, code or law-review citation (`553 U.S. 35`, `144 P.3d 747`, `42 U.S.C. §
/// 1983`), a pinpointed `Id. at 5`, or `supra note 12`.
static LAW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\b\d{1,4} (?:U\.S\.|S\. ?Ct\.|L\. ?Ed\.(?: ?2d)?|F\.(?: ?(?:2d|3d|4th))?|",
        r"F\. ?Supp\.(?: ?(?:2d|3d))?|P\.(?: ?(?:2d|3d))?|A\.(?: ?(?:2d|3d))?|",
        r"N\.E\.(?: ?(?:2d|3d))?|N\.W\.(?: ?2d)?|S\.E\.(?: ?2d)?|S\.W\.(?: ?(?:2d|3d))?|",
        r"So\.(?: ?(?:2d|3d))?|Cal\.(?: ?App\.)?(?: ?(?:2d|3d|4th|5th))?|B\.R\.|Fed\. ?Cl\.|",
        r"U\.S\.C\.(?:A\.)? §+|C\.F\.R\. §+|Stat\.) ?§? ?\d{1,6}\b",
        r"|\b[*_]?I[dD][*_]?\.[*_]?,? at \d|\bsupra[*_]* note \d|\bhereinafter\b",
        // A pinpoint after a comma (`note 1, at 44`, `Feb. 2008, at 60`): the law's page.
        r"|\d[*_)]?, at \d{1,5}\b",
    ))
    .expect("law citation pattern is valid")
});

/// A name and a year in parentheses, or a name before a parenthesised year: `(Brink 1989:
/// 18)`, `(Smith and Jones 2001; Lee 2004a)`, `(Nagel, 1986, p. 4)`, `Brink (1989, 18)`.
static AUTHOR_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\((?:[^()\d]{0,20}\s)?\p{Lu}[\p{L}'’-]+(?:,? (?:et al\.|(?:and|&) \p{Lu}[\p{L}'’-]+))*,? ",
        r"(?:1[5-9]|20)\d\d[a-z]?(?:[,:;)]|\s)",
        r"|\b\p{Lu}[\p{L}'’-]+(?: et al\.)? \((?:1[5-9]|20)\d\d[a-z]?[,:)]",
    ))
    .expect("author-date pattern is valid")
});

/// A page in parentheses, after a name or a short title or alone (the author named in the
/// sentence), no year: `(Eliot 45)`, `(Woolf, Waves 112-14)`, `(*Logic* 35)`, `(131--45)`.
static MLA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\((?:\p{Lu}[\p{L}'’-]+(?:,? [\p{L}' ]{1,40})? |[*“\x22_][^()]{1,40}[*”\x22_] )?",
        r"(\d{1,4})(?:[-–]{1,2}\d{1,4})?\)",
    ))
    .expect("MLA pattern is valid")
});

/// A note that opens with `Id.` (`*Id.*`, `*ID*.`): the law's ibid.
static ID_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[*_]?I[dD][*_]?\.[*_]?(?:[,;\s]|$)").expect("Id. pattern is valid")
});

/// What the manuscript's citations look like, counted once.
#[derive(Debug, Default)]
struct Evidence {
    law: usize,
    author_date: usize,
    /// `(Eliot 45)`, `(*Logic* 35)`: a name or title and a page.
    mla_named: usize,
    /// `(45)`: a page alone, as both MLA and author-date write after a name in the sentence.
    mla_page: usize,
    works_cited: bool,
    /// Key citations (`[@key]`, `\cite`) in the body, outside notes.
    body_keys: usize,
    /// Citations read in notes (ibid. aside) and key citations in notes.
    in_notes: usize,
}

/// The style the manuscript's citations are written in.
pub fn detect(ms: &Manuscript, index: &super::CitationIndex) -> CitationStyle {
    let mut evidence = Evidence::default();
    for block in ms
        .blocks
        .iter()
        .filter(|b| matches!(b.role, Role::Body | Role::Note(_)))
    {
        let text = ms.sources.get(block.file).text.as_str();
        for range in contiguous_text(ms.block_runs(block)) {
            let Some(segment) = text.get(range) else {
                continue;
            };
            if !segment.contains(|c: char| c.is_ascii_digit() || c == 'I') {
                continue;
            }
            if matches!(block.role, Role::Note(_)) && ID_NOTE.is_match(segment) {
                evidence.law += 1;
            }
            evidence.law += LAW.find_iter(segment).count();
            evidence.author_date += AUTHOR_DATE.find_iter(segment).count();
            for found in MLA.captures_iter(segment) {
                let (Some(whole), Some(page)) = (found.get(0), found.get(1)) else {
                    continue;
                };
                // A four-figure number that may be a year is no page.
                if page.as_str().len() == 4 && matches!(page.as_str().as_bytes()[0], b'1' | b'2') {
                    continue;
                }
                if whole.start() + 1 == page.start() {
                    evidence.mla_page += 1;
                } else {
                    evidence.mla_named += 1;
                }
            }
        }
    }
    // MLA alone heads its list "Works Cited".
    evidence.works_cited = ms
        .headings
        .iter()
        .any(|h| crate::frontend::normalize_heading(&h.text) == "works cited");
    for (key, _) in &index.keys {
        match key.note {
            Some(_) => evidence.in_notes += 1,
            None => evidence.body_keys += 1,
        }
    }
    evidence.in_notes += index
        .citations
        .iter()
        .filter(|c| c.kind != super::CitationKind::Ibid)
        .count();
    decide(&evidence, ms.notes.len())
}

fn decide(evidence: &Evidence, notes: usize) -> CitationStyle {
    // Law writing cites in notes too: reporters, `Id.`, *supra* and pinpoints `at` decide it
    // once they are a tenth of the notes or more.
    if evidence.law >= 5 && evidence.law * 10 >= notes {
        return CitationStyle::Bluebook;
    }
    // Parenthetical citations decide against notes when they are half as many as the notes
    // and the citations read in them: a notes manuscript names a film `(1981)` now and then.
    let weight_of_notes = evidence.in_notes.max(notes);
    let author_date = evidence.author_date + evidence.body_keys;
    let mla = evidence.mla_named + evidence.mla_page;
    let dated = author_date >= 5 && author_date * 2 >= weight_of_notes;
    let paged = mla >= 5 && mla * 2 >= weight_of_notes;
    // A page alone follows a name in both styles; the year tells them apart, and MLA's
    // "Works Cited".
    let mla_first = evidence.works_cited || evidence.mla_named > author_date;
    match (dated, paged) {
        (_, true) if mla_first => CitationStyle::Mla,
        (true, _) => CitationStyle::AuthorDate,
        _ => CitationStyle::ChicagoNotes,
    }
}

#[cfg(test)]
mod tests {
    use super::{AUTHOR_DATE, LAW, MLA};

    #[test]
    fn the_forms_of_each_style_are_told() {
        for law in [
            "553 U.S. 35, 40 (2008)",
            "144 P.3d 747 (Kan. 2006)",
            "42 U.S.C. § 1983",
            "Id. at 5",
            "supra note 12",
        ] {
            assert!(LAW.is_match(law), "{law}");
        }
        for author_date in [
            "(Brink 1989: 18)",
            "(Smith and Jones 2001; Lee 2004a)",
            "(Nagel, 1986, p. 4)",
            "as Brink (1989, 18) argues",
            "(see Lakens et al. 2018)",
        ] {
            assert!(AUTHOR_DATE.is_match(author_date), "{author_date}");
        }
        assert!(MLA.is_match("(Eliot 45)"));
        assert!(MLA.is_match("(Woolf, Waves 112-14)"));
        assert!(MLA.is_match("(*Logic* 35)"));
        assert!(MLA.is_match("(131--45)"));
        assert!(super::ID_NOTE.is_match("*Id.* at 4."));
        assert!(super::ID_NOTE.is_match("*ID*.; Orszag Memorandum"));
        assert!(!super::ID_NOTE.is_match("Idaho Statesman, May 3"));
        assert!(!AUTHOR_DATE.is_match("(Eliot 45)"));
        assert!(!LAW.is_match("in 1936 the mine"));
    }
}
