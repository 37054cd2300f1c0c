//! The last line of defence: a panic shows a visible banner (index.html's `#fatal`), never a
//! silent blank page.

/// Puts `message` into the `#fatal` banner and shows it. Does nothing outside a browser or when
/// the page has no banner.
pub fn show_fatal(message: &str) {
    let Some(el) = crate::view::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("fatal")) else {
        return;
    };
    if let Some(detail) = el.query_selector(".fatal-detail").ok().flatten() {
        detail.set_text_content(Some(message));
    }
    let _ = el.remove_attribute("hidden");
}

/// Installs a panic hook that logs the panic to the console and shows it in the banner.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        web_sys::console::error_1(&msg.clone().into());
        show_fatal(&msg);
    }));
}
