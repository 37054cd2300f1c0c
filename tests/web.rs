//! Components mounted in a real browser (wasm-bindgen-test in headless Chromium): rendering,
//! the slider, keys and resizing work on live DOM.
#![cfg(target_arch = "wasm32")]

use guizhou_map::core::bundle::Bundle;
use guizhou_map::core::i18n::Lang;
use guizhou_map::view::{fill_of, Page, PageProps, SharedBundle};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn bundle() -> Rc<Bundle> {
    Rc::new(
        Bundle::from_texts(
            include_str!("../static/data/resumption-2020.json"),
            include_str!("../static/geo/guizhou-prefectures.bnd.json"),
        )
        .unwrap(),
    )
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Yew renders asynchronously: let a macrotask pass.
async fn settle() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

/// Waits (up to 3 s, in 20 ms steps) until `cond` holds: Yew renders asynchronously, and a busy
/// machine can take longer than one macrotask.
async fn until(mut cond: impl FnMut() -> bool) {
    for _ in 0..150 {
        if cond() {
            return;
        }
        settle().await;
    }
}

thread_local! {
    /// The apps mounted so far: each test destroys the earlier ones first, so their document key
    /// listeners and effects do not answer this test's events.
    static MOUNTED: std::cell::RefCell<Vec<yew::AppHandle<Page>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A fresh `width_px`-wide container in the page, the apps of earlier tests destroyed first.
fn container(width_px: u32) -> web_sys::Element {
    for app in MOUNTED.with(|m| m.take()) {
        app.destroy();
    }
    let root = document().create_element("div").unwrap();
    root.set_attribute("style", &format!("width:{width_px}px")).unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    root
}

/// Starts rendering the page with `b` into `root` (Yew renders asynchronously).
fn render(root: &web_sys::Element, b: Rc<Bundle>) {
    let app = yew::Renderer::<Page>::with_root_and_props(
        root.clone(),
        PageProps {
            bundle: SharedBundle(b),
            default_lang: Lang::En,
            url: Default::default(),
            url_notices: vec![],
            autoplay_allowed: true,
            children: Default::default(),
            generation: 0,
            link_failed: vec![],
            source_key: Default::default(),
        },
    )
    .render();
    MOUNTED.with(|m| m.borrow_mut().push(app));
}

async fn mount(width_px: u32) -> (web_sys::Element, Rc<Bundle>) {
    let root = container(width_px);
    let b = bundle();
    render(&root, b.clone());
    until(|| root.query_selector_all("[data-region]").map(|l| l.length() == 9).unwrap_or(false)).await;
    // On screen, as a reader's map is: the date keys act only on a figure in view (core::keys::in_view),
    // and the containers of earlier tests stand above this one.
    root.scroll_into_view();
    (root, b)
}

fn fills(root: &web_sys::Element) -> Vec<(String, String)> {
    let list = root.query_selector_all("[data-region]").unwrap();
    (0..list.length())
        .map(|i| {
            let el: web_sys::Element = list.item(i).unwrap().dyn_into().unwrap();
            (el.get_attribute("data-region").unwrap(), el.get_attribute("fill").unwrap())
        })
        .collect()
}

fn current_date(root: &web_sys::Element) -> String {
    root.query_selector("[data-current-date]").unwrap().unwrap().get_attribute("data-current-date").unwrap()
}

#[wasm_bindgen_test]
async fn slider_input_changes_date_and_fills() {
    let (root, b) = mount(700).await;
    assert_eq!(fills(&root).len(), 9);
    assert_eq!(current_date(&root), "2020-03-01");
    let slider: web_sys::HtmlInputElement =
        root.query_selector("input[type=range]").unwrap().unwrap().dyn_into().unwrap();
    slider.set_value("9");
    slider.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    until(|| current_date(&root) == "2020-02-19").await;
    assert_eq!(current_date(&root), "2020-02-19");
    assert_eq!(slider.get_attribute("aria-valuetext").as_deref(), Some("2020-02-19"));
    for (code, fill) in fills(&root) {
        assert_eq!(fill, fill_of(b.dataset.value(&code, 9)).to_string(), "{code}");
    }
    // Not all equal any more: the map shows differences between prefectures.
    let distinct: std::collections::HashSet<_> = fills(&root).into_iter().map(|f| f.1).collect();
    assert!(distinct.len() >= 3, "{distinct:?}");
    root.remove();
}

/// Presses `k` as the document sees a key press (a bubbling `keydown` on the body).
fn key(k: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(k);
    init.set_bubbles(true);
    let e = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    document().body().unwrap().dispatch_event(&e).unwrap();
}

#[wasm_bindgen_test]
async fn arrow_keys_step_one_day() {
    let (root, _) = mount(700).await;
    key("ArrowLeft");
    until(|| current_date(&root) == "2020-02-29").await;
    assert_eq!(current_date(&root), "2020-02-29");
    key("ArrowLeft");
    key("ArrowLeft");
    until(|| current_date(&root) == "2020-02-27").await;
    assert_eq!(current_date(&root), "2020-02-27");
    key("ArrowRight");
    until(|| current_date(&root) == "2020-02-28").await;
    assert_eq!(current_date(&root), "2020-02-28");
    root.remove();
}

#[wasm_bindgen_test]
async fn map_fits_its_container_and_refits_on_resize() {
    let (root, _) = mount(500).await;
    let svg = root.query_selector(".map svg").unwrap().unwrap();
    until(|| svg.get_attribute("width").as_deref() == Some("500")).await;
    assert_eq!(svg.get_attribute("width").as_deref(), Some("500"), "fitted to its 500 px container");
    let d_before = root.query_selector("[data-region]").unwrap().unwrap().get_attribute("d").unwrap();
    root.set_attribute("style", "width:320px").unwrap();
    until(|| svg.get_attribute("width").as_deref() == Some("320")).await;
    assert_eq!(svg.get_attribute("width").as_deref(), Some("320"));
    let d_after = root.query_selector("[data-region]").unwrap().unwrap().get_attribute("d").unwrap();
    assert_ne!(d_before, d_after, "paths are recomputed for the new size");
    root.remove();
}

#[wasm_bindgen_test]
fn fatal_banner_shows_the_message() {
    let banner = document().create_element("div").unwrap();
    banner.set_id("fatal");
    banner.set_attribute("hidden", "").unwrap();
    banner.set_inner_html("<span class=\"fatal-detail\"></span>");
    document().body().unwrap().append_child(&banner).unwrap();
    guizhou_map::view::show_fatal("panicked at src/x.rs:1:1: boom");
    assert!(!banner.has_attribute("hidden"));
    assert!(banner.text_content().unwrap().contains("boom"));
    banner.remove();
}

/// Resolves at the next animation frame, with its timestamp.
async fn next_frame() -> f64 {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().request_animation_frame(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap().as_f64().unwrap()
}

#[wasm_bindgen_test]
async fn charts_trail_a_date_that_changes_at_every_frame_and_catch_up_when_it_rests() {
    let (root, _) = mount(900).await;
    let charts_date =
        || root.query_selector(".charts").unwrap().unwrap().get_attribute("data-date").unwrap_or_default();
    until(|| charts_date() == current_date(&root)).await;
    assert_eq!(charts_date(), "2020-03-01");
    // A step at every frame for 40 frames, within the 21 dates, never back on the start date (a
    // change back to the shown date is a change too, but keeps this count simple).
    let (mut map_changes, mut chart_changes, mut behind) = (0, 0, 0);
    let (mut last_map, mut last_chart) = (current_date(&root), charts_date());
    let start = next_frame().await;
    let mut end = start;
    for k in 0..40 {
        key(if (15..28).contains(&k) { "ArrowRight" } else { "ArrowLeft" });
        end = next_frame().await;
        let (map, chart) = (current_date(&root), charts_date());
        map_changes += usize::from(map != last_map);
        chart_changes += usize::from(chart != last_chart);
        behind += usize::from(map != chart);
        (last_map, last_chart) = (map, chart);
    }
    let elapsed = end - start;
    assert!(map_changes >= 38, "the map shows every step in the frame after it: {map_changes} of 40");
    // The charts refresh only every 250 ms (bounded by the time the frames took, so a slow
    // machine's slower frames do not fail this), still at least once in a long scrub, and show an
    // earlier date than the map in every other frame.
    let bound = (elapsed / guizhou_map::core::trailing::MAX_LAG_MS).floor() as usize + 1;
    assert!(chart_changes <= bound, "at most every 250 ms: {chart_changes} refreshes in {elapsed:.0} ms");
    assert!(chart_changes >= 1 || elapsed < 300.0, "but they refresh during a long scrub ({elapsed:.0} ms)");
    assert!(chart_changes < map_changes / 2, "{chart_changes} chart refreshes for {map_changes} map changes");
    assert!(
        behind + chart_changes >= 38,
        "the charts trail: behind in {behind} of 40 frames, {chart_changes} refreshes"
    );
    // At rest, they catch up within a few frames.
    for _ in 0..4 {
        next_frame().await;
    }
    assert_eq!(charts_date(), current_date(&root));
    root.remove();
}

#[wasm_bindgen_test]
async fn the_charts_are_drawn_a_frame_after_the_map_appears() {
    let root = container(900);
    // Records, when the map's regions first all exist (in the mutation observer's microtask, so in
    // the same task as the render that made them), what of the charts exists too.
    let watch = js_sys::Function::new_with_args(
        "root",
        "window.__firstMap = null;
         const mo = new MutationObserver(() => {
           if (window.__firstMap || root.querySelectorAll('[data-region]').length !== 9) return;
           window.__firstMap = {
             charts: !!root.querySelector('.charts .time-chart .chart-canvas'),
             lines: !!root.querySelector('.time-chart .chart-layer svg'),
             bars: root.querySelectorAll('.ranking-svg g').length,
           };
           mo.disconnect();
         });
         mo.observe(root, { subtree: true, childList: true, attributes: true });",
    );
    watch.call1(&wasm_bindgen::JsValue::NULL, &root).unwrap();
    render(&root, bundle());
    let first = || js_sys::Reflect::get(&web_sys::window().unwrap(), &"__firstMap".into()).unwrap();
    until(|| !first().is_null()).await;
    let get = |k: &str| js_sys::Reflect::get(&first(), &k.into()).unwrap();
    assert_eq!(get("charts").as_bool(), Some(true), "the charts' frames are there with the map");
    assert_eq!(get("lines").as_bool(), Some(false), "their drawings are not, in the map's first frame");
    assert_eq!(get("bars").as_f64(), Some(0.0));
    until(|| root.query_selector_all(".ranking-svg g").map(|l| l.length() == 9).unwrap_or(false)).await;
    assert!(root.query_selector(".time-chart .chart-layer svg").unwrap().is_some(), "then they are drawn");
    root.remove();
}
