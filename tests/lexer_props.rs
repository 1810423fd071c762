//! The citation lexer's hand-written matchers against the regular expressions they replace:
//! on random text made of the pieces citations are made of, both must find the same thing.

use manulint::indexes::citations::lex;
use proptest::prelude::*;
use regex::Regex;

fn citationish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        " ", "  ", "\u{a0}", "\n", ",", ".", ":", ";", "(", ")", "*", "_", "-", "–", "—", "“",
        "\"", "'", "0", "1", "3", "12", "1935", "2020", "1399", "f.", "f", "o", "op", "d", "l",
        "ll", "ob", "p", "pp", "esp", "ed", "eds", "st", "th", "Rev", "rev", "vol", "Vol",
        "volume", "trans", "Ibid", "ibid", "Op", "op", "loc", "Loc", "cit", "GARF", "RGASPI", "Ts",
        "Matt", "Cor", "John", "x", "Moscow", "Nauka", "http", "https", "://", "s", "Р", "ж", "A",
        "B", ">",
    ]);
    prop::collection::vec(pieces, 0..14).prop_map(|v| v.concat())
}

/// Text from a few pieces, so that matches are frequent.
fn from(pieces: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 0..10).prop_map(|v| v.concat())
}

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("oracle pattern")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn ibid_matches_its_pattern(text in citationish()) {
        let oracle = regex(r"^(?P<open>[*_]?)(?P<i>[Ii])bid(?P<dot1>\.)?(?P<close>[*_]?)(?P<dot2>\.)?");
        let expected = oracle.captures(&text).map(|c| lex::IbidMatch {
            len: c.get(0).map_or(0, |m| m.end()),
            italic: !c["open"].is_empty(),
            period: c.name("dot1").is_some() || c.name("dot2").is_some(),
            capital: &c["i"] == "I",
        });
        prop_assert_eq!(lex::ibid(&text), expected);
    }

    #[test]
    fn op_cits_match_their_pattern(text in from(&["op", "Op", "loc", "Loc", "x", "_", "*", ".", " ", "cit", "cit."])) {
        let oracle = regex(r"[*_]?(?-u:\b)(?:[Oo]p|[Ll]oc)\. ?cit\.[*_]?");
        let expected: Vec<_> = oracle.find_iter(&text).map(|m| m.range()).collect();
        prop_assert_eq!(lex::op_cits(&text), expected);
    }

    #[test]
    fn archives_match_their_pattern(text in from(&["GARF", "AbC", "a", "_", " ", "\u{a0}", "f.", "f", "Р", "R", " 12", "5", ".", "ж"])) {
        let oracle = regex(r"(?-u:\b)(?P<abbr>[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)\s+f\.\s*[A-ZР]?\s*[0-9]+");
        let expected: Vec<_> = oracle
            .captures_iter(&text)
            .filter_map(|c| Some(lex::ArchiveMatch { whole: c.get(0)?.range(), abbr: c.name("abbr")?.range() }))
            .collect();
        prop_assert_eq!(lex::archives(&text), expected);
    }

    #[test]
    fn signature_parts_match_their_pattern(text in from(&[",", " ", "o", "op", "d", "l", "ll", "ob", ".", "1", "23", "a", "_", "-", "–", ";"])) {
        let oracle = regex(r"^\s*,\s*(?:(?:o|op|d|l|ll|ob)\.?\s*)?[0-9][[0-9A-Za-z_]\-–]*(?:\s*ob\.?)?");
        prop_assert_eq!(lex::signature_part(&text), oracle.find(&text).map(|m| m.end()));
    }

    #[test]
    fn urls_match_their_pattern(text in from(&["http", "s", "://", "x", " ", ">", ")", "\u{a0}", "ж"])) {
        let oracle = regex(r"https?://[^\s>)]+");
        let expected: Vec<_> = oracle.find_iter(&text).map(|m| m.range()).collect();
        prop_assert_eq!(lex::urls(&text), expected);
    }

    /// The pattern let a book start with the space before it (` Matt`); the matcher starts
    /// it at the name, which is the only difference.
    #[test]
    fn scriptures_match_their_pattern(text in from(&["Matt", "Cor", "M", "att", "1", "2", "4", " ", ".", ":", "3", "-", "–", "x", "_"])) {
        let oracle = regex(r"(?-u:\b)(?P<book>[1-3]? ?[A-Z][a-z]+)\.? +[0-9]+:[0-9]+(?:[-–][0-9]+)?");
        let expected: Vec<_> = oracle
            .captures_iter(&text)
            .filter_map(|c| {
                let book = c.name("book")?;
                let lead = book.as_str().len() - book.as_str().trim_start().len();
                let whole = c.get(0)?.range();
                Some(lex::ScriptureMatch {
                    whole: whole.start + lead..whole.end,
                    book: book.start() + lead..book.end(),
                })
            })
            .collect();
        prop_assert_eq!(lex::scriptures(&text), expected);
    }

    #[test]
    fn pages_match_their_pattern(text in from(&[",", " ", "esp.", "p.", "pp.", "p", "12", "3", ":", "a", "-", "–", "—", "\u{a0}", "x"])) {
        let oracle = regex(r"^\s*,?\s*(?:esp\.\s*|pp?\.\s*)?(?:[0-9]+\s*:\s*)?[0-9]+[a-z]?(?:\s*[-–—]\s*[0-9]+)?(?:\s*,\s*(?:pp?\.\s*)?[0-9]+(?:\s*[-–—]\s*[0-9]+)?)*");
        prop_assert_eq!(lex::pages(&text), oracle.find(&text).map(|m| m.end()));
    }

    #[test]
    fn editions_match_their_pattern(text in from(&[",", " ", "  ", "vol.", "Vol", "volume", "2", "-", "–", "th", "nd", "ed", ".", "eds.", "Rev.", "trans.", "Max", "(", "\n"])) {
        let oracle = regex(r"^\s*,?\s*(?:(?:[Vv]ol\.|[Vv]olume)\s*[0-9]+(?:[-–][0-9]+)?|[0-9]+(?:st|nd|rd|th)\s+ed\.?|[Rr]ev\.\s+ed\.?|ed\.|eds\.|trans\.\s+[^,(]+)");
        prop_assert_eq!(lex::edition_or_volume(&text), oracle.find(&text).map(|m| m.end()));
    }

    #[test]
    fn archive_entries_match_their_pattern(text in from(&["GARF", "Ab", "C", "d", "1", " ", "\u{a0}", "-", "–", "—", ":", "(", "x"])) {
        let oracle = regex(r"^(?P<abbr>[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)\s*(?:[–—-]|:|\s\()\s*");
        let expected = oracle.captures(&text).and_then(|c| c.name("abbr")).map(|m| m.range());
        prop_assert_eq!(lex::archive_entry(&text), expected);
    }

    #[test]
    fn repeated_author_marks_match_their_pattern(text in from(&["-", "–", "—", ".", " ", "\n", "x"])) {
        let oracle = regex(r"^(?:[—–-]{2,}|[—–-]\s*\.|\.|[—–])\s*\.?\s*");
        let expected = oracle
            .find(&text)
            .is_some_and(|m| m.start() == 0 && text[m.end()..].trim().is_empty());
        prop_assert_eq!(lex::is_repeated_author_mark(&text), expected);
    }

    #[test]
    fn facts_alone_match_their_pattern(text in from(&["Moscow", "M", ":", " ", "\u{a0}", "Nauka", ",", "1935", "2020", "1399", "19", "35", ".", "*", "“", "ж", "x"])) {
        let oracle = regex(r#"^[A-Z][^:*“"]*:\s[^*“"]+,?\s(1[4-9][0-9][0-9]|20[0-9][0-9])\.?$"#);
        prop_assert_eq!(lex::is_facts_alone(&text), oracle.is_match(&text));
    }
}

#[test]
fn matchers_read_real_citations() {
    assert_eq!(lex::pages(", 109-111, 142."), Some(14));
    assert_eq!(lex::signature_part(", op. 1, d. 633"), Some(7));
    let text = "GARF f. 5446, op. 1";
    assert_eq!(lex::archives(text)[0].abbr, 0..4);
    assert_eq!(lex::urls("see https://example.org/a).")[0], 4..25);
    assert!(lex::is_facts_alone("Lewiston: E. Mellen Press, 1992."));
    assert!(lex::is_repeated_author_mark("———. "));
    assert_eq!(
        lex::archive_entry("RGAE – Russian State Archive"),
        Some(0..4)
    );
    assert_eq!(lex::edition_or_volume(", 6th ed., 12"), Some(9));
}
