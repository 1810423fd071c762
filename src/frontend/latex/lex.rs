//! Small lexical helpers over LaTeX source: every function takes the file text and a byte
//! offset and returns offsets into the same text, so spans stay in the file the author edits.

/// Offset just past a comment that starts at `at` (a `%`): the comment, its line end and the
/// next line's indentation, as TeX drops them. A comment line is no paragraph break.
pub fn skip_comment(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = at;
    while i < bytes.len() && bytes[i] != b'\n' {
        i += 1;
    }
    if i < bytes.len() {
        i += 1;
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
            i += 1;
        }
    }
    i
}

/// The command name after a backslash at `at`: letters (a control word), or one character
/// (a control symbol). Returns the name's range.
pub fn command_name(text: &str, at: usize) -> std::ops::Range<usize> {
    let start = at + 1;
    let rest = &text[start..];
    let letters = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphabetic() || *b == b'@')
        .count();
    if letters > 0 {
        return start..start + letters;
    }
    let len = rest.chars().next().map_or(0, char::len_utf8);
    start..start + len
}

/// Offset of the next non-blank character from `at`, crossing at most one line break (TeX
/// reads `\cmd⏎{arg}` as one command with its argument) and comments.
pub fn skip_space(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut newlines = 0;
    while at < bytes.len() {
        match bytes[at] {
            b' ' | b'\t' | b'\r' => at += 1,
            b'\n' if newlines == 0 => {
                newlines += 1;
                at += 1;
            }
            b'%' => at = skip_comment(text, at),
            _ => break,
        }
    }
    at
}

/// The end of a balanced group opened at `at` (by `open`), just past its closing character,
/// skipping escaped characters and comments; None when it never closes.
pub fn group_end(text: &str, at: usize, open: u8, close: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = at;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'%' => {
                i = skip_comment(text, i);
                continue;
            }
            b if b == open => depth += 1,
            b if b == close => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The `{…}` argument at `at` (after blanks): the range inside the braces, and the offset
/// after the closing brace.
pub fn brace_arg(text: &str, at: usize) -> Option<(std::ops::Range<usize>, usize)> {
    let start = skip_space(text, at);
    if text.as_bytes().get(start) != Some(&b'{') {
        return None;
    }
    let end = group_end(text, start, b'{', b'}')?;
    Some((start + 1..end - 1, end))
}

/// The `[…]` optional argument directly at `at` (after blanks on the same line).
pub fn bracket_arg(text: &str, at: usize) -> Option<(std::ops::Range<usize>, usize)> {
    let bytes = text.as_bytes();
    let mut start = at;
    while start < bytes.len() && matches!(bytes[start], b' ' | b'\t') {
        start += 1;
    }
    if bytes.get(start) != Some(&b'[') {
        return None;
    }
    // Braces inside an optional argument hide its brackets: `[{a]b}]`.
    let mut depth = 0usize;
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b']' if depth == 0 => return Some((start + 1..i, i + 1)),
            b'\n' if bytes[i + 1..].first() == Some(&b'\n') => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// Comma-separated keys inside `range`, each trimmed, with its range.
pub fn keys(text: &str, range: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    let inner = &text[range.clone()];
    for piece in inner.split(',') {
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() && !trimmed.contains('%') {
            out.push(start + lead..start + lead + trimmed.len());
        }
        start += piece.len() + 1;
    }
    out
}

/// Where `\end{name}` closes the environment whose body starts at `at`, counting nested
/// `\begin{name}`: the offset of its backslash and the offset after it.
pub fn environment_end(text: &str, at: usize, name: &str) -> Option<(usize, usize)> {
    let begin = format!("\\begin{{{name}}}");
    let end = format!("\\end{{{name}}}");
    let mut depth = 0usize;
    let mut i = at;
    while i < text.len() {
        let next = memchr::memchr(b'\\', &text.as_bytes()[i..])? + i;
        if text[next..].starts_with(&end) {
            if depth == 0 {
                return Some((next, next + end.len()));
            }
            depth -= 1;
            i = next + end.len();
        } else if text[next..].starts_with(&begin) {
            depth += 1;
            i = next + begin.len();
        } else {
            i = next + 1;
        }
    }
    None
}

/// The first `\begin{document}` outside comments: the offset after it.
pub fn document_start(text: &str) -> Option<usize> {
    let mut i = 0;
    while i < text.len() {
        let next = memchr::memchr2(b'\\', b'%', &text.as_bytes()[i..])? + i;
        if text.as_bytes()[next] == b'%' {
            i = skip_comment(text, next);
            continue;
        }
        if text[next..].starts_with("\\begin{document}") {
            return Some(next + "\\begin{document}".len());
        }
        i = next + 1 + usize::from(text.as_bytes().get(next + 1).is_some());
        while !text.is_char_boundary(i.min(text.len())) {
            i += 1;
        }
    }
    None
}
