//! The guide's own content and the default theme, carried inside the binary (packed by `build.rs`). They
//! are the bottom layer of every build: a folder without `content/` or `themes/default/` builds the
//! guide as Puente ships it, and an organisation's `--site` folder is laid over it.

use std::path::{Path, PathBuf};

mod packed {
    include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
}

static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.bin"));

/// Where the built-in layer appears in paths and messages: `(built-in)/content/en/_index.md`. It names no
/// folder on disk; only the loading stage's tree knows what is under it.
pub const ROOT: &str = "(built-in)";

/// The built-in content folder, as shown in messages.
pub fn content_root() -> PathBuf {
    Path::new(ROOT).join("content")
}

/// The built-in theme folder, as shown in messages.
pub fn theme_root() -> PathBuf {
    Path::new(ROOT).join("theme")
}

/// Whether `path` is in the built-in layer rather than on disk.
pub fn is_builtin(path: &Path) -> bool {
    path.starts_with(ROOT)
}

/// Every built-in file: its path (`content/en/_index.md`, `theme/templates/page.html`) and bytes, sorted.
pub fn files() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    packed::FILES
        .iter()
        .map(|&(path, start, end)| (path, &BLOB[start..end]))
}

/// The commit the built-in content comes from (`unknown` when built outside a git checkout without
/// `PUENTE_COMMIT`).
pub const COMMIT: &str = packed::COMMIT;

/// The newest `last_reviewed` date of the built-in pages.
pub const CONTENT_DATE: &str = packed::CONTENT_DATE;

/// The size of the built-in content and theme, in bytes.
pub fn size() -> usize {
    BLOB.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carries_the_guide_and_the_theme() {
        let paths: Vec<&str> = files().map(|(p, _)| p).collect();
        for needed in [
            "content/site.yaml",
            "content/en/_index.md",
            "content/es/_index.md",
            "content/flows/eligibility.yaml",
            "theme/templates/base.html",
            "theme/i18n/es.yaml",
        ] {
            assert!(paths.contains(&needed), "{needed} is not built in");
        }
        let mut sorted = paths.clone();
        sorted.sort_unstable();
        assert_eq!(paths, sorted, "files are packed in path order");
        assert!(
            CONTENT_DATE.len() == 10 && CONTENT_DATE.starts_with("20"),
            "{CONTENT_DATE}"
        );
    }
}
