//! The builder's engine: rows in, in any order, downloads per month out, in memory that grows with
//! the number of models, organisations and months, never with the number of rows.
//!
//! Three steps, each small and tested:
//! 1. [`Builder::push`] reads a row: it skips a row without a date or a count, notes the model's
//!    country and organisation (those of its earliest row that has one, so that the answer does
//!    not depend on the order of the rows) and files `(model, day, count)` in its model's partition
//!    ([`super::spill`]: on disk once the buffer is full).
//! 2. [`Builder::finish`] takes one partition at a time, sorts it by model, day and count, and
//!    [`difference`]s each model's rows in date order: the rules of the module above.
//! 3. The downloads are added to their month, the model's country group and its organisation;
//!    the organisations are ranked at the end.
//!
//! The same rules as one SQL query (DuckDB's dialect), for a reader who wants to audit them or run
//! them on an engine; the defaults `--first baseline` and `--reset hold`, the country groups as
//! `group_of`. Not run by the builder (see the README for why), and it does not stop on two counts
//! for one model and date as the builder does.
//!
//! ```sql
//! WITH rows AS (
//!   SELECT model, trim(merged_country_groups_single) AS country,
//!          CAST(time AS DATE) AS day, downloadsAllTime AS count
//!   FROM 'dataset.parquet'
//!   WHERE time IS NOT NULL AND downloadsAllTime IS NOT NULL
//! ),
//! once AS (SELECT DISTINCT model, day, count FROM rows),  -- a repeated row counts once
//! ordered AS (
//!   SELECT model, day, count,
//!          row_number() OVER w AS n,
//!          max(count) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS highest
//!   FROM once WINDOW w AS (PARTITION BY model ORDER BY day)
//! ),
//! counted AS (
//!   SELECT model, day,
//!          CASE WHEN n = 1 AND day = (SELECT min(day) FROM rows) THEN 0  -- the baseline
//!               WHEN n = 1 THEN count                                    -- first seen later
//!               ELSE greatest(count - highest, 0) END AS downloads        -- hold
//!   FROM ordered
//! ),
//! country AS (  -- the earliest row with a country; on one date, the first in text order
//!   SELECT model, first(country ORDER BY day, country) AS country
//!   FROM rows WHERE country <> '' GROUP BY model
//! )
//! SELECT strftime(day, '%Y-%m') AS month, group_of(country) AS country_group,
//!        sum(downloads) AS downloads
//! FROM counted LEFT JOIN country USING (model)
//! GROUP BY ALL ORDER BY ALL;
//! ```

use super::progress::Progress;
use super::spill::{Partitions, Plan, Record};
use super::{
    day_from_epoch, BuildError, Computed, Config, FirstRule, Report, Reset, ResetRule, Row,
    OTHER_GROUP, UNKNOWN_GROUP,
};
use std::collections::HashMap;

/// One row as a reader hands it over, borrowed from the reader's buffers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RowRef<'a> {
    pub model: &'a str,
    pub org: Option<&'a str>,
    pub country: Option<&'a str>,
    /// Days since 1970-01-01; `None` when the cell is empty.
    pub day: Option<i32>,
    pub cumulative: Option<u64>,
}

impl Row {
    /// The row as the engine reads it.
    pub fn as_ref(&self) -> RowRef<'_> {
        RowRef {
            model: &self.model,
            org: self.org.as_deref(),
            country: self.country.as_deref(),
            day: self.day.map(super::epoch_day),
            cumulative: self.cumulative,
        }
    }
}

impl RowRef<'_> {
    /// The row, owned (readers' `read`, for tests and small files).
    pub fn to_row(&self) -> Row {
        Row {
            model: self.model.to_owned(),
            org: self.org.map(str::to_owned),
            country: self.country.map(str::to_owned),
            day: self.day.and_then(|d| day_from_epoch(d.into())),
            cumulative: self.cumulative,
        }
    }
}

/// How many resets the report lists by name (the first by model and date); all are counted.
pub const RESET_EXAMPLES: usize = 20;

/// Strings and their ids, in order of first appearance.
#[derive(Default)]
struct Interner {
    ids: HashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Interner {
    fn id(&mut self, s: &str) -> Result<u32, BuildError> {
        if let Some(&id) = self.ids.get(s) {
            return Ok(id);
        }
        let id = u32::try_from(self.names.len())
            .map_err(|_| BuildError::Read("more than 4 billion distinct values".into()))?;
        self.ids.insert(s.into(), id);
        self.names.push(s.into());
        Ok(id)
    }

    fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", |n| n)
    }

    fn len(&self) -> usize {
        self.names.len()
    }
}

/// A model's value (country or organisation) from its earliest dated row that has one; on one
/// date, the value first in text order. The same whatever the order of the rows.
fn keep_earliest(slot: &mut Option<(i32, u32)>, day: i32, value: u32, names: &Interner) {
    let earlier = match *slot {
        None => true,
        Some((d, v)) => day < d || (day == d && v != value && names.name(value) < names.name(v)),
    };
    if earlier {
        *slot = Some((day, value));
    }
}

/// What differencing one model's rows found, besides downloads.
#[derive(Debug, Default, PartialEq)]
pub struct Findings {
    pub duplicates: usize,
    pub baseline: bool,
    /// (day, count before, count after) of each reset.
    pub resets: Vec<(i32, u64, u64)>,
}

/// The downloads of one model's rows, sorted by day and count: calls `count(day, downloads)` for
/// each row that counts any. Two rows on one day with one count are one row; with two counts they
/// are a conflict, returned as `(day, lower, higher)`.
pub fn difference(
    rows: &[Record],
    first_day: i32,
    config: &Config,
    mut count: impl FnMut(i32, u64),
) -> Result<Findings, (i32, u64, u64)> {
    let mut found = Findings::default();
    // `reference`: the count later counts are differenced from; a reset is a count below the
    // model's previous one.
    let mut reference: Option<u64> = None;
    let mut previous: Option<Record> = None;
    for r in rows {
        if let Some(p) = previous {
            if p.day == r.day {
                if p.count == r.count {
                    found.duplicates += 1;
                    continue;
                }
                return Err((r.day, p.count.min(r.count), p.count.max(r.count)));
            }
            if r.count < p.count {
                found.resets.push((r.day, p.count, r.count));
            }
        }
        previous = Some(*r);
        let downloads = match reference {
            None => {
                reference = Some(r.count);
                if config.first == FirstRule::Baseline && r.day == first_day {
                    found.baseline = true;
                    0
                } else {
                    r.count
                }
            }
            Some(from) if r.count >= from => {
                reference = Some(r.count);
                r.count - from
            }
            Some(_) => match config.reset {
                ResetRule::Hold => 0,
                ResetRule::Restart => {
                    reference = Some(r.count);
                    r.count
                }
            },
        };
        if downloads > 0 {
            count(r.day, downloads);
        }
    }
    Ok(found)
}

/// Rows in, [`Computed`] out.
pub struct Builder {
    config: Config,
    report: Report,
    models: Interner,
    countries: Interner,
    orgs: Interner,
    /// Per model: (day, country id) and (day, organisation id) of its earliest row with one.
    model_country: Vec<Option<(i32, u32)>>,
    model_org: Vec<Option<(i32, u32)>>,
    records: Partitions,
    days: Option<(i32, i32)>,
}

impl Builder {
    pub fn new(config: &Config, plan: Plan) -> Builder {
        Builder {
            config: config.clone(),
            report: Report::default(),
            models: Interner::default(),
            countries: Interner::default(),
            orgs: Interner::default(),
            model_country: Vec::new(),
            model_org: Vec::new(),
            records: Partitions::new(plan),
            days: None,
        }
    }

    /// Reads one row.
    pub fn push(&mut self, row: &RowRef<'_>) -> Result<(), BuildError> {
        self.report.rows += 1;
        let (Some(day), Some(count)) = (row.day, row.cumulative) else {
            self.report.skipped += 1;
            return Ok(());
        };
        let model = self.models.id(row.model)?;
        let m = model as usize;
        if m == self.model_country.len() {
            self.model_country.push(None);
            self.model_org.push(None);
        }
        if let Some(country) = row.country.map(str::trim).filter(|c| !c.is_empty()) {
            let id = self.countries.id(country)?;
            keep_earliest(&mut self.model_country[m], day, id, &self.countries);
        }
        if let Some(org) = row.org.filter(|o| !o.trim().is_empty()) {
            let id = self.orgs.id(org)?;
            keep_earliest(&mut self.model_org[m], day, id, &self.orgs);
        }
        self.days = Some(match self.days {
            None => (day, day),
            Some((a, b)) => (a.min(day), b.max(day)),
        });
        self.records.push(Record { model, day, count })
    }

    /// Differences every model's rows and adds them up.
    pub fn finish(mut self, progress: &mut Progress) -> Result<Computed, BuildError> {
        let config = &self.config;
        let (first, last) = self.days.ok_or(BuildError::NoData)?;
        let (Some(first_ymd), Some(last_ymd)) =
            (day_from_epoch(first.into()), day_from_epoch(last.into()))
        else {
            return Err(BuildError::NoData);
        };
        let report = &mut self.report;
        report.first_day = Some(first_ymd);
        report.last_day = Some(last_ymd);
        report.models = self.models.len();

        // Months from the first to the last, and each day's month.
        let mut months = Vec::new();
        let mut ym = (first_ymd.0, first_ymd.1);
        while ym <= (last_ymd.0, last_ymd.1) {
            months.push(ym);
            ym = if ym.1 == 12 {
                (ym.0 + 1, 1)
            } else {
                (ym.0, ym.1 + 1)
            };
        }
        let mut month_of_day = Vec::with_capacity((last - first + 1) as usize);
        let mut k = 0;
        for day in first..=last {
            if let Some((y, m, _)) = day_from_epoch(day.into()) {
                while months.get(k).is_some_and(|&ym| ym < (y, m)) {
                    k += 1;
                }
            }
            month_of_day.push(k);
        }

        // Country groups: of each value, then of each model.
        let group_count = config.groups.len();
        let other = config
            .groups
            .iter()
            .position(|g| g.id == OTHER_GROUP)
            .unwrap_or(group_count);
        let unknown = config.groups.iter().position(|g| g.id == UNKNOWN_GROUP);
        let value_group: Vec<usize> = self
            .countries
            .names
            .iter()
            .map(|raw| {
                config
                    .groups
                    .iter()
                    .position(|g| g.values.iter().any(|v| v.trim().eq_ignore_ascii_case(raw)))
                    .unwrap_or(other)
            })
            .collect();
        let no_country = unknown.unwrap_or(other);
        let model_group: Vec<usize> = self
            .model_country
            .iter()
            .map(|c| c.map_or(no_country, |(_, v)| value_group[v as usize]))
            .collect();
        let mut value_models = vec![0usize; self.countries.len()];
        let mut empty_models = 0usize;
        for c in &self.model_country {
            match c {
                Some((_, v)) => value_models[*v as usize] += 1,
                None => empty_models += 1,
            }
        }

        let groups_len = group_count + usize::from(other == group_count);
        let mut groups = vec![vec![0u64; months.len()]; groups_len];
        let mut totals = vec![0u64; months.len()];
        let mut org_months: Vec<Option<Vec<u64>>> = vec![None; self.orgs.len()];
        // Per organisation, downloads by group: its models' countries may differ.
        let mut org_group_downloads: Vec<Vec<u64>> = vec![Vec::new(); self.orgs.len()];
        let mut examples: Vec<Reset> = Vec::new();
        let mut reset_count = 0usize;

        let parts = self.records.len();
        for part in 0..parts {
            progress.phase(&format!("differencing, part {} of {parts}", part + 1));
            let mut records = self.records.take(part)?;
            records.sort_unstable();
            for rows in records.chunk_by(|a, b| a.model == b.model) {
                let m = rows[0].model as usize;
                let g = model_group[m];
                let org = self.model_org[m].map(|(_, o)| o as usize);
                let found = difference(rows, first, config, |day, downloads| {
                    let k = month_of_day[(day - first) as usize];
                    totals[k] += downloads;
                    groups[g][k] += downloads;
                    if let Some(o) = org {
                        org_months[o].get_or_insert_with(|| vec![0; months.len()])[k] += downloads;
                        let by_group = &mut org_group_downloads[o];
                        if by_group.is_empty() {
                            by_group.resize(groups_len, 0);
                        }
                        by_group[g] += downloads;
                    }
                })
                .map_err(|(day, a, b)| BuildError::Conflict {
                    model: self.models.name(rows[0].model).to_owned(),
                    day: day_from_epoch(day.into()).unwrap_or(first_ymd),
                    counts: (a, b),
                })?;
                report.duplicates += found.duplicates;
                report.baselines += usize::from(found.baseline);
                reset_count += found.resets.len();
                for (day, before, after) in found.resets {
                    let model = self.models.name(rows[0].model);
                    let day = day_from_epoch(day.into()).unwrap_or(first_ymd);
                    let key = |r: &Reset| (r.model.as_str(), r.day) < (model, day);
                    if examples.len() < RESET_EXAMPLES || examples.last().is_some_and(|r| !key(r)) {
                        let at = examples.partition_point(key);
                        examples.insert(
                            at,
                            Reset {
                                model: model.to_owned(),
                                day,
                                before,
                                after,
                            },
                        );
                        examples.truncate(RESET_EXAMPLES);
                    }
                }
            }
        }
        report.resets = examples;
        report.reset_count = reset_count;

        let mut group_ids: Vec<String> = config.groups.iter().map(|g| g.id.clone()).collect();
        if other == group_count {
            group_ids.push(OTHER_GROUP.into());
        }
        let mut ranked: Vec<(usize, u64)> = org_months
            .iter()
            .enumerate()
            .filter_map(|(o, v)| v.as_ref().map(|v| (o, v.iter().sum())))
            .collect();
        ranked.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| self.orgs.names[a.0].cmp(&self.orgs.names[b.0]))
        });
        ranked.truncate(config.top);
        let org_groups = ranked
            .iter()
            .map(|&(o, _)| {
                let by_group = &org_group_downloads[o];
                let best = (0..groups_len)
                    .max_by(|&a, &b| {
                        let of = |g: usize| by_group.get(g).copied().unwrap_or(0);
                        // Most downloads; on a tie the group listed first.
                        of(a).cmp(&of(b)).then(b.cmp(&a))
                    })
                    .unwrap_or(other);
                group_ids[best].clone()
            })
            .collect();
        let orgs = ranked
            .iter()
            .map(|&(o, _)| {
                (
                    self.orgs.name(o as u32).to_owned(),
                    org_months[o].take().unwrap_or_default(),
                )
            })
            .collect();

        let mut values: Vec<(String, String, usize)> = self
            .countries
            .names
            .iter()
            .zip(&value_group)
            .zip(&value_models)
            .filter(|(_, n)| **n > 0)
            .map(|((v, g), n)| (v.to_string(), group_ids[*g].clone(), *n))
            .collect();
        if empty_models > 0 {
            values.push((
                "(empty)".into(),
                group_ids[no_country].clone(),
                empty_models,
            ));
        }
        values.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        report.country_values = values;
        progress.done();

        Ok(Computed {
            months,
            totals,
            groups: group_ids.into_iter().zip(groups).collect(),
            orgs,
            org_groups,
            report: self.report,
        })
    }
}
