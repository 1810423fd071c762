//! `word/styles.xml`: which paragraph styles are headings (by name, `heading 1`…, `Title`,
//! or by outline level, as localised and custom heading styles are), and which styles make
//! their text italic or bold, through their `basedOn` chain.

use quick_xml::events::{BytesStart, Event};
use rustc_hash::FxHashMap;

#[derive(Default, Clone)]
struct Style {
    based_on: Option<String>,
    heading: Option<u8>,
    italic: Option<bool>,
    bold: Option<bool>,
    code: bool,
}

#[derive(Default)]
pub struct Styles {
    styles: FxHashMap<String, Style>,
}

/// A `basedOn` chain longer than this is a loop or nonsense: it is cut.
const MAX_CHAIN: usize = 16;

fn attribute(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    let attribute = e.try_get_attribute(name).ok().flatten()?;
    attribute
        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .ok()
        .map(|v| v.into_owned())
}

/// The heading level a style name or id says: `heading 2`, `Heading2`, `Title`.
fn heading_of_name(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    if lower == "title" {
        return Some(1);
    }
    let digits = lower.strip_prefix("heading")?.trim_start();
    match digits.parse::<u8>() {
        Ok(level @ 1..=9) => Some(level),
        _ => None,
    }
}

/// The code styles of Word, Pandoc and LibreOffice: `Verbatim Char`, `Source Code`, `HTML
/// Code`, `Source Text`.
fn is_code_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.contains("verbatim")
        || lower.contains("source code")
        || lower == "html code"
        || lower == "source text"
}

impl Styles {
    pub fn is_code(&self, id: &str) -> bool {
        self.inherited(id, |s| s.code.then_some(true))
            .unwrap_or(false)
    }

    pub fn read(xml: &str) -> Styles {
        let mut styles = Styles::default();
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut current: Option<(String, Style)> = None;
        let mut in_rpr = false;
        loop {
            let (e, empty) = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) => {
                    match e.name().as_ref() {
                        b"w:style" => {
                            if let Some((id, style)) = current.take() {
                                styles.styles.insert(id, style);
                            }
                        }
                        b"w:rPr" => in_rpr = false,
                        _ => {}
                    }
                    continue;
                }
                Ok(_) => continue,
            };
            match e.name().as_ref() {
                b"w:style" => {
                    let id = attribute(&e, b"w:styleId").unwrap_or_default();
                    let style = Style {
                        heading: heading_of_name(&id),
                        ..Style::default()
                    };
                    current = (!empty).then_some((id, style));
                }
                b"w:rPr" => in_rpr = !empty,
                _ => {}
            }
            let Some((_, style)) = current.as_mut() else {
                continue;
            };
            let val = || attribute(&e, b"w:val");
            let on = || !matches!(val().as_deref(), Some("0" | "false" | "off"));
            match e.name().as_ref() {
                b"w:name" => {
                    let name = val().unwrap_or_default();
                    if let Some(level) = heading_of_name(&name) {
                        style.heading = Some(level);
                    }
                    style.code = is_code_name(&name);
                }
                b"w:basedOn" => style.based_on = val(),
                b"w:outlineLvl" => {
                    style.heading = val()
                        .and_then(|v| v.parse::<u8>().ok())
                        .filter(|&l| l < 9)
                        .map(|l| l + 1);
                }
                b"w:i" if in_rpr => style.italic = Some(on()),
                b"w:b" if in_rpr => style.bold = Some(on()),
                _ => {}
            }
        }
        styles
    }

    /// The first answer up the style's `basedOn` chain.
    fn inherited<T>(&self, id: &str, get: impl Fn(&Style) -> Option<T>) -> Option<T> {
        let mut style = self.styles.get(id);
        for _ in 0..MAX_CHAIN {
            let current = style?;
            if let Some(value) = get(current) {
                return Some(value);
            }
            style = self.styles.get(current.based_on.as_deref()?);
        }
        None
    }

    /// The heading level of a paragraph style; without a styles part, by its id.
    pub fn heading(&self, id: &str) -> Option<u8> {
        if self.styles.is_empty() {
            return heading_of_name(id);
        }
        self.inherited(id, |s| s.heading)
    }

    pub fn italic(&self, id: &str) -> Option<bool> {
        self.inherited(id, |s| s.italic)
    }

    pub fn bold(&self, id: &str) -> Option<bool> {
        self.inherited(id, |s| s.bold)
    }
}
