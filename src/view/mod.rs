//! The view: Yew function components over the pure [`crate::core`].
//!
//! Components hold no rules of their own: they render a `&AppState` and a shared `Rc<Bundle>`, and
//! turn browser events into [`crate::core::state::Action`]s. Browser-only work (fetching files,
//! measuring the container, the animation clock, document-wide keys) lives in effects, which never
//! run during server-side rendering, so every component also renders natively in tests.

mod app;
pub mod boot;
mod browser;
mod charts;
mod data;
mod facts;
mod fatal;
mod hooks;
mod legend;
mod map;
mod search;
mod share;
mod timeline;
mod tooltip;

pub use app::{App, Page, PageProps, SharedBundle};

/// `text` with each date in it ([`crate::core::wrap::segments`]) set whole (a `nowrap` span): a
/// title or a sentence never breaks as "（2020年2 / 月10日" or "1 / Mar 2020".
pub(crate) fn unbroken(text: &str) -> yew::Html {
    yew::html! {
        <>{ for crate::core::wrap::segments(text).into_iter().map(|(run, date)| if date {
            yew::html! { <span class="nowrap">{ run.to_string() }</span> }
        } else {
            yew::html! { run.to_string() }
        }) }</>
    }
}

/// The id of an SVG paint server (a gradient or a pattern) that fills refer to as `url(#id)`.
/// The static page (rendered on the server) and the live page are in the document together during
/// the hand-over (`boot`), the static one first and then hidden (`display: none`). With one id, the
/// live page's fills would refer to the hidden page's paint servers, which do not render: its
/// legend and hatches stayed blank until the static page was removed. So the server's ids differ.
pub(crate) fn paint_id(id: &str) -> String {
    if cfg!(target_arch = "wasm32") {
        id.to_string()
    } else {
        format!("{id}-static")
    }
}

/// `url(#id)` for [`paint_id`]`(id)`.
pub(crate) fn paint_url(id: &str) -> String {
    format!("url(#{})", paint_id(id))
}

/// The browser window, or `None` outside a browser. Server-side rendering runs the same component
/// code natively, where touching a browser global would panic, so view code asks here instead of
/// calling `web_sys::window()` directly.
pub(crate) fn window() -> Option<web_sys::Window> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}
pub use charts::{DataTable, TableProps};
pub use facts::{Facts, FactsProps};
pub use fatal::{install_panic_hook, show_fatal};
pub use legend::{Legend, LegendProps};
pub use map::{fill_of, MapProps, MapView};
pub use timeline::{TimelineBar, TimelineProps};
pub use tooltip::{Tooltip, TooltipProps};
