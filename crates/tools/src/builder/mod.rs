//! The snapshot builder: download shares over time, computed from the study's released dataset.
//!
//! The dataset (`mmpr/open_model_evolution_data`) holds one row per model per week with the
//! model's cumulative download count and its developer's country. [`compute`] turns such rows into
//! downloads per calendar month, per country group and per organisation, with the totals behind
//! every share. The readers ([`csv`] and `parquet`) only turn a file
//! into [`Row`]s; [`merge`] writes the result into a snapshot as `computed` metrics.
//!
//! The rules, each reported when it applies, never silently:
//! - Weekly cumulative counts are differenced per model, in date order. A model's first row is its
//!   baseline when it falls on the data's first date (its downloads before the data began are not
//!   in any period); a model first seen later counts its first row in full ([`FirstRule`]).
//! - A count lower than the model's previous count is a counter reset: [`ResetRule`] says what it
//!   counts for; the [`Report`] counts every reset and lists the first by model and date.
//! - The downloads of a week count in the calendar month of the row's date.
//! - Two rows of one model on one date with the same count are one row; with different counts
//!   they are an error.
//! - Rows without a date or a count are skipped and counted.

pub mod csv;
pub mod engine;
pub mod merge;
pub mod parquet;
pub mod progress;
pub mod spill;

use oms_core::decimal::Decimal;
use oms_core::period::{Period, Window};

/// One row of the dataset, as read: a model's cumulative downloads on a date.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub model: String,
    /// The developer organisation (the dataset's `author`).
    pub org: Option<String>,
    /// The developer's country or country group, as the dataset writes it.
    pub country: Option<String>,
    /// The date of the count (year, month, day); `None` when the cell is empty.
    pub day: Option<(u16, u8, u8)>,
    /// Cumulative downloads up to `day`; `None` when the cell is empty.
    pub cumulative: Option<u64>,
}

/// The column names to read, with the dataset card's names as defaults.
#[derive(Clone, Debug, PartialEq)]
pub struct Columns {
    pub model: String,
    pub org: String,
    pub country: String,
    pub time: String,
    pub downloads: String,
}

impl Default for Columns {
    fn default() -> Self {
        Columns {
            model: "model".into(),
            org: "author".into(),
            country: "merged_country_groups_single".into(),
            time: "time".into(),
            downloads: "downloadsAllTime".into(),
        }
    }
}

impl Columns {
    /// The (role, column name) pairs, in reading order.
    pub fn all(&self) -> [(&'static str, &str); 5] {
        [
            ("model", &self.model),
            ("organisation", &self.org),
            ("country", &self.country),
            ("time", &self.time),
            ("downloads", &self.downloads),
        ]
    }
}

/// A country group: its series id and the dataset values that belong to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub id: String,
    /// Dataset values, compared without regard to case or surrounding spaces.
    pub values: Vec<String>,
}

/// The id of the group of every value no group names.
pub const OTHER_GROUP: &str = "other-countries";
/// The id of the group of rows with no country.
pub const UNKNOWN_GROUP: &str = "unknown";

/// The default grouping of `merged_country_groups_single` (see the README's data section).
pub fn default_groups() -> Vec<Group> {
    let g = |id: &str, values: &[&str]| Group {
        id: id.into(),
        values: values.iter().map(|v| (*v).into()).collect(),
    };
    vec![
        g("china", &["China"]),
        g("us", &["USA", "United States of America", "United States"]),
        g("europe", EUROPE),
        g(
            "unaffiliated",
            &[
                "User",
                "International / Online",
                "International/Online",
                "Online",
            ],
        ),
        g(UNKNOWN_GROUP, &["Unknown", "None", "N/A", "nan"]),
    ]
}

/// The values of the default Europe group: the dataset's `Europe`, and the European countries
/// that `merged_country_groups_single` names one by one (it writes `Germany`, `Lithuania`).
const EUROPE: &[&str] = &[
    "Europe",
    "Albania",
    "Andorra",
    "Austria",
    "Belarus",
    "Belgium",
    "Bosnia and Herzegovina",
    "Bulgaria",
    "Croatia",
    "Cyprus",
    "Czechia",
    "Czech Republic",
    "Denmark",
    "Estonia",
    "Finland",
    "France",
    "Germany",
    "Greece",
    "Hungary",
    "Iceland",
    "Ireland",
    "Italy",
    "Kosovo",
    "Latvia",
    "Liechtenstein",
    "Lithuania",
    "Luxembourg",
    "Malta",
    "Moldova",
    "Monaco",
    "Montenegro",
    "Netherlands",
    "North Macedonia",
    "Norway",
    "Poland",
    "Portugal",
    "Romania",
    "San Marino",
    "Serbia",
    "Slovakia",
    "Slovenia",
    "Spain",
    "Sweden",
    "Switzerland",
    "Ukraine",
    "United Kingdom",
    "UK",
    "Vatican City",
];

/// Parses a `--group ID=VALUE,VALUE` flag.
pub fn parse_group(s: &str) -> Result<Group, String> {
    let (id, values) = s
        .split_once('=')
        .ok_or_else(|| format!("--group {s}: expected ID=VALUE[,VALUE...]"))?;
    let id = id.trim();
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(format!(
            "--group {s}: the id must be lower-case letters, digits and '-'"
        ));
    }
    Ok(Group {
        id: id.into(),
        values: values.split(',').map(|v| v.trim().to_owned()).collect(),
    })
}

/// What a counter reset (a count below the model's highest so far) counts for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResetRule {
    /// Nothing, until the count passes its highest again; then only the excess. Never counts a
    /// download twice (undercounts a counter that really restarted).
    Hold,
    /// The counter restarted from zero: the new count is that week's downloads, and later weeks
    /// are differenced from it (double counts a count that only dipped).
    Restart,
}

impl ResetRule {
    pub fn id(self) -> &'static str {
        match self {
            ResetRule::Hold => "hold",
            ResetRule::Restart => "restart",
        }
    }

    pub fn parse(s: &str) -> Option<ResetRule> {
        [ResetRule::Hold, ResetRule::Restart]
            .into_iter()
            .find(|r| r.id() == s)
    }

    /// The rule in words, for the snapshot's provenance.
    pub fn describe(self) -> &'static str {
        match self {
            ResetRule::Hold => "a count below the model's highest so far counts nothing, and later weeks count only what passes that highest",
            ResetRule::Restart => "a count below the model's previous count is taken as a counter restarted from zero: it counts in full, and later weeks are differenced from it",
        }
    }
}

/// What a model's first row counts for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FirstRule {
    /// Nothing when it falls on the data's first date (it is the baseline); in full otherwise.
    Baseline,
    /// Always in full (all of a model's downloads before its first row fall in that row's month).
    Count,
}

impl FirstRule {
    pub fn id(self) -> &'static str {
        match self {
            FirstRule::Baseline => "baseline",
            FirstRule::Count => "count",
        }
    }

    pub fn parse(s: &str) -> Option<FirstRule> {
        [FirstRule::Baseline, FirstRule::Count]
            .into_iter()
            .find(|r| r.id() == s)
    }

    /// The rule in words, for the snapshot's provenance.
    pub fn describe(self) -> &'static str {
        match self {
            FirstRule::Baseline => "a model's first row is its baseline when it falls on the data's first date, and counts in full when the model is first seen later",
            FirstRule::Count => "a model's first row counts in full",
        }
    }
}

/// The period of each computed share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Month,
    Quarter,
}

impl Step {
    pub fn id(self) -> &'static str {
        match self {
            Step::Month => "month",
            Step::Quarter => "quarter",
        }
    }

    pub fn parse(s: &str) -> Option<Step> {
        [Step::Month, Step::Quarter]
            .into_iter()
            .find(|r| r.id() == s)
    }
}

/// How to compute.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub groups: Vec<Group>,
    pub reset: ResetRule,
    pub first: FirstRule,
    /// How many organisations get a series of their own (by downloads over the whole range).
    pub top: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            groups: default_groups(),
            reset: ResetRule::Hold,
            first: FirstRule::Baseline,
            top: 5,
        }
    }
}

/// One counter reset, as found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reset {
    pub model: String,
    pub day: (u16, u8, u8),
    /// The model's previous count.
    pub before: u64,
    pub after: u64,
}

/// What the builder found and did, for the data editor and the provenance.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub rows: usize,
    /// Rows skipped for an empty date or count.
    pub skipped: usize,
    /// Rows that repeated another row of the same model and date with the same count.
    pub duplicates: usize,
    pub models: usize,
    /// Every counter reset found.
    pub reset_count: usize,
    /// The first [`engine::RESET_EXAMPLES`] resets by model and date.
    pub resets: Vec<Reset>,
    /// Models whose first row falls on the data's first date and is their baseline.
    pub baselines: usize,
    /// Country values and the group each went to, with how many models have each.
    pub country_values: Vec<(String, String, usize)>,
    pub first_day: Option<(u16, u8, u8)>,
    pub last_day: Option<(u16, u8, u8)>,
}

/// Downloads per month: the totals and each series' part of them.
#[derive(Clone, Debug, PartialEq)]
pub struct Computed {
    /// Every month from the first to the last with data, in order.
    pub months: Vec<(u16, u8)>,
    /// All downloads in each month.
    pub totals: Vec<u64>,
    /// Per country group, in the configured order (then other countries): downloads per month.
    pub groups: Vec<(String, Vec<u64>)>,
    /// The top organisations by downloads over all months, most first.
    pub orgs: Vec<(String, Vec<u64>)>,
    /// The country group of each of `orgs` (the group most of its downloads went to), by id.
    pub org_groups: Vec<String>,
    pub report: Report,
}

/// An error that stops the builder.
#[derive(Clone, Debug, PartialEq)]
pub enum BuildError {
    /// A column the builder needs is not in the file.
    MissingColumn {
        role: &'static str,
        name: String,
        found: Vec<String>,
    },
    /// A column holds another type than the builder can read.
    ColumnType {
        name: String,
        expected: &'static str,
        found: String,
    },
    /// A cell cannot be read as its column's type.
    BadCell {
        row: usize,
        column: String,
        problem: String,
    },
    /// One model has two different counts on one date.
    Conflict {
        model: String,
        day: (u16, u8, u8),
        counts: (u64, u64),
    },
    /// The file holds no row with a date and a count.
    NoData,
    /// Reading the file failed.
    Read(String),
}

impl core::fmt::Display for BuildError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            BuildError::MissingColumn { role, name, found } => write!(
                f,
                "the {role} column `{name}` is not in the file (its columns: {}); name another with --{}-column",
                found.join(", "),
                match *role { "organisation" => "org", r => r }
            ),
            BuildError::ColumnType { name, expected, found } => {
                write!(f, "column `{name}` holds {found}, expected {expected}")
            }
            BuildError::BadCell { row, column, problem } => {
                write!(f, "row {row}, column `{column}`: {problem}")
            }
            BuildError::Conflict { model, day, counts } => write!(
                f,
                "model `{model}` has two different counts on {}: {} and {}",
                day_iso(*day),
                counts.0,
                counts.1
            ),
            BuildError::NoData => write!(f, "the file holds no row with a date and a count"),
            BuildError::Read(e) => write!(f, "{e}"),
        }
    }
}

/// A day as `YYYY-MM-DD`.
pub fn day_iso(d: (u16, u8, u8)) -> String {
    Period::Day(d.0, d.1, d.2).iso()
}

/// The calendar day `days` after 1970-01-01 (negative before), if within years 1900–2999.
pub fn day_from_epoch(days: i64) -> Option<(u16, u8, u8)> {
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (1900..=2999)
        .contains(&y)
        .then_some((y as u16, m as u8, d as u8))
}

/// The days from 1970-01-01 to the calendar day `d` (negative before).
pub fn epoch_day(d: (u16, u8, u8)) -> i32 {
    // Howard Hinnant's days_from_civil.
    let (m, day) = (i64::from(d.1), i64::from(d.2));
    let y = i64::from(d.0) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) as i32
}

/// Parses the date at the start of a text cell: `YYYY-MM-DD`, optionally followed by a time
/// (`2025-08-03 00:00:00`, `2025-08-03T00:00:00Z`).
pub fn parse_day(s: &str) -> Option<(u16, u8, u8)> {
    let s = s.trim();
    let head = s.get(..10)?;
    let rest = &s[10..];
    if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('T')) {
        return None;
    }
    match Period::parse(head)? {
        Period::Day(y, m, d) => Some((y, m, d)),
        _ => None,
    }
}

/// The share `part / whole` in percent, rounded half up to `decimals` places; `None` if `whole`
/// is zero or `part` exceeds it.
pub fn share(part: u64, whole: u64, decimals: u8) -> Option<Decimal> {
    if whole == 0 || part > whole || decimals > 6 {
        return None;
    }
    let scale = 10i128.pow(u32::from(decimals));
    let num = i128::from(part) * 100 * scale;
    let den = i128::from(whole);
    let units = (2 * num + den) / (2 * den);
    Some(Decimal::new(units as i64, decimals))
}

/// Differences the rows into monthly downloads per group and per organisation (rows in memory:
/// tests and small files; `oms build-series` streams a file into an [`engine::Builder`]).
pub fn compute(rows: Vec<Row>, config: &Config) -> Result<Computed, BuildError> {
    let mut b = engine::Builder::new(config, spill::Plan::for_rows(rows.len() as u64));
    for row in &rows {
        b.push(&row.as_ref())?;
    }
    b.finish(&mut progress::Progress::quiet())
}

/// One computed share: a series' downloads over all downloads in a period.
#[derive(Clone, Debug, PartialEq)]
pub struct Share {
    /// The month (monthly step) or the quarter's months.
    pub period: PeriodKey,
    pub part: u64,
    pub whole: u64,
}

/// A month, or a quarter as its first and last month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodKey {
    Month(u16, u8),
    Quarter(u16, u8),
}

impl PeriodKey {
    /// As a snapshot date (`2025-08`) or window (`2025-07` to `2025-09`).
    pub fn when(self) -> oms_core::period::When {
        use oms_core::period::When;
        match self {
            PeriodKey::Month(y, m) => When::At(Period::Month(y, m)),
            PeriodKey::Quarter(y, q) => {
                let start = Period::Month(y, q * 3 - 2);
                let end = Period::Month(y, q * 3);
                Window::new(start, end).map_or(When::At(start), When::Window)
            }
        }
    }
}

impl Computed {
    /// The periods at `step`, each with the indices of its months in [`Computed::months`].
    /// A quarter the data covers only in part is kept (its months are the data's).
    pub fn periods(&self, step: Step) -> Vec<(PeriodKey, Vec<usize>)> {
        let mut out: Vec<(PeriodKey, Vec<usize>)> = Vec::new();
        for (i, &(y, m)) in self.months.iter().enumerate() {
            let key = match step {
                Step::Month => PeriodKey::Month(y, m),
                Step::Quarter => PeriodKey::Quarter(y, (m - 1) / 3 + 1),
            };
            match out.last_mut() {
                Some((k, idx)) if *k == key => idx.push(i),
                _ => out.push((key, vec![i])),
            }
        }
        out
    }

    /// The shares of `series` (downloads per month) at `step`, skipping periods with no download.
    pub fn shares(&self, series: &[u64], step: Step) -> Vec<Share> {
        self.periods(step)
            .into_iter()
            .map(|(period, idx)| Share {
                period,
                part: idx.iter().map(|&i| series[i]).sum(),
                whole: idx.iter().map(|&i| self.totals[i]).sum(),
            })
            .filter(|s| s.whole > 0)
            .collect()
    }

    /// Downloads of `series` and of everyone over the months from `start` to `end` inclusive, and
    /// how many of those months the data covers.
    pub fn over(&self, series: &[u64], start: (u16, u8), end: (u16, u8)) -> (u64, u64, usize) {
        let mut part = 0;
        let mut whole = 0;
        let mut covered = 0;
        for (i, ym) in self.months.iter().enumerate() {
            if *ym >= start && *ym <= end {
                part += series[i];
                whole += self.totals[i];
                covered += 1;
            }
        }
        (part, whole, covered)
    }

    /// Downloads of the group `id` per month.
    pub fn group(&self, id: &str) -> Option<&[u64]> {
        self.groups
            .iter()
            .find(|(g, _)| g == id)
            .map(|(_, v)| v.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(model: &str, org: &str, country: &str, day: &str, n: u64) -> Row {
        Row {
            model: model.into(),
            org: Some(org.into()),
            country: (!country.is_empty()).then(|| country.into()),
            day: parse_day(day),
            cumulative: Some(n),
        }
    }

    /// Every first row counts in full (the tests of differencing, resets and grouping).
    fn counting() -> Config {
        Config {
            first: FirstRule::Count,
            ..Config::default()
        }
    }

    #[test]
    fn first_rows_on_the_first_date_are_baselines() {
        let rows = vec![
            row("old", "x", "China", "2025-01-01", 1000),
            row("old", "x", "China", "2025-01-08", 1010),
            row("new", "y", "USA", "2025-01-08", 5),
        ];
        let c = compute(rows.clone(), &Config::default()).expect("computes");
        assert_eq!((c.totals.clone(), c.report.baselines), (vec![15], 1));
        assert_eq!(c.group("us"), Some(&[5][..]));
        let all = compute(rows, &counting()).expect("computes");
        assert_eq!((all.totals, all.report.baselines), (vec![1015], 0));
    }

    #[test]
    fn epoch_days_become_calendar_days() {
        assert_eq!(day_from_epoch(0), Some((1970, 1, 1)));
        assert_eq!(day_from_epoch(20_303), Some((2025, 8, 3)));
        assert_eq!(day_from_epoch(-25_567), Some((1900, 1, 1)));
        assert_eq!(day_from_epoch(-25_568), None);
        assert_eq!(day_from_epoch(19_782), Some((2024, 2, 29)));
        for days in [-25_567, -1, 0, 59, 19_782, 20_303, 376_199] {
            let d = day_from_epoch(days).expect("in range");
            assert_eq!(i64::from(epoch_day(d)), days, "{d:?}");
        }
    }

    #[test]
    fn text_dates_parse_with_or_without_a_time() {
        assert_eq!(parse_day("2025-08-03"), Some((2025, 8, 3)));
        assert_eq!(parse_day("2025-08-03 00:00:00"), Some((2025, 8, 3)));
        assert_eq!(parse_day("2025-08-03T00:00:00Z"), Some((2025, 8, 3)));
        assert_eq!(parse_day("2025-02-30"), None);
        assert_eq!(parse_day("2025-08"), None);
        assert_eq!(parse_day("2025-08-03x"), None);
    }

    #[test]
    fn shares_round_half_up() {
        assert_eq!(share(171, 1000, 1), Some(Decimal::new(171, 1)));
        assert_eq!(share(1, 8, 1), Some(Decimal::new(125, 1)));
        assert_eq!(share(1, 16, 1), Some(Decimal::new(63, 1)), "6.25 -> 6.3");
        assert_eq!(share(1, 3, 2), Some(Decimal::new(3333, 2)));
        assert_eq!(share(0, 5, 1), Some(Decimal::new(0, 1)));
        assert_eq!(share(1, 0, 1), None);
        assert_eq!(share(6, 5, 1), None);
    }

    #[test]
    fn cumulative_counts_are_differenced_per_model_into_months() {
        let rows = vec![
            row("a", "qwen", "China", "2025-01-05", 100),
            row("a", "qwen", "China", "2025-01-26", 130),
            row("a", "qwen", "China", "2025-02-02", 150),
            row("b", "meta", "USA", "2025-01-12", 50),
            row("b", "meta", "USA", "2025-02-09", 100),
            row("c", "someone", "", "2025-02-09", 10),
        ];
        let c = compute(rows, &counting()).expect("computes");
        assert_eq!(c.months, vec![(2025, 1), (2025, 2)]);
        assert_eq!(c.totals, vec![180, 80]);
        assert_eq!(c.group("china"), Some(&[130, 20][..]));
        assert_eq!(c.group("us"), Some(&[50, 50][..]));
        assert_eq!(c.group("unknown"), Some(&[0, 10][..]));
        assert_eq!(c.orgs[0], ("qwen".into(), vec![130, 20]));
        assert_eq!(c.org_groups[..2], ["china".to_owned(), "us".to_owned()]);
        assert_eq!(c.report.models, 3);
        assert!(c.report.resets.is_empty());
    }

    #[test]
    fn a_counter_reset_follows_the_rule_and_is_reported() {
        let rows = vec![
            row("a", "x", "China", "2025-01-05", 100),
            row("a", "x", "China", "2025-01-12", 40),
            row("a", "x", "China", "2025-01-19", 70),
            row("a", "x", "China", "2025-01-26", 120),
        ];
        let hold = compute(rows.clone(), &counting()).expect("computes");
        assert_eq!(
            hold.totals,
            vec![120],
            "100, then nothing until past 100, then 20"
        );
        assert_eq!(
            hold.report.resets,
            vec![Reset {
                model: "a".into(),
                day: (2025, 1, 12),
                before: 100,
                after: 40
            }]
        );
        let restart = Config {
            reset: ResetRule::Restart,
            ..counting()
        };
        let r = compute(rows, &restart).expect("computes");
        assert_eq!(r.totals, vec![100 + 40 + 30 + 50]);
        assert_eq!(r.report.resets.len(), 1);
    }

    #[test]
    fn duplicates_merge_and_conflicts_fail() {
        let mut rows = vec![
            row("a", "x", "China", "2025-01-05", 100),
            row("a", "x", "China", "2025-01-05", 100),
        ];
        let c = compute(rows.clone(), &counting()).expect("computes");
        assert_eq!((c.totals[0], c.report.duplicates), (100, 1));
        rows[1].cumulative = Some(90);
        assert!(matches!(
            compute(rows, &counting()),
            Err(BuildError::Conflict { .. })
        ));
    }

    #[test]
    fn rows_without_date_or_count_are_skipped_and_counted() {
        let mut r = row("a", "x", "China", "2025-01-05", 100);
        r.day = None;
        let c =
            compute(vec![r, row("b", "y", "USA", "2025-01-05", 7)], &counting()).expect("computes");
        assert_eq!((c.totals[0], c.report.skipped, c.report.rows), (7, 1, 2));
        let mut only = row("a", "x", "China", "2025-01-05", 1);
        only.cumulative = None;
        assert_eq!(compute(vec![only], &counting()), Err(BuildError::NoData));
    }

    #[test]
    fn quarters_and_windows_sum_months() {
        let rows = vec![
            row("a", "x", "China", "2025-01-05", 10),
            row("a", "x", "China", "2025-03-05", 30),
            row("a", "x", "China", "2025-04-05", 60),
            row("b", "y", "Brazil", "2025-02-05", 20),
            row("d", "z", "Germany", "2025-02-05", 0),
        ];
        let c = compute(rows, &counting()).expect("computes");
        assert_eq!(c.group("other-countries"), Some(&[0, 20, 0, 0][..]));
        assert!(c
            .report
            .country_values
            .contains(&("Germany".into(), "europe".into(), 1)));
        let q = c.shares(c.group("china").expect("china"), Step::Quarter);
        assert_eq!(
            q,
            vec![
                Share {
                    period: PeriodKey::Quarter(2025, 1),
                    part: 30,
                    whole: 50
                },
                Share {
                    period: PeriodKey::Quarter(2025, 2),
                    part: 30,
                    whole: 30
                },
            ]
        );
        let china = c.group("china").expect("china");
        assert_eq!(c.over(china, (2025, 2), (2025, 4)), (50, 70, 3));
        let m = c.shares(china, Step::Month);
        assert_eq!(m.len(), 4);
        assert_eq!((m[1].part, m[1].whole), (0, 20));
    }

    #[test]
    fn group_flags_parse() {
        assert_eq!(
            parse_group("europe=Europe, EU"),
            Ok(Group {
                id: "europe".into(),
                values: vec!["Europe".into(), "EU".into()]
            })
        );
        assert!(parse_group("Europe").is_err());
        assert!(parse_group("Big Group=x").is_err());
    }
}
