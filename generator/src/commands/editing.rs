//! Commands that change content files for editors: `puente new` and `puente translated`.

use std::path::Path;

use crate::commands::check::fingerprint;
use crate::load::content::{front_matter, Page};
use crate::load::source;

/// Reads and parses one page file.
fn read_page(content: &Path, lang: &str, rel: &str) -> Result<Page, String> {
    let path = content.join(lang).join(rel);
    let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let text = source::decode(&path, &bytes).map_err(|d| d.to_string())?;
    let parsed =
        front_matter::parse(&path, &text).map_err(|ds| ds.iter().map(ToString::to_string).collect::<String>())?;
    Ok(Page {
        lang: lang.into(),
        rel: rel.into(),
        file: path,
        front: parsed.front,
        last_reviewed: parsed.last_reviewed,
        changes: parsed.changes,
        body_offset: parsed.body_offset,
        expanded: crate::load::facts::Expanded::unexpanded(&text[parsed.body_offset..]),
        text,
    })
}

/// Splits `en/parole/new-topic.md` into the language and the path under it.
fn split(page: &str, langs: &[&str]) -> Result<(String, String), String> {
    let page = page.trim_start_matches("content/").trim_start_matches('/');
    let (lang, rel) = page
        .split_once('/')
        .ok_or_else(|| format!("`{page}` should look like `en/parole/new-topic.md`"))?;
    if !langs.contains(&lang) {
        return Err(format!(
            "`{lang}` is not a language of this site (they are: {})",
            langs.join(", ")
        ));
    }
    let valid = rel.ends_with(".md")
        && rel.split('/').all(|part| {
            !part.is_empty()
                && part != ".."
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c))
        });
    if !valid {
        return Err(format!(
            "`{rel}` is not a page path: use lower-case letters, digits and dashes, ending in `.md`"
        ));
    }
    Ok((lang.to_string(), rel.to_string()))
}

fn title_from(rel: &str) -> String {
    let stem = rel.rsplit('/').next().unwrap_or(rel).trim_end_matches(".md");
    let stem = if stem == "_index" {
        rel.split('/').rev().nth(1).unwrap_or("home")
    } else {
        stem
    };
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

fn yaml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `puente new`: creates a draft page, and with `translate`, its translation stub.
pub fn new_page(
    content: &Path,
    langs: &[&str],
    page: &str,
    title: Option<&str>,
    translate: Option<&str>,
    today: puente_core::date::Date,
) -> Result<Vec<String>, String> {
    let (lang, rel) = split(page, langs)?;
    let path = content.join(&lang).join(&rel);
    if path.exists() {
        return Err(format!("{} already exists", path.display()));
    }
    if let Some(other) = translate {
        if !langs.contains(&other) || other == lang {
            return Err(format!(
                "`{other}` is not another language of this site (they are: {})",
                langs.join(", ")
            ));
        }
        if content.join(other).join(&rel).exists() {
            return Err(format!("{} already exists", content.join(other).join(&rel).display()));
        }
    }
    let title = title.map_or_else(|| title_from(&rel), str::to_string);
    let text = format!(
        "---\ntitle: {}\ndescription: \"\"\nlast_reviewed: {today}\n# Official sources first: USCIS, the Federal Register, the INA or CFR, court decisions.\nsources: []\n# Remove `draft: true` when the page has a description and sources and is ready to publish.\ndraft: true\n---\n\n",
        yaml_string(&title)
    );
    let mut created = Vec::new();
    write_new(&path, &text)?;
    created.push(path.display().to_string());
    if let Some(other) = translate {
        if !langs.contains(&other) || other == lang {
            return Err(format!("`{other}` is not another language of this site"));
        }
        let target = content.join(other).join(&rel);
        if target.exists() {
            return Err(format!("{} already exists", target.display()));
        }
        let source = read_page(content, &lang, &rel)?;
        let stub = format!(
            "---\ntitle: {}\ndescription: \"\"\nlast_reviewed: {today}\nsources: []\ndraft: true\nneeds_translation: true\ntranslated_from: {}\n---\n\n",
            yaml_string(&title),
            fingerprint(&source)
        );
        write_new(&target, &stub)?;
        created.push(target.display().to_string());
    }
    Ok(created)
}

fn write_new(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// `puente translated`: records in a translation that it matches the current source page.
pub fn mark_translated(content: &Path, langs: &[&str], source_lang: &str, page: &str) -> Result<String, String> {
    let (lang, rel) = split(page, langs)?;
    if lang == source_lang {
        return Err(format!(
            "`{page}` is a source page; name its translation, like `es/{rel}`"
        ));
    }
    let source = read_page(content, source_lang, &rel)?;
    let target = read_page(content, &lang, &rel)?;
    let hash = fingerprint(&source);
    let front_end = target.text[4..]
        .find("\n---")
        .map(|i| i + 4)
        .ok_or("the front matter is not closed")?;
    let mut lines: Vec<String> = target.text[4..front_end]
        .lines()
        .filter(|l| !l.starts_with("translated_from:") && l.trim() != "needs_translation: true")
        .map(str::to_string)
        .collect();
    lines.push(format!("translated_from: {hash}"));
    let text = format!("---\n{}{}", lines.join("\n"), &target.text[front_end..]);
    std::fs::write(&target.file, text).map_err(|e| format!("cannot write {}: {e}", target.file.display()))?;
    Ok(format!(
        "{} is marked as translated from {} ({hash})",
        target.file.display(),
        source.file.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_paths_are_checked() {
        let langs = ["en", "es"];
        assert_eq!(
            split("en/parole/new-topic.md", &langs).unwrap(),
            ("en".into(), "parole/new-topic.md".into())
        );
        assert!(split("fr/x.md", &langs).is_err());
        assert!(split("en/../x.md", &langs).is_err());
        assert!(split("en/New Page.md", &langs).is_err());
        assert_eq!(title_from("parole/new-topic.md"), "New topic");
    }
}
