use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::indexes::citations::CitationKind;
use crate::rules::Context;

declare_rule! {
    /// A work cited in full again after its first full citation.
    ///
    /// ## What it checks
    /// After a work's first full note, Chicago style shortens later citations to author,
    /// short title and page. Each later full citation of books, articles and chapters is
    /// reported (info); archival signatures and newspaper items are always given in full.
    /// Where note labels restart, the first full note is named with its file (`ch4.md, note
    /// 85`). The author is compared whole: a body (`San Jose Chamber of Commerce`) is one
    /// name, so works of two bodies are two works.
    ///
    /// ## Why
    /// Repeated full notes lengthen the apparatus and often mean the author lost track of
    /// where the work was first cited, or that two notes disagree about its facts.
    ///
    /// ## Example
    /// ```markdown
    /// [^1]: Stephen Kotkin, *Magnetic Mountain* (Berkeley: University of California Press, 1995), 8.
    /// [^9]: Stephen Kotkin, *Magnetic Mountain* (Berkeley: University of California Press, 1995), 72.
    /// ```
    /// Shorten the second: `Kotkin, *Magnetic Mountain*, 72.`
    pub static REPEATED_FULL_CITATION = {
        code: "CI006",
        name: "repeated-full-citation",
        family: Citations,
        severity: Info,
        enabled: true,
        check: check,
    };
}

fn volume_of(citation: &crate::indexes::citations::Citation) -> Option<String> {
    citation
        .publication
        .volume
        .as_ref()
        .map(|v| v.text.chars().filter(char::is_ascii_digit).collect())
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let index = &cx.indexes.citations();
    for work in &index.works {
        let mut first_full = None;
        for &i in &work.citations {
            let citation = &index.citations[i];
            // A note Pandoc drops (no marker calls it) prints no citation, first or again.
            if !citation.full
                || !super::note_is_printed(cx, citation.note)
                || !matches!(
                    citation.kind,
                    CitationKind::Book | CitationKind::Article | CitationKind::Chapter
                )
            {
                continue;
            }
            match first_full {
                None => first_full = Some(i),
                // Another volume of a multi-volume work is another book: cited in full again.
                Some(first) if volume_of(&index.citations[first]) != volume_of(citation) => {}
                Some(first) => {
                    let ms = cx.manuscript;
                    let where_first =
                        ms.note_named_from(citation.span, index.citations[first].note);
                    out.push(
                        Finding::new(
                            citation.span,
                            format!(
                                "{} was already cited in full in {where_first}; a short form suffices",
                                super::describe(citation),
                            ),
                        )
                        .related(index.citations[first].span, "first full citation"),
                    );
                }
            }
        }
    }
}
