//! Loading the snapshot: fetch (gloo-net) with a time limit, automatic retries of transient
//! failures, and the last good copy kept on the device for when loading fails. The browser's own
//! `JSON.parse` reads the body and serde-wasm-bindgen turns it into the core's JSON tree: no JSON
//! parser is compiled into the wasm.

use crate::{LoadState, Loaded};
use gloo_net::http::Request;
use leptos::prelude::*;
use oms_core::failure::{LoadError, RETRY_DELAYS_MS, TIMEOUT_SECONDS};
use oms_core::figures;
use oms_core::sha256;
use oms_core::snapshot::{self, Json};
use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Waits `ms` milliseconds (0: lets the browser run its other tasks first, such as a frame or
/// the reader's input).
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(
            &resolve,
            i32::try_from(ms).unwrap_or(i32::MAX),
        );
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A failed request as a load error, with the browser's message (gloo-net's error is not
/// `Clone`: only its text is kept, for the console).
fn network_error(e: gloo_net::Error) -> LoadError {
    LoadError::Network(match e {
        gloo_net::Error::JsError(js) => js.message,
        other => other.to_string(),
    })
}

/// The body at `url`, or why not: the status is checked (fetch resolves on 404 and 500), and the
/// whole exchange, body included, must end within [`TIMEOUT_SECONDS`].
async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let controller =
        web_sys::AbortController::new().map_err(|_| LoadError::Network(String::new()))?;
    let timed_out = Rc::new(Cell::new(false));
    let flag = Rc::clone(&timed_out);
    let abort = controller.clone();
    let on_timeout = Closure::once(move || {
        flag.set(true);
        abort.abort();
    });
    let timer = window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            on_timeout.as_ref().unchecked_ref(),
            i32::try_from(TIMEOUT_SECONDS * 1000).unwrap_or(i32::MAX),
        )
        .ok();
    let signal = controller.signal();
    let result = async {
        let resp = Request::get(url)
            .abort_signal(Some(&signal))
            .send()
            .await
            .map_err(network_error)?;
        if !resp.ok() {
            return Err(LoadError::Http {
                status: resp.status(),
                status_text: resp.status_text(),
            });
        }
        resp.text().await.map_err(network_error)
    }
    .await;
    if let Some(t) = timer {
        window().clear_timeout_with_handle(t);
    }
    drop(on_timeout);
    match result {
        Err(LoadError::Network(_)) if timed_out.get() => Err(LoadError::Timeout {
            seconds: TIMEOUT_SECONDS,
        }),
        other => other,
    }
}

/// Parses and validates a snapshot document.
pub fn parse_snapshot(body: &str) -> Result<Loaded, LoadError> {
    snapshot::check_size(body.len()).map_err(|p| LoadError::Invalid(vec![p]))?;
    // The browser's own parser: no JSON parser compiled into the wasm.
    let value = js_sys::JSON::parse(body).map_err(|e| {
        if body.trim_start().starts_with('<') {
            return LoadError::Html;
        }
        LoadError::Json(
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default(),
        )
    })?;
    let doc: Json =
        serde_wasm_bindgen::from_value(value).map_err(|e| LoadError::Json(e.to_string()))?;
    let snapshot = snapshot::validate(&doc).map_err(LoadError::Invalid)?;
    let headline = figures::headline(&snapshot).ok_or_else(|| LoadError::Invalid(Vec::new()))?;
    Ok(Loaded { snapshot, headline })
}

fn storage() -> Option<web_sys::Storage> {
    // Unavailable in some sandboxes and privacy modes: then nothing is kept.
    window().local_storage().ok().flatten()
}

fn keys(url: &str) -> (String, String) {
    let base = format!("open-model-share:last-good:{url}");
    (format!("{base}:text"), format!("{base}:sha256"))
}

/// Keeps a valid snapshot, with its SHA-256, as the last good copy for `url` (written only when
/// it changed).
fn keep(url: &str, body: &str) {
    if let Some(s) = storage() {
        let (text, hash) = keys(url);
        let digest = sha256::hex(body.as_bytes());
        if s.get_item(&hash).ok().flatten().as_deref() == Some(digest.as_str()) {
            return;
        }
        let _ = s.set_item(&text, body);
        let _ = s.set_item(&hash, &digest);
    }
}

/// The last good copy for `url`, if it is intact and still validates; a copy that is not is
/// discarded.
fn last_good(url: &str) -> Option<Loaded> {
    let s = storage()?;
    let (text_key, hash_key) = keys(url);
    let text = s.get_item(&text_key).ok()??;
    let hash = s.get_item(&hash_key).ok().flatten();
    let intact = hash.as_deref() == Some(sha256::hex(text.as_bytes()).as_str());
    match intact.then(|| parse_snapshot(&text)) {
        Some(Ok(l)) => Some(l),
        _ => {
            leptos::logging::warn!(
                "open-model-share: the saved copy no longer validates; discarded"
            );
            let _ = s.remove_item(&text_key);
            let _ = s.remove_item(&hash_key);
            None
        }
    }
}

/// Loads the snapshot at `url`: up to three automatic retries of transient failures, with
/// growing delays; on failure, the last good copy (marked stale) if there is one.
pub async fn load(url: &str) -> LoadState {
    let mut attempt = 0;
    loop {
        let result = match fetch_text(url).await {
            Ok(body) => parse_snapshot(&body).map(|l| (l, body)),
            Err(e) => Err(e),
        };
        match result {
            Ok((loaded, body)) => {
                // Parsing, keeping the copy and drawing in separate tasks: none of them blocks a
                // slow phone for long.
                let url = url.to_owned();
                wasm_bindgen_futures::spawn_local(async move {
                    sleep(0).await;
                    keep(&url, &body);
                });
                sleep(0).await;
                return LoadState::Ready(Arc::new(loaded));
            }
            Err(e) if e.is_transient() && attempt < RETRY_DELAYS_MS.len() => {
                leptos::logging::warn!(
                    "open-model-share: loading failed ({}); retrying",
                    e.detail().unwrap_or("transient")
                );
                sleep(RETRY_DELAYS_MS[attempt]).await;
                attempt += 1;
            }
            Err(e) => {
                if let Some(d) = e.detail() {
                    leptos::logging::warn!("open-model-share: {d}");
                }
                return match last_good(url) {
                    Some(l) => LoadState::Stale(Arc::new(l), e),
                    None => LoadState::Failed(e),
                };
            }
        }
    }
}
