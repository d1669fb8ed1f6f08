//! Writing the site: HTML minified, everything written to a temporary folder beside the output, then
//! swapped in, so a failed or interrupted build never leaves a half-written `public/`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::OutputFile;

/// Minifies HTML the spec-compliant way (closing and opening tags a validator expects are kept).
pub fn minify_html(html: &[u8]) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_html_and_head_opening_tags = true;
    cfg.keep_closing_tags = true;
    cfg.minify_doctype = false;
    cfg.minify_css = true;
    cfg.minify_js = false;
    minify_html::minify(html, &cfg)
}

/// Whether `dir` can be replaced: it does not exist, is empty, or holds a previous build.
fn is_replaceable(dir: &Path) -> bool {
    match fs::read_dir(dir) {
        Err(_) => true,
        Ok(mut entries) => entries.next().is_none() || dir.join("sitemap.xml").is_file(),
    }
}

/// Writes `files` to `out` atomically: all of them, or (on any error) none, with the old `out` kept.
pub fn write_site(out: &Path, files: Vec<OutputFile>) -> io::Result<()> {
    if !is_replaceable(out) {
        return Err(io::Error::other(format!(
            "{} exists and is not a Puente build (it has no sitemap.xml); move it away or choose another --out folder",
            out.display()
        )));
    }
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
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

fn write_all(dir: &Path, files: Vec<OutputFile>) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let t0 = std::time::Instant::now();
    let files: Vec<(String, Vec<u8>)> = files
        .into_par_iter()
        .map(|f| {
            let bytes = if f.is_html { minify_html(&f.bytes) } else { f.bytes };
            (f.path, bytes)
        })
        .collect();
    crate::pipeline::phase("minify", t0);
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
    crate::pipeline::phase("write files", t0);
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
    fn refuses_to_replace_a_folder_that_is_not_a_build() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("docs");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();
        let err = write_site(&out, vec![file("sitemap.xml", "1")]).unwrap_err();
        assert!(err.to_string().contains("not a Puente build"));
        assert_eq!(fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
    }

    #[test]
    fn minified_html_keeps_the_doctype_and_language() {
        let html = minify_html(b"<!DOCTYPE html>\n<html lang=\"es\">\n<head>  <title> x </title></head><body>\n<p>Hola</p>\n</body></html>");
        let text = String::from_utf8(html).unwrap();
        assert!(text.starts_with("<!doctype html><html lang=es>"), "{text}");
        assert!(text.contains("<p>Hola</p>"));
    }
}
