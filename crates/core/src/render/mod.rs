//! Rendering the marks and texts as documents, on the host or anywhere without a browser: the
//! standalone SVG of a chart ([`svg`]) and the static fallback page block ([`fallback`]).

pub mod fallback;
pub mod html;
pub mod svg;
pub mod widget;
