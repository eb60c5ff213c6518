//! Chart geometry: bars, timelines and tooltips, with golden marks.

use crate::support::*;
use oms_core::chart::{self, Role};
use oms_core::figures::{self};
use oms_core::snapshot::{MetricIndex, ValueIndex};
use oms_core::text::{self, Lang};
use serde_json::{json, Value};

#[test]
fn bar_chart_marks_golden() {
    let s = parse(&fixture("valid-minimal.json")).unwrap();
    let c = chart::bar_chart(&s, MetricIndex(0), &[], Lang::En);
    let got: Vec<(String, Role, String, String, f64)> = c
        .bars
        .iter()
        .map(|b| {
            (
                b.key.clone(),
                b.role,
                b.label.clone(),
                b.value_text.clone(),
                (b.share * 10_000.0).round() / 10_000.0,
            )
        })
        .collect();
    let want = vec![
        (
            "a".to_owned(),
            Role::Leader,
            "Alpha".to_owned(),
            "40.5\u{202f}%".to_owned(),
            0.405,
        ),
        (
            "b".to_owned(),
            Role::Other,
            "Beta".to_owned(),
            "12.25\u{202f}%".to_owned(),
            0.1225,
        ),
        (
            "c".to_owned(),
            Role::Other,
            "Gamma".to_owned(),
            "3\u{202f}%".to_owned(),
            0.03,
        ),
        (
            "remainder".to_owned(),
            Role::Remainder,
            "Rest".to_owned(),
            "44.25\u{202f}%".to_owned(),
            0.4425,
        ),
    ];
    assert_eq!(got, want);
    assert!(c.tracks, "percentages on a 0-100 % track");
    assert_eq!(c.height(), 4.0 * 58.0 - 14.0);
    // The same bars at 464 px, as the page lays them out and an image draws them: value labels
    // need "12.25 %" = (6 chars x 0.7 + a percent sign's 1.0) x 14 px + 6 px gap = 78.8 px,
    // leaving a 385.2 px track.
    let placed: Vec<(f64, f64, f64)> = c
        .at_width(464.0)
        .iter()
        .map(|p| (p.y, p.width, p.value_x))
        .collect();
    assert_eq!(
        placed,
        [
            (20.0, 156.0, 162.0),
            (78.0, 47.2, 53.2),
            (136.0, 11.6, 17.6),
            (194.0, 170.5, 176.5),
        ]
    );
    for (b, p) in c.bars.iter().zip(c.at_width(464.0)) {
        assert_eq!((p.track_width, p.x), (385.2, 0.0));
        // Every value label fits inside the chart.
        let right = p.value_x + chart::text_width(&b.value_text, chart::FONT_PX);
        assert!(right <= 464.05, "{} ends at {right}", b.key);
    }
}

#[test]
fn bar_labels_are_localized_and_lengths_proportional() {
    let s = parse(BUNDLED).unwrap();
    let c = chart::bar_chart(&s, s.headline, &[], Lang::It);
    let labels: Vec<&str> = c.bars.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(labels, ["Cina", "Stati Uniti", "Tutti gli altri"]);
    let values: Vec<&str> = c.bars.iter().map(|b| b.value_text.as_str()).collect();
    assert_eq!(values, ["17,1\u{202f}%", "15,8\u{202f}%", "67,1\u{202f}%"]);
    // Bars are their shares of one track, at any width.
    for (b, share) in c.bars.iter().zip([0.171, 0.158, 0.671]) {
        assert!((b.share - share).abs() < 1e-9, "{}: {}", b.key, b.share);
    }
    for width in [240.0, 320.0, 1280.0] {
        let placed = c.at_width(width);
        let track = placed[0].track_width;
        for (p, share) in placed.iter().zip([17.1, 15.8, 67.1]) {
            assert!(
                (p.width - track * share / 100.0).abs() <= 0.05,
                "{}",
                p.width
            );
        }
    }
    assert_eq!(c.bars[0].role, Role::Leader);
    // An image of no width (or of a width that is not a number) places nothing outside it.
    assert!(c.at_width(f64::NAN).iter().all(|p| p.track_width == 0.0));
}

#[test]
fn hidden_series_leave_the_chart_but_not_the_remainder() {
    let s = parse(BUNDLED).unwrap();
    let china = s.series.position(|x| x.id == "china").unwrap();
    let c = chart::bar_chart(&s, s.headline, &[china], Lang::En);
    let keys: Vec<&str> = c.bars.iter().map(|b| b.key.as_str()).collect();
    assert_eq!(keys, ["us", "remainder"]);
    assert_eq!(
        c.bars[1].value_text, "67.1\u{202f}%",
        "the remainder is still 100 - China - US"
    );
    let us = s.series.position(|x| x.id == "us").unwrap();
    let none = chart::bar_chart(&s, s.headline, &[china, us], Lang::En);
    assert_eq!(none.bars.len(), 1);
    assert_eq!(none.bars[0].key, "remainder");
}

#[test]
fn counts_are_scaled_to_the_largest_and_written_in_words() {
    let s = parse(BUNDLED).unwrap();
    let m = s
        .metrics
        .position(|m| m.id == "atom-cumulative-downloads")
        .unwrap();
    assert_eq!(figures::shape_of(&s.metrics[m]), figures::Shape::Bars);
    let c = chart::bar_chart(&s, m, &[], Lang::En);
    let values: Vec<&str> = c.bars.iter().map(|b| b.value_text.as_str()).collect();
    assert_eq!(values, ["1.15\u{a0}billion", "723\u{a0}million"]);
    assert!(!c.tracks, "no 100 % track for counts");
    assert_eq!(c.bars[0].share, 1.0, "the largest count fills its row");
    assert!((c.bars[1].share - 723.0 / 1150.0).abs() < 1e-9);
    assert!(c.bars.iter().all(|b| b.role != Role::Remainder));
    // A value many times smaller still gets a visible bar.
    let gguf = s
        .metrics
        .position(|m| m.id == "monthly-gguf-downloads-2026")
        .unwrap();
    let g = chart::bar_chart(&s, gguf, &[], Lang::En);
    assert!(g.bars.iter().all(|b| b.above_zero));
    assert!(g
        .at_width(240.0)
        .iter()
        .all(|p| p.width >= chart::bars::MIN_BAR));
}

#[test]
fn timeline_draws_only_the_published_dates() {
    let s = parse(BUNDLED).unwrap();
    let m = s
        .metrics
        .position(|m| m.id == "openrouter-top10-token-share")
        .unwrap();
    assert_eq!(figures::shape_of(&s.metrics[m]), figures::Shape::Timeline);
    let t = chart::timeline(&s, m, &[], Lang::En);
    assert_eq!(t.points.len(), 2);
    let labels: Vec<&str> = t.x_ticks.iter().map(|x| x.label.as_str()).collect();
    assert_eq!(labels, ["Nov\u{a0}2024", "Jan\u{a0}2026"]);
    // Fourteen months apart, both date labels and both values fit at every width.
    assert!(t.x_ticks.iter().all(|x| x.widths.is_all()));
    let values: Vec<Option<(&str, bool)>> = t
        .points
        .iter()
        .map(|p| {
            p.label
                .as_ref()
                .map(|l| (l.text.as_str(), l.widths.is_all()))
        })
        .collect();
    assert_eq!(
        values,
        [Some(("2.8\u{202f}%", true)), Some(("72.7\u{202f}%", true))]
    );
    // Later dates to the right (the latest at the plot's right edge, where the names begin);
    // higher values higher up; everything inside the plot.
    assert!(t.points[0].at < t.points[1].at && t.points[1].at == 1.0);
    assert!(t.points[0].y > t.points[1].y);
    for p in &t.points {
        assert!((0.0..=1.0).contains(&p.at));
        assert!(p.y >= t.plot_top && p.y <= t.plot_bottom);
    }
    assert_eq!(t.lines.len(), 1);
    let path = t.lines[0].path.as_deref().unwrap();
    assert_eq!(
        path.matches('L').count(),
        1,
        "one connection between two points: {path}"
    );
    // The name is whole at every width, in a column wide enough for it.
    assert_eq!(t.names.len(), 1);
    assert!(t.names[0].widths.is_all());
    assert_eq!(t.names[0].texts, ["China"]);
    assert!(t.names[0].x + chart::text_width("China", chart::FONT_PX) <= t.names[0].width);
    assert_eq!(
        t.y_ticks.first().map(|t| t.label.as_str()),
        Some("0\u{202f}%")
    );
    assert_eq!(
        t.y_ticks.last().map(|t| t.label.as_str()),
        Some("100\u{202f}%")
    );
    // 72.7 % sits at 72.7 % of the plot's height above its bottom.
    let height = t.plot_bottom - t.plot_top;
    assert!(((t.plot_bottom - t.points[1].y) / height - 0.727).abs() < 0.001);
}

#[test]
fn timeline_handles_empty_single_and_colliding_labels() {
    let s = parse(BUNDLED).unwrap();
    let m = s
        .metrics
        .position(|m| m.id == "openrouter-top10-token-share")
        .unwrap();
    let china = s.series.position(|x| x.id == "china").unwrap();
    let empty = chart::timeline(&s, m, &[china], Lang::En);
    assert!(empty.points.is_empty() && empty.lines.is_empty() && empty.x_ticks.is_empty());

    // Three dates, two of them three months apart: on a narrow chart those two date labels
    // collide and the later one is kept; on a wide one all three fit.
    let mut doc: Value = serde_json::from_str(BUNDLED).unwrap();
    let mut extra = doc["metrics"][4]["values"][0].clone();
    extra["date"] = json!("2025-02");
    extra["value"] = json!(10);
    doc["metrics"][4]["values"]
        .as_array_mut()
        .unwrap()
        .push(extra);
    let s2 = parse(&doc.to_string()).unwrap();
    let t = chart::timeline(&s2, MetricIndex(4), &[], Lang::En);
    let at = |k: usize| -> Vec<&str> {
        t.x_ticks
            .iter()
            .filter(|x| x.widths.contains(k))
            .map(|x| x.label.as_str())
            .collect()
    };
    assert_eq!(at(0), ["Feb\u{a0}2025", "Jan\u{a0}2026"]);
    assert_eq!(at(7), ["Nov\u{a0}2024", "Feb\u{a0}2025", "Jan\u{a0}2026"]);
    assert_eq!(t.points.len(), 3);
    let path = t.lines[0].path.as_deref().unwrap();
    assert_eq!(
        path.matches('L').count(),
        2,
        "connected in date order: {path}"
    );
    // Two value labels three months apart collide on a narrow chart: the first keeps its label.
    let shown = |k: usize| {
        t.points
            .iter()
            .filter(|p| p.label.as_ref().is_some_and(|l| l.widths.contains(k)))
            .count()
    };
    assert_eq!(shown(0), 2);
    assert_eq!(shown(7), 3);
    // One point: no connector, in the plot.
    doc["metrics"][4]["values"]
        .as_array_mut()
        .unwrap()
        .truncate(1);
    let s3 = parse(&doc.to_string()).unwrap();
    let one = chart::timeline(&s3, MetricIndex(4), &[], Lang::En);
    assert_eq!(one.points.len(), 1);
    assert_eq!(one.lines[0].path, None);
    assert!(one.points[0].at > 0.0 && one.points[0].at < 1.0);
}

#[test]
fn tooltips_say_value_period_source_and_kind() {
    let s = parse(BUNDLED).unwrap();
    let m = &s.metrics[s.headline];
    let us = m
        .values
        .position(|v| s.series[v.series].id == "us")
        .unwrap();
    let t = chart::tooltip::tooltip_text(&s, s.headline, Some(us), Lang::It).unwrap();
    assert_eq!(t.title, "Stati Uniti");
    assert_eq!(t.value, "15,8\u{202f}%");
    assert_eq!(t.when, "ago\u{a0}2024\u{a0}– ago\u{a0}2025");
    assert_eq!(t.source, "Financial Times");
    assert_eq!(t.kind, "riportato da una testata");
    let r = chart::tooltip::tooltip_text(&s, s.headline, None, Lang::En).unwrap();
    assert_eq!(r.title, "Everyone else");
    assert_eq!(r.value, "67.1\u{202f}%");
    assert_eq!(r.kind, "computed: 100 % minus the sourced parts");
    let slides = s
        .metrics
        .position(|m| m.id == "openrouter-top10-token-share")
        .unwrap();
    let t = chart::tooltip::tooltip_text(&s, slides, Some(ValueIndex(0)), Lang::En).unwrap();
    assert_eq!(
        (t.value.as_str(), t.when.as_str(), t.kind.as_str()),
        ("2.8\u{202f}%", "Nov\u{a0}2024", "author's talk slides")
    );
    assert_eq!(
        chart::tooltip::tooltip_text(&s, slides, None, Lang::En),
        None,
        "no remainder"
    );
}

#[test]
fn bar_chart_of_nothing_is_empty() {
    // A measure with no remainder and every series hidden draws nothing, with no height.
    let s = parse(BUNDLED).unwrap();
    let m = s
        .metrics
        .position(|m| m.id == "fine-tunes-on-chinese-base")
        .unwrap();
    let china = s.series.position(|x| x.id == "china").unwrap();
    let c = chart::bar_chart(&s, m, &[china], Lang::En);
    assert!(c.bars.is_empty());
    assert_eq!(c.height(), 0.0);
    // A single value is drawn, on its 0-100 % track, without a leader.
    let one = chart::bar_chart(&s, m, &[], Lang::En);
    assert_eq!(one.bars.len(), 1);
    assert_eq!(one.bars[0].role, Role::Other);
    assert!((one.bars[0].share - 0.63).abs() < 1e-9);
    // An unknown metric index draws nothing rather than panicking.
    assert!(chart::bar_chart(&s, MetricIndex(99), &[], Lang::En)
        .bars
        .is_empty());
    assert!(chart::timeline(&s, MetricIndex(99), &[], Lang::En)
        .points
        .is_empty());
}

#[test]
fn timeline_marks_golden() {
    let s = parse(BUNDLED).unwrap();
    let m = s
        .metrics
        .position(|m| m.id == "openrouter-top10-token-share")
        .unwrap();
    let t = chart::timeline(&s, m, &[], Lang::En);
    // The value axis: "100 %" at 12 px (4 x 0.7 + 1.0 em: 45.6) + 8 px. The 14 months between the two points are
    // padded by 8 % before the first; the latest is the plot's right edge.
    let round = |v: f64| (v * 10_000.0).round() / 10_000.0;
    assert_eq!(
        (t.axis_width, t.plot_top, t.plot_bottom),
        (53.6, 28.0, 230.0)
    );
    let got: Vec<(f64, f64, Option<f64>)> = t
        .points
        .iter()
        .map(|p| (round(p.at), p.y, p.label.as_ref().map(|l| l.y)))
        .collect();
    assert_eq!(
        got,
        vec![(0.0741, 224.3, Some(212.3)), (1.0, 83.1, Some(71.1))]
    );
    let ticks: Vec<(f64, &str, f64)> = t
        .y_ticks
        .iter()
        .map(|k| (k.y, k.label.as_str(), k.label_x))
        .collect();
    assert_eq!(
        ticks,
        [
            (230.0, "0\u{202f}%", 45.6),
            (179.5, "25\u{202f}%", 45.6),
            (129.0, "50\u{202f}%", 45.6),
            (78.5, "75\u{202f}%", 45.6),
            (28.0, "100\u{202f}%", 45.6)
        ]
    );
    assert_eq!(t.lines[0].path.as_deref(), Some("M74.1 224.3L1000 83.1"));
    assert_eq!(t.lines[0].name_y, 88.1);
    assert_eq!(t.names[0].texts, ["China"]);
    assert_eq!(
        t.grid(),
        "M0 230H1000M0 179.5H1000M0 129H1000M0 78.5H1000M0 28H1000"
    );
}

#[test]
fn a_computed_series_draws_as_lines_with_totals_in_tooltips() {
    let s = parse(&fixture("valid-computed.json")).expect("valid");
    let i = computed_index(&s);
    let m = &s.metrics[i];
    assert_eq!(figures::shape_of(m), figures::Shape::Timeline);
    assert!(figures::is_dense(m));
    let t = chart::timeline(&s, i, &[], Lang::En);
    {
        assert_eq!(t.lines.len(), 6, "one line per group");
        assert!(t.lines.iter().all(|l| l.data_line && l.path.is_some()));
        let emphasized: Vec<&str> = t
            .lines
            .iter()
            .filter(|l| l.emphasis)
            .map(|l| l.key.as_str())
            .collect();
        assert_eq!(emphasized, vec!["china", "us"]);
        // Years on the time axis, not every month.
        let labels: Vec<&str> = t.x_ticks.iter().map(|x| x.label.as_str()).collect();
        assert_eq!(labels, vec!["2024", "2025"]);
        // No point carries a value label: the last value is written with the series name,
        // whole, at every width (the name is shortened on narrow charts).
        assert!(t.points.iter().all(|p| p.label.is_none()));
        for l in &t.lines {
            assert_eq!(t.points.iter().filter(|p| p.key == l.key).count(), 20);
        }
        let mut covered = chart::Widths::NONE;
        for names in &t.names {
            for k in names.widths.ranges() {
                covered.insert(k);
            }
            for text in &names.texts {
                assert!(text.ends_with('%'), "{text:?}");
            }
            // At the narrowest width of its range, the names column keeps to its part.
            let narrowest = chart::BREAKPOINTS[names.widths.ranges().next().expect("a range")];
            assert!(names.width <= narrowest * chart::timeline::NAMES_SPACE_MAX + 0.05);
        }
        assert!(covered.is_all(), "names for every width");
        // The value axis fits the values (all under 60 %) instead of running to 100.
        let top = t.y_ticks.last().expect("ticks");
        let hundred = text::percent(Lang::En, oms_core::decimal::Decimal::new(100, 0));
        assert!(
            top.label != hundred && t.y_ticks.len() >= 3,
            "{:?}",
            t.y_ticks
        );
        // Every point inside the plot.
        assert!(t
            .points
            .iter()
            .all(|p| (0.0..=1.0).contains(&p.at) && p.y >= t.plot_top && p.y <= t.plot_bottom));
    }
    let first_china = m
        .values
        .position(|v| s.series[v.series].id == "china")
        .expect("china");
    let tip = chart::tooltip::tooltip_text(&s, i, Some(first_china), Lang::En).expect("tooltip");
    assert_eq!(tip.totals.as_deref(), Some("6,500 of 21,870 downloads"));
    assert_eq!(tip.kind, "computed from the study's dataset");
    let it = chart::tooltip::tooltip_text(&s, i, Some(first_china), Lang::It).expect("tooltip");
    assert_eq!(it.totals.as_deref(), Some("6500 su 21.870 download"));

    // The title compares the groups at the latest month.
    let last_us = m
        .values
        .iter()
        .rfind(|v| s.series[v.series].id == "us")
        .expect("us");
    let last_china = m
        .values
        .iter()
        .rfind(|v| s.series[v.series].id == "china")
        .expect("china");
    let gap = text::number(Lang::En, last_us.value - last_china.value);
    assert_eq!(
        text::metric_sentence(Lang::En, &s, i),
        format!("United States leads by {gap} percentage points, Aug\u{a0}2025")
    );
    // The summary reads each series as its first and last figures, not 120 values.
    let summary = text::summary(Lang::En, &s, i, &[]);
    assert!(summary.contains("China from 29.7"), "{summary}");
    // 35.0 arrives from JSON as 35, and is shown with the series' one decimal.
    assert!(summary.contains("to 35.0"), "{summary}");
    assert!(summary.len() < 1200, "{} characters", summary.len());

    // The table and downloads carry the totals.
    let rows = oms_core::figures::rows(&s, i, &[]);
    let csv = oms_core::export::csv(&s, i, &rows, Lang::En);
    assert!(
        csv.lines().nth(1).expect("a row").ends_with(",6500,21870"),
        "{csv}"
    );
}

#[test]
fn a_series_may_take_its_country_groups_colour() {
    assert_eq!(
        problems_after(|d| d["series"][2]["group"] = json!("mars")),
        vec![(
            "series[2].group".to_owned(),
            oms_core::snapshot::ProblemKind::UnknownId {
                id: "mars".into(),
                list: "series"
            }
        )]
    );
    let mut doc: Value = serde_json::from_str(BUNDLED).unwrap();
    doc["series"][2]["group"] = json!("china"); // Qwen
    let s = parse(&doc.to_string()).expect("valid");
    let qwen = s.series.position(|x| x.id == "qwen").expect("qwen");
    assert_eq!(figures::tone(&s, qwen), "china");
    let m = s
        .metrics
        .position(|m| m.id == "qwen-vs-llama-cumulative-downloads")
        .expect("metric");
    let bars = chart::bar_chart(&s, m, &[], Lang::En);
    let tones: Vec<(&str, &str)> = bars
        .bars
        .iter()
        .map(|b| (b.key.as_str(), b.tone.as_str()))
        .collect();
    assert_eq!(tones, vec![("qwen", "china"), ("llama", "llama")]);
    assert_eq!(bars.bars[0].marker, chart::Marker::Circle);
}
