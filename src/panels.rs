//! The table and sources views, the source line and the downloads.

use crate::Loaded;
use leptos::prelude::*;
use oms_core::export;
use oms_core::figures;
use oms_core::snapshot::Snapshot;
use oms_core::text::{self, Lang};
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
    // A long table shows a page at a time; a new measure or hidden series starts at the first.
    let page = RwSignal::new(0usize);
    Effect::new(move |_| {
        metric.track();
        hidden.track();
        page.set(0);
    });
    move || {
        let s = &loaded.snapshot;
        let m = metric.get();
        let label = s
            .metrics
            .get(m)
            .map_or(String::new(), |x| x.label.get(lang.code()).to_owned());
        let values = s.metrics.get(m).map_or(&[][..], |x| x.values.as_slice());
        let with_totals = values.iter().any(|v| v.totals.is_some());
        // A computed measure has one source, named under the chart: no column repeating it.
        let with_source = s.metrics.get(m).is_none_or(|x| x.provenance.is_none());
        let all = export::rows(s, m, &hidden.get(), lang);
        let shown = export::page_of(all.len(), page.get(), export::PAGE_ROWS);
        let rows = all
            .into_iter()
            .skip(shown.start)
            .take(shown.end - shown.start)
            .map(|r| {
                let value = export::shown_value(s, m, &r, lang);
                let when = text::when(lang, r.when);
                let source = match r.source {
                    Some(i) => source_link(s, i),
                    None => ui.computed.into_any(),
                };
                let totals = with_totals.then(|| {
                    let t = r
                        .value_index
                        .and_then(|i| values.get(i))
                        .and_then(|v| v.totals)
                        .map_or(String::new(), |(part, whole)| {
                            text::totals_short(lang, part, whole)
                        });
                    view! { <td class="oms-num">{t}</td> }
                });
                view! {
                    <tr data-key=r.series_id>
                        <th scope="row">{r.series}</th>
                        <td class="oms-num">{value}</td>
                        {totals}
                        <td>{when}</td>
                        {with_source.then(|| view! { <td>{source}</td> })}
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
                            {with_totals.then(|| view! { <th scope="col">{ui.th_totals}</th> })}
                            <th scope="col">{ui.th_when}</th>
                            {with_source.then(|| view! { <th scope="col">{ui.th_source}</th> })}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {(shown.pages > 1).then(|| {
                let range = text::fill(
                    ui.rows_range,
                    &[
                        ("from", &(shown.start + 1).to_string()),
                        ("to", &shown.end.to_string()),
                        ("total", &shown.total.to_string()),
                    ],
                );
                view! {
                    <nav class="oms-pager" aria-label=ui.pages_label>
                        <button type="button" class="oms-button oms-pager__button" disabled=shown.page == 0
                            on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>{ui.page_previous}</button>
                        <span class="oms-pager__range" aria-live="polite">{range}</span>
                        <button type="button" class="oms-button oms-pager__button" disabled=shown.page + 1 == shown.pages
                            on:click=move |_| page.update(|p| *p += 1)>{ui.page_next}</button>
                    </nav>
                }
            })}
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
        // A computed measure's figures all share one provenance (above) and are all in the table.
        let figures_list = m.provenance.is_none().then(|| {
            let items = m
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
                        <span class="oms-locator">{ui.locator} {ui.colon} {v.locator.get(lang.code()).to_owned()}</span>
                        {others}
                    </li>
                }
            })
            .collect_view();
            view! {
                <h2 class="oms-h2">{ui.figures}</h2>
                <ul class="oms-list">{items}</ul>
            }
        });
        let origin = m.origin.map(|i| {
            let src = &s.sources[i];
            view! {
                <p>
                    {ui.source} {ui.colon} {source_link(s, i)} " — " {src.title.clone()} ", "
                    {src.publisher.clone()} ", " {text::period(lang, src.date)} {ui.stop}
                </p>
            }
        });
        let provenance = m.provenance.as_ref().map(|p| {
            let dataset = format!("{} @ {}", p.dataset, p.dataset_revision);
            let file = format!("{} (SHA-256 {})", p.input, p.input_sha256);
            let check = p
                .check
                .clone()
                .map(|c| view! { <dt>{ui.prov_check}</dt> <dd>{c}</dd> });
            view! {
                <h2 class="oms-h2">{ui.prov_heading}</h2>
                <dl class="oms-provenance">
                    <dt>{ui.prov_dataset}</dt> <dd>{dataset}</dd>
                    <dt>{ui.prov_file}</dt> <dd class="oms-code">{file}</dd>
                    <dt>{ui.prov_rule}</dt> <dd>{p.rule.clone()}</dd>
                    <dt>{ui.prov_command}</dt> <dd class="oms-code">{p.command.clone()}</dd>
                    {check}
                </dl>
            }
        });
        let (major, minor) = s.format_version;
        view! {
            <section class="oms-sources">
                <h2 class="oms-h2">{ui.definition}</h2>
                <p>{m.definition.get(lang.code()).to_owned()}</p>
                {origin}
                {caveats}
                {provenance}
                {figures_list}
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
    // Revoked a minute later: revoking at once can cancel the download in some browsers.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
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
    /// The interface language.
    lang: Lang,
    /// The validated snapshot.
    loaded: Arc<Loaded>,
    /// The measure shown.
    metric: RwSignal<usize>,
    /// The view shown.
    view: RwSignal<oms_core::params::View>,
) -> impl IntoView {
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
            .and_then(|t| oms_core::params::Theme::parse(&t))
            .unwrap_or(oms_core::params::Theme::Auto);
        let s = &loaded.snapshot;
        let metric_id = s
            .metrics
            .get(metric.get_untracked())
            .map_or("", |m| m.id.as_str());
        // Default height: the widget's own height at 640 px, a common article column.
        let height = height_at(640).unwrap_or(720);
        code.set(oms_core::params::embed_snippet(
            &base,
            lang,
            theme,
            view.get_untracked(),
            metric_id,
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
        <button type="button" class="oms-link-button" data-action="embed" aria-haspopup="dialog" on:click=open>
            {ui.embed}
        </button>
        <dialog class="oms-dialog" node_ref=dialog aria-labelledby="oms-embed-title">
            <h2 class="oms-h2" id="oms-embed-title">{ui.embed_title}</h2>
            <p class="oms-dialog__help" id="oms-embed-help">{ui.embed_help}</p>
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
                <button type="button" class="oms-button" data-action="copy" on:click=copy>{ui.copy}</button>
                <button type="button" class="oms-button" data-action="close" on:click=close>{ui.close}</button>
                <span class="oms-dialog__status" role="status">{move || status.get()}</span>
            </div>
        </dialog>
    }
}
