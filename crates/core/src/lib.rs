//! The pure core of Open Model Share: everything that can be computed without a browser.
//!
//! Data flows one way, and so do the imports between these modules (a test fails on any import
//! against the flow):
//!
//! snapshot JSON -> [`snapshot`] (validated) -> [`figures`] (derived) -> [`text`] (sentences,
//! numbers, dates) -> [`chart`] (marks) -> [`export`] (rows, CSV, JSON) and [`render`] (the widget's HTML,
//! the prerendered pages, the fallback image).
//!
//! Alongside: [`decimal`], [`period`], [`sort`] and [`sha256`] below everything; [`params`] (URL
//! parameters, host messages) and [`failure`] (why loading failed, for readers) on top of the text.

pub mod chart;
pub mod decimal;
pub mod export;
pub mod failure;
pub mod figures;
pub mod interaction;
pub mod markup;
pub mod params;
pub mod period;
pub mod render;
pub mod sha256;
pub mod snapshot;
pub mod sonify;
pub mod sort;
pub mod text;
