//! Search over the real site: the index the build writes, read back and queried with the same
//! `puente-core` code the search box runs in WebAssembly.

mod common;

use std::fs;

use common::{build_real_site, repo};
use puente_core::search::Index;

/// The address an attribute of a page names: `data-index=/widgets/…` → `/widgets/…`.
fn attribute(page: &str, name: &str) -> String {
    let at = page.find(&format!("{name}=")).unwrap_or_else(|| panic!("no {name}")) + name.len() + 1;
    page[at..].split([' ', '>']).next().unwrap().to_string()
}

fn gzipped(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len()
}

/// Builds the real site and returns each language's index, read from the files the build wrote.
fn indexes() -> Vec<Index> {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_real_site(&out);
    ["en", "es"]
        .iter()
        .map(|lang| {
            let home = fs::read_to_string(out.join(lang).join("search/index.html")).unwrap();
            let at = home.find("data-index=").expect("the search page names its index") + "data-index=".len();
            let url = home[at..].split([' ', '>']).next().unwrap();
            let index: Index = serde_json::from_slice(&fs::read(out.join(&url[1..])).unwrap()).unwrap();
            assert_eq!(&index.lang, lang);
            index
        })
        .collect()
}

/// The share of sentence-style queries that must find their page first, per language.
const SENTENCES_FIRST: f64 = 0.85;

#[test]
fn every_relevance_query_finds_its_page_first() {
    let indexes = indexes();
    let cases = fs::read_to_string(repo().join("tests/search/relevance.tsv")).unwrap();
    let mut failures = Vec::new();
    let mut counted = std::collections::BTreeMap::new();
    // language → (sentences, first, in the first three, the misses)
    let mut sentences: std::collections::BTreeMap<&str, (usize, usize, usize, Vec<String>)> =
        std::collections::BTreeMap::new();
    for line in cases.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        let (lang, query, page, sentence) = match fields[..] {
            [lang, query, page] => (lang, query, page, false),
            [lang, query, page, "sentence"] => (lang, query, page, true),
            _ => panic!("not three tab-separated fields (or four, the last `sentence`): {line:?}"),
        };
        let index = indexes.iter().find(|i| i.lang == lang).unwrap();
        let hits = index.search(query, 3);
        if std::env::var_os("PUENTE_SEARCH_DEBUG").is_some() {
            for h in &hits {
                eprintln!("{lang} {query:?}: {:.2} {} {:?}", h.score, h.url, h.terms);
            }
        }
        let pages: Vec<&str> = hits.iter().map(|h| h.url.split('#').next().unwrap()).collect();
        let first = pages.first() == Some(&page);
        if sentence {
            let entry = sentences.entry(lang).or_default();
            entry.0 += 1;
            entry.1 += usize::from(first);
            entry.2 += usize::from(pages.contains(&page));
            if !first {
                entry.3.push(format!("{query:?}: wanted {page}, got {pages:?}"));
            }
            continue;
        }
        *counted.entry(lang).or_insert(0) += 1;
        if !first {
            let top: Vec<&str> = hits.iter().map(|h| h.url.as_str()).collect();
            failures.push(format!("{lang} {query:?}: wanted {page}, got {top:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} queries failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        counted.values().all(|n| *n >= 20),
        "at least 20 keyword queries per language: {counted:?}"
    );
    let mut short = Vec::new();
    for lang in ["en", "es"] {
        let (total, first, three, misses) = sentences.get(lang).cloned().unwrap_or_default();
        assert!(
            total >= 40,
            "at least 40 sentence-style queries in `{lang}`, found {total}"
        );
        let at_1 = first as f64 / total as f64;
        let at_3 = three as f64 / total as f64;
        // The figures, for BENCHMARKS.md and the notes: `cargo test --test search -- --nocapture`.
        println!(
            "{lang}: {total} sentence queries, right page first {first} ({:.0}%), in the first three {three} ({:.0}%)",
            at_1 * 100.0,
            at_3 * 100.0
        );
        for miss in &misses {
            println!("  {lang} miss: {miss}");
        }
        if at_1 < SENTENCES_FIRST {
            short.push(format!(
                "{lang}: only {first} of {total} sentence queries find their page first ({:.0}%, at least {:.0}% needed):\n{}",
                at_1 * 100.0,
                SENTENCES_FIRST * 100.0,
                misses.join("\n")
            ));
        }
    }
    assert!(short.is_empty(), "{}", short.join("\n"));
}

#[test]
fn the_search_box_stays_within_its_budgets() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_real_site(&out);
    let home = fs::read_to_string(out.join("en/search/index.html")).unwrap();
    let glue = attribute(&home, "data-glue");
    let glue_text = fs::read_to_string(out.join(&glue[1..])).unwrap();
    let wasm_name = glue_text
        .split(['"', '\''])
        .find(|s| s.starts_with("puente_search.") && s.ends_with(".wasm"))
        .expect("the glue names its wasm");
    let script = home
        .split("src=")
        .map(|s| s.split([' ', '>']).next().unwrap())
        .find(|s| s.starts_with("/assets/search."))
        .expect("the page loads search.js");
    let files = [glue.clone(), format!("/widgets/{wasm_name}"), script.to_string()];
    let total: usize = files
        .iter()
        .map(|f| gzipped(&fs::read(out.join(&f[1..])).unwrap()))
        .sum();
    assert!(
        total <= 80_000,
        "search WebAssembly, glue and script: {total} bytes gzipped, over 80,000"
    );
    for lang in ["en", "es"] {
        let page = fs::read_to_string(out.join(lang).join("search/index.html")).unwrap();
        let index = attribute(&page, "data-index");
        let size = gzipped(&fs::read(out.join(&index[1..])).unwrap());
        assert!(size <= 60_000, "{lang} index: {size} bytes gzipped, over 60,000");
    }
}
