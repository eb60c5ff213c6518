//! The Parquet reader: the dataset's five columns, streamed in batches of rows.
//!
//! Reads the five named top-level columns with the column readers (no record objects, no Arrow),
//! one row group and one batch at a time, and hands each row to a sink as a [`RowRef`] borrowed
//! from the batch: memory holds a batch, never the file. Accepted types: strings (`BYTE_ARRAY`) for
//! model, organisation and country; for time a timestamp (milli-, micro- or nanoseconds, `INT96`),
//! a `DATE` or a `YYYY-MM-DD` string; for downloads any integer, or a floating-point number
//! holding a whole number. Anything else is an error naming the column and its type.

use super::engine::RowRef;
use super::{epoch_day, parse_day, BuildError, Columns, Row};
use parquet::basic::{LogicalType, TimeUnit, Type as Physical};
use parquet::column::reader::{ColumnReader, ColumnReaderImpl};
use parquet::data_type::{
    ByteArrayType, DataType, DoubleType, FloatType, Int32Type, Int64Type, Int96, Int96Type,
};
use parquet::file::reader::{FileReader, RowGroupReader, SerializedFileReader};
use parquet::schema::types::Type;
use std::path::{Path, PathBuf};

/// Rows read at a time.
const BATCH: usize = 1 << 16;

/// The first and last day the builder accepts: 1900-01-01 and 2999-12-31.
const DAYS: core::ops::RangeInclusive<i32> = -25_567..=376_199;

/// How the time column is stored.
#[derive(Clone, Copy, Debug, PartialEq)]
enum TimeKind {
    /// `INT64` timestamps: this many units a day.
    PerDay(i64),
    /// `INT32` days since 1970-01-01.
    Date,
    Int96,
    Text,
}

/// How the downloads column is stored.
#[derive(Clone, Copy, Debug, PartialEq)]
enum CountKind {
    Int32 { signed: bool },
    Int64 { signed: bool },
    Float,
}

fn expected(role: &str) -> &'static str {
    match role {
        "time" => "a timestamp, a date or a YYYY-MM-DD string",
        "downloads" => "an integer count",
        _ => "strings",
    }
}

fn column_type(role: &'static str, t: &Type) -> Result<(), BuildError> {
    if t.is_primitive() {
        Ok(())
    } else {
        Err(BuildError::ColumnType {
            name: t.name().to_owned(),
            expected: expected(role),
            found: "a nested group or list".into(),
        })
    }
}

/// The column's type as the error shows it, and an error for `role`.
fn mistyped(role: &'static str, t: &Type) -> BuildError {
    let physical = t.get_physical_type();
    let found = match t.get_basic_info().logical_type_ref() {
        Some(l) => format!("{physical} ({l:?})"),
        None => format!("{physical}"),
    };
    BuildError::ColumnType {
        name: t.name().to_owned(),
        expected: expected(role),
        found,
    }
}

fn time_kind(t: &Type) -> Result<TimeKind, BuildError> {
    column_type("time", t)?;
    let logical = t.get_basic_info().logical_type_ref();
    match (t.get_physical_type(), logical) {
        (Physical::INT64, Some(LogicalType::Timestamp(ts))) => {
            Ok(TimeKind::PerDay(match ts.unit {
                TimeUnit::MILLIS => 86_400_000,
                TimeUnit::MICROS => 86_400_000_000,
                TimeUnit::NANOS => 86_400_000_000_000,
            }))
        }
        (Physical::INT96, _) => Ok(TimeKind::Int96),
        (Physical::BYTE_ARRAY, _) => Ok(TimeKind::Text),
        (Physical::INT32, Some(LogicalType::Date)) => Ok(TimeKind::Date),
        (Physical::INT32, _)
            if t.get_basic_info().converted_type() == parquet::basic::ConvertedType::DATE =>
        {
            Ok(TimeKind::Date)
        }
        _ => Err(mistyped("time", t)),
    }
}

fn count_kind(t: &Type) -> Result<CountKind, BuildError> {
    use parquet::basic::ConvertedType as C;
    column_type("downloads", t)?;
    let logical = t.get_basic_info().logical_type_ref();
    let signed = match (logical, t.get_basic_info().converted_type()) {
        (Some(LogicalType::Integer(int)), _) => int.is_signed,
        (Some(_), _) => return Err(mistyped("downloads", t)),
        // Files from older writers say it with the converted type only.
        (None, C::NONE | C::INT_8 | C::INT_16 | C::INT_32 | C::INT_64) => true,
        (None, C::UINT_8 | C::UINT_16 | C::UINT_32 | C::UINT_64) => false,
        (None, _) => return Err(mistyped("downloads", t)),
    };
    match t.get_physical_type() {
        Physical::INT32 => Ok(CountKind::Int32 { signed }),
        Physical::INT64 => Ok(CountKind::Int64 { signed }),
        Physical::DOUBLE | Physical::FLOAT if logical.is_none() => Ok(CountKind::Float),
        _ => Err(mistyped("downloads", t)),
    }
}

fn text_kind(role: &'static str, t: &Type) -> Result<(), BuildError> {
    column_type(role, t)?;
    match (t.get_physical_type(), t.get_basic_info().logical_type_ref()) {
        (Physical::BYTE_ARRAY, None | Some(LogicalType::String | LogicalType::Enum)) => Ok(()),
        _ => Err(mistyped(role, t)),
    }
}

/// An open Parquet file whose columns have been found and checked.
pub struct Input {
    path: PathBuf,
    reader: SerializedFileReader<std::fs::File>,
    /// Leaf column index and name of model, organisation, country, time, downloads.
    leaves: [(usize, String); 5],
    time: TimeKind,
    count: CountKind,
}

impl std::fmt::Debug for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "parquet::Input({})", self.path.display())
    }
}

/// Opens the Parquet file at `path` and checks its columns.
pub fn open(path: &Path, columns: &Columns) -> Result<Input, BuildError> {
    let file = std::fs::File::open(path)
        .map_err(|e| BuildError::Read(format!("{}: {e}", path.display())))?;
    let reader = SerializedFileReader::new(file).map_err(|e| {
        BuildError::Read(format!(
            "{}: not a Parquet file, or one cut short or corrupt ({e})",
            path.display()
        ))
    })?;
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    let fields = schema.root_schema().get_fields();
    let mut leaves: Vec<(usize, String)> = Vec::new();
    let mut time = TimeKind::Text;
    let mut count = CountKind::Float;
    for (role, name) in columns.all() {
        let field =
            fields
                .iter()
                .find(|f| f.name() == name)
                .ok_or_else(|| BuildError::MissingColumn {
                    role,
                    name: name.to_owned(),
                    found: fields.iter().map(|f| f.name().to_owned()).collect(),
                })?;
        match role {
            "time" => time = time_kind(field)?,
            "downloads" => count = count_kind(field)?,
            _ => text_kind(role, field)?,
        }
        let leaf = schema
            .columns()
            .iter()
            .position(|c| c.path().parts() == [name.to_owned()])
            .ok_or_else(|| BuildError::Read(format!("column `{name}` has no values")))?;
        leaves.push((leaf, name.to_owned()));
    }
    let leaves: [(usize, String); 5] = leaves
        .try_into()
        .map_err(|_| BuildError::Read("five columns expected".into()))?;
    Ok(Input {
        path: path.to_owned(),
        reader,
        leaves,
        time,
        count,
    })
}

/// One column of one row group, read a batch at a time.
struct Column<T: DataType> {
    reader: ColumnReaderImpl<T>,
    defs: Vec<i16>,
    values: Vec<T::T>,
    max_def: i16,
    /// Per row of the batch: the index of its value, or `None` for an empty cell.
    cells: Vec<Option<u32>>,
}

impl<T: DataType> Column<T> {
    fn new(reader: ColumnReaderImpl<T>, max_def: i16) -> Self {
        Column {
            reader,
            defs: Vec::with_capacity(BATCH),
            values: Vec::with_capacity(BATCH),
            max_def,
            cells: Vec::with_capacity(BATCH),
        }
    }

    /// Reads the next `n` rows; returns how many there were.
    fn fill(&mut self, n: usize) -> parquet::errors::Result<usize> {
        self.defs.clear();
        self.values.clear();
        self.cells.clear();
        let (rows, _, _) =
            self.reader
                .read_records(n, Some(&mut self.defs), None, &mut self.values)?;
        if self.max_def == 0 {
            self.cells.extend((0..rows as u32).map(Some));
        } else {
            let mut next = 0u32;
            for &d in &self.defs[..rows.min(self.defs.len())] {
                if d == self.max_def {
                    self.cells.push(Some(next));
                    next += 1;
                } else {
                    self.cells.push(None);
                }
            }
        }
        Ok(rows)
    }

    fn get(&self, row: usize) -> Option<&T::T> {
        self.cells
            .get(row)
            .copied()
            .flatten()
            .and_then(|i| self.values.get(i as usize))
    }
}

enum TimeColumn {
    Int64(Column<Int64Type>, i64),
    Int32(Column<Int32Type>),
    Int96(Column<Int96Type>),
    Text(Column<ByteArrayType>),
}

enum CountColumn {
    Int32(Column<Int32Type>, bool),
    Int64(Column<Int64Type>, bool),
    Double(Column<DoubleType>),
    Float(Column<FloatType>),
}

/// The reader of leaf `leaf` of the row group.
fn column(rg: &dyn RowGroupReader, leaf: usize) -> parquet::errors::Result<(ColumnReader, i16)> {
    let max_def = rg.metadata().column(leaf).column_descr().max_def_level();
    Ok((rg.get_column_reader(leaf)?, max_def))
}

fn text_column(rg: &dyn RowGroupReader, leaf: usize) -> Result<Column<ByteArrayType>, String> {
    match column(rg, leaf).map_err(|e| e.to_string())? {
        (ColumnReader::ByteArrayColumnReader(r), d) => Ok(Column::new(r, d)),
        _ => Err("not a string column".into()),
    }
}

impl Input {
    /// Rows in the file, as its footer says.
    pub fn rows(&self) -> u64 {
        u64::try_from(self.reader.metadata().file_metadata().num_rows()).unwrap_or(0)
    }

    /// Hands every row to `sink`, in the file's order; stops at the first error.
    pub fn read(
        &self,
        sink: &mut dyn FnMut(RowRef<'_>) -> Result<(), BuildError>,
    ) -> Result<(), BuildError> {
        let mut line = 0usize;
        for g in 0..self.reader.num_row_groups() {
            let corrupt = |column: &str, e: String| {
                BuildError::Read(format!(
                    "{}: the Parquet file is corrupt or cut short (row group {}, column `{column}`): {e}",
                    self.path.display(),
                    g + 1
                ))
            };
            let rg = self
                .reader
                .get_row_group(g)
                .map_err(|e| corrupt(&self.leaves[0].1, e.to_string()))?;
            let rg = rg.as_ref();
            let [model, org, country, time, count] = &self.leaves;
            let mut model_col = text_column(rg, model.0).map_err(|e| corrupt(&model.1, e))?;
            let mut org_col = text_column(rg, org.0).map_err(|e| corrupt(&org.1, e))?;
            let mut country_col = text_column(rg, country.0).map_err(|e| corrupt(&country.1, e))?;
            let mut time_col = match (
                column(rg, time.0).map_err(|e| corrupt(&time.1, e.to_string()))?,
                self.time,
            ) {
                ((ColumnReader::Int64ColumnReader(r), d), TimeKind::PerDay(per)) => {
                    TimeColumn::Int64(Column::new(r, d), per)
                }
                ((ColumnReader::Int32ColumnReader(r), d), TimeKind::Date) => {
                    TimeColumn::Int32(Column::new(r, d))
                }
                ((ColumnReader::Int96ColumnReader(r), d), TimeKind::Int96) => {
                    TimeColumn::Int96(Column::new(r, d))
                }
                ((ColumnReader::ByteArrayColumnReader(r), d), TimeKind::Text) => {
                    TimeColumn::Text(Column::new(r, d))
                }
                _ => return Err(corrupt(&time.1, "unexpected column type".into())),
            };
            let mut count_col = match (
                column(rg, count.0).map_err(|e| corrupt(&count.1, e.to_string()))?,
                self.count,
            ) {
                ((ColumnReader::Int32ColumnReader(r), d), CountKind::Int32 { signed }) => {
                    CountColumn::Int32(Column::new(r, d), signed)
                }
                ((ColumnReader::Int64ColumnReader(r), d), CountKind::Int64 { signed }) => {
                    CountColumn::Int64(Column::new(r, d), signed)
                }
                ((ColumnReader::DoubleColumnReader(r), d), CountKind::Float) => {
                    CountColumn::Double(Column::new(r, d))
                }
                ((ColumnReader::FloatColumnReader(r), d), CountKind::Float) => {
                    CountColumn::Float(Column::new(r, d))
                }
                _ => return Err(corrupt(&count.1, "unexpected column type".into())),
            };
            loop {
                let fill = |name: &str, r: parquet::errors::Result<usize>| {
                    r.map_err(|e| corrupt(name, e.to_string()))
                };
                let n = fill(&model.1, model_col.fill(BATCH))?;
                if n == 0 {
                    break;
                }
                let lengths = [
                    fill(&org.1, org_col.fill(n))?,
                    fill(&country.1, country_col.fill(n))?,
                    fill(
                        &time.1,
                        match &mut time_col {
                            TimeColumn::Int64(c, _) => c.fill(n),
                            TimeColumn::Int32(c) => c.fill(n),
                            TimeColumn::Int96(c) => c.fill(n),
                            TimeColumn::Text(c) => c.fill(n),
                        },
                    )?,
                    fill(
                        &count.1,
                        match &mut count_col {
                            CountColumn::Int32(c, _) => c.fill(n),
                            CountColumn::Int64(c, _) => c.fill(n),
                            CountColumn::Double(c) => c.fill(n),
                            CountColumn::Float(c) => c.fill(n),
                        },
                    )?,
                ];
                if lengths.iter().any(|&l| l != n) {
                    return Err(corrupt(&model.1, "columns of different lengths".into()));
                }
                for i in 0..n {
                    line += 1;
                    let bad = |column: &str, problem: String| BuildError::BadCell {
                        row: line,
                        column: column.to_owned(),
                        problem,
                    };
                    fn text<'c>(
                        c: &'c Column<ByteArrayType>,
                        i: usize,
                        bad: impl Fn(&str, String) -> BuildError,
                        name: &str,
                    ) -> Result<Option<&'c str>, BuildError> {
                        match c.get(i) {
                            None => Ok(None),
                            Some(b) => std::str::from_utf8(b.data())
                                .map(|s| Some(s).filter(|s| !s.trim().is_empty()))
                                .map_err(|_| bad(name, "not UTF-8 text".into())),
                        }
                    }
                    let model_id = text(&model_col, i, bad, &model.1)?
                        .ok_or_else(|| bad(&model.1, "empty model id".into()))?;
                    let day = match &time_col {
                        TimeColumn::Int64(c, per) => c.get(i).map(|v| v.div_euclid(*per)),
                        TimeColumn::Int32(c) => c.get(i).map(|v| i64::from(*v)),
                        TimeColumn::Int96(c) => c.get(i).map(int96_day),
                        TimeColumn::Text(c) => match text(c, i, bad, &time.1)? {
                            None => None,
                            Some(s) => {
                                Some(parse_day(s).map(|d| i64::from(epoch_day(d))).ok_or_else(
                                    || bad(&time.1, format!("`{s}` is not a date (YYYY-MM-DD)")),
                                )?)
                            }
                        },
                    };
                    let day = match day {
                        None => None,
                        Some(d) => Some(
                            i32::try_from(d)
                                .ok()
                                .filter(|d| DAYS.contains(d))
                                .ok_or_else(|| {
                                    bad(&time.1, "a date outside the years 1900–2999".into())
                                })?,
                        ),
                    };
                    let cumulative = match &count_col {
                        CountColumn::Int32(c, true) => c.get(i).map(|v| whole(i64::from(*v))),
                        CountColumn::Int32(c, false) => c.get(i).map(|v| Ok(u64::from(*v as u32))),
                        CountColumn::Int64(c, true) => c.get(i).map(|v| whole(*v)),
                        CountColumn::Int64(c, false) => c.get(i).map(|v| Ok(*v as u64)),
                        CountColumn::Double(c) => c.get(i).and_then(|v| float(*v)),
                        CountColumn::Float(c) => c.get(i).and_then(|v| float(f64::from(*v))),
                    }
                    .transpose()
                    .map_err(|p| bad(&count.1, p))?;
                    sink(RowRef {
                        model: model_id,
                        org: text(&org_col, i, bad, &org.1)?,
                        country: text(&country_col, i, bad, &country.1)?,
                        day,
                        cumulative,
                    })?;
                }
            }
        }
        Ok(())
    }
}

/// The day of an `INT96` timestamp: its Julian day, plus the whole days of its nanoseconds (not
/// through nanoseconds since 1970, which wrap outside the years 1677-2262).
fn int96_day(v: &Int96) -> i64 {
    let d = v.data();
    let nanos = u64::from(d[0]) | (u64::from(d[1]) << 32);
    i64::from(d[2]) - 2_440_588 + (nanos / 86_400_000_000_000) as i64
}

/// A signed count: zero or more.
fn whole(v: i64) -> Result<u64, String> {
    u64::try_from(v).map_err(|_| format!("negative count {v}"))
}

/// A floating-point count: a whole number of zero or more; NaN is an empty cell.
fn float(v: f64) -> Option<Result<u64, String>> {
    if v.is_nan() {
        None
    } else if v.fract() == 0.0 && (0.0..9.0e15).contains(&v) {
        Some(Ok(v as u64))
    } else {
        Some(Err(format!("{v} is not a whole number of downloads")))
    }
}

/// Reads the whole Parquet file at `path` into rows (tests and small files).
pub fn read(path: &Path, columns: &Columns) -> Result<Vec<Row>, BuildError> {
    let input = open(path, columns)?;
    let mut rows = Vec::new();
    input.read(&mut |r| {
        rows.push(r.to_row());
        Ok(())
    })?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::super::day_from_epoch;
    use super::*;

    #[test]
    fn int96_days_come_from_the_julian_day_beyond_the_nanosecond_range() {
        for (day, nanos) in [
            ((1970, 1, 1), 0u64),
            ((2025, 8, 3), 3_600_000_000_000),
            // After 2262, nanoseconds since 1970 no longer fit in 64 bits.
            ((2500, 1, 1), 86_399_999_999_999),
            ((1900, 1, 1), 0),
        ] {
            let julian = i64::from(epoch_day(day)) + 2_440_588;
            let mut v = Int96::new();
            v.set_data(nanos as u32, (nanos >> 32) as u32, julian as u32);
            assert_eq!(day_from_epoch(int96_day(&v)), Some(day));
        }
    }
}
