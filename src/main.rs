//! Entry point: mounts the widget in the browser. Everything else lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    leptos::mount::mount_to_body(open_model_share::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("open-model-share runs in the browser: build it with `trunk build --release`");
    std::process::exit(2);
}
