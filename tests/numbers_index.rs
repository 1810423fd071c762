//! The quantity and date index read from small manuscripts: figures, units, ranges, estimates,
//! qualifiers, dates in the formats theses use, and the events and names around them.

use manulint::indexes::numbers::vocab::VOCABULARY;
use manulint::indexes::numbers::{
    Event, Grouping, NumberIndex, PartialDate, PercentStyle, Quantity,
};

fn index_of(text: &str) -> (manulint::model::Manuscript, NumberIndex) {
    let (ms, _) = manulint::check_str("test.md", text);
    let index = NumberIndex::build(&ms);
    (ms, index)
}

fn figure<'i>(
    ms: &manulint::model::Manuscript,
    index: &'i NumberIndex,
    text: &str,
) -> &'i Quantity {
    index
        .quantities
        .iter()
        .find(|q| ms.text(q.span) == text)
        .unwrap_or_else(|| {
            let all: Vec<&str> = index.quantities.iter().map(|q| ms.text(q.span)).collect();
            panic!("no figure `{text}` among {all:?}")
        })
}

fn statistic(q: &Quantity) -> &str {
    q.statistic
        .checked_sub(1)
        .and_then(|s| VOCABULARY.statistic_names.get(s as usize))
        .map_or("", String::as_str)
}

#[test]
fn figures_units_ranges_estimates_and_written_numbers() {
    let (ms, index) = index_of(
        "Stakhanov hewed 102 tons under a norm of 6-7 tons, and about 540 tons later.\n\n\
         Only 30,543 churches and 46 000 pounds; twenty-two looms; 4 ½ thousand tons; \
         5-7 million peasants; a 102-ton record.\n",
    );
    let tons = figure(&ms, &index, "102 tons");
    assert_eq!(tons.value, 102.0);
    assert_eq!(index.unit_label(tons.unit), "ton");
    assert!(tons.is_exact());
    let norm = figure(&ms, &index, "6-7 tons");
    assert_eq!((norm.value, norm.high), (6.0, Some(7.0)));
    assert_eq!(statistic(norm), "norm");
    assert!(figure(&ms, &index, "540 tons").approximate);
    let churches = figure(&ms, &index, "30,543 churches");
    assert_eq!(
        (churches.value, churches.grouping),
        (30543.0, Grouping::Comma)
    );
    assert_eq!(index.unit_label(churches.unit), "church");
    let pounds = figure(&ms, &index, "46 000 pounds");
    assert_eq!((pounds.value, pounds.grouping), (46000.0, Grouping::Space));
    // Spelled-out numbers count only with a unit of the table.
    assert!(
        index
            .quantities
            .iter()
            .all(|q| ms.text(q.span) != "twenty-two looms")
    );
    assert_eq!(figure(&ms, &index, "4 ½ thousand tons").value, 4500.0);
    let peasants = figure(&ms, &index, "5-7 million peasants");
    assert_eq!((peasants.value, peasants.high), (5e6, Some(7e6)));
    assert_eq!(figure(&ms, &index, "102-ton").value, 102.0);
}

#[test]
fn one_figure_or_another_is_an_estimate() {
    let (ms, index) = index_of(
        "The valley was ten or twelve miles wide, the lake 3 or 4 miles long, the ridge 9 miles.\n",
    );
    assert!(figure(&ms, &index, "twelve miles").approximate);
    assert!(figure(&ms, &index, "4 miles").approximate);
    assert!(!figure(&ms, &index, "9 miles").approximate);
}

#[test]
fn percentages_keep_their_style_and_what_they_are_of() {
    let (ms, index) = index_of(
        "About 55% of Soviet citizens believed; 87 percent of the population read; \
         25 per cent of workers.\n",
    );
    let sign = figure(&ms, &index, "55%");
    assert_eq!(sign.percent_style, PercentStyle::Sign);
    assert_eq!(sign.base.map(|b| index.noun(b)), Some("citizen"));
    assert_eq!(
        figure(&ms, &index, "87 percent").percent_style,
        PercentStyle::Percent
    );
    assert_eq!(
        figure(&ms, &index, "25 per cent").percent_style,
        PercentStyle::PerCent
    );
}

#[test]
fn qualifiers_attach_to_the_figure_they_qualify() {
    let (ms, index) = index_of(
        "He produced 14-15 tons per shift on average, and 25 tons maximum, and later a \
         record of 321 tons.\n",
    );
    assert_eq!(statistic(figure(&ms, &index, "14-15 tons")), "average");
    assert_eq!(statistic(figure(&ms, &index, "25 tons")), "best");
    assert_eq!(statistic(figure(&ms, &index, "321 tons")), "best");
}

#[test]
fn dates_in_the_formats_theses_use() {
    let (ms, index) = index_of(
        "On the night of 30/31 August 1935 he worked; on Nov. 17, 1935 and on 15 October 1935 \
         they met; in June 1936 and in 1935-1936, and during the plan (1933-7). In 1935 the \
         brigade met again on 2 September.\n",
    );
    let date = |text: &str| -> PartialDate {
        index
            .dates
            .iter()
            .find(|d| ms.text(d.span) == text)
            .map(|d| d.date)
            .unwrap_or_else(|| panic!("no date `{text}`"))
    };
    let night = date("30/31 August 1935");
    assert_eq!(
        (night.day, night.day_end, night.month, night.year),
        (Some(30), Some(31), Some(8), Some(1935))
    );
    assert_eq!(date("Nov. 17, 1935").day, Some(17));
    assert_eq!(date("15 October 1935").month, Some(10));
    assert_eq!(date("June 1936").month, Some(6));
    assert_eq!(date("1935-1936").year_end, Some(1936));
    assert_eq!(date("1933-7").year_end, Some(1937));
    // A day without its year takes the year of the date before it.
    let september = index
        .dates
        .iter()
        .find(|d| ms.text(d.span) == "2 September")
        .expect("2 September");
    assert_eq!(september.date.year, Some(1935));
    assert!(september.year_inferred);
    // Years are dates, not figures.
    assert!(index.quantities.iter().all(|q| q.value != 1935.0));
}

#[test]
fn compatible_dates_can_name_the_same_day() {
    let day = |d, m, y| PartialDate {
        year: Some(y),
        month: Some(m),
        day: Some(d),
        ..PartialDate::default()
    };
    let night = PartialDate {
        day_end: Some(31),
        ..day(30, 8, 1935)
    };
    assert!(night.compatible(&day(31, 8, 1935)));
    assert!(!night.compatible(&day(1, 9, 1935)));
    let year = PartialDate {
        year: Some(1935),
        ..PartialDate::default()
    };
    assert!(year.compatible(&night));
    assert!(!year.compatible(&day(1, 9, 1936)));
}

#[test]
fn events_and_their_subjects_are_read_from_the_clause() {
    let (ms, index) = index_of(
        "The Seventeenth Party Congress opened on 26 January 1934. \
         Pyatakov was executed on 30 January 1937, after his trial.\n",
    );
    let congress = index
        .dates
        .iter()
        .find(|d| ms.text(d.span) == "26 January 1934")
        .expect("congress");
    assert_eq!(
        congress.event,
        Some(Event::Named("seventeenth party congress".into()))
    );
    assert_eq!(congress.phase, 1);
    let execution = index
        .dates
        .iter()
        .find(|d| ms.text(d.span) == "30 January 1937")
        .expect("execution");
    assert_eq!(execution.event, Some(Event::Once("execution".into())));
    assert_eq!(execution.subject.map(|n| index.name(n)), Some("pyatakov"));
}

#[test]
fn note_markers_and_quotations_are_read_as_such() {
    let (ms, index) =
        index_of("He hewed 536 tons.<sup>4</sup> The paper wrote “finally, 552 tons of coal.”\n");
    assert!(index.quantities.iter().all(|q| q.value != 4.0));
    assert!(!figure(&ms, &index, "536 tons").quoted);
    assert!(figure(&ms, &index, "552 tons").quoted);
}
