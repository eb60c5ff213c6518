//! The tooltip of the mark the reader hovers, taps or focuses: real DOM with `role="tooltip"`,
//! placed by the core beside its mark, inside the widget. It is written at once, in the event
//! that opens it (a pointer move shows it in the same frame), and again whenever the state it
//! shows changes otherwise.

use crate::ReaderState;
use leptos::prelude::*;
use oms_core::chart::tooltip::{self, Sizes, TipRow, TooltipText};
use oms_core::chart::{coord, Marks, Rect};
use oms_core::interaction::{Active, Via};
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
            // Over time: the date, with every series at it (the keyboard's own row marked).
            Marks::Timeline(t) => tooltip::date_text(
                &d.snapshot,
                metric,
                t,
                active.mark,
                active.via == Via::Focus,
                state.lang,
            ),
            Marks::Bars(_) => {
                let target = m.targets().get(active.mark).copied()?;
                tooltip::tooltip_text(&d.snapshot, metric, target.value, state.lang)
            }
        })
    })
}

/// Where the guide goes over time (a part of the plot's width); none on bars.
fn guide_at(state: ReaderState, mark: usize) -> Option<f64> {
    state.marks.with_untracked(|m| match m {
        Some(Marks::Timeline(t)) => t.points.get(mark).map(|p| p.at),
        _ => None,
    })
}

/// The box the tooltip keeps clear of, relative to the box `base` of the widget `root`: over
/// time every point at the mark's date (from the core's layout and the plot's box), on bars
/// the mark itself (its box on the page).
fn anchor(
    state: ReaderState,
    root: &web_sys::Element,
    base: &web_sys::DomRect,
    mark: usize,
) -> Option<Rect> {
    let plot = root.query_selector(".oms-plot").ok().flatten();
    let column = state.marks.with_untracked(|m| match (m, &plot) {
        (Some(Marks::Timeline(t)), Some(plot)) => {
            let p = rect_in(plot, base);
            t.column_box(mark, p.width).map(|b| Rect {
                x: p.x + b.x,
                y: p.y + b.y,
                ..b
            })
        }
        _ => None,
    });
    column.or_else(|| {
        let el = root
            .query_selector(&format!(".oms-mark[data-index=\"{mark}\"]"))
            .ok()
            .flatten()?;
        Some(rect_in(&el, base))
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
    /// What the tooltip element says, part by part.
    static WRITTEN: RefCell<Written> = RefCell::new(Written::default());
}

/// What the tooltip element says now: its lines (title, value, date, source, totals, kind) and
/// its rows over time, so that a move to the next date writes only what changes.
#[derive(Default)]
struct Written {
    /// The element written in (none until written once).
    tip: Option<web_sys::HtmlElement>,
    lines: [Option<String>; 6],
    rows: Vec<TipRow>,
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
/// One pass: the widget's box and the mark's (over time, the plot's: the core gives the date's
/// column) are read before anything is written (the layout is still that of the last frame);
/// only the parts that change are written; the tooltip's size is known from an earlier showing
/// of the same text (else measured once); and the tooltip and the guide move by a transform, so
/// nothing else is laid out or painted again. A tooltip closing is hidden at the frame, so that
/// moving from one mark to the next writes once.
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
    let Ok(Some(root)) = tip.closest(".oms-explorer") else {
        return;
    };
    let guide = root.query_selector(".oms-guide").ok().flatten();
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
    let base = root.get_bounding_client_rect();
    // The tooltip keeps clear of its mark, or over time of every point at its date.
    let Some(anchor) = anchor(state, &root, &base, active.mark) else {
        return;
    };
    let guide_at = guide_at(state, active.mark);
    if let (Some(g), Some(at)) = (&guide, guide_at) {
        // Moved by a transform, a part of the plot's width: the plot is not drawn again.
        if let Some(g) = g.dyn_ref::<web_sys::SvgElement>() {
            let _ = g
                .style()
                .set_property("transform", &format!("translateX({}%)", coord(at * 100.0)));
        }
        if !g.class_list().contains("oms-guide--on") {
            let _ = g.class_list().add_1("oms-guide--on");
        }
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
    // The core's skeleton: the title, the list of rows, then the other lines in order. Only
    // what differs from what the element says now is written: from one date to the next, the
    // source and the kind stay, and the rows keep their elements.
    let children = tip.children();
    let part = |i: u32| {
        children
            .item(i)
            .and_then(|p| p.dyn_into::<web_sys::HtmlElement>().ok())
    };
    let key = WRITTEN.with(|w| {
        let mut w = w.borrow_mut();
        let w = &mut *w;
        // Another element (none yet, or the tooltip was drawn again): nothing of it is known.
        let known = w.tip.as_ref() == Some(&tip);
        if !known {
            *w = Written::default();
        }
        for (i, line) in (0u32..).zip(lines) {
            let slot = &mut w.lines[i as usize];
            if known && slot.as_deref() == line {
                continue;
            }
            if let Some(p) = part(if i == 0 { 0 } else { i + 1 }) {
                p.set_hidden(line.is_none());
                write_text(&p, line);
            }
            *slot = line.map(str::to_owned);
        }
        if let Some(list) = part(1) {
            if !known || (w.rows.is_empty() != text.rows.is_empty()) {
                list.set_hidden(text.rows.is_empty());
            }
            write_rows(&list, &text.rows, &w.rows);
        }
        w.rows.clone_from(&text.rows);
        w.tip = Some(tip.clone());
        // The size of the tooltip follows from its text: every line and row.
        let mut key = lines.map(|l| l.unwrap_or_default()).join("\n");
        for r in &text.rows {
            key.push('\n');
            key.push_str(&r.label);
            key.push('\t');
            key.push_str(&r.value);
            key.push('\t');
            key.push_str(r.totals.as_deref().unwrap_or_default());
            if r.focused {
                key.push('*');
            }
        }
        key
    });
    tip.set_hidden(false);
    let size = size(&tip, &key, bounds.width);
    // Over time, beside the date's points (the guide), where there is room.
    let (x, y) = if guide_at.is_some() {
        tooltip::place_beside(anchor, size, bounds)
    } else {
        tooltip::place(anchor, size, bounds)
    };
    // Moved, not laid out again: a transform (the element sits at the widget's top left).
    set_style(
        &tip,
        "transform",
        &format!("translate({}px, {}px)", coord(x), coord(y)),
    );
}

/// Writes `text` into `el`: into the text node it holds, when it holds one and only one (no node
/// is made and attached again), else as its new content.
fn write_text(el: &web_sys::Element, text: Option<&str>) {
    let node = el
        .first_child()
        .filter(|n| n.next_sibling().is_none())
        .and_then(|n| n.dyn_into::<web_sys::CharacterData>().ok());
    match (node, text) {
        (Some(node), Some(text)) => node.set_data(text),
        _ => el.set_text_content(text),
    }
}

/// Writes the rows of a tooltip over time into `list`, which shows `before`: in place, part by
/// part, when the rows have the same parts (the same series at another date); else anew.
fn write_rows(list: &web_sys::HtmlElement, rows: &[TipRow], before: &[TipRow]) {
    let same_parts = rows.len() == before.len()
        && rows
            .iter()
            .zip(before)
            .all(|(a, b)| a.totals.is_some() == b.totals.is_some());
    if !same_parts || list.child_element_count() as usize != rows.len() {
        list.set_inner_html(&widget::tooltip_rows(rows));
        return;
    }
    let items = list.children();
    for ((i, new), old) in (0u32..).zip(rows).zip(before) {
        if new == old {
            continue;
        }
        let Some(item) = items.item(i) else {
            continue;
        };
        if new.focused != old.focused {
            item.set_class_name(widget::tooltip_row_class(new.focused));
        }
        if new.tone != old.tone {
            let _ = item.set_attribute("data-tone", &new.tone);
        }
        let parts = item.children();
        let texts = [
            (Some(&new.label), Some(&old.label)),
            (Some(&new.value), Some(&old.value)),
            (new.totals.as_ref(), old.totals.as_ref()),
        ];
        for (j, (a, b)) in (0u32..).zip(texts) {
            if a != b {
                if let Some(p) = parts.item(j) {
                    write_text(&p, a.map(String::as_str));
                }
            }
        }
    }
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
