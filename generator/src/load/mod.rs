//! The loading stage and what it reads: the in-memory tree of every input (built-in layer, content and theme
//! folders, an organisation's folder), and each kind of input parsed and checked from it.

pub mod branding;
pub mod builtin;
pub mod config;
pub mod content;
pub mod facts;
pub mod i18n;
pub mod search_words;
pub mod source;
pub mod theme;
pub mod tree;
pub mod widget_blocks;
