//! Bars: one per value on a common scale, for measures whose values share one date or window.
//!
//! Percentages are drawn on a 0–100 % track (the whole is visible); parts of a whole get a last
//! bar for the computed remainder. Counts are drawn from zero to the largest count, with their
//! value written beside each bar so that small and large counts stay readable.
//!
//! The marks do not depend on the width: a bar's length is its share of the track, which the
//! page gives whatever width it has (the track is the box's width less the widest value label).
//! [`BarChart::at_width`] projects them onto a fixed width for a standalone image.

use super::{fit_text, round, text_width, Marker, FONT_PX};
use crate::decimal::Decimal;
use crate::figures::{self, series_id, REMAINDER_KEY};
use crate::snapshot::{Anchor, MetricIndex, SeriesIndex, Snapshot, Unit, ValueIndex};
use crate::text::{self, Lang};

/// Height of the line that holds a bar's series label.
pub const LABEL_HEIGHT: f64 = 20.0;
/// Offset of the label's baseline from the top of its row.
pub const LABEL_BASELINE: f64 = 15.0;
/// Height of a bar.
pub const BAR_HEIGHT: f64 = 24.0;
/// Space between two rows.
pub const ROW_GAP: f64 = 14.0;
/// Gap between a bar's end and its value label.
pub const VALUE_GAP: f64 = 6.0;
/// The narrowest bar drawn for a value above zero, so it never vanishes.
pub const MIN_BAR: f64 = 2.0;
/// The corner radius of a bar and its track.
pub const CORNER: f64 = 2.0;
/// Where a value label's baseline sits below the middle of its bar (about a third of the font
/// size, so the digits look centred).
pub const VALUE_BASELINE: f64 = 5.0;
/// The largest part of the width kept for the value labels right of the bars (in an image of a
/// fixed width).
pub const VALUE_SPACE_MAX: f64 = 0.45;

/// What a bar stands for, for styling (colours come from CSS custom properties).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The largest value, when one value is strictly larger than all others.
    Leader,
    /// Another sourced value.
    Other,
    /// The computed remainder ("everyone else").
    Remainder,
}

impl Role {
    /// The CSS modifier class for this role.
    pub fn class(self) -> &'static str {
        match self {
            Role::Leader => "oms-bar--leader",
            Role::Other => "oms-bar--other",
            Role::Remainder => "oms-bar--remainder",
        }
    }
}

/// One bar with its label and value.
#[derive(Clone, Debug, PartialEq)]
pub struct BarMark {
    /// A stable key: the series id, or [`REMAINDER_KEY`].
    pub key: String,
    /// The colour family (see [`figures::tone`]); the key for the remainder.
    pub tone: String,
    /// `None` for the remainder.
    pub series: Option<SeriesIndex>,
    /// `None` for the remainder.
    pub value: Option<ValueIndex>,
    pub role: Role,
    pub marker: Marker,
    /// The series label, whole (the page shortens it to its width).
    pub label: String,
    /// The formatted value, written right after the bar's end.
    pub value_text: String,
    /// The bar's length as a part of its track, 0 to 1: a percentage of 100, a count of the
    /// largest count.
    pub share: f64,
    /// A value above zero: drawn at least [`MIN_BAR`] px long, so it never vanishes.
    pub above_zero: bool,
    /// The data editor's annotations on this bar (places in `Snapshot::annotations`): written
    /// under it, in the page's flow, so they wrap to any width and cover nothing.
    pub notes: Vec<usize>,
}

/// All marks of a bar chart, whatever its width.
#[derive(Clone, Debug, PartialEq)]
pub struct BarChart {
    pub bars: Vec<BarMark>,
    /// Percentages: each bar on a 0–100 % track. Counts have none (no whole to show).
    pub tracks: bool,
}

/// The marks of one bar at a fixed width (SVG user units, px).
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedBar {
    /// The label, shortened to the width.
    pub label: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// The track's width; 0 without a track.
    pub track_width: f64,
    pub label_y: f64,
    pub value_x: f64,
    pub value_y: f64,
}

/// The height of one row: label, bar and the gap below.
pub const ROW_HEIGHT: f64 = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP;

impl BarChart {
    /// The chart's height, px (the same at every width).
    pub fn height(&self) -> f64 {
        if self.bars.is_empty() {
            0.0
        } else {
            round(self.bars.len() as f64 * ROW_HEIGHT - ROW_GAP)
        }
    }

    /// The bars placed for a box `width` px wide, as the page lays them out: room for the widest
    /// value label (estimated by [`text_width`], at most [`VALUE_SPACE_MAX`] of the width) right
    /// of the track.
    pub fn at_width(&self, width: f64) -> Vec<PlacedBar> {
        let width = if width.is_finite() {
            width.max(0.0)
        } else {
            0.0
        };
        let value_space = self
            .bars
            .iter()
            .map(|b| text_width(&b.value_text, FONT_PX) + VALUE_GAP)
            .fold(0.0f64, f64::max)
            .min(width * VALUE_SPACE_MAX);
        let track = width - value_space;
        self.bars
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let top = i as f64 * ROW_HEIGHT;
                let mut w = track * b.share;
                if b.above_zero {
                    w = w.max(MIN_BAR);
                }
                let w = round(w);
                let y = round(top + LABEL_HEIGHT);
                PlacedBar {
                    label: fit_text(&b.label, FONT_PX, width),
                    x: 0.0,
                    y,
                    width: w,
                    height: BAR_HEIGHT,
                    track_width: if self.tracks { round(track) } else { 0.0 },
                    label_y: round(top + LABEL_BASELINE),
                    value_x: round(w + VALUE_GAP),
                    value_y: round(y + BAR_HEIGHT / 2.0 + VALUE_BASELINE),
                }
            })
            .collect()
    }
}

/// The bars of metric `metric` of `s`, leaving out the series in `hidden`. Largest value first;
/// equal values keep the snapshot's order.
pub fn bar_chart(
    s: &Snapshot,
    metric: MetricIndex,
    hidden: &[SeriesIndex],
    lang: Lang,
) -> BarChart {
    let Some(m) = s.metrics.get(metric) else {
        return BarChart {
            bars: Vec::new(),
            tracks: false,
        };
    };
    let mut order: Vec<ValueIndex> = m.values.indices().collect();
    crate::sort::sort_by(&mut order, |&a, &b| {
        m.values[b].value.cmp_value(m.values[a].value)
    });
    let leader = match order.as_slice() {
        [first, second, ..]
            if m.values[*first]
                .value
                .cmp_value(m.values[*second].value)
                .is_gt() =>
        {
            Some(*first)
        }
        _ => None,
    };

    struct Row<'a> {
        key: &'a str,
        series: Option<SeriesIndex>,
        value: Option<ValueIndex>,
        role: Role,
        label: &'a str,
        amount: Decimal,
        text: String,
    }
    let mut rows: Vec<Row> = order
        .iter()
        .map(|&i| {
            let v = &m.values[i];
            Row {
                key: series_id(s, v.series),
                series: Some(v.series),
                value: Some(i),
                role: if Some(i) == leader {
                    Role::Leader
                } else {
                    Role::Other
                },
                label: text::series_label(lang, s, v.series),
                amount: v.value,
                text: text::figure(lang, v.value, m.unit),
            }
        })
        .collect();
    if let Some((rest, _)) = figures::remainder(m) {
        rows.push(Row {
            key: REMAINDER_KEY,
            series: None,
            value: None,
            role: Role::Remainder,
            label: text::remainder_label(lang, m),
            amount: rest,
            text: text::figure(lang, rest, Unit::Percent),
        });
    }
    rows.retain(|r| r.series.is_none_or(|i| !hidden.contains(&i)));

    let max = match m.unit {
        Unit::Percent => 100.0,
        Unit::Count => rows
            .iter()
            .map(|r| r.amount.to_f64())
            .fold(0.0f64, f64::max),
    };
    let bars = rows
        .into_iter()
        .map(|r| {
            let v = r.amount.to_f64();
            let tone = r.series.map_or(r.key, |i| figures::tone(s, i)).to_owned();
            BarMark {
                key: r.key.to_owned(),
                marker: Marker::of(&tone),
                tone,
                series: r.series,
                value: r.value,
                role: r.role,
                label: r.label.to_owned(),
                value_text: r.text,
                share: if max > 0.0 {
                    (v / max).clamp(0.0, 1.0)
                } else {
                    0.0
                },
                above_zero: v > 0.0,
                notes: s
                    .annotations
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| {
                        a.metric == metric && r.value.is_some_and(|i| a.anchor == Anchor::Point(i))
                    })
                    .map(|(n, _)| n)
                    .collect(),
            }
        })
        .collect();
    BarChart {
        bars,
        tracks: m.unit == Unit::Percent,
    }
}
