//! The browser widgets: `widgets/wasm` (calculator and guide) and `widgets/search` (the search box),
//! compiled to WebAssembly with their JavaScript glue by `cargo xtask widgets` into `widgets/dist/`,
//! and carried inside the `puente` binary. A build never runs cargo; `cargo xtask widgets --check`
//! (part of `tests/run`) proves the carried files are exactly what the sources compile to.

use crate::files::{short_hash, Asset};

/// The widgets' files, with content-hashed names.
#[derive(Clone, Debug)]
pub struct WidgetBundle {
    /// The ES module that loads the calculator's and guide's wasm: `/widgets/puente_widgets.<hash>.js`.
    pub glue_url: String,
    /// The ES module that loads the search wasm: `/widgets/puente_search.<hash>.js`.
    pub search_glue_url: String,
    pub files: Vec<Asset>,
}

/// One widget as wasm-bindgen wrote it: its name, glue and wasm.
struct Compiled {
    name: &'static str,
    js: &'static str,
    wasm: &'static [u8],
}

const WIDGETS: Compiled = Compiled {
    name: "puente_widgets",
    js: include_str!("../../../widgets/dist/puente_widgets.js"),
    wasm: include_bytes!("../../../widgets/dist/puente_widgets_bg.wasm"),
};

const SEARCH: Compiled = Compiled {
    name: "puente_search",
    js: include_str!("../../../widgets/dist/puente_search.js"),
    wasm: include_bytes!("../../../widgets/dist/puente_search_bg.wasm"),
};

/// The size in bytes of the widgets the binary carries.
pub fn embedded_size() -> usize {
    [WIDGETS, SEARCH].iter().map(|w| w.js.len() + w.wasm.len()).sum()
}

/// The widgets' files under content-hashed names, each glue naming its own wasm file.
pub fn bundle() -> WidgetBundle {
    let (glue_url, mut files) = hashed(&WIDGETS);
    let (search_glue_url, more) = hashed(&SEARCH);
    files.extend(more);
    WidgetBundle {
        glue_url,
        search_glue_url,
        files,
    }
}

/// One widget's glue address, and its glue and wasm files.
fn hashed(widget: &Compiled) -> (String, Vec<Asset>) {
    let name = widget.name;
    let wasm_name = format!("{name}.{}.wasm", short_hash(widget.wasm, 10));
    // wasm-bindgen's glue loads `<name>_bg.wasm` beside itself; it is told the hashed name instead.
    let js = widget.js.replace(&format!("{name}_bg.wasm"), &wasm_name).into_bytes();
    let js_name = format!("widgets/{name}.{}.js", short_hash(&js, 10));
    (
        format!("/{js_name}"),
        vec![
            Asset {
                path: js_name,
                bytes: js,
            },
            Asset {
                path: format!("widgets/{wasm_name}"),
                bytes: widget.wasm.to_vec(),
            },
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_glue_loads_its_own_hashed_wasm() {
        let bundle = bundle();
        assert_eq!(bundle.files.len(), 4);
        for pair in bundle.files.chunks(2) {
            let (js, wasm) = (&pair[0], &pair[1]);
            let wasm_file = wasm.path.rsplit('/').next().unwrap();
            let glue = String::from_utf8(js.bytes.clone()).unwrap();
            assert!(glue.contains(wasm_file), "{} loads {wasm_file}", js.path);
            assert!(!glue.contains("_bg.wasm"), "{} names no unhashed file", js.path);
            assert!(wasm.bytes.starts_with(b"\0asm"), "{} is WebAssembly", wasm.path);
        }
        assert_eq!(format!("/{}", bundle.files[0].path), bundle.glue_url);
        assert_eq!(format!("/{}", bundle.files[2].path), bundle.search_glue_url);
    }

    #[test]
    fn the_names_follow_the_bytes() {
        let a = bundle();
        let b = bundle();
        let names = |b: &WidgetBundle| b.files.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
        assert_eq!(names(&a), names(&b));
    }
}
