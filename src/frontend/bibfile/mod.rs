//! Bibliography databases given alongside the manuscript: BibTeX/BibLaTeX (`.bib`, read with
//! the biblatex crate) and CSL-JSON (`.json`, as Zotero exports it). Each entry keeps spans into
//! its file so diagnostics can point at it.

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use biblatex::{Bibliography, ChunksExt, Pair, ParseError, RawBibliography, RawEntry, Spanned};
use regex::Regex;
use serde_json::Value;

use crate::model::{DuplicateKey, Fact, FileEntry, Publication, ReferenceCycle};
use crate::source::{FileId, Span};

mod batches;
mod references;

static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(1[4-9][0-9][0-9]|20[0-9][0-9])").expect("year pattern is valid")
});

/// What a bibliography file holds: its entries, the keys given to more than one entry (the
/// later ones are left out of `entries`, as BibTeX and biber ignore them), and the references
/// that could never be resolved (left unresolved).
#[derive(Default)]
pub struct Database {
    pub entries: Vec<FileEntry>,
    pub duplicates: Vec<DuplicateKey>,
    pub cycles: Vec<ReferenceCycle>,
    /// What of the file could not be read as entries, and where: a CSL-JSON that is no list
    /// of items, items without an id.
    pub unread: Vec<(Span, String)>,
}

/// Reads a bibliography file by its extension. The error is one line, for exit code 2.
pub fn parse(name: &str, text: &str, file: FileId) -> Result<Database, String> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".json") {
        parse_csl_json(name, text, file)
    } else if lower.ends_with(".bib") || lower.ends_with(".bibtex") || lower.ends_with(".biblatex")
    {
        parse_bibtex(name, text, file)
    } else {
        Err(format!(
            "`{name}`: unknown bibliography format; use .bib (BibTeX/BibLaTeX) or .json (CSL-JSON)"
        ))
    }
}

fn fact(text: &str, file: FileId, range: Range<usize>) -> Option<Fact> {
    let value = text.get(range.clone())?;
    Some(Fact {
        text: value.to_string(),
        span: Span::new(file, range.start, range.end),
    })
}

/// A value standing at `range` with a display text of its own (TeX braces removed). Kept for
/// the whole run, a large `.bib` holds a million of them: no spare capacity.
fn fact_with_text(mut display: String, file: FileId, range: Range<usize>) -> Fact {
    display.shrink_to_fit();
    Fact {
        text: display,
        span: Span::new(file, range.start, range.end),
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

/// Braces nested deeper than this are no bibliography's: real entries nest a few levels
/// (`{{\"{o}}}`), and the BibTeX crate's cost grows with the square of the depth (100,000
/// levels took 43 s), so such a file is refused before it is read.
pub const MAX_BRACE_DEPTH: usize = 100;

/// Where the braces of `text` first nest deeper than [`MAX_BRACE_DEPTH`]: the byte offset and
/// line. One pass; an escaped brace (`\{`) is not counted.
fn too_deeply_nested(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    for (at, &b) in bytes.iter().enumerate() {
        let escaped = at > 0 && bytes[at - 1] == b'\\';
        match b {
            b'{' if !escaped => {
                depth += 1;
                if depth > MAX_BRACE_DEPTH {
                    return Some((at, line_of(text, at)));
                }
            }
            b'}' if !escaped => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

pub fn parse_bibtex(name: &str, text: &str, file: FileId) -> Result<Database, String> {
    parse_bibtex_in(name, text, file, batches::BATCH_BYTES, false)
}

/// `together`: the whole file resolved at once (what batching is tested against).
fn parse_bibtex_in(
    name: &str,
    text: &str,
    file: FileId,
    batch_bytes: usize,
    together: bool,
) -> Result<Database, String> {
    let invalid = |e: biblatex::ParseError| {
        format!(
            "`{name}` line {}: invalid BibTeX: {e}",
            line_of(text, e.span.start)
        )
    };
    if let Some((depth_at, line)) = too_deeply_nested(text) {
        return Err(format!(
            "`{name}` line {line}: braces nested more than {MAX_BRACE_DEPTH} deep (at byte \
             {depth_at}): not a bibliography manulint reads"
        ));
    }
    let mut plan = batches::plan(text, file, batch_bytes, together).map_err(invalid)?;
    let joined = plan.joined_batches();
    let mut cycles = Vec::new();
    let mut abbreviations = std::mem::take(&mut plan.abbreviations);
    let sizes = references::break_strings(&mut abbreviations, file, &mut cycles);
    let mut read = Resolved {
        out: Vec::with_capacity(plan.kept),
        starts: Vec::with_capacity(plan.kept),
        error: None,
    };
    let mut linked = Vec::new();
    let mut single = plan.single.take();
    for range in joined {
        let mut entries = match single.take() {
            Some(entries) => entries,
            None => batches::read(text, range).map_err(invalid)?,
        };
        entries.retain(|e| !plan.dropped.contains(&e.span.start));
        references::cut_expanding_fields(&mut entries, &sizes, file, &mut cycles);
        let (together, alone): (Vec<_>, Vec<_>) = entries
            .into_iter()
            .partition(|e| plan.is_linked(e.span.start));
        linked.extend(together);
        read.resolve(alone, &abbreviations, text, file);
    }
    let mut out = read.out;
    let mut error = read.error;
    if !linked.is_empty() {
        references::break_crossrefs(&mut linked, file, &mut cycles);
        let mut last = Resolved {
            out: Vec::new(),
            starts: Vec::new(),
            error: None,
        };
        last.resolve(linked, &abbreviations, text, file);
        error = first_error(error, last.error);
        out = merge_in_order(out, &read.starts, last.out, &last.starts);
    }
    if let Some(e) = error {
        return Err(invalid(e));
    }
    Ok(Database {
        entries: out,
        duplicates: plan.duplicates,
        cycles,
        unread: Vec::new(),
    })
}

/// Entries resolved so far, with where each begins, and the first error met.
struct Resolved {
    out: Vec<FileEntry>,
    starts: Vec<usize>,
    error: Option<ParseError>,
}

impl Resolved {
    fn resolve<'s>(
        &mut self,
        entries: Vec<Spanned<RawEntry<'s>>>,
        abbreviations: &[Pair<'s>],
        text: &str,
        file: FileId,
    ) {
        if entries.is_empty() {
            return;
        }
        let in_order: Vec<(&str, Range<usize>, usize)> = entries
            .iter()
            .map(|e| (e.v.key.v, e.v.key.span.clone(), e.span.start))
            .collect();
        let raw = RawBibliography {
            preamble: String::new(),
            entries,
            abbreviations: abbreviations.to_vec(),
        };
        let bibliography = match Bibliography::from_raw(raw) {
            Ok(bibliography) => bibliography,
            Err(e) => {
                self.error = first_error(self.error.take(), Some(e));
                return;
            }
        };
        if self.error.is_some() {
            return;
        }
        for (key, key_span, start) in in_order {
            if let Some(entry) = bibliography.get(key) {
                self.out.push(file_entry(entry, key, key_span, text, file));
                self.starts.push(start);
            }
        }
    }
}

/// The error the crate would have reported on the whole file: it reads every entry's fields
/// before it resolves any `crossref`, so a field's error comes before a link's, and the
/// earlier in the file first.
fn first_error(a: Option<ParseError>, b: Option<ParseError>) -> Option<ParseError> {
    let rank = |e: &ParseError| {
        (
            matches!(e.kind, biblatex::ParseErrorKind::ResolutionError(_)),
            e.span.start,
        )
    };
    match (a, b) {
        (Some(a), Some(b)) => Some(if rank(&b) < rank(&a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// The entries resolved alone and those resolved together, back in the file's order.
fn merge_in_order(
    alone: Vec<FileEntry>,
    alone_at: &[usize],
    together: Vec<FileEntry>,
    together_at: &[usize],
) -> Vec<FileEntry> {
    let mut merged = Vec::with_capacity(alone.len() + together.len());
    let mut alone = alone.into_iter().zip(alone_at).peekable();
    let mut together = together.into_iter().zip(together_at).peekable();
    loop {
        let take_alone = match (alone.peek(), together.peek()) {
            (Some((_, a)), Some((_, b))) => a < b,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let next = if take_alone {
            alone.next()
        } else {
            together.next()
        };
        merged.extend(next.map(|(entry, _)| entry));
    }
    merged
}

/// What manulint reads of one resolved entry.
fn file_entry(
    entry: &biblatex::Entry,
    key: &str,
    key_span: Range<usize>,
    text: &str,
    file: FileId,
) -> FileEntry {
    let field = |names: &[&str]| -> Option<Fact> {
        names.iter().find_map(|n| {
            let chunks = entry.get(n)?;
            // A value inherited through `crossref` may have no place in the file (biblatex
            // marks it with a span at usize::MAX): the entry's key stands for it.
            let span = chunks.span();
            let span = match text.get(span.clone()) {
                Some(_) => span,
                None => key_span.clone(),
            };
            Some(fact_with_text(chunks.format_verbatim(), file, span))
        })
    };
    let people: Vec<biblatex::Person> = entry
        .author()
        .ok()
        .or_else(|| {
            entry
                .get("editor")
                .and_then(|c| c.parse::<Vec<biblatex::Person>>().ok())
        })
        .unwrap_or_default();
    let surnames: Vec<String> = people
        .into_iter()
        .map(|p| {
            let mut name = p.name;
            name.shrink_to_fit();
            name
        })
        .collect();
    let author = field(&["author", "editor"]);
    let year = field(&["date", "year"]).and_then(|f| {
        let m = YEAR.find(&f.text)?;
        Some(Fact {
            text: m.as_str().to_string(),
            span: f.span,
        })
    });
    FileEntry {
        key: fact(text, file, key_span.clone())
            .unwrap_or_else(|| fact_with_text(key.to_string(), file, 0..0)),
        publication: Arc::new(Publication {
            author,
            surnames,
            title: field(&["title"]),
            container: field(&["journaltitle", "journal", "booktitle"]),
            place: field(&["location", "address"]),
            publisher: field(&["publisher"]),
            year,
            volume: None,
        }),
    }
}

pub fn parse_csl_json(name: &str, text: &str, file: FileId) -> Result<Database, String> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| format!("`{name}` line {}: invalid CSL-JSON: {e}", e.line()))?;
    let whole_file = Span::new(file, 0, text.trim_end().len().min(1));
    let mut unread = Vec::new();
    let items = match &value {
        Value::Array(items) => items.as_slice(),
        Value::Object(map) => match map.get("items").and_then(Value::as_array) {
            Some(items) => items.as_slice(),
            None => {
                unread.push((
                    whole_file,
                    "this CSL-JSON file is an object with no `items` list, so no entry was read from it; export it as a CSL-JSON array".to_string(),
                ));
                &[][..]
            }
        },
        _ => return Err(format!("`{name}`: CSL-JSON must be an array of items")),
    };
    let without_id = items
        .iter()
        .filter(|item| !matches!(item.get("id"), Some(Value::String(_) | Value::Number(_))))
        .count();
    if without_id > 0 {
        unread.push((
            whole_file,
            format!(
                "{without_id} of the {} items of this CSL-JSON file have no `id`, so no citation can name them; they were not read",
                items.len()
            ),
        ));
    }
    let mut out: Vec<FileEntry> = Vec::new();
    let mut duplicates = Vec::new();
    let mut first_at: std::collections::HashMap<String, Span> = std::collections::HashMap::new();
    let mut search_from = 0;
    for item in items {
        let key = match item.get("id") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => continue,
        };
        // serde_json keeps no positions: find the item's id, then its fields after it.
        let key_at = find_value(text, search_from, "id", &key).unwrap_or(search_from..search_from);
        search_from = key_at.end;
        let key_span = Span::new(file, key_at.start, key_at.end);
        if let Some(&first) = first_at.get(&key) {
            // Zotero and citeproc keep one item per id: the later is unreachable.
            duplicates.push(DuplicateKey {
                key,
                first,
                again: key_span,
            });
            continue;
        }
        first_at.insert(key.clone(), key_span);
        let string_field = |field: &str| -> Option<Fact> {
            let value = item.get(field)?.as_str()?;
            let at = find_value(text, key_at.start.saturating_sub(2000), field, value)
                .unwrap_or(key_at.clone());
            Some(fact_with_text(value.to_string(), file, at))
        };
        let people = item
            .get("author")
            .or_else(|| item.get("editor"))
            .and_then(Value::as_array);
        let surnames: Vec<String> = people
            .map(|list| {
                list.iter()
                    .filter_map(|p| {
                        p.get("family")
                            .or_else(|| p.get("literal"))
                            .and_then(Value::as_str)
                    })
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let author = surnames
            .first()
            .map(|_| fact_with_text(surnames.join(", "), file, key_at.clone()));
        let year = item
            .get("issued")
            .and_then(|issued| {
                issued
                    .get("date-parts")
                    .and_then(|parts| parts.get(0)?.get(0)?.as_i64().map(|y| y.to_string()))
                    .or_else(|| {
                        issued
                            .get("raw")
                            .or_else(|| issued.get("literal"))
                            .and_then(Value::as_str)
                            .map(str::to_string)
                    })
            })
            .and_then(|y| YEAR.find(&y).map(|m| m.as_str().to_string()))
            .map(|y| fact_with_text(y, file, key_at.clone()));
        out.push(FileEntry {
            key: fact_with_text(key, file, key_at.clone()),
            publication: Arc::new(Publication {
                author,
                surnames,
                title: string_field("title"),
                container: string_field("container-title"),
                place: string_field("publisher-place"),
                publisher: string_field("publisher"),
                year,
                volume: None,
            }),
        });
    }
    Ok(Database {
        entries: out,
        duplicates,
        cycles: Vec::new(),
        unread,
    })
}

/// Where `"field": "value"` stands in JSON text at or after `from`: the value's range.
fn find_value(text: &str, from: usize, field: &str, value: &str) -> Option<Range<usize>> {
    let encoded = serde_json::to_string(value).ok()?;
    let needle = format!("\"{field}\"");
    let mut at = from.min(text.len());
    while let Some(found) = text.get(at..)?.find(&needle) {
        let after = at + found + needle.len();
        let rest = text[after..].trim_start();
        if let Some(rest) = rest.strip_prefix(':') {
            let value_start = text.len() - rest.trim_start().len();
            if text[value_start..].starts_with(&encoded) {
                return Some(value_start + 1..value_start + encoded.len() - 1);
            }
        }
        at = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bibtex_entries_with_spans() {
        let text = "@book{kotkin1995,\n  author = {Kotkin, Stephen},\n  title = {Magnetic Mountain},\n  publisher = {University of California Press},\n  address = {Berkeley},\n  year = {1995}\n}\n";
        let entries = parse_bibtex("refs.bib", text, FileId(0))
            .expect("parses")
            .entries;
        assert_eq!(entries.len(), 1);
        let e = &entries[0];
        assert_eq!(e.key.text, "kotkin1995");
        assert_eq!(&text[e.key.span.range()], "kotkin1995");
        assert_eq!(e.publication.surnames, vec!["Kotkin"]);
        assert_eq!(
            e.publication.title.as_ref().map(|t| t.text.as_str()),
            Some("Magnetic Mountain")
        );
        assert_eq!(
            e.publication.year.as_ref().map(|t| t.text.as_str()),
            Some("1995")
        );
        assert_eq!(
            e.publication.place.as_ref().map(|t| t.text.as_str()),
            Some("Berkeley")
        );
    }

    #[test]
    fn csl_json_entries_with_spans() {
        let text = r#"[{"id": "hellbeck2006", "type": "book", "title": "Revolution on My Mind", "author": [{"family": "Hellbeck", "given": "Jochen"}], "issued": {"date-parts": [[2006]]}, "publisher": "Harvard University Press", "publisher-place": "Cambridge"}]"#;
        let entries = parse_csl_json("refs.json", text, FileId(0))
            .expect("parses")
            .entries;
        let e = &entries[0];
        assert_eq!(&text[e.key.span.range()], "hellbeck2006");
        assert_eq!(
            e.publication.title.as_ref().map(|t| &text[t.span.range()]),
            Some("Revolution on My Mind")
        );
        assert_eq!(
            e.publication.year.as_ref().map(|t| t.text.as_str()),
            Some("2006")
        );
        assert_eq!(e.publication.surnames, vec!["Hellbeck"]);
    }

    #[test]
    fn a_repeated_key_is_reported_and_the_first_entry_kept() {
        let text = "@book{a, title = {One}, year = {1990}}\n@book{b, title = {Two}}\n@book{a, title = {Three}}\n";
        let database =
            parse_bibtex("refs.bib", text, FileId(0)).expect("a duplicate is no syntax error");
        let titles: Vec<&str> = database
            .entries
            .iter()
            .filter_map(|e| e.publication.title.as_ref().map(|t| t.text.as_str()))
            .collect();
        assert_eq!(titles, vec!["One", "Two"]);
        let [duplicate] = database.duplicates.as_slice() else {
            panic!("one duplicate expected");
        };
        assert_eq!(duplicate.key, "a");
        assert_eq!(&text[duplicate.first.range()], "a");
        assert_eq!(duplicate.first.start, 6);
        assert_eq!(
            duplicate.again.start as usize,
            text.rfind("{a").map_or(0, |i| i + 1)
        );

        let json = r#"[{"id": "x", "title": "One"}, {"id": "x", "title": "Two"}]"#;
        let database = parse_csl_json("refs.json", json, FileId(0)).expect("parses");
        assert_eq!(database.entries.len(), 1);
        assert_eq!(database.duplicates.len(), 1);
        assert_eq!(&json[database.duplicates[0].again.range()], "x");
        assert!(database.duplicates[0].again.start > database.duplicates[0].first.start);
    }

    #[test]
    fn broken_files_give_one_line_errors() {
        let Err(err) = parse_bibtex("refs.bib", "@book{x,\n title = {unclosed\n", FileId(0)) else {
            panic!("an unclosed brace is an error");
        };
        assert!(err.starts_with("`refs.bib` line"), "{err}");
        let Err(err) = parse_csl_json("refs.json", "[{", FileId(0)) else {
            panic!("truncated JSON is an error");
        };
        assert!(err.contains("invalid CSL-JSON"), "{err}");
    }
}
