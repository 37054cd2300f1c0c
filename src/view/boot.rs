//! The hand-over from the static page to the live app.
//!
//! `index.html` holds a prerendered page (`src/bin/prerender.rs`) inside `#app`. The live app
//! mounts beside it, into `#live`, which stays laid out at the page's width but unseen
//! (`#live.pending` in `static/style.css`) until its map is drawn: at the static page's width, or
//! at its measured size, and at the room measured around it. From the next frame CSS shows it in
//! the static page's place (`:has`, so no script has to run first), and [`reveal`] then removes
//! the static page for good, and those rules with it. The reader sees one page replace the other:
//! never a loading notice between them, nor an empty map, nor a map at a guessed size. (On a
//! window too short for the whole map, the static page's map height is a guess, as CSS cannot
//! measure the live page's room: there the map's height changes at the swap, once.)

use js_sys::{Function, Reflect};
use std::cell::{Cell, RefCell};
use wasm_bindgen::{JsCast, JsValue};

/// The id of the live app's element inside `#app`.
const LIVE: &str = "live";

thread_local! {
    /// The static page's map width and the window's height, read before the app mounts.
    static STATIC_MAP: Cell<Option<(f64, f64)>> = const { Cell::new(None) };
    /// What waits for the live page to be shown ([`when_shown`]).
    static ON_REVEAL: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
    /// The stylesheet holding [`SHOW_WHEN_DRAWN`] during the hand-over, and how many it took.
    static RULES: RefCell<Option<(JsValue, u32)>> = const { RefCell::new(None) };
}

/// Show the live page in the static page's place from the frame after its map is drawn, before
/// any script runs. Added to the page's stylesheet (through the CSSOM, which the documented
/// Content-Security-Policy allows) for the hand-over only: `:has()` rules are checked again at
/// changes anywhere below them, which cost a date step 5–8 ms at its p95 at 4× CPU (measured)
/// while they stayed. A browser without `:has()` refuses them; the script's reveal then shows it.
const SHOW_WHEN_DRAWN: [&str; 3] = [
    "#live.pending:has(.map[data-drawn]) { position: static; visibility: visible; }",
    "#app:has(> #live .map[data-drawn]) > :not(#live) { display: none; }",
    "html[data-booting]:has(#live .map[data-drawn]) #app::before { display: none; }",
];

/// Calls `target.name(args…)`, a method web-sys would need features for.
fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Option<JsValue> {
    let f: Function = Reflect::get(target, &name.into()).ok()?.dyn_into().ok()?;
    f.apply(target, &args.iter().collect()).ok()
}

/// Appends [`SHOW_WHEN_DRAWN`] to the app's stylesheet (the one `index.html` links).
fn add_rules(document: &web_sys::Document) {
    let Ok(sheets) = Reflect::get(document, &"styleSheets".into()) else { return };
    let n = Reflect::get(&sheets, &"length".into()).ok().and_then(|n| n.as_f64()).unwrap_or(0.0) as u32;
    let Some(sheet) = (0..n).filter_map(|i| Reflect::get_u32(&sheets, i).ok()).find(|s| {
        Reflect::get(s, &"href".into()).ok().and_then(|h| h.as_string()).is_some_and(|h| h.ends_with(".css"))
    }) else {
        return;
    };
    let mut added = 0;
    for rule in SHOW_WHEN_DRAWN {
        let Some(at) = rule_count(&sheet) else { break };
        if call(&sheet, "insertRule", &[rule.into(), at.into()]).is_some() {
            added += 1;
        }
    }
    RULES.with(|r| *r.borrow_mut() = Some((sheet, added)));
}

/// How many rules `sheet` holds.
fn rule_count(sheet: &JsValue) -> Option<u32> {
    let rules = Reflect::get(sheet, &"cssRules".into()).ok()?;
    Reflect::get(&rules, &"length".into()).ok()?.as_f64().map(|n| n as u32)
}

/// Removes what [`add_rules`] added: the last rules of the sheet, as nothing adds rules after them.
fn remove_rules() {
    let Some((sheet, added)) = RULES.with(|r| r.borrow_mut().take()) else { return };
    for _ in 0..added {
        if let Some(last) = rule_count(&sheet).and_then(|n| n.checked_sub(1)) {
            call(&sheet, "deleteRule", &[last.into()]);
        }
    }
}

/// `true` until [`reveal`] (the live page may already show, by CSS, from the frame after its map
/// is drawn).
pub fn pending() -> bool {
    crate::view::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(LIVE))
        .is_some_and(|live| live.class_list().contains("pending"))
}

/// Runs `f` once the live page is shown: now if it is (or outside the hand-over), else in a task
/// after [`reveal`] shows it. For work that should come after what the reader sees first: a frame
/// "after the first" of a page not yet shown would land before it.
pub fn when_shown(f: impl FnOnce() + 'static) {
    if pending() {
        ON_REVEAL.with(|w| w.borrow_mut().push(Box::new(f)));
    } else {
        f();
    }
}

/// Creates `#live.pending` at the end of `#app` and returns it, for the app to mount into.
/// `None` without a browser document or without `#app`. Reads the static page's map size first
/// ([`static_map_size`]), while nothing else is in the layout.
pub fn mount_point() -> Option<web_sys::Element> {
    let window = crate::view::window()?;
    let document = window.document()?;
    let app = document.get_element_by_id("app")?;
    let width = app.query_selector(".page .map").ok().flatten().map(|m| m.client_width() as f64);
    let height = window.inner_height().ok().and_then(|h| h.as_f64());
    if let (Some(w), Some(h)) = (width.filter(|w| *w > 0.0), height) {
        STATIC_MAP.with(|s| s.set(Some((w, h))));
    }
    let live = document.create_element("div").ok()?;
    live.set_id(LIVE);
    live.set_class_name("pending");
    app.append_child(&live).ok()?;
    add_rules(&document);
    Some(live)
}

/// While the static page is on screen, the size its map has: its width and the window's height.
/// The live page's map, laid out as the static page's (the page itself, not an embed or the
/// stage), has the same width, so its first render can draw at it instead of at a guess.
pub fn static_map_size() -> Option<(f64, f64)> {
    pending().then(|| STATIC_MAP.with(Cell::get)).flatten()
}

/// Shows the live app in place of the static page: removes everything else in `#app`, the
/// `pending` class, and the page's "loading" bar (`html[data-booting]`, set by `index.html`).
/// Called when the live map is settled, and when the app has something else to say first (a
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
    remove_rules();
    // A link to a part of the page (the embed's "how they were made" goes to #about-the-data): the
    // browser scrolled to it in the static page, and the live page's charts, above it, moved it
    // down by their height. Scrolled to again, in the live page.
    if let Some(target) = crate::view::window()
        .and_then(|w| w.location().hash().ok())
        .and_then(|hash| hash.strip_prefix('#').filter(|id| !id.is_empty()).map(str::to_string))
        .and_then(|id| document.get_element_by_id(&id))
    {
        target.scroll_into_view();
    }
    // In a task of their own: what waits comes after this task's DOM changes have been seen
    // (a frame requested by a mutation observer, as the benchmark's, is not put behind them).
    let waiting = ON_REVEAL.with(|w| std::mem::take(&mut *w.borrow_mut()));
    if !waiting.is_empty() {
        gloo::timers::callback::Timeout::new(0, move || waiting.into_iter().for_each(|f| f())).forget();
    }
}
