//! Where a key of the config file is written, so that an error names its line: serde's view
//! of the file has no positions, toml's own parse tree does.

use toml::de::{DeTable, DeValue};

/// The one-based line of the value at `path` (`["rules", "range-dash", "dash"]`), or of the
/// deepest part of it that exists.
pub fn line_of(text: &str, path: &[&str]) -> Option<usize> {
    let root = DeTable::parse(text).ok()?;
    let mut table = root.get_ref();
    let mut found = None;
    for key in path {
        let (_, value) = table.iter().find(|(k, _)| k.get_ref().as_ref() == *key)?;
        found = Some(value.span().start);
        match value.get_ref() {
            DeValue::Table(inner) => table = inner,
            _ => break,
        }
    }
    found.map(|offset| line_at(text, offset))
}

/// The one-based line of a byte offset.
pub fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The closest of `candidates` to a mistyped `name`, if one is close enough to be meant.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(name, c), c))
        .filter(|&(distance, c)| distance <= (c.len() / 4).max(2))
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, c)| c)
}
