//! The tooltip of the mark the reader hovers, taps or focuses: real DOM with `role="tooltip"`,
//! placed by the core beside its mark, inside the widget.

use crate::ReaderState;
use leptos::prelude::*;
use oms_core::chart::tooltip::{self, TooltipText};
use oms_core::chart::{coord, Rect};
use oms_core::params::View;

/// The `id` of the tooltip element.
const TOOLTIP_ID: &str = "oms-tooltip";

/// The text of the open tooltip, if one is open on the chart.
pub fn open_text(state: ReaderState) -> Option<TooltipText> {
    if state.view.get() != View::Chart {
        return None;
    }
    let active = state.tooltip.get()?;
    let target = state.marks.with(|m| {
        m.as_ref()
            .and_then(|m| m.targets().get(active.mark).copied())
    })?;
    let metric = state.metric.get();
    state
        .data
        .with_value(|d| tooltip::tooltip_text(&d.snapshot, metric, target.value, state.lang))
}

/// Sets a style property through the CSSOM (not a style attribute, as a strict CSP requires).
fn set_style(el: &web_sys::HtmlElement, name: &str, value: &str) {
    let _ = el.style().set_property(name, value);
}

/// Places the tooltip beside its mark once it is rendered: its size is measured, the place is
/// the core's ([`tooltip::place`]).
fn place(root: &web_sys::HtmlElement, tip: &web_sys::HtmlElement, mark: usize) {
    let Ok(Some(mark)) = root.query_selector(&format!(".oms-mark[data-index=\"{mark}\"]")) else {
        return;
    };
    let base = root.get_bounding_client_rect();
    let r = mark.get_bounding_client_rect();
    let anchor = Rect {
        x: r.left() - base.left(),
        y: r.top() - base.top(),
        width: r.width(),
        height: r.height(),
    };
    let bounds = Rect {
        x: 0.0,
        y: 0.0,
        width: base.width(),
        height: base.height(),
    };
    let size = (
        f64::from(tip.offset_width()),
        f64::from(tip.offset_height()),
    );
    let (x, y) = tooltip::place(anchor, size, bounds);
    set_style(tip, "left", &format!("{}px", coord(x)));
    set_style(tip, "top", &format!("{}px", coord(y)));
    set_style(tip, "visibility", "visible");
}

/// The open tooltip, hidden until it is placed.
#[component]
pub fn Tooltip(
    /// The reader's state.
    state: ReaderState,
    /// The explorer, the box the tooltip stays inside.
    root: NodeRef<leptos::html::Div>,
) -> impl IntoView {
    let tip = NodeRef::<leptos::html::Div>::new();
    let text = Memo::new(move |_| open_text(state));
    Effect::new(move |_| {
        text.track();
        state.marks.track();
        let Some(active) = state.tooltip.get() else {
            return;
        };
        request_animation_frame(move || {
            if let (Some(root), Some(tip)) = (root.get_untracked(), tip.get_untracked()) {
                place(&root, &tip, active.mark);
            }
        });
    });
    move || {
        text.get().map(|t| {
            let source = t.source_line(state.lang);
            view! {
                <div
                    class="oms-tooltip"
                    role="tooltip"
                    id=TOOLTIP_ID
                    node_ref=tip
                    style:left="0"
                    style:top="0"
                    style:visibility="hidden"
                >
                    <p class="oms-tooltip__title">{t.title}</p>
                    <p class="oms-tooltip__value">{t.value}</p>
                    <p>{t.when}</p>
                    <p>{source}</p>
                    {t.totals.map(|x| view! { <p class="oms-tooltip__totals">{x}</p> })}
                    <p class="oms-tooltip__kind">{t.kind}</p>
                </div>
            }
        })
    }
}
