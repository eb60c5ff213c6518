//! Reading a chart over time: the nearest date anywhere over the plot, every series at that
//! date in one tooltip, and the keyboard by date and across series.

use crate::support::*;
use oms_core::chart::timeline::Step;
use oms_core::chart::tooltip::{date_text, tooltip_text};
use oms_core::chart::{self, Marks};
use oms_core::interaction::{focus_on, FocusKey};
use oms_core::text::Lang;

#[test]
fn a_pointer_anywhere_points_at_the_nearest_date() {
    let s = parse(&fixture("valid-computed.json")).unwrap();
    let i = computed_index(&s);
    let t = chart::timeline(&s, i, &[], Lang::En);
    let mut dates: Vec<f64> = t.points.iter().map(|p| p.at).collect();
    dates.sort_by(f64::total_cmp);
    dates.dedup();
    assert_eq!(dates.len(), 20, "20 months");
    for x in (0..=100).map(|k| f64::from(k) / 100.0) {
        let mark = t.nearest(x).expect("a mark everywhere over the plot");
        let at = t.points[mark].at;
        // No other date is nearer.
        assert!(
            dates
                .iter()
                .all(|d| (d - x).abs() >= (at - x).abs() - 1e-12),
            "{x}"
        );
        // The top point of its date.
        let column = t.column(mark);
        assert_eq!(column[0], mark);
        assert!(column.iter().all(|&c| t.points[c].at == at));
        assert_eq!(column.len(), 6, "every group at every month");
        assert!(column
            .windows(2)
            .all(|w| t.points[w[0]].y <= t.points[w[1]].y));
    }
    // Left of the first date and right of the last: the first and the last.
    assert_eq!(t.points[t.nearest(-1.0).unwrap()].at, dates[0]);
    assert_eq!(t.points[t.nearest(2.0).unwrap()].at, dates[19]);
}

#[test]
fn one_tooltip_lists_every_series_at_the_date_highest_first() {
    let s = parse(&fixture("valid-computed.json")).unwrap();
    let i = computed_index(&s);
    let m = &s.metrics[i];
    let china = s.series.position(|x| x.id == "china").unwrap();
    let europe = s.series.position(|x| x.id == "europe").unwrap();
    for lang in Lang::ALL {
        let t = chart::timeline(&s, i, &[europe], lang);
        let last = t
            .points
            .iter()
            .rposition(|p| p.series == china)
            .expect("China's last point");
        let tip = date_text(&s, i, &t, last, true, lang).expect("a tooltip");
        let v = &m.values[t.points[last].value];
        assert_eq!(tip.title, oms_core::text::when(lang, v.when));
        // Every shown series once (Europe is hidden), highest first, China's own marked.
        assert_eq!(tip.rows.len(), 5, "{lang:?}");
        assert!(tip.rows.iter().all(|r| r.key != "europe"));
        let values: Vec<f64> = tip
            .rows
            .iter()
            .map(|r| {
                let p = t
                    .points
                    .iter()
                    .find(|p| p.key == r.key && p.at == t.points[last].at);
                m.values[p.unwrap().value].value.to_f64()
            })
            .collect();
        assert!(values.windows(2).all(|w| w[0] >= w[1]), "{values:?}");
        let own: Vec<_> = tip.rows.iter().filter(|r| r.focused).collect();
        assert_eq!(own.len(), 1);
        assert_eq!(own[0].key, "china");
        assert_eq!(own[0].value, oms_core::text::figure(lang, v.value, m.unit));
        // The totals behind each computed share.
        assert!(tip.rows.iter().all(|r| r.totals.is_some()));
        // Read as the date once, then each series and its value.
        let read = tip.announcement(lang);
        assert!(read.starts_with(&tip.title), "{read}");
        assert_eq!(read.matches(&tip.title).count(), 1, "{read}");
        for r in &tip.rows {
            assert!(read.contains(&r.label) && read.contains(&r.value), "{read}");
        }
        // A single figure keeps its own tooltip.
        let single = tooltip_text(&s, i, Some(t.points[last].value), lang).unwrap();
        assert!(single.rows.is_empty());
    }
}

#[test]
fn the_keyboard_moves_by_date_and_across_series() {
    let s = parse(&fixture("valid-computed.json")).unwrap();
    let i = computed_index(&s);
    let marks = Marks::layout(&s, i, &[], Lang::En).unwrap();
    let Marks::Timeline(t) = &marks else {
        panic!("a timeline")
    };
    let china = s.series.position(|x| x.id == "china").unwrap();
    let first = t.points.iter().position(|p| p.series == china).unwrap();
    // Right: China's next month; Left back; Left at the first date stays.
    let next = focus_on(&marks, first, FocusKey::Right).unwrap();
    assert_eq!(t.points[next].series, china);
    assert!(t.points[next].at > t.points[first].at);
    assert_eq!(focus_on(&marks, next, FocusKey::Left), Some(first));
    assert_eq!(focus_on(&marks, first, FocusKey::Left), Some(first));
    // End and Home: China's last and first months.
    let end = focus_on(&marks, first, FocusKey::Last).unwrap();
    assert_eq!(t.points[end].series, china);
    assert_eq!(
        t.points[end].at,
        t.points.iter().map(|p| p.at).fold(0.0, f64::max)
    );
    assert_eq!(focus_on(&marks, end, FocusKey::First), Some(first));
    // Up and down: across the series at the same date, in the tooltip's order.
    let column = t.column(first);
    let k = column.iter().position(|&c| c == first).unwrap();
    let down = focus_on(&marks, first, FocusKey::Down).unwrap();
    assert_eq!(down, column[(k + 1).min(column.len() - 1)]);
    assert_eq!(t.points[down].at, t.points[first].at);
    let top = column[0];
    assert_eq!(
        focus_on(&marks, top, FocusKey::Up),
        Some(top),
        "stops at the top"
    );
    assert_eq!(t.step(top, Step::Series(false)), Some(top));
    // Bars keep their one row: right and down step on, wrapping around.
    let h = s.headline;
    let bars = Marks::layout(&s, h, &[], Lang::En).unwrap();
    assert_eq!(focus_on(&bars, 0, FocusKey::Down), Some(1));
    assert_eq!(focus_on(&bars, 0, FocusKey::Left), Some(2));
}

#[test]
fn sparse_points_answer_by_their_nearest_date_too() {
    let s = parse(BUNDLED).unwrap();
    let i = s
        .metrics
        .position(|m| m.id == "openrouter-top10-token-share")
        .unwrap();
    let t = chart::timeline(&s, i, &[], Lang::It);
    assert_eq!(t.points.len(), 2);
    let (a, b) = (t.points[0].at, t.points[1].at);
    let middle = (a + b) / 2.0;
    assert_eq!(t.nearest(middle - 0.01), Some(0));
    assert_eq!(t.nearest(middle + 0.01), Some(1));
    let tip = date_text(&s, i, &t, 1, true, Lang::It).unwrap();
    assert_eq!(tip.rows.len(), 1);
    assert!(tip.rows[0].focused);
    // A pointer chooses a date, not a series: no row is marked.
    let tip = date_text(&s, i, &t, 1, false, Lang::It).unwrap();
    assert!(tip.rows.iter().all(|r| !r.focused));
}

#[test]
fn listening_maps_each_figure_to_a_pitch_in_order() {
    use oms_core::sonify::{cents, score, Voice, DENSE_TONE, GAP, LOW_HZ, PAN, SERIES_PAUSE, TONE};
    let s = parse(&fixture("valid-computed.json")).unwrap();
    let i = computed_index(&s);
    let m = &s.metrics[i];
    for lang in Lang::ALL {
        let marks = Marks::layout(&s, i, &[], lang).unwrap();
        let sc = score(&s, i, &marks, lang).expect("a score");
        // The emphasized series only, China then the United States, each 20 months.
        assert_eq!(sc.tones.len(), 40, "{lang:?}");
        assert_eq!(sc.cues.len(), 2);
        let china =
            oms_core::text::series_label(lang, &s, s.series.position(|x| x.id == "china").unwrap());
        let us =
            oms_core::text::series_label(lang, &s, s.series.position(|x| x.id == "us").unwrap());
        assert_eq!(sc.cues[0].text, china);
        assert_eq!(sc.cues[1].text, us);
        // Said before it plays: each series' name comes a pause before its first tone.
        assert_eq!(sc.cues[0].at, 0.0);
        assert!((sc.tones[0].start - SERIES_PAUSE).abs() < 1e-9);
        assert!(sc.cues[1].at < sc.tones[20].start && sc.cues[1].at > sc.tones[19].start);
        // The intro names both voices and sides, and only those heard.
        assert!(!sc.intro.contains(lang.ui().listen_others), "{}", sc.intro);
        assert!(
            sc.intro.contains(china) && sc.intro.contains(us),
            "{}",
            sc.intro
        );
        // China left and soft, the United States right and bright.
        assert!(sc.tones[..20]
            .iter()
            .all(|t| t.pan == -PAN && t.voice == Voice::Sine));
        assert!(sc.tones[20..]
            .iter()
            .all(|t| t.pan == PAN && t.voice == Voice::Triangle));
        // One month per tone, in date order, with its length and a gap.
        for w in sc.tones[..20].windows(2) {
            assert!((w[1].start - w[0].start - (DENSE_TONE + GAP)).abs() < 1e-9);
        }
        assert!(sc.length >= sc.tones[39].start + DENSE_TONE);
        // Higher share, higher pitch: the pitches are in the values' order.
        let china_values: Vec<f64> = m
            .values
            .iter()
            .filter(|v| oms_core::figures::series_id(&s, v.series) == "china")
            .map(|v| v.value.to_f64())
            .collect();
        let tones = &sc.tones[..20];
        for a in 0..20 {
            for b in 0..20 {
                if china_values[a] > china_values[b] + 0.05 {
                    assert!(tones[a].hz() > tones[b].hz(), "{a} {b}");
                }
            }
            // The pitch says the value's place on the chart's axis.
            assert!((tones[a].cents - cents(tones[a].part)).abs() < 1e-9);
        }
    }
    // Two octaves from zero to the axis' top.
    let tone = |part: f64| oms_core::sonify::Tone {
        start: 0.0,
        duration: TONE,
        cents: cents(part),
        pan: 0.0,
        voice: Voice::Sine,
        part,
    };
    assert_eq!(tone(0.0).hz(), LOW_HZ);
    assert!((tone(1.0).hz() - 4.0 * LOW_HZ).abs() < 1e-9);
    assert!((tone(0.5).hz() - 2.0 * LOW_HZ).abs() < 1e-9);
    assert_eq!(cents(2.0), cents(1.0), "clamped");
    // A hidden series is not played.
    let china = s.series.position(|x| x.id == "china").unwrap();
    let marks = Marks::layout(&s, i, &[china], Lang::En).unwrap();
    let sc = score(&s, i, &marks, Lang::En).unwrap();
    assert_eq!(sc.tones.len(), 20);
    assert!(sc.tones.iter().all(|t| t.pan == PAN));
    // Bars: one tone per bar in the chart's order, the remainder too.
    let b = parse(BUNDLED).unwrap();
    let marks = Marks::layout(&b, b.headline, &[], Lang::It).unwrap();
    let Marks::Bars(c) = &marks else {
        panic!("bars")
    };
    let sc = score(&b, b.headline, &marks, Lang::It).unwrap();
    assert_eq!(sc.tones.len(), c.bars.len());
    for (t, bar) in sc.tones.iter().zip(&c.bars) {
        assert_eq!(t.part, bar.share);
        assert_eq!(t.duration, TONE);
    }
    assert_eq!(
        sc.cues.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
        c.bars.iter().map(|b| b.label.as_str()).collect::<Vec<_>>()
    );
    // The remainder plays in the others' voice, and the intro says so.
    assert!(
        sc.intro.contains(Lang::It.ui().listen_others),
        "{}",
        sc.intro
    );
    assert_eq!(sc.tones[2].voice, Voice::Square);
    // "Everyone else" (67.1 %) sounds highest, the US (15.8 %) lowest.
    assert!(sc.tones[2].hz() > sc.tones[0].hz() && sc.tones[0].hz() > sc.tones[1].hz());
}

#[test]
fn playing_through_time_says_each_date_as_a_headline() {
    let s = parse(&fixture("valid-computed.json")).unwrap();
    let i = computed_index(&s);
    let m = &s.metrics[i];
    let t = chart::timeline(&s, i, &[], Lang::En);
    let dates = t.dates();
    assert_eq!(dates.len(), 20);
    assert!(dates.windows(2).all(|w| w[0] < w[1]));
    let value = |id: &str, d: usize| {
        let p = t
            .points
            .iter()
            .find(|p| p.key == id && p.at == dates[d])
            .unwrap();
        oms_core::text::figure(Lang::En, m.values[p.value].value, m.unit)
    };
    for d in [0, 7, 19] {
        let when = oms_core::text::when(
            Lang::En,
            m.values[t.points
                [t.column(t.points.iter().position(|p| p.at == dates[d]).unwrap())[0]]
                .value]
                .when,
        );
        assert_eq!(
            t.frame_text(&s, i, d, Lang::En),
            format!(
                "China {}, United States {}, {when}",
                value("china", d),
                value("us", d)
            )
        );
    }
    // The last date is what the chart says at its end; no such date, nothing.
    assert!(t.frame_text(&s, i, 19, Lang::Zh).contains("2025"));
    assert_eq!(t.frame_text(&s, i, 20, Lang::En), "");
}

#[test]
fn the_tooltip_keeps_clear_of_a_box_holding_every_point_at_its_date() {
    use oms_core::chart::tooltip::{place, place_beside, GAP};
    use oms_core::chart::Rect;
    // `b` holds `r` (to a rounding error of the sums).
    let inside = |b: &Rect, r: &Rect| {
        let e = 1e-9;
        r.x >= b.x - e
            && r.y >= b.y - e
            && r.x + r.width <= b.x + b.width + e
            && r.y + r.height <= b.y + b.height + e
    };
    // A dense series (markers only) and sparse published points (markers with value labels).
    let s = parse(&fixture("valid-computed.json")).unwrap();
    let dense = computed_index(&s);
    let b = parse(BUNDLED).unwrap();
    let sparse = b
        .metrics
        .position(|m| m.id == "openrouter-top10-token-share")
        .unwrap();
    for (s, i) in [(&s, dense), (&b, sparse)] {
        let t = chart::timeline(s, i, &[], Lang::En);
        for width in [240.0, 600.0, 1200.0] {
            for (k, p) in t.points.iter().enumerate() {
                let bx = t.column_box(k, width).expect("a box");
                let x = p.at * width;
                for q in t.points.iter().filter(|q| q.at == p.at) {
                    // Every marker's hit area and value label at the date lies inside.
                    let hit = Rect {
                        x: x - q.hit_r,
                        y: q.y - q.hit_r,
                        width: 2.0 * q.hit_r,
                        height: 2.0 * q.hit_r,
                    };
                    assert!(inside(&bx, &hit), "{} at {width}: {bx:?} {hit:?}", q.key);
                    if let Some(l) = &q.label {
                        let w = chart::text_width(&l.text, chart::FONT_PX);
                        let label = Rect {
                            x: x - w / 2.0,
                            y: l.y - chart::FONT_PX,
                            width: w,
                            height: chart::FONT_PX,
                        };
                        assert!(inside(&bx, &label), "{} label at {width}", q.key);
                    }
                }
                // Centred on the date, so a tooltip clear of it is clear of the guide's points.
                assert!((bx.x + bx.width / 2.0 - x).abs() < 1e-9);
                let bounds = Rect {
                    x: -40.0,
                    y: -300.0,
                    width: width + 80.0,
                    height: 900.0,
                };
                for placed in [
                    place(bx, (200.0, 150.0), bounds),
                    place_beside(bx, (200.0, 150.0), bounds),
                ] {
                    let tip = Rect {
                        x: placed.0,
                        y: placed.1,
                        width: 200.0,
                        height: 150.0,
                    };
                    assert!(!tip.overlaps(&bx), "at {width}: {tip:?} over {bx:?}");
                    assert!(bounds.contains(&tip));
                }
                // Beside the date where there is room: right of it, else left.
                let (tx, _) = place_beside(bx, (200.0, 150.0), bounds);
                let room = 200.0 + GAP + 1.0;
                if bounds.x + bounds.width - (bx.x + bx.width) >= room {
                    assert!(tx >= bx.x + bx.width, "right of the date at {width}");
                } else if bx.x - bounds.x >= room {
                    assert!(
                        tx >= bx.x + bx.width || tx + 200.0 <= bx.x,
                        "beside the date at {width}"
                    );
                }
            }
        }
    }
    // No wider than its own date's points (a dense series has no value labels), and no box
    // for a point that is not there.
    let t = chart::timeline(&s, dense, &[], Lang::En);
    assert!(t.points.iter().all(|p| p.label.is_none()));
    let bx = t.column_box(0, 600.0).unwrap();
    assert_eq!(bx.width, 2.0 * t.points[0].hit_r);
    assert_eq!(t.column_box(t.points.len(), 600.0), None);
}
