//! Text normalisation shared by the indexes: folding case, diacritics, quotes and the common
//! alternations of Russian romanization, so that keys compare what an author means.

use unicode_normalization::UnicodeNormalization;

/// Lower case, diacritics removed, apostrophes and soft/hard-sign marks dropped, every other
/// non-alphanumeric character turned into a space, white space collapsed.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars() {
        // Decomposing is costly and only needed beyond ASCII, where most text is.
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
                space = false;
            } else if !is_apostrophe(c) && !space {
                out.push(' ');
                space = true;
            }
        } else {
            for part in std::iter::once(c).nfd() {
                fold_char(part, &mut out, &mut space);
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

fn fold_char(c: char, out: &mut String, space: &mut bool) {
    if is_combining(c) || is_apostrophe(c) {
        return;
    }
    if let Some(latin) = cyrillic_to_latin(c) {
        out.push_str(latin);
        *space = false;
    } else if c.is_alphanumeric() {
        for lower in c.to_lowercase() {
            out.push(match lower {
                'ß' => 's',
                'ø' => 'o',
                'ł' => 'l',
                'đ' => 'd',
                'æ' => 'a',
                other => other,
            });
        }
        *space = false;
    } else if !*space {
        out.push(' ');
        *space = true;
    }
}

/// Library of Congress romanization of a Cyrillic letter (lower case), so that keys compare a
/// word across scripts: a title typed half in Cyrillic still finds its entry.
fn cyrillic_to_latin(c: char) -> Option<&'static str> {
    let lower = c.to_lowercase().next()?;
    Some(match lower {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'э' => "e",
        'ю' => "iu",
        'я' => "ia",
        'і' => "i",
        'ї' => "i",
        'є' => "ie",
        'ґ' => "g",
        _ => return None,
    })
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036f}' | '\u{1ab0}'..='\u{1aff}' | '\u{20d0}'..='\u{20ff}')
}

/// A letter of any script (`char::is_alphabetic`), with the commonest non-ASCII characters of
/// a manuscript decided without the Unicode table: typographic punctuation (quotes, dashes,
/// the no-break space) is not a letter; Latin-1 and Latin Extended letters and basic
/// Cyrillic are.
#[inline]
pub fn is_letter(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphabetic(),
        'ª' | 'µ' | 'º' => true,
        '\u{a0}'..='\u{bf}' | '\u{2000}'..='\u{206f}' | '×' | '÷' => false,
        '\u{c0}'..='\u{24f}' | '\u{400}'..='\u{481}' => true,
        _ => c.is_alphabetic(),
    }
}

pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʹ' | 'ʺ' | 'ʼ' | '`' | '´')
}

/// Rewrites one folded word so that common romanization variants meet: ya/ia, yu/iu, yo/io,
/// a word-final y/iy/yi/ij as ii, tz as ts, j before a vowel as i.
pub fn romanization_key(word: &str) -> String {
    if !word.contains(['y', 'j', 'z']) {
        return word.to_string();
    }
    // One pass instead of a chain of `replace`s: no rewrite creates another's pattern.
    let bytes = word.as_bytes();
    let mut key = String::with_capacity(word.len());
    for (i, c) in word.char_indices() {
        let next = bytes.get(i + 1).copied();
        let previous = i.checked_sub(1).map(|p| bytes[p]);
        key.push(match (c, next, previous) {
            ('y', Some(b'a' | b'u' | b'o' | b'e'), _) | ('j', Some(b'a' | b'u'), _) => 'i',
            ('z', _, Some(b't')) => 's',
            _ => c,
        });
    }
    romanize_ending(key)
}

/// A word-final y/iy/yi/ij as ii, oj as oi, j as i.
fn romanize_ending(mut key: String) -> String {
    for ending in ["iy", "yi", "ij", "oj", "y", "j"] {
        if key.len() > ending.len() + 2 && key.ends_with(ending) {
            key.truncate(key.len() - ending.len());
            key.push_str(match ending {
                "oj" => "oi",
                "j" => "i",
                _ => "ii",
            });
            break;
        }
    }
    key
}

const LEADING_ARTICLES: &[&str] = &[
    "the", "a", "an", "le", "la", "les", "der", "die", "das", "il",
];

/// The words of a title as they are compared: folded, romanization variants merged, a
/// leading article dropped.
pub fn title_words(title: &str) -> Vec<String> {
    let folded = fold(title);
    let mut words: Vec<String> = folded
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(romanization_key)
        .collect();
    if words.len() > 1 && LEADING_ARTICLES.contains(&words[0].as_str()) {
        words.remove(0);
    }
    words
}

/// A surname as it is compared.
pub fn name_key(name: &str) -> String {
    fold(name)
        .split(' ')
        .map(romanization_key)
        .collect::<Vec<_>>()
        .join(" ")
}

/// English words of four letters or more (SCOWL via Debian's wamerican, lower-case entries
/// only; see rules/english-words.COPYRIGHT), one per line in byte order.
const ENGLISH_WORDS: &str = include_str!("../rules/english-words.txt");

/// Whether a lower-case ASCII word is an English dictionary word. A binary search over the
/// embedded sorted lines: nothing is built at start-up.
pub fn is_english_word(word: &str) -> bool {
    let bytes = ENGLISH_WORDS.as_bytes();
    let (mut low, mut high) = (0usize, bytes.len());
    while low < high {
        let middle = low + (high - low) / 2;
        let start = bytes[..middle]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| start + i);
        let line = &ENGLISH_WORDS[start..end];
        match line.cmp(word) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => low = end + 1,
            std::cmp::Ordering::Greater => high = start,
        }
    }
    false
}

/// Similarity of two keys in 0..=1 (normalised Levenshtein).
pub fn similarity(a: &str, b: &str) -> f64 {
    strsim::normalized_levenshtein(a, b)
}

/// Similarity of two short name keys in 0..=1, counting a swap of neighbours as one edit
/// (normalised Damerau-Levenshtein): `Pashkin` and `Packhin`.
pub fn name_similarity(a: &str, b: &str) -> f64 {
    strsim::normalized_damerau_levenshtein(a, b)
}

/// Whether two keys can reach `threshold` similarity at all: an edit distance is at least the
/// difference in length, so far-apart lengths are rejected without computing it.
pub fn may_be_similar(a: &str, b: &str, threshold: f64) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    let longest = la.max(lb).max(1) as f64;
    1.0 - (la.abs_diff(lb) as f64) / longest >= threshold
}

/// `similarity(a, b)` when it reaches `threshold`. Strings of other letters are rejected
/// without the edit distance: an edit changes a count of letters by at most two, so half the
/// difference of the letter counts bounds the distance from below.
pub fn similarity_at_least(a: &str, b: &str, threshold: f64) -> Option<f64> {
    let mut counts = [0i32; 64];
    let (mut la, mut lb) = (0usize, 0usize);
    for c in a.chars() {
        counts[c as usize % 64] += 1;
        la += 1;
    }
    for c in b.chars() {
        counts[c as usize % 64] -= 1;
        lb += 1;
    }
    let difference: i32 = counts.iter().map(|c| c.abs()).sum();
    let fewest_edits = (difference as f64 / 2.0).ceil();
    if 1.0 - fewest_edits / (la.max(lb).max(1) as f64) < threshold {
        return None;
    }
    let longest = la.max(lb).max(1);
    // The most edits that still reach the threshold: only a band of the table can hold them.
    // Rounded up: the score decides at the boundary, not the floating-point product.
    let allowed = ((1.0 - threshold) * longest as f64).ceil() as usize;
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let distance = banded_levenshtein(&a, &b, allowed)?;
    let score = 1.0 - distance as f64 / longest as f64;
    (score >= threshold).then_some(score)
}

/// The Levenshtein distance of `a` and `b` when it is at most `allowed`: cells farther than
/// `allowed` from the diagonal cannot lie on such a path and are never computed.
fn banded_levenshtein(a: &[char], b: &[char], allowed: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > allowed {
        return None;
    }
    let beyond = allowed + 1;
    // previous[j]: distance between a[..i] and b[..j]; cells outside the band hold `beyond`.
    let mut previous: Vec<usize> = (0..=b.len()).map(|j| j.min(beyond)).collect();
    let mut current = vec![beyond; b.len() + 1];
    for i in 1..=a.len() {
        let low = i.saturating_sub(allowed).max(1);
        let high = (i + allowed).min(b.len());
        current.fill(beyond);
        current[0] = i.min(beyond);
        let mut best = current[0];
        for j in low..=high {
            let substitution = previous[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let cost = substitution
                .min(previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(beyond);
            current[j] = cost;
            best = best.min(cost);
        }
        if best > allowed {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    let distance = previous[b.len()];
    (distance <= allowed).then_some(distance)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_counts_never_reject_a_similar_pair() {
        let words = [
            "stakhanovskoe dvizhenie",
            "stakhanovskoe dvizhnie",
            "stakhanovsko dvizhenie v",
            "istoriia stakhanovskogo",
            "the making of stakhanovism",
            "stakhanovism and the politics",
            "Kadiievka",
            "Kadievka",
            "",
        ];
        for a in words {
            for b in words {
                for threshold in [0.5, 0.8, 0.9] {
                    let full = similarity(a, b);
                    let expected = (full >= threshold).then_some(full);
                    assert_eq!(similarity_at_least(a, b, threshold), expected, "{a} / {b}");
                }
            }
        }
    }

    /// The rewrites as first written: a chain of replacements.
    fn romanization_key_by_replacing(word: &str) -> String {
        let key = word
            .replace("ya", "ia")
            .replace("yu", "iu")
            .replace("yo", "io")
            .replace("ye", "ie")
            .replace("tz", "ts")
            .replace("ja", "ia")
            .replace("ju", "iu");
        romanize_ending(key)
    }

    #[test]
    fn romanization_keys_of_single_words() {
        assert_eq!(romanization_key("kadiyevka"), romanization_key("kadiievka"));
        assert_eq!(romanization_key("yuzovka"), "iuzovka");
        assert_eq!(romanization_key("dostoyevskiy"), "dostoievskii");
        assert_eq!(romanization_key("kuznetz"), "kuznets");
    }

    proptest::proptest! {
        #[test]
        fn one_pass_key_equals_the_chain_of_replacements(word in "[aeioujyztsé]{0,12}") {
            proptest::prop_assert_eq!(romanization_key(&word), romanization_key_by_replacing(&word));
        }

        #[test]
        fn letter_counts_agree_with_the_edit_distance(
            a in "[a-eé ]{0,14}",
            b in "[a-eé ]{0,14}",
            threshold in 0.3f64..0.95,
        ) {
            let full = similarity(&a, &b);
            proptest::prop_assert_eq!(
                similarity_at_least(&a, &b, threshold),
                (full >= threshold).then_some(full)
            );
        }
    }

    #[test]
    fn every_listed_english_word_is_found_and_neighbours_are_not() {
        for word in ENGLISH_WORDS.lines() {
            assert!(is_english_word(word), "{word}");
            assert!(!is_english_word(&format!("{word}qx")), "{word}qx");
        }
        for absent in ["", "a", "zzzz", "stakhanovite", "kadiievka", "\u{0}x"] {
            assert!(!is_english_word(absent), "{absent}");
        }
    }

    #[test]
    fn is_letter_agrees_with_unicode_everywhere() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn folding_merges_quotes_case_and_diacritics() {
        assert_eq!(
            fold("*Zhizn’ moia i moikh družei*"),
            "zhizn moia i moikh druzei"
        );
        assert_eq!(fold("Put' Stakhanovtsa:"), "put stakhanovtsa");
        assert_eq!(fold("moikh друзей"), "moikh druzei");
    }

    #[test]
    fn romanization_variants_meet() {
        assert_eq!(name_key("Lunacharsky"), name_key("Lunacharskii"));
        assert_eq!(name_key("Dyukanov"), name_key("Diukanov"));
        assert_eq!(
            title_words("Pervoe vsesoyuznoe"),
            title_words("Pervoe vsesoiuznoe")
        );
        assert_ne!(name_key("Krivonos"), name_key("Krivosos"));
    }

    #[test]
    fn english_words_are_found_by_binary_search() {
        for word in ["waiting", "writing", "abandon", "zoology"] {
            assert!(is_english_word(word), "{word}");
        }
        for word in ["krivonos", "siegelbaum", "stakhanov", "aaaa", "zzzzzz"] {
            assert!(!is_english_word(word), "{word}");
        }
    }

    #[test]
    fn leading_article_is_dropped() {
        assert_eq!(
            title_words("The House of Government"),
            title_words("House of Government")
        );
    }
}
