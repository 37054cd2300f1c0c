//! Puts a static rendering of the page into `index.html`, for readers without JavaScript and for
//! the moment before the wasm has loaded: the map of the last date, the legend, the data table and
//! the sources, rendered by the same components as the live app (Yew server-side rendering).
//!
//! The page is rendered in Chinese, the map's own language and what a reader without JavaScript
//! sees, and in English inside a `<template id="static-en">`, which `index.html`'s first script
//! puts in the Chinese page's place, before it is shown, for a reader the app will speak English
//! to. The English copy borrows its long path data from the Chinese one ([`share_paths`]): the map
//! is the same in both, and a second copy of it would add about 13 kB (gzip) to every load.
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
    let bundle = SharedBundle(Rc::new(Bundle::embedded()));
    let props = |lang| PageProps {
        bundle: bundle.clone(),
        default_lang: lang,
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
    let render = |lang| rt.block_on(yew::LocalServerRenderer::<Page>::with_props(props(lang)).render());
    let zh = render(Lang::Zh);
    let en = share_paths(&zh, &render(Lang::En));
    let out = format!("{}{START}{zh}<template id=\"static-en\">{en}</template>{}", &html[..a], &html[b..]);
    if let Err(e) = std::fs::write(&path, out) {
        eprintln!("prerender: cannot write {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    println!("prerender: {} + {} bytes of static page (zh + en) into {}", zh.len(), en.len(), path.display());
    // The stylesheet beside it, without its comments (for readers of the source, not of the page:
    // about 40 % of its gzipped bytes). Trunk's own minifier would also rewrite the inline scripts,
    // and does so wrongly (their regular expressions' escapes).
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let file = entry.path();
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !(name.starts_with("style-") && name.ends_with(".css")) {
            continue;
        }
        let stripped = match std::fs::read_to_string(&file) {
            Ok(css) => strip_css_comments(&css),
            Err(e) => {
                eprintln!("prerender: cannot read {}: {e}", file.display());
                return ExitCode::FAILURE;
            }
        };
        if let Err(e) = std::fs::write(&file, &stripped) {
            eprintln!("prerender: cannot write {}: {e}", file.display());
            return ExitCode::FAILURE;
        }
        println!("prerender: {} bytes of {name} without comments", stripped.len());
    }
    ExitCode::SUCCESS
}

/// `css` without its comments, blank lines and indentation. Quoted strings are kept whole (a `/*`
/// inside one is text); a comment left open runs to the end, as in CSS.
#[cfg(not(target_arch = "wasm32"))]
fn strip_css_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut quote = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(_), '\\') => {
                out.push(c);
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            (Some(q), _) => {
                out.push(c);
                if c == q {
                    quote = None;
                }
            }
            (None, '"' | '\'') => {
                quote = Some(c);
                out.push(c);
            }
            (None, '/') if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for n in chars.by_ref() {
                    if last == '*' && n == '/' {
                        break;
                    }
                    last = n;
                }
            }
            (None, _) => out.push(c),
        }
    }
    out.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n") + "\n"
}

/// Path data shorter than this is left in place: a reference would save little.
#[cfg(not(target_arch = "wasm32"))]
const SHARED_PATH_MIN: usize = 64;

/// `to` with each ` d="…"` attribute (of at least [`SHARED_PATH_MIN`] bytes) that `from` has too
/// replaced by ` data-d="i"`: `i` counts the elements with a `d` attribute in `from`, in document
/// order, from 0. `index.html`'s script copies the attribute back from the `i`-th element of
/// `from`'s page (`querySelectorAll('[d]')`). Rendered HTML has no other ` d="` than attributes:
/// text and other attribute values escape `"`.
#[cfg(not(target_arch = "wasm32"))]
fn share_paths(from: &str, to: &str) -> String {
    const ATTR: &str = " d=\"";
    let mut index = std::collections::HashMap::new();
    let mut rest = from;
    let mut i = 0usize;
    while let Some(at) = rest.find(ATTR) {
        let value = &rest[at + ATTR.len()..];
        let Some(end) = value.find('"') else { break };
        index.entry(&value[..end]).or_insert(i);
        i += 1;
        rest = &value[end..];
    }
    let mut out = String::with_capacity(to.len());
    let mut rest = to;
    while let Some(at) = rest.find(ATTR) {
        let value = &rest[at + ATTR.len()..];
        let Some(end) = value.find('"') else { break };
        out.push_str(&rest[..at]);
        match index.get(&value[..end]) {
            Some(i) if end >= SHARED_PATH_MIN => out.push_str(&format!(" data-d=\"{i}\"")),
            _ => out.push_str(&rest[at..at + ATTR.len() + end + 1]),
        }
        rest = &value[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::{share_paths, strip_css_comments, SHARED_PATH_MIN};

    #[test]
    fn the_stylesheet_loses_its_comments_and_nothing_else() {
        let css = "/* head */\n.a { color: red; } /* why */\n\n  .b::before { content: \"/* not a comment */\"; }\n.c { content: '\\'/*'; }\n/* open";
        assert_eq!(
            strip_css_comments(css),
            ".a { color: red; }\n.b::before { content: \"/* not a comment */\"; }\n.c { content: '\\'/*'; }\n"
        );
        let shipped = strip_css_comments(include_str!("../../static/style.css"));
        assert!(
            !shipped.contains("/*")
                && shipped.matches('{').count() == include_str!("../../static/style.css").matches('{').count()
        );
    }

    #[test]
    fn long_paths_both_pages_have_become_references_by_position() {
        let long = |c: char| std::iter::repeat_n(c, SHARED_PATH_MIN).collect::<String>();
        let (a, b, c) = (long('a'), long('b'), long('c'));
        let from = format!(r#"<svg><path d="M0"/><path d="{a}"/><g><path class="x" d="{b}"/></g></svg>"#);
        let to = format!(r#"<p title="d=">x</p><path d="{b}" id="1"/><path d="M0"/><path d="{c}"/><path d="{a}"/>"#);
        assert_eq!(
            share_paths(&from, &to),
            format!(r#"<p title="d=">x</p><path data-d="2" id="1"/><path d="M0"/><path d="{c}"/><path data-d="1"/>"#)
        );
    }

    #[test]
    fn the_first_of_repeated_path_data_is_the_one_referred_to() {
        let a = std::iter::repeat_n('a', SHARED_PATH_MIN).collect::<String>();
        let from = format!(r#"<path d="x"/><path d="{a}"/><path d="{a}"/>"#);
        assert_eq!(share_paths(&from, &format!(r#"<path d="{a}"/>"#)), r#"<path data-d="1"/>"#);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
