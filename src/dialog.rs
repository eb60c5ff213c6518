//! The embed code dialog: the snippet for the current state, copied by the Clipboard API or
//! selected for the reader to copy.

use crate::ReaderState;
use leptos::prelude::*;
use oms_core::params;
use wasm_bindgen::JsCast;

/// The height, in px, that the widget's `<main>` takes at `width` px: measured on an off-screen
/// copy, so the reader sees nothing move.
fn height_at(width: u32) -> Option<u32> {
    let doc = document();
    let main = doc.query_selector("main.oms").ok()??;
    let copy = main.clone_node_with_deep(true).ok()?;
    let holder: web_sys::HtmlElement = doc.create_element("div").ok()?.unchecked_into();
    // Through the CSSOM, not a style attribute, as a strict CSP requires.
    let style = holder.style();
    for (k, v) in [
        ("position", "absolute"),
        ("left", "-10000px"),
        ("top", "0"),
        ("visibility", "hidden"),
    ] {
        style.set_property(k, v).ok()?;
    }
    style.set_property("width", &format!("{width}px")).ok()?;
    holder.set_attribute("aria-hidden", "true").ok()?;
    holder.append_child(&copy).ok()?;
    doc.body()?.append_child(&holder).ok()?;
    let h = holder.get_bounding_client_rect().height().ceil();
    holder.remove();
    (h.is_finite() && h > 0.0).then_some(h as u32)
}

/// The embed code dialog: the snippet for the current state, a copy button (Clipboard API, or the
/// code selected for the reader to copy), closed by Escape or its button (focus returns to the
/// opener, as for every modal dialog).
#[component]
pub fn EmbedDialog(
    /// The reader's state.
    state: ReaderState,
) -> impl IntoView {
    let lang = state.lang;
    let ui = lang.ui();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let area = NodeRef::<leptos::html::Textarea>::new();
    let code = RwSignal::new(String::new());
    let status = RwSignal::new("");
    let open = move |_| {
        let w = window();
        let location = w.location();
        let base = format!(
            "{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default()
        );
        let theme = document()
            .document_element()
            .and_then(|e| e.get_attribute("data-theme"))
            .and_then(|t| params::Theme::parse(&t))
            .unwrap_or(params::Theme::Auto);
        let metric = state.metric.get_untracked();
        let metric_id = state.data.with_value(|d| {
            d.snapshot
                .metrics
                .get(metric)
                .map_or(String::new(), |m| m.id.clone())
        });
        // Default height: the widget's own height at 640 px, a common article column.
        let height = height_at(640).unwrap_or(720);
        code.set(params::embed_snippet(
            &base,
            lang,
            theme,
            state.view.get_untracked(),
            &metric_id,
            ui.widget_title,
            height,
        ));
        status.set("");
        if let Some(d) = dialog.get_untracked() {
            let _ = d.show_modal();
        }
    };
    let select_code = move || {
        if let Some(a) = area.get_untracked() {
            a.select();
        }
    };
    let copy = move |_| {
        let text = code.get_untracked();
        let clipboard = window().navigator().clipboard();
        // No Clipboard API outside secure contexts: select the code for the reader instead.
        if wasm_bindgen::JsValue::from(clipboard.clone()).is_undefined() {
            select_code();
            status.set(ui.copy_failed);
            return;
        }
        leptos::task::spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await;
            if done.is_ok() {
                status.set(ui.copied);
            } else {
                select_code();
                status.set(ui.copy_failed);
            }
        });
    };
    let close = move |_| {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    view! {
        <button
            type="button"
            class="oms-link-button"
            data-action="embed"
            aria-haspopup="dialog"
            on:click=open
        >
            {ui.embed}
        </button>
        <dialog class="oms-dialog" node_ref=dialog aria-labelledby="oms-embed-title">
            <h2 class="oms-h2" id="oms-embed-title">
                {ui.embed_title}
            </h2>
            <p class="oms-dialog__help" id="oms-embed-help">
                {ui.embed_help}
            </p>
            <textarea
                class="oms-code"
                node_ref=area
                readonly
                rows="7"
                aria-labelledby="oms-embed-title"
                aria-describedby="oms-embed-help"
                prop:value=move || code.get()
            ></textarea>
            <div class="oms-dialog__actions">
                <button type="button" class="oms-button" data-action="copy" on:click=copy>
                    {ui.copy}
                </button>
                <button type="button" class="oms-button" data-action="close" on:click=close>
                    {ui.close}
                </button>
                <span class="oms-dialog__status" role="status">
                    {move || status.get()}
                </span>
            </div>
        </dialog>
    }
}
