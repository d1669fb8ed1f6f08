//! Packs the guide's own content (`content/`) and the default theme (`themes/default/`) into the binary:
//! `$OUT_DIR/builtin.bin` holds every file's bytes one after another, `$OUT_DIR/builtin.rs` their paths
//! and places, sorted by path so the build is reproducible. Also records, for `puente --version`, the
//! commit they come from and their date (the newest `last_reviewed` of the pages).
//!
//! The copy is taken when the generator's code is compiled, not on every edit of the content: an editor's
//! `cargo run --release -- build` reads `./content` and must not pay for recompiling the generator.
//! `puente --version` says which content a binary carries.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.toml");
    println!("cargo:rerun-if-env-changed=PUENTE_COMMIT");

    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let repo = manifest
        .parent()
        .expect("the generator sits inside the repository")
        .to_path_buf();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));

    let mut files = Vec::new();
    for (prefix, dir) in [
        ("content", repo.join("content")),
        ("theme", repo.join("themes/default")),
    ] {
        collect(&dir, &dir, prefix, &mut files);
    }
    files.sort();

    let mut blob = Vec::new();
    let mut index = String::from("pub static FILES: &[(&str, usize, usize)] = &[\n");
    let mut newest = String::new();
    for (path, bytes) in &files {
        let start = blob.len();
        blob.extend_from_slice(bytes);
        writeln!(index, "    ({path:?}, {start}, {}),", blob.len()).unwrap();
        if path.ends_with(".md") {
            if let Some(date) = last_reviewed(bytes) {
                newest = newest.max(date);
            }
        }
    }
    index.push_str("];\n");
    let commit = std::env::var("PUENTE_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| git(&repo, &["rev-parse", "--short=12", "HEAD"]))
        .unwrap_or_else(|| "unknown".to_string());
    writeln!(index, "pub const COMMIT: &str = {:?};", commit.trim()).unwrap();
    writeln!(index, "pub const CONTENT_DATE: &str = {newest:?};").unwrap();
    println!(
        "cargo:rustc-env=PUENTE_VERSION_NOTE=(guide content of {newest}, commit {})",
        commit.trim()
    );

    write_if_changed(&out.join("builtin.bin"), &blob);
    write_if_changed(&out.join("builtin.rs"), index.as_bytes());
}

/// Every file under `dir`, as (`prefix/relative/path`, bytes), leaving out hidden files and folders.
fn collect(root: &Path, dir: &Path, prefix: &str, files: &mut Vec<(String, Vec<u8>)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, prefix, files);
        } else {
            let rel = path.strip_prefix(root).expect("under its root");
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            files.push((format!("{prefix}/{}", rel.join("/")), bytes));
        }
    }
}

/// The `last_reviewed: YYYY-MM-DD` of a page's front matter.
fn last_reviewed(bytes: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    let line = text
        .lines()
        .take_while(|l| !l.is_empty())
        .find(|l| l.starts_with("last_reviewed:"))?;
    let date = line["last_reviewed:".len()..].trim().trim_matches(['"', '\'']);
    (date.len() == 10 && date.bytes().all(|b| b.is_ascii_digit() || b == b'-')).then(|| date.to_string())
}

fn git(repo: &Path, args: &[&str]) -> Option<String> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Writes only when the bytes differ, so that an unchanged copy does not make cargo recompile the crate.
fn write_if_changed(path: &Path, bytes: &[u8]) {
    if std::fs::read(path).ok().as_deref() != Some(bytes) {
        std::fs::write(path, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
}
