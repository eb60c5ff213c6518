//! The widget's regions as HTML: the same marks, texts and state as the core computes, in every
//! language, with every template slot filled.

use crate::support::*;
use oms_core::chart::{self, Marks};
use oms_core::params::View;
use oms_core::render::widget::{self, Reader};
use oms_core::snapshot::{MetricIndex, SeriesIndex, Snapshot};
use oms_core::text::Lang;

fn reader<'a>(
    s: &'a Snapshot,
    lang: Lang,
    metric: MetricIndex,
    hidden: &'a [SeriesIndex],
) -> Reader<'a> {
    Reader {
        snapshot: s,
        lang,
        metric,
        view: View::Chart,
        hidden,
        page: 0,
        base: "",
    }
}

/// The number of times `needle` occurs in `hay`.
fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

#[test]
fn every_region_of_every_measure_fills_its_templates() {
    let s = parse(BUNDLED).expect("bundled");
    for lang in Lang::ALL {
        for m in s.metrics.indices() {
            let r = reader(&s, lang, m, &[]);
            let marks = Marks::layout(&s, m, &[], lang).expect("marks");
            for (name, html) in [
                ("controls", widget::controls(&r)),
                ("chart", widget::chart(&r, &marks)),
                ("legend", widget::legend(&r)),
                ("notes", widget::notes(&r, Some(&marks))),
                ("table", widget::table(&r)),
                ("sources", widget::sources(&r)),
                ("footer", widget::footer(&r)),
            ] {
                assert!(!html.is_empty(), "{name} of {m:?} in {lang:?}");
                assert!(
                    !html.contains('{'),
                    "{name} of {m:?} in {lang:?} keeps a slot: {html}"
                );
                assert_eq!(
                    count(&html, "<p ") + count(&html, "<p>"),
                    count(&html, "</p>"),
                    "{name}: every paragraph closed"
                );
            }
        }
    }
}

#[test]
fn the_chart_draws_the_marks_of_the_core() {
    let s = parse(BUNDLED).expect("bundled");
    let r = reader(&s, Lang::En, s.headline, &[]);
    let marks = Marks::layout(&s, s.headline, &[], Lang::En).expect("marks");
    let Marks::Bars(c) = &marks else {
        panic!("the headline is a bar chart")
    };
    let html = widget::chart(&r, &marks);
    for (i, b) in c.bars.iter().enumerate() {
        // The bar's length is its share of the track, whatever the width.
        let fill = format!(
            "<rect class=\"oms-bar__fill\" width=\"{}%\" height=\"24\" rx=\"2\"></rect><text class=\"oms-bar__value\" x=\"{}%\" dx=\"6\" y=\"17\">{}</text>",
            chart::coord(b.share * 100.0),
            chart::coord(b.share * 100.0),
            b.value_text
        );
        assert!(html.contains(&fill), "{fill} in {html}");
        let mark = format!(
            "data-key=\"{}\" data-tone=\"{}\" data-index=\"{i}\" tabindex=\"{}\"",
            b.key,
            b.tone,
            if i == 0 { 0 } else { -1 }
        );
        assert!(html.contains(&mark), "{mark}");
    }
    assert!(html.starts_with("<div class=\"oms-chart oms-chart--bars\" role=\"group\""));
    assert!(
        html.contains("aria-label=\"China: 17.1\u{202f}%, Aug\u{a0}2024\u{a0}– Aug\u{a0}2025\"")
    );
    // Every series of a timeline hidden: a note instead of an empty chart.
    let all: Vec<SeriesIndex> = s.series.indices().collect();
    let tokens = s
        .metrics
        .position(|m| m.id == "openrouter-top10-token-share")
        .expect("tokens");
    let none = Marks::layout(&s, tokens, &all, Lang::En).expect("marks");
    assert_eq!(
        widget::chart(&reader(&s, Lang::En, tokens, &all), &none),
        "<p class=\"oms-empty\">Every series is hidden: use the legend to show one.</p>"
    );
}

#[test]
fn a_point_over_time_is_its_marker_drawn_at_a_line_of_no_length() {
    let s = parse(&fixture("valid-computed.json")).expect("valid");
    let m = computed_index(&s);
    let marks = Marks::layout(&s, m, &[], Lang::En).expect("marks");
    let Marks::Timeline(t) = &marks else {
        panic!("the computed measure is over time")
    };
    let html = widget::chart(&reader(&s, Lang::En, m, &[]), &marks);
    // Every point (none moved by a transform of its own) and its marker, drawn once per shape,
    // colour and emphasis.
    assert!(!html.contains("<use"), "no <use> in {html}");
    let mut markers: Vec<(&str, &str, bool)> = Vec::new();
    for p in &t.points {
        let marker = (p.path.as_str(), p.tone.as_str(), p.emphasis);
        if !markers.contains(&marker) {
            markers.push(marker);
        }
        let n = markers.iter().position(|x| *x == marker).expect("listed");
        let (x, y) = (
            format!("{}%", chart::coord(p.at * 100.0)),
            chart::coord(p.y),
        );
        let line = format!(
            "<line class=\"oms-point{}\" data-key=\"{}\" data-tone=\"{}\" x1=\"{x}\" y1=\"{y}\" x2=\"{x}\" y2=\"{y}\" marker-start=\"url(#oms-marker-{n})\"></line>",
            if p.emphasis { "" } else { " oms-point--muted" },
            p.key,
            p.tone
        );
        assert!(html.contains(&line), "{line} in {html}");
    }
    assert!(markers.len() > 2 && markers.len() < t.points.len());
    assert!(markers.iter().any(|m| !m.2) && markers.iter().any(|m| m.2));
    for (n, (d, tone, emphasis)) in markers.iter().enumerate() {
        let marker = format!(
            "<marker id=\"oms-marker-{n}\" markerUnits=\"userSpaceOnUse\" markerWidth=\"1\" markerHeight=\"1\" overflow=\"visible\"><path class=\"oms-marker{}\" data-tone=\"{tone}\" d=\"{d}\"></path></marker>",
            if *emphasis { "" } else { " oms-marker--muted" }
        );
        assert_eq!(count(&html, &marker), 1, "{marker} in {html}");
    }
    assert_eq!(count(&html, "<marker "), markers.len());
    // Last over the plot, the cover that takes the widget's pointer.
    assert!(html.contains(
        "<rect class=\"oms-plot__cover\" width=\"100%\" height=\"100%\"></rect></svg><svg class=\"oms-guide\""
    ));
    // The guide: its own box over the plot, after it, its line at its left edge from the plot's
    // top to its bottom.
    let guide = format!(
        "</svg><svg class=\"oms-guide\" width=\"100%\" height=\"{}\" aria-hidden=\"true\"><line x1=\"0\" x2=\"0\" y1=\"{}\" y2=\"{}\"></line></svg>",
        chart::coord(t.height),
        chart::coord(t.plot_top),
        chart::coord(t.plot_bottom)
    );
    assert!(html.contains(&guide), "{guide} in {html}");
}

#[test]
fn the_legend_and_controls_show_the_readers_choices() {
    let s = parse(BUNDLED).expect("bundled");
    let us = s.series.position(|x| x.id == "us").expect("us");
    let hidden = [us];
    let r = reader(&s, Lang::It, s.headline, &hidden);
    let legend = widget::legend(&r);
    assert!(legend.contains("data-key=\"china\" aria-pressed=\"true\""));
    assert!(legend.contains("data-key=\"us\" aria-pressed=\"false\""));
    assert_eq!(
        count(&legend, "<span class=\"oms-legend__hint\">nascosta</span>"),
        1
    );
    let controls = widget::controls(&Reader {
        view: View::Table,
        ..r
    });
    assert_eq!(count(&controls, " selected=\"\""), 1);
    assert!(controls.contains(&format!(
        "<option value=\"{}\" data-id=\"hf-download-share-by-developer-country\" selected=\"\">",
        s.headline.0
    )));
    assert!(controls.contains("aria-pressed=\"true\" data-view=\"table\""));
    assert_eq!(count(&controls, "aria-pressed=\"true\""), 1);
}

#[test]
fn the_footer_names_the_origin_and_each_relay_in_the_languages_punctuation() {
    let s = parse(BUNDLED).expect("bundled");
    let en = widget::footer(&reader(&s, Lang::En, s.headline, &[]));
    assert!(
        en.starts_with("<p class=\"oms-source\">Source: <a href=\"https://www.dataprovenance.org/")
    );
    assert!(en
        .contains("</a> via <span title=\"Beyond DeepSeek\">Stanford HAI / DigiChina</span>, <a "));
    assert!(en.contains("<p class=\"oms-asof\">Data as of <time datetime=\"2026-11-29\">"));
    assert!(en.contains("data-format=\"csv\""));
    let zh = widget::footer(&reader(&s, Lang::Zh, s.headline, &[]));
    assert!(zh.contains("<p class=\"oms-source\">来源：<a "), "{zh}");
    assert!(
        zh.contains("</span>，<a "),
        "Chinese lists take the full-width comma: {zh}"
    );
    assert!(zh.contains("</a>。</p>"));
}

#[test]
fn the_table_shows_a_page_at_a_time() {
    let s = parse(&fixture("valid-computed.json")).expect("computed");
    let m = computed_index(&s);
    let rows = oms_core::figures::rows(&s, m, &[]).len();
    assert!(rows > 24, "the fixture has more than a page: {rows}");
    let first = widget::table(&Reader {
        view: View::Table,
        ..reader(&s, Lang::En, m, &[])
    });
    assert_eq!(count(&first, "<tr data-key="), 24);
    assert!(first.contains("data-page=\"previous\" data-focus=\"page-previous\" disabled=\"\""));
    assert!(!first.contains("data-focus=\"page-next\" disabled"));
    assert!(first.contains(&format!("Rows 1–24 of {rows}")));
    let last_page = (rows - 1) / 24;
    let last = widget::table(&Reader {
        page: last_page,
        view: View::Table,
        ..reader(&s, Lang::En, m, &[])
    });
    assert_eq!(count(&last, "<tr data-key="), rows - last_page * 24);
    assert!(last.contains("data-focus=\"page-next\" disabled=\"\""));
    // A computed measure: totals column, no source column (its one source is under the chart).
    assert!(first.contains("<th scope=\"col\">Downloads (of all)</th>"));
    assert!(!first.contains("<th scope=\"col\">Source</th>"));
}

#[test]
fn the_sources_view_lists_each_figure_with_its_source_and_roundings() {
    let s = parse(BUNDLED).expect("bundled");
    let html = widget::sources(&reader(&s, Lang::En, s.headline, &[]));
    assert!(html.contains(
        "<li><strong>China</strong>: 17.1\u{202f}% (Aug\u{a0}2024\u{a0}– Aug\u{a0}2025). <span title=\"Beyond DeepSeek\">Stanford HAI / DigiChina</span> — relayed by an outlet. <span class=\"oms-locator\">where: "
    ), "{html}");
    assert!(html.contains("<br>also published as: 17 (Financial Times)</li>"));
    assert!(html.contains(
        "<p class=\"oms-meta\">Data as of 29\u{a0}Nov\u{a0}2026. Snapshot format 1.2.</p>"
    ));
    let zh = widget::sources(&reader(&s, Lang::Zh, s.headline, &[]));
    assert!(
        zh.contains("<strong>中国</strong>：17.1%（2024年8月\u{a0}– 2025年8月）。<span"),
        "{zh}"
    );
}

#[test]
fn the_stylesheet_chooses_at_the_cores_breakpoints() {
    let css = include_str!("../../../../style/main.css");
    let rules: Vec<&str> = css
        .lines()
        .filter(|l| l.starts_with("@container oms-chart") && l.contains(".oms-vis"))
        .collect();
    // Below the narrowest breakpoint, notes over time (placed from it up) are not drawn.
    let narrow = format!(
        "@container oms-chart (max-width: {}px) {{",
        chart::BREAKPOINTS[0] - 0.02
    );
    assert!(css.contains(&narrow), "{narrow}");
    assert_eq!(
        rules.len(),
        chart::BREAKPOINTS.len(),
        "a rule per range of widths"
    );
    for (k, rule) in rules.iter().enumerate() {
        let lower = (k > 0).then(|| format!("(min-width: {}px)", chart::BREAKPOINTS[k]));
        let upper = chart::BREAKPOINTS
            .get(k + 1)
            .map(|next| format!("(max-width: {}px)", next - 0.02));
        for bound in lower.iter().chain(upper.iter()) {
            assert!(rule.contains(bound.as_str()), "{rule} has {bound}");
        }
        assert!(
            rule.contains(&format!(".oms-vis:not(.oms-w{k})")),
            "{rule} shows range {k}"
        );
    }
}
