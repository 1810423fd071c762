//! LaTeX: a small lossless reader over the file text (no LaTeX crate holds up on real
//! theses; see ARCHITECTURE.md). It builds the same model as the Markdown reader: headings
//! from sectioning commands, paragraphs of text runs (`\textit`/`\emph` italic, `\textbf`
//! strong), `\footnote`/`\endnote`/`\footnotetext` notes with their markers, and key
//! citations from the natbib and biblatex commands. The preamble, comments, maths,
//! verbatim and listing environments, tables, pictures and linguistic examples are no prose.
//! Runs hold only the characters the file prints as they are written: a command, a brace or
//! a maths span between two words is a gap between two runs, so every run's span is text the
//! author wrote and reads.

mod commands;
pub mod includes;
mod lex;
mod reader;

use crate::frontend::Companions;

pub use reader::parse_file;

/// Bibliography databases (`\bibliography{a,b}`, `\addbibresource{x.bib}`), `\nocite` keys and
/// the files the document body includes (`\include`, `\input`, `\subfile`), in reading order.
pub fn companions(text: &str) -> Companions {
    let mut found = Companions::default();
    let body = lex::document_start(text);
    let mut i = 0;
    while i < text.len() {
        let Some(next) = memchr::memchr2(b'\\', b'%', &text.as_bytes()[i..]).map(|n| n + i) else {
            break;
        };
        if text.as_bytes()[next] == b'%' {
            i = lex::skip_comment(text, next);
            continue;
        }
        let name = lex::command_name(text, next);
        i = name.end.max(next + 1);
        let command = &text[name.clone()];
        let mut after = name.end;
        if matches!(
            command,
            "addbibresource" | "addglobalbib" | "input" | "include"
        ) {
            if let Some((_, end)) = lex::bracket_arg(text, after) {
                after = end;
            }
        }
        let Some((arg, end)) = lex::brace_arg(text, after) else {
            continue;
        };
        match command {
            "bibliography" | "addbibresource" | "addglobalbib" => {
                for key in lex::keys(text, arg) {
                    let written = &text[key.clone()];
                    let file = if std::path::Path::new(written).extension().is_some() {
                        written.to_string()
                    } else {
                        format!("{written}.bib")
                    };
                    found.bibliographies.push((file, key.start));
                }
            }
            "nocite" => {
                for key in lex::keys(text, arg) {
                    match &text[key] {
                        "*" => found.nocite_all = true,
                        key => found.nocite.push(key.to_string()),
                    }
                }
            }
            // The preamble's own inputs are packages and settings, not the manuscript.
            "include" | "input" | "subfile" | "includefrom" if body.is_none_or(|b| next >= b) => {
                let written = text[arg.clone()].trim();
                if !written.is_empty() && !written.contains(['\\', '#']) {
                    let file = if std::path::Path::new(written).extension().is_some() {
                        written.to_string()
                    } else {
                        format!("{written}.tex")
                    };
                    found.includes.push((file, arg.start));
                }
            }
            _ => continue,
        }
        i = end;
    }
    found
}
