//! Hooks shared by components: measuring an element, following a media query, a `<details>`'s state,
//! a value that trails while it changes at every frame.

use crate::core::trailing::{Tick, Trailing};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Measures an element's content width, and the window's height, on every resize of the element
/// (ResizeObserver) or of the window: the map fills the width but never grows taller than the
/// screen (or, embedded, its iframe) allows. An iframe made taller by its host page changes only
/// the window's height, hence the window's `resize` too.
///
/// `seed` until the element has a width (`None`: unknown). With `at_once`, it is measured as soon
/// as it is mounted (by an effect of its first render, in the same task unless Yew yields to the
/// browser in between), so a component can wait for its size instead of drawing first at a
/// guessed one; that read forces a layout of the page as
/// it is then, so only a component that waits asks for it. Else the observer's first report
/// measures it, in the next frame's rendering step. Still `seed` while the element is hidden (no
/// width), and always on the server.
#[hook]
pub fn use_measured_size(node: NodeRef, seed: Option<(f64, f64)>, at_once: bool) -> Option<(f64, f64)> {
    let size = use_state_eq(|| seed);
    {
        let size = size.clone();
        use_effect_with(node, move |node| {
            let el = node.cast::<web_sys::Element>();
            let measure = {
                let (size, el) = (size.clone(), el.clone());
                move || {
                    let Some(el) = &el else { return };
                    let w = el.client_width() as f64;
                    let h = crate::view::window()
                        .and_then(|w| w.inner_height().ok())
                        .and_then(|h| h.as_f64())
                        .unwrap_or(f64::INFINITY);
                    if w > 0.0 {
                        size.set(Some((w, h)));
                    }
                }
            };
            if at_once {
                measure();
            }
            let on_resize = {
                let measure = measure.clone();
                Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| measure())
            };
            let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let (Some(o), Some(el)) = (&observer, &el) {
                o.observe(el);
            }
            let on_window =
                crate::view::window().map(|w| gloo::events::EventListener::new(&w, "resize", move |_| measure()));
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop((on_resize, on_window));
            }
        });
    }
    *size
}

/// As [`use_measured_size`], with `initial` until the element is measured.
#[hook]
pub fn use_size(node: NodeRef, initial: (f64, f64)) -> (f64, f64) {
    use_measured_size(node, None, false).unwrap_or(initial)
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

/// `false` until the frame after the component first appeared has been rendered, then `true`:
/// for work that can come a frame after what the reader came for (the charts below the map, so
/// that the map is shown and usable sooner). "Appeared": on screen, so while the live page waits
/// unseen to replace the static one ([`crate::view::boot`]), the frame after it is shown.
/// Rendered on the server, `true` at once.
#[hook]
pub fn use_after_first_frame() -> bool {
    let ready = use_state_eq(|| !cfg!(target_arch = "wasm32"));
    let pending = use_mut_ref(|| None::<(gloo::render::AnimationFrame, Option<gloo::timers::callback::Timeout>)>);
    {
        let (ready, pending) = (ready.clone(), pending.clone());
        use_effect_with((), move |_| {
            // Cleared on unmount: a reveal after it arms nothing.
            let alive = std::rc::Rc::new(std::cell::Cell::new(true));
            if !*ready {
                let (alive, pending) = (alive.clone(), pending.clone());
                crate::view::boot::when_shown(move || {
                    if !alive.get() {
                        return;
                    }
                    let later = pending.clone();
                    // The frame callback runs before that frame is rendered; a task queued from it
                    // runs after. Dropping either handle (on unmount) cancels it.
                    let frame = gloo::render::request_animation_frame(move |_| {
                        let timeout = gloo::timers::callback::Timeout::new(0, move || ready.set(true));
                        if let Some(p) = later.borrow_mut().as_mut() {
                            p.1 = Some(timeout);
                        }
                    });
                    *pending.borrow_mut() = Some((frame, None));
                });
            }
            move || {
                alive.set(false);
                drop(pending.borrow_mut().take())
            }
        });
    }
    *ready
}

/// `value`, trailing while it changes at every frame (the rule is [`crate::core::trailing`]):
/// the same value one frame later once it rests, and at least every quarter of a second while it
/// keeps moving. For views that cost more to redraw than a frame allows during a fast scrub (the
/// charts), while the map shows each value at once. On the server it is `value`.
#[hook]
pub fn use_trailing<T: Clone + PartialEq + 'static>(value: T) -> T {
    let shown = use_state_eq(|| value.clone());
    let follower = use_mut_ref(|| Follower { rule: Trailing::new(value.clone()), frame: None });
    {
        // On unmount, cancel the frame asked for (its callback holds the follower: a cycle until then).
        let follower = follower.clone();
        use_effect_with((), move |_| move || drop(follower.borrow_mut().frame.take()));
    }
    {
        let (shown, follower) = (shown.clone(), follower.clone());
        use_effect_with(value, move |value| {
            let now = crate::view::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now());
            let start = follower.borrow_mut().rule.set(value.clone(), now);
            if start && follower.borrow().frame.is_none() {
                next_frame(follower, shown);
            }
        });
    }
    (*shown).clone()
}

/// [`use_trailing`]'s state: the rule, and the animation frame it waits for (dropping the handle
/// cancels it, so an unmounted component stops asking).
struct Follower<T> {
    rule: Trailing<T>,
    frame: Option<gloo::render::AnimationFrame>,
}

fn next_frame<T: Clone + PartialEq + 'static>(
    follower: std::rc::Rc<std::cell::RefCell<Follower<T>>>,
    shown: UseStateHandle<T>,
) {
    let f = follower.clone();
    let handle = gloo::render::request_animation_frame(move |now| {
        let tick = {
            let mut f = f.borrow_mut();
            f.frame = None;
            f.rule.frame(now)
        };
        match tick {
            Tick::Show(v) => shown.set(v),
            Tick::Wait => next_frame(f, shown),
            Tick::Idle => {}
        }
    });
    follower.borrow_mut().frame = Some(handle);
}
