//! Playing a chart over time date by date: the dates after the one shown wait, the line of what
//! the chart says there follows, a slider goes to any date, and the end is the chart as it was.
//! One polite announcement per step. Each step is drawn at once (no animation, so reduced motion
//! changes nothing but is honoured by construction).

use crate::dom::all_in_document;
use crate::ReaderState;
use leptos::prelude::*;
use oms_core::chart::Marks;
use std::cell::RefCell;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// The time between two dates while playing.
const STEP: Duration = Duration::from_millis(700);

thread_local! {
    static TIMER: RefCell<Option<IntervalHandle>> = const { RefCell::new(None) };
}

/// Shows the chart up to date `date` (all of it with `None`), with what it says there.
fn show(state: ReaderState, date: Option<usize>) {
    let Some((dates, frame, later)) = state.marks.with_untracked(|m| {
        let Some(Marks::Timeline(t)) = m else {
            return None;
        };
        let dates = t.dates();
        let shown = date.unwrap_or(dates.len().saturating_sub(1));
        let until = *dates.get(shown)?;
        let frame = state.data.with_value(|d| {
            t.frame_text(&d.snapshot, state.metric.get_untracked(), shown, state.lang)
        });
        let later: Vec<bool> = t.points.iter().map(|p| p.at > until).collect();
        Some((dates, frame, later))
    }) else {
        return;
    };
    let playing = date.is_some();
    for chart in all_in_document(".oms-chart--timeline") {
        let _ = chart.class_list().toggle_with_force("oms-playing", playing);
        match (chart.dyn_ref::<web_sys::HtmlElement>(), date) {
            (Some(el), Some(d)) => {
                let at = dates.get(d).copied().unwrap_or(1.0);
                let until = format!("{}%", oms_core::chart::coord(at * 100.0));
                let _ = el.style().set_property("--oms-until", &until);
            }
            // The end: the chart exactly as it was.
            (Some(el), None) => {
                let _ = el.remove_attribute("style");
            }
            _ => {}
        }
        for mark in crate::dom::all(&chart, ".oms-mark[data-index]") {
            let i: usize = mark
                .get_attribute("data-index")
                .and_then(|i| i.parse().ok())
                .unwrap_or(0);
            let _ = mark
                .class_list()
                .toggle_with_force("oms-mark--later", playing && later.get(i) == Some(&true));
        }
    }
    let last = dates.len().saturating_sub(1);
    for input in all_in_document(".oms-player__date") {
        if let Ok(input) = input.dyn_into::<web_sys::HtmlInputElement>() {
            input.set_value(&date.unwrap_or(last).to_string());
            let _ = input.set_attribute("aria-valuetext", &frame);
        }
    }
    for out in all_in_document(".oms-player__frame") {
        out.set_text_content(Some(&frame));
    }
    if playing {
        state.said.set(Some(frame));
    }
}

/// The play buttons, pressed or not.
fn press(state: ReaderState, pressed: bool) {
    let ui = state.lang.ui();
    for b in all_in_document("[data-action=\"play\"]") {
        let _ = b.set_attribute("aria-pressed", if pressed { "true" } else { "false" });
        b.set_text_content(Some(if pressed { ui.pause } else { ui.play }));
    }
}

/// Pauses playing, where it is (`true` if it was playing).
pub fn pause(state: ReaderState) -> bool {
    let Some(t) = TIMER.with(|t| t.borrow_mut().take()) else {
        return false;
    };
    t.clear();
    press(state, false);
    true
}

/// Stops playing and shows the whole chart again.
pub fn stop(state: ReaderState) {
    pause(state);
    if state.cursor.get_untracked().is_some() {
        state.cursor.set(None);
        show(state, None);
        state.said.set(None);
    }
}

/// Plays from the date shown (from the first when the whole chart is shown), or pauses.
pub fn toggle(state: ReaderState) {
    if pause(state) {
        return;
    }
    let count = state.marks.with_untracked(|m| match m {
        Some(Marks::Timeline(t)) => t.dates().len(),
        _ => 0,
    });
    if count < 2 {
        return;
    }
    let start = state
        .cursor
        .get_untracked()
        .filter(|&d| d + 1 < count)
        .unwrap_or(0);
    state.cursor.set(Some(start));
    show(state, Some(start));
    press(state, true);
    if let Ok(t) = set_interval_with_handle(
        move || {
            let next = state.cursor.get_untracked().map_or(count, |d| d + 1);
            if next >= count {
                // The end: the chart as it was, whole.
                stop(state);
            } else {
                state.cursor.set(Some(next));
                show(state, Some(next));
            }
        },
        STEP,
    ) {
        TIMER.with(|h| *h.borrow_mut() = Some(t));
    }
}

/// The reader moved the date slider to `date`: it pauses there (the last date is the whole
/// chart).
pub fn scrub(state: ReaderState, date: usize) {
    pause(state);
    let count = state.marks.with_untracked(|m| match m {
        Some(Marks::Timeline(t)) => t.dates().len(),
        _ => 0,
    });
    if date + 1 >= count {
        stop(state);
    } else {
        state.cursor.set(Some(date));
        show(state, Some(date));
    }
}
