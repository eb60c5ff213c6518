//! The CSV reader: a CSV export of the dataset's columns (a header row, then one row per model per
//! date; RFC 4180 quoting) into [`Row`]s.

use super::{parse_day, BuildError, Columns, Row};

/// Splits CSV text into records of fields, with the line each record starts on.
fn records(text: &str) -> Result<Vec<(usize, Vec<String>)>, BuildError> {
    let mut out = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut start = 1;
    let mut chars = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .chars()
        .peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                quoted = true;
                any = true;
            }
            ',' => {
                record.push(core::mem::take(&mut field));
                any = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                if any || !field.is_empty() {
                    record.push(core::mem::take(&mut field));
                    out.push((start, core::mem::take(&mut record)));
                }
                any = false;
                line += 1;
                start = line;
            }
            _ => {
                field.push(c);
                any = true;
            }
        }
    }
    if quoted {
        return Err(BuildError::Read(format!(
            "line {start}: a quoted field is not closed"
        )));
    }
    if any || !field.is_empty() {
        record.push(field);
        out.push((start, record));
    }
    Ok(out)
}

/// Reads `text` as CSV with the named columns. Empty cells are empty values; a date must start
/// with `YYYY-MM-DD`; a count must be a whole number of zero or more (`12` or `12.0`).
pub fn read(text: &str, columns: &Columns) -> Result<Vec<Row>, BuildError> {
    let mut recs = records(text)?.into_iter();
    let Some((_, header)) = recs.next() else {
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
    let mut rows = Vec::new();
    for (line, rec) in recs {
        if rec.len() != header.len() {
            return Err(BuildError::Read(format!(
                "line {line}: {} fields, the header has {}",
                rec.len(),
                header.len()
            )));
        }
        let cell = |k: usize| rec[at[k]].trim();
        let text = |k: usize| Some(cell(k).to_owned()).filter(|s| !s.is_empty());
        let model = text(0).ok_or_else(|| BuildError::BadCell {
            row: line,
            column: columns.model.clone(),
            problem: "empty model id".into(),
        })?;
        let day = match cell(3) {
            "" => None,
            s => Some(parse_day(s).ok_or_else(|| BuildError::BadCell {
                row: line,
                column: columns.time.clone(),
                problem: format!("`{s}` is not a date (YYYY-MM-DD)"),
            })?),
        };
        let cumulative = match cell(4) {
            "" => None,
            s => Some(parse_count(s).ok_or_else(|| BuildError::BadCell {
                row: line,
                column: columns.downloads.clone(),
                problem: format!("`{s}` is not a whole number of downloads"),
            })?),
        };
        rows.push(Row {
            model,
            org: text(1),
            country: text(2),
            day,
            cumulative,
        });
    }
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
