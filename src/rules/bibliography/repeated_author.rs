use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::rules::Context;
use crate::text::fold;

use super::{AuthorForm, author_form, entry_text, entry_works, is_listed_work};

declare_rule! {
    /// The repeated-author convention of the bibliography mixed: `———.`, a bare `.`, and the
    /// name written again.
    ///
    /// ## What it checks
    /// Successive works by the same author are given one way: three em dashes (`———.`, the
    /// Chicago form), another run of dashes, a bare full stop (what is left when a word
    /// processor's list swallowed the dashes: `- .`), or the name written again. When the
    /// three-em dash is used at all it is the convention; otherwise the most used form is.
    /// Entries in another form are reported; the name written out again counts only when the
    /// bibliography uses dashes somewhere.
    ///
    /// ## Why
    /// The dash tells the reader at a glance that the list continues with the same author; a
    /// bare full stop reads as an entry with no author, and mixed forms show the bibliography
    /// was pasted together from several sources.
    ///
    /// ## Example
    /// ```markdown
    /// Kotkin, Stephen. *Magnetic Mountain*. Berkeley, 1995.
    /// - . *Stalin: Paradoxes of Power*. New York, 2014.
    /// Tumarkin, Nina. *Lenin Lives!* Cambridge, 1997.
    /// ———. "Religion, Bolshevism, and the Origins of the Lenin Cult." …
    /// ```
    /// Use the dashes throughout:
    /// ```markdown
    /// ———. *Stalin: Paradoxes of Power*. New York, 2014.
    /// ```
    pub static BIBLIOGRAPHY_REPEATED_AUTHOR = {
        code: "BI002",
        name: "bibliography-repeated-author",
        family: Bibliography,
        severity: Warning,
        enabled: true,
        check: check,
    };
}

const FORMS: [(AuthorForm, &str); 4] = [
    (AuthorForm::ThreeEmDash, "three em dashes (`———.`)"),
    (AuthorForm::OtherDashes, "a short run of dashes"),
    (
        AuthorForm::Bare,
        "a bare full stop (the dashes are missing)",
    ),
    (AuthorForm::Written, "the name written again"),
];

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ms = cx.manuscript;
    let index = cx.indexes.citations();
    // Each repetition of an author: its form and span.
    let mut repeats: Vec<(usize, crate::source::Span)> = Vec::new();
    let mut previous_author: Option<String> = None;
    for (_, work) in entry_works(index) {
        if !is_listed_work(work) {
            if work.kind != crate::indexes::citations::EntryKind::Continuation {
                previous_author = None;
            }
            continue;
        }
        let text = entry_text(ms, work);
        let form = author_form(text);
        let author = work.publication.author.as_ref().map(|a| fold(&a.text));
        match form {
            AuthorForm::Written => {
                if let (Some(author), Some(previous)) = (&author, &previous_author) {
                    if author == previous && !author.is_empty() {
                        let span = work
                            .publication
                            .author
                            .as_ref()
                            .map_or(work.span, |a| a.span);
                        repeats.push((3, span));
                    }
                }
            }
            other => {
                let mark_len = text.find(['.', ',']).map_or(0, |i| i + 1);
                let span = crate::source::Span::new(
                    work.span.file,
                    work.span.start as usize,
                    work.span.start as usize + mark_len,
                );
                let slot = FORMS.iter().position(|(f, _)| *f == other).unwrap_or(0);
                repeats.push((slot, span));
            }
        }
        previous_author = author;
    }
    let mut counts = [0usize; 4];
    for (slot, _) in &repeats {
        counts[*slot] += 1;
    }
    let dashes_used = counts[0] + counts[1] + counts[2] > 0;
    if !dashes_used || counts.iter().filter(|c| **c > 0).count() < 2 {
        return;
    }
    let usual = if counts[0] > 0 {
        0
    } else {
        (0..4)
            .max_by_key(|&slot| (counts[slot], std::cmp::Reverse(slot)))
            .unwrap_or(0)
    };
    let example = repeats
        .iter()
        .find(|(slot, _)| *slot == usual)
        .map(|(_, span)| *span);
    for &(slot, span) in repeats.iter().filter(|(slot, _)| *slot != usual) {
        let convention = if usual == 0 {
            format!(
                "{}, the Chicago form, as {} of {} repetitions do",
                FORMS[usual].1,
                counts[usual],
                repeats.len()
            )
        } else {
            format!(
                "{}, as most repetitions do ({} of {})",
                FORMS[usual].1,
                counts[usual],
                repeats.len()
            )
        };
        let mut finding = Finding::new(
            span,
            format!(
                "the repeated author is given by {}; write {convention}",
                FORMS[slot].1
            ),
        );
        if let Some(example) = example {
            finding = finding.related(example, "the convention");
        }
        out.push(finding);
    }
}
