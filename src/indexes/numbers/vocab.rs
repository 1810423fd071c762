//! The words of `rules/numbers.toml`, loaded once into lookup tables.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use serde::Deserialize;

const TABLE: &str = include_str!("../../../rules/numbers.toml");

/// Function words: never a counted noun or an event noun.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and", "or",
    "but", "as", "than", "that", "which", "who", "whom", "whose", "was", "were", "is", "are", "be",
    "been", "being", "had", "has", "have", "per", "into", "out", "over", "under", "against",
    "more", "less", "this", "these", "those", "its", "his", "her", "their", "our", "your", "my",
    "all", "each", "every", "such", "same", "other", "later", "earlier", "before", "after", "ago",
    "not", "no", "so", "up", "down", "about", "while", "when", "where", "then", "there", "he",
    "she", "it", "they", "we", "i", "you", "would", "could", "should", "will", "can", "may",
    "might", "did", "do", "does", "also", "only", "just", "even", "again", "like", "since",
    "until", "during", "between", "among", "if", "what", "how", "why", "one", "instead", "whereas",
    "both", "either", "neither", "nor", "yet", "still", "already", "now", "here",
];

/// Capitalised words that are not names.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "of",
    "and",
    "or",
    "but",
    "for",
    "to",
    "by",
    "with",
    "from",
    "as",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "when",
    "while",
    "after",
    "before",
    "during",
    "since",
    "until",
    "although",
    "though",
    "if",
    "yet",
    "so",
    "not",
    "no",
    "one",
    "see",
    "cf",
    "ibid",
    "op",
    "cit",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Words whose period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "no", "nos", "vol", "vols", "p", "pp", "ed", "eds", "trans",
    "cf", "ibid", "op", "cit", "ca", "vs", "etc", "jr", "sr", "ob", "gen", "col", "lt", "capt",
    "prof", "comp", "esp", "fig", "ch", "chap", "ff", "tov",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    units: BTreeMap<String, Vec<String>>,
    durations: RawDurations,
    qualifiers: RawQualifiers,
    approximations: RawApproximations,
    corrections: RawWords,
    levels: RawWords,
    progressions: RawWords,
    alternatives: RawWords,
    numbers: RawNumbers,
    dates: RawDates,
    events: RawEvents,
    identifiers: RawIdentifiers,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIdentifiers {
    labels: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDurations {
    units: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQualifiers {
    statistic: BTreeMap<String, Vec<String>>,
    period: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawApproximations {
    before: Vec<String>,
    after: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWords {
    words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawNumbers {
    ones: Vec<String>,
    tens: Vec<String>,
    multipliers: BTreeMap<String, u64>,
    ordinals: Vec<String>,
    tens_ordinals: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDates {
    months: Vec<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvents {
    once: BTreeMap<String, Vec<String>>,
    named: Vec<String>,
    phases: Vec<Vec<String>>,
    anniversary: Vec<String>,
    responses: Vec<String>,
}

/// What a lower-cased word can mean to the index.
#[derive(Clone, Copy, Default)]
pub struct WordMeaning {
    /// A unit, by index into [`Vocabulary::units`].
    pub unit: Option<u16>,
    /// A qualifier of kind statistic (1-based index into its classes).
    pub statistic: u8,
    /// A qualifier of kind period (1-based).
    pub period: u8,
    /// A written-out number below a hundred.
    pub number: Option<u32>,
    pub multiplier: Option<u64>,
    pub ordinal: Option<u32>,
    /// A month, 1-12.
    pub month: Option<u8>,
    /// A once-in-a-life event, 1-based index into [`Vocabulary::once_events`].
    pub once_event: u8,
    pub named_event: bool,
    /// 1-based phase (opening, closing).
    pub phase: u8,
    pub anniversary: bool,
    /// The sentence says a figure supersedes another (`beating his own record`).
    pub progression: bool,
    /// The sentence sets a figure beside another source's (`Kotkin gives 1.47 million`).
    pub alternative: bool,
    pub stopword: bool,
    pub not_name: bool,
    pub abbreviation: bool,
    /// The first word of a response phrase (`in response to`).
    pub starts_response: bool,
    /// The last word of an approximation phrase before a figure (`more than`).
    pub ends_approximation: bool,
}

pub struct Vocabulary {
    /// Unit keys, in table order.
    pub units: Vec<String>,
    /// Per unit, whether it is a duration.
    pub durations: Vec<bool>,
    pub statistic_names: Vec<String>,
    pub period_names: Vec<String>,
    pub once_events: Vec<String>,
    words: FxHashMap<String, WordMeaning>,
    /// Multi-word units (`per cent`) as word sequences.
    pub phrase_units: Vec<(Vec<String>, u16)>,
    /// Approximation phrases before a figure, as word sequences, longest first.
    pub approximate_before: Vec<Vec<String>>,
    pub approximate_after: Vec<Vec<String>>,
    /// Lower-cased stems whose presence after a quotation says the author corrects it.
    pub corrections: Vec<String>,
    /// What a percentage can be a chosen level of (`95% power`, `90% confidence`): a
    /// study's setting, not a fact it reports.
    pub levels: Vec<String>,
    pub responses: Vec<Vec<String>>,
    /// The unit key of percentages and of "times", which ratio rules read.
    pub percent: u16,
    pub times: u16,
    /// Words before a number that make it a name (`No.`, `Figure`, `Bill`), lower case,
    /// sorted.
    identifier_labels: Vec<String>,
}

impl Vocabulary {
    pub fn meaning(&self, lower: &str) -> Option<&WordMeaning> {
        self.words.get(lower)
    }

    pub fn unit_name(&self, unit: u16) -> &str {
        self.units.get(unit as usize).map_or("", String::as_str)
    }

    pub fn is_duration(&self, unit: u16) -> bool {
        self.durations.get(unit as usize).copied().unwrap_or(false)
    }

    /// Whether a lower-cased word (final period dropped) labels the number after it as a
    /// name: `no`, `figure`, `ms`.
    pub fn is_identifier_label(&self, lower: &str) -> bool {
        self.identifier_labels
            .binary_search_by(|label| label.as_str().cmp(lower))
            .is_ok()
    }
}

pub static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
    // The table is part of the binary and checked by the tests: a parse error is a build bug.
    let raw: RawTable = toml::from_str(TABLE).expect("rules/numbers.toml is valid");
    build(raw)
});

fn split_words(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(str::to_lowercase).collect()
}

fn build(raw: RawTable) -> Vocabulary {
    let mut words: FxHashMap<String, WordMeaning> = FxHashMap::default();
    let mut units = Vec::new();
    let mut phrase_units = Vec::new();
    let mut percent = 0;
    let mut times = 0;
    for (id, (key, forms)) in raw.units.iter().enumerate() {
        let id = id as u16;
        if key == "percent" {
            percent = id;
        }
        if key == "times" {
            times = id;
        }
        units.push(key.clone());
        for form in forms {
            let parts = split_words(form);
            if parts.len() > 1 {
                phrase_units.push((parts, id));
            } else {
                words.entry(form.to_lowercase()).or_default().unit = Some(id);
            }
        }
    }
    let durations = units
        .iter()
        .map(|u| raw.durations.units.contains(u))
        .collect();
    let mut statistic_names = Vec::new();
    for (i, (name, forms)) in raw.qualifiers.statistic.iter().enumerate() {
        statistic_names.push(name.clone());
        for form in forms {
            words.entry(form.to_lowercase()).or_default().statistic = i as u8 + 1;
        }
    }
    let mut period_names = Vec::new();
    for (i, (name, forms)) in raw.qualifiers.period.iter().enumerate() {
        period_names.push(name.clone());
        for form in forms {
            words.entry(form.to_lowercase()).or_default().period = i as u8 + 1;
        }
    }
    for (value, word) in raw.numbers.ones.iter().enumerate() {
        words.entry(word.clone()).or_default().number = Some(value as u32);
    }
    for (tens, word) in raw.numbers.tens.iter().enumerate() {
        if !word.is_empty() {
            words.entry(word.clone()).or_default().number = Some(tens as u32 * 10);
        }
    }
    for (word, value) in &raw.numbers.multipliers {
        words.entry(word.clone()).or_default().multiplier = Some(*value);
    }
    for (value, word) in raw.numbers.ordinals.iter().enumerate() {
        if !word.is_empty() {
            words.entry(word.clone()).or_default().ordinal = Some(value as u32);
        }
    }
    for (tens, word) in raw.numbers.tens_ordinals.iter().enumerate() {
        if !word.is_empty() {
            words.entry(word.clone()).or_default().ordinal = Some(tens as u32 * 10);
        }
    }
    for (month, names) in raw.dates.months.iter().enumerate() {
        for name in names {
            words.entry(name.clone()).or_default().month = Some(month as u8 + 1);
        }
    }
    let mut once_events = Vec::new();
    for (i, (class, forms)) in raw.events.once.iter().enumerate() {
        once_events.push(class.clone());
        for word in forms {
            words.entry(word.clone()).or_default().once_event = i as u8 + 1;
        }
    }
    for word in &raw.events.named {
        words.entry(word.clone()).or_default().named_event = true;
    }
    for (phase, forms) in raw.events.phases.iter().enumerate() {
        for word in forms {
            words.entry(word.clone()).or_default().phase = phase as u8 + 1;
        }
    }
    for word in &raw.events.anniversary {
        words.entry(word.clone()).or_default().anniversary = true;
    }
    for word in &raw.progressions.words {
        words.entry(word.clone()).or_default().progression = true;
    }
    for word in &raw.alternatives.words {
        words.entry(word.clone()).or_default().alternative = true;
    }
    for word in STOPWORDS {
        words.entry(word.to_string()).or_default().stopword = true;
    }
    for word in NOT_NAMES {
        words.entry(word.to_string()).or_default().not_name = true;
    }
    for word in ABBREVIATIONS {
        words.entry(word.to_string()).or_default().abbreviation = true;
    }
    for phrase in &raw.events.responses {
        if let Some(first) = phrase.split_whitespace().next() {
            words
                .entry(first.to_lowercase())
                .or_default()
                .starts_response = true;
        }
    }
    for phrase in &raw.approximations.before {
        if let Some(last) = phrase.split_whitespace().last() {
            words
                .entry(last.to_lowercase())
                .or_default()
                .ends_approximation = true;
        }
    }
    let mut approximate_before: Vec<Vec<String>> = raw
        .approximations
        .before
        .iter()
        .map(|p| split_words(p))
        .collect();
    approximate_before.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let mut approximate_after: Vec<Vec<String>> = raw
        .approximations
        .after
        .iter()
        .map(|p| split_words(p))
        .collect();
    approximate_after.sort_by_key(|p| std::cmp::Reverse(p.len()));
    Vocabulary {
        units,
        durations,
        statistic_names,
        period_names,
        once_events,
        words,
        phrase_units,
        approximate_before,
        approximate_after,
        corrections: raw.corrections.words,
        levels: raw.levels.words,
        responses: raw
            .events
            .responses
            .iter()
            .map(|p| split_words(p))
            .collect(),
        percent,
        times,
        identifier_labels: {
            let mut labels: Vec<String> = raw
                .identifiers
                .labels
                .iter()
                .map(|l| l.to_lowercase())
                .collect();
            labels.sort();
            labels.dedup();
            labels
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_loads_and_knows_its_words() {
        let vocab = &*VOCABULARY;
        let ton = vocab.meaning("tons").and_then(|m| m.unit);
        assert_eq!(ton.map(|u| vocab.unit_name(u)), Some("ton"));
        assert_eq!(vocab.unit_name(vocab.percent), "percent");
        assert_eq!(vocab.meaning("twenty").and_then(|m| m.number), Some(20));
        assert_eq!(vocab.meaning("sept").and_then(|m| m.month), Some(9));
        assert_eq!(vocab.meaning("fourth").and_then(|m| m.ordinal), Some(4));
        assert!(vocab.meaning("record").is_some_and(|m| m.statistic > 0));
        assert!(vocab.is_duration(vocab.meaning("hours").and_then(|m| m.unit).unwrap_or(0)));
        assert!(vocab.is_identifier_label("figure") && vocab.is_identifier_label("h.r"));
        assert!(!vocab.is_identifier_label("figures"));
    }

    #[test]
    fn every_word_is_short_ascii_as_the_index_assumes() {
        for word in VOCABULARY.words.keys() {
            assert!(word.is_ascii() || word == "%" || word == "$", "{word}");
            assert!(word.len() <= 16, "{word}");
        }
    }
}
