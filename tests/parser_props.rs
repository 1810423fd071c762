//! Property tests: on any input the parser and the rules neither panic nor produce spans that
//! fall outside the file or off character boundaries.

mod common;

use common::check_spans_of;
use proptest::prelude::*;

fn check_spans(text: &str) {
    check_spans_of("prop.md", text);
}

fn markdownish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Stakhanov",
        " ",
        "\n",
        "\n\n",
        "---\n",
        "<sup>",
        "</sup>",
        "1",
        "12",
        "th",
        "[^",
        "]",
        "]: ",
        "[^a]",
        "[^1]: note",
        "<sup>3</sup>",
        "*",
        "**",
        "_",
        "`",
        "> ",
        "- ",
        "1. ",
        "# ",
        "## Bibliography\n",
        "<!--",
        "-->",
        "<!-- manulint-disable-next-line x -->",
        "“",
        "”",
        "\"",
        "'",
        "ж",
        "é",
        "\t",
        "    ",
        "|",
        "$",
        "\\",
        "  \n",
        "&amp;",
        "Siegelbaum",
        "Seigelbaum",
        "Kadiievka",
        "Kadievskii",
        "vsesoyuznoe",
        "družei",
        "sтва",
        "Ibid., 4.",
        "*Ibid.*",
        "Kotkin, *Magnetic Mountain* (Berkeley: UCP, 1995), 8",
        "; ",
        "“Title,” *Pravda*, 15 October 1935, p.3",
        "RGASPI f.85, o.29, d.633, l.12",
        "[@key]",
        "Matt. 28:19",
        "<https://x.org>",
        "op. cit.",
        "(",
        ")",
        ", 12-14",
        "- ———. *T*. M: P, 1935.",
        "## Bibliography\n- Kotkin, Stephen. *Magnetic Mountain*. Berkeley: UCP, 1995.\n",
        "<i>",
        "<figure>\n",
        "<figcaption>",
        "</figcaption>",
        "<img alt=\"a (b\" src='x.png'>",
        "<div class=\"well\">",
        "</div>\n",
        "<td>",
        "</td>",
        "<pre>",
        "</pre>",
        "<span style=\"",
        "at *14",
        "*3–*4",
        "at **2",
        " 1) ",
        "2)",
        "## Literature\n",
        "# Sources\n",
        "102 tons",
        "6-7 tons",
        "552 tons of coal",
        "410% of the norm",
        "23 times the norm",
        "increased by 80%",
        "46 000",
        "30,543",
        "4 ½ thousand",
        "twenty-two",
        "30/31 August 1935",
        "Nov. 17, 1935",
        "31 September",
        "1933-7",
        "the fourth anniversary of ",
        "answering ",
        "died on ",
        "the Seventeenth Party Congress opened on ",
        "about ",
        "norm of ",
        "record",
        ". ",
        ", ",
        "–",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn markdown_fragments_never_panic(text in markdownish()) {
        check_spans(&text);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        check_spans(&text);
    }
}
