//! Chart geometry for the headline comparison: one horizontal bar per part of the whole and one for
//! the remainder, each on a 0–100 % track, with direct labels.
//!
//! Coordinates are SVG user units (CSS pixels) with the origin at the top left, y down. They are
//! rounded once, here, to 0.1 px, and printed by [`coord`] without float formatting. The browser
//! view and any host renderer draw these marks as they are: no arithmetic outside this module.

use crate::decimal::Decimal;
use crate::figures::{Headline, Lead};
use crate::snapshot::{Snapshot, Unit};
use crate::text::{self, Lang};

/// Height of the line that holds a bar's series label.
pub const LABEL_HEIGHT: f64 = 20.0;
/// Offset of the label's baseline from the top of its row.
pub const LABEL_BASELINE: f64 = 15.0;
/// Height of a bar.
pub const BAR_HEIGHT: f64 = 24.0;
/// Space between two rows.
pub const ROW_GAP: f64 = 14.0;
/// Space kept right of the track for the value label, so the longest ("100 %") always fits.
pub const VALUE_SPACE: f64 = 64.0;
/// Gap between a bar's end and its value label.
pub const VALUE_GAP: f64 = 6.0;
/// Narrowest chart laid out; narrower containers get this width and scale down.
pub const MIN_WIDTH: f64 = 240.0;

/// What a bar stands for, for styling (colours come from CSS custom properties by role).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The part that leads the comparison.
    Leader,
    /// Another sourced part.
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
    /// A stable key: the series id, or `remainder`.
    pub key: String,
    pub role: Role,
    /// The series label, drawn above the bar at (`x`, `label_y`).
    pub label: String,
    /// The formatted value, drawn at (`value_x`, `value_y`), start-anchored.
    pub value_text: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// The full 0–100 % track behind the bar.
    pub track_width: f64,
    pub label_y: f64,
    pub value_x: f64,
    pub value_y: f64,
}

/// All marks of the headline chart at one width.
#[derive(Clone, Debug, PartialEq)]
pub struct ShareChart {
    pub width: f64,
    pub height: f64,
    pub bars: Vec<BarMark>,
}

/// Rounds a coordinate to 0.1 px (the one place coordinates are rounded).
pub fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// A coordinate as SVG attribute text ("12.5", "160"), without float formatting.
pub fn coord(v: f64) -> String {
    let mut s = String::new();
    Decimal::new((v * 10.0).round() as i64, 1).write(&mut s, '.', None);
    if s.ends_with(".0") {
        s.truncate(s.len() - 2);
    }
    s
}

/// Lays out the headline comparison for a chart `width` px wide.
pub fn share_chart(s: &Snapshot, h: &Headline, lang: Lang, width: f64) -> ShareChart {
    let width = if width.is_finite() {
        width.max(MIN_WIDTH)
    } else {
        MIN_WIDTH
    };
    let track = width - VALUE_SPACE;
    let leader = match h.lead {
        Lead::Ahead { leader, .. } => Some(leader),
        Lead::Level { .. } => None,
    };
    let metric = &s.metrics[h.metric];
    let remainder_label = metric
        .remainder_label
        .as_ref()
        .map_or("", |t| t.get(lang.code()));

    let rows = h
        .parts
        .iter()
        .map(|p| {
            let series = &s.series[p.series];
            let role = if Some(p.series) == leader {
                Role::Leader
            } else {
                Role::Other
            };
            (
                series.id.as_str(),
                role,
                series.label.get(lang.code()),
                p.share,
            )
        })
        .chain(core::iter::once((
            "remainder",
            Role::Remainder,
            remainder_label,
            h.remainder,
        )));

    let row_height = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP;
    let bars: Vec<BarMark> = rows
        .enumerate()
        .map(|(i, (key, role, label, share))| {
            let top = i as f64 * row_height;
            let w = round(track * share.to_f64().clamp(0.0, 100.0) / 100.0);
            let y = round(top + LABEL_HEIGHT);
            BarMark {
                key: key.to_owned(),
                role,
                label: label.to_owned(),
                value_text: text::value(lang, share, Unit::Percent),
                x: 0.0,
                y,
                width: w,
                height: BAR_HEIGHT,
                track_width: round(track),
                label_y: round(top + LABEL_BASELINE),
                value_x: round(w + VALUE_GAP),
                value_y: round(y + BAR_HEIGHT / 2.0 + 5.0),
            }
        })
        .collect();
    let height = round(bars.len() as f64 * row_height - ROW_GAP);
    ShareChart {
        width: round(width),
        height,
        bars,
    }
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
    }
}
