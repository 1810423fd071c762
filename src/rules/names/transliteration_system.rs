use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::rules::Context;
use crate::source::Span;
use crate::text::is_english_word;

declare_rule! {
    /// A romanized word in a citation written in another system than the manuscript's.
    ///
    /// ## What it checks
    /// The lower-case, non-English words of cited titles (in notes and bibliography) show
    /// which romanization of Russian the manuscript follows: Library of Congress (ALA-LC)
    /// writes я and ю as *ia* and *iu*; BGN/PCGN and popular romanization write *ya* and *yu*.
    /// When one system clearly dominates (three times as many words, or the system declared
    /// with `[names] system = "ala-lc"` or `"bgn"`), each title word in the other system is
    /// reported, with its spelling in the manuscript's system. Names are left to
    /// `name-variant`: authors are cited as their works print them.
    ///
    /// ## Why
    /// Bibliographies and library catalogues use one system; a title romanized differently
    /// is hard to find and looks careless beside its neighbours.
    ///
    /// ## Example
    /// ```markdown
    /// *Pervoe vsesoyuznoe soveshchanie rabochikh i rabotnits*
    /// ```
    /// In a manuscript that writes *vsesoiuznoe* everywhere else, write *vsesoiuznoe*.
    pub static TRANSLITERATION_SYSTEM = {
        code: "NM002",
        name: "transliteration-system",
        family: Names,
        severity: Warning,
        enabled: false,
        check: check,
    };
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum System {
    /// ALA-LC: я → ia, ю → iu.
    LibraryOfCongress,
    /// BGN/PCGN and popular: я → ya, ю → yu.
    Popular,
}

fn markers(word: &str) -> Option<System> {
    let library = word.contains("ia") || word.contains("iu");
    let popular = word.contains("ya") || word.contains("yu");
    match (library, popular) {
        (true, false) => Some(System::LibraryOfCongress),
        (false, true) => Some(System::Popular),
        _ => None,
    }
}

/// Clusters that only romanized Russian has: an *ia* in `industriale` is Italian.
fn looks_russian(word: &str) -> bool {
    ["kh", "zh", "shch", "ts", "ch", "sh"]
        .iter()
        .any(|c| word.contains(c))
        || word.ends_with("ii")
}

fn respell(word: &str, system: System) -> String {
    match system {
        System::LibraryOfCongress => word.replace("ya", "ia").replace("yu", "iu"),
        System::Popular => word.replace("ia", "ya").replace("iu", "yu"),
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let citations = cx.indexes.citations();
    let mut titles: Vec<Span> = citations
        .citations
        .iter()
        .flat_map(|c| {
            [
                c.publication.title.as_ref(),
                c.publication.container.as_ref(),
            ]
        })
        .chain(citations.entries.iter().flat_map(|e| {
            [
                e.publication.title.as_ref(),
                e.publication.container.as_ref(),
            ]
        }))
        .flatten()
        .map(|f| f.span)
        .collect();
    titles.sort_unstable();
    let in_title = |span: Span| {
        let after = titles.partition_point(|t| (t.file, t.start) <= (span.file, span.start));
        after
            .checked_sub(1)
            .is_some_and(|i| titles[i].contains(span))
    };
    let mut candidates: Vec<(Span, String, System)> = Vec::new();
    for word in &cx.indexes.words().words {
        if word.capitalized || word.quoted {
            continue;
        }
        let text = ms.text(word.span);
        if !text.is_ascii() || text.len() < 4 {
            continue;
        }
        // Cheapest tests first: in a cited title, with a marker; the dictionary last.
        if !in_title(word.span) {
            continue;
        }
        let lower: String = text.chars().filter(char::is_ascii_alphabetic).collect();
        let Some(system) = markers(&lower) else {
            continue;
        };
        if !is_english_word(&lower) {
            candidates.push((word.span, text.to_string(), system));
        }
    }
    let count = |s: System| candidates.iter().filter(|(_, _, c)| *c == s).count();
    let (library, popular) = (count(System::LibraryOfCongress), count(System::Popular));
    let declared = match cx.config.names_system.as_deref() {
        Some("ala-lc" | "loc" | "library-of-congress") => Some(System::LibraryOfCongress),
        Some("bgn" | "bgn-pcgn" | "popular") => Some(System::Popular),
        _ => None,
    };
    let system = declared.or(if library >= 3 * popular.max(1) {
        Some(System::LibraryOfCongress)
    } else if popular >= 3 * library.max(1) {
        Some(System::Popular)
    } else {
        None
    });
    let Some(system) = system else { return };
    let name = match system {
        System::LibraryOfCongress => "Library of Congress (ia, iu)",
        System::Popular => "BGN/popular (ya, yu)",
    };
    let majority = count(system);
    for (span, text, found) in &candidates {
        if *found == system || (system == System::Popular && !looks_russian(text)) {
            continue;
        }
        out.push(Finding::new(
            *span,
            format!(
                "`{text}` is romanized in another system than the manuscript's citations ({name}, {majority} words); write `{}`",
                respell(text, system)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_and_respelling() {
        assert_eq!(markers("vsesoyuznoe"), Some(System::Popular));
        assert_eq!(markers("vsesoiuznoe"), Some(System::LibraryOfCongress));
        assert_eq!(
            respell("vsesoyuznoe", System::LibraryOfCongress),
            "vsesoiuznoe"
        );
        assert_eq!(markers("peredovye"), None);
    }
}
