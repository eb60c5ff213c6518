//! The data editor's annotations: validation with paths in every language, placement clear of
//! the data at every width, and where the views write them.

use crate::support::*;
use oms_core::chart::annotations::{
    Align, NoteAnchor, NOTE_BASELINE, NOTE_FONT_PX, NOTE_LINE, NOTE_MAX,
};
use oms_core::chart::timeline::LABEL_BASELINE;
use oms_core::chart::{self, text_width, Marks, Timeline, BREAKPOINTS, FONT_PX};
use oms_core::params::View;
use oms_core::render::{html, page, widget};
use oms_core::snapshot::{Anchor, ProblemKind, Snapshot};
use oms_core::text::{self, problem_message, Lang};
use serde_json::{json, Value};

const COMPUTED: &str = "computed-download-share-by-country-group";
const HEADLINE: &str = "hf-download-share-by-developer-country";

/// The computed fixture with `notes` as its annotations.
fn computed_with(notes: Value) -> Snapshot {
    let mut doc: Value = serde_json::from_str(&fixture("valid-computed.json")).unwrap();
    doc["format_version"] = json!("1.2");
    doc["annotations"] = notes;
    parse(&doc.to_string()).expect("annotated fixture validates")
}

/// Every kind of anchor on the computed series, long texts in three languages, and a point on
/// the bars of the headline.
fn annotated() -> Snapshot {
    computed_with(json!([
        { "id": "window", "metric": COMPUTED, "band": { "start": "2024-08", "end": "2025-08" },
          "source": "study",
          "text": { "en": "The study's window: Aug 2024 – Aug 2025",
                    "it": "La finestra dello studio: ago 2024 – ago 2025",
                    "zh": "研究的时间窗口：2024年8月至2025年8月" } },
        { "id": "half", "metric": COMPUTED, "line": { "value": 20 },
          "text": { "en": "20 % of all downloads", "it": "Il 20 % di tutti i download",
                    "zh": "全部下载量的 20%" } },
        { "id": "last", "metric": COMPUTED, "point": { "series": "china", "date": "2025-08" },
          "source": "ft-2025-11-26",
          "text": { "en": "The last month of the study, China ahead of the United States",
                    "it": "L'ultimo mese dello studio, con la Cina davanti agli Stati Uniti",
                    "zh": "研究的最后一个月，中国领先美国" } },
        { "id": "first", "metric": COMPUTED, "point": { "series": "us", "date": "2024-01" },
          "text": { "en": "The first month computed", "it": "Il primo mese calcolato",
                    "zh": "计算的第一个月" } },
        { "id": "ft", "metric": HEADLINE, "point": { "series": "china" }, "source": "ft-2025-11-26",
          "text": { "en": "FT: the first time", "it": "FT: la prima volta", "zh": "首次" } }
    ]))
}

fn metric(s: &Snapshot, id: &str) -> oms_core::snapshot::MetricIndex {
    s.metrics.position(|m| m.id == id).expect("metric")
}

/// The annotation problems after adding `note` to the computed fixture, as (path, kind).
fn note_problems(note: Value) -> Vec<(String, ProblemKind)> {
    computed_problems_after(|doc| doc["annotations"] = json!([note]))
}

#[test]
fn every_wrong_anchor_is_a_problem_at_its_path() {
    let text = json!({ "en": "A note" });
    let cases: Vec<(Value, &str, ProblemKind)> = vec![
        (
            json!({ "id": "n", "metric": HEADLINE, "text": text }),
            "annotations[0]",
            ProblemKind::AnchorNotOne,
        ),
        (
            json!({ "id": "n", "metric": HEADLINE, "text": text,
                    "point": { "series": "china" }, "line": { "value": 5 } }),
            "annotations[0]",
            ProblemKind::AnchorNotOne,
        ),
        (
            json!({ "id": "n", "metric": "nope", "text": text, "point": { "series": "china" } }),
            "annotations[0].metric",
            ProblemKind::UnknownId {
                id: "nope".into(),
                list: "metrics",
            },
        ),
        (
            json!({ "id": "n", "metric": HEADLINE, "text": text, "point": { "series": "mars" } }),
            "annotations[0].point.series",
            ProblemKind::UnknownId {
                id: "mars".into(),
                list: "series",
            },
        ),
        // A series that exists, with no figure in this measure.
        (
            json!({ "id": "n", "metric": HEADLINE, "text": text, "point": { "series": "qwen" } }),
            "annotations[0].point",
            ProblemKind::NoSuchFigure,
        ),
        (
            json!({ "id": "n", "metric": COMPUTED, "text": text,
                    "point": { "series": "china", "date": "2023-01" } }),
            "annotations[0].point",
            ProblemKind::NoSuchFigure,
        ),
        // A series with a figure every month: which one needs its date.
        (
            json!({ "id": "n", "metric": COMPUTED, "text": text, "point": { "series": "china" } }),
            "annotations[0].point.date",
            ProblemKind::Missing,
        ),
        (
            json!({ "id": "n", "metric": HEADLINE, "text": text,
                    "band": { "start": "2024-08", "end": "2025-08" } }),
            "annotations[0].band",
            ProblemKind::NotOverTime,
        ),
        (
            json!({ "id": "n", "metric": HEADLINE, "text": text, "line": { "value": 10 } }),
            "annotations[0].line",
            ProblemKind::NotOverTime,
        ),
        (
            json!({ "id": "n", "metric": COMPUTED, "text": text,
                    "band": { "start": "2023-06", "end": "2024-03" } }),
            "annotations[0].band",
            ProblemKind::OutsideDates,
        ),
        (
            json!({ "id": "n", "metric": COMPUTED, "text": text,
                    "band": { "start": "2025-03", "end": "2024-03" } }),
            "annotations[0].band",
            ProblemKind::EndsBeforeStart,
        ),
        (
            json!({ "id": "n", "metric": COMPUTED, "text": text, "line": { "value": 120 } }),
            "annotations[0].line.value",
            ProblemKind::PercentOutOfRange,
        ),
        (
            json!({ "id": "n", "metric": HEADLINE, "text": { "it": "Solo italiano" },
                    "point": { "series": "china" } }),
            "annotations[0].text",
            ProblemKind::NoEnglish,
        ),
        (
            json!({ "id": "n", "metric": HEADLINE, "text": text, "source": "gossip",
                    "point": { "series": "china" } }),
            "annotations[0].source",
            ProblemKind::UnknownId {
                id: "gossip".into(),
                list: "sources",
            },
        ),
    ];
    for (note, path, kind) in cases {
        let found = note_problems(note.clone());
        assert_eq!(found, vec![(path.to_owned(), kind)], "{note}");
    }
    // Two annotations with one id.
    let twice = computed_problems_after(|doc| {
        let n = json!({ "id": "n", "metric": HEADLINE, "text": { "en": "x" },
                        "point": { "series": "china" } });
        doc["annotations"] = json!([n, n]);
    });
    assert_eq!(
        twice,
        vec![(
            "annotations[1].id".to_owned(),
            ProblemKind::DuplicateId("n".into())
        )]
    );
}

#[test]
fn anchor_problems_are_told_in_the_readers_language_with_their_path() {
    let problems = parse(
        &{
            let mut doc: Value = serde_json::from_str(&fixture("valid-computed.json")).unwrap();
            doc["annotations"] = json!([
                { "id": "a", "metric": HEADLINE, "text": { "en": "x" } },
                { "id": "b", "metric": HEADLINE, "text": { "en": "x" }, "point": { "series": "qwen" } },
                { "id": "c", "metric": HEADLINE, "text": { "en": "x" }, "line": { "value": 1 } },
                { "id": "d", "metric": COMPUTED, "text": { "en": "x" },
                  "band": { "start": "2020-01", "end": "2024-03" } }
            ]);
            doc
        }
        .to_string(),
    )
    .expect_err("four problems");
    assert_eq!(problems.len(), 4);
    for lang in Lang::ALL {
        let messages: Vec<String> = problems.iter().map(|p| problem_message(lang, p)).collect();
        for (m, p) in messages.iter().zip(&problems) {
            assert!(m.starts_with(&p.path), "{m}");
            assert!(m.len() > p.path.len() + 10, "{m}");
        }
        if lang != Lang::En {
            let en: Vec<String> = problems
                .iter()
                .map(|p| problem_message(Lang::En, p))
                .collect();
            assert!(messages.iter().zip(&en).all(|(a, b)| a != b), "{lang:?}");
        }
    }
    assert_eq!(
        problem_message(Lang::It, &problems[0]),
        "annotations[0]: un'annotazione richiede esattamente uno tra point, band e line"
    );
}

#[test]
fn the_bundled_snapshot_annotates_what_its_sources_say() {
    let s = parse(BUNDLED).unwrap();
    assert!(!s.annotations.is_empty());
    for a in &s.annotations {
        let src = a.source.and_then(|i| s.sources.get(i)).expect("sourced");
        let m = &s.metrics[a.metric];
        let Anchor::Point(v) = a.anchor else {
            panic!("the bundled measures are bars: {}", a.id)
        };
        // Sourced by the source of the figure it points at, or the outlet it quotes.
        assert!(
            m.values[v].source == a.source.unwrap() || src.id == "ft-2025-11-26",
            "{}",
            a.id
        );
        for lang in Lang::ALL {
            assert!(
                lang == Lang::En || a.text.get(lang.code()) != a.text.get("en"),
                "{} in {lang:?}",
                a.id
            );
        }
    }
    // The FT's words, quoted in English.
    let ft = s
        .annotations
        .iter()
        .find(|a| a.id == "ft-first-time-china-led")
        .expect("the FT's note");
    assert!(ft
        .text
        .get("en")
        .contains("the first time Chinese groups have beaten their American counterparts"));
    assert_eq!(s.metrics[ft.metric].id, HEADLINE);
}

/// A drawn note's block at plot width `w`: left, top, right, bottom (px).
fn note_box(at: f64, dx: f64, align: Align, y: f64, lines: &[String], w: f64) -> [f64; 4] {
    let width = lines
        .iter()
        .map(|l| text_width(l, NOTE_FONT_PX))
        .fold(0.0f64, f64::max);
    let x = at * w + dx;
    let left = match align {
        Align::Start => x,
        Align::Middle => x - width / 2.0,
        Align::End => x - width,
    };
    let top = y - NOTE_BASELINE;
    let bottom = y + (lines.len() - 1) as f64 * NOTE_LINE + 4.0;
    [left, top, left + width, bottom]
}

fn overlap(a: [f64; 4], b: [f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// The range of [`BREAKPOINTS`] a chart `width` px wide is in.
fn range_of(width: f64) -> usize {
    BREAKPOINTS.iter().rposition(|&b| b <= width).unwrap_or(0)
}

/// Checks the notes drawn on `t` at a chart `width` px wide: inside the plot, clear of every
/// point, every value label shown there and each other. Returns how many are drawn.
fn check_clear(t: &Timeline, width: f64, what: &str) -> usize {
    let k = range_of(width);
    let names = t
        .names
        .iter()
        .find(|n| n.widths.contains(k))
        .map_or(0.0, |n| n.width);
    let w = width - t.axis_width - names;
    let mut taken: Vec<([f64; 4], String)> = Vec::new();
    // Every point of a sparse chart; of a dense one, those of the emphasized series (the others
    // are drawn in the background, and a note's halo may cross them).
    for p in t.points.iter().filter(|p| p.emphasis) {
        let r = p.r;
        let x = p.at * w;
        taken.push(([x - r, p.y - r, x + r, p.y + r], format!("point {}", p.key)));
        if let Some(l) = p.label.as_ref().filter(|l| l.widths.contains(k)) {
            let lw = text_width(&l.text, FONT_PX);
            taken.push((
                [
                    x - lw / 2.0,
                    l.y - FONT_PX,
                    x + lw / 2.0,
                    l.y + LABEL_BASELINE - 2.0,
                ],
                format!("label {}", l.text),
            ));
        }
    }
    let mut drawn = 0;
    for n in &t.notes {
        let places: Vec<_> = n.places.iter().filter(|p| p.widths.contains(k)).collect();
        assert!(places.len() <= 1, "{what}: one place per width");
        let Some(p) = places.first() else {
            continue;
        };
        drawn += 1;
        let b = note_box(p.at, p.dx, p.align, p.y, &p.lines, w);
        assert!(
            b[0] >= 0.0 && b[2] <= w + 0.05 && b[1] >= 0.0 && b[3] <= t.plot_bottom,
            "{what} at {width} px: note {} outside the plot {b:?} (plot {w} x {})",
            n.annotation,
            t.plot_bottom
        );
        for l in &p.lines {
            assert!(text_width(l, NOTE_FONT_PX) <= NOTE_MAX, "{what}: {l}");
        }
        for (o, name) in &taken {
            assert!(
                !overlap(b, *o),
                "{what} at {width} px: note {} {:?} covers {name} {o:?}",
                n.annotation,
                p.lines
            );
        }
        taken.push((b, format!("note {}", n.annotation)));
    }
    drawn
}

#[test]
fn notes_on_a_timeline_cover_nothing_at_any_width_in_every_language() {
    let s = annotated();
    let i = metric(&s, COMPUTED);
    for lang in Lang::ALL {
        let t = chart::timeline(&s, i, &[], lang);
        assert_eq!(t.notes.len(), 4, "the four notes on this measure");
        // Every width from 240 px to the largest, by 8 px: nothing covered anywhere.
        let mut width = 240.0;
        while width <= 1248.0 {
            check_clear(&t, width, lang.code());
            width += 8.0;
        }
        // This chart is crowded (six lines over the whole plot): the wide chart has room for
        // most notes, the narrow one for fewer (the table lists the others).
        assert!(check_clear(&t, 1248.0, lang.code()) >= 3, "{lang:?}");
        assert!(check_clear(&t, 768.0, lang.code()) >= 2, "{lang:?}");
        assert!(check_clear(&t, 320.0, lang.code()) >= 1, "{lang:?}");
        // The band spans the window and the line sits at its value.
        let band = t.notes.iter().find(|n| n.annotation == 0).unwrap();
        let NoteAnchor::Band { from, to } = band.anchor else {
            panic!("a band")
        };
        let first_point = t.points.iter().map(|p| p.at).fold(1.0, f64::min);
        assert!(from > first_point && from < to && to == 1.0, "{from} {to}");
        let line = t.notes.iter().find(|n| n.annotation == 1).unwrap();
        let NoteAnchor::Line { y } = line.anchor else {
            panic!("a line")
        };
        let tick = t
            .y_ticks
            .iter()
            .find(|t| t.label.starts_with("20"))
            .unwrap();
        assert_eq!(y, tick.y, "20 % is on the axis' 20 % tick");
    }
}

#[test]
fn a_note_without_room_is_dropped_not_clipped_and_the_table_says_where() {
    // Six long notes on one point: the narrow chart cannot hold them all.
    let long = |n: usize| {
        json!({ "id": format!("n{n}"), "metric": COMPUTED,
                "point": { "series": "china", "date": "2025-01" },
                "text": { "en": format!("Note number {n}, long enough to take a few lines on a phone") } })
    };
    let s = computed_with(Value::Array((0..6).map(long).collect()));
    let i = metric(&s, COMPUTED);
    let t = chart::timeline(&s, i, &[], Lang::En);
    let mut width = 240.0;
    while width <= 1248.0 {
        check_clear(&t, width, "crowded");
        width += 8.0;
    }
    let narrow = check_clear(&t, 320.0, "crowded");
    assert!(narrow < 6, "{narrow} of 6 drawn at 320 px");
    // The table lists every note; a note missing at some widths says so at those widths.
    let r = widget::Reader {
        snapshot: &s,
        lang: Lang::En,
        metric: i,
        view: View::Table,
        hidden: &[],
        page: 0,
        base: "",
    };
    let html = widget::table(&r);
    for n in 0..6 {
        assert!(html.contains(&format!("data-annotation=\"n{n}\"")), "n{n}");
    }
    let dropped = t
        .notes
        .iter()
        .find(|n| !n.drawn().is_all())
        .expect("one dropped");
    let missing = html
        .split("data-annotation=\"")
        .find(|part| part.starts_with(&format!("n{}\"", dropped.annotation)))
        .expect("its item");
    let item = &missing[..missing.find("</li>").unwrap()];
    assert!(item.contains("oms-note-missing oms-vis"), "{item}");
    assert!(item.contains(Lang::En.ui().note_no_room));
    for k in 0..BREAKPOINTS.len() {
        let class = format!(" oms-w{k}");
        assert_eq!(
            item.contains(&format!("{class} ")) || item.contains(&format!("{class}\"")),
            !dropped.drawn().contains(k),
            "range {k}: {item}"
        );
    }
    // A note on a hidden series is not drawn, and the table says why.
    let china = s.series.position(|x| x.id == "china").unwrap();
    let hidden = [china];
    let r = widget::Reader {
        hidden: &hidden,
        ..r
    };
    let t = chart::timeline(&s, i, &hidden, Lang::En);
    assert!(t.notes.is_empty());
    assert!(widget::table(&r).contains(Lang::En.ui().note_hidden));
}

#[test]
fn notes_are_in_the_chart_the_first_view_the_table_and_the_sources() {
    let s = annotated();
    for lang in Lang::ALL {
        // Bars: each note under its bar, in the page's flow.
        let h = metric(&s, HEADLINE);
        let Some(Marks::Bars(c)) = Marks::layout(&s, h, &[], lang) else {
            panic!("bars")
        };
        let china = c.bars.iter().find(|b| b.key == "china").unwrap();
        assert_eq!(china.notes, vec![4]);
        assert!(c
            .bars
            .iter()
            .filter(|b| b.key != "china")
            .all(|b| b.notes.is_empty()));
        let r = widget::Reader {
            snapshot: &s,
            lang,
            metric: h,
            view: View::Chart,
            hidden: &[],
            page: 0,
            base: "",
        };
        let chart_html = widget::chart(&r, &Marks::layout(&s, h, &[], lang).unwrap());
        let note = html::text(s.annotations[4].text.get(lang.code()));
        let bar_at = chart_html.find("data-key=\"china\"").unwrap();
        let note_at = chart_html.find(&note).expect("the note");
        let next_bar = chart_html[bar_at..]
            .find("data-key=\"us\"")
            .map_or(usize::MAX, |n| n + bar_at);
        assert!(bar_at < note_at && note_at < next_bar, "under China's bar");

        // The timeline: every drawn place's lines, in the static page too.
        let c = metric(&s, COMPUTED);
        let r = widget::Reader { metric: c, ..r };
        let main = page::main(&r);
        let t = chart::timeline(&s, c, &[], lang);
        for n in &t.notes {
            for p in &n.places {
                for l in &p.lines {
                    assert!(main.contains(&html::text(l)), "{lang:?}: {l}");
                }
            }
        }
        assert!(main.contains("class=\"oms-band"));
        assert!(main.contains("class=\"oms-refline"));
        // Read after the headline, before the chart.
        let read = text::annotations_read(lang, &s, c);
        let h1 = main.find("</h1>").unwrap();
        let read_at = main.find(&html::text(&read)).expect("read");
        assert!(h1 < read_at && read_at < main.find("oms-figure").unwrap());
        for a in s.annotations.iter().filter(|a| a.metric == c) {
            assert!(read.contains(a.text.get(lang.code())));
        }
        // The table and the sources list every note with what it points at and its source.
        let table = widget::table(&widget::Reader {
            view: View::Table,
            ..r
        });
        let sources = widget::sources(&widget::Reader {
            view: View::Sources,
            ..r
        });
        for a in s.annotations.iter().filter(|a| a.metric == c) {
            let item = html::text(&text::annotation_item(lang, &s, a));
            assert!(table.contains(&item), "{lang:?} table: {item}");
            assert!(sources.contains(&item), "{lang:?} sources: {item}");
        }
        assert!(sources.contains("Financial Times"));
        assert!(!sources.contains("oms-note-missing"));
    }
    // No annotations: nothing read, nothing listed.
    let plain = parse(&fixture("valid-minimal.json")).unwrap();
    assert_eq!(text::annotations_read(Lang::En, &plain, plain.headline), "");
}

#[test]
fn a_short_note_on_sparse_points_is_drawn_at_every_width() {
    let mut doc: Value = serde_json::from_str(BUNDLED).unwrap();
    doc["annotations"] = json!([
        { "id": "jump", "metric": "openrouter-top10-token-share",
          "point": { "series": "china", "date": "2026-01" },
          "text": { "en": "Most tokens", "it": "La maggior parte", "zh": "多数" } }
    ]);
    let s = parse(&doc.to_string()).expect("valid");
    let i = metric(&s, "openrouter-top10-token-share");
    for lang in Lang::ALL {
        let t = chart::timeline(&s, i, &[], lang);
        assert!(t.notes[0].drawn().is_all(), "{lang:?}: {:?}", t.notes[0]);
        let mut width = 240.0;
        while width <= 1248.0 {
            assert_eq!(check_clear(&t, width, lang.code()), 1);
            width += 8.0;
        }
    }
}

#[test]
fn a_band_past_the_last_point_is_not_drawn_and_a_duplicate_is_one_problem() {
    // The axis ends at the middle of the last month: a band within its second half has no width.
    let mut doc: Value = serde_json::from_str(BUNDLED).unwrap();
    let metric_id = "openrouter-top10-token-share";
    doc["annotations"] = json!([
        { "id": "late", "metric": metric_id, "band": { "start": "2026-01-20", "end": "2026-01-31" },
          "text": { "en": "Late January" } }
    ]);
    let s = parse(&doc.to_string()).expect("within the measure's dates");
    let i = metric(&s, metric_id);
    assert!(chart::timeline(&s, i, &[], Lang::En).notes.is_empty());
    let r = widget::Reader {
        snapshot: &s,
        lang: Lang::En,
        metric: i,
        view: View::Table,
        hidden: &[],
        page: 0,
        base: "",
    };
    assert!(widget::table(&r).contains(Lang::En.ui().note_no_room));
    // Two figures for one series and date: the duplicate is the measure's problem, not the
    // note's (whose date is given).
    let found = computed_problems_after(|doc| {
        let values = doc["metrics"][8]["values"].as_array_mut().unwrap();
        let copy = values[0].clone();
        values.push(copy);
        let series = values[0]["series"].clone();
        let date = values[0]["date"].clone();
        doc["annotations"] = json!([{ "id": "n", "metric": COMPUTED, "text": { "en": "x" },
                                      "point": { "series": series, "date": date } }]);
    });
    assert!(found.iter().any(|(_, k)| *k == ProblemKind::DuplicateValue));
    assert!(
        found
            .iter()
            .all(|(path, _)| !path.starts_with("annotations")),
        "{found:?}"
    );
}
