//! Build step (a Trunk post-build hook): renders the static fallback of the headline from the
//! bundled snapshot into the staged `dist/`: `fallback.svg`, and a `<noscript id="oms-fallback">`
//! block in `index.html` that the loader also shows when the widget cannot start.
//!
//! Usage: `oms-fallback [DIST]` (default: `$TRUNK_STAGING_DIR`), run from the project root.

fn main() {
    if let Err(e) = run() {
        eprintln!("oms-fallback: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    use oms_core::render::fallback;
    use oms_core::{snapshot, text::Lang};
    use std::path::PathBuf;

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
    let colors = fallback::light_colors(&read("style/main.css")?)
        .ok_or("style/main.css: the light colours are not found")?;
    let (svg, html) = fallback::render(&snap, &colors, Lang::En);
    std::fs::write(dist.join(fallback::IMAGE), svg).map_err(|e| e.to_string())?;
    let index_path = dist.join("index.html");
    let index = std::fs::read_to_string(&index_path).map_err(|e| e.to_string())?;
    let block = format!("<body>\n<noscript id=\"oms-fallback\">{html}</noscript>");
    // Share previews and the canonical link need the published address: OMS_PUBLIC_URL, e.g.
    // https://news.example/widgets/oms/ (left out when it is not set).
    let public_url = std::env::var("OMS_PUBLIC_URL").ok();
    let head = fallback::head_meta(&snap, Lang::En, public_url.as_deref());
    if !index.contains("<body>") || index.contains("id=\"oms-fallback\"") {
        return Err("index.html: expected one plain <body> and no fallback yet".into());
    }
    let index =
        index
            .replacen("<body>", &block, 1)
            .replacen("</head>", &format!("{head}</head>"), 1);
    std::fs::write(&index_path, index).map_err(|e| e.to_string())?;
    Ok(())
}
