//! The snapshot: the published JSON document the widget shows, as validated, typed values.
//!
//! Format v1 is described for data editors in `public/data/snapshot.schema.json` and the README.
//! [`validate`] turns a parsed [`Json`] tree into a [`Snapshot`] or the list of every problem found,
//! each naming the field path (`metrics[0].values[1].source`) and the reason.

mod index;
mod json;
mod validate;

pub use index::{List, MetricIndex, Position, SeriesIndex, SourceIndex, ValueIndex};
pub use json::{Json, JsonType};
pub use validate::{check_size, validate, HeadlineFault, Problem, ProblemKind};

use crate::decimal::Decimal;
use crate::period::{Period, When};

/// The major format version this build reads. Newer minor versions are accepted.
pub const FORMAT_MAJOR: u32 = 1;
/// The largest document accepted, in bytes (checked before parsing).
pub const MAX_DOCUMENT_BYTES: usize = 1024 * 1024;
/// The longest string accepted anywhere in the document, in characters.
pub const MAX_STRING_CHARS: usize = 2000;
/// How far the parts of one whole may sum above 100 %, in percentage points, at least: each
/// published part is rounded (to 0.1 at worst, ±0.05), so a few parts may sum to a little over 100
/// without an error. Many parts may add half a unit of their last place each.
pub const PARTS_SUM_TOLERANCE: Decimal = Decimal::new(1, 1);

/// A validated snapshot.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub format_version: (u32, u32),
    /// The date the figures were last checked against their sources.
    pub data_as_of: Period,
    /// The date this document was generated.
    pub generated: Period,
    /// The study's headline comparison.
    pub headline: MetricIndex,
    pub series: List<SeriesIndex, Series>,
    pub sources: List<SourceIndex, Source>,
    pub metrics: List<MetricIndex, Metric>,
    /// The data editor's notes on the charts (format 1.2), in document order.
    pub annotations: Vec<Annotation>,
}

/// A note the data editor writes on a measure's chart: a short text anchored to a figure, a
/// stretch of time or a value.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    pub id: String,
    pub metric: MetricIndex,
    pub text: Text,
    pub anchor: Anchor,
    /// Where what the note says comes from.
    pub source: Option<SourceIndex>,
}

/// What an annotation points at.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Anchor {
    /// One figure of the measure (a bar, or a point over time).
    Point(ValueIndex),
    /// A stretch of time on a measure drawn over time.
    Band(crate::period::Window),
    /// A value on a measure drawn over time, in its unit.
    Line(Decimal),
}

/// Text for readers, per language (`en` always present).
#[derive(Clone, Debug, PartialEq)]
pub struct Text(pub(crate) Vec<(String, String)>);

impl Text {
    /// The text in `lang`, else in English.
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .iter()
            .find(|(l, _)| l == lang)
            .or_else(|| self.0.iter().find(|(l, _)| l == "en"))
            .map_or("", |(_, t)| t.as_str())
    }
}

/// Something a figure is about: a developer country or group, or an organisation.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub id: String,
    pub label: Text,
    /// The country group this series belongs to (an organisation's country), which gives it
    /// that group's colour and marker.
    pub group: Option<SeriesIndex>,
}

/// A publication a figure comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub date: Period,
    /// Only `http` and `https` links are kept.
    pub url: Option<String>,
    /// A short name for source lines and tooltips (the publisher when not given).
    pub short_name: String,
}

/// The unit of a metric's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Percent, 0–100.
    Percent,
    /// A count (downloads, models): zero or more.
    Count,
}

/// How a figure reached the snapshot (see `research/data-sources.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// In the source's own text.
    Stated,
    /// A reputable outlet quoting the source.
    Relayed,
    /// One relay only: shown with a caveat.
    RelayedSingle,
    /// A table copied second-hand.
    TableSecondhand,
    /// The author's own talk slides.
    Slides,
    /// Computed from a released dataset by this project's builder (`oms build-series`): the
    /// value is `numerator / denominator`, and the metric's provenance says how.
    Computed,
}

impl Kind {
    pub(crate) const ALL: [(&'static str, Kind); 6] = [
        ("stated", Kind::Stated),
        ("relayed", Kind::Relayed),
        ("relayed-single", Kind::RelayedSingle),
        ("table-secondhand", Kind::TableSecondhand),
        ("slides", Kind::Slides),
        ("computed", Kind::Computed),
    ];

    /// The identifier used in the snapshot.
    pub fn id(self) -> &'static str {
        Kind::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("", |(s, _)| s)
    }
}

/// A measure: one unit, one definition, its values.
#[derive(Clone, Debug, PartialEq)]
pub struct Metric {
    pub id: String,
    pub label: Text,
    pub unit: Unit,
    pub definition: Text,
    pub caveats: Vec<Text>,
    /// When the values hold, unless a value gives its own date.
    pub when: Option<When>,
    /// The values are disjoint parts of one whole (100 %): the rest is a remainder.
    pub parts_of_whole: bool,
    /// The label of that remainder ("everyone else").
    pub remainder_label: Option<Text>,
    /// The original work the figures come from, when the values were found in reports relaying
    /// it.
    pub origin: Option<SourceIndex>,
    /// How computed values were computed (required when any value is `computed`).
    pub provenance: Option<Provenance>,
    pub values: List<ValueIndex, Value>,
}

/// How a computed metric was made, so that anyone can make it again and check it.
#[derive(Clone, Debug, PartialEq)]
pub struct Provenance {
    /// The dataset (`mmpr/open_model_evolution_data`).
    pub dataset: String,
    /// The dataset revision (commit) the input file came from.
    pub dataset_revision: String,
    /// The input file's name.
    pub input: String,
    /// The input file's SHA-256, lower-case hex.
    pub input_sha256: String,
    /// The rules applied, in words.
    pub rule: String,
    /// The command line that made the metric.
    pub command: String,
    /// The comparison with the published figures, in words.
    pub check: Option<String>,
}

/// One sourced figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub series: SeriesIndex,
    pub value: Decimal,
    /// When the figure holds (its own date, else its metric's).
    pub when: When,
    pub source: SourceIndex,
    /// Where in the source: a sentence, table or figure (a plain string reads as English).
    pub locator: Text,
    pub kind: Kind,
    /// The same figure as other publications rounded it.
    pub other_roundings: Vec<Rounding>,
    /// For a computed share: the downloads counted (numerator) and all downloads (denominator).
    pub totals: Option<(u64, u64)>,
}

/// Another published rounding of a figure (15.86 for 15.8).
#[derive(Clone, Debug, PartialEq)]
pub struct Rounding {
    pub value: Decimal,
    pub source: SourceIndex,
}
