//! Regions of the page whose markup the core writes (`oms_core::render::widget`): each is written
//! again when its markup changes, and the reader keeps the focus they had in it.

use crate::dom::focus;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};

/// The `data-focus` key of the focused element, if it is inside `root`.
fn focused_key(root: &web_sys::Element) -> Option<String> {
    let active = document().active_element()?;
    if !root.contains(Some(&active)) {
        return None;
    }
    active.get_attribute("data-focus")
}

/// Writes `html` into `root`, keeping the focus on the element with the same `data-focus` key.
fn write(root: &web_sys::Element, html: &str) {
    let key = focused_key(root);
    root.set_inner_html(html);
    if let Some(key) = key {
        if let Ok(Some(el)) = root.query_selector(&format!("[data-focus=\"{key}\"]")) {
            focus(el);
        }
    }
}

thread_local! {
    /// Regions made but not yet written for the first time.
    static PENDING: Cell<usize> = const { Cell::new(0) };
    /// What waits for every region to be written.
    static WAITING: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
}

/// Runs `then` once every region made so far has been written (at once if they all have).
pub fn when_written(then: impl FnOnce() + 'static) {
    if PENDING.with(Cell::get) == 0 {
        then();
    } else {
        WAITING.with(|w| w.borrow_mut().push(Box::new(then)));
    }
}

/// A region not yet written: dropped once it is (or once it is gone unwritten), which may
/// release what waits for every region.
struct Pending;

impl Pending {
    fn new() -> Self {
        PENDING.with(|p| p.set(p.get() + 1));
        Pending
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        let left = PENDING.with(|p| {
            p.set(p.get().saturating_sub(1));
            p.get()
        });
        if left == 0 {
            for then in WAITING.with(|w| std::mem::take(&mut *w.borrow_mut())) {
                then();
            }
        }
    }
}

/// Keeps the content of the element `node` equal to `html`, calling `written` after each write.
///
/// While the widget renders off a prerendered page (see `takeover`), the first write, markup
/// included, waits for a task of its own: the regions are made one task each, so that taking
/// over never blocks a slow phone for long. Elsewhere (on screen, where a region written late
/// would move the page) and from then on, every change is written at once.
pub fn use_region(
    node: NodeRef<leptos::html::Div>,
    html: Signal<String>,
    written: impl Fn(&web_sys::Element) + 'static,
) {
    region(node, html, Box::new(written));
}

/// [`use_region`], compiled once for every caller.
fn region(
    node: NodeRef<leptos::html::Div>,
    html: Signal<String>,
    written: Box<dyn Fn(&web_sys::Element)>,
) {
    let follow = move |pending: Option<Pending>| {
        let mut pending = pending;
        // The markup last written: an unchanged region is not written again (which would close
        // an open definition or lose a scrolled table). Not compared with `innerHTML`, which the
        // browser serializes its own way.
        let mut last: Option<String> = None;
        Effect::new(move |_| {
            let html = html.get();
            if last.as_ref() != Some(&html) {
                if let Some(el) = node.get_untracked() {
                    write(&el, &html);
                    written(&el);
                }
                last = Some(html);
            }
            pending.take();
        });
    };
    if !crate::takeover::waiting() {
        follow(None);
        return;
    }
    let pending = Pending::new();
    let owner = Owner::current();
    wasm_bindgen_futures::spawn_local(async move {
        crate::fetch::sleep(0).await;
        // Gone if the widget was taken down meanwhile.
        if node.try_get_untracked().is_none() {
            return;
        }
        match owner {
            Some(owner) => owner.with(|| follow(Some(pending))),
            None => follow(Some(pending)),
        }
    });
}
