//! Inline suppression comments: `<!-- manulint-disable-next-line rule -->` and friends.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Directive, DirectiveAction};
use crate::source::{FileId, Span};

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"<!--\s*manulint-(disable-next-line|disable-file|disable|enable)(?-u:\b)([^>]*?)-->",
    )
    .expect("directive pattern is valid")
});

static RULE_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z0-9_-]+").expect("rule name pattern is valid"));

/// Finds directives in an HTML fragment that starts at byte `base` of the file.
pub fn scan(html: &str, base: usize, file: FileId, out: &mut Vec<Directive>) {
    if !html.contains("manulint-") {
        return;
    }
    for caps in DIRECTIVE.captures_iter(html) {
        let (Some(whole), Some(action), Some(list)) = (caps.get(0), caps.get(1), caps.get(2))
        else {
            continue;
        };
        let action = match action.as_str() {
            "disable-next-line" => DirectiveAction::DisableNextLine,
            "disable-file" => DirectiveAction::DisableFile,
            "disable" => DirectiveAction::Disable,
            _ => DirectiveAction::Enable,
        };
        let rules = RULE_NAME
            .find_iter(list.as_str())
            .map(|m| {
                let start = base + list.start() + m.start();
                (
                    m.as_str().to_string(),
                    Span::new(file, start, start + m.len()),
                )
            })
            .collect();
        out.push(Directive {
            file,
            span: Span::new(file, base + whole.start(), base + whole.end()),
            action,
            rules,
        });
    }
}
