//! The embed code dialog: the snippet for the current state, copied by the Clipboard API or
//! selected for the reader to copy.

use crate::ReaderState;
use leptos::prelude::*;
use oms_core::params;
use oms_core::render::widget;
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

/// The address of the root of `dist/` (absolute, ending in `/`), where the embed code points.
fn dist_url() -> String {
    let href = window().location().href().unwrap_or_default();
    let base = match crate::host::base() {
        "" => "./",
        up => up,
    };
    web_sys::Url::new_with_base(base, &href)
        .map(|u| u.href())
        .unwrap_or_default()
}

/// The elements of the embed region the dialog uses.
struct Parts {
    dialog: web_sys::HtmlDialogElement,
    area: web_sys::HtmlTextAreaElement,
    status: web_sys::Element,
}

fn parts(root: &web_sys::Element) -> Option<Parts> {
    let find = |s: &str| root.query_selector(s).ok().flatten();
    Some(Parts {
        dialog: find("dialog")?.dyn_into().ok()?,
        area: find("textarea")?.dyn_into().ok()?,
        status: find(".oms-dialog__status")?,
    })
}

/// The embed button and its dialog (the core's markup): the snippet for the current state, a
/// copy button (Clipboard API, or the code selected for the reader to copy), closed by Escape or
/// its button (focus returns to the opener, as for every modal dialog).
#[component]
pub fn EmbedDialog(
    /// The reader's state.
    state: ReaderState,
) -> impl IntoView {
    let ui = state.lang.ui();
    let node = NodeRef::<leptos::html::Div>::new();
    crate::region::use_region(
        node,
        Signal::derive(move || untrack(|| state.with_reader(widget::embed))),
        |_| {},
    );
    let open = move |p: &Parts| {
        let theme = document()
            .document_element()
            .and_then(|e| e.get_attribute("data-theme"))
            .and_then(|t| params::Theme::parse(&t))
            .unwrap_or(params::Theme::Auto);
        let page = state.data.with_value(|d| {
            let id = d
                .snapshot
                .metrics
                .get(state.metric.get_untracked())
                .map_or(String::new(), |m| m.id.clone());
            widget::page_path(state.lang, &id, state.view.get_untracked())
        });
        // Default height: the widget's own height at 640 px, a common article column.
        let height = height_at(640).unwrap_or(720);
        p.area.set_value(&params::embed_snippet(
            &dist_url(),
            &page,
            theme,
            ui.widget_title,
            height,
        ));
        p.status.set_text_content(Some(""));
        let _ = p.dialog.show_modal();
    };
    let copy = move |p: &Parts| {
        let text = p.area.value();
        let clipboard = window().navigator().clipboard();
        let (area, status) = (p.area.clone(), p.status.clone());
        // No Clipboard API outside secure contexts: select the code for the reader instead.
        if wasm_bindgen::JsValue::from(clipboard.clone()).is_undefined() {
            area.select();
            status.set_text_content(Some(ui.copy_failed));
            return;
        }
        leptos::task::spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await;
            if done.is_ok() {
                status.set_text_content(Some(ui.copied));
            } else {
                area.select();
                status.set_text_content(Some(ui.copy_failed));
            }
        });
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let (Some(root), Some(action)) = (
            node.get_untracked(),
            crate::dom::closest(&ev, "[data-action]").and_then(|b| b.get_attribute("data-action")),
        ) else {
            return;
        };
        let Some(p) = parts(&root) else {
            return;
        };
        match action.as_str() {
            "embed" => open(&p),
            "copy" => copy(&p),
            "close" => p.dialog.close(),
            _ => {}
        }
    };
    view! { <div class="oms-embed" node_ref=node on:click=on_click></div> }
}
