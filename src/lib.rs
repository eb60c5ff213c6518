//! Open Model Share: an embeddable comparison of the share of open AI model downloads that goes to
//! models made by Chinese and by US developers.
//!
//! Data flows one way: snapshot JSON -> validated [`snapshot::Snapshot`] -> derived [`figures`] ->
//! [`chart`] marks -> views. Everything but the views (`app`, wasm32 only) is plain Rust with no
//! browser API, tested on the host.

#[cfg(not(target_arch = "wasm32"))]
pub mod builder;
pub mod chart;
pub mod decimal;
pub mod export;
pub mod fallback;
pub mod figures;
pub mod load;
pub mod params;
pub mod period;
pub mod sha256;
pub mod snapshot;
pub mod sort;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod app;
