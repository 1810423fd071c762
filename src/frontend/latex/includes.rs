//! `\include`, `\input` and `\subfile` followed from the root file: each included file is
//! read as its own source, placed after the file that includes it in reading order (depth
//! first), so spans point into the file the author edits.

use std::path::{Path, PathBuf};

use crate::ManuscriptText;
use crate::source::{self, Format, InputError};

/// The texts with every LaTeX file's included files inserted after it, recursively. A file
/// included twice (or also given on the command line) is read once; an include that leads
/// back to a file that includes it stops the run with one line; a missing file is skipped
/// with a note, as LaTeX's `\include` skips it with a warning.
pub fn follow(
    texts: Vec<ManuscriptText>,
    notes: &mut Vec<String>,
) -> Result<Vec<ManuscriptText>, InputError> {
    let mut seen: Vec<PathBuf> = texts.iter().map(|t| canonical(&t.name)).collect();
    let mut out = Vec::with_capacity(texts.len());
    for given in texts {
        if Format::of_name(&given.name) != Ok(Format::Latex) {
            out.push(given);
            continue;
        }
        let ManuscriptText { name, text, .. } = given;
        let root = Path::new(&name)
            .parent()
            .unwrap_or(Path::new(""))
            .to_path_buf();
        let mut stack = vec![canonical(&name)];
        expand(name, text, &root, &mut stack, &mut seen, &mut out, notes)?;
    }
    Ok(out)
}

fn canonical(name: &str) -> PathBuf {
    std::fs::canonicalize(name).unwrap_or_else(|_| PathBuf::from(name))
}

fn expand(
    name: String,
    text: String,
    root: &Path,
    stack: &mut Vec<PathBuf>,
    seen: &mut Vec<PathBuf>,
    out: &mut Vec<ManuscriptText>,
    notes: &mut Vec<String>,
) -> Result<(), InputError> {
    let includes = super::companions(&text).includes;
    let here = Path::new(&name)
        .parent()
        .unwrap_or(Path::new(""))
        .to_path_buf();
    let lines: Vec<usize> = includes
        .iter()
        .map(|(_, at)| text[..(*at).min(text.len())].matches('\n').count() + 1)
        .collect();
    out.push((name.clone(), text).into());
    for ((written, _), line) in includes.into_iter().zip(lines) {
        // LaTeX resolves from the folder it runs in (the root file's); `subfiles` and
        // `import` from the including file's.
        let candidates = [root.join(&written), here.join(&written)];
        let Some(path) = candidates.iter().find(|p| p.is_file()) else {
            notes.push(format!(
                "`{name}` line {line} includes `{written}`, which is not a file (looked for `{}`); its text is not checked",
                candidates[0].display()
            ));
            continue;
        };
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        if stack.contains(&key) {
            return Err(InputError::Include {
                message: format!(
                    "`{name}` line {line} includes `{written}`, which includes `{name}` again: an include cycle"
                ),
            });
        }
        if seen.contains(&key) {
            continue;
        }
        seen.push(key.clone());
        let text = source::read_source(path)?;
        stack.push(key);
        expand(
            path.display().to_string(),
            text,
            root,
            stack,
            seen,
            out,
            notes,
        )?;
        stack.pop();
    }
    Ok(())
}
