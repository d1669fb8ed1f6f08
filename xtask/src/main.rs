//! Developer tasks for Puente, run as `cargo xtask <task>` (the alias is in `.cargo/config.toml`).
//!
//! `widgets`: compiles `widgets/wasm` and `widgets/search` for wasm32, runs wasm-bindgen over them and
//! writes the results to `widgets/dist/`, which is committed and which the `puente` binary carries
//! inside it. `widgets --check` compiles them the same way and fails unless the committed files are
//! byte for byte what the sources give (the test suite runs it).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The crates compiled to wasm: package name, and the file name its wasm and glue are written under.
const WIDGETS: [(&str, &str); 2] = [("puente-widgets", "puente_widgets"), ("puente-search", "puente_search")];

const TARGET: &str = "wasm32-unknown-unknown";

const USAGE: &str = "usage: cargo xtask widgets [--check]\n\n\
  widgets          compile the browser widgets and write widgets/dist/\n\
  widgets --check  fail unless widgets/dist/ is exactly what the sources compile to";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["widgets"] => widgets(false),
        ["widgets", "--check"] => widgets(true),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits inside the workspace")
        .to_path_buf()
}

/// Cargo's home, whose registry paths end up in panic messages unless remapped.
fn cargo_home() -> Option<PathBuf> {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
}

/// One generated file: its name in `widgets/dist/` and its bytes.
struct Generated {
    name: String,
    bytes: Vec<u8>,
}

fn widgets(check: bool) -> Result<String, String> {
    let root = workspace_root();
    let target_dir = root.join("target/widgets");
    compile(&root, &target_dir)?;
    let mut generated = Vec::new();
    for (_, name) in WIDGETS {
        generated.extend(bindgen(&target_dir, name)?);
    }
    let dist = root.join("widgets/dist");
    if check {
        let mut wrong = Vec::new();
        for file in &generated {
            match std::fs::read(dist.join(&file.name)) {
                Ok(bytes) if bytes == file.bytes => {}
                Ok(_) => wrong.push(format!(
                    "widgets/dist/{} differs from what its sources compile to",
                    file.name
                )),
                Err(e) => wrong.push(format!("widgets/dist/{} cannot be read: {e}", file.name)),
            }
        }
        if !wrong.is_empty() {
            return Err(format!(
                "{}\nrun `cargo xtask widgets` and commit widgets/dist/",
                wrong.join("\n")
            ));
        }
        return Ok(format!(
            "widgets/dist/: all {} files match their sources",
            generated.len()
        ));
    }
    std::fs::create_dir_all(&dist).map_err(|e| format!("cannot create {}: {e}", dist.display()))?;
    for file in &generated {
        let path = dist.join(&file.name);
        std::fs::write(&path, &file.bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let sizes: Vec<String> = generated
        .iter()
        .map(|f| format!("{} ({} bytes)", f.name, f.bytes.len()))
        .collect();
    Ok(format!("wrote widgets/dist/: {}", sizes.join(", ")))
}

/// `cargo build` of the widget crates for wasm32, with the profile `wasm` and machine paths remapped
/// so that every machine compiles the same bytes.
fn compile(root: &Path, target_dir: &Path) -> Result<(), String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut flags = vec![format!("--remap-path-prefix={}=/puente", root.display())];
    if let Some(home) = cargo_home() {
        flags.push(format!("--remap-path-prefix={}=/cargo", home.display()));
    }
    let mut command = Command::new(cargo);
    command
        .args(["build", "--quiet", "--locked", "--profile", "wasm", "--target", TARGET])
        .arg("--manifest-path")
        .arg(root.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target_dir)
        .env_remove("RUSTFLAGS")
        .env("CARGO_ENCODED_RUSTFLAGS", flags.join("\x1f"));
    for (package, _) in WIDGETS {
        command.args(["-p", package]);
    }
    let output = command.output().map_err(|e| format!("cannot run cargo: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let hint = if stderr.contains(TARGET) && stderr.contains("target may not be installed") {
        format!("run `rustup target add {TARGET}`")
    } else {
        "fix the error above in widgets/".to_string()
    };
    Err(format!("the widgets did not compile:\n{}\n{hint}", stderr.trim_end()))
}

/// wasm-bindgen over one compiled crate: its JavaScript glue (`<name>.js`, loading `<name>_bg.wasm`)
/// and its wasm.
fn bindgen(target_dir: &Path, name: &str) -> Result<[Generated; 2], String> {
    let wasm_path = target_dir.join(format!("{TARGET}/wasm/{name}.wasm"));
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen
        .input_path(&wasm_path)
        .typescript(false)
        .omit_default_module_path(false)
        .remove_name_section(true)
        .remove_producers_section(true);
    let mut output = bindgen
        .web(true)
        .and_then(|b| b.generate_output())
        .map_err(|e| format!("wasm-bindgen could not process {name}: {e:#}"))?;
    let wasm = output.wasm_mut().emit_wasm();
    let js = output.js().as_bytes().to_vec();
    Ok([
        Generated {
            name: format!("{name}.js"),
            bytes: js,
        },
        Generated {
            name: format!("{name}_bg.wasm"),
            bytes: wasm,
        },
    ])
}
