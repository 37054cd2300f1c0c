//! The root: loads the data, then shows the page; owns the app state reducer, the playback clock,
//! the document-wide keys and the URL.

use crate::core::bundle::{builtin, Builtin, Bundle, LoadError, ATTRIBUTION, ATTRIBUTION_ZH, BUILTINS};
use crate::core::format;
use crate::core::i18n::Lang;
use crate::core::i18n::Text;
use crate::core::ingest::{Issue, Severity};
use crate::core::keys::{command_for_key, KeyCommand};
use crate::core::scale::Diverging;
use crate::core::state::{Action, AppState};
use crate::core::url::{Dark, DataSource, Notice, UrlState};
use crate::view::boot;
use crate::view::charts::{Charts, DataTable};
use crate::view::data::{DataPanel, Progress};
use crate::view::facts::Facts;
use crate::view::hooks::use_media_query;
use crate::view::legend::Legend;
use crate::view::map::{MapView, Sizing};
use crate::view::search::RegionSearch;
use crate::view::share::ShareBar;
use crate::view::timeline::TimelineBar;
use crate::view::unbroken;
use crate::view::window;
use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;
use wasm_bindgen::JsCast;
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

/// `text` set as wide as the widest of `widest` (and itself): the others stand in the same grid
/// cell, unseen (`.steady` in `static/style.css`; `innerText` and screen readers skip them).
fn steady(text: String, widest: &[String]) -> Html {
    html! {
        <span class="steady"><span>{ text }</span>{ for widest.iter().map(|w| html! { <span class="steady-ghost" aria-hidden="true">{ w.clone() }</span> }) }</span>
    }
}

/// The page language the browser's preferences ask for ([`Lang::preferred`]).
fn browser_lang() -> Lang {
    let tags: Vec<String> =
        window().map(|w| w.navigator().languages().iter().filter_map(|l| l.as_string()).collect()).unwrap_or_default();
    Lang::preferred(tags.iter().map(String::as_str))
}

/// `true` when the reader asked the system for reduced motion.
fn prefers_reduced_motion() -> bool {
    window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .map(|m| m.matches())
        .unwrap_or(false)
}

/// The illustrative badge's sentence. The full page has the method below the map; an embed has
/// not (its source line links to it), so it does not point "below".
fn illustrative_note(level: &str, embed: bool, lang: Lang) -> String {
    let (zh, _, en) = format::level_words(level);
    match (lang, embed) {
        (Lang::Zh, false) => format!("{zh}数值并非报道数字，而是按下方说明的方法生成，并与报道的全省数字一致。"),
        (Lang::Zh, true) => format!("{zh}数值并非报道数字，而是按公开说明的方法生成，并与报道的全省数字一致。"),
        (Lang::En, false) => format!(
            "The {en} values are not reported figures: they are made by the method below and agree with the reported province figures."
        ),
        (Lang::En, true) => format!(
            "The {en} values are not reported figures: they are made by a published method and agree with the reported province figures."
        ),
    }
}

/// The badge's sentence cut to what a narrow embed has room for: that the values are not
/// reported (the source line under the map links to how they were made).
fn illustrative_note_short(level: &str, lang: Lang) -> String {
    let (zh, _, en) = format::level_words(level);
    match lang {
        Lang::Zh => format!("{zh}数值并非报道数字。"),
        Lang::En => format!("The {en} values are not reported figures."),
    }
}

/// `true` inside an iframe.
fn in_iframe() -> bool {
    window().map(|w| w.parent().ok().flatten().map(|p| p != w).unwrap_or(false)).unwrap_or(false)
}

thread_local! {
    /// The address's query when the app started loading its first data ([`App`]); the first page
    /// compares it with the address it finds (back or forward during the load change it).
    static STARTED_FROM: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

fn location_search() -> String {
    window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// A loaded bundle and what it came from.
#[derive(Clone, PartialEq)]
struct Current {
    bundle: SharedBundle,
    /// Bumped on every load: the page is keyed by it, so new data start from a fresh state.
    generation: u32,
    /// The shipped dataset's id, if it is one.
    builtin: Option<&'static str>,
    /// The URL state to open the page in.
    url: UrlState,
    /// The errors of the files the opening link named, when they failed and the shipped data
    /// show instead (said at the top of the page); empty otherwise.
    link_failed: Vec<Issue>,
}

/// The app's loading state.
#[derive(Clone, PartialEq, Default)]
struct Model {
    current: Option<Current>,
    report: Vec<Issue>,
    progress: Option<Progress>,
    /// Shipped files that could not be loaded at start (nothing to show).
    failed: Vec<LoadError>,
}

enum Msg {
    Progress(Option<Progress>),
    /// New data on screen; `link_failed`: the report is about the opening link's files, which
    /// failed, and these are the shipped data instead.
    Loaded {
        bundle: Rc<Bundle>,
        builtin: Option<&'static str>,
        url: Box<UrlState>,
        report: Vec<Issue>,
        link_failed: bool,
    },
    Rejected(Vec<Issue>),
    Failed(Vec<LoadError>),
}

impl Reducible for Model {
    type Action = Msg;
    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut m = (*self).clone();
        match msg {
            Msg::Progress(p) => m.progress = p,
            Msg::Loaded { bundle, builtin, url, report, link_failed } => {
                let generation = m.current.as_ref().map(|c| c.generation + 1).unwrap_or(0);
                let link_failed = if link_failed {
                    report.iter().filter(|i| i.severity == Severity::Error).cloned().collect()
                } else {
                    vec![]
                };
                m.current = Some(Current { bundle: SharedBundle(bundle), generation, builtin, url: *url, link_failed });
                m.report = report;
                m.progress = None;
            }
            // The previous data stay: only the report changes.
            Msg::Rejected(report) => {
                m.report = report;
                m.progress = None;
            }
            Msg::Failed(e) => {
                m.failed = e;
                m.progress = None;
            }
        }
        Rc::new(m)
    }
}

/// The URL state for newly loaded data `ds`: the reader's choices that still make sense are
/// kept (language, colours, layout, and the date and region when the new data have them: the
/// counties of 2020 share the prefectures' dates); the rest belongs to the old data.
fn url_for_new_data(source: DataSource, ds: &crate::core::dataset::Dataset) -> UrlState {
    let (now, _) = UrlState::parse(&location_search());
    UrlState {
        lang: now.lang,
        dark: now.dark,
        embed: now.embed,
        plain: now.plain,
        present: now.present,
        date: now.date.filter(|&d| ds.date_index(d).is_some()),
        region: now.region.filter(|r| ds.series(r).is_some()),
        source,
        ..Default::default()
    }
}

/// The app: loads the data the URL asks for (a shipped dataset, or files at `data=` / `geo=`),
/// then renders [`Page`]; later loads (another shipped dataset, the reader's own files) replace
/// the page's data only when they succeed. A missing or broken shipped file gets a message naming
/// it instead of a blank page.
#[component]
pub fn App() -> Html {
    let model = use_reducer(Model::default);
    // Loads can overlap (a reader picks a dataset, then drops a file before it arrives): only the
    // most recently started one may change what is on screen.
    let latest = use_mut_ref(|| 0u64);
    let start_load = {
        let latest = latest.clone();
        move || {
            *latest.borrow_mut() += 1;
            *latest.borrow()
        }
    };
    let progress = {
        let model = model.clone();
        Callback::from(move |p: Progress| model.dispatch(Msg::Progress(Some(p))))
    };
    {
        let (model, progress) = (model.clone(), progress.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let search = location_search();
                STARTED_FROM.with(|s| *s.borrow_mut() = Some(search.clone()));
                let (url, _) = UrlState::parse(&search);
                let b = url.source.dataset.as_deref().and_then(builtin).unwrap_or(&BUILTINS[0]);
                // Data and boundaries both named in the URL: nothing of the shipped set is needed,
                // unless they fail (then the shipped data show, with the report).
                let mut first_report = vec![];
                if url.source.data.is_some() && url.source.geo.is_some() {
                    match crate::view::data::load_urls(&url.source, None, &progress).await {
                        Ok((bundle, report)) => {
                            return model.dispatch(Msg::Loaded {
                                bundle: Rc::new(bundle),
                                builtin: None,
                                url: Box::new(url),
                                report,
                                link_failed: false,
                            });
                        }
                        Err(report) => first_report = report,
                    }
                }
                let base = match crate::view::data::load_builtin(b, &progress).await {
                    Ok(base) => base,
                    Err(e) => return model.dispatch(Msg::Failed(e)),
                };
                if !first_report.is_empty() || !url.source.has_urls() {
                    let mut url = url;
                    let link_failed = !first_report.is_empty();
                    if link_failed {
                        // The shipped dataset the link named (if any) is what shows: the URL keeps it.
                        url.source = DataSource { dataset: url.source.dataset.clone(), ..Default::default() };
                    }
                    return model.dispatch(Msg::Loaded {
                        bundle: Rc::new(base),
                        builtin: Some(b.id),
                        url: Box::new(url),
                        report: first_report,
                        link_failed,
                    });
                }
                // Files named in the URL go on top of the shipped data; if they fail, the shipped
                // data show with the report.
                match crate::view::data::load_urls(&url.source, Some(&base), &progress).await {
                    Ok((bundle, report)) => model.dispatch(Msg::Loaded {
                        bundle: Rc::new(bundle),
                        builtin: None,
                        url: Box::new(url),
                        report,
                        link_failed: false,
                    }),
                    Err(report) => {
                        let mut url = url;
                        url.source = DataSource { dataset: url.source.dataset.clone(), ..Default::default() };
                        model.dispatch(Msg::Loaded {
                            bundle: Rc::new(base),
                            builtin: Some(b.id),
                            url: Box::new(url),
                            report,
                            link_failed: true,
                        });
                    }
                }
            });
        });
    }
    let on_builtin = {
        let (model, progress, latest, start_load) =
            (model.clone(), progress.clone(), latest.clone(), start_load.clone());
        Callback::from(move |b: &'static Builtin| {
            let (model, progress, latest) = (model.clone(), progress.clone(), latest.clone());
            let token = start_load();
            wasm_bindgen_futures::spawn_local(async move {
                let result = crate::view::data::load_builtin(b, &progress).await;
                if *latest.borrow() != token {
                    return;
                }
                match result {
                    Ok(bundle) => {
                        let url = url_for_new_data(
                            DataSource {
                                dataset: (b.id != BUILTINS[0].id).then(|| b.id.to_string()),
                                ..Default::default()
                            },
                            &bundle.dataset,
                        );
                        drop_pending_url();
                        DATA_TOKEN.with(|t| t.set(t.get() + 1));
                        write_url(&url.to_query(), false);
                        model.dispatch(Msg::Loaded {
                            bundle: Rc::new(bundle),
                            builtin: Some(b.id),
                            url: Box::new(url),
                            report: vec![],
                            link_failed: false,
                        });
                    }
                    Err(e) => model.dispatch(Msg::Rejected(
                        e.into_iter()
                            .map(|e| Issue {
                                severity: Severity::Error,
                                file: e.file,
                                place: String::new(),
                                message: Text::new(e.message.clone(), e.message),
                            })
                            .collect(),
                    )),
                }
            });
        })
    };
    let on_files = {
        let (model, progress, latest) = (model.clone(), progress.clone(), latest.clone());
        Callback::from(move |(files, key): (Vec<web_sys::File>, Option<String>)| {
            let (model, progress, latest) = (model.clone(), progress.clone(), latest.clone());
            let token = start_load();
            let current = model.current.as_ref().map(|c| c.bundle.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = crate::view::data::load_files(files, key, current.as_deref(), &progress).await;
                if *latest.borrow() != token {
                    return;
                }
                match result {
                    Ok((bundle, report)) => {
                        // Local files cannot be shared by link: the URL keeps only the reader's choices.
                        let url = url_for_new_data(DataSource::default(), &bundle.dataset);
                        drop_pending_url();
                        DATA_TOKEN.with(|t| t.set(t.get() + 1));
                        write_url(&url.to_query(), false);
                        model.dispatch(Msg::Loaded {
                            bundle: Rc::new(bundle),
                            builtin: None,
                            url: Box::new(url),
                            report,
                            link_failed: false,
                        });
                    }
                    Err(report) => model.dispatch(Msg::Rejected(report)),
                }
            });
        })
    };
    // The live page takes the static one's place when its map is drawn (`MapView`), or earlier
    // to say what the static page cannot: that the map cannot be shown, or, after a second, how
    // far a download has come.
    {
        let failed = !model.failed.is_empty();
        let waiting = model.current.is_none() && model.progress.is_some();
        use_effect_with((failed, waiting), |&(failed, waiting)| {
            if failed {
                boot::reveal();
            }
            let timer = waiting.then(|| gloo::timers::callback::Timeout::new(1000, boot::reveal));
            move || drop(timer)
        });
    }
    if !model.failed.is_empty() {
        return html! {
            <div class="load-error" role="alert">
                <h2>{ "地图无法显示 · The map cannot be shown" }</h2>
                <p>{ "以下文件缺失或有误 · These files are missing or broken:" }</p>
                <ul>{ for model.failed.iter().map(|e| html! {
                    <li><code>{ &e.file }</code>{ ": " }{ &e.message }</li>
                }) }</ul>
            </div>
        };
    }
    let Some(current) = model.current.clone() else {
        let detail = model.progress.as_ref().map(|p| {
            let kb = |b: f64| format!("{:.0} kB", b / 1024.0);
            let text = match p.total {
                Some(t) if t > 0.0 => format!("{} — {} / {}", p.label, kb(p.loaded), kb(t)),
                _ => format!("{} — {}", p.label, kb(p.loaded)),
            };
            html! {
                <div class="load-progress">
                    <span>{ text }</span>
                    if let Some(t) = p.total.filter(|t| *t > 0.0) {
                        <progress max={format!("{t}")} value={format!("{}", p.loaded)}></progress>
                    }
                </div>
            }
        });
        return html! {
            <div class="status" role="status">
                <p>{ "正在加载地图… Loading the map…" }</p>
                { detail.unwrap_or_default() }
            </div>
        };
    };
    let (asked, mut notices) =
        if current.generation == 0 { UrlState::parse(&location_search()) } else { (UrlState::default(), vec![]) };
    // A well-formed but unknown shipped dataset: the default shows, and the reader is told.
    if let Some(id) = asked.source.dataset.as_deref().filter(|id| builtin(id).is_none()) {
        let ids = BUILTINS.iter().map(|b| b.id).collect::<Vec<_>>().join(" / ");
        notices.push(Notice::new(
            "dataset",
            format!("没有名为“{id}”的数据集（可用：{ids}），显示的是默认数据集"),
            format!("no dataset called “{id}” (there are {ids}); showing the default one"),
        ));
    }
    let lang_now = current.url.lang.unwrap_or_else(browser_lang);
    let link_failed = current.link_failed.clone();
    html! {
        <Page key={current.generation} generation={current.generation} bundle={current.bundle.clone()} default_lang={browser_lang()} url={current.url.clone()}
            url_notices={notices} autoplay_allowed={!prefers_reduced_motion()} link_failed={link_failed}
            source_key={match current.builtin {
                Some(id) => format!("dataset={id}"),
                // Files at URLs, or local files (which no URL names: any entry differs).
                None if current.url.source.has_urls() => source_key(&current.url.source),
                None => format!("files:{}", current.generation),
            }}>
            <DataPanel lang={lang_now} builtin={current.builtin} report={model.report.clone()} progress={model.progress.clone()}
                on_builtin={on_builtin} on_files={on_files} />
        </Page>
    }
}

/// Properties of [`Page`].
#[derive(Properties, PartialEq)]
pub struct PageProps {
    /// The loaded data.
    pub bundle: SharedBundle,
    /// The language when the URL names none (the browser's).
    #[prop_or_default]
    pub default_lang: Lang,
    /// The state the URL asks for.
    #[prop_or_default]
    pub url: UrlState,
    /// Parameters the URL parser ignored.
    #[prop_or_default]
    pub url_notices: Vec<Notice>,
    /// `false` under `prefers-reduced-motion: reduce`: nothing plays by itself.
    #[prop_or(true)]
    pub autoplay_allowed: bool,
    /// The data section (shipped datasets, loading files, the report), shown under the charts.
    #[prop_or_default]
    pub children: Html,
    /// Which load this page shows (0 for the first; `data-generation` on the page, for tests).
    #[prop_or_default]
    pub generation: u32,
    /// The errors of the files the page's link named, when they could not be loaded and the
    /// shipped data show instead: said at the top of the page (and of an embed, which has no data
    /// section), so that nobody takes the shipped map for the one the link promised.
    #[prop_or_default]
    pub link_failed: Vec<Issue>,
    /// What data are on screen, as [`source_key`] writes it: Back or Forward to an entry that
    /// names other data reloads the page, so that the view always matches its URL.
    #[prop_or_default]
    pub source_key: AttrValue,
}

/// Is the key event's target a place where keys belong to the element (typing, a native control,
/// a scrollable table)? In presenter mode a map region gives up its arrows: a presenter who
/// clicked a region to point at it steps dates with a clicker that sends arrows.
fn key_belongs_to_target(e: &KeyboardEvent, present: bool) -> bool {
    let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return false };
    let key = e.key();
    // A focused scrollable table scrolls with the arrows, Home/End and the page keys, natively.
    if el.matches(".table-scroll").unwrap_or(false) {
        return matches!(
            key.as_str(),
            "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" | "Home" | "End" | "PageUp" | "PageDown"
        );
    }
    match el.tag_name().to_ascii_lowercase().as_str() {
        "textarea" | "select" => true,
        "input" => match el.get_attribute("type").unwrap_or_default().as_str() {
            // Our slider: we take its keys so that each press is exactly one date.
            "range" => false,
            "checkbox" | "button" => key == " " || key == "Enter",
            _ => key != "Escape",
        },
        // Space and Enter activate buttons and links natively; don't do it twice.
        "button" | "a" | "summary" => key == " " || key == "Enter",
        // A focused map region moves between regions with the arrows and selects with Enter/Space;
        // presenting, the arrows and Space keep to the show (a region clicked on stage has focus,
        // and Space must still play).
        "path" if el.has_attribute("data-region") => {
            key == "Enter"
                || (!present && matches!(key.as_str(), " " | "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown"))
        }
        _ => el.closest("[contenteditable]").ok().flatten().is_some(),
    }
}

/// Whether a date key is about the figure: it comes from inside it (the slider, a region, the
/// timeline's buttons), or the map panel or the charts are in view ([`crate::core::keys::in_view`]).
/// If the page has neither (it always has the map panel), the keys stay the timeline's.
fn figure_in_view(e: &KeyboardEvent) -> bool {
    const FIGURE: [&str; 2] = [".map-panel", ".charts"];
    let target = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    if target.is_some_and(|el| FIGURE.iter().any(|f| el.closest(f).ok().flatten().is_some())) {
        return true;
    }
    let Some(w) = window() else { return true };
    let Some(doc) = w.document() else { return true };
    let viewport = w.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
    let parts: Vec<web_sys::Element> = FIGURE.iter().filter_map(|f| doc.query_selector(f).ok().flatten()).collect();
    parts.is_empty()
        || parts.iter().any(|el| {
            let r = el.get_bounding_client_rect();
            crate::core::keys::in_view(r.bottom().min(viewport) - r.top().max(0.0), r.height(), viewport)
        })
}

fn toggle_fullscreen() {
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    if doc.fullscreen_element().is_some() {
        doc.exit_fullscreen();
    } else if let Some(el) = doc.document_element() {
        let _ = el.request_fullscreen();
    }
}

thread_local! {
    /// The URL write waiting for the changes to rest: the query, whether it may replace the
    /// current entry (only when every coalesced write was a playback one), and when the burst's
    /// first and latest changes came (`performance.now()`).
    static PENDING_URL: RefCell<Option<PendingUrl>> = const { RefCell::new(None) };
    /// Set while the state restored from a back / forward navigation renders: its URL write
    /// replaces the entry instead of pushing one.
    static RESTORING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Which data are on screen, as a number bumped at each load the reader makes; written as the
    /// history entries' state, so that Back and Forward among the entries of the data on screen
    /// (local files included, which no URL names) restore in place instead of reloading.
    static DATA_TOKEN: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// See [`PENDING_URL`].
struct PendingUrl {
    query: String,
    replace: bool,
    first: f64,
    last: f64,
}

fn now_ms() -> f64 {
    window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Writes the history entry for `query` once the changes have rested for a quarter of a second
/// (or a second after the first of a burst that does not rest; `core::debounce`), in idle time.
///
/// Why deferred: `history.pushState` costs about 1 ms, and up to 7 ms at the 95th percentile,
/// measured in this page in headless Chromium; done during a run of date steps it made steps
/// miss their frame. The map's new colours come first; the address bar follows.
/// Writes that arrive before the flush coalesce into one history entry (a burst of key presses
/// is one step back, not twenty), pushed unless all of them were playback.
fn write_url_when_idle(query: String, replace: bool) {
    let replace = replace || RESTORING.with(|r| r.get());
    let now = now_ms();
    let scheduled = PENDING_URL.with(|p| {
        let mut p = p.borrow_mut();
        let (was, first) = match p.as_ref() {
            Some(old) => (true, old.first),
            None => (false, now),
        };
        let replace = replace && p.as_ref().is_none_or(|old| old.replace);
        *p = Some(PendingUrl { query, replace, first, last: now });
        was
    });
    if !scheduled {
        wait_for_rest(crate::core::debounce::QUIET_MS);
    }
}

/// Checks again in `ms`: writes (in idle time) if the changes have rested, else waits the rest.
fn wait_for_rest(ms: f64) {
    let Some(w) = window() else { return };
    let later = wasm_bindgen::closure::Closure::once_into_js(|| {
        let due = PENDING_URL
            .with(|p| p.borrow().as_ref().map(|u| crate::core::debounce::remaining(now_ms(), u.first, u.last)));
        match due {
            Some(Some(more)) => wait_for_rest(more),
            Some(None) => schedule_url_flush(now_ms() + IDLE_WAIT_MS),
            None => {} // dropped meanwhile (back / forward)
        }
    });
    if w.set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), ms.ceil() as i32).is_err() {
        flush_pending_url();
    }
}

/// How long the write waits for idle time once it is due (ms).
const IDLE_WAIT_MS: f64 = 200.0;

/// Asks for an idle callback that writes the pending URL, and writes it at `by` (a
/// `performance.now()` time) at the latest.
fn schedule_url_flush(by: f64) {
    let Some(w) = window() else { return };
    let flush = wasm_bindgen::closure::Closure::once_into_js(move |deadline: wasm_bindgen::JsValue| {
        // A sliver of idle time before the next frame is not enough for pushState's slow
        // cases: wait for a longer one, unless the time is up.
        if let Ok(d) = deadline.dyn_into::<web_sys::IdleDeadline>() {
            if !d.did_timeout() && d.time_remaining() < 5.0 && now_ms() < by {
                schedule_url_flush(by);
                return;
            }
        }
        flush_pending_url();
    });
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout((by - now_ms()).clamp(1.0, IDLE_WAIT_MS).ceil() as u32);
    // Safari has no requestIdleCallback (calling it would throw): a short timeout does there.
    let idle = js_sys::Reflect::has(&w, &"requestIdleCallback".into()).unwrap_or(false);
    let queued = (idle && w.request_idle_callback_with_options(flush.unchecked_ref(), &options).is_ok())
        || w.set_timeout_with_callback_and_timeout_and_arguments_0(flush.unchecked_ref(), 50).is_ok();
    if !queued {
        flush_pending_url();
    }
}

/// Writes the pending URL now, if any.
fn flush_pending_url() {
    if let Some(PendingUrl { query, replace, .. }) = PENDING_URL.with(|p| p.borrow_mut().take()) {
        write_url(&query, replace);
    }
}

/// Forgets a pending URL write: the history moved under it (back / forward).
fn drop_pending_url() {
    PENDING_URL.with(|p| p.borrow_mut().take());
}

/// Pushes (or, during playback, replaces) the browser history entry for `query`. In a frame it
/// always replaces: a frame's entries are the host page's history, and the reader's Back button
/// must leave the article, not step the map back.
fn write_url(query: &str, replace: bool) {
    let Some(w) = window() else { return };
    if w.location().search().ok().as_deref() == Some(query) {
        return;
    }
    let Ok(history) = w.history() else { return };
    let path = w.location().pathname().unwrap_or_default();
    let url = format!("{path}{query}");
    let token = wasm_bindgen::JsValue::from(DATA_TOKEN.with(|t| t.get()));
    let _ = if replace || in_iframe() {
        history.replace_state_with_url(&token, "", Some(&url))
    } else {
        history.push_state_with_url(&token, "", Some(&url))
    };
}

/// What a URL's data source names, in one comparable string: a shipped dataset by its id (the
/// default when the URL names none), files at URLs by their addresses.
fn source_key(source: &DataSource) -> String {
    if source.has_urls() {
        let DataSource { dataset, data, geo, key, outline } = source;
        [dataset, data, geo, key, outline].map(|f| f.as_deref().unwrap_or("")).join("\n")
    } else {
        format!("dataset={}", source.dataset.as_deref().and_then(builtin).unwrap_or(&BUILTINS[0]).id)
    }
}

/// The page around the map, for a loaded bundle.
#[component]
pub fn Page(props: &PageProps) -> Html {
    let bundle = &props.bundle;
    let default_lang = props.default_lang;
    let init = use_memo((), |_| AppState::from_url(&props.url, &bundle.dataset, default_lang, props.autoplay_allowed));
    let state = {
        let init = init.clone();
        use_reducer(move || State(init.0.clone()))
    };
    let notices = use_state(|| props.url_notices.iter().chain(init.1.iter()).cloned().collect::<Vec<_>>());
    // One callback for the page's lifetime: children compare callbacks by pointer, and a new one
    // per render re-rendered every child at every date step (the charts too, for nothing).
    let dispatch = {
        let dispatcher = state.dispatcher();
        (*use_memo((), move |_| Callback::from(move |a: Action| dispatcher.dispatch(a)))).clone()
    };
    let s = &state.0;
    let lang = s.lang;
    let index = s.timeline.index();
    let playing = s.timeline.is_playing();
    let present = s.present;
    let system_dark = use_media_query("(prefers-color-scheme: dark)");
    let dark = match s.dark {
        Dark::On => true,
        Dark::Off => false,
        Dark::Auto => system_dark,
    };
    let static_map = s.static_map;
    let embed = s.embed;
    let page_ref = use_node_ref();

    // Classes on <html>: the colour scheme (so the whole document, scrollbars included, follows it)
    // and `embedded` (no scrollbar drawn inside an iframe: one appearing would narrow the page, and
    // the map fitted to the narrower page would make it disappear again, and so on).
    use_effect_with((dark, embed), |&(dark, embed)| {
        if let Some(el) = window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let list = el.class_list();
            let _ = if dark { list.add_1("theme-dark") } else { list.remove_1("theme-dark") };
            let _ = if embed { list.add_1("embedded") } else { list.remove_1("embedded") };
        }
    });

    // Inside an iframe, tell the host page how tall we are whenever that changes (the host script
    // `embed.js` resizes the iframe). Message: {type: "guizhou-map:height", height, version: 1}.
    // embed.js answers {type: "guizhou-map:resizing"}: from then on the page takes its natural
    // height; until then (a host without the script) it fits itself into the iframe's height.
    // index.html's script asked the host as the page started, and marks its answer on <html>.
    let host_resizes = use_state_eq(|| {
        window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .is_some_and(|html| in_iframe() && html.has_attribute("data-host-resizes"))
    });
    {
        let page_ref = page_ref.clone();
        let host_resizes = host_resizes.clone();
        use_effect_with((), move |_| {
            use wasm_bindgen::prelude::Closure;
            let mut keep = None;
            let mut answer = None;
            if let (true, Some(w)) = (in_iframe(), window()) {
                let parent: Option<wasm_bindgen::JsValue> = w.parent().ok().flatten().map(Into::into);
                answer = Some(gloo::events::EventListener::new(&w, "message", move |e| {
                    let get = |v: &wasm_bindgen::JsValue, k: &str| js_sys::Reflect::get(v, &k.into()).ok();
                    let from_parent = get(e, "source").is_some_and(|s| Some(&s) == parent.as_ref());
                    let kind = get(e, "data").and_then(|d| get(&d, "type")).and_then(|t| t.as_string());
                    if from_parent && kind.as_deref() == Some("guizhou-map:resizing") {
                        host_resizes.set(true);
                    }
                }));
            }
            if let (true, Some(el)) = (in_iframe(), page_ref.cast::<web_sys::Element>()) {
                let page = el.clone();
                let last = std::rc::Rc::new(std::cell::Cell::new(0));
                let post = Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| {
                    let Some(w) = window() else { return };
                    // The page's own height, not the document's (which is at least the iframe's).
                    let height = page.get_bounding_client_rect().height().ceil() as i32;
                    if height == last.replace(height) {
                        return;
                    }
                    let msg = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&msg, &"type".into(), &"guizhou-map:height".into());
                    let _ = js_sys::Reflect::set(&msg, &"height".into(), &height.into());
                    let _ = js_sys::Reflect::set(&msg, &"version".into(), &1.into());
                    if let Ok(Some(parent)) = w.parent() {
                        let _ = parent.post_message(&msg, "*");
                    }
                });
                // A resize observer reports only with the frames, and a browser draws no frames
                // for a cross-origin frame out of view: the map below an article's fold kept the
                // iframe's first height until the reader scrolled to it, then grew under their
                // eyes. Changes to the page's elements are reported without frames: on each, the
                // height is measured (a layout the next frame would do anyway) and posted if new.
                let mutations = web_sys::MutationObserver::new(post.as_ref().unchecked_ref()).ok().filter(|m| {
                    let init = web_sys::MutationObserverInit::new();
                    init.set_subtree(true);
                    init.set_child_list(true);
                    init.set_character_data(true);
                    init.set_attributes(true);
                    m.observe_with_options(&el, &init).is_ok()
                });
                if let Ok(observer) = web_sys::ResizeObserver::new(post.as_ref().unchecked_ref()) {
                    observer.observe(&el);
                    keep = Some((observer, mutations, post));
                }
            }
            move || {
                if let Some((observer, mutations, _post)) = keep {
                    observer.disconnect();
                    if let Some(m) = mutations {
                        m.disconnect();
                    }
                }
                drop(answer);
            }
        });
    }

    // Keep <html lang> and the document title in step with the page language.
    let title = bundle.dataset.meta.title.get(lang).to_string();
    use_effect_with((lang, title), |(lang, title)| {
        if let Some(doc) = window().and_then(|w| w.document()) {
            if let Some(el) = doc.document_element() {
                let _ = el.set_attribute("lang", if *lang == Lang::Zh { "zh-CN" } else { "en" });
            }
            doc.set_title(title);
        }
    });

    // Entering or leaving presenter mode hides the button that did it, and focus would fall to the
    // page. Entering, it goes to the presenter's bar, not to its exit button: there Space would
    // press ×, and a presenter's Play key would end the show (the bar takes no key itself, so
    // Space plays and the arrows step; Tab reaches ×). Leaving, it goes back to the Present
    // button. Not on the first render (a page opened in presenter mode takes no focus), nor when
    // focus is somewhere that still exists.
    {
        let first = use_mut_ref(|| true);
        use_effect_with(present, move |&present| {
            if !first.replace(false) {
                let doc = window().and_then(|w| w.document());
                // Lost: on the page, or still on the button just hidden (Chromium moves it later).
                // Leaving, focus on the map (a region clicked on stage) goes back to Present too.
                let lost = doc.as_ref().and_then(|d| d.active_element()).is_none_or(|a| {
                    a.tag_name() == "BODY"
                        || a.matches(".present-toggle, .present-exit, .present-bar").unwrap_or(false)
                        || (!present && a.closest(".map").ok().flatten().is_some())
                });
                let target = doc
                    .and_then(|d| {
                        d.query_selector(if present { ".present-bar" } else { ".present-toggle" }).ok().flatten()
                    })
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                if let (true, Some(target)) = (lost, target) {
                    let _ = target.focus();
                }
            }
        });
    }

    // Document-wide keys (core::keys): readers' keys, clickers' PageUp/PageDown, presenter keys.
    {
        let dispatch = dispatch.clone();
        use_effect_with((present, static_map), move |&(present, static_map)| {
            let listener = window().and_then(|w| w.document()).filter(|_| !static_map).map(|doc| {
                // Not passive: we must be able to cancel the slider's own step and page scrolling.
                let options = gloo::events::EventListenerOptions::enable_prevent_default();
                gloo::events::EventListener::new_with_options(&doc, "keydown", options, move |e| {
                    let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
                    if e.alt_key() || e.ctrl_key() || e.meta_key() || key_belongs_to_target(e, present) {
                        return;
                    }
                    let Some(command) = command_for_key(&e.key(), present) else { return };
                    let escape = command == KeyCommand::Do(Action::Escape);
                    if !present && !escape && !figure_in_view(e) {
                        return;
                    }
                    e.prevent_default();
                    match command {
                        KeyCommand::Do(a) => dispatch.emit(a),
                        KeyCommand::ToggleFullscreen => toggle_fullscreen(),
                    }
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
            type Frame = Rc<RefCell<Option<gloo::render::AnimationFrame>>>;
            let handle: Frame = Rc::default();
            fn schedule(handle: Frame, dispatch: Callback<Action>) {
                let next = handle.clone();
                let frame = gloo::render::request_animation_frame(move |now| {
                    dispatch.emit(Action::Tick(now));
                    schedule(next, dispatch);
                });
                *handle.borrow_mut() = Some(frame);
            }
            if *playing {
                schedule(handle.clone(), dispatch);
            }
            move || {
                handle.borrow_mut().take();
            }
        });
    }

    // A hidden page stops playing (and does not race on when it comes back).
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = window().and_then(|w| w.document()).map(|doc| {
                gloo::events::EventListener::new(&doc.clone(), "visibilitychange", move |_| {
                    if doc.hidden() {
                        dispatch.emit(Action::Pause);
                    }
                })
            });
            move || drop(listener)
        });
    }

    // The URL follows the state: a new history entry per change, replaced (not pushed) during
    // playback so it does not flood the history, written in idle time (`write_url_when_idle`).
    // The first render leaves the URL as it came.
    let url = s.to_url(&bundle.dataset, default_lang);
    let query = url.to_query();
    // The same view on the full page (the embed links there for the method).
    let full_page_query =
        if embed { crate::core::url::UrlState { embed: false, ..url }.to_query() } else { String::new() };
    {
        let first = use_mut_ref(|| true);
        use_effect_with((query.clone(), playing), move |(query, playing)| {
            if std::mem::replace(&mut *first.borrow_mut(), false) {
                return;
            }
            write_url_when_idle(query.clone(), *playing);
        });
    }
    // Back / forward restore the state of that entry. The URL the restored state writes replaces
    // the entry (it differs from it only in form, e.g. an unknown parameter dropped): a push
    // would cut off the forward history. Leaving the page writes a pending URL first, so a
    // reload or a later "back" to this page finds the last state.
    {
        let dispatch = dispatch.clone();
        let bundle = bundle.clone();
        let autoplay = props.autoplay_allowed;
        let shown = props.source_key.clone();
        let first_page = props.generation == 0;
        use_effect_with((), move |_| {
            // `ours`: the entry was written while these data were on screen.
            let restore = move |ours: bool| {
                drop_pending_url();
                let (url, _) = UrlState::parse(&location_search());
                // That entry names other data than those on screen: load them, as a visit would.
                if !ours && !shown.is_empty() && source_key(&url.source) != shown.as_str() {
                    if let Some(w) = window() {
                        let _ = w.location().reload();
                    }
                    return;
                }
                let (restored, _) = AppState::from_url(&url, &bundle.dataset, default_lang, autoplay);
                RESTORING.with(|r| r.set(true));
                dispatch.emit(Action::Restore(Box::new(restored)));
                // The restored state's render and its URL effect run before any timer.
                gloo::timers::callback::Timeout::new(0, || RESTORING.with(|r| r.set(false))).forget();
            };
            // Back or forward while the page was loading its data moved to an entry no listener
            // heard of: the address is no longer the one the app started from (nothing else writes
            // it before the first page is up).
            if first_page && STARTED_FROM.with(|s| s.borrow().as_deref().is_some_and(|s| s != location_search())) {
                restore(false);
            }
            let listeners = window().map(|w| {
                let popstate = gloo::events::EventListener::new(&w, "popstate", move |e| {
                    let ours = js_sys::Reflect::get(e, &"state".into()).ok().and_then(|v| v.as_f64())
                        == Some(f64::from(DATA_TOKEN.with(|t| t.get())));
                    restore(ours);
                });
                let pagehide = gloo::events::EventListener::new(&w, "pagehide", |_| flush_pending_url());
                (popstate, pagehide)
            });
            move || drop(listeners)
        });
    }

    // On stage, the big date and the total keep the width of their widest forms, so that what
    // stands beside them does not move as playback changes "1 Mar" to "10 Feb" ([`steady`]).
    let widest_dates = use_memo((bundle.clone(), lang), |(b, lang)| format::widest_dates(&b.dataset.dates, *lang));
    // Whether any value is a lower bound (the legend then explains the hatching): a scan of the
    // whole series (32 000 values for the counties), so once per bundle, not at every date step.
    let has_bounds = use_memo(bundle.clone(), |b| b.dataset.has_lower_bounds());
    let has_gaps = use_memo(bundle.clone(), |b| b.has_gaps());
    // The summary names regions as the map and the ranking do (a reader's file may name none);
    // made once per bundle and language, not at every date step.
    let summary_names = use_memo((bundle.clone(), lang), |(b, lang)| {
        b.dataset.regions.iter().map(|r| b.label(&r.code, *lang)).collect::<Vec<String>>()
    });
    let meta = &bundle.dataset.meta;
    let date = bundle.dataset.dates.get(index).copied();
    let iso = date.map(|d| d.to_string()).unwrap_or_default();
    let total = bundle.dataset.total(index);
    let switch_lang = {
        let dispatch = dispatch.clone();
        let other = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::SetLang(other)))
    };
    let cycle_dark = {
        let dispatch = dispatch.clone();
        let next = match s.dark {
            Dark::Auto => Dark::On,
            Dark::On => Dark::Off,
            Dark::Off => Dark::Auto,
        };
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::SetDark(next)))
    };
    let dark_label = match (s.dark, lang) {
        (Dark::Auto, _) => lang.pick("配色：跟随系统", "Colours: system"),
        (Dark::On, _) => lang.pick("配色：深色", "Colours: dark"),
        (Dark::Off, _) => lang.pick("配色：浅色", "Colours: light"),
    };
    let set_present = |p: bool| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::SetPresent(p)))
    };
    let dismiss_notices = {
        let notices = notices.clone();
        Callback::from(move |_: MouseEvent| notices.set(Vec::new()))
    };
    let events_today: Vec<_> = bundle.dataset.events_on(index).collect();

    let tooltip_region = s.hovered.clone().or_else(|| s.selected.clone());

    html! {
        <div ref={page_ref} data-generation={props.generation.to_string()} class={classes!("page", present.then_some("presenting"), embed.then_some("embed"), (playing || s.timeline.arrived_by_playback()).then_some("fade"),
            s.plain.then_some("plain"), static_map.then_some("static"), dark.then_some("dark"))}>
            if !notices.is_empty() {
                <div class="notices" role="status">
                    <ul>{ for notices.iter().map(|n| html! {
                        <li><code>{ &n.param }</code>{ ": " }{ n.message.get(lang) }</li>
                    }) }</ul>
                    <button type="button" class="dismiss" onclick={dismiss_notices}
                        aria-label={lang.pick("关闭提示", "Dismiss")}>{ "×" }</button>
                </div>
            }
            if !props.link_failed.is_empty() {
                <div class="link-failed" role="alert">
                    <p><strong>{ lang.pick("链接中的数据文件无法载入，", "The data files in this link could not be loaded; ") }</strong>
                        { lang.pick("下面显示的是本项目自带的数据。", "what follows is this project's own data.") }</p>
                    <ul>{ for props.link_failed.iter().take(3).map(|i| html! {
                        <li><code>{ crate::core::date::truncate(&i.file, 80) }</code>
                            if !i.place.is_empty() { { " · " }{ i.place_in(lang) } }
                            { " — " }{ i.message.get(lang) }</li>
                    }) }</ul>
                </div>
            }
            <header class="masthead">
                <div class="masthead-row">
                    <h1>{ unbroken(meta.title.get(lang)) }</h1>
                    <div class="masthead-tools">
                        <button type="button" class="present-toggle" onclick={set_present(true)}
                            title={lang.pick("演示模式（f 全屏，b 黑屏，Esc 退出）", "Presenter mode (f fullscreen, b black screen, Esc to leave)")}>
                            { lang.pick("演示", "Present") }
                        </button>
                        <button type="button" class="dark-switch" onclick={cycle_dark} title={dark_label}
                            aria-label={dark_label}>{ match s.dark { Dark::Auto => "◐", Dark::On => "☾", Dark::Off => "☀" } }</button>
                        // Named and labelled in the language it switches to, and marked so.
                        <button type="button" class="lang-switch" onclick={switch_lang} lang={lang.pick("en", "zh-CN")}
                            aria-label={lang.pick("Switch to English", "切换到中文")}>
                            { lang.pick("English", "中文") }
                        </button>
                    </div>
                </div>
                <p class="subtitle">{ unbroken(meta.subtitle.get(lang)) }</p>
                if meta.illustrative {
                    <p class="badge" role="note" data-illustrative="true">
                        <strong><span lang="zh-CN">{ "示意数据" }</span>{ " · " }<span lang="en">{ "Illustrative data" }</span></strong>
                        { " — " }
                        if embed {
                            // A phone-width embed shows the short sentence (CSS picks one).
                            <span class="note-long">{ illustrative_note(&meta.region_level, embed, lang) }</span>
                            <span class="note-short">{ illustrative_note_short(&meta.region_level, lang) }</span>
                        } else {
                            { illustrative_note(&meta.region_level, embed, lang) }
                        }
                    </p>
                }
            </header>
            if present {
                <div class="present-bar" tabindex="-1" role="group" aria-label={lang.pick(
                    "演示模式：空格键播放或暂停，方向键切换日期，Esc 退出",
                    "Presenter mode: Space plays or pauses, the arrow keys step, Esc leaves")}>
                    <div class="present-heading">
                        // What the audience is looking at, above the date that changes.
                        <p class="present-title">{ unbroken(meta.title.get(lang)) }</p>
                        <p class="present-date" aria-hidden="true">{ steady(date.map(|d| format::date(d, lang)).unwrap_or_default(), &widest_dates) }</p>
                    </div>
                    // Comparing, the map shows changes: the bar says since when, and the total's change.
                    if let Some(from) = s.compare.and_then(|c| bundle.dataset.dates.get(c)) {
                        <p class="present-total present-since" aria-hidden="true">
                            { match lang {
                                Lang::Zh => format!("较{}", format::date(*from, lang)),
                                Lang::En => format!("Change since {}", format::date(*from, lang)),
                            } }
                            if let Some(change) = s.compare.and_then(|c| Some(total?.rate - bundle.dataset.total(c)?.rate)) {
                                { " " }<strong>{ format::change(change, lang) }</strong>
                            }
                        </p>
                    } else if let Some(t) = total {
                        <p class="present-total" aria-hidden="true">
                            { bundle.dataset.total_label(index, lang) }{ " " }
                            <strong>{ steady(format::value(&t, lang), &[format::percent(100.0, lang)]) }</strong>
                        </p>
                    }
                    if meta.illustrative {
                        <p class="present-badge"><span lang="zh-CN">{ "示意数据" }</span>{ " · " }<span lang="en">{ "Illustrative" }</span></p>
                    }
                    <button type="button" class="present-exit" onclick={set_present(false)}
                        aria-label={lang.pick("退出演示模式", "Leave presenter mode")}>{ "×" }</button>
                </div>
            }
            <main class="layout">
                <section class="map-panel" aria-label={lang.pick("地图", "Map")}>
                    <MapView bundle={bundle.clone()} index={index} lang={lang} compare={s.compare} dark={dark}
                        sizing={match (present, embed, *host_resizes) {
                            (true, _, _) => Sizing::Present,
                            (false, false, _) => Sizing::Screen,
                            (false, true, false) => Sizing::FitWindow,
                            (false, true, true) => Sizing::Natural,
                        }}
                        hovered={tooltip_region} selected={s.selected.clone()} on_action={dispatch.clone()} />
                    // The static page rendered on the server has the timeline too, out of use: it
                    // holds the live one's room while the app loads, so that nothing under the map
                    // moves at the swap (static/style.css shows it then, and only then).
                    if !static_map || cfg!(not(target_arch = "wasm32")) {
                    <TimelineBar bundle={bundle.clone()} index={index} playing={playing} lang={lang}
                        speed={s.timeline.speed()} looping={s.timeline.is_looping()} window={Some(s.timeline.window())}
                        compare={s.compare} inert={static_map}
                        on_action={dispatch.clone()} />
                    }
                </section>
                <aside class="side">
                    <p class="readout">
                        <span class="readout-date" data-current-date={iso}>
                            { date.map(|d| format::date(d, lang)).unwrap_or_default() }
                        </span>
                        if let Some(t) = total {
                            <span class="readout-total">
                                { bundle.dataset.total_label(index, lang) }{ lang.pick("：", ": ") }
                                <strong>{ format::value(&t, lang) }</strong>
                                if meta.illustrative && !bundle.dataset.total_is_reported(index) { { lang.pick("（示意）", " (illustrative)") } }
                            </span>
                        }
                        if let Some((from, change)) = s.compare.and_then(|c| {
                            let (a, b) = (bundle.dataset.total(c)?, total?);
                            Some((bundle.dataset.dates[c], b.rate - a.rate))
                        }) {
                            <span class="readout-change">
                                { match lang {
                                    Lang::Zh => format!("较{}：", format::date(from, lang)),
                                    Lang::En => format!("Change since {}: ", format::date(from, lang)),
                                } }
                                <strong>{ format::change(change, lang) }</strong>
                            </span>
                        } else if let Some(from) = s.compare.and_then(|c| bundle.dataset.dates.get(c)) {
                            // No total to compare (the counties): the map's changes still need their base date.
                            <span class="readout-change">
                                { match lang {
                                    Lang::Zh => format!("地图显示较{}的变化", format::date(*from, lang)),
                                    Lang::En => format!("The map shows the change since {}", format::date(*from, lang)),
                                } }
                            </span>
                        }
                    </p>
                    <Legend lang={lang} metric={meta.metric.name.get(lang).to_string()}
                        change_extent={s.compare.map(|from| Diverging::covering(bundle.dataset.max_abs_change(from, index)).extent)}
                        has_bounds={*has_bounds} has_gaps={*has_gaps} />
                    <div class="event-caption" aria-live="polite" hidden={events_today.is_empty()}
                        tabindex={embed.then_some("0")} role={embed.then_some("region")}
                        aria-label={embed.then(|| lang.pick("当日报道", "Reported that day"))}
                        title={embed.then(|| events_today.iter().map(|e| format!("{} {}", e.text.get(lang), e.source.name.get(lang))).collect::<Vec<_>>().join("\n"))}>
                        if !events_today.is_empty() {
                            <h2>{ lang.pick("当日报道", "Reported that day") }</h2>
                            <ul>{ for events_today.iter().map(|e| html! {
                                // The fact, then its source, apart as in the list of facts.
                                <li>{ unbroken(e.text.get(lang)) }{ " — " }
                                    <a href={e.source.url.clone()} target="_blank" rel="noopener noreferrer">{ unbroken(e.source.name.get(lang)) }</a>
                                </li>
                            }) }</ul>
                        }
                    </div>
                    // Announced politely when the date settles, not on every playback frame.
                    <p class="map-summary" aria-live="polite" aria-atomic="true">{ if playing { String::new() } else { s.summary(&bundle.dataset, &summary_names, bundle.shapes.regions.len()) } }</p>
                    if !static_map {
                        <RegionSearch bundle={bundle.clone()} lang={lang} selected={s.selected.clone()} on_action={dispatch.clone()} />
                    }
                </aside>
            </main>
            if static_map {
                <section class="static-table" aria-label={lang.pick("数据表", "Data table")}>
                    <h2>{ lang.pick("数据表", "Data table") }{ bundle.dataset.meta.made_note(lang) }</h2>
                    <DataTable bundle={bundle.clone()} lang={lang} />
                </section>
            } else if !embed {
                <Charts bundle={bundle.clone()} index={index} compare={s.compare} selected={s.selected.clone()}
                    hovered={s.hovered.clone()} lang={lang} dark={dark} on_action={dispatch.clone()} />
                <ShareBar bundle={bundle.clone()} index={index} compare={s.compare} window={s.timeline.window()}
                    speed={s.timeline.speed()} lang={lang} dark={dark} query={query.clone()}
                    local_files={props.source_key.starts_with("files:")} />
            }
            if !embed && !static_map {
                { props.children.clone() }
            }
            if !embed && !s.plain {
                <Facts bundle={bundle.clone()} lang={lang} />
            }
            // Kept in plain mode too: the boundaries' terms require their credit, and an illustrative
            // map must still link to how its values were made.
            <footer class="attribution">
                    // The full page lists its sources under "About the data"; an embed or a plain page
                    // (which hides that section) has only this line.
                    if embed || s.plain {
                        // Sources (or, for a loaded file without any, the file), then the note.
                        if !meta.sources.is_empty() || meta.origin.is_some() || meta.illustrative {
                        <p class="source-line">
                            if !meta.sources.is_empty() {
                                { lang.pick("来源：", "Sources: ") }
                                { for meta.sources.iter().enumerate().map(|(k, src)| html! { <>
                                    { if k > 0 { lang.pick("；", "; ") } else { "" } }
                                    // Dataset validation admits only http(s) source URLs.
                                    <a href={src.url.clone()} target="_blank" rel="noopener noreferrer">{ unbroken(src.name.get(lang)) }</a>
                                </> }) }
                            } else if let Some(origin) = &meta.origin {
                                { lang.pick("数据：", "Data: ") }{ crate::core::date::truncate(origin, 80) }
                            }
                            if meta.illustrative {
                                { match (format::level_words(&meta.region_level), lang, meta.sources.is_empty() && meta.origin.is_none()) {
                                    ((zh, _, _), Lang::Zh, true) => format!("{zh}数值为示意数据（"),
                                    ((_, en, _), Lang::En, true) => format!("{en} values are illustrative ("),
                                    ((zh, _, _), Lang::Zh, false) => format!("。{zh}数值为示意数据（"),
                                    ((_, en, _), Lang::En, false) => format!(". {en} values are illustrative ("),
                                } }
                                <a href={format!("./{}#about-the-data", full_page_query)} target="_blank" rel="noopener">
                                    { lang.pick("生成方法", "how they were made") }</a>
                                { lang.pick("）。", ").") }
                            }
                        </p>
                        }
                    }
                    <p>{ lang.pick(ATTRIBUTION_ZH, ATTRIBUTION) }</p>
            </footer>
            if s.blackout {
                <div class="blackout" aria-label={lang.pick("黑屏（按 b 恢复）", "Black screen (press b to return)")}></div>
            }
        </div>
    }
}
