//! The loading stage. Every input of a build (settings, pages, facts, the flow, calculator examples,
//! interface strings, templates, static files, the logo) is read once, through the layers, into this
//! in-memory tree: the built-in content and theme carried by the binary (or `--content`/`--theme`, or
//! `./content` and `./themes/default` when present), then an organisation's `--site` folder laid over them.
//! Every later stage reads the tree and never the disk, so a build is a function of it; `serve` keeps a
//! tree and re-reads only the files that changed.
//!
//! The rules of reading are applied here, once: a file must stay inside its folder once links are
//! followed, hidden files and folders are skipped, and nothing larger than [`READ_LIMIT`] is read (the
//! stage that uses a file applies its own, smaller limit, with its own message).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::{display_path, Diagnostic};
use crate::load::source::{size, Unread, MAX_STATIC_BYTES};
use crate::paths::Paths;

/// The most any file is read: the largest limit of any kind of file.
pub const READ_LIMIT: u64 = MAX_STATIC_BYTES;

/// The files of an organisation's folder read besides its `content/` and `theme/`: its settings, the
/// record of what it replaces, its logo. Anything else in the folder is listed, never read.
const SITE_FILE_KINDS: [&str; 4] = ["yaml", "yml", "svg", "png"];

/// What a path in the tree holds.
#[derive(Clone, Debug)]
enum Body {
    Bytes(Arc<[u8]>),
    /// A link to a folder.
    Folder,
    /// Larger than [`READ_LIMIT`]; not read.
    TooBig(u64),
    /// Listed but not read (a file of an organisation's folder that no stage uses).
    NotRead(u64),
    /// The system refused (permissions, a broken link): the kind and the system's message.
    Unreadable(std::io::ErrorKind, String),
}

#[derive(Clone, Debug)]
struct Entry {
    /// Listed through a symbolic link.
    link: bool,
    /// Where it really is once links are followed (for the built-in layer, its own path).
    real: PathBuf,
    body: Body,
}

/// A folder the tree was read from: the path as named, and where it really is.
#[derive(Clone, Debug)]
struct Root {
    named: PathBuf,
    real: PathBuf,
}

/// Every input of a build, read.
#[derive(Clone, Debug, Default)]
pub struct Tree {
    files: BTreeMap<PathBuf, Entry>,
    dirs: BTreeSet<PathBuf>,
    roots: Vec<Root>,
    walk_errors: Vec<(PathBuf, String)>,
    content_layers: Vec<PathBuf>,
    theme_layers: Vec<PathBuf>,
    settings_dir: PathBuf,
    problems: Vec<Diagnostic>,
}

impl Tree {
    /// Reads every input named by `paths`. Never fails: what cannot be read is recorded, and the stage
    /// that needs it reports it with its own words.
    pub fn load(paths: &Paths) -> Tree {
        let mut tree = Tree {
            settings_dir: paths.site.clone().unwrap_or_else(|| paths.content.clone()),
            ..Tree::default()
        };
        if crate::load::builtin::is_builtin(&paths.content) || crate::load::builtin::is_builtin(&paths.theme) {
            tree.add_builtin(paths);
        }
        for folder in [&paths.content, &paths.theme] {
            if !crate::load::builtin::is_builtin(folder) {
                tree.add_disk(folder, None);
            }
        }
        if let Some(site) = &paths.site {
            tree.problems = layer_problems(&paths.root, site);
            if tree.problems.is_empty() {
                tree.add_disk(site, Some(&paths.out));
            }
        }
        tree.content_layers = std::iter::once(paths.content.clone())
            .chain(
                paths
                    .site
                    .as_ref()
                    .map(|s| s.join("content"))
                    .filter(|d| tree.is_dir(d)),
            )
            .collect();
        tree.theme_layers = std::iter::once(paths.theme.clone())
            .chain(paths.site.as_ref().map(|s| s.join("theme")).filter(|d| tree.is_dir(d)))
            .collect();
        tree
    }

    /// A tree of files given in memory (for tests): `content/…` and `theme/…` paths, like the built-in
    /// layer's, laid out as if read from `(memory)/content` and `(memory)/theme`.
    pub fn from_memory(files: &[(&str, &[u8])]) -> (Tree, Paths) {
        let base = PathBuf::from("(memory)");
        let paths = Paths {
            root: PathBuf::from("."),
            content: base.join("content"),
            theme: base.join("theme"),
            site: None,
            out: PathBuf::from("public"),
        };
        let mut tree = Tree {
            settings_dir: paths.content.clone(),
            content_layers: vec![paths.content.clone()],
            theme_layers: vec![paths.theme.clone()],
            ..Tree::default()
        };
        for (path, bytes) in files {
            tree.insert_virtual(&base.join(path), bytes);
        }
        (tree, paths)
    }

    /// Problems with the layers themselves (an organisation's `content/` linking out of its folder).
    pub fn problems(&self) -> &[Diagnostic] {
        &self.problems
    }

    /// The content folders, the bottom one first; a later one's file wins.
    pub fn content_layers(&self) -> &[PathBuf] {
        &self.content_layers
    }

    /// The theme folders, the bottom one first; a later one's file wins.
    pub fn theme_layers(&self) -> &[PathBuf] {
        &self.theme_layers
    }

    /// The folder that holds `site.yaml` (and the files it names, such as the logo).
    pub fn settings_dir(&self) -> &Path {
        &self.settings_dir
    }

    /// A file of the content (`flows/eligibility.yaml`), from the last layer that has it.
    pub fn content_file(&self, rel: &str) -> PathBuf {
        self.content_layers
            .iter()
            .rev()
            .map(|l| l.join(rel))
            .find(|f| self.exists(f))
            .unwrap_or_else(|| self.content_layers.first().cloned().unwrap_or_default().join(rel))
    }

    /// The content or theme folder `file` was found in: the one it must stay inside.
    pub fn layer_of(&self, file: &Path) -> PathBuf {
        self.content_layers
            .iter()
            .chain(&self.theme_layers)
            .filter(|layer| file.starts_with(layer))
            .max_by_key(|layer| layer.components().count())
            .cloned()
            .unwrap_or_else(|| file.parent().map(Path::to_path_buf).unwrap_or_default())
    }

    pub fn is_dir(&self, path: &Path) -> bool {
        self.dirs.contains(path)
    }

    /// Whether anything (a file, a link, a folder) is at `path`.
    pub fn exists(&self, path: &Path) -> bool {
        self.files.contains_key(path) || self.dirs.contains(path)
    }

    /// Whether a file (or a link to one) is at `path`.
    pub fn is_file(&self, path: &Path) -> bool {
        self.files.get(path).is_some_and(|e| !matches!(e.body, Body::Folder))
    }

    /// The files (and links) under `dir`, in path order, each with whether it is a link.
    pub fn files_under<'a>(&'a self, dir: &'a Path) -> impl Iterator<Item = (&'a Path, bool)> + 'a {
        self.files
            .range::<Path, _>((std::ops::Bound::Excluded(dir), std::ops::Bound::Unbounded))
            .take_while(move |(p, _)| p.starts_with(dir))
            .map(|(p, e)| (p.as_path(), e.link))
    }

    /// What could not be listed under `dir`: the path and the system's message.
    pub fn walk_errors_under<'a>(&'a self, dir: &'a Path) -> impl Iterator<Item = &'a (PathBuf, String)> + 'a {
        self.walk_errors.iter().filter(move |(p, _)| p.starts_with(dir))
    }

    /// The size of the file at `path`, if it is one.
    pub fn len(&self, path: &Path) -> Option<u64> {
        match &self.files.get(path)?.body {
            Body::Bytes(b) => Some(b.len() as u64),
            Body::TooBig(n) | Body::NotRead(n) => Some(*n),
            Body::Folder | Body::Unreadable(..) => None,
        }
    }

    /// Reads `path`, which must be a file inside `folder` once every link is followed, of at most `max`
    /// bytes. A site folder can hold a link, but never publish or read a file outside itself through one
    /// (`logo.png` → `/etc/passwd`). `shown` is the path used in messages.
    pub fn read_inside(&self, folder: &Path, path: &Path, shown: &Path, max: u64) -> Result<Vec<u8>, Unread> {
        let Some(entry) = self.files.get(path) else {
            if self.dirs.contains(path) {
                return Err(Unread::Refused(
                    Diagnostic::error(shown, "this is a folder, not a file").with_hint("give the path of a file"),
                ));
            }
            return Err(Unread::Io(not_found()));
        };
        let real_folder = self.real_of(folder);
        if !entry.real.starts_with(&real_folder) {
            return Err(Unread::Refused(
                Diagnostic::error(
                    shown,
                    format!(
                        "this file is a link to {}, outside {}; Puente only reads files inside the folder",
                        entry.real.display(),
                        folder.display()
                    ),
                )
                .with_hint("copy the file into the folder instead of linking to it"),
            ));
        }
        let too_big = |len: u64| {
            Unread::Refused(
                Diagnostic::error(
                    shown,
                    format!(
                        "this file is {}; files of this kind may be at most {}",
                        size(len),
                        size(max)
                    ),
                )
                .with_hint("make it smaller, or remove what was pasted in by mistake"),
            )
        };
        match &entry.body {
            Body::Folder => Err(Unread::Refused(
                Diagnostic::error(shown, "this is a folder, not a file").with_hint("give the path of a file"),
            )),
            Body::Unreadable(kind, message) => Err(Unread::Io(std::io::Error::new(*kind, message.clone()))),
            Body::TooBig(len) => Err(too_big(*len)),
            Body::NotRead(len) if *len > max => Err(too_big(*len)),
            Body::NotRead(_) => Err(Unread::Io(std::io::Error::other(
                "Puente reads only YAML, SVG and PNG files at the top of a site folder",
            ))),
            Body::Bytes(bytes) if bytes.len() as u64 > max => Err(too_big(bytes.len() as u64)),
            Body::Bytes(bytes) => Ok(bytes.to_vec()),
        }
    }

    /// [`Tree::read_inside`] for a text file, decoded as [`decode`](crate::load::source::decode) does
    /// (no BOM, `\n` line ends, UTF-8 or an error at the first bad byte). `io` words a system error (a
    /// missing file) for what the file is for; Puente's own refusals keep their messages.
    pub fn read_text(
        &self,
        folder: &Path,
        path: &Path,
        shown: &Path,
        max: u64,
        io: impl FnOnce(std::io::Error) -> Diagnostic,
    ) -> Result<String, Diagnostic> {
        let bytes = self
            .read_inside(folder, path, shown, max)
            .map_err(|u| u.into_diagnostic(io))?;
        crate::load::source::decode(shown, &bytes)
    }

    /// Reads `path` again from disk (after `serve` saw it change), with the rules of [`Tree::load`].
    pub fn reload(&mut self, path: &Path) {
        let Some(root) = self
            .roots
            .iter()
            .filter(|r| path.starts_with(&r.named))
            .max_by_key(|r| r.named.components().count())
            .cloned()
        else {
            return;
        };
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.is_dir() => {
                self.dirs.insert(path.to_path_buf());
            }
            Ok(meta) => {
                let real = root.real.join(path.strip_prefix(&root.named).unwrap_or(path));
                let entry = disk_entry(path, meta.file_type().is_symlink(), real, true);
                self.files.insert(path.to_path_buf(), entry);
            }
            Err(_) => {
                self.files.remove(path);
            }
        }
    }

    fn real_of(&self, folder: &Path) -> PathBuf {
        self.roots
            .iter()
            .filter(|r| folder.starts_with(&r.named))
            .max_by_key(|r| r.named.components().count())
            .map(|r| r.real.join(folder.strip_prefix(&r.named).unwrap_or(folder)))
            .unwrap_or_else(|| folder.to_path_buf())
    }

    fn insert_virtual(&mut self, path: &Path, bytes: &[u8]) {
        for dir in path.ancestors().skip(1) {
            if dir.as_os_str().is_empty() {
                break;
            }
            self.dirs.insert(dir.to_path_buf());
        }
        self.files.insert(
            path.to_path_buf(),
            Entry {
                link: false,
                real: path.to_path_buf(),
                body: Body::Bytes(Arc::from(bytes)),
            },
        );
    }

    /// The built-in layer: its content under `paths.content` when that is the built-in folder, its theme
    /// under `paths.theme` likewise.
    fn add_builtin(&mut self, paths: &Paths) {
        for (path, bytes) in crate::load::builtin::files() {
            let (top, rest) = path.split_once('/').unwrap_or((path, ""));
            let folder = match top {
                "content" => &paths.content,
                _ => &paths.theme,
            };
            if crate::load::builtin::is_builtin(folder) {
                self.insert_virtual(&folder.join(rest), bytes);
            }
        }
    }

    /// Lists and reads a folder on disk. In an organisation's folder (`out` given), files outside its
    /// `content/` and `theme/` are read only when a stage may use them, and the output folder is skipped.
    fn add_disk(&mut self, folder: &Path, out: Option<&Path>) {
        let Ok(real_root) = folder.canonicalize() else { return };
        if !real_root.is_dir() {
            return;
        }
        self.roots.push(Root {
            named: folder.to_path_buf(),
            real: real_root.clone(),
        });
        let real_out = out.and_then(|o| o.canonicalize().ok());
        let walker = walkdir::WalkDir::new(folder)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        let mut skip: Option<PathBuf> = None;
        // Listed first, then read in parallel: a site of thousands of pages is read in a fraction of
        // the time one thread would take.
        let mut listed: Vec<(PathBuf, bool, PathBuf, bool)> = Vec::new();
        for item in walker {
            let entry = match item {
                Ok(entry) => entry,
                Err(err) => {
                    let path = err.path().map_or_else(|| folder.to_path_buf(), Path::to_path_buf);
                    let message = err.io_error().map_or_else(|| err.to_string(), ToString::to_string);
                    self.walk_errors.push((path, message));
                    continue;
                }
            };
            let path = entry.path();
            if skip.as_ref().is_some_and(|s| path.starts_with(s)) {
                continue;
            }
            let rel = path.strip_prefix(folder).unwrap_or(path);
            let real = real_root.join(rel);
            if entry.file_type().is_dir() {
                if real_out.as_ref().is_some_and(|o| *o == real) {
                    skip = Some(path.to_path_buf());
                    continue;
                }
                self.dirs.insert(path.to_path_buf());
                continue;
            }
            let read = out.is_none()
                || matches!(rel.components().next(), Some(c) if c.as_os_str() == "content" || c.as_os_str() == "theme")
                || path
                    .extension()
                    .is_some_and(|e| SITE_FILE_KINDS.iter().any(|k| e.eq_ignore_ascii_case(k)));
            listed.push((path.to_path_buf(), entry.path_is_symlink(), real, read));
        }
        let read: Vec<(PathBuf, Entry)> = listed
            .into_par_iter()
            .map(|(path, link, real, read)| {
                let entry = disk_entry(&path, link, real, read);
                (path, entry)
            })
            .collect();
        self.files.extend(read);
    }
}

/// One file (or link) read from disk.
fn disk_entry(path: &Path, link: bool, real: PathBuf, read: bool) -> Entry {
    let unreadable = |e: std::io::Error| Body::Unreadable(e.kind(), e.to_string());
    let (real, body) = if link {
        match path.canonicalize() {
            Ok(target) => {
                let body = match std::fs::metadata(&target) {
                    Ok(m) if m.is_dir() => Body::Folder,
                    Ok(_) => read_body(&target, read),
                    Err(e) => unreadable(e),
                };
                (target, body)
            }
            Err(e) => (real, unreadable(e)),
        }
    } else {
        let body = read_body(path, read);
        (real, body)
    };
    Entry { link, real, body }
}

fn read_body(path: &Path, read: bool) -> Body {
    let len = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) => return Body::Unreadable(e.kind(), e.to_string()),
    };
    if !read {
        return Body::NotRead(len);
    }
    if len > READ_LIMIT {
        return Body::TooBig(len);
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // Read no more than is allowed, even if the file grew since.
    match std::fs::File::open(path).and_then(|f| f.take(READ_LIMIT + 1).read_to_end(&mut bytes)) {
        Ok(_) if bytes.len() as u64 > READ_LIMIT => Body::TooBig(bytes.len() as u64),
        Ok(_) => Body::Bytes(Arc::from(bytes)),
        Err(e) => Body::Unreadable(e.kind(), e.to_string()),
    }
}

/// The error a missing file gives, worded as the system words it.
fn not_found() -> std::io::Error {
    std::io::Error::from_raw_os_error(2)
}

/// Every layer folder of the organisation's site folder must be inside it, not a link out of it.
fn layer_problems(root: &Path, site: &Path) -> Vec<Diagnostic> {
    let Ok(real_site) = site.canonicalize() else {
        return Vec::new();
    };
    ["content", "theme"]
        .iter()
        .map(|sub| site.join(sub))
        .filter_map(|layer| Some((layer.canonicalize().ok()?, layer)))
        .filter(|(real, _)| !real.starts_with(&real_site))
        .map(|(real, layer)| {
            Diagnostic::error(
                display_path(root, &layer),
                format!(
                    "this folder is a link to {}, outside the site folder; Puente only reads files inside it",
                    real.display()
                ),
            )
            .with_hint("copy the folder into the site folder instead of linking to it")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_paths(tmp: &Path) -> Paths {
        Paths {
            root: tmp.to_path_buf(),
            content: tmp.join("content"),
            theme: tmp.join("theme"),
            site: Some(tmp.join("site")),
            out: tmp.join("site/public"),
        }
    }

    #[test]
    fn files_are_read_only_inside_their_folder_and_up_to_their_limit() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        std::fs::create_dir_all(site.join("sub")).unwrap();
        std::fs::write(tmp.path().join("secret.yaml"), "outside").unwrap();
        std::fs::write(site.join("sub/inside.yaml"), "inside").unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret.yaml"), site.join("logo.png")).unwrap();
        std::os::unix::fs::symlink(tmp.path(), site.join("up")).unwrap();
        std::os::unix::fs::symlink("sub/inside.yaml", site.join("near.yaml")).unwrap();
        let tree = Tree::load(&site_paths(tmp.path()));
        let read = |p: &str, max| {
            tree.read_inside(&site, &site.join(p), Path::new(p), max)
                .map_err(|u| u.into_diagnostic(|e| Diagnostic::error(p, format!("cannot read this file: {e}"))))
        };
        assert_eq!(read("sub/inside.yaml", 100).unwrap(), b"inside");
        assert_eq!(
            read("near.yaml", 100).unwrap(),
            b"inside",
            "a link that stays inside is fine"
        );
        let err = read("logo.png", 100).unwrap_err();
        assert!(err.message.contains("outside"), "{}", err.message);
        assert!(
            !err.to_string().contains("outside\n"),
            "the file's text is never quoted"
        );
        assert!(read("up/secret.yaml", 100)
            .unwrap_err()
            .message
            .starts_with("cannot read this file"));
        let err = read("sub/inside.yaml", 3).unwrap_err();
        assert_eq!(
            err.message,
            "this file is 6 bytes; files of this kind may be at most 3 bytes"
        );
        assert!(read("sub", 100).unwrap_err().message.contains("a folder, not a file"));
        assert!(read("up", 100).unwrap_err().message.contains("outside"));
        assert!(read("missing", 100)
            .unwrap_err()
            .message
            .starts_with("cannot read this file"));
    }

    #[test]
    fn an_organisation_folder_is_listed_but_only_its_inputs_are_read() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        std::fs::create_dir_all(site.join("public/es")).unwrap();
        std::fs::create_dir_all(site.join("notes")).unwrap();
        std::fs::create_dir_all(site.join(".git")).unwrap();
        std::fs::write(site.join("public/es/index.html"), "old output").unwrap();
        std::fs::write(site.join("notes/board-minutes.pdf"), "not an input").unwrap();
        std::fs::write(site.join(".git/HEAD"), "ref").unwrap();
        std::fs::write(site.join("site.yaml"), "title: x").unwrap();
        let tree = Tree::load(&site_paths(tmp.path()));
        assert!(tree.is_file(&site.join("site.yaml")));
        assert!(
            !tree.exists(&site.join("public/es/index.html")),
            "the output folder is not an input"
        );
        assert!(!tree.exists(&site.join(".git/HEAD")), "hidden folders are skipped");
        let err = tree
            .read_inside(&site, &site.join("notes/board-minutes.pdf"), Path::new("x"), 100)
            .unwrap_err()
            .into_diagnostic(|e| Diagnostic::error("x", e.to_string()));
        assert!(err.message.contains("only YAML, SVG and PNG"), "{}", err.message);
    }

    #[test]
    fn the_built_in_layer_needs_no_disk() {
        let paths = Paths {
            root: PathBuf::from("."),
            content: crate::load::builtin::content_root(),
            theme: crate::load::builtin::theme_root(),
            site: None,
            out: PathBuf::from("public"),
        };
        let tree = Tree::load(&paths);
        let home = paths.content.join("en/_index.md");
        let text = tree.read_inside(&paths.content, &home, &home, 1_000_000).ok().unwrap();
        assert!(text.starts_with(b"---\n"));
        assert!(tree.is_dir(&paths.theme.join("templates")));
        assert_eq!(tree.content_file("site.yaml"), paths.content.join("site.yaml"));
        assert!(tree.files_under(&paths.content.join("es")).count() > 20);
    }
}
