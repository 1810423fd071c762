//! Names and transliteration: one spelling per person, place and work; no hidden foreign
//! letters.

pub mod diacritic_variant;
pub mod mixed_script;
pub mod name_variant;
pub mod romanization;
pub mod transliteration_system;

/// See [`super::Family::prepare_tables`].
pub fn prepare_tables() {
    romanization::Table::get();
}

/// The script of a letter, for the scripts romanized manuscripts mix up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Latin,
    Cyrillic,
    Greek,
    Other,
}

pub fn script_of(c: char) -> Script {
    match c {
        'A'..='Z' | 'a'..='z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => Script::Latin,
        '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}' => Script::Cyrillic,
        '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => Script::Greek,
        _ => Script::Other,
    }
}

/// The spans of every cited title and container title, in notes and the bibliography, sorted.
pub fn cited_titles(cx: &crate::rules::Context<'_>) -> Vec<crate::source::Span> {
    let citations = cx.indexes.citations();
    let mut titles: Vec<crate::source::Span> = citations
        .citations
        .iter()
        .map(|c| &c.publication)
        .chain(citations.entries.iter().map(|e| &*e.publication))
        .flat_map(|p| [p.title.as_ref(), p.container.as_ref()])
        .flatten()
        .map(|f| f.span)
        .collect();
    titles.sort_unstable();
    titles
}

/// The index of the span of `sorted` that contains `span`, if one does.
pub fn containing(sorted: &[crate::source::Span], span: crate::source::Span) -> Option<usize> {
    let after = sorted.partition_point(|t| (t.file, t.start) <= (span.file, span.start));
    after.checked_sub(1).filter(|&i| sorted[i].contains(span))
}
