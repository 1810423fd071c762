//! Finds the citations inside a note's text: anchored on titles (italic or quoted), with the
//! author names before them and the facts and pages after; plus ibid., archival signatures,
//! scripture and web pages. Prose around citations is left alone: a title counts only when
//! names precede it or it opens a citation unit and page numbers or facts follow.

use std::ops::Range;

use super::scan::{
    self, author_before, pages_after, parenthetical_after, read_facts, skip_edition,
};
use super::{Citation, CitationKind, Fact, IbidForm, Publication, Unread, lex};
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
        unread: &mut Vec<Unread>,
    ) {
        let anchors = anchors(text, italics);
        for unit in scan::units(text) {
            let mut reader = Reader {
                text,
                base,
                note,
                out: &mut *out,
                unread: &mut *unread,
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
    unread: &'a mut Vec<Unread>,
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
            short: false,
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
        let first_work = self.out.len();
        let mut unread_titles: Vec<&Anchor> = Vec::new();
        for (i, anchor) in anchors.iter().enumerate() {
            if anchor.outer.end > unit.end || anchor.outer.start < unit.start {
                continue;
            }
            if anchor.outer.start < consumed {
                continue;
            }
            let found = match anchor.kind {
                AnchorKind::Quoted => self.quoted(anchor, &anchors[i + 1..], consumed, unit.end),
                AnchorKind::Italic => self.italic(anchor, consumed, unit.end),
            };
            match found {
                Some((citation, end)) => {
                    consumed = end;
                    self.out.push(citation);
                }
                None => unread_titles.push(anchor),
            }
        }
        self.record_unread(unit, first_work, &unread_titles);
    }

    /// Keeps the italic titles of this unit that no citation took, with the names in their
    /// sentence before them (`DeKroyft quotes are from her *A Place in Thy Memory* (New
    /// York…`): a short form of that work later is then not called its first citation, for
    /// the full note may be here. Quotations are not kept: in notes most are quoted words.
    fn record_unread(&mut self, unit: Range<usize>, first_work: usize, titles: &[&Anchor]) {
        let base = self.base.start as usize;
        // `Gordon, "Title," *Journal* 39 (…` read as a journal item without its year: the
        // article's full note may be here.
        let unread_articles: Vec<Unread> = self.out[first_work..]
            .iter()
            .filter(|c| c.kind == CitationKind::Periodical && !c.full)
            .filter_map(|c| {
                let title = c.publication.title.as_ref()?;
                Some(Unread {
                    note: self.note,
                    span: c.span,
                    // Its author was read: only its title tells which work it is.
                    names: Vec::new(),
                    title_key: crate::text::title_words(&title.text),
                })
            })
            .collect();
        self.unread.extend(unread_articles);
        for anchor in titles {
            if anchor.kind != AnchorKind::Italic
                || self.out[first_work..].iter().any(|c| {
                    c.span.start as usize <= base + anchor.outer.start
                        && base + anchor.outer.end <= c.span.end as usize
                })
            {
                continue;
            }
            let sentence = sentence_start(self.text, unit.start, anchor.outer.start);
            let mut names: Vec<String> =
                capitalized_words(&self.text[sentence..anchor.outer.start])
                    .map(crate::text::name_key)
                    .collect();
            names.sort_unstable();
            names.dedup();
            self.unread.push(Unread {
                note: self.note,
                span: self.span(anchor.outer.clone()),
                names,
                title_key: crate::text::title_words(&self.text[anchor.inner.clone()]),
            });
        }
    }

    /// Whether a citation ending at `end` is a sure short form: nothing after its title or
    /// pages but the end of the unit or of the sentence (`Ralph Hansen, "Historical Notes," 1,
    /// n.d., Folder 9` goes on with archival details), and its author, if any, a person:
    /// by surname alone, or with given names when pages follow the title
    /// (`Nicholas S. Timasheff, *The Great Retreat*, 136`). A body's name with a title and
    /// nothing more (`City Planning Commission, *Annual Review*`) is how reports are cited in
    /// full.
    fn short_form(&self, citation: &Citation, end: usize, limit: usize, pages: bool) -> bool {
        let rest = self.text[end..limit]
            .trim_start_matches(['*', '_'])
            .trim_start();
        let ends = rest.is_empty() || rest.starts_with(['.', ')']);
        let author = citation.publication.author.as_ref().is_none_or(|a| {
            scan::is_surnames_only(&a.text) || (pages && !scan::is_corporate(&a.text))
        });
        ends && author
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
        if reads_as_quotation(&text[anchor.inner.clone()]) {
            return None;
        }
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

        // `"'This Brief Eden'," (Ph.D. diss., Duke University, 2000), 18`: an unpublished
        // work (thesis, paper, report) in full: a parenthetical with its year.
        if let Some((inner, close)) = parenthetical_after(text, after).filter(|(_, c)| *c <= limit)
        {
            if let Some(year) = scan::year_in(text, inner) {
                let end = pages_after(text, close)
                    .filter(|p| p.end <= limit)
                    .map_or(close, |p| p.end);
                let mut citation = self.blank(CitationKind::Article, anchor.outer.start..end);
                citation.publication.title = Some(title);
                citation.publication.year = Some(self.fact(year));
                citation.full = true;
                self.with_author(&mut citation, author);
                return Some((citation, end));
            }
        }

        // `Walton, "Image of Man in Marx," 74`: a short form of an article or chapter.
        let author = author?;
        let pages = pages_after(text, after)
            .filter(|p| p.end <= limit && !followed_by_word(text, p.end))?;
        let mut citation = self.blank(CitationKind::Article, anchor.outer.start..pages.end);
        citation.publication.title = Some(title);
        self.with_author(&mut citation, Some(author));
        citation.short = self.short_form(&citation, pages.end, limit, true);
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
            citation.short =
                end == anchor.outer.end && self.short_form(&citation, pages.end, limit, true);
            return Some((citation, pages.end));
        }
        // `Mariia Demchenko, *Poliubi zemliu*.` — names and a title, nothing more.
        let rest = text[end..limit].trim_start();
        if author.is_some() && (rest.is_empty() || rest.starts_with('.')) {
            self.with_author(&mut citation, author);
            citation.short =
                end == anchor.outer.end && self.short_form(&citation, end, limit, false);
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

/// Where the sentence holding `at` begins, not before `floor`: after the last `. ` that
/// follows a word of more than three letters (not an initial, `ed.` or `pp.`).
fn sentence_start(text: &str, floor: usize, at: usize) -> usize {
    let before = &text[floor..at];
    let mut end = before.len();
    while let Some(stop) = before[..end].rfind(". ") {
        let word = before[..stop]
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if word.chars().count() > 3 {
            return floor + stop + 2;
        }
        end = stop;
    }
    floor
}

/// The capitalised words of a text (names, with their hyphens and apostrophes).
fn capitalized_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || crate::text::is_apostrophe(c)))
        .map(|w| {
            // `Dunn's recollections`: the possessive is not part of the name.
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w);
            w.trim_matches(|c: char| c == '-' || crate::text::is_apostrophe(c))
        })
        .filter(|w| w.starts_with(char::is_uppercase))
}

/// Page numbers are not followed by a word: `15 October` is a date.
fn followed_by_word(text: &str, at: usize) -> bool {
    text[at..]
        .trim_start_matches(' ')
        .chars()
        .next()
        .is_some_and(char::is_alphabetic)
}

/// Words between quotation marks that are a passage quoted in the note, not the title of an
/// article: longer than titles run (thirty words), or with an editor's `[…]` inside.
fn reads_as_quotation(inner: &str) -> bool {
    inner.contains('[') || inner.split_whitespace().nth(30).is_some()
}
