//! The files of the whole site besides its pages: the A–Z index and search pages, 404 pages, the root
//! language chooser, robots.txt, the sitemap and the change feeds.

use super::*;

#[derive(Serialize)]
struct Choice<'a> {
    code: &'a str,
    name: &'a str,
    title: &'a str,
    description: &'a str,
    url: String,
    t: &'a BTreeMap<String, String>,
}

impl Renderer<'_> {
    /// The page of `lang` that places the "what changed" list.
    pub(super) fn changes_page(&self, lang: &str) -> Option<usize> {
        self.changes_pages.get(lang).copied()
    }

    pub(super) fn change_view(&self, lang: &str, item: crate::resolve::changes::Item) -> ChangeView {
        ChangeView {
            date: self.strings.format_date(lang, item.date),
            date_iso: item.date.to_string(),
            note: item.note,
            page_title: item.page_title,
            page_url: item.page_url,
        }
    }

    /// Each language's Atom feed of change notes.
    pub(super) fn feeds(&self) -> Vec<OutputFile> {
        self.site
            .langs()
            .iter()
            .filter_map(|lang| {
                let lang = lang.as_str();
                let t = self.strings.of(lang);
                let get = |k: &str| t.get(k).map_or("", String::as_str);
                let language = self.config.language(lang);
                let site_title = language.map_or("", |l| l.title.as_str());
                let page_url = self
                    .changes_page(lang)
                    .map_or_else(|| format!("/{lang}/"), |i| self.site.urls[i].clone());
                let fallback_updated = self
                    .site
                    .pages
                    .iter()
                    .filter(|p| p.lang == lang)
                    .map(|p| p.last_reviewed)
                    .max()
                    .or_else(|| puente_core::date::Date::new_const(2000, 1, 1))?;
                let title = get("changes_feed_title").replace("{site}", site_title);
                let info = crate::resolve::changes::FeedInfo {
                    lang,
                    title: &title,
                    subtitle: get("changes_feed_subtitle"),
                    author: site_title,
                    base_url: self.base_url,
                    page_url: &page_url,
                    fallback_updated,
                };
                Some(OutputFile {
                    path: crate::resolve::changes::feed_url(lang)
                        .trim_start_matches('/')
                        .to_string(),
                    bytes: crate::resolve::changes::atom(&info, &crate::resolve::changes::items(self.site, lang))
                        .into_bytes(),
                    is_html: false,
                })
            })
            .collect()
    }

    /// The A–Z index of `lang`, as its letters: every page, and the `###` terms of the glossary page.
    pub(super) fn az_letters(&self, lang: &str) -> Vec<serde_json::Value> {
        // Sorted by the title folded and without leading punctuation (`¿Qué es…?` is under Q).
        let fold = |t: &str| puente_core::search::fold(t.trim_start_matches(|c: char| !c.is_alphanumeric()));
        let mut entries: Vec<(String, serde_json::Value)> = Vec::new();
        for (i, page) in self.site.pages.iter().enumerate().filter(|(_, p)| p.lang == lang) {
            let entry = serde_json::json!({ "title": page.title(), "url": self.site.urls[i], "description": page.front.description.value, "term": false });
            entries.push((fold(page.title()), entry));
        }
        if let Some(glossary) = self.config.glossary_page.as_ref() {
            if let Some(g) = self.site.find(lang, &glossary.value) {
                for h in markdown::headings(self.site.pages[g].body())
                    .into_iter()
                    .filter(|h| h.level == 3)
                {
                    let url = format!("{}#{}", self.site.urls[g], h.id);
                    entries.push((
                        fold(&h.text),
                        serde_json::json!({ "title": h.text, "url": url, "term": true }),
                    ));
                }
            }
        }
        entries.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| a.1["url"].as_str().cmp(&b.1["url"].as_str()))
        });
        let mut letters: Vec<(String, Vec<serde_json::Value>)> = Vec::new();
        for (key, entry) in entries {
            let first = key.chars().find(|c| c.is_alphanumeric()).unwrap_or('#');
            let letter = if first.is_ascii_alphabetic() {
                first.to_ascii_uppercase().to_string()
            } else {
                "#".to_string()
            };
            match letters.last_mut() {
                Some((l, list)) if *l == letter => list.push(entry),
                _ => letters.push((letter, vec![entry])),
            }
        }
        letters
            .into_iter()
            .map(|(letter, entries)| {
                let id = if letter == "#" {
                    "0".to_string()
                } else {
                    letter.to_lowercase()
                };
                serde_json::json!({ "letter": letter, "id": id, "entries": entries })
            })
            .collect()
    }

    /// The A–Z index and the search page of every language: a partial (`partials/a-z.html`,
    /// `partials/search.html`) rendered as the content of `page.html`.
    pub(super) fn generated_pages(&self) -> (Vec<OutputFile>, Vec<Diagnostic>) {
        let mut files = Vec::new();
        let mut problems = Vec::new();
        let theme_file = |name: &str| std::path::PathBuf::from(format!("themes/…/templates/{name}"));
        for lang in self.site.langs() {
            let t = self.strings.of(lang);
            for (kind, url_of) in GENERATED_PAGES {
                let mut ctx = tera::Context::new();
                ctx.insert("t", t);
                ctx.insert("az_url", &az_url(lang));
                let partial = match kind {
                    "az" => {
                        ctx.insert("letters", &self.az_letters(lang));
                        "partials/a-z.html"
                    }
                    _ => {
                        ctx.insert("assets", &self.theme.asset_urls);
                        ctx.insert("index_url", &self.search.get(lang).map_or("", |s| s.index_url.as_str()));
                        ctx.insert("glue_url", &self.widgets.search_glue_url);
                        ctx.insert("strings", &self.search_strings.get(lang).map_or("{}", String::as_str));
                        "partials/search.html"
                    }
                };
                let content = match self.theme.tera.render(partial, &ctx) {
                    Ok(html) => html,
                    Err(e) => {
                        problems.push(self.template_error(&theme_file(partial), partial, lang, &e));
                        continue;
                    }
                };
                let url = url_of(lang);
                let (languages, alternates, x_default) = self.language_links(lang, |code| (url_of(code), false));
                let title = t.get(&format!("{kind}_title")).map_or("", String::as_str);
                let description = t.get(&format!("{kind}_description")).map_or("", String::as_str);
                let ctx = PageContext {
                    content,
                    languages,
                    alternates,
                    x_default,
                    ..PageContext::generated(self.common(lang, None), kind, title, description, &url)
                };
                match self.page_html(&ctx) {
                    Ok(file) => files.push(file),
                    Err(e) => problems.push(self.template_error(&theme_file("page.html"), "page.html", lang, &e)),
                }
            }
        }
        (files, problems)
    }

    /// The not-found page of each language, the root page that sends readers to their language, the
    /// generated pages, the sitemap, robots.txt, and the hosting rules `_headers` and `_redirects`.
    pub fn site_files(&self) -> (Vec<OutputFile>, Vec<Diagnostic>) {
        let (mut files, mut problems) = self.generated_pages();
        let theme_file = |name: &str| std::path::PathBuf::from(format!("themes/…/templates/{name}"));
        for lang in self.site.langs() {
            let t = self.strings.of(lang);
            let title = t.get("not_found_title").map_or("", String::as_str);
            let description = t.get("not_found_text").map_or("", String::as_str);
            let ctx = PageContext {
                children: self
                    .site
                    .top_sections(lang)
                    .into_iter()
                    .map(|s| Child {
                        title: self.site.pages[s].title().to_string(),
                        url: self.site.urls[s].clone(),
                        description: self.site.pages[s].front.description.value.clone(),
                    })
                    .collect(),
                languages: self
                    .config
                    .languages
                    .iter()
                    .map(|l| Switch {
                        code: l.code.value.clone(),
                        name: l.name.clone(),
                        url: format!("/{}/", l.code.value),
                        current: &l.code.value == lang,
                        fallback: false,
                    })
                    .collect(),
                ..PageContext::generated(self.common(lang, None), "404", title, description, "")
            };
            let rendered = tera::Context::from_serialize(&ctx).and_then(|c| self.theme.tera.render("404.html", &c));
            match rendered {
                Ok(html) => {
                    // Hosts that know only one 404 page (GitHub Pages, a plain server) get the default
                    // language's at the root.
                    if lang == self.config.default_language.value.as_str() {
                        files.push(OutputFile {
                            path: "404.html".into(),
                            bytes: html.clone().into_bytes(),
                            is_html: true,
                        });
                    }
                    files.push(OutputFile {
                        path: format!("{lang}/404.html"),
                        bytes: html.into_bytes(),
                        is_html: true,
                    });
                }
                Err(e) => problems.push(self.template_error(&theme_file("404.html"), "404.html", lang, &e)),
            }
        }

        let choices: Vec<Choice<'_>> = self
            .config
            .languages
            .iter()
            .map(|l| Choice {
                code: &l.code.value,
                name: &l.name,
                title: &l.title,
                description: &l.description,
                url: format!("/{}/", l.code.value),
                t: self.strings.of(&l.code.value),
            })
            .collect();
        let mut ctx = tera::Context::new();
        ctx.insert("choices", &choices);
        ctx.insert("default_lang", &self.config.default_language.value);
        ctx.insert("assets", &self.theme.asset_urls);
        ctx.insert("base_url", self.base_url);
        ctx.insert(
            "alternates",
            &choices
                .iter()
                .map(|c| Alternate {
                    hreflang: c.code.to_string(),
                    href: format!("{}{}", self.base_url, c.url),
                })
                .collect::<Vec<_>>(),
        );
        match self.theme.tera.render("root.html", &ctx) {
            Ok(html) => files.push(OutputFile {
                path: "index.html".into(),
                bytes: html.into_bytes(),
                is_html: true,
            }),
            Err(e) => problems.push(self.template_error(
                &theme_file("root.html"),
                "root.html",
                &self.config.default_language.value,
                &e,
            )),
        }

        files.extend(self.feeds());
        files.push(OutputFile {
            path: "sitemap.xml".into(),
            bytes: self.sitemap().into_bytes(),
            is_html: false,
        });
        files.push(OutputFile {
            path: "robots.txt".into(),
            bytes: format!("User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n", self.base_url).into_bytes(),
            is_html: false,
        });
        files.push(OutputFile {
            path: "_headers".into(),
            bytes: crate::render::hosting::headers(self.config).into_bytes(),
            is_html: false,
        });
        files.push(OutputFile {
            path: "_redirects".into(),
            bytes: crate::render::hosting::redirects(self.config, self.site).into_bytes(),
            is_html: false,
        });
        (files, problems)
    }

    /// `sitemap.xml` with each page's translations as `xhtml:link` alternates.
    pub fn sitemap(&self) -> String {
        let site = self.site;
        let mut order: Vec<usize> = (0..site.pages.len()).collect();
        order.sort_by(|&a, &b| site.urls[a].cmp(&site.urls[b]));
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
        );
        for i in order {
            let loc = format!("{}{}", self.base_url, site.urls[i]);
            xml.push_str(&format!(
                "  <url>\n    <loc>{}</loc>\n    <lastmod>{}</lastmod>\n",
                markdown::escape(&loc),
                site.pages[i].last_reviewed
            ));
            let mut default_href = None;
            for lang in site.langs() {
                if let Some(t) = site.find(lang, &site.pages[i].rel) {
                    let href = markdown::escape(&format!("{}{}", self.base_url, site.urls[t]));
                    xml.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{href}\"/>\n"
                    ));
                    if lang == &self.config.default_language.value {
                        default_href = Some(href);
                    }
                }
            }
            if let Some(href) = default_href {
                xml.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{href}\"/>\n"
                ));
            }
            xml.push_str("  </url>\n");
        }
        // Every step of the guide is a page too.
        if let Some(loaded) = self.flow {
            let states = loaded.flow.states().unwrap_or_default();
            let hosts: Vec<usize> = (0..site.pages.len())
                .filter(|&i| {
                    markdown::widget_names(site.pages[i].body())
                        .iter()
                        .any(|n| n == "eligibility")
                })
                .collect();
            for &host in &hosts {
                for (history, _) in states.iter().filter(|(h, _)| !h.is_empty()) {
                    let loc = format!("{}{}", self.base_url, self.flow_url(host, history));
                    xml.push_str(&format!("  <url>\n    <loc>{}</loc>\n", markdown::escape(&loc)));
                    for lang in site.langs() {
                        if let Some(other) = site.find(lang, &site.pages[host].rel) {
                            let href = markdown::escape(&format!("{}{}", self.base_url, self.flow_url(other, history)));
                            xml.push_str(&format!(
                                "    <xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{href}\"/>\n"
                            ));
                        }
                    }
                    xml.push_str("  </url>\n");
                }
            }
        }
        // The A–Z index and the search page of each language.
        for (_, url_of) in GENERATED_PAGES {
            for lang in site.langs() {
                let loc = markdown::escape(&format!("{}{}", self.base_url, url_of(lang)));
                xml.push_str(&format!("  <url>\n    <loc>{loc}</loc>\n"));
                for other in site.langs() {
                    let href = markdown::escape(&format!("{}{}", self.base_url, url_of(other)));
                    xml.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{other}\" href=\"{href}\"/>\n"
                    ));
                }
                xml.push_str("  </url>\n");
            }
        }
        xml.push_str("</urlset>\n");
        xml
    }
}
