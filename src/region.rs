//! Regions of the page whose markup the core writes (`oms_core::render::widget`): each is written
//! again when its markup changes, and the reader keeps the focus they had in it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The `data-focus` key of the focused element, if it is inside `root`.
fn focused_key(root: &web_sys::Element) -> Option<String> {
    let active = document().active_element()?;
    if !root.contains(Some(&active)) {
        return None;
    }
    active.get_attribute("data-focus")
}

/// Focuses `el`, an HTML or an SVG element.
pub fn focus(el: web_sys::Element) {
    match el.dyn_into::<web_sys::HtmlElement>() {
        Ok(html) => {
            let _ = html.focus();
        }
        Err(el) => {
            if let Ok(svg) = el.dyn_into::<web_sys::SvgElement>() {
                let _ = svg.focus();
            }
        }
    }
}

/// Writes `html` into `root` (when it changed), keeping the focus on the element with the same
/// `data-focus` key.
fn write(root: &web_sys::Element, html: &str) {
    if root.inner_html() == html {
        return;
    }
    let key = focused_key(root);
    root.set_inner_html(html);
    if let Some(key) = key {
        if let Ok(Some(el)) = root.query_selector(&format!("[data-focus=\"{key}\"]")) {
            focus(el);
        }
    }
}

/// Keeps the content of the element `node` equal to `html`, calling `written` after each write.
pub fn use_region(
    node: NodeRef<leptos::html::Div>,
    html: Signal<String>,
    written: impl Fn(&web_sys::Element) + 'static,
) {
    Effect::new(move |_| {
        let html = html.get();
        if let Some(el) = node.get() {
            write(&el, &html);
            written(&el);
        }
    });
}

/// The element an event happened on, or its nearest ancestor matching `selector`.
pub fn closest(ev: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}

/// `true` when a pointer moving from `ev`'s target went to (or came from) somewhere inside `el`:
/// a move between the parts of one mark or button is not an enter or a leave.
pub fn stays_inside(ev: &web_sys::PointerEvent, el: &web_sys::Element) -> bool {
    ev.related_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        .is_some_and(|n| el.contains(Some(&n)))
}

/// The same for focus moving between the parts of one element.
pub fn focus_stays_inside(ev: &web_sys::FocusEvent, el: &web_sys::Element) -> bool {
    ev.related_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        .is_some_and(|n| el.contains(Some(&n)))
}
