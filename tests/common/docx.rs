//! Builds a minimal valid `.docx` in memory from XML strings, so no binary file sits in the
//! repository: `[Content_Types].xml`, `_rels/.rels`, `word/document.xml`, and when given
//! `word/footnotes.xml`, `word/endnotes.xml`, `word/styles.xml`.

use std::io::Write;

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The parts of a document: `body` is the content of `w:body` (paragraphs), `footnotes` and
/// `endnotes` the `w:footnote`/`w:endnote` elements, `styles` the `w:style` elements.
#[derive(Default)]
pub struct Parts<'a> {
    pub body: &'a str,
    pub footnotes: Option<&'a str>,
    pub endnotes: Option<&'a str>,
    pub styles: Option<&'a str>,
}

/// A paragraph of plain runs: `p(&[r("text"), i("italic")])`.
pub fn p(runs: &[String]) -> String {
    format!("<w:p>{}</w:p>", runs.concat())
}

pub fn r(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

pub fn i(text: &str) -> String {
    format!(r#"<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

pub fn footnote_ref(id: u32) -> String {
    format!(
        r#"<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{id}"/></w:r>"#
    )
}

/// A footnote whose text is `text`, opening with Word's own mark.
pub fn footnote(id: u32, text: &str) -> String {
    format!(
        r#"<w:footnote w:id="{id}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>"#
    )
}

/// Word's separator notes, which are no notes.
pub const SEPARATORS: &str = r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#;

pub fn build(parts: &Parts<'_>) -> Vec<u8> {
    let mut overrides = String::from(
        r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    );
    let mut relationships = String::new();
    let mut files: Vec<(&str, String)> = vec![(
        "word/document.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{}</w:body></w:document>"#,
            parts.body
        ),
    )];
    let optional = [
        ("footnotes", "w:footnotes", parts.footnotes),
        ("endnotes", "w:endnotes", parts.endnotes),
        ("styles", "w:styles", parts.styles),
    ];
    for (n, (part, root, content)) in optional.iter().enumerate() {
        let Some(content) = content else { continue };
        overrides.push_str(&format!(
            r#"<Override PartName="/word/{part}.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{part}+xml"/>"#
        ));
        relationships.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{part}" Target="{part}.xml"/>"#
        ));
        let path = match *part {
            "footnotes" => "word/footnotes.xml",
            "endnotes" => "word/endnotes.xml",
            _ => "word/styles.xml",
        };
        files.push((
            path,
            format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{root} xmlns:w="{W}">{content}</{root}>"#),
        ));
    }
    files.push((
        "[Content_Types].xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>"#
        ),
    ));
    files.push((
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string(),
    ));
    files.push((
        "word/_rels/document.xml.rels",
        format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{relationships}</Relationships>"#),
    ));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in files {
        zip.start_file(name, options).expect("zip entry starts");
        zip.write_all(content.as_bytes()).expect("zip entry writes");
    }
    zip.finish().expect("zip finishes").into_inner()
}
