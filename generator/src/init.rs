//! `puente init DIR`: an organisation's site folder, ready to build with `puente build --site DIR`. It
//! holds the organisation's settings, an example of replacing interface strings, and a README.

use std::path::Path;

/// Creates the site folder `dir` for the organisation `name`. Refuses a folder that exists and is not
/// empty. Returns the files written.
pub fn init(dir: &Path, name: &str) -> Result<Vec<String>, String> {
    if dir.exists() && std::fs::read_dir(dir).map_err(|e| e.to_string())?.next().is_some() {
        return Err(format!(
            "{} already exists and is not empty; choose a new folder",
            dir.display()
        ));
    }
    let name = name.trim();
    if name.is_empty() {
        return Err("the organisation's name is empty; give it with --name".into());
    }
    let files: [(&str, String); 4] = [
        ("site.yaml", SITE_YAML.replace("{name}", &yaml_quote(name))),
        ("theme/i18n/en.yaml", STRINGS_EN.to_string()),
        ("theme/i18n/es.yaml", STRINGS_ES.to_string()),
        (
            "README.md",
            README
                .replace("{name}", name)
                .replace("{dir}", &dir.display().to_string()),
        ),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path.display().to_string());
    }
    for lang in ["en", "es"] {
        let folder = dir.join("content").join(lang);
        std::fs::create_dir_all(&folder).map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    }
    Ok(written)
}

/// A YAML string in double quotes.
fn yaml_quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

const SITE_YAML: &str = r##"# Your organisation's copy of Puente. Build it from the Puente folder with:
#   cargo run --release -- build --site THIS-FOLDER
# Every key is checked: a misspelt key or a wrong value stops the build with the line and a hint.

# The address your copy will have, without a final "/" (used in the sitemap and canonical links).
base_url: https://help.example.org

# The language of the root page's first choice, and of hreflang "x-default".
default_language: en

languages:
  - code: en
    name: English
    title: Parole guide
    description: A free, private, plain-language guide to US immigration parole, advance parole and unlawful presence.
  - code: es
    name: Español
    title: Guía sobre el parole
    description: Una guía gratuita, privada y en lenguaje sencillo sobre el parole de inmigración, el advance parole y la presencia ilegal en EE. UU.

# Who publishes this copy. Only the name is required; remove the "#" before the lines you want.
# docs/branding.md in the Puente folder explains each one.
organisation:
  name: {name}
  # url: https://your-organisation.example.org
  # email: help@your-organisation.example.org
  # phone: "+1 555 010 0100"
  # logo: logo.svg                  # an .svg or .png file in this folder
  # address:
  #   en: 100 Main Street, Springfield
  #   es: 100 Main Street, Springfield
  # hours:
  #   en: Monday to Friday, 9 a.m. to 5 p.m.
  #   es: De lunes a viernes, de 9 a. m. a 5 p. m.
  # intake_url: https://your-organisation.example.org/appointments
  # banner:
  #   en: A short alert shown at the top of every page.
  #   es: Un aviso corto que se muestra arriba de cada página.
  # providers:                        # listed on the legal-help page
  #   - name: A legal-help provider
  #     languages: English, Español
  #     services:
  #       en: What they help with.
  #       es: En qué ayudan.
  #     phone: "+1 555 010 0199"
  #     address: 20 Oak Avenue, Springfield

# Your colours, checked for contrast (WCAG AA): the header's background and the colour of links.
# colors:
#   primary: "#12355b"
#   accent: "#005ea2"

# The page every footer links to for finding accredited legal help, and the glossary.
legal_help_page: help/legal-help.md
glossary_page: help/glossary.md
"##;

const STRINGS_EN: &str = r#"# Interface strings of the theme that this copy says differently. Any key of
# themes/default/i18n/en.yaml can be given here; the others keep the theme's text.
published_by: "This copy is published by"
"#;

const STRINGS_ES: &str = r#"# Textos de la interfaz que esta copia dice de otra manera. Aquí puede ir cualquier clave de
# themes/default/i18n/es.yaml; las demás conservan el texto del tema.
published_by: "Esta copia la publica"
"#;

const README: &str = r#"# {name}: your copy of Puente

This folder holds what makes your copy of the Puente parole guide yours. Everything else (the pages,
the eligibility guide, the calculator, search, the design) comes from Puente itself, so you get its
updates without merging anything.

## Build it and look at it

From the Puente folder (the one with `Cargo.toml`):

```sh
cargo run --release -- serve --site {dir}     # look at it at http://127.0.0.1:1111/, reloading as you edit
cargo run --release -- check --site {dir}     # links, translations, review dates
cargo run --release -- build --site {dir}     # the whole site in public/, ready to publish
```

## Make it yours

- `site.yaml`: your organisation's name, and (uncomment what you need) logo, colours, contact details,
  hours, appointment link, a banner, and the legal-help providers to list. Puente checks every value.
- Pages: to change a page, copy it from Puente's `content/` to the same path under this folder's
  `content/` (for example `content/en/help/legal-help.md`) and edit the copy. Do the same for the other
  language, so readers of both see your version. Your copy replaces Puente's; every other page stays
  Puente's.
- Wording of the interface: `theme/i18n/en.yaml` and `theme/i18n/es.yaml` replace single strings of the
  theme (this folder starts with one, the "published by" line of the footer).
- Templates and styles: a file under `theme/templates/` or `theme/static/` replaces Puente's file of the
  same path under `themes/default/`. Change as little as you can: what you replace no longer gets
  Puente's updates.
- `overrides.yaml` records which of Puente's files this folder replaces, as they were when you copied
  them. `check --site {dir}` tells you when Puente's file has changed since; once your copy is up to
  date, run `cargo run --release -- overridden --site {dir} <path>`.

## Publish it

See `docs/deploy.md` in the Puente folder: Netlify, Cloudflare Pages, GitHub Pages or your own server.
Add `--site {dir}` to the build command it gives.

## Keep it true

Immigration rules change. Puente's editors keep its pages current; pages you replaced are yours to keep
current. The site is general information, not legal advice: keep the pointers to accredited legal help.
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted_for_yaml() {
        assert_eq!(yaml_quote("Clínica \"Esperanza\""), "\"Clínica \\\"Esperanza\\\"\"");
    }

    #[test]
    fn a_folder_with_files_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("x"), "").unwrap();
        assert!(init(tmp.path(), "Clinic").unwrap_err().contains("is not empty"));
    }
}
