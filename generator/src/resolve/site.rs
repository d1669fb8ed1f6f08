//! Resolving loaded pages into a site: each page's address, its section, children and neighbours, and
//! its translations. Computed once, then read by rendering.

use std::collections::{BTreeMap, HashMap};

use crate::diagnostics::Diagnostic;
use crate::load::config::SiteConfig;
use crate::load::content::Page;

/// The group of `check`'s findings about translations (a missing or stale one).
pub const TRANSLATIONS: &str = "translations";

/// Where the language switcher leads from a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Translation {
    pub lang: String,
    pub url: String,
    /// The page has no translation, so the switcher leads to the nearest section that has one.
    pub is_fallback: bool,
}

/// The pages of every language, with addresses and relations.
#[derive(Debug)]
pub struct Site {
    pub pages: Vec<Page>,
    /// `urls[i]` is the root-relative address of `pages[i]`, like `/es/parole/permiso-humanitario/`.
    pub urls: Vec<String>,
    index: HashMap<(String, String), usize>,
    /// Children of each section page (by index), ordered by weight then title.
    children: Vec<Vec<usize>>,
    /// The section each page belongs to (none for a home page).
    parent: Vec<Option<usize>>,
    /// Pages that are drafts: not published, but a link to one gets a precise message and `check` reads
    /// them (a translation stub is a draft).
    pub drafts: Vec<Page>,
    /// Pages that exist but failed to load; their own errors are reported, so links to them are not.
    pub failed: Vec<(String, String)>,
    langs: Vec<String>,
    /// The facts registry the pages' fact references were expanded from (the flow and the interface
    /// strings use it too).
    pub facts: crate::load::facts::Registry,
}

/// The folder part of a page path: `parole/x.md` → `parole`, `parole/_index.md` → `parole`.
fn dir_of(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

/// The section page that holds a page: `parole/x.md` → `parole/_index.md`, `parole/_index.md` →
/// `_index.md`, `_index.md` → none.
pub fn parent_section(rel: &str) -> Option<String> {
    let dir = dir_of(rel);
    let is_section = rel == "_index.md" || rel.ends_with("/_index.md");
    let holder = if is_section {
        if rel == "_index.md" {
            return None;
        }
        dir_of(dir)
    } else {
        dir
    };
    Some(if holder.is_empty() {
        "_index.md".to_string()
    } else {
        format!("{holder}/_index.md")
    })
}

/// The address of the A–Z index of `lang`.
pub fn az_url(lang: &str) -> String {
    format!("/{lang}/a-z/")
}

/// The address of the search page of `lang`.
pub fn search_url(lang: &str) -> String {
    format!("/{lang}/search/")
}

/// The pages the generator writes for each language beside the content, by kind: the A–Z index and
/// search. No content page may take their addresses.
pub const GENERATED_PAGES: [(&str, AddressOf); 2] = [("az", az_url), ("search", search_url)];

/// Gives a generated page's address in one language.
pub type AddressOf = fn(&str) -> String;

impl Site {
    /// Gives every page its address and relations. Problems: duplicate addresses, missing home pages.
    pub fn resolve(
        config: &SiteConfig,
        all_pages: Vec<Page>,
        failed: Vec<(String, String)>,
    ) -> (Site, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let langs: Vec<String> = config.codes().map(str::to_string).collect();
        let (pages, draft_pages): (Vec<Page>, Vec<Page>) = all_pages.into_iter().partition(|p| !p.front.draft);
        let drafts = draft_pages;
        let index: HashMap<(String, String), usize> = pages
            .iter()
            .enumerate()
            .map(|(i, p)| ((p.lang.clone(), p.rel.clone()), i))
            .collect();

        let slug_of = |lang: &str, rel: &str| -> Option<String> {
            index
                .get(&(lang.to_string(), rel.to_string()))
                .and_then(|&i| pages[i].front.slug.as_ref().map(|s| s.value.clone()))
        };
        let urls: Vec<String> = pages
            .iter()
            .map(|page| {
                let mut url = format!("/{}/", page.lang);
                let dir = dir_of(&page.rel);
                if !dir.is_empty() {
                    let mut so_far = String::new();
                    for part in dir.split('/') {
                        if !so_far.is_empty() {
                            so_far.push('/');
                        }
                        so_far.push_str(part);
                        let segment =
                            slug_of(&page.lang, &format!("{so_far}/_index.md")).unwrap_or_else(|| part.to_string());
                        url.push_str(&segment);
                        url.push('/');
                    }
                }
                if !page.is_section() {
                    let stem = page.rel.rsplit('/').next().unwrap_or(&page.rel).trim_end_matches(".md");
                    url.push_str(&page.front.slug.as_ref().map_or(stem.to_string(), |s| s.value.clone()));
                    url.push('/');
                }
                url
            })
            .collect();

        let mut owner: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, url) in urls.iter().enumerate() {
            if let Some((kind, _)) = GENERATED_PAGES
                .iter()
                .find(|(_, url_of)| url_of(&pages[i].lang) == *url)
            {
                let what = if *kind == "az" {
                    "the A–Z index"
                } else {
                    "the search page"
                };
                problems.push(
                    Diagnostic::error(
                        &pages[i].file,
                        format!("the address {url} belongs to {what}, which Puente writes"),
                    )
                    .with_hint("give this page a different `slug` or file name"),
                );
            } else if let Some(&first) = owner.get(url.as_str()) {
                problems.push(
                    Diagnostic::error(&pages[i].file, format!("two pages have the address {url}")).with_hint(format!(
                        "{} has it too; give one of them a different `slug`",
                        pages[first].file.display()
                    )),
                );
            } else {
                owner.insert(url, i);
            }
        }
        for page in &pages {
            for alias in &page.front.aliases {
                if let Some(&other) = owner.get(alias.value.as_str()) {
                    problems.push(
                        Diagnostic::error(
                            &page.file,
                            format!("the alias {} is the address of a page", alias.value),
                        )
                        .with_hint(format!("{} lives there; remove the alias", pages[other].file.display())),
                    );
                }
            }
        }

        let parent: Vec<Option<usize>> = pages
            .iter()
            .map(|p| parent_section(&p.rel).and_then(|rel| index.get(&(p.lang.clone(), rel)).copied()))
            .collect();
        let mut children = vec![Vec::new(); pages.len()];
        for (i, p) in parent.iter().enumerate() {
            if let Some(p) = p {
                children[*p].push(i);
            }
        }
        for list in &mut children {
            list.sort_by(|&a, &b| {
                (pages[a].front.weight, pages[a].title(), &pages[a].rel).cmp(&(
                    pages[b].front.weight,
                    pages[b].title(),
                    &pages[b].rel,
                ))
            });
        }

        for lang in &langs {
            if !index.contains_key(&(lang.clone(), "_index.md".to_string())) {
                problems.push(
                    Diagnostic::error(
                        pages.first().map_or_else(
                            || std::path::PathBuf::from(lang).join("_index.md"),
                            |p| p.sibling_file(lang, "_index.md"),
                        ),
                        format!("the `{lang}` home page is missing"),
                    )
                    .with_hint("every language needs an `_index.md` at the top of its folder"),
                );
            }
        }

        let site = Site {
            pages,
            urls,
            index,
            children,
            parent,
            drafts,
            failed,
            langs,
            facts: crate::load::facts::Registry::default(),
        };
        for (i, page) in site.pages.iter().enumerate() {
            for lang in &site.langs {
                let exists = site.find(lang, &page.rel).is_some() || site.is_draft(lang, &page.rel);
                if lang == &page.lang || exists || site.has_failed(lang, &page.rel) {
                    continue;
                }
                let to = site.translation(i, lang);
                problems.push(
                    Diagnostic::warning(
                        &page.file,
                        format!(
                            "this page has no `{lang}` translation ({})",
                            page.sibling_file(lang, &page.rel).display()
                        ),
                    )
                    .with_hint(format!(
                        "until it is written, the language switcher leads to {}",
                        to.url
                    ))
                    .in_group(TRANSLATIONS),
                );
            }
        }
        (site, problems)
    }

    /// The page at `rel` in `lang`, if it exists and is not a draft.
    pub fn find(&self, lang: &str, rel: &str) -> Option<usize> {
        self.index.get(&(lang.to_string(), rel.to_string())).copied()
    }

    pub fn has_failed(&self, lang: &str, rel: &str) -> bool {
        self.failed.iter().any(|(l, r)| l == lang && r == rel)
    }

    pub fn is_draft(&self, lang: &str, rel: &str) -> bool {
        self.drafts.iter().any(|p| p.lang == lang && p.rel == rel)
    }

    pub fn children(&self, i: usize) -> &[usize] {
        &self.children[i]
    }

    /// The home page of a language.
    pub fn home(&self, lang: &str) -> Option<usize> {
        self.find(lang, "_index.md")
    }

    /// The top-level sections of a language, in navigation order.
    pub fn top_sections(&self, lang: &str) -> Vec<usize> {
        self.home(lang)
            .map(|h| {
                self.children[h]
                    .iter()
                    .copied()
                    .filter(|&c| self.pages[c].is_section())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The sections above a page, from the home page down (the page itself excluded).
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut at = self.parent[i];
        while let Some(p) = at {
            chain.push(p);
            at = self.parent[p];
        }
        chain.reverse();
        chain
    }

    /// The previous and next ordinary pages of the same section.
    pub fn neighbours(&self, i: usize) -> (Option<usize>, Option<usize>) {
        if self.pages[i].is_section() {
            return (None, None);
        }
        let Some(parent) = self.parent[i] else {
            return (None, None);
        };
        let siblings: Vec<usize> = self.children[parent]
            .iter()
            .copied()
            .filter(|&c| !self.pages[c].is_section())
            .collect();
        let pos = siblings.iter().position(|&s| s == i);
        match pos {
            Some(p) => (p.checked_sub(1).map(|q| siblings[q]), siblings.get(p + 1).copied()),
            None => (None, None),
        }
    }

    /// Where page `i` is in `lang`: its translation, or else the nearest section above it that exists
    /// in `lang` (at worst that language's home page), never an address that does not exist.
    pub fn translation(&self, i: usize, lang: &str) -> Translation {
        let page = &self.pages[i];
        if let Some(t) = self.find(lang, &page.rel) {
            return Translation {
                lang: lang.to_string(),
                url: self.urls[t].clone(),
                is_fallback: false,
            };
        }
        let mut rel = parent_section(&page.rel);
        while let Some(r) = rel {
            if let Some(t) = self.find(lang, &r) {
                return Translation {
                    lang: lang.to_string(),
                    url: self.urls[t].clone(),
                    is_fallback: true,
                };
            }
            rel = parent_section(&r);
        }
        Translation {
            lang: lang.to_string(),
            url: format!("/{lang}/"),
            is_fallback: true,
        }
    }

    pub fn langs(&self) -> &[String] {
        &self.langs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parent_sections_walk_up_the_folders() {
        assert_eq!(parent_section("parole/x.md").as_deref(), Some("parole/_index.md"));
        assert_eq!(parent_section("parole/_index.md").as_deref(), Some("_index.md"));
        assert_eq!(parent_section("a/b/_index.md").as_deref(), Some("a/_index.md"));
        assert_eq!(parent_section("faq.md").as_deref(), Some("_index.md"));
        assert_eq!(parent_section("_index.md"), None);
    }
}
