//! The Puente generator as a library. The folders follow the data: `load` (every input read once into
//! an in-memory tree, then parsed and checked) → `resolve` (pages into a site: addresses, links) →
//! `render` (pages, widgets, search index, host files) → `write` (the atomic write); `pipeline` runs
//! them in order, and `commands` holds what the other commands add (`serve`, `check`, `init`, …).
//! Shared by all: `diagnostics`, `paths`, `files`, `markdown`, `yaml`, `clock`. The `puente` binary
//! (`main.rs`) is a thin command line over it, and the fuzz targets (`fuzz/`) call the parsers directly.
//!
//! Dependencies point one way: a module uses only modules of its own stage, earlier stages and the
//! shared ones (`tests/architecture` style check: `generator/tests/layers.rs`).

pub mod cli;
pub mod clock;
pub mod commands;
pub mod diagnostics;
pub mod files;
pub mod load;
pub mod markdown;
pub mod paths;
pub mod pipeline;
pub mod render;
pub mod resolve;
pub mod write;
pub mod yaml;
