//! Loading data at run time: the shipped datasets, files at URLs (`data=`, `geo=`), and files the
//! reader chooses or drops; with progress, and a validation report naming what and where.
//!
//! Parsing and checking happen in `core::ingest`; this module only moves bytes (XHR for URLs, so a
//! large file shows its progress; FileReader for local files) and renders the panel.

use crate::core::bundle::{Builtin, Bundle, LoadError, BUILTINS};
use crate::core::dataset::MAX_BYTES;
use crate::core::i18n::Lang;
use crate::core::ingest::{self, Issue, Severity};
use crate::core::url::DataSource;
use crate::view::window;
use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// How far a download or file read has got.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// What is being read.
    pub label: String,
    /// Bytes so far.
    pub loaded: f64,
    /// Bytes in all, when known.
    pub total: Option<f64>,
}

fn err(file: &str, zh: &str, en: String) -> Issue {
    Issue {
        severity: Severity::Error,
        file: file.to_string(),
        place: String::new(),
        message: crate::core::i18n::Text::new(zh, en),
    }
}

/// The browser's GB18030 decoder (GBK is a subset): what lets Excel's Chinese CSVs be read.
pub fn gb18030(bytes: &[u8]) -> Option<String> {
    web_sys::TextDecoder::new_with_label("gb18030").ok()?.decode_with_u8_array(bytes).ok()
}

/// Downloads `url` as bytes, reporting progress; refuses files over the size limit as they come.
pub async fn fetch_bytes(url: &str, on_progress: &Callback<Progress>) -> Result<Vec<u8>, Issue> {
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| err(url, "无法下载", "cannot start a download".into()))?;
    xhr.open("GET", url).map_err(|_| err(url, "网址无效", "the URL is not valid".into()))?;
    xhr.set_response_type(web_sys::XmlHttpRequestResponseType::Arraybuffer);
    let label = url.to_string();
    let cb = on_progress.clone();
    let x2 = xhr.clone();
    // The size that made us stop, so that the message can say it (an abort looks like a network
    // error otherwise).
    let too_big = std::rc::Rc::new(std::cell::Cell::new(None::<(f64, bool)>));
    let too_big_in = too_big.clone();
    let progress = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
        // The server said the size (Content-Length): stop at once; otherwise stop at the limit.
        let (size, known) = if e.length_computable() { (e.total(), true) } else { (e.loaded(), false) };
        if size > MAX_BYTES as f64 && too_big_in.get().is_none() {
            too_big_in.set(Some((size, known)));
            let _ = x2.abort();
        }
        cb.emit(Progress { label: label.clone(), loaded: e.loaded(), total: e.length_computable().then(|| e.total()) });
    });
    xhr.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    let done = Promise::new(&mut |resolve, _| {
        xhr.set_onloadend(Some(&resolve));
    });
    xhr.send().map_err(|_| err(url, "无法下载", "the download could not start".into()))?;
    JsFuture::from(done).await.map_err(|_| err(url, "无法下载", "the download failed".into()))?;
    drop(progress);
    let status = xhr.status().unwrap_or(0);
    if let Some((size, known)) = too_big.get() {
        let (mb, limit) = (size / 1_048_576.0, MAX_BYTES / 1_048_576);
        return Err(if known {
            Issue {
                message: crate::core::i18n::Text::new(
                    format!("文件为 {mb:.1} MB，超过 {limit} MB 的上限，已停止下载"),
                    format!("the file is {mb:.1} MB, more than the {limit} MB limit; the download was stopped"),
                ),
                ..err(url, "", String::new())
            }
        } else {
            Issue {
                message: crate::core::i18n::Text::new(
                    format!("文件超过 {limit} MB 的上限，已停止下载"),
                    format!("the file is over the {limit} MB limit; the download was stopped"),
                ),
                ..err(url, "", String::new())
            }
        });
    }
    if status == 0 {
        return Err(err(
            url,
            "无法下载（网络错误、跨域限制或文件过大）",
            format!("could not be downloaded (network error, a server that does not allow cross-origin reading, or a file over {} MB)", MAX_BYTES / 1_048_576),
        ));
    }
    if !(200..300).contains(&status) {
        return Err(Issue {
            message: crate::core::i18n::Text::new(
                format!("服务器返回错误（HTTP {status}）"),
                format!("the server answered HTTP {status}"),
            ),
            ..err(url, "", String::new())
        });
    }
    let body = xhr.response().map_err(|_| err(url, "无法读取", "the response cannot be read".into()))?;
    Ok(Uint8Array::new(&body).to_vec())
}

/// Reads a local file as bytes, reporting progress.
pub async fn read_file(file: &web_sys::File, on_progress: &Callback<Progress>) -> Result<Vec<u8>, Issue> {
    let name = file.name();
    if file.size() > MAX_BYTES as f64 {
        let mb = file.size() / 1_048_576.0;
        return Err(err(
            &name,
            "文件过大",
            format!("the file is {mb:.1} MB, more than the {} MB limit", MAX_BYTES / 1_048_576),
        ));
    }
    let reader = web_sys::FileReader::new().map_err(|_| err(&name, "无法读取", "the file cannot be read".into()))?;
    let (label, cb) = (name.clone(), on_progress.clone());
    let progress = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
        cb.emit(Progress { label: label.clone(), loaded: e.loaded(), total: Some(e.total()) });
    });
    reader.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    let done = Promise::new(&mut |resolve, reject| {
        reader.set_onload(Some(&resolve));
        reader.set_onerror(Some(&reject));
    });
    reader.read_as_array_buffer(file).map_err(|_| err(&name, "无法读取", "the file cannot be read".into()))?;
    JsFuture::from(done).await.map_err(|_| err(&name, "无法读取", "the file cannot be read".into()))?;
    drop(progress);
    let result = reader.result().map_err(|_| err(&name, "无法读取", "the file cannot be read".into()))?;
    Ok(Uint8Array::new(&result).to_vec())
}

async fn fetch_text(file: &str, on_progress: &Callback<Progress>) -> Result<String, LoadError> {
    let bytes = fetch_bytes(file, on_progress).await.map_err(|i| LoadError::new(file, i.message.en))?;
    String::from_utf8(bytes).map_err(|_| LoadError::new(file, "is not UTF-8 text"))
}

/// Loads a shipped dataset and its boundaries (strictly: these are our files). Both requests are
/// in flight at once.
pub async fn load_builtin(b: &Builtin, on_progress: &Callback<Progress>) -> Result<Bundle, Vec<LoadError>> {
    let (d, g, _) = futures_join3(fetch_text(b.data, on_progress), fetch_text(b.geo, on_progress), async {}).await;
    match (d, g) {
        (Ok(d), Ok(g)) => Bundle::from_builtin_texts(b, &d, &g),
        (d, g) => Err([d.err(), g.err()].into_iter().flatten().collect()),
    }
}

/// Polls three futures concurrently (no futures crate needed for this one join).
async fn futures_join3<A, B, C>(
    a: impl std::future::Future<Output = A>,
    b: impl std::future::Future<Output = B>,
    c: impl std::future::Future<Output = C>,
) -> (A, B, C) {
    use std::pin::pin;
    use std::task::Poll;
    let (mut a, mut b, mut c) = (pin!(a), pin!(b), pin!(c));
    let (mut ra, mut rb, mut rc) = (None, None, None);
    std::future::poll_fn(|cx| {
        if ra.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                ra = Some(v);
            }
        }
        if rb.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                rb = Some(v);
            }
        }
        if rc.is_none() {
            if let Poll::Ready(v) = c.as_mut().poll(cx) {
                rc = Some(v);
            }
        }
        match (ra.take(), rb.take(), rc.take()) {
            (Some(a), Some(b), Some(c)) => Poll::Ready((a, b, c)),
            (a, b, c) => {
                (ra, rb, rc) = (a, b, c);
                Poll::Pending
            }
        }
    })
    .await
}

/// Resolves a data URL against the page, so relative URLs work under any sub-path.
fn absolute(url: &str) -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .and_then(|href| web_sys::Url::new_with_base(url, &href).ok())
        .map(|u| u.href())
        .unwrap_or_else(|| url.to_string())
}

/// Loads the files a URL names (`data`, `geo`, `outline`), matched onto `current` for what is not named.
pub async fn load_urls(
    src: &DataSource,
    current: Option<&Bundle>,
    on_progress: &Callback<Progress>,
) -> Result<(Bundle, Vec<Issue>), Vec<Issue>> {
    let get = |u: &Option<String>| u.as_ref().map(|u| absolute(u));
    let (data_url, geo_url, outline_url) = (get(&src.data), get(&src.geo), get(&src.outline));
    let fetch = |u: Option<String>| {
        let cb = on_progress.clone();
        async move {
            match u {
                Some(u) => Some(fetch_bytes(&u, &cb).await.map(|b| (u, b))),
                None => None,
            }
        }
    };
    let (d, g, o) = futures_join3(fetch(data_url), fetch(geo_url), fetch(outline_url)).await;
    let mut failed = vec![];
    let mut take = |r: Option<Result<(String, Vec<u8>), Issue>>| match r {
        Some(Ok(v)) => Some(v),
        Some(Err(e)) => {
            failed.push(e);
            None
        }
        None => None,
    };
    let (d, g, o) = (take(d), take(g), take(o));
    if !failed.is_empty() {
        return Err(failed);
    }
    let as_ref = |v: &Option<(String, Vec<u8>)>| v.as_ref().map(|(n, b)| (n.clone(), b.clone()));
    let (d, g, o) = (as_ref(&d), as_ref(&g), as_ref(&o));
    ingest::bundle_from_files(
        d.as_ref().map(|(n, b)| (n.as_str(), b.as_slice())),
        g.as_ref().map(|(n, b)| (n.as_str(), b.as_slice())),
        o.as_ref().map(|(n, b)| (n.as_str(), b.as_slice())),
        src.key.as_deref(),
        current,
        Some(&gb18030),
    )
}

/// Loads files the reader chose or dropped: GeoJSON ones become the boundaries, the rest the data.
pub async fn load_files(
    files: Vec<web_sys::File>,
    key: Option<String>,
    current: Option<&Bundle>,
    on_progress: &Callback<Progress>,
) -> Result<(Bundle, Vec<Issue>), Vec<Issue>> {
    let mut data = None;
    let mut geo = None;
    let mut issues = vec![];
    for f in files {
        let name = f.name();
        match read_file(&f, on_progress).await {
            Ok(bytes) => {
                let slot = if ingest::looks_like_geojson(&name, &bytes) { &mut geo } else { &mut data };
                if slot.is_some() {
                    issues.push(err(
                        &name,
                        "只能同时载入一个数据文件和一个边界文件",
                        "only one dataset and one boundary file can be loaded at once; this one was not used".into(),
                    ));
                    if let Some(i) = issues.last_mut() {
                        i.severity = Severity::Warning;
                    }
                } else {
                    *slot = Some((name, bytes));
                }
            }
            Err(e) => return Err(vec![e]),
        }
    }
    let result = ingest::bundle_from_files(
        data.as_ref().map(|(n, b): &(String, Vec<u8>)| (n.as_str(), b.as_slice())),
        geo.as_ref().map(|(n, b): &(String, Vec<u8>)| (n.as_str(), b.as_slice())),
        None,
        key.as_deref(),
        current,
        Some(&gb18030),
    );
    match result {
        Ok((b, mut more)) => {
            more.extend(issues);
            Ok((b, more))
        }
        Err(mut e) => {
            e.extend(issues);
            Err(e)
        }
    }
}

/// Properties of [`DataPanel`].
#[derive(Properties, PartialEq)]
pub struct DataPanelProps {
    /// Page language.
    pub lang: Lang,
    /// The shipped dataset on screen, if it is one.
    pub builtin: Option<&'static str>,
    /// What was said about the last load.
    pub report: Vec<Issue>,
    /// A load in progress.
    pub progress: Option<Progress>,
    /// The reader picked a shipped dataset.
    pub on_builtin: Callback<&'static Builtin>,
    /// The reader chose or dropped files (with the GeoJSON key property, if given).
    pub on_files: Callback<(Vec<web_sys::File>, Option<String>)>,
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return vec![] };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The data section: shipped datasets, loading one's own files, progress and the report.
#[component]
pub fn DataPanel(props: &DataPanelProps) -> Html {
    let lang = props.lang;
    let key = use_state(String::new);
    let dragging = use_state(|| false);
    // A file dropped beside the drop zone would open in the tab, and the page (the reader's view,
    // a loaded file) would be gone: the page takes no drop but the zone's.
    use_effect_with((), |_| {
        let guard = |name: &'static str| {
            window().and_then(|w| w.document()).map(|doc| {
                let options = gloo::events::EventListenerOptions::enable_prevent_default();
                gloo::events::EventListener::new_with_options(&doc, name, options, |e| {
                    let files = e
                        .dyn_ref::<DragEvent>()
                        .and_then(|d| d.data_transfer())
                        .is_some_and(|t| t.types().iter().any(|ty| ty.as_string().as_deref() == Some("Files")));
                    if files {
                        e.prevent_default();
                    }
                })
            })
        };
        let listeners = [guard("dragover"), guard("drop")];
        move || drop(listeners)
    });
    let on_select = {
        let cb = props.on_builtin.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(b) = BUILTINS.iter().find(|b| b.id == select.value()) {
                cb.emit(b);
            }
        })
    };
    let on_choose = {
        let (cb, key) = (props.on_files.clone(), key.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let files = files_of(input.files());
            if !files.is_empty() {
                cb.emit((files, (!key.is_empty()).then(|| (*key).clone())));
            }
            input.set_value("");
        })
    };
    let on_key = {
        let key = key.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            key.set(input.value().trim().to_string());
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_drop = {
        let (cb, key, dragging) = (props.on_files.clone(), key.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let files = files_of(e.data_transfer().and_then(|d| d.files()));
            if !files.is_empty() {
                cb.emit((files, (!key.is_empty()).then(|| (*key).clone())));
            }
        })
    };
    let errors = props.report.iter().any(|i| i.severity == Severity::Error);
    let progress = props.progress.as_ref().map(|p| {
        let text = match p.total {
            Some(t) if t > 0.0 => format!("{} {:.0} / {:.0} kB", p.label, p.loaded / 1024.0, t / 1024.0),
            _ => format!("{} {:.0} kB", p.label, p.loaded / 1024.0),
        };
        html! {
            <div class="load-progress" role="status">
                <span>{ lang.pick("正在载入：", "Loading: ") }{ text }</span>
                if let Some(t) = p.total.filter(|t| *t > 0.0) {
                    <progress max={format!("{t}")} value={format!("{}", p.loaded)}></progress>
                } else {
                    <progress></progress>
                }
            </div>
        }
    });
    let severity_label = |s: Severity| match s {
        Severity::Error => lang.pick("错误", "Error"),
        Severity::Warning => lang.pick("警告", "Warning"),
        Severity::Info => lang.pick("提示", "Note"),
    };
    html! {
        <section class="data-panel" aria-label={lang.pick("数据", "Data")}>
            <h2>{ lang.pick("数据", "Data") }</h2>
            <label class="builtin-select">
                <span>{ lang.pick("数据集：", "Dataset: ") }</span>
                <select class="dataset-select" onchange={on_select}>
                    { for BUILTINS.iter().map(|b| html! {
                        <option value={b.id} selected={props.builtin == Some(b.id)}>{ lang.pick(b.zh, b.en) }</option>
                    }) }
                    if props.builtin.is_none() {
                        <option value="" selected=true disabled=true>{ lang.pick("已载入的文件", "Loaded files") }</option>
                    }
                </select>
            </label>
            <div class={classes!("drop-zone", dragging.then_some("dragging"))}
                ondragover={on_drag_over} ondragleave={on_drag_leave} ondrop={on_drop}>
                <p>{ lang.pick(
                    "载入自己的数据：选择或拖入数据文件（本项目的 JSON，或 CSV：date, code/name, rate …）和/或边界文件（GeoJSON）。",
                    "Load your own: choose or drop a dataset (this project's JSON, or CSV: date, code/name, rate …) and/or boundaries (GeoJSON).") }</p>
                <label class="file-choose">
                    <span>{ lang.pick("选择文件…", "Choose files…") }</span>
                    <input type="file" class="file-input" multiple=true accept=".json,.csv,.geojson,.txt,application/json,text/csv" onchange={on_choose} />
                </label>
                <label class="geo-key">
                    <span>{ lang.pick("边界文件中地区代码所在的属性（默认 adcode）：", "GeoJSON property with the region key (default adcode): ") }</span>
                    <input type="text" class="key-input" placeholder="adcode" value={(*key).clone()} oninput={on_key} />
                </label>
            </div>
            { progress.unwrap_or_default() }
            if !props.report.is_empty() {
                <div class={classes!("report", errors.then_some("has-errors"))} role={if errors { "alert" } else { "status" }}>
                    <h3>{ if errors { lang.pick("文件未载入，屏幕上仍是原来的数据", "The file was not loaded; the previous data stay on screen") }
                          else if props.report.iter().all(|i| i.severity == Severity::Info) { lang.pick("已载入", "Loaded") }
                          else { lang.pick("已载入。检查报告：", "Loaded. Check report:") } }</h3>
                    <ul>{ for props.report.iter().map(|i| html! {
                        <li class={classes!("issue", match i.severity { Severity::Error => "error", Severity::Warning => "warning", Severity::Info => "info" })}>
                            <strong>{ severity_label(i.severity) }</strong>{ " " }
                            <code class="issue-file">{ &i.file }</code>
                            if !i.place.is_empty() { { " · " }<span class="issue-place">{ i.place_in(lang) }</span> }
                            { " — " }<span class="issue-message">{ i.message.get(lang) }</span>
                        </li>
                    }) }</ul>
                </div>
            }
        </section>
    }
}
