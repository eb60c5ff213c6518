//! The loaded widget: measure and view controls, the chart with tooltips and legend, the table and
//! sources views, and the footer. Every figure, mark and string comes from the pure core.

use crate::panels::{Downloads, EmbedDialog, SourceLine, SourcesPanel, TablePanel};
use crate::{Loaded, DRAWN_MARK};
use leptos::prelude::*;
use oms_core::chart::{self, bars, timeline, tooltip, Marker, Rect, Shape};
use oms_core::params::{Params, View};
use oms_core::text::{self, Lang};
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// How a tooltip was opened: a hover closes it on leave, a focus on blur, a tap on the next tap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Via {
    Hover,
    Focus,
    Tap,
}

/// The mark a tooltip describes: its index among the chart's marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Active {
    index: usize,
    via: Via,
}

/// The marks of the current measure, whatever its shape.
#[derive(Clone, Debug, PartialEq)]
enum Marks {
    Bars(bars::BarChart),
    Timeline(timeline::Timeline),
}

impl Marks {
    /// For each mark, in focus order: (series index, value index) — `None` series for the remainder.
    fn targets(&self) -> Vec<(Option<usize>, Option<usize>)> {
        match self {
            Marks::Bars(c) => c.bars.iter().map(|b| (b.series, b.value)).collect(),
            Marks::Timeline(t) => t
                .points
                .iter()
                .map(|p| (Some(p.series), Some(p.value)))
                .collect(),
        }
    }
}

const TOOLTIP_ID: &str = "oms-tooltip";

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
    let ui = lang.ui();
    let data = Arc::clone(&loaded);
    let snap = &loaded.snapshot;
    // Ids from the URL are checked against the snapshot: an unknown one falls back, with a warning.
    let initial_metric = match &params.metric {
        None => snap.headline,
        Some(id) => snap
            .metrics
            .iter()
            .position(|m| &m.id == id)
            .unwrap_or_else(|| {
                leptos::logging::warn!(
                    "open-model-share: unknown metric {id:?}; using the headline"
                );
                snap.headline
            }),
    };
    let initial_hidden: Vec<usize> = params
        .hide
        .iter()
        .filter_map(|id| {
            let found = snap.series.iter().position(|x| &x.id == id);
            if found.is_none() {
                leptos::logging::warn!("open-model-share: unknown series {id:?} in hide; ignored");
            }
            found
        })
        .collect();
    let metric = RwSignal::new(initial_metric);
    let view_mode = RwSignal::new(params.view);
    let hidden = RwSignal::new(initial_hidden);
    let plain = params.plain;

    // The reader's state goes back into the URL, so a copied link reopens it.
    let d = Arc::clone(&data);
    Effect::new(move |first: Option<()>| {
        let (v, m, h) = (view_mode.get(), metric.get(), hidden.get());
        if first.is_none()
            && params.metric.is_none()
            && params.hide.is_empty()
            && v == params.view
            && m == d.snapshot.headline
        {
            // Nothing changed yet: leave the URL as the host wrote it.
            return;
        }
        let s = &d.snapshot;
        let metric_id = (m != s.headline).then(|| s.metrics[m].id.as_str());
        let hide: Vec<&str> = h
            .iter()
            .filter_map(|&i| s.series.get(i).map(|x| x.id.as_str()))
            .collect();
        crate::embed::write_state(v, metric_id, &hide);
    });
    let highlight = RwSignal::new(None::<usize>);
    let active = RwSignal::new(None::<Active>);
    let roving = RwSignal::new(0usize);
    let width = RwSignal::new(None::<f64>);
    let tip_pos = RwSignal::new(None::<(f64, f64)>);

    let root = NodeRef::<leptos::html::Div>::new();
    let figure = NodeRef::<leptos::html::Div>::new();
    let tip = NodeRef::<leptos::html::Div>::new();

    // The chart is laid out for the measured width of its box.
    let measure = move || {
        if let Some(el) = figure.get_untracked() {
            let w = f64::from(el.client_width());
            if w > 0.0 && width.get_untracked() != Some(w) {
                width.set(Some(w));
            }
        }
    };
    Effect::new(move |_| {
        view_mode.track();
        if figure.get().is_some() {
            measure();
        }
    });
    let close_tooltip = move || {
        if active.get_untracked().is_some() {
            active.set(None);
        }
    };
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            close_tooltip();
        }
    });
    on_cleanup(move || {
        resize.remove();
        escape.remove();
    });

    let d = Arc::clone(&data);
    let marks = Memo::new(move |_| {
        let w = width.get()?;
        let m = metric.get();
        let h = hidden.get();
        let metric_ref = d.snapshot.metrics.get(m)?;
        Some(match chart::shape_of(metric_ref) {
            Shape::Bars => Marks::Bars(chart::bar_chart(&d.snapshot, m, &h, lang, w)),
            Shape::Timeline => Marks::Timeline(chart::timeline(&d.snapshot, m, &h, lang, w)),
        })
    });
    // Changing measure, view or hidden series closes the tooltip and resets the roving focus.
    Effect::new(move |_| {
        metric.track();
        hidden.track();
        view_mode.track();
        close_tooltip();
        if roving.get_untracked() != 0 {
            roving.set(0);
        }
    });
    let mut drawn = false;
    Effect::new(move |_| {
        if marks.with(Option::is_some) && !drawn {
            drawn = true;
            if let Some(p) = window().performance() {
                let _ = p.mark(DRAWN_MARK);
            }
        }
    });

    // Place the tooltip once it is rendered (its size is measured, the place computed by the core).
    Effect::new(move |_| {
        marks.track();
        let Some(a) = active.get() else {
            tip_pos.set(None);
            return;
        };
        tip_pos.set(None);
        request_animation_frame(move || {
            let (Some(root_el), Some(tip_el), Some(fig)) = (
                root.get_untracked(),
                tip.get_untracked(),
                figure.get_untracked(),
            ) else {
                return;
            };
            let Ok(Some(mark)) = fig.query_selector(&format!("[data-index=\"{}\"]", a.index))
            else {
                return;
            };
            let base = root_el.get_bounding_client_rect();
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
                f64::from(tip_el.offset_width()),
                f64::from(tip_el.offset_height()),
            );
            tip_pos.set(Some(tooltip::place(anchor, size, bounds)));
        });
    });

    let d = Arc::clone(&data);
    let tooltip_view = move || {
        if view_mode.get() != View::Chart {
            return None;
        }
        let a = active.get()?;
        let targets = marks.with(|m| m.as_ref().map(Marks::targets))?;
        let (_, value) = *targets.get(a.index)?;
        let t = tooltip::tooltip_text(&d.snapshot, metric.get(), value, lang)?;
        // Styles set through the CSSOM (not a style attribute), as a strict CSP requires.
        let (left, top, visibility) = match tip_pos.get() {
            Some((x, y)) => (
                format!("{}px", chart::coord(x)),
                format!("{}px", chart::coord(y)),
                "visible",
            ),
            None => ("0".to_owned(), "0".to_owned(), "hidden"),
        };
        Some(view! {
            <div
                class="oms-tooltip"
                role="tooltip"
                id=TOOLTIP_ID
                node_ref=tip
                style:left=left
                style:top=top
                style:visibility=visibility
            >
                <p class="oms-tooltip__title">{t.title}</p>
                <p class="oms-tooltip__value">{t.value}</p>
                <p>{t.when}</p>
                <p>{ui.source} {ui.colon} {t.source}</p>
                {t.totals.map(|x| view! { <p class="oms-tooltip__totals">{x}</p> })}
                <p class="oms-tooltip__kind">{t.kind}</p>
            </div>
        })
    };

    // Keyboard: one tab stop; arrows, Home and End move between marks.
    let move_focus = move |next: usize| {
        roving.set(next);
        if let Some(fig) = figure.get_untracked() {
            if let Ok(Some(el)) = fig.query_selector(&format!("[data-index=\"{next}\"]")) {
                if let Ok(svg) = el.dyn_into::<web_sys::SvgElement>() {
                    let _ = svg.focus();
                }
            }
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = marks.with(|m| m.as_ref().map_or(0, |m| m.targets().len()));
        if count == 0 {
            return;
        }
        let current = roving.get_untracked().min(count - 1);
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => (current + 1) % count,
            "ArrowLeft" | "ArrowUp" => (current + count - 1) % count,
            "Home" => 0,
            "End" => count - 1,
            _ => return,
        };
        ev.prevent_default();
        move_focus(next);
    };

    let d = Arc::clone(&data);
    let title = move || text::metric_sentence(lang, &d.snapshot, metric.get());
    let d = Arc::clone(&data);
    let subtitle = move || {
        let m = d.snapshot.metrics.get(metric.get())?;
        let mut s = String::from(m.label.get(lang.code()));
        if let Some(w) = m.when {
            s.push_str(ui.label_when_sep);
            s.push_str(&text::when(lang, w));
        }
        Some(s)
    };

    let d = Arc::clone(&data);
    let options = d
        .snapshot
        .metrics
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let label = m.label.get(lang.code()).to_owned();
            view! { <option value=i.to_string() selected=move || metric.get() == i>{label}</option> }
        })
        .collect_view();
    let on_measure = move |ev: leptos::ev::Event| {
        if let Ok(i) = event_target_value(&ev).parse::<usize>() {
            metric.set(i);
        }
    };

    let view_button = move |v: View, label: &'static str| {
        view! {
            <button
                type="button"
                class="oms-tab"
                aria-pressed=move || (view_mode.get() == v).to_string()
                on:click=move |_| view_mode.set(v)
            >
                {label}
            </button>
        }
    };

    let d = Arc::clone(&data);
    let chart_view = move || {
        let d = Arc::clone(&d);
        marks.get().map(move |m| {
            let state = MarkState {
                active,
                roving,
                highlight,
            };
            let metric_now = metric.get_untracked();
            let aria = {
                let d = Arc::clone(&d);
                move |value: Option<usize>| {
                    tooltip::tooltip_text(&d.snapshot, metric_now, value, lang)
                        .map(|t| format!("{}: {}, {}", t.title, t.value, t.when))
                        .unwrap_or_default()
                }
            };
            let c = chart::coord;
            // The marks of the measure's chart, and the size of the one SVG that holds them.
            let (width, height, content) = match m {
                Marks::Bars(b) if b.bars.is_empty() => return view! { <p class="oms-empty">{ui.all_hidden}</p> }.into_any(),
                Marks::Timeline(t) if t.points.is_empty() => return view! { <p class="oms-empty">{ui.all_hidden}</p> }.into_any(),
                Marks::Bars(b) => {
                    let items = b
                        .bars
                        .into_iter()
                        .enumerate()
                        .map(|(i, bar)| {
                            let track = (bar.track_width > 0.0).then(|| view! {
                                <rect class="oms-bar__track" x=c(bar.x) y=c(bar.y) width=c(bar.track_width) height=c(bar.height) rx="2" />
                            });
                            view! {
                                <MarkGroup index=i key=bar.key.clone() series=bar.series label=aria(bar.value) state>
                                    <g class=format!("oms-bar {}", bar.role.class()) data-key=bar.key data-tone=bar.tone>
                                        <text class="oms-bar__label" x=c(bar.x) y=c(bar.label_y)>{bar.label}</text>
                                        {track}
                                        <rect class="oms-bar__fill" x=c(bar.x) y=c(bar.y) width=c(bar.width) height=c(bar.height) rx="2" />
                                        <text class="oms-bar__value" x=c(bar.value_x) y=c(bar.value_y)>{bar.value_text}</text>
                                    </g>
                                </MarkGroup>
                            }
                        })
                        .collect_view();
                    (b.width, b.height, items.into_any())
                }
                Marks::Timeline(t) => {
                    let grid = t
                        .y_ticks
                        .iter()
                        .map(|tick| {
                            view! {
                                <line class="oms-grid" x1=c(t.plot.x) x2=c(t.plot.x + t.plot.width) y1=c(tick.pos) y2=c(tick.pos) />
                                <text class="oms-axis" x=c(t.plot.x - 8.0) y=c(tick.pos + 4.0) text-anchor="end">{tick.label.clone()}</text>
                            }
                        })
                        .collect_view();
                    let xs = t
                        .x_ticks
                        .iter()
                        .map(|tick| {
                            view! {
                                <text class="oms-axis" x=c(tick.pos) y=c(t.plot.y + t.plot.height + 20.0) text-anchor="middle">{tick.label.clone()}</text>
                            }
                        })
                        .collect_view();
                    let lines = t
                        .lines
                        .iter()
                        .map(|l| {
                            let series = l.series;
                            let path_class = if l.data_line { "oms-data-line" } else { "oms-connector" };
                            let connector = l.connector.clone().map(|p| view! { <path class=path_class d=p /> });
                            let base = if l.emphasis { "oms-line" } else { "oms-line oms-line--muted" };
                            view! {
                                <g class=move || if dimmed(highlight.get(), Some(series)) { format!("{base} oms-mark--dim") } else { base.to_owned() } data-key=l.key.clone() data-tone=l.tone.clone() aria-hidden="true">
                                    {connector}
                                    <text class="oms-series-name" x=c(l.name.x) y=c(l.name.y) text-anchor=l.name.anchor.svg()>{l.name.text.clone()}</text>
                                </g>
                            }
                        })
                        .collect_view();
                    let points = t
                        .points
                        .into_iter()
                        .enumerate()
                        .map(|(i, p)| {
                            let label = p.label.map(|l| view! {
                                <text class="oms-point__value" x=c(l.x) y=c(l.y) text-anchor=l.anchor.svg()>{l.text}</text>
                            });
                            view! {
                                <MarkGroup index=i key=p.key.clone() series=Some(p.series) label=aria(Some(p.value)) state>
                                    <circle class="oms-point__hit" cx=c(p.x) cy=c(p.y) r=if p.r < timeline::POINT_R { "8" } else { "14" } />
                                    <path class=if p.emphasis { "oms-point" } else { "oms-point oms-point--muted" } data-key=p.key data-tone=p.tone d=p.marker.path(p.x, p.y, p.r) />
                                    {label}
                                </MarkGroup>
                            }
                        })
                        .collect_view();
                    let content = view! {
                        <g aria-hidden="true">{grid} {xs}</g>
                        {lines}
                        {points}
                    };
                    (t.width, t.height, content.into_any())
                }
            };
            view! {
                <svg
                    class="oms-chart"
                    role="group"
                    aria-label=ui.chart_label
                    width=c(width)
                    height=c(height)
                    viewBox=format!("0 0 {} {}", c(width), c(height))
                    on:keydown=on_keydown
                >
                    {content}
                </svg>
            }
            .into_any()
        })
    };

    // Legend: the series of the measure; hover or focus highlights, activation hides or shows.
    let d = Arc::clone(&data);
    let legend = move || {
        let m = d.snapshot.metrics.get(metric.get())?;
        let items = chart::series_of(m)
            .into_iter()
            .map(|i| {
                let s = &d.snapshot.series[i];
                let key = s.id.clone();
                let button_key = key.clone();
                let label = s.label.get(lang.code()).to_owned();
                let tone = chart::tone(&d.snapshot, i).to_owned();
                let marker = Marker::of(&tone);
                let shown = move || !hidden.get().contains(&i);
                view! {
                    <li>
                        <button
                            type="button"
                            class="oms-legend__item"
                            data-key=button_key
                            aria-pressed=move || shown().to_string()
                            on:click=move |_| hidden.update(|h| {
                                if let Some(p) = h.iter().position(|x| *x == i) {
                                    h.remove(p);
                                } else {
                                    h.push(i);
                                }
                            })
                            on:pointerenter=move |_| highlight.set(Some(i))
                            on:pointerleave=move |_| highlight.set(None)
                            on:focus=move |_| highlight.set(Some(i))
                            on:blur=move |_| highlight.set(None)
                        >
                            <svg class="oms-legend__swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
                                <path class="oms-point" data-key=key data-tone=tone d=marker.path(7.0, 7.0, 5.5) />
                            </svg>
                            <span>{label}</span>
                            <span class="oms-legend__hint">{move || (!shown()).then_some(ui.legend_hint)}</span>
                        </button>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <ul class="oms-legend" aria-label=ui.legend_label>{items}</ul>
        })
    };

    let d = Arc::clone(&data);
    let notes = move || {
        let m = d.snapshot.metrics.get(metric.get())?;
        let remainder = oms_core::figures::remainder(m).map(|_| {
            let label = m
                .remainder_label
                .as_ref()
                .map_or("", |t| t.get(lang.code()))
                .to_owned();
            view! { <p class="oms-note"><strong>{label}</strong> {ui.colon} {ui.remainder_note}</p> }
        });
        let connector = (chart::shape_of(m) == Shape::Timeline && !timeline::is_dense(m))
            .then(|| view! { <p class="oms-note">{ui.connector_note}</p> });
        let caveats = m
            .caveats
            .iter()
            .map(|c| view! { <p class="oms-note">{c.get(lang.code()).to_owned()}</p> })
            .collect_view();
        let definition = m.definition.get(lang.code()).to_owned();
        Some(view! {
            {remainder}
            {connector}
            {caveats}
            <details class="oms-definition">
                <summary>{ui.definition}</summary>
                <p>{definition}</p>
            </details>
        })
    };

    let d = Arc::clone(&data);
    let body = move || {
        let d = Arc::clone(&d);
        match view_mode.get() {
            View::Chart => view! {
                <div class="oms-figure" node_ref=figure on:click=move |ev: leptos::ev::MouseEvent| {
                    // A tap on the background closes a tapped tooltip.
                    let on_mark = ev
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .and_then(|e| e.closest("[data-index]").ok().flatten())
                        .is_some();
                    if !on_mark {
                        close_tooltip();
                    }
                }>
                    {chart_view.clone()}
                </div>
                {legend.clone()}
                {notes.clone()}
            }
            .into_any(),
            View::Table => {
                view! { <TablePanel lang loaded=d metric=metric hidden=hidden /> }.into_any()
            }
            View::Sources => view! { <SourcesPanel lang loaded=d metric=metric /> }.into_any(),
        }
    };

    // For screen readers: the generated summary first, and each focused figure announced politely.
    let d = Arc::clone(&data);
    let summary = move || text::summary(lang, &d.snapshot, metric.get(), &hidden.get());
    let d = Arc::clone(&data);
    let announcement = move || {
        let a = active.get().filter(|a| a.via == Via::Focus)?;
        let targets = marks.with(|m| m.as_ref().map(Marks::targets))?;
        let (_, value) = *targets.get(a.index)?;
        let t = tooltip::tooltip_text(&d.snapshot, metric.get(), value, lang)?;
        let totals = t.totals.map_or(String::new(), |x| format!(" ({x})"));
        Some(format!(
            "{}: {}{totals}, {}. {}: {}, {}.",
            t.title, t.value, t.when, ui.source, t.source, t.kind
        ))
    };

    let d = Arc::clone(&data);
    view! {
        <div class="oms-explorer" node_ref=root>
            <p class="oms-sr-only" id="oms-summary">{summary}</p>
            <p class="oms-sr-only" aria-live="polite" aria-atomic="true">{announcement}</p>
            <h1 class="oms-title" class:oms-sr-only=plain>{title}</h1>
            <p class="oms-subtitle" class:oms-sr-only=plain>{subtitle}</p>
            <div class="oms-controls">
                <label class="oms-measure">
                    <span class="oms-measure__label">{ui.measure}</span>
                    <select class="oms-select" on:change=on_measure>{options}</select>
                </label>
                <div class="oms-tabs" role="group" aria-label=ui.views_label>
                    {view_button(View::Chart, ui.view_chart)}
                    {view_button(View::Table, ui.view_table)}
                    {view_button(View::Sources, ui.view_sources)}
                </div>
            </div>
            {body}
            <footer class="oms-footer" hidden=plain>
                <SourceLine lang loaded=Arc::clone(&d) metric=metric />
                <Downloads lang loaded=Arc::clone(&d) metric=metric hidden=hidden />
                <p class="oms-embed"><EmbedDialog lang loaded=d metric=metric view=view_mode /></p>
            </footer>
            {tooltip_view}
        </div>
    }
}

/// Whether a series (or the remainder, `None`) is dimmed while `highlight` is highlighted.
fn dimmed(highlight: Option<usize>, series: Option<usize>) -> bool {
    matches!((highlight, series), (Some(h), Some(s)) if h != s)
        || (highlight.is_some() && series.is_none())
}

/// The shared state of the chart's marks: the tooltip's mark, the roving tab stop, the
/// highlighted series.
#[derive(Clone, Copy)]
struct MarkState {
    active: RwSignal<Option<Active>>,
    roving: RwSignal<usize>,
    highlight: RwSignal<Option<usize>>,
}

/// One focusable mark (a bar or a point): part of the single roving tab stop, with the same
/// tooltip by hover, tap and keyboard focus, dimmed while another series is highlighted.
#[component]
fn MarkGroup(
    /// The mark's place in focus order.
    index: usize,
    /// The series id (or `remainder`), for styling and tests.
    key: String,
    /// The series, for dimming (`None` for the remainder).
    series: Option<usize>,
    /// The accessible name: series, value and date.
    label: String,
    /// The chart's shared state.
    state: MarkState,
    children: Children,
) -> impl IntoView {
    let MarkState {
        active,
        roving,
        highlight,
    } = state;
    let open = move |via: Via| active.set(Some(Active { index, via }));
    let close_if = move |via: Via| {
        if active.get_untracked().is_some_and(|a| a.via == via) {
            active.set(None);
        }
    };
    view! {
        <g
            class=move || if dimmed(highlight.get(), series) { "oms-mark oms-mark--dim" } else { "oms-mark" }
            data-index=index
            data-key=key
            tabindex=move || if roving.get() == index { "0" } else { "-1" }
            role="img"
            aria-label=label
            on:pointerenter=move |ev: leptos::ev::PointerEvent| {
                if ev.pointer_type() != "touch" {
                    open(Via::Hover);
                }
            }
            on:pointerleave=move |_| close_if(Via::Hover)
            on:click=move |_| {
                let same = active.get_untracked().is_some_and(|a| a.index == index && a.via == Via::Tap);
                roving.set(index);
                if same {
                    active.set(None);
                } else {
                    open(Via::Tap);
                }
            }
            on:focus=move |_| {
                roving.set(index);
                open(Via::Focus);
            }
            on:blur=move |_| close_if(Via::Focus)
        >
            {children()}
        </g>
    }
}
