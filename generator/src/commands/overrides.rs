//! An organisation's site folder replaces some of Puente's files. `overrides.yaml` in that folder records,
//! for each, a fingerprint of Puente's file as it was when the organisation copied it; `puente check
//! --site` warns when Puente's file has changed since (an update the copy is missing), and
//! `puente overridden --site DIR PATH` records the new fingerprint once the copy is up to date.
//! For interface strings, only the strings the folder replaces count.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::diagnostics::{display_path, Diagnostic};
use crate::load::tree::Tree;
use crate::paths::Paths;

pub const OVERRIDES: &str = "overrides";
const FILE: &str = "overrides.yaml";
const HEADER: &str =
    "# The files of Puente that this folder replaces, with a fingerprint of Puente's file as it was when\n\
# this folder's copy was made or last brought up to date. `puente check --site` says when Puente's file\n\
# has changed since; `puente overridden --site <this folder> <path>` records it again. Written by puente.\n";

/// A file of the site folder that replaces one of Puente's: its path in the folder (`content/en/x.md`,
/// `theme/templates/404.html`) and Puente's file.
struct Replaced {
    rel: String,
    own: PathBuf,
    builtin: PathBuf,
}

/// Every file of `site` that has a counterpart in Puente's content or theme.
fn replaced(paths: &Paths, tree: &Tree, site: &Path) -> Vec<Replaced> {
    let mut found = Vec::new();
    for (sub, builtin_root) in [("content", &paths.content), ("theme", &paths.theme)] {
        let dir = site.join(sub);
        for (path, link) in tree.files_under(&dir) {
            let Ok(inner) = path.strip_prefix(&dir) else {
                continue;
            };
            let builtin = builtin_root.join(inner);
            if !link && tree.is_file(&builtin) {
                let inner = inner.to_string_lossy().replace('\\', "/");
                found.push(Replaced {
                    rel: format!("{sub}/{inner}"),
                    own: path.to_path_buf(),
                    builtin,
                });
            }
        }
    }
    found
}

/// A file of the tree (no limit beyond the tree's own).
fn bytes_of(tree: &Tree, path: &Path) -> Option<Vec<u8>> {
    tree.read_inside(path.parent()?, path, path, crate::load::tree::READ_LIMIT)
        .ok()
}

/// A file of the tree as text, with `\n` line ends.
fn text_of(tree: &Tree, path: &Path) -> Option<String> {
    String::from_utf8(bytes_of(tree, path)?)
        .ok()
        .map(|t| t.replace("\r\n", "\n"))
}

/// The fingerprint of Puente's side of a replaced file: the whole file, or for interface strings the
/// values of the keys the folder replaces.
fn fingerprint(tree: &Tree, file: &Replaced) -> Option<String> {
    let builtin = bytes_of(tree, &file.builtin)?;
    let mut hasher = Sha256::new();
    if file.rel.starts_with("theme/i18n/") && file.rel.ends_with(".yaml") {
        let theirs: BTreeMap<String, String> = serde_saphyr::from_str(std::str::from_utf8(&builtin).ok()?).ok()?;
        let own = text_of(tree, &file.own)?;
        let ours: BTreeMap<String, String> = serde_saphyr::from_str(&own).ok()?;
        for key in ours.keys() {
            hasher.update(key.as_bytes());
            hasher.update([0]);
            hasher.update(theirs.get(key).map_or(&b""[..], |v| v.as_bytes()));
            hasher.update([0]);
        }
    } else {
        hasher.update(&builtin);
    }
    Some(hasher.finalize().iter().take(6).map(|b| format!("{b:02x}")).collect())
}

/// For a replaced page: Puente's change notes dated after the copy's `last_reviewed`, and that date.
fn newer_notes(
    tree: &Tree,
    file: &Replaced,
) -> Option<(puente_core::date::Date, Vec<crate::load::content::front_matter::Change>)> {
    if !(file.rel.starts_with("content/") && file.rel.ends_with(".md")) {
        return None;
    }
    let read = |path: &Path| -> Option<crate::load::content::front_matter::Parsed> {
        let text = text_of(tree, path)?;
        crate::load::content::front_matter::parse(path, &text).ok()
    };
    let own = read(&file.own)?;
    let theirs = read(&file.builtin)?;
    let newer: Vec<_> = theirs
        .changes
        .into_iter()
        .filter(|c| c.date > own.last_reviewed)
        .collect();
    (!newer.is_empty()).then_some((own.last_reviewed, newer))
}

/// `; Puente's change notes since this copy (last reviewed …): …`, or nothing.
fn notes_text(tree: &Tree, file: &Replaced) -> String {
    match newer_notes(tree, file) {
        Some((reviewed, notes)) => {
            let list: Vec<String> = notes.iter().map(|c| format!("{}: {}", c.date, c.note)).collect();
            format!(
                "; its change notes since this copy was last reviewed ({reviewed}): {}",
                list.join(" | ")
            )
        }
        None => String::new(),
    }
}

fn recorded(tree: &Tree, site: &Path) -> BTreeMap<String, String> {
    text_of(tree, &site.join(FILE))
        .and_then(|text| serde_saphyr::from_str(&text).ok())
        .unwrap_or_default()
}

/// `puente check --site`: a warning for each replaced file whose Puente side changed since it was
/// recorded, or was never recorded.
pub fn check(paths: &Paths, tree: &Tree) -> Vec<Diagnostic> {
    let Some(site) = &paths.site else { return Vec::new() };
    let known = recorded(tree, site);
    let mut findings = Vec::new();
    for file in replaced(paths, tree, site) {
        let Some(now) = fingerprint(tree, &file) else { continue };
        let shown = display_path(&paths.root, &file.own);
        let builtin = display_path(&paths.root, &file.builtin);
        let record = format!(
            "then run `puente overridden --site {} {}`",
            display_path(&paths.root, site).display(),
            file.rel
        );
        let finding = match known.get(&file.rel) {
            Some(then) if *then == now => continue,
            Some(_) => Diagnostic::warning(
                shown,
                format!(
                    "Puente's {} changed since this copy was made{}",
                    builtin.display(),
                    notes_text(tree, &file)
                ),
            )
            .with_hint(format!("compare the two and bring this copy up to date, {record}")),
            None => Diagnostic::warning(
                shown,
                format!(
                    "this file replaces Puente's {}, and that is not recorded{}",
                    builtin.display(),
                    notes_text(tree, &file)
                ),
            )
            .with_hint(format!("check that it is up to date with Puente's file, {record}")),
        };
        findings.push(finding.in_group(OVERRIDES));
    }
    findings
}

/// `puente overridden --site DIR PATH…`: records the current fingerprint of Puente's side of each path.
pub fn record(paths: &Paths, rels: &[String]) -> Result<Vec<String>, String> {
    let site = paths
        .site
        .as_ref()
        .ok_or("give the organisation's folder with --site")?;
    let tree = Tree::load(paths);
    let files = replaced(paths, &tree, site);
    let mut known = recorded(&tree, site);
    let mut done = Vec::new();
    for rel in rels {
        let rel = rel.trim_start_matches("./").replace('\\', "/");
        let file = files.iter().find(|f| f.rel == rel).ok_or_else(|| {
            format!(
                "`{rel}` is not a file of {} that replaces one of Puente's",
                site.display()
            )
        })?;
        let now = fingerprint(&tree, file)
            .ok_or_else(|| format!("cannot read {} or {}", file.own.display(), file.builtin.display()))?;
        done.push(format!("{rel} ({now})"));
        known.insert(rel, now);
    }
    let mut text = String::from(HEADER);
    for (rel, print) in &known {
        text.push_str(&format!("{rel}: \"{print}\"\n"));
    }
    std::fs::write(site.join(FILE), text).map_err(|e| format!("cannot write {}: {e}", site.join(FILE).display()))?;
    Ok(done)
}
