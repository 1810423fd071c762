//! Hand-written matchers for the small anchored patterns the citation parser tries at every
//! title: cheaper than compiling and running a regular expression for each.

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

/// Past a volume and issue (`74, no. 4`): where a parenthetical year may follow.
pub fn issue_end(text: &str) -> usize {
    let mut c = Cursor::new(text);
    c.skip_spaces();
    c.attempt(|c| {
        let ok = c.digits(1, usize::MAX);
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
        let starts = i == 0 || !is_word(bytes[i - 1]);
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
    }
}
