//! Small DOM helpers the views share: finding elements, focusing them, and telling where an
//! event happened.

use wasm_bindgen::JsCast;

/// Every element of `root` matching `selector`, in document order.
pub fn all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .collect()
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

/// Where a pointer event happened along the plot of a chart over time, as a part of the plot's
/// width (0 at its left edge, 1 at its right), if it happened over one.
pub fn plot_x(ev: &web_sys::MouseEvent) -> Option<f64> {
    let plot = closest(ev, ".oms-plot")?;
    let r = plot.get_bounding_client_rect();
    (r.width() > 0.0).then(|| (f64::from(ev.client_x()) - r.left()) / r.width())
}

/// Every element of the document matching `selector`.
pub fn all_in_document(selector: &str) -> Vec<web_sys::Element> {
    leptos::prelude::document()
        .document_element()
        .map_or(Vec::new(), |root| all(&root, selector))
}
