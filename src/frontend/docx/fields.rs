//! Citation fields of reference managers: Zotero (`ADDIN ZOTERO_ITEM CSL_CITATION {…}`) and
//! Mendeley (`ADDIN CSL_CITATION {…}`) write the cited items as CSL-JSON in the field's code,
//! so the exact work cited is known, whatever the printed citation says.

use serde_json::Value;

use crate::model::{Fact, FileEntry, Publication};
use crate::source::Span;

/// One item a citation field cites: its key (the CSL `id`) and its CSL-JSON data.
#[derive(Clone, Debug)]
pub struct CslItem {
    pub key: String,
    pub data: Option<serde_json::Value>,
}

/// The items of a citation field's code, or `None` when it is no citation field.
pub fn citation_items(instruction: &str) -> Option<Vec<CslItem>> {
    let code = instruction.trim_start();
    let rest = code.strip_prefix("ADDIN")?.trim_start();
    let rest = rest
        .strip_prefix("ZOTERO_ITEM")
        .unwrap_or(rest)
        .trim_start();
    let rest = rest.strip_prefix("CSL_CITATION")?.trim_start();
    let json = &rest[..rest.rfind('}')? + 1];
    let value: serde_json::Value = serde_json::from_str(json).ok()?;
    let items = value.get("citationItems")?.as_array()?;
    let items = items
        .iter()
        .filter_map(|item| {
            let data = item.get("itemData").cloned();
            let id = data
                .as_ref()
                .and_then(|d| d.get("id"))
                .or_else(|| item.get("id"))?;
            let key = match id {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            Some(CslItem { key, data })
        })
        .collect();
    Some(items)
}

/// What a CSL item says about its work, every fact placed on the citation that carries it
/// (the item has no text of its own in the document).
pub fn entry(item: &CslItem, at: Span) -> FileEntry {
    let fact = |text: String| Fact { text, span: at };
    let data = item.data.as_ref();
    let field = |name: &str| {
        data.and_then(|d| d.get(name))
            .and_then(Value::as_str)
            .map(|s| fact(s.to_string()))
    };
    let surnames: Vec<String> = data
        .and_then(|d| d.get("author").or_else(|| d.get("editor")))
        .and_then(Value::as_array)
        .map(|people| {
            people
                .iter()
                .filter_map(|p| p.get("family").or_else(|| p.get("literal")))
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let year = data
        .and_then(|d| d.get("issued"))
        .and_then(|issued| issued.get("date-parts")?.get(0)?.get(0)?.as_i64())
        .map(|y| fact(y.to_string()));
    let volume = data.and_then(|d| d.get("volume")).and_then(|v| match v {
        Value::String(s) => Some(fact(s.clone())),
        Value::Number(n) => Some(fact(n.to_string())),
        _ => None,
    });
    FileEntry {
        key: fact(item.key.clone()),
        publication: std::sync::Arc::new(Publication {
            author: surnames.first().map(|_| fact(surnames.join(", "))),
            surnames,
            title: field("title"),
            container: field("container-title"),
            place: field("publisher-place"),
            publisher: field("publisher"),
            year,
            volume,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zotero_and_mendeley_codes() {
        let zotero = r#" ADDIN ZOTERO_ITEM CSL_CITATION {"citationID":"x","citationItems":[{"id":42,"itemData":{"id":42,"type":"book","title":"A"}}]} "#;
        let items = citation_items(zotero).unwrap_or_default();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].key, "42");
        let mendeley =
            r#"ADDIN CSL_CITATION {"citationItems":[{"id":"ITEM-1","itemData":{"id":"ITEM-1"}}]}"#;
        assert_eq!(citation_items(mendeley).map(|i| i.len()), Some(1));
        assert!(citation_items(" PAGE ").is_none());
        assert!(citation_items("ADDIN ZOTERO_ITEM CSL_CITATION {broken").is_none());
    }
}
