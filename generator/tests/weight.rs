//! Page-weight budgets, on the real site: what a reader downloads to see each page, gzipped.
//!
//! - A page without a widget: at most 30,000 bytes in all (HTML, stylesheets, images) and no
//!   JavaScript at all.
//! - Stylesheets: at most 10,000 bytes per page.
//! - A page with a widget (the calculator, the guide's first step, the search page): at most 130,000
//!   bytes in all, counting its scripts, the WebAssembly they start and the data they fetch at once.
//!
//! Search results' excerpt files, fetched one per result as a reader types, are not counted.
//! `cargo test --test weight -- --nocapture` prints the heaviest page of each kind.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{build_real_site, walk};

const PAGE_BUDGET: usize = 30_000;
const CSS_BUDGET: usize = 10_000;
const WIDGET_PAGE_BUDGET: usize = 130_000;

fn gzipped(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len()
}

/// The tags of `html`: `(name, attributes)`, with attribute values unquoted as the minifier leaves them
/// or quoted.
fn tags(html: &str) -> Vec<(String, BTreeMap<String, String>)> {
    let mut out = Vec::new();
    for piece in html.split('<').skip(1) {
        let Some(end) = piece.find('>') else { continue };
        let inside = &piece[..end];
        let mut rest = inside;
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if name.is_empty() {
            continue;
        }
        rest = &rest[name.len()..];
        let mut attributes = BTreeMap::new();
        loop {
            rest = rest.trim_start_matches([' ', '\n', '/']);
            let key: String = rest
                .chars()
                .take_while(|c| !matches!(c, '=' | ' ' | '\n' | '/'))
                .collect();
            if key.is_empty() {
                break;
            }
            rest = &rest[key.len()..];
            let value = if let Some(after) = rest.strip_prefix('=') {
                let (value, len) = match after.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let close = after[1..].find(q).map_or(after.len(), |i| i + 1);
                        (after[1..close].to_string(), (close + 1).min(after.len()))
                    }
                    _ => {
                        let len = after.find([' ', '\n']).unwrap_or(after.len());
                        (after[..len].to_string(), len)
                    }
                };
                rest = &after[len..];
                value
            } else {
                String::new()
            };
            attributes.insert(key.to_lowercase(), value);
        }
        out.push((name.to_lowercase(), attributes));
    }
    out
}

/// What one page makes the browser download, by kind.
#[derive(Default)]
struct Weight {
    html: usize,
    css: usize,
    js: usize,
    wasm: usize,
    data: usize,
    other: usize,
    scripts: usize,
    /// The page places a widget: the calculator, the guide or search.
    widget: bool,
}

impl Weight {
    fn total(&self) -> usize {
        self.html + self.css + self.js + self.wasm + self.data + self.other
    }
}

fn weigh(out: &Path, html: &str) -> Weight {
    let mut weight = Weight {
        html: gzipped(html.as_bytes()),
        ..Weight::default()
    };
    let mut files: Vec<String> = Vec::new();
    for (name, attributes) in tags(html) {
        let local = |key: &str| {
            attributes
                .get(key)
                .filter(|v| v.starts_with('/') && !v.starts_with("//"))
                .cloned()
        };
        match name.as_str() {
            "script" => {
                weight.scripts += 1;
                files.extend(local("src"));
            }
            "link" if matches!(attributes.get("rel").map(String::as_str), Some("stylesheet" | "icon")) => {
                files.extend(local("href"));
            }
            "img" => files.extend(local("src")),
            _ => {}
        }
        // The widgets' scripts fetch what their element names: `data-glue`, `data-index`, `data-flow`.
        for (key, _) in attributes.iter().filter(|(k, _)| k.starts_with("data-")) {
            if let Some(url) = local(key).filter(|u| u.ends_with(".js") || u.ends_with(".json")) {
                weight.widget |= key == "data-glue";
                files.push(url);
            }
        }
    }
    // A WebAssembly glue script loads the module it names beside itself.
    for glue in files
        .clone()
        .iter()
        .filter(|f| f.starts_with("/widgets/") && f.ends_with(".js"))
    {
        let text = fs::read_to_string(out.join(&glue[1..])).unwrap();
        let folder = &glue[..glue.rfind('/').unwrap() + 1];
        files.extend(
            text.split(['"', '\'', '`'])
                .filter(|s| s.ends_with(".wasm") && !s.contains('/'))
                .map(|s| format!("{folder}{s}")),
        );
    }
    files.sort();
    files.dedup();
    for file in files {
        let bytes = fs::read(out.join(&file[1..])).unwrap_or_else(|_| panic!("{file} is named but missing"));
        let size = gzipped(&bytes);
        match file.rsplit('.').next().unwrap() {
            "css" => weight.css += size,
            "js" => weight.js += size,
            "wasm" => weight.wasm += size,
            "json" => weight.data += size,
            _ => weight.other += size,
        }
    }
    weight
}

#[test]
fn every_page_of_the_real_site_stays_within_its_weight_budget() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_real_site(&out);

    // Shown with `-- --nocapture`, for the table in BENCHMARKS.md.
    let shown = [
        "/en/index.html",
        "/en/parole/humanitarian/index.html",
        "/es/ayuda/preguntas-frecuentes/index.html",
        "/en/help/glossary/index.html",
        "/en/a-z/index.html",
        "/en/unlawful-presence/calculator/index.html",
        "/en/guide/index.html",
        "/es/search/index.html",
    ];
    let mut over = Vec::new();
    let mut heaviest: BTreeMap<&str, (usize, String)> = BTreeMap::new();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let pages: Vec<_> = walk(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    for file in &pages {
        let name = format!("/{}", file.strip_prefix(&out).unwrap().display());
        let html = fs::read_to_string(file).unwrap();
        let w = weigh(&out, &html);
        let kind = if w.widget { "widget" } else { "plain" };
        *counts.entry(kind).or_default() += 1;
        let figures = format!(
            "{} B in all: HTML {}, CSS {}, JS {}, wasm {}, data {}, other {}",
            w.total(),
            w.html,
            w.css,
            w.js,
            w.wasm,
            w.data,
            w.other
        );
        if shown.contains(&name.as_str()) {
            println!(
                "| {name} | {} | {} | {} | {} | {} | {} | **{}** |",
                w.html,
                w.css,
                w.js,
                w.wasm,
                w.data,
                w.other,
                w.total()
            );
        }
        if w.css > CSS_BUDGET {
            over.push(format!("{name}: stylesheets {} B gzipped, over {CSS_BUDGET}", w.css));
        }
        if w.widget {
            if w.total() > WIDGET_PAGE_BUDGET {
                over.push(format!("{name} (a widget page): {figures}; over {WIDGET_PAGE_BUDGET}"));
            }
        } else {
            if w.scripts > 0 {
                over.push(format!(
                    "{name}: has no widget but {} <script> element(s); only widget pages may load JavaScript",
                    w.scripts
                ));
            }
            if w.total() > PAGE_BUDGET {
                over.push(format!("{name}: {figures}; over {PAGE_BUDGET}"));
            }
        }
        let entry = heaviest.entry(kind).or_insert((0, String::new()));
        if w.total() > entry.0 {
            *entry = (w.total(), format!("{name}: {figures}"));
        }
    }
    for (kind, (_, line)) in &heaviest {
        println!("heaviest {kind} page of {}: {line}", counts[kind]);
    }
    assert!(
        counts.get("widget").copied().unwrap_or(0) >= 6,
        "calculator, guide and search in both languages"
    );
    assert!(over.is_empty(), "pages over their budget:\n{}", over.join("\n"));
}

#[test]
fn tags_reads_quoted_and_unquoted_attributes() {
    let found = tags(
        r#"<p><script type=module src=/a.js></script><link rel="stylesheet" href='/b c.css'><img alt src=/i.svg>"#,
    );
    let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["p", "script", "link", "img"]);
    assert_eq!(found[1].1["src"], "/a.js");
    assert_eq!(found[2].1["href"], "/b c.css");
    assert_eq!(found[3].1["alt"], "");
    assert_eq!(found[3].1["src"], "/i.svg");
}

#[test]
fn weigh_counts_what_a_page_loads_and_its_widget() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path();
    fs::create_dir_all(out.join("widgets")).unwrap();
    fs::write(out.join("a.js"), "console.log(1)").unwrap();
    fs::write(out.join("s.css"), "p{color:red}").unwrap();
    fs::write(out.join("widgets/glue.js"), "new URL('glue_bg.wasm', import.meta.url)").unwrap();
    fs::write(out.join("widgets/glue_bg.wasm"), [0u8, 97, 115, 109]).unwrap();
    fs::write(out.join("widgets/flow.json"), "{}").unwrap();

    let plain = weigh(out, "<link rel=stylesheet href=/s.css><script src=/a.js></script>");
    assert_eq!((plain.scripts, plain.widget), (1, false));
    assert!(plain.css > 0 && plain.js > 0 && plain.wasm == 0);

    let widget = weigh(
        out,
        "<div data-glue=/widgets/glue.js data-flow=/widgets/flow.json></div><script src=/a.js></script>",
    );
    assert!(widget.widget);
    assert!(widget.wasm > 0 && widget.data > 0);
    assert_eq!(widget.total(), widget.html + widget.js + widget.wasm + widget.data);
}
