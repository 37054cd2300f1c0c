//! The root: loads the data, then shows the page; owns the app state reducer, the playback clock
//! and the document-wide keys.

use crate::core::bundle::{Bundle, LoadError, ATTRIBUTION};
use crate::core::format;
use crate::core::i18n::Lang;
use crate::core::state::{Action, AppState};
use crate::view::facts::Facts;
use crate::view::legend::Legend;
use crate::view::map::MapView;
use crate::view::timeline::TimelineBar;
use std::ops::Deref;
use std::rc::Rc;
use yew::prelude::*;

/// The loaded data, shared without copying; equal only to itself (comparing two bundles field by
/// field on every render would cost more than the render).
#[derive(Clone, Debug)]
pub struct SharedBundle(pub Rc<Bundle>);

impl PartialEq for SharedBundle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for SharedBundle {
    type Target = Bundle;
    fn deref(&self) -> &Bundle {
        &self.0
    }
}

/// `AppState` behind Yew's reducer: an action that changes nothing returns the same `Rc`, so
/// playback ticks between dates cost no render.
#[derive(Clone, PartialEq)]
struct State(AppState);

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = self.0.clone();
        if next.apply(&action) {
            Rc::new(State(next))
        } else {
            self
        }
    }
}

enum Load {
    Loading,
    Ready(SharedBundle),
    Failed(Vec<LoadError>),
}

/// The browser's preferred page language among ours (Chinese when it prefers neither).
fn browser_lang() -> Lang {
    web_sys::window()
        .map(|w| w.navigator().languages())
        .and_then(|langs| langs.iter().filter_map(|l| l.as_string()).find_map(|l| Lang::from_tag(&l)))
        .unwrap_or_default()
}

/// The app: fetches the default files, then renders [`Page`]; a missing or broken file gets a
/// message naming it instead of a blank page.
#[component]
pub fn App() -> Html {
    let load = use_state(|| Load::Loading);
    {
        let load = load.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match crate::view::load::load_default().await {
                    Ok(b) => load.set(Load::Ready(SharedBundle(Rc::new(b)))),
                    Err(e) => load.set(Load::Failed(e)),
                }
            });
        });
    }
    match &*load {
        Load::Loading => html! {
            <p class="status" role="status">{ "正在加载地图… Loading the map…" }</p>
        },
        Load::Ready(bundle) => html! { <Page bundle={bundle.clone()} lang={browser_lang()} /> },
        Load::Failed(errors) => html! {
            <div class="load-error" role="alert">
                <h2>{ "地图无法显示 · The map cannot be shown" }</h2>
                <p>{ "以下文件缺失或有误 · These files are missing or broken:" }</p>
                <ul>{ for errors.iter().map(|e| html! {
                    <li><code>{ &e.file }</code>{ ": " }{ &e.message }</li>
                }) }</ul>
            </div>
        },
    }
}

/// Properties of [`Page`].
#[derive(Properties, PartialEq)]
pub struct PageProps {
    /// The loaded data.
    pub bundle: SharedBundle,
    /// The language to start in.
    #[prop_or_default]
    pub lang: Lang,
}

/// Is the key event's target a place where typing must not move the timeline?
fn typing_target(e: &KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return false;
    };
    match el.tag_name().to_ascii_lowercase().as_str() {
        "textarea" | "select" => true,
        "input" => el.get_attribute("type").map(|t| t != "range" && t != "button" && t != "checkbox").unwrap_or(true),
        _ => el.get_attribute("contenteditable").is_some(),
    }
}

/// The page around the map, for a loaded bundle.
#[component]
pub fn Page(props: &PageProps) -> Html {
    let bundle = &props.bundle;
    let initial_lang = props.lang;
    let n = bundle.dataset.dates.len();
    let state = use_reducer(|| State(AppState::new(n, initial_lang)));
    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };
    let s = &state.0;
    let lang = s.lang;
    let index = s.timeline.index();
    let playing = s.timeline.is_playing();

    // Keep <html lang> in step with the page language.
    use_effect_with(lang, |lang| {
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = el.set_attribute("lang", if *lang == Lang::Zh { "zh-CN" } else { "en" });
        }
    });

    // ← / → anywhere on the page (but not while typing); on the slider too, so it steps exactly
    // one day instead of the browser's own step.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
                // Not passive: we must be able to cancel the slider's own arrow-key step.
                let options = gloo::events::EventListenerOptions::enable_prevent_default();
                gloo::events::EventListener::new_with_options(&doc, "keydown", options, move |e| {
                    use wasm_bindgen::JsCast;
                    let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if e.alt_key() || e.ctrl_key() || e.meta_key() || typing_target(e) {
                        return;
                    }
                    let action = match e.key().as_str() {
                        "ArrowLeft" => Action::Step(-1),
                        "ArrowRight" => Action::Step(1),
                        _ => return,
                    };
                    e.prevent_default();
                    dispatch.emit(action);
                })
            });
            move || drop(listener)
        });
    }

    // The playback clock: one requestAnimationFrame loop while playing, feeding `performance.now()`
    // to the timeline controller, which decides when a date is due.
    {
        let dispatch = dispatch.clone();
        use_effect_with(playing, move |playing| {
            let handle: Rc<std::cell::RefCell<Option<gloo::render::AnimationFrame>>> = Rc::default();
            if *playing {
                fn schedule(
                    handle: Rc<std::cell::RefCell<Option<gloo::render::AnimationFrame>>>,
                    dispatch: Callback<Action>,
                ) {
                    let h2 = handle.clone();
                    let frame = gloo::render::request_animation_frame(move |now| {
                        dispatch.emit(Action::Tick(now));
                        schedule(h2, dispatch);
                    });
                    *handle.borrow_mut() = Some(frame);
                }
                schedule(handle.clone(), dispatch);
            }
            move || {
                handle.borrow_mut().take();
            }
        });
    }

    let meta = &bundle.dataset.meta;
    let date = bundle.dataset.dates.get(index).copied();
    let total = bundle.dataset.total(index);
    let switch_lang = {
        let dispatch = dispatch.clone();
        let other = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::SetLang(other)))
    };
    let events_today: Vec<_> = bundle.dataset.events_on(index).collect();

    html! {
        <div class="page">
            <header class="masthead">
                <div class="masthead-row">
                    <h1>{ meta.title.get(lang) }</h1>
                    <button type="button" class="lang-switch" onclick={switch_lang}
                        aria-label={lang.pick("Switch to English", "切换到中文")}>
                        { lang.pick("English", "中文") }
                    </button>
                </div>
                <p class="subtitle">{ meta.subtitle.get(lang) }</p>
                if meta.illustrative {
                    <p class="badge" role="note" data-illustrative="true">
                        <strong>{ "示意数据 · Illustrative data" }</strong>
                        { " — " }
                        { lang.pick(
                            "各市（州）数值并非报道数字，而是按下方说明的方法生成，并与报道的全省数字一致。",
                            "The prefecture values are not reported figures: they are made by the method below and agree with the reported province figures.") }
                    </p>
                }
            </header>
            <main class="layout">
                <section class="map-panel" aria-label={lang.pick("地图", "Map")}>
                    <MapView bundle={bundle.clone()} index={index} lang={lang}
                        hovered={s.hovered.clone()} on_action={dispatch.clone()} />
                    <TimelineBar dates={bundle.clone()} index={index} playing={playing} lang={lang} on_action={dispatch.clone()} />
                </section>
                <aside class="side">
                    <p class="readout">
                        <span class="readout-date" data-current-date={date.map(|d| d.to_string()).unwrap_or_default()}>
                            { date.map(|d| format::date(d, lang)).unwrap_or_default() }
                        </span>
                        if let Some(t) = total {
                            <span class="readout-total">
                                { lang.pick("全省合计：", "Province total: ") }
                                <strong>{ format::value(&t, lang) }</strong>
                                if meta.illustrative { { lang.pick("（示意）", " (illustrative)") } }
                            </span>
                        }
                    </p>
                    <Legend lang={lang} metric={meta.metric.name.get(lang).to_string()} />
                    if !events_today.is_empty() {
                        <div class="event-caption" aria-live="polite">
                            <h2>{ lang.pick("当日报道", "Reported that day") }</h2>
                            <ul>{ for events_today.iter().map(|e| html! {
                                <li>{ e.text.get(lang) }{ " " }
                                    <a href={e.source.url.clone()} target="_blank" rel="noopener noreferrer">{ e.source.name.get(lang) }</a>
                                </li>
                            }) }</ul>
                        </div>
                    }
                </aside>
            </main>
            <Facts bundle={bundle.clone()} lang={lang} />
            <footer class="attribution">
                <p>{ ATTRIBUTION }</p>
            </footer>
        </div>
    }
}
