//! The measure select and the view buttons.

use crate::dom::closest;
use crate::region::use_region;
use crate::ReaderState;
use leptos::prelude::*;
use oms_core::params::View;
use oms_core::render::widget;
use oms_core::snapshot::MetricIndex;
use wasm_bindgen::JsCast;

/// Puts the chosen measure and view on the controls (the select's value, the pressed button), so
/// they stay the same elements while the reader uses them.
fn sync_controls(root: &web_sys::Element, state: ReaderState) {
    let (metric, view) = (state.metric.get_untracked(), state.view.get_untracked());
    if let Ok(Some(select)) = root.query_selector(".oms-select") {
        if let Ok(select) = select.dyn_into::<web_sys::HtmlSelectElement>() {
            let value = metric.0.to_string();
            if select.value() != value {
                select.set_value(&value);
            }
        }
    }
    for v in View::ALL {
        if let Ok(Some(b)) = root.query_selector(&format!("[data-view=\"{}\"]", v.code())) {
            let _ = b.set_attribute("aria-pressed", if v == view { "true" } else { "false" });
        }
    }
}

/// Chooses the measure and the view (chart, table, sources).
#[component]
pub fn Controls(
    /// The reader's state.
    state: ReaderState,
) -> impl IntoView {
    let node = NodeRef::new();
    // Written once: the choices only change the controls' state.
    let html = Signal::derive(move || untrack(|| state.with_reader(widget::controls)));
    use_region(node, html, move |el| sync_controls(el, state));
    Effect::new(move |_| {
        state.metric.track();
        state.view.track();
        if let Some(el) = node.get_untracked() {
            sync_controls(&el, state);
        }
    });
    let on_change = move |ev: leptos::ev::Event| {
        if closest(&ev, ".oms-select").is_some() {
            if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                state.select_metric(MetricIndex(i));
            }
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let view = closest(&ev, "[data-view]")
            .and_then(|b| b.get_attribute("data-view"))
            .and_then(|code| View::ALL.into_iter().find(|v| v.code() == code));
        if let Some(v) = view {
            state.select_view(v);
        }
    };
    view! { <div class="oms-controls" node_ref=node on:change=on_change on:click=on_click></div> }
}
