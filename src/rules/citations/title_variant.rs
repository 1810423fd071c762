use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::indexes::citations::CitationKind;
use crate::rules::Context;
use crate::text::fold;

declare_rule! {
    /// The same work cited under differently spelled titles.
    ///
    /// ## What it checks
    /// All citations of one work (matched by author and title, short forms included) are
    /// compared over the words they share; case, diacritics, quotation marks and apostrophes
    /// do not count. When some notes spell the title as the bibliography does, that spelling
    /// is the reference and every other one is reported; otherwise each spelling used by
    /// fewer citations than the most common one is reported, pointing at the majority.
    ///
    /// ## Why
    /// A title typed several ways over months of writing looks like several works to a reader
    /// and to a library catalogue search; only one spelling is right.
    ///
    /// ## Example
    /// ```markdown
    /// [^1]: Gudov, *Put' stakhanovtsa*, 28.
    /// [^2]: Gudov, *Put' stakhanovtza*, 31.
    /// [^3]: Gudov, *Put' stakhanovtsa*, 40.
    /// ```
    /// Spell note 2 as the others do.
    pub static CITATION_TITLE_VARIANT = {
        code: "CI004",
        name: "citation-title-variant",
        family: Citations,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let index = &cx.indexes.citations();
    for work in &index.works {
        let titled: Vec<(usize, Vec<String>)> = work
            .citations
            .iter()
            .filter(|&&i| {
                matches!(
                    index.citations[i].kind,
                    CitationKind::Book | CitationKind::Article | CitationKind::Chapter
                )
            })
            .filter_map(|&i| {
                let title = index.citations[i].publication.title.as_ref()?;
                let mut words: Vec<String> =
                    fold(&title.text).split(' ').map(str::to_string).collect();
                // Short forms may drop a leading article (CMOS 14.32).
                if words.len() > 1 && matches!(words[0].as_str(), "the" | "a" | "an") {
                    words.remove(0);
                }
                Some((i, words))
            })
            .collect();
        if titled.len() < 2 {
            continue;
        }
        let shared = titled.iter().map(|(_, w)| w.len()).min().unwrap_or(0);
        if shared == 0 {
            continue;
        }
        // A short title may be the subtitle (`Waiting for Hitler` for `Stalin: Waiting…`).
        let longest = titled
            .iter()
            .map(|(_, w)| w)
            .max_by_key(|w| w.len())
            .cloned()
            .unwrap_or_default();
        let mut forms: Vec<(String, Vec<usize>)> = Vec::new();
        for (i, words) in &titled {
            let inside_longest = words.len() < longest.len()
                && longest
                    .windows(words.len())
                    .skip(1)
                    .any(|window| window == words.as_slice());
            if inside_longest {
                continue;
            }
            let key = words[..shared].join(" ");
            match forms.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.push(*i),
                None => forms.push((key, vec![*i])),
            }
        }
        if forms.len() < 2 {
            continue;
        }
        // The bibliography's spelling, when notes use it, is the reference.
        let entry_key = work
            .entry
            .and_then(|m| index.entries[m.entry].publication.title.as_ref())
            .map(|t| {
                let mut words: Vec<String> = fold(&t.text).split(' ').map(str::to_string).collect();
                if words.len() > 1 && matches!(words[0].as_str(), "the" | "a" | "an") {
                    words.remove(0);
                }
                words.get(..shared).map(|w| w.join(" ")).unwrap_or_default()
            });
        let by_entry = entry_key.and_then(|key| forms.iter().position(|(k, _)| *k == key));
        let majority = by_entry.unwrap_or_else(|| {
            forms
                .iter()
                .enumerate()
                .max_by_key(|(order, (_, list))| (list.len(), std::cmp::Reverse(*order)))
                .map(|(o, _)| o)
                .unwrap_or(0)
        });
        let (_, majority_list) = &forms[majority];
        let majority_first = &index.citations[majority_list[0]];
        let Some(majority_title) = &majority_first.publication.title else {
            continue;
        };
        for (order, (_, list)) in forms.iter().enumerate() {
            if order == majority || (by_entry.is_none() && list.len() >= majority_list.len()) {
                continue;
            }
            let reference = if by_entry.is_some() {
                format!(
                    "the bibliography and {}",
                    crate::render::plural(majority_list.len(), "citation", "citations")
                )
            } else {
                crate::render::plural(majority_list.len(), "citation", "citations")
            };
            // Two citations against one decide nothing about which spelling is right: say
            // only that they differ.
            let decided = by_entry.is_some() || majority_list.len() >= DECIDING_MAJORITY;
            for &i in list {
                let Some(title) = &index.citations[i].publication.title else {
                    continue;
                };
                let message = if decided {
                    format!(
                        "title spelled `{}` here; {reference} of this work spell it `{}`",
                        super::shorten(&title.text),
                        super::shorten(&majority_title.text)
                    )
                } else {
                    format!(
                        "this work's title is spelled two ways: `{}` here, `{}` in {reference}; \
                         one of them is a slip",
                        super::shorten(&title.text),
                        super::shorten(&majority_title.text)
                    )
                };
                out.push(Finding::new(title.span, message).related(
                    majority_title.span,
                    "the majority spelling, first used here",
                ));
            }
        }
    }
}

/// Without the bibliography's spelling, a majority this large marks the usual spelling.
const DECIDING_MAJORITY: usize = 3;
