//! Prints the quantity and date index of a manuscript, for checking it by eye:
//! `cargo run --release --example dump_numbers -- thesis.md`.

use manulint::config::Config;
use manulint::indexes::numbers::NumberIndex;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump_numbers FILE…");
        std::process::exit(2);
    };
    let config = Config::defaults();
    let ms = match manulint::load(&[path.into()], &config) {
        Ok(ms) => ms,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let started = std::time::Instant::now();
    let vocab = &*manulint::indexes::numbers::vocab::VOCABULARY;
    let loaded = started.elapsed();
    let index = NumberIndex::build(&ms);
    let built = started.elapsed() - loaded;
    if std::env::var_os("TIME").is_some() {
        eprintln!("vocabulary {loaded:?}, index {built:?}");
        let again = std::time::Instant::now();
        for _ in 0..20 {
            let _ = NumberIndex::build(&ms);
        }
        eprintln!("index again {:?} each", again.elapsed() / 20);
        return;
    }
    let line = |span: manulint::source::Span| ms.sources.get(span.file).line_col(span.start).0;
    for q in &index.quantities {
        let names: Vec<&str> = q.subject.iter().map(|&n| index.name(n)).collect();
        println!(
            "Q {:>5} {:<24} value={} high={:?} unit={} stat={} period={} approx={} quoted={} date={:?} group={:?} pct={:?} base={:?} subject={:?}",
            line(q.span),
            ms.text(q.span),
            q.value,
            q.high,
            index.unit_label(q.unit),
            q.statistic
                .checked_sub(1)
                .and_then(|s| vocab.statistic_names.get(s as usize))
                .map_or("-", String::as_str),
            q.period
                .checked_sub(1)
                .and_then(|s| vocab.period_names.get(s as usize))
                .map_or("-", String::as_str),
            q.approximate,
            q.quoted,
            q.date.map(|d| ms.text(index.dates[d as usize].span)),
            q.grouping,
            q.percent_style,
            q.base.map(|b| index.noun(b)),
            names,
        );
    }
    for d in &index.dates {
        let names: Vec<&str> = d.names.iter().map(|&n| index.name(n)).collect();
        println!(
            "D {:>5} {:<24} {:?} inferred={} quoted={} event={:?} phase={} names={:?}",
            line(d.span),
            ms.text(d.span),
            d.date,
            d.year_inferred,
            d.quoted,
            d.event,
            d.phase,
            names
        );
    }
    for a in &index.anniversaries {
        let names: Vec<&str> = a.names.iter().map(|&n| index.name(n)).collect();
        let nouns = a.nouns.len();
        println!(
            "A {:>5} {} {} names={names:?} nouns={nouns} year={:?}",
            line(a.span),
            ms.text(a.span),
            a.ordinal,
            a.event_year
        );
    }
    for r in &index.responses {
        println!("R {:>5} {}", line(r.span), ms.text(r.span));
    }
    for c in &index.claims {
        println!("C {:>5} {:?} {}", line(c.span), c.kind, ms.text(c.span));
    }
    println!("{} sentences", index.sentences.len());
}
