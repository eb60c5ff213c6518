//! Rendering the marks and texts as documents, on the host or anywhere without a browser: every
//! region of the widget ([`widget`], which the live widget puts in place too), the prerendered
//! pages ([`page`]), the standalone SVG of a chart ([`svg`]), the share cards ([`card`]) and the
//! no-JavaScript block of `index.html` ([`fallback`]).

pub mod card;
pub mod fallback;
pub mod html;
pub mod page;
pub mod svg;
pub mod widget;
