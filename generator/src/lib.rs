//! The Puente generator as a library, in the order data flows: load (`content`, `config`, `flows`,
//! `i18n`, `theme`) → validate (`links`, `check`) → render (`markdown`, `render`, `search_index`,
//! `widgets`) → write (`output`, `hosting`). The `puente` binary (`main.rs`) is a thin command line over
//! it, and the fuzz targets (`fuzz/`) call the parsers directly.

pub mod branding;
pub mod builtin;
pub mod calc;
pub mod changes;
pub mod check;
pub mod cli;
pub mod clock;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod editing;
pub mod external;
pub mod facts;
pub mod files;
pub mod flows;
pub mod hosting;
pub mod i18n;
pub mod init;
pub mod links;
pub mod markdown;
pub mod output;
pub mod overrides;
pub mod paths;
pub mod pipeline;
pub mod readability;
pub mod render;
pub mod search_index;
pub mod serve;
pub mod site;
pub mod source;
pub mod theme;
pub mod tree;
pub mod widget_blocks;
pub mod widgets;
pub mod yaml;
