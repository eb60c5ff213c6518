//! Host tests of the pure core against the bundled snapshot and fixture snapshots.

use oms_core::chart::{self, Role};
use oms_core::figures::{self, Lead};
use oms_core::snapshot::{self, Json, Problem, ProblemKind, Snapshot, Unit};
use oms_core::text::{self, Lang};
use serde_json::{json, Value};

const BUNDLED: &str = include_str!("../../../public/data/snapshot.json");

fn parse(text: &str) -> Result<Snapshot, Vec<Problem>> {
    let doc: Json = serde_json::from_str(text).expect("fixture is JSON");
    snapshot::validate(&doc)
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture exists")
}

/// The problems of the bundled snapshot after `edit`, as (path, kind).
fn problems_after(edit: impl FnOnce(&mut Value)) -> Vec<(String, ProblemKind)> {
    let mut doc: Value = serde_json::from_str(BUNDLED).unwrap();
    edit(&mut doc);
    match parse(&doc.to_string()) {
        Ok(_) => Vec::new(),
        Err(ps) => ps.into_iter().map(|p| (p.path, p.kind)).collect(),
    }
}

fn pct(lang: Lang, d: oms_core::decimal::Decimal) -> String {
    text::value(lang, d, Unit::Percent)
}

#[test]
fn bundled_snapshot_is_valid_and_its_headline_is_the_studys() {
    let s = parse(BUNDLED).expect("bundled snapshot validates");
    let h = figures::headline(&s).expect("headline");
    let label = |i: usize| s.series[i].label.get("en").to_owned();
    // The figures of research/data-sources.md: China 17.1 %, US 15.8 %, Aug 2024 – Aug 2025.
    assert_eq!(h.parts.len(), 2);
    assert_eq!(label(h.parts[0].series), "China");
    assert_eq!(pct(Lang::En, h.parts[0].share), "17.1\u{202f}%");
    assert_eq!(label(h.parts[1].series), "United States");
    assert_eq!(pct(Lang::En, h.parts[1].share), "15.8\u{202f}%");
    assert_eq!(pct(Lang::En, h.remainder), "67.1\u{202f}%");
    assert_eq!(
        text::when(Lang::En, h.when),
        "Aug\u{a0}2024\u{a0}– Aug\u{a0}2025"
    );
    assert_eq!(
        text::lead_sentence(Lang::En, &s, &h),
        "China leads by 1.3 percentage points"
    );
    assert_eq!(
        text::lead_sentence(Lang::It, &s, &h),
        "Cina in testa di 1,3 punti percentuali"
    );

    // Provenance of each headline figure, with the other published roundings.
    let m = &s.metrics[h.metric];
    let cn = &m.values[h.parts[0].value];
    let us = &m.values[h.parts[1].value];
    assert_eq!(s.sources[cn.source].short_name, "Stanford HAI / DigiChina");
    assert_eq!(s.sources[us.source].short_name, "Financial Times");
    assert_eq!(
        s.sources[us.source].url.as_deref(),
        Some("https://www.ft.com/content/8f187958-4461-42a3-90a8-3fecdb27155e")
    );
    assert_eq!(us.other_roundings.len(), 1);
    assert_eq!(text::number(Lang::En, us.other_roundings[0].value), "15.86");
    assert_eq!(text::number(Lang::En, cn.other_roundings[0].value), "17");
    assert_eq!(cn.kind.id(), "relayed");
    let origin = m.origin.expect("the headline names its study");
    assert!(s.sources[origin]
        .title
        .starts_with("Economies of Open Intelligence"));
}

#[test]
fn every_bundled_value_is_sourced_and_dated() {
    let s = parse(BUNDLED).unwrap();
    for m in &s.metrics {
        assert!(!m.values.is_empty(), "{} has values", m.id);
        for v in &m.values {
            assert!(!v.locator.get("en").is_empty());
            assert!(v.source < s.sources.len());
        }
    }
    // No stored remainder: "everyone else" is computed, never a series of the snapshot.
    assert!(s
        .series
        .iter()
        .all(|x| !x.id.contains("else") && !x.id.contains("other")));
}

#[test]
fn headline_is_derived_not_assumed() {
    let s = parse(&fixture("valid-minimal.json")).expect("valid fixture");
    assert_eq!(
        s.format_version,
        (1, 3),
        "a newer minor version is accepted"
    );
    let h = figures::headline(&s).unwrap();
    let ids: Vec<&str> = h
        .parts
        .iter()
        .map(|p| s.series[p.series].id.as_str())
        .collect();
    assert_eq!(ids, ["a", "b", "c"], "largest first");
    match h.lead {
        Lead::Ahead {
            leader,
            runner_up,
            gap,
        } => {
            assert_eq!(s.series[leader].id, "a");
            assert_eq!(s.series[runner_up].id, "b");
            assert_eq!(text::number(Lang::En, gap), "28.25");
            assert_eq!(text::number(Lang::It, gap), "28,25");
        }
        other => panic!("expected a leader, got {other:?}"),
    }
    assert_eq!(text::number(Lang::En, h.remainder), "44.25");
    assert_eq!(
        text::when(Lang::It, h.when),
        "gen\u{a0}2025\u{a0}– giu\u{a0}2025"
    );
    assert_eq!(
        text::lead_sentence(Lang::It, &s, &h),
        "Alfa in testa di 28,25 punti percentuali"
    );
    // Beta has no Italian label: English is the fallback.
    assert_eq!(s.series[1].label.get("it"), "Beta");
}

#[test]
fn equal_shares_are_level() {
    let s = parse(&fixture("valid-level.json")).expect("valid fixture");
    let h = figures::headline(&s).unwrap();
    assert!(matches!(h.lead, Lead::Level { .. }));
    assert_eq!(
        text::lead_sentence(Lang::En, &s, &h),
        "Alpha level with Beta"
    );
    assert_eq!(text::number(Lang::En, h.remainder), "0");
}

#[test]
fn every_problem_is_collected_with_its_path() {
    let problems = parse(&fixture("invalid-many.json")).unwrap_err();
    let got: Vec<(String, ProblemKind)> = problems
        .iter()
        .map(|p| (p.path.clone(), p.kind.clone()))
        .collect();
    let expect = |path: &str, kind: ProblemKind| {
        assert!(
            got.contains(&(path.to_owned(), kind.clone())),
            "missing {path}: {kind}\n got: {got:#?}"
        );
    };
    expect("data_as_of", ProblemKind::BadDate("2026-02-30".into()));
    expect("series[1].id", ProblemKind::DuplicateId("a".into()));
    expect("series[1].label", ProblemKind::NoEnglish);
    expect("sources[0].url", ProblemKind::BadUrl);
    expect("metrics[0].window", ProblemKind::EndsBeforeStart);
    expect("metrics[0].values[0].value", ProblemKind::PercentOutOfRange);
    expect(
        "metrics[0].values[1].series",
        ProblemKind::UnknownId {
            id: "z".into(),
            list: "series",
        },
    );
    expect(
        "metrics[0].values[1].value",
        ProblemKind::WrongType {
            expected: "a number",
            found: "string",
        },
    );
    expect(
        "metrics[0].values[1].source",
        ProblemKind::UnknownId {
            id: "nowhere".into(),
            list: "sources",
        },
    );
    expect("metrics[0].values[1].locator", ProblemKind::Missing);
    assert!(got.iter().any(|(p, k)| p == "metrics[0].values[1].kind"
        && matches!(k, ProblemKind::NotOneOf { found, .. } if found == "guessed")));
    assert_eq!(got.len(), 11, "no cascade of follow-on problems: {got:#?}");
    // Messages name the path and the reason.
    let msg = problems
        .iter()
        .find(|p| p.path == "metrics[0].values[0].value")
        .unwrap()
        .to_string();
    assert_eq!(
        msg,
        "metrics[0].values[0].value: a percentage must be between 0 and 100"
    );
}

#[test]
fn single_problems_in_the_bundled_snapshot() {
    type Edit = Box<dyn FnOnce(&mut Value)>;
    let cases: Vec<(Edit, &str, ProblemKind)> = vec![
        (
            Box::new(|d| d["format_version"] = json!("2.0")),
            "format_version",
            ProblemKind::UnsupportedVersion("2.0".into()),
        ),
        (
            Box::new(|d| d["format_version"] = json!(1)),
            "format_version",
            ProblemKind::WrongType {
                expected: "a string",
                found: "number",
            },
        ),
        (
            Box::new(|d| {
                d.as_object_mut().unwrap().remove("metrics");
            }),
            "metrics",
            ProblemKind::Missing,
        ),
        (
            Box::new(|d| d["metrics"][0]["values"][1]["value"] = json!(-1)),
            "metrics[0].values[1].value",
            ProblemKind::PercentOutOfRange,
        ),
        (
            Box::new(|d| d["metrics"][1]["values"][0]["value"] = json!(-5)),
            "metrics[1].values[0].value",
            ProblemKind::NegativeCount,
        ),
        (
            Box::new(|d| d["metrics"][0]["values"][1]["value"] = json!(83.1)),
            "metrics[0].values",
            ProblemKind::PartsAbove100 {
                sum: oms_core::decimal::Decimal::new(1002, 1),
            },
        ),
        (
            Box::new(|d| {
                let copy = d["sources"][0].clone();
                d["sources"].as_array_mut().unwrap().push(copy);
            }),
            "sources[9].id",
            ProblemKind::DuplicateId("study".into()),
        ),
        (
            Box::new(|d| d["headline_metric"] = json!("nope")),
            "headline_metric",
            ProblemKind::UnknownId {
                id: "nope".into(),
                list: "metrics",
            },
        ),
        (
            Box::new(|d| d["headline_metric"] = json!("atom-cumulative-downloads")),
            "headline_metric",
            ProblemKind::HeadlineNotComparable("must be a percentage"),
        ),
        (
            Box::new(|d| d["metrics"][0]["values"][0]["locator"] = json!("x".repeat(2001))),
            "metrics[0].values[0].locator",
            ProblemKind::TooLong { chars: 2001 },
        ),
        (
            Box::new(|d| d["metrics"][0]["date"] = json!("2025")),
            "metrics[0]",
            ProblemKind::DateAndWindow,
        ),
        (
            Box::new(|d| {
                d["metrics"][4]["values"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("date")
                    .map(|_| ())
                    .unwrap()
            }),
            "metrics[4].values[0]",
            ProblemKind::NoDate,
        ),
        (
            Box::new(|d| d["metrics"][4]["values"][1]["date"] = json!("2024-11")),
            "metrics[4].values[1]",
            ProblemKind::DuplicateValue,
        ),
        (
            Box::new(|d| d["metrics"][3]["values"] = json!([])),
            "metrics[3].values",
            ProblemKind::Empty,
        ),
        (
            Box::new(|d| d["sources"][0]["publisher"] = json!("   ")),
            "sources[0].publisher",
            ProblemKind::Empty,
        ),
        (
            Box::new(|d| d["metrics"][1]["values"][0]["value"] = json!(0.1234567)),
            "metrics[1].values[0].value",
            ProblemKind::BadNumber,
        ),
        (
            Box::new(|d| d["metrics"][0]["values"][0]["value"] = json!(1e300)),
            "metrics[0].values[0].value",
            ProblemKind::BadNumber,
        ),
        (
            Box::new(|d| *d = json!([1, 2])),
            "",
            ProblemKind::WrongType {
                expected: "an object",
                found: "array",
            },
        ),
    ];
    for (edit, path, kind) in cases {
        let got = problems_after(edit);
        assert_eq!(
            got,
            vec![(path.to_owned(), kind.clone())],
            "expected only {path}: {kind}"
        );
    }
}

#[test]
fn parts_may_sum_to_100_within_the_rounding_tolerance() {
    // 17.1 + 83.0 = 100.1: within the stated tolerance of 0.1 points; the remainder is then zero.
    let mut doc: Value = serde_json::from_str(BUNDLED).unwrap();
    doc["metrics"][0]["values"][1]["value"] = json!(83.0);
    let s = parse(&doc.to_string()).expect("within tolerance");
    let h = figures::headline(&s).unwrap();
    assert_eq!(text::number(Lang::En, h.remainder), "0.0");
}

#[test]
fn oversized_documents_are_refused_before_parsing() {
    assert!(snapshot::check_size(snapshot::MAX_DOCUMENT_BYTES).is_ok());
    let err = snapshot::check_size(snapshot::MAX_DOCUMENT_BYTES + 1).unwrap_err();
    assert_eq!(
        err.to_string(),
        "(document): the document has 1048577 bytes, more than the limit of 1048576"
    );
}

#[test]
fn bar_chart_marks_golden() {
    let s = parse(&fixture("valid-minimal.json")).unwrap();
    let c = chart::bar_chart(&s, 0, &[], Lang::En, 464.0);
    // Value labels need "12.25 %" = 7 chars x 0.7 x 14 px + 6 px gap = 74.6 px: track 389.4 px.
    let got: Vec<(String, Role, String, String, f64, f64, f64)> = c
        .bars
        .iter()
        .map(|b| {
            (
                b.key.clone(),
                b.role,
                b.label.clone(),
                b.value_text.clone(),
                b.y,
                b.width,
                b.value_x,
            )
        })
        .collect();
    let want = vec![
        (
            "a".to_owned(),
            Role::Leader,
            "Alpha".to_owned(),
            "40.5\u{202f}%".to_owned(),
            20.0,
            157.7,
            163.7,
        ),
        (
            "b".to_owned(),
            Role::Other,
            "Beta".to_owned(),
            "12.25\u{202f}%".to_owned(),
            78.0,
            47.7,
            53.7,
        ),
        (
            "c".to_owned(),
            Role::Other,
            "Gamma".to_owned(),
            "3\u{202f}%".to_owned(),
            136.0,
            11.7,
            17.7,
        ),
        (
            "remainder".to_owned(),
            Role::Remainder,
            "Rest".to_owned(),
            "44.25\u{202f}%".to_owned(),
            194.0,
            172.3,
            178.3,
        ),
    ];
    assert_eq!(got, want);
    assert!(c.bars.iter().all(|b| b.track_width == 389.4 && b.x == 0.0));
    assert_eq!(c.height, 4.0 * 58.0 - 14.0);
    assert_eq!(c.width, 464.0);
    // Every value label fits inside the chart.
    for b in &c.bars {
        let right = b.value_x + chart::text_width(&b.value_text, chart::FONT_PX);
        assert!(right <= c.width + 0.05, "{} ends at {right}", b.key);
    }
}

#[test]
fn bar_chart_keeps_a_minimum_width_and_localizes_labels() {
    let s = parse(BUNDLED).unwrap();
    let c = chart::bar_chart(&s, s.headline, &[], Lang::It, 100.0);
    assert_eq!(c.width, chart::MIN_WIDTH);
    let labels: Vec<&str> = c.bars.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(labels, ["Cina", "Stati Uniti", "Tutti gli altri"]);
    let values: Vec<&str> = c.bars.iter().map(|b| b.value_text.as_str()).collect();
    assert_eq!(values, ["17,1\u{202f}%", "15,8\u{202f}%", "67,1\u{202f}%"]);
    // Bars are proportional to their shares on one track.
    let track = c.bars[0].track_width;
    for (b, share) in c.bars.iter().zip([17.1, 15.8, 67.1]) {
        assert!(
            (b.width - track * share / 100.0).abs() <= 0.05,
            "{}: {}",
            b.key,
            b.width
        );
    }
    assert_eq!(c.bars[0].role, Role::Leader);
    let nan = chart::bar_chart(&s, s.headline, &[], Lang::En, f64::NAN);
    assert_eq!(nan.width, chart::MIN_WIDTH);
}

#[test]
fn hidden_series_leave_the_chart_but_not_the_remainder() {
    let s = parse(BUNDLED).unwrap();
    let china = s.series.iter().position(|x| x.id == "china").unwrap();
    let c = chart::bar_chart(&s, s.headline, &[china], Lang::En, 600.0);
    let keys: Vec<&str> = c.bars.iter().map(|b| b.key.as_str()).collect();
    assert_eq!(keys, ["us", "remainder"]);
    assert_eq!(
        c.bars[1].value_text, "67.1\u{202f}%",
        "the remainder is still 100 - China - US"
    );
    let us = s.series.iter().position(|x| x.id == "us").unwrap();
    let none = chart::bar_chart(&s, s.headline, &[china, us], Lang::En, 600.0);
    assert_eq!(none.bars.len(), 1);
    assert_eq!(none.bars[0].key, "remainder");
}

#[test]
fn counts_are_scaled_to_the_largest_and_written_in_words() {
    let s = parse(BUNDLED).unwrap();
    let m = s
        .metrics
        .iter()
        .position(|m| m.id == "atom-cumulative-downloads")
        .unwrap();
    assert_eq!(chart::shape_of(&s.metrics[m]), chart::Shape::Bars);
    let c = chart::bar_chart(&s, m, &[], Lang::En, 400.0);
    let values: Vec<&str> = c.bars.iter().map(|b| b.value_text.as_str()).collect();
    assert_eq!(values, ["1.15\u{a0}billion", "723\u{a0}million"]);
    assert!(
        c.bars.iter().all(|b| b.track_width == 0.0),
        "no 100 % track for counts"
    );
    let ratio = c.bars[1].width / c.bars[0].width;
    assert!((ratio - 723.0 / 1150.0).abs() < 0.002, "{ratio}");
    assert!(c.bars.iter().all(|b| b.role != Role::Remainder));
    // A value many times smaller still gets a visible bar.
    let gguf = s
        .metrics
        .iter()
        .position(|m| m.id == "monthly-gguf-downloads-2026")
        .unwrap();
    let g = chart::bar_chart(&s, gguf, &[], Lang::En, 240.0);
    assert!(g.bars.iter().all(|b| b.width >= chart::bars::MIN_BAR));
}

#[test]
fn timeline_draws_only_the_published_dates() {
    let s = parse(BUNDLED).unwrap();
    let m = s
        .metrics
        .iter()
        .position(|m| m.id == "openrouter-top10-token-share")
        .unwrap();
    assert_eq!(chart::shape_of(&s.metrics[m]), chart::Shape::Timeline);
    for width in [240.0, 320.0, 768.0, 1280.0] {
        let t = chart::timeline(&s, m, &[], Lang::En, width);
        assert_eq!(t.points.len(), 2);
        let labels: Vec<&str> = t.x_ticks.iter().map(|x| x.label.as_str()).collect();
        assert_eq!(labels, ["Nov\u{a0}2024", "Jan\u{a0}2026"], "at {width}px");
        let values: Vec<Option<&str>> = t
            .points
            .iter()
            .map(|p| p.label.as_ref().map(|l| l.text.as_str()))
            .collect();
        assert_eq!(values, [Some("2.8\u{202f}%"), Some("72.7\u{202f}%")]);
        // Later dates to the right; higher values higher up; everything inside the chart.
        assert!(t.points[0].x < t.points[1].x);
        assert!(t.points[0].y > t.points[1].y);
        for p in &t.points {
            assert!(p.x >= t.plot.x && p.x <= t.plot.x + t.plot.width);
            assert!(p.y >= t.plot.y && p.y <= t.plot.y + t.plot.height);
        }
        assert_eq!(t.lines.len(), 1);
        let path = t.lines[0].connector.as_deref().unwrap();
        assert_eq!(
            path.matches('L').count(),
            1,
            "one connection between two points: {path}"
        );
        assert!(t.lines[0].name.x + chart::text_width("China", chart::FONT_PX) <= t.width + 0.05);
    }
    let t = chart::timeline(&s, m, &[], Lang::En, 400.0);
    assert_eq!(
        t.y_ticks.first().map(|t| t.label.as_str()),
        Some("0\u{202f}%")
    );
    assert_eq!(
        t.y_ticks.last().map(|t| t.label.as_str()),
        Some("100\u{202f}%")
    );
    // 72.7 % sits at 72.7 % of the plot's height above its bottom.
    let bottom = t.plot.y + t.plot.height;
    assert!(((bottom - t.points[1].y) / t.plot.height - 0.727).abs() < 0.001);
}

#[test]
fn timeline_handles_empty_single_and_colliding_labels() {
    let s = parse(BUNDLED).unwrap();
    let m = s
        .metrics
        .iter()
        .position(|m| m.id == "openrouter-top10-token-share")
        .unwrap();
    let china = s.series.iter().position(|x| x.id == "china").unwrap();
    let empty = chart::timeline(&s, m, &[china], Lang::En, 400.0);
    assert!(empty.points.is_empty() && empty.lines.is_empty() && empty.x_ticks.is_empty());

    // Three dates, two of them a month apart, on a narrow chart: those two date labels collide
    // and the later one is kept.
    let mut doc: Value = serde_json::from_str(BUNDLED).unwrap();
    let mut extra = doc["metrics"][4]["values"][0].clone();
    extra["date"] = json!("2024-12");
    extra["value"] = json!(10);
    doc["metrics"][4]["values"]
        .as_array_mut()
        .unwrap()
        .push(extra);
    let s2 = parse(&doc.to_string()).unwrap();
    let t = chart::timeline(&s2, 4, &[], Lang::En, 240.0);
    let labels: Vec<&str> = t.x_ticks.iter().map(|x| x.label.as_str()).collect();
    assert_eq!(labels, ["Dec\u{a0}2024", "Jan\u{a0}2026"]);
    assert_eq!(t.points.len(), 3);
    let path = t.lines[0].connector.as_deref().unwrap();
    assert_eq!(
        path.matches('L').count(),
        2,
        "connected in date order: {path}"
    );
    assert!(t.points.iter().filter(|p| p.label.is_some()).count() >= 2);
    // One point: no connector.
    doc["metrics"][4]["values"]
        .as_array_mut()
        .unwrap()
        .truncate(1);
    let s3 = parse(&doc.to_string()).unwrap();
    let one = chart::timeline(&s3, 4, &[], Lang::En, 400.0);
    assert_eq!(one.points.len(), 1);
    assert_eq!(one.lines[0].connector, None);
    assert!(one.points[0].x > one.plot.x && one.points[0].x < one.plot.x + one.plot.width);
}

#[test]
fn tooltips_say_value_period_source_and_kind() {
    let s = parse(BUNDLED).unwrap();
    let m = &s.metrics[s.headline];
    let us = m
        .values
        .iter()
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
        .iter()
        .position(|m| m.id == "openrouter-top10-token-share")
        .unwrap();
    let t = chart::tooltip::tooltip_text(&s, slides, Some(0), Lang::En).unwrap();
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
fn every_metric_has_a_generated_sentence() {
    let s = parse(BUNDLED).unwrap();
    let by_id = |id: &str| s.metrics.iter().position(|m| m.id == id).unwrap();
    let say = |id: &str, l| text::metric_sentence(l, &s, by_id(id));
    assert_eq!(
        say("hf-download-share-by-developer-country", Lang::En),
        "China leads by 1.3 percentage points"
    );
    assert_eq!(
        say("hf-download-share-2025", Lang::It),
        "Cina in testa di 4,5 punti percentuali"
    );
    assert_eq!(
        say("fine-tunes-on-chinese-base", Lang::En),
        "China: 63\u{202f}%"
    );
    assert_eq!(
        say("openrouter-top10-token-share", Lang::It),
        "Cina: da 2,8\u{202f}% (nov\u{a0}2024) a 72,7\u{202f}% (gen\u{a0}2026)"
    );
    assert_eq!(
        say("atom-cumulative-downloads", Lang::En),
        "China leads: 1.15\u{a0}billion vs 723\u{a0}million for United States"
    );
    assert_eq!(
        say("qwen-vs-llama-cumulative-downloads", Lang::It),
        "Qwen (Alibaba, Cina) in testa: 385,3\u{a0}milioni contro 346,2\u{a0}milioni di Llama (Meta, USA)"
    );
    for (i, m) in s.metrics.iter().enumerate() {
        for lang in Lang::ALL {
            assert!(
                !text::metric_sentence(lang, &s, i).is_empty(),
                "{} has a sentence",
                m.id
            );
        }
    }
}

#[test]
fn downloads_hold_exactly_the_rows_shown() {
    use oms_core::export;
    let s = parse(BUNDLED).unwrap();
    let rows = export::rows(&s, s.headline, &[], Lang::It);
    let csv = export::csv(&s, s.headline, &rows, Lang::It);
    assert!(csv.starts_with('\u{feff}'), "UTF-8 BOM");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines[0], "metric_id,metric,series_id,series,value,unit,period_start,period_end,kind,source_id,source,source_publisher,source_url,locator,numerator,denominator");
    assert_eq!(
        lines.len(),
        5,
        "header, China, US, remainder, final empty line"
    );
    assert!(lines[1].starts_with("hf-download-share-by-developer-country,\"Quota dei download di modelli aperti su Hugging Face, per paese dello sviluppatore\",china,Cina,17.1,percent,2024-08,2025-08,relayed,hai-digichina-2025-12,Beyond DeepSeek,"), "{}", lines[1]);
    assert!(
        lines[2].contains(",us,Stati Uniti,15.8,percent,"),
        "locale-independent numbers"
    );
    assert!(lines[2].contains(",https://www.ft.com/content/8f187958-4461-42a3-90a8-3fecdb27155e,"));
    assert!(lines[2].ends_with(r#""Frase: ""the 15.8 per cent share of downloads from American developers such as Google, Meta and OpenAI""",,"#), "{}", lines[2]);
    assert!(lines[3].starts_with("hf-download-share-by-developer-country,\"Quota dei download di modelli aperti su Hugging Face, per paese dello sviluppatore\",remainder,Tutti gli altri,67.1,percent,2024-08,2025-08,computed,,,,,"));
    assert_eq!(lines[4], "");

    let json = export::json(&s, s.headline, &rows, Lang::En);
    let v: Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(v["rows"].as_array().unwrap().len(), 3);
    assert_eq!(v["rows"][0]["value"], json!(17.1));
    assert_eq!(v["rows"][1]["value"], json!(15.8));
    assert_eq!(v["rows"][2]["value"], json!(67.1));
    assert_eq!(v["rows"][2]["source_url"], Value::Null);
    assert_eq!(
        v["rows"][1]["source"],
        json!("China leapfrogs US in global market for 'open' AI models")
    );
    assert_eq!(v["data_as_of"], json!("2026-11-29"));

    // Hidden series are not in the view, so not in the download.
    let china = s.series.iter().position(|x| x.id == "china").unwrap();
    let shown = export::rows(&s, s.headline, &[china], Lang::En);
    assert_eq!(
        shown
            .iter()
            .map(|r| r.series_id.as_str())
            .collect::<Vec<_>>(),
        ["us", "remainder"]
    );
    assert_eq!(
        export::file_name(&s, s.headline, "csv"),
        "open-model-share-hf-download-share-by-developer-country.csv"
    );
}

#[test]
fn csv_and_json_escape_hostile_strings() {
    use oms_core::export;
    let mut doc: Value = serde_json::from_str(BUNDLED).unwrap();
    doc["series"][0]["label"]["en"] = json!("=HYPERLINK(\"x\")\n\"quoted\", \u{2028}");
    let s = parse(&doc.to_string()).unwrap();
    let rows = export::rows(&s, s.headline, &[], Lang::En);
    let csv = export::csv(&s, s.headline, &rows, Lang::En);
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"x\"\")\n\"\"quoted\"\", \u{2028}\""),
        "{csv}"
    );
    let json = export::json(&s, s.headline, &rows, Lang::En);
    let v: Value = serde_json::from_str(&json).expect("still valid JSON");
    assert_eq!(
        v["rows"][0]["series"],
        json!("=HYPERLINK(\"x\")\n\"quoted\", \u{2028}")
    );
}

#[test]
fn bar_chart_of_nothing_is_empty() {
    // A measure with no remainder and every series hidden draws nothing, with no height.
    let s = parse(BUNDLED).unwrap();
    let m = s
        .metrics
        .iter()
        .position(|m| m.id == "fine-tunes-on-chinese-base")
        .unwrap();
    let china = s.series.iter().position(|x| x.id == "china").unwrap();
    let c = chart::bar_chart(&s, m, &[china], Lang::En, 320.0);
    assert!(c.bars.is_empty());
    assert_eq!(c.height, 0.0);
    // A single value is drawn, on its 0-100 % track, without a leader.
    let one = chart::bar_chart(&s, m, &[], Lang::En, 320.0);
    assert_eq!(one.bars.len(), 1);
    assert_eq!(one.bars[0].role, Role::Other);
    assert!((one.bars[0].width / one.bars[0].track_width - 0.63).abs() < 0.001);
    // An unknown metric index draws nothing rather than panicking.
    assert!(chart::bar_chart(&s, 99, &[], Lang::En, 320.0)
        .bars
        .is_empty());
    assert!(chart::timeline(&s, 99, &[], Lang::En, 320.0)
        .points
        .is_empty());
}

#[test]
fn timeline_marks_golden() {
    let s = parse(BUNDLED).unwrap();
    let m = s
        .metrics
        .iter()
        .position(|m| m.id == "openrouter-top10-token-share")
        .unwrap();
    let t = chart::timeline(&s, m, &[], Lang::En, 400.0);
    // Margins: "100 %" at 12 px (42 + 8) left, "China" at 14 px (49 + 16) right; the 14 months
    // between the two points are padded by 8 % on each side.
    let round = |v: f64| (v * 10.0).round() / 10.0;
    type PointAndLabel = (f64, f64, Option<(f64, f64)>);
    let got: Vec<PointAndLabel> = t
        .points
        .iter()
        .map(|p| (round(p.x), round(p.y), p.label.as_ref().map(|l| (l.x, l.y))))
        .collect();
    assert_eq!(
        (t.plot.x, t.plot.y, t.plot.width, t.plot.height),
        (50.0, 28.0, 285.0, 202.0)
    );
    assert_eq!(
        got,
        vec![
            (69.7, 224.3, Some((69.7, 212.3))),
            (315.3, 83.1, Some((315.3, 71.1)))
        ]
    );
    let ticks: Vec<(f64, &str)> = t
        .y_ticks
        .iter()
        .map(|k| (k.pos, k.label.as_str()))
        .collect();
    assert_eq!(
        ticks,
        [
            (230.0, "0\u{202f}%"),
            (179.5, "25\u{202f}%"),
            (129.0, "50\u{202f}%"),
            (78.5, "75\u{202f}%"),
            (28.0, "100\u{202f}%")
        ]
    );
    assert_eq!(
        t.lines[0].connector.as_deref(),
        Some("M69.7 224.3L315.3 83.1")
    );
    assert_eq!(t.lines[0].name.text, "China");
}

#[test]
fn summaries_in_every_language() {
    let s = parse(BUNDLED).unwrap();
    let by_id = |id: &str| s.metrics.iter().position(|m| m.id == id).unwrap();
    let h = s.headline;
    assert_eq!(
        text::summary(Lang::En, &s, h, &[]),
        "China leads by 1.3 percentage points. China 17.1\u{202f}%, United States 15.8\u{202f}%, \
         Everyone else 67.1\u{202f}%; Aug\u{a0}2024\u{a0}– Aug\u{a0}2025. Measure: Share of \
         open-model downloads on Hugging Face, by the developer's country."
    );
    assert_eq!(
        text::summary(Lang::It, &s, h, &[]),
        "Cina in testa di 1,3 punti percentuali. Cina 17,1\u{202f}%, Stati Uniti 15,8\u{202f}%, \
         Tutti gli altri 67,1\u{202f}%; ago\u{a0}2024\u{a0}– ago\u{a0}2025. Misura: Quota dei \
         download di modelli aperti su Hugging Face, per paese dello sviluppatore."
    );
    assert_eq!(
        text::summary(Lang::Zh, &s, h, &[]),
        "中国领先1.3个百分点。中国 17.1%，美国 15.8%，其他所有 67.1%；2024年8月\u{a0}– 2025年8月。\
         指标：Hugging Face 上开放模型下载量的份额（按开发者所在国家）。"
    );
    assert_eq!(
        text::summary(Lang::Zh, &s, by_id("openrouter-top10-token-share"), &[]),
        "中国：从2.8%（2024年11月）到72.7%（2026年1月）。中国 2.8%（2024年11月），\
         中国 72.7%（2026年1月）；2024年11月\u{a0}– 2026年1月。\
         指标：OpenRouter 前 10 名开放模型中中国模型的推理词元份额。"
    );
    assert_eq!(
        text::metric_sentence(Lang::Zh, &s, by_id("atom-cumulative-downloads")),
        "中国领先：11.5亿，美国为7.23亿"
    );
    assert_eq!(
        text::metric_sentence(Lang::It, &s, by_id("monthly-gguf-downloads-2026")),
        "Qwen (Alibaba, Cina) in testa: 39,6\u{a0}milioni contro 20,8\u{a0}milioni di Gemma (Google, USA)"
    );
    // Every measure has a summary in every language, with each of its figures in it.
    for (i, m) in s.metrics.iter().enumerate() {
        for lang in Lang::ALL {
            let text = text::summary(lang, &s, i, &[]);
            for v in &m.values {
                let figure = text::figure(lang, v.value, m.unit);
                assert!(
                    text.contains(&figure),
                    "{} ({lang:?}) lacks {figure}: {text}",
                    m.id
                );
            }
            assert!(text.contains(m.label.get(lang.code())));
        }
    }
    // Hidden series leave the summary too.
    let china = s.series.iter().position(|x| x.id == "china").unwrap();
    assert!(!text::summary(Lang::En, &s, h, &[china]).contains("China 17.1"));
}

#[test]
fn every_reader_facing_text_of_the_snapshot_is_translated() {
    let s = parse(BUNDLED).unwrap();
    let texts = s
        .series
        .iter()
        .map(|x| &x.label)
        .chain(s.metrics.iter().flat_map(|m| {
            [&m.label, &m.definition]
                .into_iter()
                .chain(m.remainder_label.iter())
                .chain(m.caveats.iter())
                .chain(m.values.iter().map(|v| &v.locator))
        }));
    for t in texts {
        for lang in Lang::ALL {
            let own = t.get(lang.code());
            assert!(
                lang == Lang::En || own != t.get("en"),
                "{lang:?} falls back to English: {own}"
            );
        }
    }
}

#[test]
fn the_static_fallback_draws_the_same_marks_with_the_stylesheet_colours() {
    use oms_core::fallback;
    let s = parse(BUNDLED).unwrap();
    let css = include_str!("../../../style/main.css");
    let colors = fallback::light_colors(css).expect("colours read from the stylesheet");
    assert_eq!(colors.china, "#c8500a");
    let (svg, html) = fallback::render(&s, &colors, Lang::En);
    // One geometry, two renderers: the SVG has exactly the widget's marks at 640 px.
    let marks = chart::bar_chart(&s, s.headline, &[], Lang::En, fallback::WIDTH);
    for b in &marks.bars {
        let rect = format!(
            "<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"24\" rx=\"2\" fill=\"",
            chart::coord(b.y),
            chart::coord(b.width)
        );
        assert!(svg.contains(&rect), "{rect} in {svg}");
        assert!(svg.contains(&format!(">{}</text>", b.value_text)));
    }
    assert!(
        svg.contains("fill=\"#c8500a\""),
        "China in its stylesheet colour"
    );
    assert!(svg.contains("<title id=\"t\">China leads by 1.3 percentage points</title>"));
    // The HTML: the description is the generated summary, the table holds the numbers.
    let summary = text::summary(Lang::En, &s, s.headline, &[]);
    assert!(html.contains(&format!("alt=\"{}\"", summary.replace('\'', "&#39;"))));
    for (series, value) in [
        ("China", "17.1\u{202f}%"),
        ("United States", "15.8\u{202f}%"),
        ("Everyone else", "67.1\u{202f}%"),
    ] {
        assert!(
            html.contains(&format!(
                "<tr><th scope=\"row\">{series}</th><td class=\"oms-num\">{value}</td>"
            )),
            "{series} row in {html}"
        );
    }
    assert!(html.contains("<a href=\"https://www.ft.com/content/8f187958-4461-42a3-90a8-3fecdb27155e\">Financial Times</a>"));
    // Snapshot text is escaped, never markup.
    let mut doc: Value = serde_json::from_str(BUNDLED).unwrap();
    doc["series"][0]["label"]["en"] = json!("<script>alert(1)</script>");
    let hostile = parse(&doc.to_string()).unwrap();
    let (svg, html) = fallback::render(&hostile, &colors, Lang::En);
    assert!(!svg.contains("<script>") && !html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn share_previews_need_the_published_address_for_links() {
    use oms_core::fallback;
    let s = parse(BUNDLED).unwrap();
    let bare = fallback::head_meta(&s, Lang::En, None);
    assert!(bare
        .contains("<meta property=\"og:title\" content=\"China leads by 1.3 percentage points\">"));
    assert!(!bare.contains("canonical") && !bare.contains("og:image"));
    let full = fallback::head_meta(&s, Lang::En, Some("https://news.example/widgets/oms/"));
    assert!(full.contains("<link rel=\"canonical\" href=\"https://news.example/widgets/oms/\">"));
    assert!(full.contains(
        "<meta property=\"og:image\" content=\"https://news.example/widgets/oms/fallback.svg\">"
    ));
    assert!(!fallback::head_meta(&s, Lang::En, Some("javascript:x")).contains("canonical"));
}

#[test]
fn every_schema_fixture_is_rejected_for_its_own_reason() {
    // The same fixtures must be rejected by the JSON Schema too (tests/schema_check.py): the
    // validator and the schema stay in step.
    let dir = format!("{}/../../tests/fixtures/schema", env!("CARGO_MANIFEST_DIR"));
    type Reason = fn(&ProblemKind) -> bool;
    let expect: Vec<(&str, Reason)> = vec![
        ("missing-metrics", |k| *k == ProblemKind::Missing),
        ("missing-locator", |k| *k == ProblemKind::Missing),
        ("wrong-type-value", |k| {
            matches!(
                k,
                ProblemKind::WrongType {
                    expected: "a number",
                    ..
                }
            )
        }),
        ("wrong-type-series", |k| {
            matches!(
                k,
                ProblemKind::WrongType {
                    expected: "an array",
                    ..
                }
            )
        }),
        ("wrong-type-top-level", |k| {
            matches!(
                k,
                ProblemKind::WrongType {
                    expected: "an object",
                    ..
                }
            )
        }),
        ("unsupported-version", |k| {
            matches!(k, ProblemKind::UnsupportedVersion(_))
        }),
        ("empty-title", |k| *k == ProblemKind::Empty),
        ("too-long-locator", |k| {
            matches!(k, ProblemKind::TooLong { .. })
        }),
        ("unknown-kind", |k| {
            matches!(k, ProblemKind::NotOneOf { .. })
        }),
        ("unknown-unit", |k| {
            matches!(k, ProblemKind::NotOneOf { .. })
        }),
        ("bad-date", |k| matches!(k, ProblemKind::BadDate(_))),
        ("percent-above-100", |k| {
            *k == ProblemKind::PercentOutOfRange
        }),
        ("negative-count", |k| *k == ProblemKind::NegativeCount),
        ("bad-url", |k| *k == ProblemKind::BadUrl),
        ("no-english", |k| *k == ProblemKind::NoEnglish),
        ("date-and-window", |k| *k == ProblemKind::DateAndWindow),
    ];
    let files = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(files, expect.len(), "one expectation per fixture");
    for (name, is_reason) in expect {
        let text = std::fs::read_to_string(format!("{dir}/{name}.json")).unwrap();
        let problems = parse(&text).expect_err(name);
        assert!(
            problems.iter().any(|p| is_reason(&p.kind)),
            "{name}: {problems:?}"
        );
    }
}

/// The problems of the computed fixture after `edit`, as (path, kind).
fn computed_problems_after(edit: impl FnOnce(&mut Value)) -> Vec<(String, ProblemKind)> {
    let mut doc: Value = serde_json::from_str(&fixture("valid-computed.json")).unwrap();
    edit(&mut doc);
    match parse(&doc.to_string()) {
        Ok(_) => Vec::new(),
        Err(ps) => ps.into_iter().map(|p| (p.path, p.kind)).collect(),
    }
}

fn computed_index(s: &Snapshot) -> usize {
    s.metrics
        .iter()
        .position(|m| m.id == "computed-download-share-by-country-group")
        .expect("the computed metric")
}

#[test]
fn computed_values_must_agree_with_their_totals_and_provenance() {
    let s = parse(&fixture("valid-computed.json")).expect("the builder's output validates");
    let i = computed_index(&s);
    let m = &s.metrics[i];
    assert!(m.values.iter().all(|v| v.totals.is_some()));
    // The fixture's metric index in the document is the same as in the snapshot.
    let path = format!("metrics[{i}].values[0]");
    assert_eq!(
        computed_problems_after(|d| d["metrics"][i]["values"][0]["numerator"] = json!(6600)),
        vec![(
            format!("{path}.value"),
            ProblemKind::ShareMismatch {
                expected: oms_core::decimal::Decimal::new(302, 1)
            }
        )],
        "6600 / 21870 is 30.2 %, not the 29.7 written"
    );
    assert_eq!(
        computed_problems_after(|d| d["metrics"][i]["values"][0]["numerator"] = json!(30000)),
        vec![(path.clone(), ProblemKind::BadTotals)]
    );
    assert_eq!(
        computed_problems_after(|d| {
            d["metrics"][i]["values"][0]
                .as_object_mut()
                .unwrap()
                .remove("denominator");
        }),
        vec![(format!("{path}.denominator"), ProblemKind::Missing)]
    );
    assert_eq!(
        computed_problems_after(|d| {
            d["metrics"][i]
                .as_object_mut()
                .unwrap()
                .remove("provenance");
        }),
        vec![(format!("metrics[{i}].provenance"), ProblemKind::Missing)]
    );
    assert_eq!(
        computed_problems_after(|d| d["metrics"][i]["provenance"]["input_sha256"] = json!("ABC")),
        vec![(
            format!("metrics[{i}].provenance.input_sha256"),
            ProblemKind::BadSha256
        )]
    );
    // Totals on a sourced figure are refused.
    assert_eq!(
        problems_after(|d| {
            d["metrics"][0]["values"][0]["numerator"] = json!(171);
            d["metrics"][0]["values"][0]["denominator"] = json!(1000);
        }),
        vec![("metrics[0].values[0]".to_owned(), ProblemKind::BadTotals)]
    );
}

#[test]
fn a_computed_series_draws_as_lines_with_totals_in_tooltips() {
    use chart::timeline;
    let s = parse(&fixture("valid-computed.json")).expect("valid");
    let i = computed_index(&s);
    let m = &s.metrics[i];
    assert_eq!(chart::shape_of(m), chart::Shape::Timeline);
    assert!(timeline::is_dense(m));
    for width in [320.0, 768.0, 1280.0] {
        let t = chart::timeline(&s, i, &[], Lang::En, width);
        assert_eq!(t.lines.len(), 6, "one line per group");
        assert!(t.lines.iter().all(|l| l.data_line && l.connector.is_some()));
        let emphasized: Vec<&str> = t
            .lines
            .iter()
            .filter(|l| l.emphasis)
            .map(|l| l.key.as_str())
            .collect();
        assert_eq!(emphasized, vec!["china", "us"]);
        // Years on the time axis, not every month.
        let labels: Vec<&str> = t.x_ticks.iter().map(|x| x.label.as_str()).collect();
        assert_eq!(labels, vec!["2024", "2025"], "at {width}");
        // No point carries a value label: the last value is written with the series name, whole.
        assert!(t.points.iter().all(|p| p.label.is_none()));
        for l in &t.lines {
            assert_eq!(t.points.iter().filter(|p| p.key == l.key).count(), 20);
            assert!(l.name.text.ends_with('%'), "{:?} at {width}", l.name.text);
        }
        // The value axis fits the values (all under 60 %) instead of running to 100.
        let top = t.y_ticks.last().expect("ticks");
        let hundred = text::value(
            Lang::En,
            oms_core::decimal::Decimal::new(100, 0),
            Unit::Percent,
        );
        assert!(
            top.label != hundred && t.y_ticks.len() >= 3,
            "{:?}",
            t.y_ticks
        );
        // Every point inside the plot.
        assert!(t.points.iter().all(|p| p.x >= t.plot.x
            && p.x <= t.plot.x + t.plot.width
            && p.y >= t.plot.y
            && p.y <= t.plot.y + t.plot.height));
    }
    let first_china = m
        .values
        .iter()
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
    let rows = oms_core::export::rows(&s, i, &[], Lang::En);
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
            ProblemKind::UnknownId {
                id: "mars".into(),
                list: "series"
            }
        )]
    );
    let mut doc: Value = serde_json::from_str(BUNDLED).unwrap();
    doc["series"][2]["group"] = json!("china"); // Qwen
    let s = parse(&doc.to_string()).expect("valid");
    let qwen = s.series.iter().position(|x| x.id == "qwen").expect("qwen");
    assert_eq!(chart::tone(&s, qwen), "china");
    let m = s
        .metrics
        .iter()
        .position(|m| m.id == "qwen-vs-llama-cumulative-downloads")
        .expect("metric");
    let bars = chart::bar_chart(&s, m, &[], Lang::En, 640.0);
    let tones: Vec<(&str, &str)> = bars
        .bars
        .iter()
        .map(|b| (b.key.as_str(), b.tone.as_str()))
        .collect();
    assert_eq!(tones, vec![("qwen", "china"), ("llama", "llama")]);
    assert_eq!(bars.bars[0].marker, chart::Marker::Circle);
}
