//! Derived figures: what the snapshot's numbers say together (leader, gap, remainder), the shape
//! of each measure (one date, or points over time) and its figures as rows.
//!
//! Everything here is computed from the snapshot, exactly (see [`crate::decimal`]); nothing is stored.

use crate::decimal::Decimal;
use crate::period::When;
use crate::snapshot::{Metric, MetricIndex, SeriesIndex, Snapshot, SourceIndex, Unit, ValueIndex};
use core::cmp::Ordering;

/// The key of the computed remainder ("everyone else") wherever a series id is expected.
pub const REMAINDER_KEY: &str = "remainder";

/// A series with more points than this is dense (a computed monthly series has dozens): it reads
/// as a line, not as separate published points.
pub const DENSE_POINTS: usize = 8;

/// One part of a whole: a value of the metric.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Part {
    pub value: ValueIndex,
    pub series: SeriesIndex,
    pub share: Decimal,
}

/// Who is ahead in a comparison of two shares.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Lead {
    /// `leader` is ahead of `runner_up` by `gap` percentage points.
    Ahead {
        leader: SeriesIndex,
        runner_up: SeriesIndex,
        gap: Decimal,
    },
    /// The two largest parts are equal.
    Level { a: SeriesIndex, b: SeriesIndex },
}

/// The headline comparison: the parts (largest first), who leads, and what is left of the whole.
#[derive(Clone, Debug, PartialEq)]
pub struct Headline {
    pub metric: MetricIndex,
    /// Largest first; equal shares keep the snapshot's order.
    pub parts: Vec<Part>,
    pub lead: Lead,
    /// 100 % minus the parts: everyone else, computed, never stored. Zero if the parts reach 100.
    pub remainder: Decimal,
    pub when: When,
}

/// The headline of a validated snapshot. `None` only if the headline metric cannot be compared,
/// which validation rules out.
pub fn headline(s: &Snapshot) -> Option<Headline> {
    let metric: &Metric = s.metrics.get(s.headline)?;
    comparison(s.headline, metric)
}

/// The comparison of the parts of a whole in `metric` (index `index`): `None` if it has fewer than
/// two values or no common date.
pub fn comparison(index: MetricIndex, metric: &Metric) -> Option<Headline> {
    let when = metric.when?;
    if metric.values.len() < 2 || !metric.parts_of_whole {
        return None;
    }
    let mut parts: Vec<Part> = metric
        .values
        .indexed()
        .map(|(i, v)| Part {
            value: i,
            series: v.series,
            share: v.value,
        })
        .collect();
    // Stable sort: equal shares keep their order in the snapshot.
    crate::sort::sort_by(&mut parts, |a, b| b.share.cmp_value(a.share));
    let (first, second) = (parts[0], parts[1]);
    let lead = match first.share.cmp_value(second.share) {
        Ordering::Equal => Lead::Level {
            a: first.series,
            b: second.series,
        },
        _ => Lead::Ahead {
            leader: first.series,
            runner_up: second.series,
            gap: first.share - second.share,
        },
    };
    let (remainder, _) = remainder(metric)?;
    Some(Headline {
        metric: index,
        parts,
        lead,
        remainder,
        when,
    })
}

/// What is left of the whole after the parts of `metric`, with the date or window it holds for:
/// 100 % minus its values, computed (never stored), zero if they reach 100 within the rounding
/// tolerance. `None` unless the metric's values are percentages, parts of one whole, all for the
/// same date or window.
pub fn remainder(metric: &Metric) -> Option<(Decimal, When)> {
    let when = metric.values.first()?.when;
    if !(metric.parts_of_whole && metric.unit == Unit::Percent)
        || metric.values.iter().any(|v| v.when != when)
    {
        return None;
    }
    let sum = metric
        .values
        .iter()
        .fold(Decimal::new(0, 0), |acc, v| acc + v.value);
    let rest = Decimal::new(100, 0) - sum;
    let rest = if rest.is_negative() {
        Decimal::new(0, rest.decimals())
    } else {
        rest
    };
    Some((rest, when))
}

/// The sources behind a metric's values: the original work (if the metric names one), then each
/// source its values were found in, in order of first use, without repeats.
pub fn sources_of(metric: &Metric) -> (Option<SourceIndex>, Vec<SourceIndex>) {
    let mut found: Vec<SourceIndex> = Vec::new();
    for v in &metric.values {
        if Some(v.source) != metric.origin && !found.contains(&v.source) {
            found.push(v.source);
        }
    }
    (metric.origin, found)
}

/// Which chart fits a measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// One bar per value on a common scale (all values share one date or window).
    Bars,
    /// Dated points over time (the values have more than one date).
    Timeline,
}

/// The chart that fits `metric`: dated points when its values have more than one date.
pub fn shape_of(metric: &Metric) -> Shape {
    let first: Option<When> = metric.values.iter().next().map(|v| v.when);
    if metric.values.iter().any(|v| Some(v.when) != first) {
        Shape::Timeline
    } else {
        Shape::Bars
    }
}

/// The series of a metric, in order of first appearance.
pub fn series_of(metric: &Metric) -> Vec<SeriesIndex> {
    let mut out: Vec<SeriesIndex> = Vec::new();
    for v in &metric.values {
        if !out.contains(&v.series) {
            out.push(v.series);
        }
    }
    out
}

/// `true` if some series of `m` has more than [`DENSE_POINTS`] points.
pub fn is_dense(m: &Metric) -> bool {
    series_of(m)
        .into_iter()
        .any(|i| m.values.iter().filter(|v| v.series == i).count() > DENSE_POINTS)
}

/// The id of a series, for keys and styling (empty for an index that does not exist).
pub fn series_id(s: &Snapshot, i: SeriesIndex) -> &str {
    s.series.get(i).map_or("", |x| x.id.as_str())
}

/// The colour family of a series: the id of its country group when it has one (an organisation
/// takes its country's colour and marker), else its own id.
pub fn tone(s: &Snapshot, i: SeriesIndex) -> &str {
    match s.series.get(i).and_then(|x| x.group) {
        Some(g) => series_id(s, g),
        None => series_id(s, i),
    }
}

/// One figure of a measure with its provenance: a row of the table view and of the downloads.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The series id, or [`REMAINDER_KEY`] for a computed remainder.
    pub series_id: String,
    /// The series (`None` for a computed remainder).
    pub series: Option<SeriesIndex>,
    pub value: Decimal,
    /// `None` for a computed remainder, which no source states.
    pub source: Option<SourceIndex>,
    /// `None` for a computed remainder.
    pub value_index: Option<ValueIndex>,
    pub when: When,
}

/// The rows of metric `metric`, leaving out hidden series, in the snapshot's order, then the
/// computed remainder of a whole.
pub fn rows(s: &Snapshot, metric: MetricIndex, hidden: &[SeriesIndex]) -> Vec<Row> {
    let Some(m) = s.metrics.get(metric) else {
        return Vec::new();
    };
    let mut out: Vec<Row> = m
        .values
        .indexed()
        .filter(|(_, v)| !hidden.contains(&v.series))
        .map(|(i, v)| Row {
            series_id: series_id(s, v.series).to_owned(),
            series: Some(v.series),
            value: v.value,
            source: Some(v.source),
            value_index: Some(i),
            when: v.when,
        })
        .collect();
    if let Some((rest, when)) = remainder(m) {
        out.push(Row {
            series_id: REMAINDER_KEY.to_owned(),
            series: None,
            value: rest,
            source: None,
            value_index: None,
            when,
        });
    }
    out
}
