//! The chart marks as a standalone SVG document, for the static fallback (no JavaScript, AMP,
//! print, RSS, e-mail). Same geometry as the browser view, colours inlined.

use crate::chart::bars::{BarChart, Role, CORNER};
use crate::chart::coord;
use crate::markup::escape;

/// Colours for a standalone SVG, which cannot read the page's CSS custom properties.
#[derive(Clone, Debug, PartialEq)]
pub struct Colors {
    pub bg: String,
    pub text: String,
    pub track: String,
    pub china: String,
    pub us: String,
    pub series: String,
    pub remainder: String,
}

/// The bar chart, `width` px wide, as an SVG document titled `title`, described by `desc` (the
/// generated summary).
pub fn bars_svg(chart: &BarChart, width: f64, colors: &Colors, title: &str, desc: &str) -> String {
    let (w, h) = (coord(width), coord(chart.height()));
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         role=\"img\" aria-labelledby=\"t d\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, \
         'Noto Sans', Arial, sans-serif\" font-size=\"14\">\n<title id=\"t\">{}</title>\n<desc id=\"d\">{}</desc>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"{}\"/>\n",
        escape(title),
        escape(desc),
        escape(&colors.bg)
    );
    for (b, p) in chart.bars.iter().zip(chart.at_width(width)) {
        let fill = match (b.role, b.key.as_str()) {
            (Role::Remainder, _) => &colors.remainder,
            (_, "china") => &colors.china,
            (_, "us") => &colors.us,
            _ => &colors.series,
        };
        let weight = if b.role == Role::Leader {
            " font-weight=\"700\""
        } else {
            ""
        };
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" fill=\"{}\"{weight}>{}</text>\n",
            coord(p.x),
            coord(p.label_y),
            escape(&colors.text),
            escape(&p.label)
        ));
        if p.track_width > 0.0 {
            out.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{}\"/>\n",
                coord(p.x),
                coord(p.y),
                coord(p.track_width),
                coord(p.height),
                coord(CORNER),
                escape(&colors.track)
            ));
        }
        out.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{}\"/>\n\
             <text x=\"{}\" y=\"{}\" fill=\"{}\" font-weight=\"700\">{}</text>\n",
            coord(p.x),
            coord(p.y),
            coord(p.width),
            coord(p.height),
            coord(CORNER),
            escape(fill),
            coord(p.value_x),
            coord(p.value_y),
            escape(&colors.text),
            escape(&b.value_text)
        ));
    }
    out.push_str("</svg>\n");
    out
}
