use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Manuscript;

/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message` lines.
pub fn write(
    out: &mut dyn std::io::Write,
    ms: &Manuscript,
    diagnostics: &[Diagnostic],
) -> std::io::Result<()> {
    for d in diagnostics {
        let file = ms.sources.get(d.span.file);
        let (line, column) = file.line_col(d.span.start);
        let (end_line, end_column) = file.line_col(d.span.end);
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let message = match &d.note {
            Some(note) => format!("{} (in note {note})", d.message),
            None => d.message.clone(),
        };
        // A Word document has no lines to annotate: the file, and the place in the message.
        if let Some(place) = super::document::place(ms, d.span) {
            writeln!(
                out,
                "::{level} file={},title={}::{}",
                escape_property(&file.name),
                escape_property(&format!("{} ({})", d.rule.name, d.rule.code)),
                escape_data(&format!("{place}: {}", d.message)),
            )?;
            continue;
        }
        writeln!(
            out,
            "::{level} file={},line={line},col={column},endLine={end_line},endColumn={end_column},title={}::{}",
            escape_property(&file.name),
            escape_property(&format!("{} ({})", d.rule.name, d.rule.code)),
            escape_data(&message),
        )?;
    }
    Ok(())
}

/// Workflow-command escaping for the message part.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Workflow-command escaping for property values, which also reserve `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_reserved_characters() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
