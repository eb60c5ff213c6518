//! Dated points over time, drawn only at the dates a source gives.
//!
//! A dashed connector joins the points of one series so the eye can follow them; it is styled and
//! described as a connection, not data (nothing between two published points is known). A dense
//! series (see [`figures::is_dense`]) is a solid line instead.
//!
//! The chart has three columns: the value axis (a fixed width), the plot (whatever width the page
//! gives it) and the series names (a width that depends on the chart's width). Vertical positions
//! are px from the chart's top. Horizontal positions in the plot are parts of its width, 0 to 1:
//! the page draws them as percentages, so the chart fits any width without being laid out again.
//! What does depend on the width (which date labels and value labels fit without colliding, how
//! long a series name may be) is decided once per range of widths ([`Widths`]), for the narrowest
//! width of each range, and the page shows what belongs to its width.

use super::annotations::{self, NoteAnchor, NoteMark};
use super::{fit_text, nice_ticks, round, text_width, Marker, Rect, Widths, BREAKPOINTS, FONT_PX};
use crate::figures::{self, series_id, series_of};
use crate::period::{Period, When};
use crate::snapshot::{Anchor, MetricIndex, SeriesIndex, Snapshot, Unit, ValueIndex};
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
/// Where a value label's baseline sits below the top of the room kept for it above its point.
pub const LABEL_BASELINE: f64 = 4.0;
/// The least vertical distance between two series names at the right edge.
pub const NAME_SPACING: f64 = 16.0;
/// Radius of a point on a dense series (a solid line carries it, no point has a value label, and
/// its last value is written with its name).
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
/// Gap between the plot's right edge (where the latest points are) and the series names.
pub const NAME_GAP: f64 = 6.0;
/// Space kept right of the longest series name.
pub const NAME_MARGIN: f64 = 4.0;
/// The least space between two date labels.
pub const DATE_LABEL_SPACING: f64 = 8.0;
/// Where a series name's baseline sits below its last point.
pub const NAME_BASELINE: f64 = 5.0;
/// Padding before the first date, as a part of the time span, so no point sits on the value axis.
/// The latest date is the plot's right edge: the series names follow it.
pub const TIME_PADDING: f64 = 0.08;
/// The largest part of the chart's width kept for series names.
pub const NAMES_SPACE_MAX: f64 = 0.35;
/// The narrowest plot drawn, px.
pub const MIN_PLOT: f64 = 40.0;
/// The plot's width in the units of its line layer ([`SeriesLine::path`], [`Timeline::grid`]),
/// which the page stretches to the plot's width (strokes keep their width).
pub const LINE_UNITS: f64 = 1000.0;

/// A value axis tick: its line at `y` across the plot, its label right-aligned at `label_x` in
/// the axis column, baseline `label_y`.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub y: f64,
    pub label: String,
    pub label_x: f64,
    pub label_y: f64,
}

/// A date on the time axis: at `at` (a part of the plot's width), its label's baseline at
/// `label_y`, shown at the widths in `widths` (where it does not collide with another).
#[derive(Clone, Debug, PartialEq)]
pub struct DateTick {
    pub at: f64,
    pub label: String,
    pub label_y: f64,
    pub widths: Widths,
}

/// A point's value, centred above it, shown at the widths where it collides with no other.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueLabel {
    pub y: f64,
    pub text: String,
    pub widths: Widths,
}

/// One published point.
#[derive(Clone, Debug, PartialEq)]
pub struct PointMark {
    /// The series id.
    pub key: String,
    pub series: SeriesIndex,
    pub value: ValueIndex,
    /// The colour family (see [`figures::tone`]).
    pub tone: String,
    /// Along the plot, 0 to 1.
    pub at: f64,
    pub y: f64,
    /// The marker's radius.
    pub r: f64,
    /// The marker (its shape by the series, [`Marker::of`]) as an SVG path around (0, 0).
    pub path: String,
    /// The radius of the area that takes pointer and touch events.
    pub hit_r: f64,
    /// `false` for a series drawn in the background (others than China and the US, when those
    /// are shown).
    pub emphasis: bool,
    /// The value label (none on a dense series, which writes its last value with its name).
    pub label: Option<ValueLabel>,
}

/// A series' line and where its name goes.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesLine {
    pub key: String,
    pub series: SeriesIndex,
    /// An SVG path through the series' points in date order, x in [`LINE_UNITS`] across the
    /// plot, y in px (`None` for a single point).
    pub path: Option<String>,
    /// `true` when the path carries data (a dense series of consecutive periods); `false` when
    /// it only connects sparse published points (drawn dashed).
    pub data_line: bool,
    pub emphasis: bool,
    /// The colour family (see [`figures::tone`]).
    pub tone: String,
    /// The baseline of the series' name, beside its last point, apart from the other names.
    pub name_y: f64,
}

/// The series names for a range of widths: the column's width, and each line's name (in the
/// order of [`Timeline::lines`]), shortened to fit.
#[derive(Clone, Debug, PartialEq)]
pub struct Names {
    pub widths: Widths,
    pub width: f64,
    /// Where each name starts in the column.
    pub x: f64,
    pub texts: Vec<String>,
}

/// All marks of a timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    pub height: f64,
    pub plot_top: f64,
    pub plot_bottom: f64,
    /// The width of the value axis column, px.
    pub axis_width: f64,
    pub y_ticks: Vec<Tick>,
    pub x_ticks: Vec<DateTick>,
    pub lines: Vec<SeriesLine>,
    /// One or more sets of names, for the ranges of widths they fit.
    pub names: Vec<Names>,
    /// In series order, then date order.
    pub points: Vec<PointMark>,
    /// The data editor's annotations on this measure, in the snapshot's order (a point's only
    /// while its series is shown).
    pub notes: Vec<NoteMark>,
}

/// A move of the keyboard on a chart over time: along a series by date, or across the series at
/// one date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The next date (right) or the previous one (left).
    Date(bool),
    /// The next series down (lower value) or up (higher value) at the same date.
    Series(bool),
    /// The first date or the last.
    End(bool),
}

impl Timeline {
    /// The points at the date of point `point` (in [`Timeline::points`]), highest value first
    /// (an emphasized series first when two are level).
    pub fn column(&self, point: usize) -> Vec<usize> {
        let Some(p) = self.points.get(point) else {
            return Vec::new();
        };
        let mut out: Vec<usize> = (0..self.points.len())
            .filter(|&i| self.points[i].at == p.at)
            .collect();
        crate::sort::sort_by(&mut out, |&a, &b| {
            let (a, b) = (&self.points[a], &self.points[b]);
            a.y.total_cmp(&b.y).then(b.emphasis.cmp(&a.emphasis))
        });
        out
    }

    /// The box, in the plot's px (x from its left edge, in a plot `plot_width` wide), that holds
    /// every point at the date of point `point`: their markers' hit areas and their value labels
    /// (a label counted at every width, so the box is never smaller than what is drawn). A
    /// tooltip clear of it covers none of the values at its date; the widget places it so
    /// without reading a mark's box from the page.
    pub fn column_box(&self, point: usize, plot_width: f64) -> Option<Rect> {
        let at = self.points.get(point)?.at;
        let x = at * plot_width;
        let (mut half, mut top, mut bottom) = (0.0_f64, f64::INFINITY, f64::NEG_INFINITY);
        for p in self.points.iter().filter(|p| p.at == at) {
            half = half.max(p.hit_r);
            top = top.min(p.y - p.hit_r);
            bottom = bottom.max(p.y + p.hit_r);
            if let Some(l) = &p.label {
                // As the labels' collisions count them: the text's width, a line high.
                half = half.max(text_width(&l.text, FONT_PX) / 2.0);
                top = top.min(l.y - FONT_PX);
                bottom = bottom.max(l.y + 2.0);
            }
        }
        Some(Rect {
            x: x - half,
            y: top,
            width: 2.0 * half,
            height: bottom - top,
        })
    }

    /// The top point of the date nearest to `x` (a part of the plot's width): what a pointer
    /// anywhere over the plot points at.
    pub fn nearest(&self, x: f64) -> Option<usize> {
        let best = (0..self.points.len()).min_by(|&a, &b| {
            let (a, b) = (&self.points[a], &self.points[b]);
            (a.at - x).abs().total_cmp(&(b.at - x).abs())
        })?;
        self.column(best).first().copied()
    }

    /// The point a keyboard `step` leads to from point `point`: by date along the same series
    /// (its top point where the series has none at that date), or across the series at one
    /// date, stopping at the ends.
    pub fn step(&self, point: usize, step: Step) -> Option<usize> {
        let p = self.points.get(point)?;
        let dates = self.dates();
        let here = dates.iter().position(|&d| d == p.at)?;
        let to_date = |d: usize| -> Option<usize> {
            let at = *dates.get(d)?;
            let column = self.column(self.points.iter().position(|q| q.at == at)?);
            column
                .iter()
                .copied()
                .find(|&i| self.points[i].series == p.series)
                .or(column.first().copied())
        };
        match step {
            Step::Date(true) => to_date((here + 1).min(dates.len() - 1)),
            Step::Date(false) => to_date(here.saturating_sub(1)),
            Step::End(last) => to_date(if last { dates.len() - 1 } else { 0 }),
            Step::Series(down) => {
                let column = self.column(point);
                let k = column.iter().position(|&i| i == point)?;
                let k = if down {
                    (k + 1).min(column.len() - 1)
                } else {
                    k.saturating_sub(1)
                };
                column.get(k).copied()
            }
        }
    }

    /// The dates of the chart, as parts of the plot's width, in time order.
    pub fn dates(&self) -> Vec<f64> {
        let mut dates: Vec<f64> = Vec::new();
        for p in &self.points {
            if !dates.contains(&p.at) {
                dates.push(p.at);
            }
        }
        crate::sort::sort_by(&mut dates, f64::total_cmp);
        dates
    }

    /// What the chart says at date `date` (of [`Timeline::dates`]), as a headline that follows a
    /// reader playing it through time: each emphasized series' value there, then the date
    /// ("China 35.0 %, United States 45.1 %, Aug 2025").
    pub fn frame_text(&self, s: &Snapshot, metric: MetricIndex, date: usize, lang: Lang) -> String {
        let Some(m) = s.metrics.get(metric) else {
            return String::new();
        };
        let Some(&at) = self.dates().get(date) else {
            return String::new();
        };
        let ui = lang.ui();
        let mut parts: Vec<String> = Vec::new();
        let mut when = String::new();
        for p in self.points.iter().filter(|p| p.at == at && p.emphasis) {
            let Some(v) = m.values.get(p.value) else {
                continue;
            };
            parts.push(text::fill(
                ui.part,
                &[
                    ("series", text::series_label(lang, s, p.series)),
                    ("value", &text::figure(lang, v.value, m.unit)),
                ],
            ));
            when = text::when(lang, v.when);
        }
        let mut out = parts.join(ui.list_sep);
        out.push_str(ui.label_when_sep);
        out.push_str(&when);
        out
    }

    /// The value axis' grid lines as one SVG path in the line layer's units.
    pub fn grid(&self) -> String {
        let mut d = String::new();
        for t in &self.y_ticks {
            d.push('M');
            d.push('0');
            d.push(' ');
            d.push_str(&super::coord(t.y));
            d.push('H');
            d.push_str(&super::coord(LINE_UNITS));
        }
        d
    }
}

/// Where the dates of the plot fall: the first date after [`TIME_PADDING`], the latest at the
/// plot's right edge.
#[derive(Clone, Copy)]
struct TimeScale {
    lo: f64,
    hi: f64,
}

impl TimeScale {
    fn of(positions: &[f64]) -> TimeScale {
        let (first, last) = positions
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &p| {
                (a.min(p), b.max(p))
            });
        if first.is_finite() && last > first {
            TimeScale {
                lo: first - (last - first) * TIME_PADDING,
                hi: last,
            }
        } else if first.is_finite() {
            TimeScale {
                lo: first - 1.0,
                hi: first + 1.0,
            }
        } else {
            TimeScale { lo: 0.0, hi: 1.0 }
        }
    }

    /// A month position as a part of the plot's width.
    fn at(self, p: f64) -> f64 {
        ((p - self.lo) / (self.hi - self.lo)).clamp(0.0, 1.0)
    }
}

/// The dates of the time axis for `whens`: one per distinct date, in time order; on a dense
/// series, the start of each year (or of each quarter over a short span) instead.
fn axis_dates(whens: &[When], dense: bool) -> Vec<(f64, When)> {
    let mut dates: Vec<(f64, When)> = Vec::new();
    for &when in whens {
        if !dates.iter().any(|d| d.1 == when) {
            dates.push((when.month_position(), when));
        }
    }
    crate::sort::sort_by(&mut dates, |a, b| a.0.total_cmp(&b.0));
    if !dense {
        return dates;
    }
    let (Some(first), Some(last)) = (dates.first().map(|d| d.0), dates.last().map(|d| d.0)) else {
        return dates;
    };
    let year_starts: Vec<(f64, When)> = (first.floor() as i64 / 12..=last.floor() as i64 / 12)
        .map(|y| y * 12)
        .filter(|&p| (p as f64) >= first - 0.5 && (p as f64) <= last + 0.5)
        .filter_map(|p| u16::try_from(p / 12).ok())
        .map(|y| (f64::from(y) * 12.0, When::At(Period::Year(y))))
        .collect();
    if year_starts.len() >= 2 {
        year_starts
    } else {
        dates
            .into_iter()
            .filter(|(_, w)| matches!(w.bounds().0, Period::Month(_, m) if m % 3 == 1))
            .collect()
    }
}

/// Which of `labels` (centres along a plot `plot_width` px wide, and text widths) are kept when
/// two would collide: the later one, as the latest figure matters most.
fn kept_dates(labels: &[(f64, f64)], plot_width: f64) -> Vec<bool> {
    let mut kept: Vec<usize> = Vec::new();
    let rect = |&(at, w): &(f64, f64)| Rect {
        x: at * plot_width - (w + DATE_LABEL_SPACING) / 2.0,
        y: 0.0,
        width: w + DATE_LABEL_SPACING,
        height: 1.0,
    };
    for (i, l) in labels.iter().enumerate() {
        // A wide label (a window) may reach back over more than one kept before it.
        while kept
            .last()
            .is_some_and(|&k| rect(&labels[k]).overlaps(&rect(l)))
        {
            kept.pop();
        }
        kept.push(i);
    }
    (0..labels.len()).map(|i| kept.contains(&i)).collect()
}

/// Pushes apart, top to bottom, the series names that would overlap at the right edge.
fn spread_names(lines: &mut [SeriesLine]) {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    crate::sort::sort_by(&mut order, |&a, &b| {
        lines[a].name_y.total_cmp(&lines[b].name_y)
    });
    for k in 1..order.len() {
        let above = lines[order[k - 1]].name_y;
        let own = &mut lines[order[k]].name_y;
        if *own - above < NAME_SPACING {
            *own = round(above + NAME_SPACING);
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

/// The names column for each range of widths: the whole names where they fit in
/// [`NAMES_SPACE_MAX`] of the narrowest width of the range, shortened where they do not. Ranges
/// with the same names share one set.
fn names_by_width(names: &[(String, String)], dense: bool, r: f64) -> Vec<Names> {
    let x = r + NAME_GAP;
    let mut out: Vec<Names> = Vec::new();
    for (k, &width) in BREAKPOINTS.iter().enumerate() {
        let room = width * NAMES_SPACE_MAX - x - NAME_MARGIN;
        let texts: Vec<String> = names
            .iter()
            .map(|(name, last)| series_name(name, last, dense, room))
            .collect();
        let column = round(
            texts
                .iter()
                .map(|t| text_width(t, FONT_PX))
                .fold(0.0f64, f64::max)
                + x
                + NAME_MARGIN,
        );
        match out.iter_mut().find(|n| n.texts == texts) {
            Some(n) => n.widths.insert(k),
            None => out.push(Names {
                widths: Widths::only(k),
                width: column,
                x,
                texts,
            }),
        }
    }
    out
}

/// Lays out metric `metric` of `s` as dated points, leaving out the series in `hidden`.
pub fn timeline(s: &Snapshot, metric: MetricIndex, hidden: &[SeriesIndex], lang: Lang) -> Timeline {
    let plot_top = TOP;
    let plot_bottom = HEIGHT - BOTTOM;
    let empty = Timeline {
        height: HEIGHT,
        plot_top,
        plot_bottom,
        axis_width: 0.0,
        y_ticks: Vec::new(),
        x_ticks: Vec::new(),
        lines: Vec::new(),
        names: Vec::new(),
        points: Vec::new(),
        notes: Vec::new(),
    };
    let Some(m) = s.metrics.get(metric) else {
        return empty;
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
    if values.is_empty() {
        return empty;
    }
    let dense = figures::is_dense(m);
    // China and the US stand out from the other series when either is shown.
    let emphasized = |i: SeriesIndex| -> bool {
        let shown = |id: &str| series.iter().any(|&k| series_id(s, k) == id);
        !dense || !(shown("china") || shown("us")) || matches!(series_id(s, i), "china" | "us")
    };
    let r = if dense { DENSE_R } else { POINT_R };

    // Value axis, from zero; a dense percent series gets a scale that fits its values.
    // The data editor's reference lines are on the scale too.
    let lines_at = s.annotations.iter().filter_map(|a| match a.anchor {
        Anchor::Line(v) if a.metric == metric => Some(v.to_f64()),
        _ => None,
    });
    let (ticks, max) = match m.unit {
        Unit::Percent if !dense => (vec![0.0, 25.0, 50.0, 75.0, 100.0], 100.0),
        Unit::Percent | Unit::Count => nice_ticks(
            values
                .iter()
                .map(|&i| m.values[i].value.to_f64())
                .chain(lines_at)
                .fold(0.0, f64::max),
            4,
        ),
    };
    let y_of =
        |v: f64| round(plot_top + (plot_bottom - plot_top) * (1.0 - (v / max).clamp(0.0, 1.0)));
    let tick_labels: Vec<String> = ticks
        .iter()
        .map(|&v| {
            let d =
                crate::decimal::Decimal::from_f64(v).unwrap_or(crate::decimal::Decimal::new(0, 0));
            text::figure(lang, d, m.unit)
        })
        .collect();
    let axis_width = round(
        tick_labels
            .iter()
            .map(|t| text_width(t, AXIS_FONT_PX))
            .fold(0.0f64, f64::max)
            + AXIS_LABEL_GAP,
    );
    let y_ticks: Vec<Tick> = ticks
        .iter()
        .zip(tick_labels)
        .map(|(&v, label)| {
            let y = y_of(v);
            Tick {
                y,
                label,
                label_x: round(axis_width - AXIS_LABEL_GAP),
                label_y: round(y + AXIS_BASELINE),
            }
        })
        .collect();

    // Lines, points and names, series by series; the names decide the plot's width.
    let positions: Vec<f64> = values
        .iter()
        .map(|&i| m.values[i].when.month_position())
        .collect();
    let time = TimeScale::of(&positions);
    let mut lines: Vec<SeriesLine> = Vec::new();
    let mut points: Vec<PointMark> = Vec::new();
    let mut names: Vec<(String, String)> = Vec::new();
    for &key in &series {
        let mut own: Vec<ValueIndex> = values
            .iter()
            .copied()
            .filter(|&i| m.values[i].series == key)
            .collect();
        crate::sort::sort_by(&mut own, |&a, &b| {
            m.values[a]
                .when
                .month_position()
                .total_cmp(&m.values[b].when.month_position())
        });
        let id = series_id(s, key).to_owned();
        let tone = figures::tone(s, key).to_owned();
        let marker = Marker::of(&tone);
        let emphasis = emphasized(key);
        let mut path = String::new();
        let mut last_y = 0.0;
        let mut last_value = String::new();
        for (n, &i) in own.iter().enumerate() {
            let v = &m.values[i];
            let at = time.at(v.when.month_position());
            let y = y_of(v.value.to_f64());
            path.push(if n == 0 { 'M' } else { 'L' });
            path.push_str(&super::coord(at * LINE_UNITS));
            path.push(' ');
            path.push_str(&super::coord(y));
            last_y = y;
            let text = text::figure(lang, v.value, m.unit);
            last_value.clone_from(&text);
            points.push(PointMark {
                key: id.clone(),
                series: key,
                value: i,
                tone: tone.clone(),
                at,
                y,
                r,
                path: marker.path(0.0, 0.0, r),
                hit_r: if dense { DENSE_HIT_R } else { HIT_R },
                emphasis,
                // A dense series writes its last value beside its name instead.
                label: (!dense).then(|| ValueLabel {
                    y: round(y - r - LABEL_GAP + LABEL_BASELINE),
                    text,
                    widths: Widths::NONE,
                }),
            });
        }
        names.push((text::series_label(lang, s, key).to_owned(), last_value));
        lines.push(SeriesLine {
            key: id,
            series: key,
            path: (own.len() > 1).then_some(path),
            data_line: dense,
            emphasis,
            tone,
            name_y: round(last_y + NAME_BASELINE),
        });
    }
    spread_names(&mut lines);
    let names = names_by_width(&names, dense, r);
    // The plot's width at the narrowest width of each range.
    let plot_width = |k: usize| -> f64 {
        let column = names
            .iter()
            .find(|n| n.widths.contains(k))
            .map_or(0.0, |n| n.width);
        (BREAKPOINTS[k] - axis_width - column).max(MIN_PLOT)
    };

    // Value labels above their points, dropped where they would collide (first come, kept).
    for k in 0..BREAKPOINTS.len() {
        let width = plot_width(k);
        let mut taken: Vec<Rect> = Vec::new();
        for p in points.iter_mut() {
            let Some(label) = p.label.as_mut() else {
                continue;
            };
            let w = text_width(&label.text, FONT_PX);
            let rect = Rect {
                x: p.at * width - w / 2.0,
                y: label.y - FONT_PX,
                width: w,
                height: FONT_PX + 2.0,
            };
            if !taken.iter().any(|t| t.overlaps(&rect)) {
                taken.push(rect);
                label.widths.insert(k);
            }
        }
    }

    // Date ticks, each shown at the widths where it does not collide.
    let whens: Vec<When> = values.iter().map(|&i| m.values[i].when).collect();
    let dates = axis_dates(&whens, dense);
    let label_y = round(plot_bottom + DATE_LABEL_BELOW);
    let mut x_ticks: Vec<DateTick> = dates
        .iter()
        .map(|&(pos, when)| DateTick {
            at: time.at(pos),
            label: text::when(lang, when),
            label_y,
            widths: Widths::NONE,
        })
        .collect();
    let sized: Vec<(f64, f64)> = x_ticks
        .iter()
        .map(|t| (t.at, text_width(&t.label, AXIS_FONT_PX)))
        .collect();
    for k in 0..BREAKPOINTS.len() {
        for (tick, kept) in x_ticks.iter_mut().zip(kept_dates(&sized, plot_width(k))) {
            if kept {
                tick.widths.insert(k);
            }
        }
    }
    x_ticks.retain(|t| !t.widths.is_empty());
    let columns: Vec<f64> = (0..BREAKPOINTS.len())
        .map(|k| BREAKPOINTS[k] - plot_width(k))
        .collect();

    let mut t = Timeline {
        height: HEIGHT,
        plot_top,
        plot_bottom,
        axis_width,
        y_ticks,
        x_ticks,
        lines,
        names,
        points,
        notes: Vec::new(),
    };
    // The data editor's annotations, placed clear of everything above.
    let notes: Vec<(usize, NoteAnchor, &str)> = s
        .annotations
        .iter()
        .enumerate()
        .filter(|(_, a)| a.metric == metric)
        .filter_map(|(i, a)| {
            let anchor = match a.anchor {
                Anchor::Point(v) => {
                    let p = t.points.iter().find(|p| p.value == v)?;
                    NoteAnchor::Point {
                        at: p.at,
                        y: p.y,
                        r: p.r,
                    }
                }
                Anchor::Band(w) => {
                    let (from, to) = When::Window(w).month_span();
                    let (from, to) = (time.at(from), time.at(to));
                    // A band outside the dates shown (the axis is clamped) has no width: not
                    // drawn, and the table says so.
                    if to - from < 0.005 {
                        return None;
                    }
                    NoteAnchor::Band { from, to }
                }
                Anchor::Line(v) => NoteAnchor::Line {
                    y: y_of(v.to_f64()),
                },
            };
            Some((i, anchor, a.text.get(lang.code())))
        })
        .collect();
    let points: Vec<annotations::Point> = t
        .points
        .iter()
        .map(|p| annotations::Point {
            at: p.at,
            y: p.y,
            r: p.r,
            emphasis: p.emphasis,
            label: p.label.as_ref().map(|l| (l.text.as_str(), l.y, l.widths)),
        })
        .collect();
    let plot = annotations::Plot {
        top: t.plot_top,
        bottom: t.plot_bottom,
        label_above: LABEL_GAP - LABEL_BASELINE + FONT_PX,
    };
    let placed = annotations::place(&points, plot, notes, |k| columns[k], MIN_PLOT);
    t.notes = placed;
    t
}

#[cfg(test)]
mod tests {
    use super::{kept_dates, DATE_LABEL_SPACING};

    #[test]
    fn a_wide_label_drops_every_earlier_label_it_would_cover() {
        // On a 100 px plot: two short labels apart from each other, then a wide one (a window)
        // reaching back over both.
        let short = 8.0;
        assert!(
            20.0 > short + DATE_LABEL_SPACING,
            "the short labels must not collide"
        );
        let labels = [(0.05, short), (0.25, short), (0.3, 60.0)];
        assert_eq!(kept_dates(&labels, 100.0), [false, false, true]);
        // Labels that do not collide are all kept.
        let apart = [(0.1, short), (0.5, short), (0.9, short)];
        assert_eq!(kept_dates(&apart, 100.0), [true, true, true]);
    }
}
