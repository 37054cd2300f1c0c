//! Puts a static rendering of the page into `index.html`, for readers without JavaScript and for
//! the moment before the wasm has loaded: the map of the last date, the legend, the data table and
//! the sources, rendered by the same components as the live app (Yew server-side rendering).
//!
//! Run by Trunk after every build (`Trunk.toml`, hook `post_build`), on the staged `index.html`
//! (`$TRUNK_STAGING_DIR`); or by hand: `cargo run --bin prerender -- dist/index.html`. The live app
//! replaces this content once its map is drawn (`src/view/boot.rs`).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use guizhou_map::core::bundle::Bundle;
    use guizhou_map::core::i18n::Lang;
    use guizhou_map::core::url::UrlState;
    use guizhou_map::view::{Page, PageProps, SharedBundle};
    use std::process::ExitCode;
    use std::rc::Rc;

    const START: &str = "<!--prerender-->";
    const END: &str = "<!--/prerender-->";

    let path = match std::env::args().nth(1) {
        Some(p) => std::path::PathBuf::from(p),
        None => match std::env::var("TRUNK_STAGING_DIR") {
            Ok(dir) => std::path::Path::new(&dir).join("index.html"),
            Err(_) => {
                eprintln!("usage: prerender <index.html> (or run from Trunk, which sets TRUNK_STAGING_DIR)");
                return ExitCode::FAILURE;
            }
        },
    };
    let html = match std::fs::read_to_string(&path) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("prerender: cannot read {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    };
    let (Some(a), Some(b)) = (html.find(START), html.find(END)) else {
        eprintln!("prerender: {} has no {START}…{END} markers", path.display());
        return ExitCode::FAILURE;
    };
    let props = PageProps {
        bundle: SharedBundle(Rc::new(Bundle::embedded())),
        default_lang: Lang::Zh,
        url: UrlState { static_map: true, ..Default::default() },
        url_notices: vec![],
        autoplay_allowed: false,
        children: Default::default(),
        generation: 0,
        link_failed: vec![],
        source_key: Default::default(),
    };
    let rt = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("prerender: {e}");
            return ExitCode::FAILURE;
        }
    };
    let body = rt.block_on(yew::LocalServerRenderer::<Page>::with_props(props).render());
    let out = format!("{}{START}{body}{}", &html[..a], &html[b..]);
    if let Err(e) = std::fs::write(&path, out) {
        eprintln!("prerender: cannot write {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    println!("prerender: {} bytes of static page into {}", body.len(), path.display());
    ExitCode::SUCCESS
}

#[cfg(target_arch = "wasm32")]
fn main() {}
