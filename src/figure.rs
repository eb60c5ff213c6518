//! The chart: the core's marks for the measured width of the chart's own box, one tab stop for
//! the keyboard, and the same tooltip by hover, tap and focus.

use crate::region::{closest, focus, focus_stays_inside, stays_inside, use_region};
use crate::{ReaderState, DRAWN_MARK};
use leptos::prelude::*;
use oms_core::chart::Marks;
use oms_core::interaction::{self, FocusKey, MarkEvent};
use oms_core::render::widget;
use oms_core::snapshot::SeriesIndex;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The mark (its place in focus order) an event happened on, with the mark's element.
fn mark_of(ev: &web_sys::Event) -> Option<(usize, web_sys::Element)> {
    let el = closest(ev, ".oms-mark[data-index]")?;
    let index = el.get_attribute("data-index")?.parse().ok()?;
    Some((index, el))
}

/// Every element of `root` matching `selector`.
fn all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .collect()
}

/// Puts the state that changes without new marks on the chart's elements: the tab stop and the
/// series dimmed while another is highlighted.
fn sync_marks(root: &web_sys::Element, state: ReaderState) {
    let stop = state.tab_stop.get_untracked();
    let highlight = state.highlight.get_untracked();
    let targets = state
        .marks
        .with_untracked(|m| m.as_ref().map(Marks::targets))
        .unwrap_or_default();
    for el in all(root, ".oms-mark[data-index]") {
        let Some(index) = el
            .get_attribute("data-index")
            .and_then(|i| i.parse::<usize>().ok())
        else {
            continue;
        };
        let _ = el.set_attribute("tabindex", if index == stop { "0" } else { "-1" });
        let series = targets.get(index).and_then(|t| t.series);
        let _ = el
            .class_list()
            .toggle_with_force("oms-mark--dim", interaction::dimmed(highlight, series));
    }
    let series_of = |id: &str| -> Option<SeriesIndex> {
        state
            .data
            .with_value(|d| d.snapshot.series.position(|s| s.id == id))
    };
    for el in all(root, ".oms-line[data-key]") {
        let series = el.get_attribute("data-key").and_then(|k| series_of(&k));
        let _ = el.class_list().toggle_with_force(
            "oms-mark--dim",
            highlight.is_some() && interaction::dimmed(highlight, series),
        );
    }
}

/// Calls `resized` with the width of `node`'s box whenever it changes (a ResizeObserver on the
/// box itself: a window resize and a change of the container alone both count).
fn use_width(node: NodeRef<leptos::html::Div>, resized: impl Fn(f64) + 'static) {
    let resized = Rc::new(resized);
    Effect::new(move |_| {
        let Some(el) = node.get() else {
            return;
        };
        // Measured at once too: the chart is drawn before the first paint, not a frame later.
        resized(f64::from(el.client_width()));
        let measured = el.clone();
        let resized = Rc::clone(&resized);
        let callback = Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(move |_| {
            resized(f64::from(measured.client_width()));
        });
        let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else {
            return;
        };
        observer.observe(&el);
        // Kept (with its callback) until the box goes away.
        let kept = StoredValue::new_local((observer, callback));
        on_cleanup(move || kept.with_value(|(observer, _)| observer.disconnect()));
    });
}

/// The chart of the measure, or a note when every series is hidden.
#[component]
pub fn Figure(
    /// The reader's state.
    state: ReaderState,
) -> impl IntoView {
    let node = NodeRef::new();
    use_width(node, move |w| state.resize(w));
    let html = Signal::derive(move || {
        state
            .marks
            .with(|m| {
                m.as_ref()
                    .map(|m| state.with_reader(|r| widget::chart(r, m)))
            })
            .unwrap_or_default()
    });
    let drawn = Rc::new(Cell::new(false));
    use_region(node, html, move |el| {
        sync_marks(el, state);
        if !drawn.get() && state.marks.with_untracked(Option::is_some) {
            drawn.set(true);
            if let Some(p) = window().performance() {
                let _ = p.mark(DRAWN_MARK);
            }
        }
    });
    Effect::new(move |_| {
        state.tab_stop.track();
        state.highlight.track();
        if let Some(el) = node.get_untracked() {
            sync_marks(&el, state);
        }
    });

    let on_click = move |ev: leptos::ev::MouseEvent| match mark_of(&ev) {
        Some((mark, _)) => state.mark_event(MarkEvent::Tap(mark)),
        // A tap on the background closes a tapped tooltip.
        None => state.mark_event(MarkEvent::Background),
    };
    let on_pointerover = move |ev: leptos::ev::PointerEvent| {
        if let Some((mark, el)) = mark_of(&ev) {
            if !stays_inside(&ev, &el) {
                let touch = ev.pointer_type() == "touch";
                state.mark_event(MarkEvent::Enter { mark, touch });
            }
        }
    };
    let on_pointerout = move |ev: leptos::ev::PointerEvent| {
        if let Some((mark, el)) = mark_of(&ev) {
            if !stays_inside(&ev, &el) {
                state.mark_event(MarkEvent::Leave(mark));
            }
        }
    };
    let on_focusin = move |ev: leptos::ev::FocusEvent| {
        if let Some((mark, _)) = mark_of(&ev) {
            state.mark_event(MarkEvent::Focus(mark));
        }
    };
    let on_focusout = move |ev: leptos::ev::FocusEvent| {
        if let Some((mark, el)) = mark_of(&ev) {
            if !focus_stays_inside(&ev, &el) {
                state.mark_event(MarkEvent::Blur(mark));
            }
        }
    };
    // Keyboard: one tab stop; arrows, Home and End move between marks.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let Some(key) = FocusKey::of(&ev.key()) else {
            return;
        };
        if mark_of(&ev).is_none() {
            return;
        }
        let count = state
            .marks
            .with_untracked(|m| m.as_ref().map_or(0, |m| m.targets().len()));
        let Some(next) = interaction::focus_after(state.tab_stop.get_untracked(), count, key)
        else {
            return;
        };
        ev.prevent_default();
        state.tab_stop.set(next);
        let target = node
            .get_untracked()
            .and_then(|el| el.query_selector(&format!("[data-index=\"{next}\"]")).ok())
            .flatten();
        if let Some(el) = target {
            focus(el);
        }
    };
    view! {
        <div
            class="oms-figure"
            node_ref=node
            on:click=on_click
            on:pointerover=on_pointerover
            on:pointerout=on_pointerout
            on:focusin=on_focusin
            on:focusout=on_focusout
            on:keydown=on_keydown
        ></div>
    }
}
