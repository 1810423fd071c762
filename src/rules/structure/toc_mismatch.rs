use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::model::{BlockKind, HeadingId, Manuscript, Role};
use crate::rules::Context;
use crate::source::Span;
use crate::text::fold;

declare_rule! {
    /// A table-of-contents entry whose title no longer matches its heading.
    ///
    /// ## What it checks
    /// In a section named Contents or Table of Contents, each line with dot leaders, a page
    /// number or a link is an entry. Each entry is compared, word by word, with the heading it
    /// names (a title split over consecutive headings, `## Part III` then `#### Echoes …`, is
    /// read as one); the words that differ are shown from both sides. An entry may leave out a
    /// subtitle after a colon or slash. Page numbers are not checked.
    ///
    /// ## Why
    /// A typed table of contents is written once and forgotten; headings keep changing until
    /// submission, and the examiner's first page then disagrees with the chapter it announces.
    ///
    /// ## Example
    /// ```markdown
    /// ## Contents
    /// Part III – Echoes of Orthodoxy: Records in the Approach to Virtue ..... 40
    ///
    /// ## Part III – Echoes of Orthodoxy: Records in the Approach of Virtue
    /// ```
    /// Make the entry say what the heading says (or the reverse):
    /// ```markdown
    /// Part III – Echoes of Orthodoxy: Records in the Approach of Virtue ..... 40
    /// ```
    pub static TOC_MISMATCH = {
        code: "ST001",
        name: "toc-mismatch",
        family: Structure,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

/// Below this share of common words an entry is taken to name no heading at all.
const SAME_TITLE: f64 = 0.6;

struct Word<'a> {
    shown: &'a str,
    key: String,
    /// A colon, slash or dash follows: what comes after may be a subtitle.
    ends_segment: bool,
    span: Span,
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    for (toc_id, toc) in ms.headings.iter().enumerate() {
        let title = fold(&toc.text);
        if title != "contents" && title != "table of contents" {
            continue;
        }
        let entries = toc_entries(ms, toc_id as HeadingId);
        if entries.is_empty() {
            continue;
        }
        let titles = heading_titles(ms, toc_id);
        let mut reports = Vec::new();
        let mut matched = 0;
        for entry in &entries {
            let best = titles
                .iter()
                .map(|title| (compare(entry, title), title))
                .max_by(|a, b| a.0.score.total_cmp(&b.0.score));
            match best {
                Some((comparison, _)) if comparison.exact => matched += 1,
                Some((comparison, title)) if comparison.score >= SAME_TITLE => {
                    matched += 1;
                    reports.push(mismatch(entry, title, &comparison));
                }
                _ => reports.push(
                    Finding::new(
                        entry_span(entry),
                        "no heading matches this table-of-contents entry",
                    )
                    .identity(format!("toc entry: {}", entry_text(entry))),
                ),
            }
        }
        // A list that matches nothing is not this manuscript's table of contents.
        if matched > 0 {
            out.extend(reports);
        }
    }
}

/// The entries of a table of contents: its lines, each cut down to its title.
fn toc_entries(ms: &Manuscript, toc: HeadingId) -> Vec<Vec<Word<'_>>> {
    let mut entries = Vec::new();
    for block in ms.blocks.iter().filter(|b| {
        b.section == Some(toc)
            && b.role == Role::Body
            && matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem)
    }) {
        let text = ms.text(block.span);
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let start = block.span.start as usize + offset;
            offset += line.len();
            let Some(title) = entry_title(line) else {
                continue;
            };
            let words = words_of(line, title, |range| {
                Span::new(block.file, start + range.start, start + range.end)
            });
            if !words.is_empty() {
                entries.push(words);
            }
        }
    }
    entries
}

/// The byte range of an entry's title in its line, without list marker, link markup, dot
/// leaders and page number; `None` when the line has none of leaders, page number or link.
fn entry_title(line: &str) -> Option<std::ops::Range<usize>> {
    let trimmed = line.trim_end();
    let without_page = trimmed.trim_end_matches(|c: char| c.is_ascii_digit() || c == '\t');
    let without_page = if without_page.len() == trimmed.len() {
        let roman = trimmed.trim_end_matches(['i', 'v', 'x']);
        if roman.len() < trimmed.len() && roman.ends_with(|c: char| c.is_whitespace() || c == '.') {
            roman
        } else {
            trimmed
        }
    } else {
        without_page
    };
    let has_page = without_page.len() < trimmed.len()
        && without_page.ends_with(|c: char| c.is_whitespace() || c == '.');
    let without_leaders =
        without_page.trim_end_matches(|c: char| c == '.' || c == '…' || c.is_whitespace());
    let has_leaders =
        without_page.len() - without_leaders.len() >= 3 && without_page.contains("..");
    let has_link = trimmed.contains("](");
    if !(has_page || has_leaders || has_link) {
        return None;
    }
    let end = if has_link {
        without_leaders.find("](").unwrap_or(without_leaders.len())
    } else {
        without_leaders.len()
    };
    let head = &line[..end];
    let start = head.len()
        - head
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '*' | '+' | '['))
            .len();
    (start < end).then_some(start..end)
}

/// Words of a title with their keys; HTML tags and emphasis marks are skipped.
fn words_of<'a>(
    text: &'a str,
    range: std::ops::Range<usize>,
    span_of: impl Fn(std::ops::Range<usize>) -> Span,
) -> Vec<Word<'a>> {
    let mut words: Vec<Word<'a>> = Vec::new();
    let mut i = range.start;
    let bytes = text.as_bytes();
    while i < range.end {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if c == '<' {
            if let Some(close) = text[i..range.end].find('>') {
                i += close + 1;
                continue;
            }
        }
        if c.is_alphanumeric() {
            let start = i;
            while i < range.end {
                let Some(next) = text[i..].chars().next() else {
                    break;
                };
                let inner_apostrophe = crate::text::is_apostrophe(next)
                    && text[i + next.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                if !(next.is_alphanumeric() || inner_apostrophe) {
                    break;
                }
                i += next.len_utf8();
            }
            let shown = &text[start..i];
            words.push(Word {
                shown,
                key: fold(shown),
                ends_segment: false,
                span: span_of(start..i),
            });
            continue;
        }
        if matches!(c, ':' | '/' | '(' | '—' | '–' | '?' | '!' | ';')
            || (c == '-' && i > 0 && bytes[i - 1] == b' ')
        {
            if let Some(last) = words.last_mut() {
                last.ends_segment = true;
            }
        }
        i += c.len_utf8();
    }
    words
}

/// Every title a heading can be listed under: the heading alone, or run together with the
/// headings that follow it with no text between (`Part I` + `Bolshevik Miracles:` + `The …`).
fn heading_titles(ms: &Manuscript, toc: usize) -> Vec<Vec<Word<'_>>> {
    let mut follows_directly = vec![false; ms.headings.len()];
    let mut previous_heading: Option<usize> = None;
    for block in &ms.blocks {
        match block.kind {
            BlockKind::Heading(id) => {
                let id = id as usize;
                if let Some(previous) = previous_heading {
                    follows_directly[id] = previous + 1 == id;
                }
                previous_heading = Some(id);
            }
            BlockKind::Break => {}
            _ => previous_heading = None,
        }
    }
    let mut titles = Vec::new();
    for start in toc + 1..ms.headings.len() {
        let mut title: Vec<Word<'_>> = Vec::new();
        for (id, &follows) in follows_directly.iter().enumerate().skip(start) {
            if id > start && !follows || id - start >= 4 {
                break;
            }
            let heading = &ms.headings[id];
            let line = ms.text(heading.span);
            if let Some(last) = title.last_mut() {
                last.ends_segment = true;
            }
            title.extend(words_of(line, heading_text_range(line), |range| {
                Span::new(
                    heading.file,
                    heading.span.start as usize + range.start,
                    heading.span.start as usize + range.end,
                )
            }));
            if !title.is_empty() {
                titles.push(clone_words(&title));
            }
        }
    }
    titles
}

fn heading_text_range(line: &str) -> std::ops::Range<usize> {
    let start = line.len() - line.trim_start_matches(['#', ' ']).len();
    start
        ..line
            .trim_end_matches(['#', ' ', '\n', '\r'])
            .len()
            .max(start)
}

fn clone_words<'a>(words: &[Word<'a>]) -> Vec<Word<'a>> {
    words
        .iter()
        .map(|w| Word {
            shown: w.shown,
            key: w.key.clone(),
            ends_segment: w.ends_segment,
            span: w.span,
        })
        .collect()
}

struct Comparison {
    exact: bool,
    score: f64,
    /// Per word of each side: part of the longest common subsequence.
    entry_common: Vec<bool>,
    title_common: Vec<bool>,
}

fn compare(entry: &[Word<'_>], title: &[Word<'_>]) -> Comparison {
    let same_prefix = entry.len() <= title.len()
        && entry.iter().zip(title).all(|(a, b)| a.key == b.key)
        && (entry.len() == title.len() || title[entry.len() - 1].ends_segment);
    let (entry_common, title_common) = common_words(entry, title);
    let common = entry_common.iter().filter(|c| **c).count();
    let score = if same_prefix {
        1.0
    } else {
        common as f64 / entry.len().max(title.len()) as f64
    };
    Comparison {
        exact: same_prefix,
        score,
        entry_common,
        title_common,
    }
}

/// The longest common subsequence of two short word lists, as membership flags.
fn common_words(a: &[Word<'_>], b: &[Word<'_>]) -> (Vec<bool>, Vec<bool>) {
    let width = b.len() + 1;
    let mut table = vec![0u16; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            table[i * width + j] = if a[i].key == b[j].key {
                table[(i + 1) * width + j + 1] + 1
            } else {
                table[(i + 1) * width + j].max(table[i * width + j + 1])
            };
        }
    }
    let (mut in_a, mut in_b) = (vec![false; a.len()], vec![false; b.len()]);
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].key == b[j].key {
            in_a[i] = true;
            in_b[j] = true;
            i += 1;
            j += 1;
        } else if table[(i + 1) * width + j] >= table[i * width + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    (in_a, in_b)
}

fn mismatch(entry: &[Word<'_>], title: &[Word<'_>], comparison: &Comparison) -> Finding {
    let differing = |words: &[Word<'_>], common: &[bool]| -> Vec<String> {
        words
            .iter()
            .zip(common)
            .filter(|(_, c)| !**c)
            .map(|(w, _)| format!("`{}`", w.shown))
            .collect()
    };
    let in_entry = differing(entry, &comparison.entry_common);
    let in_heading = differing(title, &comparison.title_common);
    let side = |words: &[String], place: &str| match words.len() {
        0 => format!("nothing in its place in the {place}"),
        _ => format!("{} in the {place}", words.join(" ")),
    };
    let message = format!(
        "table-of-contents entry differs from its heading: {} against {}",
        side(&in_entry, "contents"),
        side(&in_heading, "heading")
    );
    let first_differing = title
        .iter()
        .zip(&comparison.title_common)
        .find(|(_, c)| !**c)
        .map_or(title[0].span, |(w, _)| w.span);
    let span = entry
        .iter()
        .zip(&comparison.entry_common)
        .find(|(_, c)| !**c)
        .map_or(entry_span(entry), |(w, _)| w.span);
    Finding::new(span, message)
        .related(first_differing, "the heading says this")
        .identity(format!("toc entry: {}", entry_text(entry)))
}

fn entry_span(entry: &[Word<'_>]) -> Span {
    let (first, last) = (entry[0].span, entry[entry.len() - 1].span);
    Span::new(first.file, first.start as usize, last.end as usize)
}

fn entry_text(entry: &[Word<'_>]) -> String {
    entry
        .iter()
        .map(|w| w.key.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}
