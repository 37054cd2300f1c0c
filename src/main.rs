//! Entry point in the browser: a panic hook that shows a visible banner, then the Yew app, mounted
//! beside the static page it replaces once its map is drawn.

#[cfg(target_arch = "wasm32")]
fn main() {
    use guizhou_map::view::boot;
    guizhou_map::view::install_panic_hook();
    // Beside the static page, which stays until the live map is drawn (`view::boot`).
    let root = boot::mount_point().expect("a browser document, and index.html has #app");
    yew::Renderer::<guizhou_map::view::App>::with_root(root).render();
    // A map that cannot be drawn (its column has no width, say in a hidden iframe) must not keep
    // the live page out of sight for good: after 10 s it shows as it is.
    gloo::timers::callback::Timeout::new(10_000, boot::reveal).forget();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is the browser app: build it with `trunk build` (see README.md).");
}
