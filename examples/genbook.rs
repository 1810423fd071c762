//! Writes a large synthetic book for benchmarks: `cargo run --release --example genbook -- DIR`.
//! Twenty chapter files, about 4 MB and 6,000 notes in all, half in Markdown footnote style and
//! half as converted `<sup>` notes with page-bottom rules, and a bibliography.

use std::fmt::Write as _;
use std::path::PathBuf;

const CHAPTERS: usize = 20;
const NOTES_PER_CHAPTER: usize = 300;

const NAMES: &[&str] = &[
    "Stakhanov",
    "Izotov",
    "Busygin",
    "Krivonos",
    "Smetanin",
    "Vinogradova",
    "Gudov",
    "Demchenko",
    "Angelina",
    "Ordzhonikidze",
    "Molotov",
    "Kaganovich",
];
const WORKS: &[(&str, &str, u32)] = &[
    (
        "Siegelbaum",
        "Stakhanovism and the Politics of Productivity",
        1988,
    ),
    ("Kotkin", "Magnetic Mountain", 1995),
    ("Fitzpatrick", "Everyday Stalinism", 1999),
    (
        "Filtzer",
        "Soviet Workers and Stalinist Industrialization",
        1986,
    ),
    ("Hellbeck", "Revolution on My Mind", 2006),
    ("Hoffmann", "Stalinist Values", 2003),
];

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound
    }
}

fn sentence(rng: &mut Lcg, out: &mut String) {
    let name = NAMES[rng.next(NAMES.len())];
    let tons = 50 + rng.next(500);
    let _ = write!(
        out,
        "In the autumn of 1935 {name} reported {tons} tons in a single shift, and the \
         newspapers of the Donbass repeated the figure in headline after headline while the \
         trade unions organized conferences to spread the method to every mine and factory. "
    );
}

fn citation(rng: &mut Lcg, out: &mut String) {
    let (author, title, year) = WORKS[rng.next(WORKS.len())];
    let page = 1 + rng.next(400);
    let _ = write!(
        out,
        "{author}, *{title}* (New York: Academic Press, {year}), {page}."
    );
}

fn chapter(index: usize, rng: &mut Lcg) -> String {
    let mut text = format!("# Chapter {}: Records and Rituals\n\n", index + 1);
    let converted = index % 2 == 1;
    let mut pending_notes = Vec::new();
    for note in 1..=NOTES_PER_CHAPTER {
        for _ in 0..(2 + note % 2) {
            sentence(rng, &mut text);
        }
        if converted {
            let _ = write!(text, "<sup>{note}</sup>\n\n");
            pending_notes.push(note);
            if pending_notes.len() == 3 {
                text.push_str("---\n\n");
                for n in pending_notes.drain(..) {
                    let _ = write!(text, "<sup>{n}</sup> ");
                    citation(rng, &mut text);
                    text.push_str("\n\n");
                }
            }
        } else {
            let _ = write!(text, "[^c{index}n{note}]\n\n");
        }
        if note % 40 == 0 {
            let _ = write!(text, "## Section {}\n\n", note / 40);
        }
    }
    if converted && !pending_notes.is_empty() {
        text.push_str("---\n\n");
        for n in pending_notes.drain(..) {
            let _ = write!(text, "<sup>{n}</sup> ");
            citation(rng, &mut text);
            text.push_str("\n\n");
        }
    }
    if !converted {
        for note in 1..=NOTES_PER_CHAPTER {
            let _ = write!(text, "[^c{index}n{note}]: ");
            citation(rng, &mut text);
            text.push('\n');
        }
    }
    text
}

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "bench/out/book".into()),
    );
    std::fs::create_dir_all(&dir)?;
    let mut rng = Lcg(1935);
    let mut total = 0;
    for index in 0..CHAPTERS {
        let text = chapter(index, &mut rng);
        total += text.len();
        std::fs::write(dir.join(format!("ch{:02}.md", index + 1)), text)?;
    }
    let mut bibliography = String::from("# Bibliography\n\n");
    for (author, title, year) in WORKS {
        let _ = writeln!(
            bibliography,
            "- {author}. *{title}*. New York: Academic Press, {year}."
        );
    }
    std::fs::write(dir.join("ch99-bibliography.md"), bibliography)?;
    eprintln!(
        "wrote {} chapters, {} bytes, {} notes to {}",
        CHAPTERS,
        total,
        CHAPTERS * NOTES_PER_CHAPTER,
        dir.display()
    );
    Ok(())
}
