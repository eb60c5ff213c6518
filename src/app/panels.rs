//! The table and sources views, the source line and the downloads.

use super::Loaded;
use crate::export;
use crate::figures;
use crate::snapshot::Snapshot;
use crate::text::{self, Lang};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// A link to a source (http(s) only, checked by validation), or its name when it has no link.
fn source_link(s: &Snapshot, i: usize) -> AnyView {
    let Some(src) = s.sources.get(i) else {
        return ().into_any();
    };
    let name = src.short_name.clone();
    match src.url.clone() {
        Some(url) => view! {
            <a href=url title=src.title.clone() rel="noopener noreferrer" target="_blank">{name}</a>
        }
        .into_any(),
        None => view! { <span title=src.title.clone()>{name}</span> }.into_any(),
    }
}

/// The numbers drawn, as a table with units and sources.
#[component]
pub fn TablePanel(
    /// The interface language.
    lang: Lang,
    /// The validated snapshot.
    loaded: Arc<Loaded>,
    /// The measure shown.
    metric: RwSignal<usize>,
    /// Series hidden by the reader.
    hidden: RwSignal<Vec<usize>>,
) -> impl IntoView {
    let ui = lang.ui();
    move || {
        let s = &loaded.snapshot;
        let m = metric.get();
        let label = s
            .metrics
            .get(m)
            .map_or(String::new(), |x| x.label.get(lang.code()).to_owned());
        let rows = export::rows(s, m, &hidden.get(), lang)
            .into_iter()
            .map(|r| {
                let value = export::shown_value(s, m, &r, lang);
                let when = text::when(lang, r.when);
                let source = match r.source {
                    Some(i) => source_link(s, i),
                    None => ui.computed.into_any(),
                };
                view! {
                    <tr data-key=r.series_id>
                        <th scope="row">{r.series}</th>
                        <td class="oms-num">{value}</td>
                        <td>{when}</td>
                        <td>{source}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="oms-table-wrap">
                <table class="oms-table">
                    <caption>{label}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ui.th_series}</th>
                            <th scope="col">{ui.th_value}</th>
                            <th scope="col">{ui.th_when}</th>
                            <th scope="col">{ui.th_source}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    }
}

/// Definitions, caveats and the provenance of every figure of the measure.
#[component]
pub fn SourcesPanel(
    /// The interface language.
    lang: Lang,
    /// The validated snapshot.
    loaded: Arc<Loaded>,
    /// The measure shown.
    metric: RwSignal<usize>,
) -> impl IntoView {
    let ui = lang.ui();
    move || {
        let s = &loaded.snapshot;
        let Some(m) = s.metrics.get(metric.get()) else {
            return ().into_any();
        };
        let caveats = (!m.caveats.is_empty()).then(|| {
            view! {
                <h2 class="oms-h2">{ui.caveats}</h2>
                <ul class="oms-list">
                    {m.caveats.iter().map(|c| view! { <li>{c.get(lang.code()).to_owned()}</li> }).collect_view()}
                </ul>
            }
        });
        let figures_list = m
            .values
            .iter()
            .map(|v| {
                let series = s.series[v.series].label.get(lang.code()).to_owned();
                let value = text::figure(lang, v.value, m.unit);
                let when = text::when(lang, v.when);
                let others = (!v.other_roundings.is_empty()).then(|| {
                    let list = v
                        .other_roundings
                        .iter()
                        .map(|r| {
                            let mut t = text::number(lang, r.value);
                            t.push_str(" (");
                            t.push_str(&s.sources[r.source].short_name);
                            t.push(')');
                            t
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    view! { <br /> {ui.other_roundings} {ui.colon} {list} }
                });
                view! {
                    <li>
                        <strong>{series}</strong> {ui.colon} {value} " (" {when} ")" {ui.stop} " "
                        {source_link(s, v.source)} " — " {text::kind(lang, v.kind)} {ui.stop} " "
                        <span class="oms-locator">{ui.locator} {ui.colon} {v.locator.clone()}</span>
                        {others}
                    </li>
                }
            })
            .collect_view();
        let origin = m.origin.map(|i| {
            let src = &s.sources[i];
            view! {
                <p>
                    {ui.source} {ui.colon} {source_link(s, i)} " — " {src.title.clone()} ", "
                    {src.publisher.clone()} ", " {text::period(lang, src.date)} {ui.stop}
                </p>
            }
        });
        let (major, minor) = s.format_version;
        view! {
            <section class="oms-sources">
                <h2 class="oms-h2">{ui.definition}</h2>
                <p>{m.definition.get(lang.code()).to_owned()}</p>
                {origin}
                {caveats}
                <h2 class="oms-h2">{ui.figures}</h2>
                <ul class="oms-list">{figures_list}</ul>
                <p class="oms-meta">
                    {ui.data_as_of} " " {text::period(lang, s.data_as_of)} {ui.stop} " "
                    {ui.snapshot_version} " " {major.to_string()} "." {minor.to_string()} {ui.stop}
                </p>
                <h2 class="oms-h2">{ui.cite_as}</h2>
                <p class="oms-cite">
                    {ui.cite_widget} {ui.stop} " " {ui.data_as_of} " " {text::period(lang, s.data_as_of)} {ui.stop}
                </p>
            </section>
        }
        .into_any()
    }
}

/// "Source: <origin> via <relays>. Data as of <date>."
#[component]
pub fn SourceLine(
    /// The interface language.
    lang: Lang,
    /// The validated snapshot.
    loaded: Arc<Loaded>,
    /// The measure shown.
    metric: RwSignal<usize>,
) -> impl IntoView {
    let ui = lang.ui();
    let as_of = text::period(lang, loaded.snapshot.data_as_of);
    let datetime = loaded.snapshot.data_as_of.iso();
    let line = move || {
        let s = &loaded.snapshot;
        let m = s.metrics.get(metric.get())?;
        let (origin, relays) = figures::sources_of(m);
        let via = (origin.is_some() && !relays.is_empty()).then(|| format!(" {} ", ui.via));
        let relay_views = relays
            .iter()
            .enumerate()
            .map(|(n, &i)| view! { {(n > 0).then_some(", ")} {source_link(s, i)} })
            .collect_view();
        Some(view! { {origin.map(|i| source_link(s, i))} {via} {relay_views} })
    };
    view! {
        <p class="oms-source">{ui.source} {ui.colon} {line} {ui.stop}</p>
        <p class="oms-asof">{ui.data_as_of} " " <time datetime=datetime>{as_of}</time></p>
    }
}

/// Saves `body` as a file named `name` of type `mime` (a Blob and a temporary link).
fn save(name: &str, mime: &str, body: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(body));
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &props) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let doc = document();
    if let Ok(a) = doc.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// CSV and JSON of exactly the data in the current view.
#[component]
pub fn Downloads(
    /// The interface language.
    lang: Lang,
    /// The validated snapshot.
    loaded: Arc<Loaded>,
    /// The measure shown.
    metric: RwSignal<usize>,
    /// Series hidden by the reader.
    hidden: RwSignal<Vec<usize>>,
) -> impl IntoView {
    let ui = lang.ui();
    let for_json = Arc::clone(&loaded);
    let csv = move |_| {
        let s = &loaded.snapshot;
        let m = metric.get_untracked();
        let rows = export::rows(s, m, &hidden.get_untracked(), lang);
        save(
            &export::file_name(s, m, "csv"),
            "text/csv;charset=utf-8",
            &export::csv(s, m, &rows, lang),
        );
    };
    let json = move |_| {
        let s = &for_json.snapshot;
        let m = metric.get_untracked();
        let rows = export::rows(s, m, &hidden.get_untracked(), lang);
        save(
            &export::file_name(s, m, "json"),
            "application/json",
            &export::json(s, m, &rows, lang),
        );
    };
    view! {
        <p class="oms-downloads">
            {ui.download} {ui.colon}
            <button type="button" class="oms-link-button" data-format="csv" on:click=csv>{ui.download_csv}</button>
            " · "
            <button type="button" class="oms-link-button" data-format="json" on:click=json>{ui.download_json}</button>
        </p>
    }
}
