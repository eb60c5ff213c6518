//! The host-page edge: URL parameters, the theme, messages from the host and height messages to
//! it, and the reader's state written back into the URL.

use js_sys::{Object, Reflect};
use leptos::prelude::*;
use oms_core::params::{self, HeightMessage, Params, Theme, View};
use oms_core::snapshot::{MetricIndex, SeriesIndex, Snapshot};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The page's parameters, with every invalid value reported in the console.
pub fn page_params() -> Params {
    let window = window();
    let query = window.location().search().unwrap_or_default();
    let browser: Vec<String> = window
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    let p = params::parse(&query, browser.iter().map(String::as_str));
    for w in &p.warnings {
        leptos::logging::warn!("{w}");
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

/// Sets the theme on `<html data-theme>` (the CSS picks its colours from it).
pub fn apply_theme(theme: Theme) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-theme", theme.code());
    }
}

fn field(data: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(data, &JsValue::from_str(key)).ok()
}

/// Accepts `open-model-share:set-theme` from the parent window only, every field validated.
pub fn listen_for_theme(theme: RwSignal<Theme>) {
    let handle = window_event_listener(leptos::ev::message, move |ev| {
        let w = window();
        let Ok(Some(parent)) = w.parent() else {
            return;
        };
        let framed = !js_sys::Object::is(&parent, &w);
        let from_parent = ev.source().is_some_and(|s| js_sys::Object::is(&s, &parent));
        if !framed || !from_parent {
            return;
        }
        let data = ev.data();
        if !data.is_object() {
            return;
        }
        let t = field(&data, "type").and_then(|v| v.as_string());
        let version = field(&data, "version").and_then(|v| v.as_f64());
        let name = field(&data, "theme").and_then(|v| v.as_string());
        if let Some(next) = params::theme_message(t.as_deref(), version, name.as_deref()) {
            theme.set(next);
        }
    });
    // The listener lives as long as the page.
    std::mem::forget(handle);
}

fn to_js(m: &HeightMessage) -> JsValue {
    let set = |o: &Object, k: &str, v: JsValue| {
        let _ = Reflect::set(o, &JsValue::from_str(k), &v);
    };
    match m {
        HeightMessage::Own { id, height } => {
            let o = Object::new();
            set(&o, "type", "open-model-share:height".into());
            set(&o, "version", 1.into());
            set(
                &o,
                "id",
                id.as_deref().map_or(JsValue::NULL, JsValue::from_str),
            );
            set(&o, "height", (*height).into());
            o.into()
        }
        HeightMessage::Datawrapper { key, height } => {
            let inner = Object::new();
            set(&inner, key, (*height).into());
            let o = Object::new();
            set(&o, "datawrapper-height", inner.into());
            o.into()
        }
        HeightMessage::Amp { height } => {
            let o = Object::new();
            set(&o, "sentinel", "amp".into());
            set(&o, "type", "embed-size".into());
            set(&o, "height", (*height).into());
            o.into()
        }
        HeightMessage::Pym(s) => JsValue::from_str(s),
    }
}

/// When framed, posts the height messages to the parent on first render and on every change of
/// the document's height (a ResizeObserver on `<body>`, no polling).
pub fn post_heights(id: Option<String>, child_id: Option<String>) {
    let w = window();
    let Ok(Some(parent)) = w.parent() else {
        return;
    };
    if js_sys::Object::is(&parent, &w) {
        return;
    }
    let Some(body) = document().body() else {
        return;
    };
    let last = Rc::new(Cell::new(0u32));
    let measured = body.clone();
    let callback = Closure::<dyn FnMut(JsValue)>::new(move |_| {
        let height = measured.get_bounding_client_rect().height().ceil();
        let height = if height.is_finite() && height > 0.0 {
            height as u32
        } else {
            return;
        };
        if last.replace(height) == height {
            return;
        }
        for m in params::height_messages(id.as_deref(), child_id.as_deref(), height) {
            let _ = parent.post_message(&to_js(&m), "*");
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&body);
        // The observer and its callback live as long as the page.
        std::mem::forget(observer);
        callback.forget();
    }
}

/// Writes the reader's state into the URL with `history.replaceState` (no new history entry).
pub fn write_state(s: &Snapshot, view: View, metric: MetricIndex, hidden: &[SeriesIndex]) {
    let w = window();
    let location = w.location();
    let query = location.search().unwrap_or_default();
    let next = params::with_reader_state(&query, s, view, metric, hidden);
    if next == query {
        return;
    }
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    if let Ok(history) = w.history() {
        let url = format!("{path}{next}{hash}");
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}
