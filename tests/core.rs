//! Host tests of the pure core against the bundled snapshot and fixture snapshots.
#![cfg(not(target_arch = "wasm32"))]

use open_model_share::chart::{self, Role};
use open_model_share::figures::{self, Lead};
use open_model_share::snapshot::{self, Json, Problem, ProblemKind, Snapshot, Unit};
use open_model_share::text::{self, Lang};
use serde_json::{json, Value};

const BUNDLED: &str = include_str!("../public/data/snapshot.json");

fn parse(text: &str) -> Result<Snapshot, Vec<Problem>> {
    let doc: Json = serde_json::from_str(text).expect("fixture is JSON");
    snapshot::validate(&doc)
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
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

fn pct(lang: Lang, d: open_model_share::decimal::Decimal) -> String {
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
            assert!(!v.locator.is_empty());
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
                sum: open_model_share::decimal::Decimal::new(1002, 1),
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
fn share_chart_marks_golden() {
    let s = parse(&fixture("valid-minimal.json")).unwrap();
    let h = figures::headline(&s).unwrap();
    let c = chart::share_chart(&s, &h, Lang::En, 464.0);
    // Track = 464 - 64 = 400 px for 100 %.
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
            162.0,
            168.0,
        ),
        (
            "b".to_owned(),
            Role::Other,
            "Beta".to_owned(),
            "12.25\u{202f}%".to_owned(),
            78.0,
            49.0,
            55.0,
        ),
        (
            "c".to_owned(),
            Role::Other,
            "Gamma".to_owned(),
            "3\u{202f}%".to_owned(),
            136.0,
            12.0,
            18.0,
        ),
        (
            "remainder".to_owned(),
            Role::Remainder,
            "Rest".to_owned(),
            "44.25\u{202f}%".to_owned(),
            194.0,
            177.0,
            183.0,
        ),
    ];
    assert_eq!(got, want);
    assert!(c.bars.iter().all(|b| b.track_width == 400.0 && b.x == 0.0));
    assert_eq!(c.height, 4.0 * 58.0 - 14.0);
    assert_eq!(c.width, 464.0);
    // Value labels stay inside the chart: the widest bar leaves VALUE_SPACE for its label.
    assert!(c
        .bars
        .iter()
        .all(|b| b.value_x + chart::VALUE_SPACE - chart::VALUE_GAP <= c.width));
}

#[test]
fn share_chart_keeps_a_minimum_width_and_localizes_labels() {
    let s = parse(BUNDLED).unwrap();
    let h = figures::headline(&s).unwrap();
    let c = chart::share_chart(&s, &h, Lang::It, 100.0);
    assert_eq!(c.width, chart::MIN_WIDTH);
    let labels: Vec<&str> = c.bars.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(labels, ["Cina", "Stati Uniti", "Tutti gli altri"]);
    let values: Vec<&str> = c.bars.iter().map(|b| b.value_text.as_str()).collect();
    assert_eq!(values, ["17,1\u{202f}%", "15,8\u{202f}%", "67,1\u{202f}%"]);
    // Bars are proportional to their shares on one track.
    let track = chart::MIN_WIDTH - chart::VALUE_SPACE;
    for (b, share) in c.bars.iter().zip([17.1, 15.8, 67.1]) {
        assert!(
            (b.width - track * share / 100.0).abs() <= 0.05,
            "{}: {}",
            b.key,
            b.width
        );
    }
    assert_eq!(c.bars[0].role, Role::Leader);
    let nan = chart::share_chart(&s, &h, Lang::En, f64::NAN);
    assert_eq!(nan.width, chart::MIN_WIDTH);
}
