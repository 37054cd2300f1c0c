//! Guizhou work-resumption map: a Yew single-page app compiled to wasm.
//!
//! [`core`] is the pure part (data, geometry, scales, timeline, state), tested natively;
//! [`view`] is the thin layer of Yew function components on top. [`illustrative`] generates the
//! default dataset. See ARCHITECTURE.md.

pub mod charts;
pub mod core;
pub mod illustrative;
pub mod reported;
pub mod view;
