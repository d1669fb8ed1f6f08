//! The layer rule of ARCHITECTURE.md, checked on the source: the folders of `generator/src/` are the
//! stages of a build, and a module uses only the shared modules, modules of earlier stages and modules of
//! its own stage, with no circle among those. A `use` that points backwards (say `load` reaching into
//! `render`) fails here with the file and the line.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stages in the order data flows, after the modules every stage may use.
const ORDER: [&str; 7] = ["shared", "load", "resolve", "render", "write", "pipeline", "commands"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// `load::tree` for `src/load/tree.rs`, `load::content` for `src/load/content/front_matter.rs`,
/// `diagnostics` for `src/diagnostics.rs`.
fn module_of(file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src()).ok()?;
    let parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts.as_slice() {
        [one] if one == "main" || one == "lib" => None,
        [one] => Some(one.clone()),
        [stage, file] if file == "mod" => Some(stage.clone()),
        [stage, name, ..] => Some(format!("{stage}::{name}")),
        _ => None,
    }
}

fn stage_of(module: &str) -> &str {
    let top = module.split("::").next().unwrap_or(module);
    if ORDER.contains(&top) {
        top
    } else {
        "shared"
    }
}

fn rank(module: &str) -> usize {
    ORDER.iter().position(|s| *s == stage_of(module)).unwrap_or(0)
}

/// Every `crate::a::b` a file names outside its tests, as (line, module).
fn uses(text: &str) -> Vec<(usize, String)> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut found = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let line = line.split("//").next().unwrap_or("");
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let path: Vec<&str> = rest
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .next()
                .unwrap_or("")
                .split("::")
                .filter(|s| !s.is_empty())
                .collect();
            let module = match path.as_slice() {
                [stage, name, ..] if ORDER.contains(stage) && *stage != "pipeline" => format!("{stage}::{name}"),
                [first, ..] => first.to_string(),
                [] => continue,
            };
            found.push((n + 1, module));
        }
    }
    found
}

#[test]
fn dependencies_point_one_way() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut backwards = Vec::new();
    let files: Vec<PathBuf> = walk(&src());
    assert!(files.len() > 30, "found the sources");
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(f)).collect();
    for file in &files {
        let Some(module) = module_of(file) else { continue };
        let text = std::fs::read_to_string(file).unwrap();
        for (line, used) in uses(&text) {
            // `crate::render::Renderer` is an item of the folder's own module, not a module of it.
            let used = if modules.contains(&used) {
                used
            } else {
                used.split("::").next().unwrap_or_default().to_string()
            };
            if used == module || module.starts_with(&format!("{used}::")) {
                continue;
            }
            if rank(&used) > rank(&module) {
                backwards.push(format!(
                    "{}:{line}: `{module}` ({}) uses `{used}` ({}), a later stage",
                    file.strip_prefix(src()).unwrap().display(),
                    stage_of(&module),
                    stage_of(&used)
                ));
            }
            graph.entry(module.clone()).or_default().insert(used);
        }
    }
    assert!(
        backwards.is_empty(),
        "dependencies that point backwards:\n{}",
        backwards.join("\n")
    );
    // No circle, even within a stage.
    for start in graph.keys() {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&String> = graph[start].iter().collect();
        while let Some(next) = todo.pop() {
            assert!(next != start, "`{start}` depends on itself through {seen:?}");
            if seen.insert(next.clone()) {
                todo.extend(graph.get(next).into_iter().flatten());
            }
        }
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn a_backwards_use_would_be_seen() {
    let found = uses("use crate::render::widgets::bundle;\nfn f() { crate::diagnostics::x(); } // crate::write::no\n");
    assert_eq!(
        found,
        vec![(1, "render::widgets".to_string()), (2, "diagnostics".to_string())]
    );
    assert!(rank("render::widgets") > rank("load::tree"));
    assert_eq!(stage_of("markdown"), "shared");
}
