//! Entry point in the browser: a panic hook that shows a visible banner, then the Yew app.

#[cfg(target_arch = "wasm32")]
fn main() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        web_sys::console::error_1(&msg.clone().into());
        // Never a silent blank page: show what happened in the banner index.html provides.
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("fatal")) {
            if let Some(detail) = el.query_selector(".fatal-detail").ok().flatten() {
                detail.set_text_content(Some(&msg));
            }
            let _ = el.remove_attribute("hidden");
        }
    }));
    let document = web_sys::window().and_then(|w| w.document()).expect("a browser document");
    let root = document.get_element_by_id("app").expect("index.html has #app");
    // Replace the loading notice and the no-script content that index.html shows before the app.
    root.set_inner_html("");
    yew::Renderer::<guizhou_map::view::App>::with_root(root).render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is the browser app: build it with `trunk build` (see README.md).");
}
