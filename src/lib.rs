//! Open Model Share, the widget: the browser edge and the Leptos views on top of the pure core
//! (`oms-core`).
//!
//! - [`App`] loads the snapshot and shows the [`Widget`] for where loading stands.
//! - [`ReaderState`] holds everything the reader changes, in one place, with the transitions.
//! - The views ([`Explorer`] and the components it is made of: controls, figure, legend, notes,
//!   table, sources, footer, tooltip, embed dialog) put the core's HTML for each region in place
//!   and turn the reader's events into transitions; they compute nothing themselves.
//! - The browser edge, a module each: [`fetch`] (the snapshot over the network, with retries and
//!   the last good copy), [`host`] (URL parameters, the page, messages to and from the host
//!   page), `download` (files for the reader). Numbers and dates are the core's pure rules, as on
//!   the prerendered page, so the takeover cannot change a figure's text.

mod app;
pub mod audio;
mod controls;
mod dialog;
mod dom;
mod download;
mod explorer;
pub mod fetch;
mod figure;
mod footer;
pub mod host;
mod legend;
mod play;
mod region;
mod state;
pub mod takeover;
mod tooltip;

pub use app::*;
pub use explorer::Explorer;
pub use state::ReaderState;
