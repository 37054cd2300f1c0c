//! Share and export: copy link, native share, the embed snippet, PNG / SVG / CSV downloads and a
//! WebM video of the timeline made in the reader's browser.
//!
//! Everything drawn comes from `core::export::poster_svg`, the same picture for SVG, PNG (drawn at
//! 2× on a canvas) and every video frame.

use crate::core::bundle::Bundle;
use crate::core::export::{self, Poster};
use crate::core::i18n::Lang;
use crate::view::app::SharedBundle;
use crate::view::browser;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// Poster size in CSS pixels (PNG at 2× is 2000 × 1520).
const POSTER: (f64, f64) = (1000.0, 760.0);
/// Video frame size (software encoding in a phone's browser must keep up).
const VIDEO: (f64, f64) = (800.0, 608.0);

/// Properties of [`ShareBar`].
#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// The loaded data.
    pub bundle: SharedBundle,
    /// Date index shown.
    pub index: usize,
    /// Compare mode's "from" date index.
    pub compare: Option<usize>,
    /// The window of dates `(from, to)` the video covers.
    pub window: (usize, usize),
    /// Dates per second for the video.
    pub speed: f64,
    /// Page language.
    pub lang: Lang,
    /// Dark colours.
    pub dark: bool,
    /// The URL query of the current state (for the link and the embed snippet).
    pub query: AttrValue,
    /// The data on screen came from files on the reader's disk, which no link can carry: the link
    /// and the embed code open the shipped data, and say so.
    #[prop_or_default]
    pub local_files: bool,
}

#[derive(Clone, PartialEq)]
enum Video {
    Idle,
    Running { done: usize, total: usize },
    Done,
    Failed(String),
}

fn file_stem(b: &Bundle, index: usize) -> String {
    let date = b.dataset.dates.get(index).map(|d| d.to_string()).unwrap_or_default();
    format!("{}-{date}", export::file_stem(&b.dataset))
}

/// The page's URL for `query`, with the language fixed: a shared link or an embed shows what its
/// sender saw, whatever the receiver's browser says (the address bar leaves the language to the
/// browser unless the reader chose one). For an embed, also `embed=1`.
fn page_url(query: &str, embed: bool, lang: Lang) -> String {
    let Some(loc) = crate::view::window().map(|w| w.location()) else { return String::new() };
    let base = format!("{}{}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default());
    let mut q = query.to_string();
    let has = |q: &str, key: &str| q.trim_start_matches('?').split('&').any(|p| p.split('=').next() == Some(key));
    // An embed's colours are the editor's choice, not the reader's system's (a dark box in a light
    // article): light unless the editor switched to dark (then the query already says `dark=1`).
    for (key, value, wanted) in [("lang", lang.code(), true), ("embed", "1", embed), ("dark", "0", embed)] {
        if wanted && !has(&q, key) {
            q.push(if q.is_empty() { '?' } else { '&' });
            q.push_str(&format!("{key}={value}"));
        }
    }
    format!("{base}{q}")
}

fn script_url() -> String {
    crate::view::window()
        .and_then(|w| w.location().href().ok())
        .and_then(|href| web_sys::Url::new_with_base("embed.js", &href).ok())
        .map(|u| u.href())
        .unwrap_or_else(|| "embed.js".into())
}

/// The share and export toolbar.
#[component]
pub fn ShareBar(props: &ShareProps) -> Html {
    let ShareProps { bundle, index, compare, window, speed, lang, dark, query, local_files } = props;
    let (index, lang, dark, speed) = (*index, *lang, *dark, *speed);
    let status = use_state(|| None::<String>);
    let embed_open = use_state(|| false);
    let video = use_state(|| Video::Idle);
    let cancel = use_mut_ref(|| Rc::new(Cell::new(false)));
    let poster = Poster { index, compare: *compare, lang, width: POSTER.0, height: POSTER.1, dark };
    // What travels with a shared link or an embed says that the values are illustrative, as the
    // page does, unless the title already does.
    let title = bundle.dataset.meta.title_noting_made(lang);

    let say = {
        let status = status.clone();
        move |m: String| status.set(Some(m))
    };
    let copy_link = {
        let (say, query, local_files) = (say.clone(), query.clone(), *local_files);
        Callback::from(move |_: MouseEvent| {
            let (say, url) = (say.clone(), page_url(&query, false, lang));
            wasm_bindgen_futures::spawn_local(async move {
                match browser::copy_text(&url).await {
                    Ok(()) if local_files => say(lang
                        .pick(
                            "链接已复制。它打开的是内置数据：本机文件无法随链接分享。",
                            "Link copied. It opens the shipped data: files from your disk cannot travel in a link.",
                        )
                        .into()),
                    Ok(()) => say(lang.pick("链接已复制", "Link copied").into()),
                    Err(e) => say(format!("{}{e}", lang.pick("无法复制：", "Could not copy: "))),
                }
            });
        })
    };
    let native_share = {
        let (say, query, title) = (say.clone(), query.clone(), title.clone());
        Callback::from(move |_: MouseEvent| {
            let (say, url, title) = (say.clone(), page_url(&query, false, lang), title.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = browser::share(&url, &title).await {
                    say(format!("{}{e}", lang.pick("无法分享：", "Could not share: ")));
                }
            });
        })
    };
    let toggle_embed = {
        let embed_open = embed_open.clone();
        Callback::from(move |_: MouseEvent| embed_open.set(!*embed_open))
    };
    let snippet = export::embed_snippet(&page_url(query, true, lang), &script_url(), &title);
    let copy_snippet = {
        let (say, snippet) = (say.clone(), snippet.clone());
        Callback::from(move |_: MouseEvent| {
            let (say, snippet) = (say.clone(), snippet.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match browser::copy_text(&snippet).await {
                    Ok(()) => say(lang.pick("嵌入代码已复制", "Embed code copied").into()),
                    Err(e) => say(format!("{}{e}", lang.pick("无法复制：", "Could not copy: "))),
                }
            });
        })
    };
    let download_svg = {
        let (bundle, say) = (bundle.clone(), say.clone());
        Callback::from(move |_: MouseEvent| {
            let svg = export::poster_svg(&bundle, &poster);
            let result = browser::text_blob(&svg, "image/svg+xml;charset=utf-8")
                .and_then(|b| browser::download(&b, &format!("{}.svg", file_stem(&bundle, index))));
            if let Err(e) = result {
                say(e);
            }
        })
    };
    let download_png = {
        let (bundle, say) = (bundle.clone(), say.clone());
        Callback::from(move |_: MouseEvent| {
            let (bundle, say) = (bundle.clone(), say.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let svg = export::poster_svg(&bundle, &poster);
                let result = async {
                    let canvas = browser::canvas()?;
                    browser::draw_svg(&canvas, &svg, POSTER.0, POSTER.1, 2.0).await?;
                    let blob = browser::png_blob(&canvas).await?;
                    browser::download(&blob, &format!("{}.png", file_stem(&bundle, index)))
                }
                .await;
                if let Err(e) = result {
                    say(e);
                }
            });
        })
    };
    let download_csv = {
        let (bundle, say) = (bundle.clone(), say.clone());
        Callback::from(move |_: MouseEvent| {
            let csv = export::csv(&bundle);
            let result = browser::text_blob(&csv, "text/csv;charset=utf-8")
                .and_then(|b| browser::download(&b, &format!("{}-data.csv", export::file_stem(&bundle.dataset))));
            if let Err(e) = result {
                say(e);
            }
        })
    };
    let start_video = {
        let (bundle, video, cancel) = (bundle.clone(), video.clone(), cancel.clone());
        let (from, to) = *window;
        let compare = *compare;
        Callback::from(move |_: MouseEvent| {
            let (bundle, video) = (bundle.clone(), video.clone());
            let flag = Rc::new(Cell::new(false));
            *cancel.borrow_mut() = flag.clone();
            let total = to.saturating_sub(from) + 1;
            video.set(Video::Running { done: 0, total });
            wasm_bindgen_futures::spawn_local(async move {
                let frame_ms = (1000.0 / speed.clamp(0.5, 30.0)).round() as u32;
                let result: Result<Option<web_sys::Blob>, String> = async {
                    let canvas = browser::canvas()?;
                    let first = Poster { index: from, compare, lang, width: VIDEO.0, height: VIDEO.1, dark };
                    browser::draw_svg(&canvas, &export::poster_svg(&bundle, &first), VIDEO.0, VIDEO.1, 1.0).await?;
                    let recorder = browser::Recorder::start(&canvas)?;
                    for (k, i) in (from..=to).enumerate() {
                        if flag.get() {
                            recorder.cancel();
                            return Ok(None);
                        }
                        let p = Poster { index: i, ..first };
                        browser::draw_svg(&canvas, &export::poster_svg(&bundle, &p), VIDEO.0, VIDEO.1, 1.0).await?;
                        video.set(Video::Running { done: k + 1, total });
                        browser::sleep(frame_ms).await;
                    }
                    recorder.finish().await.map(Some)
                }
                .await;
                match result {
                    Ok(Some(blob)) => {
                        let name = format!(
                            "{}-{}-{}.webm",
                            export::file_stem(&bundle.dataset),
                            bundle.dataset.dates[from],
                            bundle.dataset.dates[to]
                        );
                        match browser::download(&blob, &name) {
                            Ok(()) => video.set(Video::Done),
                            Err(e) => video.set(Video::Failed(e)),
                        }
                    }
                    Ok(None) => video.set(Video::Idle),
                    Err(e) => video.set(Video::Failed(e)),
                }
            });
        })
    };
    let stop_video = {
        let cancel = cancel.clone();
        Callback::from(move |_: MouseEvent| cancel.borrow().set(true))
    };

    let video_panel = match &*video {
        Video::Idle => html! {},
        Video::Running { done, total } => html! {
            <div class="video-progress" role="status">
                <label>
                    { format!("{} {done} / {total}", lang.pick("正在录制视频：", "Recording video:")) }
                    <progress max={total.to_string()} value={done.to_string()}></progress>
                </label>
                <button type="button" class="video-cancel" onclick={stop_video}>{ lang.pick("取消", "Cancel") }</button>
            </div>
        },
        Video::Done => {
            html! { <p class="video-progress" role="status">{ lang.pick("视频已下载（WebM）", "Video downloaded (WebM)") }</p> }
        }
        Video::Failed(e) => {
            html! { <p class="video-progress error" role="alert">{ format!("{}{e}", lang.pick("视频导出失败：", "Video export failed: ")) }</p> }
        }
    };
    let recording = matches!(*video, Video::Running { .. });

    html! {
        <section class="share" aria-label={lang.pick("分享与导出", "Share and export")}>
            <div class="share-buttons">
                <button type="button" class="copy-link" onclick={copy_link}>{ lang.pick("复制链接", "Copy link") }</button>
                if browser::can_share() {
                    <button type="button" class="native-share" onclick={native_share}>{ lang.pick("分享…", "Share…") }</button>
                }
                <button type="button" class="embed-toggle" onclick={toggle_embed} aria-expanded={embed_open.to_string()}>
                    { lang.pick("嵌入", "Embed") }
                </button>
                <button type="button" class="download-png" onclick={download_png}>{ "PNG" }</button>
                <button type="button" class="download-svg" onclick={download_svg}>{ "SVG" }</button>
                <button type="button" class="download-csv" onclick={download_csv}>{ lang.pick("数据 CSV", "Data CSV") }</button>
                <button type="button" class="export-video" onclick={start_video} disabled={recording}
                    title={lang.pick("把时间轴播放录成 WebM 视频（在浏览器中生成）", "Record the timeline playing as a WebM video, made in your browser")}>
                    { lang.pick("导出视频", "Export video") }
                </button>
            </div>
            { video_panel }
            if *embed_open {
                <div class="embed-panel">
                    if *local_files {
                        <p class="embed-warning" role="note">{ lang.pick(
                            "这段代码嵌入的是内置数据，而不是你的文件：本机文件无法随链接分享。把文件放到网上，用 ?data=网址 载入，再复制嵌入代码。",
                            "This code embeds the shipped data, not your file: files from your disk cannot travel in a link. Put the file on the web, load it by its address (?data=…), then copy the code."
                        ) }</p>
                    }
                    <label for="embed-code">{ lang.pick("复制这段代码粘贴到网页中（iframe 会自动调整高度）：", "Paste this into your page (the iframe sizes itself):") }</label>
                    <textarea id="embed-code" class="embed-code" readonly=true rows="4" value={snippet} />
                    <p class="embed-note">{ lang.pick(
                        "嵌入的地图用浅色，除非复制前用页面顶部的配色按钮切换为深色；把 dark=0 改为 dark=auto 则跟随读者系统的配色。",
                        "The embed is light unless you switch the page to dark (the colour button at the top) before copying; change dark=0 to dark=auto to follow the reader's system."
                    ) }</p>
                    <button type="button" class="copy-embed" onclick={copy_snippet}>{ lang.pick("复制嵌入代码", "Copy embed code") }</button>
                </div>
            }
            <p class="share-status" aria-live="polite">{ (*status).clone().unwrap_or_default() }</p>
        </section>
    }
}
