//! The static fallback, built on the host at build time: the headline chart as a standalone SVG
//! (the same marks as the widget's, through [`super::svg`]) and the HTML that shows it with its
//! generated description and a table of the numbers, for readers without JavaScript (and when the
//! widget cannot start).

use super::html::Html;
use super::svg::{self, Colors};
use super::widget::{self, Reader};
use crate::chart;
use crate::markup::escape;
use crate::params::View;
use crate::snapshot::Snapshot;
use crate::text::{self, Lang};

/// The width the fallback chart is drawn at (a common article column).
pub const WIDTH: f64 = 640.0;
/// The fallback image's file name in `dist/`.
pub const IMAGE: &str = "fallback.svg";

/// The light colours of the widget's stylesheet (`--oms-x: light-dark(#light, #dark)`).
pub fn light_colors(css: &str) -> Option<Colors> {
    let get = |name: &str| -> Option<String> {
        let at = css.find(&format!("{name}: light-dark("))?;
        let rest = &css[at + name.len() + 13..];
        let (light, _) = rest.split_once(',')?;
        let light = light.trim();
        (light.starts_with('#') && light.len() == 7).then(|| light.to_owned())
    };
    Some(Colors {
        bg: get("--oms-bg")?,
        text: get("--oms-text")?,
        track: get("--oms-track")?,
        china: get("--oms-china")?,
        us: get("--oms-us")?,
        series: get("--oms-series")?,
        remainder: get("--oms-remainder")?,
        muted: get("--oms-muted")?,
        rule: get("--oms-rule")?,
    })
}

/// The fallback image and HTML for the headline of `s` in `lang`: (svg document, html block).
pub fn render(s: &Snapshot, colors: &Colors, lang: Lang) -> (String, String) {
    let metric = s.headline;
    let Some(m) = s.metrics.get(metric) else {
        return (String::new(), String::new());
    };
    let marks = chart::bar_chart(s, metric, &[], lang);
    let title = text::metric_sentence(lang, s, metric);
    let summary = text::summary(lang, s, metric, &[]);
    let image = svg::bars_svg(&marks, WIDTH, colors, &title, &summary);
    let reader = Reader {
        snapshot: s,
        lang,
        metric,
        view: View::Table,
        hidden: &[],
        page: 0,
        base: "",
    };
    let (w, h) = (chart::coord(WIDTH), chart::coord(marks.height()));
    let mut html = Html::new();
    html.open("div", &[("class", "oms oms-fallback")])
        .element("h1", &[("class", "oms-title")], &title)
        .element(
            "p",
            &[("class", "oms-subtitle")],
            &text::metric_title(lang, m),
        )
        .open(
            "img",
            &[
                ("class", "oms-fallback__image"),
                ("src", IMAGE),
                ("width", &w),
                ("height", &h),
                ("alt", &summary),
            ],
        )
        .raw(&widget::table(&reader))
        .open("footer", &[("class", "oms-footer")])
        .raw(&widget::source_and_date(&reader))
        .close("footer")
        .close("div");
    (image, html.finish())
}

/// Share-preview meta tags for the page's `<head>`: title and description from the headline;
/// with the published address `public_url` (ending in `/`), also the canonical link, `og:url` and
/// `og:image` (the fallback image).
pub fn head_meta(s: &Snapshot, lang: Lang, public_url: Option<&str>) -> String {
    let title = text::metric_sentence(lang, s, s.headline);
    let description = text::summary(lang, s, s.headline, &[]);
    let mut out = format!(
        "<meta property=\"og:type\" content=\"website\">\n\
         <meta property=\"og:title\" content=\"{}\">\n\
         <meta property=\"og:description\" content=\"{}\">\n\
         <meta name=\"twitter:card\" content=\"summary_large_image\">\n",
        escape(&title),
        escape(&description)
    );
    if let Some(base) = public_url.filter(|u| u.starts_with("https://") || u.starts_with("http://"))
    {
        let base = escape(base);
        out.push_str(&format!(
            "<link rel=\"canonical\" href=\"{base}\">\n<meta property=\"og:url\" content=\"{base}\">\n\
             <meta property=\"og:image\" content=\"{base}{IMAGE}\">\n"
        ));
    }
    out
}
