//! Raw HTML in Markdown: `<figure>`, `<figcaption>`, `<img alt="…">`, `<div class="…">`,
//! `<span style="…">`, `<br>`, `<table>`. The tags and their attribute values are markup; the
//! text between them (a caption, a cell, a `<div>` of prose) is the author's. CommonMark
//! makes a line that opens with a block-level tag an HTML block and hands on all of it, text
//! included, as raw HTML, where Pandoc reads the Markdown inside; so `raw_markup` masks the
//! tags themselves, the text between them stays text, and a block-level tag ends a block.

/// Elements whose start or end ends a block of text (CommonMark's HTML block names, less the
/// ones that hold no text).
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements inside a line whose tags are masked and whose text stays. `sup` is not among
/// them: the parser reads `<sup>N</sup>` as a note marker.
const INLINE_ELEMENTS: &[&str] = &[
    "a", "abbr", "area", "b", "base", "bdi", "bdo", "big", "br", "button", "cite", "col",
    "colgroup", "data", "del", "dfn", "em", "embed", "font", "head", "i", "img", "input", "ins",
    "label", "link", "map", "mark", "meta", "param", "picture", "q", "rp", "rt", "ruby", "s",
    "small", "source", "span", "strike", "strong", "sub", "time", "track", "tt", "u", "wbr",
];

/// Elements whose content is not prose either: code, scripts, styles, embedded pictures.
const OPAQUE_ELEMENTS: &[&str] = &[
    "audio", "canvas", "code", "iframe", "kbd", "math", "object", "pre", "samp", "script",
    "select", "style", "svg", "template", "textarea", "title", "var", "video",
];

/// Markup found at a `<`: the bytes to mask and whether it ends a block of text.
pub struct Markup {
    pub end: usize,
    pub breaks_block: bool,
}

/// The HTML markup that starts at `start` (a `<`): a known element's tag, or an opaque
/// element from its start tag to its end tag. `None` for anything else (`<sup>`, an
/// autolink, `p < .05`, a comment), which is left to pulldown-cmark.
pub fn markup_at(bytes: &[u8], start: usize) -> Option<Markup> {
    let closing = bytes.get(start + 1) == Some(&b'/');
    let name_start = start + 1 + usize::from(closing);
    let name_len = bytes
        .get(name_start..)?
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() || name_len > 10 {
        return None;
    }
    let name_end = name_start + name_len;
    if !matches!(
        bytes.get(name_end),
        Some(b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>')
    ) {
        return None;
    }
    let mut lower = [0u8; 10];
    for (l, b) in lower.iter_mut().zip(&bytes[name_start..name_end]) {
        *l = b.to_ascii_lowercase();
    }
    let name = std::str::from_utf8(&lower[..name_len]).ok()?;
    let block = BLOCK_ELEMENTS.contains(&name);
    let opaque = OPAQUE_ELEMENTS.contains(&name);
    if !block && !opaque && !INLINE_ELEMENTS.contains(&name) {
        return None;
    }
    let tag_end = tag_end(bytes, name_end)?;
    let self_closing = bytes[tag_end - 2] == b'/';
    if opaque && !closing && !self_closing {
        if let Some(end) = end_tag(bytes, tag_end, name) {
            return Some(Markup {
                end,
                breaks_block: false,
            });
        }
    }
    Some(Markup {
        end: tag_end,
        breaks_block: block,
    })
}

/// Just past the `>` that ends a tag whose name ends at `from`: attribute values in quotes
/// may hold `>`; a tag never crosses a blank line.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    let mut after_equals = false;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return Some(i + 1),
            b'\n'
                if bytes[i + 1..]
                    .iter()
                    .take_while(|&&b| b != b'\n')
                    .all(u8::is_ascii_whitespace) =>
            {
                return None;
            }
            quote @ (b'"' | b'\'') if after_equals => {
                let close = memchr::memchr(quote, &bytes[i + 1..])?;
                let value = &bytes[i + 1..i + 1 + close];
                if memchr::memmem::find(value, b"\n\n").is_some() {
                    return None;
                }
                i += close + 2;
                after_equals = false;
                continue;
            }
            b'=' => after_equals = true,
            b if b.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        i += 1;
    }
    None
}

/// Just past the end tag of `name` at or after `from` (case-insensitive), within the file.
fn end_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut i = from;
    while let Some(offset) = memchr::memmem::find(&bytes[i..], b"</") {
        let at = i + offset + 2;
        let candidate = bytes.get(at..at + name.len())?;
        if candidate.eq_ignore_ascii_case(name.as_bytes()) {
            let close = memchr::memchr(b'>', &bytes[at..])?;
            return Some(at + close + 1);
        }
        i = at;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::markup_at;

    fn tag(text: &str) -> Option<(&str, bool)> {
        markup_at(text.as_bytes(), 0).map(|m| (&text[..m.end], m.breaks_block))
    }

    #[test]
    fn tags_end_at_the_bracket_outside_quoted_values() {
        assert_eq!(
            tag(r#"<img alt="a > b (c" src="x.png"> after"#),
            Some((r#"<img alt="a > b (c" src="x.png">"#, false))
        );
        assert_eq!(tag("<figcaption>Figure 3"), Some(("<figcaption>", true)));
        assert_eq!(tag("</DIV>\n"), Some(("</DIV>", true)));
        assert_eq!(tag("<br/> x"), Some(("<br/>", false)));
        assert_eq!(
            tag("<code>a < b</code> x"),
            Some(("<code>a < b</code>", false))
        );
    }

    #[test]
    fn other_angle_brackets_are_not_markup() {
        for text in [
            "<sup>1</sup>",
            "<https://x.org>",
            "< .05",
            "<!-- note -->",
            "<a@b.org>",
            "<sic> here",
            "<div\n\nnot a tag>",
        ] {
            assert!(tag(text).is_none(), "{text}");
        }
    }
}
