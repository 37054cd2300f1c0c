//! Entry point in the browser: a panic hook that shows a visible banner, then the Yew app.

#[cfg(target_arch = "wasm32")]
fn main() {
    guizhou_map::view::install_panic_hook();
    let document = web_sys::window().and_then(|w| w.document()).expect("a browser document");
    let root = document.get_element_by_id("app").expect("index.html has #app");
    // Replace the loading notice and the no-script content that index.html shows before the app.
    root.set_inner_html("");
    // The static page's "loading" bar and dimming (index.html) end here.
    if let Some(html) = document.document_element() {
        let _ = html.remove_attribute("data-booting");
    }
    yew::Renderer::<guizhou_map::view::App>::with_root(root).render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is the browser app: build it with `trunk build` (see README.md).");
}
