//! The widget's views as HTML: every region the reader sees (controls, chart, legend, notes,
//! table, sources, footer), written from the core's marks and the locale's strings. The live
//! widget puts these strings in place and the build writes them into static pages: one renderer,
//! so both show the same.
//!
//! Interactive elements carry the data attributes the widget's event handlers look for:
//! `data-view` on the view buttons, `data-key` on legend items and marks, `data-index` on marks,
//! `data-format` on download buttons, `data-page` on the table's page buttons, and `data-focus`
//! on everything that can hold focus when its region is written again.

use super::html::{text, Html};
use crate::chart::annotations::{NoteAnchor, NOTE_LINE};
use crate::chart::bars::{BAR_HEIGHT, CORNER, MIN_BAR, VALUE_BASELINE, VALUE_GAP};
use crate::chart::timeline::{PointMark, LINE_UNITS};
use crate::chart::tooltip::tooltip_text;
use crate::chart::{self, coord, BarChart, Marks, Timeline, Widths};
use crate::export;
use crate::figures::{self, Shape};
use crate::params::View;
use crate::snapshot::{MetricIndex, SeriesIndex, Snapshot, SourceIndex, ValueIndex};
use crate::text::{self, Lang};

/// What the reader is looking at.
#[derive(Clone, Copy, Debug)]
pub struct Reader<'a> {
    pub snapshot: &'a Snapshot,
    pub lang: Lang,
    pub metric: MetricIndex,
    pub view: View,
    /// Series the reader hid in the legend.
    pub hidden: &'a [SeriesIndex],
    /// The table's page (from 0).
    pub page: usize,
    /// The way from the document to the root of `dist/` ("" for `index.html`, "../../" for a
    /// prerendered page), for links to the static files.
    pub base: &'a str,
}

/// The path of the prerendered page of `lang`, metric `metric_id` and `view`, from the root of
/// `dist/` (a contract: the embed code points at it; see the README).
pub fn page_path(lang: Lang, metric_id: &str, view: View) -> String {
    format!("{}/{metric_id}/{}.html", lang.code(), view.code())
}

/// The file name of the chart's image (the share card the build draws) of `metric` in `lang`:
/// `open-model-share-<metric id>-<lang>.<ext>` (`png` or `svg`).
pub fn image_file_name(s: &Snapshot, lang: Lang, metric: MetricIndex, ext: &str) -> String {
    let id = s.metrics.get(metric).map_or("", |m| m.id.as_str());
    format!("open-model-share-{id}-{}.{ext}", lang.code())
}

/// The path from the root of `dist/` of the file `name` beside the pages of `metric` in `lang`.
fn beside_pages(s: &Snapshot, lang: Lang, metric: MetricIndex, name: &str) -> String {
    let id = s.metrics.get(metric).map_or("", |m| m.id.as_str());
    format!("{}/{id}/{name}", lang.code())
}

/// Where the chart's image goes in `dist/`: beside the measure's pages.
pub fn image_path(s: &Snapshot, lang: Lang, metric: MetricIndex, ext: &str) -> String {
    beside_pages(s, lang, metric, &image_file_name(s, lang, metric, ext))
}

/// The path of a static download (`ext`: `csv` or `json`) of metric `metric` in `lang`, from the
/// root of `dist/`.
pub fn download_path(s: &Snapshot, lang: Lang, metric: MetricIndex, ext: &str) -> String {
    beside_pages(s, lang, metric, &export::file_name(s, metric, ext))
}

/// A link to a source (http(s) only, checked by validation), or its name when it has no link.
pub fn source_link(s: &Snapshot, i: SourceIndex) -> String {
    let Some(src) = s.sources.get(i) else {
        return String::new();
    };
    let mut h = Html::new();
    match &src.url {
        Some(url) => h.element(
            "a",
            &[
                ("href", url),
                ("title", &src.title),
                ("rel", "noopener noreferrer"),
                ("target", "_blank"),
            ],
            &src.short_name,
        ),
        None => h.element("span", &[("title", &src.title)], &src.short_name),
    };
    h.finish()
}

/// The measure select and the view buttons (inside `.oms-controls`).
pub fn controls(r: &Reader) -> String {
    let ui = r.lang.ui();
    let mut h = Html::new();
    h.open("label", &[("class", "oms-measure")])
        .element("span", &[("class", "oms-measure__label")], ui.measure)
        .open(
            "select",
            &[("class", "oms-select"), ("data-focus", "measure")],
        );
    for (i, m) in r.snapshot.metrics.indexed() {
        let value = i.0.to_string();
        let mut attrs = vec![("value", value.as_str()), ("data-id", m.id.as_str())];
        if i == r.metric {
            attrs.push(("selected", ""));
        }
        h.element("option", &attrs, m.label.get(r.lang.code()));
    }
    h.close("select").close("label").open(
        "div",
        &[
            ("class", "oms-tabs"),
            ("role", "group"),
            ("aria-label", ui.views_label),
        ],
    );
    for (view, label) in [
        (View::Chart, ui.view_chart),
        (View::Table, ui.view_table),
        (View::Sources, ui.view_sources),
    ] {
        let focus = format!("view-{}", view.code());
        h.element(
            "button",
            &[
                ("class", "oms-tab"),
                ("type", "button"),
                (
                    "aria-pressed",
                    if view == r.view { "true" } else { "false" },
                ),
                ("data-view", view.code()),
                ("data-focus", &focus),
            ],
            label,
        );
    }
    h.close("div");
    h.finish()
}

/// The accessible name of a mark: series, value and date.
fn mark_label(r: &Reader, value: Option<ValueIndex>) -> String {
    tooltip_text(r.snapshot, r.metric, value, r.lang).map_or(String::new(), |t| {
        text::fill(
            r.lang.ui().mark_label,
            &[("title", &t.title), ("value", &t.value), ("when", &t.when)],
        )
    })
}

/// The attributes of a focusable mark: part of the chart's single tab stop (mark 0 holds it at
/// first), named for screen readers, with its value in a native tooltip until the widget's own
/// takes over.
fn mark_attrs(r: &Reader, index: usize, value: Option<ValueIndex>) -> [(String, String); 5] {
    [
        ("data-index".into(), index.to_string()),
        (
            "tabindex".into(),
            if index == 0 { "0" } else { "-1" }.to_owned(),
        ),
        ("role".into(), "img".into()),
        ("aria-label".into(), mark_label(r, value)),
        ("data-focus".into(), format!("mark-{index}")),
    ]
}

/// The classes that show an element only at the widths in `widths` (none when it shows at all).
pub fn widths_class(widths: Widths) -> String {
    if widths.is_all() {
        return String::new();
    }
    let mut c = String::from(" oms-vis");
    for k in widths.ranges() {
        c.push_str(" oms-w");
        c.push_str(&k.to_string());
    }
    c
}

/// A percentage of a length, for an SVG attribute ("17.1%").
fn percent(part: f64) -> String {
    let mut s = coord(part * 100.0);
    s.push('%');
    s
}

/// The chart of the marks (inside `.oms-figure`), or a note when every series is hidden. It
/// fits any width: lengths along the chart are percentages, and what depends on the width is
/// shown by container queries (see [`chart::BREAKPOINTS`]).
pub fn chart(r: &Reader, marks: &Marks) -> String {
    let ui = r.lang.ui();
    let mut h = Html::new();
    if marks.is_empty() {
        h.element("p", &[("class", "oms-empty")], ui.all_hidden);
        return h.finish();
    }
    match marks {
        Marks::Bars(c) => bars(&mut h, r, c),
        Marks::Timeline(t) => timeline(&mut h, r, t),
    }
    h.finish()
}

/// The bars: a row each (the label over the bar, the value after its end), on a grid whose last
/// column is as wide as the widest value.
fn bars(h: &mut Html, r: &Reader, c: &BarChart) {
    let ui = r.lang.ui();
    h.open(
        "div",
        &[
            ("class", "oms-chart oms-chart--bars"),
            ("role", "group"),
            ("aria-label", ui.chart_label),
        ],
    );
    let (height, radius) = (coord(BAR_HEIGHT), coord(CORNER));
    let value_y = coord(BAR_HEIGHT / 2.0 + VALUE_BASELINE);
    for (i, b) in c.bars.iter().enumerate() {
        let class = format!("oms-mark oms-bar {}", b.role.class());
        let attrs = mark_attrs(r, i, b.value);
        let mut all: Vec<(&str, &str)> = vec![
            ("class", &class),
            ("data-key", &b.key),
            ("data-tone", &b.tone),
        ];
        all.extend(attrs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        all.push(("title", &attrs[3].1));
        let length = percent(b.share);
        h.open("div", &all)
            .element("span", &[("class", "oms-bar__label")], &b.label)
            .open(
                "svg",
                &[
                    ("class", "oms-bar__bar"),
                    ("width", "100%"),
                    ("height", &height),
                    ("aria-hidden", "true"),
                ],
            );
        if c.tracks {
            h.open(
                "rect",
                &[
                    ("class", "oms-bar__track"),
                    ("width", "100%"),
                    ("height", &height),
                    ("rx", &radius),
                ],
            )
            .close("rect");
        }
        if b.above_zero {
            // The narrowest bar drawn, under the bar itself: a value above zero never vanishes.
            h.open(
                "rect",
                &[
                    ("class", "oms-bar__min"),
                    ("width", &coord(MIN_BAR)),
                    ("height", &height),
                ],
            )
            .close("rect");
        }
        h.open(
            "rect",
            &[
                ("class", "oms-bar__fill"),
                ("width", &length),
                ("height", &height),
                ("rx", &radius),
            ],
        )
        .close("rect")
        .element(
            "text",
            &[
                ("class", "oms-bar__value"),
                ("x", &length),
                ("dx", &coord(VALUE_GAP)),
                ("y", &value_y),
            ],
            &b.value_text,
        )
        .close("svg")
        // Keeps the room for the widest value right of every bar (not seen, not read).
        .element(
            "span",
            &[("class", "oms-bar__room"), ("aria-hidden", "true")],
            &b.value_text,
        )
        .close("div");
        // The data editor's notes on this bar, under it (read after the headline instead).
        for a in b
            .notes
            .iter()
            .filter_map(|&n| r.snapshot.annotations.get(n))
        {
            h.element(
                "p",
                &[
                    ("class", "oms-bar__note"),
                    ("data-tone", &b.tone),
                    ("aria-hidden", "true"),
                ],
                a.text.get(r.lang.code()),
            );
        }
    }
    h.close("div");
}

/// The shapes of the annotations on a timeline (a band over a stretch of time, a line at a
/// value), behind the data, at the widths where their text is drawn.
fn note_shapes(h: &mut Html, t: &Timeline) {
    for n in &t.notes {
        let drawn = n.drawn();
        if drawn.is_empty() {
            continue;
        }
        match n.anchor {
            NoteAnchor::Band { from, to } => {
                let class = format!("oms-band{}", widths_class(drawn));
                h.open(
                    "rect",
                    &[
                        ("class", &class),
                        ("x", &percent(from)),
                        ("y", &coord(t.plot_top)),
                        ("width", &percent(to - from)),
                        ("height", &coord(t.plot_bottom - t.plot_top)),
                    ],
                )
                .close("rect");
            }
            NoteAnchor::Line { y } => {
                let class = format!("oms-refline{}", widths_class(drawn));
                let y = coord(y);
                h.open(
                    "line",
                    &[
                        ("class", &class),
                        ("x1", "0"),
                        ("x2", "100%"),
                        ("y1", &y),
                        ("y2", &y),
                    ],
                )
                .close("line");
            }
            NoteAnchor::Point { .. } => {}
        }
    }
}

/// The text of the annotations on a timeline, over the data, each where the core placed it for
/// the reader's width.
fn note_texts(h: &mut Html, r: &Reader, t: &Timeline) {
    for n in &t.notes {
        let id = r
            .snapshot
            .annotations
            .get(n.annotation)
            .map_or("", |a| a.id.as_str());
        for place in &n.places {
            let class = format!("oms-annotation{}", widths_class(place.widths));
            let x = percent(place.at);
            let dx = coord(place.dx);
            let align = place.align.text_anchor();
            h.open("g", &[("class", &class), ("data-annotation", id)]);
            if let Some((y1, y2)) = place.leader {
                h.open(
                    "line",
                    &[
                        ("class", "oms-leader"),
                        ("x1", &x),
                        ("x2", &x),
                        ("y1", &coord(y1)),
                        ("y2", &coord(y2)),
                    ],
                )
                .close("line");
            }
            for (i, line) in place.lines.iter().enumerate() {
                h.element(
                    "text",
                    &[
                        ("x", &x),
                        ("dx", &dx),
                        ("y", &coord(place.y + i as f64 * NOTE_LINE)),
                        ("text-anchor", align),
                    ],
                    line,
                );
            }
            h.close("g");
        }
    }
}

/// A point's marker as drawn: its shape and radius (the path around (0, 0)), its colour family
/// and whether it is in the background. Each is drawn once, as an SVG `<marker>` in the plot's
/// `<defs>`, at the points that share it.
fn marker_of(p: &PointMark) -> (&str, &str, bool) {
    (&p.path, &p.tone, p.emphasis)
}

/// The timeline: the value axis, the plot (its lines stretched to its width, its points and
/// labels placed by percentages) and the series names.
fn timeline(h: &mut Html, r: &Reader, t: &Timeline) {
    let ui = r.lang.ui();
    let height = coord(t.height);
    h.open(
        "div",
        &[
            ("class", "oms-chart oms-chart--timeline"),
            ("role", "group"),
            ("aria-label", ui.chart_label),
        ],
    );
    // The value axis.
    h.open(
        "svg",
        &[
            ("class", "oms-axis-y"),
            ("width", &coord(t.axis_width)),
            ("height", &height),
            ("aria-hidden", "true"),
        ],
    );
    for tick in &t.y_ticks {
        h.element(
            "text",
            &[
                ("class", "oms-axis"),
                ("x", &coord(tick.label_x)),
                ("y", &coord(tick.label_y)),
                ("text-anchor", "end"),
            ],
            &tick.label,
        );
    }
    h.close("svg");
    // The plot.
    h.open(
        "svg",
        &[
            ("class", "oms-plot"),
            ("width", "100%"),
            ("height", &height),
        ],
    );
    // The markers. A point is a line of no length that draws its marker at its start: its x
    // can be a percentage and nothing moves it by a transform, so the browser paints and tests
    // all the points of the plot together (a `<use>` per point, each moved on its own, was
    // layerized and hit-tested one by one: about 1 ms more per pointer move at 4x CPU).
    let mut markers: Vec<(&str, &str, bool)> = Vec::new();
    let drawn_with: Vec<usize> = t
        .points
        .iter()
        .map(|p| {
            let m = marker_of(p);
            markers.iter().position(|x| *x == m).unwrap_or_else(|| {
                markers.push(m);
                markers.len() - 1
            })
        })
        .collect();
    h.open("defs", &[]);
    for (i, (d, tone, emphasis)) in markers.iter().enumerate() {
        let class = if *emphasis {
            "oms-marker"
        } else {
            "oms-marker oms-marker--muted"
        };
        h.open(
            "marker",
            &[
                ("id", &format!("oms-marker-{i}")),
                ("markerUnits", "userSpaceOnUse"),
                ("markerWidth", "1"),
                ("markerHeight", "1"),
                ("overflow", "visible"),
            ],
        )
        .open("path", &[("class", class), ("data-tone", tone), ("d", d)])
        .close("path")
        .close("marker");
    }
    h.close("defs");
    h.open("g", &[("aria-hidden", "true")]);
    note_shapes(h, t);
    h.close("g");
    let view_box = format!("0 0 {} {height}", coord(LINE_UNITS));
    h.open(
        "svg",
        &[
            ("class", "oms-plot__lines"),
            ("viewBox", &view_box),
            ("preserveAspectRatio", "none"),
            ("width", "100%"),
            ("height", &height),
            ("aria-hidden", "true"),
        ],
    )
    .open(
        "path",
        &[
            ("class", "oms-grid"),
            ("d", &t.grid()),
            ("vector-effect", "non-scaling-stroke"),
        ],
    )
    .close("path");
    for l in &t.lines {
        let class = if l.emphasis {
            "oms-line"
        } else {
            "oms-line oms-line--muted"
        };
        h.open(
            "g",
            &[
                ("class", class),
                ("data-key", &l.key),
                ("data-tone", &l.tone),
            ],
        );
        if let Some(d) = &l.path {
            let class = if l.data_line {
                "oms-data-line"
            } else {
                "oms-connector"
            };
            h.open(
                "path",
                &[
                    ("class", class),
                    ("d", d),
                    ("vector-effect", "non-scaling-stroke"),
                ],
            )
            .close("path");
        }
        h.close("g");
    }
    h.close("svg");
    h.open("g", &[("aria-hidden", "true")]);
    for tick in &t.x_ticks {
        let class = format!("oms-axis{}", widths_class(tick.widths));
        h.element(
            "text",
            &[
                ("class", &class),
                ("x", &percent(tick.at)),
                ("y", &coord(tick.label_y)),
                ("text-anchor", "middle"),
            ],
            &tick.label,
        );
    }
    h.close("g");
    for ((i, p), m) in t.points.iter().enumerate().zip(&drawn_with) {
        let attrs = mark_attrs(r, i, Some(p.value));
        let mut all: Vec<(&str, &str)> = vec![("class", "oms-mark"), ("data-key", &p.key)];
        all.extend(attrs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let (x, y) = (percent(p.at), coord(p.y));
        let class = if p.emphasis {
            "oms-point"
        } else {
            "oms-point oms-point--muted"
        };
        let marker = format!("url(#oms-marker-{m})");
        h.open("g", &all)
            .element("title", &[], &attrs[3].1)
            .open(
                "circle",
                &[
                    ("class", "oms-point__hit"),
                    ("cx", &x),
                    ("cy", &y),
                    ("r", &coord(p.hit_r)),
                ],
            )
            .close("circle")
            .open(
                "line",
                &[
                    ("class", class),
                    ("data-key", &p.key),
                    ("data-tone", &p.tone),
                    ("x1", &x),
                    ("y1", &y),
                    ("x2", &x),
                    ("y2", &y),
                    ("marker-start", &marker),
                ],
            )
            .close("line");
        if let Some(l) = p.label.as_ref().filter(|l| !l.widths.is_empty()) {
            let class = format!("oms-point__value{}", widths_class(l.widths));
            h.element(
                "text",
                &[
                    ("class", &class),
                    ("x", &x),
                    ("y", &coord(l.y)),
                    ("text-anchor", "middle"),
                ],
                &l.text,
            );
        }
        h.close("g");
    }
    h.open("g", &[("aria-hidden", "true")]);
    note_texts(h, r, t);
    h.close("g");
    // Over the whole plot, once the widget answers a pointer anywhere on it (the nearest date):
    // the pointer is tested against this one shape instead of every point under it. Before the
    // widget starts it takes no pointer, and each point shows its own native tooltip.
    h.open(
        "rect",
        &[
            ("class", "oms-plot__cover"),
            ("width", "100%"),
            ("height", "100%"),
        ],
    )
    .close("rect");
    h.close("svg");
    // The guide at the date a tooltip describes, placed and shown by the widget: a box as wide
    // as the plot and over it, with its line at its left edge, moved by a transform (a part of
    // its own width). Outside the plot's SVG, moving it lays nothing out again.
    h.open(
        "svg",
        &[
            ("class", "oms-guide"),
            ("width", "100%"),
            ("height", &height),
            ("aria-hidden", "true"),
        ],
    )
    .open(
        "line",
        &[
            ("x1", "0"),
            ("x2", "0"),
            ("y1", &coord(t.plot_top)),
            ("y2", &coord(t.plot_bottom)),
        ],
    )
    .close("line")
    .close("svg");
    // The series names, a set for each range of widths they fit.
    for names in &t.names {
        let class = format!("oms-names{}", widths_class(names.widths));
        h.open(
            "svg",
            &[
                ("class", &class),
                ("width", &coord(names.width)),
                ("height", &height),
                ("aria-hidden", "true"),
            ],
        );
        for (l, name) in t.lines.iter().zip(&names.texts) {
            let class = if l.emphasis {
                "oms-name"
            } else {
                "oms-name oms-name--muted"
            };
            h.open(
                "g",
                &[
                    ("class", class),
                    ("data-key", &l.key),
                    ("data-tone", &l.tone),
                ],
            )
            .element(
                "text",
                &[
                    ("class", "oms-series-name"),
                    ("x", &coord(names.x)),
                    ("y", &coord(l.name_y)),
                ],
                name,
            )
            .close("g");
        }
        h.close("svg");
    }
    h.close("div");
}

/// The legend: each series of the measure, a button that hides or shows it.
pub fn legend(r: &Reader) -> String {
    let ui = r.lang.ui();
    let mut h = Html::new();
    h.open(
        "ul",
        &[("class", "oms-legend"), ("aria-label", ui.legend_label)],
    );
    let size = coord(chart::SWATCH_PX);
    let view_box = format!("0 0 {size} {size}");
    for item in chart::legend(r.snapshot, r.metric, r.lang) {
        let shown = !r.hidden.contains(&item.series);
        let focus = format!("series-{}", item.key);
        h.open("li", &[])
            .open(
                "button",
                &[
                    ("class", "oms-legend__item"),
                    ("type", "button"),
                    ("data-key", &item.key),
                    ("aria-pressed", if shown { "true" } else { "false" }),
                    ("data-focus", &focus),
                ],
            )
            .open(
                "svg",
                &[
                    ("class", "oms-legend__swatch"),
                    ("width", &size),
                    ("height", &size),
                    ("viewBox", &view_box),
                    ("aria-hidden", "true"),
                ],
            )
            .open(
                "path",
                &[
                    ("class", "oms-point"),
                    ("data-key", &item.key),
                    ("data-tone", &item.tone),
                    ("d", &item.swatch),
                ],
            )
            .close("path")
            .close("svg")
            .element("span", &[], &item.label)
            .element(
                "span",
                &[("class", "oms-legend__hint")],
                if shown { "" } else { ui.legend_hint },
            )
            .close("button")
            .close("li");
    }
    h.close("ul");
    h.finish()
}

/// The notes under the chart: the remainder, the connector, the caveats, the definition; with
/// the chart's layout `marks` (over time, the player's dates come from it).
pub fn notes(r: &Reader, marks: Option<&Marks>) -> String {
    let ui = r.lang.ui();
    let code = r.lang.code();
    let mut h = Html::new();
    let Some(m) = r.snapshot.metrics.get(r.metric) else {
        return String::new();
    };
    // Playing a chart over time date by date, which needs the app (like listening, below): the
    // play button, the date slider, and what the chart says at the date shown (the last, until
    // the reader plays or slides).
    if let Some(Marks::Timeline(t)) = marks {
        let dates = t.dates();
        if dates.len() > 1 {
            let last = dates.len() - 1;
            let frame = t.frame_text(r.snapshot, r.metric, last, r.lang);
            let max = last.to_string();
            h.open("div", &[("class", "oms-player")])
                .element(
                    "button",
                    &[
                        ("class", "oms-button oms-player__play"),
                        ("type", "button"),
                        ("data-action", "play"),
                        ("aria-pressed", "false"),
                        ("data-focus", "play"),
                    ],
                    ui.play,
                )
                .open(
                    "input",
                    &[
                        ("class", "oms-player__date"),
                        ("type", "range"),
                        ("min", "0"),
                        ("max", &max),
                        ("step", "1"),
                        ("value", &max),
                        ("aria-label", ui.play_date),
                        ("aria-valuetext", &frame),
                        ("data-action", "scrub"),
                        ("data-focus", "scrub"),
                    ],
                )
                .element("output", &[("class", "oms-player__frame")], &frame)
                .close("div");
        }
    }
    // Listening, which needs the app: kept invisible (its room kept, so nothing moves) until the
    // widget takes over; described by how the sound maps the chart.
    h.open("p", &[("class", "oms-listen")])
        .element(
            "button",
            &[
                ("class", "oms-link-button"),
                ("type", "button"),
                ("data-action", "listen"),
                ("aria-describedby", "oms-listen-help"),
                ("data-focus", "listen"),
            ],
            ui.listen,
        )
        .text(" ")
        .element(
            "span",
            &[("class", "oms-listen__help"), ("id", "oms-listen-help")],
            &crate::sonify::intro(r.snapshot, r.metric, r.lang),
        )
        .close("p");
    if figures::remainder(m).is_some() {
        let label = format!(
            "<strong>{}</strong>",
            text(text::remainder_label(r.lang, m))
        );
        h.open("p", &[("class", "oms-note")])
            .template(
                ui.remainder_named,
                &[("label", &label), ("note", &text(ui.remainder_note))],
            )
            .close("p");
    }
    if figures::shape_of(m) == Shape::Timeline && !figures::is_dense(m) {
        h.element("p", &[("class", "oms-note")], ui.connector_note);
    }
    for c in &m.caveats {
        h.element("p", &[("class", "oms-note")], c.get(code));
    }
    h.open("details", &[("class", "oms-definition")])
        .element("summary", &[], ui.definition)
        .element("p", &[], m.definition.get(code))
        .close("details");
    h.finish()
}

/// The table of the numbers drawn, a page at a time, with its page buttons.
pub fn table(r: &Reader) -> String {
    let ui = r.lang.ui();
    let s = r.snapshot;
    let Some(m) = s.metrics.get(r.metric) else {
        return String::new();
    };
    let with_totals = m.values.iter().any(|v| v.totals.is_some());
    // A computed measure has one source, named under the chart: no column repeating it.
    let with_source = m.provenance.is_none();
    let all = figures::rows(s, r.metric, r.hidden);
    let shown = export::page_of(all.len(), r.page, export::PAGE_ROWS);
    let mut h = Html::new();
    h.open("div", &[("class", "oms-table-wrap")])
        .open("table", &[("class", "oms-table")])
        .element("caption", &[], m.label.get(r.lang.code()))
        .open("thead", &[])
        .open("tr", &[])
        .element("th", &[("scope", "col")], ui.th_series)
        .element("th", &[("scope", "col")], ui.th_value);
    if with_totals {
        h.element("th", &[("scope", "col")], ui.th_totals);
    }
    h.element("th", &[("scope", "col")], ui.th_when);
    if with_source {
        h.element("th", &[("scope", "col")], ui.th_source);
    }
    h.close("tr").close("thead").open("tbody", &[]);
    for row in all.iter().skip(shown.start).take(shown.end - shown.start) {
        h.open("tr", &[("data-key", &row.series_id)])
            .element(
                "th",
                &[("scope", "row")],
                text::row_label(r.lang, s, m, row),
            )
            .element(
                "td",
                &[("class", "oms-num")],
                &text::figure(r.lang, row.value, m.unit),
            );
        if with_totals {
            let totals = row
                .value_index
                .and_then(|i| m.values.get(i))
                .and_then(|v| v.totals)
                .map_or(String::new(), |(part, whole)| {
                    text::totals_short(r.lang, part, whole)
                });
            h.element("td", &[("class", "oms-num")], &totals);
        }
        h.element("td", &[], &text::when(r.lang, row.when));
        if with_source {
            h.open("td", &[]);
            match row.source {
                Some(i) => h.raw(&source_link(s, i)),
                None => h.text(ui.computed),
            };
            h.close("td");
        }
        h.close("tr");
    }
    h.close("tbody").close("table").close("div");
    if shown.pages > 1 {
        let range = text::fill(
            ui.rows_range,
            &[
                ("from", &(shown.start + 1).to_string()),
                ("to", &shown.end.to_string()),
                ("total", &shown.total.to_string()),
            ],
        );
        h.open(
            "nav",
            &[("class", "oms-pager"), ("aria-label", ui.pages_label)],
        );
        let button = |h: &mut Html, page: &str, disabled: bool, label: &str| {
            let focus = format!("page-{page}");
            let mut attrs = vec![
                ("class", "oms-button oms-pager__button"),
                ("type", "button"),
                ("data-page", page),
                ("data-focus", focus.as_str()),
            ];
            if disabled {
                attrs.push(("disabled", ""));
            }
            h.element("button", &attrs, label);
        };
        button(&mut h, "previous", shown.page == 0, ui.page_previous);
        h.element(
            "span",
            &[("class", "oms-pager__range"), ("aria-live", "polite")],
            &range,
        );
        button(&mut h, "next", shown.page + 1 == shown.pages, ui.page_next);
        h.close("nav");
    }
    annotation_list(&mut h, r, true);
    h.finish()
}

/// The notes on the measure, read by screen readers right after the headline in the chart view
/// (where the drawn ones are hidden from them; the other views list them).
pub fn annotations_read(r: &Reader) -> String {
    if r.view == View::Chart {
        text::annotations_read(r.lang, r.snapshot, r.metric)
    } else {
        String::new()
    }
}

/// The ranges of widths at which each annotation on the measure is drawn, by its place in the
/// snapshot (none for a note on a hidden series), and whether the chart is drawn over time (a
/// bar's note is in the page's flow, drawn at any width, even the narrowest).
fn drawn_notes(r: &Reader) -> (Vec<(usize, Widths)>, bool) {
    match Marks::layout(r.snapshot, r.metric, r.hidden, r.lang) {
        Some(Marks::Timeline(t)) => (
            t.notes.iter().map(|n| (n.annotation, n.drawn())).collect(),
            true,
        ),
        Some(Marks::Bars(c)) => (
            c.bars
                .iter()
                .flat_map(|b| b.notes.iter().map(|&n| (n, Widths::ALL)))
                .collect(),
            false,
        ),
        None => (Vec::new(), false),
    }
}

/// The data editor's annotations on the measure, each with what it points at and its source;
/// with `missing`, also where the chart has no room for it (the widths it is not drawn at).
fn annotation_list(h: &mut Html, r: &Reader, missing: bool) {
    let ui = r.lang.ui();
    let s = r.snapshot;
    let notes: Vec<(usize, &crate::snapshot::Annotation)> = s
        .annotations
        .iter()
        .enumerate()
        .filter(|(_, a)| a.metric == r.metric)
        .collect();
    if notes.is_empty() {
        return;
    }
    let (drawn, over_time) = if missing {
        drawn_notes(r)
    } else {
        (Vec::new(), false)
    };
    h.open("section", &[("class", "oms-annotations")])
        .element("h2", &[("class", "oms-h2")], ui.notes_heading)
        .open("ul", &[("class", "oms-list")]);
    for (i, a) in notes {
        h.open("li", &[("data-annotation", &a.id)])
            .text(&text::annotation_item(r.lang, s, a));
        if let Some(src) = a.source {
            h.text(ui.sentence_end)
                .template(ui.tooltip_source, &[("source", &source_link(s, src))]);
        }
        if missing {
            let shown = drawn
                .iter()
                .find(|(n, _)| *n == i)
                .map_or(Widths::NONE, |(_, w)| *w);
            let mut not = Widths::NONE;
            for k in (0..chart::BREAKPOINTS.len()).filter(|&k| !shown.contains(k)) {
                not.insert(k);
            }
            // Over time, a note is never drawn below the narrowest range: the stylesheet shows
            // this there for every note.
            if !not.is_empty() || over_time {
                let hidden_series = shown.is_empty()
                    && matches!(a.anchor, crate::snapshot::Anchor::Point(v)
                        if s.metrics.get(r.metric).and_then(|m| m.values.get(v)).is_some_and(|v| r.hidden.contains(&v.series)));
                let class = format!("oms-note-missing{}", widths_class(not));
                let why = if hidden_series {
                    ui.note_hidden
                } else {
                    ui.note_no_room
                };
                h.text(" ").element(
                    "span",
                    &[("class", &class)],
                    &text::fill(ui.parenthesis, &[("text", why)]),
                );
            }
        }
        h.close("li");
    }
    h.close("ul").close("section");
}

/// Definitions, caveats and the provenance of every figure of the measure.
pub fn sources(r: &Reader) -> String {
    let ui = r.lang.ui();
    let lang = r.lang;
    let s = r.snapshot;
    let Some(m) = s.metrics.get(r.metric) else {
        return String::new();
    };
    let as_of = text(&text::period(lang, s.data_as_of));
    let mut h = Html::new();
    h.open("section", &[("class", "oms-sources")])
        .element("h2", &[("class", "oms-h2")], ui.definition)
        .element("p", &[], m.definition.get(lang.code()));
    if let Some(i) = m.origin {
        if let Some(src) = s.sources.get(i) {
            h.open("p", &[])
                .template(
                    ui.origin_line,
                    &[
                        ("source", &source_link(s, i)),
                        ("title", &text(&src.title)),
                        ("publisher", &text(&src.publisher)),
                        ("date", &text(&text::period(lang, src.date))),
                    ],
                )
                .close("p");
        }
    }
    if !m.caveats.is_empty() {
        h.element("h2", &[("class", "oms-h2")], ui.caveats)
            .open("ul", &[("class", "oms-list")]);
        for c in &m.caveats {
            h.element("li", &[], c.get(lang.code()));
        }
        h.close("ul");
    }
    if let Some(p) = &m.provenance {
        let dataset = text::fill(
            ui.dataset_at,
            &[("dataset", &p.dataset), ("revision", &p.dataset_revision)],
        );
        let file = text::fill(ui.file_sha, &[("file", &p.input), ("sha", &p.input_sha256)]);
        h.element("h2", &[("class", "oms-h2")], ui.prov_heading)
            .open("dl", &[("class", "oms-provenance")])
            .element("dt", &[], ui.prov_dataset)
            .element("dd", &[], &dataset)
            .element("dt", &[], ui.prov_file)
            .element("dd", &[("class", "oms-code")], &file)
            .element("dt", &[], ui.prov_rule)
            .element("dd", &[], &p.rule)
            .element("dt", &[], ui.prov_command)
            .element("dd", &[("class", "oms-code")], &p.command);
        if let Some(c) = &p.check {
            h.element("dt", &[], ui.prov_check).element("dd", &[], c);
        }
        h.close("dl");
    } else {
        // A computed measure's figures all share one provenance (above) and are all in the table.
        h.element("h2", &[("class", "oms-h2")], ui.figures)
            .open("ul", &[("class", "oms-list")]);
        for v in &m.values {
            let series = format!(
                "<strong>{}</strong>",
                text(text::series_label(lang, s, v.series))
            );
            let mut locator = Html::new();
            locator
                .open("span", &[("class", "oms-locator")])
                .template(
                    ui.locator_line,
                    &[("locator", &text(v.locator.get(lang.code())))],
                )
                .close("span");
            h.open("li", &[]).template(
                ui.figure_item,
                &[
                    ("series", &series),
                    ("value", &text(&text::figure(lang, v.value, m.unit))),
                    ("when", &text(&text::when(lang, v.when))),
                    ("source", &source_link(s, v.source)),
                    ("kind", &text(text::kind(lang, v.kind))),
                    ("locator", &locator.finish()),
                ],
            );
            if !v.other_roundings.is_empty() {
                let list: Vec<String> = v
                    .other_roundings
                    .iter()
                    .map(|o| {
                        let name = s
                            .sources
                            .get(o.source)
                            .map_or("", |x| x.short_name.as_str());
                        text::fill(
                            ui.rounding,
                            &[("value", &text::number(lang, o.value)), ("source", name)],
                        )
                    })
                    .collect();
                h.open("br", &[])
                    .template(ui.roundings, &[("list", &text(&list.join(ui.list_sep)))]);
            }
            h.close("li");
        }
        h.close("ul");
    }
    annotation_list(&mut h, r, false);
    let (major, minor) = s.format_version;
    let version = format!("{major}.{minor}");
    h.open("p", &[("class", "oms-meta")])
        .template(
            ui.meta_line,
            &[("date", &as_of), ("version", &text(&version))],
        )
        .close("p")
        .element("h2", &[("class", "oms-h2")], ui.cite_as)
        .open("p", &[("class", "oms-cite")])
        .template(
            ui.cite_line,
            &[("widget", &text(ui.cite_widget)), ("date", &as_of)],
        )
        .close("p")
        .close("section");
    h.finish()
}

/// The line naming the measure's sources and the date the data was checked (the footer's first
/// two lines; the fallback page's footer).
pub fn source_and_date(r: &Reader) -> String {
    let ui = r.lang.ui();
    let s = r.snapshot;
    let sources = s.metrics.get(r.metric).map_or(String::new(), |m| {
        let (origin, relays) = figures::sources_of(m);
        let relays: Vec<String> = relays.iter().map(|&i| source_link(s, i)).collect();
        let relays = relays.join(&text(ui.list_sep));
        match origin {
            Some(o) if !relays.is_empty() => {
                let mut line = Html::new();
                line.template(
                    ui.via_relays,
                    &[("origin", &source_link(s, o)), ("relays", &relays)],
                );
                line.finish()
            }
            Some(o) => source_link(s, o),
            None => relays,
        }
    });
    let mut date = Html::new();
    date.element(
        "time",
        &[("datetime", &s.data_as_of.iso())],
        &text::period(r.lang, s.data_as_of),
    );
    let mut h = Html::new();
    h.open("p", &[("class", "oms-source")])
        .template(ui.source_line, &[("sources", &sources)])
        .close("p")
        .open("p", &[("class", "oms-asof")])
        .template(ui.as_of, &[("date", &date.finish())])
        .close("p");
    h.finish()
}

/// The sources of the measure, its date and the downloads (the footer, but for the embed button).
pub fn footer(r: &Reader) -> String {
    let ui = r.lang.ui();
    // Links to the static files beside the pages, so downloads work before the widget starts
    // and without JavaScript. The widget writes exactly the data in view instead for the CSV and
    // JSON (`data-format`); the chart's images are the build's (every series).
    let link = |name: String, format: &str, label: &str, data: bool| {
        let href = format!(
            "{}{}",
            r.base,
            beside_pages(r.snapshot, r.lang, r.metric, &name)
        );
        let mut attrs = vec![
            ("class", "oms-link-button"),
            ("href", href.as_str()),
            ("download", name.as_str()),
            ("data-focus", format),
        ];
        if data {
            attrs.push(("data-format", format));
        }
        let mut b = Html::new();
        b.element("a", &attrs, label);
        b.finish()
    };
    let data = |format: &str, label: &str| {
        link(
            export::file_name(r.snapshot, r.metric, format),
            format,
            label,
            true,
        )
    };
    let image = |format: &str| {
        let label = if format == "png" { "PNG" } else { "SVG" };
        link(
            image_file_name(r.snapshot, r.lang, r.metric, format),
            format,
            label,
            false,
        )
    };
    let mut h = Html::new();
    h.raw(&source_and_date(r))
        .open("p", &[("class", "oms-downloads")])
        .template(
            ui.downloads,
            &[
                ("csv", &data("csv", ui.download_csv)),
                ("json", &data("json", ui.download_json)),
            ],
        )
        .close("p")
        .open("p", &[("class", "oms-downloads")])
        .template(
            ui.chart_downloads,
            &[("png", &image("png")), ("svg", &image("svg"))],
        )
        .close("p");
    h.finish()
}

/// The embed button and its dialog (closed; the widget fills in the code when it opens).
pub fn embed(r: &Reader) -> String {
    let ui = r.lang.ui();
    let mut h = Html::new();
    h.element(
        "button",
        &[
            ("class", "oms-link-button"),
            ("type", "button"),
            ("data-action", "embed"),
            ("aria-haspopup", "dialog"),
            ("data-focus", "embed"),
        ],
        ui.embed,
    )
    .open(
        "dialog",
        &[
            ("class", "oms-dialog"),
            ("aria-labelledby", "oms-embed-title"),
        ],
    )
    .element(
        "h2",
        &[("class", "oms-h2"), ("id", "oms-embed-title")],
        ui.embed_title,
    )
    .element(
        "p",
        &[("class", "oms-dialog__help"), ("id", "oms-embed-help")],
        ui.embed_help,
    )
    .element(
        "textarea",
        &[
            ("class", "oms-code"),
            ("readonly", ""),
            ("rows", "7"),
            ("aria-labelledby", "oms-embed-title"),
            ("aria-describedby", "oms-embed-help"),
        ],
        "",
    )
    .open("div", &[("class", "oms-dialog__actions")])
    .element(
        "button",
        &[
            ("class", "oms-button"),
            ("type", "button"),
            ("data-action", "copy"),
        ],
        ui.copy,
    )
    .element(
        "button",
        &[
            ("class", "oms-button"),
            ("type", "button"),
            ("data-action", "close"),
        ],
        ui.close,
    )
    .element(
        "span",
        &[("class", "oms-dialog__status"), ("role", "status")],
        "",
    )
    .close("div")
    .close("dialog");
    h.finish()
}

/// The lines of the tooltip, in order (the list of rows over time follows the first).
const TOOLTIP_LINES: [&str; 6] = [
    "oms-tooltip__title",
    "oms-tooltip__value",
    "oms-tooltip__when",
    "oms-tooltip__source",
    "oms-tooltip__totals",
    "oms-tooltip__kind",
];

/// The tooltip, empty and hidden: the widget fills it in and shows it beside a mark.
pub fn tooltip() -> String {
    let mut h = Html::new();
    h.open(
        "div",
        &[
            ("class", "oms-tooltip"),
            ("role", "tooltip"),
            ("id", "oms-tooltip"),
            ("hidden", ""),
        ],
    );
    for (i, class) in TOOLTIP_LINES.iter().enumerate() {
        h.element("p", &[("class", class)], "");
        if i == 0 {
            // Over time: every series at the date (the title), highest first.
            h.element("ul", &[("class", "oms-tooltip__rows"), ("hidden", "")], "");
        }
    }
    h.close("div");
    h.finish()
}

/// The rows of a tooltip over time, as the items of its list: each series with its marker's
/// colour, its value and the totals behind it; the reader's own series marked.
/// The parts of each row are its label, its figure and its totals (when it has them), in that
/// order: the widget updates a row in place by their places.
pub fn tooltip_rows(rows: &[chart::tooltip::TipRow]) -> String {
    let mut h = Html::new();
    for r in rows {
        h.open(
            "li",
            &[
                ("class", tooltip_row_class(r.focused)),
                ("data-tone", &r.tone),
            ],
        )
        .element("span", &[("class", "oms-tooltip__label")], &r.label)
        .element("span", &[("class", "oms-tooltip__figure")], &r.value);
        if let Some(t) = &r.totals {
            h.element("span", &[("class", "oms-tooltip__row-totals")], t);
        }
        h.close("li");
    }
    h.finish()
}

/// The class of a row of a tooltip over time (`focused`: the keyboard's own series).
pub fn tooltip_row_class(focused: bool) -> &'static str {
    if focused {
        "oms-tooltip__row oms-tooltip__row--focused"
    } else {
        "oms-tooltip__row"
    }
}
