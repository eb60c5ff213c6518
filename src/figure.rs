//! The chart: the core's marks (they fit any width: a resize lays them out again with no script
//! and no lost focus), one tab stop for the keyboard, and the same tooltip by hover, tap and
//! focus.

use crate::dom::{all, closest, focus, focus_stays_inside, plot_x, stays_inside};
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

/// On a chart over time, the mark a pointer anywhere over the plot points at: the top point of
/// the nearest date.
fn nearest_mark(state: ReaderState, ev: &web_sys::MouseEvent) -> Option<usize> {
    let x = plot_x(ev)?;
    state.marks.with_untracked(|m| match m {
        Some(Marks::Timeline(t)) => t.nearest(x),
        _ => None,
    })
}

/// `true` when the open tooltip already describes the date of `mark`.
fn shows_date_of(state: ReaderState, mark: usize) -> bool {
    let Some(open) = state.tooltip.get_untracked() else {
        return false;
    };
    // The points of one date share their place along the plot.
    state.marks.with_untracked(|m| match m {
        Some(Marks::Timeline(t)) => match (t.points.get(open.mark), t.points.get(mark)) {
            (Some(a), Some(b)) => a.at == b.at,
            _ => false,
        },
        _ => false,
    })
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
        match mark_of(&ev)
            .map(|m| m.0)
            .or_else(|| nearest_mark(state, &ev))
        {
            // A tap on a mark, or anywhere over the plot of a chart over time (its date).
            Some(mark) => answer(state, MarkEvent::Tap(mark)),
            // A tap elsewhere closes a tapped tooltip.
            None => answer(state, MarkEvent::Background),
        }
    };
    // Over time, the whole plot answers: the nearest date, under a mouse or a dragged finger.
    let on_pointermove = move |ev: leptos::ev::PointerEvent| {
        let Some(mark) = nearest_mark(state, &ev) else {
            return;
        };
        if shows_date_of(state, mark) {
            return;
        }
        answer(
            state,
            if ev.pointer_type() == "touch" {
                MarkEvent::Scrub(mark)
            } else {
                MarkEvent::Enter { mark, touch: false }
            },
        );
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
        // Leaving a point for the plot around it is no leave: only leaving the plot is.
        if let Some(plot) = closest(&ev, ".oms-plot") {
            if let (false, Some(open)) = (stays_inside(&ev, &plot), state.tooltip.get_untracked()) {
                answer(state, MarkEvent::Leave(open.mark));
            }
            return;
        }
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
    // Keyboard: one tab stop; arrows, Home and End move between marks (over time: left and
    // right by date, up and down across the series).
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let Some(key) = FocusKey::of(&ev.key()) else {
            return;
        };
        if mark_of(&ev).is_none() {
            return;
        }
        let stop = state.tab_stop.get_untracked();
        let Some(next) = state
            .marks
            .with_untracked(|m| m.as_ref().and_then(|m| interaction::focus_on(m, stop, key)))
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
            on:pointermove=on_pointermove
            on:focusin=on_focusin
            on:focusout=on_focusout
            on:keydown=on_keydown
        ></div>
    }
}
