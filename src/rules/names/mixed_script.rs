use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::fix::Fix;
use crate::rules::Context;

use super::{Script, script_of};

declare_rule! {
    /// A word that mixes scripts: Cyrillic or Greek letters inside a Latin word, or the
    /// reverse.
    ///
    /// ## What it checks
    /// Every word is checked letter by letter (Unicode TR39's mixed-script test for the
    /// scripts romanized manuscripts mix: Latin, Cyrillic, Greek). A word mostly in Latin with
    /// Cyrillic letters gets them romanized as the fix; a word mostly in Cyrillic gets its
    /// Latin look-alikes replaced by the Cyrillic letters they imitate. A Cyrillic word inside
    /// an italic title that is otherwise romanized is reported too.
    ///
    /// ## Why
    /// Cyrillic *а*, *е*, *о*, *р*, *с* look exactly like Latin letters: a word pasted from a
    /// Russian source looks right, but search, sorting, spell checking and the bibliography's
    /// alphabetical order all break on it.
    ///
    /// ## Example
    /// ```markdown
    /// *Rech' na prieme … rukovoditeliami partii i pravitel'sтва*
    /// ```
    /// Retype the Cyrillic `тва` as Latin `tva`.
    ///
    /// ## Fix
    /// `--fix` retypes the look-alike letters in the word's own script when every foreign letter has an identical twin (Cyrillic `о` for Latin `o`); a letter that would need transliterating (`т`) is left to the author.
    pub static MIXED_SCRIPT = {
        code: "NM003",
        name: "mixed-script",
        family: Names,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let words = &cx.indexes.words().words;
    for (i, word) in words.iter().enumerate() {
        let text = ms.text(word.span());
        let (mut latin, mut cyrillic, mut greek) = (0, 0, 0);
        for c in text.chars() {
            match script_of(c) {
                Script::Latin => latin += 1,
                Script::Cyrillic => cyrillic += 1,
                Script::Greek => greek += 1,
                Script::Other => {}
            }
        }
        let mixed = [latin, cyrillic, greek].iter().filter(|&&n| n > 0).count() > 1;
        if mixed {
            let fixed = if latin >= cyrillic + greek {
                to_latin(text)
            } else {
                to_cyrillic(text)
            };
            // A letter with no look-alike in the other script (`φ` in `she φs`, a variable
            // made a verb) is the author's on purpose: nothing could replace it.
            if fixed == text {
                continue;
            }
            let foreign = if latin >= cyrillic + greek {
                "Cyrillic or Greek"
            } else {
                "Latin"
            };
            let mut finding = Finding::new(
                word.span(),
                format!(
                    "`{text}` mixes scripts: it has {foreign} letters that look alike; write `{fixed}`"
                ),
            );
            // Safe to fix only when every foreign letter is a true look-alike: the word then
            // reads the same, only its letters' code points change.
            if let Some(retyped) = retype_lookalikes(text, latin >= cyrillic + greek) {
                finding = finding.fix(Fix::safe_replacement(word.span(), retyped));
            }
            out.push(finding);
            continue;
        }
        // A Cyrillic word in an otherwise romanized italic title.
        if cyrillic > 0 && word.italic() && latin == 0 {
            let latin_words_in_title = words[i.saturating_sub(12)..(i + 12).min(words.len())]
                .iter()
                .filter(|w| w.run == word.run)
                .filter(|w| {
                    ms.text(w.span())
                        .chars()
                        .all(|c| script_of(c) != Script::Cyrillic)
                })
                .count();
            if latin_words_in_title >= 2 {
                out.push(Finding::new(
                    word.span(),
                    format!(
                        "`{text}` is in Cyrillic inside a romanized title; write `{}`",
                        to_latin(text)
                    ),
                ));
            }
        }
    }
}

/// Cyrillic and Greek letters drawn exactly like a Latin one, with that letter.
const LOOKALIKES: &[(char, char)] = &[
    ('а', 'a'),
    ('е', 'e'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('у', 'y'),
    ('х', 'x'),
    ('і', 'i'),
    ('ј', 'j'),
    ('ѕ', 's'),
    ('А', 'A'),
    ('В', 'B'),
    ('Е', 'E'),
    ('К', 'K'),
    ('М', 'M'),
    ('Н', 'H'),
    ('О', 'O'),
    ('Р', 'P'),
    ('С', 'C'),
    ('Т', 'T'),
    ('Х', 'X'),
    ('І', 'I'),
    ('Ј', 'J'),
    ('Ѕ', 'S'),
    ('ο', 'o'),
    ('α', 'a'),
    ('Α', 'A'),
    ('Β', 'B'),
    ('Ε', 'E'),
    ('Η', 'H'),
    ('Ι', 'I'),
    ('Κ', 'K'),
    ('Μ', 'M'),
    ('Ν', 'N'),
    ('Ο', 'O'),
    ('Ρ', 'P'),
    ('Τ', 'T'),
    ('Χ', 'X'),
    ('Υ', 'Y'),
    ('Ζ', 'Z'),
];

/// The word with its minority-script letters swapped for their look-alikes in the majority
/// script (into Latin when `to_latin_script`, else into Cyrillic), or None when one of them
/// has no look-alike (retyping it would be transliteration, not a correction).
fn retype_lookalikes(text: &str, to_latin_script: bool) -> Option<String> {
    text.chars()
        .map(|c| match (script_of(c), to_latin_script) {
            (Script::Cyrillic | Script::Greek, true) => LOOKALIKES
                .iter()
                .find(|(foreign, _)| *foreign == c)
                .map(|&(_, latin)| latin),
            (Script::Latin, false) => LOOKALIKES
                .iter()
                .find(|(foreign, latin)| *latin == c && script_of(*foreign) == Script::Cyrillic)
                .map(|&(cyrillic, _)| cyrillic),
            (Script::Greek, false) => None,
            _ => Some(c),
        })
        .collect()
}

/// Romanizes Cyrillic letters (Library of Congress, without diacritics) and maps Greek
/// look-alikes to Latin.
fn to_latin(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match script_of(c) {
            Script::Cyrillic => {
                let upper = c.is_uppercase();
                let latin = crate::text::fold(&c.to_string());
                let latin = if c == 'ь' || c == 'Ь' {
                    "'".to_string()
                } else {
                    latin
                };
                if upper {
                    let mut chars = latin.chars();
                    if let Some(first) = chars.next() {
                        out.extend(first.to_uppercase());
                        out.push_str(chars.as_str());
                    }
                } else {
                    out.push_str(&latin);
                }
            }
            Script::Greek => out.push(match c {
                'α' => 'a',
                'ο' => 'o',
                'ρ' => 'p',
                'ε' => 'e',
                'ι' => 'i',
                'κ' => 'k',
                'ν' => 'v',
                'τ' => 't',
                'Α' => 'A',
                'Β' => 'B',
                'Ε' => 'E',
                'Η' => 'H',
                'Ι' => 'I',
                'Κ' => 'K',
                'Μ' => 'M',
                'Ν' => 'N',
                'Ο' => 'O',
                'Ρ' => 'P',
                'Τ' => 'T',
                'Χ' => 'X',
                'Υ' => 'Y',
                'Ζ' => 'Z',
                other => other,
            }),
            _ => out.push(c),
        }
    }
    out
}

/// Replaces Latin letters that imitate Cyrillic ones.
fn to_cyrillic(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'a' => 'а',
            'e' => 'е',
            'o' => 'о',
            'p' => 'р',
            'c' => 'с',
            'y' => 'у',
            'x' => 'х',
            'A' => 'А',
            'B' => 'В',
            'E' => 'Е',
            'K' => 'К',
            'M' => 'М',
            'H' => 'Н',
            'O' => 'О',
            'P' => 'Р',
            'C' => 'С',
            'T' => 'Т',
            'X' => 'Х',
            'Y' => 'У',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_go_both_ways() {
        assert_eq!(to_latin("pravitel'sтва"), "pravitel'stva");
        assert_eq!(to_cyrillic("автоматнo"), "автоматно");
    }

    #[test]
    fn only_true_look_alikes_are_retyped() {
        assert_eq!(
            retype_lookalikes("автоматнo", false).as_deref(),
            Some("автоматно")
        );
        assert_eq!(
            retype_lookalikes("Stаkhanov", true).as_deref(),
            Some("Stakhanov")
        );
        // `т` has no Latin twin: romanizing it is transliteration, left to the author.
        assert_eq!(retype_lookalikes("pravitel’sтва", true), None);
    }
}
