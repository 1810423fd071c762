//! What Pandoc and knitr read in a Markdown file before it is Markdown: R Markdown code chunks
//! and inline R code, raw LaTeX (commands, maths and code environments), attribute blocks
//! (`{#sec:intro .unnumbered}`, `{width=50%}`) and HTML tags (`html.rs`). None of it is
//! prose, and pulldown-cmark, which knows none of it, would hand it on as text: a chunk whose
//! options hold a backtick is not a CommonMark fence, `$t(`r df`)$` is not one maths span,
//! `\hspace{-0.25in}` is a word. Star pages (`at *14`, `star_pages.rs`) are text that
//! CommonMark would read as emphasis marks: pulldown-cmark gets a letter in their place.
//!
//! [`mask`] returns the text pulldown-cmark should parse — the same length, every raw region
//! overwritten — and the byte ranges overwritten, which the parser also removes from its text
//! runs. Keeping the length keeps every offset an offset into the file the author edits. A
//! region that fills whole lines becomes blank lines (Pandoc, too, ends a paragraph there);
//! one inside a line becomes `\xx…x`, which CommonMark reads as inert text (no emphasis
//! delimiter, no indentation, no trailing spaces that would make a hard break) and the parser
//! then drops.

use std::borrow::Cow;
use std::ops::Range;

use super::{html, star_pages};

/// LaTeX environments whose whole body is maths, code, a table grid or a picture.
const OPAQUE_ENVIRONMENTS: &[&str] = &[
    "align",
    "alignat",
    "array",
    "bmatrix",
    "cases",
    "comment",
    "displaymath",
    "eqnarray",
    "equation",
    "flalign",
    "gather",
    "lstlisting",
    "math",
    "matrix",
    "minted",
    "multline",
    "pmatrix",
    "split",
    "tabular",
    "tabularx",
    "tikzpicture",
    "verbatim",
    "Verbatim",
];

/// Commands whose (last) braced argument is prose: only the command and braces are markup.
const PROSE_ARGUMENT_COMMANDS: &[&str] = &[
    "emph",
    "enquote",
    "foreignlanguage",
    "hl",
    "mbox",
    "text",
    "textbf",
    "textit",
    "textmd",
    "textnormal",
    "textrm",
    "textsc",
    "textsf",
    "textsl",
    "textup",
    "uline",
    "underline",
];

/// Commands whose arguments are never prose, even with spaces in them.
const MARKUP_ARGUMENT_COMMANDS: &[&str] = &[
    "addbibresource",
    "begin",
    "end",
    "bibliography",
    "cite",
    "eqref",
    "include",
    "includegraphics",
    "input",
    "label",
    "pageref",
    "ref",
    "url",
];

pub struct Masked<'a> {
    pub text: Cow<'a, str>,
    /// Overwritten byte ranges, sorted and disjoint.
    pub ranges: Vec<Range<usize>>,
    /// Where a block-level HTML tag (`<figcaption>`, `</td>`) was masked, sorted: the text
    /// before it and the text after it are two blocks.
    pub breaks: Vec<usize>,
}

pub fn mask(text: &str) -> Masked<'_> {
    // Nothing to do in the common case: no backslash command, chunk, inline R, attribute,
    // maths, tag or star.
    let bytes = text.as_bytes();
    if memchr::memchr3(b'\\', b'`', b'{', bytes).is_none()
        && memchr::memchr3(b'$', b'<', b'*', bytes).is_none()
    {
        return unchanged(text);
    }
    let mut finder = Finder {
        bytes,
        blocks: Vec::new(),
        inline: Vec::new(),
        literal: Vec::new(),
        breaks: Vec::new(),
    };
    finder.scan();
    let Finder {
        mut blocks,
        mut inline,
        literal,
        breaks,
        ..
    } = finder;
    if blocks.is_empty() && inline.is_empty() && literal.is_empty() {
        return unchanged(text);
    }
    let mut out = bytes.to_vec();
    // Any letter: it is no delimiter, and the parser reads the text runs from the file.
    for &star in &literal {
        out[star] = b'x';
    }
    for range in &blocks {
        for byte in &mut out[range.clone()] {
            if *byte != b'\n' && *byte != b'\r' {
                *byte = b' ';
            }
        }
    }
    for range in &inline {
        let mut first = true;
        for byte in &mut out[range.clone()] {
            if *byte == b'\n' || *byte == b'\r' {
                first = true;
                continue;
            }
            *byte = if first { b'\\' } else { b'x' };
            first = false;
        }
    }
    let mut ranges = Vec::with_capacity(blocks.len() + inline.len());
    ranges.append(&mut blocks);
    ranges.append(&mut inline);
    ranges.sort_by_key(|r| r.start);
    // Every overwritten byte was ASCII or a whole UTF-8 sequence inside a region that starts
    // and ends on ASCII, so the result is valid UTF-8; checked rather than assumed.
    let text = match String::from_utf8(out) {
        Ok(masked) => Cow::Owned(masked),
        Err(_) => Cow::Borrowed(text),
    };
    Masked {
        text,
        ranges,
        breaks,
    }
}

fn unchanged(text: &str) -> Masked<'_> {
    Masked {
        text: Cow::Borrowed(text),
        ranges: Vec::new(),
        breaks: Vec::new(),
    }
}

struct Finder<'a> {
    bytes: &'a [u8],
    /// Regions of whole lines (chunks, opaque environments).
    blocks: Vec<Range<usize>>,
    /// Regions inside lines.
    inline: Vec<Range<usize>>,
    /// Star pages' stars, read as text.
    literal: Vec<usize>,
    /// Block-level HTML tags, see [`Masked::breaks`].
    breaks: Vec<usize>,
}

impl Finder<'_> {
    fn scan(&mut self) {
        let bytes = self.bytes;
        let mut i = 0;
        let mut line_start = true;
        // Inside a CommonMark fenced code block (not a chunk): its text is code already and
        // must not be searched for LaTeX.
        let mut fence: Option<(u8, usize)> = None;
        while i < bytes.len() {
            if line_start {
                let indent = bytes[i..]
                    .iter()
                    .take_while(|&&b| b == b' ' || b == b'\t' || b == b'>')
                    .count();
                let at = i + indent;
                if let Some((fence_byte, fence_len)) = fence {
                    if fence_run(bytes, at, fence_byte) >= fence_len {
                        fence = None;
                    }
                    i = next_line(bytes, i);
                    continue;
                }
                let run = fence_run(bytes, at, b'`').max(fence_run(bytes, at, b'~'));
                if run >= 3 {
                    let fence_byte = bytes[at];
                    let info = at + run;
                    let is_chunk = bytes.get(skip_spaces(bytes, info)) == Some(&b'{');
                    if is_chunk {
                        if let Some(end) = chunk_end(bytes, next_line(bytes, i), fence_byte, run) {
                            self.blocks.push(i..end);
                            i = end;
                            continue;
                        }
                    }
                    fence = Some((fence_byte, run));
                    i = next_line(bytes, i);
                    continue;
                }
                line_start = false;
                i = at;
                continue;
            }
            match bytes[i] {
                b'\n' => {
                    line_start = true;
                    i += 1;
                }
                b'`' => i = self.backticks(i),
                b'\\' => i = self.command(i),
                b'{' => i = self.attributes(i),
                b'$' => i = self.maths(i),
                b'<' => i = self.html(i),
                b'*' => {
                    if star_pages::is_star_page(bytes, i) {
                        self.literal.push(i);
                    }
                    i += 1;
                }
                _ => i += 1,
            }
        }
    }

    /// A code span: inline R (`` `r expr` ``) is masked, any other is left to pulldown-cmark,
    /// and nothing inside either is searched for LaTeX.
    fn backticks(&mut self, start: usize) -> usize {
        let bytes = self.bytes;
        let run = fence_run(bytes, start, b'`');
        let end = code_span_end(bytes, start);
        let body = start + run;
        let closed = end > body;
        if closed && bytes.get(body) == Some(&b'r') && bytes.get(body + 1) == Some(&b' ') {
            self.inline.push(start..end);
        }
        end
    }

    fn command(&mut self, start: usize) -> usize {
        let bytes = self.bytes;
        let name_end = start
            + 1
            + bytes[start + 1..]
                .iter()
                .take_while(|b| b.is_ascii_alphabetic())
                .count();
        if name_end == start + 1 {
            // `\*`, `\[`, `\\`: a Markdown escape, not a command.
            return (start + 2).min(bytes.len());
        }
        let name = &bytes[start + 1..name_end];
        if name == b"begin" {
            if let Some((env, after_begin)) = braced_word(bytes, name_end) {
                let base = env.strip_suffix('*').unwrap_or(env);
                if OPAQUE_ENVIRONMENTS.contains(&base) {
                    if let Some(end) = find_end(bytes, after_begin, env) {
                        self.push_region(start, end);
                        return end;
                    }
                }
            }
        }
        let mut end = name_end;
        let known_prose = PROSE_ARGUMENT_COMMANDS.iter().any(|c| c.as_bytes() == name);
        let known_markup = MARKUP_ARGUMENT_COMMANDS
            .iter()
            .any(|c| c.as_bytes() == name);
        // Optional and braced arguments directly after the name; a TeX dimension after a
        // space (`\vskip 0.75in`, `\kern -2pt`) is the command's too.
        loop {
            match bytes.get(end) {
                Some(b'[') => match matching(bytes, end, b'[', b']') {
                    Some(close) => end = close + 1,
                    None => break,
                },
                Some(b'{') => match matching(bytes, end, b'{', b'}') {
                    Some(close) => {
                        let is_last = bytes.get(close + 1) != Some(&b'{');
                        // A command of the author's own (`\thoughtbreak{We were…}`) whose
                        // argument is words is taken to print them; one whose argument has
                        // no space (`{-0.25in}`, `{fig:map}`) is taken not to.
                        let argument = &bytes[end + 1..close];
                        let reads_as_words =
                            !known_markup && argument.contains(&b' ') && !argument.contains(&b'\\');
                        if is_last && (known_prose || reads_as_words) {
                            // `\emph{` … `}`: the argument stays prose.
                            self.inline.push(start..end + 1);
                            self.inline.push(close..close + 1);
                            return end + 1;
                        }
                        end = close + 1;
                    }
                    None => break,
                },
                _ => break,
            }
        }
        if end == name_end {
            end = after_dimension(bytes, end).unwrap_or(end);
        }
        self.push_region(start, end);
        end
    }

    /// A Pandoc attribute block right after a heading's text, a link, an image or a span:
    /// `{#id}`, `{.class}`, `{-}`, `{key=value}`.
    fn attributes(&mut self, start: usize) -> usize {
        let bytes = self.bytes;
        let Some(close) = matching(bytes, start, b'{', b'}') else {
            return start + 1;
        };
        let body = &bytes[start + 1..close];
        let first = body.iter().copied().find(|b| !b.is_ascii_whitespace());
        let looks_like_attributes = match first {
            Some(b'#' | b'.') => true,
            Some(b'-') => body.iter().filter(|b| !b.is_ascii_whitespace()).count() == 1,
            Some(_) => {
                let eq = body.iter().position(|&b| b == b'=');
                eq.is_some_and(|eq| {
                    eq > 0
                        && body[..eq]
                            .iter()
                            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b' '))
                })
            }
            None => false,
        };
        let after_markup = start > 0 && matches!(bytes[start - 1], b']' | b')' | b' ');
        if looks_like_attributes && after_markup && !body.contains(&b'\n') {
            self.inline.push(start..close + 1);
            return close + 1;
        }
        start + 1
    }

    /// TeX maths by Pandoc's rule: `$$…$$`, or `$…$` where the opening `$` has a non-space
    /// to its right and the closing one a non-space to its left and no digit after it, so
    /// that `$20,000 and $30,000` stay money. Neither crosses a blank line.
    fn maths(&mut self, start: usize) -> usize {
        let bytes = self.bytes;
        let display = bytes.get(start + 1) == Some(&b'$');
        let body = start + if display { 2 } else { 1 };
        match bytes.get(body) {
            Some(b) if !display && b.is_ascii_whitespace() => return body,
            None => return body,
            _ => {}
        }
        // `$5 a day … $` is money, not maths that starts with a figure.
        let money = !display && bytes[body].is_ascii_digit();
        let mut j = body;
        while j < bytes.len() {
            match bytes[j] {
                b'\\' => j += 2,
                b'`' => j = code_span_end(bytes, j),
                b' ' if money => return body,
                b'\n' if bytes.get(j + 1) == Some(&b'\n') => return body,
                b'$' if display => {
                    if bytes.get(j + 1) == Some(&b'$') {
                        self.push_region(start, j + 2);
                        return j + 2;
                    }
                    j += 1;
                }
                b'$' => {
                    let closes = !bytes[j - 1].is_ascii_whitespace()
                        && !bytes.get(j + 1).is_some_and(u8::is_ascii_digit);
                    if closes {
                        self.inline.push(start..j + 1);
                        return j + 1;
                    }
                    j += 1;
                }
                _ => j += 1,
            }
        }
        body
    }

    /// An HTML tag of a known element is masked (an opaque element's content with it); a
    /// comment is left to pulldown-cmark (it may be a directive) and not searched.
    fn html(&mut self, start: usize) -> usize {
        let bytes = self.bytes;
        if bytes[start..].starts_with(b"<!--") {
            let body = start + 4;
            return memchr::memmem::find(&bytes[body..], b"-->").map_or(body, |at| body + at + 3);
        }
        let Some(markup) = html::markup_at(bytes, start) else {
            return start + 1;
        };
        if markup.breaks_block {
            self.breaks.push(start);
        }
        if markup.breaks_block
            && fills_line(bytes, start, markup.end)
            && before_underline(bytes, markup.end)
        {
            // `Text.` `</div>` `---`: a line of masked text would make the paragraph a Setext
            // heading; a blank line ends it, as the tag did.
            self.blocks.push(start..markup.end);
        } else {
            self.push_region(start, markup.end);
        }
        markup.end
    }

    /// A region that starts a line and ends one becomes blank lines; any other is inline.
    fn push_region(&mut self, start: usize, end: usize) {
        let bytes = self.bytes;
        let line_begins = bytes[..start]
            .iter()
            .rev()
            .take_while(|&&b| b != b'\n')
            .all(|b| b.is_ascii_whitespace());
        let line_ends = bytes[end..]
            .iter()
            .take_while(|&&b| b != b'\n')
            .all(|b| b.is_ascii_whitespace());
        let multi_line = bytes[start..end].contains(&b'\n');
        if line_begins && line_ends && multi_line {
            self.blocks.push(start..end);
        } else {
            self.inline.push(start..end);
        }
    }
}

/// Nothing but white space is on the line before `start` and after `end`.
fn fills_line(bytes: &[u8], start: usize, end: usize) -> bool {
    let before = bytes[..start].iter().rev().take_while(|&&b| b != b'\n');
    let after = bytes[end..].iter().take_while(|&&b| b != b'\n');
    before.chain(after).all(u8::is_ascii_whitespace)
}

/// The line after the one `end` is on is a Setext heading's underline (`---`, `===`).
fn before_underline(bytes: &[u8], end: usize) -> bool {
    let Some(newline) = memchr::memchr(b'\n', &bytes[end..]) else {
        return false;
    };
    let line_start = end + newline + 1;
    let line_end =
        memchr::memchr(b'\n', &bytes[line_start..]).map_or(bytes.len(), |n| line_start + n);
    let line = bytes[line_start..line_end].trim_ascii();
    let indent = bytes[line_start..line_end]
        .iter()
        .take_while(|&&b| b == b' ')
        .count();
    indent < 4
        && line
            .first()
            .is_some_and(|&mark| (mark == b'-' || mark == b'=') && line.iter().all(|&b| b == mark))
}

/// Just past the code span opened by the backticks at `start` (or past the backticks, when
/// nothing closes them within the paragraph).
fn code_span_end(bytes: &[u8], start: usize) -> usize {
    let run = fence_run(bytes, start, b'`');
    let mut j = start + run;
    while j < bytes.len() {
        if bytes[j] == b'`' {
            let close = fence_run(bytes, j, b'`');
            if close == run {
                return j + close;
            }
            j += close;
        } else if bytes[j] == b'\n' && bytes.get(j + 1) == Some(&b'\n') {
            break;
        } else {
            j += 1;
        }
    }
    start + run
}

fn fence_run(bytes: &[u8], at: usize, byte: u8) -> usize {
    bytes
        .get(at..)
        .map_or(0, |rest| rest.iter().take_while(|&&b| b == byte).count())
}

fn skip_spaces(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at) == Some(&b' ') {
        at += 1;
    }
    at
}

fn next_line(bytes: &[u8], at: usize) -> usize {
    memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n + 1)
}

/// The end of a knitr chunk: just past its closing fence line.
fn chunk_end(bytes: &[u8], mut at: usize, fence_byte: u8, run: usize) -> Option<usize> {
    while at < bytes.len() {
        let indent = bytes[at..]
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t' || b == b'>')
            .count();
        let fence_at = at + indent;
        let closing = fence_run(bytes, fence_at, fence_byte);
        let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
        if closing >= run
            && bytes[fence_at + closing..line_end]
                .iter()
                .all(|b| b.is_ascii_whitespace())
        {
            return Some(line_end);
        }
        at = next_line(bytes, at);
    }
    None
}

fn braced_word(bytes: &[u8], at: usize) -> Option<(&str, usize)> {
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    let close = matching(bytes, at, b'{', b'}')?;
    let word = std::str::from_utf8(&bytes[at + 1..close]).ok()?;
    Some((word, close + 1))
}

/// Just past `\end{env}`.
fn find_end(bytes: &[u8], from: usize, env: &str) -> Option<usize> {
    let needle = format!("\\end{{{env}}}");
    memchr::memmem::find(&bytes[from..], needle.as_bytes()).map(|at| from + at + needle.len())
}

/// The byte that closes the group opened at `open_at`, nesting counted, within one paragraph.
fn matching(bytes: &[u8], open_at: usize, open: u8, close: u8) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open_at;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\\' {
            i += 2;
            continue;
        }
        if b == open {
            depth += 1;
        } else if b == close {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        } else if b == b'\n' && bytes.get(i + 1) == Some(&b'\n') {
            return None;
        }
        i += 1;
    }
    None
}

/// The end of a TeX dimension (`0.75in`, `-2pt`, `1.5em`) after spaces from `at`, if one is
/// there: a number and a unit with nothing between them, and no letter after the unit.
fn after_dimension(bytes: &[u8], at: usize) -> Option<usize> {
    const UNITS: [&[u8]; 12] = [
        b"pt", b"in", b"cm", b"mm", b"em", b"ex", b"bp", b"pc", b"sp", b"dd", b"cc", b"mu",
    ];
    let mut i = at + bytes.get(at..)?.iter().take_while(|&&b| b == b' ').count();
    if i == at {
        return None;
    }
    if bytes.get(i) == Some(&b'-') {
        i += 1;
    }
    let digits = bytes
        .get(i..)?
        .iter()
        .take_while(|b| b.is_ascii_digit() || **b == b'.')
        .count();
    if digits == 0 {
        return None;
    }
    i += digits;
    let unit = UNITS.iter().find(|u| bytes.get(i..i + 2) == Some(**u))?;
    let end = i + unit.len();
    if bytes.get(end).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str) -> String {
        mask(text).text.into_owned()
    }

    #[test]
    fn a_knitr_chunk_whose_options_hold_a_backtick_is_blanked() {
        let text = "Prose.\n\n```{r fig, fig.cap=\"a ``quoted'' cap\"}\nplot(x)\n```\n\nMore.\n";
        let out = masked(text);
        assert_eq!(out.len(), text.len());
        assert!(out.starts_with("Prose.\n\n"));
        assert!(!out.contains("plot"));
        assert!(out.ends_with("\n\nMore.\n"));
    }

    #[test]
    fn an_ordinary_fence_is_left_to_commonmark_and_not_searched() {
        let text = "```\n\\begin{align}\nx\n```\n";
        assert_eq!(masked(text), text);
    }

    #[test]
    fn inline_r_is_masked_so_the_maths_around_it_stays_one_span() {
        let text = "so $t(`r df$x`) = 2$ here, `r n` cases";
        let out = masked(text);
        assert_eq!(out, "so \\xxxxxxxxxxxxxxxx here, \\xxxx cases");
    }

    #[test]
    fn raw_latex_commands_are_masked_and_prose_arguments_kept() {
        let out = masked("\\hspace{-0.25in} **Archival** and \\emph{Title} here.\n");
        assert!(
            out.starts_with("\\xxxxxxxxxxxxxxx **Archival** and "),
            "{out}"
        );
        assert!(out.contains("Title"));
        assert!(!out.contains("emph"));
    }

    #[test]
    fn an_unknown_command_with_words_keeps_them_and_one_with_a_dimension_does_not() {
        let out = masked("\\leadin{We were going} on, \\vspace{-2em} \\label{a b} x\n");
        assert!(out.contains("We were going"), "{out}");
        assert!(!out.contains("2em"));
        assert!(!out.contains("a b"));
        let skip = masked("Above.\n\n\\vskip 0.75in\n\n\\kern -2pt x, \\foo 3 inches\n");
        assert!(!skip.contains("0.75in") && !skip.contains("2pt"), "{skip}");
        assert!(skip.contains("3 inches"), "{skip}");
    }

    #[test]
    fn dollar_maths_is_masked_but_money_is_not() {
        let out = masked("costs $5,960 a year ($4,686 net); and $x^2 * y$ is maths, $$a*b$$ too");
        assert!(out.contains("$5,960 a year ($4,686 net)"), "{out}");
        assert!(!out.contains("x^2"));
        assert!(!out.contains("a*b"));
    }

    #[test]
    fn maths_environments_are_blanked_whole() {
        let text =
            "Text.\n\n\\begin{align*}\na &= b * c \\\\\nd &= e * f\n\\end{align*}\n\nText.\n";
        let out = masked(text);
        assert!(!out.contains('*'), "{out}");
        assert_eq!(out.len(), text.len());
    }

    #[test]
    fn other_environments_keep_their_prose() {
        let out = masked("\\begin{aquote}{A. Writer}\nA quoted line.\n\\end{aquote}\n");
        assert!(out.contains("A quoted line."));
        assert!(!out.contains("aquote"));
        assert!(!out.contains("Writer"));
    }

    #[test]
    fn markdown_escapes_and_braces_in_prose_are_left_alone() {
        let text = "a \\*literal\\* star, a set {a, b} and {= x}";
        assert_eq!(masked(text), text);
    }

    #[test]
    fn pandoc_attributes_are_masked() {
        let out = masked("# Intro {#sec:intro .unnumbered}\n\n[small]{.smallcaps} text\n");
        assert!(!out.contains("sec:intro"));
        assert!(!out.contains("smallcaps"));
        assert!(out.contains("[small]"));
    }

    #[test]
    fn html_tags_are_masked_and_the_text_between_them_kept() {
        let text = "<figure>\n<img alt=\"a (b\" src=\"x.png\">\n<figcaption>Figure 3: Output.</figcaption>\n</figure>\n";
        let result = mask(text);
        let out = result.text.into_owned();
        assert_eq!(out.len(), text.len());
        assert!(out.starts_with("\\xxxxxxx\n\\xxxx"), "{out}");
        assert!(!out.contains("alt") && !out.contains("figcaption"), "{out}");
        assert!(out.contains("Figure 3: Output."));
        assert_eq!(result.breaks.len(), 4);
        // A comment is the parser's (a directive, say); `<sup>` and autolinks are Markdown.
        let kept = "<!-- manulint-disable x --> <sup>3</sup> <https://x.org> p < .05";
        assert_eq!(masked(kept), kept);
    }

    #[test]
    fn a_closing_tag_before_an_underline_ends_the_paragraph() {
        let out = masked("Text.\n</div>\n---\n");
        assert_eq!(out, "Text.\n      \n---\n");
    }

    #[test]
    fn star_pages_become_letters_and_emphasis_does_not() {
        let out = masked("*Doe*, 2020 WL 1, at *3–*4; *Id.* at **2.");
        assert_eq!(out, "*Doe*, 2020 WL 1, at x3–x4; *Id.* at xx2.");
    }

    #[test]
    fn multibyte_text_inside_a_command_keeps_the_text_valid() {
        let text = "x \\label{é—ü} y";
        let result = mask(text);
        assert_eq!(result.text.len(), text.len());
        assert_eq!(result.ranges, vec![2..text.len() - 2]);
    }
}
