//! What changed: the pages' dated change notes (front matter `changes`), gathered per language for the
//! "what changed" page (the ```` ```widget ```` `name: changes` block) and written as an Atom feed per
//! language, `/<lang>/changes.xml`, which every page's head links to.

use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};
use puente_core::date::Date;
use serde::Serialize;

use crate::resolve::site::Site;

/// The feed's address in `lang`.
pub fn feed_url(lang: &str) -> String {
    format!("/{lang}/changes.xml")
}

/// One note of one page.
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    pub date: Date,
    pub note: String,
    pub page_title: String,
    pub page_url: String,
}

/// Every note of the published pages of `lang`, newest first (then by address, then as written).
pub fn items(site: &Site, lang: &str) -> Vec<Item> {
    let mut items: Vec<Item> = site
        .pages
        .iter()
        .zip(&site.urls)
        .filter(|(p, _)| p.lang == lang)
        .flat_map(|(p, url)| {
            p.changes.iter().map(move |c| Item {
                date: c.date,
                note: c.note.clone(),
                page_title: p.title().to_string(),
                page_url: url.clone(),
            })
        })
        .collect();
    // Stable: notes of one page and day keep their written order.
    items.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.page_url.cmp(&b.page_url)));
    items
}

fn at_midnight(date: Date) -> FixedDateTime {
    FixedDateTime::parse_from_rfc3339(&format!("{date}T00:00:00Z")).unwrap_or_default()
}

fn link(href: String, rel: &str, mime: Option<&str>, lang: &str) -> Link {
    let mut l = Link::default();
    l.set_href(href);
    l.set_rel(rel.to_string());
    l.set_hreflang(Some(lang.to_string()));
    l.set_mime_type(mime.map(str::to_string));
    l
}

/// What a feed says about itself.
pub struct FeedInfo<'a> {
    pub lang: &'a str,
    pub title: &'a str,
    pub subtitle: &'a str,
    pub author: &'a str,
    /// Absolute: `https://example.org`, no trailing slash.
    pub base_url: &'a str,
    /// The page readers are sent to: "what changed", or the home page.
    pub page_url: &'a str,
    /// When there are no notes: the feed's date (the newest review of the language's pages).
    pub fallback_updated: Date,
}

/// The Atom feed of `items`. Deterministic: its dates are the notes' own.
pub fn atom(info: &FeedInfo<'_>, items: &[Item]) -> String {
    let base = info.base_url;
    let mut seen: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    let entries: Vec<Entry> = items
        .iter()
        .map(|item| {
            let key = format!("{}{}#update-{}", base, item.page_url, item.date);
            let n = seen.entry(key.clone()).or_insert(0);
            *n += 1;
            let id = if *n == 1 { key } else { format!("{key}-{n}") };
            let mut e = Entry::default();
            e.set_id(id);
            e.set_title(Text::plain(format!("{}: {}", item.page_title, item.note)));
            e.set_updated(at_midnight(item.date));
            e.set_published(Some(at_midnight(item.date)));
            e.set_summary(Some(Text::plain(item.note.clone())));
            e.set_links(vec![link(
                format!("{base}{}", item.page_url),
                "alternate",
                Some("text/html"),
                info.lang,
            )]);
            e
        })
        .collect();
    let updated = items.first().map_or(info.fallback_updated, |i| i.date);
    let mut author = Person::default();
    author.set_name(info.author.to_string());
    author.set_uri(Some(format!("{base}/{}/", info.lang)));
    let mut feed = Feed::default();
    feed.set_id(format!("{base}{}", feed_url(info.lang)));
    feed.set_title(Text::plain(info.title.to_string()));
    feed.set_subtitle(Some(Text::plain(info.subtitle.to_string())));
    feed.set_updated(at_midnight(updated));
    feed.set_authors(vec![author]);
    feed.set_lang(Some(info.lang.to_string()));
    feed.set_links(vec![
        link(
            format!("{base}{}", feed_url(info.lang)),
            "self",
            Some("application/atom+xml"),
            info.lang,
        ),
        link(
            format!("{base}{}", info.page_url),
            "alternate",
            Some("text/html"),
            info.lang,
        ),
    ]);
    feed.set_entries(entries);
    feed.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(date: &str, note: &str, url: &str) -> Item {
        Item {
            date: Date::parse(date).unwrap(),
            note: note.into(),
            page_title: "Family reunification parole".into(),
            page_url: url.into(),
        }
    }

    #[test]
    fn the_feed_is_atom_with_one_entry_per_note_and_the_newest_date() {
        let items = [
            item(
                "2026-12-02",
                "A court blocked the end of family reunification parole.",
                "/en/programs/frp/",
            ),
            item("2026-12-02", "A second note the same day.", "/en/programs/frp/"),
            item("2026-01-25", "Older <note> & more.", "/en/programs/frp/"),
        ];
        let info = FeedInfo {
            lang: "en",
            title: "Puente: what changed",
            subtitle: "Changes to the guide",
            author: "Puente",
            base_url: "https://example.org",
            page_url: "/en/help/what-changed/",
            fallback_updated: Date::parse("2026-01-01").unwrap(),
        };
        let xml = atom(&info, &items);
        let feed: Feed = xml.parse().expect("the feed parses as Atom");
        assert_eq!(feed.id(), "https://example.org/en/changes.xml");
        assert_eq!(feed.updated().to_rfc3339(), "2026-12-02T00:00:00+00:00");
        assert_eq!(feed.entries().len(), 3);
        let ids: Vec<&str> = feed.entries().iter().map(Entry::id).collect();
        assert_eq!(
            ids,
            [
                "https://example.org/en/programs/frp/#update-2026-12-02",
                "https://example.org/en/programs/frp/#update-2026-12-02-2",
                "https://example.org/en/programs/frp/#update-2026-01-25"
            ]
        );
        assert_eq!(
            feed.entries()[2].summary().map(|s| s.value.as_str()),
            Some("Older <note> & more.")
        );
        assert!(xml.contains("Older &lt;note&gt; &amp; more."));
        assert_eq!(xml, atom(&info, &items), "deterministic");
    }

    #[test]
    fn a_feed_without_notes_is_dated_by_the_fallback() {
        let info = FeedInfo {
            lang: "es",
            title: "t",
            subtitle: "s",
            author: "a",
            base_url: "https://example.org",
            page_url: "/es/",
            fallback_updated: Date::parse("2026-11-25").unwrap(),
        };
        let feed: Feed = atom(&info, &[]).parse().unwrap();
        assert!(feed.entries().is_empty());
        assert_eq!(feed.updated().to_rfc3339(), "2026-11-25T00:00:00+00:00");
    }
}
