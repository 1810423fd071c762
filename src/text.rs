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

pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʹ' | 'ʺ' | 'ʼ' | '`' | '´')
}

/// Rewrites one folded word so that common romanization variants meet: ya/ia, yu/iu, yo/io,
/// a word-final y/iy/yi/ij as ii, tz as ts, j before a vowel as i.
pub fn romanization_key(word: &str) -> String {
    if !word.contains(['y', 'j', 'z']) {
        return word.to_string();
    }
    let mut key = word
        .replace("ya", "ia")
        .replace("yu", "iu")
        .replace("yo", "io")
        .replace("ye", "ie")
        .replace("tz", "ts")
        .replace("ja", "ia")
        .replace("ju", "iu");
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

#[cfg(test)]
mod tests {
    use super::*;

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
