//! Derived figures: what the snapshot's numbers say together (leader, gap, remainder).
//!
//! Everything here is computed from the snapshot, exactly (see [`crate::decimal`]); nothing is stored.

use crate::decimal::Decimal;
use crate::period::When;
use crate::snapshot::{Metric, Snapshot, Unit};
use core::cmp::Ordering;

/// One part of a whole: a value of the metric, by index.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Part {
    /// Index into the metric's `values`.
    pub value: usize,
    /// Index into the snapshot's `series`.
    pub series: usize,
    pub share: Decimal,
}

/// Who is ahead in a comparison of two shares.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Lead {
    /// `leader` is ahead of `runner_up` by `gap` percentage points (series indices).
    Ahead {
        leader: usize,
        runner_up: usize,
        gap: Decimal,
    },
    /// The two largest parts are equal.
    Level { a: usize, b: usize },
}

/// The headline comparison: the parts (largest first), who leads, and what is left of the whole.
#[derive(Clone, Debug, PartialEq)]
pub struct Headline {
    /// Index into the snapshot's `metrics`.
    pub metric: usize,
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
pub fn comparison(index: usize, metric: &Metric) -> Option<Headline> {
    let when = metric.when?;
    if metric.values.len() < 2 || !metric.parts_of_whole {
        return None;
    }
    let mut parts: Vec<Part> = metric
        .values
        .iter()
        .enumerate()
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
/// source its values were found in, in order of first use, without repeats (indices into `sources`).
pub fn sources_of(metric: &Metric) -> (Option<usize>, Vec<usize>) {
    let mut found: Vec<usize> = Vec::new();
    for v in &metric.values {
        if Some(v.source) != metric.origin && !found.contains(&v.source) {
            found.push(v.source);
        }
    }
    (metric.origin, found)
}
