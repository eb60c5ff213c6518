//! The explorer of a loaded snapshot: the headline and the measure's title, the controls, the
//! view the reader chose (chart with legend and notes, table, or sources) and the footer.

use crate::controls::Controls;
use crate::dom::closest;
use crate::figure::Figure;
use crate::footer::Footer;
use crate::legend::Legend;
use crate::region::use_region;
use crate::tooltip::{open_text, Tooltip};
use crate::{Loaded, ReaderState};
use leptos::prelude::*;
use oms_core::chart::Marks;
use oms_core::interaction::{MarkEvent, Via};
use oms_core::params::{Params, View};
use oms_core::render::widget::{self, Reader};
use oms_core::text::{self, Lang};
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// A region of the core's markup that needs no event handler.
#[component]
fn Static(
    /// The reader's state.
    state: ReaderState,
    /// The core's renderer of this region, given the chart's layout (not laid out again).
    render: fn(&Reader, Option<&Marks>) -> String,
) -> impl IntoView {
    let node = NodeRef::new();
    use_region(
        node,
        Signal::derive(move || {
            state
                .marks
                .with(|m| state.with_reader(|r| render(r, m.as_ref())))
        }),
        |_| {},
    );
    view! { <div class="oms-region" node_ref=node></div> }
}

/// The numbers drawn, as a table with units and sources, a page at a time.
#[component]
fn TableView(
    /// The reader's state.
    state: ReaderState,
) -> impl IntoView {
    let node = NodeRef::new();
    use_region(
        node,
        Signal::derive(move || state.with_reader(widget::table)),
        |_| {},
    );
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some(b) = closest(&ev, "[data-page]") {
            state.turn_page(b.get_attribute("data-page").as_deref() == Some("next"));
        }
    };
    view! { <div class="oms-region" node_ref=node on:click=on_click></div> }
}

/// The view the reader chose.
#[component]
fn Body(
    /// The reader's state.
    state: ReaderState,
) -> impl IntoView {
    move || match state.view.get() {
        View::Chart => view! {
            <Figure state />
            <Legend state />
            <Static state render=widget::notes />
        }
        .into_any(),
        View::Table => view! { <TableView state /> }.into_any(),
        View::Sources => view! { <Static state render=|r, _| widget::sources(r) /> }.into_any(),
    }
}

/// The explorer of a loaded snapshot.
#[component]
pub fn Explorer(
    /// The interface language.
    lang: Lang,
    /// The validated snapshot.
    loaded: Arc<Loaded>,
    /// The page's parameters: the initial view, measure and hidden series, and the chrome.
    #[prop(optional)]
    params: Params,
) -> impl IntoView {
    let state = ReaderState::new(lang, loaded, &params);
    let root = NodeRef::<leptos::html::Div>::new();
    // Escape closes a tooltip, wherever the focus is.
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            state.mark_event(MarkEvent::Escape);
            crate::audio::stop(state);
            crate::play::pause(state);
        }
    });
    on_cleanup(move || escape.remove());
    // A tap elsewhere on the page closes a tapped (or scrubbed) tooltip.
    let elsewhere = window_event_listener(leptos::ev::pointerdown, move |ev| {
        let tapped = state
            .tooltip
            .get_untracked()
            .is_some_and(|a| a.via == Via::Tap);
        if tapped && closest(&ev, ".oms-figure, .oms-tooltip").is_none() {
            state.mark_event(MarkEvent::Background);
        }
    });
    // The listen button (under the chart) plays it as sound, or stops it; the play button
    // plays a chart over time date by date, or pauses it.
    let listen = window_event_listener(leptos::ev::click, move |ev| {
        if closest(&ev, "[data-action=\"listen\"]").is_some() {
            crate::audio::toggle(state);
        } else if closest(&ev, "[data-action=\"play\"]").is_some() {
            crate::play::toggle(state);
        }
    });
    // The date slider.
    let scrub = window_event_listener(leptos::ev::input, move |ev| {
        let date = closest(&ev, "[data-action=\"scrub\"]")
            .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.value().parse().ok());
        if let Some(date) = date {
            crate::play::scrub(state, date);
        }
    });
    on_cleanup(move || {
        elsewhere.remove();
        listen.remove();
        scrub.remove();
        crate::audio::stop(state);
        crate::play::pause(state);
    });
    // Another measure, view or set of series: what plays stops.
    Effect::new(move |_| {
        state.metric.track();
        state.view.track();
        state.hidden.track();
        crate::audio::stop(state);
        crate::play::stop(state);
    });
    // Once every region is written (the next frame, before it is painted): the widget takes the
    // prerendered page's place, or is marked interactive.
    // (An effect tracking nothing: it runs once, after the explorer is built.)
    Effect::new(move |_| {
        crate::region::when_written(move || {
            request_animation_frame(move || {
                if let Some(main) = root
                    .try_get_untracked()
                    .flatten()
                    .and_then(|el| el.closest("main.oms").ok().flatten())
                {
                    crate::takeover::complete(&main);
                }
            });
        });
    });

    // For screen readers: the generated summary first, and each focused figure announced politely.
    let summary =
        move || state.with_reader(|r| text::summary(r.lang, r.snapshot, r.metric, r.hidden));
    let announcement = move || {
        if let Some(said) = state.said.get() {
            return Some(said);
        }
        state.tooltip.get().filter(|a| a.via == Via::Focus)?;
        state.marks.track();
        open_text(state).map(|t| t.announcement(lang))
    };
    let title = move || state.with_reader(|r| text::metric_sentence(r.lang, r.snapshot, r.metric));
    let notes = move || state.with_reader(widget::annotations_read);
    let subtitle = move || {
        state.with_reader(|r| {
            r.snapshot
                .metrics
                .get(r.metric)
                .map(|m| text::metric_title(r.lang, m))
        })
    };
    view! {
        <div class="oms-explorer" node_ref=root>
            <p class="oms-sr-only" id="oms-summary">
                {summary}
            </p>
            <p class="oms-sr-only" aria-live="polite" aria-atomic="true">
                {announcement}
            </p>
            <h1 class="oms-title">{title}</h1>
            <p class="oms-sr-only" id="oms-annotations">
                {notes}
            </p>
            <p class="oms-subtitle">{subtitle}</p>
            <Controls state />
            <Body state />
            <Footer state />
            <Tooltip state />
        </div>
    }
}
