//! The pure core: data model and parsing, geometry and projection, colour scales, the timeline,
//! and app state. Nothing here imports yew, web-sys or gloo (ARCHITECTURE.md's first invariant);
//! everything is unit-tested natively with `cargo test --lib`.

pub mod bundle;
pub mod choropleth;
pub mod dataset;
pub mod date;
pub mod debounce;
pub mod export;
pub mod format;
pub mod geo;
pub mod i18n;
pub mod ingest;
pub mod json_error;
pub mod keys;
pub mod labels;
pub mod names;
pub mod projection;
pub mod room;
pub mod scale;
pub mod search;
pub mod shape;
pub mod sort;
pub mod state;
pub mod timeline;
pub mod trailing;
pub mod url;
pub mod wrap;
