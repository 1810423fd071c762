//! What the reader knows of LaTeX's commands and environments, by name.

/// Groups nested deeper than this are read as text without structure: a file of a million
/// `{` must not exhaust the stack.
pub const MAX_DEPTH: usize = 64;

/// Environments whose body is skipped unread: maths, code and anything whose braces and
/// dollars need not balance.
pub const RAW_ENVIRONMENTS: &[&str] = &[
    "verbatim",
    "Verbatim",
    "BVerbatim",
    "lstlisting",
    "minted",
    "comment",
    "alltt",
    "equation",
    "align",
    "gather",
    "multline",
    "flalign",
    "alignat",
    "eqnarray",
    "math",
    "displaymath",
    "split",
    "filecontents",
];

/// Environments that are no prose but may hold notes and citations (a note in a table cell):
/// read for those, their text dropped. Linguistic examples (gb4e, linguex, langsci) are
/// forms, glosses and translations, not the author's prose.
pub const OPAQUE_ENVIRONMENTS: &[&str] = &[
    "tabular",
    "tabular*",
    "tabularx",
    "tabulary",
    "longtable",
    "array",
    "tikzpicture",
    "forest",
    "picture",
    "pgfpicture",
    "avm",
    "exe",
    "xlist",
    "examples",
    "subexamples",
    "exe*",
    "covexamples",
    "tabbing",
    "thebibliography",
];

/// Environments whose text is quoted.
pub const QUOTE_ENVIRONMENTS: &[&str] = &["quote", "quotation", "verse", "displayquote"];

/// Commands whose arguments print no prose (labels, cross-references, index entries,
/// lengths, definitions, files).
pub const SKIP_ARGUMENTS: &[(&str, usize)] = &[
    ("label", 1),
    ("index", 1),
    ("is", 1),
    ("il", 1),
    ("ia", 1),
    ("isce", 1),
    ("glossary", 1),
    ("includegraphics", 1),
    ("input", 1),
    ("include", 1),
    ("subfile", 1),
    ("includeonly", 1),
    ("vspace", 1),
    ("hspace", 1),
    ("vskip", 0),
    ("setlength", 2),
    ("addtolength", 2),
    ("setcounter", 2),
    ("addtocounter", 2),
    ("newcommand", 2),
    ("renewcommand", 2),
    ("providecommand", 2),
    ("newenvironment", 3),
    ("renewenvironment", 3),
    ("usepackage", 1),
    ("RequirePackage", 1),
    ("documentclass", 1),
    ("bibliography", 1),
    ("addbibresource", 1),
    ("bibliographystyle", 1),
    ("nocite", 1),
    ("pagestyle", 1),
    ("thispagestyle", 1),
    ("hyphenation", 1),
    ("color", 1),
    ("textcolor", 1),
    ("colorbox", 1),
    ("addcontentsline", 3),
    ("markboth", 2),
    ("markright", 1),
    ("multicolumn", 2),
    ("multirow", 2),
    ("url", 1),
    ("nolinkurl", 1),
    ("path", 1),
    ("texttt", 1),
    ("email", 1),
    ("doi", 1),
    ("href", 1),
    ("foreignlanguage", 1),
    ("selectlanguage", 1),
    ("linespread", 1),
    ("fontsize", 2),
    ("resizebox", 2),
    ("scalebox", 1),
    ("rotatebox", 1),
    ("raisebox", 1),
    ("makebox", 0),
    ("newcounter", 1),
    ("counterwithin", 2),
    ("DeclareMathOperator", 2),
    ("graphicspath", 1),
    ("currentpdfbookmark", 2),
    ("pdfbookmark", 2),
    ("bookmark", 1),
    ("WarningFilter", 2),
    ("caption@setoptions", 1),
    ("captionsetup", 1),
    ("printbibliography", 0),
    ("newline", 0),
    ("cline", 1),
    ("cmidrule", 1),
    ("arraybackslash", 0),
    ("settowidth", 2),
    ("footnotesize", 0),
];

pub const EMPHASIS_COMMANDS: &[&str] = &["textit", "emph", "textsl", "mkbibemph", "mkbibitalic"];
pub const STRONG_COMMANDS: &[&str] = &["textbf", "mkbibbold"];

pub const CITE_COMMANDS: &[&str] = &[
    "cite",
    "Cite",
    "parencite",
    "Parencite",
    "textcite",
    "Textcite",
    "autocite",
    "Autocite",
    "smartcite",
    "Smartcite",
    "supercite",
    "citep",
    "Citep",
    "citet",
    "Citet",
    "citealt",
    "Citealt",
    "citealp",
    "Citealp",
    "citeauthor",
    "Citeauthor",
    "citeyear",
    "citeyearpar",
    "citetitle",
    "Citetitle",
    "citegen",
    "citenum",
    "fullcite",
    "footfullcite",
    "citeurl",
    "citedate",
    "nptextcite",
    "footcite",
    "footcitetext",
];
pub const MULTI_CITE_COMMANDS: &[&str] = &[
    "cites",
    "Cites",
    "parencites",
    "Parencites",
    "textcites",
    "Textcites",
    "autocites",
    "Autocites",
    "smartcites",
    "Smartcites",
    "supercites",
    "footcites",
    "footcitetexts",
];

pub fn heading_level(command: &str) -> Option<u8> {
    Some(match command {
        "part" | "chapter" | "addchap" => 1,
        "section" | "addsec" => 2,
        "subsection" => 3,
        "subsubsection" => 4,
        "paragraph" => 5,
        "subparagraph" => 6,
        _ => return None,
    })
}

/// How the reader treats a command it knows by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Emphasis,
    Strong,
    Cite,
    MultiCite,
    /// Its arguments print no prose: skip this many brace arguments.
    Skip(usize),
}

/// The tables above in one map, built once: a chapter has thousands of commands.
pub static KINDS: std::sync::LazyLock<std::collections::HashMap<&'static str, Kind>> =
    std::sync::LazyLock::new(|| {
        let mut kinds = std::collections::HashMap::new();
        kinds.extend(
            SKIP_ARGUMENTS
                .iter()
                .map(|&(name, n)| (name, Kind::Skip(n))),
        );
        kinds.extend(EMPHASIS_COMMANDS.iter().map(|&name| (name, Kind::Emphasis)));
        kinds.extend(STRONG_COMMANDS.iter().map(|&name| (name, Kind::Strong)));
        kinds.extend(CITE_COMMANDS.iter().map(|&name| (name, Kind::Cite)));
        kinds.extend(
            MULTI_CITE_COMMANDS
                .iter()
                .map(|&name| (name, Kind::MultiCite)),
        );
        kinds
    });
