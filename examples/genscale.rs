//! Writes synthetic manuscripts of any size for the scale benchmark (`bench/scale.sh`):
//!
//! - `genscale book DIR MB`: a book of about MB megabytes in chapters of about 250 KB, each with
//!   its own reference list (as edited volumes have), citing works from a pool that grows with
//!   the book, a few authors with many works; half the chapters in Markdown footnotes, half as
//!   converted `<sup>` notes with page-bottom rules.
//! - `genscale thesis FILE`: one thesis-like manuscript of about 220 KB (converted notes, full
//!   and short citations, ibid., archives, periodicals, "see note N", a bibliography).
//! - `genscale bib FILE MB`: a BibTeX file of about MB megabytes.
//! - `genscale nested FILE DEPTH`: a BibTeX entry whose title nests braces DEPTH deep.
//!
//! All text is made up from the word lists below; the same arguments give the same bytes.

use std::fmt::Write as _;
use std::path::PathBuf;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.next(list.len())]
    }

    /// Small indexes far more often than large ones: a few authors write many of the works.
    fn skewed(&mut self, bound: usize) -> usize {
        let a = self.next(bound);
        let b = self.next(bound);
        a.min(b).min(self.next(bound))
    }
}

const SYLLABLES: &[&str] = &[
    "ko", "va", "len", "mar", "tin", "ber", "sol", "dov", "ra", "shen", "gor", "lin", "nik", "ov",
    "ska", "ter", "mil", "ba", "hau", "sen", "dor", "fel", "wick", "ham", "ley", "ros", "tal",
];
const FIRST_NAMES: &[&str] = &[
    "Anna", "Boris", "Clara", "David", "Elena", "Fyodor", "Grace", "Henry", "Irina", "Jonas",
    "Karl", "Lydia", "Mikhail", "Nora", "Oleg", "Paula",
];
const TITLE_WORDS: &[&str] = &[
    "Labor",
    "Steel",
    "Coal",
    "Factory",
    "Workers",
    "Plan",
    "Revolution",
    "Culture",
    "Village",
    "Norms",
    "Heroes",
    "Records",
    "Industry",
    "Mines",
    "Shock",
    "Brigades",
    "Wages",
    "Power",
    "Memory",
    "Ritual",
    "Faith",
    "Science",
    "Press",
    "Party",
    "State",
    "Youth",
    "Women",
    "Cities",
];
const SUBTITLES: &[&str] = &[
    "A Social History",
    "The Early Years",
    "Politics and Production",
    "Essays on Soviet Society",
    "The Making of a Movement",
    "Documents and Materials",
    "A Study in Ideology",
];
const PLACES: &[&str] = &[
    "Moscow",
    "Cambridge",
    "New York",
    "Berkeley",
    "Oxford",
    "Leningrad",
    "Chicago",
];
const PUBLISHERS: &[&str] = &[
    "Academic Press",
    "University Press",
    "Partizdat",
    "Gospolitizdat",
    "Harbor Books",
];
const JOURNALS: &[&str] = &[
    "Slavic Review",
    "Russian Review",
    "Journal of Modern History",
    "Kritika",
];
const PAPERS: &[&str] = &["Pravda", "Izvestiia", "Trud", "Stakhanovets"];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const TERMS: &[&str] = &[
    "socialist emulation",
    "new people",
    "cultured life",
    "storming",
    "production miracle",
    "vanguard of labor",
];

#[derive(Clone)]
struct Work {
    first: &'static str,
    surname: String,
    title: String,
    journal: Option<&'static str>,
    place: &'static str,
    publisher: &'static str,
    year: u32,
}

fn surname(rng: &mut Lcg) -> String {
    let mut s = String::new();
    for _ in 0..2 + rng.next(2) {
        s.push_str(rng.pick(SYLLABLES));
    }
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `works` works by about `works / 4` authors, the first authors with the most works.
fn pool(rng: &mut Lcg, works: usize) -> Vec<Work> {
    let authors: Vec<(String, &'static str)> = (0..(works / 4).max(4))
        .map(|_| (surname(rng), rng.pick(FIRST_NAMES)))
        .collect();
    (0..works)
        .map(|_| {
            let (surname, first) = authors[rng.skewed(authors.len())].clone();
            let mut title = String::new();
            for i in 0..2 + rng.next(3) {
                if i > 0 {
                    title.push_str(if i == 1 { " and " } else { " of " });
                }
                title.push_str(rng.pick(TITLE_WORDS));
            }
            if rng.next(2) == 0 {
                title.push_str(": ");
                title.push_str(rng.pick(SUBTITLES));
            }
            Work {
                first,
                surname,
                title,
                journal: (rng.next(4) == 0).then(|| rng.pick(JOURNALS)),
                place: rng.pick(PLACES),
                publisher: rng.pick(PUBLISHERS),
                year: 1930 + rng.next(90) as u32,
            }
        })
        .collect()
}

fn full_citation(w: &Work, page: usize, out: &mut String) {
    match w.journal {
        Some(journal) => {
            let _ = write!(
                out,
                "{} {}, “{},” *{journal}* {}, no. {} ({}): {page}.",
                w.first,
                w.surname,
                w.title,
                w.year % 80,
                1 + w.year % 4,
                w.year
            );
        }
        None => {
            let _ = write!(
                out,
                "{} {}, *{}* ({}: {}, {}), {page}.",
                w.first, w.surname, w.title, w.place, w.publisher, w.year
            );
        }
    }
}

fn short_title(w: &Work) -> &str {
    w.title.split(':').next().unwrap_or(&w.title)
}

fn short_citation(w: &Work, page: usize, out: &mut String) {
    match w.journal {
        Some(_) => {
            let _ = write!(out, "{}, “{},” {page}.", w.surname, short_title(w));
        }
        None => {
            let _ = write!(out, "{}, *{}*, {page}.", w.surname, short_title(w));
        }
    }
}

fn entry(w: &Work, out: &mut String) {
    match w.journal {
        Some(journal) => {
            let _ = writeln!(
                out,
                "{}, {}. “{}.” *{journal}* {}, no. {} ({}).  ",
                w.surname,
                w.first,
                w.title,
                w.year % 80,
                1 + w.year % 4,
                w.year
            );
        }
        None => {
            let _ = writeln!(
                out,
                "{}, {}. *{}*. {}: {}, {}.  ",
                w.surname, w.first, w.title, w.place, w.publisher, w.year
            );
        }
    }
}

fn sentence(rng: &mut Lcg, names: &[&str], out: &mut String) {
    let name = rng.pick(names);
    let figure = 50 + rng.next(900);
    let day = 1 + rng.next(28);
    let month = rng.pick(MONTHS);
    let year = 1930 + rng.next(12);
    let term = rng.pick(TERMS);
    let _ = match rng.next(4) {
        0 => write!(
            out,
            "On {day} {month} {year} {name} reported {figure} tons in one shift, and the \
             district committee called the figure proof of “{term}” in every pit. "
        ),
        1 => write!(
            out,
            "The newspapers repeated the story of {name} for weeks, while the trade unions \
             organized conferences that promised {figure} new brigades by the end of {year}. "
        ),
        2 => write!(
            out,
            "Critics at the plant doubted that the norm could rise by {figure} percent, yet \
             the directors praised {name} and the idea of “{term}” without reserve. "
        ),
        _ => write!(
            out,
            "Memoirs written decades later describe the meetings of {month} {year} as noisy, \
             crowded and hopeful, and they remember {name} as a modest man. "
        ),
    };
}

const NAMES: &[&str] = &[
    "Stakhanov",
    "Izotov",
    "Busygin",
    "Krivonos",
    "Smetanin",
    "Vinogradova",
    "Gudov",
    "Demchenko",
];

/// The text of one note: a citation of one of the chapter's works (full the first time, then
/// short, or ibid. after the same work), an archive, a newspaper, or a pointer to another note.
fn note_text(
    rng: &mut Lcg,
    works: &[Work],
    cited: &mut [bool],
    previous: &mut Option<usize>,
    note: usize,
    out: &mut String,
) {
    let page = 1 + rng.next(400);
    match rng.next(12) {
        0 if previous.is_some() => {
            let _ = write!(out, "Ibid., {page}.");
            return;
        }
        1 => {
            let _ = write!(
                out,
                "RGASPI f.{}, o.{}, d.{}, l.{page}.",
                10 + rng.next(90),
                1 + rng.next(40),
                1 + rng.next(900)
            );
            *previous = None;
            return;
        }
        2 => {
            let _ = write!(
                out,
                "*{}*, {} {} {}, {}.",
                rng.pick(PAPERS),
                1 + rng.next(28),
                rng.pick(MONTHS),
                1930 + rng.next(12),
                1 + rng.next(6)
            );
            *previous = None;
            return;
        }
        3 if note > 10 => {
            let _ = write!(
                out,
                "On “{}” see note {}. ",
                rng.pick(TERMS),
                1 + rng.next(note - 1)
            );
        }
        _ => {}
    }
    let w = rng.next(works.len());
    if cited[w] {
        short_citation(&works[w], page, out);
    } else {
        full_citation(&works[w], page, out);
        cited[w] = true;
    }
    *previous = Some(w);
}

/// A chapter of about `target` bytes citing `works`, with its own reference list when
/// `references` is set.
fn chapter(
    rng: &mut Lcg,
    title: &str,
    works: &[Work],
    target: usize,
    converted: bool,
    tag: &str,
    references: Option<&str>,
) -> String {
    let mut text = format!("# {title}\n\n");
    let mut cited = vec![false; works.len()];
    let mut previous = None;
    let mut pending: Vec<usize> = Vec::new();
    let mut notes = String::new();
    let mut note = 0;
    while text.len() + notes.len() < target {
        note += 1;
        for _ in 0..2 + note % 2 {
            sentence(rng, NAMES, &mut text);
        }
        if converted {
            let _ = write!(text, "<sup>{note}</sup>\n\n");
            pending.push(note);
            if pending.len() == 3 {
                text.push_str("---\n\n");
                for n in pending.drain(..) {
                    let _ = write!(text, "<sup>{n}</sup> ");
                    note_text(rng, works, &mut cited, &mut previous, n, &mut text);
                    text.push_str("\n\n");
                }
            }
        } else {
            let _ = write!(text, "[^{tag}n{note}]\n\n");
            let _ = write!(notes, "[^{tag}n{note}]: ");
            note_text(rng, works, &mut cited, &mut previous, note, &mut notes);
            notes.push('\n');
        }
        if note % 40 == 0 {
            let _ = write!(text, "## Section {}\n\n", note / 40);
        }
    }
    if !pending.is_empty() {
        text.push_str("---\n\n");
        for n in pending.drain(..) {
            let _ = write!(text, "<sup>{n}</sup> ");
            note_text(rng, works, &mut cited, &mut previous, n, &mut text);
            text.push_str("\n\n");
        }
    }
    text.push('\n');
    text.push_str(&notes);
    if let Some(heading) = references {
        let _ = write!(text, "\n## {heading}\n\n");
        let mut listed: Vec<&Work> = works.iter().collect();
        listed.sort_by(|a, b| a.surname.cmp(&b.surname).then(a.title.cmp(&b.title)));
        for w in listed {
            entry(w, &mut text);
        }
    }
    text
}

const CHAPTER_BYTES: usize = 250_000;

fn book(dir: &PathBuf, megabytes: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let chapters = (megabytes * 1_000_000).div_ceil(CHAPTER_BYTES).max(1);
    let mut rng = Lcg(1935);
    // The pool grows with the book: a longer book cites more works, and its chapters share some.
    let all = pool(&mut rng, 200 + 40 * chapters);
    for index in 0..chapters {
        let start = rng.next(all.len().saturating_sub(60).max(1));
        let mut works: Vec<Work> = all[start..(start + 40).min(all.len())].to_vec();
        // The most prolific authors are cited in every chapter.
        works.extend(all.iter().take(20).cloned());
        let text = chapter(
            &mut rng,
            &format!("Chapter {}: Records and Rituals", index + 1),
            &works,
            CHAPTER_BYTES,
            index % 2 == 1,
            &format!("c{index}"),
            Some("References"),
        );
        std::fs::write(dir.join(format!("ch{:04}.md", index + 1)), text)?;
    }
    eprintln!("wrote {chapters} chapters to {}", dir.display());
    Ok(())
}

fn thesis(path: &PathBuf) -> std::io::Result<()> {
    let mut rng = Lcg(2020);
    let works = pool(&mut rng, 160);
    let mut text = String::from("# Immortal Norms\n\nA Senior Thesis\n\n");
    for part in 0..4 {
        let body = chapter(
            &mut rng,
            &format!("Part {}", ["I", "II", "III", "IV"][part]),
            &works,
            52_000,
            true,
            "",
            None,
        );
        text.push_str(&body.replacen("# ", "## ", 1));
        text.push('\n');
    }
    text.push_str("## Selected Bibliography\n\n**Archives**\n\n");
    text.push_str(
        "RGASPI – Rossiiskii Gosudarstvennyi Arkhiv Sotsial'no-Politicheskoi Istorii\n\n",
    );
    text.push_str("**Periodical Publications**\n\n");
    for paper in PAPERS {
        let _ = writeln!(text, "*{paper}*  ");
    }
    text.push_str("\n**Secondary Literature**\n\n");
    let mut listed: Vec<&Work> = works.iter().collect();
    listed.sort_by(|a, b| a.surname.cmp(&b.surname).then(a.title.cmp(&b.title)));
    for w in listed {
        entry(w, &mut text);
    }
    std::fs::write(path, text)
}

fn bib(path: &PathBuf, megabytes: usize) -> std::io::Result<()> {
    let mut rng = Lcg(1988);
    let target = megabytes * 1_000_000;
    let works = pool(&mut rng, (target / 300).max(10));
    let mut text = String::from("@string{cup = \"Cambridge University Press\"}\n\n");
    let mut i = 0;
    while text.len() < target {
        let w = &works[i % works.len()];
        let kind = if w.journal.is_some() {
            "article"
        } else {
            "book"
        };
        let _ = write!(
            text,
            "@{kind}{{key{i},\n  author = {{{}, {}}},\n  title = {{{}}},\n",
            w.surname, w.first, w.title
        );
        match w.journal {
            Some(journal) => {
                let _ = writeln!(
                    text,
                    "  journal = {{{journal}}},\n  volume = {},",
                    w.year % 80
                );
            }
            None => {
                let _ = writeln!(
                    text,
                    "  publisher = {},\n  address = {{{}}},",
                    if i % 3 == 0 {
                        "cup".to_string()
                    } else {
                        format!("{{{}}}", w.publisher)
                    },
                    w.place
                );
            }
        }
        let _ = write!(text, "  year = {}\n}}\n\n", w.year);
        i += 1;
    }
    std::fs::write(path, text)
}

fn nested(path: &PathBuf, depth: usize) -> std::io::Result<()> {
    let mut text = String::from("@book{deep,\n  author = {Kovalen, Anna},\n  title = {");
    text.push_str(&"{".repeat(depth));
    text.push_str("Steel");
    text.push_str(&"}".repeat(depth));
    text.push_str("},\n  year = 1988\n}\n");
    std::fs::write(path, text)
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number =
        |i: usize, default: usize| args.get(i).and_then(|n| n.parse().ok()).unwrap_or(default);
    let path = PathBuf::from(args.get(1).map_or("bench/out/scale", String::as_str));
    match args.first().map(String::as_str) {
        Some("book") => book(&path, number(2, 1)),
        Some("thesis") => thesis(&path),
        Some("bib") => bib(&path, number(2, 28)),
        Some("nested") => nested(&path, number(2, 100_000)),
        _ => {
            eprintln!(
                "usage: genscale book DIR MB | thesis FILE | bib FILE MB | nested FILE DEPTH"
            );
            std::process::exit(2);
        }
    }
}
