//! Regions of the page whose markup the core writes (`oms_core::render::widget`): each is written
//! again when its markup changes, and the reader keeps the focus they had in it.

use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsCast;

/// The `data-focus` key of the focused element, if it is inside `root`.
fn focused_key(root: &web_sys::Element) -> Option<String> {
    let active = document().active_element()?;
    if !root.contains(Some(&active)) {
        return None;
    }
    active.get_attribute("data-focus")
}

/// Every element of `root` matching `selector`, in document order.
pub fn all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .collect()
}

/// Focuses `el`, an HTML or an SVG element.
pub fn focus(el: web_sys::Element) {
    match el.dyn_into::<web_sys::HtmlElement>() {
        Ok(html) => {
            let _ = html.focus();
        }
        Err(el) => {
            if let Ok(svg) = el.dyn_into::<web_sys::SvgElement>() {
                let _ = svg.focus();
            }
        }
    }
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

/// The element an event happened on, or its nearest ancestor matching `selector`.
pub fn closest(ev: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}

/// `true` when a pointer moving from `ev`'s target went to (or came from) somewhere inside `el`:
/// a move between the parts of one mark or button is not an enter or a leave.
pub fn stays_inside(ev: &web_sys::PointerEvent, el: &web_sys::Element) -> bool {
    ev.related_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        .is_some_and(|n| el.contains(Some(&n)))
}

/// The same for focus moving between the parts of one element.
pub fn focus_stays_inside(ev: &web_sys::FocusEvent, el: &web_sys::Element) -> bool {
    ev.related_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        .is_some_and(|n| el.contains(Some(&n)))
}
