//! Property test of parsing, validation and everything downstream: random mutations of valid
//! snapshots must never panic; whatever validates must keep the invariants the views rely on.
//!
//! Short run (about a minute, part of the test command):
//!   cargo test --release --test fuzz -- --ignored
//! Long run (a million inputs or more):
//!   OMS_FUZZ_CASES=1000000 OMS_FUZZ_SECONDS=0 cargo test --release --test fuzz -- --ignored
//! `OMS_FUZZ_SEED` repeats a run.

use oms_core::figures::Shape;
use oms_core::params::View;
use oms_core::render::fallback;
use oms_core::render::widget::{self, Reader};
use oms_core::snapshot::{self, Json, SeriesIndex, Unit};
use oms_core::text::Lang;
use oms_core::{chart, export, figures, text};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn random_value(r: &mut Rng) -> Value {
    match r.below(14) {
        0 => Value::Null,
        1 => json!(r.below(2) == 1),
        2 => json!(r.below(200) as f64 - 50.0),
        3 => json!((r.next() % 100_000) as f64 / 1000.0),
        4 => json!(1e300),
        5 => json!(-0.000_000_1),
        6 => json!(u64::MAX),
        7 => json!(
            [
                "2025",
                "2024-13",
                "2024-02-29",
                "2025-08",
                "x",
                "",
                "2999-12-31"
            ][r.below(7)]
        ),
        8 => json!(
            [
                "china",
                "us",
                "study",
                "remainder",
                "percent",
                "count",
                "relayed",
                "computed",
                "javascript:x",
                "https://a.example/"
            ][r.below(10)]
        ),
        9 => json!("中".repeat(r.below(2100))),
        10 => json!([]),
        11 => json!({}),
        12 => json!({"en": "x"}),
        _ => json!({"start": "2025-08", "end": "2024-01"}),
    }
}

/// Applies one random mutation somewhere in `v`.
fn mutate(v: &mut Value, r: &mut Rng, depth: usize) {
    let descend = depth < 6 && r.below(4) != 0;
    match v {
        Value::Object(map) if !map.is_empty() => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = keys[r.below(keys.len())].clone();
            if descend {
                if let Some(child) = map.get_mut(&key) {
                    return mutate(child, r, depth + 1);
                }
            }
            match r.below(3) {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    map.insert(key, random_value(r));
                }
                _ => {
                    map.insert(format!("extra{}", r.below(9)), random_value(r));
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let i = r.below(items.len());
            if descend {
                return mutate(&mut items[i], r, depth + 1);
            }
            match r.below(3) {
                0 => {
                    items.remove(i);
                }
                1 => {
                    let copy = items[i].clone();
                    items.push(copy);
                }
                _ => items[i] = random_value(r),
            }
        }
        _ => *v = random_value(r),
    }
}

/// Everything the widget and the tools do with a valid snapshot; panics on a broken invariant.
fn exercise(s: &snapshot::Snapshot, r: &mut Rng) {
    let widths = [0.0, 120.0, 320.0, 1280.0, f64::NAN];
    let width = widths[r.below(widths.len())];
    let lang = Lang::ALL[r.below(3)];
    let h = figures::headline(s).expect("a valid snapshot has a headline");
    assert!(!h.remainder.is_negative());
    let _ = text::lead_sentence(lang, s, &h);
    for (i, m) in s.metrics.indexed() {
        for v in &m.values {
            let x = v.value.to_f64();
            assert!(x.is_finite() && x >= 0.0);
            if m.unit == Unit::Percent {
                assert!(x <= 100.0);
            }
        }
        let hidden: Vec<SeriesIndex> = s.series.indices().filter(|_| r.below(4) == 0).collect();
        match figures::shape_of(m) {
            Shape::Bars => {
                let c = chart::bar_chart(s, i, &hidden, lang);
                for b in &c.bars {
                    assert!((0.0..=1.0).contains(&b.share));
                }
                // An image of the chart at any width keeps every bar inside it.
                for p in c.at_width(width.max(1.0)) {
                    assert!(p.width >= 0.0 && p.y.is_finite());
                }
            }
            Shape::Timeline => {
                let t = chart::timeline(s, i, &hidden, lang);
                for p in &t.points {
                    assert!((0.0..=1.0).contains(&p.at) && p.y.is_finite());
                    assert!(p.y >= t.plot_top - 0.05 && p.y <= t.plot_bottom + 0.05);
                }
                for tick in &t.x_ticks {
                    assert!((0.0..=1.0).contains(&tick.at) && !tick.widths.is_empty());
                }
                // Each note in one place per width, inside the chart's height.
                for n in &t.notes {
                    let mut seen = chart::Widths::NONE;
                    for p in &n.places {
                        assert!((0.0..=1.0).contains(&p.at) && p.dx.is_finite());
                        assert!(p.y >= 0.0 && p.y <= t.plot_bottom && !p.lines.is_empty());
                        for k in p.widths.ranges() {
                            assert!(!seen.contains(k), "two places at one width");
                            seen.insert(k);
                        }
                    }
                }
            }
        }
        let _ = text::summary(lang, s, i, &hidden);
        let rows = figures::rows(s, i, &hidden);
        let json_text = export::json(s, i, &rows, lang);
        serde_json::from_str::<Value>(&json_text).expect("the JSON download is valid JSON");
        let _ = export::csv(s, i, &rows, lang);
        // Every region of the widget, as the live widget and the static pages write it.
        if let Some(marks) = chart::Marks::layout(s, i, &hidden, lang) {
            // The chart as sound: every tone finite, in order, within the score.
            if let Some(sc) = oms_core::sonify::score(s, i, &marks, lang) {
                for t in &sc.tones {
                    assert!(t.cents.is_finite() && (0.0..=2400.0).contains(&t.cents));
                    assert!(t.start >= 0.0 && t.start + t.duration <= sc.length + 1e-9);
                }
            }
            let r = Reader {
                snapshot: s,
                lang,
                metric: i,
                view: View::Chart,
                hidden: &hidden,
                page: r.below(4),
                base: "",
            };
            for html in [
                widget::controls(&r),
                widget::chart(&r, &marks),
                widget::legend(&r),
                widget::notes(&r, Some(&marks)),
                widget::table(&r),
                widget::sources(&r),
                widget::footer(&r),
            ] {
                assert!(!html.contains("{"), "a template slot left unfilled");
            }
        }
        for k in m.values.indices() {
            assert!(chart::tooltip::tooltip_text(s, i, Some(k), lang).is_some());
        }
    }
    let colors = fallback::light_colors(include_str!("../../../style/main.css")).expect("colours");
    let _ = fallback::render(s, &colors, lang);
}

#[test]
#[ignore = "a minute long: run by the test command with --ignored"]
fn random_snapshots_never_panic() {
    let env = |k: &str, d: u64| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let cases = env("OMS_FUZZ_CASES", u64::MAX);
    let seconds = env("OMS_FUZZ_SECONDS", 55);
    let seed = env("OMS_FUZZ_SEED", 0x005e_ed0f_0e11);
    let limit = (seconds > 0).then(|| Duration::from_secs(seconds));
    let mut bases: Vec<Value> = [
        include_str!("../../../public/data/snapshot.json"),
        include_str!("../../../tests/fixtures/valid-minimal.json"),
        include_str!("../../../tests/fixtures/valid-level.json"),
        include_str!("../../../tests/fixtures/invalid-many.json"),
        include_str!("../../../tests/fixtures/valid-computed.json"),
    ]
    .iter()
    .map(|t| serde_json::from_str(t).unwrap())
    .collect();
    // The computed series with a note of each kind, so notes over time are mutated too.
    let mut annotated = bases[4].clone();
    let computed = "computed-download-share-by-country-group";
    annotated["annotations"] = json!([
        { "id": "b", "metric": computed, "band": { "start": "2024-08", "end": "2025-08" },
          "text": { "en": "The study's window", "zh": "研究的时间窗口" } },
        { "id": "l", "metric": computed, "line": { "value": 20 }, "text": { "en": "20 %" } },
        { "id": "p", "metric": computed, "point": { "series": "china", "date": "2025-08" },
          "text": { "en": "The last month of the study" } }
    ]);
    bases.push(annotated);
    let mut r = Rng(seed | 1);
    let start = Instant::now();
    let (mut n, mut valid) = (0u64, 0u64);
    while n < cases && limit.is_none_or(|l| start.elapsed() < l) {
        let mut doc = bases[r.below(bases.len())].clone();
        for _ in 0..=r.below(4) {
            mutate(&mut doc, &mut r, 0);
        }
        let tree: Json = serde_json::from_value(doc).expect("any JSON value converts");
        match snapshot::validate(&tree) {
            Ok(s) => {
                valid += 1;
                exercise(&s, &mut r);
            }
            Err(problems) => assert!(!problems.is_empty()),
        }
        n += 1;
    }
    println!(
        "fuzz: {n} inputs ({valid} valid) in {:.1} s, seed {seed:#x}",
        start.elapsed().as_secs_f64()
    );
    assert!(n >= 1000, "too few inputs: {n}");
}
