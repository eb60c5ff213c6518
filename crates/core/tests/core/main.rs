//! Host tests of the pure core, by subject, against the bundled snapshot and the fixtures.

mod annotations;
mod chart;
mod export;
mod figures;
mod layers;
mod reading;
mod render;
mod snapshot;
mod support;
mod text;
mod widget;
