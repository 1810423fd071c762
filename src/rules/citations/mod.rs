//! Citations and bibliography: every citation matched to its entry, ibid. chains checked.

pub mod ibid_ambiguous;
pub mod ibid_discouraged;
pub mod ibid_no_antecedent;
pub mod ibid_style;
pub mod mismatch;
pub mod missing_entry;
pub mod repeated_full;
pub mod short_before_full;
pub mod title_variant;
pub mod uncited_entry;
pub mod unknown_key;

use crate::indexes::citations::{Citation, CitationIndex, CitationKind};
use crate::model::Manuscript;
use crate::text::fold;

/// Whether a note reaches the page: Pandoc drops a `[^label]:` note that no marker calls, and
/// its citations with it. (A converted note without its marker lost the marker in conversion:
/// it was printed.)
pub fn note_is_printed(cx: &crate::rules::Context<'_>, note: crate::model::NoteId) -> bool {
    let Some(n) = cx.manuscript.notes.get(note as usize) else {
        return false;
    };
    n.style != crate::model::NoteStyle::Markdown
        || !cx
            .indexes
            .notes
            .markers(cx.manuscript, (n.style, n.scope, n.label.as_str()))
            .is_empty()
}

/// `Kotkin, *Magnetic Mountain*`: how a citation is named in messages.
pub fn describe(citation: &Citation) -> String {
    describe_as(citation, shorten)
}

/// A citation named by its whole title, for a work whose main title another work shares
/// (`Petrova, *Soviet Steel: The War Economy*`).
pub fn describe_whole(citation: &Citation) -> String {
    describe_as(citation, |title| title)
}

fn describe_as(citation: &Citation, shorten: fn(&str) -> &str) -> String {
    let author = citation.publication.surnames.first().map(String::as_str);
    let title = citation.publication.title.as_ref().map(|t| t.text.as_str());
    let container = citation
        .publication
        .container
        .as_ref()
        .map(|t| t.text.as_str());
    match (citation.kind, author, title, container) {
        (CitationKind::Archival, ..) => citation
            .archive
            .as_ref()
            .map_or_else(String::new, |a| a.text.clone()),
        (CitationKind::Periodical, _, None, Some(container)) => format!("*{container}*"),
        (CitationKind::Book, Some(a), Some(t), _) => format!("{a}, *{}*", shorten(t)),
        (CitationKind::Book, None, Some(t), _) => format!("*{}*", shorten(t)),
        (_, Some(a), Some(t), _) => format!("{a}, “{}”", shorten(t)),
        (_, None, Some(t), _) => format!("“{}”", shorten(t)),
        _ => "this citation".to_string(),
    }
}

/// A title cut at its subtitle, as a short form would give it; a one-word main title
/// (`Stalin: Waiting for Hitler`) keeps its subtitle.
pub fn shorten(title: &str) -> &str {
    let main = title.split(':').next().unwrap_or(title).trim();
    if main.split_whitespace().count() < 2 {
        title
    } else {
        main
    }
}

/// What ibid. can stand for: one key per distinct source cited in a note.
pub fn source_keys(
    ms: &Manuscript,
    index: &CitationIndex,
    note: u32,
    resolved: &[String],
) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for citation in index.note_citations(note) {
        let key = match citation.kind {
            CitationKind::Ibid => match (keys.last(), resolved) {
                (Some(last), _) => last.clone(),
                (None, [only]) => only.clone(),
                _ => continue,
            },
            CitationKind::Book | CitationKind::Article | CitationKind::Chapter => {
                match citation.work {
                    Some(work) => format!("work:{work}"),
                    None => format!("text:{}", fold(ms.text(citation.span))),
                }
            }
            CitationKind::Archival => {
                format!("archive:{}", fold(signature_file(ms.text(citation.span))))
            }
            CitationKind::Periodical
            | CitationKind::Scripture
            | CitationKind::Web
            | CitationKind::OpCit => {
                format!("text:{}", fold(&strip_pages(ms.text(citation.span))))
            }
        };
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

/// `RGASPI f.85, o.29, d.633, l.12` → the file, `RGASPI f.85, o.29, d.633`: sheets of one file
/// are one source.
fn signature_file(signature: &str) -> &str {
    signature
        .find(", l.")
        .or_else(|| signature.find(", l "))
        .map_or(signature, |i| &signature[..i])
}

/// A periodical issue without its page: `*Stakhanovets*, no. 2 (1937): 2` → `…(1937)`.
fn strip_pages(text: &str) -> String {
    match text.rfind(['(', ':']) {
        Some(i) if text[i..].starts_with(':') => text[..i].to_string(),
        _ => text
            .trim_end_matches(|c: char| {
                c.is_ascii_digit() || c == '-' || c == '–' || c == ',' || c == ' ' || c == '.'
            })
            .to_string(),
    }
}

/// A note with nothing a citation is made of — no figure (year, page), no title in italics or
/// quotation marks, no Pandoc key, no address — cites nothing; any other note the reader
/// found no citation in is one it could not read.
fn certainly_cites_nothing(ms: &Manuscript, note: u32) -> bool {
    ms.notes[note as usize].parts.iter().all(|part| {
        !ms.text(*part).contains(|c: char| {
            c.is_ascii_digit() || matches!(c, '*' | '_' | '“' | '"' | '‘' | '@' | '«' | '/')
        })
    })
}

fn has_ibid(index: &CitationIndex, note: u32) -> bool {
    index
        .note_citations(note)
        .iter()
        .any(|citation| citation.kind == CitationKind::Ibid)
}

/// Where an ibid. points.
pub enum IbidAntecedent {
    /// A single source, in the same note or the previous one.
    Resolved,
    /// The first note of the manuscript or of its numbering scope.
    FirstNote,
    /// The previous note cites nothing.
    NothingCited(u32),
    /// The previous note cites several sources.
    Several(u32, usize),
}

/// Every ibid. citation with what it points to, following chains of ibid.
pub fn ibid_antecedents(ms: &Manuscript, index: &CitationIndex) -> Vec<(usize, IbidAntecedent)> {
    let mut out = Vec::new();
    let mut previous: Option<(u32, Vec<String>)> = None;
    for (note_id, note) in ms.notes.iter().enumerate() {
        let note_id = note_id as u32;
        let in_scope = previous.as_ref().filter(|(p, _)| {
            ms.notes[*p as usize].scope == note.scope && ms.notes[*p as usize].style == note.style
        });
        let resolved_before: Vec<String> = match in_scope {
            Some((_, keys)) if keys.len() == 1 => keys.clone(),
            _ => Vec::new(),
        };
        let range = index.by_note.get(note_id as usize).cloned().unwrap_or(0..0);
        let mut seen_in_note = false;
        for i in range {
            let citation = &index.citations[i];
            if citation.kind != CitationKind::Ibid {
                seen_in_note = true;
                continue;
            }
            let verdict = if seen_in_note {
                IbidAntecedent::Resolved
            } else {
                match in_scope {
                    None => IbidAntecedent::FirstNote,
                    // An ibid. after an ibid. that could not be resolved is unknown too, and one
                    // after an ibid. already reported would only repeat that finding.
                    Some((p, keys))
                        if keys.is_empty()
                            && !has_ibid(index, *p)
                            && certainly_cites_nothing(ms, *p) =>
                    {
                        IbidAntecedent::NothingCited(*p)
                    }
                    // A note the citation reader could not read may well cite a source: the
                    // ibid. after it is unknown, not an error.
                    Some((_, keys)) if keys.is_empty() => IbidAntecedent::Resolved,
                    Some((p, keys)) if keys.len() > 1 => IbidAntecedent::Several(*p, keys.len()),
                    Some(_) => IbidAntecedent::Resolved,
                }
            };
            out.push((i, verdict));
            seen_in_note = true;
        }
        previous = Some((note_id, source_keys(ms, index, note_id, &resolved_before)));
    }
    out
}
