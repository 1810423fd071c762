//! Star paging: Westlaw and Lexis give the pages of an opinion that has no reporter pages as
//! `*14`, so legal citations read `2019 WL 123456, at *14`, `at *3–*4`, `at **2`. The stars
//! are text. CommonMark takes them for emphasis delimiters, and two of them in a paragraph
//! may pair into emphasis, so `raw_markup` hands pulldown-cmark a letter in their place; the
//! text runs, read from the file, still show `*14`, and the rules that look for stray
//! emphasis marks ask [`is_star_page`] too.

/// Separators between the pages of one star-paged cite: `*3–*4`, `*3-*4`, `*3, *5`,
/// `*3 & *5`, `*3 and *5`, `*3 to *5`.
const CHAIN_SEPARATORS: &[&[u8]] = &["–".as_bytes(), b"-", b", ", b" & ", b" and ", b" to "];

/// Whether the `*` at byte `at` is part of a star page: one or two stars directly before a
/// page number, after the word `at` or after an earlier star page of the same cite; and no
/// closing emphasis mark follows (`at *1960 Census*` is a title in italics).
pub fn is_star_page(bytes: &[u8], at: usize) -> bool {
    let Some((first, digits)) = star_run(bytes, at) else {
        return false;
    };
    if !closes_no_emphasis(bytes, digits) {
        return false;
    }
    // Walk back over the earlier pages of a chain (`*2, *3–*4`) to the `at` that opens it.
    let mut first = first;
    loop {
        if after_at(&bytes[..first]) {
            return true;
        }
        let Some(previous) = chain_previous(bytes, first) else {
            return false;
        };
        first = previous;
    }
}

/// The stars around `at` (one or two) and the end of the page number after them; `None`
/// when `at` is no such star.
fn star_run(bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    if bytes.get(at) != Some(&b'*') {
        return None;
    }
    let first = at - bytes[..at].iter().rev().take_while(|&&b| b == b'*').count();
    let stars_end = at + bytes[at..].iter().take_while(|&&b| b == b'*').count();
    if stars_end - first > 2 {
        return None;
    }
    let digits = bytes[stars_end..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 || digits > 5 {
        return None;
    }
    let end = stars_end + digits;
    // `*14*` is a number in italics; `*3d` is no page.
    match bytes.get(end) {
        Some(b) if *b == b'*' || b.is_ascii_alphabetic() => None,
        _ => Some((first, end)),
    }
}

/// The text before the stars ends with the word `at` and one space.
fn after_at(before: &[u8]) -> bool {
    let Some(word) = before.strip_suffix(b" ") else {
        return false;
    };
    if word.len() < 2 || !word[word.len() - 2..].eq_ignore_ascii_case(b"at") {
        return false;
    }
    word.len() == 2 || !word[word.len() - 3].is_ascii_alphanumeric()
}

/// The first star of the page just before a chain separator ending at `first`: `*3–` before
/// `*4`.
fn chain_previous(bytes: &[u8], first: usize) -> Option<usize> {
    let before = &bytes[..first];
    let separator = CHAIN_SEPARATORS.iter().find(|s| before.ends_with(s))?;
    let number_end = first - separator.len();
    let digits = bytes[..number_end]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 {
        return None;
    }
    let stars_end = number_end - digits;
    let stars = bytes[..stars_end]
        .iter()
        .rev()
        .take_while(|&&b| b == b'*')
        .count();
    (1..=2).contains(&stars).then_some(stars_end - stars)
}

/// The next `*` after the page number, within the paragraph, does not close emphasis: there
/// is none, or it opens emphasis (`*Id.*`) or another page.
fn closes_no_emphasis(bytes: &[u8], from: usize) -> bool {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' if bytes.get(i + 1) == Some(&b'\n') => return true,
            b'\\' => i += 2,
            b'*' => {
                let before = bytes[i - 1];
                let after = bytes.get(i + 1).copied();
                let closes = !before.is_ascii_whitespace()
                    && after.is_none_or(|a| !a.is_ascii_alphanumeric() && a != b'*');
                return !closes;
            }
            _ => i += 1,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::is_star_page;

    fn stars(text: &str) -> Vec<usize> {
        (0..text.len())
            .filter(|&i| is_star_page(text.as_bytes(), i))
            .collect()
    }

    #[test]
    fn pages_after_at_and_in_a_chain_are_star_pages() {
        let text = "2019 WL 123456, at *14 (D. Del. 2019)";
        assert_eq!(stars(text), vec![19]);
        let chain = "at *3–*4 and at **2, and *Id.* at *7, *9";
        let found = stars(chain);
        assert_eq!(found.len(), 6, "{found:?}");
        assert!(!found.contains(&chain.find("*Id").unwrap_or(0)));
    }

    #[test]
    fn emphasis_stays_emphasis() {
        assert!(stars("*Title* at 4; at *Roe* v. Wade").is_empty());
        assert!(stars("we looked at *1960 Census* tables").is_empty());
        assert!(stars("at *14* and at ***2").is_empty());
        assert!(stars("the cat *14 lives").is_empty());
        assert!(stars("flat *3").is_empty());
        assert!(stars("see *3–*4").is_empty());
    }
}
