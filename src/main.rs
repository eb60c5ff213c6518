//! Entry point: mounts the widget in the browser. Everything else lives in the library.

fn main() {
    leptos::mount::mount_to_body(open_model_share::App);
}
