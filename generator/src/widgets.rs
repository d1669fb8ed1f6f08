//! The browser widgets: `widgets/wasm` (calculator and guide) and `widgets/search` (the search box)
//! compiled for wasm32 by cargo, and their JavaScript glue generated in-process by wasm-bindgen.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::diagnostics::Diagnostic;
use crate::theme::{short_hash, Asset};

/// The widgets' compiled files, with content-hashed names.
#[derive(Clone, Debug)]
pub struct WidgetBundle {
    /// The ES module that loads the calculator's and guide's wasm: `/widgets/puente_widgets.<hash>.js`.
    pub glue_url: String,
    /// The ES module that loads the search wasm: `/widgets/puente_search.<hash>.js`.
    pub search_glue_url: String,
    pub files: Vec<Asset>,
}

/// The crates compiled to wasm, by package name.
const PACKAGES: [&str; 2] = ["puente-widgets", "puente-search"];

/// The folder of the workspace that holds `widgets/wasm`: the current folder when it has one, else the
/// workspace this binary was built from.
fn workspace_root() -> Option<PathBuf> {
    let here = PathBuf::from(".");
    if here.join("widgets/wasm/Cargo.toml").is_file() {
        return Some(here);
    }
    let built_from = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    built_from
        .join("widgets/wasm/Cargo.toml")
        .is_file()
        .then_some(built_from)
}

fn failure(message: impl Into<String>, hint: &str) -> Diagnostic {
    Diagnostic::error("widgets/wasm", message).with_hint(hint)
}

/// Compiles the widgets (cargo makes this a no-op when nothing changed) and generates the glue.
pub fn build() -> Result<WidgetBundle, Diagnostic> {
    let root = workspace_root().ok_or_else(|| {
        failure(
            "cannot find the widgets' source (widgets/wasm)",
            "run puente from the Puente repository folder",
        )
    })?;
    let target_dir = root.join("target/widgets");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "build",
            "--quiet",
            "--profile",
            "wasm",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            PACKAGES[0],
            "-p",
            PACKAGES[1],
        ])
        .arg("--manifest-path")
        .arg(root.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(&target_dir)
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|e| {
            failure(
                format!("cannot run cargo to build the widgets: {e}"),
                "install Rust with rustup",
            )
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let hint = if stderr.contains("wasm32-unknown-unknown") && stderr.contains("target may not be installed") {
            "run `rustup target add wasm32-unknown-unknown`"
        } else {
            "fix the error above in widgets/ and build again"
        };
        return Err(failure(
            format!("the widgets did not compile:\n{}", stderr.trim_end()),
            hint,
        ));
    }
    let (glue_url, mut files) = bindgen(&target_dir, "puente_widgets")?;
    let (search_glue_url, more) = bindgen(&target_dir, "puente_search")?;
    files.extend(more);
    Ok(WidgetBundle {
        glue_url,
        search_glue_url,
        files,
    })
}

/// Runs wasm-bindgen over one compiled crate: its glue's address, and the glue and wasm files.
fn bindgen(target_dir: &Path, name: &str) -> Result<(String, Vec<Asset>), Diagnostic> {
    let wasm_path = target_dir.join(format!("wasm32-unknown-unknown/wasm/{name}.wasm"));
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen
        .input_path(&wasm_path)
        .typescript(false)
        .omit_default_module_path(false)
        .remove_name_section(true)
        .remove_producers_section(true);
    let mut generated = bindgen.web(true).and_then(|b| b.generate_output()).map_err(|e| {
        failure(
            format!("wasm-bindgen could not process {name}: {e:#}"),
            "check that wasm-bindgen versions match",
        )
    })?;
    let wasm = generated.wasm_mut().emit_wasm();
    let wasm_name = format!("widgets/{name}.{}.wasm", short_hash(&wasm, 10));
    let default_name = format!("{name}_bg.wasm");
    let js = generated.js();
    if !js.contains(&default_name) {
        return Err(failure(
            format!("the JavaScript glue of {name} does not name its wasm file"),
            "check the wasm-bindgen version",
        ));
    }
    let wasm_file = wasm_name.rsplit('/').next().unwrap_or(&wasm_name);
    let js = js.replace(&default_name, wasm_file).into_bytes();
    let js_name = format!("widgets/{name}.{}.js", short_hash(&js, 10));
    Ok((
        format!("/{js_name}"),
        vec![
            Asset {
                path: js_name,
                bytes: js,
            },
            Asset {
                path: wasm_name,
                bytes: wasm,
            },
        ],
    ))
}
