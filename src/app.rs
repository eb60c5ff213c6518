//! The whole widget: the page's parameters, the snapshot as a resource, and the view for where
//! loading stands (loading, the explorer, the explorer of a stale copy, or what went wrong).

use crate::explorer::Explorer;
use crate::{fetch, host};
use leptos::prelude::*;
use oms_core::failure::LoadError;
use oms_core::figures::Headline;
use oms_core::params::{DataSource, Params};
use oms_core::snapshot::Snapshot;
use oms_core::text::{self, Lang};
use std::sync::Arc;

/// The bundled snapshot, relative to the root of `dist/` (so the widget works under any
/// sub-path).
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
    /// The last good copy kept on the device, shown because loading failed.
    Stale(Arc<Loaded>, LoadError),
    Failed(LoadError),
}

/// Loads the snapshot the page asks for; a refused address makes no request.
async fn load(source: DataSource) -> LoadState {
    // Not in the task that mounted the widget: each step of starting stays short.
    fetch::sleep(0).await;
    match source {
        DataSource::Bundled => fetch::load(&format!("{}{SNAPSHOT_URL}", host::base())).await,
        DataSource::Url(url) => fetch::load(&url).await,
        DataSource::Refused { origin } => LoadState::Failed(LoadError::Refused { origin }),
    }
}

/// The whole widget: loads the snapshot (a resource, fetched again on retry) and shows the
/// headline or what went wrong.
#[component]
pub fn App() -> impl IntoView {
    let params = host::page_params();
    let lang = params.lang;
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang.html_lang());
    }
    let source = host::data_source(params.data.as_deref());
    let snapshot = LocalResource::new(move || load(source.clone()));
    let state = Signal::derive(move || snapshot.get().unwrap_or(LoadState::Loading));
    let retry = Callback::new(move |()| {
        // Back to "loading" while the new attempt runs.
        snapshot.set(None);
        snapshot.refetch();
    });
    view! { <Widget lang state on_retry=retry params /> }
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
    /// The page's parameters (initial view, measure, hidden series, chrome).
    #[prop(optional)]
    params: Params,
) -> impl IntoView {
    let busy = move || matches!(state.get(), LoadState::Loading).to_string();
    view! {
        <main class="oms" aria-busy=busy aria-label=lang.ui().widget_label>
            {move || match state.get() {
                LoadState::Loading => view! { <LoadingView lang /> }.into_any(),
                LoadState::Ready(l) => {
                    view! { <Explorer lang loaded=l params=params.clone() /> }.into_any()
                }
                LoadState::Stale(l, e) => {
                    view! {
                        <StaleNotice lang loaded=Arc::clone(&l) error=e on_retry />
                        <Explorer lang loaded=l params=params.clone() />
                    }
                        .into_any()
                }
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
            <p class="oms-loading__text" role="status">
                {lang.ui().loading}
            </p>
        </div>
    }
}

/// Why the data shown is a copy saved on this device, with a retry.
#[component]
fn StaleNotice(
    /// The interface language.
    lang: Lang,
    /// The saved copy shown.
    loaded: Arc<Loaded>,
    /// Why the latest could not be loaded.
    error: LoadError,
    /// Called by the retry button.
    on_retry: Callback<()>,
) -> impl IntoView {
    let ui = lang.ui();
    let date = text::period(lang, loaded.snapshot.data_as_of);
    view! {
        <div class="oms-stale" role="status">
            <p class="oms-stale__message">{text::fill(ui.stale, &[("date", &date)])}</p>
            <p class="oms-stale__reason">{error.describe(lang).message}</p>
            <button type="button" class="oms-button" on:click=move |_| on_retry.run(())>
                {ui.retry}
            </button>
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
