//! Tooltips: what they say about a figure, and where they go.

use super::{round, Rect, Timeline};
use crate::figures;
use crate::snapshot::{MetricIndex, Snapshot, Unit, ValueIndex};
use crate::text::{self, Lang};

/// The gap between a tooltip and the mark it describes.
pub const GAP: f64 = 8.0;

/// The content of a tooltip, line by line.
#[derive(Clone, Debug, PartialEq)]
pub struct TooltipText {
    /// The series ("China").
    pub title: String,
    /// The value in the reader's format ("17.1 %").
    pub value: String,
    /// The date or period.
    pub when: String,
    /// The source's short name, or how the figure was computed.
    pub source: String,
    /// The kind of figure ("relayed by an outlet").
    pub kind: String,
    /// For a computed share, the totals behind it ("1,234 of 5,678 downloads").
    pub totals: Option<String>,
    /// Over time: every series shown at the date (the title), highest value first; empty for a
    /// single figure.
    pub rows: Vec<TipRow>,
}

/// One series at a date, in a tooltip over time.
#[derive(Clone, Debug, PartialEq)]
pub struct TipRow {
    /// The series id and its colour family.
    pub key: String,
    pub tone: String,
    pub label: String,
    pub value: String,
    pub totals: Option<String>,
    /// The series of the point the reader is on.
    pub focused: bool,
}

impl TooltipText {
    /// The source as a line of the tooltip ("Source: Financial Times").
    pub fn source_line(&self, lang: Lang) -> String {
        text::fill(lang.ui().tooltip_source, &[("source", &self.source)])
    }

    /// Everything the tooltip says as one sentence, for screen readers (the live region): over
    /// time, the date once, then each series' value.
    pub fn announcement(&self, lang: Lang) -> String {
        let ui = lang.ui();
        if !self.rows.is_empty() {
            let rows: Vec<String> = self
                .rows
                .iter()
                .map(|r| {
                    let mut t = text::fill(ui.part, &[("series", &r.label), ("value", &r.value)]);
                    if let Some(totals) = &r.totals {
                        t.push_str(&text::fill(ui.announce_totals, &[("totals", totals)]));
                    }
                    t
                })
                .collect();
            return text::fill(
                ui.announce_date,
                &[
                    ("when", &self.title),
                    ("rows", &rows.join(ui.list_sep)),
                    ("source", &self.source),
                    ("kind", &self.kind),
                ],
            );
        }
        let totals = self.totals.as_ref().map_or(String::new(), |t| {
            text::fill(ui.announce_totals, &[("totals", t)])
        });
        text::fill(
            ui.announce,
            &[
                ("title", &self.title),
                ("value", &self.value),
                ("totals", &totals),
                ("when", &self.when),
                ("source", &self.source),
                ("kind", &self.kind),
            ],
        )
    }
}

/// The tooltip of value `value` of metric `metric`, or of its computed remainder when `value` is
/// `None`. `None` if the indices do not exist.
pub fn tooltip_text(
    s: &Snapshot,
    metric: MetricIndex,
    value: Option<ValueIndex>,
    lang: Lang,
) -> Option<TooltipText> {
    let m = s.metrics.get(metric)?;
    let ui = lang.ui();
    match value {
        Some(i) => {
            let v = m.values.get(i)?;
            Some(TooltipText {
                title: s.series.get(v.series)?.label.get(lang.code()).to_owned(),
                value: text::figure(lang, v.value, m.unit),
                when: text::when(lang, v.when),
                source: s.sources.get(v.source)?.short_name.clone(),
                kind: text::kind(lang, v.kind).to_owned(),
                totals: v
                    .totals
                    .map(|(part, whole)| text::totals(lang, part, whole)),
                rows: Vec::new(),
            })
        }
        None => {
            let (rest, when) = figures::remainder(m)?;
            let (origin, relays) = figures::sources_of(m);
            let source = origin
                .or(relays.first().copied())
                .and_then(|i| s.sources.get(i))
                .map_or(String::new(), |src| src.short_name.clone());
            Some(TooltipText {
                title: text::remainder_label(lang, m).to_owned(),
                value: text::figure(lang, rest, Unit::Percent),
                when: text::when(lang, when),
                source,
                kind: ui.computed_remainder.to_owned(),
                totals: None,
                rows: Vec::new(),
            })
        }
    }
}

/// The tooltip of point `point` of timeline `t` (metric `metric`): its date, and every series
/// shown at that date with its value (and totals), highest first, the point's own marked when
/// `mark_own` (the keyboard's place, as up and down move across the series: a pointer over the
/// plot chooses a date, not a series); the source and kind of the point's figure.
pub fn date_text(
    s: &Snapshot,
    metric: MetricIndex,
    t: &Timeline,
    point: usize,
    mark_own: bool,
    lang: Lang,
) -> Option<TooltipText> {
    let m = s.metrics.get(metric)?;
    let own = t.points.get(point)?;
    let mut tip = tooltip_text(s, metric, Some(own.value), lang)?;
    tip.rows = t
        .column(point)
        .into_iter()
        .filter_map(|i| {
            let p = &t.points[i];
            let v = m.values.get(p.value)?;
            Some(TipRow {
                key: p.key.clone(),
                tone: p.tone.clone(),
                label: text::series_label(lang, s, p.series).to_owned(),
                value: text::figure(lang, v.value, m.unit),
                totals: v
                    .totals
                    .map(|(part, whole)| text::totals(lang, part, whole)),
                focused: mark_own && i == point,
            })
        })
        .collect();
    tip.title = core::mem::take(&mut tip.when);
    tip.value.clear();
    tip.totals = None;
    Some(tip)
}

/// Where a tooltip of `size` (width, height) goes for a mark at `anchor`, inside `bounds`: above
/// the mark if it fits, else below, right, left; never over the mark and never outside `bounds`
/// when any such place exists. Returns the tooltip's top-left corner.
pub fn place(anchor: Rect, size: (f64, f64), bounds: Rect) -> (f64, f64) {
    place_in_order(anchor, size, bounds, [0, 1, 2, 3])
}

/// The same for the points of one date over time (`anchor` holds them all, a column across the
/// plot): beside them first, right then left, as a reader's eye follows the guide; above or
/// below where there is no room beside (a narrow chart).
pub fn place_beside(anchor: Rect, size: (f64, f64), bounds: Rect) -> (f64, f64) {
    place_in_order(anchor, size, bounds, [2, 3, 0, 1])
}

/// Tries the places around `anchor` in `order` (0 above, 1 below, 2 right, 3 left).
fn place_in_order(anchor: Rect, size: (f64, f64), bounds: Rect, order: [usize; 4]) -> (f64, f64) {
    let (w, h) = size;
    let clamp_x = |x: f64| x.clamp(bounds.x, (bounds.x + bounds.width - w).max(bounds.x));
    let clamp_y = |y: f64| y.clamp(bounds.y, (bounds.y + bounds.height - h).max(bounds.y));
    let cx = anchor.x + anchor.width / 2.0;
    let cy = anchor.y + anchor.height / 2.0;
    let candidates = [
        (clamp_x(cx - w / 2.0), anchor.y - GAP - h),
        (clamp_x(cx - w / 2.0), anchor.y + anchor.height + GAP),
        (anchor.x + anchor.width + GAP, clamp_y(cy - h / 2.0)),
        (anchor.x - GAP - w, clamp_y(cy - h / 2.0)),
    ];
    let fits = |&(x, y): &(f64, f64)| {
        let r = Rect {
            x,
            y,
            width: w,
            height: h,
        };
        bounds.contains(&r) && !r.overlaps(&anchor)
    };
    let (x, y) = order
        .iter()
        .map(|&k| candidates[k])
        .find(fits)
        // Nowhere fits whole (a tooltip larger than the widget): keep it inside, at the top.
        .unwrap_or((clamp_x(cx - w / 2.0), clamp_y(bounds.y)));
    (round(x), round(y))
}

/// Tooltip sizes already measured, by text and widget width: a tooltip shown again is placed
/// without measuring it again (which would lay the page out before the frame). Keeps the last
/// [`Sizes::KEPT`] measured.
#[derive(Debug, Default)]
pub struct Sizes {
    known: Vec<((String, u32), (f64, f64))>,
}

impl Sizes {
    /// How many sizes are kept.
    pub const KEPT: usize = 64;

    fn key(text: &str, width: f64) -> (String, u32) {
        // Widths in whole CSS pixels (`as` saturates: a negative width is 0).
        (text.to_owned(), width.round() as u32)
    }

    /// The size of the tooltip showing `text` in a widget `width` wide, if measured before.
    pub fn get(&self, text: &str, width: f64) -> Option<(f64, f64)> {
        let key = Self::key(text, width);
        self.known.iter().find(|(k, _)| *k == key).map(|e| e.1)
    }

    /// Keeps a measured size, forgetting the oldest beyond [`Sizes::KEPT`].
    pub fn put(&mut self, text: &str, width: f64, size: (f64, f64)) {
        let key = Self::key(text, width);
        self.known.retain(|(k, _)| *k != key);
        if self.known.len() == Self::KEPT {
            self.known.remove(0);
        }
        self.known.push((key, size));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f64, y: f64, width: f64, height: f64) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    #[test]
    fn goes_above_when_there_is_room() {
        let bounds = rect(0.0, 0.0, 320.0, 400.0);
        let (x, y) = place(rect(100.0, 200.0, 20.0, 20.0), (120.0, 60.0), bounds);
        assert_eq!((x, y), (50.0, 132.0));
    }

    #[test]
    fn goes_below_at_the_top_and_stays_inside_at_the_edges() {
        let bounds = rect(0.0, 0.0, 320.0, 400.0);
        let anchor = rect(300.0, 10.0, 12.0, 12.0);
        let (x, y) = place(anchor, (150.0, 60.0), bounds);
        assert_eq!((x, y), (170.0, 30.0));
    }

    #[test]
    fn never_covers_its_mark_nor_leaves_the_box() {
        let bounds = rect(0.0, 0.0, 320.0, 300.0);
        let size = (140.0, 70.0);
        for ax in (0..300).step_by(13) {
            for ay in (0..280).step_by(11) {
                let anchor = rect(f64::from(ax), f64::from(ay), 16.0, 16.0);
                let (x, y) = place(anchor, size, bounds);
                let r = rect(x, y, size.0, size.1);
                assert!(bounds.contains(&r), "outside at {anchor:?}: {r:?}");
                assert!(!r.overlaps(&anchor), "covers {anchor:?}: {r:?}");
            }
        }
    }

    #[test]
    fn a_long_bar_gets_its_tooltip_above_or_below() {
        // A bar as wide as the widget: no room beside it.
        let bounds = rect(0.0, 0.0, 320.0, 300.0);
        let bar = rect(0.0, 120.0, 320.0, 24.0);
        let (_, y) = place(bar, (200.0, 80.0), bounds);
        assert!(y + 80.0 <= 120.0 || y >= 144.0);
    }

    #[test]
    fn a_size_is_known_again_only_for_the_same_text_and_width() {
        let mut sizes = Sizes::default();
        assert_eq!(sizes.get("China\n17.1 %", 320.0), None);
        sizes.put("China\n17.1 %", 320.0, (180.0, 96.0));
        assert_eq!(sizes.get("China\n17.1 %", 320.0), Some((180.0, 96.0)));
        assert_eq!(sizes.get("China\n17.1 %", 320.4), Some((180.0, 96.0)));
        // Another width may wrap the text otherwise; another text is another size.
        assert_eq!(sizes.get("China\n17.1 %", 240.0), None);
        assert_eq!(sizes.get("United States\n15.8 %", 320.0), None);
        // Measured again: the newer size replaces the older.
        sizes.put("China\n17.1 %", 320.0, (182.0, 98.0));
        assert_eq!(sizes.get("China\n17.1 %", 320.0), Some((182.0, 98.0)));
    }

    #[test]
    fn only_the_most_recent_sizes_are_kept() {
        let mut sizes = Sizes::default();
        for i in 0..=Sizes::KEPT {
            sizes.put(&i.to_string(), 320.0, (f64::from(i as u32), 10.0));
        }
        assert_eq!(sizes.get("0", 320.0), None);
        assert_eq!(sizes.get("1", 320.0), Some((1.0, 10.0)));
        let last = Sizes::KEPT.to_string();
        assert_eq!(sizes.get(&last, 320.0), Some((Sizes::KEPT as f64, 10.0)));
    }
}
