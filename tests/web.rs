//! Browser tests (wasm-bindgen-test in headless Chromium): real components mounted in a real DOM,
//! fed through the same JSON.parse + serde-wasm-bindgen path as the widget.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use oms_core::failure::LoadError;
use oms_core::snapshot::ValueIndex;
use oms_core::text::Lang;
use oms_core::{figures, snapshot};
use open_model_share::{ErrorView, LoadState, Loaded, Widget, DRAWN_MARK};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const MINIMAL: &str = include_str!("fixtures/valid-minimal.json");
const BUNDLED: &str = include_str!("../public/data/snapshot.json");

fn loaded(text: &str) -> Arc<Loaded> {
    let value = js_sys::JSON::parse(text).expect("JSON");
    let doc: snapshot::Json = serde_wasm_bindgen::from_value(value).expect("JSON tree");
    let snapshot = snapshot::validate(&doc).expect("valid snapshot");
    let headline = figures::headline(&snapshot).expect("headline");
    Arc::new(Loaded { snapshot, headline })
}

/// A fresh container `width` px wide in the document.
fn container(width: u32) -> web_sys::HtmlElement {
    let doc = document();
    let el: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    el.set_attribute("style", &format!("width:{width}px"))
        .unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

/// Lets effects and the browser's layout run.
async fn settle() {
    for _ in 0..3 {
        let p = js_sys::Promise::new(&mut |resolve, _| {
            window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
    }
}

fn texts(root: &web_sys::Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect()
}

fn attrs(root: &web_sys::Element, selector: &str, name: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .map(|e| e.get_attribute(name).unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn headline_is_drawn_to_scale_in_its_box() {
    let root = container(480);
    let data = loaded(MINIMAL);
    let state = Signal::stored(LoadState::Ready(data));
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <Widget lang=Lang::It state on_retry=Callback::new(|()| {}) /> }
    });
    settle().await;
    assert_eq!(
        texts(&root, ".oms-title"),
        ["Alfa in testa di 28,25 punti percentuali"]
    );
    assert_eq!(
        texts(&root, ".oms-bar__label"),
        ["Alfa", "Beta", "Gamma", "Resto"]
    );
    assert_eq!(
        texts(&root, ".oms-bar__value"),
        [
            "40,5\u{202f}%",
            "12,25\u{202f}%",
            "3\u{202f}%",
            "44,25\u{202f}%"
        ]
    );
    // Each bar is its share of the track, whatever the box's width; laid out in a 480 px box (with
    // no stylesheet here), the chart fills it and every bar has its share of the track's pixels.
    assert_eq!(
        attrs(&root, ".oms-bar__fill", "width"),
        ["40.5%", "12.3%", "3%", "44.3%"]
    );
    let widths = |selector: &str| -> Vec<f64> {
        let list = root.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
            .map(|e| e.get_bounding_client_rect().width())
            .collect()
    };
    assert_eq!(widths(".oms-chart"), [480.0]);
    let track = widths(".oms-bar__track")[0];
    assert!(track > 0.0);
    for (fill, share) in widths(".oms-bar__fill")
        .iter()
        .zip([0.405, 0.1225, 0.03, 0.4425])
    {
        assert!((fill / track - share).abs() < 0.002, "{fill} of {track}");
    }
    assert_eq!(
        attrs(&root, ".oms-bar", "data-key"),
        ["a", "b", "c", "remainder"]
    );
    assert_eq!(attrs(&root, "main", "aria-busy"), ["false"]);
    let marks = window()
        .performance()
        .unwrap()
        .get_entries_by_name_with_entry_type(DRAWN_MARK, "mark");
    assert!(marks.length() >= 1, "the drawn mark is set");
    root.remove();
}

#[wasm_bindgen_test]
async fn legend_hides_and_shows_a_series() {
    let root = container(400);
    let state = Signal::stored(LoadState::Ready(loaded(BUNDLED)));
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <Widget lang=Lang::En state on_retry=Callback::new(|()| {}) /> }
    });
    settle().await;
    assert_eq!(
        attrs(&root, ".oms-mark", "data-key"),
        ["china", "us", "remainder"]
    );
    let china: web_sys::HtmlElement = root
        .query_selector(".oms-legend__item[data-key=china]")
        .unwrap()
        .expect("a legend item for China")
        .unchecked_into();
    china.click();
    settle().await;
    assert_eq!(attrs(&root, ".oms-mark", "data-key"), ["us", "remainder"]);
    assert_eq!(
        attrs(&root, ".oms-legend__item", "aria-pressed"),
        ["false", "true"]
    );
    china.click();
    settle().await;
    assert_eq!(
        attrs(&root, ".oms-mark", "data-key"),
        ["china", "us", "remainder"]
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn loading_then_ready() {
    let root = container(360);
    let state = RwSignal::new(LoadState::Loading);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <Widget lang=Lang::En state on_retry=Callback::new(|()| {}) /> }
    });
    settle().await;
    assert_eq!(texts(&root, ".oms-loading__text"), ["Loading the data…"]);
    assert_eq!(attrs(&root, "main", "aria-busy"), ["true"]);
    assert!(texts(&root, ".oms-chart").is_empty());

    state.set(LoadState::Ready(loaded(BUNDLED)));
    settle().await;
    assert_eq!(
        texts(&root, ".oms-title"),
        ["China leads by 1.3 percentage points"]
    );
    assert_eq!(
        texts(&root, ".oms-bar__value"),
        ["17.1\u{202f}%", "15.8\u{202f}%", "67.1\u{202f}%"]
    );
    assert!(texts(&root, ".oms-loading__text").is_empty());
    root.remove();
}

#[wasm_bindgen_test]
async fn error_view_explains_and_retries() {
    let root = container(360);
    let retries = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&retries);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        let counter = Arc::clone(&counter);
        view! {
            <ErrorView
                lang=Lang::En
                error=LoadError::Http {
                    status: 503,
                    status_text: "Service Unavailable".into(),
                }
                on_retry=Callback::new(move |()| {
                    counter.fetch_add(1, Ordering::SeqCst);
                })
            />
        }
    });
    settle().await;
    assert_eq!(
        texts(&root, "[role=alert] .oms-error__message"),
        ["The data could not be loaded: the server answered with HTTP status 503 (Service Unavailable)."]
    );
    let button: web_sys::HtmlElement = root
        .query_selector("button")
        .unwrap()
        .expect("a retry button")
        .unchecked_into();
    assert_eq!(button.text_content().unwrap_or_default(), "Try again");
    button.click();
    button.click();
    assert_eq!(retries.load(Ordering::SeqCst), 2);
    root.remove();
}

#[wasm_bindgen_test]
fn browser_parse_path_reads_the_bundled_snapshot_exactly() {
    let l = loaded(BUNDLED);
    let s = &l.snapshot;
    let h = &l.headline;
    let shown: Vec<String> = h
        .parts
        .iter()
        .map(|p| {
            format!(
                "{} {}",
                s.series[p.series].id,
                oms_core::text::number(Lang::En, p.share)
            )
        })
        .collect();
    assert_eq!(shown, ["china 17.1", "us 15.8"]);
    assert_eq!(oms_core::text::number(Lang::En, h.remainder), "67.1");
    // Large counts survive the JS number -> f64 -> decimal path.
    let atom = s
        .metrics
        .iter()
        .find(|m| m.id == "atom-cumulative-downloads")
        .unwrap();
    assert_eq!(
        oms_core::text::number(Lang::En, atom.values[ValueIndex(0)].value),
        "1,150,000,000"
    );
}

/// The browser's `Intl` as a formatter, to check the core's pure rules against what browsers
/// write (the widget itself uses the rules, as the prerendered pages do).
mod intl {
    use js_sys::{Array, Date, Function, Intl, Object, Reflect};
    use oms_core::decimal::Decimal;
    use oms_core::text::{Formatter, Lang};
    use std::cell::RefCell;
    use wasm_bindgen::JsValue;

    /// `Intl` formatters, created once per language and options (creating them is slow).
    #[derive(Default)]
    pub struct IntlFormatter {
        numbers: RefCell<Vec<((Lang, u8), Function)>>,
        dates: RefCell<Vec<((Lang, u8), Function)>>,
    }

    fn options(pairs: &[(&str, JsValue)]) -> Object {
        let o = Object::new();
        for (k, v) in pairs {
            let _ = Reflect::set(&o, &JsValue::from_str(k), v);
        }
        o
    }

    fn locales(lang: Lang) -> Array {
        Array::of1(&JsValue::from_str(lang.bcp47()))
    }

    /// `Intl` separates date parts with plain spaces: keep a date on one line, as the pure rules do.
    fn no_break(s: String) -> String {
        s.replace(' ', "\u{a0}")
    }

    impl IntlFormatter {
        fn number_format(&self, lang: Lang, decimals: u8) -> Function {
            let mut cache = self.numbers.borrow_mut();
            if let Some((_, f)) = cache.iter().find(|(k, _)| *k == (lang, decimals)) {
                return f.clone();
            }
            let d = JsValue::from_f64(f64::from(decimals));
            let nf = Intl::NumberFormat::new(
                &locales(lang),
                &options(&[
                    ("minimumFractionDigits", d.clone()),
                    ("maximumFractionDigits", d),
                ]),
            );
            let f = nf.format();
            cache.push(((lang, decimals), f.clone()));
            f
        }

        /// Date formats: 0 year, 1 month and year, 2 day, month and year.
        fn date_format(&self, lang: Lang, precision: u8) -> Function {
            let mut cache = self.dates.borrow_mut();
            if let Some((_, f)) = cache.iter().find(|(k, _)| *k == (lang, precision)) {
                return f.clone();
            }
            let mut opts = vec![
                ("timeZone", JsValue::from_str("UTC")),
                ("year", JsValue::from_str("numeric")),
            ];
            if precision >= 1 {
                opts.push(("month", JsValue::from_str("short")));
            }
            if precision >= 2 {
                opts.push(("day", JsValue::from_str("numeric")));
            }
            let f = Intl::DateTimeFormat::new(&locales(lang), &options(&opts)).format();
            cache.push(((lang, precision), f.clone()));
            f
        }

        fn date(&self, lang: Lang, precision: u8, y: u16, m: u8, d: u8) -> String {
            let ms = Date::utc(f64::from(y), f64::from(m.max(1) - 1))
                + (f64::from(d.max(1)) - 1.0) * 86_400_000.0;
            let date = Date::new(&JsValue::from_f64(ms));
            let out = self
                .date_format(lang, precision)
                .call1(&JsValue::UNDEFINED, &date)
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            no_break(out)
        }
    }

    impl Formatter for IntlFormatter {
        fn number(&self, lang: Lang, d: Decimal) -> String {
            // Intl reads a decimal string exactly (no binary rounding on the way).
            let mut text = String::new();
            d.write(&mut text, '.', None);
            self.number_format(lang, d.decimals())
                .call1(&JsValue::UNDEFINED, &JsValue::from_str(&text))
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or(text)
        }

        fn year(&self, lang: Lang, year: u16) -> String {
            self.date(lang, 0, year, 1, 1)
        }

        fn month(&self, lang: Lang, year: u16, month: u8) -> String {
            self.date(lang, 1, year, month, 1)
        }

        fn day(&self, lang: Lang, year: u16, month: u8, day: u8) -> String {
            self.date(lang, 2, year, month, day)
        }
    }
}

#[wasm_bindgen_test]
fn the_core_rules_format_numbers_and_dates_as_the_browsers_intl_does() {
    use intl::IntlFormatter;
    use oms_core::decimal::Decimal;
    use oms_core::text::{Formatter, Rules};
    let intl = IntlFormatter::default();
    let numbers = [
        Decimal::new(171, 1),
        Decimal::new(1586, 2),
        Decimal::new(671, 1),
        Decimal::new(13, 1),
        Decimal::new(0, 0),
        Decimal::new(100, 0),
        Decimal::new(3960, 0),
        Decimal::new(151_448, 0),
        Decimal::new(1_150_000_000, 0),
        Decimal::new(115, 1),
        Decimal::new(723, 2),
        Decimal::new(3853, 3),
    ];
    for lang in Lang::ALL {
        for d in numbers {
            assert_eq!(
                intl.number(lang, d),
                Rules.number(lang, d),
                "{lang:?} {d:?}"
            );
        }
        for (y, m, day) in [(2024, 8, 1), (2025, 9, 30), (2026, 1, 15), (2025, 11, 26)] {
            assert_eq!(intl.year(lang, y), Rules.year(lang, y), "{lang:?} {y}");
            assert_eq!(
                intl.month(lang, y, m),
                Rules.month(lang, y, m),
                "{lang:?} {y}-{m}"
            );
            assert_eq!(
                intl.day(lang, y, m, day),
                Rules.day(lang, y, m, day),
                "{lang:?} {y}-{m}-{day}"
            );
        }
    }
}

/// The frequency of `samples` (at `rate` per second) from the times its wave rises through zero,
/// interpolated between samples.
fn frequency(samples: &[f32], rate: f64) -> f64 {
    let mut rises: Vec<f64> = Vec::new();
    for (i, w) in samples.windows(2).enumerate() {
        if w[0] < 0.0 && w[1] >= 0.0 {
            let frac = f64::from(-w[0]) / f64::from(w[1] - w[0]);
            rises.push((i as f64 + frac) / rate);
        }
    }
    match (rises.first(), rises.last()) {
        (Some(a), Some(b)) if rises.len() > 2 => (rises.len() - 1) as f64 / (b - a),
        _ => 0.0,
    }
}

/// Listening, rendered offline: every tone sounds at its score's pitch, so the pitch follows the
/// values; China on the left, the United States on the right.
#[wasm_bindgen_test]
async fn listening_renders_tones_whose_pitch_follows_the_values() {
    use oms_core::chart::Marks;
    use oms_core::sonify;
    let loaded = loaded(include_str!("fixtures/valid-computed.json"));
    let s = &loaded.snapshot;
    let metric = s
        .metrics
        .position(|m| m.id == "computed-download-share-by-country-group")
        .unwrap();
    let marks = Marks::layout(s, metric, &[], Lang::En).unwrap();
    let score = sonify::score(s, metric, &marks, Lang::En).unwrap();
    let rate = 16_000.0;
    let frames = ((score.length + 0.5) * rate) as u32;
    let ctx = web_sys::OfflineAudioContext::new_with_number_of_channels_and_length_and_sample_rate(
        2,
        frames,
        rate as f32,
    )
    .unwrap();
    open_model_share::audio::schedule(&ctx, &score, 0.0).unwrap();
    let rendered = wasm_bindgen_futures::JsFuture::from(ctx.start_rendering().unwrap())
        .await
        .unwrap();
    let buffer: web_sys::AudioBuffer = rendered.dyn_into().unwrap();
    let (left, right) = (
        buffer.get_channel_data(0).unwrap(),
        buffer.get_channel_data(1).unwrap(),
    );
    let mut heard = Vec::new();
    for tone in &score.tones {
        // The steady middle of the tone (its fades left out).
        let from = ((tone.start + 0.02) * rate) as usize;
        let to = ((tone.start + tone.duration - 0.02) * rate) as usize;
        let mixed: Vec<f32> = (from..to).map(|i| left[i] + right[i]).collect();
        let hz = frequency(&mixed, rate);
        assert!(
            (hz - tone.hz()).abs() / tone.hz() < 0.02,
            "a tone of {} Hz sounded at {hz} Hz",
            tone.hz()
        );
        let energy = |c: &[f32]| c[from..to].iter().map(|x| f64::from(x * x)).sum::<f64>();
        let (l, r) = (energy(&left), energy(&right));
        if tone.pan < 0.0 {
            assert!(l > 2.0 * r, "China on the left");
        } else if tone.pan > 0.0 {
            assert!(r > 2.0 * l, "the United States on the right");
        }
        heard.push(hz);
    }
    // Higher share, higher pitch: China's 20 months heard in the order of their values.
    let m = &s.metrics[metric];
    let values: Vec<f64> = m
        .values
        .iter()
        .filter(|v| figures::series_id(s, v.series) == "china")
        .map(|v| v.value.to_f64())
        .collect();
    for a in 0..values.len() {
        for b in 0..values.len() {
            if values[a] > values[b] + 0.05 {
                assert!(heard[a] > heard[b], "month {a} above month {b}");
            }
        }
    }
    // And between tones, silence.
    let gap = ((score.tones[0].start + score.tones[0].duration + 0.02) * rate) as usize;
    assert!(left[gap].abs() < 1e-3 && right[gap].abs() < 1e-3);
}
