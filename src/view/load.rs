//! Fetching the default files, relative to the page (so `dist/` works under any sub-path).

use crate::core::bundle::{paths, Bundle, LoadError};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Starts a fetch now (the browser downloads in parallel) and returns a future of its text.
fn start(file: &'static str) -> impl std::future::Future<Output = Result<String, LoadError>> {
    let promise = crate::view::window().map(|w| w.fetch_with_str(file));
    async move {
        let promise = promise.ok_or_else(|| LoadError::new(file, "no browser window"))?;
        let resp = JsFuture::from(promise)
            .await
            .map_err(|_| LoadError::new(file, "could not be downloaded (network error)"))?;
        let resp: web_sys::Response = resp.dyn_into().map_err(|_| LoadError::new(file, "unexpected response"))?;
        if !resp.ok() {
            return Err(LoadError::new(
                file,
                format!(
                    "the server answered HTTP {} {} (is the file uploaded next to index.html?)",
                    resp.status(),
                    resp.status_text()
                ),
            ));
        }
        let text = resp.text().map_err(|_| LoadError::new(file, "could not be read"))?;
        let text = JsFuture::from(text).await.map_err(|_| LoadError::new(file, "could not be read"))?;
        text.as_string().ok_or_else(|| LoadError::new(file, "is not text"))
    }
}

/// Downloads and parses the default dataset and boundaries; reports every failing file.
pub async fn load_default() -> Result<Bundle, Vec<LoadError>> {
    // All three requests are in flight before the first await.
    let (d, r, o) = (start(paths::DATASET), start(paths::REGIONS), start(paths::OUTLINE));
    let (d, r, o) = (d.await, r.await, o.await);
    match (d, r, o) {
        (Ok(d), Ok(r), Ok(o)) => Bundle::from_texts(&d, &r, &o),
        (d, r, o) => Err([d.err(), r.err(), o.err()].into_iter().flatten().collect()),
    }
}
