//! The page's edge: its parameters (the URL's, and the path of a prerendered page), where the
//! snapshot comes from, and the reader's state written back into the URL. The theme, `plain` and
//! the messages to and from the host page are the boot script's (`public/boot.js`): they must
//! work before the widget starts.

use leptos::prelude::*;
use oms_core::params::{self, Params, View};
use oms_core::render::page::PAGE_BASE;
use oms_core::render::widget::page_path;
use oms_core::snapshot::{MetricIndex, SeriesIndex, Snapshot};
use oms_core::text::Lang;
use wasm_bindgen::JsValue;

/// The language, measure and view a prerendered page shows (its path, in `<html
/// data-oms-page>`), if this is one.
pub fn prerendered() -> Option<(Lang, String, View)> {
    let page = document()
        .document_element()?
        .get_attribute("data-oms-page")?;
    let mut parts = page.trim_end_matches(".html").split('/');
    let (lang, metric, view) = (parts.next()?, parts.next()?, parts.next()?);
    let lang = Lang::ALL.into_iter().find(|l| l.code() == lang)?;
    let view = View::ALL.into_iter().find(|v| v.code() == view)?;
    Some((lang, metric.to_owned(), view))
}

/// The way from this document to the root of `dist/`.
pub fn base() -> &'static str {
    if prerendered().is_some() {
        PAGE_BASE
    } else {
        ""
    }
}

/// The page's parameters, with every invalid value reported in the console. A prerendered page's
/// path decides its language, measure and view.
pub fn page_params() -> Params {
    let window = window();
    let query = window.location().search().unwrap_or_default();
    let browser: Vec<String> = window
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    let mut p = params::parse(&query, browser.iter().map(String::as_str));
    for w in &p.warnings {
        leptos::logging::warn!("{w}");
    }
    if let Some((lang, metric, view)) = prerendered() {
        p.lang = lang;
        p.metric = Some(metric);
        p.view = view;
    }
    p
}

/// Where to load the snapshot from, by the `data` parameter (resolved by the browser's URL
/// parser against the page; decided by the core).
pub fn data_source(param: Option<&str>) -> params::DataSource {
    let location = window().location();
    let page = location.href().unwrap_or_default();
    let page_origin = location.origin().unwrap_or_default();
    let resolved = param.and_then(|p| web_sys::Url::new_with_base(p, &page).ok());
    let parts = resolved.as_ref().map(|u| (u.origin(), u.href()));
    let decided = params::data_source(
        param,
        parts.as_ref().map(|(o, h)| (o.as_str(), h.as_str())),
        &page_origin,
        &params::allowed_origins(),
    );
    if let params::DataSource::Refused { origin } = &decided {
        leptos::logging::warn!("open-model-share: data from {origin} refused (not allowed)");
    }
    decided
}

/// Writes the reader's state into the URL with `history.replaceState` (no new history entry): on
/// a prerendered page, the path of the page for the measure and view, with the rest in the query;
/// elsewhere, all in the query.
pub fn write_state(s: &Snapshot, view: View, metric: MetricIndex, hidden: &[SeriesIndex]) {
    let w = window();
    let location = w.location();
    let query = location.search().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let url = match prerendered() {
        Some((lang, _, _)) => {
            let id = s.metrics.get(metric).map_or("", |m| m.id.as_str());
            let page = page_path(lang, id, view);
            let next = params::page_query(&query, s, hidden);
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("data-oms-page", &page);
            }
            format!("{PAGE_BASE}{page}{next}{hash}")
        }
        None => {
            let next = params::with_reader_state(&query, s, view, metric, hidden);
            if next == query {
                return;
            }
            let path = location.pathname().unwrap_or_default();
            format!("{path}{next}{hash}")
        }
    };
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}
