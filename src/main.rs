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
    // Mounting waits for a task of its own, not the one that compiled the wasm.
    wasm_bindgen_futures::spawn_local(async move {
        open_model_share::fetch::sleep(0).await;
        let handle = leptos::mount::mount_to(holder.unchecked_into(), open_model_share::App);
        // The widget lives as long as the page.
        std::mem::forget(handle);
    });
}
