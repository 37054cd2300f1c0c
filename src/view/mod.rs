//! The view: Yew function components over the pure [`crate::core`].
//!
//! Components hold no rules of their own: they render a `&AppState` and a shared `Rc<Bundle>`, and
//! turn browser events into [`crate::core::state::Action`]s. Browser-only work (fetching files,
//! measuring the container, the animation clock, document-wide keys) lives in effects, which never
//! run during server-side rendering, so every component also renders natively in tests.

mod app;
mod charts;
mod facts;
mod fatal;
mod hooks;
mod legend;
mod load;
mod map;
mod timeline;
mod tooltip;

pub use app::{App, Page, PageProps, SharedBundle};
pub use facts::{Facts, FactsProps};
pub use fatal::{install_panic_hook, show_fatal};
pub use legend::{Legend, LegendProps};
pub use map::{fill_of, MapProps, MapView};
pub use timeline::{TimelineBar, TimelineProps};
pub use tooltip::{Tooltip, TooltipProps};
