//! Bars: one per value on a common scale, for measures whose values share one date or window.
//!
//! Percentages are drawn on a 0–100 % track (the whole is visible); parts of a whole get a last
//! bar for the computed remainder. Counts are drawn from zero to the largest count, with their
//! value written beside each bar so that small and large counts stay readable.

use super::{fit_text, fit_width, round, text_width, Marker, FONT_PX};
use crate::decimal::Decimal;
use crate::figures::{self, series_id, REMAINDER_KEY};
use crate::snapshot::{MetricIndex, SeriesIndex, Snapshot, Unit, ValueIndex};
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
/// The largest part of the width kept for the value labels right of the bars.
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

/// One bar with its track and labels.
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
    /// The series label, drawn above the bar at (`x`, `label_y`), shortened to fit the width.
    pub label: String,
    /// The formatted value, drawn at (`value_x`, `value_y`), start-anchored.
    pub value_text: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// The full 0–100 % track behind a percentage bar; 0 for counts (no whole to show).
    pub track_width: f64,
    pub label_y: f64,
    pub value_x: f64,
    pub value_y: f64,
}

/// All marks of a bar chart at one width.
#[derive(Clone, Debug, PartialEq)]
pub struct BarChart {
    pub width: f64,
    pub height: f64,
    pub bars: Vec<BarMark>,
}

/// Lays out metric `metric` of `s` as bars for a box `width` px wide, leaving out the series in
/// `hidden`. Largest value first; equal values keep the snapshot's order.
pub fn bar_chart(
    s: &Snapshot,
    metric: MetricIndex,
    hidden: &[SeriesIndex],
    lang: Lang,
    width: f64,
) -> BarChart {
    let width = fit_width(width);
    let Some(m) = s.metrics.get(metric) else {
        return BarChart {
            width,
            height: 0.0,
            bars: Vec::new(),
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

    // Room for the longest value label right of the longest bar; at most 45 % of the width.
    let value_space = rows
        .iter()
        .map(|r| text_width(&r.text, FONT_PX) + VALUE_GAP)
        .fold(0.0f64, f64::max)
        .min(width * VALUE_SPACE_MAX);
    let track = width - value_space;
    let max = match m.unit {
        Unit::Percent => 100.0,
        Unit::Count => rows
            .iter()
            .map(|r| r.amount.to_f64())
            .fold(0.0f64, f64::max),
    };
    let row_height = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP;
    let bars: Vec<BarMark> = rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let top = i as f64 * row_height;
            let v = r.amount.to_f64();
            let mut w = if max > 0.0 {
                track * (v / max).clamp(0.0, 1.0)
            } else {
                0.0
            };
            if v > 0.0 {
                w = w.max(MIN_BAR);
            }
            let w = round(w);
            let y = round(top + LABEL_HEIGHT);
            let tone = r.series.map_or(r.key, |i| figures::tone(s, i)).to_owned();
            BarMark {
                key: r.key.to_owned(),
                marker: Marker::of(&tone),
                tone,
                series: r.series,
                value: r.value,
                role: r.role,
                label: fit_text(r.label, FONT_PX, width),
                value_text: r.text,
                x: 0.0,
                y,
                width: w,
                height: BAR_HEIGHT,
                track_width: if m.unit == Unit::Percent {
                    round(track)
                } else {
                    0.0
                },
                label_y: round(top + LABEL_BASELINE),
                value_x: round(w + VALUE_GAP),
                value_y: round(y + BAR_HEIGHT / 2.0 + VALUE_BASELINE),
            }
        })
        .collect();
    let height = if bars.is_empty() {
        0.0
    } else {
        round(bars.len() as f64 * row_height - ROW_GAP)
    };
    BarChart {
        width,
        height,
        bars,
    }
}
