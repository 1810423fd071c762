//! A large `.bib` read a batch of entries at a time. The biblatex crate holds about 16 bytes
//! for every byte of text while it reads (its raw tree, then its resolved entries, cloned once
//! more to resolve `crossref`s): 28 MB of BibTeX took 530 MB at once. Read in batches of about
//! a megabyte, only one batch's trees are alive at a time.
//!
//! Batching must not change what is read. The crate's reader, between two entries, is at its
//! top level, where it keeps no state; so a batch ends just before an `@` that opens a line,
//! and a batch is accepted only if it reads without error as a text of its own: every entry
//! it began was closed inside it, so the whole file's reader would have stood at its top level
//! at the same place. A batch that does not read alone is read again twice as long, up to the
//! end of the file, where its error is the whole file's error.
//!
//! What the crate resolves across entries is kept whole: every `@string` of the file is given
//! to each batch (a definition applies to entries before it too), and the entries linked to one
//! another (`crossref`, `xdata`, `ids`, and the entries these name) are resolved together in
//! one last batch.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use biblatex::{Pair, ParseError, RawBibliography, RawChunk, RawEntry, Spanned};

use super::references::LINK_FIELDS;
use crate::model::DuplicateKey;
use crate::source::{FileId, Span};

/// The text of one batch, at least.
pub const BATCH_BYTES: usize = 1 << 20;

/// What a first reading of the whole file, batch by batch, learns before anything is resolved.
pub struct Plan<'s> {
    /// Consecutive ranges of the file, each ending where the crate's reader is between entries.
    pub batches: Vec<Range<usize>>,
    /// The entries of a file that is one batch, kept so it is read once.
    pub single: Option<Vec<Spanned<RawEntry<'s>>>>,
    /// Every `@string` of the file, in order, with spans into the file.
    pub abbreviations: Vec<Pair<'s>>,
    pub duplicates: Vec<DuplicateKey>,
    /// Where the entries left out as repeats of an earlier key begin.
    pub dropped: HashSet<usize>,
    /// Where the entries that must be resolved together begin; `None`: all of them (a link
    /// given through a `@string` names entries that cannot be known before resolving).
    pub linked: Option<HashSet<usize>>,
    /// The entries kept.
    pub kept: usize,
    batch_bytes: usize,
}

impl Plan<'_> {
    pub fn is_linked(&self, start: usize) -> bool {
        self.linked.as_ref().is_none_or(|set| set.contains(&start))
    }

    /// Adjacent batches joined until each holds at least as much text as the `@string`s,
    /// which every batch is given a copy of: the copies then cost no more than the text.
    pub fn joined_batches(&self) -> Vec<Range<usize>> {
        let strings: usize = self.abbreviations.iter().map(|p| p.value.span.len()).sum();
        let least = self.batch_bytes.max(strings);
        let mut joined: Vec<Range<usize>> = Vec::new();
        for range in &self.batches {
            match joined.last_mut() {
                Some(last) if last.len() < least => last.end = range.end,
                _ => joined.push(range.clone()),
            }
        }
        joined
    }
}

/// `batch_bytes` is [`BATCH_BYTES`] but in tests; `together` resolves every entry in one
/// batch, as the crate alone would (the reference the batched reading is tested against).
pub fn plan<'s>(
    text: &'s str,
    file: FileId,
    batch_bytes: usize,
    together: bool,
) -> Result<Plan<'s>, ParseError> {
    let mut plan = Plan {
        batches: Vec::new(),
        single: None,
        abbreviations: Vec::new(),
        duplicates: Vec::new(),
        dropped: HashSet::new(),
        linked: (!together).then(HashSet::new),
        kept: 0,
        batch_bytes,
    };
    // Per key, the first entry's key span and where that entry begins.
    let mut first_at: HashMap<&'s str, (Range<usize>, usize)> = HashMap::new();
    let mut named: HashSet<&'s str> = HashSet::new();
    let mut start = 0;
    while start < text.len() {
        let (end, raw) = read_from(text, start, batch_bytes)?;
        let RawBibliography {
            entries,
            abbreviations,
            ..
        } = raw;
        plan.abbreviations.extend(abbreviations);
        for entry in &entries {
            let key = entry.v.key.v;
            if let Some((first, _)) = first_at.get(key) {
                plan.duplicates.push(DuplicateKey {
                    key: key.to_string(),
                    first: Span::new(file, first.start, first.end),
                    again: Span::new(file, entry.v.key.span.start, entry.v.key.span.end),
                });
                plan.dropped.insert(entry.span.start);
                continue;
            }
            first_at.insert(key, (entry.v.key.span.clone(), entry.span.start));
            plan.kept += 1;
            for field in &entry.v.fields {
                let name = field.key.v.to_ascii_lowercase();
                if !LINK_FIELDS.contains(&name.as_str()) && name != "ids" {
                    continue;
                }
                if let Some(set) = plan.linked.as_mut() {
                    set.insert(entry.span.start);
                }
                for chunk in &field.value.v {
                    match chunk.v {
                        RawChunk::Normal(value) => named.extend(value.split(',').map(|k| {
                            k.trim_matches(|c: char| c.is_whitespace() || c == '{' || c == '}')
                        })),
                        RawChunk::Abbreviation(_) => plan.linked = None,
                    }
                }
            }
        }
        if start == 0 && end == text.len() {
            plan.single = Some(entries);
        }
        plan.batches.push(start..end);
        start = end;
    }
    if let Some(set) = plan.linked.as_mut() {
        set.extend(
            named
                .iter()
                .filter_map(|k| first_at.get(k).map(|&(_, at)| at)),
        );
    }
    Ok(plan)
}

/// The batch's entries again, with spans into the file (the first reading accepted it).
pub fn read(text: &str, range: Range<usize>) -> Result<Vec<Spanned<RawEntry<'_>>>, ParseError> {
    let mut raw =
        RawBibliography::parse(&text[range.clone()]).map_err(|e| shifted(e, range.start))?;
    shift(&mut raw, range.start);
    Ok(raw.entries)
}

/// The next batch from `start` (where the reader is between entries): its end and its tree.
fn read_from(
    text: &str,
    start: usize,
    batch_bytes: usize,
) -> Result<(usize, RawBibliography<'_>), ParseError> {
    let mut want = batch_bytes.max(1);
    loop {
        let end = boundary_after(text, start.saturating_add(want));
        match RawBibliography::parse(&text[start..end]) {
            Ok(mut raw) => {
                shift(&mut raw, start);
                return Ok((end, raw));
            }
            Err(e) if end == text.len() => return Err(shifted(e, start)),
            Err(_) => want = want.saturating_mul(2),
        }
    }
}

/// The first `@` at or after `at` that opens a line, or the end of the text. Cut there, a
/// `%` comment between entries cannot be cut: it ends at the line's end.
fn boundary_after(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    let from = at.saturating_sub(1);
    match memchr::memmem::find(&text.as_bytes()[from..], b"\n@") {
        Some(found) => (from + found + 1).max(at),
        None => text.len(),
    }
}

fn shifted(mut e: ParseError, by: usize) -> ParseError {
    e.span = e.span.start + by..e.span.end + by;
    e
}

fn shift(raw: &mut RawBibliography<'_>, by: usize) {
    if by == 0 {
        return;
    }
    let move_range = |r: &mut Range<usize>| *r = r.start + by..r.end + by;
    let move_pair = |p: &mut Pair<'_>| {
        move_range(&mut p.key.span);
        move_range(&mut p.value.span);
        for chunk in &mut p.value.v {
            move_range(&mut chunk.span);
        }
    };
    for entry in &mut raw.entries {
        move_range(&mut entry.span);
        move_range(&mut entry.v.key.span);
        move_range(&mut entry.v.kind.span);
        entry.v.fields.iter_mut().for_each(move_pair);
    }
    raw.abbreviations.iter_mut().for_each(move_pair);
}

#[cfg(test)]
mod tests {
    use super::super::parse_bibtex_in;
    use crate::source::FileId;

    /// Everything a reading gives, as text, to compare two readings.
    fn reading(text: &str, batch_bytes: usize, together: bool) -> String {
        match parse_bibtex_in("refs.bib", text, FileId(0), batch_bytes, together) {
            Err(e) => format!("error: {e}"),
            Ok(db) => {
                let mut out = String::new();
                for e in &db.entries {
                    out.push_str(&format!("{e:?}\n"));
                }
                for d in &db.duplicates {
                    out.push_str(&format!("dup {} {:?} {:?}\n", d.key, d.first, d.again));
                }
                for c in &db.cycles {
                    out.push_str(&format!("cycle {} {:?}\n", c.path, c.span));
                }
                out
            }
        }
    }

    fn same_in_every_batching(text: &str) -> String {
        let whole = reading(text, usize::MAX, true);
        for batch_bytes in [1, 5, 40, 100, 300, usize::MAX] {
            assert_eq!(
                reading(text, batch_bytes, false),
                whole,
                "batches of {batch_bytes} bytes read\n{text}"
            );
        }
        whole
    }

    #[test]
    fn batches_read_what_the_whole_file_reads() {
        let plain = "@string{pub = {Red Star}}\n@book{a, author = {Orlova, Anna}, title = {Steel and Song}, publisher = pub, year = {1931}}\n% a comment with @book{b, title = {no}}\n@article{c, author = {Bek, Ivan and Rudin, Oleg}, title = {Norms}, journal = late, year = 1934}\n@string{late = {Late Journal}}\n@book{d, title = {Brace {Kept} Inside}, note = {a value\n@with an at sign opening a line}, year = {1940}}\n";
        let whole = same_in_every_batching(plain);
        assert_eq!(whole.matches("FileEntry").count(), 3, "{whole}");
        assert!(whole.contains("Late Journal"), "{whole}");

        let linked = "@incollection{essay, crossref = {vol}, title = {An Essay}}\n@book{other, title = {Alone}, ids = {alias}}\n@collection{vol, title = {The Volume}, publisher = {Press}, year = {1950}}\n@incollection{second, crossref = {alias}, title = {Second}}\n@book{x, xdata = {common}, title = {With Data}}\n@xdata{common, publisher = {Shared Press}, location = {Perm}}\n@book{plain, title = {Plain}}\n";
        let whole = same_in_every_batching(linked);
        assert!(whole.contains("Shared Press"), "{whole}");

        let repeats = "@book{a, title = {One}}\n@book{b, title = {Two}}\n@book{a, title = {Three}}\n@book{c, crossref = {a}}\n@book{b, title = {Four}}\n";
        assert!(same_in_every_batching(repeats).contains("dup a"));

        let cycles = "@string{s = s}\n@book{a, title = s # {x}}\n@book{b, crossref = {c}, title = {B}}\n@book{filler, title = {Between}}\n@book{c, crossref = {b}, title = {C}}\n";
        assert!(same_in_every_batching(cycles).contains("cycle crossref"));

        let via_string = "@string{target = {p}}\n@book{k, crossref = target, title = {K}}\n@book{p, year = {1960}, title = {P}}\n";
        same_in_every_batching(via_string);
    }

    #[test]
    fn a_broken_file_gives_the_whole_file_error() {
        for text in [
            "@book{a, title = {One}}\n@book{b, title = {unclosed}\n@book{c, title = {Three}}\n",
            "@book{a, title = {One}}\n@book{b, title = nowhere}\n@book{c, title = {Three}}\n",
            "@book{a, title = {One}}\n@book{b, title = {x}}\n@book{c title = {Three}}\n",
            "@book{a, crossref = {b}, title = {One}}\n@book{b, title = also}\n@book{c, title = undefined}\n",
        ] {
            assert!(same_in_every_batching(text).starts_with("error: `refs.bib` line"));
        }
    }
}
