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
