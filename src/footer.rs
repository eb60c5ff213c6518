//! The footer: the sources and date of the measure, the downloads of the data shown, the embed
//! code.

use crate::dialog::EmbedDialog;
use crate::dom::{all, closest};
use crate::download;
use crate::region::use_region;
use crate::ReaderState;
use leptos::prelude::*;
use oms_core::render::widget;
use oms_core::{export, figures};

/// Sources, "data as of", downloads and the embed button (hidden with `plain=1`, by the page).
#[component]
pub fn Footer(
    /// The reader's state.
    state: ReaderState,
) -> impl IntoView {
    let node = NodeRef::new();
    use_region(
        node,
        Signal::derive(move || state.with_reader(widget::footer)),
        |el| {
            // The chart's images are the build's, drawn from the bundled snapshot: not offered
            // for another one.
            if crate::host::page_params().data.is_some() {
                for a in all(el, "a[href$=\".png\"]") {
                    if let Some(p) = a.parent_element() {
                        p.remove();
                    }
                }
            }
        },
    );
    // CSV and JSON of exactly the data in the current view.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(format) =
            closest(&ev, "[data-format]").and_then(|b| b.get_attribute("data-format"))
        else {
            return;
        };
        // The link's own file (the page's, with every series) is for readers without the widget.
        ev.prevent_default();
        let (m, hidden, lang) = (
            state.metric.get_untracked(),
            state.hidden.get_untracked(),
            state.lang,
        );
        state.data.with_value(|d| {
            let s = &d.snapshot;
            let rows = figures::rows(s, m, &hidden);
            match format.as_str() {
                "csv" => download::save(
                    &export::file_name(s, m, "csv"),
                    "text/csv;charset=utf-8",
                    &export::csv(s, m, &rows, lang),
                ),
                "json" => download::save(
                    &export::file_name(s, m, "json"),
                    "application/json",
                    &export::json(s, m, &rows, lang),
                ),
                _ => {}
            }
        });
    };
    view! {
        <footer class="oms-footer">
            <div class="oms-region" node_ref=node on:click=on_click></div>
            <EmbedDialog state />
        </footer>
    }
}
