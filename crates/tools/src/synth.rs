//! A synthetic dataset shaped like the study's (test and benchmark data, never shipped): one row
//! per model per weekly snapshot, the five columns the builder reads, written as the released file
//! is (dictionary-encoded strings, nanosecond timestamps, Snappy, row groups of about a million
//! rows), in time order, model order or neither.
//!
//! Every cell is a function of the model and the week, so that any order writes the same rows:
//! - models start at a week skewed towards the end (as uploads grew), and stay to the last week:
//!   about `models × weeks / 7` rows;
//! - a model's cumulative count grows by its own weekly rate with a jitter below that rate (never
//!   down), except for a dip (a counter reset) about once in 20,000 rows and an empty count about
//!   once in 50,000 ([`Shape::rare`]);
//! - organisations are drawn with a heavy head (a few hold most models), each with one country
//!   value of the dataset's (China, USA, European countries, `User`, empty, others).

use parquet::basic::{Compression, LogicalType, Repetition, TimeUnit, Type as Physical};
use parquet::data_type::{ByteArray, ByteArrayType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use std::sync::Arc;

/// The order of the rows in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// By week, then model: as the released dataset.
    Time,
    /// By model, then week.
    Model,
    /// Weeks and models each in a scrambled order: sorted by neither.
    Scrambled,
}

impl Order {
    pub fn parse(s: &str) -> Option<Order> {
        match s {
            "time" => Some(Order::Time),
            "model" => Some(Order::Model),
            "scrambled" => Some(Order::Scrambled),
            _ => None,
        }
    }
}

/// The shape of a synthetic dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    pub models: u64,
    pub weeks: u64,
    pub seed: u64,
    /// One row in `rare` dips (a counter reset); one in `rare × 5 / 2` has no count. The
    /// benchmark's 20,000; tests make them frequent.
    pub rare: u64,
}

impl Shape {
    /// `models` and `weeks` with the benchmark's seed and rarities.
    pub fn new(models: u64, weeks: u64) -> Shape {
        Shape {
            models,
            weeks,
            seed: 1,
            rare: 20_000,
        }
    }
}

/// The first snapshot: 2020-06-07, days since 1970-01-01.
const FIRST_DAY: i64 = 18_420;

/// SplitMix64: a well-mixed 64-bit value of `x`.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// A value in [0, 1) from `x`.
fn unit(x: u64) -> f64 {
    (mix(x) >> 11) as f64 / (1u64 << 53) as f64
}

const COUNTRIES: &[(&str, u32)] = &[
    ("China", 14),
    ("USA", 24),
    ("United States of America", 2),
    ("Germany", 3),
    ("France", 3),
    ("United Kingdom", 3),
    ("Europe", 2),
    ("User", 18),
    ("International / Online", 2),
    ("", 15),
    ("India", 4),
    ("South Korea", 4),
    ("Canada", 3),
    ("Israel", 3),
];

/// One row: model, author, country (`None` when empty), day, cumulative count (`None` when
/// empty).
#[derive(Clone, Debug, PartialEq)]
pub struct SynthRow {
    pub model: String,
    pub author: String,
    pub country: Option<&'static str>,
    pub day: i64,
    pub cumulative: Option<i64>,
}

impl Shape {
    fn key(&self, a: u64, b: u64) -> u64 {
        mix(self.seed ^ mix(a.wrapping_mul(0x1000_0000_01b3) ^ b))
    }

    /// Whether model `m`'s count dips in week `w`.
    pub fn dips(&self, m: u64, w: u64) -> bool {
        self.key(m, 1_000 + w) % self.rare.max(1) == 7
    }

    /// The week model `m` first appears.
    pub fn start(&self, m: u64) -> u64 {
        let lifetime = (self.weeks as f64 * unit(self.key(m, 1)).powi(6)).ceil() as u64;
        self.weeks - lifetime.clamp(1, self.weeks)
    }

    fn organisations(&self) -> u64 {
        (self.models / 8).max(1)
    }

    fn author(&self, m: u64) -> u64 {
        (self.organisations() as f64 * unit(self.key(m, 2)).powi(3)) as u64
    }

    fn country(&self, org: u64) -> &'static str {
        let total: u32 = COUNTRIES.iter().map(|c| c.1).sum();
        let mut pick = (mix(self.seed ^ org.wrapping_mul(31) ^ 3) % u64::from(total)) as u32;
        for (name, weight) in COUNTRIES {
            if pick < *weight {
                return name;
            }
            pick -= weight;
        }
        ""
    }

    /// The row of model `m` in week `w` (`w` at or after its start).
    pub fn row(&self, m: u64, w: u64) -> SynthRow {
        let org = self.author(m);
        let rate = 1 + (2_000.0 * unit(self.key(m, 4)).powi(4)) as u64;
        let k = w - self.start(m) + 1;
        let h = self.key(m, 1_000 + w);
        let mut cumulative = rate * k * (k + 1) / 2 + h % rate;
        if self.dips(m, w) {
            cumulative /= 2;
        }
        let author = format!("org-{org}");
        let country = self.country(org);
        SynthRow {
            model: format!("{author}/model-{m}"),
            author,
            country: (!country.is_empty()).then_some(country),
            day: FIRST_DAY + 7 * w as i64,
            cumulative: (h % (self.rare.max(1) * 5 / 2).max(1) != 11)
                .then(|| cumulative.min(i64::MAX as u64) as i64),
        }
    }

    /// Every (model, week) of the dataset in `order`.
    pub fn cells(&self, order: Order) -> Box<dyn Iterator<Item = (u64, u64)> + '_> {
        let (models, weeks) = (self.models, self.weeks);
        match order {
            Order::Time => Box::new((0..weeks).flat_map(move |w| {
                (0..models)
                    .filter(move |&m| self.start(m) <= w)
                    .map(move |m| (m, w))
            })),
            Order::Model => {
                Box::new((0..models).flat_map(move |m| (self.start(m)..weeks).map(move |w| (m, w))))
            }
            Order::Scrambled => {
                let wstep = coprime(weeks, 7919);
                let mstep = coprime(models, 104_729);
                Box::new((0..weeks).flat_map(move |j| {
                    let w = (j * wstep + 3) % weeks;
                    (0..models)
                        .map(move |i| (i * mstep + 5) % models)
                        .filter(move |&m| self.start(m) <= w)
                        .map(move |m| (m, w))
                }))
            }
        }
    }

    /// Rows the dataset has.
    pub fn rows(&self) -> u64 {
        (0..self.models).map(|m| self.weeks - self.start(m)).sum()
    }
}

/// A step near `near` with no common divisor with `n`: visits every value mod `n` once.
fn coprime(n: u64, near: u64) -> u64 {
    let gcd = |mut a: u64, mut b: u64| {
        while b != 0 {
            (a, b) = (b, a % b);
        }
        a
    };
    (near..).find(|&s| gcd(s, n.max(1)) == 1).unwrap_or(1)
}

/// Rows per row group.
const GROUP_ROWS: usize = 1 << 20;

/// Writes the dataset to `path` in `order`; returns the rows written.
pub fn write(path: &std::path::Path, shape: Shape, order: Order) -> Result<u64, String> {
    write_in_groups(path, shape, order, GROUP_ROWS)
}

/// [`write`] with row groups of `group_rows` rows.
pub fn write_in_groups(
    path: &std::path::Path,
    shape: Shape,
    order: Order,
    group_rows: usize,
) -> Result<u64, String> {
    let group_rows = group_rows.max(1);
    let err = |e: parquet::errors::ParquetError| e.to_string();
    let string = |name: &str| {
        Type::primitive_type_builder(name, Physical::BYTE_ARRAY)
            .with_logical_type(Some(LogicalType::String))
            .with_repetition(Repetition::OPTIONAL)
            .build()
            .map(Arc::new)
    };
    let time = Type::primitive_type_builder("time", Physical::INT64)
        .with_logical_type(Some(LogicalType::timestamp(false, TimeUnit::NANOS)))
        .with_repetition(Repetition::OPTIONAL)
        .build()
        .map(Arc::new)
        .map_err(err)?;
    let downloads = Type::primitive_type_builder("downloadsAllTime", Physical::INT64)
        .with_repetition(Repetition::OPTIONAL)
        .build()
        .map(Arc::new)
        .map_err(err)?;
    let schema = Type::group_type_builder("schema")
        .with_fields(vec![
            string("model").map_err(err)?,
            string("author").map_err(err)?,
            time,
            downloads,
            string("merged_country_groups_single").map_err(err)?,
        ])
        .build()
        .map_err(err)?;
    let file = std::fs::File::create(path).map_err(|e| e.to_string())?;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let mut writer =
        SerializedFileWriter::new(file, Arc::new(schema), Arc::new(props)).map_err(err)?;
    let mut batch: Vec<SynthRow> = Vec::with_capacity(group_rows.min(GROUP_ROWS));
    let mut written = 0u64;
    let mut flush = |batch: &mut Vec<SynthRow>| -> Result<(), String> {
        let mut group = writer.next_row_group().map_err(err)?;
        let text = |values: Vec<Option<&str>>| {
            let defs: Vec<i16> = values.iter().map(|v| i16::from(v.is_some())).collect();
            let data: Vec<ByteArray> = values.into_iter().flatten().map(ByteArray::from).collect();
            (data, defs)
        };
        for k in 0..5 {
            let mut col = group
                .next_column()
                .map_err(err)?
                .ok_or("a column is missing")?;
            match k {
                0 | 1 | 4 => {
                    let (data, defs) = text(
                        batch
                            .iter()
                            .map(|r| match k {
                                0 => Some(r.model.as_str()),
                                1 => Some(r.author.as_str()),
                                _ => r.country,
                            })
                            .collect(),
                    );
                    col.typed::<ByteArrayType>()
                        .write_batch(&data, Some(&defs), None)
                        .map_err(err)?;
                }
                2 => {
                    let data: Vec<i64> = batch.iter().map(|r| r.day * 86_400_000_000_000).collect();
                    col.typed::<Int64Type>()
                        .write_batch(&data, Some(&vec![1; batch.len()]), None)
                        .map_err(err)?;
                }
                _ => {
                    let defs: Vec<i16> = batch
                        .iter()
                        .map(|r| i16::from(r.cumulative.is_some()))
                        .collect();
                    let data: Vec<i64> = batch.iter().filter_map(|r| r.cumulative).collect();
                    col.typed::<Int64Type>()
                        .write_batch(&data, Some(&defs), None)
                        .map_err(err)?;
                }
            }
            col.close().map_err(err)?;
        }
        group.close().map_err(err)?;
        batch.clear();
        Ok(())
    };
    for (m, w) in shape.cells(order) {
        batch.push(shape.row(m, w));
        written += 1;
        if batch.len() == group_rows {
            flush(&mut batch)?;
        }
    }
    if !batch.is_empty() {
        flush(&mut batch)?;
    }
    writer.close().map_err(err)?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_order_holds_the_same_rows() {
        let shape = Shape::new(50, 30);
        let mut sets: Vec<Vec<(u64, u64)>> = [Order::Time, Order::Model, Order::Scrambled]
            .into_iter()
            .map(|o| shape.cells(o).collect())
            .collect();
        assert_eq!(sets[0].len() as u64, shape.rows());
        assert_ne!(sets[0], sets[2], "scrambled is another order");
        for s in &mut sets {
            s.sort();
        }
        assert_eq!(sets[0], sets[1]);
        assert_eq!(sets[0], sets[2]);
    }

    #[test]
    fn counts_never_fall_but_at_a_reset() {
        let shape = Shape {
            rare: 50,
            ..Shape::new(200, 60)
        };
        let mut dips = 0;
        for m in 0..shape.models {
            let mut last = 0;
            for w in shape.start(m)..shape.weeks {
                let dip = shape.dips(m, w);
                dips += usize::from(dip);
                if let Some(c) = shape.row(m, w).cumulative {
                    assert!(c >= last || dip, "model {m} week {w}");
                    if !dip {
                        last = c;
                    }
                }
            }
        }
        assert!(dips > 0);
    }
}
