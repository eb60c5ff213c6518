//! The browser edge: fetching the snapshot and the Leptos views (wasm32 only).
//!
//! Views only map values computed by the pure core (figures, marks, strings) to elements.

use crate::chart::{self, ShareChart};
use crate::figures::{self, Headline};
use crate::load::LoadError;
use crate::params::{self, LangChoice};
use crate::snapshot::{self, Json, Snapshot};
use crate::text::{self, Lang};
use leptos::prelude::*;
use std::sync::Arc;

/// The bundled snapshot, relative to the page (so the widget works under any sub-path).
pub const SNAPSHOT_URL: &str = "data/snapshot.json";
/// The `performance.mark` set once the first complete chart is in the DOM (a contract).
pub const DRAWN_MARK: &str = "open-model-share:drawn";

/// A snapshot ready to show, with its headline derived once.
pub struct Loaded {
    pub snapshot: Snapshot,
    pub headline: Headline,
}

/// Where loading stands.
#[derive(Clone)]
pub enum LoadState {
    Loading,
    Ready(Arc<Loaded>),
    Failed(LoadError),
}

/// Fetches, parses and validates the snapshot at `url`.
pub async fn fetch_snapshot(url: &str) -> Result<Loaded, LoadError> {
    let resp = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| LoadError::Network(e.to_string()))?;
    // fetch() resolves on 404 and 500 too: the status decides.
    if !resp.ok() {
        return Err(LoadError::Http {
            status: resp.status(),
            status_text: resp.status_text(),
        });
    }
    let body = resp
        .text()
        .await
        .map_err(|e| LoadError::Network(e.to_string()))?;
    snapshot::check_size(body.len()).map_err(|p| LoadError::Invalid(vec![p]))?;
    // The browser's own parser: no JSON parser compiled into the wasm.
    let value = js_sys::JSON::parse(&body).map_err(|e| {
        LoadError::Json(
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default(),
        )
    })?;
    let doc: Json =
        serde_wasm_bindgen::from_value(value).map_err(|e| LoadError::Json(e.to_string()))?;
    let snapshot = snapshot::validate(&doc).map_err(LoadError::Invalid)?;
    let headline = figures::headline(&snapshot).ok_or_else(|| LoadError::Invalid(Vec::new()))?;
    Ok(Loaded { snapshot, headline })
}

use wasm_bindgen::JsCast;

/// The interface language from the page URL and the browser, warning about an invalid `lang`.
pub fn page_lang() -> Lang {
    let window = window();
    let query = window.location().search().unwrap_or_default();
    let browser: Vec<String> = window
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    let choice = params::choose_lang(&query, browser.iter().map(String::as_str));
    if let LangChoice::Invalid(l) = choice {
        leptos::logging::warn!(
            "open-model-share: unsupported lang parameter; using {}",
            l.code()
        );
    }
    choice.lang()
}

/// The whole widget: loads the bundled snapshot and shows the headline or what went wrong.
#[component]
pub fn App() -> impl IntoView {
    let lang = page_lang();
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang.code());
    }
    let state = RwSignal::new(LoadState::Loading);
    let load = move || {
        state.set(LoadState::Loading);
        leptos::task::spawn_local(async move {
            let next = match fetch_snapshot(SNAPSHOT_URL).await {
                Ok(l) => LoadState::Ready(Arc::new(l)),
                Err(e) => LoadState::Failed(e),
            };
            state.set(next);
        });
    };
    load();
    view! { <Widget lang state=state.read_only() on_retry=Callback::new(move |()| load()) /> }
}

/// The widget for a given load state.
#[component]
pub fn Widget(
    /// The interface language.
    lang: Lang,
    /// Where loading stands.
    #[prop(into)]
    state: Signal<LoadState>,
    /// Called when the reader asks to try loading again.
    on_retry: Callback<()>,
) -> impl IntoView {
    let busy = move || matches!(state.get(), LoadState::Loading).to_string();
    view! {
        <main class="oms" aria-busy=busy>
            {move || match state.get() {
                LoadState::Loading => view! { <LoadingView lang /> }.into_any(),
                LoadState::Ready(l) => view! { <HeadlineView lang loaded=l /> }.into_any(),
                LoadState::Failed(e) => view! { <ErrorView lang error=e on_retry /> }.into_any(),
            }}
        </main>
    }
}

/// A placeholder of the chart's size while the snapshot loads.
#[component]
fn LoadingView(lang: Lang) -> impl IntoView {
    view! {
        <div class="oms-loading">
            <h1 class="oms-title">{lang.ui().widget_title}</h1>
            <p class="oms-loading__text" role="status">{lang.ui().loading}</p>
        </div>
    }
}

/// What went wrong, with a retry.
#[component]
pub fn ErrorView(
    /// The interface language.
    lang: Lang,
    /// The failure to explain.
    error: LoadError,
    /// Called by the retry button.
    on_retry: Callback<()>,
) -> impl IntoView {
    let t = error.describe(lang);
    let details = (!t.details.is_empty()).then(|| {
        view! {
            <ul class="oms-error__details" aria-label=lang.ui().error_detail>
                {t.details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
            </ul>
        }
    });
    view! {
        <h1 class="oms-title">{lang.ui().widget_title}</h1>
        <div class="oms-error" role="alert">
            <p class="oms-error__message">{t.message}</p>
            {details}
            <button type="button" class="oms-button" on:click=move |_| on_retry.run(())>
                {lang.ui().retry}
            </button>
        </div>
    }
}

/// The headline: the generated lead sentence, the chart, the remainder note and the sources.
#[component]
pub fn HeadlineView(
    /// The interface language.
    lang: Lang,
    /// The validated snapshot and its headline.
    loaded: Arc<Loaded>,
) -> impl IntoView {
    let s = &loaded.snapshot;
    let h = &loaded.headline;
    let ui = lang.ui();
    let metric = &s.metrics[h.metric];
    let title = text::lead_sentence(lang, s, h);
    let mut subtitle = String::from(metric.label.get(lang.code()));
    subtitle.push_str(", ");
    subtitle.push_str(&text::when(lang, h.when));
    let remainder_label = metric
        .remainder_label
        .as_ref()
        .map_or("", |t| t.get(lang.code()))
        .to_owned();

    // The chart is laid out for the measured width of its box (the box's height is fixed by the
    // layout, so measuring shifts nothing).
    let width = RwSignal::new(None::<f64>);
    let figure = NodeRef::<leptos::html::Div>::new();
    let measure = move || {
        if let Some(el) = figure.get_untracked() {
            let w = f64::from(el.client_width());
            if w > 0.0 && width.get_untracked() != Some(w) {
                width.set(Some(w));
            }
        }
    };
    Effect::new(move |_| {
        if figure.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let for_chart = Arc::clone(&loaded);
    let marks = Memo::new(move |_| {
        width
            .get()
            .map(|w| chart::share_chart(&for_chart.snapshot, &for_chart.headline, lang, w))
    });
    let reserved = chart::share_chart(s, h, lang, chart::MIN_WIDTH).height;
    let mut drawn = false;
    Effect::new(move |_| {
        if marks.with(Option::is_some) && !drawn {
            drawn = true;
            if let Some(p) = window().performance() {
                let _ = p.mark(DRAWN_MARK);
            }
        }
    });

    let (origin, relays) = figures::sources_of(metric);
    let source_link = |i: usize| {
        let src = &s.sources[i];
        let name = src.short_name.clone();
        match src.url.clone() {
            Some(url) => view! {
                <a href=url title=src.title.clone() rel="noopener noreferrer" target="_blank">{name}</a>
            }
            .into_any(),
            None => view! { <span title=src.title.clone()>{name}</span> }.into_any(),
        }
    };
    let origin_view = origin.map(source_link);
    let relay_views = relays
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            view! {
                {(n > 0).then_some(", ")}
                {source_link(i)}
            }
        })
        .collect_view();
    let via = (origin.is_some() && !relays.is_empty()).then(|| format!(" {} ", ui.via));
    let as_of = text::period(lang, s.data_as_of);

    view! {
        <article class="oms-headline">
            <h1 class="oms-title">{title}</h1>
            <p class="oms-subtitle">{subtitle}</p>
            <div class="oms-figure" node_ref=figure style=format!("height:{}px", chart::coord(reserved))>
                {move || marks.get().map(|c| view! { <ShareChartView chart=c label=ui.chart_label /> })}
            </div>
            <p class="oms-note">
                <strong>{remainder_label}</strong>
                ": "
                {ui.remainder_note}
            </p>
            <footer class="oms-footer">
                <p class="oms-source">
                    {ui.source} ": " {origin_view} {via} {relay_views} "."
                </p>
                <p class="oms-asof">{ui.data_as_of} " " <time datetime=date_attr(s)>{as_of}</time></p>
            </footer>
        </article>
    }
}

fn date_attr(s: &Snapshot) -> String {
    let (y, m, d) = s.data_as_of.first_day();
    let two = |n: u8| {
        if n < 10 {
            format!("0{n}")
        } else {
            n.to_string()
        }
    };
    format!("{y}-{}-{}", two(m), two(d))
}

/// The headline bar chart, drawn from its marks.
#[component]
pub fn ShareChartView(
    /// The marks, laid out by [`chart::share_chart`].
    chart: ShareChart,
    /// The chart's accessible name.
    label: &'static str,
) -> impl IntoView {
    let c = chart::coord;
    let desc: Vec<String> = chart
        .bars
        .iter()
        .map(|b| format!("{} {}", b.label, b.value_text))
        .collect();
    let bars = chart
        .bars
        .into_iter()
        .map(|b| {
            view! {
                <g class=format!("oms-bar {}", b.role.class()) data-key=b.key>
                    <text class="oms-bar__label" x=c(b.x) y=c(b.label_y)>{b.label}</text>
                    <rect class="oms-bar__track" x=c(b.x) y=c(b.y) width=c(b.track_width) height=c(b.height) rx="2" />
                    <rect class="oms-bar__fill" x=c(b.x) y=c(b.y) width=c(b.width) height=c(b.height) rx="2" />
                    <text class="oms-bar__value" x=c(b.value_x) y=c(b.value_y)>{b.value_text}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg
            class="oms-chart"
            role="img"
            aria-label=format!("{label}: {}", desc.join("; "))
            width=c(chart.width)
            height=c(chart.height)
            viewBox=format!("0 0 {} {}", c(chart.width), c(chart.height))
        >
            {bars}
        </svg>
    }
}
