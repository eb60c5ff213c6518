//! The chart marks as standalone SVG, for the static fallback (no JavaScript, AMP, print, RSS,
//! e-mail) and the share cards. Same geometry as the browser view at the width drawn (the labels
//! of that width's range), colours inlined.

use crate::chart::bars::{BarChart, Role, CORNER};
use crate::chart::timeline::LINE_UNITS;
use crate::chart::{coord, Timeline, BREAKPOINTS};
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
    /// Secondary text, axes and series in the background.
    pub muted: String,
    /// Grid lines.
    pub rule: String,
}

impl Colors {
    /// The fill of a series of colour family `tone`.
    fn tone(&self, tone: &str) -> &str {
        match tone {
            "china" => &self.china,
            "us" => &self.us,
            _ => &self.series,
        }
    }
}

/// The range of [`BREAKPOINTS`] a chart `width` px wide falls in.
pub fn range_of(width: f64) -> usize {
    BREAKPOINTS.iter().rposition(|&b| width >= b).unwrap_or(0)
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
    out.push_str(&bars_body(chart, width, colors));
    out.push_str("</svg>\n");
    out
}

/// The bar chart's elements, `width` px wide, from (0, 0).
pub fn bars_body(chart: &BarChart, width: f64, colors: &Colors) -> String {
    let mut out = String::new();
    for (b, p) in chart.bars.iter().zip(chart.at_width(width)) {
        let fill = match b.role {
            Role::Remainder => colors.remainder.as_str(),
            _ => colors.tone(&b.key),
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
    out
}

/// The timeline's elements, `width` px wide, from (0, 0): the value axis, the grid, the lines,
/// the points and the labels and names of the range of widths `width` falls in.
pub fn timeline_body(t: &Timeline, width: f64, colors: &Colors) -> String {
    let k = range_of(width);
    let names = t.names.iter().find(|n| n.widths.contains(k));
    let names_width = names.map_or(0.0, |n| n.width);
    let left = t.axis_width;
    let plot = (width - left - names_width).max(0.0);
    let x = |at: f64| coord(left + at * plot);
    let text = escape(&colors.text);
    let muted = escape(&colors.muted);
    let mut out = String::new();
    for tick in &t.y_ticks {
        out.push_str(&format!(
            "<line x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"{}\"/>\n\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\" fill=\"{muted}\">{}</text>\n",
            coord(left),
            coord(left + plot),
            escape(&colors.rule),
            coord(tick.label_x),
            coord(tick.label_y),
            escape(&tick.label),
            y = coord(tick.y),
        ));
    }
    for tick in t.x_ticks.iter().filter(|d| d.widths.contains(k)) {
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{muted}\">{}</text>\n",
            x(tick.at),
            coord(tick.label_y),
            escape(&tick.label)
        ));
    }
    // The lines in the plot's units, scaled to its width (the strokes are not scaled: the
    // coordinates are).
    let scale = plot / LINE_UNITS;
    for l in &t.lines {
        let Some(d) = &l.path else { continue };
        let d = scale_path(d, left, scale);
        let (stroke, stroke_width, extra) = match (l.data_line, l.emphasis) {
            (false, _) => (muted.clone(), "1.5", " stroke-dasharray=\"4 4\""),
            (true, true) => (
                escape(colors.tone(&l.tone)),
                if l.tone == "china" || l.tone == "us" {
                    "3"
                } else {
                    "2"
                },
                "",
            ),
            (true, false) => (muted.clone(), "1.5", " opacity=\"0.6\""),
        };
        out.push_str(&format!(
            "<path d=\"{d}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{stroke_width}\" \
             stroke-linejoin=\"round\" stroke-linecap=\"round\"{extra}/>\n"
        ));
    }
    for p in &t.points {
        let opacity = if p.emphasis { "" } else { " opacity=\"0.6\"" };
        out.push_str(&format!(
            "<path transform=\"translate({} {})\" d=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"{opacity}/>\n",
            x(p.at),
            coord(p.y),
            escape(&p.path),
            escape(colors.tone(&p.tone)),
            escape(&colors.bg)
        ));
        if let Some(l) = p.label.as_ref().filter(|l| l.widths.contains(k)) {
            out.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"700\" fill=\"{text}\">{}</text>\n",
                x(p.at),
                coord(l.y),
                escape(&l.text)
            ));
        }
    }
    if let Some(names) = names {
        for (l, name) in t.lines.iter().zip(&names.texts) {
            let (fill, weight) = if l.emphasis {
                (&text, "600")
            } else {
                (&muted, "400")
            };
            out.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" font-weight=\"{weight}\" fill=\"{fill}\">{}</text>\n",
                coord(left + plot + names.x),
                coord(l.name_y),
                escape(name)
            ));
        }
    }
    out
}

/// The path `d` of a line layer (x in [`LINE_UNITS`]) with every x scaled by `scale` and moved
/// by `left`: commands (`M`, `L`) each followed by an x and a y, as the core writes them.
fn scale_path(d: &str, left: f64, scale: f64) -> String {
    let mut out = String::new();
    let mut is_x = true;
    let mut number = String::new();
    let flush = |number: &mut String, out: &mut String, is_x: &mut bool| {
        if number.is_empty() {
            return;
        }
        if let Ok(v) = number.parse::<f64>() {
            if !out.ends_with(|c: char| c.is_ascii_alphabetic()) {
                out.push(' ');
            }
            out.push_str(&coord(if *is_x { left + v * scale } else { v }));
            *is_x = !*is_x;
        }
        number.clear();
    };
    for c in d.chars() {
        if c.is_ascii_digit() || c == '.' || (c == '-' && number.is_empty()) {
            number.push(c);
        } else {
            flush(&mut number, &mut out, &mut is_x);
            if c.is_ascii_alphabetic() {
                out.push(c);
                is_x = true;
            }
        }
    }
    flush(&mut number, &mut out, &mut is_x);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_paths_are_scaled_along_x_only() {
        assert_eq!(
            scale_path("M0 10L500 20.5L1000 -3", 50.0, 0.5),
            "M50 10L300 20.5L550 -3"
        );
        assert_eq!(scale_path("M0 1H1000", 10.0, 0.1), "M10 1H110");
    }

    #[test]
    fn widths_fall_in_their_range() {
        assert_eq!(range_of(100.0), 0);
        assert_eq!(range_of(320.0), 1);
        assert_eq!(range_of(959.9), 6);
        assert_eq!(range_of(1088.0), 7);
    }
}
