//! Quoted passages, so that rules can tell the author's words from the words of others.

use crate::model::{Manuscript, Quotation, QuotationKind, Role};
use crate::source::Span;

pub fn find(ms: &mut Manuscript) {
    let mut found = Vec::new();
    for block in &ms.blocks {
        if !matches!(block.role, Role::Body | Role::Note(_)) {
            continue;
        }
        if block.in_quote {
            found.push(Quotation {
                span: block.span,
                kind: QuotationKind::Block,
            });
            continue;
        }
        let mut curly_open: Vec<usize> = Vec::new();
        let mut straight_open: Option<usize> = None;
        for run in ms.block_runs(block) {
            let range = run.start as usize..run.end as usize;
            for (at, c, len) in ms.printed_chars(block.file, range) {
                match c {
                    '“' => curly_open.push(at),
                    '”' => {
                        if let Some(open) = curly_open.pop() {
                            found.push(inline(block.file, open, at + len));
                        }
                    }
                    '"' => match straight_open.take() {
                        Some(open) => found.push(inline(block.file, open, at + 1)),
                        None => straight_open = Some(at),
                    },
                    _ => {}
                }
            }
        }
    }
    // A block's runs follow the file, except where a front-end reads a note nested in a note
    // (`#footnote[#footnote[…]]`) into it: a pair across them ends before it begins.
    found.retain(|q| q.span.start < q.span.end);
    found.sort_by_key(|q| (q.span.file, q.span.start));
    ms.quotations = found;
}

fn inline(file: crate::source::FileId, start: usize, end: usize) -> Quotation {
    Quotation {
        span: Span::new(file, start, end),
        kind: QuotationKind::Inline,
    }
}
