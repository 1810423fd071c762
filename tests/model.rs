//! The parsed model: headings, blocks, bibliography entries and quotations with exact spans.

use manulint::model::{BlockKind, QuotationKind, Role};

const DOC: &str = "\
# Part I

## The Record

“Collectives of Stakhanovites perform miracles!” declared the press.[^1]

> A quoted block about the record.

[^1]: *Pravda*, 15 October 1935, 3.

## Bibliography

**Periodicals**

*Pravda*  
*Stakhanovets*

### Secondary Literature

- Siegelbaum, Lewis H. *Stakhanovism and the Politics of Productivity in the USSR*. Cambridge: Cambridge University Press, 1988.
- Kotkin, Stephen. *Magnetic Mountain*. Berkeley: University of California Press, 1995.

# Appendix

Not a bibliography entry.
";

#[test]
fn headings_form_a_tree() {
    let (ms, _) = manulint::check_str("doc.md", DOC);
    let texts: Vec<(u8, &str, Option<u32>)> = ms
        .headings
        .iter()
        .map(|h| (h.level, h.text.as_str(), h.parent))
        .collect();
    assert_eq!(
        texts,
        vec![
            (1, "Part I", None),
            (2, "The Record", Some(0)),
            (2, "Bibliography", Some(0)),
            (3, "Secondary Literature", Some(2)),
            (1, "Appendix", None),
        ]
    );
}

#[test]
fn bibliography_entries_split_by_line_and_item_with_groups() {
    let (ms, _) = manulint::check_str("doc.md", DOC);
    let entries: Vec<(&str, Option<&str>)> = ms
        .bibliography
        .iter()
        .map(|e| (ms.text(e.span), e.group.as_deref()))
        .collect();
    assert_eq!(entries.len(), 4, "{entries:?}");
    assert_eq!(entries[0], ("*Pravda*", Some("Periodicals")));
    assert_eq!(entries[1], ("*Stakhanovets*", Some("Periodicals")));
    assert!(
        entries[2]
            .0
            .starts_with("Siegelbaum, Lewis H. *Stakhanovism")
    );
    assert!(entries[2].0.ends_with("1988."));
    assert_eq!(entries[3].1, Some("Secondary Literature"));
    let appendix = ms
        .blocks
        .iter()
        .find(|b| ms.text(b.span) == "Not a bibliography entry.")
        .expect("appendix paragraph");
    assert_eq!(appendix.role, Role::Body);
    assert!(
        ms.blocks
            .iter()
            .any(|b| b.kind == BlockKind::ListItem && b.role == Role::Bibliography)
    );
}

#[test]
fn quotations_inline_and_block() {
    let (ms, _) = manulint::check_str("doc.md", DOC);
    let quotes: Vec<(QuotationKind, &str)> = ms
        .quotations
        .iter()
        .map(|q| (q.kind, ms.text(q.span)))
        .collect();
    assert_eq!(
        quotes,
        vec![
            (
                QuotationKind::Inline,
                "“Collectives of Stakhanovites perform miracles!”"
            ),
            (QuotationKind::Block, "A quoted block about the record."),
        ]
    );
}

#[test]
fn note_text_and_marker_spans() {
    let (ms, _) = manulint::check_str("doc.md", DOC);
    assert_eq!(ms.notes.len(), 1);
    assert_eq!(ms.text(ms.notes[0].label_span), "[^1]:");
    assert_eq!(ms.note_text(&ms.notes[0]), "*Pravda*, 15 October 1935, 3.");
    assert_eq!(ms.text(ms.note_refs[0].span), "[^1]");
    let note_block = ms
        .blocks
        .iter()
        .find(|b| b.role == Role::Note(0))
        .expect("note block");
    assert_eq!(ms.note_at(note_block.span), Some(0));
}
