//! Entry point: mounts the widget in the browser. On a prerendered page it is rendered off the
//! page first and takes the static view's place once complete (see `takeover`); elsewhere it
//! mounts in the body. Everything else lives in the library.

use wasm_bindgen::JsCast;

fn main() {
    if open_model_share::takeover::static_main().is_none() {
        leptos::mount::mount_to_body(open_model_share::App);
        return;
    }
    let Ok(holder) = leptos::prelude::document().create_element("div") else {
        return;
    };
    let handle = leptos::mount::mount_to(holder.unchecked_into(), open_model_share::App);
    // The widget lives as long as the page.
    std::mem::forget(handle);
}
