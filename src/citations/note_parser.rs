//! Finds the citations inside a note's text: anchored on titles (italic or quoted), with the
//! author names before them and the facts and pages after; plus ibid., archival signatures,
//! scripture and web pages. Prose around citations is left alone: a title counts only when
//! names precede it or it opens a citation unit and page numbers or facts follow.

use std::ops::Range;

use super::scan::{
    self, author_before, pages_after, parenthetical_after, read_facts, skip_edition,
};
use super::{Citation, CitationKind, Fact, IbidForm, Publication, lex};
use crate::model::NoteId;
use crate::source::Span;

#[derive(Clone, Copy, PartialEq, Eq)]
enum AnchorKind {
    Italic,
    Quoted,
}

#[derive(Clone)]
struct Anchor {
    kind: AnchorKind,
    /// The title without its delimiters.
    inner: Range<usize>,
    /// With its delimiters (`*…*`, `“…”`).
    outer: Range<usize>,
}

const LEAD_WORDS: &[&str] = &[
    "see", "also", "cf", "compare", "for", "example", "instance", "e", "g", "quoted", "in",
];

pub struct NoteParser {
    scripture_books: std::collections::HashSet<String>,
}

impl NoteParser {
    pub fn new(scripture_books: &[String]) -> NoteParser {
        NoteParser {
            scripture_books: scripture_books.iter().cloned().collect(),
        }
    }

    /// Appends the citations found in `text`, which is the source at `base`.
    pub fn parse(
        &self,
        text: &str,
        base: Span,
        italics: &[Range<usize>],
        note: NoteId,
        out: &mut Vec<Citation>,
    ) {
        let anchors = anchors(text, italics);
        for unit in scan::units(text) {
            let mut reader = Reader {
                text,
                base,
                note,
                out: &mut *out,
            };
            reader.unit(self, unit, &anchors);
        }
    }
}

fn anchors(text: &str, italics: &[Range<usize>]) -> Vec<Anchor> {
    let mut list: Vec<Anchor> = Vec::new();
    for inner in italics {
        let start = text[..inner.start].trim_end_matches(['*', '_']).len();
        let after = &text[inner.end..];
        let end = inner.end + (after.len() - after.trim_start_matches(['*', '_']).len());
        list.push(Anchor {
            kind: AnchorKind::Italic,
            inner: inner.clone(),
            outer: start..end,
        });
    }
    for outer in scan::quoted_ranges(text) {
        // A quotation inside an italic title belongs to the title.
        if list.iter().any(|a| {
            a.kind == AnchorKind::Italic && a.outer.start <= outer.start && outer.end <= a.outer.end
        }) {
            continue;
        }
        let open_len = text[outer.start..].chars().next().map_or(1, char::len_utf8);
        let close_len = text[..outer.end]
            .chars()
            .next_back()
            .map_or(1, char::len_utf8);
        list.push(Anchor {
            kind: AnchorKind::Quoted,
            inner: outer.start + open_len..outer.end - close_len,
            outer,
        });
    }
    // An italic inside a quoted title is part of that title.
    let quoted: Vec<Range<usize>> = list
        .iter()
        .filter(|a| a.kind == AnchorKind::Quoted)
        .map(|a| a.outer.clone())
        .collect();
    list.retain(|a| {
        a.kind == AnchorKind::Quoted
            || !quoted
                .iter()
                .any(|q| q.start < a.outer.start && a.outer.end <= q.end)
    });
    list.sort_by_key(|a| a.outer.start);
    list
}

struct Reader<'a> {
    text: &'a str,
    base: Span,
    note: NoteId,
    out: &'a mut Vec<Citation>,
}

impl Reader<'_> {
    fn span(&self, range: Range<usize>) -> Span {
        Span::new(
            self.base.file,
            self.base.start as usize + range.start,
            self.base.start as usize + range.end,
        )
    }

    fn fact(&self, range: Range<usize>) -> Fact {
        Fact {
            text: self.text[range.clone()].to_string(),
            span: self.span(range),
        }
    }

    fn blank(&self, kind: CitationKind, range: Range<usize>) -> Citation {
        Citation {
            note: self.note,
            kind,
            span: self.span(range),
            full: false,
            publication: Publication::default(),
            archive: None,
            ibid: None,
            title_key: Vec::new(),
            work: None,
        }
    }

    fn unit(&mut self, parser: &NoteParser, unit: Range<usize>, anchors: &[Anchor]) {
        let text = self.text;
        let opening = text[unit.clone()].trim_start_matches(['*', '_']);
        let may_be_ibid = opening
            .get(..4)
            .is_some_and(|head| head.eq_ignore_ascii_case("ibid"));
        let ibid = if may_be_ibid {
            lex::ibid(&text[unit.clone()])
        } else {
            None
        };
        if let Some(found) = ibid {
            let after = unit.start + found.len;
            let next = text[after..].chars().next();
            if !next.is_some_and(char::is_alphabetic) {
                let end = pages_after(text, after).map_or(after, |p| p.end);
                let mut citation = self.blank(CitationKind::Ibid, unit.start..end);
                citation.ibid = Some(IbidForm {
                    italic: found.italic,
                    period: found.period,
                    capital: found.capital,
                });
                self.out.push(citation);
                // The rest of the unit may discuss the source and cite another.
                let rest = end..unit.end;
                if !rest.is_empty() {
                    self.unit(parser, rest, anchors);
                }
                return;
            }
        }
        let unit_text = &text[unit.clone()];
        let shifted = |r: Range<usize>| unit.start + r.start..unit.start + r.end;
        for url in lex::urls(unit_text) {
            let range = shifted(url);
            let mut citation = self.blank(CitationKind::Web, range.clone());
            citation.publication.title = Some(self.fact(range));
            citation.full = true;
            self.out.push(citation);
        }
        for op_cit in lex::op_cits(unit_text) {
            self.out
                .push(self.blank(CitationKind::OpCit, shifted(op_cit)));
        }
        for archive in lex::archives(unit_text) {
            let mut end = unit.start + archive.whole.end;
            while let Some(len) = lex::signature_part(&text[end..unit.end]) {
                end += len;
            }
            let mut citation = self.blank(
                CitationKind::Archival,
                unit.start + archive.whole.start..end,
            );
            citation.archive = Some(self.fact(shifted(archive.abbr)));
            citation.full = true;
            self.out.push(citation);
        }
        for scripture in lex::scriptures(unit_text) {
            let book = &unit_text[scripture.book.clone()];
            if !parser.scripture_books.contains(book) {
                continue;
            }
            let mut citation = self.blank(CitationKind::Scripture, shifted(scripture.whole));
            citation.full = true;
            self.out.push(citation);
        }
        let mut consumed = unit.start;
        for (i, anchor) in anchors.iter().enumerate() {
            if anchor.outer.start < consumed || anchor.outer.end > unit.end {
                continue;
            }
            let found = match anchor.kind {
                AnchorKind::Quoted => self.quoted(anchor, &anchors[i + 1..], consumed, unit.end),
                AnchorKind::Italic => self.italic(anchor, consumed, unit.end),
            };
            if let Some((citation, end)) = found {
                consumed = end;
                self.out.push(citation);
            }
        }
    }

    /// Only lead-in words (`See also`, `cf.`) between `floor` and `at`.
    fn opens_unit(&self, floor: usize, at: usize) -> bool {
        self.text[floor..at]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| LEAD_WORDS.contains(&w.to_lowercase().as_str()))
    }

    fn title_fact(&self, anchor: &Anchor) -> Fact {
        let inner = &self.text[anchor.inner.clone()];
        let trimmed = inner.trim_end_matches([',', '.', ' ', ':']);
        self.fact(anchor.inner.start..anchor.inner.start + trimmed.len())
    }

    fn with_author(&self, citation: &mut Citation, author: Option<(Range<usize>, Vec<String>)>) {
        if let Some((range, surnames)) = author {
            citation.span = self.span(range.start..(citation.span.end - self.base.start) as usize);
            citation.publication.author = Some(self.fact(range));
            citation.publication.surnames = surnames;
        }
    }

    fn add_facts(&self, citation: &mut Citation, inner: Range<usize>) {
        let facts = read_facts(self.text, inner);
        citation.publication.place = facts.place.map(|r| self.fact(r));
        citation.publication.publisher = facts.publisher.map(|r| self.fact(r));
        citation.publication.year = facts.year.map(|r| self.fact(r));
    }

    fn quoted(
        &self,
        anchor: &Anchor,
        later: &[Anchor],
        floor: usize,
        limit: usize,
    ) -> Option<(Citation, usize)> {
        let text = self.text;
        let author = author_before(text, floor, anchor.outer.start);
        if author.is_none() && !self.opens_unit(floor, anchor.outer.start) {
            return None;
        }
        let after = anchor.outer.end;
        let title = self.title_fact(anchor);

        if let Some(skip) = lex::in_after(&text[after..limit]) {
            let container_from = after + skip;
            // `in *Book*` or `in Editor, *Book*`: nothing but names may stand between.
            let container = later.iter().find(|a| {
                a.kind == AnchorKind::Italic
                    && a.outer.start >= container_from
                    && a.outer.end <= limit
                    && (text[container_from..a.outer.start].trim().is_empty()
                        || author_before(text, container_from, a.outer.start)
                            .is_some_and(|(names, _)| names.start == container_from))
            })?;
            let (end, volume) = skip_edition(text, container.outer.end);
            if lex::issue_after(&text[container.outer.end..limit]) {
                // `"Title" in *Stakhanovets* no. 10 (1937): 11`: an article, not a chapter.
                return self.in_periodical(anchor, container, author, limit);
            }
            let mut citation = self.blank(CitationKind::Chapter, anchor.outer.start..end);
            citation.publication.title = Some(title);
            citation.publication.container = Some(self.title_fact(container));
            citation.publication.volume = volume.map(|r| self.fact(r));
            let mut end = end;
            if let Some((inner, close)) =
                parenthetical_after(text, end).filter(|(_, close)| *close <= limit)
            {
                self.add_facts(&mut citation, inner);
                citation.full = citation.publication.year.is_some();
                end = close;
            }
            if let Some(pages) = pages_after(text, end).filter(|p| p.end <= limit) {
                end = pages.end;
            }
            citation.span = self.span(anchor.outer.start..end);
            self.with_author(&mut citation, author);
            return Some((citation, end));
        }

        let gap = &text[after..limit];
        let skipped = gap.len() - gap.trim_start_matches([',', ' ']).len();
        if let Some(container) = later.iter().find(|a| {
            a.kind == AnchorKind::Italic && a.outer.start == after + skipped && a.outer.end <= limit
        }) {
            return self.in_periodical(anchor, container, author, limit);
        }

        // `Walton, "Image of Man in Marx," 74`: a short form of an article or chapter.
        let author = author?;
        let pages = pages_after(text, after)
            .filter(|p| p.end <= limit && !followed_by_word(text, p.end))?;
        let mut citation = self.blank(CitationKind::Article, anchor.outer.start..pages.end);
        citation.publication.title = Some(title);
        self.with_author(&mut citation, Some(author));
        Some((citation, pages.end))
    }

    /// A quoted title followed by a periodical's name: a newspaper item (with a date) or a
    /// journal article (with an issue and year).
    fn in_periodical(
        &self,
        anchor: &Anchor,
        container: &Anchor,
        author: Option<(Range<usize>, Vec<String>)>,
        limit: usize,
    ) -> Option<(Citation, usize)> {
        let text = self.text;
        let title = self.title_fact(anchor);
        {
            let mut end = container.outer.end;
            let mut citation = self.blank(CitationKind::Periodical, anchor.outer.start..end);
            citation.publication.title = Some(title);
            citation.publication.container = Some(self.title_fact(container));
            if let Some(date) = lex::date_after(&text[end..limit]) {
                citation.publication.year =
                    scan::year_in(text, end..end + date).map(|r| self.fact(r));
                end += date;
                citation.full = true;
            } else if let Some((inner, close)) =
                parenthetical_after(text, issue_end(text, end, limit)).filter(|(_, c)| *c <= limit)
            {
                citation.kind = CitationKind::Article;
                citation.publication.year = scan::year_in(text, inner).map(|r| self.fact(r));
                citation.full = citation.publication.year.is_some();
                end = close;
            }
            if let Some(pages) = pages_after(text, end).filter(|p| p.end <= limit) {
                end = pages.end;
            }
            citation.span = self.span(anchor.outer.start..end);
            self.with_author(&mut citation, author);
            Some((citation, end))
        }
    }

    fn italic(&self, anchor: &Anchor, floor: usize, limit: usize) -> Option<(Citation, usize)> {
        let text = self.text;
        let author = author_before(text, floor, anchor.outer.start);
        if author.is_none() && !self.opens_unit(floor, anchor.outer.start) {
            return None;
        }
        let title = self.title_fact(anchor);
        let (end, volume) = skip_edition(text, anchor.outer.end);
        let mut citation = self.blank(CitationKind::Book, anchor.outer.start..end);
        citation.publication.title = Some(title);
        citation.publication.volume = volume.map(|r| self.fact(r));

        if let Some((inner, close)) = parenthetical_after(text, end).filter(|(_, c)| *c <= limit) {
            self.add_facts(&mut citation, inner);
            if citation.publication.year.is_some() || citation.publication.place.is_some() {
                citation.full = true;
                let end = pages_after(text, close)
                    .filter(|p| p.end <= limit)
                    .map_or(close, |p| p.end);
                citation.span = self.span(anchor.outer.start..end);
                self.with_author(&mut citation, author);
                return Some((citation, end));
            }
            citation.publication.place = None;
            citation.publication.publisher = None;
            citation.publication.year = None;
        }
        // `*Stakhanovets*, no. 2 (1937): 2` or `*Pravda*, 15 October 1935`: a periodical issue.
        let after_title = &text[anchor.outer.end..limit];
        if author.is_none() {
            let issue_or_date = match lex::date_after(after_title) {
                Some(date) => Some(anchor.outer.end + date),
                None if lex::issue_after(after_title) => {
                    let issue = issue_end(text, anchor.outer.end, limit);
                    Some(
                        parenthetical_after(text, issue)
                            .filter(|(_, c)| *c <= limit)
                            .map_or(issue, |(_, c)| c),
                    )
                }
                None => None,
            };
            if let Some(end) = issue_or_date {
                let end = pages_after(text, end)
                    .filter(|p| p.end <= limit)
                    .map_or(end, |p| p.end);
                let mut periodical = self.blank(CitationKind::Periodical, anchor.outer.start..end);
                periodical.publication.container = citation.publication.title.take();
                periodical.full = true;
                return Some((periodical, end));
            }
        }
        if let Some(pages) =
            pages_after(text, end).filter(|p| p.end <= limit && !followed_by_word(text, p.end))
        {
            citation.span = self.span(anchor.outer.start..pages.end);
            self.with_author(&mut citation, author);
            return Some((citation, pages.end));
        }
        // `Mariia Demchenko, *Poliubi zemliu*.` — names and a title, nothing more.
        let rest = text[end..limit].trim_start();
        if author.is_some() && (rest.is_empty() || rest.starts_with('.')) {
            self.with_author(&mut citation, author);
            return Some((citation, end));
        }
        None
    }
}

/// The matches of a pattern in a unit, looked for only when the unit holds a text every match
/// contains (a literal test is far cheaper than running the pattern).
/// Past `74, no. 4` or `no.1` after a journal title.
fn issue_end(text: &str, from: usize, limit: usize) -> usize {
    from + lex::issue_end(&text[from..limit])
}

/// Page numbers are not followed by a word: `15 October` is a date.
fn followed_by_word(text: &str, at: usize) -> bool {
    text[at..]
        .trim_start_matches(' ')
        .chars()
        .next()
        .is_some_and(char::is_alphabetic)
}
