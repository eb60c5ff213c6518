//! The reader's state, in one place: what they look at (measure, view, hidden series, table page)
//! and how they are exploring the chart (highlighted series, open tooltip, tab stop), with the
//! chart's marks derived from it. Every change goes through a method here; the transitions
//! themselves are the core's (`oms_core::interaction`), tested on the host.

use crate::host;
use crate::Loaded;
use leptos::prelude::*;
use oms_core::chart::Marks;
use oms_core::interaction::{self, Active, MarkEvent};
use oms_core::params::{self, Params, View};
use oms_core::render::widget::Reader;
use oms_core::snapshot::{MetricIndex, SeriesIndex};
use oms_core::text::Lang;
use std::sync::Arc;

/// The reader's state: signals and memos, `Copy`, passed to every view as one prop.
#[derive(Clone, Copy)]
pub struct ReaderState {
    pub lang: Lang,
    /// The way from this document to the root of `dist/` (for links to the static files).
    pub base: &'static str,
    pub data: StoredValue<Arc<Loaded>>,
    pub metric: RwSignal<MetricIndex>,
    pub view: RwSignal<View>,
    pub hidden: RwSignal<Vec<SeriesIndex>>,
    /// The table's page (from 0).
    pub page: RwSignal<usize>,
    /// The series highlighted from the legend.
    pub highlight: RwSignal<Option<SeriesIndex>>,
    /// The mark whose tooltip is open.
    pub tooltip: RwSignal<Option<Active>>,
    /// The chart's one tab stop (a mark, in focus order).
    pub tab_stop: RwSignal<usize>,
    /// The chart's marks (they fit any width: the page lays them out).
    pub marks: Memo<Option<Marks>>,
    /// What listening to the chart, or playing it, says now (read by the live region).
    pub said: RwSignal<Option<String>>,
    /// The date a chart over time is played up to (`None`: all of it).
    pub cursor: RwSignal<Option<usize>>,
}

impl ReaderState {
    /// The state a page's parameters ask for (unknown ids fall back, with a console warning).
    pub fn new(lang: Lang, loaded: Arc<Loaded>, params: &Params) -> ReaderState {
        let chosen = params::choose(params, &loaded.snapshot);
        for w in &chosen.warnings {
            leptos::logging::warn!("{w}");
        }
        let data = StoredValue::new(loaded);
        let metric = RwSignal::new(chosen.metric);
        let hidden = RwSignal::new(chosen.hidden);
        let marks = Memo::new(move |_| {
            let (m, h) = (metric.get(), hidden.get());
            data.with_value(|d| Marks::layout(&d.snapshot, m, &h, lang))
        });
        ReaderState {
            lang,
            base: host::base(),
            data,
            metric,
            view: RwSignal::new(params.view),
            hidden,
            page: RwSignal::new(0),
            highlight: RwSignal::new(None),
            tooltip: RwSignal::new(None),
            tab_stop: RwSignal::new(0),
            marks,
            said: RwSignal::new(None),
            cursor: RwSignal::new(None),
        }
    }

    /// Runs `f` with what the reader is looking at (tracked: a view that calls this follows it).
    pub fn with_reader<R>(&self, f: impl FnOnce(&Reader) -> R) -> R {
        let (metric, view, page) = (self.metric.get(), self.view.get(), self.page.get());
        let hidden = self.hidden.get();
        let lang = self.lang;
        self.data.with_value(|d| {
            f(&Reader {
                snapshot: &d.snapshot,
                lang,
                metric,
                view,
                hidden: &hidden,
                page,
                base: self.base,
            })
        })
    }

    /// A new measure, view or set of hidden series starts the chart afresh: no tooltip, the tab
    /// stop on the first mark, the table's first page.
    fn start_afresh(&self) {
        self.tooltip.set(None);
        self.tab_stop.set(0);
        self.page.set(0);
    }

    /// The reader's state goes back into the URL, so a copied link reopens it.
    fn write_url(&self) {
        let (view, metric, hidden) = (
            self.view.get_untracked(),
            self.metric.get_untracked(),
            self.hidden.get_untracked(),
        );
        self.data
            .with_value(|d| host::write_state(&d.snapshot, view, metric, &hidden));
    }

    pub fn select_metric(&self, metric: MetricIndex) {
        if self.metric.get_untracked() == metric {
            return;
        }
        self.metric.set(metric);
        self.start_afresh();
        self.write_url();
    }

    pub fn select_view(&self, view: View) {
        if self.view.get_untracked() == view {
            return;
        }
        self.view.set(view);
        self.start_afresh();
        self.write_url();
    }

    /// Hides or shows a series (from the legend).
    pub fn toggle_series(&self, series: SeriesIndex) {
        let next = interaction::toggled(&self.hidden.get_untracked(), series);
        self.hidden.set(next);
        self.start_afresh();
        self.write_url();
    }

    /// The table's next or previous page.
    pub fn turn_page(&self, forward: bool) {
        self.page.update(|p| {
            *p = if forward {
                p.saturating_add(1)
            } else {
                p.saturating_sub(1)
            }
        });
    }

    /// A hover, tap, focus or key on the chart: the tooltip and the tab stop follow.
    pub fn mark_event(&self, event: MarkEvent) {
        let open = self.tooltip.get_untracked();
        let next = interaction::tooltip_after(open, event);
        if next != open {
            self.tooltip.set(next);
        }
        let stop = self.tab_stop.get_untracked();
        let next = interaction::tab_stop_after(stop, event);
        if next != stop {
            self.tab_stop.set(next);
        }
    }
}
