use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::rules::Context;

use super::{DIVISIONS, capitalized, divisions, heading_line};

declare_rule! {
    /// Sibling divisions at different heading levels, or a heading that skips a level.
    ///
    /// ## What it checks
    /// Headings that open numbered divisions of one kind (Part I … Part IV, Chapter 1 … n)
    /// must all sit at the same heading level; the ones at another level than most of their
    /// siblings are reported. A heading more than one level deeper than the heading before it
    /// (`#` followed by `###`) skips a level.
    ///
    /// ## Why
    /// Word styles lost in conversion leave one part a level lower than the others: the
    /// generated table of contents, the PDF outline and the running heads then nest it inside
    /// the part before it.
    ///
    /// ## Example
    /// ```markdown
    /// ## Part II
    /// ### Part III
    /// ```
    /// Give siblings one level:
    /// ```markdown
    /// ## Part II
    /// ## Part III
    /// ```
    pub static HEADING_HIERARCHY = {
        code: "ST002",
        name: "heading-hierarchy",
        family: Structure,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let divisions = divisions(ms);
    let mut flagged = vec![false; ms.headings.len()];
    for (kind, division) in DIVISIONS.iter().enumerate() {
        let siblings: Vec<usize> = divisions
            .iter()
            .filter(|(_, d)| d.kind == kind)
            .map(|(id, _)| *id)
            .collect();
        if siblings.len() < 2 {
            continue;
        }
        let mut counts = [0usize; 7];
        for &id in &siblings {
            counts[ms.headings[id].level.min(6) as usize] += 1;
        }
        // The most common level; on a tie, the level of the first division.
        let first_level = ms.headings[siblings[0]].level.min(6) as usize;
        let usual = (1..=6)
            .max_by_key(|&level| (counts[level], level == first_level))
            .unwrap_or(first_level);
        let name = capitalized(division);
        for &id in &siblings {
            let heading = &ms.headings[id];
            if heading.level as usize == usual {
                continue;
            }
            let Some(&sibling) = siblings
                .iter()
                .find(|&&other| ms.headings[other].level as usize == usual)
            else {
                continue;
            };
            flagged[id] = true;
            out.push(
                Finding::new(
                    heading_line(ms, heading),
                    format!(
                        "`{}` is a level-{} heading, but {} of its sibling {name}s are level {usual}",
                        heading.text.trim(),
                        heading.level,
                        counts[usual]
                    ),
                )
                .related(heading_line(ms, &ms.headings[sibling]), format!("a {name} at level {usual}")),
            );
        }
    }
    // Per file and level, how many headings: a single heading above every other level of its
    // file is a heading of a reproduced document (a newspaper page quoted in full), not a
    // level of the author's outline, and nothing under it skips a level. (The first heading of
    // a file is its title, and is part of the outline.)
    let mut per_level: rustc_hash::FxHashMap<(crate::source::FileId, u8), usize> =
        rustc_hash::FxHashMap::default();
    for heading in &ms.headings {
        *per_level.entry((heading.file, heading.level)).or_default() += 1;
    }
    let first_of_file = |id: usize| id == 0 || ms.headings[id - 1].file != ms.headings[id].file;
    let outside_outline = |id: usize| {
        let heading = &ms.headings[id];
        !first_of_file(id)
            && per_level.get(&(heading.file, heading.level)) == Some(&1)
            && per_level
                .keys()
                .filter(|(file, level)| *file == heading.file && *level != heading.level)
                .all(|(_, level)| *level > heading.level)
            && per_level
                .keys()
                .any(|(file, level)| *file == heading.file && *level != heading.level)
    };
    for (id, pair) in ms.headings.windows(2).enumerate() {
        let (previous, heading) = (&pair[0], &pair[1]);
        if flagged[id + 1] || previous.file != heading.file || heading.level <= previous.level + 1 {
            continue;
        }
        if outside_outline(id) {
            continue;
        }
        out.push(
            Finding::new(
                heading_line(ms, heading),
                format!(
                    "heading level jumps from {} to {}: a level-{} heading is missing between them",
                    previous.level,
                    heading.level,
                    previous.level + 1
                ),
            )
            .related(
                heading_line(ms, previous),
                format!("the level-{} heading before it", previous.level),
            ),
        );
    }
}
