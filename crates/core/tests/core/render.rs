//! The static fallback: the same marks with the stylesheet's colours, and the share previews.

use crate::support::*;
use oms_core::chart;
use oms_core::text::{self, Lang};
use serde_json::{json, Value};

#[test]
fn the_static_fallback_draws_the_same_marks_with_the_stylesheet_colours() {
    use oms_core::render::fallback;
    let s = parse(BUNDLED).unwrap();
    let css = include_str!("../../../../style/main.css");
    let colors = fallback::light_colors(css).expect("colours read from the stylesheet");
    assert_eq!(colors.china, "#c8500a");
    let (svg, html) = fallback::render(&s, &colors, Lang::En);
    // One geometry, two renderers: the SVG has exactly the widget's marks at 640 px.
    let marks = chart::bar_chart(&s, s.headline, &[], Lang::En);
    for (b, p) in marks.bars.iter().zip(marks.at_width(fallback::WIDTH)) {
        let rect = format!(
            "<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"24\" rx=\"2\" fill=\"",
            chart::coord(p.y),
            chart::coord(p.width)
        );
        assert!(svg.contains(&rect), "{rect} in {svg}");
        assert!(svg.contains(&format!(">{}</text>", b.value_text)));
    }
    assert!(
        svg.contains("fill=\"#c8500a\""),
        "China in its stylesheet colour"
    );
    assert!(svg.contains("<title id=\"t\">China leads by 1.3 percentage points</title>"));
    // The HTML: the description is the generated summary, the table holds the numbers.
    let summary = text::summary(Lang::En, &s, s.headline, &[]);
    assert!(html.contains(&format!("alt=\"{}\"", summary.replace('\'', "&#39;"))));
    // The same table and source line as the widget's (one renderer).
    for (key, series, value) in [
        ("china", "China", "17.1\u{202f}%"),
        ("us", "United States", "15.8\u{202f}%"),
        ("remainder", "Everyone else", "67.1\u{202f}%"),
    ] {
        assert!(
            html.contains(&format!(
                "<tr data-key=\"{key}\"><th scope=\"row\">{series}</th><td class=\"oms-num\">{value}</td>"
            )),
            "{series} row in {html}"
        );
    }
    assert!(html
        .contains("<a href=\"https://www.ft.com/content/8f187958-4461-42a3-90a8-3fecdb27155e\""));
    assert!(html.contains(">Financial Times</a>"));
    // Snapshot text is escaped, never markup.
    let mut doc: Value = serde_json::from_str(BUNDLED).unwrap();
    doc["series"][0]["label"]["en"] = json!("<script>alert(1)</script>");
    let hostile = parse(&doc.to_string()).unwrap();
    let (svg, html) = fallback::render(&hostile, &colors, Lang::En);
    assert!(!svg.contains("<script>") && !html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn share_previews_need_the_published_address_for_links() {
    use oms_core::render::fallback;
    let s = parse(BUNDLED).unwrap();
    let bare = fallback::head_meta(&s, Lang::En, None);
    assert!(bare
        .contains("<meta property=\"og:title\" content=\"China leads by 1.3 percentage points\">"));
    assert!(!bare.contains("canonical") && !bare.contains("og:image"));
    let full = fallback::head_meta(&s, Lang::En, Some("https://news.example/widgets/oms/"));
    assert!(full.contains("<link rel=\"canonical\" href=\"https://news.example/widgets/oms/\">"));
    assert!(full.contains(
        "<meta property=\"og:image\" content=\"https://news.example/widgets/oms/fallback.svg\">"
    ));
    assert!(!fallback::head_meta(&s, Lang::En, Some("javascript:x")).contains("canonical"));
}

/// The `<text>` elements of `svg` outside any group: (x, baseline, font size, text).
fn top_level_texts(svg: &str) -> Vec<(f64, f64, f64, String)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    for line in svg.lines() {
        if line.starts_with("<g ") {
            depth += 1;
        } else if line.starts_with("</g>") {
            depth -= 1;
        } else if depth == 0 && line.starts_with("<text ") {
            let attr = |name: &str| -> f64 {
                let key = format!(" {name}=\"");
                let at = line.find(&key).map(|i| i + key.len()).expect("attribute");
                line[at..at + line[at..].find('"').expect("quote")]
                    .parse()
                    .expect("number")
            };
            let body = &line[line.find('>').expect(">") + 1..line.rfind("</text>").expect("end")];
            out.push((attr("x"), attr("y"), attr("font-size"), body.to_owned()));
        }
    }
    out
}

#[test]
fn share_cards_hold_headline_chart_and_sources_apart_in_every_language_and_measure() {
    use oms_core::render::{card, fallback};
    let s = parse(BUNDLED).unwrap();
    let computed = parse(&fixture("valid-computed.json")).unwrap();
    let css = include_str!("../../../../style/main.css");
    let colors = fallback::light_colors(css).expect("colours");
    for snap in [&s, &computed] {
        for lang in Lang::ALL {
            for (metric, m) in snap.metrics.indexed() {
                let svg = card::card(snap, lang, metric, &colors);
                let what = format!("{} {}", lang.code(), m.id);
                assert!(
                    svg.starts_with(
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"630\""
                    ),
                    "{what}"
                );
                let texts = top_level_texts(&svg);
                // Every line inside the margins (by the conservative width estimate), and each
                // below the one before by at least its font size.
                let mut last = 0.0;
                for (x, y, size, t) in &texts {
                    let width = chart::text_width(t, *size);
                    assert!(
                        x + width <= 1200.0 - 56.0 + 0.1,
                        "{what}: {t} is {width} px"
                    );
                    assert!(*y - last >= *size - 0.1, "{what}: {t} at {y} after {last}");
                    last = *y;
                }
                // The headline in full (or shortened with an ellipsis), then the sources and date.
                let headline = text::metric_sentence(lang, snap, metric);
                let title: Vec<&str> = texts
                    .iter()
                    .filter(|t| t.2 == 34.0)
                    .map(|t| t.3.as_str())
                    .collect();
                let joined = if lang == Lang::Zh {
                    title.concat()
                } else {
                    title.join(" ")
                };
                let escaped = oms_core::markup::escape(&headline);
                assert!(
                    joined == escaped || joined.ends_with('…'),
                    "{what}: {joined} for {headline}"
                );
                let footer: String = texts
                    .iter()
                    .filter(|t| t.2 == 18.0)
                    .map(|t| t.3.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                let date = text::period(lang, snap.data_as_of);
                let bare = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                assert!(
                    bare(&footer).contains(&bare(&date)),
                    "{what}: the data's date {date} in {footer}"
                );
                // The chart between the subtitle and the footer's rule, scaled as drawn.
                let at = |pat: &str| svg.find(pat).map(|i| i + pat.len());
                let g = at("<g transform=\"translate(56 ").expect("the chart");
                let (top, rest) = svg[g..].split_once(") scale(").expect("scale");
                let scale: f64 = rest[..rest.find(')').expect(")")].parse().expect("scale");
                let top: f64 = top.parse().expect("top");
                let marks = chart::Marks::layout(snap, metric, &[], lang).expect("marks");
                let rule = at("<line x1=\"56\" x2=\"1144\" y1=\"").expect("rule");
                let rule_y: f64 = svg[rule..rule + svg[rule..].find('"').expect("q")]
                    .parse()
                    .expect("rule y");
                let subtitle_y = texts
                    .iter()
                    .filter(|t| t.2 == 22.0)
                    .map(|t| t.1)
                    .fold(0.0, f64::max);
                assert!(
                    top > subtitle_y,
                    "{what}: chart at {top} under the subtitle at {subtitle_y}"
                );
                assert!(
                    top + marks.height() * scale <= rule_y,
                    "{what}: chart to {} over the footer's rule at {rule_y}",
                    top + marks.height() * scale
                );
                assert!(scale > 0.5, "{what}: the chart drawn at {scale}");
            }
        }
    }
}

#[test]
fn oembed_documents_and_share_meta_name_the_embed_code_and_the_card() {
    use oms_core::params::{embed_snippet, Theme, View};
    use oms_core::render::page::{self, Assets, PageContext};
    use oms_core::render::{card, widget};
    let s = parse(BUNDLED).unwrap();
    let assets = Assets {
        css: "style.css".into(),
        boot: "boot.js".into(),
        js: "app.js".into(),
        wasm: "app.wasm".into(),
    };
    let base = "https://news.example/widgets/oms/";
    for public_url in [None, Some(base)] {
        let cx = PageContext {
            assets: &assets,
            public_url,
        };
        let documents = page::all_oembeds(&s, &cx);
        assert_eq!(
            documents.len(),
            if public_url.is_some() {
                3 * s.metrics.len() * 3
            } else {
                0
            }
        );
        for lang in Lang::ALL {
            for (metric, m) in s.metrics.indexed() {
                for view in View::ALL {
                    let page_path = widget::page_path(lang, &m.id, view);
                    let doc: Value =
                        serde_json::from_str(&page::oembed(&s, lang, metric, view, &cx))
                            .expect("oEmbed JSON");
                    let height = page::oembed_height(&s, lang, metric, view);
                    assert_eq!(doc["version"], "1.0");
                    assert_eq!(doc["type"], "rich");
                    assert_eq!(doc["width"], 640);
                    assert_eq!(doc["height"], height);
                    assert_eq!(
                        doc["html"],
                        embed_snippet(
                            public_url.unwrap_or(page::PAGE_BASE),
                            &page_path,
                            Theme::Auto,
                            lang.ui().widget_title,
                            height
                        )
                    );
                    assert_eq!(doc["title"], text::metric_sentence(lang, &s, metric));
                    let png = card::path(&s, lang, metric, "png");
                    let thumbnail = match public_url {
                        Some(b) => format!("{b}{png}"),
                        None => card::file_name(&s, lang, metric, "png"),
                    };
                    assert_eq!(doc["thumbnail_url"], thumbnail);
                    assert_eq!(
                        (
                            doc["thumbnail_width"].clone(),
                            doc["thumbnail_height"].clone()
                        ),
                        (json!(1200), json!(630))
                    );
                    assert_eq!(
                        doc["provider_url"],
                        public_url.map_or(Value::Null, |b| json!(b))
                    );

                    let html = page::page(&s, lang, metric, view, &cx);
                    assert!(
                        html.contains(&format!(
                            "<meta property=\"og:image\" content=\"{thumbnail}\">"
                        )),
                        "{page_path}"
                    );
                    assert!(html.contains("<meta property=\"og:image:width\" content=\"1200\">"));
                    let alt = oms_core::markup::escape(&card::alt(&s, lang, metric));
                    assert!(html.contains(&format!(
                        "<meta name=\"twitter:image:alt\" content=\"{alt}\">"
                    )));
                    let oembed = page::oembed_path(&page_path);
                    let link = "<link rel=\"alternate\" type=\"application/json+oembed\"";
                    match public_url {
                        Some(b) => assert!(
                            html.contains(&format!("{link} href=\"{b}{oembed}\"")),
                            "{page_path}"
                        ),
                        // Without the published address a CMS could not use the embed code.
                        None => assert!(!html.contains(link), "{page_path}"),
                    }
                }
            }
        }
    }
}
