//! Source files: loading with clear errors, byte spans, line and column lookup.

use std::fmt;
use std::path::{Path, PathBuf};

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct FileId(pub u32);

/// A byte range in one source file, always on UTF-8 character boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Span {
            file,
            start: start as u32,
            end: end as u32,
        }
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn contains(&self, other: Span) -> bool {
        self.file == other.file && self.start <= other.start && other.end <= self.end
    }
}

/// Files larger than this are refused: spans are 32-bit and nobody writes a 1 GiB manuscript.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// What a source file holds: manuscript Markdown, or a bibliography database whose entries
/// diagnostics may point into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    Manuscript,
    Bibliography,
}

/// The format a manuscript file is written in, by its extension: which front-end reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// CommonMark, Pandoc, R Markdown, Quarto, and plain text (`.md`, `.Rmd`, `.qmd`, `.txt`).
    Markdown,
    /// LaTeX (`.tex`).
    Latex,
    /// Typst (`.typ`).
    Typst,
    /// Word (`.docx`).
    Docx,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Markdown, Format::Latex, Format::Typst, Format::Docx];

    /// The format a file name says, or why manulint does not read it. A name without an
    /// extension (standard input, `README`) is read as Markdown: plain text is Markdown.
    pub fn of_name(name: &str) -> Result<Format, String> {
        let extension = Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let Some(extension) = extension else {
            return Ok(Format::Markdown);
        };
        match extension.as_str() {
            "md" | "markdown" | "mdown" | "mkd" | "rmd" | "qmd" | "rmarkdown" | "txt" | "text" => {
                Ok(Format::Markdown)
            }
            "tex" | "ltx" | "latex" => Ok(Format::Latex),
            "typ" => Ok(Format::Typst),
            "docx" => Ok(Format::Docx),
            other => Err(unread_format_hint(other)),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Latex => "latex",
            Format::Typst => "typst",
            Format::Docx => "docx",
        }
    }
}

/// What to say about a file of a format manulint does not read: the formats it does read,
/// and for the usual others how to get one.
fn unread_format_hint(extension: &str) -> String {
    let reads = "manulint reads Markdown (.md, .Rmd, .qmd, .txt), LaTeX (.tex), Typst (.typ) and Word (.docx) manuscripts, and .bib or CSL-JSON bibliographies (--bibliography)";
    let how = match extension {
        "pdf" => {
            "; a PDF keeps no notes or structure to check: check the file it was made from, or convert it (`pandoc`, or open it in Word and save as .docx)"
        }
        "odt" | "fodt" => {
            "; save it as .docx (LibreOffice: File, Save As, Word 2007-365) or convert it with `pandoc -o manuscript.docx manuscript.odt`"
        }
        "doc" | "rtf" | "wpd" | "pages" => {
            "; save it as .docx (Word or LibreOffice: File, Save As, Word Document)"
        }
        "html" | "htm" | "xhtml" => {
            "; convert it with `pandoc -t markdown -o manuscript.md manuscript.html`"
        }
        "bib" | "json" | "bibtex" | "biblatex" => {
            "; give a bibliography with --bibliography (or `bibliography` in manulint.toml)"
        }
        _ => "",
    };
    format!("`.{extension}` is not a manuscript format manulint reads: {reads}{how}")
}

pub struct SourceFile {
    pub id: FileId,
    pub kind: SourceKind,
    /// For a manuscript file, the front-end that reads it.
    pub format: Format,
    /// The path as the user gave it (or as found in a folder), used in output.
    pub name: String,
    pub text: String,
    /// For a `.docx`, where its paragraphs and notes stand in `text`, the plain text read
    /// from it: diagnostics are located by paragraph and note, not by line.
    pub layout: Option<std::sync::Arc<crate::frontend::docx::Layout>>,
    line_starts: Vec<u32>,
}

impl SourceFile {
    pub fn new(id: FileId, name: String, text: String) -> Self {
        Self::with_kind(id, SourceKind::Manuscript, name, text)
    }

    pub fn with_kind(id: FileId, kind: SourceKind, name: String, text: String) -> Self {
        // Lines end where editors end them: at `\n`, `\r\n`, and a lone `\r` (classic Mac
        // files, some Word exports), so line numbers match the author's editor.
        let bytes = text.as_bytes();
        let mut line_starts = vec![0u32];
        line_starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                .map(|i| i as u32 + 1),
        );
        SourceFile {
            id,
            kind,
            format: Format::of_name(&name).unwrap_or(Format::Markdown),
            name,
            text,
            layout: None,
            line_starts,
        }
    }

    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// Whether a `*` or `_` in the text may be markup left unread (broken emphasis): in a text
    /// format it may; a Word document's characters are all printed as typed.
    pub fn marks_can_be_markup(&self) -> bool {
        self.layout.is_none()
    }

    /// Zero-based line index of a byte offset.
    pub fn line_index(&self, offset: u32) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    pub fn line_start(&self, line_index: usize) -> u32 {
        self.line_starts
            .get(line_index)
            .copied()
            .unwrap_or(self.text.len() as u32)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// One-based line and column; the column counts Unicode scalar values.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let line = self.line_index(offset);
        let start = self.line_start(line) as usize;
        let end = (offset as usize).min(self.text.len());
        let column = self.text.get(start..end).map_or(0, |s| s.chars().count());
        (line + 1, column + 1)
    }
}

/// All files of one manuscript, in reading order.
#[derive(Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn add(&mut self, name: String, text: String) -> FileId {
        self.add_kind(SourceKind::Manuscript, name, text)
    }

    pub fn add_kind(&mut self, kind: SourceKind, name: String, text: String) -> FileId {
        let id = FileId(self.files.len() as u32);
        self.files.push(SourceFile::with_kind(id, kind, name, text));
        id
    }

    /// A `.docx` manuscript: its plain text and layout.
    pub fn add_layout(
        &mut self,
        name: String,
        text: String,
        layout: Option<std::sync::Arc<crate::frontend::docx::Layout>>,
    ) -> FileId {
        let id = self.add(name, text);
        self.files[id.0 as usize].layout = layout;
        id
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn iter(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter()
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn slice(&self, span: Span) -> &str {
        self.get(span.file).slice(span)
    }
}

/// Why an input could not be used. Each renders as one line.
#[derive(Debug)]
pub enum InputError {
    /// A bibliography database that cannot be read; the message names the file and line.
    Bibliography {
        message: String,
    },
    /// A LaTeX include that cannot be followed (a cycle); the message names the file and line.
    Include {
        message: String,
    },
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    NotUtf8 {
        path: PathBuf,
        offset: usize,
    },
    Binary {
        path: PathBuf,
        offset: usize,
    },
    Utf16 {
        path: PathBuf,
        big_endian: bool,
    },
    /// A named pipe, socket or device: reading it could wait forever.
    NotRegular {
        path: PathBuf,
        what: &'static str,
    },
    TooLarge {
        path: PathBuf,
        bytes: u64,
    },
    NoMarkdown {
        path: PathBuf,
    },
    /// A manuscript file of a format manulint does not read; the message says which it reads.
    UnknownFormat {
        path: PathBuf,
        message: String,
    },
    /// A `.docx` that cannot be read as a Word document; the message says why.
    Docx {
        path: PathBuf,
        message: String,
    },
    NoInput,
    /// More files than one manuscript may hold (see [`MAX_FILES`]).
    TooManyFiles {
        count: usize,
    },
}

/// The most files one manuscript may hold: the word index keeps a word's file in 16 bits.
pub const MAX_FILES: usize = u16::MAX as usize;

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io { path, error } => {
                write!(f, "cannot read `{}`: {}", path.display(), io_reason(error))
            }
            InputError::NotUtf8 { path, offset } => write!(
                f,
                "`{}` is not valid UTF-8 (invalid byte at offset {offset}); save it as UTF-8",
                path.display()
            ),
            InputError::Binary { path, offset } => write!(
                f,
                "`{}` looks like a binary file (NUL byte at offset {offset}), not a Markdown manuscript",
                path.display()
            ),
            InputError::Utf16 { path, big_endian } => write!(
                f,
                "`{}` is UTF-16 ({}); save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)",
                path.display(),
                if *big_endian {
                    "big-endian"
                } else {
                    "little-endian"
                }
            ),
            InputError::NotRegular { path, what } => write!(
                f,
                "`{}` is {what}, not a file; to check text from a pipe, give `-` and pipe it to standard input",
                path.display()
            ),
            InputError::TooLarge { path, bytes } => write!(
                f,
                "`{}` is {bytes} bytes; manulint reads files up to {MAX_FILE_BYTES} bytes",
                path.display()
            ),
            InputError::NoMarkdown { path } => write!(
                f,
                "the folder `{}` holds no manuscript files (*.md, *.Rmd, *.qmd, *.tex, *.docx)",
                path.display()
            ),
            InputError::Bibliography { message } | InputError::Include { message } => {
                write!(f, "{message}")
            }
            InputError::Docx { path, message } => write!(f, "`{}` {message}", path.display()),
            InputError::UnknownFormat { path, message } => {
                write!(f, "`{}`: {message}", path.display())
            }
            InputError::TooManyFiles { count } => write!(
                f,
                "{count} files given; manulint checks at most {MAX_FILES} files as one manuscript: check the folders one at a time"
            ),
            InputError::NoInput => write!(
                f,
                "no manuscript given: name files or folders, or list `files` in manulint.toml"
            ),
        }
    }
}

impl std::error::Error for InputError {}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    }
}

/// Reads one file as a manuscript source: UTF-8 text, not binary, not absurdly large.
pub fn read_source(path: &Path) -> Result<String, InputError> {
    decode_source(path, read_bytes(path)?)
}

/// Reads one file's bytes, refusing what is not a regular file or is absurdly large.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, InputError> {
    let io = |error| InputError::Io {
        path: path.to_path_buf(),
        error,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(InputError::NotRegular {
            path: path.to_path_buf(),
            what: file_kind(&meta),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(InputError::TooLarge {
            path: path.to_path_buf(),
            bytes: meta.len(),
        });
    }
    std::fs::read(path).map_err(io)
}

/// What a path that is not a regular file is, for the error.
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Whether bytes are UTF-16 text: a byte-order mark, or (without one) the zero high bytes of
/// ASCII text on every other byte. Returns whether big-endian.
fn utf16_endianness(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some(false),
        [0xFE, 0xFF, ..] => return Some(true),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(1024) & !1];
    let pairs = head.len() / 2;
    if pairs < 4 {
        return None;
    }
    let zero_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zero_at(0), zero_at(1));
    if odd * 10 >= pairs * 7 && even == 0 {
        Some(false)
    } else if even * 10 >= pairs * 7 && odd == 0 {
        Some(true)
    } else {
        None
    }
}

pub fn decode_source(path: &Path, bytes: Vec<u8>) -> Result<String, InputError> {
    if let Some(big_endian) = utf16_endianness(&bytes) {
        return Err(InputError::Utf16 {
            path: path.to_path_buf(),
            big_endian,
        });
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(InputError::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    let mut text = String::from_utf8(bytes).map_err(|e| InputError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    // A byte-order mark is invisible to the author; drop it so offsets match what editors show.
    if text.starts_with('\u{feff}') {
        text.replace_range(..3, "");
    }
    Ok(text)
}

/// Expands the given paths into manuscript files in reading order: files as given, folders as
/// their Markdown files and LaTeX root files sorted naturally (`ch2.md` before `ch10.md`).
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, InputError> {
    let mut files = Vec::new();
    for path in paths {
        if is_stdin(path) {
            files.push(path.clone());
            continue;
        }
        let meta = std::fs::metadata(path).map_err(|error| InputError::Io {
            path: path.clone(),
            error,
        })?;
        if meta.is_dir() {
            let mut found = Vec::new();
            let mut latex = Vec::new();
            collect_manuscripts(path, &mut found, &mut latex)?;
            found.extend(latex_roots(latex));
            if found.is_empty() {
                return Err(InputError::NoMarkdown { path: path.clone() });
            }
            found.sort_by(|a, b| natural_cmp(&a.to_string_lossy(), &b.to_string_lossy()));
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    if files.len() > MAX_FILES {
        return Err(InputError::TooManyFiles { count: files.len() });
    }
    Ok(files)
}

/// `-`: the manuscript text comes from standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The files in order without repeats: a file named twice (`ch1.md` and `./ch1.md`, or
/// once by itself and once in its folder) is checked once, where it first appears. Returns
/// the kept files and, for each dropped one, the path it repeats.
pub fn without_repeats(files: Vec<PathBuf>) -> (Vec<PathBuf>, Vec<(PathBuf, PathBuf)>) {
    let mut seen: std::collections::HashMap<PathBuf, PathBuf> = std::collections::HashMap::new();
    let mut kept = Vec::with_capacity(files.len());
    let mut repeats = Vec::new();
    for file in files {
        let identity = if is_stdin(&file) {
            file.clone()
        } else {
            std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone())
        };
        match seen.get(&identity) {
            Some(first) => repeats.push((file, first.clone())),
            None => {
                seen.insert(identity, file.clone());
                kept.push(file);
            }
        }
    }
    (kept, repeats)
}

/// A folder's LaTeX files are its root files (those with `\documentclass`), which name the
/// rest through `\include` and `\input`; a folder of chapters without a root is read whole.
fn latex_roots(files: Vec<PathBuf>) -> Vec<PathBuf> {
    let is_root = |path: &PathBuf| {
        std::fs::read_to_string(path).is_ok_and(|text| {
            text.lines().any(|line| {
                let code = line.split('%').next().unwrap_or("");
                code.contains("\\documentclass")
            })
        })
    };
    let roots: Vec<PathBuf> = files.iter().filter(|p| is_root(p)).cloned().collect();
    if roots.is_empty() { files } else { roots }
}

fn collect_manuscripts(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    latex: &mut Vec<PathBuf>,
) -> Result<(), InputError> {
    let io = |error| InputError::Io {
        path: dir.to_path_buf(),
        error,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let file_type = entry.file_type().map_err(io)?;
        if file_type.is_dir() {
            collect_manuscripts(&path, out, latex)?;
        } else if is_markdown(&path) || is_word(&path, &name.to_string_lossy()) {
            out.push(path);
        } else if Format::of_name(&path.to_string_lossy()) == Ok(Format::Latex) {
            latex.push(path);
        }
    }
    Ok(())
}

/// A Word document, not the `~$name.docx` lock file Word leaves beside an open one.
fn is_word(path: &Path, name: &str) -> bool {
    !name.starts_with("~$")
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
}

fn is_markdown(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("md" | "markdown" | "mdown" | "mkd" | "rmd" | "qmd" | "rmarkdown")
    )
}

/// Compares strings so that runs of digits compare by value.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        match (a.chars().next(), b.chars().next()) {
            (None, None) => return std::cmp::Ordering::Equal,
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let da = a.len() - a.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                let db = b.len() - b.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                let (na, nb) = (
                    a[..da].trim_start_matches('0'),
                    b[..db].trim_start_matches('0'),
                );
                let order = na.len().cmp(&nb.len()).then_with(|| na.cmp(nb));
                if order != std::cmp::Ordering::Equal {
                    return order;
                }
                a = &a[da..];
                b = &b[db..];
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(&y);
                }
                a = &a[x.len_utf8()..];
                b = &b[y.len_utf8()..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_puts_ch2_before_ch10() {
        let mut names = vec!["ch10.md", "ch2.md", "ch1.md"];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(names, vec!["ch1.md", "ch2.md", "ch10.md"]);
    }

    #[test]
    fn line_col_counts_characters() {
        let file = SourceFile::new(FileId(0), "x".into(), "ab\nжжx\n".into());
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(3), (2, 1));
        // "жж" is four bytes, two characters.
        assert_eq!(file.line_col(7), (2, 3));
    }

    #[test]
    fn invalid_utf8_reports_offset() {
        let err = decode_source(Path::new("x.md"), b"abc\xffdef".to_vec()).unwrap_err();
        assert!(err.to_string().contains("offset 3"), "{err}");
    }
}
