//! Validation: from a [`Json`] tree to a [`Snapshot`], collecting every problem with its path.

use super::*;
use crate::period::Window;

/// One problem in a snapshot: where, and what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The field path, e.g. `metrics[0].values[1].source`; empty for the whole document.
    pub path: String,
    pub kind: ProblemKind,
}

/// What is wrong with a field.
#[derive(Clone, Debug, PartialEq)]
pub enum ProblemKind {
    /// A required field is absent.
    Missing,
    /// The field has the wrong JSON type.
    WrongType { expected: JsonType, found: JsonType },
    /// `format_version` is not `MAJOR.MINOR`, or its major version is not one this build reads.
    UnsupportedVersion(String),
    /// A string that must not be empty is empty.
    Empty,
    /// A string is longer than [`MAX_STRING_CHARS`].
    TooLong { chars: usize },
    /// Not one of the allowed words.
    NotOneOf {
        found: String,
        allowed: &'static [&'static str],
    },
    /// Not a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` calendar date.
    BadDate(String),
    /// A window whose end comes before its start.
    EndsBeforeStart,
    /// Both `date` and `window` are given.
    DateAndWindow,
    /// A figure has no date: neither it nor its metric gives one.
    NoDate,
    /// A number that is not finite, or has more than 6 decimal places.
    BadNumber,
    /// A percentage outside 0–100.
    PercentOutOfRange,
    /// A negative count.
    NegativeCount,
    /// The parts of one whole sum above 100 % (beyond [`PARTS_SUM_TOLERANCE`]).
    PartsAbove100 { sum: Decimal },
    /// A computed value is not its numerator over its denominator, in percent, rounded to its
    /// decimal places (`expected` is that rounding).
    ShareMismatch { expected: Decimal },
    /// Totals that cannot be: a zero denominator, a numerator above it, or totals on a value
    /// that is not `computed`.
    BadTotals,
    /// Not a SHA-256 in lower-case hex (64 characters).
    BadSha256,
    /// A reference to an id that is not defined.
    UnknownId { id: String, list: &'static str },
    /// An id used twice in one list.
    DuplicateId(String),
    /// Two values for the same series and date in one metric.
    DuplicateValue,
    /// A link that is not `http` or `https`.
    BadUrl,
    /// The headline metric cannot give a comparison.
    HeadlineNotComparable(HeadlineFault),
    /// A localized text has no English version.
    NoEnglish,
    /// The document is larger than [`MAX_DOCUMENT_BYTES`].
    DocumentTooLarge { bytes: usize },
    /// An annotation without exactly one anchor (`point`, `band` or `line`).
    AnchorNotOne,
    /// An annotation's point names no figure of its measure (that series at that date).
    NoSuchFigure,
    /// A band or a line on a measure whose figures share one date (drawn as bars, not over time).
    NotOverTime,
    /// A band that reaches outside the dates of its measure's figures.
    OutsideDates,
}

/// Why the headline metric cannot give a comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadlineFault {
    NotPercent,
    NotPartsOfWhole,
    /// No window or date for all its values.
    NoDate,
    /// Values for other dates than the metric's own.
    MixedDates,
    /// Fewer than two values.
    TooFewValues,
    /// No `remainder_label` for the rest of the whole.
    NoRemainderLabel,
}

/// Checks the size of a document before it is parsed.
pub fn check_size(bytes: usize) -> Result<(), Problem> {
    if bytes > MAX_DOCUMENT_BYTES {
        Err(Problem {
            path: String::new(),
            kind: ProblemKind::DocumentTooLarge { bytes },
        })
    } else {
        Ok(())
    }
}

/// Validates a parsed document. Returns the snapshot, or every problem found (never an empty list).
pub fn validate(doc: &Json) -> Result<Snapshot, Vec<Problem>> {
    let mut c = Checker::default();
    let snapshot = c.snapshot(doc);
    match snapshot {
        Some(s) if c.problems.is_empty() => Ok(s),
        _ => {
            if c.problems.is_empty() {
                // Unreachable by construction; never report success without a snapshot.
                c.report("", ProblemKind::Missing);
            }
            Err(c.problems)
        }
    }
}

const UNITS: &[&str] = &["percent", "count"];
const KINDS: &[&str] = &[
    "stated",
    "relayed",
    "relayed-single",
    "table-secondhand",
    "slides",
    "computed",
];

#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

/// `None` when `value` is `100 n / d` rounded half up at its own decimal places; else that
/// rounded share. (|value × d − 100 n| ≤ d / 2 at the value's scale.)
fn share_mismatch(value: Decimal, n: u64, d: u64) -> Option<Decimal> {
    let scale = 10i128.pow(u32::from(value.decimals()));
    let lhs = 2 * (i128::from(value.units()) * i128::from(d) - 100 * i128::from(n) * scale);
    if lhs.abs() <= i128::from(d) {
        return None;
    }
    let num = i128::from(n) * 100 * scale;
    let den = i128::from(d);
    Some(Decimal::new(
        ((2 * num + den) / (2 * den)) as i64,
        value.decimals(),
    ))
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        let mut p = String::with_capacity(path.len() + 1 + key.len());
        p.push_str(path);
        p.push('.');
        p.push_str(key);
        p
    }
}

fn index(path: &str, i: usize) -> String {
    let mut p = String::from(path);
    p.push('[');
    p.push_str(&i.to_string());
    p.push(']');
    p
}

impl Checker {
    fn report(&mut self, path: &str, kind: ProblemKind) {
        self.problems.push(Problem {
            path: path.to_owned(),
            kind,
        });
    }

    fn wrong_type(&mut self, path: &str, expected: JsonType, v: &Json) {
        self.report(
            path,
            ProblemKind::WrongType {
                expected,
                found: v.json_type(),
            },
        );
    }

    /// The field `key` of the object `obj`, reporting it as missing when absent (or null).
    fn required<'a>(&mut self, obj: &'a Json, path: &str, key: &str) -> Option<&'a Json> {
        match obj.get(key) {
            None | Some(Json::Null) => {
                self.report(&join(path, key), ProblemKind::Missing);
                None
            }
            Some(v) => Some(v),
        }
    }

    fn object<'a>(&mut self, v: &'a Json, path: &str) -> Option<&'a Json> {
        if let Json::Object(_) = v {
            Some(v)
        } else {
            self.wrong_type(path, JsonType::Object, v);
            None
        }
    }

    fn array<'a>(&mut self, v: &'a Json, path: &str) -> Option<&'a [Json]> {
        if let Json::Array(items) = v {
            Some(items)
        } else {
            self.wrong_type(path, JsonType::Array, v);
            None
        }
    }

    fn string(&mut self, v: &Json, path: &str) -> Option<String> {
        let Json::String(s) = v else {
            self.wrong_type(path, JsonType::String, v);
            return None;
        };
        let chars = s.chars().count();
        if chars > MAX_STRING_CHARS {
            self.report(path, ProblemKind::TooLong { chars });
            return None;
        }
        if s.trim().is_empty() {
            self.report(path, ProblemKind::Empty);
            return None;
        }
        Some(s.clone())
    }

    fn required_string(&mut self, obj: &Json, path: &str, key: &str) -> Option<String> {
        let v = self.required(obj, path, key)?;
        self.string(v, &join(path, key))
    }

    fn one_of<T: Copy>(
        &mut self,
        obj: &Json,
        path: &str,
        key: &str,
        allowed: &'static [&'static str],
        pick: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let s = self.required_string(obj, path, key)?;
        let picked = pick(&s);
        if picked.is_none() {
            self.report(
                &join(path, key),
                ProblemKind::NotOneOf { found: s, allowed },
            );
        }
        picked
    }

    fn period(&mut self, v: &Json, path: &str) -> Option<Period> {
        let s = self.string(v, path)?;
        let p = Period::parse(&s);
        if p.is_none() {
            self.report(path, ProblemKind::BadDate(s));
        }
        p
    }

    fn required_period(&mut self, obj: &Json, path: &str, key: &str) -> Option<Period> {
        let v = self.required(obj, path, key)?;
        self.period(v, &join(path, key))
    }

    fn number(&mut self, v: &Json, path: &str) -> Option<Decimal> {
        let Json::Number(n) = v else {
            self.wrong_type(path, JsonType::Number, v);
            return None;
        };
        let d = Decimal::from_f64(*n);
        if d.is_none() {
            self.report(path, ProblemKind::BadNumber);
        }
        d
    }

    /// Localized text: an object of language code -> string, with `en` required.
    fn text(&mut self, v: &Json, path: &str) -> Option<Text> {
        let Json::Object(members) = v else {
            self.wrong_type(path, JsonType::Texts, v);
            return None;
        };
        let mut out = Vec::with_capacity(members.len());
        let mut ok = true;
        for (lang, t) in members {
            match self.string(t, &join(path, lang)) {
                Some(s) => out.push((lang.clone(), s)),
                None => ok = false,
            }
        }
        if !out.iter().any(|(l, _)| l == "en") && !members.iter().any(|(l, _)| l == "en") {
            self.report(path, ProblemKind::NoEnglish);
            ok = false;
        }
        ok.then_some(Text(out))
    }

    fn required_text(&mut self, obj: &Json, path: &str, key: &str) -> Option<Text> {
        let v = self.required(obj, path, key)?;
        self.text(v, &join(path, key))
    }

    /// `date` or `window` of `obj`, if either is present (both is a problem).
    fn when(&mut self, obj: &Json, path: &str) -> Option<Option<When>> {
        let date = obj.get("date").filter(|v| **v != Json::Null);
        let window = obj.get("window").filter(|v| **v != Json::Null);
        match (date, window) {
            (None, None) => Some(None),
            (Some(_), Some(_)) => {
                self.report(path, ProblemKind::DateAndWindow);
                None
            }
            (Some(d), None) => self
                .period(d, &join(path, "date"))
                .map(|p| Some(When::At(p))),
            (None, Some(w)) => {
                let wp = join(path, "window");
                self.object(w, &wp)?;
                let start = self.required_period(w, &wp, "start");
                let end = self.required_period(w, &wp, "end");
                let (start, end) = (start?, end?);
                match Window::new(start, end) {
                    Some(win) => Some(Some(When::Window(win))),
                    None => {
                        self.report(&wp, ProblemKind::EndsBeforeStart);
                        None
                    }
                }
            }
        }
    }

    /// The items of the array field `key`, each checked by `item`; `None` if any failed.
    fn list<T>(
        &mut self,
        obj: &Json,
        path: &str,
        key: &str,
        mut item: impl FnMut(&mut Self, &Json, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let v = self.required(obj, path, key)?;
        let lp = join(path, key);
        let items = self.array(v, &lp)?;
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, it) in items.iter().enumerate() {
            match item(self, it, &index(&lp, i)) {
                Some(t) => out.push(t),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// Reports string ids used twice in the top-level list `key` (whatever else is wrong with it).
    fn unique_ids(&mut self, doc: &Json, key: &str) {
        let Some(Json::Array(items)) = doc.get(key) else {
            return;
        };
        let mut seen: Vec<&str> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if let Some(Json::String(id)) = item.get("id") {
                if seen.contains(&id.as_str()) {
                    self.report(
                        &join(&index(key, i), "id"),
                        ProblemKind::DuplicateId(id.clone()),
                    );
                } else {
                    seen.push(id);
                }
            }
        }
    }

    fn reference<I: Position>(
        &mut self,
        obj: &Json,
        path: &str,
        key: &str,
        ids: &[String],
        list: &'static str,
    ) -> Option<I> {
        let id = self.required_string(obj, path, key)?;
        let found = ids.iter().position(|i| *i == id);
        if found.is_none() {
            self.report(&join(path, key), ProblemKind::UnknownId { id, list });
        }
        found.map(I::at)
    }

    fn snapshot(&mut self, doc: &Json) -> Option<Snapshot> {
        self.object(doc, "")?;
        let version = self.version(doc);
        let data_as_of = self.required_period(doc, "", "data_as_of");
        let generated = self.required_period(doc, "", "generated");

        let all_series_ids = doc.get("series").map(ids_in).unwrap_or_default();
        let series = self.list(doc, "", "series", |c, v, p| {
            c.object(v, p)?;
            let id = c.required_string(v, p, "id");
            let label = c.required_text(v, p, "label");
            // Format 1.1: the country group an organisation's series belongs to (its colour).
            let group = match v.get("group") {
                None | Some(Json::Null) => Some(None),
                Some(_) => c
                    .reference(v, p, "group", &all_series_ids, "series")
                    .map(Some),
            };
            Some(Series {
                id: id?,
                label: label?,
                group: group?,
            })
        });
        self.unique_ids(doc, "series");

        let sources = self.list(doc, "", "sources", |c, v, p| c.source(v, p));
        self.unique_ids(doc, "sources");

        // Metrics are checked even when series or sources failed, so every problem is reported;
        // references are then checked against the ids that could be read.
        let series_ids: Vec<String> = match (&series, doc.get("series")) {
            (Some(s), _) => s.iter().map(|s| s.id.clone()).collect(),
            (None, Some(v)) => ids_in(v),
            (None, None) => Vec::new(),
        };
        let source_ids: Vec<String> = match (&sources, doc.get("sources")) {
            (Some(s), _) => s.iter().map(|s| s.id.clone()).collect(),
            (None, Some(v)) => ids_in(v),
            (None, None) => Vec::new(),
        };
        let metrics = self.list(doc, "", "metrics", |c, v, p| {
            c.metric(v, p, &series_ids, &source_ids)
        });
        self.unique_ids(doc, "metrics");

        // Format 1.2: the data editor's notes on the charts.
        let metric_ids = doc.get("metrics").map(ids_in).unwrap_or_default();
        let annotations = match doc.get("annotations") {
            None | Some(Json::Null) => Some(Vec::new()),
            Some(_) => self.list(doc, "", "annotations", |c, v, p| {
                let ids = (&metric_ids[..], &series_ids[..], &source_ids[..]);
                c.annotation(v, p, metrics.as_deref(), ids)
            }),
        };
        self.unique_ids(doc, "annotations");

        let headline = match &metrics {
            Some(m) => self.headline(doc, m),
            None => {
                self.required_string(doc, "", "headline_metric");
                None
            }
        };

        Some(Snapshot {
            format_version: version?,
            data_as_of: data_as_of?,
            generated: generated?,
            headline: headline?,
            series: series?.into(),
            sources: sources?.into(),
            metrics: metrics?.into(),
            annotations: annotations?,
        })
    }

    /// One annotation; its anchor is checked against its measure when the measures validated.
    fn annotation(
        &mut self,
        v: &Json,
        p: &str,
        metrics: Option<&[Metric]>,
        (metric_ids, series_ids, source_ids): (&[String], &[String], &[String]),
    ) -> Option<Annotation> {
        self.object(v, p)?;
        let id = self.required_string(v, p, "id");
        // Without a list of measures (reported already), a measure's id cannot be checked.
        let metric: Option<MetricIndex> = if metrics.is_none() && metric_ids.is_empty() {
            None
        } else {
            self.reference(v, p, "metric", metric_ids, "metrics")
        };
        let text = self.required_text(v, p, "text");
        let source = match v.get("source") {
            None | Some(Json::Null) => Some(None),
            Some(_) => self
                .reference(v, p, "source", source_ids, "sources")
                .map(Some),
        };
        // Every anchor written counts, null too (as in the JSON Schema): a note says what it
        // points at exactly once.
        let given: Vec<&str> = ["point", "band", "line"]
            .into_iter()
            .filter(|k| v.get(k).is_some())
            .collect();
        let [kind] = given[..] else {
            self.report(p, ProblemKind::AnchorNotOne);
            return None;
        };
        let ap = join(p, kind);
        let a = v.get(kind)?;
        self.object(a, &ap)?;
        // The measure, when it validated (else its problems are reported already).
        let m = metric.and_then(|i| metrics?.get(i.0));
        let anchor = match kind {
            "point" => {
                let series: Option<SeriesIndex> =
                    self.reference(a, &ap, "series", series_ids, "series");
                let when = self.when(a, &ap);
                let (m, series, when) = (m?, series?, when?);
                let mut found = m
                    .values
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| x.series == series && when.is_none_or(|w| x.when == w));
                match (found.next(), found.next()) {
                    (Some((i, _)), None) => Anchor::Point(ValueIndex(i)),
                    (None, _) => {
                        self.report(&ap, ProblemKind::NoSuchFigure);
                        return None;
                    }
                    // Several figures of the series: which one needs a date (with a date,
                    // two figures are a duplicate, reported with the measure's values).
                    (Some(_), Some(_)) => {
                        if when.is_none() {
                            self.report(&join(&ap, "date"), ProblemKind::Missing);
                        }
                        return None;
                    }
                }
            }
            "band" => {
                let start = self.required_period(a, &ap, "start");
                let end = self.required_period(a, &ap, "end");
                let (start, end) = (start?, end?);
                let Some(w) = Window::new(start, end) else {
                    self.report(&ap, ProblemKind::EndsBeforeStart);
                    return None;
                };
                let m = self.over_time(m?, &ap)?;
                let first = m.values.iter().map(|x| x.when.bounds().0.first_day()).min();
                let last = m.values.iter().map(|x| x.when.bounds().1.last_day()).max();
                if first.is_some_and(|f| start.first_day() < f)
                    || last.is_some_and(|l| end.last_day() > l)
                {
                    self.report(&ap, ProblemKind::OutsideDates);
                    return None;
                }
                Anchor::Band(w)
            }
            _ => {
                let m = m.and_then(|m| self.over_time(m, &ap));
                let value = self
                    .required(a, &ap, "value")
                    .and_then(|n| self.figure(n, &join(&ap, "value"), m.map(|m| m.unit)));
                let _ = m?;
                Anchor::Line(value?)
            }
        };
        Some(Annotation {
            id: id?,
            metric: metric?,
            text: text?,
            anchor,
            source: source?,
        })
    }

    /// `m` if its figures have more than one date (it is drawn over time); else a problem at
    /// `path`.
    fn over_time<'m>(&mut self, m: &'m Metric, path: &str) -> Option<&'m Metric> {
        let first = m.values.iter().next().map(|x| x.when);
        if m.values.iter().any(|x| Some(x.when) != first) {
            Some(m)
        } else {
            self.report(path, ProblemKind::NotOverTime);
            None
        }
    }

    fn version(&mut self, doc: &Json) -> Option<(u32, u32)> {
        let s = self.required_string(doc, "", "format_version")?;
        let parsed = s.split_once('.').and_then(|(maj, min)| {
            let all_digits =
                |t: &str| !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit());
            if all_digits(maj) && all_digits(min) {
                Some((maj.parse::<u32>().ok()?, min.parse::<u32>().ok()?))
            } else {
                None
            }
        });
        match parsed {
            Some((FORMAT_MAJOR, minor)) => Some((FORMAT_MAJOR, minor)),
            _ => {
                self.report("format_version", ProblemKind::UnsupportedVersion(s));
                None
            }
        }
    }

    fn source(&mut self, v: &Json, p: &str) -> Option<Source> {
        self.object(v, p)?;
        let id = self.required_string(v, p, "id");
        let title = self.required_string(v, p, "title");
        let publisher = self.required_string(v, p, "publisher");
        let date = self.required_period(v, p, "date");
        let url = match v.get("url") {
            None | Some(Json::Null) => Some(None),
            Some(u) => {
                let up = join(p, "url");
                self.string(u, &up).and_then(|s| {
                    let lower = s.to_ascii_lowercase();
                    let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
                        && s.len() > 8
                        && !s.chars().any(|c| c.is_whitespace() || c.is_control());
                    if ok {
                        Some(Some(s))
                    } else {
                        self.report(&up, ProblemKind::BadUrl);
                        None
                    }
                })
            }
        };
        let short_name = match v.get("short_name") {
            None | Some(Json::Null) => None,
            Some(s) => Some(self.string(s, &join(p, "short_name"))),
        };
        let publisher = publisher?;
        let short_name = match short_name {
            None => publisher.clone(),
            Some(s) => s?,
        };
        Some(Source {
            id: id?,
            title: title?,
            publisher,
            date: date?,
            url: url?,
            short_name,
        })
    }

    fn metric(
        &mut self,
        v: &Json,
        p: &str,
        series_ids: &[String],
        source_ids: &[String],
    ) -> Option<Metric> {
        self.object(v, p)?;
        let id = self.required_string(v, p, "id");
        let label = self.required_text(v, p, "label");
        let unit = self.one_of(v, p, "unit", UNITS, |s| match s {
            "percent" => Some(Unit::Percent),
            "count" => Some(Unit::Count),
            _ => None,
        });
        let definition = self.required_text(v, p, "definition");
        let caveats = match v.get("caveats") {
            None | Some(Json::Null) => Some(Vec::new()),
            Some(_) => self.list(v, p, "caveats", |c, t, tp| c.text(t, tp)),
        };
        let when = self.when(v, p);
        let parts_of_whole = match v.get("parts_of_whole") {
            None | Some(Json::Null) => Some(false),
            Some(Json::Bool(b)) => Some(*b),
            Some(other) => {
                self.wrong_type(&join(p, "parts_of_whole"), JsonType::Boolean, other);
                None
            }
        };
        let remainder_label = match v.get("remainder_label") {
            None | Some(Json::Null) => Some(None),
            Some(t) => self.text(t, &join(p, "remainder_label")).map(Some),
        };
        let origin = match v.get("origin") {
            None | Some(Json::Null) => Some(None),
            Some(_) => self
                .reference(v, p, "origin", source_ids, "sources")
                .map(Some),
        };
        let provenance = match v.get("provenance") {
            None | Some(Json::Null) => Some(None),
            Some(pv) => self.provenance(pv, &join(p, "provenance")).map(Some),
        };
        let values = self.list(v, p, "values", |c, val, vp| {
            c.value(val, vp, unit, when, series_ids, source_ids)
        });

        let (unit, parts_of_whole, mut values, provenance) =
            (unit?, parts_of_whole?, values?, provenance?);
        // JSON drops trailing zeros (35.0 arrives as 35): computed shares are all shown with the
        // decimal places the builder gave the most precise of them.
        let places = values
            .iter()
            .filter(|x| x.kind == Kind::Computed)
            .map(|x| x.value.decimals())
            .max()
            .unwrap_or(0);
        for (i, x) in values.iter_mut().enumerate() {
            if x.kind != Kind::Computed {
                continue;
            }
            if let Some(d) = x.value.with_decimals(places) {
                x.value = d;
            }
            // Checked at the places shown: 35 written for 35.4 % agrees at no decimal place, but
            // would show as 35.0 %.
            if let Some(expected) = x.totals.and_then(|(n, d)| share_mismatch(x.value, n, d)) {
                self.report(
                    &join(&index(&join(p, "values"), i), "value"),
                    ProblemKind::ShareMismatch { expected },
                );
                return None;
            }
        }
        if values.is_empty() {
            self.report(&join(p, "values"), ProblemKind::Empty);
            return None;
        }
        if provenance.is_none() && values.iter().any(|x| x.kind == Kind::Computed) {
            self.report(&join(p, "provenance"), ProblemKind::Missing);
            return None;
        }
        self.metric_consistency(p, unit, parts_of_whole, &values);
        Some(Metric {
            id: id?,
            label: label?,
            unit,
            definition: definition?,
            caveats: caveats?,
            when: when?,
            parts_of_whole,
            remainder_label: remainder_label?,
            origin: origin?,
            provenance,
            values: values.into(),
        })
    }

    fn provenance(&mut self, v: &Json, p: &str) -> Option<Provenance> {
        self.object(v, p)?;
        let dataset = self.required_string(v, p, "dataset");
        let dataset_revision = self.required_string(v, p, "dataset_revision");
        let input = self.required_string(v, p, "input");
        let input_sha256 = self.required_string(v, p, "input_sha256").and_then(|h| {
            if h.len() == 64
                && h.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            {
                Some(h)
            } else {
                self.report(&join(p, "input_sha256"), ProblemKind::BadSha256);
                None
            }
        });
        let rule = self.required_string(v, p, "rule");
        let command = self.required_string(v, p, "command");
        let check = match v.get("check") {
            None | Some(Json::Null) => Some(None),
            Some(c) => self.string(c, &join(p, "check")).map(Some),
        };
        Some(Provenance {
            dataset: dataset?,
            dataset_revision: dataset_revision?,
            input: input?,
            input_sha256: input_sha256?,
            rule: rule?,
            command: command?,
            check: check?,
        })
    }

    /// The numerator and denominator of a computed value, checked against each other and the
    /// value (`None` after reporting a problem; `Some(None)` when there are none).
    fn totals(&mut self, v: &Json, p: &str, kind: Option<Kind>) -> Option<Option<(u64, u64)>> {
        let whole = |c: &mut Self, key: &str| -> Option<Option<u64>> {
            match v.get(key) {
                None | Some(Json::Null) => Some(None),
                Some(n) => {
                    let path = join(p, key);
                    let d = c.number(n, &path)?;
                    if d.decimals() > 0 || d.is_negative() {
                        c.report(&path, ProblemKind::BadTotals);
                        return None;
                    }
                    Some(Some(d.units() as u64))
                }
            }
        };
        let numerator = whole(self, "numerator");
        let denominator = whole(self, "denominator");
        let (numerator, denominator) = (numerator?, denominator?);
        let computed = kind? == Kind::Computed;
        match (numerator, denominator) {
            (None, None) if !computed => Some(None),
            (None, _) => {
                self.report(&join(p, "numerator"), ProblemKind::Missing);
                None
            }
            (_, None) => {
                self.report(&join(p, "denominator"), ProblemKind::Missing);
                None
            }
            (Some(n), Some(d)) => {
                if !computed || d == 0 || n > d {
                    self.report(p, ProblemKind::BadTotals);
                    return None;
                }
                // The value against them is checked with the metric's decimal places.
                Some(Some((n, d)))
            }
        }
    }

    /// Checks across the values of one metric: duplicates, and the sum of parts of a whole.
    fn metric_consistency(&mut self, p: &str, unit: Unit, parts_of_whole: bool, values: &[Value]) {
        for (i, a) in values.iter().enumerate() {
            if values[..i]
                .iter()
                .any(|b| b.series == a.series && b.when == a.when)
            {
                self.report(&index(&join(p, "values"), i), ProblemKind::DuplicateValue);
            }
        }
        if parts_of_whole {
            if unit != Unit::Percent {
                self.report(
                    &join(p, "parts_of_whole"),
                    ProblemKind::NotOneOf {
                        found: "count".into(),
                        allowed: &["percent (parts of a whole are percentages)"],
                    },
                );
                return;
            }
            let mut checked: Vec<When> = Vec::new();
            for v in values {
                if checked.contains(&v.when) {
                    continue;
                }
                checked.push(v.when);
                let parts = values.iter().filter(|w| w.when == v.when);
                let sum = parts.clone().fold(Decimal::new(0, 0), |s, w| s + w.value);
                // Each part may be rounded up by half a unit of its last place.
                let rounding = parts.fold(Decimal::new(0, 0), |s, w| {
                    s + Decimal::new(5, w.value.decimals().saturating_add(1))
                });
                let tolerance = if rounding.cmp_value(PARTS_SUM_TOLERANCE).is_gt() {
                    rounding
                } else {
                    PARTS_SUM_TOLERANCE
                };
                let limit = Decimal::new(100, 0) + tolerance;
                if sum.cmp_value(limit) == core::cmp::Ordering::Greater {
                    self.report(&join(p, "values"), ProblemKind::PartsAbove100 { sum });
                }
            }
        }
    }

    fn figure(&mut self, v: &Json, p: &str, unit: Option<Unit>) -> Option<Decimal> {
        let d = self.number(v, p)?;
        match unit {
            Some(Unit::Percent) if d.is_negative() || d.cmp_value(Decimal::new(100, 0)).is_gt() => {
                self.report(p, ProblemKind::PercentOutOfRange);
                None
            }
            Some(Unit::Count) if d.is_negative() => {
                self.report(p, ProblemKind::NegativeCount);
                None
            }
            _ => Some(d),
        }
    }

    fn value(
        &mut self,
        v: &Json,
        p: &str,
        unit: Option<Unit>,
        // `None` when the metric's own date or window was invalid (already reported).
        metric_when: Option<Option<When>>,
        series_ids: &[String],
        source_ids: &[String],
    ) -> Option<Value> {
        self.object(v, p)?;
        let series = self.reference(v, p, "series", series_ids, "series");
        let value = self
            .required(v, p, "value")
            .and_then(|n| self.figure(n, &join(p, "value"), unit));
        let source = self.reference(v, p, "source", source_ids, "sources");
        // A plain string (the source's own words, in its language) or localized text.
        let locator = self.required(v, p, "locator").and_then(|l| match l {
            Json::String(_) => self
                .string(l, &join(p, "locator"))
                .map(|t| Text(vec![("en".to_owned(), t)])),
            _ => self.text(l, &join(p, "locator")),
        });
        let kind = self.one_of(v, p, "kind", KINDS, |s| {
            Kind::ALL.iter().find(|(id, _)| *id == s).map(|(_, k)| *k)
        });
        let when = match (self.when(v, p), metric_when) {
            (Some(Some(w)), _) => Some(w),
            (Some(None), Some(Some(w))) => Some(w),
            (Some(None), Some(None)) => {
                self.report(p, ProblemKind::NoDate);
                None
            }
            (Some(None), None) | (None, _) => None,
        };
        let other_roundings = match v.get("other_roundings") {
            None | Some(Json::Null) => Some(Vec::new()),
            Some(_) => self.list(v, p, "other_roundings", |c, r, rp| {
                c.object(r, rp)?;
                let value = c
                    .required(r, rp, "value")
                    .and_then(|n| c.figure(n, &join(rp, "value"), unit));
                let source = c.reference(r, rp, "source", source_ids, "sources");
                Some(Rounding {
                    value: value?,
                    source: source?,
                })
            }),
        };
        let totals = self.totals(v, p, kind);
        Some(Value {
            series: series?,
            value: value?,
            when: when?,
            source: source?,
            locator: locator?,
            kind: kind?,
            other_roundings: other_roundings?,
            totals: totals?,
        })
    }

    fn headline(&mut self, doc: &Json, metrics: &[Metric]) -> Option<MetricIndex> {
        let id = self.required_string(doc, "", "headline_metric")?;
        let ids: Vec<String> = metrics.iter().map(|m| m.id.clone()).collect();
        let Some(i) = ids.iter().position(|m| *m == id) else {
            self.report(
                "headline_metric",
                ProblemKind::UnknownId {
                    id,
                    list: "metrics",
                },
            );
            return None;
        };
        let m = &metrics[i];
        let why = if m.unit != Unit::Percent {
            Some(HeadlineFault::NotPercent)
        } else if !m.parts_of_whole {
            Some(HeadlineFault::NotPartsOfWhole)
        } else if m.when.is_none() {
            Some(HeadlineFault::NoDate)
        } else if m.values.iter().any(|v| Some(v.when) != m.when) {
            Some(HeadlineFault::MixedDates)
        } else if m.values.len() < 2 {
            Some(HeadlineFault::TooFewValues)
        } else if m.remainder_label.is_none() {
            Some(HeadlineFault::NoRemainderLabel)
        } else {
            None
        };
        match why {
            Some(why) => {
                self.report("headline_metric", ProblemKind::HeadlineNotComparable(why));
                None
            }
            None => Some(MetricIndex(i)),
        }
    }
}

/// The ids of a list that did not fully validate, so references to its good items still resolve.
fn ids_in(v: &Json) -> Vec<String> {
    match v {
        Json::Array(items) => items
            .iter()
            .filter_map(|it| match it.get("id") {
                Some(Json::String(s)) => Some(s.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}
