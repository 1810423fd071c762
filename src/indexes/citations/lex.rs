//! Hand-written matchers for the small patterns the citation parser tries at every title and
//! in every note: a process that runs on every save cannot spend milliseconds compiling
//! regular expressions. `tests/lexer_props.rs` checks each against the regular expression it
//! stands for.

use std::ops::Range;

struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Cursor { text, at: 0 }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn eat_char(&mut self, accept: impl Fn(char) -> bool) -> bool {
        match self.peek() {
            Some(c) if accept(c) => {
                self.at += c.len_utf8();
                true
            }
            _ => false,
        }
    }

    /// Any Unicode whitespace, as `\s` reads it.
    fn skip_spaces(&mut self) -> usize {
        let rest = self.rest();
        let skipped = rest.len() - rest.trim_start().len();
        self.at += skipped;
        skipped
    }

    fn eat(&mut self, literal: &str) -> bool {
        if self.rest().starts_with(literal) {
            self.at += literal.len();
            true
        } else {
            false
        }
    }

    fn eat_any(&mut self, literals: &[&str]) -> bool {
        literals.iter().any(|l| self.eat(l))
    }

    /// Between `min` and `max` ASCII digits.
    fn digits(&mut self, min: usize, max: usize) -> bool {
        let count = self.rest().bytes().take_while(u8::is_ascii_digit).count();
        if count < min || count > max {
            return false;
        }
        self.at += count;
        true
    }

    /// A capitalised ASCII word: `October`, `Nov`.
    fn capital_word(&mut self) -> bool {
        let bytes = self.rest().as_bytes();
        if !bytes.first().is_some_and(u8::is_ascii_uppercase) {
            return false;
        }
        let lower = bytes[1..]
            .iter()
            .take_while(|b| b.is_ascii_lowercase())
            .count();
        if lower == 0 {
            return false;
        }
        self.at += 1 + lower;
        true
    }

    fn attempt(&mut self, steps: impl FnOnce(&mut Self) -> bool) -> bool {
        let saved = self.at;
        if steps(self) {
            true
        } else {
            self.at = saved;
            false
        }
    }
}

/// `, in ` before a book holding a chapter: where the book's name may start.
pub fn in_after(text: &str) -> Option<usize> {
    let mut c = Cursor::new(text);
    let lead = c.rest().len()
        - c.rest()
            .trim_start_matches(|ch: char| ch.is_whitespace() || ch == ',')
            .len();
    c.at += lead;
    (c.eat("in") && c.skip_spaces() > 0).then_some(c.at)
}

const ISSUE_MARKS: &[&str] = &["no.", "No.", "nos.", "vol."];

/// `74, no. 4` or `no.1` right after a journal's name.
pub fn issue_after(text: &str) -> bool {
    let mut c = Cursor::new(text);
    c.skip_spaces();
    c.attempt(|c| {
        let ok = c.digits(1, usize::MAX);
        c.skip_spaces();
        c.eat(",");
        ok
    });
    c.skip_spaces();
    c.eat(",");
    c.skip_spaces();
    c.eat_any(ISSUE_MARKS) && {
        c.skip_spaces();
        c.rest().bytes().next().is_some_and(|b| b.is_ascii_digit())
    }
}

/// Past a volume and issue (`74, no. 4`, or `39:1`): where a parenthetical year may follow.
pub fn issue_end(text: &str) -> usize {
    let mut c = Cursor::new(text);
    c.skip_spaces();
    c.attempt(|c| {
        let ok = c.digits(1, usize::MAX);
        c.attempt(|c| c.eat(":") && c.digits(1, usize::MAX));
        c.skip_spaces();
        ok
    });
    c.attempt(|c| {
        c.eat(",");
        c.skip_spaces();
        if !c.eat_any(ISSUE_MARKS) {
            return false;
        }
        c.skip_spaces();
        let count = c
            .rest()
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'/')
            .count();
        c.at += count;
        count > 0
    });
    c.at
}

/// A date right after a newspaper's name: `, 15 October 1935`, `, Nov. 17, 1935`, `, June 1936`.
pub fn date_after(text: &str) -> Option<usize> {
    let mut c = Cursor::new(text);
    c.skip_spaces();
    c.eat(",");
    c.skip_spaces();
    let day_month_year = |c: &mut Cursor<'_>| {
        c.digits(1, 2)
            && c.skip_spaces() > 0
            && c.capital_word()
            && {
                c.eat(".");
                c.skip_spaces() > 0
            }
            && c.digits(4, 4)
    };
    let month_day_year = |c: &mut Cursor<'_>| {
        c.capital_word()
            && {
                c.eat(".");
                c.skip_spaces() > 0
            }
            && c.digits(1, 2)
            && c.eat(",")
            && {
                c.skip_spaces();
                c.digits(4, 4)
            }
    };
    let month_year = |c: &mut Cursor<'_>| {
        c.capital_word()
            && {
                c.eat(".");
                c.skip_spaces() > 0
            }
            && c.digits(4, 4)
    };
    (c.attempt(day_month_year) || c.attempt(month_day_year) || c.attempt(month_year))
        .then_some(c.at)
}

/// Years 1400–2099 standing alone, with a range's second half (`1908-1911`, `1936-37`).
pub fn years(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        // `c1998`: a copyright year, printed where the year of publication is unknown.
        let copyright = i >= 1 && bytes[i - 1] == b'c' && (i == 1 || !is_word(bytes[i - 2]));
        let starts = i == 0 || !is_word(bytes[i - 1]) || copyright;
        let digits = bytes[i..i + 4].iter().all(u8::is_ascii_digit);
        let plausible = matches!(&bytes[i..i + 2], [b'1', b'4'..=b'9'] | [b'2', b'0']);
        if starts && digits && plausible && !bytes.get(i + 4).copied().is_some_and(is_word) {
            let mut end = i + 4;
            // A range: `-37`, `–1941`.
            for dash in ["-", "–"] {
                if text[end..].starts_with(dash) {
                    let after = end + dash.len();
                    let count = bytes[after..]
                        .iter()
                        .take_while(|b| b.is_ascii_digit())
                        .count();
                    if (2..=4).contains(&count)
                        && !bytes.get(after + count).copied().is_some_and(is_word)
                    {
                        end = after + count;
                    }
                }
            }
            out.push(i..end);
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

fn is_ascii_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// An ASCII word boundary before byte `at` where a word character starts.
fn word_starts_at(bytes: &[u8], at: usize) -> bool {
    at == 0 || !is_ascii_word(bytes[at - 1])
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

/// `Ibid.` and its variants at the start of `text`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IbidMatch {
    pub len: usize,
    pub italic: bool,
    pub period: bool,
    pub capital: bool,
}

/// `Ibid.`, `ibid`, `*Ibid.*`, `_Ibid_.` at the start of `text`.
pub fn ibid(text: &str) -> Option<IbidMatch> {
    let mut c = Cursor::new(text);
    let italic = c.eat_any(&["*", "_"]);
    let capital = c.eat("I");
    if !capital && !c.eat("i") {
        return None;
    }
    if !c.eat("bid") {
        return None;
    }
    let dot_inside = c.eat(".");
    c.eat_any(&["*", "_"]);
    let dot_after = c.eat(".");
    Some(IbidMatch {
        len: c.at,
        italic,
        period: dot_inside || dot_after,
        capital,
    })
}

/// `op. cit.` and `loc. cit.`, with emphasis marks around them.
pub fn op_cits(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = memchr::memmem::find(&bytes[from..], b"cit.") {
        let cit = from + found;
        from = cit + 4;
        // Back from `cit.`: an optional space, a period, then `op` or `loc`.
        let mut dot = cit;
        if dot > 0 && bytes[dot - 1] == b' ' {
            dot -= 1;
        }
        if dot == 0 || bytes[dot - 1] != b'.' {
            continue;
        }
        let word_end = dot - 1;
        let start = ["op", "Op", "loc", "Loc"].iter().find_map(|w| {
            let start = word_end.checked_sub(w.len())?;
            (&text[start..word_end] == *w && word_starts_at(bytes, start)).then_some(start)
        });
        let Some(mut start) = start else {
            continue;
        };
        let previous_end = out.last().map_or(0, |r: &Range<usize>| r.end);
        if previous_end > start {
            continue;
        }
        if start > previous_end && bytes[start - 1] == b'*' {
            start -= 1;
        }
        let mut end = cit + 4;
        if matches!(bytes.get(end), Some(b'*' | b'_')) {
            end += 1;
        }
        out.push(start..end);
    }
    out
}

/// An archival signature's opening: the archive's abbreviation and its fond number,
/// `GARF f. 5446`, `RGASPI f.17`, `TsGAOR f. Р-7952`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchiveMatch {
    pub whole: Range<usize>,
    pub abbr: Range<usize>,
}

/// A word of ASCII letters and digits at `start` that opens with a capital and holds another:
/// an archive's abbreviation. Returns its end.
fn abbreviation_at(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if !bytes.get(start).is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    let len = bytes[start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let capitals = bytes[start + 1..start + len]
        .iter()
        .filter(|b| b.is_ascii_uppercase())
        .count();
    (capitals > 0).then_some(start + len)
}

/// Every `ABBR f. N` in `text`.
pub fn archives(text: &str) -> Vec<ArchiveMatch> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = memchr::memmem::find(&bytes[from..], b"f.") {
        let f = from + found;
        from = f + 2;
        if out.last().is_some_and(|m: &ArchiveMatch| m.whole.end > f) {
            continue;
        }
        // Whitespace, then the abbreviation, before `f.`.
        let before = &text[..f];
        let word_end = before.trim_end().len();
        if word_end == f {
            continue;
        }
        let start = bytes[..word_end]
            .iter()
            .rposition(|b| !b.is_ascii_alphanumeric())
            .map_or(0, |i| i + 1);
        if start == word_end
            || !word_starts_at(bytes, start)
            || abbreviation_at(text, start) != Some(word_end)
        {
            continue;
        }
        let mut c = Cursor::new(text);
        c.at = f + 2;
        c.skip_spaces();
        c.attempt(|c| c.eat_char(|ch| ch.is_ascii_uppercase() || ch == 'Р'));
        c.skip_spaces();
        if !c.digits(1, usize::MAX) {
            continue;
        }
        out.push(ArchiveMatch {
            whole: start..c.at,
            abbr: start..word_end,
        });
        from = c.at;
    }
    out
}

/// One more part of an archival signature at the start of `text`: `, op. 1`, `, d. 633`,
/// `, l. 12 ob.`, `, ll. 3-4`. Returns its length.
pub fn signature_part(text: &str) -> Option<usize> {
    let mut c = Cursor::new(text);
    c.skip_spaces();
    if !c.eat(",") {
        return None;
    }
    c.skip_spaces();
    let number = |c: &mut Cursor<'_>| {
        if !c.eat_char(|ch| ch.is_ascii_digit()) {
            return false;
        }
        while c.eat_char(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-' || ch == '–') {
        }
        c.attempt(|c| {
            c.skip_spaces();
            c.eat("ob") && {
                c.eat(".");
                true
            }
        });
        true
    };
    let labelled = ["o", "op", "d", "l", "ll", "ob"].iter().any(|label| {
        c.attempt(|c| {
            c.eat(label) && {
                c.eat(".");
                c.skip_spaces();
                number(c)
            }
        })
    });
    (labelled || number(&mut c)).then_some(c.at)
}

/// Web addresses: `http://` or `https://` up to a space, `>`, `)`, a brace (never bare in an
/// address: a LaTeX `\url{…}` ends there) or a quotation mark, less the punctuation of the
/// sentence after it (`…/lists/,`).
pub fn urls(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = memchr::memmem::find(&text.as_bytes()[from..], b"http") {
        let start = from + found;
        let rest = &text[start + 4..];
        let scheme = if rest.starts_with("://") {
            7
        } else if rest.starts_with("s://") {
            8
        } else {
            from = start + 4;
            continue;
        };
        let body = &text[start + scheme..];
        let end = body
            .find(|c: char| {
                c.is_whitespace() || matches!(c, '>' | ')' | '{' | '}' | '"' | '”' | '»')
            })
            .unwrap_or(body.len());
        let len = body[..end]
            .trim_end_matches(['.', ',', ';', ':', '!', '?'])
            .len();
        if len == 0 {
            from = start + 4;
            continue;
        }
        out.push(start..start + scheme + len);
        from = start + scheme + len;
    }
    out
}

/// A scripture reference: the book (`Matt`, `1 Cor`) and the whole `Matt. 5:3-12`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptureMatch {
    pub whole: Range<usize>,
    pub book: Range<usize>,
}

/// Every `Book chapter:verse` in `text`, found from its colon.
pub fn scriptures(text: &str) -> Vec<ScriptureMatch> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for colon in memchr::memchr_iter(b':', bytes) {
        if out
            .last()
            .is_some_and(|m: &ScriptureMatch| m.whole.end > colon)
        {
            continue;
        }
        // Back over the chapter, the spaces, an optional period and the book's name.
        let chapter = bytes[..colon]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let verse = bytes[colon + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if chapter == 0 || verse == 0 {
            continue;
        }
        let mut at = colon - chapter;
        let spaces = bytes[..at].iter().rev().take_while(|&&b| b == b' ').count();
        if spaces == 0 {
            continue;
        }
        at -= spaces;
        if at > 0 && bytes[at - 1] == b'.' {
            at -= 1;
        }
        let book_end = at;
        let lower = bytes[..at]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_lowercase())
            .count();
        if lower == 0 || at < lower + 1 || !bytes[at - lower - 1].is_ascii_uppercase() {
            continue;
        }
        at -= lower + 1;
        // A numbered book: `1 Cor`, `2Kings`.
        let numbered = |at: usize| -> Option<usize> {
            let with_space = usize::from(at > 0 && bytes[at - 1] == b' ');
            let digit = at.checked_sub(with_space + 1)?;
            (matches!(bytes[digit], b'1'..=b'3') && word_starts_at(bytes, digit)).then_some(digit)
        };
        let start = match numbered(at) {
            Some(digit) => digit,
            None if word_starts_at(bytes, at) => at,
            None => continue,
        };
        let mut end = colon + 1 + verse;
        for dash in ["-", "–"] {
            if text[end..].starts_with(dash) {
                let more = bytes[end + dash.len()..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                if more > 0 {
                    end += dash.len() + more;
                }
                break;
            }
        }
        out.push(ScriptureMatch {
            whole: start..end,
            book: start..book_end,
        });
    }
    out
}

/// Page numbers at the start of `text`: `, 118`, `, 109-111, 142`, `, 14:61`, `, p.3`,
/// `, esp. 12`. Returns their length.
pub fn pages(text: &str) -> Option<usize> {
    let mut c = Cursor::new(text);
    c.skip_spaces();
    c.eat(",");
    c.skip_spaces();
    let page_mark = |c: &mut Cursor<'_>| {
        c.attempt(|c| {
            (c.eat("pp.") || c.eat("p.")) && {
                c.skip_spaces();
                true
            }
        })
    };
    if !c.attempt(|c| {
        c.eat("esp.") && {
            c.skip_spaces();
            true
        }
    }) {
        page_mark(&mut c);
    }
    let range_end = |c: &mut Cursor<'_>| {
        c.attempt(|c| {
            c.skip_spaces();
            c.eat_char(is_dash) && {
                c.skip_spaces();
                c.digits(1, usize::MAX)
            }
        })
    };
    c.attempt(|c| {
        c.digits(1, usize::MAX)
            && {
                c.skip_spaces();
                c.eat(":")
            }
            && {
                c.skip_spaces();
                c.rest().bytes().next().is_some_and(|b| b.is_ascii_digit())
            }
    });
    if !c.digits(1, usize::MAX) {
        return None;
    }
    c.eat_char(|ch| ch.is_ascii_lowercase());
    range_end(&mut c);
    while c.attempt(|c| {
        c.skip_spaces();
        c.eat(",")
            && {
                c.skip_spaces();
                page_mark(c);
                c.digits(1, usize::MAX)
            }
            && {
                range_end(c);
                true
            }
    }) {}
    Some(c.at)
}

/// One edition, volume, editor or translator remark at the start of `text`: `, vol. 2`,
/// `, 6th ed.`, `, rev. ed.`, `, eds.`, `, trans. Max Hayward`. Returns its length.
pub fn edition_or_volume(text: &str) -> Option<usize> {
    let mut c = Cursor::new(text);
    c.skip_spaces();
    c.eat(",");
    c.skip_spaces();
    let volume = |c: &mut Cursor<'_>| {
        c.eat_any(&["vol.", "Vol.", "volume", "Volume"])
            && {
                c.skip_spaces();
                c.digits(1, usize::MAX)
            }
            && {
                c.attempt(|c| (c.eat("-") || c.eat("–")) && c.digits(1, usize::MAX));
                true
            }
    };
    let numbered_edition = |c: &mut Cursor<'_>| {
        c.digits(1, usize::MAX)
            && c.eat_any(&["st", "nd", "rd", "th"])
            && c.skip_spaces() > 0
            && c.eat("ed")
            && {
                c.eat(".");
                true
            }
    };
    let revised = |c: &mut Cursor<'_>| {
        c.eat_any(&["Rev.", "rev."]) && c.skip_spaces() > 0 && c.eat("ed") && {
            c.eat(".");
            true
        }
    };
    let translator = |c: &mut Cursor<'_>| {
        if !c.eat("trans.") {
            return false;
        }
        let spaces = c.rest().chars().take_while(|ch| ch.is_whitespace()).count();
        c.skip_spaces();
        let len = c.rest().find([',', '(']).unwrap_or(c.rest().len());
        c.at += len;
        // The name may be empty when a second space stands for it, as a backtracking
        // pattern would read it.
        spaces > 0 && (len > 0 || spaces >= 2)
    };
    (c.attempt(volume)
        || c.attempt(numbered_edition)
        || c.attempt(revised)
        || c.eat("ed.")
        || c.eat("eds.")
        || c.attempt(translator))
    .then_some(c.at)
}

/// A bibliography entry opening with an archive's abbreviation: `GARF – State Archive…`,
/// `RGAE: …`, `TsGAOR (Central…)`. Returns the abbreviation's range.
pub fn archive_entry(text: &str) -> Option<Range<usize>> {
    let end = abbreviation_at(text, 0)?;
    let mut c = Cursor::new(text);
    c.at = end;
    let spaced = c.skip_spaces() > 0;
    (c.eat_char(|ch| is_dash(ch) || ch == ':') || (spaced && c.eat("("))).then_some(0..end)
}

/// The repeated-author mark of a bibliography entry (`———.`, `- .`, `.`) standing alone.
pub fn is_repeated_author_mark(text: &str) -> bool {
    let mut c = Cursor::new(text);
    let dashes = c.rest().chars().take_while(|&ch| is_dash(ch)).count();
    let opened = if dashes >= 2 {
        while c.eat_char(is_dash) {}
        true
    } else {
        c.attempt(|c| {
            c.eat_char(is_dash) && {
                c.skip_spaces();
                c.eat(".")
            }
        }) || c.eat(".")
            || c.eat_char(|ch| matches!(ch, '–' | '—'))
    };
    if !opened {
        return false;
    }
    c.skip_spaces();
    c.eat(".");
    c.rest().trim().is_empty()
}

/// `Place: Publisher, Year.` and nothing more (a piece of an entry cut off by a paragraph
/// break).
pub fn is_facts_alone(text: &str) -> bool {
    if !text.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
        || text.contains(['*', '“', '"'])
    {
        return false;
    }
    let Some(colon) = text.find(':') else {
        return false;
    };
    let after_colon = &text[colon + 1..];
    let Some(space) = after_colon.chars().next().filter(|c| c.is_whitespace()) else {
        return false;
    };
    let middle_start = colon + 1 + space.len_utf8();
    let body = text.strip_suffix('.').unwrap_or(text);
    let Some(year_start) = body.len().checked_sub(4) else {
        return false;
    };
    let year = &body.as_bytes()[year_start..];
    let plausible = year.iter().all(u8::is_ascii_digit)
        && matches!(year, [b'1', b'4'..=b'9', ..] | [b'2', b'0', ..]);
    if !plausible {
        return false;
    }
    let Some(before_year) = body[..year_start].chars().next_back() else {
        return false;
    };
    let space_start = year_start - before_year.len_utf8();
    before_year.is_whitespace() && space_start > middle_start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matchers_read_what_the_patterns_did() {
        assert_eq!(in_after(", in Tucker"), Some(5));
        assert_eq!(in_after(" inside"), None);
        assert!(issue_after(" 74, no. 4 (2015)"));
        assert!(issue_after(" no.1 (1936)"));
        assert!(!issue_after(", 15 October"));
        assert_eq!(issue_end(" 74, no. 4 (2015)"), 10);
        assert_eq!(date_after(", 15 October 1935, p.3"), Some(17));
        assert_eq!(date_after(", Nov. 17, 1935"), Some(15));
        assert_eq!(date_after(" June 1936"), Some(10));
        assert_eq!(date_after(", 15 tons"), None);
        let text = "(Moscow, 1908-1911), 1936-37 and 12345 and 1995";
        let found: Vec<&str> = years(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, vec!["1908-1911", "1936-37", "1995"]);
        let text = r"see \url{https://example.org/lists/}, and https://example.org/a/b, then";
        let found: Vec<&str> = urls(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            vec!["https://example.org/lists/", "https://example.org/a/b"]
        );
        let text = "Press, c1998, and abc1999 and ISBNc2001";
        let found: Vec<&str> = years(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, vec!["1998"]);
    }
}
