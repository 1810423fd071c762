use std::collections::HashMap;

use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::rules::Context;
use crate::text::{fold, is_apostrophe};

use super::{Script, script_of};

declare_rule! {
    /// The same word written with and without a diacritic or a foreign letter.
    ///
    /// ## What it checks
    /// Words are compared with their diacritics removed (and a final *ï* or *y* taken as the
    /// same letter). When one word is written in several ways and at least one of them uses a
    /// letter outside plain ASCII — *družei* and *druzei*, *Dneprostroï* and *Dneprostroy* —
    /// each spelling used less often than the most common one is reported. Quotations are
    /// left out: there the quoted author's spelling stands.
    ///
    /// ## Why
    /// A romanization system either uses diacritics or does not; a manuscript that does both
    /// looks careless, and catalogue searches treat the spellings as different words.
    ///
    /// ## Example
    /// ```markdown
    /// Busygin, *Zhizn' moia i moikh družei*, 11. … Busygin, *Zhizn' moia i moikh druzei*, 39.
    /// ```
    /// Choose one spelling.
    pub static DIACRITIC_VARIANT = {
        code: "NM004",
        name: "diacritic-variant",
        family: Names,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

type Spellings = Vec<(String, Vec<u32>)>;

fn add(
    groups: &mut HashMap<String, Spellings>,
    index: &crate::words::WordIndex,
    key: String,
    form: &str,
    ids: &[u32],
) {
    let ids: Vec<u32> = ids
        .iter()
        .copied()
        .filter(|&i| !index.words[i as usize].quoted)
        .collect();
    if ids.is_empty() {
        return;
    }
    let spelling: String = form
        .chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .collect();
    let entry = groups.entry(key).or_default();
    match entry.iter_mut().find(|(s, _)| *s == spelling) {
        Some((_, list)) => list.extend(ids),
        None => entry.push((spelling, ids)),
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let index = &cx.indexes.words();
    // key → (spelling → occurrences in document order). Keys of words with a letter beyond
    // ASCII come first; plain ASCII words only join a key that exists, without folding.
    let mut groups: HashMap<String, Vec<(String, Vec<u32>)>> = HashMap::new();
    let mut ascii_forms: Vec<(&str, &[u32])> = Vec::new();
    for (form, ids) in index.forms_with_occurrences() {
        let form = form.lower.as_str();
        if form.chars().all(|c| !c.is_alphabetic() || c.is_ascii()) {
            ascii_forms.push((form, ids));
            continue;
        }
        let latin = form
            .chars()
            .all(|c| !c.is_alphabetic() || script_of(c) == Script::Latin);
        if latin && form.chars().count() >= 3 {
            add(&mut groups, index, fold(form).replace('y', "i"), form, ids);
        }
    }
    for (form, ids) in ascii_forms {
        let key: String = form
            .chars()
            .filter(|c| !is_apostrophe(*c))
            .map(|c| if c == 'y' { 'i' } else { c })
            .collect();
        if groups.contains_key(&key) {
            add(&mut groups, index, key, form, ids);
        }
    }
    let mut keys: Vec<&String> = groups.keys().collect();
    keys.sort();
    for key in keys {
        let mut spellings = groups[key].clone();
        if spellings.len() < 2 || spellings.iter().all(|(s, _)| s.is_ascii()) {
            continue;
        }
        for (_, ids) in &mut spellings {
            ids.sort_unstable();
        }
        spellings.sort_by_key(|(_, ids)| (std::cmp::Reverse(ids.len()), ids[0]));
        let (majority, majority_ids) = &spellings[0];
        let majority_span = index.words[majority_ids[0] as usize].span;
        for (spelling, ids) in &spellings[1..] {
            for &id in ids {
                let word = &index.words[id as usize];
                out.push(
                    Finding::new(
                        word.span,
                        format!(
                            "`{}` is written `{}` elsewhere ({}); choose one spelling",
                            ms.text(word.span),
                            ms.text(majority_span),
                            crate::render::plural(majority_ids.len(), "time", "times")
                        ),
                    )
                    .related(majority_span, format!("`{majority}` first here"))
                    .identity(format!("diacritic {spelling} {majority}")),
                );
            }
        }
    }
}
