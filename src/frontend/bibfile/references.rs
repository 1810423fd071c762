//! `@string` abbreviations and `crossref`/`xdata` links that the biblatex crate would follow
//! forever. It resolves them by plain recursion, without memory of where it has been: a
//! string defined by itself, two entries that cross-reference each other, or a few strings
//! that each double the next overflow the stack or never finish. They are found here, on
//! the raw file, and cut before the crate resolves anything; each cut is reported.

use std::collections::HashMap;
use std::ops::Range;

use biblatex::{Pair, RawChunk, RawEntry, Spanned};

use crate::model::ReferenceCycle;
use crate::source::{FileId, Span};

/// A reference that expands to more pieces than this is cut: strings that each repeat the
/// next twice grow exponentially, and no real bibliography comes near it.
const MAX_EXPANSION: u64 = 10_000;

/// Deeper chains than this are cut: the crate follows each link with a stack frame.
const MAX_DEPTH: u32 = 64;

/// What each `@string` expands to once its cycles are cut, by name (the last definition of a
/// name counts, as in the crate). `None` when the file defines no string: then no field is
/// measured, as before.
pub struct StringSizes<'s> {
    by_name: HashMap<&'s str, usize>,
    sizes: Vec<u64>,
}

/// The graph walk shared by strings and entries: nodes `0..n`, each with its links in order.
/// Returns, per node, the links to cut: a link back into the walk's own path (a cycle), or
/// the whole node when what it expands to is too large or too deep.
struct Walk<'a> {
    links: &'a [Vec<usize>],
    /// Pieces a node expands to besides its links (its own text).
    own_size: &'a [u64],
}

enum Cut {
    /// Link `link` of node `node` leads back to `path` (node names in order).
    Cycle {
        node: usize,
        link: usize,
        path: Vec<usize>,
    },
    /// Node `node` expands past the limits.
    TooLarge { node: usize },
}

impl Walk<'_> {
    fn run(&self) -> Vec<Cut> {
        let n = self.links.len();
        // 0: not seen, 1: on the path, 2: done.
        let mut state = vec![0u8; n];
        let mut size = vec![0u64; n];
        let mut depth = vec![0u32; n];
        let mut cut_links: Vec<Vec<bool>> =
            self.links.iter().map(|l| vec![false; l.len()]).collect();
        let mut cuts = Vec::new();
        for root in 0..n {
            if state[root] != 0 {
                continue;
            }
            let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
            state[root] = 1;
            while let Some(top) = stack.last_mut() {
                let (node, link) = *top;
                if let Some(&target) = self.links[node].get(link) {
                    top.1 += 1;
                    match state[target] {
                        0 => {
                            state[target] = 1;
                            stack.push((target, 0));
                        }
                        1 => {
                            cut_links[node][link] = true;
                            let from = stack.iter().position(|&(n, _)| n == target).unwrap_or(0);
                            let mut path: Vec<usize> =
                                stack[from..].iter().map(|&(n, _)| n).collect();
                            path.push(target);
                            cuts.push(Cut::Cycle { node, link, path });
                        }
                        _ => {}
                    }
                    continue;
                }
                // Every link followed: the node's size and depth are known.
                let (mut total, mut deepest) = (self.own_size[node], 0u32);
                for (link, &target) in self.links[node].iter().enumerate() {
                    if !cut_links[node][link] {
                        total = total.saturating_add(size[target]).saturating_add(1);
                        deepest = deepest.max(depth[target].saturating_add(1));
                    }
                }
                if total > MAX_EXPANSION || deepest > MAX_DEPTH {
                    cut_links[node].iter_mut().for_each(|c| *c = true);
                    cuts.push(Cut::TooLarge { node });
                    (total, deepest) = (self.own_size[node], 0);
                }
                size[node] = total;
                depth[node] = deepest;
                state[node] = 2;
                stack.pop();
            }
        }
        cuts
    }
}

pub fn break_strings<'s>(
    abbreviations: &mut [Pair<'s>],
    file: FileId,
    found: &mut Vec<ReferenceCycle>,
) -> Option<StringSizes<'s>> {
    if abbreviations.is_empty() {
        return None;
    }
    // The crate's map keeps the last definition of a name.
    let by_name: HashMap<&'s str, usize> = abbreviations
        .iter()
        .enumerate()
        .map(|(i, pair)| (pair.key.v, i))
        .collect();
    // Per string, its links: (target, index of the chunk that names it).
    let mut targets: Vec<Vec<(usize, usize)>> = Vec::with_capacity(abbreviations.len());
    let mut own_size = Vec::with_capacity(abbreviations.len());
    for pair in abbreviations.iter() {
        let mut links = Vec::new();
        let mut own = 0u64;
        for (chunk, spanned) in pair.value.v.iter().enumerate() {
            match spanned.v {
                RawChunk::Abbreviation(name) => match by_name.get(name) {
                    Some(&target) => links.push((target, chunk)),
                    None => own += 1,
                },
                RawChunk::Normal(_) => own += 1,
            }
        }
        targets.push(links);
        own_size.push(own);
    }
    let links: Vec<Vec<usize>> = targets
        .iter()
        .map(|l| l.iter().map(|&(t, _)| t).collect())
        .collect();
    let cuts = Walk {
        links: &links,
        own_size: &own_size,
    }
    .run();
    let names: Vec<&str> = abbreviations.iter().map(|p| p.key.v).collect();
    let name = |i: usize| format!("`{}`", names[i]);
    for cut in cuts {
        match cut {
            Cut::Cycle { node, link, path } => {
                let chunk = targets[node][link].1;
                let spanned = &mut abbreviations[node].value.v[chunk];
                found.push(ReferenceCycle {
                    span: span(file, spanned.span.clone()),
                    path: format!(
                        "@string {}",
                        path.iter()
                            .map(|&i| name(i))
                            .collect::<Vec<_>>()
                            .join(" → ")
                    ),
                });
                spanned.v = RawChunk::Normal("");
            }
            Cut::TooLarge { node } => {
                let pair = &mut abbreviations[node];
                found.push(ReferenceCycle {
                    span: span(file, pair.key.span.clone()),
                    path: format!("@string {} expands without end", name(node)),
                });
                for &(_, chunk) in &targets[node] {
                    pair.value.v[chunk].v = RawChunk::Normal("");
                }
            }
        }
    }
    let sizes = expanded_sizes(abbreviations, &by_name);
    Some(StringSizes { by_name, sizes })
}

/// Each entry's fields name strings too; a field that would expand past the limit is cut.
pub fn cut_expanding_fields(
    entries: &mut [Spanned<RawEntry<'_>>],
    sizes: &Option<StringSizes<'_>>,
    file: FileId,
    found: &mut Vec<ReferenceCycle>,
) {
    let Some(StringSizes { by_name, sizes }) = sizes else {
        return;
    };
    for entry in entries.iter_mut() {
        for field in &mut entry.v.fields {
            let total = field.value.v.iter().fold(0u64, |sum, chunk| match chunk.v {
                RawChunk::Abbreviation(name) => {
                    sum.saturating_add(by_name.get(name).map_or(1, |&i| sizes[i]))
                }
                RawChunk::Normal(_) => sum.saturating_add(1),
            });
            if total > MAX_EXPANSION {
                found.push(ReferenceCycle {
                    span: span(file, field.value.span.clone()),
                    path: format!(
                        "field `{}` of `{}` expands without end",
                        field.key.v, entry.v.key.v
                    ),
                });
                for chunk in &mut field.value.v {
                    chunk.v = RawChunk::Normal("");
                }
            }
        }
    }
}

/// What each string expands to, in pieces, once the cuts are made (no cycles remain).
fn expanded_sizes(abbreviations: &[Pair<'_>], by_name: &HashMap<&str, usize>) -> Vec<u64> {
    let n = abbreviations.len();
    let mut size: Vec<Option<u64>> = vec![None; n];
    for root in 0..n {
        let mut stack = vec![root];
        while let Some(&node) = stack.last() {
            if size[node].is_some() {
                stack.pop();
                continue;
            }
            let mut total = 0u64;
            let mut waiting = false;
            for chunk in &abbreviations[node].value.v {
                match chunk.v {
                    RawChunk::Abbreviation(name) => match by_name.get(name) {
                        Some(&target) => match size[target] {
                            Some(s) => total = total.saturating_add(s),
                            // Cycles were cut, so the stack stays shorter than the list.
                            None if stack.len() <= n => {
                                stack.push(target);
                                waiting = true;
                            }
                            None => total = total.saturating_add(1),
                        },
                        None => total = total.saturating_add(1),
                    },
                    RawChunk::Normal(_) => total = total.saturating_add(1),
                }
            }
            if !waiting {
                size[node] = Some(total);
                stack.pop();
            }
        }
    }
    size.into_iter().map(|s| s.unwrap_or(1)).collect()
}

/// The fields through which the crate follows one entry to another.
pub const LINK_FIELDS: [&str; 2] = ["crossref", "xdata"];

pub fn break_crossrefs(
    entries: &mut [Spanned<RawEntry<'_>>],
    file: FileId,
    found: &mut Vec<ReferenceCycle>,
) {
    let by_key: HashMap<&str, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.v.key.v, i))
        .collect();
    // Per entry, its links: (target, which field names it).
    let mut targets: Vec<Vec<(usize, usize)>> = Vec::with_capacity(entries.len());
    for entry in entries.iter() {
        let mut links = Vec::new();
        for (field_index, field) in entry.v.fields.iter().enumerate() {
            let name = field.key.v.to_ascii_lowercase();
            if !LINK_FIELDS.contains(&name.as_str()) {
                continue;
            }
            let value: String = field
                .value
                .v
                .iter()
                .filter_map(|c| match c.v {
                    RawChunk::Normal(text) => Some(text),
                    RawChunk::Abbreviation(_) => None,
                })
                .collect();
            for key in value.split(',') {
                if let Some(&target) = by_key.get(key.trim()) {
                    links.push((target, field_index));
                }
            }
        }
        targets.push(links);
    }
    if targets.iter().all(Vec::is_empty) {
        return;
    }
    let links: Vec<Vec<usize>> = targets
        .iter()
        .map(|l| l.iter().map(|&(t, _)| t).collect())
        .collect();
    let own_size = vec![0u64; links.len()];
    let cuts = Walk {
        links: &links,
        own_size: &own_size,
    }
    .run();
    let mut dropped: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
    let key = |i: usize| format!("`{}`", entries[i].v.key.v);
    for cut in cuts {
        match cut {
            Cut::Cycle { node, link, path } => {
                let field = targets[node][link].1;
                let field_name = entries[node].v.fields[field].key.v;
                found.push(ReferenceCycle {
                    span: span(file, entries[node].v.fields[field].value.span.clone()),
                    path: format!(
                        "{field_name} {}",
                        path.iter().map(|&i| key(i)).collect::<Vec<_>>().join(" → ")
                    ),
                });
                dropped[node].push(field);
            }
            Cut::TooLarge { node } => {
                found.push(ReferenceCycle {
                    span: span(file, entries[node].v.key.span.clone()),
                    path: format!("the crossref chain of {} goes on without end", key(node)),
                });
                dropped[node].extend(targets[node].iter().map(|&(_, field)| field));
            }
        }
    }
    for (entry, fields) in entries.iter_mut().zip(dropped) {
        if fields.is_empty() {
            continue;
        }
        let mut index = 0;
        entry.v.fields.retain(|_| {
            index += 1;
            !fields.contains(&(index - 1))
        });
    }
}

fn span(file: FileId, range: Range<usize>) -> Span {
    Span::new(file, range.start, range.end)
}

#[cfg(test)]
mod tests {
    use crate::frontend::bibfile::parse_bibtex;
    use crate::source::FileId;

    fn cycles(text: &str) -> (Vec<String>, Vec<Option<String>>) {
        let database = parse_bibtex("refs.bib", text, FileId(0)).expect("read, not refused");
        let paths = database.cycles.iter().map(|c| c.path.clone()).collect();
        let titles = database
            .entries
            .iter()
            .map(|e| e.publication.title.as_ref().map(|t| t.text.clone()))
            .collect();
        (paths, titles)
    }

    #[test]
    fn a_string_defined_through_itself_reads_empty() {
        let (paths, titles) =
            cycles("@string{a = a}\n@book{x, title = a # { Road}, year = {1990}}\n");
        assert_eq!(paths, vec!["@string `a` → `a`"]);
        assert_eq!(titles, vec![Some(" Road".to_string())]);
        let (paths, _) = cycles("@string{a = b}\n@string{b = {x} # a}\n@book{x, title = b}\n");
        assert_eq!(paths, vec!["@string `a` → `b` → `a`"]);
    }

    #[test]
    fn crossref_loops_are_cut_and_both_entries_kept() {
        let (paths, titles) = cycles("@book{x, crossref = {x}, title = {T}}\n");
        assert_eq!(paths, vec!["crossref `x` → `x`"]);
        assert_eq!(titles, vec![Some("T".to_string())]);
        let (paths, titles) = cycles(
            "@incollection{essay, crossref = {volume}, title = {Essay}}\n@collection{volume, crossref = {essay}, title = {Volume}}\n",
        );
        assert_eq!(paths.len(), 1, "{paths:?}");
        assert_eq!(titles.len(), 2);
    }

    #[test]
    fn strings_that_double_each_other_are_cut_before_they_explode() {
        let mut text = String::from("@string{a0 = {x}}\n");
        for i in 1..40 {
            text.push_str(&format!("@string{{a{i} = a{} # a{}}}\n", i - 1, i - 1));
        }
        text.push_str("@book{k, title = a39}\n");
        let (paths, titles) = cycles(&text);
        assert!(
            paths.iter().all(|p| p.contains("expands without end")),
            "{paths:?}"
        );
        assert!(!paths.is_empty());
        assert!(titles[0].as_ref().is_some_and(|t| t.len() <= 10_000));
    }

    #[test]
    fn ordinary_strings_and_crossrefs_resolve_as_before() {
        let text = "@string{cup = {Cambridge University Press}}\n@string{camb = {Cambridge}}\n@collection{vol, title = {The Volume}, publisher = cup, address = camb, year = {1990}}\n@incollection{essay, crossref = {vol}, title = {An Essay}}\n";
        let database = parse_bibtex("refs.bib", text, FileId(0)).expect("parses");
        assert!(database.cycles.is_empty());
        let essay = &database.entries[1].publication;
        assert_eq!(
            essay.publisher.as_ref().map(|p| p.text.as_str()),
            Some("Cambridge University Press")
        );
        assert_eq!(essay.year.as_ref().map(|y| y.text.as_str()), Some("1990"));
    }
}
