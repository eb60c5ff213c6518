//! A prerendered page: the complete first view of one language, measure and view, as static HTML
//! written at build time by the same renderer the live widget uses ([`super::widget`]), so the
//! reader sees everything in the first round trip, with no script; the widget then takes over
//! the same `<main>` with no visible change.

use super::card;
use super::html::Html;
use super::widget::{self, page_path, Reader};
use crate::chart::Marks;
use crate::markup::json_string;
use crate::params::{self, Theme, View};
use crate::snapshot::{MetricIndex, Snapshot};
use crate::text::{self, Lang};

/// The way from a prerendered page to the root of `dist/` (pages are `lang/metric/view.html`).
pub const PAGE_BASE: &str = "../../";

/// The files a page links to, by their paths from the root of `dist/` (Trunk hashes their names).
#[derive(Clone, Debug, PartialEq)]
pub struct Assets {
    pub css: String,
    /// The boot script: theme, height messages, and when to start the widget.
    pub boot: String,
    /// The widget's JavaScript glue and WebAssembly.
    pub js: String,
    pub wasm: String,
}

/// What a page needs besides the snapshot.
#[derive(Clone, Debug)]
pub struct PageContext<'a> {
    pub assets: &'a Assets,
    /// The published address of `dist/`, ending in `/` (for canonical links and share previews),
    /// if known at build time.
    pub public_url: Option<&'a str>,
}

impl PageContext<'_> {
    /// The published address of `dist/`, if it is an http(s) URL.
    pub fn base(&self) -> Option<&str> {
        self.public_url
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
    }
}

/// The name of a page's oEmbed document beside it (`chart.html` -> `chart.oembed.json`).
pub fn oembed_path(page: &str) -> String {
    format!("{}.oembed.json", page.trim_end_matches(".html"))
}

/// The width the oEmbed document gives the embed (a common article column), px.
pub const OEMBED_WIDTH: u32 = 640;

/// The height the oEmbed document gives the embed of a view at [`OEMBED_WIDTH`], px: an estimate
/// (the chart's height and the widget's text around it); the listener script then sizes the
/// iframe to its content.
pub fn oembed_height(s: &Snapshot, lang: Lang, metric: MetricIndex, view: View) -> u32 {
    let chart = Marks::layout(s, metric, &[], lang).map_or(0.0, |m| m.height());
    match view {
        View::Chart => (360.0 + chart).clamp(480.0, 1400.0) as u32,
        _ => 720,
    }
}

/// A page's oEmbed document (type `rich`): the embed code as `html`, its width and height, the
/// title, the provider, and the share card as thumbnail. The build writes them only with the
/// published address (`OMS_PUBLIC_URL`); without it the addresses here are relative to the
/// document.
pub fn oembed(
    s: &Snapshot,
    lang: Lang,
    metric: MetricIndex,
    view: View,
    cx: &PageContext,
) -> String {
    let ui = lang.ui();
    let id = s.metrics.get(metric).map_or("", |m| m.id.as_str());
    let page = page_path(lang, id, view);
    let base = cx.base();
    let height = oembed_height(s, lang, metric, view);
    let code = params::embed_snippet(
        base.unwrap_or(PAGE_BASE),
        &page,
        Theme::Auto,
        ui.widget_title,
        height,
    );
    let thumbnail = card_url(s, lang, metric, cx);
    let title = text::metric_sentence(lang, s, metric);
    let mut out = String::from("{\"version\":\"1.0\",\"type\":\"rich\",\"provider_name\":");
    json_string(&mut out, "Open Model Share");
    if let Some(b) = base {
        out.push_str(",\"provider_url\":");
        json_string(&mut out, b);
    }
    out.push_str(",\"title\":");
    json_string(&mut out, &title);
    out.push_str(",\"html\":");
    json_string(&mut out, &code);
    out.push_str(&format!(
        ",\"width\":{OEMBED_WIDTH},\"height\":{height},\"thumbnail_url\":"
    ));
    json_string(&mut out, &thumbnail);
    out.push_str(&format!(
        ",\"thumbnail_width\":{},\"thumbnail_height\":{}}}\n",
        card::WIDTH as u32,
        card::HEIGHT as u32
    ));
    out
}

/// The address of the share card of `metric` in `lang`: absolute with the published address,
/// else beside the page.
fn card_url(s: &Snapshot, lang: Lang, metric: MetricIndex, cx: &PageContext) -> String {
    match cx.base() {
        Some(b) => format!("{b}{}", card::path(s, lang, metric, "png")),
        None => card::file_name(s, lang, metric, "png"),
    }
}

/// Every page's oEmbed document: (path from the root of `dist/`, JSON); none without the
/// published address (a CMS cannot use an embed code with relative addresses).
pub fn all_oembeds(s: &Snapshot, cx: &PageContext) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if cx.base().is_none() {
        return out;
    }
    for lang in Lang::ALL {
        for (metric, m) in s.metrics.indexed() {
            for view in View::ALL {
                out.push((
                    oembed_path(&page_path(lang, &m.id, view)),
                    oembed(s, lang, metric, view, cx),
                ));
            }
        }
    }
    out
}

/// The `<main>` of the widget for `r`, exactly as the live widget writes it once the snapshot is
/// loaded: the generated summary, the headline and title, and every region of the view.
pub fn main(r: &Reader) -> String {
    let ui = r.lang.ui();
    let s = r.snapshot;
    let Some(m) = s.metrics.get(r.metric) else {
        return String::new();
    };
    let mut h = Html::new();
    h.open(
        "main",
        &[
            ("class", "oms"),
            ("aria-busy", "false"),
            ("aria-label", ui.widget_label),
        ],
    )
    .open("div", &[("class", "oms-explorer")])
    .element(
        "p",
        &[("class", "oms-sr-only"), ("id", "oms-summary")],
        &text::summary(r.lang, s, r.metric, r.hidden),
    )
    .element(
        "p",
        &[
            ("class", "oms-sr-only"),
            ("aria-live", "polite"),
            ("aria-atomic", "true"),
        ],
        "",
    )
    .element(
        "h1",
        &[("class", "oms-title")],
        &text::metric_sentence(r.lang, s, r.metric),
    )
    .element(
        "p",
        &[("class", "oms-sr-only"), ("id", "oms-annotations")],
        &widget::annotations_read(r),
    )
    .element(
        "p",
        &[("class", "oms-subtitle")],
        &text::metric_title(r.lang, m),
    )
    .open("div", &[("class", "oms-controls")])
    .raw(&widget::controls(r))
    .close("div");
    let region = |h: &mut Html, class: &str, html: &str| {
        h.open("div", &[("class", class)]).raw(html).close("div");
    };
    match r.view {
        View::Chart => {
            let marks = Marks::layout(s, r.metric, r.hidden, r.lang);
            let chart = marks
                .as_ref()
                .map_or(String::new(), |marks| widget::chart(r, marks));
            region(&mut h, "oms-figure", &chart);
            region(&mut h, "oms-region", &widget::legend(r));
            region(&mut h, "oms-region", &widget::notes(r, marks.as_ref()));
        }
        View::Table => region(&mut h, "oms-region", &widget::table(r)),
        View::Sources => region(&mut h, "oms-region", &widget::sources(r)),
    }
    h.open("footer", &[("class", "oms-footer")]);
    region(&mut h, "oms-region", &widget::footer(r));
    region(&mut h, "oms-embed", &widget::embed(r));
    h.close("footer");
    region(&mut h, "oms-region", &widget::tooltip());
    h.close("div").close("main");
    h.finish()
}

/// Links to every view and measure in `lang`, for readers without JavaScript (the widget's own
/// controls need it).
fn noscript_links(s: &Snapshot, lang: Lang, metric: MetricIndex) -> String {
    let ui = lang.ui();
    let mut h = Html::new();
    h.open("noscript", &[])
        .open(
            "nav",
            &[("class", "oms-pages"), ("aria-label", ui.pages_nav)],
        )
        .open("ul", &[]);
    let id = s.metrics.get(metric).map_or("", |m| m.id.as_str());
    for (view, label) in [
        (View::Chart, ui.view_chart),
        (View::Table, ui.view_table),
        (View::Sources, ui.view_sources),
    ] {
        let href = format!("{PAGE_BASE}{}", page_path(lang, id, view));
        h.open("li", &[])
            .element("a", &[("href", &href)], label)
            .close("li");
    }
    for m in s.metrics.iter() {
        let href = format!("{PAGE_BASE}{}", page_path(lang, &m.id, View::Chart));
        h.open("li", &[])
            .element("a", &[("href", &href)], m.label.get(lang.code()))
            .close("li");
    }
    h.close("ul").close("nav").close("noscript");
    h.finish()
}

/// The whole page of `lang`, metric `metric` and `view`.
pub fn page(s: &Snapshot, lang: Lang, metric: MetricIndex, view: View, cx: &PageContext) -> String {
    let ui = lang.ui();
    let r = Reader {
        snapshot: s,
        lang,
        metric,
        view,
        hidden: &[],
        page: 0,
        base: PAGE_BASE,
    };
    let id = s.metrics.get(metric).map_or("", |m| m.id.as_str());
    let headline = text::metric_sentence(lang, s, metric);
    let description = text::summary(lang, s, metric, &[]);
    let title = text::fill(
        ui.page_title,
        &[("headline", &headline), ("widget", ui.widget_title)],
    );
    let a = cx.assets;
    let asset = |path: &str| format!("{PAGE_BASE}{path}");
    let mut h = Html::new();
    h.raw("<!doctype html>\n")
        .open(
            "html",
            &[
                ("lang", lang.html_lang()),
                ("data-oms-page", &page_path(lang, id, view)),
            ],
        )
        .raw("\n")
        .open("head", &[])
        .raw("\n")
        .open("meta", &[("charset", "utf-8")])
        .raw("\n")
        .open(
            "meta",
            &[
                ("name", "viewport"),
                ("content", "width=device-width, initial-scale=1"),
            ],
        )
        .raw("\n")
        .open(
            "meta",
            &[("name", "color-scheme"), ("content", "light dark")],
        )
        .raw("\n")
        .element("title", &[], &title)
        .raw("\n")
        .open(
            "meta",
            &[("name", "description"), ("content", &description)],
        )
        .raw("\n")
        .open("link", &[("rel", "icon"), ("href", "data:,")])
        .raw("\n")
        // The boot script before the stylesheet: a script waits for the stylesheets above it, and
        // this one only sets the theme before the first paint.
        .open(
            "script",
            &[
                ("src", &asset(&a.boot)),
                ("data-oms-js", &asset(&a.js)),
                ("data-oms-wasm", &asset(&a.wasm)),
                ("data-oms-index", &asset("index.html")),
            ],
        )
        .close("script")
        .raw("\n")
        .open("link", &[("rel", "stylesheet"), ("href", &asset(&a.css))])
        .raw("\n");
    for other in Lang::ALL {
        let href = format!("{PAGE_BASE}{}", page_path(other, id, view));
        h.open(
            "link",
            &[
                ("rel", "alternate"),
                ("hreflang", other.html_lang()),
                ("href", &href),
            ],
        )
        .raw("\n");
    }
    h.open("meta", &[("property", "og:type"), ("content", "website")])
        .raw("\n")
        .open("meta", &[("property", "og:title"), ("content", &headline)])
        .raw("\n")
        .open(
            "meta",
            &[("property", "og:description"), ("content", &description)],
        )
        .raw("\n")
        .open(
            "meta",
            &[
                ("property", "og:locale"),
                ("content", &lang.bcp47().replace('-', "_")),
            ],
        )
        .raw("\n")
        .open(
            "meta",
            &[("name", "twitter:card"), ("content", "summary_large_image")],
        )
        .raw("\n");
    // The share card, named by address (absolute when the published address is known).
    let image = card_url(s, lang, metric, cx);
    let alt = card::alt(s, lang, metric);
    let (w, h_px) = (
        (card::WIDTH as u32).to_string(),
        (card::HEIGHT as u32).to_string(),
    );
    for (key, name, content) in [
        ("property", "og:image", image.as_str()),
        ("property", "og:image:type", "image/png"),
        ("property", "og:image:width", w.as_str()),
        ("property", "og:image:height", h_px.as_str()),
        ("property", "og:image:alt", alt.as_str()),
        ("name", "twitter:image", image.as_str()),
        ("name", "twitter:image:alt", alt.as_str()),
    ] {
        h.open("meta", &[(key, name), ("content", content)])
            .raw("\n");
    }
    let page = page_path(lang, id, view);
    if let Some(base) = cx.base() {
        h.open(
            "link",
            &[
                ("rel", "alternate"),
                ("type", "application/json+oembed"),
                ("href", &format!("{base}{}", oembed_path(&page))),
                ("title", &headline),
            ],
        )
        .raw("\n");
        let url = format!("{base}{page}");
        h.open("link", &[("rel", "canonical"), ("href", &url)])
            .raw("\n")
            .open("meta", &[("property", "og:url"), ("content", &url)])
            .raw("\n");
    }
    h.close("head")
        .raw("\n")
        .open("body", &[])
        .raw("\n")
        .raw(&main(&r))
        .raw("\n")
        .raw(&noscript_links(s, lang, metric))
        .raw("\n")
        .close("body")
        .raw("\n")
        .close("html")
        .raw("\n");
    h.finish()
}

/// Every page the build writes: (path from the root of `dist/`, HTML), for every language,
/// measure and view of the snapshot.
pub fn all_pages(s: &Snapshot, cx: &PageContext) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for lang in Lang::ALL {
        for (metric, m) in s.metrics.indexed() {
            for view in View::ALL {
                out.push((
                    page_path(lang, &m.id, view),
                    page(s, lang, metric, view, cx),
                ));
            }
        }
    }
    out
}
