//! Writing the site: HTML minified, everything written to a temporary folder beside the output, then
//! swapped in, so a failed or interrupted build never leaves a half-written `public/`.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::files::OutputFile;

/// How deeply elements may nest for a page to be minified. The minifier recurses once per element, so
/// a page nesting thousands deep would exhaust its stack; such a page (which the Markdown limit already
/// refuses, but a template could still produce) is written as it is.
const MAX_MINIFY_DEPTH: usize = 256;

/// Minifies HTML the spec-compliant way (closing and opening tags a validator expects are kept).
pub fn minify_html(html: &[u8]) -> Vec<u8> {
    if nesting_depth(html) > MAX_MINIFY_DEPTH {
        return html.to_vec();
    }
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_html_and_head_opening_tags = true;
    cfg.keep_closing_tags = true;
    cfg.minify_doctype = false;
    cfg.minify_css = true;
    cfg.minify_js = false;
    minify_html::minify(html, &cfg)
}

/// An upper bound of how deeply the elements of `html` nest: every start tag opens a level (except
/// the void elements, which cannot hold anything) and every end tag closes one. Text that only looks
/// like a tag (in a script, say) can only raise the estimate, which at worst skips minification.
fn nesting_depth(html: &[u8]) -> usize {
    const VOID: [&[u8]; 13] = [
        b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"source", b"track",
        b"wbr",
    ];
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(at) = html[i..].iter().position(|&b| b == b'<') {
        i += at + 1;
        match html.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let name_end = html[i..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .map_or(html.len(), |n| i + n);
                let name = html[i..name_end].to_ascii_lowercase();
                if !VOID.contains(&name.as_slice()) {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
            }
            _ => {}
        }
    }
    deepest
}

/// The file each build writes at the top of its output, listing every file it wrote. It is how the next
/// build knows the folder is Puente's to replace, and that nobody added a file since (which replacing
/// the folder would delete). No file a site has by nature (a sitemap, an index) can be taken for it.
pub const MARKER: &str = ".puente-build";

const MARKER_HEADER: &str =
    "# Written by `puente build`, with the list of files it wrote. The next build replaces this whole\n\
     # folder; if a file not listed here is added, it stops instead of deleting it.\n";

/// Why `out` cannot be replaced by a build, in words for the person who typed `--out`; `None` when it
/// can: it does not exist, is an empty folder, or holds a previous build and nothing added since.
pub fn refusal(out: &Path) -> Option<String> {
    let shown = out.display();
    let meta = match fs::symlink_metadata(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return None,
        Err(e) => return Some(format!("cannot look at the output folder {shown}: {e}")),
        Ok(meta) => meta,
    };
    if meta.file_type().is_symlink() {
        return Some(format!(
            "the output folder {shown} is a symbolic link; give the folder it leads to, or another --out (nothing was changed)"
        ));
    }
    if !meta.is_dir() {
        return Some(format!(
            "{shown} is a file, not a folder; choose a folder for --out (nothing was changed)"
        ));
    }
    let found = files_under(out);
    if found.is_empty() {
        return None;
    }
    let listed = |names: &[String]| {
        let mut text = names.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
        if names.len() > 5 {
            text.push_str(&format!(" and {} more", names.len() - 5));
        }
        text
    };
    let Ok(marker) = fs::read_to_string(out.join(MARKER)) else {
        return Some(format!(
            "{shown} is not the output of an earlier build (it has no {MARKER} file) and holds {}: {}; a build replaces the whole folder, so nothing was changed. Choose a new or empty folder for --out; if it is the output of an older Puente, delete it once and build again",
            if found.len() == 1 { "1 file".to_string() } else { format!("{} files", found.len()) },
            listed(&found)
        ));
    };
    let written: BTreeSet<&str> = marker.lines().filter(|l| !l.starts_with('#')).collect();
    let added: Vec<String> = found
        .into_iter()
        .filter(|f| f != MARKER && !written.contains(f.as_str()))
        .collect();
    if added.is_empty() {
        return None;
    }
    Some(format!(
        "{shown} holds {} that Puente did not write: {}; a build replaces the whole folder, so nothing was changed. Move {} out of it first; a file of the host's own, such as a CNAME, is best set in the host's settings",
        if added.len() == 1 { "a file".to_string() } else { format!("{} files", added.len()) },
        listed(&added),
        if added.len() == 1 { "it" } else { "them" }
    ))
}

/// Every file (and link) under `dir`, as paths relative to it with `/`, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    let mut found: Vec<String> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(|e| match e {
            Ok(e) if e.file_type().is_dir() => None,
            Ok(e) => Some(e.path().strip_prefix(dir).unwrap_or(e.path()).to_path_buf()),
            Err(e) => Some(
                e.path()
                    .map_or_else(PathBuf::new, |p| p.strip_prefix(dir).unwrap_or(p).to_path_buf()),
            ),
        })
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    found.sort();
    found
}

/// Why the output folder cannot be used with these sources: it is inside one of them (each build would
/// copy itself into the next) or holds one (replacing it would delete them). Paths that do not exist
/// yet are compared by their nearest existing folder.
pub fn overlap(out: &Path, sources: &[&Path]) -> Option<String> {
    let real_out = real_path(out);
    for source in sources {
        let real_source = real_path(source);
        if real_source.starts_with(&real_out) {
            return Some(holds_message(out, source));
        }
        if real_out.starts_with(&real_source) {
            return Some(format!(
                "the output folder {} is inside the site's sources ({}), so each build would copy the last one into itself; choose a folder outside them for --out",
                out.display(),
                source.display()
            ));
        }
    }
    None
}

/// An organisation's folder may hold the output folder (its `public/` is never read as a source), but
/// the output folder must not hold it.
pub fn overlap_site(out: &Path, site: &Path) -> Option<String> {
    real_path(site)
        .starts_with(real_path(out))
        .then(|| holds_message(out, site))
}

fn holds_message(out: &Path, source: &Path) -> String {
    format!(
        "the output folder {} holds the site's own sources ({}); a build replaces the whole output folder, so choose another --out",
        out.display(),
        source.display()
    )
}

/// Where `p` really is: links followed, and a path that does not exist yet placed under its nearest
/// existing folder.
fn real_path(p: &Path) -> PathBuf {
    let mut missing = Vec::new();
    let mut at = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    loop {
        if let Ok(found) = at.canonicalize() {
            return missing.iter().rev().fold(found, |acc: PathBuf, part| acc.join(part));
        }
        match (at.file_name().map(|n| n.to_os_string()), at.parent()) {
            (Some(name), Some(parent)) => {
                missing.push(name);
                at = parent.to_path_buf();
            }
            _ => return at,
        }
    }
}

/// Writes `files` to `out` atomically: all of them, or (on any error) none, with the old `out` kept.
///
/// The new build is written to a folder beside `out`, then the two are exchanged in one step (Linux:
/// `renameat2(RENAME_EXCHANGE)`), so `out` is at every moment the old build or the new one, even if the
/// process is killed. Elsewhere two renames are used; a build killed between them is put right by the
/// next one (see `recover`).
pub fn write_site(out: &Path, files: Vec<OutputFile>) -> io::Result<()> {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    recover(out, &parent, &name);
    if let Some(why) = refusal(out) {
        return Err(io::Error::other(why));
    }
    fs::create_dir_all(&parent)?;
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let previous = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    let written = write_all(&staging, files);
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    if out.exists() {
        if exchange(&staging, out).is_ok() {
            // `staging` now holds the previous build.
            fs::remove_dir_all(&staging)?;
            return Ok(());
        }
        fs::rename(out, &previous)?;
        if let Err(e) = fs::rename(&staging, out) {
            let _ = fs::rename(&previous, out);
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
        fs::remove_dir_all(&previous)?;
    } else {
        fs::rename(&staging, out)?;
    }
    Ok(())
}

/// Exchanges two folders in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::other("no atomic exchange on this system"))
}

/// Cleans up after builds that were killed: a half-written `.public.new-PID` is removed, and if a build
/// was killed between its two renames (`out` gone, `.public.old-PID` left), the previous build is put
/// back. Only folders of processes that are no longer running are touched.
fn recover(out: &Path, parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else { return };
    let mut left: Vec<(PathBuf, bool)> = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        for (kind, is_old) in [("new", false), ("old", true)] {
            let Some(pid) = file_name.strip_prefix(&format!(".{name}.{kind}-")) else {
                continue;
            };
            if pid
                .parse::<u32>()
                .is_ok_and(|pid| pid != std::process::id() && !is_running(pid))
            {
                left.push((entry.path(), is_old));
            }
        }
    }
    left.sort();
    for (path, is_old) in left {
        if is_old && !out.exists() && path.join(MARKER).is_file() {
            let _ = fs::rename(&path, out);
        } else {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

/// Whether process `pid` is running (where the system cannot tell, it is assumed to be).
fn is_running(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

fn write_all(dir: &Path, files: Vec<OutputFile>) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let mut marker = MARKER_HEADER.to_string();
    let mut paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    paths.sort_unstable();
    for path in paths {
        marker.push_str(path);
        marker.push('\n');
    }
    fs::write(dir.join(MARKER), marker)?;
    let t0 = std::time::Instant::now();
    let files: Vec<(String, Vec<u8>)> = files
        .into_par_iter()
        .map(|f| {
            let bytes = if f.is_html { minify_html(&f.bytes) } else { f.bytes };
            (f.path, bytes)
        })
        .collect();
    crate::clock::phase("minify", t0);
    let t0 = std::time::Instant::now();
    // Each file with its folder, in parallel: the folder and its file are created together, which
    // keeps them near each other on disk. `create_dir_all` tolerates two threads making one parent.
    let written = files.into_par_iter().try_for_each(|(path, bytes)| {
        let file = dir.join(path);
        if let Some(folder) = file.parent().filter(|f| !f.is_dir()) {
            fs::create_dir_all(folder)?;
        }
        fs::write(file, bytes)
    });
    crate::clock::phase("write files", t0);
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
            is_html: false,
        }
    }

    #[test]
    fn replaces_a_previous_build_in_one_step() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(&out, vec![file("sitemap.xml", "1"), file("a/index.html", "old")]).unwrap();
        write_site(&out, vec![file("sitemap.xml", "2"), file("b/index.html", "new")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("b/index.html")).unwrap(), "new");
        assert!(!out.join("a").exists(), "files of the old build are gone");
        let leftovers: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["public"]);
    }

    #[test]
    fn a_killed_build_is_cleaned_up_and_a_half_swap_undone() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        // A build killed while writing (pid 4000000000 is never running) …
        let half = tmp.path().join(".public.new-4000000000");
        fs::create_dir_all(&half).unwrap();
        fs::write(half.join("index.html"), "half").unwrap();
        // … and one killed between its renames: the previous build waits beside a missing `public/`.
        let previous = tmp.path().join(".public.old-4000000001");
        fs::create_dir_all(&previous).unwrap();
        fs::write(previous.join("sitemap.xml"), "old").unwrap();
        fs::write(previous.join(MARKER), "sitemap.xml\n").unwrap();
        recover(&out, tmp.path(), "public");
        assert_eq!(fs::read_to_string(out.join("sitemap.xml")).unwrap(), "old");
        assert!(!half.exists() && !previous.exists());
        // A running build's folder (this process) is left alone.
        let mine = tmp.path().join(format!(".public.new-{}", std::process::id()));
        fs::create_dir_all(&mine).unwrap();
        recover(&out, tmp.path(), "public");
        assert!(mine.exists());
    }

    #[test]
    fn refuses_to_replace_a_folder_that_is_not_a_build_even_with_a_sitemap() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("docs");
        fs::create_dir_all(out.join("blog")).unwrap();
        fs::write(out.join("sitemap.xml"), "theirs").unwrap();
        fs::write(out.join("CNAME"), "example.org").unwrap();
        fs::write(out.join("blog/post.html"), "mine").unwrap();
        let err = write_site(&out, vec![file("sitemap.xml", "1")])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("is not the output of an earlier build (it has no .puente-build file) and holds 3 files: CNAME, blog/post.html, sitemap.xml; a build replaces the whole folder, so nothing was changed"),
            "{err}"
        );
        assert_eq!(fs::read_to_string(out.join("blog/post.html")).unwrap(), "mine");
        assert_eq!(fs::read_to_string(out.join("sitemap.xml")).unwrap(), "theirs");
    }

    #[test]
    fn a_file_added_to_a_build_stops_the_next_one_instead_of_being_deleted() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(&out, vec![file("sitemap.xml", "1"), file("en/index.html", "a")]).unwrap();
        assert_eq!(
            fs::read_to_string(out.join(MARKER)).unwrap(),
            format!("{MARKER_HEADER}en/index.html\nsitemap.xml\n")
        );
        fs::write(out.join("CNAME"), "guide.example.org").unwrap();
        let err = write_site(&out, vec![file("sitemap.xml", "2")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("holds a file that Puente did not write: CNAME"), "{err}");
        assert_eq!(fs::read_to_string(out.join("CNAME")).unwrap(), "guide.example.org");
        fs::remove_file(out.join("CNAME")).unwrap();
        write_site(&out, vec![file("sitemap.xml", "2")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("sitemap.xml")).unwrap(), "2");
    }

    #[test]
    fn a_file_or_a_link_given_as_the_output_folder_is_refused_and_left_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let notes = tmp.path().join("notes.txt");
        fs::write(&notes, "mine").unwrap();
        let err = write_site(&notes, vec![file("sitemap.xml", "1")])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("is a file, not a folder; choose a folder for --out (nothing was changed)"),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&notes).unwrap(), "mine");
        let real = tmp.path().join("real");
        fs::create_dir_all(&real).unwrap();
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let err = write_site(&link, vec![file("sitemap.xml", "1")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("is a symbolic link"), "{err}");
        let names: BTreeSet<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 3, "nothing renamed or added: {names:?}");
    }

    #[test]
    fn the_output_folder_may_neither_hold_the_sources_nor_sit_inside_them() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        fs::create_dir_all(content.join("static")).unwrap();
        let sources = [content.as_path()];
        let inside = overlap(&content.join("static/public"), &sources).unwrap();
        assert!(inside.contains("is inside the site's sources"), "{inside}");
        let holds = overlap(tmp.path(), &sources).unwrap();
        assert!(holds.contains("holds the site's own sources"), "{holds}");
        assert_eq!(overlap(&tmp.path().join("public"), &sources), None);
        assert_eq!(overlap(&tmp.path().join("new/deeper/public"), &sources), None);
    }

    #[test]
    fn html_nesting_thousands_deep_is_written_unminified_instead_of_aborting() {
        let deep = format!("<main>{}x{}</main>", "<div>".repeat(20_000), "</div>".repeat(20_000));
        assert_eq!(nesting_depth(deep.as_bytes()), 20_001);
        assert_eq!(minify_html(deep.as_bytes()), deep.as_bytes());
        let page =
            b"<!doctype html><html><head><meta charset=utf-8><link rel=x></head><body><p>a<br>b</p></body></html>";
        assert_eq!(nesting_depth(page), 3);
    }

    #[test]
    fn minified_html_keeps_the_doctype_and_language() {
        let html = minify_html(b"<!DOCTYPE html>\n<html lang=\"es\">\n<head>  <title> x </title></head><body>\n<p>Hola</p>\n</body></html>");
        let text = String::from_utf8(html).unwrap();
        assert!(text.starts_with("<!doctype html><html lang=es>"), "{text}");
        assert!(text.contains("<p>Hola</p>"));
    }
}
