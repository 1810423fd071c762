//! Quoted titles: “…” and "…" (American style) and ‘…’ (British style). The British closing
//! mark is also the apostrophe (`don’t`, `the workers’ clubs`) and the romanized soft sign
//! (`Kul’tura`, `Tver’`), and the opening mark can stand for an elision (`‘tis`, `‘90s`), so a
//! single quotation is read only where its marks can be nothing else.

use std::ops::Range;

/// The outermost quotations of `text`, in order, each with its marks. A quotation inside
/// another (`“The ‘New Man’ in Film”`, `‘The “New Man” in Film’`) belongs to it.
pub fn quoted_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = double_quoted(text);
    if text.contains('‘') {
        let singles = single_quoted(text, &out);
        out.retain(|d| !singles.iter().any(|s| s.start < d.start && d.end <= s.end));
        out.extend(singles);
    }
    out.sort_by_key(|r| r.start);
    out
}

/// The single quotations of `text` alone (for splitting notes at semicolons outside them).
pub fn single_quoted_ranges(text: &str) -> Vec<Range<usize>> {
    if !text.contains('‘') {
        return Vec::new();
    }
    single_quoted(text, &double_quoted(text))
}

fn double_quoted(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut curly: Vec<usize> = Vec::new();
    let mut straight: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match c {
            '“' => curly.push(i),
            '”' => {
                if let Some(open) = curly.pop() {
                    // Only outermost quotations are titles; inner ones are quoted within titles.
                    if curly.is_empty() {
                        out.push(open..i + c.len_utf8());
                    }
                }
            }
            '"' => match straight.take() {
                Some(open) => out.push(open..i + 1),
                None => straight = Some(i),
            },
            _ => {}
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// Words an opening ‘ elides the start of (`‘tis`, rock ‘n’ roll): no quotation opens there.
const ELISIONS: &[&str] = &["tis", "twas", "em", "n", "til", "cos", "cause"];

const CLOSE_LEN: usize = '’'.len_utf8();

/// Single quotations outside the double ones in `doubles`: an opening ‘ after a space, the
/// start, or `(`, `[`, `“`, `"`, `—`, before a letter or digit; its closing ’ not between two
/// letters and followed by punctuation, a space or the end. An opening mark without a closing
/// one before the next opening mark (or a paragraph break) opens nothing.
fn single_quoted(text: &str, doubles: &[Range<usize>]) -> Vec<Range<usize>> {
    let openers: Vec<usize> = text
        .match_indices('‘')
        .map(|(i, _)| i)
        .filter(|&i| opens(text, i) && !doubles.iter().any(|d| d.start < i && i < d.end))
        .collect();
    let mut out = Vec::new();
    for (n, &open) in openers.iter().enumerate() {
        let from = open + '‘'.len_utf8();
        let mut until = openers.get(n + 1).copied().unwrap_or(text.len());
        if let Some(paragraph) = text[from..until].find("\n\n") {
            until = from + paragraph;
        }
        let mut weak: Option<usize> = None;
        let mut chosen: Option<usize> = None;
        for (offset, _) in text[from..until].match_indices('’') {
            let close = from + offset;
            let Some(strength) = closes(text, close) else {
                continue;
            };
            if !balanced(&text[from..close]) || crosses(doubles, open, close + CLOSE_LEN) {
                continue;
            }
            match strength {
                Closer::Strong => {
                    chosen = Some(close);
                    break;
                }
                // A guess never swallows emphasis or a parenthesis: an italic title after
                // an unclosed mark (`‘the workers (see Lee, *Clubs*, 4) and the authors’
                // view`) stays a title of its own.
                Closer::Weak if !text[from..close].contains(['*', '_', '(']) => {
                    weak.get_or_insert(close);
                }
                Closer::Weak => {}
            }
        }
        if let Some(close) = chosen.or(weak) {
            let inner = &text[from..close];
            if inner.chars().filter(|c| c.is_alphanumeric()).count() >= 2 {
                out.push(open..close + CLOSE_LEN);
            }
        }
    }
    out
}

/// Whether the ‘ at `at` can open a quotation.
fn opens(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = &text[at + '‘'.len_utf8()..];
    let lead = before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '“' | '"' | '—'));
    if !lead || !after.starts_with(char::is_alphanumeric) {
        return false;
    }
    let word: String = after
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    // `‘90s`, `‘68`: a decade or year with its century left out.
    let elided_year = word.len() == 2 && word.bytes().all(|b| b.is_ascii_digit())
        || word.len() == 3
            && word.ends_with('s')
            && word.bytes().take(2).all(|b| b.is_ascii_digit());
    !elided_year && !ELISIONS.contains(&word.as_str())
}

enum Closer {
    Strong,
    /// Between a letter and a space before a word: the plural possessive (`the workers’
    /// clubs`, `Weavers’ Cottages`) or a word-final soft sign (`promyshlennost’ v`) as well
    /// as a closing mark; taken only when no better one follows. The `in` of a chapter
    /// (`‘Essay’ in *Book*`) follows a closing mark.
    Weak,
}

/// Whether the ’ at `at` can close a quotation, and how surely.
fn closes(text: &str, at: usize) -> Option<Closer> {
    let before = text[..at].chars().next_back()?;
    let rest = &text[at + CLOSE_LEN..];
    let after = rest.chars().next();
    if before.is_whitespace() || after.is_some_and(char::is_alphanumeric) {
        return None;
    }
    if !before.is_alphabetic() || !after.is_some_and(char::is_whitespace) {
        return Some(Closer::Strong);
    }
    let next_word: &str = rest
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let continues = next_word.starts_with(char::is_alphabetic) && next_word != "in";
    Some(if continues {
        Closer::Weak
    } else {
        Closer::Strong
    })
}

/// Brackets in a title are closed within it: a mark after an open `(` belongs to the imprint
/// (`‘Essay’ in *Book* (Perm’: …`), not to the title.
fn balanced(inner: &str) -> bool {
    let (mut round, mut square) = (0i32, 0i32);
    for c in inner.chars() {
        match c {
            '(' => round += 1,
            ')' => round -= 1,
            '[' => square += 1,
            ']' => square -= 1,
            _ => {}
        }
        if round < 0 || square < 0 {
            return false;
        }
    }
    round == 0 && square == 0
}

/// A double quotation that starts inside `open..close` and ends outside it, or the reverse.
fn crosses(doubles: &[Range<usize>], open: usize, close: usize) -> bool {
    doubles.iter().any(|d| {
        let starts_inside = open < d.start && d.start < close;
        let ends_inside = open < d.end && d.end < close;
        starts_inside != ends_inside
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(text: &str) -> Vec<&str> {
        quoted_ranges(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn single_quoted_titles_are_read() {
        assert_eq!(
            titles("Smith, ‘Essay Title’, in *Book*"),
            vec!["‘Essay Title’"]
        );
        assert_eq!(
            titles("Smith, ‘Article’, *Journal* 4 (1990)"),
            vec!["‘Article’"]
        );
        assert_eq!(titles("(‘Nauka’)"), vec!["‘Nauka’"]);
        assert_eq!(titles("‘Stakhanovite.’ Next"), vec!["‘Stakhanovite.’"]);
        assert_eq!(titles("‘Essay’ in *Book*"), vec!["‘Essay’"]);
    }

    #[test]
    fn apostrophes_soft_signs_and_elisions_are_no_quotations() {
        for text in [
            "don’t, Khar’kov, the authors’ view",
            "Kul’tura i zhizn’, 1990",
            "in the ‘90s and ’68",
            "‘tis the season’s end, rock ‘n’ roll",
            "an open ‘quotation never closed",
            "word‘inside’ word",
        ] {
            assert!(titles(text).is_empty(), "{text}: {:?}", titles(text));
        }
    }

    #[test]
    fn a_possessive_or_a_soft_sign_does_not_close_a_title_early() {
        assert_eq!(
            titles("Lee, ‘The workers’ clubs of Leeds’, *Labour History* 3"),
            vec!["‘The workers’ clubs of Leeds’"]
        );
        assert_eq!(
            titles("Orlov, ‘Promyshlennost’ v gody voiny’, *Voprosy* 2"),
            vec!["‘Promyshlennost’ v gody voiny’"]
        );
        // A closing mark after an open parenthesis is the imprint's soft sign.
        assert_eq!(
            titles("Orlov, ‘Essay’ in *Book* (Perm’: Kniga, 1970)"),
            vec!["‘Essay’"]
        );
        assert_eq!(
            titles("Holt, ‘Weavers’ Cottages’, in *Book*"),
            vec!["‘Weavers’ Cottages’"]
        );
        assert!(titles("‘the workers (see Lee, *Clubs*, 4) and the authors’ view").is_empty());
        // With nothing better, the possessive mark closes.
        assert_eq!(titles("‘The workers’ clubs"), vec!["‘The workers’"]);
    }

    #[test]
    fn nested_quotations_belong_to_the_outer_one() {
        assert_eq!(
            titles("“The ‘New Man’ in Film,” *Screen* 4"),
            vec!["“The ‘New Man’ in Film,”"]
        );
        assert_eq!(
            titles("‘The “New Man” in Film’, *Screen* 4"),
            vec!["‘The “New Man” in Film’"]
        );
    }
}
