//! Numbers that name rather than count or span: docket, bill and figure numbers, collection
//! marks, statute sections, the digits of addresses and markup. They are not amounts, ranges
//! or dates: they never vote for a manuscript's style and are never reported against one
//! (number-format, range-dash, date-format).

use super::vocab::VOCABULARY;

/// Whether the number at byte `start` of `text` is named by a label before it, past spaces:
/// a word of `rules/numbers.toml` (`No. 11-345`, `Figure 2-20`, `House Bill 5640`) or `§`,
/// `§§`, also across a list of such numbers (`§§ 53-32 and 54-196`, `MS 3641, 3642`).
pub fn labelled(text: &str, start: usize) -> bool {
    let Some(mut head) = text.get(..start) else {
        return false;
    };
    // At most a few list items back: `§ 12, 14 and 16-18`.
    for _ in 0..6 {
        head = head.trim_end_matches(is_space);
        if is_label(head) {
            return true;
        }
        let before_separator = match head.strip_suffix(',') {
            Some(h) => h,
            None => match last_word(head) {
                (h, "and" | "or" | "&") => h,
                _ => return false,
            },
        }
        .trim_end_matches(is_space);
        let (rest, item) = last_word(before_separator);
        let is_number = item.bytes().any(|b| b.is_ascii_digit())
            && item
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '–' | '(' | ')' | '.'));
        if !is_number {
            return false;
        }
        head = rest;
    }
    false
}

/// Whether `head` ends with a label: `§`, `No.`, `Figure`.
fn is_label(head: &str) -> bool {
    if head.ends_with('§') {
        return true;
    }
    let word_start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = head[word_start..].trim_start_matches('.');
    let word = word.strip_suffix('.').unwrap_or(word);
    !word.is_empty()
        && word.len() <= 16
        && word.starts_with(char::is_alphabetic)
        && VOCABULARY.is_identifier_label(&word.to_lowercase())
}

/// `head` split before its last word (between spaces).
fn last_word(head: &str) -> (&str, &str) {
    let from = head
        .char_indices()
        .rev()
        .find(|&(_, c)| is_space(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    (&head[..from], &head[from..])
}

/// The word (between spaces) holding `start..end` of `text`.
pub fn word_around(text: &str, start: usize, end: usize) -> &str {
    let (Some(head), Some(tail)) = (text.get(..start), text.get(end..)) else {
        return "";
    };
    let from = head
        .char_indices()
        .rev()
        .find(|&(_, c)| is_space(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let to = tail.find(is_space).map_or(text.len(), |i| end + i);
    text.get(from..to).unwrap_or("")
}

/// Whether the number at `start..end` sits in an address or markup rather than in prose: a
/// URL, a path, a DOI, an e-mail, a LaTeX argument (`https://…/4050135`, `10.1000/x-12`,
/// `\cmidrule{2-4}`).
pub fn in_address(text: &str, start: usize, end: usize) -> bool {
    let word = word_around(text, start, end);
    word.contains("://")
        || word.starts_with("www.")
        || word.contains(['/', '\\', '{', '}', '=', '_', '@', '#', '<', '>', '|'])
}

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labelled_at_end(text: &str) -> bool {
        labelled(text, text.len())
    }

    #[test]
    fn labels_name_the_number_after_them() {
        for text in [
            "in No. ",
            "see Figure ",
            "House Bill ",
            "H.R. ",
            "under §\u{a0}",
            "under §§ ",
            "§§ 53-32 and ",
            "MS 3641, ",
            "§ 3205(a), 3207 or ",
        ] {
            assert!(labelled_at_end(text), "{text}");
        }
        for text in [
            "see figures ",
            "pp. ",
            "in ",
            "",
            "pp. 12, ",
            "In 1935, ",
            "No. 5; ",
        ] {
            assert!(!labelled_at_end(text), "{text}");
        }
    }

    #[test]
    fn addresses_and_markup_hold_their_digits() {
        let url = "see https://example.org/item/4050135 today";
        let at = url.find("4050135").unwrap_or(0);
        assert!(in_address(url, at, at + 7));
        let latex = "\\cmidrule{2-4} and";
        assert!(in_address(latex, 10, 13));
        let prose = "pages 12-15, then";
        assert!(!in_address(prose, 6, 11));
        assert_eq!(word_around(prose, 6, 11), "12-15,");
    }
}
