//! Property tests of the Word front-end: on any document built from random pieces of
//! WordprocessingML (runs split anywhere, notes, custom marks, fields, tracked changes, maths,
//! tables, entities, multi-byte text), and on broken XML, reading never panics, and every
//! span of the manuscript and of the diagnostics of every rule lies on a character boundary
//! of the text read.

mod common;

use common::docx::{self, Parts};
use proptest::prelude::*;

fn run_text() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "The ",
        "harbour ",
        "the the ",
        "ledger",
        "жж",
        "é",
        "“",
        "”",
        "\"",
        "(",
        ")",
        "[",
        "]",
        "&amp;",
        "&#8212;",
        "&lt;",
        "12",
        " ",
        "  ",
        "*",
        "_",
        "Bibliography",
        "1935",
        ". ",
        "Ibid., 4.",
        "Marsh, *Tides* (London, 1990), 8",
        "ϕs",
    ])
    .prop_map(str::to_string)
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        run_text().prop_map(|t| format!(r#"<w:r><w:t xml:space="preserve">{t}</w:t></w:r>"#)),
        run_text().prop_map(|t| format!(
            r#"<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">{t}</w:t></w:r>"#
        )),
        run_text().prop_map(|t| format!(
            r#"<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>{t}</w:t></w:r>"#
        )),
        (1u32..4).prop_map(|id| format!(
            r#"<w:r><w:footnoteReference w:id="{id}"/></w:r>"#
        )),
        (1u32..4, run_text()).prop_map(|(id, t)| format!(
            r#"<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:customMarkFollows="1" w:id="{id}"/><w:t>{t}</w:t></w:r>"#
        )),
        (1u32..3).prop_map(|id| format!(r#"<w:r><w:endnoteReference w:id="{id}"/></w:r>"#)),
        Just(r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r>"#.to_string()),
        Just(r#"<w:r><w:instrText> PAGE </w:instrText></w:r>"#.to_string()),
        Just(r#"<w:r><w:instrText> ADDIN ZOTERO_ITEM CSL_CITATION {"citationItems":[{"id":1,"itemData":{"id":1}}]}</w:instrText></w:r>"#.replace('"', "&quot;")),
        Just(r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r>"#.to_string()),
        Just(r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#.to_string()),
        Just(r#"<w:del w:id="1"><w:r><w:delText>gone</w:delText></w:r></w:del>"#.to_string()),
        Just(r#"<w:ins w:id="2"><w:r><w:t>added</w:t></w:r></w:ins>"#.to_string()),
        Just("<w:r><w:tab/><w:br/></w:r>".to_string()),
        Just("<m:oMath><m:r><m:t>Δ(x</m:t></m:r></m:oMath>".to_string()),
        Just(r#"<w:hyperlink r:id="x"><w:r><w:t>link</w:t></w:r></w:hyperlink>"#.to_string()),
        Just("</w:p><w:p>".to_string()),
        Just(r#"</w:p><w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr>"#.to_string()),
        Just("</w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell (</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p>".to_string()),
    ]
}

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| format!("<w:p>{}</w:p>", v.concat()))
}

fn check(parts: &Parts<'_>) {
    let bytes = docx::build(parts);
    let text = manulint::manuscript_text(
        "prop.docx".to_string(),
        std::path::Path::new("prop.docx"),
        bytes,
    )
    .expect("a document of well-formed pieces reads");
    let config = manulint::config::Config::defaults();
    let ms = manulint::load_texts(vec![text], &[], &config).expect("loads");
    let selection = manulint::engine::Selection::resolve(&config, &["all".to_string()], &[]);
    let diagnostics = manulint::engine::check(&ms, &config, &selection);
    common::assert_spans_on_boundaries(&ms, &diagnostics);
    let mut out = Vec::new();
    let reading =
        manulint::render::Reading::of(&ms, &manulint::indexes::Indexes::build(&ms, &config));
    let mut human = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    manulint::render::human::write(&mut human, &ms, &diagnostics, &reading).expect("renders");
    manulint::render::json::write(&mut out, &ms, &diagnostics, &reading).expect("renders");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_document_reads_with_spans_on_boundaries(body in body(), notes in prop::collection::vec(body(), 0..4)) {
        let footnotes: String = notes
            .iter()
            .enumerate()
            .map(|(i, p)| format!(r#"<w:footnote w:id="{}">{p}</w:footnote>"#, i + 1))
            .collect();
        let endnotes = notes
            .first()
            .map(|p| format!(r#"<w:endnote w:id="1">{p}</w:endnote>"#))
            .unwrap_or_default();
        check(&Parts {
            body: &body,
            footnotes: Some(&format!("{}{footnotes}", docx::SEPARATORS)),
            endnotes: Some(&endnotes),
            ..Parts::default()
        });
    }

    #[test]
    fn broken_xml_never_panics(pieces in prop::collection::vec(prop::sample::select(vec![
        "<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "text", "&", "&bogus;", "<",
        "<w:footnote w:id=\"1\">", "</w:footnote>", "<w:fldChar w:fldCharType=\"end\"/>",
        "<w:del>", "</w:del>", "<w:footnoteReference w:customMarkFollows=\"1\" w:id=\"1\"/>",
        "ж", "<![CDATA[x]]>", "<!-- c -->",
    ]), 0..40)) {
        let xml = pieces.concat();
        let _ = manulint::frontend::docx::read_parts(&xml, Some(&xml), Some(&xml), Some(&xml));
        let _ = manulint::frontend::docx::read(xml.as_bytes());
    }
}
