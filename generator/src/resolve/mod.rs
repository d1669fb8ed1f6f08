//! Resolving loaded pages into a site: addresses, sections, links between pages, change notes.

pub mod changes;
pub mod flows;
pub mod links;
pub mod site;
