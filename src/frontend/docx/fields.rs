//! Citation fields of reference managers: Zotero (`ADDIN ZOTERO_ITEM CSL_CITATION {…}`) and
//! Mendeley (`ADDIN CSL_CITATION {…}`) write the cited items as CSL-JSON in the field's code,
//! so the exact work cited is known, whatever the printed citation says.

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
