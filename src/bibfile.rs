//! Bibliography databases given alongside the manuscript: BibTeX/BibLaTeX (`.bib`, read with
//! the biblatex crate) and CSL-JSON (`.json`, as Zotero exports it). Each entry keeps spans into
//! its file so diagnostics can point at it.

use std::ops::Range;
use std::sync::LazyLock;

use biblatex::{Bibliography, ChunksExt, RawBibliography};
use regex::Regex;
use serde_json::Value;

use crate::model::{Fact, FileEntry, Publication};
use crate::source::{FileId, Span};

static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(1[4-9][0-9][0-9]|20[0-9][0-9])").expect("year pattern is valid")
});

/// Reads a bibliography file by its extension. The error is one line, for exit code 2.
pub fn parse(name: &str, text: &str, file: FileId) -> Result<Vec<FileEntry>, String> {
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

/// A value standing at `range` with a display text of its own (TeX braces removed).
fn fact_with_text(display: String, file: FileId, range: Range<usize>) -> Fact {
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

pub fn parse_bibtex(name: &str, text: &str, file: FileId) -> Result<Vec<FileEntry>, String> {
    let raw = RawBibliography::parse(text).map_err(|e| {
        format!(
            "`{name}` line {}: invalid BibTeX: {e}",
            line_of(text, e.span.start)
        )
    })?;
    let bibliography = Bibliography::parse(text).map_err(|e| {
        format!(
            "`{name}` line {}: invalid BibTeX: {e}",
            line_of(text, e.span.start)
        )
    })?;
    let mut out = Vec::new();
    for raw_entry in &raw.entries {
        let key = raw_entry.v.key.v;
        let Some(entry) = bibliography.get(key) else {
            continue;
        };
        let key_span = raw_entry.v.key.span.clone();
        let field = |names: &[&str]| -> Option<Fact> {
            names.iter().find_map(|n| {
                let chunks = entry.get(n)?;
                Some(fact_with_text(
                    chunks.format_verbatim(),
                    file,
                    chunks.span(),
                ))
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
        let surnames: Vec<String> = people.into_iter().map(|p| p.name).collect();
        let author = field(&["author", "editor"]);
        let year = field(&["date", "year"]).and_then(|f| {
            let m = YEAR.find(&f.text)?;
            Some(Fact {
                text: m.as_str().to_string(),
                span: f.span,
            })
        });
        out.push(FileEntry {
            key: fact(text, file, key_span)
                .unwrap_or_else(|| fact_with_text(key.to_string(), file, 0..0)),
            publication: Publication {
                author,
                surnames,
                title: field(&["title"]),
                container: field(&["journaltitle", "journal", "booktitle"]),
                place: field(&["location", "address"]),
                publisher: field(&["publisher"]),
                year,
                volume: None,
            },
        });
    }
    Ok(out)
}

pub fn parse_csl_json(name: &str, text: &str, file: FileId) -> Result<Vec<FileEntry>, String> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| format!("`{name}` line {}: invalid CSL-JSON: {e}", e.line()))?;
    let items = match &value {
        Value::Array(items) => items.as_slice(),
        Value::Object(map) => map
            .get("items")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice),
        _ => return Err(format!("`{name}`: CSL-JSON must be an array of items")),
    };
    let mut out = Vec::new();
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
            publication: Publication {
                author,
                surnames,
                title: string_field("title"),
                container: string_field("container-title"),
                place: string_field("publisher-place"),
                publisher: string_field("publisher"),
                year,
                volume: None,
            },
        });
    }
    Ok(out)
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
        let entries = parse_bibtex("refs.bib", text, FileId(0)).expect("parses");
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
        let entries = parse_csl_json("refs.json", text, FileId(0)).expect("parses");
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
    fn broken_files_give_one_line_errors() {
        let err =
            parse_bibtex("refs.bib", "@book{x,\n title = {unclosed\n", FileId(0)).unwrap_err();
        assert!(err.starts_with("`refs.bib` line"), "{err}");
        let err = parse_csl_json("refs.json", "[{", FileId(0)).unwrap_err();
        assert!(err.contains("invalid CSL-JSON"), "{err}");
    }
}
