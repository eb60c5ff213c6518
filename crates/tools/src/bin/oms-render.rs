//! The build-time renderer (a Trunk post-build hook): from the bundled snapshot, writes into the
//! staged `dist/`
//! - a prerendered page for every language, measure and view (`lang/metric/view.html`), the
//!   complete first view by the same renderer as the live widget;
//! - the CSV and JSON of every measure in every language beside its pages;
//! - the share card of every measure in every language beside its pages, as SVG and as PNG
//!   (1200 x 630, rasterized by resvg with the system's fonts: DejaVu Sans and WenQuanYi Zen Hei);
//! - an oEmbed document beside every page, when the published address is known;
//! - `fallback.svg` and the `<noscript id="oms-fallback">` block of `index.html`, which the boot
//!   script also shows when the widget cannot start there.
//!
//! Usage: `oms-render [DIST]` (default: `$TRUNK_STAGING_DIR`), run from the project root.
//! `OMS_PUBLIC_URL` (the published address of `dist/`, ending in `/`) adds canonical links and
//! share-preview addresses.

use oms_core::render::page::{self, Assets, PageContext};
use oms_core::render::svg::Colors;
use oms_core::render::widget::download_path;
use oms_core::render::{card, fallback};
use oms_core::snapshot::Snapshot;
use oms_core::text::Lang;
use oms_core::{export, figures, snapshot};
use std::path::{Path, PathBuf};

fn main() {
    if let Err(e) = run() {
        eprintln!("oms-render: {e}");
        std::process::exit(1);
    }
}

/// The value of attribute `name` on the first tag of `html` that has it.
fn attribute<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let start = html.find(&key)? + key.len();
    let len = html[start..].find('"')?;
    Some(&html[start..start + len])
}

/// The hashed files Trunk wrote into `index.html` (its paths start with `./`).
fn assets(index: &str) -> Result<Assets, String> {
    let css = index
        .split("<link")
        .find(|tag| tag.contains("rel=\"stylesheet\""))
        .and_then(|tag| attribute(tag, "href"))
        .ok_or("index.html: no stylesheet")?;
    let plain = |p: &str| p.trim_start_matches("./").to_owned();
    Ok(Assets {
        css: plain(css),
        boot: "boot.js".into(),
        js: plain(attribute(index, "data-oms-js").ok_or("index.html: no data-oms-js")?),
        wasm: plain(attribute(index, "data-oms-wasm").ok_or("index.html: no data-oms-wasm")?),
    })
}

fn write(dist: &Path, path: &str, body: &str) -> Result<(), String> {
    let file = dist.join(path);
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(&file, body).map_err(|e| format!("{}: {e}", file.display()))
}

/// The CSV and JSON of every measure, in every language.
fn downloads(dist: &Path, s: &Snapshot) -> Result<usize, String> {
    let mut n = 0;
    for lang in Lang::ALL {
        for metric in s.metrics.indices() {
            let rows = figures::rows(s, metric, &[]);
            write(
                dist,
                &download_path(s, lang, metric, "csv"),
                &export::csv(s, metric, &rows, lang),
            )?;
            write(
                dist,
                &download_path(s, lang, metric, "json"),
                &export::json(s, metric, &rows, lang),
            )?;
            n += 2;
        }
    }
    Ok(n)
}

/// The fonts the cards name must be installed: without them the rasterizer would draw Chinese
/// as empty boxes, or no text at all.
fn check_fonts(db: &resvg::usvg::fontdb::Database) -> Result<(), String> {
    let families: Vec<String> = db
        .faces()
        .flat_map(|f| f.families.iter().map(|(name, _)| name.clone()))
        .collect();
    for want in ["DejaVu Sans", "WenQuanYi Zen Hei"] {
        if !families.iter().any(|f| f == want) {
            return Err(format!(
                "the share cards need the font {want}: apt-get install fonts-dejavu-core fonts-wqy-zenhei (scripts/setup.sh does)"
            ));
        }
    }
    Ok(())
}

/// The share card of every measure in every language, as SVG and PNG.
fn cards(dist: &Path, s: &Snapshot, colors: &Colors) -> Result<usize, String> {
    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    check_fonts(&options.fontdb)?;
    let mut n = 0;
    for lang in Lang::ALL {
        for metric in s.metrics.indices() {
            let svg = card::card(s, lang, metric, colors);
            write(dist, &card::path(s, lang, metric, "svg"), &svg)?;
            let path = card::path(s, lang, metric, "png");
            let tree =
                resvg::usvg::Tree::from_str(&svg, &options).map_err(|e| format!("{path}: {e}"))?;
            let (w, h) = (card::WIDTH as u32, card::HEIGHT as u32);
            let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).ok_or("no pixmap")?;
            resvg::render(
                &tree,
                resvg::tiny_skia::Transform::default(),
                &mut pixmap.as_mut(),
            );
            let png = pixmap.encode_png().map_err(|e| format!("{path}: {e}"))?;
            std::fs::write(dist.join(&path), png).map_err(|e| format!("{path}: {e}"))?;
            n += 1;
        }
    }
    Ok(n)
}

fn run() -> Result<(), String> {
    let dist = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("TRUNK_STAGING_DIR").ok())
        .map(PathBuf::from)
        .ok_or("give the dist directory (or run as a Trunk hook)")?;
    let read = |p: &str| std::fs::read_to_string(p).map_err(|e| format!("{p}: {e}"));
    let doc: snapshot::Json = serde_json::from_str(&read("public/data/snapshot.json")?)
        .map_err(|e| format!("public/data/snapshot.json: {e}"))?;
    let snap = snapshot::validate(&doc).map_err(|problems| {
        let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        format!("the bundled snapshot is invalid:\n  {}", list.join("\n  "))
    })?;
    // The published address of `dist/`, always ending in `/`.
    let public_url = std::env::var("OMS_PUBLIC_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .map(|u| if u.ends_with('/') { u } else { format!("{u}/") });
    let index_path = dist.join("index.html");
    let index = std::fs::read_to_string(&index_path).map_err(|e| e.to_string())?;
    let assets = assets(&index)?;

    let cx = PageContext {
        assets: &assets,
        public_url: public_url.as_deref(),
    };
    let pages = page::all_pages(&snap, &cx);
    for (path, html) in &pages {
        write(&dist, path, html)?;
    }
    let files = downloads(&dist, &snap)?;
    let colors = fallback::light_colors(&read("style/main.css")?)
        .ok_or("style/main.css: the light colours are not found")?;
    let cards = cards(&dist, &snap, &colors)?;
    for (path, json) in page::all_oembeds(&snap, &cx) {
        write(&dist, &path, &json)?;
    }

    let (svg, html) = fallback::render(&snap, &colors, Lang::En);
    std::fs::write(dist.join(fallback::IMAGE), svg).map_err(|e| e.to_string())?;
    let block = format!("<body>\n<noscript id=\"oms-fallback\">{html}</noscript>");
    let head = fallback::head_meta(&snap, Lang::En, public_url.as_deref());
    if !index.contains("<body>") || index.contains("id=\"oms-fallback\"") {
        return Err("index.html: expected one plain <body> and no fallback yet".into());
    }
    let index =
        index
            .replacen("<body>", &block, 1)
            .replacen("</head>", &format!("{head}</head>"), 1);
    std::fs::write(&index_path, index).map_err(|e| e.to_string())?;
    eprintln!(
        "oms-render: {} pages with their oEmbed documents, {files} downloads, {cards} share cards (SVG and PNG), the fallback of index.html",
        pages.len()
    );
    Ok(())
}
