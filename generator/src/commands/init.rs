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
    let mut files: Vec<(&str, String)> = vec![
        ("site.yaml", SITE_YAML.replace("{name}", &yaml_quote(name))),
        ("theme/i18n/en.yaml", STRINGS_EN.to_string()),
        ("theme/i18n/es.yaml", STRINGS_ES.to_string()),
        (
            "README.md",
            README
                .replace(
                    "{publish}",
                    if RELEASES.is_some() {
                        PUBLISH
                    } else {
                        PUBLISH_NO_RELEASE
                    },
                )
                .replace("{name}", name)
                .replace("{dir}", &dir.display().to_string()),
        ),
        ("deploy/nginx/puente.conf", NGINX.to_string()),
        ("deploy/nginx/puente-security-headers.conf", NGINX_HEADERS.to_string()),
    ];
    if let Some(releases) = RELEASES {
        files.extend([
            ("deploy/get-puente.sh", GET_PUENTE.replace("{releases}", releases)),
            ("netlify.toml", NETLIFY.to_string()),
            (".github/workflows/pages.yml", PAGES.to_string()),
        ]);
    }
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

/// Where this binary's release is published (`https://github.com/OWNER/REPO/releases/download/vX.Y.Z`),
/// set by the release workflow when it compiles `puente`. The deploy files fetch that same release, so a
/// nonprofit's site is built by the version that made its folder. A developer's build does not know it.
pub const RELEASES: Option<&str> = option_env!("PUENTE_RELEASES");

const NGINX: &str = include_str!("../../../deploy/nginx/puente.conf");
const NGINX_HEADERS: &str = include_str!("../../../deploy/nginx/puente-security-headers.conf");

const GET_PUENTE: &str = r#"#!/bin/sh
# Downloads the released `puente` that made this folder, checks it against the release's SHA256SUMS,
# and leaves it in this folder as ./puente. Used by netlify.toml, the GitHub Pages workflow and the
# Cloudflare Pages build command (see README.md). Written by `puente init`.
set -eu
releases="{releases}"
case "$(uname -m)" in
  x86_64 | amd64) target=x86_64-unknown-linux-gnu ;;
  aarch64 | arm64) target=aarch64-unknown-linux-gnu ;;
  *) echo "get-puente.sh: no released puente for $(uname -m); build it from source (cargo install)" >&2; exit 1 ;;
esac
archive="puente-$target.tar.gz"
curl -sSfL -o "$archive" "$releases/$archive"
curl -sSfL -o SHA256SUMS "$releases/SHA256SUMS"
grep " $archive\$" SHA256SUMS | sha256sum -c -
tar -xzf "$archive" puente
rm -f "$archive" SHA256SUMS
./puente --version
"#;

const NETLIFY: &str = r#"# Netlify builds this folder with the released puente (see README.md). The build writes
# public/_headers (security headers, caching) and public/_redirects (language redirect, 404 pages).
[build]
  command = "sh deploy/get-puente.sh && ./puente build --site . --out public --base-url \"$URL\""
  publish = "public"
"#;

const PAGES: &str = r#"# Publishes this folder on GitHub Pages with the released puente. In the repository's settings, under
# Pages, choose "GitHub Actions" as the source. GitHub Pages cannot send the security headers of
# _headers; Netlify, Cloudflare Pages or your own server can.
name: Publish on GitHub Pages

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: true

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/configure-pages@v5
        id: pages
      - run: sh deploy/get-puente.sh
      - run: ./puente build --site . --out public --base-url "${{ steps.pages.outputs.base_url }}"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - uses: actions/deploy-pages@v4
        id: deployment
"#;

const PUBLISH: &str = r#"Put this folder in a repository of its own (GitHub, GitLab or Bitbucket); each host builds it with
the same released `puente` that made it (`deploy/get-puente.sh` downloads it and checks its checksum).

- **Netlify**: import the repository; `netlify.toml` says how to build. Add your domain under
  **Domain management**.
- **Cloudflare Pages**: connect the repository; build command
  `sh deploy/get-puente.sh && ./puente build --site . --out public --base-url "$CF_PAGES_URL"`, output
  folder `public`. Then put your domain in place of `"$CF_PAGES_URL"`.
- **GitHub Pages**: `.github/workflows/pages.yml` publishes on every push to `main`; under **Settings →
  Pages**, choose **GitHub Actions**. GitHub Pages cannot send the security headers; prefer the others.
- **Your own server**: `puente build --site {dir}`, copy `public/` to the server, and use the two files of
  `deploy/nginx/` (the comments at their top say where they go)."#;

const PUBLISH_NO_RELEASE: &str = r#"This `puente` was compiled from source rather than downloaded from a release, so it does not know
which release to fetch, and this folder has no Netlify or GitHub Pages files. Make them with a released
`puente` (`puente init` in an empty folder, then copy `netlify.toml`, `deploy/get-puente.sh` and
`.github/`), or see `docs/deploy.md` in the Puente folder to build from source there.

- **Your own server**: `puente build --site {dir}`, copy `public/` to the server, and use the two files of
  `deploy/nginx/` (the comments at their top say where they go)."#;

/// A YAML string in double quotes.
fn yaml_quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

const SITE_YAML: &str = r##"# Your organisation's copy of Puente. Build it with:
#   puente build --site THIS-FOLDER
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

With `puente` installed (a released binary, or `cargo install --locked --path generator` from the Puente
repository), from the folder that holds this one:

```sh
puente serve --site {dir}     # look at it at http://127.0.0.1:1111/, reloading as you edit
puente check --site {dir}     # links, translations, review dates
puente build --site {dir}     # the whole site in public/, ready to publish
```

`puente --version` says which version of the guide's content it carries.

## Make it yours

- `site.yaml`: your organisation's name, and (uncomment what you need) logo, colours, contact details,
  hours, appointment link, a banner, and the legal-help providers to list. Puente checks every value.
- Pages: to change a page, copy it from Puente's `content/` (in the Puente repository) to the same path under this folder's
  `content/` (for example `content/en/help/legal-help.md`) and edit the copy. Do the same for the other
  language, so readers of both see your version. Your copy replaces Puente's; every other page stays
  Puente's.
- Wording of the interface: `theme/i18n/en.yaml` and `theme/i18n/es.yaml` replace single strings of the
  theme (this folder starts with one, the "published by" line of the footer).
- Templates and styles: a file under `theme/templates/` or `theme/static/` replaces Puente's file of the
  same path under Puente's `themes/default/`. Change as little as you can: what you replace no longer gets
  Puente's updates.
- `overrides.yaml` records which of Puente's files this folder replaces, as they were when you copied
  them. `check --site {dir}` tells you when Puente's file has changed since; once your copy is up to
  date, run `puente overridden --site {dir} <path>`.

## Publish it

{publish}

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
