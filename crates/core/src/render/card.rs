//! Share cards: a measure's headline, its chart, its sources and the data's date on one
//! 1200 × 630 image (the size social sites and chat apps show), per language and measure. Written
//! at build time as SVG from the chart's own geometry ([`super::svg`]); the host tools rasterize it
//! to PNG. The same files are the chart's PNG and SVG downloads.

use super::svg::{self, Colors};
use super::widget::{self, Reader};
pub use super::widget::{image_file_name as file_name, image_path as path};
use crate::chart::{coord, wrap, Marks};
use crate::markup::escape;
use crate::params::View;
use crate::snapshot::{MetricIndex, Snapshot};
use crate::text::{self, Lang};

pub const WIDTH: f64 = 1200.0;
pub const HEIGHT: f64 = 630.0;
/// The margin around everything.
const PAD: f64 = 56.0;
const TITLE_PX: f64 = 34.0;
const TITLE_LINE: f64 = 42.0;
const TITLE_LINES: usize = 3;
const SUBTITLE_PX: f64 = 22.0;
const SUBTITLE_LINE: f64 = 28.0;
const SUBTITLE_LINES: usize = 2;
const FOOTER_PX: f64 = 18.0;
const FOOTER_LINE: f64 = 24.0;
const FOOTER_LINES: usize = 2;
/// The chart is drawn larger than in the widget when it has room, up to this factor.
const MAX_SCALE: f64 = 1.6;
/// The fonts the card names: DejaVu Sans for Latin text, WenQuanYi Zen Hei for Chinese (both
/// installed by the set-up script; the rasterizer falls back from one to the other by glyph).
pub const FONTS: &str = "DejaVu Sans, WenQuanYi Zen Hei, sans-serif";

/// The text of HTML: tags dropped, the entities [`escape`] writes read back.
fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The card's footer: the sources line and the data's date, as the widget's footer says them.
pub fn footer_text(s: &Snapshot, lang: Lang, metric: MetricIndex) -> String {
    let reader = Reader {
        snapshot: s,
        lang,
        metric,
        view: View::Chart,
        hidden: &[],
        page: 0,
        base: "",
    };
    widget::source_and_date(&reader)
        .split("</p>")
        .map(|p| plain(p).trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The card's alternative text: the chart's generated summary.
pub fn alt(s: &Snapshot, lang: Lang, metric: MetricIndex) -> String {
    text::summary(lang, s, metric, &[])
}

/// The card of measure `metric` in `lang` as an SVG document.
pub fn card(s: &Snapshot, lang: Lang, metric: MetricIndex, colors: &Colors) -> String {
    let inner = WIDTH - 2.0 * PAD;
    let title = text::metric_sentence(lang, s, metric);
    let title_lines = wrap(&title, TITLE_PX, inner, TITLE_LINES);
    let subtitle = s
        .metrics
        .get(metric)
        .map_or(String::new(), |m| text::metric_title(lang, m));
    let footer = footer_text(s, lang, metric);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         role=\"img\" aria-labelledby=\"t d\" font-family=\"{FONTS}\" font-size=\"14\">\n\
         <title id=\"t\">{}</title>\n<desc id=\"d\">{}</desc>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"{}\"/>\n",
        escape(&title),
        escape(&alt(s, lang, metric)),
        escape(&colors.bg),
        w = coord(WIDTH),
        h = coord(HEIGHT),
    );
    let text_fill = escape(&colors.text);
    let muted = escape(&colors.muted);
    let mut y = PAD + TITLE_PX;
    for line in &title_lines {
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"700\" fill=\"{text_fill}\">{}</text>\n",
            coord(PAD),
            coord(y),
            coord(TITLE_PX),
            escape(line)
        ));
        y += TITLE_LINE;
    }
    y += SUBTITLE_PX - TITLE_LINE + 14.0;
    for (i, line) in wrap(&subtitle, SUBTITLE_PX, inner, SUBTITLE_LINES)
        .iter()
        .enumerate()
    {
        if i > 0 {
            y += SUBTITLE_LINE;
        }
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{muted}\">{}</text>\n",
            coord(PAD),
            coord(y),
            coord(SUBTITLE_PX),
            escape(line)
        ));
    }
    let top = y + 28.0;
    let footer_lines = wrap(&footer, FOOTER_PX, inner, FOOTER_LINES);
    // The footer's first baseline; a rule above it.
    let footer_y = HEIGHT - PAD + 8.0 - (footer_lines.len() as f64 - 1.0) * FOOTER_LINE;
    let bottom = footer_y - FOOTER_PX - 24.0;
    if let Some(marks) = Marks::layout(s, metric, &[], lang) {
        let height = marks.height().max(1.0);
        let scale = ((bottom - top) / height).min(MAX_SCALE);
        let width = inner / scale;
        let body = match &marks {
            Marks::Bars(b) => svg::bars_body(b, width, colors),
            Marks::Timeline(t) => svg::timeline_body(t, width, colors),
        };
        out.push_str(&format!(
            "<g transform=\"translate({} {}) scale({})\">\n{body}</g>\n",
            coord(PAD),
            coord(top),
            scale_text(scale)
        ));
    }
    let rule_y = coord(footer_y - FOOTER_PX - 10.0);
    out.push_str(&format!(
        "<line x1=\"{}\" x2=\"{}\" y1=\"{rule_y}\" y2=\"{rule_y}\" stroke=\"{}\"/>\n",
        coord(PAD),
        coord(WIDTH - PAD),
        escape(&colors.rule),
    ));
    for (i, line) in footer_lines.iter().enumerate() {
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{muted}\">{}</text>\n",
            coord(PAD),
            coord(footer_y + i as f64 * FOOTER_LINE),
            coord(FOOTER_PX),
            escape(line)
        ));
    }
    out.push_str("</svg>\n");
    out
}

/// A scale factor with three decimals, without float formatting.
fn scale_text(v: f64) -> String {
    let mut s = String::new();
    crate::decimal::Decimal::new((v * 1000.0).round() as i64, 3).write(&mut s, '.', None);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::text_width;

    #[test]
    fn titles_wrap_at_spaces_or_anywhere_in_chinese() {
        // 7 px a character: "one two" fits 60 px, "three four" does not.
        let lines = wrap("one two three four five six", 10.0, 60.0, 3);
        assert_eq!(lines[..2], ["one two".to_owned(), "three".to_owned()]);
        assert!(
            lines.iter().all(|l| text_width(l, 10.0) <= 60.0),
            "{lines:?}"
        );
        assert!(lines[2].ends_with('…'), "{lines:?}");
        let zh = wrap("中国开发者的份额首次超过美国开发者", 10.0, 50.0, 10);
        assert!(
            zh.len() > 1 && zh.iter().all(|l| text_width(l, 10.0) <= 50.0),
            "{zh:?}"
        );
        assert_eq!(zh.concat(), "中国开发者的份额首次超过美国开发者");
        assert_eq!(wrap("short", 10.0, 600.0, 3), vec!["short".to_owned()]);
        // Punctuation stays with its character: no line starts with "，" or ends with "（".
        for width in [40.0, 50.0, 60.0, 70.0, 80.0, 90.0] {
            let lines = wrap(
                "谷歌（美国）领先，Gemma（谷歌，美国）为2,080万",
                10.0,
                width,
                10,
            );
            assert_eq!(
                lines.concat(),
                "谷歌（美国）领先，Gemma（谷歌，美国）为2,080万"
            );
            for l in &lines {
                assert!(
                    !l.starts_with(['，', '）']) && !l.ends_with('（'),
                    "{width}: {lines:?}"
                );
            }
        }
    }

    #[test]
    fn html_reads_as_text() {
        assert_eq!(
            plain("<p>Source: <a href=\"x\">A &amp; B</a> &lt;3</p>"),
            "Source: A & B <3"
        );
    }
}
