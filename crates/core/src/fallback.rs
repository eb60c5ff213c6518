//! The static fallback, built on the host at build time: the headline chart as a standalone SVG
//! (the same marks as the widget's, through [`crate::chart::svg`]) and the HTML that shows it with
//! its generated description and a table of the numbers, for readers without JavaScript (and when
//! the widget cannot start).

use crate::chart::svg::{self, escape, Colors};
use crate::chart::{self};
use crate::export;
use crate::figures;
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
    })
}

/// The fallback image and HTML for the headline of `s` in `lang`: (svg document, html block).
pub fn render(s: &Snapshot, colors: &Colors, lang: Lang) -> (String, String) {
    let ui = lang.ui();
    let metric = s.headline;
    let m = &s.metrics[metric];
    let marks = chart::bar_chart(s, metric, &[], lang, WIDTH);
    let title = text::metric_sentence(lang, s, metric);
    let summary = text::summary(lang, s, metric, &[]);
    let image = svg::bars_svg(&marks, colors, &title, &summary);

    let mut subtitle = String::from(m.label.get(lang.code()));
    if let Some(w) = m.when {
        subtitle.push_str(ui.label_when_sep);
        subtitle.push_str(&text::when(lang, w));
    }
    let mut rows = String::new();
    for r in export::rows(s, metric, &[], lang) {
        let source = r.source.and_then(|i| s.sources.get(i)).map_or(
            ui.computed.to_owned(),
            |src| match &src.url {
                Some(url) => format!(
                    "<a href=\"{}\">{}</a>",
                    escape(url),
                    escape(&src.short_name)
                ),
                None => escape(&src.short_name),
            },
        );
        rows.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td class=\"oms-num\">{}</td><td>{}</td><td>{}</td></tr>\n",
            escape(&r.series),
            escape(&export::shown_value(s, metric, &r, lang)),
            escape(&text::when(lang, r.when)),
            source
        ));
    }
    let (origin, relays) = figures::sources_of(m);
    let mut line = String::new();
    if let Some(o) = origin.and_then(|i| s.sources.get(i)) {
        line.push_str(&escape(&o.short_name));
        if !relays.is_empty() {
            line.push(' ');
            line.push_str(ui.via);
            line.push(' ');
        }
    }
    let names: Vec<String> = relays
        .iter()
        .filter_map(|&i| s.sources.get(i))
        .map(|x| escape(&x.short_name))
        .collect();
    line.push_str(&names.join(", "));
    let html = format!(
        "<div class=\"oms oms-fallback\">\n<h1 class=\"oms-title\">{title}</h1>\n\
         <p class=\"oms-subtitle\">{subtitle}</p>\n\
         <img class=\"oms-fallback__image\" src=\"{IMAGE}\" width=\"{w}\" height=\"{h}\" alt=\"{alt}\">\n\
         <table class=\"oms-table\"><caption>{caption}</caption>\n\
         <thead><tr><th scope=\"col\">{th_series}</th><th scope=\"col\">{th_value}</th>\
         <th scope=\"col\">{th_when}</th><th scope=\"col\">{th_source}</th></tr></thead>\n\
         <tbody>\n{rows}</tbody></table>\n\
         <footer class=\"oms-footer\"><p class=\"oms-source\">{source}{colon}{line}{stop} {as_of} \
         {date}</p></footer>\n</div>",
        title = escape(&title),
        subtitle = escape(&subtitle),
        w = chart::coord(marks.width),
        h = chart::coord(marks.height),
        alt = escape(&summary),
        caption = escape(m.label.get(lang.code())),
        th_series = ui.th_series,
        th_value = ui.th_value,
        th_when = ui.th_when,
        th_source = ui.th_source,
        source = ui.source,
        colon = ui.colon,
        stop = ui.stop,
        as_of = ui.data_as_of,
        date = escape(&text::period(lang, s.data_as_of)),
    );
    (image, html)
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
