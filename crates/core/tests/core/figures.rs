//! Derived figures: the headline comparison, computed from the values.

use crate::support::*;
use oms_core::figures::{self, Lead};
use oms_core::snapshot::SeriesIndex;
use oms_core::text::{self, Lang};

#[test]
fn headline_is_derived_not_assumed() {
    let s = parse(&fixture("valid-minimal.json")).expect("valid fixture");
    assert_eq!(
        s.format_version,
        (1, 3),
        "a newer minor version is accepted"
    );
    let h = figures::headline(&s).unwrap();
    let ids: Vec<&str> = h
        .parts
        .iter()
        .map(|p| s.series[p.series].id.as_str())
        .collect();
    assert_eq!(ids, ["a", "b", "c"], "largest first");
    match h.lead {
        Lead::Ahead {
            leader,
            runner_up,
            gap,
        } => {
            assert_eq!(s.series[leader].id, "a");
            assert_eq!(s.series[runner_up].id, "b");
            assert_eq!(text::number(Lang::En, gap), "28.25");
            assert_eq!(text::number(Lang::It, gap), "28,25");
        }
        other => panic!("expected a leader, got {other:?}"),
    }
    assert_eq!(text::number(Lang::En, h.remainder), "44.25");
    assert_eq!(
        text::when(Lang::It, h.when),
        "gen\u{a0}2025\u{a0}– giu\u{a0}2025"
    );
    assert_eq!(
        text::lead_sentence(Lang::It, &s, &h),
        "Alfa in testa di 28,25 punti percentuali"
    );
    // Beta has no Italian label: English is the fallback.
    assert_eq!(s.series[SeriesIndex(1)].label.get("it"), "Beta");
}

#[test]
fn equal_shares_are_level() {
    let s = parse(&fixture("valid-level.json")).expect("valid fixture");
    let h = figures::headline(&s).unwrap();
    assert!(matches!(h.lead, Lead::Level { .. }));
    assert_eq!(
        text::lead_sentence(Lang::En, &s, &h),
        "Alpha level with Beta"
    );
    assert_eq!(text::number(Lang::En, h.remainder), "0");
}
