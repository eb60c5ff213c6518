//! Dated points over time, drawn only at the dates a source gives.
//!
//! A dashed connector joins the points of one series so the eye can follow them; it is styled and
//! described as a connection, not data (nothing between two published points is known).

use super::{fit_text, fit_width, nice_ticks, round, text_width, Marker, Rect, FONT_PX};
use crate::figures::{self, series_id, series_of};
use crate::period::{Period, When};
use crate::snapshot::{MetricIndex, SeriesIndex, Snapshot, Unit, ValueIndex};
use crate::text::{self, Lang};

/// Total height of the timeline, px.
pub const HEIGHT: f64 = 260.0;
/// Space above the plot for value labels.
pub const TOP: f64 = 28.0;
/// Space below the plot for date labels.
pub const BOTTOM: f64 = 30.0;
/// Radius of a point marker.
pub const POINT_R: f64 = 6.0;
/// Gap between a point and its value label.
pub const LABEL_GAP: f64 = 10.0;
/// The least vertical distance between two series names at the right edge.
pub const NAME_SPACING: f64 = 16.0;
/// Radius of a point on a dense series ([`figures::is_dense`]: a solid line carries it, no point
/// has a value label, and its last value is written with its name).
pub const DENSE_R: f64 = 3.5;
/// Radius of the invisible circle that takes pointer and touch events for a point: large enough
/// for a finger on a sparse series, smaller on a dense one, where points are close together.
pub const HIT_R: f64 = 14.0;
/// The same on a dense series.
pub const DENSE_HIT_R: f64 = 8.0;
/// Font size of axis labels, px.
pub const AXIS_FONT_PX: f64 = 12.0;
/// Gap between a value axis label's right end and the plot.
pub const AXIS_LABEL_GAP: f64 = 8.0;
/// Where an axis label's baseline sits below its tick line (about a third of its font size).
pub const AXIS_BASELINE: f64 = 4.0;
/// Distance from the plot's bottom to the baseline of the date labels.
pub const DATE_LABEL_BELOW: f64 = 20.0;
/// Gap between a series' last point and its name.
pub const NAME_GAP: f64 = 6.0;
/// Space kept right of the longest series name.
pub const NAME_MARGIN: f64 = 4.0;
/// The least space between two date labels.
pub const DATE_LABEL_SPACING: f64 = 8.0;
/// Where a series name's baseline sits below its last point.
pub const NAME_BASELINE: f64 = 5.0;
/// Padding on each side of the time axis, as a part of its span, so no point sits on an edge.
pub const TIME_PADDING: f64 = 0.08;
/// The largest part of the width kept right of the plot for series names.
pub const NAMES_SPACE_MAX: f64 = 0.35;
/// The narrowest plot drawn, px.
pub const MIN_PLOT: f64 = 40.0;

/// How a label is anchored horizontally at its x.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    /// The SVG `text-anchor` value.
    pub fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A tick on an axis: its position (x for dates, y for values) and its label, drawn at
/// (`label_x`, `label_y`) (baseline).
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub pos: f64,
    pub label: String,
    pub label_x: f64,
    pub label_y: f64,
}

/// A text label at (`x`, `y`) (baseline), anchored by `anchor`.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub x: f64,
    pub y: f64,
    pub anchor: Anchor,
    pub text: String,
}

/// One published point.
#[derive(Clone, Debug, PartialEq)]
pub struct PointMark {
    /// The series id.
    pub key: String,
    pub series: SeriesIndex,
    pub value: ValueIndex,
    pub marker: Marker,
    /// The colour family (see [`figures::tone`]).
    pub tone: String,
    pub x: f64,
    pub y: f64,
    /// The marker's radius.
    pub r: f64,
    /// The marker as an SVG path.
    pub path: String,
    /// The radius of the area that takes pointer and touch events.
    pub hit_r: f64,
    /// `false` for a series drawn in the background (others than China and the US, when those
    /// are shown).
    pub emphasis: bool,
    /// The value label, or `None` where it would collide with another label.
    pub label: Option<Label>,
}

/// A series' connector and name.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesLine {
    pub key: String,
    pub series: SeriesIndex,
    /// An SVG path through the series' points in date order (`None` for a single point).
    pub connector: Option<String>,
    /// `true` when the path carries data (a dense series of consecutive periods); `false` when
    /// it only connects sparse published points (drawn dashed).
    pub data_line: bool,
    pub emphasis: bool,
    /// The colour family (see [`figures::tone`]).
    pub tone: String,
    /// The series name beside its last point.
    pub name: Label,
}

/// All marks of a timeline at one width.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    pub width: f64,
    pub height: f64,
    pub plot: Rect,
    pub y_ticks: Vec<Tick>,
    pub x_ticks: Vec<Tick>,
    pub lines: Vec<SeriesLine>,
    /// In series order, then date order.
    pub points: Vec<PointMark>,
}

/// The ticks of the time axis for the dates `whens` (one per distinct date; on a dense series,
/// the start of each year, or of each quarter over a short span), placed by `x_of` (a month
/// position to x), their labels' baseline at `label_y`. Where two labels would collide, the later
/// date is kept: the latest figure matters most.
fn date_ticks(
    whens: &[When],
    dense: bool,
    (lo, hi): (f64, f64),
    lang: Lang,
    x_of: impl Fn(f64) -> f64,
    label_y: f64,
) -> Vec<Tick> {
    // The distinct dates (few, even when the values are many), in time order.
    let mut dates: Vec<(f64, When)> = Vec::new();
    for &when in whens {
        if !dates.iter().any(|d| d.1 == when) {
            dates.push((when.month_position(), when));
        }
    }
    crate::sort::sort_by(&mut dates, |a, b| a.0.total_cmp(&b.0));
    if dense {
        let first = dates.first().map_or(lo, |d| d.0);
        let last = dates.last().map_or(hi, |d| d.0);
        let year_starts: Vec<(f64, When)> = (first.floor() as i64 / 12..=last.floor() as i64 / 12)
            .map(|y| y * 12)
            .filter(|&p| (p as f64) >= first - 0.5 && (p as f64) <= last + 0.5)
            .filter_map(|p| u16::try_from(p / 12).ok())
            .map(|y| (f64::from(y) * 12.0, When::At(Period::Year(y))))
            .collect();
        dates = if year_starts.len() >= 2 {
            year_starts
        } else {
            dates
                .into_iter()
                .filter(|(_, w)| matches!(w.bounds().0, Period::Month(_, m) if m % 3 == 1))
                .collect()
        };
    }
    let mut ticks: Vec<(Tick, Rect)> = Vec::new();
    for (pos, when) in dates {
        let label = text::when(lang, when);
        let x = x_of(pos);
        let w = text_width(&label, AXIS_FONT_PX);
        let rect = Rect {
            x: x - (w + DATE_LABEL_SPACING) / 2.0,
            y: 0.0,
            width: w + DATE_LABEL_SPACING,
            height: 1.0,
        };
        if ticks.last().is_some_and(|(_, last)| last.overlaps(&rect)) {
            ticks.pop();
        }
        let tick = Tick {
            pos: x,
            label,
            label_x: x,
            label_y,
        };
        ticks.push((tick, rect));
    }
    ticks.into_iter().map(|(t, _)| t).collect()
}

/// Pushes apart, top to bottom, the series names that would overlap at the right edge.
fn spread_names(lines: &mut [SeriesLine]) {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    crate::sort::sort_by(&mut order, |&a, &b| {
        lines[a].name.y.total_cmp(&lines[b].name.y)
    });
    for k in 1..order.len() {
        let above = lines[order[k - 1]].name.y;
        let own = &mut lines[order[k]].name;
        if own.y - above < NAME_SPACING {
            own.y = round(above + NAME_SPACING);
        }
    }
}

/// The name written beside a series' last point, in `room` px: shortened to fit; a dense series
/// keeps its last value whole after the name.
fn series_name(name: &str, last_value: &str, dense: bool, room: f64) -> String {
    if !dense {
        return fit_text(name, FONT_PX, room);
    }
    let value_w = text_width(last_value, FONT_PX) + text_width(" ", FONT_PX);
    let mut t = fit_text(name, FONT_PX, (room - value_w).max(0.0));
    if t == "…" {
        t.clear();
    } else {
        t.push(' ');
    }
    t.push_str(last_value);
    t
}

/// Lays out metric `metric` of `s` as dated points for a box `width` px wide, leaving out the
/// series in `hidden`.
pub fn timeline(
    s: &Snapshot,
    metric: MetricIndex,
    hidden: &[SeriesIndex],
    lang: Lang,
    width: f64,
) -> Timeline {
    let width = fit_width(width);
    let empty = |width| Timeline {
        width,
        height: HEIGHT,
        plot: Rect {
            x: 0.0,
            y: TOP,
            width,
            height: HEIGHT - TOP - BOTTOM,
        },
        y_ticks: Vec::new(),
        x_ticks: Vec::new(),
        lines: Vec::new(),
        points: Vec::new(),
    };
    let Some(m) = s.metrics.get(metric) else {
        return empty(width);
    };
    let series: Vec<SeriesIndex> = series_of(m)
        .into_iter()
        .filter(|i| !hidden.contains(i))
        .collect();
    let values: Vec<ValueIndex> = m
        .values
        .indices()
        .filter(|&i| series.contains(&m.values[i].series))
        .collect();

    let dense = figures::is_dense(m);
    // China and the US stand out from the other series when either is shown.
    let emphasized = |i: SeriesIndex| -> bool {
        let shown = |id: &str| series.iter().any(|&k| series_id(s, k) == id);
        !dense || !(shown("china") || shown("us")) || matches!(series_id(s, i), "china" | "us")
    };

    // Value axis (from zero; a dense percent series gets a scale that fits its values).
    let (ticks, max) = match m.unit {
        Unit::Percent if !dense => (vec![0.0, 25.0, 50.0, 75.0, 100.0], 100.0),
        Unit::Percent | Unit::Count => nice_ticks(
            values
                .iter()
                .map(|&i| m.values[i].value.to_f64())
                .fold(0.0, f64::max),
            4,
        ),
    };
    let tick_label = |v: f64| -> String {
        let d = crate::decimal::Decimal::from_f64(v).unwrap_or(crate::decimal::Decimal::new(0, 0));
        text::figure(lang, d, m.unit)
    };
    let tick_labels: Vec<String> = ticks.iter().map(|&v| tick_label(v)).collect();
    let left = tick_labels
        .iter()
        .map(|t| text_width(t, AXIS_FONT_PX))
        .fold(0.0f64, f64::max)
        + AXIS_LABEL_GAP;
    let names: Vec<(SeriesIndex, String)> = series
        .iter()
        .map(|&i| (i, text::series_label(lang, s, i).to_owned()))
        .collect();
    let r = if dense { DENSE_R } else { POINT_R };
    let right = (names
        .iter()
        .map(|(_, n)| text_width(n, FONT_PX))
        .fold(0.0f64, f64::max)
        + r
        + NAME_GAP
        + NAME_MARGIN
        + if dense {
            text_width(" 00.0 %", FONT_PX)
        } else {
            0.0
        })
    .min(width * NAMES_SPACE_MAX);
    let plot = Rect {
        x: round(left),
        y: TOP,
        width: round((width - left - right).max(MIN_PLOT)),
        height: HEIGHT - TOP - BOTTOM,
    };
    let y_of = |v: f64| round(plot.y + plot.height * (1.0 - (v / max).clamp(0.0, 1.0)));
    let y_ticks: Vec<Tick> = ticks
        .iter()
        .zip(tick_labels)
        .map(|(&v, label)| {
            let pos = y_of(v);
            Tick {
                pos,
                label,
                label_x: round(plot.x - AXIS_LABEL_GAP),
                label_y: round(pos + AXIS_BASELINE),
            }
        })
        .collect();

    // Time axis: the published dates only, padded so no point sits on an edge.
    let positions: Vec<f64> = values
        .iter()
        .map(|&i| m.values[i].when.month_position())
        .collect();
    let (lo, hi) = positions
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &p| {
            (a.min(p), b.max(p))
        });
    let (lo, hi) = if lo.is_finite() && hi > lo {
        let pad = (hi - lo) * TIME_PADDING;
        (lo - pad, hi + pad)
    } else if lo.is_finite() {
        (lo - 1.0, lo + 1.0)
    } else {
        (0.0, 1.0)
    };
    let x_of = |p: f64| round(plot.x + plot.width * (p - lo) / (hi - lo));

    let dates: Vec<When> = values.iter().map(|&i| m.values[i].when).collect();
    let date_y = round(plot.y + plot.height + DATE_LABEL_BELOW);
    let x_ticks = date_ticks(&dates, dense, (lo, hi), lang, x_of, date_y);

    // Points and their value labels (above the point; dropped where they would collide).
    let mut points: Vec<PointMark> = Vec::new();
    let mut lines: Vec<SeriesLine> = Vec::new();
    let mut taken: Vec<Rect> = Vec::new();
    for (key, name) in &names {
        let mut own: Vec<ValueIndex> = values
            .iter()
            .copied()
            .filter(|&i| m.values[i].series == *key)
            .collect();
        crate::sort::sort_by(&mut own, |&a, &b| {
            m.values[a]
                .when
                .month_position()
                .total_cmp(&m.values[b].when.month_position())
        });
        let id = series_id(s, *key).to_owned();
        let tone = figures::tone(s, *key).to_owned();
        let emphasis = emphasized(*key);
        let mut path = String::new();
        let mut last = (0.0, 0.0);
        let mut last_value = String::new();
        for (n, &i) in own.iter().enumerate() {
            let v = &m.values[i];
            let x = x_of(v.when.month_position());
            let y = y_of(v.value.to_f64());
            path.push(if n == 0 { 'M' } else { 'L' });
            path.push_str(&super::coord(x));
            path.push(' ');
            path.push_str(&super::coord(y));
            last = (x, y);
            let text = text::figure(lang, v.value, m.unit);
            last_value.clone_from(&text);
            let w = text_width(&text, FONT_PX);
            // Inside the chart when it fits (max then min: never panics on a label wider than it).
            let lx = round(x.min(width - w / 2.0).max(w / 2.0));
            let ly = round(y - r - LABEL_GAP + 4.0);
            let rect = Rect {
                x: lx - w / 2.0,
                y: ly - FONT_PX,
                width: w,
                height: FONT_PX + 2.0,
            };
            // A dense series writes its last value beside its name instead.
            let label = (!dense && !taken.iter().any(|t| t.overlaps(&rect))).then(|| {
                taken.push(rect);
                Label {
                    x: lx,
                    y: ly,
                    anchor: Anchor::Middle,
                    text,
                }
            });
            let marker = Marker::of(&tone);
            points.push(PointMark {
                key: id.clone(),
                series: *key,
                value: i,
                marker,
                tone: tone.clone(),
                x,
                y,
                r,
                path: marker.path(x, y, r),
                hit_r: if dense { DENSE_HIT_R } else { HIT_R },
                emphasis,
                label,
            });
        }
        let room = width - (last.0 + r + NAME_GAP);
        let text = series_name(name, &last_value, dense, room);
        lines.push(SeriesLine {
            key: id,
            series: *key,
            connector: (own.len() > 1).then_some(path),
            data_line: dense,
            emphasis,
            tone,
            name: Label {
                x: round(last.0 + r + NAME_GAP),
                y: round(last.1 + NAME_BASELINE),
                anchor: Anchor::Start,
                text,
            },
        });
    }
    spread_names(&mut lines);

    Timeline {
        width,
        height: HEIGHT,
        plot,
        y_ticks,
        x_ticks,
        lines,
        points,
    }
}
