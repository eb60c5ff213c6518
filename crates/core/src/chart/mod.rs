//! Chart geometry, pure: scales, ticks, marks and label placement for each kind of measure.
//!
//! Coordinates are SVG user units (CSS pixels), origin at the top left, y down. They are rounded
//! once, by [`round`], to 0.1 px, and printed by [`coord`] without float formatting. The browser
//! view and any host renderer draw these marks as they are: no arithmetic outside this module;
//! every size they need (swatches, hit areas, axis label offsets) is a constant here.

pub mod annotations;
pub mod bars;
pub mod timeline;
pub mod tooltip;

use crate::decimal::Decimal;
use crate::figures::{self, Shape};
use crate::snapshot::{MetricIndex, SeriesIndex, Snapshot, ValueIndex};
use crate::text::{self, Lang};

pub use bars::{bar_chart, BarChart, BarMark, PlacedBar, Role};
pub use timeline::{timeline, PointMark, Timeline};

/// Font size of chart text, px.
pub const FONT_PX: f64 = 14.0;

/// The chart widths, px, at which its width-dependent choices change (which labels fit, how long
/// a name may be): from each to the next, they are made for the narrowest. The stylesheet shows
/// what belongs to each range with container queries at the same widths (a test holds them
/// equal). The first range also takes anything narrower, the last anything wider.
pub const BREAKPOINTS: [f64; 8] = [240.0, 320.0, 400.0, 480.0, 560.0, 640.0, 800.0, 960.0];

/// A set of the ranges of widths between [`BREAKPOINTS`] (range `k` runs from breakpoint `k` to
/// the next).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Widths(u16);

impl Widths {
    /// No width.
    pub const NONE: Widths = Widths(0);
    /// Every width.
    pub const ALL: Widths = Widths((1 << BREAKPOINTS.len()) - 1);

    /// Only range `k`.
    pub fn only(k: usize) -> Widths {
        let mut w = Widths::NONE;
        w.insert(k);
        w
    }

    pub fn insert(&mut self, k: usize) {
        if k < BREAKPOINTS.len() {
            self.0 |= 1 << k;
        }
    }

    pub fn contains(self, k: usize) -> bool {
        k < BREAKPOINTS.len() && self.0 & (1 << k) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn is_all(self) -> bool {
        self == Widths::ALL
    }

    /// The ranges in the set, narrowest first.
    pub fn ranges(self) -> impl Iterator<Item = usize> {
        (0..BREAKPOINTS.len()).filter(move |&k| self.contains(k))
    }
}

/// Rounds a coordinate to 0.1 px (the one place coordinates are rounded).
pub fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// A coordinate as SVG attribute text ("12.5", "160"), without float formatting.
pub fn coord(v: f64) -> String {
    let mut s = String::new();
    let v = if v.is_finite() { v } else { 0.0 };
    Decimal::new((v * 10.0).round() as i64, 1).write(&mut s, '.', None);
    if s.ends_with(".0") {
        s.truncate(s.len() - 2);
    }
    if s == "-0" {
        s = "0".into();
    }
    s
}

/// An estimate of the width of `text` at `font_px`, for label collisions and margins: wide enough
/// for the system sans-serif fonts the widget uses, bold included (bold digits of DejaVu Sans are
/// 0.7 em; Latin text averages less; CJK is 1 em, and so is a percent sign: DejaVu's is 0.93 em,
/// and a Chinese system font draws it wider still). An overestimate only moves or drops a label
/// that might have fitted; an underestimate lets text leave the chart, which the end-to-end tests
/// catch.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars()
        .map(|c| if c != '%' && !is_wide(c) { 0.7 } else { 1.0 })
        .sum::<f64>()
        * font_px
}

/// `true` for a character as wide as the font size: Chinese, Japanese, Korean and their
/// punctuation (text in them breaks between any two characters).
pub fn is_wide(c: char) -> bool {
    !(c.is_ascii() || ('\u{a0}'..'\u{2e80}').contains(&c))
}

/// `text`, shortened with an ellipsis to fit `max_width` px at `font_px` (by [`text_width`]).
/// The full text stays available to readers in the mark's accessible name and tooltip.
pub fn fit_text(text: &str, font_px: f64, max_width: f64) -> String {
    if text_width(text, font_px) <= max_width {
        return text.to_owned();
    }
    let budget = max_width - text_width("…", font_px);
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let mut buf = [0u8; 4];
        let w = text_width(c.encode_utf8(&mut buf), font_px);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('…');
    out
}

/// `text` broken into at most `max_lines` lines of at most `max_width` px at `font_px` (by
/// [`text_width`]): at spaces, or anywhere in text without spaces (Chinese); the last line
/// shortened with an ellipsis when the text does not fit.
pub fn wrap(text: &str, font_px: f64, max_width: f64, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    // Words with the space before them; CJK characters are words of their own.
    let mut words: Vec<String> = Vec::new();
    // Characters as wide as the font size (Chinese) break anywhere.
    let wide = is_wide;
    // A line never starts with closing punctuation nor ends with opening punctuation: they stay
    // with the character they belong to.
    const CLOSING: &[char] = &[
        '，', '。', '、', '；', '：', '）', '」', '』', '！', '？', ')', ',', '.', ';', ':', '%',
    ];
    const OPENING: &[char] = &['（', '「', '『', '('];
    for c in text.chars() {
        match words.last_mut() {
            Some(w)
                if CLOSING.contains(&c)
                    || w.ends_with(OPENING)
                    || (!wide(c) && c != ' ' && !w.ends_with(wide)) =>
            {
                w.push(c)
            }
            _ => words.push(c.to_string()),
        }
    }
    for word in words {
        let candidate = format!("{line}{word}");
        if line.is_empty() || text_width(candidate.trim_end(), font_px) <= max_width {
            line = candidate;
        } else {
            lines.push(line.trim_end().to_owned());
            line = word.trim_start().to_owned();
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    if lines.len() > max_lines {
        // The lines left over, joined back as they were broken (a space only between words).
        let mut rest = String::new();
        for l in &lines[max_lines - 1..] {
            if !rest.is_empty() && !rest.ends_with(wide) && !l.starts_with(wide) {
                rest.push(' ');
            }
            rest.push_str(l);
        }
        lines.truncate(max_lines - 1);
        lines.push(fit_text(&rest, font_px, max_width));
    }
    lines
}

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    /// `true` if the two rectangles share any area.
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.width
            && o.x < self.x + self.width
            && self.y < o.y + o.height
            && o.y < self.y + self.height
    }

    /// `true` if `o` lies entirely inside this rectangle.
    pub fn contains(&self, o: &Rect) -> bool {
        o.x >= self.x
            && o.y >= self.y
            && o.x + o.width <= self.x + self.width
            && o.y + o.height <= self.y + self.height
    }
}

/// How a series is marked besides its colour, so China and the US differ without colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    Circle,
    Square,
    Diamond,
}

impl Marker {
    /// The marker of a series, by its id: China a circle, the US a square, others a diamond.
    pub fn of(series_id: &str) -> Marker {
        match series_id {
            "china" => Marker::Circle,
            "us" => Marker::Square,
            _ => Marker::Diamond,
        }
    }

    /// An SVG path of this marker centred at (`x`, `y`) with radius `r`.
    pub fn path(self, x: f64, y: f64, r: f64) -> String {
        let (x, y, r) = (round(x), round(y), round(r));
        let c = coord;
        match self {
            Marker::Circle => format!(
                "M{} {}a{} {} 0 1 0 {} 0a{} {} 0 1 0 {} 0Z",
                c(x - r),
                c(y),
                c(r),
                c(r),
                c(2.0 * r),
                c(r),
                c(r),
                c(-2.0 * r)
            ),
            Marker::Square => {
                let s = round(r * 0.9);
                format!(
                    "M{} {}h{}v{}h{}Z",
                    c(x - s),
                    c(y - s),
                    c(2.0 * s),
                    c(2.0 * s),
                    c(-2.0 * s)
                )
            }
            Marker::Diamond => {
                let d = round(r * 1.25);
                format!(
                    "M{} {}l{} {}l{} {}l{} {}Z",
                    c(x),
                    c(y - d),
                    c(d),
                    c(d),
                    c(-d),
                    c(d),
                    c(-d),
                    c(-d)
                )
            }
        }
    }
}

/// The size of a legend swatch (a square), px.
pub const SWATCH_PX: f64 = 14.0;
/// The radius of the marker drawn in a legend swatch.
pub const SWATCH_R: f64 = 5.5;

/// The marks of a measure, whatever its shape.
#[derive(Clone, Debug, PartialEq)]
pub enum Marks {
    Bars(BarChart),
    Timeline(Timeline),
}

/// What a mark stands for: a value of a series, or the computed remainder (both `None`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target {
    pub series: Option<SeriesIndex>,
    pub value: Option<ValueIndex>,
}

impl Marks {
    /// The chart that fits metric `metric` (see [`figures::shape_of`]), at any width (what
    /// depends on the width is decided per range of [`BREAKPOINTS`]), leaving out the series in
    /// `hidden`; `None` if there is no such metric.
    pub fn layout(
        s: &Snapshot,
        metric: MetricIndex,
        hidden: &[SeriesIndex],
        lang: Lang,
    ) -> Option<Marks> {
        let m = s.metrics.get(metric)?;
        Some(match figures::shape_of(m) {
            Shape::Bars => Marks::Bars(bar_chart(s, metric, hidden, lang)),
            Shape::Timeline => Marks::Timeline(timeline(s, metric, hidden, lang)),
        })
    }

    /// What each mark stands for, in focus order.
    pub fn targets(&self) -> Vec<Target> {
        match self {
            Marks::Bars(c) => c
                .bars
                .iter()
                .map(|b| Target {
                    series: b.series,
                    value: b.value,
                })
                .collect(),
            Marks::Timeline(t) => t
                .points
                .iter()
                .map(|p| Target {
                    series: Some(p.series),
                    value: Some(p.value),
                })
                .collect(),
        }
    }

    /// `true` when every series is hidden: nothing to draw.
    pub fn is_empty(&self) -> bool {
        match self {
            Marks::Bars(c) => c.bars.is_empty(),
            Marks::Timeline(t) => t.points.is_empty(),
        }
    }

    /// The chart's height, px (the same at every width).
    pub fn height(&self) -> f64 {
        match self {
            Marks::Bars(c) => c.height(),
            Marks::Timeline(t) => t.height,
        }
    }
}

/// One series in the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendItem {
    pub series: SeriesIndex,
    /// The series id.
    pub key: String,
    pub label: String,
    /// The colour family (see [`figures::tone`]).
    pub tone: String,
    /// The series' marker as an SVG path in a [`SWATCH_PX`] square.
    pub swatch: String,
}

/// The legend of metric `metric`: its series in order of first appearance.
pub fn legend(s: &Snapshot, metric: MetricIndex, lang: Lang) -> Vec<LegendItem> {
    let Some(m) = s.metrics.get(metric) else {
        return Vec::new();
    };
    figures::series_of(m)
        .into_iter()
        .map(|i| {
            let tone = figures::tone(s, i).to_owned();
            let centre = SWATCH_PX / 2.0;
            LegendItem {
                series: i,
                key: figures::series_id(s, i).to_owned(),
                label: text::series_label(lang, s, i).to_owned(),
                swatch: Marker::of(&tone).path(centre, centre, SWATCH_R),
                tone,
            }
        })
        .collect()
}

/// Linear "nice" ticks from 0 covering `max`: steps of 1, 2 or 5 times a power of ten, at most
/// `max_ticks` intervals. Returns (tick values, the axis maximum).
pub fn nice_ticks(max: f64, max_ticks: usize) -> (Vec<f64>, f64) {
    if !(max.is_finite() && max > 0.0) {
        return (vec![0.0, 1.0], 1.0);
    }
    let rough = max / max_ticks.max(1) as f64;
    let mut pow = 1.0;
    while pow * 10.0 <= rough {
        pow *= 10.0;
    }
    while pow > rough {
        pow /= 10.0;
    }
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * pow)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * pow);
    let n = (max / step).ceil().max(1.0) as usize;
    let ticks = (0..=n).map(|i| i as f64 * step).collect();
    (ticks, n as f64 * step)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_print_without_float_noise() {
        assert_eq!(coord(160.0), "160");
        assert_eq!(coord(12.5), "12.5");
        assert_eq!(coord(0.1 + 0.2), "0.3");
        assert_eq!(coord(round(224.0 * 0.171)), "38.3");
        assert_eq!(coord(-3.25), "-3.3");
        assert_eq!(coord(-0.01), "0");
        assert_eq!(coord(f64::NAN), "0");
    }

    #[test]
    fn nice_ticks_cover_the_maximum() {
        assert_eq!(nice_ticks(100.0, 4), (vec![0.0, 50.0, 100.0], 100.0));
        assert_eq!(
            nice_ticks(1_150_000_000.0, 4),
            (vec![0.0, 5e8, 1e9, 1.5e9], 1.5e9)
        );
        assert_eq!(nice_ticks(7.0, 5), (vec![0.0, 2.0, 4.0, 6.0, 8.0], 8.0));
        assert_eq!(nice_ticks(0.0, 4), (vec![0.0, 1.0], 1.0));
    }

    #[test]
    fn long_text_is_shortened_to_fit() {
        assert_eq!(fit_text("China", 14.0, 100.0), "China");
        let short = fit_text("A very long series label indeed", 14.0, 100.0);
        assert!(short.ends_with('…'));
        assert!(text_width(&short, 14.0) <= 100.0, "{short}");
        assert_eq!(short, "A very lo…");
        assert_eq!(fit_text("中华人民共和国", 14.0, 50.0), "中华…");
    }

    #[test]
    fn rects_overlap_and_contain() {
        let a = Rect {
            x: 0.0,
            y: 0.0,
            width: 10.0,
            height: 10.0,
        };
        let b = Rect {
            x: 10.0,
            y: 0.0,
            width: 5.0,
            height: 5.0,
        };
        let c = Rect {
            x: 9.0,
            y: 9.0,
            width: 5.0,
            height: 5.0,
        };
        assert!(!a.overlaps(&b), "touching edges do not overlap");
        assert!(a.overlaps(&c));
        assert!(a.contains(&Rect {
            x: 1.0,
            y: 1.0,
            width: 9.0,
            height: 9.0
        }));
        assert!(!a.contains(&c));
    }

    #[test]
    fn markers_differ_by_series() {
        assert_eq!(Marker::of("china"), Marker::Circle);
        assert_eq!(Marker::of("us"), Marker::Square);
        assert_eq!(Marker::of("qwen"), Marker::Diamond);
        assert_eq!(Marker::Square.path(10.0, 10.0, 5.0), "M5.5 5.5h9v9h-9Z");
        assert_eq!(
            Marker::Diamond.path(10.0, 10.0, 4.0),
            "M10 5l5 5l-5 5l-5 -5Z"
        );
    }
}
