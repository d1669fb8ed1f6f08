//! Where a site's inputs are and where its output goes, as the command line named them. Nothing here
//! touches the disk: the loading stage (`tree`) reads what these name.

use std::path::PathBuf;

/// Where a site's inputs are and where its output goes.
#[derive(Clone, Debug)]
pub struct Paths {
    /// Paths in messages are shown relative to this folder.
    pub root: PathBuf,
    /// Holds `site.yaml` and one folder per language.
    pub content: PathBuf,
    pub theme: PathBuf,
    /// An organisation's site folder (`--site`), laid over the built-in content and theme: its
    /// `site.yaml`, its pages in `content/` and its theme files in `theme/` replace the built-in ones
    /// of the same path.
    pub site: Option<PathBuf>,
    pub out: PathBuf,
}
