//! Walks `content/<lang>/` and turns each Markdown file into a checked [`Page`].

pub mod front_matter;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::load::tree::Tree;

use puente_core::date::Date;
use rayon::prelude::*;

use crate::diagnostics::{display_path, Diagnostic};
use front_matter::FrontMatter;

/// One Markdown file of one language, with its front matter checked.
#[derive(Debug)]
pub struct Page {
    /// The language code, which is also the top folder: `en`.
    pub lang: String,
    /// The path under the language folder, with `/` separators: `parole/humanitarian.md`. Translations
    /// share it.
    pub rel: String,
    /// The file as shown in messages: `content/en/parole/humanitarian.md`.
    pub file: PathBuf,
    /// The whole text of the file (UTF-8, `\n` line ends).
    pub text: String,
    pub front: FrontMatter,
    pub last_reviewed: Date,
    /// Dated notes of what changed, newest first.
    pub changes: Vec<front_matter::Change>,
    /// Where the Markdown body starts in `text`.
    pub body_offset: usize,
    /// The body with its fact references replaced by the facts' words in the page's language
    /// ([`Page::expand_facts`]); until then, the body as written.
    pub expanded: crate::load::facts::Expanded,
}

impl Page {
    /// Whether this page is a section's own page (`_index.md`).
    pub fn is_section(&self) -> bool {
        self.rel == "_index.md" || self.rel.ends_with("/_index.md")
    }

    /// The Markdown body as readers get it: fact references replaced by the facts' words.
    pub fn body(&self) -> &str {
        &self.expanded.text
    }

    /// The body as written in the file, fact references included.
    pub fn source_body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    /// The byte offset in the file's text of byte `offset` of [`Page::body`], for messages.
    pub fn file_offset(&self, offset: usize) -> usize {
        self.body_offset + self.expanded.source_offset(offset)
    }

    /// Replaces the body's fact references with the facts' words; an unknown or malformed reference is an
    /// error at its line and column.
    pub fn expand_facts(&mut self, registry: &crate::load::facts::Registry) -> Vec<Diagnostic> {
        self.expanded = crate::load::facts::expand(self.source_body(), &self.lang, registry);
        std::mem::take(&mut self.expanded.problems)
            .into_iter()
            .map(|p| {
                Diagnostic::error(&self.file, p.message)
                    .at_offset(&self.text, self.body_offset + p.offset)
                    .with_hint(p.hint)
            })
            .collect()
    }

    pub fn title(&self) -> &str {
        &self.front.title.value
    }

    /// The file that holds page `rel` of language `lang` in the same content folder as this page.
    pub fn sibling_file(&self, lang: &str, rel: &str) -> PathBuf {
        let depth = self.rel.split('/').count() + 1;
        let content = self.file.ancestors().nth(depth).unwrap_or(Path::new(""));
        content.join(lang).join(rel)
    }

    /// Whether `other` would sit in the site exactly where this page does, with the same title, address,
    /// order and description, so that only this page and the pages linking to it render differently.
    pub fn same_place_as(&self, other: &Page) -> bool {
        let (a, b) = (&self.front, &other.front);
        let slug = |f: &FrontMatter| f.slug.as_ref().map(|s| s.value.clone());
        let aliases = |f: &FrontMatter| f.aliases.iter().map(|s| s.value.clone()).collect::<Vec<_>>();
        let template = |f: &FrontMatter| f.template.as_ref().map(|s| s.value.clone());
        a.title.value == b.title.value
            && a.nav_title == b.nav_title
            && a.description.value == b.description.value
            && a.weight == b.weight
            && slug(a) == slug(b)
            && a.draft == b.draft
            && aliases(a) == aliases(b)
            && template(a) == template(b)
            && self.changes == other.changes
            && crate::markdown::widget_names(self.body()) == crate::markdown::widget_names(other.body())
    }

    /// The title used in navigation and breadcrumbs: `nav_title`, or else `title`.
    pub fn nav_title(&self) -> &str {
        self.front
            .nav_title
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or(self.title())
    }
}

/// What reading the content folder gave.
#[derive(Debug, Default)]
pub struct Loaded {
    pub pages: Vec<Page>,
    /// `(lang, rel)` of page files that exist but failed their checks; later stages stay quiet about
    /// them (no "missing page" on top of the real problem).
    pub failed: Vec<(String, String)>,
    pub problems: Vec<Diagnostic>,
}

/// Reads every page of every language under `content_dir`. Pages that fail their checks are left out and
/// their problems returned; warnings (files that are not pages) come back too.
pub fn load(root: &Path, tree: &Tree, layers: &[PathBuf], langs: &[&str]) -> Loaded {
    // (language, path) → the file, from the last layer that has it: an organisation's page replaces the
    // built-in page of the same path.
    // Kept in the order the files were found (languages in the configured order, then the built-in
    // layer's files in path order), so a build without an organisation's folder orders pages as before.
    let mut chosen: Vec<(String, String, PathBuf, PathBuf)> = Vec::new();
    let mut at: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for lang in langs {
        let dirs: Vec<PathBuf> = layers.iter().map(|l| l.join(lang)).filter(|d| tree.is_dir(d)).collect();
        if dirs.is_empty() {
            let dir = layers.first().map_or_else(|| PathBuf::from(lang), |l| l.join(lang));
            problems.push(
                Diagnostic::error(
                    display_path(root, &dir),
                    format!("the folder for language `{lang}` is missing"),
                )
                .with_hint(format!(
                    "create `{}` with an `_index.md` home page",
                    display_path(root, &dir).display()
                )),
            );
            continue;
        }
        for dir in dirs {
            for (path, message) in tree.walk_errors_under(&dir) {
                problems.push(Diagnostic::error(
                    display_path(root, path),
                    format!("cannot read this path: {message}"),
                ));
            }
            for (path, is_link) in tree.files_under(&dir) {
                let shown = display_path(root, path);
                let is_md = path.extension().is_some_and(|e| e == "md");
                if is_link {
                    problems.push(
                        Diagnostic::warning(shown, "symbolic links in the content folder are skipped")
                            .with_hint("copy the file here instead of linking to it"),
                    );
                } else if is_md {
                    let rel = path.strip_prefix(&dir).unwrap_or(path);
                    let rel = rel
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    if let Some(bad) = rel.split('/').find(|part| !is_address_part(part)) {
                        let stem = bad.trim_end_matches(".md");
                        let ext = if bad.ends_with(".md") { ".md" } else { "" };
                        problems.push(
                            Diagnostic::error(
                                shown,
                                format!("the name `{bad}` cannot be part of a web address: readers could not reach the page"),
                            )
                            .with_hint(format!(
                                "rename it with letters, digits and `-` only, like `{}{ext}`",
                                front_matter::suggest_slug(stem)
                            )),
                        );
                        continue;
                    }
                    let file = (lang.to_string(), rel.clone(), path.to_path_buf(), shown);
                    match at.get(&(lang.to_string(), rel.clone())) {
                        Some(&i) => chosen[i] = file,
                        None => {
                            at.insert((lang.to_string(), rel), chosen.len());
                            chosen.push(file);
                        }
                    }
                } else {
                    problems.push(
                        Diagnostic::warning(shown, "this file is not a page and is skipped")
                            .with_hint("pages are Markdown files whose names end in `.md`"),
                    );
                }
            }
        }
    }
    let files = chosen;
    let results: Vec<(String, String, Result<Page, Vec<Diagnostic>>)> = files
        .into_par_iter()
        .map(|(lang, rel, path, shown)| {
            let page = load_page(tree, lang.clone(), rel.clone(), &path, shown);
            (lang, rel, page)
        })
        .collect();
    let mut loaded = Loaded {
        problems,
        ..Loaded::default()
    };
    for (lang, rel, result) in results {
        match result {
            Ok(page) => loaded.pages.push(page),
            Err(found) => {
                loaded.problems.extend(found);
                loaded.failed.push((lang, rel));
            }
        }
    }
    loaded
}

/// Whether a folder or file name can be part of a page's address as it is: ASCII letters, digits,
/// `-`, `_` and `.` (a `?`, `#`, space or quote would cut the address or need escaping).
fn is_address_part(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// The largest page file read, in bytes. The longest real page is under 60 KB; a file of megabytes is
/// a mistake (a pasted export, a file saved in the wrong place) that would slow every build.
pub const MAX_PAGE_BYTES: u64 = 1_000_000;

/// Reads and checks one page file (`file` is the path shown in messages).
pub fn load_page(tree: &Tree, lang: String, rel: String, path: &Path, file: PathBuf) -> Result<Page, Vec<Diagnostic>> {
    let size = tree.len(path).unwrap_or(0);
    if size > MAX_PAGE_BYTES {
        return Err(vec![Diagnostic::error(
            &file,
            format!(
                "this page is {} KB; pages may be at most {} KB",
                size / 1000,
                MAX_PAGE_BYTES / 1000
            ),
        )
        .with_hint("split it into several pages, or remove what was pasted in by mistake")]);
    }
    let folder = path.parent().unwrap_or(path);
    let text = tree
        .read_text(folder, path, &file, MAX_PAGE_BYTES, |e| {
            Diagnostic::error(&file, format!("cannot read this file: {e}"))
        })
        .map_err(|d| vec![d])?;
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::error(&file, "this page is empty")
            .with_hint("write its front matter and text, or delete the file")]);
    }
    let parsed = front_matter::parse(&file, &text)?;
    Ok(Page {
        lang,
        rel,
        file,
        front: parsed.front,
        last_reviewed: parsed.last_reviewed,
        changes: parsed.changes,
        body_offset: parsed.body_offset,
        expanded: crate::load::facts::Expanded::unexpanded(&text[parsed.body_offset..]),
        text,
    })
}
