//! Internal links, written by editors as relative paths to `.md` files, turned into page addresses.

use crate::diagnostics::did_you_mean;
use crate::resolve::site::Site;

/// Why a link cannot be followed, and what to do about it.
#[derive(Debug, PartialEq, Eq)]
pub struct BadLink {
    pub message: String,
    pub hint: String,
}

fn bad(message: String, hint: impl Into<String>) -> BadLink {
    BadLink {
        message,
        hint: hint.into(),
    }
}

/// Joins a relative link to the folder of the page it is written in; `None` when it climbs out of the
/// language folder.
fn join(from_rel: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = from_rel.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Where a link leads.
#[derive(Debug, PartialEq, Eq)]
pub struct Resolved {
    pub url: String,
    /// The page linked to, for an internal link to another page.
    pub target: Option<usize>,
}

/// The address for link `dest` written in page `from`. `anchors[i]` are the heading ids of page `i`.
pub fn resolve(site: &Site, anchors: &[Vec<String>], from: usize, dest: &str) -> Result<Resolved, BadLink> {
    let url = |u: String| Resolved { url: u, target: None };
    let lower = dest.to_ascii_lowercase();
    if ["https://", "http://", "mailto:", "tel:"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        return Ok(url(dest.to_string()));
    }
    let page = &site.pages[from];
    let check_anchor = |target: usize, anchor: &str| -> Result<(), BadLink> {
        if anchors[target].iter().any(|a| a == anchor) {
            return Ok(());
        }
        let hint = match did_you_mean(anchor, anchors[target].iter().map(String::as_str)) {
            Some(close) => format!("did you mean `#{close}`?"),
            None if anchors[target].is_empty() => "that page has no headings to link to".to_string(),
            None => format!(
                "its headings are: {}",
                anchors[target]
                    .iter()
                    .map(|a| format!("#{a}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let where_ = if target == from {
            "this page".to_string()
        } else {
            site.pages[target].file.display().to_string()
        };
        Err(bad(format!("link to a missing heading `#{anchor}` in {where_}"), hint))
    };
    if let Some(anchor) = dest.strip_prefix('#') {
        check_anchor(from, anchor)?;
        return Ok(url(dest.to_string()));
    }
    if dest.starts_with('/') {
        return Err(bad(
            format!("link `{dest}` is an address, not a page file"),
            "link to the page's Markdown file by its relative path, like `../travel/advance-parole.md`",
        ));
    }
    if lower.split('/').next().is_some_and(|first| first.contains(':')) {
        return Err(bad(
            format!("link `{dest}` uses an address type that is not allowed"),
            "use `https://`, `mailto:` or `tel:` links",
        ));
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (dest, None),
    };
    if !path.ends_with(".md") {
        return Err(bad(
            format!("link `{dest}` does not point to a page file"),
            "internal links point to a `.md` file, like `advance-parole.md` or `../help/faq.md#work`",
        ));
    }
    let Some(rel) = join(&page.rel, path) else {
        return Err(bad(
            format!("link `{dest}` leads outside the `{}` pages", page.lang),
            "link to a page of the same language with a path like `../help/faq.md`",
        ));
    };
    let Some(target) = site.find(&page.lang, &rel) else {
        if site.has_failed(&page.lang, &rel) {
            // The target's own errors are reported and stop the build; one message is enough.
            return Ok(url(dest.to_string()));
        }
        if site.is_draft(&page.lang, &rel) {
            return Err(bad(
                format!("link to `{rel}`, which is a draft"),
                "publish that page (remove `draft: true`) or remove the link",
            ));
        }
        let candidates: Vec<&str> = site
            .pages
            .iter()
            .filter(|p| p.lang == page.lang)
            .map(|p| p.rel.as_str())
            .collect();
        let hint = match did_you_mean(&rel, candidates) {
            Some(close) => {
                format!("did you mean `{close}`? (paths are relative to this page's folder)")
            }
            None => "check the file name; paths are relative to this page's folder".to_string(),
        };
        return Err(bad(
            format!(
                "link to a missing page `{rel}` ({})",
                page.sibling_file(&page.lang, &rel).display()
            ),
            hint,
        ));
    };
    let mut address = site.urls[target].clone();
    if let Some(anchor) = anchor {
        check_anchor(target, anchor)?;
        address.push('#');
        address.push_str(anchor);
    }
    Ok(Resolved {
        url: address,
        target: Some(target),
    })
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn relative_paths_join_to_the_page_folder() {
        assert_eq!(join("parole/x.md", "y.md").as_deref(), Some("parole/y.md"));
        assert_eq!(
            join("parole/x.md", "../travel/_index.md").as_deref(),
            Some("travel/_index.md")
        );
        assert_eq!(join("_index.md", "./help/faq.md").as_deref(), Some("help/faq.md"));
        assert_eq!(join("parole/x.md", "../../etc/passwd.md"), None);
    }
}
