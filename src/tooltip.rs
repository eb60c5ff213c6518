//! The tooltip of the mark the reader hovers, taps or focuses: real DOM with `role="tooltip"`,
//! placed by the core beside its mark, inside the widget. It is written at once, in the event
//! that opens it (a pointer move shows it in the same frame), and again whenever the state it
//! shows changes otherwise.

use crate::ReaderState;
use leptos::prelude::*;
use oms_core::chart::tooltip::{self, Sizes, TooltipText};
use oms_core::chart::{coord, Marks, Rect};
use oms_core::interaction::Active;
use oms_core::params::View;
use oms_core::render::widget;
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsCast;

/// The `id` of the tooltip element.
const TOOLTIP_ID: &str = "oms-tooltip";

/// The text of the open tooltip, if one is open on the chart (read without tracking).
pub fn open_text(state: ReaderState) -> Option<TooltipText> {
    if state.view.get_untracked() != View::Chart {
        return None;
    }
    let active = state.tooltip.get_untracked()?;
    let metric = state.metric.get_untracked();
    state.marks.with_untracked(|m| {
        let m = m.as_ref()?;
        state.data.with_value(|d| match m {
            // Over time: the date, with every series at it.
            Marks::Timeline(t) => {
                tooltip::date_text(&d.snapshot, metric, t, active.mark, state.lang)
            }
            Marks::Bars(_) => {
                let target = m.targets().get(active.mark).copied()?;
                tooltip::tooltip_text(&d.snapshot, metric, target.value, state.lang)
            }
        })
    })
}

/// Over time, the marks at the open tooltip's date and where the guide goes (a part of the
/// plot's width); on bars, the open mark alone.
fn anchors(state: ReaderState, mark: usize) -> (Vec<usize>, Option<f64>) {
    state.marks.with_untracked(|m| match m {
        Some(Marks::Timeline(t)) => (t.column(mark), t.points.get(mark).map(|p| p.at)),
        _ => (vec![mark], None),
    })
}

/// Sets a style property through the CSSOM (not a style attribute, as a strict CSP requires).
fn set_style(el: &web_sys::HtmlElement, name: &str, value: &str) {
    let _ = el.style().set_property(name, value);
}

/// An element's box relative to the box `base`.
fn rect_in(el: &web_sys::Element, base: &web_sys::DomRect) -> Rect {
    let r = el.get_bounding_client_rect();
    Rect {
        x: r.left() - base.left(),
        y: r.top() - base.top(),
        width: r.width(),
        height: r.height(),
    }
}

thread_local! {
    /// What the tooltip element shows now (`None`: hidden), so it is not written twice for one
    /// change (once at once in the event, once by the effect that follows the state).
    static SHOWN: Cell<Option<(Active, usize)>> = const { Cell::new(None) };
    /// The sizes of tooltips shown before.
    static SIZES: RefCell<Sizes> = RefCell::new(Sizes::default());
}

/// The tooltip's size with `text` in a widget `width` wide, measured when not known yet.
fn size(tip: &web_sys::HtmlElement, text: &str, width: f64) -> (f64, f64) {
    if let Some(size) = SIZES.with(|s| s.borrow().get(text, width)) {
        return size;
    }
    let size = (
        f64::from(tip.offset_width()),
        f64::from(tip.offset_height()),
    );
    SIZES.with(|s| s.borrow_mut().put(text, width, size));
    size
}

/// Writes the open tooltip (or hides it) now, unless it already shows it.
///
/// One pass: the mark's and the widget's boxes are read before anything is written (the layout
/// is still that of the last frame), and the tooltip's size is known from an earlier showing of
/// the same text, so the browser lays the page out once, for the frame. A tooltip closing is
/// hidden at the frame, so that moving from one mark to the next writes once.
pub fn refresh(state: ReaderState) {
    let now = state
        .tooltip
        .get_untracked()
        .map(|a| (a, state.metric.get_untracked().0));
    if SHOWN.with(Cell::get) == now && now.is_some() {
        return;
    }
    SHOWN.with(|s| s.set(now));
    let Some(tip) = document()
        .get_element_by_id(TOOLTIP_ID)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let guide = tip
        .closest(".oms-explorer")
        .ok()
        .flatten()
        .and_then(|root| root.query_selector(".oms-guide").ok().flatten());
    let (Some(text), Some(active)) = (open_text(state), state.tooltip.get_untracked()) else {
        request_animation_frame(move || {
            if SHOWN.with(Cell::get).is_none() {
                tip.set_hidden(true);
                if let Some(g) = guide {
                    let _ = g.class_list().remove_1("oms-guide--on");
                }
            }
        });
        return;
    };
    let Ok(Some(root)) = tip.closest(".oms-explorer") else {
        return;
    };
    let base = root.get_bounding_client_rect();
    // The tooltip keeps clear of its mark, or over time of every point at its date.
    let (marks, guide_at) = anchors(state, active.mark);
    let mut anchor: Option<Rect> = None;
    for i in marks {
        if let Ok(Some(el)) = root.query_selector(&format!(".oms-mark[data-index=\"{i}\"]")) {
            let r = rect_in(&el, &base);
            anchor = Some(match anchor {
                None => r,
                Some(a) => {
                    let (x, y) = (a.x.min(r.x), a.y.min(r.y));
                    Rect {
                        x,
                        y,
                        width: (a.x + a.width).max(r.x + r.width) - x,
                        height: (a.y + a.height).max(r.y + r.height) - y,
                    }
                }
            });
        }
    }
    let Some(anchor) = anchor else {
        return;
    };
    if let (Some(g), Some(at)) = (&guide, guide_at) {
        let x = format!("{}%", coord(at * 100.0));
        let _ = g.set_attribute("x1", &x);
        let _ = g.set_attribute("x2", &x);
        let _ = g.class_list().add_1("oms-guide--on");
    }
    let bounds = Rect {
        x: 0.0,
        y: 0.0,
        width: base.width(),
        height: base.height(),
    };
    let source = text.source_line(state.lang);
    let lines = [
        Some(text.title.as_str()),
        Some(text.value.as_str()).filter(|v| !v.is_empty()),
        Some(text.when.as_str()).filter(|w| !w.is_empty()),
        Some(source.as_str()),
        text.totals.as_deref(),
        Some(text.kind.as_str()),
    ];
    let rows = widget::tooltip_rows(&text.rows);
    // The core's skeleton: the title, the list of rows, then the other lines in order.
    let children = tip.children();
    let part = |i: u32| {
        children
            .item(i)
            .and_then(|p| p.dyn_into::<web_sys::HtmlElement>().ok())
    };
    for (i, line) in (0u32..).zip(lines) {
        if let Some(p) = part(if i == 0 { 0 } else { i + 1 }) {
            p.set_hidden(line.is_none());
            p.set_text_content(line);
        }
    }
    if let Some(list) = part(1) {
        list.set_hidden(text.rows.is_empty());
        list.set_inner_html(&rows);
    }
    tip.set_hidden(false);
    let mut key = lines.map(|l| l.unwrap_or_default()).join("\n");
    key.push_str(&rows);
    let (x, y) = tooltip::place(anchor, size(&tip, &key, bounds.width), bounds);
    set_style(&tip, "left", &format!("{}px", coord(x)));
    set_style(&tip, "top", &format!("{}px", coord(y)));
}

/// The tooltip (the core's element), hidden until a mark opens it.
#[component]
pub fn Tooltip(
    /// The reader's state.
    state: ReaderState,
) -> impl IntoView {
    // The tooltip follows every change of what it shows (a new measure, a closed tooltip...).
    Effect::new(move |_| {
        state.tooltip.track();
        state.marks.track();
        state.view.track();
        refresh(state);
    });
    let node = NodeRef::new();
    crate::region::use_region(node, Signal::derive(widget::tooltip), |_| {});
    view! { <div class="oms-region" node_ref=node></div> }
}
