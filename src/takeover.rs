//! The takeover of a prerendered page: the widget renders the same `<main>` off the page, from the
//! same core renderer, then puts it in place of the static one in one step, before the next
//! paint. The reader sees no change: their focus, open definition and scrolled table stay where
//! they were. If the widget cannot load the snapshot, the static view simply stays.

use crate::dom::all;
use crate::DRAWN_MARK;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The `performance.mark` set once the widget answers the reader (a contract).
pub const INTERACTIVE_MARK: &str = "open-model-share:interactive";

/// The prerendered `<main>` in the page, if there is one (it is taken over).
pub fn static_main() -> Option<web_sys::Element> {
    document()
        .body()?
        .query_selector(":scope > main.oms")
        .ok()
        .flatten()
}

/// `true` while a prerendered page waits to be taken over: the widget renders off the page.
pub fn waiting() -> bool {
    document().document_element().is_some_and(|root| {
        root.has_attribute("data-oms-page") && !root.has_attribute("data-oms-live")
    })
}

/// The child-index path from `root` to `node`, if `node` is inside `root`.
fn path_to(root: &web_sys::Node, node: &web_sys::Node) -> Option<Vec<u32>> {
    let mut path = Vec::new();
    let mut at = node.clone();
    while !at.is_same_node(Some(root)) {
        let parent = at.parent_node()?;
        let siblings = parent.child_nodes();
        let index = (0..siblings.length())
            .find(|&i| siblings.item(i).is_some_and(|n| n.is_same_node(Some(&at))))?;
        path.push(index);
        at = parent;
    }
    path.reverse();
    Some(path)
}

/// The node at `path` under `root`.
fn node_at(root: &web_sys::Node, path: &[u32]) -> Option<web_sys::Node> {
    path.iter()
        .try_fold(root.clone(), |at, &i| at.child_nodes().item(i))
}

/// Sets the `performance.mark` `name` unless it is set already (each is set once a page).
pub fn mark_once(name: &str) {
    if let Some(p) = window().performance() {
        if p.get_entries_by_name(name).length() == 0 {
            let _ = p.mark(name);
        }
    }
}

/// Puts the live `<main>` (`live`, rendered off the page) in place of the prerendered one,
/// keeping the reader's place; on a page with nothing prerendered, only marks the widget
/// interactive. A live view of a saved copy (loading failed) leaves the page as it is.
pub fn complete(live: &web_sys::Element) {
    let doc = document();
    let Some(root) = doc.document_element() else {
        return;
    };
    if root.has_attribute("data-oms-live") {
        return;
    }
    if let Some(old) = static_main().filter(|m| !m.is_same_node(Some(live))) {
        // A copy saved on this device, shown because loading failed, is older than the page:
        // the page stays, and its buttons still lead to the other pages.
        if live.query_selector(".oms-stale").ok().flatten().is_some() {
            return;
        }
        // What the reader did to the static view: where the focus is, which definitions are
        // open, how far a table is scrolled.
        let focus = doc.active_element().and_then(|a| path_to(&old, &a));
        for (from, to) in all(&old, "details").iter().zip(all(live, "details")) {
            if from.has_attribute("open") {
                let _ = to.set_attribute("open", "");
            }
        }
        let scrolled: Vec<i32> = all(&old, ".oms-table-wrap")
            .iter()
            .map(|e| e.scroll_left())
            .collect();
        if old.replace_with_with_node_1(live).is_err() {
            return;
        }
        let _ = root.set_attribute("data-oms-live", "");
        for (el, left) in all(live, ".oms-table-wrap").iter().zip(scrolled) {
            el.set_scroll_left(left);
        }
        if let Some(el) = focus
            .and_then(|path| node_at(live, &path))
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            crate::dom::focus(el);
        }
        // The page's chart is now the widget's.
        if live
            .query_selector(".oms-figure .oms-mark")
            .ok()
            .flatten()
            .is_some()
        {
            mark_once(DRAWN_MARK);
        }
    } else {
        let _ = root.set_attribute("data-oms-live", "");
    }
    mark_once(INTERACTIVE_MARK);
}
