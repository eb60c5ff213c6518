//! Shared helpers: the bundled snapshot, fixtures, and snapshots changed in one place.

use oms_core::snapshot::{self, Json, MetricIndex, Problem, ProblemKind, Snapshot};
use oms_core::text::{self, Lang};
use serde_json::Value;

pub const BUNDLED: &str = include_str!("../../../../public/data/snapshot.json");

pub fn parse(text: &str) -> Result<Snapshot, Vec<Problem>> {
    let doc: Json = serde_json::from_str(text).expect("fixture is JSON");
    snapshot::validate(&doc)
}

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture exists")
}

/// The problems of the bundled snapshot after `edit`, as (path, kind).
pub fn problems_after(edit: impl FnOnce(&mut Value)) -> Vec<(String, ProblemKind)> {
    let mut doc: Value = serde_json::from_str(BUNDLED).unwrap();
    edit(&mut doc);
    match parse(&doc.to_string()) {
        Ok(_) => Vec::new(),
        Err(ps) => ps.into_iter().map(|p| (p.path, p.kind)).collect(),
    }
}

pub fn pct(lang: Lang, d: oms_core::decimal::Decimal) -> String {
    text::percent(lang, d)
}

/// The problems of the computed fixture after `edit`, as (path, kind).
pub fn computed_problems_after(edit: impl FnOnce(&mut Value)) -> Vec<(String, ProblemKind)> {
    let mut doc: Value = serde_json::from_str(&fixture("valid-computed.json")).unwrap();
    edit(&mut doc);
    match parse(&doc.to_string()) {
        Ok(_) => Vec::new(),
        Err(ps) => ps.into_iter().map(|p| (p.path, p.kind)).collect(),
    }
}

pub fn computed_index(s: &Snapshot) -> MetricIndex {
    s.metrics
        .position(|m| m.id == "computed-download-share-by-country-group")
        .expect("the computed metric")
}
