//! Puente's domain logic, shared by the `puente` generator (natively) and the widgets (in WebAssembly),
//! so both always agree.
//!
//! Invariant: this crate does no I/O and knows nothing about browsers or files.

pub mod anchor;
pub mod date;
pub mod flow;
pub mod search;
pub mod unlawful_presence;
