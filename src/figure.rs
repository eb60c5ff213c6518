//! The chart: the core's marks (they fit any width: a resize lays them out again with no script
//! and no lost focus), one tab stop for the keyboard, and the same tooltip by hover, tap and
//! focus.

use crate::dom::{all, closest, focus, focus_stays_inside, stays_inside};
use crate::region::use_region;
use crate::tooltip;
use crate::{ReaderState, DRAWN_MARK};
use leptos::prelude::*;
use oms_core::chart::Marks;
use oms_core::interaction::{self, FocusKey, MarkEvent};
use oms_core::render::widget;
use oms_core::snapshot::SeriesIndex;

/// The mark (its place in focus order) an event happened on, with the mark's element.
fn mark_of(ev: &web_sys::Event) -> Option<(usize, web_sys::Element)> {
    let el = closest(ev, ".oms-mark[data-index]")?;
    let index = el.get_attribute("data-index")?.parse().ok()?;
    Some((index, el))
}

/// Follows the reader's `event` on the chart, and shows the tooltip it opens at once (in the same
/// frame as a pointer move, like a hand-written page).
fn answer(state: ReaderState, event: MarkEvent) {
    state.mark_event(event);
    tooltip::refresh(state);
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
    // A series' line and its name (one per range of widths) dim with its points.
    for el in all(root, ".oms-line[data-key], .oms-name[data-key]") {
        let series = el.get_attribute("data-key").and_then(|k| series_of(&k));
        let _ = el.class_list().toggle_with_force(
            "oms-mark--dim",
            highlight.is_some() && interaction::dimmed(highlight, series),
        );
    }
}

/// The chart of the measure, or a note when every series is hidden.
#[component]
pub fn Figure(
    /// The reader's state.
    state: ReaderState,
) -> impl IntoView {
    let node = NodeRef::new();
    let html = Signal::derive(move || {
        state
            .marks
            .with(|m| {
                m.as_ref()
                    .map(|m| state.with_reader(|r| widget::chart(r, m)))
            })
            .unwrap_or_default()
    });
    use_region(node, html, move |el| {
        sync_marks(el, state);
        // The marks' native tooltips serve readers before the widget starts: the widget has its own.
        for mark in all(el, ".oms-mark[title]") {
            let _ = mark.remove_attribute("title");
        }
        for title in all(el, ".oms-mark > title") {
            title.remove();
        }
        if el.is_connected() && state.marks.with_untracked(Option::is_some) {
            crate::takeover::mark_once(DRAWN_MARK);
        }
    });
    Effect::new(move |_| {
        state.tab_stop.track();
        state.highlight.track();
        if let Some(el) = node.get_untracked() {
            sync_marks(&el, state);
        }
    });

    let on_click = move |ev: leptos::ev::MouseEvent| {
        match mark_of(&ev) {
            Some((mark, _)) => answer(state, MarkEvent::Tap(mark)),
            // A tap on the background closes a tapped tooltip.
            None => answer(state, MarkEvent::Background),
        }
    };
    let on_pointerover = move |ev: leptos::ev::PointerEvent| {
        if let Some((mark, el)) = mark_of(&ev) {
            if !stays_inside(&ev, &el) {
                let touch = ev.pointer_type() == "touch";
                answer(state, MarkEvent::Enter { mark, touch });
            }
        }
    };
    let on_pointerout = move |ev: leptos::ev::PointerEvent| {
        if let Some((mark, el)) = mark_of(&ev) {
            if !stays_inside(&ev, &el) {
                answer(state, MarkEvent::Leave(mark));
            }
        }
    };
    let on_focusin = move |ev: leptos::ev::FocusEvent| {
        if let Some((mark, _)) = mark_of(&ev) {
            answer(state, MarkEvent::Focus(mark));
        }
    };
    let on_focusout = move |ev: leptos::ev::FocusEvent| {
        if let Some((mark, el)) = mark_of(&ev) {
            if !focus_stays_inside(&ev, &el) {
                answer(state, MarkEvent::Blur(mark));
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
