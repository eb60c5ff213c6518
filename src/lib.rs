//! Open Model Share, the widget: the browser edge and the Leptos views on top of the pure core
//! (`oms-core`). Views only map values the core computed (figures, marks, strings) to elements.

mod app;
pub mod embed;
mod explorer;
pub mod fetch;
pub mod intl;
mod panels;

pub use app::*;
