//! Hooks shared by components: measuring an element, following a media query, a `<details>`'s state.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Measures an element's content width, and the window's height, on every resize
/// (ResizeObserver): the map fills the width but never grows taller than the screen allows.
#[hook]
pub fn use_size(node: NodeRef, initial: (f64, f64)) -> (f64, f64) {
    let size = use_state_eq(|| initial);
    {
        let size = size.clone();
        use_effect_with(node, move |node| {
            let el = node.cast::<web_sys::Element>();
            let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                if let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() {
                    let w = entry.content_rect().width().round();
                    let h = crate::view::window()
                        .and_then(|w| w.inner_height().ok())
                        .and_then(|h| h.as_f64())
                        .unwrap_or(f64::INFINITY);
                    if w > 0.0 {
                        size.set((w, h));
                    }
                }
            });
            let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let (Some(o), Some(el)) = (&observer, &el) {
                o.observe(el);
            }
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(on_resize);
            }
        });
    }
    *size
}

/// Whether the CSS media `query` matches, kept current: re-renders when the reader's system
/// setting changes (say the OS switches to its dark scheme at dusk). `false` on the server.
#[hook]
pub fn use_media_query(query: &'static str) -> bool {
    let list = use_memo(query, |q| crate::view::window().and_then(|w| w.match_media(q).ok().flatten()));
    let matches = use_state_eq(|| list.as_ref().as_ref().is_some_and(|m| m.matches()));
    {
        let matches = matches.clone();
        use_effect_with(list, move |list| {
            let listener = list.as_ref().as_ref().map(|m| {
                let m2 = m.clone();
                gloo::events::EventListener::new(m, "change", move |_| matches.set(m2.matches()))
            });
            move || drop(listener)
        });
    }
    *matches
}

/// Whether a `<details>` element is open, and the `ontoggle` callback that keeps it current: for
/// content built only while the reader has it open. Closed at first (and on the server).
#[hook]
pub fn use_details_open() -> (bool, Callback<Event>) {
    let open = use_state_eq(|| false);
    let on_toggle = {
        let open = open.clone();
        use_callback((), move |e: Event, _| {
            if let Some(d) = e.target_dyn_into::<web_sys::HtmlDetailsElement>() {
                open.set(d.open());
            }
        })
    };
    (*open, on_toggle)
}
