//! Small async wrappers over browser APIs the share and export features need: clipboard, native
//! share, downloads, drawing an SVG onto a canvas, and recording a canvas as WebM.
//!
//! APIs that web-sys marks unstable (clipboard, share) are called through `js_sys::Reflect`, so the
//! build needs no unstable flags; each returns an error message instead of panicking when the
//! browser lacks it.

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn window() -> Result<web_sys::Window, String> {
    crate::view::window().ok_or_else(|| "no browser window".to_string())
}

fn js_err(e: impl Into<JsValue>) -> String {
    let e: JsValue = e.into();
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| "unknown browser error".into())
}

/// Copies `text` to the clipboard.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let nav = window()?.navigator();
    let clipboard = Reflect::get(&nav, &"clipboard".into()).map_err(js_err)?;
    if clipboard.is_undefined() {
        return Err("the clipboard is not available here".into());
    }
    let write: Function = Reflect::get(&clipboard, &"writeText".into()).map_err(js_err)?.dyn_into().map_err(js_err)?;
    let promise: Promise = write.call1(&clipboard, &text.into()).map_err(js_err)?.dyn_into().map_err(js_err)?;
    JsFuture::from(promise).await.map(|_| ()).map_err(js_err)
}

/// `true` when the browser offers the native share sheet.
pub fn can_share() -> bool {
    crate::view::window().map(|w| Reflect::has(&w.navigator(), &"share".into()).unwrap_or(false)).unwrap_or(false)
}

/// Opens the native share sheet for `url` with `title`. A reader who closes the sheet without
/// sharing is not an error (the browser rejects with an `AbortError` then): `Ok` as well.
pub async fn share(url: &str, title: &str) -> Result<(), String> {
    let nav = window()?.navigator();
    let share: Function = Reflect::get(&nav, &"share".into()).map_err(js_err)?.dyn_into().map_err(js_err)?;
    let data = js_sys::Object::new();
    Reflect::set(&data, &"url".into(), &url.into()).map_err(js_err)?;
    Reflect::set(&data, &"title".into(), &title.into()).map_err(js_err)?;
    let promise: Promise = share.call1(&nav, &data).map_err(js_err)?.dyn_into().map_err(js_err)?;
    match JsFuture::from(promise).await {
        Ok(_) => Ok(()),
        Err(e)
            if Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).as_deref() == Some("AbortError") =>
        {
            Ok(())
        }
        Err(e) => Err(js_err(e)),
    }
}

/// A blob of `text` with MIME type `mime`.
pub fn text_blob(text: &str, mime: &str) -> Result<web_sys::Blob, String> {
    let parts = Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(js_err)
}

/// Saves `blob` as a download named `filename`.
pub fn download(blob: &web_sys::Blob, filename: &str) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(js_err)?;
    let doc = window()?.document().ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(js_err)?.dyn_into().map_err(js_err)?;
    a.set_href(&url);
    a.set_download(filename);
    a.set_attribute("hidden", "").map_err(js_err)?;
    doc.body().ok_or("no body")?.append_child(&a).map_err(js_err)?;
    a.click();
    a.remove();
    // Let the download start before the URL goes.
    let _ = gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u32) {
    gloo::timers::future::TimeoutFuture::new(ms).await;
}

/// Draws a standalone SVG onto `canvas` (sized `width × height` CSS px at `scale`).
pub async fn draw_svg(
    canvas: &web_sys::HtmlCanvasElement,
    svg: &str,
    width: f64,
    height: f64,
    scale: f64,
) -> Result<(), String> {
    let blob = text_blob(svg, "image/svg+xml;charset=utf-8")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_err)?;
    let img = web_sys::HtmlImageElement::new().map_err(js_err)?;
    let loaded = Promise::new(&mut |resolve, reject| {
        img.set_onload(Some(&resolve));
        img.set_onerror(Some(&reject));
    });
    img.set_src(&url);
    let result = JsFuture::from(loaded).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    result.map_err(|_| "the picture could not be drawn".to_string())?;
    canvas.set_width((width * scale).round() as u32);
    canvas.set_height((height * scale).round() as u32);
    let ctx: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").map_err(js_err)?.ok_or("no 2D canvas")?.dyn_into().map_err(js_err)?;
    ctx.draw_image_with_html_image_element_and_dw_and_dh(&img, 0.0, 0.0, width * scale, height * scale).map_err(js_err)
}

/// A new canvas element (not in the page).
pub fn canvas() -> Result<web_sys::HtmlCanvasElement, String> {
    window()?.document().ok_or("no document")?.create_element("canvas").map_err(js_err)?.dyn_into().map_err(js_err)
}

/// The canvas's pixels as a PNG blob.
pub async fn png_blob(canvas: &web_sys::HtmlCanvasElement) -> Result<web_sys::Blob, String> {
    let promise = Promise::new(&mut |resolve, _| {
        let cb = Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        let _ = canvas.to_blob(cb.unchecked_ref());
    });
    let v = JsFuture::from(promise).await.map_err(js_err)?;
    v.dyn_into::<web_sys::Blob>().map_err(|_| "the browser made no PNG".to_string())
}

/// Records a canvas as WebM while `frames` draws onto it; returns the video.
pub struct Recorder {
    recorder: web_sys::MediaRecorder,
    chunks: std::rc::Rc<std::cell::RefCell<Vec<JsValue>>>,
    _on_data: Closure<dyn FnMut(web_sys::BlobEvent)>,
}

impl Recorder {
    /// Starts recording `canvas` (VP8/VP9 WebM, whichever the browser has).
    pub fn start(canvas: &web_sys::HtmlCanvasElement) -> Result<Recorder, String> {
        let stream = canvas.capture_stream().map_err(js_err)?;
        let mime = ["video/webm;codecs=vp9", "video/webm;codecs=vp8", "video/webm"]
            .into_iter()
            .find(|m| web_sys::MediaRecorder::is_type_supported(m))
            .ok_or("this browser cannot record WebM video")?;
        let opts = web_sys::MediaRecorderOptions::new();
        opts.set_mime_type(mime);
        let recorder =
            web_sys::MediaRecorder::new_with_media_stream_and_media_recorder_options(&stream, &opts).map_err(js_err)?;
        let chunks: std::rc::Rc<std::cell::RefCell<Vec<JsValue>>> = Default::default();
        let sink = chunks.clone();
        let on_data = Closure::<dyn FnMut(web_sys::BlobEvent)>::new(move |e: web_sys::BlobEvent| {
            if let Some(b) = e.data() {
                sink.borrow_mut().push(b.into());
            }
        });
        recorder.set_ondataavailable(Some(on_data.as_ref().unchecked_ref()));
        recorder.start().map_err(js_err)?;
        Ok(Recorder { recorder, chunks, _on_data: on_data })
    }

    /// Stops and returns the recorded video.
    pub async fn finish(self) -> Result<web_sys::Blob, String> {
        let stopped = Promise::new(&mut |resolve, _| self.recorder.set_onstop(Some(&resolve)));
        self.recorder.stop().map_err(js_err)?;
        JsFuture::from(stopped).await.map_err(js_err)?;
        let parts = Array::new();
        for c in self.chunks.borrow().iter() {
            parts.push(c);
        }
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type("video/webm");
        web_sys::Blob::new_with_blob_sequence_and_options(&parts, &opts).map_err(js_err)
    }

    /// Stops without keeping anything. The handler is detached first: the recorder still fires a
    /// last `dataavailable` after `stop()`, when our closure is gone.
    pub fn cancel(self) {
        self.recorder.set_ondataavailable(None);
        let _ = self.recorder.stop();
    }
}
