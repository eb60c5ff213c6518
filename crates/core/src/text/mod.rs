//! Reader-facing text: languages, number and date formatting, and the generated sentences.
//!
//! Labels, definitions and caveats of metrics and series live in the snapshot, per language (the
//! data editor translates them with the figures); the widget's own interface strings live in
//! [`strings`]. Numbers and dates are written by the pure [`Rules`] (a [`Formatter`]), the same on
//! the host (prerendered pages) and in the browser (the widget), so the takeover never changes a
//! figure's text; a browser test checks them against the browser's `Intl`, another `Formatter`.

mod problems;
mod strings;

pub use problems::problem_message;
pub use strings::{HeadlineReasons, Problems, TypeNames, Ui};

use crate::decimal::Decimal;
use crate::figures::{self, Headline, Row, Shape};
use crate::period::{Period, When};
use crate::snapshot::{
    Anchor, Annotation, Kind, Metric, MetricIndex, SeriesIndex, Snapshot, Unit, Value,
};

/// A language of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    It,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Every supported language, the default first.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::It, Lang::Zh];

    /// The code used in the `lang` parameter and in the snapshot's texts.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::It => "it",
            Lang::Zh => "zh",
        }
    }

    /// The tag for `<html lang>` (Chinese marked as Simplified).
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::It => "it",
            Lang::Zh => "zh-Hans",
        }
    }

    /// The BCP 47 tag for `Intl` (English dates day-first, as in the UK).
    pub fn bcp47(self) -> &'static str {
        match self {
            Lang::En => "en-GB",
            Lang::It => "it-IT",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language of a tag such as `it`, `it-IT`, `en-GB` or `zh-Hans-CN` (case-insensitive),
    /// if supported. Traditional Chinese (`zh-Hant`, `zh-TW`, `zh-HK`) is not.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let mut parts = tag.split(['-', '_']);
        let primary = parts.next().unwrap_or("");
        let lang = Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))?;
        if lang == Lang::Zh
            && parts.any(|p| {
                ["hant", "tw", "hk", "mo"]
                    .iter()
                    .any(|t| p.eq_ignore_ascii_case(t))
            })
        {
            return None;
        }
        Some(lang)
    }

    /// The interface strings of this language.
    pub fn ui(self) -> &'static Ui {
        match self {
            Lang::En => &strings::EN,
            Lang::It => &strings::IT,
            Lang::Zh => &strings::ZH,
        }
    }
}

/// Fills the `{name}` slots of `template` with `values`; unknown slots are left as they are.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Formats numbers and dates for a language.
pub trait Formatter {
    /// The number with exactly its own decimal places and the language's separators.
    fn number(&self, lang: Lang, d: Decimal) -> String;
    /// A year ("2025"; Chinese "2025年").
    fn year(&self, lang: Lang, year: u16) -> String;
    /// A month ("Aug 2024", "ago 2024", "2024年8月").
    fn month(&self, lang: Lang, year: u16, month: u8) -> String;
    /// A day ("26 Nov 2025", "26 nov 2025", "2025年11月26日").
    fn day(&self, lang: Lang, year: u16, month: u8, day: u8) -> String;
}

/// The pure formatting rules (CLDR's, for the three languages): what `Intl` produces in browsers.
pub struct Rules;

/// Keeps a date's parts on one line.
const NBSP: char = '\u{a0}';

impl Formatter for Rules {
    fn number(&self, lang: Lang, d: Decimal) -> String {
        // Italian groups thousands only from five digits on (CLDR's minimum grouping digits: 2).
        let (dec, group) = match lang {
            Lang::En | Lang::Zh => ('.', Some(',')),
            Lang::It if d.trunc().abs() < 10_000 => (',', None),
            Lang::It => (',', Some('.')),
        };
        let mut s = String::new();
        d.write(&mut s, dec, group);
        s
    }

    fn year(&self, lang: Lang, year: u16) -> String {
        let mut s = year.to_string();
        if lang == Lang::Zh {
            s.push('年');
        }
        s
    }

    fn month(&self, lang: Lang, year: u16, month: u8) -> String {
        let name = lang.ui().months[usize::from(month.clamp(1, 12) - 1)];
        match lang {
            Lang::Zh => {
                let mut s = self.year(lang, year);
                s.push_str(name);
                s
            }
            Lang::En | Lang::It => {
                let mut s = String::from(name);
                s.push(NBSP);
                s.push_str(&year.to_string());
                s
            }
        }
    }

    fn day(&self, lang: Lang, year: u16, month: u8, day: u8) -> String {
        let mut s = String::new();
        match lang {
            Lang::Zh => {
                s.push_str(&self.month(lang, year, month));
                s.push_str(&day.to_string());
                s.push('日');
            }
            Lang::En | Lang::It => {
                s.push_str(&day.to_string());
                s.push(NBSP);
                s.push_str(&self.month(lang, year, month));
            }
        }
        s
    }
}

/// A number in the language's format, with every one of its decimal places ("17.1", "17,1",
/// "1,150,000,000").
pub fn number(lang: Lang, d: Decimal) -> String {
    Rules.number(lang, d)
}

/// A percentage: "17.1 %" / "17,1 %" (a narrow no-break space before the sign) / "17.1%".
pub fn percent(lang: Lang, d: Decimal) -> String {
    let mut s = number(lang, d);
    s.push_str(lang.ui().percent_space);
    s.push('%');
    s
}

/// A count as readers say it, exactly as precise as published: "1.15 billion", "723 million",
/// "151,448" (Italian "1,15 miliardi"; Chinese "11.5亿", "7.23亿"). Counts below the smallest
/// scale, and counts that would need more than three decimals in it, are written in full.
pub fn count_in_words(lang: Lang, d: Decimal) -> String {
    let ui = lang.ui();
    for &(places, one, many) in ui.scales {
        if let Some(scaled) = d.shifted(places) {
            if scaled.trunc() >= 1 && scaled.decimals() <= 3 {
                let mut s = number(lang, scaled);
                s.push_str(ui.scale_space);
                let is_one = scaled.cmp_value(Decimal::new(1, 0)).is_eq();
                s.push_str(if is_one { one } else { many });
                return s;
            }
        }
    }
    number(lang, d)
}

/// A figure as readers see it everywhere (chart, table, tooltip, sentences): a percentage, or a
/// count in words.
pub fn figure(lang: Lang, d: Decimal, unit: Unit) -> String {
    match unit {
        Unit::Percent => percent(lang, d),
        Unit::Count => count_in_words(lang, d),
    }
}

/// The name of a series in `lang` (empty for an index that does not exist).
pub fn series_label(lang: Lang, s: &Snapshot, i: SeriesIndex) -> &str {
    s.series.get(i).map_or("", |x| x.label.get(lang.code()))
}

/// The name of a metric's computed remainder ("everyone else") in `lang`.
pub fn remainder_label(lang: Lang, m: &Metric) -> &str {
    m.remainder_label
        .as_ref()
        .map_or("", |t| t.get(lang.code()))
}

/// The name of what a row of `m` is about: its series, or the computed remainder.
pub fn row_label<'a>(lang: Lang, s: &'a Snapshot, m: &'a Metric, r: &Row) -> &'a str {
    match r.series {
        Some(i) => series_label(lang, s, i),
        None => remainder_label(lang, m),
    }
}

/// A measure's label with its date or window when it has one ("Share of downloads, Aug 2024 –
/// Aug 2025").
pub fn metric_title(lang: Lang, m: &Metric) -> String {
    let mut s = String::from(m.label.get(lang.code()));
    if let Some(w) = m.when {
        s.push_str(lang.ui().label_when_sep);
        s.push_str(&when(lang, w));
    }
    s
}

/// The totals behind a computed share, with every digit ("1,234,567 of 7,654,321 downloads").
pub fn totals(lang: Lang, part: u64, whole: u64) -> String {
    fill_totals(lang, lang.ui().totals, part, whole)
}

/// The totals behind a computed share, for a table column that names the unit ("6,500 of 21,870").
pub fn totals_short(lang: Lang, part: u64, whole: u64) -> String {
    fill_totals(lang, lang.ui().totals_short, part, whole)
}

fn fill_totals(lang: Lang, template: &str, part: u64, whole: u64) -> String {
    let whole_number = |n: u64| number(lang, Decimal::new(i64::try_from(n).unwrap_or(i64::MAX), 0));
    fill(
        template,
        &[
            ("part", &whole_number(part)),
            ("whole", &whole_number(whole)),
        ],
    )
}

/// What kind of figure this is, for readers ("second-hand table").
pub fn kind(lang: Lang, k: Kind) -> &'static str {
    let ui = lang.ui();
    match k {
        Kind::Stated => ui.kind_stated,
        Kind::Relayed => ui.kind_relayed,
        Kind::RelayedSingle => ui.kind_relayed_single,
        Kind::TableSecondhand => ui.kind_table_secondhand,
        Kind::Slides => ui.kind_slides,
        Kind::Computed => ui.kind_computed,
    }
}

/// A period as readers write it: "2025", "Aug 2024", "26 Nov 2025", with no-break spaces so a
/// date never wraps inside itself.
pub fn period(lang: Lang, p: Period) -> String {
    match p {
        Period::Year(y) => Rules.year(lang, y),
        Period::Month(y, m) => Rules.month(lang, y, m),
        Period::Day(y, m, d) => Rules.day(lang, y, m, d),
    }
}

/// A date or window: "Aug 2024 – Aug 2025" (a line may break only after the dash).
pub fn when(lang: Lang, w: When) -> String {
    match w {
        When::At(p) => period(lang, p),
        When::Window(win) if win.start == win.end => period(lang, win.start),
        When::Window(win) => {
            let mut s = period(lang, win.start);
            s.push(NBSP);
            s.push_str("– ");
            s.push_str(&period(lang, win.end));
            s
        }
    }
}

/// What annotation `a` points at, in `lang`: a figure's series and date ("China, Aug 2024 –
/// Aug 2025"), a stretch of time, or a value.
pub fn annotation_anchor(lang: Lang, s: &Snapshot, a: &Annotation) -> String {
    let Some(m) = s.metrics.get(a.metric) else {
        return String::new();
    };
    match a.anchor {
        Anchor::Point(i) => m.values.get(i).map_or(String::new(), |v| {
            let mut t = series_label(lang, s, v.series).to_owned();
            t.push_str(lang.ui().label_when_sep);
            t.push_str(&when(lang, v.when));
            t
        }),
        Anchor::Band(w) => when(lang, When::Window(w)),
        Anchor::Line(v) => figure(lang, v, m.unit),
    }
}

/// Annotation `a` with what it points at ("… (China, Aug 2024 – Aug 2025)").
pub fn annotation_item(lang: Lang, s: &Snapshot, a: &Annotation) -> String {
    fill(
        lang.ui().note_item,
        &[
            ("text", a.text.get(lang.code())),
            ("anchor", &annotation_anchor(lang, s, a)),
        ],
    )
}

/// The annotations on measure `metric`, as one sentence for screen readers after the headline;
/// empty when it has none.
pub fn annotations_read(lang: Lang, s: &Snapshot, metric: MetricIndex) -> String {
    let ui = lang.ui();
    let items: Vec<String> = s
        .annotations
        .iter()
        .filter(|a| a.metric == metric)
        .map(|a| annotation_item(lang, s, a))
        .collect();
    if items.is_empty() {
        return String::new();
    }
    fill(ui.notes_read, &[("list", &items.join(ui.note_sep))])
}

/// The headline's key sentence ("China leads by 1.3 percentage points").
pub fn lead_sentence(lang: Lang, s: &Snapshot, h: &Headline) -> String {
    metric_sentence(lang, s, h.metric)
}

/// The key sentence of any measure, generated from its values:
/// - two or more values at one date: who leads, by how much
///   ("China leads by 1.3 percentage points"; counts: "Qwen leads: 385.3 million vs 346.2 million
///   for Llama"), or who is level;
/// - one value: "China: 63 %";
/// - dated points: the first series' change ("China: from 2.8 % (Nov 2024) to 72.7 % (Jan 2026)").
pub fn metric_sentence(lang: Lang, s: &Snapshot, metric: MetricIndex) -> String {
    let Some(m) = s.metrics.get(metric) else {
        return String::new();
    };
    let ui = lang.ui();
    let label = |i: SeriesIndex| series_label(lang, s, i);
    if figures::shape_of(m) == Shape::Timeline {
        let position = |v: &&Value| v.when.month_position();
        if figures::is_dense(m) {
            // A long series: who leads at the latest date, and by how much.
            let latest = m
                .values
                .iter()
                .max_by(|a, b| position(a).total_cmp(&position(b)));
            if let Some(latest) = latest {
                let at: Vec<&Value> = m.values.iter().filter(|v| v.when == latest.when).collect();
                if at.len() >= 2 {
                    let mut t = ranking_sentence(lang, s, m, at);
                    t.push_str(ui.label_when_sep);
                    t.push_str(&when(lang, latest.when));
                    return t;
                }
            }
        }
        let Some(first) = m.values.first().map(|v| v.series) else {
            return String::new();
        };
        let mut own: Vec<&Value> = m.values.iter().filter(|v| v.series == first).collect();
        crate::sort::sort_by(&mut own, |a, b| position(a).total_cmp(&position(b)));
        let (Some(a), Some(b)) = (own.first(), own.last()) else {
            return String::new();
        };
        return fill(
            ui.change,
            &[
                ("series", label(first)),
                ("a", &figure(lang, a.value, m.unit)),
                ("when_a", &when(lang, a.when)),
                ("b", &figure(lang, b.value, m.unit)),
                ("when_b", &when(lang, b.when)),
            ],
        );
    }
    ranking_sentence(lang, s, m, m.values.iter().collect())
}

/// Who leads among `values` (of metric `m`), by how much; or that two are level.
fn ranking_sentence(lang: Lang, s: &Snapshot, m: &Metric, mut order: Vec<&Value>) -> String {
    let ui = lang.ui();
    let label = |i: SeriesIndex| series_label(lang, s, i);
    crate::sort::sort_by(&mut order, |a, b| b.value.cmp_value(a.value));
    match order.as_slice() {
        [] => String::new(),
        [only] => fill(
            ui.single,
            &[
                ("series", label(only.series)),
                ("value", &figure(lang, only.value, m.unit)),
            ],
        ),
        [first, second, ..] if first.value.cmp_value(second.value).is_eq() => fill(
            ui.level,
            &[("a", label(first.series)), ("b", label(second.series))],
        ),
        [first, second, ..] => match m.unit {
            Unit::Percent => fill(
                ui.lead_points,
                &[
                    ("leader", label(first.series)),
                    ("gap", &number(lang, first.value - second.value)),
                ],
            ),
            Unit::Count => fill(
                ui.lead_counts,
                &[
                    ("leader", label(first.series)),
                    ("a", &figure(lang, first.value, m.unit)),
                    ("b", &figure(lang, second.value, m.unit)),
                    ("other", label(second.series)),
                ],
            ),
        },
    }
}

/// The text summary of a measure for screen readers, first in reading order: the key sentence,
/// every figure shown (with its date where the measure has several), the period and the measure.
/// Series in `hidden` are left out, as in the chart.
pub fn summary(lang: Lang, s: &Snapshot, metric: MetricIndex, hidden: &[SeriesIndex]) -> String {
    let Some(m) = s.metrics.get(metric) else {
        return String::new();
    };
    let ui = lang.ui();
    let timeline = figures::shape_of(m) == Shape::Timeline;
    let rows = figures::rows(s, metric, hidden);
    if timeline && figures::is_dense(m) {
        // A long series reads as its first and last figures.
        let mut parts: Vec<String> = Vec::new();
        for series in figures::series_of(m) {
            if hidden.contains(&series) {
                continue;
            }
            let mut own: Vec<&Row> = rows.iter().filter(|r| r.series == Some(series)).collect();
            crate::sort::sort_by(&mut own, |a, b| {
                a.when.month_position().total_cmp(&b.when.month_position())
            });
            if let (Some(a), Some(b)) = (own.first(), own.last()) {
                parts.push(fill(
                    ui.trend,
                    &[
                        ("series", series_label(lang, s, series)),
                        ("first", &figure(lang, a.value, m.unit)),
                        ("from", &when(lang, a.when)),
                        ("last", &figure(lang, b.value, m.unit)),
                        ("to", &when(lang, b.when)),
                    ],
                ));
            }
        }
        return summary_text(lang, s, metric, &parts);
    }
    let parts: Vec<String> = rows
        .iter()
        .map(|r| {
            let value = figure(lang, r.value, m.unit);
            let series = row_label(lang, s, m, r);
            if timeline {
                fill(
                    ui.dated_part,
                    &[
                        ("series", series),
                        ("value", &value),
                        ("when", &when(lang, r.when)),
                    ],
                )
            } else {
                fill(ui.part, &[("series", series), ("value", &value)])
            }
        })
        .collect();
    summary_text(lang, s, metric, &parts)
}

/// The summary sentence of metric `metric` around its listed `parts`.
fn summary_text(lang: Lang, s: &Snapshot, metric: MetricIndex, parts: &[String]) -> String {
    let Some(m) = s.metrics.get(metric) else {
        return String::new();
    };
    let ui = lang.ui();
    let span = match m.when {
        Some(w) => when(lang, w),
        None => {
            let mut dates: Vec<When> = m.values.iter().map(|v| v.when).collect();
            crate::sort::sort_by(&mut dates, |a, b| {
                a.month_position().total_cmp(&b.month_position())
            });
            match (dates.first(), dates.last()) {
                (Some(a), Some(b)) if a != b => {
                    let mut t = when(lang, *a);
                    t.push(NBSP);
                    t.push_str("– ");
                    t.push_str(&when(lang, *b));
                    t
                }
                (Some(a), _) => when(lang, *a),
                _ => String::new(),
            }
        }
    };
    fill(
        ui.summary,
        &[
            ("summary", &metric_sentence(lang, s, metric)),
            ("parts", &parts.join(ui.list_sep)),
            ("when", &span),
            ("measure", m.label.get(lang.code())),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::period::Window;

    #[test]
    fn languages_from_browser_tags() {
        assert_eq!(Lang::from_tag("it-IT"), Some(Lang::It));
        assert_eq!(Lang::from_tag("EN-gb"), Some(Lang::En));
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("zh-Hans-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("zh-TW"), None);
        assert_eq!(Lang::from_tag("zh-Hant"), None);
        assert_eq!(Lang::from_tag("fr-FR"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn templates_fill_their_slots() {
        assert_eq!(fill("{a} and {b}", &[("a", "1"), ("b", "2")]), "1 and 2");
        assert_eq!(fill("{a}{a}", &[("a", "x")]), "xx");
        assert_eq!(fill("{unknown} {", &[("a", "x")]), "{unknown} {");
        assert_eq!(fill("中{x}国", &[("x", "—")]), "中—国");
    }

    #[test]
    fn numbers_follow_the_language() {
        let d = Decimal::new(171, 1);
        assert_eq!(percent(Lang::En, d), "17.1\u{202f}%");
        assert_eq!(percent(Lang::It, d), "17,1\u{202f}%");
        assert_eq!(percent(Lang::Zh, d), "17.1%");
        let big = Decimal::new(1_150_000_000, 0);
        assert_eq!(number(Lang::En, big), "1,150,000,000");
        assert_eq!(number(Lang::It, big), "1.150.000.000");
        assert_eq!(number(Lang::Zh, big), "1,150,000,000");
        assert_eq!(number(Lang::It, Decimal::new(3960, 0)), "3960");
        assert_eq!(number(Lang::It, Decimal::new(39_600, 0)), "39.600");
        assert_eq!(number(Lang::En, Decimal::new(3960, 0)), "3,960");
    }

    #[test]
    fn counts_in_words_keep_their_precision() {
        let c = |n: i64, l| count_in_words(l, Decimal::new(n, 0));
        assert_eq!(c(1_150_000_000, Lang::En), "1.15\u{a0}billion");
        assert_eq!(c(1_150_000_000, Lang::It), "1,15\u{a0}miliardi");
        assert_eq!(c(1_150_000_000, Lang::Zh), "11.5亿");
        assert_eq!(c(1_000_000_000, Lang::It), "1\u{a0}miliardo");
        assert_eq!(c(723_000_000, Lang::En), "723\u{a0}million");
        assert_eq!(c(723_000_000, Lang::Zh), "7.23亿");
        assert_eq!(c(385_300_000, Lang::It), "385,3\u{a0}milioni");
        assert_eq!(c(39_600_000, Lang::Zh), "3,960万");
        assert_eq!(c(151_448, Lang::En), "151,448");
        assert_eq!(c(151_448, Lang::It), "151.448");
        assert_eq!(c(151_448, Lang::Zh), "151,448");
        // Four decimals in millions would hide the published precision: written in full.
        assert_eq!(c(1_234_567, Lang::En), "1,234,567");
        assert_eq!(kind(Lang::En, Kind::TableSecondhand), "second-hand table");
        assert_eq!(kind(Lang::Zh, Kind::Relayed), "媒体转述");
    }

    #[test]
    fn periods_and_windows() {
        let w = When::Window(Window::new(Period::Month(2024, 8), Period::Month(2025, 8)).unwrap());
        assert_eq!(when(Lang::En, w), "Aug\u{a0}2024\u{a0}– Aug\u{a0}2025");
        assert_eq!(when(Lang::It, w), "ago\u{a0}2024\u{a0}– ago\u{a0}2025");
        assert_eq!(when(Lang::Zh, w), "2024年8月\u{a0}– 2025年8月");
        assert_eq!(
            period(Lang::En, Period::Day(2025, 11, 26)),
            "26\u{a0}Nov\u{a0}2025"
        );
        assert_eq!(
            period(Lang::Zh, Period::Day(2025, 11, 26)),
            "2025年11月26日"
        );
        assert_eq!(period(Lang::It, Period::Year(2025)), "2025");
        assert_eq!(period(Lang::Zh, Period::Year(2025)), "2025年");
        let one =
            When::Window(Window::new(Period::Month(2026, 1), Period::Month(2026, 1)).unwrap());
        assert_eq!(when(Lang::It, one), "gen\u{a0}2026");
    }
}
