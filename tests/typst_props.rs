//! Property tests for the Typst front-end: on any input, no panic, and every span on a
//! character boundary of the file.

mod common;

use common::check_spans_of;
use proptest::prelude::*;

fn typstish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Kovalen",
        " ",
        "\n",
        "\n\n",
        "= ",
        "== ",
        "_",
        "*",
        "#footnote[",
        "]",
        "[",
        "#emph[",
        "#set text(lang: \"fr\")\n",
        "#let x = 1\n",
        "#quote[",
        "`",
        "```\n",
        "$",
        "$ x $",
        "@key",
        "<key>",
        "// c\n",
        "/* c */",
        "\\",
        "--",
        "---",
        "~",
        "\"",
        "'",
        "« ",
        " »",
        "é",
        "ж",
        "- ",
        "+ ",
        "/ term: ",
        "#",
        "(",
        ")",
        "Ibid., 4.",
        "p. 12--15",
        "1935",
        "#cite(<a>)",
        "#bibliography(\"refs.bib\")",
        "#{",
        "}",
        "#dialogue[",
        "\n\n« A : b\n\nC : d »]",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn typst_fragments_never_panic(text in typstish()) {
        check_spans_of("prop.typ", &text);
    }

    #[test]
    fn arbitrary_text_as_typst_never_panics(text in "\\PC{0,300}") {
        check_spans_of("prop.typ", &text);
    }
}
