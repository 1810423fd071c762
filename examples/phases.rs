//! Times each phase of a check in-process, best of N runs, to measure changes without the
//! noise of process start-up: `cargo run --release --example phases -- FILE [N]`.
use std::time::Instant;

use manulint::config::Config;
use manulint::indexes::Indexes;

fn best<T>(runs: usize, mut work: impl FnMut() -> T) -> f64 {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(work());
            start.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: phases FILE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let config = Config::defaults();
    let ms = match manulint::load(&[path.into()], &config) {
        Ok(ms) => ms,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let text = ms
        .sources
        .iter()
        .next()
        .map(|f| f.text.clone())
        .unwrap_or_default();
    println!(
        "parse            {:>7.2} ms",
        best(runs, || {
            let mut sources = manulint::source::Sources::default();
            sources.add("x".into(), text.clone());
            manulint::parse_sources(sources, &config)
        })
    );
    println!(
        "index: words     {:>7.2} ms",
        best(runs, || manulint::indexes::words::WordIndex::build(&ms))
    );
    println!(
        "index: citations {:>7.2} ms",
        best(runs, || {
            manulint::indexes::citations::CitationIndex::build(&ms, &config.scripture_books)
        })
    );
    let indexes = Indexes::build(&ms, &config);
    indexes.citations();
    indexes.words();
    for rule in manulint::rules::ALL {
        let options = manulint::config::RuleOptions::default();
        let cx = manulint::rules::Context {
            manuscript: &ms,
            config: &config,
            indexes: &indexes,
            options: &options,
        };
        let time = best(runs, || {
            let mut out = Vec::new();
            (rule.check)(&cx, &mut out);
            out
        });
        if time > 0.05 {
            println!("{:<16} {time:>7.2} ms", rule.name);
        }
    }
}
