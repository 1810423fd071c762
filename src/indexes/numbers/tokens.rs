//! Tokens of a block's text for the quantity and date index: words, digit runs and
//! punctuation, with byte offsets into the file. Whitespace is dropped but remembered.

use crate::text::is_apostrophe;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters, with apostrophes between them; a word that starts with a letter may hold
    /// digits (`R5451`), and digits followed by letters are one word (`1930s`, `18th`).
    Word,
    /// Digits, with `,` or `.` between digits (`30,543`, `6.5`).
    Number,
    /// A vulgar fraction (`½`).
    Fraction,
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: Kind,
    /// Whitespace or markup stands between this token and the previous one.
    pub space_before: bool,
    /// In an emphasised run (`*Title*`): titles keep their source's style.
    pub emphasis: bool,
}

impl Token {
    pub fn text<'t>(&self, file_text: &'t str) -> &'t str {
        file_text
            .get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

pub fn fraction_value(c: char) -> Option<f64> {
    match c {
        '½' => Some(0.5),
        '¼' => Some(0.25),
        '¾' => Some(0.75),
        '⅓' => Some(1.0 / 3.0),
        '⅔' => Some(2.0 / 3.0),
        _ => None,
    }
}

/// Appends the tokens of `text[range]` to `out`; `space_before` of the first token is set.
pub fn tokenize(text: &str, range: std::ops::Range<usize>, out: &mut Vec<Token>) {
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    let base = range.start;
    let bytes = slice.as_bytes();
    let mut space = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if b.is_ascii_digit() {
            i = number_end(bytes, i);
            // Digits glued to letters: an ordinal, a decade or a signature, one word.
            if let Some(c) = slice[i..].chars().next()
                && crate::text::is_letter(c)
            {
                i = word_end(slice, i);
                kind = Kind::Word;
            } else {
                kind = Kind::Number;
            }
        } else if b < 0x80 {
            if b.is_ascii_alphabetic() {
                i = word_end(slice, i);
                kind = Kind::Word;
            } else {
                i += 1;
                kind = Kind::Punct(b as char);
            }
        } else {
            let Some(c) = slice[i..].chars().next() else {
                break;
            };
            if crate::text::is_letter(c) {
                i = word_end(slice, i);
                kind = Kind::Word;
            } else if c.is_whitespace() {
                space = true;
                i += c.len_utf8();
                continue;
            } else if fraction_value(c).is_some() {
                i += c.len_utf8();
                kind = Kind::Fraction;
            } else {
                i += c.len_utf8();
                kind = Kind::Punct(c);
            }
        }
        out.push(Token {
            start: (base + start) as u32,
            end: (base + i) as u32,
            kind,
            space_before: space,
            emphasis: false,
        });
        space = false;
    }
}

fn number_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            i += 1;
        } else if matches!(bytes[i], b',' | b'.')
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
        {
            i += 2;
        } else {
            break;
        }
    }
    i
}

fn word_end(slice: &str, start: usize) -> usize {
    // ASCII letters and digits need no Unicode tables; the general path takes over at the
    // first other byte.
    let bytes = slice.as_bytes();
    let mut ascii_end = start;
    while ascii_end < bytes.len() && bytes[ascii_end].is_ascii_alphanumeric() {
        ascii_end += 1;
    }
    match bytes.get(ascii_end) {
        None => return ascii_end,
        Some(&b) if b < 0x80 && b != b'\'' => return ascii_end,
        _ => {}
    }
    let start = ascii_end.max(start);
    let mut end = start;
    let mut chars = slice[start..].char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        if c.is_alphanumeric() {
            end = start + offset + c.len_utf8();
        } else if is_apostrophe(c) && chars.peek().is_some_and(|&(_, next)| next.is_alphabetic()) {
            continue;
        } else {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, Kind)> {
        let mut out = Vec::new();
        tokenize(text, 0..text.len(), &mut out);
        out.iter()
            .map(|t| (t.text(text).to_string(), t.kind))
            .collect()
    }

    #[test]
    fn numbers_words_and_punctuation() {
        let tokens = kinds("hewed 30,543 tons (102-ton), 4 ½ thousand; 1930s Khar’kov 55%");
        let texts: Vec<&str> = tokens.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "hewed",
                "30,543",
                "tons",
                "(",
                "102",
                "-",
                "ton",
                ")",
                ",",
                "4",
                "½",
                "thousand",
                ";",
                "1930s",
                "Khar’kov",
                "55",
                "%"
            ]
        );
        assert_eq!(tokens[1].1, Kind::Number);
        assert_eq!(tokens[10].1, Kind::Fraction);
        assert_eq!(tokens[13].1, Kind::Word);
    }

    #[test]
    fn a_trailing_comma_is_not_part_of_the_number() {
        let tokens = kinds("200, 300, and 1.");
        assert_eq!(tokens[0].0, "200");
        assert_eq!(tokens[1].1, Kind::Punct(','));
        assert_eq!(tokens[5].0, "1");
    }
}
