//! The CSV reader: a CSV export of the dataset's columns (a header row, then one row per model per
//! date; RFC 4180 quoting), streamed a record at a time into [`RowRef`]s.

use super::engine::RowRef;
use super::{epoch_day, parse_day, BuildError, Columns, Row};
use std::io::BufRead;

/// The records of CSV text read a line at a time: fields, with the line each record starts on.
struct Records<R> {
    input: R,
    /// Lines read so far.
    line: usize,
    buf: String,
}

/// Where a record stands after a line.
enum State {
    /// Complete (or the line was empty and `any` is false).
    Done,
    /// A quoted field goes on on the next line.
    Open,
}

impl<R: BufRead> Records<R> {
    fn new(input: R) -> Self {
        Records {
            input,
            line: 0,
            buf: String::new(),
        }
    }

    /// The next record and the line it starts on; `None` at the end.
    fn next(&mut self) -> Result<Option<(usize, Vec<String>)>, BuildError> {
        let mut record: Vec<String> = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut any = false;
        let mut start = self.line + 1;
        loop {
            self.buf.clear();
            let n = self.input.read_line(&mut self.buf).map_err(|e| {
                BuildError::Read(if e.kind() == std::io::ErrorKind::InvalidData {
                    format!("line {}: the CSV file is not UTF-8", self.line + 1)
                } else {
                    e.to_string()
                })
            })?;
            if n == 0 {
                if quoted {
                    return Err(BuildError::Read(format!(
                        "line {start}: a quoted field is not closed"
                    )));
                }
                if any || !field.is_empty() {
                    record.push(field);
                    return Ok(Some((start, record)));
                }
                return Ok(None);
            }
            self.line += 1;
            let text = if self.line == 1 {
                self.buf.strip_prefix('\u{feff}').unwrap_or(&self.buf)
            } else {
                &self.buf
            };
            let state = split_line(text, &mut record, &mut field, &mut quoted, &mut any);
            match state {
                State::Open => {}
                State::Done if any || !field.is_empty() || !record.is_empty() => {
                    record.push(core::mem::take(&mut field));
                    return Ok(Some((start, record)));
                }
                State::Done => start = self.line + 1,
            }
        }
    }
}

/// Adds a line's characters to the record being read.
fn split_line(
    text: &str,
    record: &mut Vec<String>,
    field: &mut String,
    quoted: &mut bool,
    any: &mut bool,
) -> State {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if *quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => *quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                *quoted = true;
                *any = true;
            }
            ',' => {
                record.push(core::mem::take(field));
                *any = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => return State::Done,
            _ => {
                field.push(c);
                *any = true;
            }
        }
    }
    if *quoted {
        State::Open
    } else {
        // The last line of a file without a final newline.
        State::Done
    }
}

/// Reads CSV from `input` with the named columns and hands each row to `sink`. Empty cells are
/// empty values; a date must start with `YYYY-MM-DD`; a count must be a whole number of zero or
/// more (`12` or `12.0`).
pub fn read_from(
    input: impl BufRead,
    columns: &Columns,
    sink: &mut dyn FnMut(RowRef<'_>) -> Result<(), BuildError>,
) -> Result<(), BuildError> {
    let mut recs = Records::new(input);
    let Some((_, header)) = recs.next()? else {
        return Err(BuildError::Read("the CSV file is empty".into()));
    };
    let header: Vec<String> = header.into_iter().map(|h| h.trim().to_owned()).collect();
    let mut at = [0usize; 5];
    for (k, (role, name)) in columns.all().into_iter().enumerate() {
        at[k] = header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| BuildError::MissingColumn {
                role,
                name: name.to_owned(),
                found: header.clone(),
            })?;
    }
    while let Some((line, rec)) = recs.next()? {
        if rec.len() != header.len() {
            return Err(BuildError::Read(format!(
                "line {line}: {} fields, the header has {}",
                rec.len(),
                header.len()
            )));
        }
        let cell = |k: usize| rec[at[k]].trim();
        let text = |k: usize| Some(cell(k)).filter(|s| !s.is_empty());
        let model = text(0).ok_or_else(|| BuildError::BadCell {
            row: line,
            column: columns.model.clone(),
            problem: "empty model id".into(),
        })?;
        let day = match cell(3) {
            "" => None,
            s => Some(
                parse_day(s)
                    .map(epoch_day)
                    .ok_or_else(|| BuildError::BadCell {
                        row: line,
                        column: columns.time.clone(),
                        problem: format!("`{s}` is not a date (YYYY-MM-DD)"),
                    })?,
            ),
        };
        let cumulative = match cell(4) {
            "" => None,
            s => Some(parse_count(s).ok_or_else(|| BuildError::BadCell {
                row: line,
                column: columns.downloads.clone(),
                problem: format!("`{s}` is not a whole number of downloads"),
            })?),
        };
        sink(RowRef {
            model,
            org: text(1),
            country: text(2),
            day,
            cumulative,
        })?;
    }
    Ok(())
}

/// Reads CSV text into rows (tests and small files).
pub fn read(text: &str, columns: &Columns) -> Result<Vec<Row>, BuildError> {
    let mut rows = Vec::new();
    read_from(text.as_bytes(), columns, &mut |r| {
        rows.push(r.to_row());
        Ok(())
    })?;
    Ok(rows)
}

/// A whole number of zero or more, written as digits with an optional `.0…` (as pandas writes a
/// count column that had an empty cell).
fn parse_count(s: &str) -> Option<u64> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b == b'0')
    {
        return None;
    }
    int.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str) -> Result<Vec<(usize, Vec<String>)>, BuildError> {
        let mut r = Records::new(text.as_bytes());
        let mut out = Vec::new();
        while let Some(rec) = r.next()? {
            out.push(rec);
        }
        Ok(out)
    }

    #[test]
    fn quoted_fields_and_line_endings() {
        let r = records("a,b\r\n\"x, \"\"y\"\"\",2\n\n\"multi\nline\",3").expect("parses");
        assert_eq!(
            r,
            vec![
                (1, vec!["a".to_owned(), "b".to_owned()]),
                (2, vec!["x, \"y\"".to_owned(), "2".to_owned()]),
                (4, vec!["multi\nline".to_owned(), "3".to_owned()]),
            ]
        );
        assert!(records("a\n\"open").is_err());
    }

    #[test]
    fn counts_are_whole_numbers() {
        assert_eq!(parse_count("12"), Some(12));
        assert_eq!(parse_count("12.0"), Some(12));
        assert_eq!(parse_count("12.5"), None);
        assert_eq!(parse_count("-1"), None);
        assert_eq!(parse_count("1e3"), None);
    }
}
