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

#[wasm_bindgen_test]
fn intl_formats_numbers_and_dates_as_the_core_rules_do() {
    use oms_core::decimal::Decimal;
    use oms_core::text::{Formatter, Rules};
    use open_model_share::intl::IntlFormatter;
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
