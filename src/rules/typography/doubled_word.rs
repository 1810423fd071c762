use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::model::Role;
use crate::rules::Context;
use crate::source::Span;
use crate::text::is_english_word;

use super::VOCABULARY;

declare_rule! {
    /// The same word twice in a row: "in in", "the the".
    ///
    /// ## What it checks
    /// Two identical English words separated only by spaces, a line break or emphasis marks
    /// (`the *the*`), within a paragraph, heading or note. The second must be lower case
    /// (`Walla Walla` is a name). Grammatical repeats ("had had", "that that") and repeated
    /// intensifiers ("really really", emphasis by style) are allowed by the list in
    /// `rules/typography.toml`; the end of a hyphenated compound followed by its last word
    /// (`non-modernist modernist`) is not a repeat; and only English words are compared: in a
    /// romanized Russian title "stat'i i rechi" the "i" is the word "and".
    ///
    /// ## Why
    /// A doubled word is the commonest slip of revision — a sentence rewritten around a line
    /// break — and the eye reads straight over it.
    ///
    /// ## Example
    /// ```markdown
    /// The record was set in in the Central Irmino mine.
    /// ```
    /// Delete one:
    /// ```markdown
    /// The record was set in the Central Irmino mine.
    /// ```
    pub static DOUBLED_WORD = {
        code: "TY001",
        name: "doubled-word",
        family: Typography,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

static SHORT_WORDS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    VOCABULARY
        .doubled_word
        .short_words
        .iter()
        .map(String::as_str)
        .collect()
});

static ALLOWED: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    VOCABULARY
        .doubled_word
        .allowed
        .iter()
        .map(String::as_str)
        .collect()
});

pub(super) fn prepare_tables() {
    LazyLock::force(&SHORT_WORDS);
    LazyLock::force(&ALLOWED);
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    for block in ms
        .blocks
        .iter()
        .filter(|b| matches!(b.role, Role::Body | Role::Note(_) | Role::Heading))
    {
        let text = ms.text(block.span);
        let base = block.span.start as usize;
        let mut previous: Option<std::ops::Range<usize>> = None;
        for_each_word_of(text, |word| {
            // Cheap tests first: most neighbouring words differ in length.
            let same_length = previous.as_ref().filter(|p| p.len() == word.len());
            if let Some(first) = same_length {
                // Only spaces, line breaks and emphasis marks between the two.
                let adjacent = text.as_bytes()[first.end..word.start]
                    .iter()
                    .all(|b| b.is_ascii_whitespace() || matches!(b, b'*' | b'_'));
                // `non-modernist modernist`: the first is the end of a hyphenated compound.
                let compound = text[..first.start].ends_with('-');
                if adjacent
                    && !compound
                    && is_doubled(&text[first.clone()], &text[word.clone()])
                    && !repeated_by_grammar(ms.language.as_deref(), &text[word.clone()])
                {
                    out.push(Finding::new(
                        Span::new(block.file, base + first.start, base + word.end),
                        format!("`{}` is written twice in a row", &text[word.clone()]),
                    ));
                }
            }
            previous = Some(word);
        });
    }
}

/// Calls `found(range)` for each word of a block's source: letters of any script, with
/// apostrophes between letters (`stat'i`, `Khar’kov`) kept inside the word. ASCII text is read
/// byte by byte; only other characters are decoded.
fn for_each_word_of(text: &str, mut found: impl FnMut(std::ops::Range<usize>)) {
    let bytes = text.as_bytes();
    let letter_len = |i: usize| -> usize {
        match bytes.get(i) {
            Some(b) if b.is_ascii_alphabetic() => 1,
            Some(&b) if b >= 0x80 => text[i..]
                .chars()
                .next()
                .filter(|&c| crate::text::is_letter(c))
                .map_or(0, char::len_utf8),
            _ => 0,
        }
    };
    let apostrophe_len = |i: usize| -> usize {
        match bytes.get(i) {
            Some(b'\'') => 1,
            Some(0xE2) if bytes.get(i + 1..i + 3) == Some(&[0x80, 0x99]) => 3,
            _ => 0,
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let first = letter_len(i);
        if first == 0 {
            i += if bytes[i] < 0x80 {
                1
            } else {
                text[i..].chars().next().map_or(1, char::len_utf8)
            };
            continue;
        }
        let start = i;
        i += first;
        loop {
            // Most letters are ASCII: take them in a tight loop.
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            let letter = letter_len(i);
            if letter > 0 {
                i += letter;
                continue;
            }
            let apostrophe = apostrophe_len(i);
            if apostrophe > 0 && letter_len(i + apostrophe) > 0 {
                i += apostrophe;
                continue;
            }
            break;
        }
        found(start..i);
    }
}

/// Words a language's grammar repeats: the French reflexive `nous nous`, `vous vous`.
fn repeated_by_grammar(language: Option<&str>, word: &str) -> bool {
    let language = language.unwrap_or("en").to_ascii_lowercase();
    language.starts_with("fr") && matches!(word, "nous" | "vous")
}

fn is_doubled(first: &str, second: &str) -> bool {
    if !first.eq_ignore_ascii_case(second)
        || !second.bytes().all(|b| b.is_ascii_lowercase())
        || ALLOWED.contains(second)
    {
        return false;
    }
    SHORT_WORDS.contains(second) || second.len() >= 4 && is_english_word(second)
}
