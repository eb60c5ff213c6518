//! Problems in a snapshot, in the reader's language: the one renderer of every validation
//! problem (the widget's error view, the `oms` command and the build-time renderer all use it;
//! `Display` is its English).

use super::{fill, number, Lang};
use crate::snapshot::{
    HeadlineFault, JsonType, Problem, ProblemKind, MAX_DOCUMENT_BYTES, MAX_STRING_CHARS,
};
use core::fmt;

/// A JSON type, as named in `lang` ("an object", "un oggetto", "对象").
fn type_name(lang: Lang, t: JsonType) -> &'static str {
    let names = &lang.ui().problems.types;
    match t {
        JsonType::Null => names.null,
        JsonType::Boolean => names.boolean,
        JsonType::Number => names.number,
        JsonType::String => names.string,
        JsonType::Array => names.array,
        JsonType::Object => names.object,
        JsonType::Texts => names.texts,
    }
}

/// Why the headline metric cannot be compared, in `lang`.
fn headline_fault(lang: Lang, f: HeadlineFault) -> &'static str {
    let t = &lang.ui().problems.headline;
    match f {
        HeadlineFault::NotPercent => t.not_percent,
        HeadlineFault::NotPartsOfWhole => t.not_parts_of_whole,
        HeadlineFault::NoDate => t.no_date,
        HeadlineFault::MixedDates => t.mixed_dates,
        HeadlineFault::TooFewValues => t.too_few_values,
        HeadlineFault::NoRemainderLabel => t.no_remainder_label,
    }
}

/// One problem of a snapshot in `lang`, naming the field path.
pub fn problem_message(lang: Lang, p: &Problem) -> String {
    let ui = lang.ui();
    let t = &ui.problems;
    let path = p.path.as_str();
    let quoted = |s: &str| {
        let mut q = String::from(ui.quote_open);
        q.push_str(s);
        q.push_str(ui.quote_close);
        q
    };
    match &p.kind {
        ProblemKind::Missing => fill(t.missing, &[("path", path)]),
        ProblemKind::WrongType { expected, found } => fill(
            t.wrong_type,
            &[
                ("path", path),
                ("expected", type_name(lang, *expected)),
                ("found", type_name(lang, *found)),
            ],
        ),
        ProblemKind::UnsupportedVersion(v) => fill(
            t.unsupported_version,
            &[("path", path), ("version", &quoted(v))],
        ),
        ProblemKind::Empty => fill(t.empty, &[("path", path)]),
        ProblemKind::TooLong { chars } => fill(
            t.too_long,
            &[
                ("path", path),
                ("chars", &chars.to_string()),
                ("max", &MAX_STRING_CHARS.to_string()),
            ],
        ),
        ProblemKind::NotOneOf { found, allowed } => fill(
            t.not_one_of,
            &[
                ("path", path),
                ("found", &quoted(found)),
                ("allowed", &allowed.join(ui.list_sep)),
            ],
        ),
        ProblemKind::BadDate(found) => {
            fill(t.bad_date, &[("path", path), ("found", &quoted(found))])
        }
        ProblemKind::EndsBeforeStart => fill(t.ends_before_start, &[("path", path)]),
        ProblemKind::DateAndWindow => fill(t.date_and_window, &[("path", path)]),
        ProblemKind::NoDate => fill(t.no_date, &[("path", path)]),
        ProblemKind::BadNumber => fill(t.bad_number, &[("path", path)]),
        ProblemKind::PercentOutOfRange => fill(t.percent_out_of_range, &[("path", path)]),
        ProblemKind::NegativeCount => fill(t.negative_count, &[("path", path)]),
        ProblemKind::PartsAbove100 { sum } => fill(
            t.parts_above_100,
            &[("path", path), ("sum", &number(lang, *sum))],
        ),
        ProblemKind::UnknownId { id, list } => fill(
            t.unknown_id,
            &[("path", path), ("id", &quoted(id)), ("list", list)],
        ),
        ProblemKind::DuplicateId(id) => {
            fill(t.duplicate_id, &[("path", path), ("id", &quoted(id))])
        }
        ProblemKind::DuplicateValue => fill(t.duplicate_value, &[("path", path)]),
        ProblemKind::BadUrl => fill(t.bad_url, &[("path", path)]),
        ProblemKind::ShareMismatch { expected } => fill(
            t.share_mismatch,
            &[("path", path), ("expected", &number(lang, *expected))],
        ),
        ProblemKind::BadTotals => fill(t.bad_totals, &[("path", path)]),
        ProblemKind::BadSha256 => fill(t.bad_sha256, &[("path", path)]),
        ProblemKind::HeadlineNotComparable(fault) => fill(
            t.headline_not_comparable,
            &[("path", path), ("reason", headline_fault(lang, *fault))],
        ),
        ProblemKind::NoEnglish => fill(t.no_english, &[("path", path)]),
        ProblemKind::AnchorNotOne => fill(t.anchor_not_one, &[("path", path)]),
        ProblemKind::NoSuchFigure => fill(t.no_such_figure, &[("path", path)]),
        ProblemKind::NotOverTime => fill(t.not_over_time, &[("path", path)]),
        ProblemKind::OutsideDates => fill(t.outside_dates, &[("path", path)]),
        ProblemKind::DocumentTooLarge { bytes } => fill(
            t.document_too_large,
            &[
                ("bytes", &bytes.to_string()),
                ("max", &MAX_DOCUMENT_BYTES.to_string()),
            ],
        ),
    }
}

/// The problem in English, as the `oms` command prints it (a problem of the whole document,
/// which has no path, is marked as such).
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str("(document): ")?;
        }
        f.write_str(&problem_message(Lang::En, self))
    }
}
