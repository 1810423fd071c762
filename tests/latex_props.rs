//! Property tests of the LaTeX reader: on any input it neither panics nor produces a span
//! that falls outside its file or off a character boundary.

use proptest::prelude::*;

fn latexish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Mill",
        " ",
        "\n",
        "\n\n",
        "\\",
        "{",
        "}",
        "[",
        "]",
        "(",
        ")",
        "$",
        "$$",
        "%",
        "\\%",
        "~",
        "&",
        "#",
        "^",
        "_",
        "--",
        "---",
        "``",
        "''",
        "`",
        "'",
        "é",
        "ж",
        "\t",
        "\\footnote{",
        "\\footnote[3]{",
        "\\footnotemark",
        "\\footnotetext{",
        "\\endnote{",
        "\\cite{a,b}",
        "\\autocites[see][4]{a}{b}",
        "\\footcite{k}",
        "\\textcite[",
        "\\nocite{*}",
        "\\citep",
        "\\section*{",
        "\\chapter[s]{",
        "\\textit{",
        "\\emph{",
        "{\\it ",
        "\\textbf{",
        "\\begin{document}",
        "\\end{document}",
        "\\begin{verbatim}",
        "\\end{verbatim}",
        "\\begin{exe}",
        "\\end{exe}",
        "\\begin{tabular}{ll}",
        "\\end{tabular}",
        "\\ex ",
        "\\gll ",
        "\\begin{quote}",
        "\\end{quote}",
        "\\begin{itemize}",
        "\\item ",
        "\\end{itemize}",
        "\\[",
        "\\]",
        "\\(",
        "\\)",
        "\\verb|x",
        "\\'e",
        "\\\"{o}",
        "\\'",
        "\\label{x}",
        "\\REF{ex:a}",
        "\\href{u}{",
        "\\ea ",
        "\\z ",
        "\\input{x}",
        "\\begin{",
        "\\end{",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

fn check_spans(text: &str) {
    let config = manulint::config::Config::defaults();
    let mut sources = manulint::source::Sources::default();
    sources.add("prop.tex".to_string(), text.to_string());
    let ms = manulint::parse_sources(sources, &config);
    let selection = manulint::engine::Selection::resolve(&config, &["all".to_string()], &[]);
    let diagnostics = manulint::engine::check(&ms, &config, &selection);
    let source = &ms.sources.get(manulint::source::FileId(0)).text;
    let valid = |span: manulint::source::Span| {
        span.start <= span.end
            && (span.end as usize) <= source.len()
            && source.is_char_boundary(span.start as usize)
            && source.is_char_boundary(span.end as usize)
    };
    for d in &diagnostics {
        assert!(valid(d.span), "diagnostic span {:?}", d.span);
        for r in &d.related {
            assert!(valid(r.span), "related span {:?}", r.span);
        }
    }
    for block in &ms.blocks {
        assert!(valid(block.span), "block span {:?}", block.span);
        for run in ms.block_runs(block) {
            let span =
                manulint::source::Span::new(block.file, run.start as usize, run.end as usize);
            assert!(valid(span), "run {run:?}");
        }
    }
    for note in &ms.notes {
        assert!(valid(note.label_span));
        for part in &note.parts {
            assert!(valid(*part), "note part {part:?}");
        }
    }
    for r in &ms.note_refs {
        assert!(valid(r.span));
        assert!(
            (r.block as usize) < ms.blocks.len().max(1),
            "marker block {}",
            r.block
        );
    }
    for k in &ms.key_citations {
        assert!(valid(k.key.span));
    }
    for h in &ms.headings {
        assert!(valid(h.span));
    }
    let companions = manulint::frontend::companions(manulint::source::Format::Latex, text);
    for (_, at) in companions.bibliographies.iter().chain(&companions.includes) {
        assert!(*at <= text.len());
    }
    let mut out = Vec::new();
    manulint::render::json::write(&mut out, &ms, &diagnostics, &Default::default())
        .expect("json renders");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn latex_fragments_never_panic(text in latexish()) {
        check_spans(&text);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        check_spans(&text);
    }
}

#[test]
fn deep_groups_do_not_exhaust_the_stack() {
    check_spans(&"{\\textit{".repeat(20_000));
    check_spans(&"\\footnote{".repeat(5_000));
}
