//! The Parquet reader: the dataset's columns into [`Row`]s.
//!
//! Reads the five named top-level columns through the record API. Accepted types: strings
//! (`BYTE_ARRAY`) for model, organisation and country; for time a timestamp (milli-, micro- or
//! nanoseconds, `INT96`), a `DATE` or a `YYYY-MM-DD` string; for downloads any integer, or a
//! double holding a whole number. Anything else is an error naming the column and its type.

use super::{day_from_epoch, parse_day, BuildError, Columns, Row};
use parquet::basic::{LogicalType, TimeUnit, Type as Physical};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::reader::RowIter;
use parquet::record::Field;
use parquet::schema::types::Type;
use std::sync::Arc;

/// How the time column's integers are read.
#[derive(Clone, Copy, Debug, PartialEq)]
enum TimeKind {
    /// A `Long` holding this many units per day (timestamps the record API leaves as integers).
    PerDay(i64),
    /// The record API converts the values itself (dates, milli/microsecond timestamps, strings).
    Converted,
}

/// Checks a column's type for its role; returns how to read a time column.
fn check_type(role: &'static str, t: &Type) -> Result<TimeKind, BuildError> {
    let name = t.name().to_owned();
    if !t.is_primitive() {
        return Err(BuildError::ColumnType {
            name,
            expected: expected(role),
            found: "a nested group or list".into(),
        });
    }
    let physical = t.get_physical_type();
    let logical = t.get_basic_info().logical_type_ref().cloned();
    let found = match &logical {
        Some(l) => format!("{physical} ({l:?})"),
        None => format!("{physical}"),
    };
    let bad = || BuildError::ColumnType {
        name: name.clone(),
        expected: expected(role),
        found: found.clone(),
    };
    match role {
        "time" => match (physical, &logical) {
            (Physical::INT64, Some(LogicalType::Timestamp(ts))) => Ok(match ts.unit {
                TimeUnit::NANOS => TimeKind::PerDay(86_400_000_000_000),
                // The record API converts milli- and microsecond timestamps.
                _ => TimeKind::Converted,
            }),
            (Physical::INT96, _) | (Physical::BYTE_ARRAY, _) => Ok(TimeKind::Converted),
            (Physical::INT32, Some(LogicalType::Date)) => Ok(TimeKind::Converted),
            _ if t.get_basic_info().converted_type() == parquet::basic::ConvertedType::DATE => {
                Ok(TimeKind::Converted)
            }
            _ => Err(bad()),
        },
        "downloads" => match (physical, &logical) {
            (Physical::INT32 | Physical::INT64, None | Some(LogicalType::Integer(_))) => {
                Ok(TimeKind::Converted)
            }
            (Physical::DOUBLE | Physical::FLOAT, None) => Ok(TimeKind::Converted),
            _ => Err(bad()),
        },
        _ => match (physical, &logical) {
            (Physical::BYTE_ARRAY, None | Some(LogicalType::String | LogicalType::Enum)) => {
                Ok(TimeKind::Converted)
            }
            _ => Err(bad()),
        },
    }
}

fn expected(role: &str) -> &'static str {
    match role {
        "time" => "a timestamp, a date or a YYYY-MM-DD string",
        "downloads" => "an integer count",
        _ => "strings",
    }
}

/// Reads the Parquet file at `path`.
pub fn read(path: &std::path::Path, columns: &Columns) -> Result<Vec<Row>, BuildError> {
    let file = std::fs::File::open(path)
        .map_err(|e| BuildError::Read(format!("{}: {e}", path.display())))?;
    let reader = SerializedFileReader::new(file)
        .map_err(|e| BuildError::Read(format!("{}: not a Parquet file: {e}", path.display())))?;
    let schema = reader.metadata().file_metadata().schema();
    let fields = schema.get_fields();
    let mut picked: Vec<Arc<Type>> = Vec::new();
    let mut time_kind = TimeKind::Converted;
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
        let kind = check_type(role, field)?;
        if role == "time" {
            time_kind = kind;
        }
        if !picked.iter().any(|p| p.name() == name) {
            picked.push(field.clone());
        }
    }
    let projection = Type::group_type_builder(schema.name())
        .with_fields(picked)
        .build()
        .map_err(|e| BuildError::Read(e.to_string()))?;
    let iter = RowIter::from_file(Some(projection), &reader)
        .map_err(|e| BuildError::Read(format!("{}: {e}", path.display())))?;

    let mut rows = Vec::new();
    for (n, row) in iter.enumerate() {
        let line = n + 1;
        let row = row.map_err(|e| BuildError::Read(format!("row {line}: {e}")))?;
        let get = |name: &str| -> Option<&Field> {
            row.get_column_iter()
                .find(|(k, _)| k.as_str() == name)
                .map(|(_, f)| f)
        };
        let text = |name: &str| -> Result<Option<String>, BuildError> {
            match get(name) {
                None | Some(Field::Null) => Ok(None),
                Some(Field::Str(s)) => Ok(Some(s.clone()).filter(|s| !s.trim().is_empty())),
                Some(Field::Bytes(b)) => std::str::from_utf8(b.data())
                    .map(|s| Some(s.to_owned()).filter(|s| !s.trim().is_empty()))
                    .map_err(|_| BuildError::BadCell {
                        row: line,
                        column: name.to_owned(),
                        problem: "not UTF-8 text".into(),
                    }),
                Some(other) => Err(BuildError::BadCell {
                    row: line,
                    column: name.to_owned(),
                    problem: format!("{other} is not text"),
                }),
            }
        };
        let bad = |column: &str, problem: String| BuildError::BadCell {
            row: line,
            column: column.to_owned(),
            problem,
        };
        let model =
            text(&columns.model)?.ok_or_else(|| bad(&columns.model, "empty model id".into()))?;
        let day =
            match get(&columns.time) {
                None | Some(Field::Null) => None,
                Some(Field::Str(s)) => Some(parse_day(s).ok_or_else(|| {
                    bad(&columns.time, format!("`{s}` is not a date (YYYY-MM-DD)"))
                })?),
                Some(f) => {
                    let days = match (f, time_kind) {
                        (Field::Long(v), TimeKind::PerDay(per)) => v.div_euclid(per),
                        (Field::TimestampMillis(v), _) => v.div_euclid(86_400_000),
                        (Field::TimestampMicros(v), _) => v.div_euclid(86_400_000_000),
                        (Field::Date(d), _) => i64::from(*d),
                        (other, _) => {
                            return Err(bad(&columns.time, format!("{other} is not a date")));
                        }
                    };
                    Some(day_from_epoch(days).ok_or_else(|| {
                        bad(&columns.time, "a date outside the years 1900–2999".into())
                    })?)
                }
            };
        rows.push(Row {
            model,
            org: text(&columns.org)?,
            country: text(&columns.country)?,
            day,
            cumulative: count(get(&columns.downloads)).map_err(|p| bad(&columns.downloads, p))?,
        });
    }
    Ok(rows)
}

/// A download count cell: a whole number of zero or more, or empty.
fn count(f: Option<&Field>) -> Result<Option<u64>, String> {
    let whole = |v: i64| {
        u64::try_from(v)
            .map(Some)
            .map_err(|_| format!("negative count {v}"))
    };
    match f {
        None | Some(Field::Null) => Ok(None),
        Some(Field::Long(v)) => whole(*v),
        Some(Field::Int(v)) => whole(i64::from(*v)),
        Some(Field::Short(v)) => whole(i64::from(*v)),
        Some(Field::Byte(v)) => whole(i64::from(*v)),
        Some(Field::ULong(v)) => Ok(Some(*v)),
        Some(Field::UInt(v)) => Ok(Some(u64::from(*v))),
        Some(Field::UShort(v)) => Ok(Some(u64::from(*v))),
        Some(Field::UByte(v)) => Ok(Some(u64::from(*v))),
        Some(Field::Double(v)) if v.is_nan() => Ok(None),
        Some(Field::Double(v)) if v.fract() == 0.0 && *v >= 0.0 && *v < 9.0e15 => {
            Ok(Some(*v as u64))
        }
        Some(Field::Float(v)) if v.is_nan() => Ok(None),
        Some(other) => Err(format!("{other} is not a whole number of downloads")),
    }
}
