//! The legend: hovering or focusing a series highlights it, activating it hides or shows it.

use crate::dom::{closest, focus_stays_inside, stays_inside};
use crate::region::use_region;
use crate::ReaderState;
use leptos::prelude::*;
use oms_core::render::widget::{self, Reader};
use oms_core::snapshot::SeriesIndex;
use wasm_bindgen::JsCast;

/// Puts the hidden series on the legend's buttons (pressed: shown), so a toggled button stays
/// the same element, with the reader's focus and pointer on it.
fn sync_items(root: &web_sys::Element, state: ReaderState) {
    let hidden = state.hidden.get_untracked();
    let hint = state.lang.ui().legend_hint;
    let Ok(items) = root.query_selector_all(".oms-legend__item[data-key]") else {
        return;
    };
    for el in (0..items.length())
        .filter_map(|i| items.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
    {
        let series = el.get_attribute("data-key").and_then(|key| {
            state
                .data
                .with_value(|d| d.snapshot.series.position(|s| s.id == key))
        });
        let shown = series.is_none_or(|s| !hidden.contains(&s));
        let _ = el.set_attribute("aria-pressed", if shown { "true" } else { "false" });
        if let Ok(Some(h)) = el.query_selector(".oms-legend__hint") {
            h.set_text_content(Some(if shown { "" } else { hint }));
        }
    }
}

/// The legend of the measure's series.
#[component]
pub fn Legend(
    /// The reader's state.
    state: ReaderState,
) -> impl IntoView {
    let node = NodeRef::new();
    // Written again for a new measure; the hidden series only change the buttons' state.
    let html = Signal::derive(move || {
        let metric = state.metric.get();
        let hidden = state.hidden.get_untracked();
        state.data.with_value(|d| {
            widget::legend(&Reader {
                snapshot: &d.snapshot,
                lang: state.lang,
                metric,
                view: state.view.get_untracked(),
                hidden: &hidden,
                page: 0,
                base: state.base,
            })
        })
    });
    use_region(node, html, move |el| sync_items(el, state));
    Effect::new(move |_| {
        state.hidden.track();
        if let Some(el) = node.get_untracked() {
            sync_items(&el, state);
        }
    });
    // The series of the legend item an event happened on, with the item.
    let item_of = move |ev: &web_sys::Event| -> Option<(SeriesIndex, web_sys::Element)> {
        let el = closest(ev, ".oms-legend__item[data-key]")?;
        let key = el.get_attribute("data-key")?;
        let series = state
            .data
            .with_value(|d| d.snapshot.series.position(|s| s.id == key))?;
        Some((series, el))
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some((series, _)) = item_of(&ev) {
            state.toggle_series(series);
        }
    };
    let on_pointerover = move |ev: leptos::ev::PointerEvent| {
        if let Some((series, _)) = item_of(&ev) {
            state.highlight.set(Some(series));
        }
    };
    let on_pointerout = move |ev: leptos::ev::PointerEvent| {
        if let Some((_, el)) = item_of(&ev) {
            if !stays_inside(&ev, &el) {
                state.highlight.set(None);
            }
        }
    };
    let on_focusin = move |ev: leptos::ev::FocusEvent| {
        if let Some((series, _)) = item_of(&ev) {
            state.highlight.set(Some(series));
        }
    };
    let on_focusout = move |ev: leptos::ev::FocusEvent| {
        if let Some((_, el)) = item_of(&ev) {
            if !focus_stays_inside(&ev, &el) {
                state.highlight.set(None);
            }
        }
    };
    view! {
        <div
            class="oms-region"
            node_ref=node
            on:click=on_click
            on:pointerover=on_pointerover
            on:pointerout=on_pointerout
            on:focusin=on_focusin
            on:focusout=on_focusout
        ></div>
    }
}
