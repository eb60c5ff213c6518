//! The figures of one measure ([`crate::figures::rows`]) as the reader takes them away: the CSV
//! and JSON downloads (exactly the data in the current view, with sources), the table's pages,
//! and the downloads' file names.

use crate::figures::Row;
use crate::markup::json_string;
use crate::snapshot::{MetricIndex, Snapshot, Unit};
use crate::text::{self, Lang};

const COLUMNS: [&str; 16] = [
    "metric_id",
    "metric",
    "series_id",
    "series",
    "value",
    "unit",
    "period_start",
    "period_end",
    "kind",
    "source_id",
    "source",
    "source_publisher",
    "source_url",
    "locator",
    "numerator",
    "denominator",
];

/// The fields of a row, in [`COLUMNS`] order, with locale-independent numbers ("17.1").
fn fields(s: &Snapshot, metric: MetricIndex, r: &Row, lang: Lang) -> [String; 16] {
    let m = &s.metrics[metric];
    let v = r.value_index.and_then(|i| m.values.get(i));
    let src = r.source.and_then(|i| s.sources.get(i));
    let (start, end) = r.when.bounds();
    let mut value = String::new();
    r.value.write(&mut value, '.', None);
    let totals = v.and_then(|v| v.totals);
    [
        m.id.clone(),
        m.label.get(lang.code()).to_owned(),
        r.series_id.clone(),
        text::row_label(lang, s, m, r).to_owned(),
        value,
        match m.unit {
            Unit::Percent => "percent".into(),
            Unit::Count => "count".into(),
        },
        start.iso(),
        end.iso(),
        v.map_or("computed".into(), |v| v.kind.id().to_owned()),
        src.map_or(String::new(), |x| x.id.clone()),
        src.map_or(String::new(), |x| x.title.clone()),
        src.map_or(String::new(), |x| x.publisher.clone()),
        src.and_then(|x| x.url.clone()).unwrap_or_default(),
        v.map_or(lang.ui().computed_remainder.to_owned(), |v| {
            v.locator.get(lang.code()).to_owned()
        }),
        totals.map_or(String::new(), |t| t.0.to_string()),
        totals.map_or(String::new(), |t| t.1.to_string()),
    ]
}

/// `true` for a signed decimal number as the snapshot writes them (`-3`, `+1.5`): such a field
/// is a value, not a formula (no float parser needed for this).
fn is_plain_number(f: &str) -> bool {
    let digits = f.strip_prefix(['+', '-']).unwrap_or(f);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

fn csv_field(out: &mut String, f: &str) {
    // Quote every field that needs it (RFC 4180); a leading = + - @ is prefixed with ' so a
    // spreadsheet never runs a snapshot string as a formula.
    let guarded = matches!(f.chars().next(), Some('=' | '+' | '-' | '@')) && !is_plain_number(f);
    if guarded || f.contains([',', '"', '\n', '\r']) {
        out.push('"');
        if guarded {
            out.push('\'');
        }
        out.push_str(&f.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(f);
    }
}

/// The rows as CSV: UTF-8 with a byte-order mark, a header row, CRLF line ends.
pub fn csv(s: &Snapshot, metric: MetricIndex, rows: &[Row], lang: Lang) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&COLUMNS.join(","));
    out.push_str("\r\n");
    for r in rows {
        for (i, f) in fields(s, metric, r, lang).iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_field(&mut out, f);
        }
        out.push_str("\r\n");
    }
    out
}

/// The rows as JSON: `{"metric", "data_as_of", "rows"}`, numbers as JSON numbers.
pub fn json(s: &Snapshot, metric: MetricIndex, rows: &[Row], lang: Lang) -> String {
    let m = &s.metrics[metric];
    let mut out = String::from("{\n  \"metric\": {\"id\": ");
    json_string(&mut out, &m.id);
    out.push_str(", \"label\": ");
    json_string(&mut out, m.label.get(lang.code()));
    out.push_str(", \"definition\": ");
    json_string(&mut out, m.definition.get(lang.code()));
    out.push_str("},\n  \"data_as_of\": ");
    json_string(&mut out, &s.data_as_of.iso());
    out.push_str(",\n  \"rows\": [");
    for (n, r) in rows.iter().enumerate() {
        out.push_str(if n == 0 { "\n    {" } else { ",\n    {" });
        for (i, (col, f)) in COLUMNS.iter().zip(fields(s, metric, r, lang)).enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            json_string(&mut out, col);
            out.push_str(": ");
            if matches!(*col, "value" | "numerator" | "denominator") && !f.is_empty() {
                out.push_str(&f);
            } else if f.is_empty() {
                out.push_str("null");
            } else {
                json_string(&mut out, &f);
            }
        }
        out.push('}');
    }
    out.push_str("\n  ]\n}\n");
    out
}

/// Rows per page in the table view (a computed series has a row per group and period).
pub const PAGE_ROWS: usize = 24;

/// One page of a table: rows `start..end` of `total`, page `page` of `pages` (both from 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub start: usize,
    pub end: usize,
    pub total: usize,
    pub page: usize,
    pub pages: usize,
}

/// Page `page` of `total` rows, `size` a page (a page past the last shows the last).
pub fn page_of(total: usize, page: usize, size: usize) -> Page {
    let size = size.max(1);
    let pages = total.div_ceil(size).max(1);
    let page = page.min(pages - 1);
    let start = page * size;
    Page {
        start,
        end: (start + size).min(total),
        total,
        page,
        pages,
    }
}

/// A file name for a download of metric `metric`: `open-model-share-<metric id>.<ext>`, with any
/// character outside `[A-Za-z0-9-]` replaced.
pub fn file_name(s: &Snapshot, metric: MetricIndex, ext: &str) -> String {
    let id: String = s.metrics.get(metric).map_or(String::new(), |m| {
        m.id.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '-'
                }
            })
            .collect()
    });
    let mut name = String::from("open-model-share-");
    name.push_str(&id);
    name.push('.');
    name.push_str(ext);
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cover_every_row_once() {
        assert_eq!(
            page_of(120, 0, 24),
            Page {
                start: 0,
                end: 24,
                total: 120,
                page: 0,
                pages: 5
            }
        );
        assert_eq!(page_of(120, 4, 24).start..page_of(120, 4, 24).end, 96..120);
        assert_eq!(page_of(121, 5, 24).start..page_of(121, 5, 24).end, 120..121);
        assert_eq!(page_of(121, 9, 24).page, 5, "past the last page: the last");
        assert_eq!(
            page_of(3, 0, 24),
            Page {
                start: 0,
                end: 3,
                total: 3,
                page: 0,
                pages: 1
            }
        );
        assert_eq!(
            page_of(0, 2, 24),
            Page {
                start: 0,
                end: 0,
                total: 0,
                page: 0,
                pages: 1
            }
        );
    }

    #[test]
    fn signed_numbers_are_values_and_other_signs_are_guarded() {
        let field = |f: &str| {
            let mut out = String::new();
            csv_field(&mut out, f);
            out
        };
        assert_eq!(field("-3"), "-3");
        assert_eq!(field("+1.5"), "+1.5");
        assert_eq!(field("-"), "\"'-\"");
        assert_eq!(field("-1e3"), "\"'-1e3\"");
        assert_eq!(field("+A1"), "\"'+A1\"");
        assert_eq!(field("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(field("-.5"), "\"'-.5\"");
    }
}
