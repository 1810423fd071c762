//! Prints pulldown-cmark's events for a Markdown file (with the byte ranges), as manulint's
//! parser sees them (raw markup masked, so a tag shows as `\xxx`, a star page as `x14`):
//! `cargo run --example events -- FILE [START END]`.
use manulint::frontend::markdown::file::markdown_options;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: events FILE [START END]");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("{path}: {error}");
            std::process::exit(2);
        }
    };
    let from: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(0);
    let to: usize = args
        .get(3)
        .and_then(|a| a.parse().ok())
        .unwrap_or(usize::MAX);
    let text = manulint::frontend::markdown::markdown_text(&text);
    for (event, range) in
        pulldown_cmark::Parser::new_ext(&text, markdown_options()).into_offset_iter()
    {
        if range.end < from || range.start > to {
            continue;
        }
        println!("{:?} {:?}", range, event);
    }
}
