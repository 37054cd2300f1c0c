//! The hand-over from the static page to the live app.
//!
//! `index.html` holds a prerendered page (`src/bin/prerender.rs`) inside `#app`. The live app
//! mounts beside it, into `#live`, which stays laid out at the page's width but unseen
//! (`#live.pending` in `static/style.css`) until its map is drawn at its measured size. Then
//! [`reveal`] removes the static page in the same task, so the reader sees one page replace the
//! other: never a loading notice between them, an empty map, or a map drawn at a guessed size and
//! then redrawn.

use wasm_bindgen::JsCast;

/// The id of the live app's element inside `#app`.
const LIVE: &str = "live";

/// Creates `#live.pending` at the end of `#app` and returns it, for the app to mount into.
/// `None` without a browser document or without `#app`.
pub fn mount_point() -> Option<web_sys::Element> {
    let document = crate::view::window()?.document()?;
    let app = document.get_element_by_id("app")?;
    let live = document.create_element("div").ok()?;
    live.set_id(LIVE);
    live.set_class_name("pending");
    app.append_child(&live).ok()?;
    Some(live)
}

/// Shows the live app in place of the static page: removes everything else in `#app`, the
/// `pending` class, and the page's "loading" bar (`html[data-booting]`, set by `index.html`).
/// Called when the live map is drawn, and when the app has something else to say first (a
/// download's progress, a failure). Does nothing the second time, or where there is no `#live`
/// (tests that mount components into their own elements).
pub fn reveal() {
    let Some(document) = crate::view::window().and_then(|w| w.document()) else { return };
    let Some(live) = document.get_element_by_id(LIVE) else { return };
    if !live.class_list().contains("pending") {
        return;
    }
    if let Some(app) = live.parent_element() {
        let mut child = app.first_child();
        while let Some(node) = child {
            child = node.next_sibling();
            if node.dyn_ref::<web_sys::Element>().is_none_or(|e| e.id() != LIVE) {
                let _ = app.remove_child(&node);
            }
        }
    }
    let _ = live.class_list().remove_1("pending");
    if let Some(html) = document.document_element() {
        let _ = html.remove_attribute("data-booting");
    }
}
